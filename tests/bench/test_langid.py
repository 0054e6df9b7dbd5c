"""make bench-langid's section on resident messages: "unsure" is counted apart from a wrong language,
the confusions are named by language code, no message is printed, and --dev-only leaves the test files unopened."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Sequence

import pytest

import bench.langid as langid
from bot.language.detector import Detection, LanguageDetector

ROWS = [
    ("ar", "bericht een"),
    ("ar", "bericht twee"),
    ("ar", "bericht drie"),
    ("ar", "bericht vier"),
    ("so", "bericht vijf"),
]
ANSWERS: Dict[str, Detection] = {
    "bericht een": Detection("ar", 0.9, "detected"),
    "bericht twee": Detection("ber", 0.3, "detected"),  # below MIN_CONFIDENCE: unsure
    "bericht drie": Detection("ber", 0.8, "detected"),
    "bericht vier": Detection("fr", 0.7, "detected"),
    "bericht vijf": Detection("so", 0.95, "detected"),
}


class Scripted(LanguageDetector):
    """A detector that answers from the table above."""

    def detect(
        self,
        text: str,
        browser_languages: Sequence[str] = (),
        current: Optional[str] = None,
        choice: Optional[str] = None,
    ) -> Detection:
        return ANSWERS[text]


def test_unsure_is_counted_apart_from_wrong_and_no_message_is_printed() -> None:
    others = {"always ar": lambda text: "ar"}
    out = langid.resident_table("dev", ROWS, Scripted(), others)
    assert "| ar | 4 | 1.000 | 1/4 | 1 | 2 | 0.250 | ber 1, fr 1 |" in out
    assert "| so | 1 | 0.000 | 1/1 | 0 | 0 | 1.000 | - |" in out
    assert "**2/5**" in out and "**1**" in out
    assert "bericht" not in out


def test_dev_only_leaves_the_test_files_unopened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    dev = tmp_path / "dev.tsv"
    dev.write_text("lang\tintent\ttext\n" + "".join(f"{lang}\tx\t{text}\n" for lang, text in ROWS), encoding="utf-8")
    monkeypatch.setattr(langid, "RESIDENT_DEV", ((dev, 2),))
    monkeypatch.setattr(langid, "RESIDENT_TEST", ((tmp_path / "missing.tsv", 2),))
    out = langid.resident_section(Scripted(), {}, with_test=False)
    assert "not opened" in out and "| ar | 4 |" in out
    with pytest.raises(FileNotFoundError):
        langid.resident_section(Scripted(), {}, with_test=True)


def test_every_fresh_table_reads_well_formed_rows_in_our_languages() -> None:
    """Each fresh round's files exist, and every row a table scores has a supported language and a text: a
    malformed line would silently shrink a language's count."""
    from bot.language.languages import SUPPORTED

    for files, title in langid.FRESH_ROUNDS:
        rows = langid.read_resident(files)
        lines = sum(len(path.read_text(encoding="utf-8").splitlines()) - 1 for path, _ in files)
        assert len(rows) == lines, title
        assert {lang for lang, _ in rows} == SUPPORTED and all(text.strip() for _, text in rows), title
