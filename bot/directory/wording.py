"""The Dutch wording of cards and opening hours (answers/cards.yml), loaded through the content reader.

`Wording.line()` fills one card line; `hours()` writes weekly opening hours as
short sentences ("Maandag: 9.00 tot 12.00 uur."), `moment()` a date and time
("maandag 30 november om 9.00 uur"), `time()` a clock time ("12.00").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any, Dict, Mapping, Sequence

from bot import PROJECT_ROOT
from bot.content.reader import ContentError, read_mapping, where
from bot.directory.hours import WEEKDAYS, OpeningHours

_SECTIONS = ("referral", "status", "visit", "hours")


@dataclass(frozen=True)
class Wording:
    texts: Mapping[str, Mapping[str, str]]  # section -> key -> template
    weekdays: Mapping[str, str]  # mon..sun -> Dutch name
    months: Sequence[str]  # januari..december

    def line(self, section: str, key: str, **values: Any) -> str:
        """One template with `values` filled in; a missing value is a ContentError."""
        try:
            return self.texts[section][key].format_map(values)
        except KeyError as exc:
            raise ContentError(f"answers/cards.yml, field '{section}.{key}': no value {exc}") from None

    @staticmethod
    def time(moment: time) -> str:
        return "24.00" if moment == time.max else f"{moment.hour}.{moment.minute:02d}"

    def moment(self, moment: datetime) -> str:
        return self.line("hours", "moment", weekday=self.weekdays[WEEKDAYS[moment.weekday()]], day=moment.day,
                         month=self.months[moment.month - 1], time=self.time(moment.time()))

    def hours(self, hours: OpeningHours) -> str:
        """Weekly hours as short Dutch sentences: "Maandag: 9.00 tot 12.00 uur. ..."."""
        joiner = self.texts["hours"]["joiner"]
        parts = []
        for day in WEEKDAYS:
            spans = hours.weekly.get(day)
            if spans:
                text = joiner.join(self.line("hours", "span", start=self.time(s), end=self.time(e)) for s, e in spans)
                parts.append(self.line("hours", "day", day=self.weekdays[day].capitalize(), spans=text))
        only = self.line("hours", "appointment_only")
        if not parts:
            return only
        text = " ".join(parts)
        return f"{text} {only}" if hours.appointment_only else text


def load_wording(path: Path) -> Wording:
    data = read_mapping(path)
    texts: Dict[str, Dict[str, str]] = {}
    for section in _SECTIONS:
        raw = data.get(section)
        if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
            raise ContentError(f"{where(path, section)}: must map names to texts")
        texts[section] = dict(raw)
    weekdays = data.get("weekdays")
    if not isinstance(weekdays, dict) or set(weekdays) != set(WEEKDAYS):
        raise ContentError(f"{where(path, 'weekdays')}: must name every weekday (mon..sun)")
    months = data.get("months")
    if not isinstance(months, list) or len(months) != 12:
        raise ContentError(f"{where(path, 'months')}: must list the twelve months")
    return Wording(texts, {k: str(v) for k, v in weekdays.items()}, [str(m) for m in months])


@functools.lru_cache(maxsize=4)
def wording(root: Path = PROJECT_ROOT) -> Wording:
    """The installation's card wording, loaded once per process."""
    return load_wording(root / "answers" / "cards.yml")
