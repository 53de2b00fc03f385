"""Every JSON document from outside passes load_json: bounded, finite, valid Unicode, and a
German sentence that says what is wrong."""

from __future__ import annotations

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.json_input import MAX_DEPTH, load_json


def message(data: str | bytes, **kwargs) -> str:
    with pytest.raises(InvalidData) as caught:
        load_json(data, **kwargs)
    return " ".join(f"{p.field}: {p.message}" for p in caught.value.problems)


def test_a_plain_document_is_read_as_it_is():
    assert load_json('{"a": [1, 2.5, "Quartier", null, true]}') == {
        "a": [1, 2.5, "Quartier", None, True]
    }


def test_a_syntax_error_names_line_and_column():
    assert "Zeile 2, Spalte 8" in message('{\n  "a": ,\n}')


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_constants_that_are_no_numbers_are_refused(constant):
    assert constant in message(f'{{"betrag": {constant}}}')


def test_a_float_that_overflows_is_refused():
    assert "zu groß" in message('{"betrag": 1e309}')


def test_long_integers_become_floats_so_the_field_check_can_name_the_field():
    assert load_json('{"betrag": 123456789012345678}')["betrag"] == 123456789012345678
    value = load_json('{"betrag": 100000000000000000000}')["betrag"]
    assert isinstance(value, float)
    assert value == 1e20
    assert "zu groß" in message('{"betrag": ' + "9" * 400 + "}")


def test_deep_nesting_is_refused_at_every_depth_past_the_limit():
    assert "verschachtelt" in message("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2))
    assert "verschachtelt" in message("[" * 100_000 + "]" * 100_000)


def test_lone_surrogates_are_refused_with_the_field():
    assert "titel" in message('{"titel": "\\ud800"}')


def test_nul_characters_are_refused_with_the_field_because_no_database_stores_them():
    assert message('{"titel": "Quartier\\u0000"}').startswith("titel: enthält ein Nullzeichen")
    assert "Feldname" in message('{"a\\u0000": 1}')
    assert load_json('{"titel": "Quartier\\u0001"}') == {"titel": "Quartier\x01"}


def test_size_and_encoding():
    assert "zu groß" in message('{"a": "' + "x" * 100 + '"}', max_bytes=50)
    assert "UTF-8" in message(b'{"a": "\xff"}')
