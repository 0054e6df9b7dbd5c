"""Issue 12, tenth round (m3fa): with a model taught many emergency examples, short not-understood near-misses and
figures of speech are asked, not alarmed; emergencies of the same kind still get 112."""

from __future__ import annotations

from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

LEXICON = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")  # the real lexicon, with its calm words
FALLBACK_RANKING = [("out_of_scope", 0.2), ("health", 0.1)]  # emergency not among DIET's candidates


class _Meaning:
    """A meaning model trained on `emergency_share` emergency examples, whose nearest examples give `share`."""

    def __init__(self, share: float, emergency_share: float, likely: float = 0.0) -> None:
        self.share, self.emergency_share, self.value = share, emergency_share, likely

    def score(self, text: str) -> float:
        return self.share

    def likely(self, text: str) -> float:
        return self.value


class _Reads:
    def __init__(self, value: float) -> None:
        self.value = value

    def score(self, text: str) -> float:
        return self.value


# The tenth round's options, on (as this branch chose them by its rule; docs/bench-safety.md advises them off after
# validation, so they are passed here, not taken from the defaults).
RICH = {"fallback_meaning_per_share": 3.0, "rich_model_share": 0.1, "rich_fallback_min_words": 5,
        "rich_short_means_asked": True}


def _net(share: float, emergency_share: float, reads: float = 0.0, likely: float = 0.0,
         options: dict = RICH) -> SafetyNet:
    return SafetyNet(options, LEXICON, _Reads(reads), meaning=_Meaning(share, emergency_share, likely))  # type: ignore[arg-type]


M3_SHARE, M0_SHARE = 0.17, 0.04  # emergency examples among the training examples (M3 with the retired sets, M0)


def test_a_short_message_not_understood_is_asked_not_alarmed_by_a_model_taught_many_emergencies() -> None:
    # "my dog is sick" (Polish), not understood; two of its ten nearest examples are emergencies.
    parsed = parse("mój pies jest chory", FALLBACK_RANKING, fallback=True, language="pl", net=_net(0.2, M3_SHARE))
    assert level(parsed) == "unsure" and parsed["intent"]["name"] != "emergency"
    # it reads a lot like the emergency examples, but is still four words the classifier did not understand
    assert level(parse("mój pies jest chory", FALLBACK_RANKING, fallback=True, language="pl",
                       net=_net(0.0, M3_SHARE, reads=0.6))) == "unsure"


def test_a_longer_emergency_not_understood_still_gets_112_from_a_model_taught_many_emergencies() -> None:
    # "the child put a block in its mouth and is wheezing": six of ten nearest examples are emergencies
    text = "dziecko wlozylo klocek do buzi i charczy"
    parsed = parse(text, FALLBACK_RANKING, fallback=True, language="pl", net=_net(0.6, M3_SHARE))
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    # reading like an emergency is enough too, at any share of the neighbours
    assert level(parse(text, FALLBACK_RANKING, fallback=True, language="pl",
                       net=_net(0.0, M3_SHARE, reads=0.7))) == "emergency"


def test_two_of_ten_neighbours_say_little_when_one_example_in_six_is_an_emergency() -> None:
    text = "neighbours were screaming yesterday again, who do i complain to"
    parsed = parse(text, FALLBACK_RANKING, fallback=True, language="en", net=_net(0.2, M3_SHARE))
    assert level(parsed) == "unsure" and parsed["intent"]["name"] != "emergency"  # "not understood" + the 112 line
    # (2 of 10 alarms when the message also reads at least 0.2 like an emergency: fallback_weak_meaning, safety18)
    assert level(parse(text, FALLBACK_RANKING, fallback=True, language="en", net=_net(0.2, M0_SHARE, reads=0.2))) == \
        "emergency"
    # six of ten, for the same model, is an emergency
    assert level(parse(text, FALLBACK_RANKING, fallback=True, language="en", net=_net(0.6, M3_SHARE))) == "emergency"


def test_main_models_decisions_do_not_change() -> None:
    # A model taught few emergency examples (M0) keeps the bars it was calibrated on: the short message gets 112.
    # (a share of 2 of 10 alarms with likeness >= 0.2: fallback_weak_meaning, safety18)
    assert level(parse("mój pies jest chory", FALLBACK_RANKING, fallback=True, language="pl",
                       net=_net(0.2, M0_SHARE, reads=0.2))) == "emergency"


def test_a_short_message_under_no_topic_that_only_its_sentence_vector_alarms_is_asked() -> None:
    # "this heat is killing me" (Bulgarian), out of scope; the emergency-vs-rest direction says 0.8
    ranking = [("out_of_scope", 0.96), ("emergency", 0.03)]
    text = "тая жега ме убива"
    assert level(parse(text, ranking, language="bg", net=_net(0.0, M3_SHARE, reads=0.25, likely=0.8))) == "unsure"
    long = "my husband wrote that we will be better off without him and he does not answer"
    assert level(parse(long, ranking, language="en", net=_net(0.0, M3_SHARE, reads=0.8, likely=0.83))) == "emergency"


def test_a_dead_phone_battery_is_asked_even_when_the_classifier_says_emergency() -> None:
    net = _net(0.0, M3_SHARE, options={})
    sure = [("emergency", 1.0), ("out_of_scope", 0.0)]
    for text, language in (("telefonat mi se iztoshti", "bg"), ("bateria e telefonit u shkarkua", "sq"),
                           ("my phone battery is dead", "en"), ("telefonka wuu dhintay", "so")):
        parsed = parse(text, sure, language=language, net=net)
        assert level(parsed) == "unsure" and parsed["intent"]["name"] != "emergency", text
    # a dead battery never calms an acute danger
    assert level(parse("my phone battery is dead and my father is not breathing", sure, language="en",
                       net=net)) == "emergency"


def test_dying_of_laughter_or_boredom_is_a_figure_of_speech_but_unconscious_is_not() -> None:
    # Whatever the options: the nearest examples and the n-grams would alarm these, the calm words keep them asked.
    net = _net(0.6, M3_SHARE, reads=0.6, options={})
    for text, language in (("ich lach mich tot", "de"), ("ich sterbe vor langeweile im wartezimmer", "de"),
                           ("ghadi nmout bl jou3 hhh", "ar"), ("ji kenan mirim", "kmr")):
        assert level(parse(text, FALLBACK_RANKING, fallback=True, language=language, net=net)) != "emergency", text
    assert level(parse("mein vater ist bewusstlos", FALLBACK_RANKING, fallback=True, language="de",
                       net=net)) == "emergency"
