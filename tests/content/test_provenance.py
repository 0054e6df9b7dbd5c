"""Every answer that states a rule names the public page it comes from and was checked in the last 12 months."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.content.loader import Content
from bot.content.reader import ContentError, fact
from bot.content.topic_answers import load_answer
from bot.vocabulary import CONVERSATIONAL, NEEDS_NO_SOURCE

MAX_AGE_DAYS = 365  # facts older than 12 months must be checked again


def _needing_sources(content: Content):
    return {topic: a for topic, a in content.answers.items() if topic not in NEEDS_NO_SOURCE}


def test_every_answer_that_states_rules_has_a_source_and_a_checked_date(content: Content) -> None:
    missing = [topic for topic, answer in _needing_sources(content).items() if answer.provenance is None]
    assert missing == []


def test_no_answer_was_checked_more_than_12_months_ago_or_in_the_future(content: Content) -> None:
    today = date.today()
    stale = {
        topic: answer.provenance.checked.isoformat()
        for topic, answer in _needing_sources(content).items()
        if answer.provenance and not 0 <= answer.provenance.age_days(today) <= MAX_AGE_DAYS
    }
    assert stale == {}


def test_national_numbers_used_by_answers_carry_their_source(content: Content) -> None:
    used = {
        key
        for answer in content.answers.values()
        for key in content.national
        if f"{{national.{key}}}" in answer.nl or any(f"{{national.{key}}}" in str(t) for t in answer.referral.values())
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
