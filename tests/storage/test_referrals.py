"""Referral records count services without personal data; staff notes form the desk's queue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.directory.hours import BRUSSELS
from bot.storage.db import make_engine, session_scope
from bot.storage.migrate import upgrade
from bot.storage.models import StaffNote
from bot.storage.referrals import add_note, mark_done, open_notes, record_referral, referral_totals


@pytest.fixture()
def engine(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_referrals_are_counted_per_service_and_language(engine) -> None:
    day = date(2026, 11, 23)
    for language in ("ar", "ar", "ti"):
        record_referral(engine, day, "voorbeeldegem", "learn_dutch", "huis-nl", language, "rest")
    record_referral(engine, day, "voorbeeldegem", "interpreter", "aii-sociaal-tolken", "ti", "socketio")
    assert referral_totals(engine) == {
        ("huis-nl", "ar"): 2, ("huis-nl", "ti"): 1, ("aii-sociaal-tolken", "ti"): 1,
    }


def test_notes_queue_oldest_first_per_municipality_until_done(engine) -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BRUSSELS)
    first = add_note(engine, start, "voorbeeldegem", "interpreter", "ti",
                     "Tolk nodig: Tigrinya, afspraak bij het OCMW", "a" * 32)
    second = add_note(engine, start + timedelta(minutes=5), "voorbeeldegem", "interpreter", "ar",
                      "Tolk nodig: Arabisch, school", "b" * 32)
    add_note(engine, start, "rivierbeke", "interpreter", "uk", "Tolk nodig: Oekraïens", "c" * 32)
    assert [n.id for n in open_notes(engine, "voorbeeldegem")] == [first, second]
    assert mark_done(engine, first, start + timedelta(hours=1))
    assert not mark_done(engine, first, start + timedelta(hours=2))  # already done
    assert not mark_done(engine, 9999, start)
    assert [n.text for n in open_notes(engine, "voorbeeldegem")] == ["Tolk nodig: Arabisch, school"]


def test_a_note_is_redacted_before_it_is_written(engine) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=BRUSSELS)
    add_note(engine, now, "voorbeeldegem", "callback", "nl",
             "Terugbellen: mijn naam is Fatima, 0470 12 34 56", "d" * 32)
    with session_scope(engine) as session:
        stored = session.execute(select(StaffNote.text)).scalar_one()
    assert "Fatima" not in stored and "0470" not in stored
    with pytest.raises(ValueError):
        add_note(engine, now, "voorbeeldegem", "gossip", "nl", "x", "e" * 32)
