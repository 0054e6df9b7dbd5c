"""Issue 12, fourteenth round (safety18): a problem in a public place (a pothole, a broken street light, dumped
rubbish) and a request for a person, an interpreter or a call back get their normal answer and "is it an emergency?
call 112", even when the classifier itself is sure of `emergency` (M6 says `emergency` for a pothole and for "I want
to talk to a human"); beside any danger word they calm nothing. A message not understood that only weakly means like
an emergency, or whose signal word reads and means unlike one, is asked instead of alarmed. Ordinary words that only
look like a signal word (elections, blood pressure, a battery) are no danger."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import _Means, _Reads, level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
# The classifier is sure of emergency, the municipal topic comes second: without calm context this is the full answer.
SURE_EMERGENCY = [("emergency", 0.86), ("report_problem", 0.08)]

# (language, a problem in a public place reported to the municipality), every language
PUBLIC = [
    ("nl", "er zit een diepe put in de weg bij ons voor de deur"),
    ("en", "there is a huge pothole outside number 12"),
    ("fr", "un énorme nid de poule devant chez moi"),
    ("de", "die Straßenlaterne vor unserem Haus ist seit Tagen aus"),
    ("es", "hay un bache enorme delante de mi casa"),
    ("it", "c'è una buca sulla strada davanti al portone"),
    ("pt", "há um buraco na rua em frente ao prédio"),
    ("ro", "e o groapă în asfalt chiar lângă bloc"),
    ("pl", "duża dziura w jezdni przed naszym blokiem"),
    ("bg", "голяма дупка на пътя пред входа"),
    ("ru", "большая яма на дороге возле дома"),
    ("uk", "велика яма на дорозі біля під'їзду"),
    ("tr", "evin önündeki sokak lambası yanmıyor"),
    ("ar", "عمود الضو ديال الحومة طافي من سيمانة"),
    ("fa", "یک چاله بزرگ در خیابان ما هست"),
    ("ps", "زموږ په سړک کې لویه کنده ده"),
    ("so", "god weyn oo waddada xaafadda ku yaal"),
    ("sq", "ka një gropë të madhe në rrugë"),
    ("ti", "ኣብ መንገዲ ዓቢ ጉድጓድ ኣሎ"),
    ("am", "መንገድ ላይ ትልቅ ጉድጓድ አለ"),
    ("ckb", "چاڵێکی گەورە لە شەقامەکەمان هەیە"),
    ("kmr", "çaleke mezin li kolanê me heye"),
    ("ber", "lhufra tameqrant deg webrid n taddart"),
]

# (language, asking for a person, an interpreter or a call back)
PERSON = [
    ("en", "I want to talk to a human please"),
    ("nl", "kan ik met een mens praten aub"),
    ("fr", "il me faut un interprète pour le rendez-vous à la commune"),
    ("de", "ich brauche einen Dolmetscher für den Termin"),
    ("tr", "bir insanla konuşmak istiyorum"),
    ("ar", "بغيت نهضر مع شي واحد من البلدية"),
    ("ru", "можно поговорить с человеком"),
    ("so", "waxaan rabaa turjumaan"),
]

# (language, the same calm words beside a danger word: the danger decides)
BESIDE_DANGER = [
    ("en", "there is a pothole and a cyclist fell in it, he is bleeding a lot and not moving"),
    ("nl", "ik wil met een mens praten, mijn man slaat me"),
    ("fr", "nid de poule, un motard est tombé, il ne réagit pas"),
    ("tr", "sokak lambası direği bir çocuğun üstüne düştü, bilinci yok"),
]


# (calm kind, the topic the classifier puts second, language, message)
CALMED = [("public_space", "report_problem", lang, text) for lang, text in PUBLIC] + \
    [("asks_person", "ask_human", lang, text) for lang, text in PERSON]


@pytest.mark.parametrize("kind, topic, lang, text", CALMED, ids=[f"{kind}-{lang}" for kind, _, lang, _ in CALMED])
def test_a_public_place_or_a_request_for_a_person_gets_its_answer_and_the_line_even_under_a_sure_emergency(
        kind: str, topic: str, lang: str, text: str) -> None:
    parsed = parse(text, [("emergency", 0.86), (topic, 0.08)], language=lang, net=NET)
    assert level(parsed) == "unsure" and kind in parsed["safety"]["calm"], parsed["safety"]
    assert parsed["intent"]["name"] == topic  # the normal answer; "is it an emergency? call 112" follows


@pytest.mark.parametrize("lang, text", BESIDE_DANGER, ids=[lang for lang, _ in BESIDE_DANGER])
def test_a_public_place_or_a_request_for_a_person_beside_a_danger_word_keeps_112_first(lang: str, text: str) -> None:
    parsed = parse(text, SURE_EMERGENCY, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


def _net(share: float, reads: float) -> SafetyNet:
    """The real lexicon with a meaning share and a likeness fixed for the message."""
    return SafetyNet({}, likeness=_Reads(reads), meaning=_Means(share))  # type: ignore[arg-type]


NOT_UNDERSTOOD = [("out_of_scope", 0.2), ("waste", 0.1)]


def test_a_message_not_understood_that_only_weakly_means_an_emergency_is_asked_not_alarmed() -> None:
    text = "de verwarming in de gang doet het al twee dagen niet"
    weak = parse(text, NOT_UNDERSTOOD, fallback=True, net=_net(0.2, reads=0.1))
    assert level(weak) == "unsure" and weak["intent"]["name"] != "emergency"
    # more of its nearest examples emergencies, or reading like one: the full answer
    assert level(parse(text, NOT_UNDERSTOOD, fallback=True, net=_net(0.3, reads=0.1))) == "emergency"
    assert level(parse(text, NOT_UNDERSTOOD, fallback=True, net=_net(0.2, reads=0.2))) == "emergency"


def test_a_signal_word_not_understood_that_reads_little_like_an_emergency_is_asked() -> None:
    # "lost" (a lost child's signal word) in a question about a wallet, not understood, emergency not ranked
    text = "lost my wallet at the town hall yesterday, did anyone hand it in"
    asked = parse(text, NOT_UNDERSTOOD, fallback=True, language="en", net=_net(0.0, reads=0.3))
    assert level(asked) == "unsure" and asked["safety"]["reason"] == "signal_reads_calm"
    # reading like an emergency keeps the full answer
    assert level(parse(text, NOT_UNDERSTOOD, fallback=True, language="en", net=_net(0.0, reads=0.4))) == "emergency"


@pytest.mark.parametrize("lang, text", [
    ("bg", "къде мога да си измеря кръвното"),  # blood pressure, not blood
    ("sq", "telefoni pa bateri, ku ta karikoj"),  # a battery, not a beating
    ("pl", "kto wygra wybory w polsce"),  # in Poland, not police
    ("ar", "بغيت نبدل السمية ديالي"),  # a name, not poison
])
def test_an_ordinary_word_that_only_looks_like_a_signal_word_is_no_danger(lang: str, text: str) -> None:
    parsed = parse(text, NOT_UNDERSTOOD, fallback=True, language=lang, net=_net(0.0, reads=0.15))
    assert level(parsed) == "none" and parsed["safety"]["categories"] == [], parsed["safety"]
