"""make bench-nlu's sub-answer measure: the right sub-answer per language, the general answer counted wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.nlu import bench_subs, read_heldout_subs, sub_report
from bot import PROJECT_ROOT

ROWS = [
    ("fr", "id_card", "pin_puk", "code pin oublié"),
    ("fr", "id_card", "pin_puk", "carte bloquée"),
    ("fr", "id_card", "kids_id", "kids-id pour mon fils"),
    ("nl", "residence_permit", "waiting", "nog geen beslissing"),
]


def test_the_general_answer_and_a_wrong_topic_count_as_wrong_and_small_groups_as_counts(capsys) -> None:
    predicted = [("id_card", "pin_puk"), ("id_card", None), ("greet", None), ("residence_permit", "waiting")]
    result = sub_report(ROWS, predicted)
    out = capsys.readouterr().out
    assert "| fr | 1/3 |" in out and "| nl | 1/1 |" in out
    assert "| id_card/pin_puk | 1/2 | general (1) |" in out
    assert result["sub_accuracy_all"] == pytest.approx(0.5)
    assert result["sub_accuracy_nl"] == 1.0 and result["sub_accuracy_other"] == pytest.approx(1 / 3)


def test_a_missing_held_out_file_is_reported_as_absent(capsys) -> None:
    missing = PROJECT_ROOT / "tests" / "nlu" / "no_such_heldout_subs.tsv"
    assert bench_subs(Path("unused.tar.gz"), missing) is None
    assert "tests/nlu/no_such_heldout_subs.tsv is absent" in capsys.readouterr().out


def test_a_line_without_four_columns_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "heldout_subs.tsv"
    path.write_text("lang\tintent\tsub\ttext\nfr\tid_card\tcode pin oublié\n", encoding="utf-8")
    with pytest.raises(ValueError, match="heldout_subs.tsv, line 2: needs 4 tab-separated columns"):
        read_heldout_subs(path)
