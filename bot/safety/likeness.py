"""How much a message reads like an emergency: character n-grams, fitted on the NLU training examples.

The third signal of the safety net, beside the danger lexicon and the topic
classifier's ranking. One small linear model (TF-IDF of character n-grams 2-5
within words, case and accents folded; logistic regression) learns the
`emergency` examples of nlu/intents against the examples of every other
intent. It is fitted when the safety net loads (a second or two), so it follows
the training data without a separate model file, and it is scored in plain
Python (a dictionary look-up per n-gram), well under a millisecond a message.
It reaches words no lexicon lists (an inflection, a spelling, a language the
classifier's ranking weighs little), but on its own it is weak: the safety net
counts it only together with another sign of danger.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

from bot.content.reader import read_mapping

EMERGENCY_INTENT = "emergency"
_ENTITY = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def fold(text: str) -> str:
    """Case and accents folded; scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def training_examples(folder: Path) -> List[Tuple[str, bool]]:
    """Every example of nlu/intents/*.yml, marked True when its intent is `emergency`."""
    examples: List[Tuple[str, bool]] = []
    for path in sorted(Path(folder).glob("*.yml")):
        for block in read_mapping(path).get("nlu") or []:
            if not isinstance(block, dict) or "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = _ENTITY.sub(r"\1", line[2:].strip().strip("'\""))
                    examples.append((text, block["intent"] == EMERGENCY_INTENT))
    return examples


class EmergencyLikeness:
    """A fitted emergency-vs-other model over character n-grams, scored without scikit-learn."""

    def __init__(self, weights: Dict[str, Tuple[float, float]], bias: float,
                 analyse: Callable[[str], List[str]]) -> None:
        self._weights = weights  # n-gram -> (idf, coefficient)
        self._bias = bias
        self._analyse = analyse

    @classmethod
    def fit(cls, examples: Sequence[Tuple[str, bool]], strength: float = 5.0) -> "EmergencyLikeness":
        """Fits on (text, is_emergency) pairs; both classes weighed alike, whatever their sizes."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, preprocessor=fold)
        matrix = vectoriser.fit_transform([text for text, _ in examples])
        model = LogisticRegression(C=strength, class_weight="balanced", solver="liblinear")
        model.fit(matrix, [label for _, label in examples])
        coefficients = model.coef_[0]
        weights = {gram: (float(vectoriser.idf_[i]), float(coefficients[i]))
                   for gram, i in vectoriser.vocabulary_.items()}
        return cls(weights, float(model.intercept_[0]), vectoriser.build_analyzer())

    @classmethod
    def from_folder(cls, folder: Path) -> "EmergencyLikeness":
        return cls.fit(training_examples(folder))

    def score(self, text: str) -> float:
        """0-1: how much `text` reads like the emergency examples (the model's probability)."""
        counts = Counter(self._analyse(text[:2000]))
        found = [(1.0 + math.log(n)) * self._weights[g][0] for g, n in counts.items() if g in self._weights]
        norm = math.sqrt(sum(v * v for v in found)) or 1.0
        z = self._bias + sum((1.0 + math.log(n)) * self._weights[g][0] * self._weights[g][1]
                             for g, n in counts.items() if g in self._weights) / norm
        return 1.0 / (1.0 + math.exp(-z))

    def scores(self, texts: Iterable[str]) -> List[float]:
        return [self.score(text) for text in texts]
