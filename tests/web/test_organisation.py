import re
from datetime import UTC, datetime, timedelta

import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Invitation, Membership, Role
from funding_matcher.operations.accounts import find_user, membership_of
from tests.conftest import PASSWORD, again, loaded
from tests.web.mailbox import smtp_server


@pytest.fixture
def org(make_org):
    return make_org("Diakonie Dortmund", "verband")


@pytest.fixture
def inbox(app):
    with smtp_server(app, base_url="https://foerdermittel.example.org") as received:
        yield received


def invite(client, inbox, email: str, role: str = "viewer") -> str:
    """Invite as the signed-in owner; the path of the link that arrived by e-mail."""
    response = client.post("/organisation/mitglieder", data={"email": email, "role": role})
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    assert "/einladung/" not in response.get_data(as_text=True)  # never shown to the inviter
    body = inbox.to(email)[-1].get_content()
    return re.search(r"https://foerdermittel\.example\.org(/einladung/\S+)", body).group(1)


def test_invited_person_sets_their_password_and_joins(app, client, login, org, make_user, inbox):
    login(make_user(org, Role.owner))
    link = invite(client, inbox, "neu@diakonie.de")
    assert "neu@diakonie.de" in client.get("/organisation/").get_data(as_text=True)
    client.post("/abmelden")
    assert "Einladung zu Diakonie Dortmund" in client.get(link).get_data(as_text=True)
    weak = client.post(f"{link}/konto", data={"password": "kurz", "password_repeat": "kurz"})
    assert weak.status_code == 422
    assert "mindestens 12 Zeichen" in weak.get_data(as_text=True)
    joined = client.post(
        f"{link}/konto",
        data={
            "name": "Neu",
            "password": "Gartenfest im Quartier",
            "password_repeat": "Gartenfest im Quartier",
        },
    )
    assert joined.status_code == 303
    with app.app_context():
        user = loaded(find_user("neu@diakonie.de"))
        assert membership_of(user, org.id).role is Role.viewer
    assert client.get(link).status_code == 404  # used up
    client.post("/abmelden")
    again = client.post(
        f"{link}/konto",
        data={"password": "Anderes Passwort im Quartier", "password_repeat": "x"},
    )
    assert again.status_code == 404


def test_h1_the_inviter_cannot_squat_the_invitees_account(
    app, client, login, org, make_org, make_user, inbox
):
    """The probe: org A's owner used the shown link to create the invitee's account; later
    invitations of org B landed in the squatter's account and A read B's projects."""
    login(make_user(org, Role.owner))
    response = client.post(
        "/organisation/mitglieder", data={"email": "opfer@example.org", "role": "editor"}
    )
    page = response.get_data(as_text=True)
    assert "/einladung/" not in page
    assert "fm_" not in page
    assert "verschickt" in page
    # Nothing else on the owner's pages carries the token either.
    for path in ("/organisation/", "/"):
        assert "/einladung/" not in client.get(path).get_data(as_text=True)
    with app.app_context():
        assert find_user("opfer@example.org") is None
    # Only the mailbox's owner sets the password; then B's invitation reaches the real person.
    link = re.search(r"(/einladung/\S+)", inbox.to("opfer@example.org")[0].get_content()).group(1)
    client.post("/abmelden")
    client.post(
        f"{link}/konto",
        data={"password": "Mein eigenes Passwort", "password_repeat": "Mein eigenes Passwort"},
    )
    with app.app_context():
        victim = loaded(find_user("opfer@example.org"))
        assert membership_of(victim, org.id).role is Role.editor


def test_expired_invitation_links_answer_404(app, client, login, org, make_user, inbox):
    login(make_user(org, Role.owner))
    link = invite(client, inbox, "spaet@example.org")
    with app.app_context():
        invitation = db.session.scalars(db.select(Invitation)).one()
        invitation.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
    client.post("/abmelden")
    assert client.get(link).status_code == 404
    assert client.post(f"{link}/konto", data={"password": "x"}).status_code == 404


def test_no_answer_tells_whether_an_address_has_an_account(
    app, client, login, org, make_org, make_user, inbox
):
    existing = make_user(make_org("Anderer Verband"), Role.owner, email="da@example.org")
    owner = make_user(org, Role.owner)
    login(owner)
    known = client.post(
        "/organisation/mitglieder", data={"email": "da@example.org", "role": "editor"}
    )
    unknown = client.post(
        "/organisation/mitglieder", data={"email": "nie@example.org", "role": "editor"}
    )
    assert known.status_code == unknown.status_code == 201

    def notice(response, email: str) -> str:
        page = response.get_data(as_text=True)
        text = re.search(r'<div class="notice" role="status">(.*?)</div>', page, re.S).group(1)
        return text.replace(email, "EMAIL")

    assert notice(known, "da@example.org") == notice(unknown, "nie@example.org")

    def mail(email: str) -> str:
        return re.sub(r"/einladung/\S+", "LINK", inbox.to(email)[0].get_content())

    assert mail("da@example.org") == mail("nie@example.org")
    # The page behind the link is the same, too (both ways offered).
    links = {
        email: re.search(r"(/einladung/\S+)", inbox.to(email)[0].get_content()).group(1)
        for email in ("da@example.org", "nie@example.org")
    }
    client.post("/abmelden")
    client.get("/anmelden")  # shows the sign-out message once
    pages = {
        email: client.get(link).get_data(as_text=True).replace(email, "EMAIL").replace(link, "LINK")
        for email, link in links.items()
    }
    assert pages["da@example.org"] == pages["nie@example.org"]
    with app.app_context():
        assert membership_of(again(existing), org.id) is None  # nobody is added without consent


