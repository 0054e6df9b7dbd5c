"""The municipalities each account belongs to (tenants): staff and report queries are filtered by them.

Accounts that exist before this revision belong to no municipality, so they see
nothing until an operator gives them theirs (`make account NAME=... ACTION=municipalities
MUNICIPALITIES=...`): no account silently sees another municipality's data.

Revision ID: 0006_account_municipalities
Revises: 0004
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_account_municipalities"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_municipality",
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("municipality", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("account_municipality")
