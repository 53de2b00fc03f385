import re

import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Membership, Role
from funding_matcher.operations.accounts import find_user, membership_of


@pytest.fixture
def org(make_org):
    return make_org("Diakonie Dortmund", "verband")


def invite(client, email: str, role: str = "viewer") -> str:
    response = client.post("/organisation/mitglieder", data={"email": email, "role": role})
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    page = response.get_data(as_text=True)
    return re.search(r'id="invitation-link">https?://[^/]+(/einladung/[^<]+)<', page).group(1)


def test_invited_person_creates_an_account_and_joins(client, login, org, make_user):
    login(make_user(org, Role.owner))
    link = invite(client, "neu@diakonie.de")
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
    user = find_user("neu@diakonie.de")
    assert membership_of(user, org.id).role is Role.viewer
    assert client.get(link).status_code == 404  # used up


def test_invitation_does_not_reveal_accounts_and_existing_users_accept_on_login(
    client, login, org, make_org, make_user
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
        return re.sub(r"/einladung/[^<]+", "LINK", text.replace(email, "EMAIL"))

    assert notice(known, "da@example.org") == notice(unknown, "nie@example.org")
    assert membership_of(existing, org.id) is None  # nobody is added without consent
    client.post("/abmelden")
    login(existing)
    dashboard = client.get("/").get_data(as_text=True)
    assert "Einladung von Diakonie Dortmund annehmen" in dashboard
    invitation_id = int(re.search(r"/einladungen/(\d+)/annehmen", dashboard).group(1))
    assert client.post(f"/einladungen/{invitation_id}/annehmen").status_code == 303
    assert membership_of(existing, org.id).role is Role.editor


def test_someone_else_cannot_accept_an_invitation(client, login, org, make_org, make_user):
    login(make_user(org, Role.owner))
    link = invite(client, "gemeint@example.org")
    client.post("/abmelden")
    intruder = make_user(make_org("Fremd"), Role.owner, email="fremd@example.org")
    login(intruder)
    response = client.post(f"{link}/annehmen", follow_redirects=True)
    assert "Diese Einladung gilt für gemeint@example.org" in response.get_data(as_text=True)
    assert membership_of(intruder, org.id) is None
    assert client.get("/einladung/fm_unbekannt").status_code == 404


def test_last_owner_cannot_be_demoted_or_removed(client, login, org, make_user):
    owner = make_user(org, Role.owner)
    login(owner)
    membership = membership_of(owner, org.id)
    page = client.post(
        f"/organisation/mitglieder/{membership.id}/rolle",
        data={"role": "viewer"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "mindestens eine verwaltende Person" in page
    client.post(f"/organisation/mitglieder/{membership.id}/entfernen")
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role is Role.owner


def test_editors_see_members_but_change_nothing(client, login, org, make_user):
    other = make_user(org, Role.viewer)
    login(make_user(org, Role.editor))
    assert other.email in client.get("/organisation/").get_data(as_text=True)
    membership = membership_of(other, org.id)
    assert (
        client.post(
            f"/organisation/mitglieder/{membership.id}/rolle", data={"role": "owner"}
        ).status_code
        == 403
    )
    assert client.post("/organisation/mitglieder", data={"email": "x@y.de"}).status_code == 403


def test_memberships_of_other_organisations_answer_404(client, login, org, make_org, make_user):
    stranger = make_user(make_org("Andere"), Role.owner)
    login(make_user(org, Role.owner))
    membership = membership_of(stranger, stranger.memberships[0].organisation_id)
    assert client.post(f"/organisation/mitglieder/{membership.id}/entfernen").status_code == 404
