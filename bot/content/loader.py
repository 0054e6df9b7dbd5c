"""`Content`: everything one Taalbrug installation says, loaded once through the reader.

Answers (answers/<topic>.yml), locales (locales/<code>.yml), the topic cues
(locales/topics/<topic>.yml), the referral
forms' questions (answers/forms/), the cards' wording (answers/cards.yml), the municipalities with their directories
(municipalities/<slug>/) and the national numbers (municipalities/national.yml).
`Content.answer()` turns a topic (and a sub-answer) into the messages the
resident sees: the plain Dutch answer filled with the municipality's facts,
then the cue in the resident's language (`bot.messages.bilingual`): that
answer's own topic cue with its key Dutch words when there is one, else the
locale's general line.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from bot import PROJECT_ROOT
from bot.content.locales import Locale, load_locale
from bot.content.questions import FormQuestions
from bot.content.reader import ContentError, Fact, fact, read_mapping
from bot.content.topic_answers import Answer, load_answer
from bot.content.topic_cues import GENERAL, TopicCues, load_topic_cues
from bot.directory.municipality import Municipality, load_municipalities
from bot.directory.wording import Wording, load_wording, wording
from bot.language.languages import DEFAULT
from bot.messages import Message, bilingual
from bot.vocabulary import EMERGENCY, FALLBACK, HELPLINE_CATEGORIES

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")
# answers/ files that are no topic's answer: the jargon list and the cards' wording.
_NOT_ANSWERS = frozenset({"jargon", "cards"})


def fill(template: str, facts: Mapping[str, Any], place: str = "answer") -> str:
    """Replace {dotted.names} with municipality facts; a missing fact is an error."""

    def lookup(match: "re.Match[str]") -> str:
        value: Any = facts
        for part in match.group(1).split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise ContentError(f"{place}: no municipality fact '{match.group(1)}'")
            value = value[part]
        return str(value)

    return _PLACEHOLDER.sub(lookup, template)


def _national(path: Path) -> Dict[str, Fact]:
    if not path.exists():
        return {}
    raw = read_mapping(path).get("national") or {}
    if not isinstance(raw, dict):
        raise ContentError(f"{path}, field 'national': must map names to numbers")
    return {key: fact(value, f"{path}, field 'national.{key}'") for key, value in raw.items()}


class Content:
    """All answers, locales, form questions and municipalities of one Taalbrug installation."""

    def __init__(
        self,
        answers: Mapping[str, Answer],
        locales: Mapping[str, Locale],
        municipalities: Mapping[str, Municipality],
        national: Optional[Mapping[str, Any]] = None,
        forms: Optional[FormQuestions] = None,
        words: Optional[Wording] = None,
        topic_cues: Optional[Mapping[str, TopicCues]] = None,
    ) -> None:
        self.national = dict(national or {})
        self.answers = dict(answers)
        self.locales = dict(locales)
        self.municipalities = dict(municipalities)
        self.forms = forms
        self.wording = words or wording()
        if DEFAULT not in self.locales:
            raise ContentError(f"locales: the default language '{DEFAULT}' is missing")
        if FALLBACK not in self.answers:
            raise ContentError(f"answers: '{FALLBACK}' is missing")
        self.topic_cues = dict(topic_cues or {})
        for cues in self.topic_cues.values():
            self._check_topic_cues(cues)

    def _check_topic_cues(self, cues: TopicCues) -> None:
        """A topic cue belongs to an answer that exists, in a language that exists, and its key words are in the Dutch."""
        place = f"locales/topics/{cues.topic}.yml"
        answer = self.answers.get(cues.topic)
        if answer is None:
            raise ContentError(f"{place}: there is no answers/{cues.topic}.yml")
        for name, languages in cues.answers.items():
            dutch = answer.nl if name == GENERAL else answer.subs[name].nl if name in answer.subs else None
            if dutch is None:
                raise ContentError(f"{place}, field 'answers.{name}': answers/{cues.topic}.yml has no sub-answer '{name}'")
            versions = [version.casefold() for version in answer.versions(dutch)]
            for code, cue in languages.items():
                if code not in self.locales or code == DEFAULT:
                    raise ContentError(f"{place}, field 'answers.{name}.{code}': not a resident's language")
                for word, _ in cue.words:
                    if not all(word.casefold() in version for version in versions):
                        raise ContentError(
                            f"{place}, field 'answers.{name}.{code}.words': '{word}' is not in the Dutch answer"
                        )

    @classmethod
    def load(cls, root: Path = PROJECT_ROOT) -> "Content":
        answers = {
            p.stem: load_answer(p) for p in sorted((root / "answers").glob("*.yml")) if p.stem not in _NOT_ANSWERS
        }
        locales = {p.stem: load_locale(p) for p in sorted((root / "locales").glob("*.yml"))}
        topic_cues = {p.stem: load_topic_cues(p) for p in sorted((root / "locales" / "topics").glob("*.yml"))}
        return cls(
            answers,
            locales,
            load_municipalities(root / "municipalities"),
            _national(root / "municipalities" / "national.yml"),
            FormQuestions.load(root),
            load_wording(root / "answers" / "cards.yml"),
            topic_cues,
        )

    def facts(self, municipality: Municipality) -> Dict[str, Any]:
        """Everything an answer may use: the municipality's facts and national numbers."""
        return {**municipality.facts(self.wording), "national": self.national}

    def answer_facts(self, answer: Answer, municipality: Municipality) -> Dict[str, Any]:
        """The facts of `municipality`, plus the answer's text for each rule that differs per municipality:
        with the municipality's figure when its profile has one, else the line that sends the resident to the counter."""
        facts = self.facts(municipality)
        local = facts["local"]
        facts["per_municipality"] = {
            rule: fill(
                text.with_figure if rule in local else text.without,
                facts,
                f"answers/{answer.topic}.yml, field 'per_municipality.{rule}'",
            )
            for rule, text in answer.per_municipality.items()
        }
        return facts

    def locale(self, code: Optional[str]) -> Locale:
        return self.locales.get(code or DEFAULT) or self.locales[DEFAULT]

    def municipality(self, slug: Optional[str], default: str) -> Municipality:
        if slug and slug in self.municipalities:
            return self.municipalities[slug]
        if default in self.municipalities:
            return self.municipalities[default]
        return next(iter(self.municipalities.values()))

    def say(
        self,
        dutch: str,
        cue: Optional[str],
        language: Optional[str],
        municipality: Municipality,
        kind: str = "answer",
        buttons: Sequence[Mapping[str, str]] = (),
        topic_cue: bool = False,
    ) -> List[Message]:
        """Finished Dutch text, then the locale's cue `cue` (a topic's cue when `topic_cue`) filled with facts."""
        locale = self.locale(language)
        cue_text = locale.cue(cue) if topic_cue and cue else locale.cues.get(cue or "", "")
        if cue_text:
            cue_text = fill(cue_text, self.facts(municipality), f"locales/{locale.code}.yml")
        return bilingual(dutch, cue_text or None, locale.code, locale.dir, kind=kind, buttons=buttons)

    def answer(
        self, topic: Optional[str], language: Optional[str], municipality: Municipality, sub: Optional[str] = None
    ) -> List[Message]:
        """The Dutch answer for `topic` (its sub-answer `sub` if it has one) filled with facts, then its cue in `language`.

        The cue is that answer's own topic cue (gist, next step, key Dutch words) when it has one in
        `language`; else the locale's line for the topic. An unknown topic gets the fallback.
        """
        answer = self.answers.get(topic or "") or self.answers[FALLBACK]
        chosen = answer.subs.get(sub or "")
        place = f"answers/{answer.topic}.yml" + (f", field 'subs.{sub}'" if chosen else "")
        facts = self.answer_facts(answer, municipality)
        dutch = fill(chosen.nl if chosen else answer.nl, facts, place)
        buttons = chosen.buttons if chosen else answer.buttons
        locale = self.locale(language)
        cues = self.topic_cues.get(answer.topic)
        own = cues.get(chosen.name if chosen else GENERAL, locale.code) if cues else None
        if own is None:
            return self.say(dutch, answer.topic, language, municipality, buttons=buttons, topic_cue=True)
        cue_text = fill(own.render(), facts, f"locales/topics/{answer.topic}.yml")
        return bilingual(dutch, cue_text, locale.code, locale.dir, buttons=buttons)

    def emergency(
        self, language: Optional[str], municipality: Municipality, categories: Sequence[str] = ()
    ) -> List[Message]:
        """The emergency answer (112 and 101), then the helpline of each danger category that has one."""
        messages = self.answer(EMERGENCY, language, municipality)
        for category in HELPLINE_CATEGORIES:
            if category in categories:
                dutch = " ".join(self.texts(EMERGENCY, category, municipality))
                messages += self.say(dutch, f"emergency_{category}", language, municipality)
        return messages

    def unsure(self, language: Optional[str], municipality: Municipality) -> List[Message]:
        """The one line after a normal answer when a message might be an emergency: "Is het een noodgeval?"."""
        dutch = " ".join(self.texts(EMERGENCY, "unsure", municipality))
        return self.say(dutch, "emergency_unsure", language, municipality)

    def texts(self, topic: str, key: str, municipality: Municipality, **form: str) -> List[str]:
        """The named referral text(s) `key` of a topic's answer file, filled with facts and form values."""
        value = self.answers[topic].referral.get(key, [])
        facts = {**self.facts(municipality), "form": form}
        place = f"answers/{topic}.yml, field 'referral.{key}'"
        return [fill(t, facts, place) for t in (value if isinstance(value, list) else [value])]


@functools.lru_cache(maxsize=2)
def load_content(root: Path = PROJECT_ROOT) -> Content:
    """The installation's content, loaded once per process."""
    return Content.load(root)
