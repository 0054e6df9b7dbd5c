"""Names of Taalbrug's languages as residents write them, in many languages.

"ik spreek Arabisch", "English please", "عربي", "Türkçe lütfen": each name maps
to a language code. Used to honour an explicit language choice.
"""

from __future__ import annotations

import re
from typing import Dict, Optional

from bot.language.text import clean

LANGUAGE_NAMES: Dict[str, str] = {}


def _add(code: str, names: str) -> None:
    for name in names.split("|"):
        LANGUAGE_NAMES[clean(name)] = code


_add("nl", "nederlands|dutch|néerlandais|neerlandais|niederländisch|holländisch|neerlandés|olandese|holandês|"
     "niderlandzki|holenderski|olandeză|нидерландски|нидерландский|голландский|нідерландська|felemenkçe|"
     "hollandaca|الهولندية|هولندي|هلندی|هالندي|vlaams|flemish|flamand")
_add("fr", "frans|french|français|francais|französisch|francés|francese|francês|francuski|franceză|"
     "френски|французский|французька|fransızca|الفرنسية|فرنسي|فرانسوی|فرانسوي|fransî|فەرەنسی|frëngjisht|faransiis|tafransist")
_add("en", "engels|english|anglais|englisch|inglés|ingles|inglese|inglês|angielski|engleză|английски|"
     "английский|англійська|ingilizce|الإنجليزية|الانجليزية|انجليزي|انگلیسی|انګلیسي|îngilîzî|ئینگلیزی|anglisht|ingiriis")
_add("de", "duits|german|allemand|deutsch|alemán|tedesco|alemão|niemiecki|germană|немски|немецкий|німецька|"
     "almanca|الألمانية|ألماني|آلمانی|الماني|almanî|ئەڵمانی|gjermanisht|jarmal")
_add("es", "spaans|spanish|espagnol|spanisch|español|espanol|spagnolo|espanhol|hiszpański|spaniolă|"
     "испански|испанский|іспанська|ispanyolca|الإسبانية|اسبانيولي|اسپانیایی|spanyolî|spanjisht")
_add("it", "italiaans|italian|italien|italienisch|italiano|włoski|italiană|италиански|итальянский|"
     "італійська|italyanca|الإيطالية|ایتالیایی|îtalî|italisht")
_add("pt", "portugees|portuguese|portugais|portugiesisch|portugués|portoghese|português|portugalski|"
     "portugheză|португалски|португальский|португальська|portekizce|البرتغالية|پرتغالی|portekîzî|portugalisht")
_add("pl", "pools|polish|polonais|polnisch|polaco|polacco|polonês|polski|polskі|poloneză|полски|польский|"
     "польська|lehçe|البولندية|لهستانی|polonî|polonisht")
_add("ro", "roemeens|romanian|roumain|rumänisch|rumano|rumeno|romeno|rumuński|română|romana|румънски|"
     "румынский|румунська|rumence|الرومانية|رومانیایی|romanî|rumanisht")
_add("bg", "bulgaars|bulgarian|bulgare|bulgarisch|búlgaro|bulgaro|bułgarski|bulgară|български|болгарский|"
     "болгарська|bulgarca|البلغارية|بلغاری|bullgarisht")
_add("ru", "russisch|russian|russe|ruso|russo|rosyjski|rusă|руски|русский|русском|по-русски|російська|"
     "rusça|الروسية|روسي|روسی|rûsî|ڕووسی|rusisht|ruushka")
_add("uk", "oekraïens|oekraiens|ukrainian|ukrainien|ukrainisch|ucraniano|ucraino|ukraiński|ucraineană|"
     "украински|украинский|українська|українською|ukraynaca|الأوكرانية|اوکراینی|ukraynî|ukrainisht")
_add("tr", "turks|turkish|turc|türkisch|turco|turecki|turcă|турски|турецкий|турецька|türkçe|turkce|"
     "التركية|تركي|ترکی|تورکی|tirkî|turqisht|turki")
_add("ar", "arabisch|arabic|arabe|arabisch|árabe|arabo|arabski|arabă|арабски|арабский|арабська|arapça|"
     "العربية|عربي|عربى|العربي|عربی|عەرەبی|erebî|arabisht|carabi|taɛrabt")
_add("fa", "perzisch|farsi|persian|persan|persisch|persa|persiano|perski|persană|персийски|персидский|"
     "перська|farsça|الفارسية|فارسي|فارسی|دری|dari|farisî|فارسی دری|persisht")
_add("ps", "pasjtoe|pashto|pachto|paschtu|pastún|pashtu|pasztuński|пушту|paştuca|البشتو|پشتو|پښتو|peştûyî")
_add("so", "somalisch|somali|somalien|somalí|somalijski|сомали|somalice|الصومالية|سومالی|soomaali|af soomaali|somalisht")
_add("ti", "tigrinya|tigrinia|tigrigna|tygrinia|тигринья|tigrinyaca|التغرينية|تیگرینیا|ትግርኛ|tigrinja")
_add("am", "amhaars|amharic|amharique|amharisch|amárico|amarico|amharski|амхарский|amharca|الأمهرية|"
     "امهری|አማርኛ|amharisht")
# "Kurdish" alone is taken as Kurmanji, the Kurdish most spoken in Flanders; a variant named
# next to it wins ("Koerdisch (Sorani)" is Sorani).
_GENERIC_KURDISH = "koerdisch|kurdish|kurde|kurdisch|kurdo|kurdyjski|курдский|kürtçe|kurdî|الكردية|kurdisht"
_add("kmr", _GENERIC_KURDISH + "|kurmanci|kurmancî|kurmanji|کوردی کرمانجی")
_add("ckb", "sorani|soranî|سۆرانی|کوردی سۆرانی|کوردی|کوردیی ناوەندی|كردي سوراني")
_add("sq", "albanees|albanian|albanais|albanisch|albanés|albanese|albanês|albański|albaneză|албански|"
     "албанский|arnavutça|الألبانية|آلبانیایی|shqip|shqipe|gjuha shqipe")
_add("ber", "berbers|tamazight|amazigh|berber|berbère|berbere|tamaziɣt|tamazigt|tarifit|tarifiyt|riffijns|"
     "riffiyt|riffian|rifia|rifeño|tmazight|thamazight|tmaziɣt|الريفية|ريفية|الريفي|ريفي|ⵜⴰⵔⵉⴼⵉⵜ|"
     "kabyle|taqbaylit|tacelḥit|chleuh|الأمازيغية|أمازيغي|امازيغي|ⵜⴰⵎⴰⵣⵉⵖⵜ|ⵜⵎⵣⵖⵜ")

_NAME_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(LANGUAGE_NAMES, key=len, reverse=True)) + r")(?!\w)"
)


_GENERIC = frozenset(clean(name) for name in _GENERIC_KURDISH.split("|"))


def find_language_name(text: str) -> Optional[str]:
    """The code of the first language named in `text`, or None; a generic name ("Kurdish") gives
    way to a variant named in the same text ("Koerdisch (Sorani)")."""
    names = [match.group(1) for match in _NAME_PATTERN.finditer(clean(text))]
    specific = [name for name in names if name not in _GENERIC]
    return LANGUAGE_NAMES[(specific or names)[0]] if names else None
