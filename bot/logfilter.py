"""Keep residents' message texts and raw conversation ids out of the logs of every Taalbrug process.

Rasa, rasa-sdk and Sanic log what they were handling when something fails:
Rasa's REST channel logs the message text, and its JSON log renderer adds
every local variable of every frame of the traceback (the message, its sender
id and metadata). `install()` wraps the process's log record factory, so
every record, from whichever logger and to whichever handler, passes
`LogRedactor` first:

- a structured (JSON) line keeps its event name, level, timestamp, the
  numbers and booleans, and the exception's type and frames (file, line,
  function); every other value becomes "[withheld]" (no locals, no exception
  message);
- a plain line loses what is quoted ('...' or "..."), what is in braces or
  brackets (dicts, lists, metadata), e-mail addresses, long digit runs and
  id-like tokens (12+ letters, digits, '-' and '_' with a digit among them:
  session ids, tokens, hashes);
- a traceback keeps its frames and the exception type, never the exception's
  message.

bot/rasa_server.py installs it in Rasa, `actions/__init__.py` in the action
server (rasa-sdk imports the actions before it serves), `python -m bot.web` in
the gateway. Warnings are routed through logging, so they pass it too.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from types import TracebackType
from typing import Any, Callable, List, Optional, Tuple, Type

WITHHELD = "[withheld]"
MAX_LINE = 4000
KEPT_KEYS = frozenset({"event", "level", "log_level", "timestamp", "logger", "logger_name"})
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
_BRACED = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]")
_EMAIL = re.compile(r"[^\s@'\"<>(){}\[\],;:]+@[^\s@'\"<>(){}\[\],;:]+")
_ID = re.compile(r"(?<![\w-])(?=[\w-]*\d)[A-Za-z0-9_-]{12,}(?![\w-])")
_DIGITS = re.compile(r"\d[\d .-]{6,}\d")
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(:.*)?$")
_FRAME_KEYS = ("filename", "lineno", "name")
ExcInfo = Tuple[Type[BaseException], BaseException, Optional[TracebackType]]


def redact_plain(line: str) -> str:
    """A free-text log line without quoted parts, dicts and lists, e-mail addresses, numbers and ids."""
    line = _QUOTED.sub("'…'", line)
    for _ in range(8):  # innermost braces first, until none are left
        line, count = _BRACED.subn("{…}", line)
        if not count:
            break
    line = _EMAIL.sub("[e-mail]", line)
    line = _ID.sub("[id]", line)
    line = _DIGITS.sub("[number]", line)
    return line if len(line) <= MAX_LINE else line[:MAX_LINE] + " [cut]"


def _exception_summary(value: Any) -> Any:
    """structlog's dict traceback without locals and exception messages: types and frames only."""
    if not isinstance(value, list):
        return WITHHELD
    summary = []
    for item in value:
        if not isinstance(item, dict):
            continue
        frames = [{k: frame.get(k) for k in _FRAME_KEYS} for frame in item.get("frames") or []
                  if isinstance(frame, dict)]
        summary.append({"exc_type": str(item.get("exc_type", "")), "frames": frames})
    return summary


def redact_structured(event: dict) -> dict:
    """A structlog event (Rasa's JSON log line) with only its event name, level, time, numbers and
    the exception's types and frames."""
    out: dict = {}
    for key, value in event.items():
        if key in KEPT_KEYS and isinstance(value, str):
            out[key] = redact_plain(value)
        elif key == "exception":
            out[key] = _exception_summary(value)
        elif value is None or isinstance(value, (bool, int, float)):
            out[key] = value
        else:
            out[key] = WITHHELD
    return out


def redact_traceback_text(text: str) -> str:
    """A formatted traceback with its frames and exception types, without the exceptions' messages."""
    kept: List[str] = []
    for line in text.splitlines():
        if line.startswith((" ", "\t", "Traceback (most recent call last)", "During handling",
                            "The above exception")):
            kept.append(line)
            continue
        match = _EXCEPTION_LINE.match(line.strip())
        if match:
            kept.append(match.group(1) + (": " + WITHHELD if match.group(2) else ""))
        elif line.strip():
            kept.append(WITHHELD)
    return "\n".join(kept)


def _format_exception(exc_info: ExcInfo) -> str:
    return redact_traceback_text("".join(traceback.format_exception(*exc_info)).rstrip())


def redact_message(message: str) -> str:
    """One log message, whatever its form: JSON event, traceback, or plain text."""
    stripped = message.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            event = json.loads(stripped)
        except ValueError:
            event = None
        if isinstance(event, dict):
            return json.dumps(redact_structured(event), ensure_ascii=False)
    if "Traceback (most recent call last)" in message:
        head, _, tail = message.partition("Traceback (most recent call last)")
        return redact_plain(head) + redact_traceback_text("Traceback (most recent call last)" + tail)
    return redact_plain(message)


class LogRedactor(logging.Filter):
    """Rewrites a record in place so that it cannot hold message text or ids; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep only where it came from
            message = WITHHELD
        record.msg, record.args = redact_message(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _format_exception(record.exc_info)  # type: ignore[arg-type]
        elif record.exc_text:
            record.exc_text = redact_traceback_text(record.exc_text)
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact_traceback_text(record.stack_info)
        return True


_installed: List[Callable[..., logging.LogRecord]] = []


def install() -> None:
    """Redact every log record this process creates, from now on (idempotent)."""
    if _installed:
        return
    make_record = logging.getLogRecordFactory()
    redactor = LogRedactor()

    def redacted_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(redacted_record)
    logging.captureWarnings(True)
    _installed.append(redacted_record)
