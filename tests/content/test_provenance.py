"""Every answer that states a rule names the public page it comes from and was checked in the last 12 months."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest
import yaml

from bot.content.loader import Content, load_content
from bot.content.reader import ContentError, Provenance, fact
from bot.content.topic_answers import load_answer
from bot.directory.municipality import load_municipalities
from bot.vocabulary import CONVERSATIONAL, NEEDS_NO_SOURCE

MAX_AGE_DAYS = 365  # facts older than 12 months must be checked again


def _needing_sources(content: Content):
    return {topic: a for topic, a in content.answers.items() if topic not in NEEDS_NO_SOURCE}


def test_every_answer_that_states_rules_has_a_source_and_a_checked_date(content: Content) -> None:
    missing = [topic for topic, answer in _needing_sources(content).items() if answer.provenance is None]
    assert missing == []


def dated_facts(content: Content) -> Iterator[Tuple[str, Optional[Provenance]]]:
    """Every dated fact a resident may read: each answer and sub-answer, each national number,
    and each municipality's own rule (`local_rules` in profile.yml), named by file and field."""
    for topic, answer in content.answers.items():
        yield f"answers/{topic}.yml", answer.provenance
        for name, sub in answer.subs.items():
            yield f"answers/{topic}.yml, field 'subs.{name}'", sub.provenance
    for key, number in content.national.items():
        yield f"municipalities/national.yml, field 'national.{key}'", number.provenance
    for slug, municipality in content.municipalities.items():
        for key, rule in municipality.local_rules.items():
            yield f"municipalities/{slug}/profile.yml, field 'local_rules.{key}'", rule.provenance


def stale(content: Content, today: date) -> Dict[str, str]:
    """The dated facts checked more than 12 months before `today`, or after it."""
    return {
        place: facts.checked.isoformat()
        for place, facts in dated_facts(content)
        if facts is not None and not 0 <= facts.age_days(today) <= MAX_AGE_DAYS
    }


def test_no_answer_was_checked_more_than_12_months_ago_or_in_the_future(content: Content) -> None:
    # Topics, sub-answers, national numbers and municipal rules alike.
    assert stale(content, date.today()) == {}


def test_the_age_check_reads_sub_answers_national_numbers_and_municipal_rules(content: Content) -> None:
    places = [place for place, facts in dated_facts(content) if facts is not None]
    assert any("field 'subs." in p for p in places)
    assert "municipalities/national.yml, field 'national.family_violence'" in places


def _content_with(tmp_path: Path, answer: str, national: str, local_rule: str = "") -> Content:
    """A one-municipality installation with one answer file and one national number."""
    (tmp_path / "housing.yml").write_text(answer, encoding="utf-8")
    town = tmp_path / "municipalities" / "teststad"
    town.mkdir(parents=True)
    (town / "profile.yml").write_text(
        "slug: teststad\nname: Teststad\nwebsite: https://www.teststad.example\n"
        "contacts:\n  town_hall: {name: het stadhuis, address: Markt 1, phone: '09 000 00 00',"
        " email: a@teststad.example, hours: {mon: ['09:00-12:00']}}\n" + local_rule,
        encoding="utf-8",
    )
    national_facts = {"helpline": fact(yaml.safe_load(national), "national.yml")}
    fallback = load_answer(_write(tmp_path, "nlu_fallback", "nl: Sorry.\n"))
    return Content(
        {"housing": load_answer(tmp_path / "housing.yml"), "nlu_fallback": fallback},
        load_content().locales,
        load_municipalities(tmp_path / "municipalities"),
        national_facts,
    )


_FRESH = "2026-12-01"
_OLD = "2025-11-01"  # 13 months before the fixed day below
_TODAY = date(2026, 12, 7)
_ANSWER = "nl: Tekst.\nsource: https://www.vlaanderen.be/a\nchecked: {top}\n" \
    "subs:\n  register:\n    nl: Sub.\n    source: https://www.vlaanderen.be/b\n    checked: {sub}\n"
_NATIONAL = "{{value: '1712', source: 'https://www.1712.be/', checked: {date}}}"
_RULE = "local_rules:\n  dog_tax: {{value: '50 euro per jaar', source: 'https://www.teststad.example/hond'," \
    " checked: {date}}}\n"


