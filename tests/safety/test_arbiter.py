"""Issue 12, fourteenth round (safety17): the learned arbiter (bot.safety.arbiter) decides the cases the rules leave
open. A question about the emergency services or a fire brigade's open day, which the danger words alarm, gets its
normal answer and "is it an emergency? call 112"; an emergency told beside a question keeps the full 112 answer
first; thoughts of suicide are never asked; the weight file loads, and a missing one says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety.arbiter import Arbiter, ArbiterError, parts
from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon and the committed arbiter, at the default bars
MAIN = SafetyNet({"arbiter_asks_below": 0, "arbiter_keeps_above": 0, "setting_classifier": 0})  # no arbiter at all
UNSURE_TOPIC = [("health", 0.45), ("emergency", 0.1)]
WEIGHTS = Path(SafetyNet.get_default_config()["arbiter_path"])

# (language, a question about the emergency services or the fire brigade: main gives the full 112 answer)
SERVICES = [
    ("nl", "wat is het telefoonnummer van de brandweer hier in België?"),
    ("nl", "hoe bel ik de brandweer als er ooit brand is bij ons?"),  # safety16 already asks about an "opendeurdag"
    ("fr", "quel numéro faut-il composer pour appeler les pompiers en Belgique ?"),
    ("de", "welche Nummer hat die Feuerwehr in Belgien?"),
    ("es", "¿cuál es el número para llamar a la ambulancia en Bélgica?"),
    ("it", "qual è il numero dell'ambulanza in belgio?"),
    ("pl", "jaki numer do straży pożarnej w belgii?"),
    ("ru", "какой номер пожарной службы в бельгии?"),
]

# (language, an emergency told beside a question about care or a service: the full answer first)
BESIDE_A_QUESTION = [
    ("nl", "mijn dochter krijgt geen lucht meer, naar welk ziekenhuis moeten we?"),
    ("en", "my husband collapsed and is not breathing, which doctor is open now?"),
    ("fr", "mon bébé s'étouffe, il devient bleu, quel médecin est de garde ?"),
    ("de", "mein Vater hat starke Brustschmerzen, wann öffnet die Praxis?"),
]


@pytest.mark.parametrize("lang, text", SERVICES, ids=[lang for lang, _ in SERVICES])
def test_a_question_about_the_emergency_services_gets_its_answer_and_the_question_not_the_full_alarm(
        lang: str, text: str) -> None:
    parsed = parse(text, UNSURE_TOPIC, language=lang, net=NET)
    assert level(parsed) == "unsure", parsed["safety"]  # the normal answer, then "is it an emergency? call 112"
    # Fifteenth round (safety20): the lexicon's `service_question` asks most of these before the arbiter is read.
    safety = parsed["safety"]
    assert safety["reason"].startswith("arbiter_asks_after_") or "service_question" in safety["calm"] \
        or safety["reason"] == "service_question", safety
    assert parsed["intent"]["name"] == "health"


@pytest.mark.parametrize("lang, text", BESIDE_A_QUESTION, ids=[lang for lang, _ in BESIDE_A_QUESTION])
def test_an_emergency_beside_a_question_keeps_the_full_answer_first(lang: str, text: str) -> None:
    parsed = parse(text, UNSURE_TOPIC, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


def test_a_long_question_with_one_danger_sentence_at_its_end_keeps_112_first() -> None:
    text = ("Ik heb een vraag over de afvalkalender en het containerpark van de gemeente. " * 25)[:1970] + \
        " Er is brand!"
    parsed = parse(text, [("waste", 0.95)], language="nl", net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


def test_a_part_that_is_an_emergency_alone_outweighs_the_question_around_it() -> None:
    arbiter = Arbiter.load(WEIGHTS)
    text = "mijn zoon krijgt geen lucht, moet ik naar de dokter?"
    assert [part for part, _ in parts(text)] == ["mijn zoon krijgt geen lucht", "moet ik naar de dokter"]
    danger = frozenset({3, 4})  # "geen lucht": the lexicon's word positions of the danger found
    assert arbiter.emergency(text, danger) >= float(NET._config["arbiter_asks_below"]) > arbiter.score(text)
    assert arbiter.emergency(text) == arbiter.score(text)  # a part without a danger word does not count
    assert level(parse(text, UNSURE_TOPIC, language="nl", net=NET)) == "emergency"


class _Says:
    """An arbiter that calls every message a near-miss (or, with 1.0, an emergency)."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def score(self, text: str) -> float:
        return self.probability

    def emergency(self, text: str, danger_at: frozenset = frozenset()) -> float:
        return self.probability


