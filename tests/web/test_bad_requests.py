"""Bad input answers 4xx with a message, never 500."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/projekte/abc",
        "/projekte/0/schritt/9",
        "/programme/%E2%80%8B",
        "/programme/a%00b",
        "/programme/?q=" + "x" * 5000,
        "/programme/?level[]=1&offen=ja",
        "/gibt-es-nicht",
    ],
)
def test_odd_urls_get_a_clear_answer(client, login, make_org, make_user, path):
    login(make_user(make_org()))
    response = client.get(path)
    assert response.status_code < 500
    assert "Interner Fehler" not in response.get_data(as_text=True)


def test_api_rejects_oversized_bodies_with_json(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = client.post("/api/v1/match", data="x" * 4096, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"] == "Datei zu groß"


def test_api_unknown_route_and_wrong_method_answer_json(client):
    assert client.get("/api/v1/match").status_code == 405
    assert client.get("/api/v1/match").get_json()["error"] == "Nicht erlaubt"
    assert client.get("/api/v2/irgendwas").get_json()["error"] == "Nicht gefunden"


def test_a_nul_character_in_a_form_or_query_is_refused_with_the_field(
    client, login, make_org, make_user
):
    login(make_user(make_org()))
    response = client.post("/projekte/neu", data={"organisation": "Nach\x00barn", "state": "NW"})
    assert response.status_code == 400
    assert "Das Feld „organisation“ enthält ein Nullzeichen" in response.get_data(as_text=True)
    response = client.get("/programme/?q=Quartier%00")
    assert response.status_code == 400
    assert "„q“" in response.get_data(as_text=True)
