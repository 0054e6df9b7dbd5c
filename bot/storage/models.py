"""Typed SQLAlchemy models of Taalbrug's own database (not Rasa's tracker store)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, Integer, String, UniqueConstraint
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
