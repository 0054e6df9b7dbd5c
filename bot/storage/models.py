"""Typed SQLAlchemy models of Taalbrug's own database (not Rasa's tracker store)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, Date, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, declarative_base

Base = declarative_base()


class TopicCount(Base):
    """How often a topic was asked, per day, municipality, channel and language. No text."""

    __tablename__ = "topic_count"
    __table_args__ = (
        UniqueConstraint("day", "municipality", "channel", "language", "topic", name="uq_topic_count"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    day: Mapped[date] = Column(Date, nullable=False, index=True)
    municipality: Mapped[str] = Column(String(64), nullable=False)
    channel: Mapped[str] = Column(String(32), nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    topic: Mapped[str] = Column(String(64), nullable=False)
    count: Mapped[int] = Column(Integer, nullable=False, default=0)


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
