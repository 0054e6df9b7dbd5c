"""Issue 12, twelfth round (safety12): a resident who asks whether a doctor is needed, or whether something is serious,
is asked "is it an emergency?" instead of getting the full 112 answer; the same question beside an acute danger
("he is not breathing, does he need a doctor?") still gets 112 first. One pair per language."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
# An ordinary topic the classifier is not sure of: a call for help beside another danger word decides alone.
UNSURE_TOPIC = [("health", 0.55), ("emergency", 0.05)]

# (language, a small wound or a nosebleed and whether a doctor is needed, the same question when he does not breathe)
ADVICE = [
    ("nl", "mijn zoon heeft een wonde aan zijn knie, moet ik naar de dokter?",
     "mijn zoon krijgt geen lucht, moet ik naar de dokter?"),
    ("en", "my son has a small wound on his knee, should I see a doctor?",
     "my son is not breathing, should I see a doctor?"),
    ("fr", "mon fils a une petite blessure au genou, faut-il voir un médecin ?",
     "mon fils ne respire plus, faut-il voir un médecin ?"),
    ("es", "mi hijo tiene una herida pequeña en la rodilla, ¿debería llevarlo al médico?",
     "mi hijo no puede respirar, ¿debería llevarlo al médico?"),
    ("it", "mio figlio ha una piccola ferita al ginocchio, dovrei portarlo dal medico?",
     "mio figlio non respira, dovrei portarlo dal medico?"),
    ("pt", "o meu filho tem uma pequena ferida no joelho, deveria levá-lo ao médico?",
     "o meu filho não respira, deveria levá-lo ao médico?"),
    ("ro", "fiul meu are o rană mică la genunchi, ar trebui să meargă la doctor?",
     "fiul meu nu mai respira, ar trebui să meargă la doctor?"),
    ("pl", "syn ma małą ranę na kolanie, czy potrzebuje lekarza?",
     "syn nie oddycha, czy potrzebuje lekarza?"),
    ("uk", "у сина невелика рана на коліні, чи потрібен лікар?",
     "син не дихає, чи потрібен лікар?"),
    ("bg", "синът ми има малка рана на коляното, трябва ли да отидем на лекар?",
     "синът ми не диша, трябва ли да отидем на лекар?"),
    ("ru", "у сына небольшая рана на колене, нужен ли врач?",
     "сын не дышит, нужен ли врач?"),
    ("ar", "ابني عنده جرح صغير في ركبته، هل يحتاج إلى طبيب؟",
     "ابني لا يتنفس، هل يحتاج إلى طبيب؟"),
    ("fa", "پسرم یک زخم کوچک روی زانویش دارد، آیا باید پیش دکتر برویم؟",
     "پسرم نفس نمی کشد، آیا باید پیش دکتر برویم؟"),
    ("ps", "زما زوی په زنګون کې لږ وینه لري، ایا ډاکټر ته اړتیا لري؟",
     "زما زوی ساه نشی اخیستلی، ایا ډاکټر ته اړتیا لري؟"),
    ("so", "wiilkayga sanka ayaa dhiig ka yimid dugsiga, ma u baahan yahay dhakhtar",
     "wiilkayga neefsan waayay, ma u baahan yahay dhakhtar"),
    ("ti", "ወደይ ኣብ ብርኩ ንእሽቶ መውጋእቲ ኣለዎ፡ ሓኪም የድልዮ ድዩ?",
     "ወደይ ኣየስተንፍስን፡ ሓኪም የድልዮ ድዩ?"),
    ("am", "ልጄ ጉልበቱ ላይ ትንሽ ቁስል አለው፣ ሐኪም ያስፈልገዋል ወይ?",
     "ልጄ አይተነፍስም፣ ሐኪም ያስፈልገዋል ወይ?"),
    ("ber", "mmi ghas idammen di ufud, ma ixess tbib?",
     "mmi ur itnaffas, ma ixess tbib?"),
    ("sq", "djali ka një plagë të vogël në gju, a ka nevojë për mjek?",
     "djali nuk merr frymë, a ka nevojë për mjek?"),
    ("de", "mein Sohn hat eine kleine Wunde am Knie, muss er zum Arzt?",
     "mein Sohn atmet nicht, muss er zum Arzt?"),
    ("tr", "oğlumun dizinde küçük bir yara var, doktora gitmeli miyiz?",
     "oğlum nefes almıyor, doktora gitmeli miyiz?"),
    ("ckb", "کوڕەکەم برینێکی بچووکی لە ئەژنۆی هەیە، ئایا پێویستی بە دکتۆر هەیە؟",
     "کوڕەکەم هەناسە نادات، ئایا پێویستی بە دکتۆر هەیە؟"),
    ("kmr", "zarokê min birînek biçûk li çokê wî heye, ma pêwîstî bi doktor heye?",
     "zarokê min nefes nagire, ma pêwîstî bi doktor heye?"),
]


@pytest.mark.parametrize("lang, question, _", ADVICE, ids=[lang for lang, _, _ in ADVICE])
def test_asking_whether_a_doctor_is_needed_is_asked_not_alarmed(lang: str, question: str, _: str) -> None:
    parsed = parse(question, UNSURE_TOPIC, language=lang, net=NET)
    assert level(parsed) == "unsure" and "asks_advice" in parsed["safety"]["calm"], parsed["safety"]


@pytest.mark.parametrize("lang, _, emergency", ADVICE, ids=[lang for lang, _, _ in ADVICE])
def test_the_same_question_about_someone_who_does_not_breathe_gets_112(lang: str, _: str, emergency: str) -> None:
    assert level(parse(emergency, UNSURE_TOPIC, language=lang, net=NET)) == "emergency"


def test_the_somali_nosebleed_under_a_fallback_is_asked() -> None:
    question = "wiilkayga sanka ayaa dhiig ka yimid dugsiga, ma u baahan yahay dhakhtar"
    assert level(parse(question, [("health", 0.35)], fallback=True, language="so", net=NET)) != "emergency"


def test_a_statement_that_it_is_serious_is_no_question() -> None:
    # the words of "is it serious" in the order of a statement, beside a call for a doctor: still 112 first
    statement = "my dad has a wound on his head it is serious we need a doctor"
    assert level(parse(statement, UNSURE_TOPIC, language="en", net=NET)) == "emergency"
    question = "my dad has a small wound on his head, is it serious, do we need a doctor?"
    assert level(parse(question, UNSURE_TOPIC, language="en", net=NET)) == "unsure"
