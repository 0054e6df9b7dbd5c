"""How much a message means what the emergency examples mean: its nearest training examples in sentence-vector space.

The fourth signal of the safety net (issue 12, fourth round), for messages the topic
classifier did not understand (nlu_fallback). The character n-grams of
bot.safety.likeness see spelling; a new author's indirect wording ("my brother says
he will jump from the bridge") shares few n-grams with the examples but lies near
them in the space of the multilingual sentence encoder (bot.nlu.encoder, the only
encoder used). In `rasa train` every intent example Rasa passes to the safety net
is encoded once; the vectors (float16) and which of them are `emergency` examples
are stored with the Rasa model. A message's score is the share of emergency
examples among its `neighbours` nearest examples (cosine, the vectors are unit
length). Encoding is done only when the safety net asks (a fallback of a few words
with no other decision), so ordinary messages pay nothing for it.
Eighth round: beside the neighbours, a linear emergency-vs-rest direction over the
same vectors (fit_direction, a logistic regression fitted in `rasa train` and
stored beside the vectors) scores a message with one dot product (`likely`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Tuple

import numpy as np

MEANING_FILE = "emergency_meaning.npz"


class EmergencyMeaning:
    """The training examples as unit sentence vectors, each marked emergency or not."""

    def __init__(self, vectors: np.ndarray, emergency: np.ndarray, neighbours: int = 10,
                 direction: Optional[Tuple[np.ndarray, float]] = None) -> None:
        if vectors.ndim != 2 or len(vectors) != len(emergency) or not len(vectors):
            raise ValueError(f"meaning model needs one label per vector, got {vectors.shape} and {emergency.shape}")
        self._vectors = vectors.astype(np.float32)
        self._emergency = emergency.astype(bool)
        self._neighbours = max(1, min(int(neighbours), len(vectors)))
        # The last message scored: the safety net may ask twice about one message (does it read calm,
        # is a not-understood message an emergency), and encoding it costs 5-8 ms.
        self._last: Optional[Tuple[str, float]] = None
        # The emergency-vs-rest direction (fit_direction): weights and bias; `load` fits it for a model that stored
        # none (trained before the eighth round; about 0.6 s of CPU), `direction` for a model built without one.
        self._direction = direction
        self._last_vector: Optional[Tuple[str, np.ndarray]] = None

    @property
    def emergency_share(self) -> float:
        """The share of emergency examples among the training examples (M0 about 0.04; a model taught the retired
        safety sets about 0.17): what 'the nearest examples are emergencies' is measured against."""
        return float(self._emergency.mean())

    @classmethod
    def fit(cls, examples: Sequence[Tuple[str, bool]], neighbours: int = 10) -> "EmergencyMeaning":
        """Encodes (text, is_emergency) pairs with bot.nlu.encoder."""
        from bot.nlu.encoder import encode

        texts = [text for text, _ in examples]
        # Rounded to float16 as `save` stores them, so that what is learnt here (the direction) is exactly what a
        # model without a stored direction would fit at load: the figures measured on models loaded that way
        # hold for the retrained one.
        vectors = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
        vectors = vectors.astype(np.float16).astype(np.float32)
        labels = np.array([label for _, label in examples], dtype=bool)
        return cls(vectors, labels, neighbours, fit_direction(vectors, labels))

    def save(self, path: Path) -> None:
        """Writes the vectors (float16), labels and direction to `path` (.npz), to store with the Rasa model."""
        weights, bias = self.direction
        np.savez_compressed(path, vectors=self._vectors.astype(np.float16), emergency=self._emergency,
                            direction=weights.astype(np.float32), bias=np.array([bias], dtype=np.float32))

    @classmethod
    def load(cls, path: Path, neighbours: int = 10) -> "EmergencyMeaning":
        """The model `save` wrote. A model trained before the eighth round stored no direction: it is fitted here,
        at load, not on the first message that asks for it."""
        with np.load(path) as data:
            vectors, emergency = data["vectors"], data["emergency"]
            stored = (data["direction"], float(data["bias"][0])) if "direction" in data.files else None
        return cls(vectors, emergency, neighbours, stored or fit_direction(vectors, emergency))

    @property
    def direction(self) -> Tuple[np.ndarray, float]:
        """The emergency-vs-rest weights and bias over the sentence vector (fitted on first use if not stored)."""
        if self._direction is None:
            self._direction = fit_direction(self._vectors, self._emergency)
        return self._direction

    def likely(self, text: str) -> float:
        """0-1: how likely the message is an emergency by its sentence vector alone (the linear direction):
        one encoding and a dot product, whatever the number of ordinary examples."""
        weights, bias = self.direction
        z = float(self._vector(text) @ weights) + bias
        return 1.0 / (1.0 + float(np.exp(-z)))

    def _vector(self, text: str) -> np.ndarray:
        """The message's sentence vector, encoded once even when asked twice."""
        if self._last_vector is None or self._last_vector[0] != text:
            from bot.nlu.encoder import encode

            self._last_vector = (text, encode([text[:2000]])[0])
        return self._last_vector[1]

    def score(self, text: str, vector: Optional[np.ndarray] = None) -> float:
        """0-1: the share of emergency examples among the message's nearest training examples."""
        if vector is None:
            if self._last is not None and self._last[0] == text:
                return self._last[1]
            vector = self._vector(text)
            score = self._nearest_share(vector)
            self._last = (text, score)
            return score
        return self._nearest_share(vector)

    def _nearest_share(self, vector: np.ndarray) -> float:
        similarity = self._vectors @ vector.astype(np.float32)
        nearest = np.argpartition(-similarity, self._neighbours - 1)[: self._neighbours]
        return float(self._emergency[nearest].mean())


def fit_direction(vectors: np.ndarray, emergency: np.ndarray, strength: float = 1.0) -> Tuple[np.ndarray, float]:
    """A linear emergency-vs-rest model on the sentence vectors (logistic regression, both classes weighed
    alike whatever their sizes): 512 weights and a bias."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, class_weight="balanced", max_iter=2000)
    model.fit(vectors.astype(np.float32), emergency.astype(bool))
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])
