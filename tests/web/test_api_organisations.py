"""api-v1 organisations: 201 for a new one (a consultancy's token makes a client), 4xx naming
the field, and isolation (a client never sees another client or the consultancy's other
clients)."""

from __future__ import annotations

import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Organisation, ProjectProfile, Role
from tests.conftest import bearer, loaded, profile_data


@pytest.fixture
def consultancy(make_org):
    return make_org("Lange Fördermittelberatung", "beratung")


@pytest.fixture
def petra(consultancy, make_user):
    return make_user(consultancy, Role.owner, email="petra@beratung.de")


def new_client(client, headers, name, kind="verband", state="NI"):
    response = client.post(
        "/api/v1/organisations", json={"name": name, "kind": kind, "state": state}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_consultancy_token_creates_a_client_owned_by_the_caller(app, client, consultancy, petra):
    body = new_client(client, bearer(petra, consultancy), "Diakonisches Werk Hannover e. V.")
    assert body["kind"] == "verband"
    assert body["state"] == "NI"
    assert body["role"] == "owner"
    assert body["consultancy"] == {"id": consultancy.id, "name": "Lange Fördermittelberatung"}
    with app.app_context():
        assert db.session.get(Organisation, body["id"]).consultancy_id == consultancy.id


def test_another_organisations_token_creates_a_standalone_organisation(client, make_org, make_user):
    city = make_org("Landeshauptstadt Hannover", "kommune")
    body = new_client(client, bearer(make_user(city, Role.viewer), city), "Stadt Hannover Jugend")
    assert body["consultancy"] is None
    assert body["role"] == "owner"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "verband", "state": "NI"}, "name"),
        ({"name": "X", "kind": "verband", "state": "NI"}, "name"),
        ({"name": "Neuer Träger", "kind": "firma", "state": "NI"}, "kind"),
        ({"name": "Neuer Träger", "kind": "verband", "state": "Niedersachsen"}, "state"),
        ({"name": "Neuer Träger", "kind": "verband"}, "state"),
        ({"name": "Neuer Träger", "kind": "verband", "state": "NI", "owner": 1}, "owner"),
        ({"name": "Zeile\nzwei", "kind": "verband", "state": "NI"}, "name"),
        ({"name": "Lange Fördermittelberatung", "kind": "verband", "state": "NI"}, "name"),
        ({"name": "LANGE FÖRDERMITTELBERATUNG", "kind": "verband", "state": "NI"}, "name"),
    ],
)
def test_bad_input_answers_400_naming_the_field(app, client, consultancy, petra, payload, field):
    with app.app_context():
        before = db.session.query(Organisation).count()
    response = client.post(
        "/api/v1/organisations", json=payload, headers=bearer(petra, consultancy)
    )
    assert response.status_code == 400
    assert field in response.get_json()["fields"], response.get_json()
    with app.app_context():
        assert db.session.query(Organisation).count() == before


