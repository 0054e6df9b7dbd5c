"""Topic cues (locales/topics/<topic>.yml): the bridge from a Dutch answer to the resident's language.

For every answer of a topic (`answer`, the topic's general answer, and each
sub-answer by its name) and every language, one or two sentences that give the
gist and the next step in that language, and 3 to 5 key Dutch words of the
answer with their translation, so that a resident who reads no Dutch can find
them in the Dutch text and show them at the counter:

    topic: id_card
    reviewed: false          # drafts until a translator signs them off
    answers:
      answer:
        ar:
          text: "..."
          words:
            identiteitskaart: "بطاقة الهوية"
            afspraak: "موعد"
            PIN-code: "الرقم السري"

Every key word must occur in the Dutch text of that answer (checked by
`Content`, which has both). A cue keeps the `{placeholders}` rules of every
other text: they are filled from the municipality's facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping, Tuple

from bot.content.reader import ContentError, read_mapping, where

# The topic's general answer; a sub-answer's cues are keyed by the sub-answer's name.
GENERAL = "answer"
# How many key Dutch words each cue carries.
MIN_WORDS, MAX_WORDS = 3, 5
# Between a key Dutch word and its translation, on its own line under the cue.
WORD_SEPARATOR = " — "


@dataclass(frozen=True)
class TopicCue:
    """One answer's cue in one language."""

    text: str
    # (Dutch key word, its translation), in the file's order.
    words: Tuple[Tuple[str, str], ...]
    reviewed: bool

    def render(self) -> str:
        """The cue as the resident reads it: the sentences, then one line per key word, Dutch first."""
        return "\n".join([self.text, *(f"{dutch}{WORD_SEPARATOR}{own}" for dutch, own in self.words)])


@dataclass(frozen=True)
class TopicCues:
    """All cues of one topic: answer name -> language code -> cue."""

    topic: str
    answers: Mapping[str, Mapping[str, TopicCue]]

    def get(self, answer: str, language: str) -> "TopicCue | None":
        return self.answers.get(answer, {}).get(language)


def _words(raw: Any, place: str) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{place}: must map {MIN_WORDS} to {MAX_WORDS} Dutch key words to their translation")
    words = tuple((str(k).strip(), str(v or "").strip()) for k, v in raw.items())
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        raise ContentError(f"{place}: needs {MIN_WORDS} to {MAX_WORDS} key words, has {len(words)}")
    for dutch, own in words:
        if not dutch or not own:
            raise ContentError(f"{place}: the key word '{dutch}' needs a Dutch word and a translation")
    return words


def _cue(raw: Any, reviewed: bool, place: str) -> TopicCue:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{place}: must have 'text' and 'words'")
    text = str(raw.get("text") or "").strip()
    if not text:
        raise ContentError(f"{place}, field 'text': must be one or two sentences")
    state = raw.get("reviewed", reviewed)
    if not isinstance(state, bool):
        raise ContentError(f"{place}, field 'reviewed': must be true or false")
    return TopicCue(text=" ".join(text.split()), words=_words(raw.get("words"), f"{place}, field 'words'"),
                    reviewed=state)


def load_topic_cues(path: Path) -> TopicCues:
    """One topic's cue file; a malformed one is a `ContentError` naming the file and the field."""
    data = read_mapping(path)
    topic = data.get("topic", path.stem)
    if topic != path.stem:
        raise ContentError(f"{where(path, 'topic')}: '{topic}' must match the file name")
    reviewed = data.get("reviewed", False)
    if not isinstance(reviewed, bool):
        raise ContentError(f"{where(path, 'reviewed')}: must be true or false")
    raw = data.get("answers")
    if not isinstance(raw, Mapping) or not raw:
        raise ContentError(f"{where(path, 'answers')}: must map answer names ('{GENERAL}' or a sub-answer) to cues")
    answers: Dict[str, Dict[str, TopicCue]] = {}
    for name, languages in raw.items():
        if not isinstance(languages, Mapping) or not languages:
            raise ContentError(f"{where(path, f'answers.{name}')}: must map language codes to cues")
        answers[str(name)] = {
            str(code): _cue(cue, reviewed, where(path, f"answers.{name}.{code}")) for code, cue in languages.items()
        }
    return TopicCues(topic=str(topic), answers=answers)
