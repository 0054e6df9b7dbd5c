"""The learned arbiter: how likely a message is an emergency rather than a near-miss or an ordinary question.

Issue 12, fourteenth round (safety17). The safety net's rules (danger words, calm context, the classifier) leave
cases open: a fire-safety question, a past event told calmly, a figure of speech with an acute word, an emergency
beside calm words. This model is learnt from the repo's own labelled lines, which hold exactly those cases
(tests/safety/*.tsv: emergencies and near-misses by some thirty authors; tests/nlu/*.tsv: emergencies and ordinary
questions), not from the NLU training data (bot.safety.likeness learns `emergency` against other topics, which holds
no near-misses). The safety net asks it only about the messages its switches may change (get_default_config:
`arbiter_asks_below`, `arbiter_keeps_above`).

Features: the character n-grams of bot.safety.likeness (2-5 within words, case and accents folded) and the folded
words and word pairs, each present or not; a message's features are divided by the square root of how many it has,
so scoring needs no vocabulary and the pruned weights change only the smallest contributions. Logistic regression,
fitted by `make safety-arbiter` (scripts/safety_arbiter.py) into plain data (bot/safety/data/arbiter.json: feature ->
weight, bias; its source and licence in bot/safety/data/README.md) and scored here in plain Python, a dictionary
look-up per feature.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.safety.lexicon import normalise
from bot.safety.likeness import analyser, fold

FORMAT = "safety-arbiter/1"
WORD = "w:"  # prefix of word and word-pair features (character n-grams have none)
MAX_CHARS = 2000  # a message is read up to here (the chat API's limit)
_WORDS = re.compile(r"\w+")
# Where a message splits into parts: sentence punctuation and commas, also Arabic and Ethiopic ones (the Ethiopic
# wordspace too: residents type spaces between words and the old wordspace where a comma or colon goes).
_PARTS = re.compile(r"[.!?;:,\n\u060c\u061b\u061f\u1361\u1362\u1363\u1364\u1367]+")


@lru_cache(maxsize=1)
def _char_grams() -> Callable[[str], List[str]]:
    return analyser()


def features(text: str) -> FrozenSet[str]:
    """The features of a message: its character n-grams (as bot.safety.likeness reads them) and its folded words
    and pairs of neighbouring words."""
    text = text[:MAX_CHARS]
    words = _WORDS.findall(fold(text))
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return frozenset(_char_grams()(text)) | {WORD + word for word in (*words, *pairs)}


def parts(text: str) -> List[Tuple[str, FrozenSet[int]]]:
    """The message's parts with words, split at sentence punctuation and commas, each with the positions of its
    words among the danger lexicon's words of the whole message (bot.safety.lexicon.normalise, as a Hit's `at`);
    none when it has only one part."""
    found, start = [], 0
    for part in _PARTS.split(text[:MAX_CHARS]):
        count = len(normalise(part))
        if count:
            found.append((part.strip(), frozenset(range(start, start + count))))
        start += count
    return found if len(found) > 1 else []


class ArbiterError(RuntimeError):
    """The arbiter's weight file is missing or not one this code reads."""