def test_thoughts_of_suicide_and_violence_at_home_are_never_asked_whatever_the_arbiter_says() -> None:
    never = SafetyNet({}, arbiter=_Says(0.0))  # type: ignore[arg-type]
    for lang, text in [("nl", "ik wil er een einde aan maken, ik kan niet meer"),
                       ("en", "my husband is hitting me right now")]:
        assert level(parse(text, UNSURE_TOPIC, language=lang, net=never)) == "emergency"
    assert level(parse("er is brand in de keuken", UNSURE_TOPIC, language="nl", net=never)) == "unsure"


def test_calm_context_does_not_turn_what_the_arbiter_is_sure_of_into_a_question() -> None:
    text = "mijn vader ademt niet meer, ik heb ook een attest nodig"
    assert parse(text, UNSURE_TOPIC, language="nl", net=MAIN)["safety"]["reason"] == \
        "calm_context_after_danger_words"  # main: the attest calms the danger words into a question
    # L21 (safety21) off: it would keep this setting (an attest) from calming first, for any arbiter at 0.7 or more
    sure = SafetyNet({"setting_arbiter_alone": 0}, arbiter=_Says(0.99))  # type: ignore[arg-type]
    parsed = parse(text, UNSURE_TOPIC, language="nl", net=sure)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["reason"] == "arbiter_keeps_calm_context_after_danger_words"
    unsure = SafetyNet({"setting_arbiter_alone": 0}, arbiter=_Says(0.9))  # type: ignore[arg-type]  # below arbiter_keeps_above
    assert level(parse(text, UNSURE_TOPIC, language="nl", net=unsure)) == "unsure"


def test_the_arbiters_weight_file_loads_and_scores() -> None:
    assert WEIGHTS.stat().st_size < 4_000_000  # plain data, a few MB at most
    arbiter = Arbiter.load(WEIGHTS)
    assert 10_000 < arbiter.size <= 100_000
    assert arbiter.score("er is brand in de keuken en mijn vader ademt niet meer") > 0.5
    assert arbiter.score("wat is het telefoonnummer van de brandweer hier in België?") < 0.075
    assert 0.0 < arbiter.score("") < 1.0 and 0.0 <= arbiter.emergency("🙂" * 3000) <= 1.0


def test_a_message_asked_about_again_gets_its_own_score_whatever_was_scored_between() -> None:
    """The arbiter keeps its last score (the safety net asks about one message several times): a message scored
    after another gets its own score, not the other's."""
    kept, fresh = Arbiter.load(WEIGHTS), Arbiter.load(WEIGHTS)
    fire, question = "er is brand in de keuken en mijn vader ademt niet meer", "wat is het nummer van de brandweer?"
    scores = [kept.score(text) for text in (fire, fire, question, fire)]
    assert scores == [fresh.score(fire), fresh.score(fire), Arbiter.load(WEIGHTS).score(question), fresh.score(fire)]
    assert scores[0] > 0.5 > scores[2]


def test_a_missing_weight_file_says_which_file_and_how_to_build_it(tmp_path: Path) -> None:
    missing = tmp_path / "arbiter.json"
    with pytest.raises(ArbiterError, match="make safety-arbiter") as error:
        SafetyNet({"arbiter_path": str(missing)})
    assert str(missing) in str(error.value)
    assert level(parse("er is brand", UNSURE_TOPIC, net=SafetyNet(
        {"arbiter_path": str(missing), "arbiter_asks_below": 0, "arbiter_keeps_above": 0, "setting_classifier": 0}))) \
        == "emergency"


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "arbiter.json"
    other.write_text('{"weights": {}, "bias": 0}', encoding="utf-8")
    with pytest.raises(ArbiterError, match="format"):
        Arbiter.load(other)


def test_make_safety_arbiter_rebuilds_the_committed_weights_and_learns_no_set_that_judged_it(tmp_path: Path) -> None:
    """The shipped weights come from the repo alone (`make safety-arbiter`, byte for byte), and the sets that judged the
    arbiter on new authors are not among what it learnt: their figures stay unseen. The fourteenth round's judges
    (final15-18, dev19, heldout14) are learnt since the fifteenth (A15); that round's judges (final19, dev20,
    heldout15) are not."""
    import sys

    from scripts import safety_arbiter

    out = tmp_path / "arbiter.json"
    argv = sys.argv
    sys.argv = ["safety_arbiter", "--out", str(out)]
    try:
        safety_arbiter.main()
    finally:
        sys.argv = argv
    assert out.read_bytes() == WEIGHTS.read_bytes()
    learnt = set(safety_arbiter.labelled_sets())
    assert not learnt & {"final19", "dev20", "nlu:heldout15", "final22", "final23", "nlu:heldout17", "final24", "nlu:heldout18"}
    assert {"final14", "dev18", "nlu:heldout13", "final18", "dev19", "nlu:heldout14"} <= learnt
