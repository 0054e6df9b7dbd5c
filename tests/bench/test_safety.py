"""`make bench-safety --write` replaces its tables in docs/bench-safety.md and keeps what people wrote above them;
`--set` scores another set as a held-out one; the report names the signal that decided each miss and alarm."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.safety import TABLES, TUNED_ON, LabelledMessage, Parsed, chosen_sets, deciders, main, with_tables


def test_writing_the_tables_keeps_the_findings_above_them_and_replaces_the_old_tables() -> None:
    report = f"# Safety net\n\nRound four: 3 more caught.\n\n{TABLES}\n\n## tune\nold table\n"
    written = with_tables(report, "## tune\nnew table\n")
    assert "Round four: 3 more caught." in written
    assert "new table" in written and "old table" not in written
    assert written.count(TABLES) == 1


def test_a_report_without_the_marker_gets_it_and_the_tables_below_it() -> None:
    written = with_tables("", "## tune\nnew table\n")
    assert written.startswith(TABLES) and written.endswith("new table\n")


def _tsv(path: Path, rows: str) -> Path:
    path.write_text("lang\tlabel\tcategory\ttext\n" + rows, encoding="utf-8")
    return path


def test_a_set_given_with_set_is_scored_alone_and_as_a_held_out_set(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "dev.tsv", "nl\temergency\tfire\ter is brand\nfr\tnear_miss\tbill\tma facture de gaz\n")
    sets = chosen_sets([path])
    assert list(sets) == [f"dev ({path})"]  # named by its file, never one of the tuned-on names: no message printed
    assert all(name not in TUNED_ON for name in sets)
    assert [(row.lang, row.label, row.text) for row in sets[f"dev ({path})"]] == \
        [("nl", "emergency", "er is brand"), ("fr", "near_miss", "ma facture de gaz")]


def test_a_malformed_set_is_refused_with_its_file_named(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "odd.tsv", "xx\temergency\tfire\tbrand\n")
    with pytest.raises(SystemExit, match="odd.tsv: 1 malformed rows"):
        chosen_sets([path])


def test_writing_the_report_with_another_set_is_refused(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "dev7.tsv", "nl\temergency\tfire\ter is brand\n")
    with pytest.raises(SystemExit):
        main(["--set", str(path), "--write"])


def test_the_deciding_signals_are_counted_and_the_bare_classifiers_own_alarms_named() -> None:
    row = LabelledMessage("nl", "near_miss", "-", "text")

    def parsed(reason: str, bare: bool) -> Parsed:
        return Parsed(row, {"name": "x"}, [], "emergency", bare, "nl", reason)

    items = [parsed("classifier", True), parsed("classifier", False), parsed("signal_unclear_topic", False),
             parsed("signal_unclear_topic", False), parsed("", False)]
    assert deciders(items) == [("signal_unclear_topic", 2), ("bare_classifier", 1), ("classifier", 1), ("none", 1)]


def test_the_sweep_loads_the_safety_net_the_model_trained_through_rasas_model_storage() -> None:
    """The likeness and meaning models `rasa train` stored, loaded as the server loads them: the sweep
    weighs a not-understood message exactly as the running safety net does."""
    from bench.safety import trained_safety_net
    from tests.live_stack import model_path

    model = model_path()
    if not model.exists():
        pytest.skip(f"no trained model at {model}: `make train`")
    net = trained_safety_net(model)
    assert net is not None and net.likeness is not None and net.meaning is not None
    fallback = {"name": "nlu_fallback", "confidence": 0.3}
    assert net.decide("help mijn buurman ligt op de grond en ademt niet", [fallback], fallback, "nl")["level"] == "emergency"
    assert net.decide("wanneer is het gemeentehuis open", [fallback], fallback, "nl")["level"] != "emergency"


def test_a_missing_model_is_refused_with_its_path_named(tmp_path: Path) -> None:
    from bench.safety import trained_safety_net

    with pytest.raises(FileNotFoundError, match="missing.tar.gz"):
        trained_safety_net(tmp_path / "missing.tar.gz")
