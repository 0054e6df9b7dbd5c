"""Issue 12, fourth round: candidate decisions for messages the classifier does not understand, on the cached sets.

Reads var/safety4 (collect.py, encode.py) and the likeness model stored in the Rasa model; prints one row per
candidate: caught and full false alarms per development set, unmet and in-scope -> emergency on tests/nlu/dev.tsv,
dev misses still ending in nlu_fallback without 112, and the lexicon-blind catch (docs/bench-safety.md).
"""

from __future__ import annotations

import json
import sys
import tarfile
from typing import Callable, Dict

import numpy as np

from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.likeness import EmergencyLikeness
from bot.safety.safety_net import SafetyNet
from experiments.safety_fallback.collect import OUT

SETS = ("tune", "dev", "dev5", "dev6")


def char_likeness() -> EmergencyLikeness:
    with tarfile.open(PROJECT_ROOT / "models" / "taalbrug.tar.gz") as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("emergency_likeness.json"))
        return EmergencyLikeness.from_data(json.load(tar.extractfile(member)))  # type: ignore[arg-type]


def meaning_scores(c: float) -> Dict[str, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    train = json.loads((OUT / "train.json").read_text(encoding="utf-8"))
    tv = np.load(OUT / "train_vectors.npy")
    sv = np.load(OUT / "set_vectors.npy")
    y = np.array([bool(e) for _, e in train])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(tv, y)
    emerg = tv[y]
    sims = sv @ emerg.T
    top = np.sort(sims, axis=1)[:, -3:].mean(axis=1)
    allsims = sv @ tv.T
    knn = y[np.argsort(allsims, axis=1)[:, -10:]].mean(axis=1)
    return {"lr": model.predict_proba(sv)[:, 1], "maxcos": sims.max(axis=1), "top3cos": top, "knn10": knn}


def main() -> None:
    parsed = json.loads((OUT / "parsed.json").read_text(encoding="utf-8"))
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    likeness = char_likeness()
    net = SafetyNet({}, lexicon, likeness)
    base = [net.decide(p["text"], p["ranking"], p["intent"], p["language"]) for p in parsed]
    same = sum(1 for p, b in zip(parsed, base, strict=False) if p["level"] == b["level"])
    print(f"offline re-decision equals the model's own: {same}/{len(parsed)}", file=sys.stderr)
    c = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    scores = meaning_scores(c)
    scores["char"] = np.array([likeness.score(p["text"]) for p in parsed])
    words = np.array([len(p["text"].split()) for p in parsed])
    fallback = np.array([p["intent"].get("name") == "nlu_fallback" for p in parsed])
    hits = []
    for p in parsed:
        found = [h for h in lexicon.scan(p["text"]) if h.tier != "calm"]
        hits.append(bool(found))
    hits_a = np.array(hits)
    calm = np.array([bool(b["calm"]) for b in base])
    base_em = np.array([b["level"] == "emergency" for b in base])

    cands: Dict[str, Callable[[], np.ndarray]] = {"today": lambda: base_em}
    for name in ("lr", "maxcos", "top3cos", "knn10", "char"):
        s = scores[name]
        lo, hi = np.quantile(s, 0.5), np.quantile(s, 0.995)
        for bar in np.unique(np.round(np.linspace(lo, hi, 14), 3)):
            for min_words in (3,):
                for calm_blocks in (True, False):
                    new = fallback & (words >= min_words) & (s >= bar) & ~(calm & calm_blocks)
                    cands[f"{name}>={bar:.3f} w{min_words} calm{'Blocks' if calm_blocks else 'No'}"] = \
                        (lambda new=new: base_em | new)
                    blind = fallback & (words >= min_words) & (s >= bar)
                    scores[f"blind:{name}>={bar:.3f} w{min_words} calm{'Blocks' if calm_blocks else 'No'}"] = blind
    # a fallback with any signal word: full answer
    cands["fallback+signal"] = lambda: base_em | (fallback & hits_a)
    cands["fallback+signal, no calm"] = lambda: base_em | (fallback & hits_a & ~calm)
    meta = [(p["set"], p["label"], p["category"]) for p in parsed]
    rows = []
    for name, fn in cands.items():
        em = fn()
        r: Dict[str, object] = {"name": name}
        for s in SETS:
            r[f"{s}_caught"] = sum(1 for m, e in zip(meta, em, strict=False) if m[0] == s and m[1] == "emergency" and e)
            r[f"{s}_fa"] = sum(1 for m, e in zip(meta, em, strict=False) if m[0] == s and m[1] == "near_miss" and e)
        r["unmet"] = sum(1 for m, e in zip(meta, em, strict=False) if m[0] == "nlu-dev" and m[2] == "unmet" and e)
        r["inscope"] = sum(1 for m, e in zip(meta, em, strict=False) if m[0] == "nlu-dev" and m[2] not in ("unmet", "emergency") and e)
        r["nlu_emerg"] = sum(1 for m, e in zip(meta, em, strict=False) if m[0] == "nlu-dev" and m[2] == "emergency" and e)
        r["fb_missed"] = sum(1 for m, e, f in zip(meta, em, fallback, strict=False) if m[0] in SETS and m[1] == "emergency" and not e and f)
        blind = scores.get("blind:" + name)
        r["blind"] = "-" if blind is None else int(sum(1 for m, b, f in zip(meta, blind, fallback, strict=False)
                                                     if m[0] in ("dev5", "dev6") and m[1] == "emergency" and f and b))
        r["fa_all"] = sum(r[f"{s}_fa"] for s in SETS)  # type: ignore[misc]
        r["d56"] = r["dev5_caught"] + r["dev6_caught"]  # type: ignore[operator]
        rows.append(r)
    nfb = sum(1 for m, f in zip(meta, fallback, strict=False) if m[0] in ("dev5", "dev6") and m[1] == "emergency" and f)
    print(f"dev5+dev6 emergencies in nlu_fallback: {nfb}")
    print("| candidate | tune | dev | dev5 | dev6 | FA tune/dev/dev5/dev6 (sum) | unmet | in-scope | nlu emerg | fb-missed | blind |")
    for r in rows:
        ok = r["fa_all"] <= 64 and r["unmet"] <= 12 and r["inscope"] <= 21
        print(f"| {r['name']}{'' if ok else ' (x)'} | {r['tune_caught']} | {r['dev_caught']} | {r['dev5_caught']} | "
              f"{r['dev6_caught']} | {r['tune_fa']}/{r['dev_fa']}/{r['dev5_fa']}/{r['dev6_fa']} ({r['fa_all']}) | "
              f"{r['unmet']} | {r['inscope']} | {r['nlu_emerg']} | {r['fb_missed']} | {r['blind']} |")
    (OUT / f"sweep_c{c}.json").write_text(json.dumps(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