def test_an_existing_account_accepts_by_signing_in_never_by_a_new_password(
    app, client, login, org, make_org, make_user, inbox
):
    existing = make_user(make_org("Anderer Verband"), Role.owner, email="da@example.org")
    login(make_user(org, Role.owner))
    link = invite(client, inbox, "da@example.org", "editor")
    client.post("/abmelden")
    refused = client.post(
        f"{link}/konto",
        data={"password": "Ein ganz neues Passwort", "password_repeat": "Ein ganz neues Passwort"},
    )
    assert refused.status_code == 422
    assert "bitte melden sie sich an" in refused.get_data(as_text=True).lower()
    assert (
        client.post("/anmelden", data={"email": "da@example.org", "password": PASSWORD}).status_code
        == 302
    )
    with app.app_context():
        assert membership_of(again(existing), org.id) is None
    # By the link after signing in, or from the dashboard.
    dashboard = client.get("/").get_data(as_text=True)
    assert "Einladung von Diakonie Dortmund annehmen" in dashboard
    invitation_id = int(re.search(r"/einladungen/(\d+)/annehmen", dashboard).group(1))
    assert client.post(f"/einladungen/{invitation_id}/annehmen").status_code == 303
    with app.app_context():
        assert membership_of(again(existing), org.id).role is Role.editor


def test_invitation_links_come_from_base_url_not_the_host_header(
    client, login, org, make_user, inbox
):
    owner = make_user(org, Role.owner)
    host = {"Host": "angreifer.example"}  # what a client (or a proxy left open) can send
    client.post("/anmelden", data={"email": owner.email, "password": PASSWORD}, headers=host)
    response = client.post(
        "/organisation/mitglieder",
        data={"email": "wer@example.org", "role": "viewer"},
        headers=host,
    )
    assert response.status_code == 201
    body = inbox.to("wer@example.org")[0].get_content()
    assert "angreifer.example" not in body
    assert "https://foerdermittel.example.org/einladung/" in body


def test_without_mail_the_owner_is_told_and_still_sees_no_link(client, login, org, make_user):
    login(make_user(org, Role.owner))
    response = client.post("/organisation/mitglieder", data={"email": "x@example.org"})
    page = response.get_data(as_text=True)
    assert response.status_code == 201
    assert "kein\n      E-Mail-Versand eingerichtet" in page or "E-Mail-Versand" in page
    assert "/einladung/" not in page


def test_someone_else_cannot_accept_an_invitation(
    app, client, login, org, make_org, make_user, inbox
):
    login(make_user(org, Role.owner))
    link = invite(client, inbox, "gemeint@example.org")
    client.post("/abmelden")
    intruder = make_user(make_org("Fremd"), Role.owner, email="fremd@example.org")
    login(intruder)
    response = client.post(f"{link}/annehmen", follow_redirects=True)
    assert "Diese Einladung gilt für gemeint@example.org" in response.get_data(as_text=True)
    with app.app_context():
        assert membership_of(again(intruder), org.id) is None
    assert client.get("/einladung/fm_unbekannt").status_code == 404


def test_last_owner_cannot_be_demoted_or_removed(app, client, login, org, make_user):
    owner = make_user(org, Role.owner)
    login(owner)
    with app.app_context():
        membership = loaded(membership_of(again(owner), org.id))
    page = client.post(
        f"/organisation/mitglieder/{membership.id}/rolle",
        data={"role": "viewer"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "mindestens eine verwaltende Person" in page
    client.post(f"/organisation/mitglieder/{membership.id}/entfernen")
    with app.app_context():
        assert db.session.get(Membership, membership.id).role is Role.owner


def test_editors_see_members_but_change_nothing(app, client, login, org, make_user):
    other = make_user(org, Role.viewer)
    login(make_user(org, Role.editor))
    assert other.email in client.get("/organisation/").get_data(as_text=True)
    with app.app_context():
        membership = loaded(membership_of(again(other), org.id))
    assert (
        client.post(
            f"/organisation/mitglieder/{membership.id}/rolle", data={"role": "owner"}
        ).status_code
        == 403
    )
    assert client.post("/organisation/mitglieder", data={"email": "x@y.de"}).status_code == 403


def test_memberships_of_other_organisations_answer_404(
    app, client, login, org, make_org, make_user
):
    stranger = make_user(make_org("Andere"), Role.owner)
    login(make_user(org, Role.owner))
    with app.app_context():
        membership = loaded(membership_of(again(stranger), stranger.memberships[0].organisation_id))
    assert client.post(f"/organisation/mitglieder/{membership.id}/entfernen").status_code == 404
