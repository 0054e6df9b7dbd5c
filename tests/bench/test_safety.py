"""`make bench-safety --write` replaces its tables in docs/bench-safety.md and keeps what people wrote above them."""

from __future__ import annotations

from bench.safety import TABLES, with_tables


def test_writing_the_tables_keeps_the_findings_above_them_and_replaces_the_old_tables() -> None:
    report = f"# Safety net\n\nRound four: 3 more caught.\n\n{TABLES}\n\n## tune\nold table\n"
    written = with_tables(report, "## tune\nnew table\n")
    assert "Round four: 3 more caught." in written
    assert "new table" in written and "old table" not in written
    assert written.count(TABLES) == 1


def test_a_report_without_the_marker_gets_it_and_the_tables_below_it() -> None:
    written = with_tables("", "## tune\nnew table\n")
    assert written.startswith(TABLES) and written.endswith("new table\n")
