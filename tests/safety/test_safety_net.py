"""The safety net decides "emergency", "unsure" or "none" beside the topic, and overrules the topic for the first."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.second_opinion import FIRST_OPINION_KEY
from bot.safety.lexicon import DangerLexicon, Term
from bot.safety.likeness import EmergencyLikeness, training_examples
from bot.safety.safety_net import SafetyNet

LEXICON = DangerLexicon([
    Term(("brand",), "fire", "acute", "nl"),
    Term(("zelfmoord",), "suicide", "acute", "nl"),
    Term(("dokter",), "help_now", "signal", "nl"),
    Term(("snel",), "help_now", "signal", "nl"),
    Term(("bloed",), "bleeding", "signal", "nl"),
    Term(("has", "gun"), "violence", "acute", "en"),
    Term(("slaat", "mij"), "domestic_violence", "acute", "nl"),
    Term(("attest",), "paperwork", "calm", "nl"),
    Term(("factuur",), "money", "calm", "nl"),
    Term(("vorige", "maand"), "past", "calm", "nl"),
    Term(("rekening",), "money", "calm", "nl"),
    Term(("fiets",), "lost_items", "calm", "de"),  # a calm word of another language
])
NET = SafetyNet({}, LEXICON)  # the lexicon and the ranking only
# A resident-style model of "reads like an emergency", learnt from a handful of examples.
TINY = (
    [(text, True) for text in (
        "help my son is not breathing", "please come quick he is lying on the floor", "someone is attacking my wife",
        "my baby swallowed something and turns blue", "fire in the kitchen help", "a car hit my daughter",
        "he is bleeding a lot please hurry", "my father fell and does not answer me",
    )] + [(text, False) for text in (
        "when is the town hall open", "how do I renew my identity card", "which doctor is open on sunday",
        "I need a certificate for my restaurant", "my gas bill is too high", "where can I register my dog",
        "what time does the police office open", "can I get help with my rent", "how do I get a parking card",
        "my child has a cold, where is a doctor", "I want to learn dutch", "when is the waste collected",
        "welke dokter is open", "wanneer is het stadhuis open op zaterdag", "waar is de dokter van wacht",
    )]
)
LIKENESS = EmergencyLikeness.fit(TINY)
LIKE = SafetyNet({}, LEXICON, LIKENESS)


def parse(text: str, ranking: List[tuple], fallback: bool = False, language: Optional[str] = None,
          net: SafetyNet = NET) -> Dict[str, Any]:
    """A message as the classifier and the FallbackClassifier leave it, then the safety net."""
    items = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    if fallback:
        items.insert(0, {"name": "nlu_fallback", "confidence": 0.3})
    message = Message(data={"text": text, "intent": dict(items[0]), "intent_ranking": items})
    if language:
        message.set("language", {"code": language})
    net.process([message])
    assert "safety" in message.as_dict(only_output_properties=True)  # /model/parse returns it
    return message.data


def level(parsed: Dict[str, Any]) -> Optional[str]:
    return parsed["safety"]["level"]


def test_an_acute_danger_word_is_an_emergency_whatever_the_topic_and_the_topic_stays_recoverable() -> None:
    parsed = parse("mijn kind eet iets en er is brand", [("childcare", 0.91), ("school", 0.05)])
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["classified"] == {"name": "childcare", "confidence": 0.91}
    assert [r["name"] for r in parsed["intent_ranking"][:2]] == ["emergency", "childcare"]


def test_a_fallback_with_an_acute_word_becomes_the_emergency_answer() -> None:
    parsed = parse("brandd!!", [("waste", 0.2), ("emergency", 0.1)], fallback=True)
    assert parsed["intent"]["name"] == "emergency"


def test_the_classifiers_own_emergency_counts_even_without_a_danger_word() -> None:
    assert level(parse("kom snel aub", [("emergency", 0.7), ("greet", 0.1)])) == "emergency"


def test_a_signal_word_with_a_sure_other_topic_only_asks_is_it_an_emergency() -> None:
    parsed = parse("mijn kind heeft koorts, welke dokter is open?", [("health", 0.93), ("childcare", 0.03)])
    assert level(parsed) == "unsure" and parsed["intent"]["name"] == "health"


def test_a_signal_word_with_emergency_in_the_top_three_is_an_emergency_alone_it_is_asked() -> None:
    assert level(parse("dokter nu!!", [("health", 0.5), ("greet", 0.1), ("emergency", 0.25)])) == "emergency"
    assert level(parse("dokter nu!!", [("health", 0.7), ("greet", 0.1), ("emergency", 0.08)])) == "unsure"


def test_a_signal_word_in_a_message_that_was_not_understood_is_an_emergency() -> None:
    parsed = parse("dokter", [("health", 0.25), ("school", 0.2)], fallback=True)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"


@pytest.mark.parametrize("fallback, confidence", [(True, 0.3), (False, 0.42), (False, 0.48)])
def test_a_signal_word_gets_112_whether_the_classifiers_doubt_falls_just_below_or_just_above_the_fallback(
    fallback: bool, confidence: float
) -> None:
    # Smoke from the neighbour's flat, read as noise nuisance at 0.42 by a classifier with more ordinary examples:
    # the full answer, as when it was not understood; the ordinary topic stays recoverable in the ranking.
    parsed = parse("er komt bloed onder de deur van de buren door", [("noise_nuisance", confidence), ("housing", 0.2)],
                   fallback=fallback)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["reason"] == ("signal_unclear_topic" if fallback else "signal_unsure_topic")
    assert parsed["safety"]["classified"]["name"] == "noise_nuisance"


def test_a_signal_word_under_a_fairly_sure_topic_is_still_only_asked_and_the_rule_can_be_switched_off() -> None:
    ranking = [("noise_nuisance", 0.55), ("housing", 0.2)]
    assert level(parse("er komt bloed onder de deur van de buren door", ranking)) == "unsure"
    off = SafetyNet({"unclear_topic_below": 0.0}, LEXICON)
    parsed = parse("er komt bloed onder de deur van de buren door", [("noise_nuisance", 0.42)], net=off)
    assert level(parsed) == "unsure" and parsed["safety"]["reason"] == "signal"


def test_under_an_unsure_topic_a_lone_call_for_a_service_and_calm_context_are_still_asked() -> None:
    # "which doctor is open on Sunday" at health 0.45: a call for a service that reads like no emergency
    asked = parse("welke dokter is open op zondag", [("health", 0.45), ("opening_hours", 0.2)], net=LIKE)
    assert level(asked) == "unsure" and asked["safety"]["reason"] == "lone_call_for_help"
    # a bill for a blood test: calm context keeps the normal answer, then "is it an emergency?"
    calm = parse("een factuur voor het bloed onderzoek van mijn hond", [("health", 0.45), ("waste", 0.1)])
    assert level(calm) == "unsure" and calm["intent"]["name"] == "health"


def test_a_call_for_help_next_to_another_danger_word_is_an_emergency() -> None:
    assert level(parse("snel, hij verliest bloed", [("health", 0.5)], fallback=True)) == "emergency"
    assert level(parse("bloedtest", [("health", 0.9)])) == "unsure"


def test_a_sure_other_topic_outweighs_a_call_for_help_next_to_a_signal_word() -> None:
    # "is there help (a subsidy) for a smoke detector?"
    assert level(parse("snel hulp bij bloed prikken", [("health", 0.95)])) == "unsure"


def test_an_acute_term_of_short_words_in_another_language_only_counts_as_a_signal() -> None:
    message = Message(data={"text": "cocugum hasta, pazar gunu hangi doktor acik",
                            "intent": {"name": "health", "confidence": 0.9},
                            "intent_ranking": [{"name": "health", "confidence": 0.9}],
                            "language": {"code": "tr", "confidence": 0.9, "source": "detected"}})
    NET.process([message])
    assert message.data["safety"]["level"] == "unsure" and message.data["intent"]["name"] == "health"


def test_no_danger_word_but_emergency_ranked_asks_and_nothing_says_none() -> None:
    assert level(parse("help me", [("ask_human", 0.6), ("emergency", 0.2)])) == "unsure"
    assert level(parse("waar is het containerpark", [("waste", 0.95), ("opening_hours", 0.02)])) == "none"


def test_emoji_only_and_a_long_text_with_one_danger_word_have_a_defined_result() -> None:
    assert level(parse("🙂🙂🙂", [("greet", 0.4), ("thank", 0.3)], fallback=True)) == "none"
    long_text = "Ik heb een vraag over de afvalkalender en het containerpark. " * 32 + "Er is brand."
    assert len(long_text) <= 2000 and level(parse(long_text, [("waste", 0.97)])) == "emergency"


def test_suicide_is_reported_as_its_category_for_the_helpline() -> None:
    assert parse("ik denk aan zelfmoord", [("mental_wellbeing", 0.8)])["safety"]["categories"] == ["suicide"]


def test_calm_context_turns_an_emergency_into_its_answer_then_is_it_an_emergency() -> None:
    parsed = parse("ik heb een attest nodig van de brand vorige maand", [("certificates", 0.7), ("waste", 0.1)])
    assert level(parsed) == "unsure" and parsed["intent"]["name"] == "certificates"
    assert parsed["safety"]["calm"] == ["paperwork", "past"]
    assert level(parse("er is brand", [("certificates", 0.7)])) == "emergency"


def test_calm_context_takes_the_classifiers_next_topic_when_it_said_emergency() -> None:
    parsed = parse("ik kreeg een factuur van de ambulance", [("emergency", 0.8), ("social_assistance", 0.1)])
    assert level(parsed) == "unsure" and parsed["intent"]["name"] == "social_assistance"


def test_violence_at_home_and_suicide_keep_their_full_answer_in_any_context() -> None:
    assert level(parse("vorige maand zei hij het al, nu slaat hij mij weer", [("housing", 0.7)])) == "emergency"
    assert level(parse("ik wil zelfmoord plegen, ik kan die factuur niet betalen", [("social_assistance", 0.8)])) \
        == "emergency"


def test_only_calm_words_of_the_messages_own_language_count() -> None:
    # "fiets" calms nothing in a Dutch message: it is (here) a word of another language's calm list
    assert level(parse("brand bij de fiets", [("waste", 0.7)], language="nl")) == "emergency"
    assert level(parse("brand, rekening van vorig jaar", [("waste", 0.7)], language="nl")) == "unsure"


def test_the_likeness_model_learns_the_emergency_examples_of_the_nlu_training_data() -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    from bot import PROJECT_ROOT

    examples = training_examples(load_data(str(PROJECT_ROOT / "nlu" / "intents")))
    assert sum(1 for _, emergency in examples if emergency) >= 23 * 10  # every language has emergency examples
    assert LIKENESS.score("help he is not breathing, come quick") > 0.5 > LIKENESS.score("when is the town hall open")


def test_the_net_learns_in_training_stores_in_the_model_and_works_loaded_without_nlu_on_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `rasa train` passes the training data; the likeness goes into the model's storage; a server
    # started elsewhere (no nlu/ folder in its working directory) loads it from there.
    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("safety_net")
    context = ExecutionContext(GraphSchema({}), "test")
    data = TrainingData([Message(data={"text": text, "intent": "emergency" if emergency else "opening_hours"})
                         for text, emergency in TINY])
    SafetyNet.create({}, storage, resource, context).train(data)
    elsewhere = tmp_path / "server"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert not (Path.cwd() / "nlu").exists()
    net = SafetyNet.load({}, storage, resource, context)
    assert net.likeness is not None and net.meaning is not None
    ranking = [("parking_card", 0.45), ("interpreter", 0.2), ("emergency", 0.06)]
    assert level(parse("my father fell and he does not answer me", ranking, net=net)) == "emergency"
    assert level(parse("how do I renew my parking card", ranking, net=net)) == "none"
    # a model trained without it (or before it existed) loads with the lexicon and the ranking only
    empty = Resource("safety_net_untrained")
    assert SafetyNet.load({}, storage, empty, context).likeness is None
    assert SafetyNet.load({}, storage, empty, context).meaning is None


def test_emergency_ranked_low_and_a_message_that_reads_like_one_is_an_emergency_without_a_danger_word() -> None:
    # No lexicon word, the classifier ranks emergency third at 0.06: the n-gram model tips it.
    ranking = [("parking_card", 0.45), ("interpreter", 0.2), ("emergency", 0.06)]
    assert level(parse("my father fell and he does not answer me", ranking, net=LIKE)) == "emergency"
    assert level(parse("my father fell and he does not answer me", ranking)) == "none"  # before: nothing
    # the same ranking on a message that reads like an ordinary question stays as it was
    assert level(parse("how do I renew my parking card", ranking, net=LIKE)) == "none"


def test_the_classifiers_unsure_emergency_becomes_one_when_the_message_reads_like_an_emergency() -> None:
    ranking = [("emergency", 0.2), ("school", 0.1)]
    assert level(parse("please come quick he is lying on the floor", ranking, fallback=True, net=LIKE)) \
        == "emergency"
    assert level(parse("please come quick he is lying on the floor", ranking, fallback=True)) == "unsure"


def test_a_lone_call_for_a_service_in_a_message_not_understood_is_asked_not_alarmed() -> None:
    # "which doctor is open on Sunday": a call for a service, emergency not ranked, nothing else of danger
    ranking = [("health", 0.25), ("opening_hours", 0.2), ("school", 0.1)]
    assert level(parse("welke dokter is open op zondag", ranking, fallback=True, net=LIKE)) == "unsure"
    assert level(parse("welke dokter is open op zondag", ranking, fallback=True)) == "emergency"  # before
    # a call for help next to another danger word stays an emergency
    assert level(parse("dokter, hij verliest bloed", ranking, fallback=True, net=LIKE)) == "emergency"


SCENE = SafetyNet({}, DangerLexicon([
    Term(("barbecue", "binnen"), "gas", "acute", "nl"),
    Term(("barbecue",), "media_leisure", "calm", "nl"),
    Term(("kind", "weg"), "lost_child", "acute", "nl"),
    Term(("weg",), "lost_child", "signal", "nl"),
    Term(("juf",), "learning", "calm", "nl"),
    Term(("identiteitskaart",), "paperwork", "calm", "nl"),
]))


def test_a_calm_word_that_is_part_of_the_danger_found_calms_nothing() -> None:
    # "barbecue" is a calm word (leisure) and a word of the danger "a barbecue inside"
    ranking = [("housing", 0.6)]
    assert level(parse("we hebben de barbecue binnen gezet, iedereen is duizelig", ranking, net=SCENE)) == "emergency"
    assert level(parse("mag ik een barbecue doen in het park", ranking, net=SCENE)) == "none"


def test_a_child_missing_is_never_calmed_by_a_word_of_school_but_a_lost_card_still_is() -> None:
    ranking = [("school", 0.6)]
    assert level(parse("mijn kind is weg na school, de juf vindt hem niet", ranking, net=SCENE)) == "emergency"
    assert level(parse("mijn identiteitskaart is weg", [("id_card", 0.3)], fallback=True, net=SCENE)) == "unsure"


def test_a_figure_of_speech_asks_is_it_an_emergency_instead_of_alarming() -> None:
    # the real lexicon: "this heat is killing me", "dying of laughter" are figures of speech (calm);
    # a threat to kill stays an emergency
    net = SafetyNet({})
    fallback = [("out_of_scope", 0.3)]
    assert level(parse("bu sıcak beni öldürüyor", fallback, fallback=True, language="tr", net=net)) == "unsure"
    assert level(parse("umieram ze smiechu", fallback, fallback=True, language="pl", net=net)) != "emergency"
    assert level(parse("hij zegt dat hij me gaat vermoorden", fallback, fallback=True, language="nl", net=net)) \
        == "emergency"


@pytest.mark.parametrize("language, text", [
    ("fr", "cette chaleur va me tuer"), ("es", "este calor me va a matar"), ("ru", "эта жара убьет меня"),
    ("ar", "هذا الحر سيقتلني"), ("pl", "ten upał mnie zabije"), ("tr", "bu sıcak beni öldürecek"),
])
def test_the_heat_that_will_kill_me_is_no_threat_to_kill_but_a_threat_is(language: str, text: str) -> None:
    # the real lexicon: the words of a figure of speech are no danger, even those of a never-calmed
    # threat ("va me tuer"); the same threat by a person still gets 112 first
    net = SafetyNet({})
    fallback = [("out_of_scope", 0.3)]
    assert level(parse(text, fallback, fallback=True, language=language, net=net)) == "unsure"
    threat = {"fr": "mon mari va me tuer", "es": "mi marido me va a matar", "ru": "муж убьет меня",
              "ar": "زوجي سيقتلني", "pl": "mąż mnie zabije", "tr": "kocam beni öldürecek"}[language]
    assert level(parse(threat, fallback, fallback=True, language=language, net=net)) == "emergency"


def test_a_figure_of_speech_never_calms_another_danger_in_the_same_message() -> None:
    net = SafetyNet({})
    parsed = parse("this heat is killing me and grandma fainted, she does not wake up", [("health", 0.6)],
                   language="en", net=net)
    assert level(parsed) == "emergency"


def test_a_signal_word_of_suicide_is_calmed_like_any_other_but_its_acute_terms_never_are() -> None:
    net = SafetyNet({}, DangerLexicon([
        Term(("dood",), "suicide", "signal", "nl"),
        Term(("wil", "dood"), "suicide", "acute", "nl"),
        Term(("lach", "dood"), "figurative", "calm", "nl"),
        Term(("vorige", "maand"), "past", "calm", "nl"),
    ]))
    fallback = [("out_of_scope", 0.3)]
    assert level(parse("ik lach me dood met die video", fallback, fallback=True, net=net)) == "unsure"
    assert level(parse("ik wil dood, vorige maand al", fallback, fallback=True, net=net)) == "emergency"


class _ReadsLikeAnEmergency:
    """A likeness model that finds every message emergency-like (as a bag of n-grams may on two words)."""

    def score(self, text: str) -> float:
        return 0.9


def test_a_short_answer_in_a_form_is_no_emergency_however_the_likeness_model_reads_it() -> None:
    # "un peu" answering "do you speak a little Dutch?": unsure classifier, emergency ranked third.
    net = SafetyNet({}, LEXICON, _ReadsLikeAnEmergency())  # type: ignore[arg-type]
    ranking = [("deny", 0.10), ("affirm", 0.08), ("emergency", 0.07)]
    assert level(parse("un peu", ranking, fallback=True, net=net)) != "emergency"
    assert level(parse("bir az", ranking, fallback=True, net=net)) != "emergency"
    # from three words on the likeness counts again
    assert level(parse("mijn vader reageert niet", ranking, fallback=True, net=net)) == "emergency"


class _Means:
    """A meaning model with a fixed score (the share of emergency examples among the nearest)."""

    def __init__(self, share: float) -> None:
        self.share = share

    def score(self, text: str) -> float:
        return self.share

    def likely(self, text: str) -> float:
        return 0.0  # its emergency-vs-rest direction says: not an emergency


class _Reads:
    """A likeness model with a fixed score."""

    def __init__(self, value: float) -> None:
        self.value = value

    def score(self, text: str) -> float:
        return self.value


def _meaning_net(share: float, reads: float = 0.0) -> SafetyNet:
    return SafetyNet({}, LEXICON, _Reads(reads), meaning=_Means(share))  # type: ignore[arg-type]


def test_a_message_not_understood_that_means_an_emergency_gets_112_without_a_danger_word() -> None:
    # No lexicon word, emergency nowhere in the ranking: before, "none"; now the meaning decides.
    ranking = [("out_of_scope", 0.2), ("waste", 0.1)]
    text = "mijn oma kan haar arm niet meer optillen en praat heel raar"
    assert level(parse(text, ranking, fallback=True, net=_meaning_net(0.0))) == "none"
    parsed = parse(text, ranking, fallback=True, net=_meaning_net(0.3))
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["reason"] == "fallback_means_like"
    # a weak neighbourhood (2 of 10 emergency examples) alarms only a message that also reads somewhat like one
    assert level(parse(text, ranking, fallback=True, net=_meaning_net(0.2, reads=0.2))) == "emergency"
    weak = parse(text, ranking, fallback=True, net=_meaning_net(0.2, reads=0.1))
    assert level(weak) == "unsure" and weak["safety"]["reason"] == "fallback_means_like_weakly"


def test_a_message_not_understood_that_reads_like_an_emergency_gets_112() -> None:
    ranking = [("out_of_scope", 0.2), ("waste", 0.1)]
    text = "er komt zwarte walm onder de deur door"
    assert level(parse(text, ranking, fallback=True, net=_meaning_net(0.0, reads=0.39))) == "none"
    assert parse(text, ranking, fallback=True, net=_meaning_net(0.0, reads=0.4))["safety"]["reason"] == \
        "fallback_reads_like"


def test_the_meaning_does_not_alarm_an_understood_question_a_calm_one_or_a_short_answer() -> None:
    net = _meaning_net(0.9)
    # the classifier understood it: its topic stands
    assert level(parse("mijn oma kan haar arm niet optillen", [("health", 0.8)], net=net)) == "none"
    # calm context (a bill, last month) keeps the normal answer
    assert level(parse("een factuur van de ziekenwagen betalen", [("waste", 0.2)], fallback=True, net=net)) != \
        "emergency"
    # one or two words (an answer in a form) say too little
    assert level(parse("un peu", [("deny", 0.1)], fallback=True, net=net)) != "emergency"
    # without a meaning model (a model trained before it) the net decides as before
    assert level(parse("mijn oma kan haar arm niet optillen", [("waste", 0.2)], fallback=True)) == "none"


def test_a_signal_word_in_a_message_not_understood_that_reads_and_means_calm_is_asked_not_alarmed() -> None:
    # like "gsm batterij dood, kan ik ergens opladen": a signal word, not understood, emergency not ranked
    ranking = [("out_of_scope", 0.2), ("waste", 0.1)]
    text = "er ligt wat bloed van de hond op de stoep, wie kuist dat op"
    calm = parse(text, ranking, fallback=True, net=_meaning_net(0.0, reads=0.05))
    assert level(calm) == "unsure" and calm["safety"]["reason"] == "signal_reads_calm"
    # reading (n-grams) or meaning (sentence vectors) like an emergency keeps the full answer
    assert level(parse(text, ranking, fallback=True, net=_meaning_net(0.0, reads=0.4))) == "emergency"
    assert level(parse(text, ranking, fallback=True, net=_meaning_net(0.2, reads=0.05))) == "emergency"
    # emergency ranked, or too short to judge: as before, an emergency
    ranked = [("out_of_scope", 0.2), ("emergency", 0.1)]
    assert level(parse(text, ranked, fallback=True, net=_meaning_net(0.0, reads=0.05))) == "emergency"
    assert level(parse("bloed overal", ranking, fallback=True, net=_meaning_net(0.0, reads=0.0))) == "emergency"
    # off (0): every such message is an emergency, as in the fourth round
    off = SafetyNet({"unclear_signal_likeness": 0.0}, LEXICON, _Reads(0.05), meaning=_Means(0.0))  # type: ignore[arg-type]
    assert level(parse(text, ranking, fallback=True, net=off)) == "emergency"


class _CountingMeaning(_Means):
    """A meaning model that counts how often it is asked (each time is one 5-8 ms encoding)."""

    def __init__(self, share: float) -> None:
        super().__init__(share)
        self.asked = 0

    def score(self, text: str) -> float:
        self.asked += 1
        return self.share


@pytest.mark.parametrize("share", [0.0, 0.9])
def test_a_calm_signal_message_not_understood_is_asked_without_encoding_it(share: float) -> None:
    # A signal word (blood) and calm context (a bill), not understood: "is it an emergency?" whatever the
    # sentence vectors would say, so the message is not encoded.
    meaning = _CountingMeaning(share)
    net = SafetyNet({}, LEXICON, _Reads(0.05), meaning=meaning)  # type: ignore[arg-type]
    parsed = parse("een factuur voor het bloed onderzoek van mijn hond", [("out_of_scope", 0.2), ("waste", 0.1)],
                   fallback=True, net=net)
    assert level(parsed) == "unsure" and parsed["intent"]["name"] != "emergency"
    assert meaning.asked == 0
    # without the calm word the sentence vectors still decide
    without_calm = parse("er ligt wat bloed van de hond op de stoep, wie kuist dat op",
                         [("out_of_scope", 0.2), ("waste", 0.1)], fallback=True, net=net)
    assert meaning.asked >= 1 and level(without_calm) == ("emergency" if share >= 0.2 else "unsure")


MISREAD = DangerLexicon([
    Term(("sewiti",), "fire", "signal", "kmr"),  # burnt (Kurmanji), a signal word
    Term(("agir", "mal"), "fire", "acute", "kmr"),  # fire in the house, an acute term
    Term(("sigorte",), "insurance", "calm", "kmr"),
])


@pytest.mark.parametrize("misread, expected", [(True, "unsure"), (False, "emergency")])
def test_a_signal_word_is_calmed_by_a_calm_word_of_its_own_language_when_the_message_language_was_misread(
    misread: bool, expected: str,
) -> None:
    # a Kurmanji question about last year's fire and the insurance, read as Portuguese, that the classifier
    # put first as emergency: the Kurmanji insurance word calms the Kurmanji signal word (the option on)
    # (L15 off: the arbiter reads this past fire at 0.46, just above its setting bar, and insurance is a setting kind)
    net = SafetyNet({"calm_in_signal_languages": misread, "setting_classifier": 0}, MISREAD)
    parsed = parse("par mala me sewiti sigorte pere nade", [("emergency", 0.8), ("housing", 0.1)],
                   language="pt", net=net)
    assert level(parsed) == expected


def test_an_acute_term_in_a_misread_message_is_never_calmed_by_a_calm_word_of_another_language() -> None:
    net = SafetyNet({}, MISREAD)
    assert level(parse("agir ket mal, sigorte", [("housing", 0.7)], language="pt", net=net)) == "emergency"


@pytest.mark.parametrize("language, text", [
    ("ro", "coada asta ma omoara"), ("tr", "bu kuyruk beni öldürüyor"), ("kmr", "ev rêz min dikuje"),
    ("so", "safkan ayaa i dilaya"), ("ckb", "ئەم ڕیزە دەمکوژێت"), ("ti", "እዚ መስርዕ ይቐትለኒ ኣሎ"),
])
def test_a_queue_that_is_killing_me_is_asked_not_alarmed(language: str, text: str) -> None:
    # the real lexicon: a figure of speech about the queue at the counter; the classifier not sure of anything
    net = SafetyNet({})
    assert level(parse(text, [("out_of_scope", 0.3)], fallback=True, language=language, net=net)) == "unsure"


# With a second opinion (bot.nlu.second_opinion) the combined ranking averages DIET's peaks down; DIET's own is kept.
def _averaged(net: SafetyNet) -> Dict[str, Any]:
    """A doctor question DIET is sure of (health 0.9) that the averaged ranking is unsure of (health 0.55)."""
    message = Message(data={"text": "welke dokter is open", "intent": {"name": "health", "confidence": 0.55},
                            "intent_ranking": [{"name": "health", "confidence": 0.55},
                                               {"name": "emergency", "confidence": 0.2}],
                            FIRST_OPINION_KEY: [{"name": "health", "confidence": 0.9},
                                                {"name": "emergency", "confidence": 0.02}]})
    net.process([message])
    return message.data


def test_with_first_opinion_the_net_weighs_a_danger_word_with_diets_own_ranking() -> None:
    assert level(_averaged(SafetyNet({"first_opinion": True}, LEXICON))) == "unsure"
    assert _averaged(SafetyNet({"first_opinion": True}, LEXICON))["intent"]["name"] == "health"
    # The averaged ranking alarms it (the learned arbiter, safety17, off here: it asks this doctor question) ...
    averaged = SafetyNet({"first_opinion": False, "arbiter_asks_below": 0}, LEXICON)
    assert level(_averaged(averaged)) == "emergency"
    # ... and with the arbiter on, "which doctor is open" gets its answer and "is it an emergency? call 112".
    assert _averaged(SafetyNet({"first_opinion": False}, LEXICON))["safety"]["reason"] == \
        "arbiter_asks_after_signal_and_classifier"


def test_first_opinion_without_a_second_opinion_reads_the_intent_ranking() -> None:
    parsed = parse("dokter nu!!", [("health", 0.5), ("greet", 0.1), ("emergency", 0.25)],
                   net=SafetyNet({"first_opinion": True}, LEXICON))
    assert level(parsed) == "emergency"


class _Direction:
    """A meaning model whose emergency-vs-rest direction gives a fixed value; counts the messages it encodes."""

    def __init__(self, likely: float) -> None:
        self.value, self.asked = likely, []

    def score(self, text: str) -> float:
        return 0.0

    def likely(self, text: str) -> float:
        self.asked.append(text)
        return self.value


def _direction_net(likely: float, reads: float = 0.3) -> SafetyNet:
    return SafetyNet({}, LEXICON, _Reads(reads), meaning=_Direction(likely))  # type: ignore[arg-type]


def test_a_plain_word_emergency_under_no_topic_of_ours_gets_112_by_what_it_means() -> None:
    # "bloet overal snijwonde stopt nie": no danger word the lexicon knows, DIET says out_of_scope
    text = "bloet overal snijwonde stopt nie"
    parsed = parse(text, [("out_of_scope", 0.72), ("greet", 0.05)], net=_direction_net(0.61, reads=0.25))
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["reason"] == "means_emergency"
    assert level(parse(text, [("out_of_scope", 0.72)], net=_direction_net(0.59, reads=0.25))) == "none"


def test_under_an_unsure_ordinary_topic_the_meaning_counts_only_with_emergency_ranked() -> None:
    text = "mijn zoon is weg sinds twee uur en is nog niet terug"
    ranked = [("interpreter", 0.56), ("school", 0.1), ("greet", 0.05), ("emergency", 0.03)]  # not in the top 3
    assert level(parse(text, ranked, net=_direction_net(0.75))) == "emergency"
    not_ranked = _direction_net(0.75)
    assert level(parse(text, [("interpreter", 0.56), ("school", 0.1)], net=not_ranked)) == "none"
    assert not_ranked.meaning.asked == []  # not encoded: the gate is cheap evidence only


def test_the_meaning_never_overrules_a_sure_topic_calm_context_a_fallback_or_a_message_that_reads_calm() -> None:
    text = "mijn dochter is ziek en kan niet naar school"
    for ranking, fallback, reads in (
        ([("school", 0.76), ("housing", 0.1), ("greet", 0.05), ("emergency", 0.03)], False, 0.25),  # a sure topic
        ([("out_of_scope", 0.7)], False, 0.1),  # reads too little like an emergency to encode
        ([("out_of_scope", 0.3)], True, 0.15),  # not understood: the fallback's own rules decide (reads < 0.2)
    ):
        net = _direction_net(0.99, reads)
        assert level(parse(text, ranking, fallback=fallback, net=net)) != "emergency"
        assert net.meaning.asked == []
    calm = _direction_net(0.99)
    assert level(parse("een factuur van de ziekenwagen vorige maand", [("out_of_scope", 0.7)], net=calm)) != "emergency"


def test_a_call_for_help_typed_twice_is_an_emergency_unless_a_topic_is_sure() -> None:
    assert level(parse("snel snel alstublieft", [("social_assistance", 0.53)])) == "emergency"
    assert level(parse("snel alstublieft", [("social_assistance", 0.53)])) == "unsure"
    assert level(parse("snel snel een afspraak", [("social_assistance", 0.9)])) == "unsure"


def test_a_short_acute_term_of_another_language_under_no_topic_is_decided_as_not_understood() -> None:
    # "has gun" is acute English; in a message read as Dutch its short words count only as a signal
    ranking = [("out_of_scope", 0.64), ("greet", 0.03)]
    parsed = parse("he has gun now", ranking, language="nl", net=LIKE)
    assert level(parsed) == "emergency" and parsed["safety"]["reason"] == "demoted_acute_no_topic"
    # under an ordinary topic it is still only asked, and the rule can be switched off
    assert level(parse("he has gun now", [("housing", 0.64)], language="nl", net=LIKE)) == "unsure"
    off = SafetyNet({"demoted_acute_no_topic": False}, LEXICON, LIKENESS)
    assert level(parse("he has gun now", ranking, language="nl", net=off)) == "unsure"


def test_a_joke_calms_a_danger_word_but_never_an_acute_one() -> None:
    # Issue 12, eighth round: laughter ("lol", "haha") marks a joke; it calms only a message without an acute term.
    net = SafetyNet({})
    fallback = [("out_of_scope", 0.3)]
    assert level(parse("burnt the toast lol", fallback, fallback=True, language="en", net=net)) != "emergency"
    assert level(parse("fire in the kitchen haha help", fallback, fallback=True, language="en", net=net)) == "emergency"


def test_a_turkish_fever_is_no_fire_but_a_fever_with_breathing_trouble_is_an_emergency() -> None:
    # "ateş" is fire and fever: "my child has a fever, which doctor is open today" is asked, not alarmed.
    net = SafetyNet({})
    ranking = [("health", 0.43), ("opening_hours", 0.2)]
    fever = "cocugumun atesi var bugun hangi doktor acik"
    assert level(parse(fever, ranking, language="tr", net=net)) == "unsure"
    assert level(parse("cocugumun atesi var ve nefes alamiyor", ranking, language="tr", net=net)) == "emergency"


def test_a_film_or_a_game_about_firefighters_is_asked_but_danger_and_young_people_are_no_game() -> None:
    net = SafetyNet({})
    film = parse("vimos una peli de bomberos y mi hijo quiere ser bombero", [("emergency", 0.58), ("leisure", 0.2)],
                 language="es", net=net)
    assert level(film) == "unsure"
    # "peli" (a film) does not calm "peligro" (danger), "jeu" (a game) not "jeune" (young)
    assert level(parse("hay peligro, fuego en la cocina", [("waste", 0.5)], language="es", net=net)) == "emergency"
    assert level(parse("un jeune homme est inconscient", [("health", 0.5)], language="fr", net=net)) == "emergency"


def test_a_message_not_understood_with_emergency_among_diets_candidates_that_reads_somewhat_like_one_gets_112() -> None:
    # Issue 12, eighth round (safety8fb): no danger word, DIET did not understand it and ranks emergency fifth; the
    # n-grams read it somewhat like an emergency (0.25, below the 0.4 that decides alone): together, 112.
    text = "zwarte walm komt onder de deur van de buren"
    fifth = [("out_of_scope", 0.3), ("waste", 0.1), ("greet", 0.05), ("housing", 0.04), ("emergency", 0.03)]
    def ranked(reads: float) -> SafetyNet:  # off by default: see docs/bench-safety.md (safety8fb)
        return SafetyNet({"fallback_ranked_within": 5}, LEXICON, _Reads(reads), meaning=_Means(0.0))  # type: ignore[arg-type]

    assert level(parse(text, fifth, fallback=True, net=_meaning_net(0.0, reads=0.25))) != "emergency"  # off
    parsed = parse(text, fifth, fallback=True, net=ranked(0.25))
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency"
    assert parsed["safety"]["reason"] == "fallback_ranked_and_reads"
    # emergency sixth, or a message that reads less like one: no full answer from these two signals
    sixth = [*fifth[:4], ("school", 0.035), ("emergency", 0.03)]
    assert level(parse(text, sixth, fallback=True, net=ranked(0.25))) != "emergency"
    assert level(parse(text, fifth, fallback=True, net=ranked(0.15))) != "emergency"
    # understood as an ordinary topic: the topic stands
    assert level(parse(text, [("housing", 0.8), ("emergency", 0.03)], net=ranked(0.25))) != "emergency"


def test_a_message_not_understood_that_leans_to_emergency_and_reads_somewhat_like_one_gets_112() -> None:
    text = "mijn zoon drinkt blauwe spul van onder de gootsteen"
    ranking = [("out_of_scope", 0.3), ("waste", 0.1)]
    parsed = parse(text, ranking, fallback=True, net=_direction_net(0.75, reads=0.25))
    assert level(parsed) == "emergency" and parsed["safety"]["reason"] == "fallback_leans_and_reads"
    assert level(parse(text, ranking, fallback=True, net=_direction_net(0.65, reads=0.25))) != "emergency"
    # a message that does not read like an emergency at all is not even encoded for it
    calm = _direction_net(0.95, reads=0.15)
    assert level(parse(text, ranking, fallback=True, net=calm)) != "emergency"
    assert calm.meaning.asked == []
