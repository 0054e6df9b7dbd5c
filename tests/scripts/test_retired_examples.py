"""`python -m scripts.retired_examples --check`: what it says about nlu/retired/ in a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import retired_examples


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "retired"
    monkeypatch.setattr(retired_examples, "OUT", folder)
    monkeypatch.setattr(retired_examples, "examples", lambda: {"waste": {"": ["wanneer komt de vuilniswagen"]}})
    return folder


def test_a_checkout_without_the_retired_examples_passes_the_check(out: Path, capsys) -> None:
    assert retired_examples.main(["--check"]) == 0
    assert "absent" in capsys.readouterr().out


def test_written_examples_pass_and_a_hand_edit_fails_the_check(out: Path, capsys) -> None:
    assert retired_examples.main([]) == 0
    assert retired_examples.main(["--check"]) == 0
    (out / "waste.yml").write_text((out / "waste.yml").read_text(encoding="utf-8") + "      - extra\n", encoding="utf-8")
    assert retired_examples.main(["--check"]) == 1
    assert "out of date (waste.yml)" in capsys.readouterr().err
