"""p50 / p95 / p99 CPU time per message and RSS of one detector, in a fresh process: bench.langid's speed texts
(the dev set, tests/nlu/heldout.tsv and the Dutch chat, 5,420 texts; bench.langid.latency, 50 texts of warm-up) and
RSS after loading. `PYTHONPATH=. python experiments/langid18/speed.py`."""

from bench.langid import latency, read_dutch_chat, read_heldout_chat, rss_kb
from bot.language.build import DATA, read_tsv
from bot.language.detector import LanguageDetector

if __name__ == "__main__":
    before = rss_kb()
    detector = LanguageDetector()
    detector.detect("warm up: laad de modellen")
    loaded = rss_kb()
    texts = [t for _, t in read_tsv(DATA / "langid_dev.tsv") + read_heldout_chat()]
    texts += [t for split in read_dutch_chat().values() for t in split]
    p50, p95, p99 = latency(detector, texts)
    print(f"p50 {p50:.3f} / p95 {p95:.3f} / p99 {p99:.3f} ms over {len(texts)} texts; RSS after loading "
          f"{loaded / 1024:.1f} MB (detector {(loaded - before) / 1024:.1f} MB), after the run {rss_kb() / 1024:.1f} MB")
