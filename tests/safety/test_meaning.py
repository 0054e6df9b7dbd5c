"""The meaning signal: how many of a message's nearest training examples (sentence vectors) are emergencies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.safety.meaning import EmergencyMeaning


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


# Three emergency examples near the first axis, three ordinary ones near the second.
VECTORS = np.stack([_unit(1, 0.1, 0), _unit(1, 0, 0.1), _unit(1, 0.1, 0.1),
                    _unit(0.1, 1, 0), _unit(0, 1, 0.1), _unit(0.1, 1, 0.1)])
LABELS = np.array([True, True, True, False, False, False])


def test_the_score_is_the_share_of_emergency_examples_among_the_nearest() -> None:
    meaning = EmergencyMeaning(VECTORS, LABELS, neighbours=3)
    assert meaning.score("", _unit(1, 0, 0)) == 1.0
    assert meaning.score("", _unit(0, 1, 0)) == 0.0
    assert EmergencyMeaning(VECTORS, LABELS, neighbours=6).score("", _unit(1, 0, 0)) == 0.5


def test_the_model_stored_with_the_rasa_model_scores_as_the_one_learnt(tmp_path: Path) -> None:
    meaning = EmergencyMeaning(VECTORS, LABELS, neighbours=3)
    meaning.save(tmp_path / "meaning.npz")
    loaded = EmergencyMeaning.load(tmp_path / "meaning.npz", neighbours=3)
    # (1, 0.95, 0.2): two emergency examples and one ordinary among the three nearest, the third and fourth 0.01
    # apart, far more than the float16 storage moves them (an exact tie would make the test a coin toss).
    for probe, share in ((_unit(1, 0, 0), 1.0), (_unit(0, 1, 0), 0.0), (_unit(1, 0.95, 0.2), 2 / 3)):
        assert loaded.score("", probe) == meaning.score("", probe) == pytest.approx(share)


def test_vectors_without_a_label_each_are_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="one label per vector"):
        EmergencyMeaning(VECTORS, LABELS[:4])


def test_an_indirect_emergency_in_another_language_lies_nearer_the_emergency_examples() -> None:
    # Learnt from Dutch and English examples only (the encoder is multilingual): an Arabic and a
    # Ukrainian message with none of their words find emergency neighbours; a question does not.
    meaning = EmergencyMeaning.fit([
        ("mijn moeder kan haar arm niet meer bewegen en praat raar", True),
        ("my father suddenly cannot lift his arm and his speech is slurred", True),
        ("thick black smoke is coming from the neighbours' flat", True),
        ("er komt rook uit het huis van de buren", True),
        ("wanneer is het stadhuis open", False),
        ("how do I renew my identity card", False),
        ("where can I hand in my old television", False),
        ("hoeveel kost een parkeerkaart", False),
    ], neighbours=2)
    assert meaning.score("أمي لا تستطيع رفع ذراعها وكلامها غير واضح") == 1.0
    assert meaning.score("бабуся раптом почала плутати слова і не може підняти руку") == 1.0
    assert meaning.score("де можна здати старий телевізор") == 0.0


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list:
    """A stand-in encoder: "brand" messages lie near the emergency examples, others near the ordinary ones.
    Returns the list of calls it received."""
    import bot.nlu.encoder as encoder

    calls: list = []

    def encode(texts: list) -> np.ndarray:
        calls.append(list(texts))
        return np.stack([_unit(1, 0.05, 0) if "brand" in t else _unit(0.05, 1, 0) for t in texts])

    monkeypatch.setattr(encoder, "encode", encode)
    return calls


def test_a_message_asked_about_twice_is_encoded_once(encoded: list) -> None:
    """The safety net may score one message twice (reads calm? not understood?): one 5-8 ms encoding."""
    calls = encoded
    meaning = EmergencyMeaning(VECTORS, LABELS, neighbours=3)
    assert meaning.score("brand in de keuken") == meaning.score("brand in de keuken") == 1.0
    assert len(calls) == 1
    assert meaning.score("wanneer is het gemeentehuis open") == 0.0  # another message: encoded anew
    assert len(calls) == 2


def test_the_emergency_direction_is_stored_with_the_model_and_fitted_when_an_older_model_has_none(
        tmp_path: Path) -> None:
    meaning = EmergencyMeaning(VECTORS, LABELS, neighbours=3)
    meaning.save(tmp_path / "meaning.npz")
    loaded = EmergencyMeaning.load(tmp_path / "meaning.npz", neighbours=3)
    np.testing.assert_allclose(loaded.direction[0], meaning.direction[0], rtol=1e-6)
    # an older model stored only vectors and labels: the direction is fitted from them, the same
    np.savez_compressed(tmp_path / "old.npz", vectors=VECTORS.astype(np.float16), emergency=LABELS)
    old = EmergencyMeaning.load(tmp_path / "old.npz", neighbours=3)
    weights, bias = old.direction
    assert float(_unit(1, 0, 0) @ weights) + bias > 0 > float(_unit(0, 1, 0) @ weights) + bias


def test_the_direction_says_emergency_for_an_emergency_vector_and_not_for_an_ordinary_one(encoded: list) -> None:
    calls = encoded
    meaning = EmergencyMeaning(VECTORS, LABELS, neighbours=3)
    assert meaning.likely("brand in de keuken") > 0.5 > meaning.likely("wanneer is het gemeentehuis open")
    assert meaning.score("wanneer is het gemeentehuis open") == 0.0
    assert len(calls) == 2  # the score reuses the vector the direction encoded


def test_a_model_learnt_in_training_decides_as_the_same_model_fitted_again_after_loading(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The direction learnt in `rasa train` is fitted on the vectors as stored (float16), so a model that stored no
    direction and fits it at load gives the same emergency likelihoods as a retrained one."""
    import bot.nlu.encoder as encoder

    rng = np.random.default_rng(1)
    table = {f"m{i}": v / np.linalg.norm(v) for i, v in enumerate(rng.normal(size=(40, 8)).astype(np.float32))}
    monkeypatch.setattr(encoder, "encode", lambda texts: np.stack([table.get(t, table["m0"]) for t in texts]))
    examples = [(f"m{i}", i % 3 == 0) for i in range(40)]
    learnt = EmergencyMeaning.fit(examples, neighbours=3)
    learnt.save(tmp_path / "meaning.npz")
    with np.load(tmp_path / "meaning.npz") as data:
        np.savez_compressed(tmp_path / "old.npz", vectors=data["vectors"], emergency=data["emergency"])
    refitted = EmergencyMeaning.load(tmp_path / "old.npz", neighbours=3)
    for text in table:
        assert refitted.likely(text) == pytest.approx(learnt.likely(text), abs=1e-6)
