"""No log line of a Taalbrug process can hold a resident's message text or a raw conversation id."""

from __future__ import annotations

import io
import json
import logging
from typing import Iterator

import pytest

from bot import logfilter

SENDER = "w-0123456789abcdef0123456789abcdef"
TEXT = "mijn e-mail is jan.peeters@example.be en mijn rijksregisternummer 85.07.30-033.61"
SECRETS = (SENDER, "jan.peeters@example.be", "85.07.30-033.61", "rijksregisternummer", "peeters")


@pytest.fixture()
def log() -> Iterator[io.StringIO]:
    """A handler as Rasa configures one (added after install), on a fresh logger."""
    factory = logging.getLogRecordFactory()
    logfilter._installed.clear()
    logfilter.install()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("rasa.test_logfilter")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield out
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(factory)
        logging.captureWarnings(False)
        logfilter._installed.clear()


def assert_clean(out: io.StringIO) -> str:
    written = out.getvalue()
    for secret in SECRETS:
        assert secret.lower() not in written.lower(), (secret, written)
    return written


def test_rasas_json_failure_line_keeps_its_event_and_frames_but_no_text_locals_or_exception_message(log) -> None:
    event = {"event": "rest.message.received.failure", "level": "error", "timestamp": "2026-12-06T01:00:00Z",
             "text": TEXT, "sender_id": SENDER, "metadata": {"languages": ["nl"], "e": TEXT},
             "exception": [{"exc_type": "UnicodeEncodeError", "exc_value": f"cannot encode {TEXT}",
                            "frames": [{"filename": "spacy/tokenizer.py", "lineno": 12, "name": "__call__",
                                        "locals": {"text": TEXT, "sender": SENDER}}]}]}
    logging.getLogger("rasa.test_logfilter").error(json.dumps(event))
    line = json.loads(assert_clean(log).split(" ", 2)[2])
    assert line["event"] == "rest.message.received.failure" and line["text"] == logfilter.WITHHELD
    assert line["exception"] == [{"exc_type": "UnicodeEncodeError",
                                  "frames": [{"filename": "spacy/tokenizer.py", "lineno": 12, "name": "__call__"}]}]


def test_plain_lines_lose_quoted_text_dicts_ids_and_numbers(log) -> None:
    logger = logging.getLogger("rasa.test_logfilter")
    logger.debug("Received user message '%s' with intent '{\"name\": \"x\"}' from %s", TEXT, SENDER)
    logger.info("Predicted next action for %s: %s", SENDER, {"text": TEXT})
    logger.info("Lock for conversation %s released; %s", SENDER, [TEXT])
    logger.info("Loading model models/taalbrug.tar.gz took 12.5 s")
    written = assert_clean(log)
    assert "Loading model models/taalbrug.tar.gz took 12.5 s" in written  # what operators need stays


def test_a_traceback_keeps_its_frames_and_type_but_not_the_exception_message(log) -> None:
    try:
        raise ValueError(f"could not handle {TEXT} from {SENDER}")
    except ValueError:
        logging.getLogger("rasa.test_logfilter").exception("failed")
    written = assert_clean(log)
    assert "Traceback (most recent call last)" in written and "ValueError: [withheld]" in written
    assert "test_logfilter.py" in written  # where it failed is still shown


def test_a_traceback_written_as_the_message_is_redacted_too(log) -> None:
    import traceback

    try:
        raise KeyError(f"{TEXT} {SENDER}")
    except KeyError:
        logging.getLogger("rasa.test_logfilter").error(traceback.format_exc())  # as rasa/server.py does
    assert "KeyError: [withheld]" in assert_clean(log)


def test_warnings_pass_the_filter(log) -> None:
    import warnings

    root = io.StringIO()
    handler = logging.StreamHandler(root)
    logging.getLogger("py.warnings").addHandler(handler)
    try:
        warnings.warn(f"odd message '{TEXT}' from {SENDER}", UserWarning, stacklevel=1)
    finally:
        logging.getLogger("py.warnings").removeHandler(handler)
    assert "odd message" in root.getvalue()
    assert SENDER not in root.getvalue() and "jan.peeters" not in root.getvalue()


def test_the_action_server_redacts_its_log_from_the_moment_it_loads_the_actions() -> None:
    """rasa-sdk imports the `actions` package before it serves: that import installs the filter."""
    import subprocess
    import sys

    from bot import PROJECT_ROOT

    script = ("import logging, sys; logging.basicConfig(stream=sys.stdout, format='%(message)s'); import actions; "
              f"logging.getLogger('rasa_sdk.endpoint').error('failed for sender %s', {SENDER!r})")
    out = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert "failed for sender [id]" in out and SENDER not in out
