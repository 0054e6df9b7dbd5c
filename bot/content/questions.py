"""The referral forms' questions and typed-answer words (answers/forms/), as checked data.

`FormQuestions.load()` reads answers/forms/<form>.yml (the Dutch question, its cue,
buttons and labels per slot) and answers/forms/words.yml (what residents type,
per slot value and language). `FormQuestions.match()` finds the value a typed answer
means; `FormQuestions.language()` finds an interpreter language in a typed answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.content.reader import ContentError, buttons, read_mapping
from bot.content.reader import text as _text
from bot.language.names import find_language_name
from bot.language.text import without_marks

FORMS = ("interpreter_form", "learn_dutch_form")
_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, accents and vowel marks dropped, punctuation as spaces: " s avonds "."""
    bare = without_marks(str(text).lower())
    return " " + " ".join(_NOT_WORD.sub(" ", bare).split()) + " "


@dataclass(frozen=True)
class Question:
    """One slot's question: Dutch text, the cue key, buttons and Dutch labels of its values."""

    form: str
    slot: str
    ask: str
    cue: str
    again: str
    buttons: Tuple[Mapping[str, str], ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)


class FormQuestions:
    """All form questions and the words residents use to answer them."""

    def __init__(
        self,
        questions: Mapping[str, Question],
        words: Mapping[str, Mapping[str, Mapping[str, Sequence[str]]]],
        other_languages: Mapping[str, str],
    ) -> None:
        self.questions = dict(questions)
        # slot -> value -> language -> folded phrases
        self._words = {
            slot: {
                value: {lang: [fold(p) for p in phrases] for lang, phrases in langs.items()}
                for value, langs in values.items()
            }
            for slot, values in words.items()
        }
        self._other_languages = {fold(name): label for name, label in other_languages.items()}

    @classmethod
    def load(cls, root: Path) -> "FormQuestions":
        folder = root / "answers" / "forms"
        questions: Dict[str, Question] = {}
        other_languages: Dict[str, str] = {}
        for form in FORMS:
            questions.update(_form(folder / f"{form}.yml", form, other_languages))
        words = read_mapping(folder / "words.yml")
        words.pop("reviewed", None)
        for slot, values in words.items():
            if slot not in questions or not isinstance(values, dict):
                raise ContentError(f"{folder / 'words.yml'}: '{slot}' is not a form slot")
            unknown = set(values) - set(questions[slot].labels)
            if questions[slot].labels and unknown:
                raise ContentError(f"{folder / 'words.yml'}: {slot} has unknown values {sorted(unknown)}")
        return cls(questions, words, other_languages)

    def match(self, slot: str, text: str, language: Optional[str]) -> Optional[str]:
        """The value a typed answer means, or None.

        Words of the resident's language count first, then Dutch and English,
        then longer words (4+ letters) of every language: a short word like
        "да" means "yes" in Russian but "to" in Bulgarian. Within one round the
        first value in words.yml wins, so "niet goed" is a beginner before it
        is "some" Dutch.
        """
        values = self._words.get(slot) or {}
        folded = fold(text)
        rounds: List[Optional[Sequence[str]]] = [[language] if language else [], ["nl", "en"], None]
        for langs in rounds:
            for value, by_language in values.items():
                for lang, phrases in by_language.items():
                    if langs is not None and lang not in langs:
                        continue
                    if any(_found(phrase, folded, langs is None) for phrase in phrases):
                        return value
        return None

    def language(self, text: str) -> Optional[str]:
        """A language named in `text`: a Taalbrug code ("ti") or another language's Dutch name."""
        folded = fold(text)
        for name, label in self._other_languages.items():  # "Dari" before Persian
            if name.strip() and name in folded:
                return label
        return find_language_name(text)


def _form(path: Path, form: str, other_languages: Dict[str, str]) -> Dict[str, Question]:
    """The questions of one form file; its other interpreter languages are added to `other_languages`."""
    data = read_mapping(path)
    if data.get("form") != form:
        raise ContentError(f"{path}: field 'form' must be '{form}'")
    again = _text(data, "again", path)
    slots = data.get("slots")
    if not isinstance(slots, dict) or not slots:
        raise ContentError(f"{path}: field 'slots' must map slot names to questions")
    questions = {}
    for slot, spec in slots.items():
        where = f"{path}: slot '{slot}'"
        if not isinstance(spec, dict):
            raise ContentError(f"{where}: must be a mapping")
        extra = {k: v for k, v in spec.items() if k not in ("ask", "cue", "buttons", "labels")}
        for names, label in (extra.pop("other_languages", None) or {}).items():
            for name in str(names).split("|"):
                other_languages[name] = str(label)
        questions[slot] = Question(
            form=form, slot=slot, ask=_text(spec, "ask", where), cue=_text(spec, "cue", where),
            again=again, buttons=buttons(spec, where), labels=dict(spec.get("labels") or {}), extra=extra,
        )
    return questions


def _found(phrase: str, folded: str, any_language: bool) -> bool:
    """Whole words; a word of 5+ letters also as the start of a longer one ("лікар" in
    "лікаря"). Across all languages only words of 4+ letters count."""
    word = phrase.strip()
    if not word or (any_language and len(word) < 4):
        return False
    if len(word) >= 5:
        return f" {word}" in folded
    return phrase in folded
