"""``programs validate`` and ``show`` with the statuses and terms of catalogue round three."""


def evidence(day: str) -> dict:
    return {"url": "https://example.org/aufruf", "date": day, "quote": "Anträge sind möglich."}


def test_validate_rejects_open_on_evidence_older_than_twelve_months(cli, write_programme):
    write_programme(slug="frisch")
    write_programme(slug="alt-offen", status_evidence=evidence("2025-10-31"))
    write_programme(slug="alt-unklar", status="unclear", status_evidence=evidence("2024-01-10"))
    result = cli(["programs", "validate", "--today", "2026-11-24"])
    assert result.exit_code == 1
    assert "alt-offen.yaml: status open, aber der Beleg vom 31.10.2025 ist älter" in result.output
    assert "alt-unklar" not in result.output.split("Programme gültig")[0]
    assert "2 Programme gültig, 1 Datei(en) mit Fehlern." in result.output
    # A year earlier the same record is fine.
    assert cli(["programs", "validate", "--today", "2026-01-05"]).exit_code == 0


def test_validate_counts_statuses_and_each_term_of_the_rules_v2(cli, write_programme):
    write_programme(
        slug="a",
        rate_base="eligible",
        start_rule="after_bescheid",
        narrow_purpose={"label": "Kinderspielplätze", "words": ["Spielplatz"]},
    )
    write_programme(
        slug="b",
        status="between_rounds",
        deadline={"kind": "fixed", "dates": ["2026-03-31"]},
        rate_base="total_cost",
        requires_council_decision=True,
    )
    write_programme(slug="c", status="closed", deadline={"kind": "closed"})
    result = cli(["programs", "validate", "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "Status: open 1, between_rounds 1, closed 1." in result.output
    assert "Budgetregeln v2 (von 3): financing_type 3, funding_rate_max_percent 3, rate_base 2" in (
        result.output
    )
    assert "Planungsregeln v2 (von 3): start_rule 1, apply_lead_days 0" in result.output
    assert "requires_council_decision 1" in result.output
    assert "Matcher (von 3): funding_kind 0, cooperation 0" in result.output
    assert (
        "land_procedure_for 0, requires_public_cofunding 0, project_cost_max_eur 0, "
        "first_application_max_eur 0, funding_rate_regular_percent 0, narrow_purpose 1"
        in result.output
    )


def test_show_names_status_evidence_and_family(cli, write_programme):
    write_programme(slug="dach", title="Dachprogramm")
    write_programme(slug="linie", title="Linie", short_title="Linie eins", parent="dach")
    shown = cli(["programs", "show", "dach", "--today", "2026-11-24"]).output
    assert "Status:             offen" in shown
    assert "Statusbeleg:        01.10.2026, https://example.org/testprogramm/aufruf" in shown
    assert "- linie: Linie eins" in shown
