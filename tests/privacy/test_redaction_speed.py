"""No message can make the regexes of bot/privacy.py and bot/language/ backtrack for seconds.

A batch of adversarial 2,000-character messages (the longest /api/chat takes): long runs of
the characters that each pattern repeats, with the one character that would complete a match
missing, and random strings over those characters. Before the patterns were anchored at the
start of a run, one such message took about 0.4 s in redact() and the redaction batch more
than five seconds; now it takes well under one. Language detection's worst pattern (text._URLISH)
was quadratic too, but only about 10 ms per message at this length: that batch took about 2 s and
now about 0.5 s. Both tests assert only that the batch finishes within a generous bound (not a
micro-timing): they fail on a pattern that backtracks for seconds.
"""

from __future__ import annotations

import random
import threading
from typing import Callable, List

from bot.language import detector, names, text
from bot.privacy import redact

LENGTH = 2000
BOUND_SECONDS = 5.0


def _runs() -> List[str]:
    units = ["a-", "a'", "a.", "a+", "Aa-", "x'", "a’", "1-", "a_", "é-"]
    prefixes = ["", "a@", "Mijn naam is ", "Kerk", "rue de la ", "BE12 ", "+32 ", "0", "rijksregister "]
    messages = [(prefix + unit * LENGTH)[:LENGTH] for unit in units for prefix in prefixes]
    messages += [(unit * LENGTH)[:LENGTH] for unit in ("a", "1", "1 ", "0 ", "A ", "straat ", "12.12.12-", "a@")]
    return messages


def _random(count: int) -> List[str]:
    alphabet = "aA1 0.-@+'’:/_éشسмbusstraatBE"
    rng = random.Random(15)
    return ["".join(rng.choice(alphabet) for _ in range(LENGTH)) for _ in range(count)]


def _language_steps(message: str) -> None:
    cleaned = text.clean(message)
    text.strip_service_names(cleaned)
    text.tokens(cleaned)
    text.is_neutral(cleaned)
    text.dominant_script(cleaned)
    names.find_language_name(message)
    for pattern in (detector._INTENT_PAYLOAD, detector._SORANI, detector._PASHTO, detector._NOT_ARABIC,
                    detector._ARABIC_ONLY, detector._UKRAINIAN, detector._RUSSIAN, text._URLISH):
        pattern.findall(message)


def _finishes(work: Callable[[], None]) -> bool:
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(BOUND_SECONDS)
    return not worker.is_alive()


def test_adversarial_messages_are_redacted_in_bounded_time() -> None:
    batch = _runs() + _random(40)
    assert all(len(m) == LENGTH for m in batch) and len(batch) > 100
    results: List[str] = []
    assert _finishes(lambda: results.extend(redact(m) for m in batch)), "redact() backtracks"
    assert len(results) == len(batch)


def test_adversarial_messages_pass_language_detection_in_bounded_time() -> None:
    batch = _runs() + _random(40)
    done: List[bool] = []

    def work() -> None:
        for message in batch:
            _language_steps(message)
        done.append(True)

    assert _finishes(work) and done, "a bot/language pattern backtracks"


def test_the_anchored_patterns_still_find_what_they_found() -> None:
    assert redact("mail:jan.peeters@example.com") == "mail:[e-mail]"
    assert redact("x-y.z+tag@example.be") == "[e-mail]"
    assert redact("in de Sint-Jansplein 3 bus 2") == "in de [adres]"
    assert redact("adres: Oude Baan 7A") == "adres: [adres]"


def test_the_anchored_language_pattern_removes_what_it_removed() -> None:
    """text._URLISH now starts an e-mail-like match only at the start of a run: the same text is removed
    (so language detection, and the trained model's input, do not change)."""
    import re

    before = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+)")
    rng = random.Random(19)
    samples = ["mail a@b.be nu", "https://x.be/a@b c", "www.x.be a@b", "ab@cd@ef", "@@ x@ @y"]
    samples += ["".join(rng.choice("a@ .h:/wbtps\n") for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for sample in samples:
        assert text._URLISH.sub(" ", sample) == before.sub(" ", sample), sample