@pytest.mark.parametrize(
    "old_one, place",
    [
        ("top", "answers/housing.yml"),
        ("sub", "answers/housing.yml, field 'subs.register'"),
        ("national", "municipalities/national.yml, field 'national.helpline'"),
        ("rule", "municipalities/teststad/profile.yml, field 'local_rules.dog_tax'"),
        ("future", "answers/housing.yml, field 'subs.register'"),
    ],
)
def test_one_stale_date_anywhere_is_caught_and_named(tmp_path: Path, old_one: str, place: str) -> None:
    def when(name: str) -> str:
        if old_one == "future" and name == "sub":
            return "2027-01-01"
        return _OLD if old_one == name else _FRESH

    content = _content_with(
        tmp_path,
        _ANSWER.format(top=when("top"), sub=when("sub")),
        _NATIONAL.format(date=when("national")),
        _RULE.format(date=when("rule")),
    )
    assert list(stale(content, _TODAY)) == [place]


def test_all_fresh_dates_pass(tmp_path: Path) -> None:
    content = _content_with(
        tmp_path, _ANSWER.format(top=_FRESH, sub=_FRESH), _NATIONAL.format(date=_FRESH), _RULE.format(date=_FRESH)
    )
    assert stale(content, _TODAY) == {}


def test_a_national_number_with_a_source_but_no_checked_date_is_an_error() -> None:
    with pytest.raises(ContentError, match="field 'checked'"):
        fact({"value": "1712", "source": "https://www.1712.be/"}, "municipalities/national.yml")


def _texts(answer) -> str:
    """Everything an answer file may say: its answer, sub-answers, referral and per-municipality texts."""
    return " ".join([
        answer.nl,
        *(sub.nl for sub in answer.subs.values()),
        *(str(t) for t in answer.referral.values()),
        *(f"{local.with_figure} {local.without}" for local in answer.per_municipality.values()),
    ])


def test_national_numbers_used_by_answers_carry_their_source(content: Content) -> None:
    used = {
        key
        for answer in content.answers.values()
        for key in content.national
        if f"{{national.{key}}}" in _texts(answer)
    }
    unsourced = sorted(key for key in used if content.national[key].provenance is None)
    assert "doc_stop" in used and unsourced == []


def test_only_conversational_answers_and_contact_pages_are_exempt(content: Content) -> None:
    # The one list of exempt topics; a new topic is not exempt unless someone adds it there on purpose.
    exempt_beyond_small_talk = NEEDS_NO_SOURCE - CONVERSATIONAL
    assert exempt_beyond_small_talk == {
        "nlu_fallback", "out_of_scope", "ask_human", "bot_challenge", "appointment", "opening_hours",
    }
    assert {"id_card", "civic_integration", "residence_permit", "housing"}.isdisjoint(NEEDS_NO_SOURCE)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_answer_with_rules_but_no_source_is_an_error_naming_file_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "housing", "nl: Schrijf u in binnen drie maanden.\n")
    with pytest.raises(ContentError, match=r"housing\.yml, field 'source'"):
        load_answer(path)


def test_a_source_without_a_checked_date_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "housing", "nl: Tekst.\nsource: https://www.vlaanderen.be/sociaalhuren\n")
    with pytest.raises(ContentError, match="field 'checked'"):
        load_answer(path)


@pytest.mark.parametrize("source", ["vlaanderen.be", "[]", "[https://ok.example, geen-url]"])
def test_a_source_that_is_no_page_address_is_an_error(tmp_path: Path, source: str) -> None:
    path = _write(tmp_path, "housing", f"nl: Tekst.\nsource: {source}\nchecked: 2026-12-06\n")
    with pytest.raises(ContentError, match="field 'source'"):
        load_answer(path)


def test_an_answer_may_cite_several_pages(tmp_path: Path) -> None:
    path = _write(tmp_path, "discrimination",
                  "nl: Tekst.\nsource:\n  - https://www.unia.be/a\n  - https://www.vlaamsmensenrechteninstituut.be/b\n"
                  "checked: 2026-12-06\n")
    answer = load_answer(path)
    assert answer.provenance is not None
    assert answer.provenance.source == "https://www.unia.be/a" and len(answer.provenance.sources) == 2


def test_a_conversational_answer_needs_no_source(tmp_path: Path) -> None:
    assert load_answer(_write(tmp_path, "greet", "nl: Dag!\n")).provenance is None


def test_a_fact_checked_13_months_ago_is_stale() -> None:
    old = (date.today() - timedelta(days=MAX_AGE_DAYS + 30)).isoformat()
    checked = fact({"value": "1712", "source": "https://www.1712.be/", "checked": old}, "national.yml")
    assert checked.provenance is not None and checked.provenance.age_days(date.today()) > MAX_AGE_DAYS
