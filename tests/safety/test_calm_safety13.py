"""Issue 12, twelfth round, second part (safety13): a small health question (a toddler's cold and a little fever, "the
ER or can it wait?") is asked "is it an emergency?" instead of getting the full 112 answer, even when the classifier
ranks emergency; an emergency that looks like one (a sting and a swelling throat, a blow to the head and vomiting, a
large burn, fever with a stiff neck or spots that do not fade) gets 112 first, even beside the same calm words and a
sure ordinary topic. One pair per language; the other look-alikes in the languages the team reads."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
# The classifier is unsure of the health topic and ranks emergency: a signal word then decides for 112.
RANKED = [("health", 0.45), ("emergency", 0.3)]
# A sure ordinary topic: only an acute term makes 112.
SURE = [("health", 0.9), ("emergency", 0.02)]

# (language, a toddler's cold and a little fever: the ER or wait?, a sting and a swelling throat: see a doctor?)
PAIRS = [
    ("nl", "mijn dochtertje is verkouden en heeft een beetje koorts, naar spoed of kan het wachten?",
     "mijn zoon is gestoken door een wesp en zijn keel zwelt op, moet ik naar de dokter?"),
    ("en", "my toddler has a cold and a bit of a temperature, ER or can it wait?",
     "my son got stung by a wasp and his throat is swelling, do I need to see a doctor?"),
    ("fr", "ma fille a un rhume et un peu de fièvre, je vais aux urgences ou ça peut attendre ?",
     "mon fils a été piqué par une guêpe et sa gorge gonfle, faut-il voir un médecin ?"),
    ("de", "meine Tochter ist erkältet und hat leichtes Fieber, Notaufnahme oder kann das warten?",
     "mein Sohn wurde von einer Wespe gestochen und sein Hals schwillt an, muss er zum Arzt?"),
    ("es", "mi bebé tiene mocos y un poco de fiebre, ¿urgencias o espero?",
     "a mi hijo le picó una avispa y la garganta se le hincha, ¿debería llevarlo al médico?"),
    ("it", "la bimba ha il raffreddore e un po' di febbre, pronto soccorso o aspetto?",
     "mio figlio è stato punto da una vespa e la gola si gonfia, dovrei portarlo dal medico?"),
    ("pt", "a minha filha está constipada e com um pouco de febre, vou à urgência ou espero?",
     "o meu filho foi picado por uma vespa e a garganta está a inchar, devo levá-lo ao médico?"),
    ("ro", "fetița are răceală și puțină febră, merg la urgență sau aștept?",
     "fiul meu a fost înțepat de o viespe și i se umflă gâtul, ar trebui să meargă la doctor?"),
    ("pl", "córka ma katar i stan podgorączkowy, jechać na SOR czy poczekać?",
     "syna użądliła osa i puchnie mu gardło, czy potrzebuje lekarza?"),
    ("bg", "дъщеря ми е настинала и има лека температура, да отида ли в спешното или да изчакам?",
     "сина ми го ужили оса и гърлото се подува, трябва ли лекар?"),
    ("ru", "у дочки насморк и небольшая температура, ехать в травмпункт или подождать?",
     "сына ужалила оса, и горло опухает, нужен ли врач?"),
    ("uk", "у доньки нежить і невелика температура, їхати в лікарню чи почекати?",
     "сина вжалила оса, і горло набрякає, чи потрібен лікар?"),
    ("tr", "kızım nezle olmuş, hafif ateşi var, acile mi gideyim yoksa bekleyeyim mi?",
     "oğlumu arı soktu, boğazı şişti, doktora gitmeli miyiz?"),
    ("ar", "بنتي مزكومة وعندها شوية د السخانة، نمشي للمستعجلات ولا نستنى؟",
     "ولدي لسعاتو نحلة والحلق منفوخ، واش نديه للطبيب؟"),
    ("fa", "دخترم سرما خورده و یکم تب داره، ببرمش اورژانس یا صبر کنم؟",
     "پسرم رو زنبور گزید و گلوش ورم کرده، باید دکتر ببرمش؟"),
    ("ps", "لور مې زکام لري او لږ تبه، بیړني ته یې یوسم که صبر وکړم؟",
     "زوی مې مچۍ وچیچل او ستونی یې پړسېږي، ډاکټر ته یې یوسم؟"),
    ("so", "gabadhayda hargab bay qabtaa iyo qandho, isbitaal ma geeyaa mise sugaa?",
     "wiilkayga shinni ayaa qaniintay, cunaha ayaa barar, dhakhtar ma u baahan yahay?"),
    ("ti", "ጓለይ ጉንፋዕ ሒዝዋ ቁሩብ ረስኒ ኣለዋ፡ ናብ ሆስፒታል ክወስዳ ወይስ ክጽበ?",
     "ወደይ ንህቢ ነኺሱዎ ጎሮሮኡ ሓቢጡ፡ ሓኪም የድልዮ ድዩ?"),
    ("am", "ልጄ ጉንፋን ይዟታል ትንሽ ትኩሳት አለባት፣ ሆስፒታል ልውሰዳት ወይስ ልጠብቅ?",
     "ልጄን ንብ ነደፈው ጉሮሮው አበጠ፣ ዶክተር ያስፈልገዋል?"),
    ("kmr", "keça min serma girtiye û hinek ta heye, biçim acîlê an bisekinim?",
     "kurê min mêş pê ve da û qirika wî werimî, ma pêwîstî bi doktor heye?"),
    ("ckb", "کچەکەم هەڵامەتی هەیە و کەمێک تای هەیە، ببەمە نەخۆشخانە یان چاوەڕێ بکەم؟",
     "کوڕەکەم هەنگ پێوەی دا و قوڕگی ئاوساوە، ئایا پێویستی بە دکتۆر هەیە؟"),
    ("sq", "vajza ka rrufë dhe pak temperaturë, ta çoj në urgjencë apo të pres?",
     "djalin e pickoi një bletë dhe fyti i fryhet, a duhet mjek?"),
]
# Tarifit (ber) has the small question only: its look-alike emergencies are not drafted yet (docs/bench-safety.md).
SMALL_BER = "yelli tuɣ zzkam d tawla shwiya, nigh ad arjuɣ ɣer sbitar?"

# (language, a blow to the head and vomiting, a large burn or scald, fever with a stiff neck or spots that do not fade)
LOOKALIKES = [
    ("nl", "mijn zoon is op zijn hoofd gevallen en moet nu overgeven, moet ik naar de dokter?",
     "mijn peuter trok de pan van het vuur, kokend water over zijn borst",
     "mijn dochter heeft koorts en een stijve nek, is dat erg?"),
    ("en", "my son hit his head on the playground and now he keeps throwing up, is that normal?",
     "my toddler pulled the kettle, boiling water over his arm and chest",
     "baby has a fever and purple spots that dont fade, should I see a doctor?"),
    ("fr", "mon fils est tombé sur la tête et il a vomi deux fois, est-ce grave ?",
     "mon bébé s'est renversé de l'eau bouillante dessus, grosse brûlure sur le ventre",
     "ma fille a de la fièvre et la nuque raide, faut-il voir un médecin ?"),
    ("de", "mein Sohn ist auf den Kopf gefallen und erbricht jetzt, ist das schlimm?",
     "mein Kind hat kochendes Wasser über sich gekippt, große Verbrennung am Bauch",
     "meine Tochter hat Fieber und einen steifen Nacken, ist das normal?"),
    ("tr", "oğlum kafasını çarptı ve şimdi kusuyor, doktora gitmeli miyiz?",
     "çocuğun üstüne kaynar su döküldü, büyük yanık var",
     "kızımın ateşi var ve ense sertliği var, ciddi mi?"),
    ("ar", "ولدي طاح على راسو ودابا كيتقيا، واش نديه للطبيب؟",
     "بنتي تحرق بزاف بالما سخون طاح عليها",
     "ولدي عندو السخانة وتصلب الرقبة، واش خاصو طبيب؟"),
    ("ru", "сын ударился головой и теперь его рвет, нужен ли врач?",
     "ребенок опрокинул кипяток на себя, большой ожог на груди",
     "у дочки температура и фиолетовые пятна, которые не исчезают, нужен ли врач?"),
    ("pl", "syn uderzył się w głowę i teraz wymiotuje, czy trzeba do lekarza?",
     "dziecko wylało na siebie wrzątek, duże oparzenie na brzuchu",
     "córka ma gorączkę i sztywność karku, czy to poważne?"),
]


@pytest.mark.parametrize("lang, small, _", PAIRS, ids=[lang for lang, _, _ in PAIRS])
def test_a_cold_and_a_little_fever_er_or_wait_is_asked_not_alarmed(lang: str, small: str, _: str) -> None:
    parsed = parse(small, RANKED, language=lang, net=NET)
    assert level(parsed) == "unsure", parsed["safety"]


def test_the_tarifit_small_question_is_asked_not_alarmed() -> None:
    assert level(parse(SMALL_BER, RANKED, language="ber", net=NET)) == "unsure"


@pytest.mark.parametrize("lang, _, sting", PAIRS, ids=[lang for lang, _, _ in PAIRS])
def test_a_sting_with_a_swelling_throat_gets_112_even_as_a_question(lang: str, _: str, sting: str) -> None:
    parsed = parse(sting, SURE, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["safety"]["reason"] == "danger_words", parsed["safety"]


@pytest.mark.parametrize("lang, head, burn, neck", LOOKALIKES, ids=[lang for lang, *_ in LOOKALIKES])
def test_head_injury_with_vomiting_a_large_burn_and_a_stiff_neck_get_112(lang: str, head: str, burn: str,
                                                                         neck: str) -> None:
    for text in (head, burn, neck):
        parsed = parse(text, SURE, language=lang, net=NET)
        assert level(parsed) == "emergency", (text, parsed["safety"])


@pytest.mark.parametrize("text", [
    "how do I set up gas and electricity when I move into my new flat",
    "¿Cómo doy de alta el gas en mi piso nuevo?",
    "elektrik ve dogalgaz sozlesmesi nasil yapilir",
])
def test_connecting_gas_in_a_new_home_is_no_full_alarm(text: str) -> None:
    assert level(parse(text, [("utilities", 0.3)], fallback=True, net=NET)) != "emergency"


def test_smelling_gas_in_the_new_flat_still_gets_112() -> None:
    text = "we just moved into the new flat and set up the gas, now we smell gas everywhere"
    assert level(parse(text, [("utilities", 0.9)], net=NET)) == "emergency"
