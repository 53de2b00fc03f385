import csv
import io
import json

from sqlalchemy import select

from funding_matcher.extensions import db
from funding_matcher.models import ProgrammeRow, Role
from funding_matcher.operations.accounts import find_user, memberships
from tests.conftest import loaded


def test_validate_reports_each_broken_file_and_exits_1(cli, write_programme, catalogue_dir):
    write_programme()
    (catalogue_dir / "kaputt.yaml").write_text("slug: kaputt\n  title: x\n", "utf-8")
    write_programme(slug="unbekannter-code", themes=["quartiersarbeit"])
    result = cli(["programs", "validate", "--today", "2026-11-24"])
    assert result.exit_code == 1
    assert "kaputt.yaml:2: YAML-Syntaxfehler" in result.output
    assert "unbekannter-code.yaml:" in result.output
    assert "quartiersarbeit" in result.output
    assert "1 Programme gültig, 2 Datei(en) mit Fehlern." in result.output


def test_validate_refuses_a_key_written_twice(cli, write_programme, catalogue_dir):
    path = write_programme()
    path.write_text(path.read_text("utf-8") + "title: Zweiter Titel\n", "utf-8")
    last = len(path.read_text("utf-8").splitlines())
    result = cli(["programs", "validate", "--today", "2026-11-24"])
    assert result.exit_code == 1
    assert (
        f"testprogramm.yaml:{last}: Schlüssel „title“ steht zweimal (Zeile 2 und Zeile {last})"
        in result.output
    )
    assert "0 Programme gültig, 1 Datei(en) mit Fehlern." in result.output


def test_validate_green_catalogue_exits_0(cli, write_programme, catalogue_dir):
    write_programme()
    result = cli(["programs", "validate", "--dir", str(catalogue_dir), "--today", "2026-11-24"])
    assert result.exit_code == 0
    assert "1 Programme gültig, 0 Datei(en) mit Fehlern." in result.output


def test_validate_reports_how_many_records_state_financing_terms(
    cli, write_programme, catalogue_dir
):
    write_programme(slug="mit-art", financing_type="anteil")
    write_programme(slug="nur-eigenanteil", financing_type=None, own_contribution_min_percent=0)
    write_programme(
        slug="unbekannt",
        financing_type=None,
        own_contribution_min_percent=None,
        overhead_max_percent=None,
        volunteer_work=None,
    )
    write_programme(slug="entwurf", status="draft", financing_type="voll")
    result = cli(["programs", "validate", "--today", "2026-11-24"])
    assert result.exit_code == 0
    assert (
        "Finanzierungsbedingungen bekannt: 2 von 3 geprüften Einträgen (66,7 %), "
        "Finanzierungsart: 1 (33,3 %)." in result.output
    )


def test_list_show_and_export(cli, write_programme):
    write_programme()
    assert "testprogramm" in cli(["programs", "list"]).output
    shown = cli(["programs", "show", "testprogramm", "--today", "2026-11-24"])
    assert "Förderquote bis:    80 %" in shown.output
    assert "nächste: 30.09.2027" in shown.output
    assert "https://example.org/testprogramm" in shown.output
    assert cli(["programs", "show", "gibt-es-nicht"]).exit_code == 1
    exported = json.loads(cli(["programs", "export", "--format", "json"]).output)
    assert exported[0]["slug"] == "testprogramm"
    rows = list(csv.DictReader(io.StringIO(cli(["programs", "export", "--format", "csv"]).output)))
    assert rows[0]["funder"] == "Land Musterland"


def test_stale_lists_old_records_past_rounds_and_expiring_guidelines(cli, write_programme):
    old_evidence = {"url": "https://example.org/a", "date": "2025-01-06", "quote": "Antrag laufend"}
    write_programme(slug="alt", checked_on="2025-01-10", status_evidence=old_evidence)
    write_programme(slug="frisch", checked_on="2026-11-20")
    write_programme(slug="runde-vorbei", deadline={"kind": "fixed", "dates": ["2026-03-31"]})
    write_programme(slug="richtlinie-endet", guideline_valid_until="2027-01-15")
    result = cli(["programs", "stale", "--older-than", "90", "--today", "2026-11-24"])
    assert "alt" in result.output
    assert "frisch" not in result.output
    assert "letzte Frist am 31.03.2026 vorbei" in result.output
    assert "Richtlinie läuft am 15.01.2027 aus" in result.output
    assert "Statusbeleg vom 06.01.2025 ist älter als 12 Monate" in result.output


