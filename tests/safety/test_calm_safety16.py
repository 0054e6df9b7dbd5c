"""Issue 12, fourteenth round (safety16), in one family of cases a user notices.

112 first: a calm word that only says where an emergency happens or what the resident was doing (a match, a
festival, a concert: the calm kind `place_activity`) never calms an acute term beside it; three words that only looked
calm no longer are ("not urgent" only in that order, a door that is not opening, an Italian bottle is no firework);
an emergency beside a question about the numbers or a knife keeps 112 first.

Not the full alarm (the normal answer and "is it an emergency? call 112"): a place without an acute term, a question
which emergency number to call (`number_question`), the fire brigade's open day ("brandweer" is no "brand"), a finger
cut with a kitchen knife (`kitchen_cut`)."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
TOPIC_FIRST = [("leisure", 0.6), ("emergency", 0.3)]  # the classifier reads a question about something else
ALARM_FIRST = [("emergency", 0.95), ("leisure", 0.02)]  # the classifier itself is sure of an emergency

# (language, message, the classifier's ranking)
EMERGENCIES: List[Tuple[str, str, list]] = [
    ("en", "my son collapsed at the football match and is not breathing", TOPIC_FIRST),
    ("de", "beim Fußball ist mein Sohn zusammengebrochen, er atmet nicht", TOPIC_FIRST),
    ("nl", "op het festival is mijn vriendin bewusteloos gevallen", TOPIC_FIRST),
    ("tr", "futbol maçında babam yere yığıldı, nefes almıyor", TOPIC_FIRST),
    ("fr", "au concert un homme a fait un malaise, il ne respire plus", TOPIC_FIRST),
    ("ru", "срочно! отец упал и не дышит", ALARM_FIRST),
    ("en", "the old neighbour is not opening her door since two days and her mail piles up", ALARM_FIRST),
    ("it", "due uomini si picchiano con le bottiglie davanti al bar, uno perde sangue", ALARM_FIRST),
    ("nl", "mijn vader ademt niet meer, 112 of 101?", TOPIC_FIRST),
    ("nl", "bel de brandweer, er is brand in de keuken", TOPIC_FIRST),
    ("en", "he cut his finger with a knife and it wont stop bleeding", TOPIC_FIRST),
    ("it", "mio marito mi minaccia con il coltello", TOPIC_FIRST),
]
NOT_THE_FULL_ALARM: List[Tuple[str, str, list]] = [
    ("nl", "hoeveel kost een ticket voor het festival in het park?", [("emergency", 0.9), ("leisure", 0.05)]),
    ("en", "is the cinema open on sunday?", [("emergency", 0.9), ("leisure", 0.05)]),
    ("nl", "moet ik 112 of 101 bellen als mijn fiets gestolen is?", [("opening_hours", 0.6), ("emergency", 0.2)]),
    ("fr", "c'est le 112 ou le 101 pour la police en belgique?", [("opening_hours", 0.6), ("emergency", 0.2)]),
    ("ru", "в бельгии полиция это 101 или 112?", [("opening_hours", 0.6), ("emergency", 0.2)]),
    ("nl", "wanneer is het opendeurdag bij de brandweer in ons dorp?", [("opening_hours", 0.6), ("emergency", 0.2)]),
    ("it", "mi sono tagliata un dito con il coltello mentre cucinavo, serve un cerotto?", [("health", 0.6), ("emergency", 0.2)]),
    ("sq", "vajza preu gishtin me thike, pak gjak, çfarë të vendos?", [("health", 0.6), ("emergency", 0.2)]),
    ("fa", "پسرم انگشتش رو با چاقو برید، کمی خون اومد، چی بزنم؟", [("health", 0.6), ("emergency", 0.2)]),
]


@pytest.mark.parametrize("lang, text, ranking", EMERGENCIES, ids=[lang for lang, _, _ in EMERGENCIES])
def test_the_emergency_gets_112_first(lang: str, text: str, ranking: list) -> None:
    parsed = parse(text, ranking, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text, ranking", NOT_THE_FULL_ALARM, ids=[lang for lang, _, _ in NOT_THE_FULL_ALARM])
def test_the_question_is_not_the_full_alarm(lang: str, text: str, ranking: list) -> None:
    parsed = parse(text, ranking, language=lang, net=NET)
    assert level(parsed) != "emergency", parsed["safety"]