class Arbiter:
    """A fitted emergency-vs-rest model over present features, scored without scikit-learn."""

    def __init__(self, weights: Dict[str, float], bias: float) -> None:
        self._weights = weights
        self._bias = bias
        # The last text scored and its score: the safety net asks about one message up to five times (the calls
        # guard, L15, L21, the arbiter's ask and keep), each time for the same whole text.
        self._last: Tuple[Optional[str], float] = (None, 0.0)

    @property
    def size(self) -> int:
        """How many features carry a weight."""
        return len(self._weights)

    def score(self, text: str) -> float:
        """0-1: the model's probability that `text` is an emergency (the last text's score is kept)."""
        last = self._last
        if last[0] == text:
            return last[1]
        probability = self._probability(text)
        self._last = (text, probability)
        return probability

    def _probability(self, text: str) -> float:
        found = features(text)
        if not found:
            return 1.0 / (1.0 + math.exp(-self._bias))
        weights = self._weights
        z = self._bias + sum(weights.get(feature, 0.0) for feature in found) / math.sqrt(len(found))
        return 1.0 / (1.0 + math.exp(-z))

    def emergency(self, text: str, danger_at: FrozenSet[int] = frozenset()) -> float:
        """0-1: the largest probability of the whole message and of each of its `parts` that holds a danger word
        (`danger_at`: the lexicon's word positions of the danger found): an emergency told beside a question ("my
        son cannot breathe, should I see a doctor?") has a part that is the emergency alone."""
        return max([self.score(text), *(self.score(part) for part, at in parts(text) if at & danger_at)])

    @classmethod
    def fit(cls, examples: Sequence[Tuple[str, bool]], strength: float = 1.0, keep: int = 0) -> "Arbiter":
        """Fits on (text, is_emergency) pairs, both classes weighed alike whatever their sizes; only the `keep`
        largest weights kept (0: all)."""
        matrix, vocabulary = design([features(text) for text, _ in examples])
        coefficients, bias = fit_matrix(matrix, [label for _, label in examples], strength, keep)
        return cls({f: float(coefficients[i]) for f, i in vocabulary.items() if coefficients[i]}, bias)

    def as_data(self, **about: Any) -> Dict[str, Any]:
        """The model as plain data, with `about` (source, licence, sizes) written beside the weights."""
        return {"format": FORMAT, **about, "bias": round(self._bias, 5),
                "weights": {f: round(w, 4) for f, w in sorted(self._weights.items())}}

    @classmethod
    def load(cls, path: Path | str) -> "Arbiter":
        """The model a weight file holds; ArbiterError names the file when it is missing or of another format."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise ArbiterError(f"the safety arbiter's weight file {path} is missing: build it with "
                               "`make safety-arbiter`, or set arbiter_asks_below and arbiter_keeps_above to 0") \
                from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ArbiterError(f"{path} is no safety arbiter weight file of format {FORMAT}")
        return cls({str(f): float(w) for f, w in data["weights"].items()}, float(data["bias"]))


def design(rows: Sequence[FrozenSet[str]], fixed: Optional[Dict[str, int]] = None) -> Tuple[Any, Dict[str, int]]:
    """The rows' features as a sparse matrix, each present feature 1/sqrt(the row's count) as `score` reads them,
    and the vocabulary (feature -> column); with `fixed`, that vocabulary's columns (other features left out of the
    matrix but counted in each row's scale, as `score` does)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: Dict[str, int] = {} if fixed is None else fixed
    indices: List[int] = []
    indptr = [0]
    values: List[float] = []
    for found in rows:
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        for feature in sorted(found):  # columns in one order whatever the process's string hashing
            column = vocabulary.setdefault(feature, len(vocabulary)) if fixed is None else fixed.get(feature)
            if column is not None:
                indices.append(column)
                values.append(scale)
        indptr.append(len(indices))
    matrix = csr_matrix((np.array(values), np.array(indices), np.array(indptr)), shape=(len(rows), len(vocabulary)))
    return matrix, vocabulary


def fit_matrix(matrix: Any, labels: Sequence[bool], strength: float = 1.0, keep: int = 0) -> Tuple[Any, float]:
    """Logistic regression (L2, classes balanced) on a `design` matrix: the coefficients (only the `keep` largest in
    absolute value left, the rest 0; 0: all) and the bias."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, class_weight="balanced", solver="liblinear", random_state=0)
    model.fit(matrix, np.asarray(labels, dtype=bool))
    coefficients = model.coef_[0].copy()
    if 0 < keep < np.count_nonzero(coefficients):
        coefficients[np.argsort(np.abs(coefficients))[:-keep]] = 0.0
    return coefficients, float(model.intercept_[0])