def test_catalogue_load_is_idempotent_and_reports_changes(app, cli, write_programme, catalogue_dir):
    write_programme(slug="bleibt")
    write_programme(slug="aendert-sich")
    write_programme(slug="faellt-weg")
    first = cli(["catalogue", "load"])
    assert "3 neu, 0 geändert, 0 entfernt" in first.output
    assert "0 neu, 0 geändert, 0 entfernt, 3 unverändert" in cli(["catalogue", "load"]).output
    write_programme(slug="aendert-sich", funding_rate_max_percent=50)
    (catalogue_dir / "faellt-weg.yaml").unlink()
    third = cli(["catalogue", "load"])
    assert "0 neu, 1 geändert, 1 entfernt, 1 unverändert" in third.output
    with app.app_context():
        stored = {row.slug: row for row in db.session.scalars(select(ProgrammeRow))}
    assert set(stored) == {"bleibt", "aendert-sich"}
    assert stored["aendert-sich"].record["funding_rate_max_percent"] == 50


def test_catalogue_load_skips_broken_files_and_exits_1(cli, write_programme, catalogue_dir):
    write_programme()
    (catalogue_dir / "kaputt.yaml").write_text("{", "utf-8")
    result = cli(["catalogue", "load"])
    assert result.exit_code == 1
    assert "1 neu" in result.output
    assert "kaputt.yaml" in result.output


def test_org_and_user_commands(app, cli):
    assert cli(["org", "create", "Stadt Hagen", "--kind", "kommune"]).exit_code == 0
    assert cli(["org", "create", "Stadt Hagen"]).exit_code == 2
    env = {"FUNDING_MATCHER_NEW_PASSWORD": "ein-sicheres-passwort"}
    assert cli(["user", "create", "petra@hagen.de", "--name", "Petra"], env=env).exit_code == 0
    weak = cli(["user", "create", "kurz@hagen.de"], env={"FUNDING_MATCHER_NEW_PASSWORD": "x"})
    assert weak.exit_code == 2
    assert "mindestens 12 Zeichen" in weak.output
    result = cli(["user", "add-to-org", "petra@hagen.de", "Stadt Hagen", "--role", "owner"])
    assert result.exit_code == 0
    with app.app_context():
        user = loaded(find_user("petra@hagen.de"))
        assert memberships(user)[0].role is Role.owner
    assert cli(["user", "add-to-org", "niemand@hagen.de", "Stadt Hagen"]).exit_code == 2


def test_import_fdb_writes_drafts_that_validate(cli, catalogue_dir, write_programme):
    from tests.conftest import SHARED

    export = SHARED / "data" / "foerderdatenbank" / "export-xml"
    if not export.exists():
        import pytest

        pytest.skip("shared samples not beside the project")
    write_programme(slug="fdb-bund-bmas-einstiegsgeld")  # curated: kept
    result = cli(["programs", "import-fdb", str(export), "--today", "2026-11-24"])
    assert result.exit_code == 1  # one malformed sample file
    assert "2 Entwürfe geschrieben" in result.output
    assert "wird nicht überschrieben" in result.output
    assert "kein gültiges XML" in result.output
    assert cli(["programs", "validate", "--today", "2026-11-24"]).exit_code == 0
    assert "draft" in (catalogue_dir / "fdb-bund-ba-eingliederungszuschuss-bund.yaml").read_text()


def test_every_command_is_listed_and_answers_help(cli):
    """Commands load on first use; each one named in the overview must load and describe itself."""
    from funding_matcher.cli import COMMANDS

    overview = cli(["--help"]).output
    for name in COMMANDS:
        assert f"  {name} " in overview
        result = cli([name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output
    assert cli(["gibtsnicht"]).exit_code == 2
