"""Taalbrug's own database: SQLAlchemy models, the engine, and Alembic migrations."""
