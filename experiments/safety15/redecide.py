"""Issue 12, thirteenth round (safety15): every repo emergency re-decided offline on one cached parse.

Usage:
  python -m experiments.safety15.redecide --model MODEL --parse OUT.json      # parse R once (main's code)
  python -m experiments.safety15.redecide --model MODEL --cached OUT.json [--list]

R = every tests/safety/*.tsv set (tagged with its name) and every line of tests/nlu/*.tsv (tagged `nlu:<name>`;
lines labelled `emergency` are emergencies, every other line an ordinary question, counted as a near-miss). The
re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's code and lexicon;
`model_level` is the level of the code the parse ran with (main's). Printed per set: caught (full 112 first) and full
false alarms, main -> this run; emergencies lost and won, false alarms cut and new; with --list every emergency this
run still misses, with its deciding signal, its danger words and calm kinds, the classifier's first intent and the
detected language, then the changes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List

from bench.safety import SETS
from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL
from bot.vocabulary import FALLBACK
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import changed, nlu_rows, redecide_cached, safety_rows

NLU = PROJECT_ROOT / "tests" / "nlu"
# The thirteenth round's fresh sets (tests/safety on main after this round): judged, never read nor re-decided here.
UNSEEN = ("dev18", "final13")
UNSEEN_NLU = ("heldout13",)


def safety_sets() -> List[str]:
    return sorted(path.stem for path in SETS.glob("*.tsv") if path.stem not in UNSEEN)


def rows() -> List[Dict[str, Any]]:
    return safety_rows(safety_sets()) + [row for path in sorted(NLU.glob("*.tsv")) if path.stem not in UNSEEN_NLU
                                         for row in nlu_rows(path, f"nlu:{path.stem}")]


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is not None:
        report(*redecided)


def report(args: Any, items: List[Dict[str, Any]], reports: List[Dict[str, Any]], model_levels: List[str]) -> None:
    """Per set main's figures -> this run's, the misses left by deciding signal, and the changes (--list: each)."""
    fm = figures(items, model_levels)
    f = figures(items, [r["level"] for r in reports])
    names = sorted(f, key=lambda s: (s.startswith("nlu:"), s))
    for s in names:
        print(f"  {s:16} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
    safety = [s for s in names if not s.startswith("nlu:")]
    nlu = [s for s in names if s.startswith("nlu:")]
    for label, group in (("tests/safety", safety), ("tests/nlu", nlu)):
        print(f"  {label:16} caught {sum(fm[s]['caught'] for s in group)}->{sum(f[s]['caught'] for s in group)}"
              f"/{sum(f[s]['em'] for s in group)}  fa {sum(fm[s]['fa'] for s in group)}->"
              f"{sum(f[s]['fa'] for s in group)}/{sum(f[s]['nm'] for s in group)}")
    missed = [(it, r) for it, r in zip(items, reports, strict=True)
              if it["label"] == "emergency" and r["level"] != EMERGENCY_LEVEL]
    in_fallback = sum(it["intent"].get("name") == FALLBACK for it, _ in missed)
    print(f"  misses left {len(missed)} (in nlu_fallback {in_fallback}); by reason "
          f"{dict(Counter(r['reason'] or 'none' for _, r in missed).most_common())}")
    change = changed(items, reports, model_levels)
    counts = "; ".join(f"{kind} {len(group)}" for kind, group in change.items())
    print(f"  {counts} (lost, won: emergencies; cut, new: full false alarms); new by set "
          f"{dict(Counter(it['set'] for it, _ in change['new']))}")
    if args.list:
        for it, r in missed:
            top = it["intent"]
            print(f'   MISS {it["set"]} {it["lang"]}/{it["language"]} {it["category"]} [{r["level"]}/{r["reason"]}] '
                  f'danger={r["categories"]} calm={r["calm"]} {top.get("name")} '
                  f'{top.get("confidence", 0):.2f} | {it["text"]}')
        for kind, pairs in change.items():
            for it, r in pairs:
                print(f'   {kind.upper()} {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] calm={r["calm"]} {it["text"][:160]}')


if __name__ == "__main__":
    main()
