"""Typed SQLAlchemy models of Taalbrug's own database (not Rasa's tracker store)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, registry
from sqlalchemy.orm.decl_api import DeclarativeMeta

mapper_registry = registry()


class Base(metaclass=DeclarativeMeta):
    """The declarative base, written out as a class so type checkers see a class.

    This is what `declarative_base()` builds at run time (SQLAlchemy 1.4's
    documented equivalent); the tables and the metadata are the same.
    """

    __abstract__ = True
    registry = mapper_registry
    metadata = mapper_registry.metadata
    __init__ = mapper_registry.constructor


class DailyCount:
    """The columns of every counter table: a count per day, municipality, channel and language. No text."""

    id: Mapped[int] = Column(Integer, primary_key=True)
    day: Mapped[date] = Column(Date, nullable=False, index=True)
    municipality: Mapped[str] = Column(String(64), nullable=False)
    channel: Mapped[str] = Column(String(32), nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    count: Mapped[int] = Column(Integer, nullable=False, default=0)


class TopicCount(DailyCount, Base):
    """How often a topic was asked, per day, municipality, channel and language. No text."""

    __tablename__ = "topic_count"
    __table_args__ = (
        UniqueConstraint("day", "municipality", "channel", "language", "topic", name="uq_topic_count"),
    )

    topic: Mapped[str] = Column(String(64), nullable=False)


class SafetyCount(DailyCount, Base):
    """How often the safety net answered 112 (level emergency) or asked "is it an emergency?" (unsure),
    per day, municipality, channel, language and danger category. No text."""

    __tablename__ = "safety_count"
    __table_args__ = (
        UniqueConstraint("day", "municipality", "channel", "language", "level", "category", name="uq_safety_count"),
    )

    level: Mapped[str] = Column(String(16), nullable=False)
    category: Mapped[str] = Column(String(32), nullable=False)  # "" when only the classifier spoke


class ReferralRecord(Base):
    """One referral given, for the policy indicators. No text, no ids of people."""

    __tablename__ = "referral"

    id: Mapped[int] = Column(Integer, primary_key=True)
    day: Mapped[date] = Column(Date, nullable=False, index=True)
    municipality: Mapped[str] = Column(String(64), nullable=False)
    topic: Mapped[str] = Column(String(64), nullable=False)
    service_id: Mapped[str] = Column(String(64), nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    channel: Mapped[str] = Column(String(32), nullable=False)


class StaffNote(Base):
    """A note for the front desk ("interpreter needed: Tigrinya, OCMW appointment")."""

    __tablename__ = "staff_note"

    id: Mapped[int] = Column(Integer, primary_key=True)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False, index=True)
    municipality: Mapped[str] = Column(String(64), nullable=False)
    kind: Mapped[str] = Column(String(32), nullable=False)  # interpreter | handover | callback
    language: Mapped[str] = Column(String(8), nullable=False)
    text: Mapped[str] = Column(String(500), nullable=False)  # redacted before it is written
    conversation: Mapped[str] = Column(String(64), nullable=False)  # salted hash, never the raw id
    done_at: Mapped[Optional[datetime]] = Column(DateTime(timezone=True), nullable=True)


class UnmetQuestion(Base):
    """A question Taalbrug could not answer well, redacted before it is written.

    reason: fallback | out_of_scope | feedback_negative | unhelpful.
    status: new | reviewed | added | not_relevant (the review workflow).
    After the retention period `text` and `intents` are emptied (purged_at set);
    the row stays so the counts stay.
    """

    __tablename__ = "unmet_question"

    id: Mapped[int] = Column(Integer, primary_key=True)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False, index=True)
    municipality: Mapped[str] = Column(String(64), nullable=False)
    channel: Mapped[str] = Column(String(32), nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    reason: Mapped[str] = Column(String(32), nullable=False)
    text: Mapped[Optional[str]] = Column(String(2000), nullable=True)
    intents: Mapped[Optional[str]] = Column(String(500), nullable=True)  # JSON: top 3 [name, confidence]
    conversation: Mapped[str] = Column(String(64), nullable=False)  # salted hash
    status: Mapped[str] = Column(String(16), nullable=False, default="new", index=True)
    purged_at: Mapped[Optional[datetime]] = Column(DateTime(timezone=True), nullable=True)


class ConversationCount(DailyCount, Base):
    """Conversations started, per day, municipality, channel and language. No text, no ids."""

    __tablename__ = "conversation_count"
    __table_args__ = (
        UniqueConstraint("day", "municipality", "channel", "language", name="uq_conversation_count"),
    )



class Account(Base):
    """A staff, policy or admin account of the report and staff pages."""

    __tablename__ = "account"

    id: Mapped[int] = Column(Integer, primary_key=True)
    username: Mapped[str] = Column(String(64), nullable=False, unique=True)
    role: Mapped[str] = Column(String(16), nullable=False)  # admin | policy | staff
    password_hash: Mapped[str] = Column(String(255), nullable=False)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)
    disabled: Mapped[bool] = Column(Boolean, nullable=False, default=False)


class AccountMunicipality(Base):
    """A municipality an account belongs to: it sees that municipality's notes, handovers, unmet
    questions and counts, and no other's."""

    __tablename__ = "account_municipality"

    account_id: Mapped[int] = Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    municipality: Mapped[str] = Column(String(64), primary_key=True)


class WebSession(Base):
    """A signed-in browser session. Only a hash of the cookie value is stored."""

    __tablename__ = "web_session"

    id: Mapped[int] = Column(Integer, primary_key=True)
    token_hash: Mapped[str] = Column(String(64), nullable=False, unique=True)
    account_id: Mapped[int] = Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False)
    csrf: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = Column(DateTime(timezone=True), nullable=False, index=True)
