"""The multilingual danger lexicon (locales/danger/<code>.yml) and the scan of one message.

A term is one or more words, matched after `normalise()`: a word of the
message matches a term word when it starts with it ("adem" in "ademt"; words
of one or two letters only as a whole word). A message word that matches no term word exactly (a word only of `asks_advice` terms does not count) may match one of TYPO_MIN
letters or more with one typo (a letter left out, added, changed, or two
swapped), when its first letter is right (the Hit says so: `typo`). All words of a term must
stand within WINDOW words of each other, in any order. Words that only look
dangerous ("brandweerattest", "brandstof") are listed under `except`: a
message word that starts with one matches only term words that start with it
too (so "brandweerattest" is no fire, but "zjarrfikes" is still the fire
brigade when "zjarrfik" is both an exception and a term).

Each term has a category (fire, not_breathing, violence, ...) and a tier:
- acute: on its own, this may be an emergency now;
- signal: a danger word that also occurs in ordinary questions; the topic
  classifier decides (bot.safety.safety_net);
- calm: no danger, but a sign that the message is about paperwork, money,
  a course, a device or the past ("attest", "verzekering", "vorige maand"),
  or that a danger word is a figure of speech ("dying of laughter", "this heat
  is killing me", "a broken heart"), that the message jokes ("haha", "mdr"),
  or that it asks how to care at home for something small ("zalf", "pomada"),
  that a landlord or a company does not answer ("vermieter antwortet nicht": the
  words are no unconscious person), that the resident says it is not urgent, or that the message is about an energy
  supplier or a gas and electricity contract ("change gas company", "set up gas and electricity"; safety13), or that the smoke is a neighbour's cigarette (`tobacco`), or a barbecue (`barbecue`: a fire that is meant; eleventh
  round), or that the resident asks whether care is needed or whether something is serious or normal (`asks_advice`:
  "moet ik naar de dokter", "is it serious"; twelfth round), or which pharmacy or doctor is on duty (`on_call`:
  "apotheek van wacht", "pharmacie de garde"; thirteenth round, safety14), or that the message reports a problem in a
  public place (`public_space`: a pothole, a fallen tree, a broken street light, dumped rubbish) or asks for a person,
  an interpreter or a call back (`asks_person`; safety18), or that it is about a fire or evacuation drill (`drill`,
  moved out of `learning` in safety19: a course may be where an emergency happens, a drill is what the message is
  about). The words of an `asks_advice` term (ORDERED_KINDS) must
  stand in the order written, the first and the last within WINDOW words: "is it serious" is a question, "it is
  serious" is not. The calm kind `now_turn` ("but now") is no calm: it marks where a question turns into something
  happening now (bot.safety.safety_net, _calm_before_turn).
  grouped by kind (CALM_GROUPS) instead of by danger category.
Every language's lexicon is read for every message: a resident may write a
word of another language, and the language of a short message is often unsure.

Situations (locales/danger/situations/<code>.yml, issue 12, ninth round) name
an emergency by parts that only together are one: a child (son, daughter, kid)
and being lost (lost, cannot find, gone, missing); a fall and no answer; a
goodbye and a phone switched off; a sting or an allergy and a swelling throat, a blow to the head and vomiting
(safety13: emergencies that look like small health questions). One word or phrase of each part makes an
acute term of the situation's category, within WINDOW words like any term
(every combination of the parts' lists), or within the situation's own `window`
(the parts of a situation often stand apart: "fell in the bathroom and does
not answer"); a message with one of the situation's `unless`
words or phrases (an identity card, keys, a cat, "missing school": all words of
the phrase anywhere in the message) is no such situation.
The same files may add plain acute terms (`acute:`), as in <code>.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Mapping, Sequence, Set, Tuple

from bot.content.reader import ContentError, read_mapping, where
from bot.language.languages import SUPPORTED
from bot.language.text import without_marks
from bot.vocabulary import HELPLINE_CATEGORIES

TIERS = ("acute", "signal", "calm")
CATEGORIES: FrozenSet[str] = frozenset(
    "fire smoke gas not_breathing choking unconscious seizure bleeding chest_pain stroke poisoning violence "
    "domestic_violence break_in accident suicide lost_child drowning help_now".split()
)
# Kinds of calm context: what a message about something other than a danger now is about.
CALM_GROUPS: FrozenSet[str] = frozenset(
    "paperwork insurance money learning devices scheduling past media_leisure lost_items routine_health figurative "
    "joking minor_care unanswered non_urgent supplier tobacco barbecue now_turn asks_advice on_call place_activity number_question "
    "kitchen_cut public_space asks_person drill service_question".split()
)
# Calm kinds whose words must stand in the order written, within WINDOW words: a question ("is it serious", "moet
# ik naar de dokter") and not the statement its words also make in another order ("it is serious", "ik moet naar de
# dokter"). Twelfth round (safety12). Fourteenth round (safety16): `non_urgent` ("not urgent", "не срочно"), which
# in the other order is an urgent message ("срочно муж упал и не дышит": urgent, ... not breathing).
# Fifteenth round (safety20): `service_question` ("which number", "speak english"), a question whose words, were they
# unordered, would also stop the one-typo match of a danger word they start ("does" of "does anyone speak" in
# "doesn't answer": the words of ordered kinds only never do).
ORDERED_KINDS: FrozenSet[str] = frozenset({"asks_advice", "non_urgent", "service_question"})
WINDOW = 4  # the words of one term stand at most this many words apart
TYPO_MIN = 6  # term words this long may match with one typo
MAX_CHARS = 2000  # a message is read up to here (the chat API's limit)
UNLESS_STEM = 5  # a situation's unless word this long matches the start of a word ("identiteitskaart")
SITUATIONS = "situations"  # the subfolder of situation files (two parts that together are an emergency)

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])['’ʼ](?=[\u0400-\u04ff])")
# Letters written differently for the same sound or by different keyboards.
_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "ħ": "h", "ɣ": "g", "ɛ": "e", "ǝ": "e", "ə": "e",
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه", "ـ": None,
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "’": " ", "'": " ", "ʼ": " ", "\u200c": "", "\u200d": "",
    # Sorani letters typed on an Arabic or Persian keyboard.
    "ە": "ه", "ێ": "ی", "ۆ": "و", "ڕ": "ر", "ڵ": "ل",
})


def normalise(text: str) -> List[str]:
    """The words of `text`: lower case, accents and vowel marks dropped, letter variants unified.

    An apostrophe separates words ("d'entrer", "can't"), except inside a Cyrillic word ("б'є").
    """
    text = _CYRILLIC_APOSTROPHE.sub("", text[:MAX_CHARS])
    bare = without_marks(text.lower()).translate(_FOLD)
    return _WORD.findall(bare)


@dataclass(frozen=True)
class Term:
    words: Tuple[str, ...]
    category: str
    tier: str
    language: str
    latin: bool = False  # a Cyrillic term spelled in Latin letters (`latin_skeleton`), read the same way
    unless: Tuple[Tuple[str, ...], ...] = ()  # a situation's words that rule it out ("card", "missing school")
    window: int = WINDOW  # its words stand at most this many words apart (a situation's may say more)
    ordered: bool = False  # its words must stand in the order written (a calm kind of ORDERED_KINDS)


# Cyrillic written in Latin letters ("pomogite", "pomo6t", "skoruju"): both sides are brought to one
# rough spelling (a skeleton) so that the usual ways of typing a letter meet. Used for Cyrillic terms
# and Latin message words only, never between two Latin languages.
_CYRILLIC_SKELETON = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ё": "e", "ж": "z",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s",
    "щ": "s", "ъ": "a", "ы": "i", "ь": "", "э": "e", "ю": "u", "я": "a",
})
_LATIN_SKELETON = (  # longest spellings first
    ("shch", "s"), ("sch", "s"), ("sht", "s"), ("6t", "s"), ("6", "s"), ("4", "c"), ("zh", "z"), ("kh", "h"),
    ("ch", "c"), ("sh", "s"), ("ts", "c"), ("tz", "c"), ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ya", "a"),
    ("ia", "a"), ("ja", "a"), ("yo", "e"), ("ye", "e"), ("y", "i"), ("j", "i"), ("x", "h"), ("w", "v"),
    ("q", "a"),
)
_LATIN_WORD = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")
_SKELETON_MIN = 3  # skeleton words shorter than this coincide with too many ordinary words


def latin_skeleton(word: str) -> str:
    """The rough Latin spelling of a Cyrillic word, or of a Latin word typed for one; "" otherwise."""
    if _LATIN_WORD.fullmatch(word):
        for spelling, skeleton in _LATIN_SKELETON:
            word = word.replace(spelling, skeleton)
        return word
    if all("\u0400" <= ch <= "\u04ff" for ch in word):
        # then the Latin spellings' reductions too: "тс" of "рухається" is typed "ts" ("rukhayetsya")
        return latin_skeleton(word.translate(_CYRILLIC_SKELETON))
    return ""


@dataclass(frozen=True)
class Hit:
    """A term found in a message."""

    category: str
    tier: str
    language: str
    term: str
    at: FrozenSet[int] = frozenset()  # the positions of the message words it matched
    typo: bool = False  # one of its words matched a message word only with a typo (fifteenth round, safety20)


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one letter left out, added, changed, or two swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
        return swapped or a[i + 1:] == b[i + 1:]
    return a[i + 1:] == b[i:] if la > lb else a[i:] == b[i + 1:]


def _deletion_keys(word: str) -> Set[str]:
    """The first four letters of `word`, and of `word` with one of its first five letters left out."""
    head = word[:5]
    return {head[:4], *((head[:i] + head[i + 1:])[:4] for i in range(len(head)))}


class DangerLexicon:
    """Every language's danger terms, indexed for a fast scan of one message."""

    def __init__(self, terms: Sequence[Term], exceptions: Iterable[str] = ()) -> None:
        self.terms = tuple(terms)
        self._exceptions: Dict[str, List[str]] = {}
        for word in sorted({e for e in exceptions if e}, key=len, reverse=True):
            self._exceptions.setdefault(word[:3], []).append(word)
        self._words = sorted({w for t in self.terms for w in t.words})
        self._by_head: Dict[str, List[str]] = {}
        self._typo_index: Dict[str, List[str]] = {}
        exact_only = {w for t in self.terms if t.tier == "calm" for w in t.words} - \
            {w for t in self.terms if t.tier != "calm" for w in t.words}
        # The words of ordered calm terms only ("does" of "does he need a doctor"): they never stop a typo match.
        self._question_only = frozenset(
            {w for t in self.terms if t.ordered for w in t.words} - {w for t in self.terms if not t.ordered for w in t.words})
        for word in self._words:
            self._by_head.setdefault(word[:3], []).append(word)
            if len(word) >= TYPO_MIN and word not in exact_only:  # a calm word must be typed right
                for key in _deletion_keys(word):
                    self._typo_index.setdefault(key, []).append(word)
        self._terms_of: Dict[str, List[Term]] = {}
        for term in self.terms:
            for word in set(term.words):
                self._terms_of.setdefault(word, []).append(term)
        self._latin_words = frozenset(w for t in self.terms if t.latin for w in t.words)

    @classmethod
    def load(cls, folder: Path) -> "DangerLexicon":
        """All locales/danger/<code>.yml files; errors name the file and the field."""
        terms: List[Term] = []
        exceptions: Set[str] = set()
        paths = sorted(Path(folder).glob("*.yml"))
        if not paths:
            raise ContentError(f"{folder}: no danger lexicon files (<code>.yml)")
        situation_terms: List[Term] = []
        for path in sorted((Path(folder) / SITUATIONS).glob("*.yml")):
            situation_terms.extend(_read_situations(path))
        for path in paths:
            file_terms, file_exceptions = _read(path)
            file_terms = _ruled_out_alike(file_terms, situation_terms)
            terms.extend(file_terms)
            terms.extend(_latin_spellings(file_terms))
            exceptions.update(file_exceptions)
        terms.extend(situation_terms)
        terms.extend(_latin_spellings(situation_terms))
        return cls(terms, exceptions)

    def _matched(self, token: str) -> Tuple[Set[str], Set[str]]:
        """The term words this message word starts with, and those it matches only with a typo.

        A word of 3+ letters matches the start of the message word, a shorter one the whole word.
        Term words of TYPO_MIN+ letters also match with one typo, when the first letter is right, unless the message
        word starts with another term word; a word of ordered calm terms only does not count for that ("does" of
        "does he need a doctor" in "doesn't answer").
        """
        found = {w for w in self._by_head.get(token[:3], ()) if token.startswith(w) and (len(w) >= 3 or w == token)}
        typos: Set[str] = set()
        if not found - self._question_only and len(token) >= TYPO_MIN - 1:
            for key in _deletion_keys(token):
                for word in self._typo_index.get(key, ()):
                    if word[0] == token[0] and word not in found and any(
                        _one_edit(word, token[:n]) for n in (len(word) - 1, len(word), len(word) + 1)
                    ):
                        typos.add(word)
        return found, typos

    def _exception(self, token: str) -> str:
        """The longest exception this message word starts with, or ""."""
        return next((e for e in self._exceptions.get(token[:3], ()) if token.startswith(e)), "")

    def scan(self, text: str) -> List[Hit]:
        """Every term found in `text`, once per term."""
        positions: Dict[str, List[int]] = {}
        exact: Set[Tuple[str, int]] = set()  # (term word, position) matched without a typo
        tokens = normalise(text)
        for index, token in enumerate(tokens):
            exception = self._exception(token)
            starts, typos = self._matched(token)
            if self._latin_words and _LATIN_WORD.fullmatch(token):
                latin_starts, latin_typos = self._matched(latin_skeleton(token))
                starts |= latin_starts & self._latin_words
                typos |= latin_typos & self._latin_words
            words, typos = starts | typos, typos - starts
            for word in words:
                if word.startswith(exception):  # "brandweerattest" is no fire, "zjarrfikes" still fire brigade
                    positions.setdefault(word, []).append(index)
                    if word not in typos:
                        exact.add((word, index))
        hits: Dict[Tuple[str, ...], Hit] = {}
        for word in positions:
            for term in self._terms_of.get(word, ()):
                key = (term.language, term.tier, term.category, *term.words)
                together = _in_order if term.ordered else _together
                if key not in hits and together(term.words, positions, term.window) \
                        and not _ruled_out(term, tokens):
                    at = frozenset(p for w in term.words for p in positions[w])
                    typo = not all(any((w, p) in exact for p in positions[w]) for w in term.words)
                    hits[key] = Hit(term.category, term.tier, term.language, " ".join(term.words), at, typo)
        return list(hits.values())


