"""Filter the drafted Tarifit and Kabyle words (drafts.json) and their spelling variants, and add the survivors to evidence.json (langid10b's filter, this part's drafts)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location("langid10b_add_drafts", HERE.parent / "langid10b" / "add_drafts.py")
assert _SPEC is not None and _SPEC.loader is not None
langid10b = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(langid10b)

if __name__ == "__main__":
    langid10b.main(HERE / "drafts.json")
