import pytest
import yaml

from funding_matcher.domain import taxonomy
from tests.conftest import SHARED

CONTRACT = SHARED / "contract" / "taxonomy.yaml"


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared contract not beside the project")
def test_every_contract_code_is_known_with_its_label():
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    for vocabulary, codes in contract.items():
        ours = taxonomy.VOCABULARIES[vocabulary]
        for code, text in codes.items():
            assert ours.get(code) == text, f"{vocabulary}.{code}"


def test_labels_and_unknown_codes():
    assert taxonomy.label("states", "NW") == "Nordrhein-Westfalen"
    assert taxonomy.labels("themes", ["pflege", "sport"]) == [
        "Pflege und Unterstützung im Alltag",
        "Sport und Freizeit",
    ]
    assert taxonomy.unknown_codes("themes", ["pflege", "quartier"]) == ["quartier"]
    assert "quartiersmanagement" in taxonomy.allowed_hint("themes")