def _latin_spellings(terms: Iterable[Term]) -> List[Term]:
    """Each Cyrillic term once more in its Latin skeleton, when every word keeps _SKELETON_MIN letters,
    or, in a term of several words ("не рухається": "ne ruhaeca"), when one of them keeps five."""
    spelled = []
    for term in terms:
        if term.tier == "calm" or not all(word[0] >= "\u0400" for word in term.words):
            continue
        skeleton = tuple(latin_skeleton(word) for word in term.words)
        if all(skeleton) and (all(len(word) >= _SKELETON_MIN for word in skeleton)
                              or (len(skeleton) > 1 and max(len(word) for word in skeleton) >= 5)):
            spelled.append(Term(skeleton, term.category, term.tier, term.language, latin=True, unless=term.unless,
                                window=term.window))
    return spelled


def _ruled_out(term: Term, tokens: Sequence[str]) -> bool:
    """True when the message has all words of one of the term's `unless` entries, anywhere (a situation's: "card"
    in "my son lost his ID card", "missing school"). An unless word of UNLESS_STEM letters or more matches the start
    of a message word; a shorter one the whole word or it with up to two letters more ("cats", not "cathedral")."""
    return any(all(any(token.startswith(word) and (len(word) >= UNLESS_STEM or len(token) <= len(word) + 2)
                       for token in tokens) for word in entry) for entry in term.unless)


