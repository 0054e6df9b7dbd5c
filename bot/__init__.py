"""Taalbrug: what runs around Rasa (language detection, web gateway, storage, directory)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
