"""Referral records (policy indicators) and the front desk's staff notes.

A referral record holds topic, service id, language, channel, municipality and
day: no text and no conversation id. A staff note holds a short Dutch text for
the desk ("Tolk nodig: Tigrinya, afspraak bij het OCMW"), redacted before it is
written, and only a salted hash of the conversation id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Dict, List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.privacy import redact
from bot.storage.db import from_db, session_scope, to_utc
from bot.storage.models import ReferralRecord, StaffNote

NOTE_KINDS = frozenset({"interpreter", "handover", "callback"})
NOTE_MAX = 500


def record_referral(
    engine: Engine, day: date, municipality: str, topic: str, service_id: str, language: str, channel: str
) -> None:
    with session_scope(engine) as session:
        session.add(ReferralRecord(
            day=day, municipality=municipality, topic=topic, service_id=service_id,
            language=language[:8], channel=channel[:32],
        ))


def referral_totals(engine: Engine) -> Dict[Tuple[str, str], int]:
    """Referrals per (service id, language), over all days."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(ReferralRecord.service_id, ReferralRecord.language, func.count())
            .group_by(ReferralRecord.service_id, ReferralRecord.language)
        ).all()
    return {(service, language): count for service, language, count in rows}


@dataclass(frozen=True)
class Note:
    id: int
    created_at: datetime
    municipality: str
    kind: str
    language: str
    text: str
    done_at: Optional[datetime]


def add_note(
    engine: Engine, now: datetime, municipality: str, kind: str, language: str, text: str, conversation: str
) -> int:
    """Store a staff note; `conversation` must already be a salted hash. Returns its id."""
    if kind not in NOTE_KINDS:
        raise ValueError(f"unknown staff note kind {kind!r}")
    note = StaffNote(
        created_at=to_utc(now), municipality=municipality, kind=kind, language=language[:8],
        text=redact(text)[:NOTE_MAX], conversation=conversation[:64],
    )
    with session_scope(engine) as session:
        session.add(note)
        session.flush()
        return note.id


def open_notes(engine: Engine, municipality: str) -> List[Note]:
    """Notes not yet done for this municipality, oldest first."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(StaffNote)
            .where(StaffNote.municipality == municipality, StaffNote.done_at.is_(None))
            .order_by(StaffNote.created_at, StaffNote.id)
        ).scalars().all()
        return [_note(row) for row in rows]


def note_municipality(engine: Engine, note_id: int) -> Optional[str]:
    """The municipality of a note, or None when there is no such note."""
    with session_scope(engine) as session:
        row = session.get(StaffNote, note_id)
        return None if row is None else row.municipality


def mark_done(engine: Engine, note_id: int, now: datetime) -> bool:
    """Mark a note done; False when there is no such open note."""
    with session_scope(engine) as session:
        row = session.get(StaffNote, note_id)
        if row is None or row.done_at is not None:
            return False
        row.done_at = to_utc(now)
        return True


def _note(row: StaffNote) -> Note:
    return Note(row.id, from_db(row.created_at), row.municipality, row.kind, row.language, row.text,
                from_db(row.done_at))
