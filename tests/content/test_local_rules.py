"""A rule that differs per municipality (dog tax, resident parking card, nationality-fee surcharge)
is told with the municipality's own figure when its profile has one, else the resident asks the counter."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from bot.content.loader import Content
from bot.content.reader import ContentError, Fact, Provenance
from bot.content.topic_answers import load_answer
from bot.directory.municipality import LOCAL_RULES

_CHECKED = Provenance(sources=("https://www.gemeente.example/regel",), checked=date(2026, 12, 7))

FIGURES = {
    "dog_tax": ("dog_tax", "40 euro per hond per jaar"),
    "resident_parking_card": ("parking_card", "25 euro per jaar"),
    "nationality_fee_surcharge": ("nationality", "75 euro"),
}
COUNTER_LINES = {
    "dog_tax": "Moet u belasting betalen voor uw hond? Dat hangt af van de gemeente. Vraag het aan",
    "resident_parking_card": "of u er een kunt krijgen en wat die kost.",
    "nationality_fee_surcharge": "Sommige gemeenten vragen nog een bedrag extra.",
}


def test_every_rule_that_differs_per_municipality_has_an_answer_that_uses_it(content: Content) -> None:
    assert set(FIGURES) == set(LOCAL_RULES)
    for rule, (topic, _) in FIGURES.items():
        assert rule in content.answers[topic].per_municipality


@pytest.mark.parametrize("rule", sorted(FIGURES))
def test_a_municipality_with_its_figure_gives_it_in_the_answer(content: Content, rule: str) -> None:
    topic, figure = FIGURES[rule]
    town = next(iter(content.municipalities.values()))
    with_rule = dataclasses.replace(town, local_rules={rule: Fact(figure, _CHECKED)})
    text = content.answer(topic, "nl", with_rule)[0].text
    assert figure in text and town.name in text
    assert COUNTER_LINES[rule] not in text


@pytest.mark.parametrize("rule", sorted(FIGURES))
def test_a_municipality_without_it_keeps_the_counter_line(content: Content, rule: str) -> None:
    topic, figure = FIGURES[rule]
    town = dataclasses.replace(next(iter(content.municipalities.values())), local_rules={})
    text = content.answer(topic, "nl", town)[0].text
    assert COUNTER_LINES[rule] in text and figure not in text
    assert "{" not in text


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "dog_tax.yml"
    path.write_text("nl: Tekst. {per_municipality.dog_tax}\nsource: https://dogid.be/a\nchecked: 2026-12-06\n" + body,
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, message",
    [
        ("per_municipality:\n  cat_tax: {with: 'x {local.cat_tax}', without: 'y'}\n", "unknown rule"),
        ("per_municipality:\n  dog_tax: {with: 'In de gemeente kost het geld.', without: 'Vraag het.'}\n",
         r"per_municipality.dog_tax.with': must use the figure \{local.dog_tax\}"),
        ("per_municipality:\n  dog_tax: {with: 'Het kost {local.dog_tax}.'}\n", "needs the texts 'with'"),
    ],
)
def test_a_bad_per_municipality_text_is_an_error_naming_the_field(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        load_answer(_write(tmp_path, body))
