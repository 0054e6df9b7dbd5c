"""Answer files (answers/<topic>.yml): the plain Dutch answer of a topic, its buttons,
the named referral texts, its sub-answers, and their provenance.

A sub-answer (`subs.<name>`) answers one distinct question of the topic ("I
forgot my PIN" under id_card) with its own `nl`, optional `buttons` (else the
topic's) and its own `source` and `checked`. The topic's `nl` stays the
general answer, for a question that fits no sub-answer.

A rule that differs per municipality (dog tax, the resident parking card, the
nationality-fee surcharge) is written in `per_municipality.<rule>` as two texts:
`with` (uses the municipality's figure, `{local.<rule>}`, from profile.yml
`local_rules`) and `without` (sends the resident to the counter). The answer
places the one that fits as `{per_municipality.<rule>}`.

An answer that states a rule, deadline, price, phone number or procedure must
carry `source` (the public page(s) of the authority that owns it) and `checked`;
only the topics in `bot.vocabulary.NEEDS_NO_SOURCE` may go without.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Tuple

from bot.content.reader import ContentError, Provenance, buttons, provenance, read_mapping, where
from bot.directory.municipality import LOCAL_RULES
from bot.vocabulary import NEEDS_NO_SOURCE


@dataclass(frozen=True)
class SubAnswer:
    """One distinct question of a topic and its plain Dutch answer."""

    name: str
    nl: str
    buttons: Sequence[Mapping[str, str]] = ()
    provenance: Optional[Provenance] = None


@dataclass(frozen=True)
class LocalText:
    """The sentence(s) about one municipal rule: with the municipality's figure, or without it."""

    with_figure: str
    without: str


@dataclass(frozen=True)
class Answer:
    topic: str
    nl: str
    buttons: Sequence[Mapping[str, str]] = ()
    # Named Dutch texts sent after or instead of the answer ("summary", "steps",
    # "handover_waiting", ...), each a text or a list of texts.
    referral: Mapping[str, Any] = field(default_factory=dict)
    provenance: Optional[Provenance] = None
    subs: Mapping[str, SubAnswer] = field(default_factory=dict)
    per_municipality: Mapping[str, LocalText] = field(default_factory=dict)

    def versions(self, text: str) -> Tuple[str, str]:
        """`text` as a municipality with every local figure reads it, and as one without any."""
        with_all, without_all = text, text
        for rule, local in self.per_municipality.items():
            with_all = with_all.replace(f"{{per_municipality.{rule}}}", local.with_figure)
            without_all = without_all.replace(f"{{per_municipality.{rule}}}", local.without)
        return with_all, without_all


def _per_municipality(data: Mapping[str, Any], path: Path) -> Mapping[str, LocalText]:
    raw = data.get("per_municipality") or {}
    if not isinstance(raw, dict):
        raise ContentError(f"{where(path, 'per_municipality')}: must map rule names to {{with, without}}")
    texts = {}
    for rule, pair in raw.items():
        place = where(path, f"per_municipality.{rule}")
        if rule not in LOCAL_RULES:
            raise ContentError(f"{place}: unknown rule (known: {', '.join(LOCAL_RULES)})")
        if not isinstance(pair, dict) or not all(isinstance(pair.get(k), str) and pair[k].strip() for k in ("with", "without")):
            raise ContentError(f"{place}: needs the texts 'with' (the municipality's figure) and 'without'")
        if f"{{local.{rule}}}" not in pair["with"]:
            raise ContentError(f"{where(path, f'per_municipality.{rule}.with')}: must use the figure {{local.{rule}}}")
        texts[str(rule)] = LocalText(" ".join(pair["with"].split()), " ".join(pair["without"].split()))
    return texts


def _referral(data: Mapping[str, Any], path: Path) -> Mapping[str, Any]:
    referral = data.get("referral") or {}
    if not isinstance(referral, dict):
        raise ContentError(f"{where(path, 'referral')}: must map names to texts")
    for key, value in referral.items():
        texts = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            raise ContentError(f"{where(path, f'referral.{key}')}: must be a text or a list of texts")
    return referral


def _needs_source(topic: str, facts: Optional[Provenance], place: str) -> None:
    if facts is None and topic not in NEEDS_NO_SOURCE:
        raise ContentError(
            f"{place}: an answer that states rules needs 'source' and 'checked' "
            "(or list the topic in bot.vocabulary.NEEDS_NO_SOURCE if it states none)"
        )


def _subs(data: Mapping[str, Any], topic: str, path: Path) -> Mapping[str, SubAnswer]:
    raw = data.get("subs") or {}
    if not isinstance(raw, dict):
        raise ContentError(f"{where(path, 'subs')}: must map sub-answer names to answers")
    subs = {}
    for name, sub in raw.items():
        place = f"subs.{name}"
        if not isinstance(sub, dict) or not isinstance(sub.get("nl"), str) or not sub["nl"].strip():
            raise ContentError(f"{where(path, place + '.nl')}: must be a non-empty answer")
        facts = provenance(sub, where(path, place))
        _needs_source(topic, facts, where(path, place + ".source"))
        subs[str(name)] = SubAnswer(
            name=str(name),
            nl=" ".join(sub["nl"].split()),
            buttons=buttons(sub, where(path, place)) if "buttons" in sub else buttons(data, path),
            provenance=facts,
        )
    return subs


def load_answer(path: Path) -> Answer:
    data = read_mapping(path)
    if not data.get("nl"):
        raise ContentError(f"{where(path, 'nl')}: must be a non-empty answer")
    topic = data.get("topic", path.stem)
    if topic != path.stem:
        raise ContentError(f"{where(path, 'topic')}: '{topic}' must match the file name")
    facts = provenance(data, path)
    _needs_source(topic, facts, where(path, "source"))
    return Answer(
        topic=topic,
        nl=" ".join(str(data["nl"]).split()),
        buttons=buttons(data, path),
        referral=_referral(data, path),
        provenance=facts,
        subs=_subs(data, topic, path),
        per_municipality=_per_municipality(data, path),
    )
