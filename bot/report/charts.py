"""Server-rendered SVG charts of the indicators (matplotlib), each shown above its table."""

from __future__ import annotations

import io
from typing import Dict, List, Sequence, Tuple

# Colour-blind safe palette (Okabe-Ito), dark enough on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def _figure(width: float = 7.5, height: float = 3.6):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def _svg(figure, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    return buffer.getvalue()


def stacked_bars(table: Dict[str, Dict[str, int]], title: str, top: int = 7) -> str:
    """Months (rows) as bars, stacked by series (e.g. languages); small series as "overige"."""
    totals: Dict[str, int] = {}
    for row in table.values():
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + value
    keep = [k for k, _ in sorted(totals.items(), key=lambda kv: -kv[1])[:top]]
    figure = _figure()
    axes = figure.add_subplot()
    months = list(table)
    bottom = [0] * len(months)
    series: List[Tuple[str, List[int]]] = [(k, [table[m].get(k, 0) for m in months]) for k in keep]
    rest = [sum(v for k, v in table[m].items() if k not in keep) for m in months]
    if any(rest):
        series.append(("overige", rest))
    for index, (name, values) in enumerate(series):
        axes.bar(months, values, bottom=bottom, label=name, color=PALETTE[index % len(PALETTE)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title(title)
    axes.set_ylabel("aantal")
    if series:
        axes.legend(loc="upper left", fontsize="small", ncol=2)
    figure.tight_layout()
    return _svg(figure, title)


def bars(items: Sequence[Tuple[str, int]], title: str, top: int = 12) -> str:
    """Horizontal bars, largest at the top."""
    shown = list(items)[:top]
    figure = _figure(height=max(2.2, 0.32 * len(shown) + 1.2))
    axes = figure.add_subplot()
    labels = [name for name, _ in reversed(shown)]
    axes.barh(labels, [value for _, value in reversed(shown)], color=PALETTE[0])
    axes.set_title(title)
    axes.set_xlabel("aantal")
    figure.tight_layout()
    return _svg(figure, title)


def line(table: Dict[str, Dict[str, int]], title: str) -> str:
    """One line per series over the months (e.g. unmet questions by reason)."""
    figure = _figure()
    axes = figure.add_subplot()
    months = list(table)
    names = sorted({k for row in table.values() for k in row})
    for index, name in enumerate(names):
        axes.plot(months, [table[m].get(name, 0) for m in months], marker="o", label=name,
                  color=PALETTE[index % len(PALETTE)])
    axes.set_title(title)
    axes.set_ylabel("aantal")
    if names:
        axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    return _svg(figure, title)