def _ruled_out_alike(terms: Sequence[Term], situation_terms: Sequence[Term]) -> List[Term]:
    """The plain acute terms of a situation's category and language take its `unless` words too: "lost my son"
    of en.yml is no lost child in "my son lost his ID card", as the situation's own terms are not."""
    unless = {(t.language, t.category): t.unless for t in situation_terms if t.unless}
    return [replace(t, unless=unless[(t.language, t.category)]) if t.tier == "acute" and
            (t.language, t.category) in unless else t for t in terms]


def _read_situations(path: Path) -> List[Term]:
    """The acute terms of one situations file: every combination of one term of each of a situation's `parts` (with
    its `unless` words), and the file's plain `acute:` terms. Errors name the file and the field."""
    data = read_mapping(path)
    language = data.get("language")
    if language != path.stem or language not in SUPPORTED:
        raise ContentError(f"{where(path, 'language')}: must be the file's supported language code")
    terms: List[Term] = []
    for category, parts in (data.get("situations") or {}).items():
        place = where(path, f"situations.{category}")
        lists = parts.get("parts") if isinstance(parts, dict) else None
        if not isinstance(lists, dict) or len(lists) < 2 or not all(isinstance(v, list) for v in lists.values()):
            raise ContentError(f"{place}: must have `parts`, two or more named lists of terms")
        unless = tuple(tuple(normalise(str(item))) for item in parts.get("unless") or [] if normalise(str(item)))
        combined: List[Tuple[str, ...]] = [()]
        for name, items in lists.items():
            words = [t.words for t in _terms(items, str(category), "acute", language, f"{place}.parts.{name}")]
            combined = [done + more for done in combined for more in words]
        window = parts.get("window", WINDOW)
        if not isinstance(window, int) or window < 1:
            raise ContentError(f"{place}.window: must be a whole number of words (1 or more)")
        terms.extend(Term(words, str(category), "acute", language, unless=unless, window=window) for words in combined)
    for category, items in (data.get("acute") or {}).items():
        terms.extend(_terms(items, str(category), "acute", language, where(path, f"acute.{category}")))
    return terms