def test_a_viewer_of_the_consultancy_may_not_create_clients(app, client, consultancy, make_user):
    viewer = make_user(consultancy, Role.viewer)
    response = client.post(
        "/api/v1/organisations",
        json={"name": "Neuer Mandant", "kind": "verein", "state": "BE"},
        headers=bearer(viewer, consultancy),
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.query(Organisation).filter_by(name="Neuer Mandant").count() == 0


def test_without_a_token_401(client):
    assert client.get("/api/v1/organisations").status_code == 401
    assert client.post("/api/v1/organisations", json={}).status_code == 401


def test_clients_are_isolated_from_each_other(app, client, consultancy, petra, make_user):
    headers = bearer(petra, consultancy)
    diakonie = new_client(client, headers, "Diakonisches Werk Hannover e. V.")
    stadt = new_client(client, headers, "Landeshauptstadt Hannover", "kommune")
    other = new_client(client, headers, "Nachbarschaftsverein Linden e. V.", "verein")
    # The consultancy's colleague sees every client with the role they have in the consultancy.
    colleague = make_user(consultancy, Role.editor, email="yilmaz@beratung.de")
    seen = client.get("/api/v1/organisations", headers=bearer(colleague, consultancy)).get_json()
    by_id = {o["id"]: o for o in seen["organisations"]}
    assert set(by_id) == {consultancy.id, diakonie["id"], stadt["id"], other["id"]}
    assert by_id[diakonie["id"]]["access"] == "consultancy"
    assert by_id[diakonie["id"]]["role"] == "editor"
    assert sorted(by_id[consultancy.id]["clients"]) == sorted(
        [diakonie["id"], stadt["id"], other["id"]]
    )

    # The Diakonie's own person sees the Diakonie only: no other client, no client list.
    with app.app_context():
        diakonie_org = loaded(db.session.get(Organisation, diakonie["id"]))
    sabine = make_user(diakonie_org, Role.owner, email="kroeger@diakonie.de")
    sabine_headers = bearer(sabine, diakonie_org)
    own = client.get("/api/v1/organisations", headers=sabine_headers).get_json()
    assert [o["id"] for o in own["organisations"]] == [diakonie["id"]]
    assert "clients" not in own["organisations"][0]
    # Her token reaches no object of another client (404, as for any foreign id).
    with app.app_context():
        stadt_org = loaded(db.session.get(Organisation, stadt["id"]))
    project = client.post(
        "/api/v1/projects", json=profile_data(), headers=bearer(petra, stadt_org)
    ).get_json()
    assert (
        client.get(f"/api/v1/projects/{project['id']}", headers=sabine_headers).status_code == 404
    )
    # The consultancy colleague's token for the Stadt reads it.
    assert (
        client.get(
            f"/api/v1/projects/{project['id']}", headers=bearer(colleague, stadt_org)
        ).status_code
        == 200
    )
    # And a client's token creating an organisation does not make a client of the client.
    standalone = new_client(client, sabine_headers, "Diakonie Jugendhilfe gGmbH")
    assert standalone["consultancy"] is None
    with app.app_context():
        assert db.session.query(ProjectProfile).count() == 1


def test_a_name_taken_with_letters_the_database_does_not_fold_is_a_400(client, consultancy, petra):
    """SQLite's lower() folds ASCII only: the exact name must still be found (found by the
    fuzzer: a 500 from the unique constraint)."""
    headers = bearer(petra, consultancy)
    new_client(client, headers, "Ȿtadtteilverein Ⱦ e. V.")
    response = client.post(
        "/api/v1/organisations",
        json={"name": "Ȿtadtteilverein Ⱦ e. V.", "kind": "verein", "state": "NW"},
        headers=headers,
    )
    assert response.status_code == 400
    assert response.get_json()["fields"]["name"] == [
        "Eine Organisation mit diesem Namen gibt es schon."
    ]


def test_a_name_stored_by_a_parallel_request_meanwhile_is_a_400_not_a_500(
    app, client, consultancy, petra, database_url
):
    """Two requests for one name both pass the check before either is stored: the second is
    told the name is taken (it was a 500 from the unique constraint) and leaves nothing behind."""
    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    headers = bearer(petra, consultancy)
    other = sa.create_engine(database_url, poolclass=sa.NullPool)
    stored_first: list[bool] = []

    def parallel_request_stores_it_first(session, _context, _instances):
        if stored_first or not any(isinstance(row, Organisation) for row in session.new):
            return
        stored_first.append(True)
        with other.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO organisations (name, kind, created_at) VALUES (:n, :k, :c)"),
                {"n": "Stadtteilverein Linden e. V.", "k": "verein", "c": "2026-12-07 12:00:00"},
            )

    event.listen(Session, "before_flush", parallel_request_stores_it_first)
    try:
        response = client.post(
            "/api/v1/organisations",
            json={"name": "Stadtteilverein Linden e. V.", "kind": "verein", "state": "NW"},
            headers=headers,
        )
    finally:
        event.remove(Session, "before_flush", parallel_request_stores_it_first)
        other.dispose()
    assert stored_first
    assert response.status_code == 400
    assert response.get_json()["fields"]["name"] == [
        "Eine Organisation mit diesem Namen gibt es schon."
    ]
    with app.app_context():
        names = db.session.scalars(sa.select(Organisation.name)).all()
    assert sorted(names) == ["Lange Fördermittelberatung", "Stadtteilverein Linden e. V."]
