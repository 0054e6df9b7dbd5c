"""Safety-net counts: emergencies answered and "is it an emergency?" asked, per language.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_count",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("day", "municipality", "channel", "language", "level", "category",
                            name="uq_safety_count"),
    )
    op.create_index("ix_safety_count_day", "safety_count", ["day"])


def downgrade() -> None:
    op.drop_index("ix_safety_count_day", table_name="safety_count")
    op.drop_table("safety_count")
