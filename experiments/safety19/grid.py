"""Issue 12, fifteenth round (safety19): try safety-net options on the lead's cached M6 parse of every repo set.

Usage (from the worktree):
  python -m experiments.safety19.grid --cached /tmp/n15/parse_main.json --base /tmp/safety19_base.pkl \
      [--only-calm] [--hide final18] [--list] [--config KEY=JSON ...]

The first run re-decides every row with main's options and this worktree's lexicon and keeps the reports in --base
(a pickle); later runs re-decide, with the given options, only the rows whose base report found calm context
(--only-calm: the options of this round only take calm away, so no other row can change) or every row. Printed:
lost / won / cut / new against the parse's own level (main's code), per set and in total, with each change listed
(the sets named in --hide only as counts).
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet

MODEL = PROJECT_ROOT / "models" / "taalbrug.tar.gz"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cached", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--only-calm", action="store_true")
    parser.add_argument("--hide", action="append", default=[])
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list every emergency still missed")
    parser.add_argument("--features", action="store_true", help="with --list: the arbiter's score, likeness, words")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON")
    parser.add_argument("--variant", action="append", default=[], metavar="JSON",
                        help="a dict of options on top of --config; each variant is re-decided and shown in turn")
    args = parser.parse_args()
    items: List[Dict[str, Any]] = json.loads(args.cached.read_text())
    net = trained_safety_net(MODEL)
    assert net is not None
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    if args.base.exists():
        base: List[Dict[str, Any]] = pickle.loads(args.base.read_bytes())
    else:
        main_net = SafetyNet(dict(net._config), lexicon, net.likeness, meaning=net.meaning)
        base = [main_net.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
        args.base.write_bytes(pickle.dumps(base))
        differs = sum(r["level"] != it["model_level"] for r, it in zip(base, items, strict=True))
        print(f"base written: {len(base)} rows, level differs from the parse's own for {differs}")
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    for variant in args.variant or ["{}"]:
        print("VARIANT", variant)
        candidate = SafetyNet({**net._config, **options, **json.loads(variant)}, lexicon, net.likeness,
                              meaning=net.meaning)
        reports = list(base)
        for i, it in enumerate(items):
            if not args.only_calm or base[i]["calm"]:
                reports[i] = candidate.decide(it["text"], it["ranking"], it["intent"], it["language"])
        show(items, reports, args, candidate if args.features else None)


def show(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], args: argparse.Namespace,
         net: Any = None) -> None:
    """Per set and in total: caught and full false alarms main -> this run, and each change (hidden sets: counts)."""
    per: Dict[str, Counter] = {}
    changes = []
    for it, r in zip(items, reports, strict=True):
        c = per.setdefault(it["set"], Counter())
        was, now = it["model_level"] == EMERGENCY_LEVEL, r["level"] == EMERGENCY_LEVEL
        em = it["label"] == "emergency"
        c["em" if em else "nm"] += 1
        c[("caught0" if em else "fa0")] += was
        c[("caught1" if em else "fa1")] += now
        if was != now:
            kind = ("lost" if was else "won") if em else ("cut" if was else "new")
            c[kind] += 1
            changes.append((kind, it, r))
    total: Counter = Counter()
    for name in sorted(per, key=lambda s: (s.startswith("nlu:"), s)):
        c = per[name]
        total.update(c)
        if any(c[k] for k in ("lost", "won", "cut", "new")):
            print(f"  {name:16} caught {c['caught0']}->{c['caught1']}/{c['em']}  fa {c['fa0']}->{c['fa1']}/{c['nm']}"
                  f"  lost {c['lost']} won {c['won']} cut {c['cut']} new {c['new']}")
    print(f"  TOTAL caught {total['caught0']}->{total['caught1']}/{total['em']}  fa {total['fa0']}->{total['fa1']}/"
          f"{total['nm']}  lost {total['lost']} won {total['won']} cut {total['cut']} new {total['new']}")
    if args.list:
        for kind, it, r in changes:
            if it["set"] not in args.hide:
                extra = ""
                if net is not None:
                    text = it["text"]
                    extra = (f'arb={net._arbiter.score(text):.3f} like={net.likeness.score(text):.2f} '
                             f'w={len(text.split())} q={"?" in text or "؟" in text} ')
                print(f'   {kind.upper()} {extra} {it["set"]} {it["lang"]} {it["category"]} [{r["reason"]}] calm={r["calm"]} '
                      f'danger={r["categories"]} {it["intent"].get("name")} {it["intent"].get("confidence", 0):.2f} | '
                      f'{it["text"][:200]}')
    if args.misses:
        for it, r in zip(items, reports, strict=True):
            if it["label"] == "emergency" and r["level"] != EMERGENCY_LEVEL and it["set"] not in args.hide:
                rank = " ".join(f'{x["name"]}:{x["confidence"]:.2f}' for x in it["ranking"][:4])
                print(f'   MISS {it["set"]} {it["lang"]}/{it["language"]} {it["category"]} [{r["level"]}/{r["reason"]}] '
                      f'calm={r["calm"]} danger={r["categories"]} {rank} | {it["text"][:220]}')


if __name__ == "__main__":
    main()
