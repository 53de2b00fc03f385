"""PDF import in the web app: a guideline's proposals beside the catalogue, accepted into the
organisation's checked copy and a catalogue draft; a concept that prefills the wizard; bad files,
foreign ids and roles."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue, parse_programme
from funding_matcher.extensions import db
from funding_matcher.models import GuidelineImportRow, ProgrammeCopy, ProjectProfile, Role
from funding_matcher.operations.catalogue import sync_catalogue
from tests.conftest import PASSWORD, SHARED, again, loaded
from tests.unit.pdf_import.factory import text_pdf

PDF = SHARED / "data" / "pdf"
HEIDELBERG = PDF / "guidelines" / "kommunal_heidelberg_rationelle-energieverwendung_2026.pdf"
SLUG = "rationelle-energie"
CONCEPT = [
    [
        "Projektkonzept",
        "Projekttitel: Nachbarschaftstreff Am Kirchplatz",
        "Träger: Bürgerverein Südstadt e.V., Musterstadt (Nordrhein-Westfalen)",
        "1. Ausgangslage",
        "Im Quartier Südstadt leben viele ältere Menschen allein; Begegnungsorte fehlen seit der",
        "Schließung des Gemeindezentrums. Familien mit Kindern und Senioren wünschen sich einen",
        "Treffpunkt in der Nachbarschaft.",
    ],
    [
        "2. Zeitplan",
        "Projektbeginn ist der 1. März 2027, die Laufzeit beträgt 24 Monate.",
        "3. Finanzierung",
        "Die Gesamtkosten betragen 120.000 Euro.",
    ],
]


def corpus(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"Korpusdatei fehlt: {path}")
    return path.read_bytes()


def upload(client, url: str, data: bytes, name: str, password: str = ""):
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name), "password": password},
        content_type="multipart/form-data",
    )


@pytest.fixture
def organisation(app, make_org, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-11-29"
    write_programme(
        slug=SLUG,
        title="Rationelle Energieverwendung Heidelberg",
        short_title="Energie Heidelberg",
        funding_rate_max_percent=50,
        amount_min_eur=None,
        amount_max_eur=5000,
        guideline_valid_until=None,
        de_minimis=None,
        notes="Kommunales Programm.",
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    return make_org("Stadt Heidelberg", "kommune")


@pytest.fixture
def editor(organisation, make_user, login):
    user = make_user(organisation, Role.editor)
    login(user)
    return user


def upload_heidelberg(client) -> GuidelineImportRow:
    response = upload(
        client, f"/programme/{SLUG}/richtlinie", corpus(HEIDELBERG), "richtlinie-2026.pdf"
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    import_id = int(re.search(r"/richtlinie/(\d+)$", response.headers["Location"]).group(1))
    with client.application.app_context():
        return db.session.get(GuidelineImportRow, import_id)


def index_of(row: GuidelineImportRow, field: str) -> int:
    """The position of a field's best proposal (the checkbox value on the review page)."""
    return next(i for i, p in enumerate(row.result["proposals"]) if p["field"] == field)


def test_programme_page_offers_the_upload_to_editors_only(client, editor, organisation):
    page = client.get(f"/programme/{SLUG}").get_data(as_text=True)
    assert "Richtlinie als PDF hochladen" in page
    form = client.get(f"/programme/{SLUG}/richtlinie").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form
    assert 'type="password"' in form
    client.post("/abmelden")
    assert "Richtlinie als PDF hochladen" not in client.get(f"/programme/{SLUG}").get_data(
        as_text=True
    )