def _together(words: Sequence[str], positions: Mapping[str, List[int]], window: int = WINDOW) -> bool:
    """True when every word occurs, all within `window` words of one another."""
    if any(w not in positions for w in words):
        return False
    if len(words) == 1:
        return True
    first, rest = words[0], words[1:]
    return any(
        all(any(abs(p - start) <= window for p in positions[w]) for w in rest) for start in positions[first]
    )


def _in_order(words: Sequence[str], positions: Mapping[str, List[int]], window: int = WINDOW) -> bool:
    """True when the words occur in this order ("is it serious", not "it is serious"), the first and the last at
    most `window` words apart."""
    if any(w not in positions for w in words):
        return False
    for start in positions[words[0]]:
        at = start
        for word in words[1:]:
            at = min((p for p in positions[word] if p > at), default=-1)
            if at < 0 or at - start > window:
                break
        else:
            return True
    return False


def _read(path: Path) -> Tuple[List[Term], Set[str]]:
    data = read_mapping(path)
    language = data.get("language")
    if language != path.stem or language not in SUPPORTED:
        raise ContentError(f"{where(path, 'language')}: must be the file's supported language code")
    terms: List[Term] = []
    for tier in TIERS:
        groups = data.get(tier) or {}
        if not isinstance(groups, dict):
            raise ContentError(f"{where(path, tier)}: must map categories to lists of terms")
        for category, items in groups.items():
            terms.extend(_terms(items, str(category), tier, language, where(path, f"{tier}.{category}")))
    # The suicide and domestic-violence lists are acute terms of those categories.
    for category in HELPLINE_CATEGORIES:
        terms.extend(_terms(data.get(category) or [], category, "acute", language, where(path, category)))
    exceptions = data.get("except") or []
    if not isinstance(exceptions, list):
        raise ContentError(f"{where(path, 'except')}: must be a list of words")
    words = [normalise(str(e)) for e in exceptions]
    if any(len(w) != 1 for w in words):
        raise ContentError(f"{where(path, 'except')}: each exception must be one word")
    return terms, {w[0] for w in words}


def _terms(items: object, category: str, tier: str, language: str, place: str) -> List[Term]:
    known = CALM_GROUPS if tier == "calm" else CATEGORIES
    if category not in known:
        raise ContentError(f"{place}: unknown category (one of {', '.join(sorted(known))})")
    if not isinstance(items, list):
        raise ContentError(f"{place}: must be a list of terms")
    terms = []
    for item in items:
        words = tuple(normalise(str(item)))
        if not words:
            raise ContentError(f"{place}: the term {item!r} has no letters")
        terms.append(Term(words, category, tier, language, ordered=tier == "calm" and category in ORDERED_KINDS))
    return terms
