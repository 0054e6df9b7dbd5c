"""The privacy probe: personal data sent through /api/chat is nowhere at rest on the real stack.

Started as `make run` starts it (tests/live_stack.py), on a throw-away SQLite tracker
store and database. The probe sends an e-mail address, a phone number, a national
register number (one valid, one with a typo), an IBAN, a four-word name and a street
address, then reads every table of Rasa's tracker store and of Taalbrug's database,
every byte of every file the stack wrote (the databases, the spool, the salt) and
the log of every process: none of them holds what was typed, and no table holds
the widget's session id.
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from bot.privacy import conversation_hash
from tests.live_stack import RunningStack, start_stack

pytestmark = pytest.mark.integration
SALT = "privacy-probe-salt"
# message -> what of it must never be stored
PROBE: Dict[str, List[str]] = {
    "Mijn e-mailadres is fatima.elamrani@example.be, kunt u mij mailen?": ["fatima.elamrani@example.be"],
    "Bel mij terug op 0470 12 34 56 aub": ["0470 12 34 56"],
    "Mijn rijksregisternummer is 85.07.30-033.28": ["85.07.30-033.28"],
    "Mijn rijksregisternummer is 85.07.30-033.99, klopt dat?": ["85.07.30-033.99"],
    "Stort de premie op BE68 5390 0754 7034 alstublieft": ["BE68 5390 0754 7034"],
    "Goedendag, mijn naam is Mohamed Ali el Amrani": ["Mohamed Ali", "Amrani"],
    "Ik woon in de Kerkstraat 12 bus 3 in Gent": ["Kerkstraat 12"],
}


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[RunningStack, Path, List[str]]]:
    tmp = tmp_path_factory.mktemp("probe")
    running = start_stack(tmp, TAALBRUG_HASH_SALT=SALT)
    sessions = [f"probe-{secrets.token_hex(8)}" for _ in PROBE]
    try:
        for session, text in zip(sessions, PROBE, strict=True):
            running.chat(session, text)
            running.chat(session, "/feedback_negative")  # the unmet log gets the question too
        yield running, tmp, sessions
    finally:
        running.stop()


def _tables(path: Path) -> str:
    """Every row of every table of an SQLite database, as text."""
    connection = sqlite3.connect(path)
    try:
        names = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(
            " ".join(str(value) for value in row)
            for name in names for row in connection.execute(f'SELECT * FROM "{name}"')
        )
    finally:
        connection.close()


def test_the_conversations_were_stored_under_hashed_ids(probed) -> None:
    _, tmp, sessions = probed
    events = _tables(tmp / "tracker.db")
    assert all(conversation_hash(s, SALT) in events for s in sessions)  # the redacting store was used
    assert "[e-mail]" in events and "[rijksregisternummer]" in events and "[naam]" in events
    assert "fatima" not in _tables(tmp / "taalbrug.db") and "[e-mail]" in _tables(tmp / "taalbrug.db")


def test_no_table_holds_personal_data_or_a_session_id(probed) -> None:
    _, tmp, sessions = probed
    for database in ("tracker.db", "taalbrug.db"):
        rows = _tables(tmp / database)
        for text, secrets_in_it in PROBE.items():
            for secret in secrets_in_it:
                assert secret not in rows, f"{database} keeps {secret!r} of {text!r}"
        assert not any(s in rows for s in sessions), f"{database} keeps a raw session id"


def test_no_file_and_no_log_holds_personal_data(probed) -> None:
    running, tmp, _ = probed
    files = [p for p in tmp.rglob("*") if p.is_file()]
    assert any(p.name == "tracker.db" for p in files)
    contents = {p: p.read_bytes() for p in files}  # databases byte for byte, the spool, the salt, logs
    logs = "".join(running.output)
    for text, secrets_in_it in PROBE.items():
        for secret in secrets_in_it:
            assert not any(secret.encode() in data for data in contents.values()), f"a file keeps {secret!r}"
            assert secret not in logs, f"the log keeps {secret!r} of {text!r}"
