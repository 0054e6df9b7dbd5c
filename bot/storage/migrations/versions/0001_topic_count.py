"""Topic counts per day, municipality, channel and language (no text, no ids).

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_count",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False, server_default="0"),
        sa.UniqueConstraint("day", "municipality", "channel", "language", "topic", name="uq_topic_count"),
    )
    op.create_index("ix_topic_count_day", "topic_count", ["day"])


def downgrade() -> None:
    op.drop_index("ix_topic_count_day", table_name="topic_count")
    op.drop_table("topic_count")
