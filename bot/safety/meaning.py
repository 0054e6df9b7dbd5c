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
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Tuple

import numpy as np

MEANING_FILE = "emergency_meaning.npz"


class EmergencyMeaning:
    """The training examples as unit sentence vectors, each marked emergency or not."""

    def __init__(self, vectors: np.ndarray, emergency: np.ndarray, neighbours: int = 10) -> None:
        if vectors.ndim != 2 or len(vectors) != len(emergency) or not len(vectors):
            raise ValueError(f"meaning model needs one label per vector, got {vectors.shape} and {emergency.shape}")
        self._vectors = vectors.astype(np.float32)
        self._emergency = emergency.astype(bool)
        self._neighbours = max(1, min(int(neighbours), len(vectors)))
        # The last message scored: the safety net may ask twice about one message (does it read calm,
        # is a not-understood message an emergency), and encoding it costs 5-8 ms.
        self._last: Optional[Tuple[str, float]] = None

    @classmethod
    def fit(cls, examples: Sequence[Tuple[str, bool]], neighbours: int = 10) -> "EmergencyMeaning":
        """Encodes (text, is_emergency) pairs with bot.nlu.encoder."""
        from bot.nlu.encoder import encode

        texts = [text for text, _ in examples]
        vectors = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
        return cls(vectors, np.array([label for _, label in examples], dtype=bool), neighbours)

    def save(self, path: Path) -> None:
        """Writes the vectors (float16) and labels to `path` (.npz), to store with the Rasa model."""
        np.savez_compressed(path, vectors=self._vectors.astype(np.float16), emergency=self._emergency)

    @classmethod
    def load(cls, path: Path, neighbours: int = 10) -> "EmergencyMeaning":
        """The model `save` wrote."""
        with np.load(path) as data:
            return cls(data["vectors"], data["emergency"], neighbours)

    def score(self, text: str, vector: Optional[np.ndarray] = None) -> float:
        """0-1: the share of emergency examples among the message's nearest training examples."""
        if vector is None:
            if self._last is not None and self._last[0] == text:
                return self._last[1]
            from bot.nlu.encoder import encode

            vector = encode([text[:2000]])[0]
            score = self._nearest_share(vector)
            self._last = (text, score)
            return score
        return self._nearest_share(vector)

    def _nearest_share(self, vector: np.ndarray) -> float:
        similarity = self._vectors @ vector.astype(np.float32)
        nearest = np.argpartition(-similarity, self._neighbours - 1)[: self._neighbours]
        return float(self._emergency[nearest].mean())