def test_guideline_upload_review_accept_copy_and_catalogue_draft(app, client, editor, organisation):
    row = upload_heidelberg(client)
    assert row.organisation_id == organisation.id
    assert row.file_name == "richtlinie-2026.pdf"

    review = client.get(f"/programme/{SLUG}/richtlinie/{row.id}").get_data(as_text=True)
    assert "Förderquote höchstens" in review
    assert "Zuwendung höchstens" in review
    assert "Richtlinie gilt ab" in review
    assert "S. 4" in review
    assert "S. 3" in review
    assert "maximal 10.000 Euro je Objekt" in review
    # rate as recorded, maximum differs from the record, the minimum is new
    rate = re.search(r"Förderquote höchstens</th>.*?</tr>", review, re.S).group(0)
    assert "50 %" in rate
    assert "comparison-gleich" in rate
    maximum = re.search(r"Zuwendung höchstens</th>.*?</tr>", review, re.S).group(0)
    assert "10.000 Euro" in maximum
    assert "5.000 Euro" in maximum
    assert "comparison-abweichend" in maximum
    minimum = re.search(r"Zuwendung mindestens</th>.*?</tr>", review, re.S).group(0)
    assert "comparison-neu" in minimum
    assert "checked" not in review  # nothing is taken over unless ticked

    accepted = [index_of(row, "amount_max_eur"), index_of(row, "valid_from")]
    response = client.post(f"/programme/{SLUG}/richtlinie/{row.id}", data={"accept": accepted})
    assert response.status_code == 303
    with app.app_context():
        copy = loaded(db.session.scalars(db.select(ProgrammeCopy)).one())
    assert copy.organisation_id == organisation.id
    assert copy.checked_on == date(2026, 11, 29)
    assert set(copy.fields) == {"amount_max_eur", "valid_from"}
    assert copy.fields["amount_max_eur"] == {
        "value": 10000,
        "page": 4,
        "quote": "(6) Die Maßnahmen nach Absatz 3 werden mit maximal 10.000 Euro je Objekt "
        "gefördert.",
        "file": "richtlinie-2026.pdf",
    }

    page = client.get(f"/programme/{SLUG}").get_data(as_text=True)
    assert (
        "Von Ihrer Organisation geprüft (Richtlinie „richtlinie-2026.pdf“, Stand 29.11.2026)"
        in page
    )
    checked = re.search(r'id="geprueft".*?</section>', page, re.S).group(0)
    assert "10.000 Euro" in checked  # accepted
    assert "5.000 Euro" in checked  # the catalogue's, beside it
    assert "1. Juli 2026" in checked
    assert "Förderquote" not in checked  # not accepted

    draft = client.get(f"/programme/{SLUG}/katalog-entwurf.yaml")
    assert draft.status_code == 200
    assert f"filename={SLUG}.yaml" in draft.headers["Content-Disposition"]
    programme, problems = parse_programme(draft.get_data(as_text=True), Path(f"{SLUG}.yaml"))
    assert problems == []
    assert programme.status == "draft"
    assert programme.amount_max_eur == 10000
    assert programme.funding_rate_max_percent == 50  # not accepted: the catalogue's value
    assert programme.source_url == "https://example.org/testprogramm"
    assert programme.checked_on == date(2026, 11, 29)
    assert "„richtlinie-2026.pdf“" in programme.notes
    assert "Zuwendung höchstens (S. 4)" in programme.notes
    assert "Richtlinie gilt ab: 1. Juli 2026 (S. 3)" in programme.notes
    assert "Kommunales Programm." in programme.notes


def test_a_second_guideline_merges_field_by_field(app, client, editor, organisation):
    first = upload_heidelberg(client)
    client.post(
        f"/programme/{SLUG}/richtlinie/{first.id}",
        data={"accept": [index_of(first, "amount_max_eur")]},
    )
    second = upload(
        client,
        f"/programme/{SLUG}/richtlinie",
        text_pdf([["Die Zuwendung beträgt bis zu 40 % der zuwendungsfähigen Ausgaben."]]),
        "aenderung.pdf",
    )
    with app.app_context():
        row = loaded(
            db.session.get(GuidelineImportRow, int(second.headers["Location"].rsplit("/", 1)[1]))
        )
    client.post(
        f"/programme/{SLUG}/richtlinie/{row.id}",
        data={"accept": [index_of(row, "funding_rate_max_percent")]},
    )
    with app.app_context():
        copy = loaded(db.session.scalars(db.select(ProgrammeCopy)).one())
        copy = again(copy)
    assert copy.fields["amount_max_eur"]["file"] == "richtlinie-2026.pdf"
    assert copy.fields["funding_rate_max_percent"] == {
        "value": 40,
        "page": 1,
        "quote": "Die Zuwendung beträgt bis zu 40 % der zuwendungsfähigen Ausgaben.",
        "file": "aenderung.pdf",
    }
    page = client.get(f"/programme/{SLUG}").get_data(as_text=True)
    assert "Richtlinie „richtlinie-2026.pdf“, „aenderung.pdf“" in page


