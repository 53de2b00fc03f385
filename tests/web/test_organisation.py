import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Membership, Role
from funding_matcher.operations.accounts import membership_of


@pytest.fixture
def org(make_org):
    return make_org("Diakonie Dortmund", "verband")


def test_owner_adds_a_new_member_who_can_sign_in(client, login, org, make_user):
    login(make_user(org, Role.owner))
    response = client.post(
        "/organisation/mitglieder",
        data={
            "email": "neu@diakonie.de",
            "name": "Neu",
            "role": "viewer",
            "password": "ein-langes-passwort",
        },
    )
    assert response.status_code == 302
    page = client.get("/organisation/").get_data(as_text=True)
    assert "neu@diakonie.de" in page
    client.post("/abmelden")
    answer = client.post(
        "/anmelden", data={"email": "neu@diakonie.de", "password": "ein-langes-passwort"}
    )
    assert answer.status_code == 302


def test_adding_a_new_account_without_password_names_the_field(client, login, org, make_user):
    login(make_user(org, Role.owner))
    response = client.post(
        "/organisation/mitglieder", data={"email": "neu@diakonie.de", "role": "editor"}
    )
    assert response.status_code == 422
    assert "mindestens 10 Zeichen" in response.get_data(as_text=True)


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
