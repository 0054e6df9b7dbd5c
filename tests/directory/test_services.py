"""services.yml is checked at load time; errors name the file, the entry and the field."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.content.reader import ContentError
from bot.directory.hours import BRUSSELS
from bot.directory.services import find, load_services

ENTRY = {
    "id": "huis-nl",
    "name": "Huis van het Nederlands",
    "organisation": "Huis van het Nederlands",
    "kind": "nt2",
    "address": "Schoolstraat 7, 9999 Voorbeeldegem",
    "phone": "09 000 00 31",
    "email": "info@huisnl.example",
    "url": "https://www.huisnl.example",
    "hours": {"weekly": {"mon": ["09:00-12:00"], "wed": ["13:00-19:00"]}, "appointment_only": False, "closed": []},
    "languages": ["nl", "fr", "ar"],
    "cost": "gratis",
    "postcodes": ["9999"],
    "requested_by": "resident",
    "bring": ["uw identiteitskaart of verblijfskaart"],
    "appointment_needed": True,
    "interpreter_possible": True,
    "levels": ["beginner", "some"],
    "formats": ["day", "evening"],
    "availability_url": None,
}


def write(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "services.yml"
    path.write_text(yaml.safe_dump({"services": list(entries)}, allow_unicode=True), encoding="utf-8")
    return path


def test_every_municipality_has_a_directory_that_loads(project_root: Path) -> None:
    folders = [p.parent for p in (project_root / "municipalities").glob("*/profile.yml")]
    assert len(folders) >= 2
    for folder in folders:
        services = load_services(folder / "services.yml")
        kinds = {s.kind for s in services.values()}
        assert {"interpreting", "nt2", "basic_education", "practice", "civic_integration", "welcome"} <= kinds
        interpreting = [s for s in services.values() if s.kind == "interpreting"]
        assert all(s.requested_by == "service" for s in interpreting)


def test_a_valid_entry_loads_and_is_found_by_level_format_and_postcode(tmp_path: Path) -> None:
    services = load_services(write(tmp_path, ENTRY))
    service = services["huis-nl"]
    assert service.is_open(datetime(2026, 11, 25, 18, 30, tzinfo=BRUSSELS))  # Wednesday evening
    assert find(services, ["nt2"], postcode="9999", level="beginner", fmt="evening") == [service]
    assert find(services, ["nt2"], postcode="9000") == []
    assert find(services, ["nt2"], fmt="online") == []


@pytest.mark.parametrize(
    "change, field, problem",
    [
        ({"phone": ""}, "phone", "non-empty text"),
        ({"email": "geen-email"}, "email", "wrong form"),
        ({"kind": "cinema"}, "kind", "not one of"),
        ({"languages": ["nl", "klingon"]}, "languages", "unknown value"),
        ({"requested_by": "everyone"}, "requested_by", "not one of"),
        ({"postcodes": ["99"]}, "postcodes", "Belgian postcodes"),
        ({"hours": {"weekly": {"mon": ["12:00-09:00"]}}}, "hours", "ends before it starts"),
        ({"appointment_needed": "ja"}, "appointment_needed", "true or false"),
        ({"levels": []}, "levels", "non-empty list"),
        ({"availability_url": "ftp://x"}, "availability_url", "http(s) URL"),
    ],
)
def test_errors_name_file_entry_and_field(tmp_path: Path, change, field, problem) -> None:
    path = write(tmp_path, {**ENTRY, **change})
    with pytest.raises(ContentError) as error:
        load_services(path)
    message = str(error.value)
    assert str(path) in message and "'huis-nl'" in message
    assert f"field '{field}'" in message and problem in message


def test_a_missing_field_and_a_duplicate_id_are_named(tmp_path: Path) -> None:
    incomplete = {k: v for k, v in ENTRY.items() if k != "cost"}
    with pytest.raises(ContentError, match=r"entry #1, field 'cost': is missing"):
        load_services(write(tmp_path, incomplete))
    with pytest.raises(ContentError, match=r"'huis-nl', field 'id': used twice"):
        load_services(write(tmp_path, ENTRY, ENTRY))


def test_broken_files_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "services.yml"
    path.write_text("services: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_services(path)
    with pytest.raises(ContentError, match="cannot be read"):
        load_services(tmp_path / "missing.yml")
