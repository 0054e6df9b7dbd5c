"""Municipality profiles are checked at load time; errors name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.reader import ContentError
from bot.directory.municipality import load_municipalities, load_profile

VALID = """
slug: {slug}
name: Testdorp
fictional: true
website: "https://testdorp.example"
contacts:
  town_hall:
    name: "het gemeentehuis"
    address: "Markt 1, 9999 Testdorp"
    phone: "09 000 00 01"
    email: "info@testdorp.example"
    hours:
      mon: ["09:00-12:00"]
"""


def write(tmp_path: Path, text: str, slug: str = "testdorp") -> Path:
    folder = tmp_path / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_municipalities_are_fictional_and_load(project_root: Path) -> None:
    municipalities = load_municipalities(project_root / "municipalities")
    assert {"voorbeeldegem", "rivierbeke"} <= set(municipalities)
    assert all(m.fictional for m in municipalities.values())


def test_hours_read_as_plain_dutch(tmp_path: Path) -> None:
    text = VALID.format(slug="testdorp").replace(
        'mon: ["09:00-12:00"]', 'mon: ["09:00-12:00"]\n      wed: ["09:00-12:00", "13:30-19:00"]'
    )
    municipality = load_profile(write(tmp_path, text))
    assert municipality.facts()["town_hall"]["hours"] == (
        "Maandag: 9.00 tot 12.00 uur. Woensdag: 9.00 tot 12.00 uur en 13.30 tot 19.00 uur."
    )


@pytest.mark.parametrize(
    "change, message",
    [
        (('phone: "09 000 00 01"', ""), "contacts.town_hall: missing field 'phone'"),
        (('mon: ["09:00-12:00"]', 'maandag: ["09:00-12:00"]'), "unknown weekday 'maandag'"),
        (('mon: ["09:00-12:00"]', 'mon: ["12:00-09:00"]'), "'12:00-09:00' ends before it starts"),
        (('mon: ["09:00-12:00"]', 'mon: ["9u-12u"]'), "'9u-12u' is not a range"),
        (("slug: testdorp", "slug: anders"), "must match its folder name"),
        (('website: "https://testdorp.example"', ""), "missing field 'website'"),
    ],
)
def test_errors_name_file_and_field(tmp_path: Path, change, message) -> None:
    path = write(tmp_path, VALID.format(slug="testdorp").replace(*change))
    with pytest.raises(ContentError) as error:
        load_profile(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_invalid_yaml_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "slug: [unclosed")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_profile(path)


RULES = """
local_rules:
  dog_tax: {value: "40 euro per hond per jaar", source: "https://testdorp.example/hondenbelasting", checked: 2026-12-07}
  resident_parking_card: null
"""


def test_a_municipal_rule_carries_its_figure_source_and_date(tmp_path: Path) -> None:
    municipality = load_profile(write(tmp_path, VALID.format(slug="testdorp") + RULES))
    rule = municipality.local_rules["dog_tax"]
    assert rule.value == "40 euro per hond per jaar"
    assert rule.provenance is not None and rule.provenance.source == "https://testdorp.example/hondenbelasting"
    assert set(municipality.local_rules) == {"dog_tax"}  # an empty rule is left out
    assert municipality.facts()["local"] == {"dog_tax": "40 euro per hond per jaar"}


@pytest.mark.parametrize(
    "rules, message",
    [
        ("local_rules:\n  cat_tax: {value: '5 euro', source: 'https://t.example/a', checked: 2026-12-07}\n",
         r"field 'local_rules.cat_tax': unknown rule \(known: dog_tax, resident_parking_card"),
        ("local_rules:\n  dog_tax: 40 euro\n", r"field 'local_rules.dog_tax': must be \{value, source, checked\}"),
        ("local_rules:\n  dog_tax: {value: '40 euro'}\n", r"local_rules.dog_tax': needs 'source'"),
        ("local_rules:\n  dog_tax: {value: '40 euro', source: 'https://t.example/a'}\n", r"field 'checked'"),
        ("local_rules:\n  dog_tax: {value: '40 euro', source: 'testdorp.be', checked: 2026-12-07}\n",
         r"field 'source'"),
        ("local_rules:\n  dog_tax: {value: '', source: 'https://t.example/a', checked: 2026-12-07}\n",
         r"field 'value'"),
        ("local_rules: [dog_tax]\n", r"field 'local_rules': must map rule names"),
    ],
)
def test_a_bad_municipal_rule_is_an_error_naming_file_and_field(tmp_path: Path, rules: str, message: str) -> None:
    path = write(tmp_path, VALID.format(slug="testdorp") + rules)
    with pytest.raises(ContentError, match=message) as error:
        load_profile(path)
    assert "profile.yml" in str(error.value)
