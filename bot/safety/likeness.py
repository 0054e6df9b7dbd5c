"""How much a message reads like an emergency: character n-grams, learnt from the NLU training examples.

The third signal of the safety net, beside the danger lexicon and the topic
classifier's ranking. One small linear model (TF-IDF of character n-grams 2-5
within words, case and accents folded; logistic regression) learns the
`emergency` examples of the training data Rasa passes to the safety net in
`rasa train` against the examples of every other intent. Its weights (a
dictionary of n-grams, plain data) are stored with the Rasa model, so the
server needs no nlu/ folder, and it is scored in plain Python (a dictionary
look-up per n-gram), well under a millisecond a message.
It reaches words no lexicon lists (an inflection, a spelling, a language the
classifier's ranking weighs little), but on its own it is weak: the safety net
counts it only together with another sign of danger.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.text import without_marks

EMERGENCY_INTENT = "emergency"
NGRAMS = (2, 5)  # character n-grams within words, of these lengths


def fold(text: str) -> str:
    """Case and accents folded; scripts kept."""
    return without_marks(text.casefold())


def training_examples(training_data: TrainingData) -> List[Tuple[str, bool]]:
    """Every intent example of Rasa's training data, marked True when its intent is `emergency`."""
    return [(str(message.get(TEXT)), message.get(INTENT) == EMERGENCY_INTENT)
            for message in training_data.intent_examples
            if isinstance(message.get(TEXT), str) and message.get(TEXT).strip()]


def analyser() -> Callable[[str], List[str]]:
    """The n-grams of a text, exactly as the model was fitted on them."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, preprocessor=fold).build_analyzer()


class EmergencyLikeness:
    """A fitted emergency-vs-other model over character n-grams, scored without scikit-learn."""

    def __init__(self, weights: Dict[str, Tuple[float, float]], bias: float,
                 analyse: Optional[Callable[[str], List[str]]] = None) -> None:
        self._weights = weights  # n-gram -> (idf, coefficient)
        self._bias = bias
        self._analyse = analyse or analyser()

    @classmethod
    def fit(cls, examples: Sequence[Tuple[str, bool]], strength: float = 5.0) -> "EmergencyLikeness":
        """Fits on (text, is_emergency) pairs; both classes weighed alike, whatever their sizes."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, preprocessor=fold)
        matrix = vectoriser.fit_transform([text for text, _ in examples])
        model = LogisticRegression(C=strength, class_weight="balanced", solver="liblinear")
        model.fit(matrix, [label for _, label in examples])
        coefficients = model.coef_[0]
        weights = {gram: (float(vectoriser.idf_[i]), float(coefficients[i]))
                   for gram, i in vectoriser.vocabulary_.items()}
        return cls(weights, float(model.intercept_[0]), vectoriser.build_analyzer())

    def as_data(self) -> Dict[str, Any]:
        """The fitted model as plain data (n-gram -> [idf, coefficient], bias), to store with the Rasa model."""
        return {"ngrams": list(NGRAMS), "bias": self._bias, "weights": {g: list(w) for g, w in self._weights.items()}}

    @classmethod
    def from_data(cls, data: Dict[str, Any]) -> "EmergencyLikeness":
        """The model `as_data` stored."""
        if tuple(data.get("ngrams") or ()) != NGRAMS:
            raise ValueError(f"likeness stored with n-grams {data.get('ngrams')}, this code uses {NGRAMS}")
        weights = {str(g): (float(w[0]), float(w[1])) for g, w in data["weights"].items()}
        return cls(weights, float(data["bias"]))

    def score(self, text: str) -> float:
        """0-1: how much `text` reads like the emergency examples (the model's probability)."""
        counts = Counter(self._analyse(text[:2000]))
        known = [(n, self._weights[g]) for g, n in counts.items() if g in self._weights]  # each n-gram looked up once
        found = [((1.0 + math.log(n)) * idf, weight) for n, (idf, weight) in known]
        norm = math.sqrt(sum(v * v for v, _ in found)) or 1.0
        z = self._bias + sum(v * weight for v, weight in found) / norm
        return 1.0 / (1.0 + math.exp(-z))

    def scores(self, texts: Iterable[str]) -> List[float]:
        return [self.score(text) for text in texts]