def test_hints_are_shown_but_cannot_be_taken_over(app, client, editor):
    row = upload_heidelberg(client)
    proposals = row.result["proposals"]
    maxima = [i for i, p in enumerate(proposals) if p["field"] == "amount_max_eur"]
    assert [proposals[i]["confidence"] for i in maxima] == ["high", "low"]
    review = client.get(f"/programme/{SLUG}/richtlinie/{row.id}").get_data(as_text=True)
    maximum = re.search(r"Zuwendung höchstens</th>.*?</tbody>", review, re.S).group(0)
    assert maximum.count('type="checkbox"') == 1  # the value to accept; the hint has none
    assert "Hinweis" in maximum
    assert "2.500 Euro" in maximum
    # a forged form that ticks the hint anyway is refused, and nothing is taken over
    response = client.post(f"/programme/{SLUG}/richtlinie/{row.id}", data={"accept": maxima})
    assert response.status_code == 422
    assert "„Zuwendung höchstens: 2.500 Euro“ ist nur ein Hinweis" in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.scalars(db.select(ProgrammeCopy)).first() is None


def test_two_values_for_one_field_are_refused(app, client, editor):
    row = upload_heidelberg(client)
    # proposals stored before they carried a confidence count as values to accept
    with app.app_context():
        row = again(row)
        row.result = {
            **row.result,
            "proposals": [
                {k: v for k, v in p.items() if k != "confidence"} for p in row.result["proposals"]
            ],
        }
        db.session.commit()
        row = loaded(row)
    maxima = [i for i, p in enumerate(row.result["proposals"]) if p["field"] == "amount_max_eur"]
    response = client.post(f"/programme/{SLUG}/richtlinie/{row.id}", data={"accept": maxima})
    assert response.status_code == 422
    assert "Für „Zuwendung höchstens“ bitte nur einen der Vorschläge übernehmen." in (
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalars(db.select(ProgrammeCopy)).first() is None


def test_a_guideline_of_another_funder_warns_and_is_never_marked_as_checked(
    app, client, editor, write_programme, catalogue_dir
):
    write_programme(
        slug="nki-kommunalrichtlinie",
        title="Kommunalrichtlinie der Nationalen Klimaschutzinitiative",
        short_title="Kommunalrichtlinie (NKI)",
        funder="Bund (Klimaschutzministerium)",
        level="bund",
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    potsdam = PDF / "guidelines" / "kommunal_potsdam_klimaschutz_2026.pdf"
    response = upload(
        client, "/programme/nki-kommunalrichtlinie/richtlinie", corpus(potsdam), "potsdam.pdf"
    )
    assert response.status_code == 303
    with app.app_context():
        row = loaded(
            db.session.get(GuidelineImportRow, int(response.headers["Location"].rsplit("/", 1)[1]))
        )
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Diese Richtlinie passt nicht zum Programm." in review
    assert "Landeshauptstadt Potsdam" in review
    assert "„Kommunalrichtlinie (NKI)“ ist ein Programm des Bundes" in review
    assert 'type="checkbox"' not in review
    first = next(i for i, p in enumerate(row.result["proposals"]) if p["confidence"] == "high")
    refused = client.post(
        f"/programme/nki-kommunalrichtlinie/richtlinie/{row.id}", data={"accept": [first]}
    )
    assert refused.status_code == 422
    with app.app_context():
        assert db.session.scalars(db.select(ProgrammeCopy)).first() is None
    page = client.get("/programme/nki-kommunalrichtlinie").get_data(as_text=True)
    assert "Von Ihrer Organisation geprüft" not in page


def test_the_own_guideline_fits_its_record(client, editor):
    row = upload_heidelberg(client)
    assert "record_fit" not in row.result
    assert row.result["issuer"]["name"] == "Stadt Heidelberg"


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "qpdf_bad1_not-a-pdf.pdf",
            "Die Datei ist keine PDF-Datei (am Anfang fehlt die Kennung „%PDF-“) und lässt sich "
            "nicht reparieren; bitte die richtige Datei wählen.",
        ),
        (
            "sf_encrypted_user-openpassword.pdf",
            "Die PDF-Datei ist mit einem Passwort geschützt; bitte das Passwort zum Öffnen "
            "angeben.",
        ),
        (
            "sf_image-only_grayscale.pdf",
            "Die PDF-Datei hat keine Textebene, sie enthält nur Bilder (vermutlich ein Scan); "
            "nötig wäre eine Texterkennung (OCR), die dieses Programm nicht durchführt.",
        ),
    ],
)
def test_bad_guideline_answers_422_with_the_sentence(app, client, editor, name, sentence):
    response = upload(
        client, f"/programme/{SLUG}/richtlinie", corpus(PDF / "robustness" / name), name
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert sentence in html
    assert 'enctype="multipart/form-data"' in html
    with app.app_context():
        assert db.session.scalars(db.select(GuidelineImportRow)).first() is None


def test_password_protected_guideline(client, editor):
    data = text_pdf(
        [["Die Zuwendung beträgt bis zu 40 % der zuwendungsfähigen Ausgaben."]], password="geheim"
    )
    wrong = upload(client, f"/programme/{SLUG}/richtlinie", data, "geschuetzt.pdf", "falsch")
    assert wrong.status_code == 422
    assert "Das angegebene Passwort ist falsch" in wrong.get_data(as_text=True)
    right = upload(client, f"/programme/{SLUG}/richtlinie", data, "geschuetzt.pdf", "geheim")
    assert right.status_code == 303


def test_missing_file_and_oversized_upload(app, client, editor):
    empty = client.post(
        f"/programme/{SLUG}/richtlinie", data={}, content_type="multipart/form-data"
    )
    assert empty.status_code == 422
    assert "Bitte eine PDF-Datei auswählen." in empty.get_data(as_text=True)
    # The app-wide upload limit (10 MB), made small here to keep the test light.
    app.config["MAX_CONTENT_LENGTH"] = 1024
    big = upload(client, f"/programme/{SLUG}/richtlinie", b"%PDF-1.7\n" + bytes(4096), "x.pdf")
    assert big.status_code == 413
    assert "Datei zu groß" in big.get_data(as_text=True)


def test_unknown_programme_is_404(client, editor):
    assert client.get("/programme/gibt-es-nicht/richtlinie").status_code == 404


def test_other_organisations_see_nothing_and_viewers_cannot_upload(
    client, editor, organisation, make_org, make_user, login
):
    row = upload_heidelberg(client)
    client.post(
        f"/programme/{SLUG}/richtlinie/{row.id}",
        data={"accept": [index_of(row, "amount_max_eur")]},
    )
    client.post("/abmelden")

    login(make_user(make_org("Stadt Mannheim", "kommune"), Role.owner))
    assert client.get(f"/programme/{SLUG}/richtlinie/{row.id}").status_code == 404
    assert (
        client.post(f"/programme/{SLUG}/richtlinie/{row.id}", data={"accept": [0]}).status_code
        == 404
    )
    assert client.get(f"/programme/{SLUG}/katalog-entwurf.yaml").status_code == 404
    page = client.get(f"/programme/{SLUG}").get_data(as_text=True)
    assert "Von Ihrer Organisation geprüft" not in page
    assert "richtlinie-2026.pdf" not in page
    client.post("/abmelden")

    viewer = make_user(organisation, Role.viewer)
    login(viewer)
    assert client.get(f"/programme/{SLUG}/richtlinie").status_code == 403
    refused = upload(client, f"/programme/{SLUG}/richtlinie", corpus(HEIDELBERG), "r.pdf")
    assert refused.status_code == 403
    assert (
        client.post(f"/programme/{SLUG}/richtlinie/{row.id}", data={"accept": [0]}).status_code
        == 403
    )
    review = client.get(f"/programme/{SLUG}/richtlinie/{row.id}")
    assert review.status_code == 200
    assert 'type="checkbox"' not in review.get_data(as_text=True)
    page = client.get(f"/programme/{SLUG}").get_data(as_text=True)
    assert "Von Ihrer Organisation geprüft" in page
    assert "Richtlinie als PDF hochladen" not in page


def test_review_of_an_import_under_another_programme_is_404(
    app, client, editor, write_programme, catalogue_dir
):
    row = upload_heidelberg(client)
    write_programme(slug="anderes-programm")
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    assert client.get(f"/programme/anderes-programm/richtlinie/{row.id}").status_code == 404


def test_uploads_need_the_csrf_token(app, client, editor):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = upload(client, f"/programme/{SLUG}/richtlinie", corpus(HEIDELBERG), "r.pdf")
        assert response.status_code == 400
        response = client.post("/projekte/neu/konzept", data={})
        assert response.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


# -- concept ------------------------------------------------------------------------------------


def test_new_project_page_offers_the_concept_upload(client, editor):
    page = client.get("/projekte/neu").get_data(as_text=True)
    assert "Projektkonzept hochladen" in page
    assert 'action="/projekte/neu/konzept"' in page


def test_concept_prefills_the_wizard_with_markers_until_each_step_is_saved(
    app, client, editor, organisation
):
    response = upload(client, "/projekte/neu/konzept", text_pdf(CONCEPT), "konzept.pdf")
    assert response.status_code == 303
    location = response.headers["Location"]
    project_id = int(re.search(r"/projekte/(\d+)/schritt/1$", location).group(1))
    with app.app_context():
        row = loaded(db.session.get(ProjectProfile, project_id))
    assert row.organisation_id == organisation.id
    assert row.title == "Nachbarschaftstreff Am Kirchplatz"
    assert row.data["budget_total_eur"] == 120000
    assert row.import_sources["budget_total_eur"]["page"] == 2
    assert row.import_sources["title"] == {
        "page": 1,
        "quote": "Projekttitel: Nachbarschaftstreff Am Kirchplatz",
    }

    step1 = client.get(location).get_data(as_text=True)
    assert 'value="Bürgerverein Südstadt e.V."' in step1
    assert "aus dem Konzept, S. 1 – bitte prüfen" in step1
    assert '<option selected value="NW">' in step1
    assert 'name="municipality" type="text" value=""' in step1  # not in the concept
    step2 = client.get(f"/projekte/{project_id}/schritt/2").get_data(as_text=True)
    assert 'value="Nachbarschaftstreff Am Kirchplatz"' in step2
    assert step2.count("aus dem Konzept, S. 1 – bitte prüfen") >= 2  # title, description
    step3 = client.get(f"/projekte/{project_id}/schritt/3").get_data(as_text=True)
    assert "aus dem Konzept, S. 2 – bitte prüfen" in step3
    assert 'value="2027-03-01"' in step3

    saved = client.post(
        f"/projekte/{project_id}/schritt/1",
        data={
            "applicant_type": "verein",
            "organisation": "Bürgerverein Südstadt e.V.",
            "state": "NW",
            "municipality": "Musterstadt",
            "area_type": "urban",
            "designated_area": "",
        },
    )
    assert saved.status_code == 302
    with app.app_context():
        row = again(row)
    assert "organisation" not in row.import_sources
    assert "state" not in row.import_sources
    assert "title" in row.import_sources
    assert "aus dem Konzept" not in client.get(location).get_data(as_text=True)
    assert "aus dem Konzept" in client.get(f"/projekte/{project_id}/schritt/2").get_data(
        as_text=True
    )


def test_what_the_concept_does_not_say_stays_empty_and_is_named(app, client, editor):
    lines = [line for line in CONCEPT[0] if not line.startswith("Träger")]
    response = upload(client, "/projekte/neu/konzept", text_pdf([lines]), "kurz.pdf")
    project_id = int(re.search(r"/projekte/(\d+)/", response.headers["Location"]).group(1))
    with app.app_context():
        row = loaded(db.session.get(ProjectProfile, project_id))
    assert "budget_total_eur" not in row.data
    assert "applicant_type" not in row.data
    step1 = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nicht im Konzept gefunden: Art des Trägers, Land; bitte im Formular ergänzen." in step1
    assert "aus dem Konzept" not in client.get(f"/projekte/{project_id}/schritt/3").get_data(
        as_text=True
    )
    review = client.get(f"/projekte/{project_id}/pruefen").get_data(as_text=True)
    assert "Noch nicht vollständig" in review


def test_bad_concept_answers_422_and_creates_no_project(app, client, editor):
    response = upload(client, "/projekte/neu/konzept", b"kein PDF", "konzept.pdf")
    assert response.status_code == 422
    assert "Die Datei ist keine PDF-Datei" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(db.select(ProjectProfile)).first() is None


def test_viewers_cannot_upload_a_concept(client, organisation, make_user, login):
    login(make_user(organisation, Role.viewer))
    assert client.get("/projekte/neu/konzept").status_code == 403
    response = upload(client, "/projekte/neu/konzept", text_pdf(CONCEPT), "konzept.pdf")
    assert response.status_code == 403


def test_another_organisations_concept_project_is_404(client, editor, make_org, make_user, login):
    response = upload(client, "/projekte/neu/konzept", text_pdf(CONCEPT), "konzept.pdf")
    project_id = int(re.search(r"/projekte/(\d+)/", response.headers["Location"]).group(1))
    client.post("/abmelden")
    login(make_user(make_org("Andere Stadt"), Role.owner))
    assert client.get(f"/projekte/{project_id}/schritt/1").status_code == 404


# -- uploads wait in a bounded queue: they never take every server thread (issue 21, M5) ------


def test_a_full_queue_answers_503_with_retry_after_and_a_german_sentence(app, client, editor):
    from funding_matcher.web.pdf_import import read_queue

    app.config.update(PDF_IMPORT_SLOTS=1, PDF_IMPORT_WAITING=0, PDF_IMPORT_WAIT_SECONDS=3)
    app.extensions.pop("pdf_read_queue", None)
    with app.app_context():
        queue = read_queue()
    with queue.slot():  # another upload is being read
        response = upload(
            client, f"/programme/{SLUG}/richtlinie", corpus(HEIDELBERG), "richtlinie.pdf"
        )
        concept = upload(client, "/projekte/neu/konzept", text_pdf(CONCEPT), "konzept.pdf")
    for answer in (response, concept):
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "3"
        assert (
            "Gerade werden zu viele PDF-Dateien gleichzeitig gelesen; bitte die Datei in "
            "3 Sekunden erneut hochladen." in answer.get_data(as_text=True)
        )
    with app.app_context():
        assert db.session.scalars(db.select(GuidelineImportRow)).first() is None
    # once the other upload is done, the next one is read
    assert upload_heidelberg(client).file_name == "richtlinie-2026.pdf"


def test_ten_parallel_uploads_hold_at_most_the_queue_and_the_rest_are_told_to_retry(
    app, organisation, make_user, monkeypatch
):
    import threading
    import time

    from funding_matcher.domain.pdf_import import import_guideline
    from funding_matcher.web import pdf_import as views

    app.config.update(PDF_IMPORT_SLOTS=2, PDF_IMPORT_WAITING=2, PDF_IMPORT_WAIT_SECONDS=5)
    app.extensions.pop("pdf_read_queue", None)
    data = corpus(HEIDELBERG)
    result = import_guideline(data, name="richtlinie.pdf")
    reading = []
    lock = threading.Lock()
    most = [0]

    def slow_import(*args, **kwargs):
        with lock:
            reading.append(1)
            most[0] = max(most[0], len(reading))
            admitted.append(views.read_queue().admitted)
        time.sleep(0.6)  # a large guideline
        with lock:
            reading.pop()
        return result

    monkeypatch.setattr(views, "import_guideline", slow_import)
    users = [make_user(organisation, Role.editor) for _ in range(10)]
    clients = []
    for user in users:
        own = app.test_client()
        signed_in = own.post("/anmelden", data={"email": user.email, "password": PASSWORD})
        assert signed_in.status_code == 302
        clients.append(own)
    answers: list[int] = []
    admitted = []

    def post(own):
        response = upload(own, f"/programme/{SLUG}/richtlinie", data, "richtlinie.pdf")
        with lock:
            answers.append(response.status_code)

    threads = [threading.Thread(target=post, args=(own,)) for own in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most[0] <= 2  # never more than two files read at once
    assert max(admitted) <= 4  # reading or waiting: the other server threads stay free
    assert answers.count(303) >= 2
    assert answers.count(503) >= 4
    assert sorted(set(answers)) <= [303, 503]
