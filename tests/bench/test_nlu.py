"""make bench-nlu's measures: sub-answers per language (the general answer counted wrong), and the development-set mode that chooses thresholds and pipelines without reading a held-out file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pytest

from bench.nlu import Parsed, bench_subs, figures, main, read_heldout_subs, simulate, sub_report
from bot import PROJECT_ROOT

ROWS = [
    ("fr", "id_card", "pin_puk", "code pin oublié"),
    ("fr", "id_card", "pin_puk", "carte bloquée"),
    ("fr", "id_card", "kids_id", "kids-id pour mon fils"),
    ("nl", "residence_permit", "waiting", "nog geen beslissing"),
]


@pytest.fixture(autouse=True)
def logging_restored() -> Iterator[None]:
    """bench.nlu.main() silences logging for its run (logging.disable); the tests after these need it back."""
    yield
    logging.disable(logging.NOTSET)


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


# The development set (--dev): choosing thresholds and pipelines without opening a held-out file.
DEV_ROWS = [
    ("nl", "birth_registration", "aangifte van mijn baby"),
    ("nl", "unmet", "wanneer is de kermis"),
    ("fr", "id_card", "carte d'identité perdue"),
    ("ar", "unmet", "متى السوق"),
]
DEV_PARSED = [
    Parsed("nlu_fallback", 5.0, "birth_registration", 0.28, 0.20, None),
    Parsed("nlu_fallback", 5.0, "leisure", 0.33, 0.02, None),
    Parsed("id_card", 5.0, "id_card", 0.90, 0.85, None),
    Parsed("emergency", 5.0, "health", 0.25, 0.05, "emergency"),
]


def test_a_lower_threshold_keeps_the_topic_and_the_safety_nets_emergency_stays() -> None:
    assert simulate(DEV_PARSED[0], (0.30, 0.03)) == "nlu_fallback"
    assert simulate(DEV_PARSED[0], (0.25, 0.03)) == "birth_registration"
    assert simulate(DEV_PARSED[1], (0.30, 0.03)) == "nlu_fallback"  # too close to the second best
    assert simulate(DEV_PARSED[1], (0.30, 0.00)) == "leisure"
    assert simulate(DEV_PARSED[3], (0.20, 0.00)) == "emergency"


def test_the_target_figures_count_unmet_questions_caught_and_in_scope_ones_lost() -> None:
    result = figures(DEV_ROWS, ["nlu_fallback", "nlu_fallback", "id_card", "emergency"])
    assert result["accuracy_nl"] == 0.5 and result["accuracy_other"] == 0.5
    assert result["unmet_caught"] == 0.5 and result["in_scope_to_fallback"] == 0.5


def test_the_dev_mode_reads_the_dev_set_only(tmp_path: Path, monkeypatch, capsys) -> None:
    import bench.nlu as bench

    dev = tmp_path / "dev.tsv"
    dev.write_text("lang\tintent\ttext\n" + "".join("\t".join(row) + "\n" for row in DEV_ROWS), encoding="utf-8")
    opened = []
    real_read = bench.read_heldout
    monkeypatch.setattr(bench, "read_heldout", lambda path=bench.HELDOUT: opened.append(path) or real_read(path))
    monkeypatch.setattr(bench, "read_heldout_subs", lambda path=bench.HELDOUT_SUBS: opened.append(path))

    async def parse_all(model: Path, texts) -> list:
        assert list(texts) == [text for *_, text in DEV_ROWS]
        return DEV_PARSED

    monkeypatch.setattr(bench, "parse_all", parse_all)
    summary = tmp_path / "summary.jsonl"
    bench.main(["--dev", "--dev-file", str(dev), "--model", "unused.tar.gz", "--summary", str(summary), "--errors"])
    out = capsys.readouterr().out
    assert opened == [dev]
    assert "| birth_registration | nlu_fallback | 1 | 0 |" in out  # a confusion pair, Dutch
    assert "| 0.25 | 0.03 | 1.0000 |" in out  # the sweep: at 0.25 the Dutch birth question keeps its topic
    assert "nl\tbirth_registration\tnlu_fallback\tbirth_registration 0.28\taangifte van mijn baby" in out
    assert '"name": "unused.tar.gz"' in summary.read_text(encoding="utf-8")


def test_held_out_messages_are_never_listed(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--errors"])
    assert "only go with --dev" in capsys.readouterr().err


def test_an_out_of_scope_question_answered_out_of_scope_counts_as_right(capsys) -> None:
    from bench.nlu import report

    result = report([("nl", "out_of_scope", "wat voor weer wordt het morgen")], ["out_of_scope"], [3.0])
    assert result["accuracy_nl"] == 1.0


# --set: a validation set written by others, scored as a held-out set (aggregates only).
def test_a_set_given_with_set_is_scored_alone_and_no_message_is_printed(tmp_path: Path, monkeypatch, capsys) -> None:
    import bench.nlu as bench

    path = tmp_path / "nlu_dev2.tsv"
    path.write_text("lang\tintent\ttext\n" + "".join("\t".join(row) + "\n" for row in DEV_ROWS), encoding="utf-8")
    opened = []
    monkeypatch.setattr(bench, "read_heldout", lambda path=bench.HELDOUT: opened.append(path) or [])
    monkeypatch.setattr(bench, "read_heldout_subs", lambda path=bench.HELDOUT_SUBS: opened.append(path))

    async def predict(model: Path, texts):
        assert list(texts) == [text for *_, text in DEV_ROWS]
        return ["birth_registration", "nlu_fallback", "id_card", "leisure"], [5.0] * 4, \
            [("birth_registration", 0.9), ("leisure", 0.2), ("id_card", 0.9), ("leisure", 0.5)]

    monkeypatch.setattr(bench, "predict", predict)
    bench.main(["--set", str(path), "--model", "unused.tar.gz"])
    out = capsys.readouterr().out
    assert opened == []  # no held-out file, no sub-answer set
    assert "accuracy Dutch: 1.0000 (n=2); other languages: 0.5000 (n=2)" in out
    assert "unmet questions caught (nlu_fallback or out_of_scope): 0.5000 (1/2)" in out
    assert "| 0.20 | 0.000 | 0.000 | 1.000 |" in out  # the threshold sweep
    assert not any(text in out for *_, text in DEV_ROWS)


def test_a_malformed_set_is_refused_naming_file_and_line_but_not_the_text(tmp_path: Path) -> None:
    from bench.nlu import read_set

    path = tmp_path / "nlu_dev2.tsv"
    path.write_text("lang\tintent\ttext\nnl\tid_card\tmijn kaart kwijt\nfr\tcarte perdue\n", encoding="utf-8")
    with pytest.raises(ValueError, match="nlu_dev2.tsv, line 3: needs 3 tab-separated") as error:
        read_set(path)
    assert "carte perdue" not in str(error.value)


def test_a_set_without_header_is_read_whole_and_set_with_dev_is_refused(tmp_path: Path, capsys) -> None:
    from bench.nlu import read_set

    path = tmp_path / "set.tsv"
    path.write_text("nl\tid_card\tmijn kaart kwijt\n", encoding="utf-8")
    assert read_set(path) == [("nl", "id_card", "mijn kaart kwijt")]
    with pytest.raises(SystemExit):
        main(["--set", str(path), "--dev"])
    assert "give one of them" in capsys.readouterr().err


def test_the_report_scores_the_fresh_sets_and_never_a_retired_one(monkeypatch, capsys) -> None:
    """heldout.tsv to heldout17.tsv were scored at the end of earlier rounds: the report scores the fresh sets only."""
    import bench.nlu as bench

    opened = []
    monkeypatch.setattr(bench, "read_heldout", lambda path=bench.HELDOUT: opened.append(path) or [])
    monkeypatch.setattr(bench, "read_heldout_subs", lambda path=bench.HELDOUT_SUBS: opened.append(path))
    monkeypatch.setattr(bench, "bench_set", lambda model, rows, title: None)
    monkeypatch.setattr(bench, "bench_subs", lambda model, path: opened.append(path))
    bench.main(["--model", "unused.tar.gz"])
    names = [path.name for path in opened]
    assert names == ["heldout18.tsv", "heldout_subs4.tsv", "heldout_subs5.tsv", "heldout_subs6.tsv", "heldout_subs8.tsv",
                     "heldout_subs10.tsv"]
    assert not set(names) & (set(bench.RETIRED) | set(bench.RETIRED_SUBS) | set(bench.SCORED_BEFORE))
    out = capsys.readouterr().out
    assert "heldout8.tsv, heldout_subs.tsv, heldout_subs2.tsv, heldout_subs3.tsv: retired" in out
    assert "heldout9.tsv, heldout10.tsv, heldout11.tsv, heldout12.tsv, heldout13.tsv, heldout14.tsv, heldout15.tsv, heldout16.tsv, heldout17.tsv: scored at the end of an earlier round" in out
