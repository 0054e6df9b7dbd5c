"""While the database is down records wait in the spool, in order, and nothing is lost."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from bot.storage.counts import topic_totals
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.records import recorder
from bot.storage.unmet import list_unmet

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


@pytest.fixture()
def place(tmp_path: Path):
    """A database in its own folder: removing the folder takes the database down."""
    folder = tmp_path / "db"
    url = f"sqlite:///{folder / 'taalbrug.db'}"
    upgrade(url)
    return folder, url


def unmet(text: str) -> dict:
    return dict(created_at=NOW, municipality="voorbeeldegem", channel="rest", language="ar",
                reason="fallback", text=text, intents=[("waste", 0.21)], conversation="c" * 32)


def test_records_spooled_during_an_outage_are_written_in_order_when_it_ends(place, tmp_path: Path) -> None:
    folder, url = place
    engine = make_engine(url)
    rec = recorder(engine, tmp_path / "var")
    assert rec.write("topic", day=date(2026, 11, 23), municipality="voorbeeldegem", channel="rest",
                     language="ar", topic="waste")
    backup = tmp_path / "backup"
    engine.dispose()
    shutil.move(str(folder), str(backup))  # the database is gone
    for i in range(3):
        assert not rec.write("unmet", **unmet(f"vraag {i}: bel me op 0470 12 34 56"))
    assert rec.pending() == 3
    shutil.move(str(backup), str(folder))  # the database is back
    assert rec.write("topic", day=date(2026, 11, 23), municipality="voorbeeldegem", channel="rest",
                     language="ar", topic="waste")
    assert rec.pending() == 0
    texts = [u.text for u in reversed(list_unmet(make_engine(url)))]
    assert texts == [f"vraag {i}: bel me op [telefoon]" for i in range(3)]
    assert topic_totals(make_engine(url)) == {("waste", "ar"): 2}


def test_a_torn_line_is_skipped_and_the_rest_kept(place, tmp_path: Path) -> None:
    _, url = place
    spool = tmp_path / "var" / "spool"
    spool.mkdir(parents=True)
    (spool / "spool-1-abc.jsonl").write_text(
        '{"kind": "conversation", "fields": {"day": {"$date": "2026-11-23"}, "municipality": "voorbeeldegem", '
        '"channel": "rest", "language": "ti"}}\n{"kind": "conv', encoding="utf-8")
    rec = recorder(make_engine(url), tmp_path / "var")
    assert rec.replay() == 1 and rec.pending() == 0


def test_an_unknown_record_kind_is_refused(place, tmp_path: Path) -> None:
    _, url = place
    with pytest.raises(ValueError):
        recorder(make_engine(url), tmp_path / "var").write("gossip", text="x")
