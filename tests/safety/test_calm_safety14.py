"""Issue 12, thirteenth round (safety14): a small health question (a sprained ankle, a little swelling, a small burn,
lice, a nosebleed that has stopped, a child who fell but is fine and plays, a small cut, which pharmacy or doctor is
on duty) gets its normal answer and "is it an emergency? call 112", even when the
classifier itself is sure of `emergency`; an emergency told beside the same words, or described by its symptoms,
keeps the full 112 answer first."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
# The classifier is sure of emergency, the health topic comes second: without calm context this is the full answer.
SURE_EMERGENCY = [("emergency", 0.86), ("health", 0.08)]

# (language, which pharmacy or doctor is on duty?)
ON_CALL = [
    ("nl", "welke apotheek is van wacht vannacht in Gent?"),
    ("en", "is there a pharmacy open on sunday near the market?"),
    ("fr", "où est la pharmacie de garde ce soir ?"),
    ("de", "welche Apotheke hat heute Notdienst? Apotheke Notdienst Mitte"),
    ("es", "¿dónde hay una farmacia de guardia esta noche?"),
    ("it", "qual è la farmacia di turno stasera?"),
    ("pt", "qual é a farmácia de serviço hoje à noite?"),
    ("ro", "unde este o farmacie de gardă diseară?"),
    ("pl", "gdzie jest apteka dyżurna w niedzielę?"),
    ("bg", "къде има дежурна аптека тази нощ?"),
    ("ru", "где дежурная аптека в воскресенье?"),
    ("uk", "де чергова аптека сьогодні вночі?"),
    ("tr", "bu gece nöbetçi eczane hangisi?"),
    ("ar", "فين كاينة صيدلية الحراسة هاد الليلة؟"),
    ("fa", "داروخانه شبانه روزی کجاست؟"),
    ("ps", "د شپې درملتون چیرته دی؟"),
    ("so", "xaggee farmashiye furan ku yaal caawa?"),
    ("ti", "ሎሚ ምሸት ክፉት ፋርማሲ ኣበይ ኣሎ?"),
    ("am", "ዛሬ ማታ ተረኛ ፋርማሲ የት ነው?"),
    ("kmr", "îşev dermanxaneya nobetê li ku ye?"),
    ("ckb", "ئەمشەو دەرمانخانەی ئێشکگر لە کوێیە؟"),
    ("sq", "ku është farmacia kujdestare sonte?"),
    ("ber", "mani tella apotheek n wacht di lḥed?"),
]

# (language, a small injury or illness cared for at home, asked about)
SMALL = [
    ("nl", "ik heb mijn enkel verzwikt bij het lopen, wat moet ik doen?"),
    ("en", "my daughter has head lice again, what shampoo works?"),
    ("fr", "petite brûlure au doigt avec le fer à repasser, je mets quoi ?"),
    ("de", "ich bin beim Joggen umgeknickt, der Fuß ist leicht geschwollen"),
    ("es", "me hice un esguince jugando al fútbol, ¿a qué médico voy?"),
    ("tr", "oğlumun okulda bitlenmiş, ne yapmalıyım?"),
    ("ar", "عندي حرق صغير فاليد من الطاجين، شنو ندير؟"),
    ("ru", "подвернула ногу на лестнице, что делать?"),
    ("pl", "skręciłam kostkę na spacerze, gdzie iść?"),
    # a nosebleed that has stopped, a child who fell but is fine, a small cut and a plaster
    ("nl", "mijn dochter had een bloedneus op school maar het is nu gestopt, moet ik iets doen?"),
    ("en", "my boy fell off the slide and has a bump but he is fine and eating"),
    ("fr", "mon fils avait du sang au nez, ça s'est arrêté, je dois m'inquiéter ?"),
    ("de", "meine Tochter ist vom Rad gefallen, aber es geht ihr gut und sie spielt normal"),
    ("pt", "o meu filho caiu no parque mas está bem e está a brincar"),
    ("uk", "порізав палець, невеликий поріз, чи є у вас пластир?"),
    ("bg", "синът ми падна на двора, но е добре и играе нормално"),
    ("ar", "جرح صغير فالصبع ديالي، واش عندكم بلاستر؟"),
    ("so", "wiilkayga sanka ayaa dhiig ka yimid, hadda wuu istaagay, maxaan sameeyaa?"),
    ("tr", "kızım bahçede düştü ama iyi, oynuyor şimdi"),
]

# (language, an emergency told beside the same calm words: an acute term decides)
ACUTE_BESIDE = [
    ("nl", "welke apotheek is van wacht, mijn zoon heeft pillen geslikt en reageert niet"),
    ("en", "i sprained my ankle and now my husband collapsed and is not breathing"),
    ("fr", "pharmacie de garde? mon père a une douleur dans la poitrine et le bras gauche"),
    ("de", "Apotheke Notdienst? mein Kind hat Putzmittel getrunken"),
    ("tr", "nöbetçi eczane nerede, babam bayıldı nefes almıyor"),
    ("ru", "дежурная аптека где? ребенок выпил отбеливатель"),
    ("en", "my son fell and said he is fine but now he collapsed and is not breathing"),
    ("nl", "de bloedneus stopt niet al een uur, hij gebruikt bloedverdunners"),
]


@pytest.mark.parametrize("lang, text", ON_CALL, ids=[lang for lang, _ in ON_CALL])
def test_which_pharmacy_is_on_duty_gets_its_answer_and_the_line_even_under_a_sure_emergency(lang: str,
                                                                                          text: str) -> None:
    parsed = parse(text, SURE_EMERGENCY, language=lang, net=NET)
    assert level(parsed) == "unsure" and "on_call" in parsed["safety"]["calm"], parsed["safety"]
    assert parsed["intent"]["name"] == "health"  # the normal answer; "is it an emergency? call 112" follows


@pytest.mark.parametrize("lang, text", SMALL, ids=[lang for lang, _ in SMALL])
def test_a_small_health_problem_cared_for_at_home_gets_its_answer_and_the_line(lang: str, text: str) -> None:
    parsed = parse(text, SURE_EMERGENCY, language=lang, net=NET)
    assert level(parsed) == "unsure" and "minor_care" in parsed["safety"]["calm"], parsed["safety"]
    assert parsed["intent"]["name"] == "health"


@pytest.mark.parametrize("lang, text", ACUTE_BESIDE, ids=[lang for lang, _ in ACUTE_BESIDE])
def test_an_emergency_beside_the_same_words_keeps_112_first(lang: str, text: str) -> None:
    parsed = parse(text, [("health", 0.9), ("emergency", 0.03)], language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", [
    ("en", "the baby has gone all floppy and grey and makes strange grunting sounds"),
    ("nl", "mijn vader praat ineens heel raar en zijn mondhoek hangt naar beneden"),
    ("fr", "ma fille a de la fièvre, la nuque raide et des taches violettes"),
    ("am", "እናቴ በድንገት መናገር አቃታት"),
])
def test_an_emergency_described_by_symptoms_the_classifier_is_sure_of_keeps_112(lang: str, text: str) -> None:
    parsed = parse(text, SURE_EMERGENCY, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]
