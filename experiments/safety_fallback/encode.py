"""Issue 12, fourth round: sentence vectors (bot/nlu/encoder.py) of the NLU training examples and of the cached sets."""

from __future__ import annotations

import json

import numpy as np

from bot import PROJECT_ROOT
from bot.nlu.encoder import encode
from bot.safety.likeness import training_examples
from experiments.safety_fallback.collect import OUT


def main() -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    examples = training_examples(load_data(str(PROJECT_ROOT / "nlu" / "intents")))
    texts = [t for t, _ in examples]
    vectors = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
    np.save(OUT / "train_vectors.npy", vectors)
    (OUT / "train.json").write_text(json.dumps(examples, ensure_ascii=False), encoding="utf-8")
    print(len(texts), "training examples")
    parsed = json.loads((OUT / "parsed.json").read_text(encoding="utf-8"))
    texts = [p["text"] for p in parsed]
    vectors = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
    np.save(OUT / "set_vectors.npy", vectors)
    print(len(texts), "set messages")


if __name__ == "__main__":
    main()
