"""`make bench-speed` times the development messages only, names each pipeline component, and reports how many
messages paid the sentence encoder and where two code versions decide differently."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Dict

import pytest

from bench.speed import (
    ROOT,
    SAFETY_SETS,
    Worker,
    _component,
    development_texts,
    main,
    quantiles,
    set_texts,
    table,
)


def test_only_development_sets_are_timed_never_a_held_out_one() -> None:
    assert not any(name.startswith(("heldout", "final")) for name in SAFETY_SETS)
    expected = 0
    for path in [ROOT / "tests" / "safety" / f"{name}.tsv" for name in SAFETY_SETS] + [ROOT / "tests" / "nlu" / "dev.tsv"]:
        with path.open(encoding="utf-8", newline="") as handle:
            expected += sum(1 for _ in csv.DictReader(handle, delimiter="\t"))
    assert len(development_texts()) == expected


def test_graph_nodes_are_reported_by_their_component_name() -> None:
    assert _component("run_bot.safety.safety_net.SafetyNet8") == "SafetyNet"
    assert _component("run_DIETClassifier5") == "DIETClassifier"
    assert _component("nlu_message_converter") == "nlu_message_converter"


def test_quantiles_of_few_or_no_values_are_defined() -> None:
    assert quantiles([]) == (0.0, 0.0, 0.0)
    assert quantiles([2.0]) == (2.0, 2.0, 2.0)
    p50, p95, p99 = quantiles([float(n) for n in range(1, 101)])
    assert p50 == 50.5 and 95 <= p95 <= 96 and 99 <= p99 <= 100


def _result(encoder_calls: int, safety_ms: float) -> Dict[str, Any]:
    components = {"SafetyNet": [safety_ms, safety_ms], "DIETClassifier": [4.0, 4.0]}
    if encoder_calls:
        components["encoder"] = [3.0, 3.0]
    return {"wall": 20.0, "thread": 10.0, "process": 11.0, "components": components, "encoder_calls": encoder_calls,
            "decision": ["greet", "none", ""]}


def test_the_table_names_each_component_and_counts_the_messages_that_paid_the_encoder() -> None:
    worker = Worker.__new__(Worker)  # no process: only its results are tabled
    worker.label, worker.results = "this tree", [_result(0, 0.3), _result(1, 4.0), _result(0, 0.2), _result(0, 0.4)]
    printed = table(worker)
    assert "| DIETClassifier | 4.000 |" in printed and "| SafetyNet |" in printed
    assert "in SafetyNet: encoder" in printed
    assert "messages that called the encoder: 1/4 (25.0%)" in printed


def test_the_bench_is_run_by_make_bench() -> None:
    makefile = Path(ROOT / "Makefile").read_text(encoding="utf-8")
    assert "bench-speed" in makefile.split("\nbench:", 1)[1].splitlines()[0]


def test_another_set_is_read_by_its_text_column_whatever_its_other_columns(tmp_path: Path) -> None:
    safety = tmp_path / "safety.tsv"
    safety.write_text("lang\tlabel\tcategory\ttext\nnl\temergency\tfire\ter is brand\n", encoding="utf-8")
    nlu = tmp_path / "nlu.tsv"
    nlu.write_text("lang\tintent\ttext\nfr\twaste\tquand passe la poubelle\n", encoding="utf-8")
    assert set_texts([safety, nlu]) == ["er is brand", "quand passe la poubelle"]


def test_a_set_without_a_text_column_is_refused_by_name_before_anything_is_timed(tmp_path: Path, capsys) -> None:
    headless = tmp_path / "headless.tsv"
    headless.write_text("nl\tbrand in de keuken\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--set", str(headless)])
    err = capsys.readouterr().err
    assert "headless.tsv: needs a tab-separated header line with a `text` column" in err
    assert "brand in de keuken" not in err


def test_a_line_without_text_is_refused_with_its_line_number(tmp_path: Path) -> None:
    short = tmp_path / "short.tsv"
    short.write_text("lang\ttext\nnl\ter is brand\nfr\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"short.tsv, line 3: no text"):
        set_texts([short])
