"""Personal data never reaches storage: the redaction corpus and properties of redact()."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.privacy import _CASELESS_PHRASES, _NAME_PHRASES, nrn_valid, redact

CASES = yaml.safe_load((Path(__file__).parent / "redaction_cases.yml").read_text(encoding="utf-8"))["cases"]


def test_the_corpus_has_at_least_100_cases() -> None:
    assert len(CASES) >= 100
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_redaction_corpus(case) -> None:
    assert redact(case["text"]) == case["expected"]


def test_national_register_checksum() -> None:
    assert nrn_valid("85073003328")  # born in 1985
    assert not nrn_valid("85073003399")
    base = 10_203_004  # 01.02.03-004, born in 2001
    check = 97 - (2_000_000_000 + base) % 97
    assert nrn_valid(f"{base:09d}{check:02d}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_redact_never_fails_and_keeps_text_without_digits_or_at(text: str) -> None:
    result = redact(text)
    assert isinstance(result, str)
    if not any(ch.isdigit() for ch in text) and "@" not in text and not any(
        phrase in text.lower() for phrase in _NAME_PHRASES + _CASELESS_PHRASES + ["naam", "name", "appelle", "heet"]
    ):
        assert result == text


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{1,10}\.[a-z]{1,10}@[a-z]{2,10}\.(be|com|org)", fullmatch=True), st.text(max_size=40))
def test_any_email_is_removed(address: str, noise: str) -> None:
    assert address not in redact(f"{noise} {address} {noise}")
