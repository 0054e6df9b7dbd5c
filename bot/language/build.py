"""Train Taalbrug's supplementary fastText language-id model (`make langid-model`).

Training data (bot/language/data/, see its README for sources and licences):
UDHR sentences, resident-style chat messages, translated messages of Debian
packages (gettext), Unicode CLDR phrases, Kurmanji and Sorani words and Tigrinya,
Amharic and Pashto function words (lexicon), LibreOffice's Kurmanji interface
messages (l10n), and the language-id dev set.
Training is single-threaded, so the same data gives the same model file.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from bot import PROJECT_ROOT
from bot.language.detector import DUTCH_LEXICON, SUPPLEMENT, LanguageDetector
from bot.language.languages import SUPPORTED
from bot.language.text import clean, tokens

NLU_INTENTS = PROJECT_ROOT / "nlu" / "intents"
# A word enters the Dutch lexicon when it is this many times more frequent
# (per word of text) in Dutch than in any of our other languages.
DUTCH_DOMINANCE = 5.0

DATA = Path(__file__).resolve().parent / "data"
# Folders of <code>.txt files, one per source (bot/language/data/README.md).
SOURCES: Tuple[str, ...] = ("udhr", "chat", "gettext", "cldr", "lexicon", "l10n")
Sample = Tuple[str, str]  # (language code, text)


@dataclass(frozen=True)
class Params:
    """fastText supervised hyper-parameters, chosen by cross-validation (make bench-langid)."""

    epoch: int = 30
    lr: float = 0.5
    dim: int = 64
    minn: int = 2
    maxn: int = 5
    word_ngrams: int = 1
    bucket: int = 50_000
    # Every language gets at least this many lines (small ones are repeated),
    # so a language with little text (English has almost no gettext lines,
    # Tigrinya and Somali little of any source) is not drowned by the others.
    min_lines: int = 3000
    quantize: bool = True
    # Words kept by quantisation (0: all); keeps the shipped file small.
    cutoff: int = 40_000


def read_tsv(path: Path) -> List[Sample]:
    """Rows of `lang<TAB>text`; lines starting with # are comments."""
    rows: List[Sample] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, text = line.partition("\t")
        if lang in SUPPORTED and text.strip():
            rows.append((lang, text.strip()))
    return rows


def read_folder(folder: Path) -> List[Sample]:
    """<code>.txt files with one text per line."""
    rows: List[Sample] = []
    for path in sorted(folder.glob("*.txt")):
        if path.stem in SUPPORTED:
            rows += [(path.stem, t.strip()) for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    return rows


def corpus(
    data: Path = DATA, exclude: Iterable[str] = (), include_dev: bool = True, sources: Sequence[str] = SOURCES
) -> List[Sample]:
    """All training samples of `sources`; texts in `exclude` (e.g. a test fold) are left out."""
    excluded: Set[str] = {clean(t) for t in exclude}
    samples = [row for source in sources for row in read_folder(data / source)]
    if include_dev:
        samples += read_tsv(data / "langid_dev.tsv")
    return [(lang, text) for lang, text in samples if clean(text) not in excluded]


def _balanced(samples: Sequence[Sample], min_lines: int, seed: int = 13) -> List[Sample]:
    """Every language at least `min_lines` lines: small ones are repeated at random."""
    by_lang: Dict[str, List[Sample]] = {}
    for sample in samples:
        by_lang.setdefault(sample[0], []).append(sample)
    rng = random.Random(seed)
    out: List[Sample] = []
    for lang in sorted(by_lang):
        rows = by_lang[lang]
        out += rows + [rows[rng.randrange(len(rows))] for _ in range(min_lines - len(rows))]
    rng.shuffle(out)
    return out


def train(samples: Sequence[Sample], params: Params = Params(), output: Optional[Path] = None):
    """Train a model on `samples`; save it to `output` when given. Returns the model."""
    import fasttext

    fasttext.FastText.eprint = lambda *args, **kwargs: None
    rows = _balanced(samples, params.min_lines)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        for lang, text in rows:
            handle.write(f"__label__{lang} {clean(text)}\n")
        path = handle.name
    model = fasttext.train_supervised(
        input=path,
        epoch=params.epoch,
        lr=params.lr,
        dim=params.dim,
        minn=params.minn,
        maxn=params.maxn,
        wordNgrams=params.word_ngrams,
        bucket=params.bucket,
        loss="softmax",
        thread=1,
        verbose=0,
    )
    if params.quantize:
        model.quantize(input=path, qnorm=True, retrain=False, cutoff=params.cutoff)
    Path(path).unlink()
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        model.save_model(str(output))
    return model


def nlu_dutch_examples(detector: LanguageDetector, folder: Path = NLU_INTENTS) -> List[str]:
    """The NLU's training examples that the detector (without lexicon) finds Dutch."""
    examples: List[str] = []
    for path in sorted(folder.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text.startswith("- ") and not text.startswith("- intent:"):
                text = text[2:].strip()
                detection = detector.detect(text)
                if detection.code == "nl" and detection.confidence >= 0.6:
                    examples.append(text)
    return examples


def dutch_lexicon(samples: Sequence[Sample], extra_dutch: Sequence[str] = ()) -> List[str]:
    """Words much more frequent in Dutch than in every other language of `samples`."""
    counts: Dict[str, Dict[str, int]] = {}
    for lang, text in list(samples) + [("nl", t) for t in extra_dutch]:
        bag = counts.setdefault(lang, {})
        for word in tokens(clean(text)):
            bag[word] = bag.get(word, 0) + 1
    totals = {lang: sum(bag.values()) or 1 for lang, bag in counts.items()}
    dutch = counts.get("nl", {})
    words = []
    for word, n in dutch.items():
        if len(word) < 2:
            continue
        rate = n / totals["nl"]
        other = max((bag.get(word, 0) / totals[lang] for lang, bag in counts.items() if lang != "nl"), default=0.0)
        if rate >= DUTCH_DOMINANCE * other:
            words.append(word)
    return sorted(words)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=SUPPLEMENT)
    args = parser.parse_args(argv)
    samples = corpus()
    train(samples, Params(), args.output)
    counts: Dict[str, int] = {}
    for lang, _ in samples:
        counts[lang] = counts.get(lang, 0) + 1
    size = args.output.stat().st_size
    plain = LanguageDetector(supplement_path=args.output, lexicon_path=None)
    lexicon = dutch_lexicon(samples, nlu_dutch_examples(plain))
    lexicon_path = args.output.with_name(DUTCH_LEXICON.name)
    lexicon_path.write_text("\n".join(lexicon) + "\n", encoding="utf-8")
    print(f"Dutch lexicon: {len(lexicon)} words -> {lexicon_path}")
    print(f"trained on {len(samples)} lines in {len(counts)} languages -> {args.output} ({size / 1024:.0f} kB)")
    print(" ".join(f"{k}:{v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
