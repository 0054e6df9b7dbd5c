"""Start the Rasa server (`rasa run`) with its check of action-server answers built once.

Rasa 3.6 checks every answer of the action server against its event schema
with `jsonschema.validate()`. That function first validates the schema itself
against the JSON-Schema meta-schema, on every call: about 30 ms of CPU per
custom action on a 2-core machine, more than the action itself takes
(docs/bench-load.md). Here the same schema is checked once per process and the
validator is reused, so the same answers pass and the same answers are refused,
with Rasa's own error message.

Its log passes bot.logfilter: no line holds a message text or a raw sender id.

Everything else is Rasa's own command line: `python -m bot.rasa_server run ...`
takes exactly the arguments of `rasa run`. bot/stack.py starts Rasa this way.
Two things come from the environment instead, for `run`:

- the API token, TAALBRUG_RASA_TOKEN. It is set on Rasa's argv here as
  `--auth-token=<token>`: the `=` form is never read as an option, even for a
  token that begins with "-", and the token stays out of the process list.
  A token on the command line is refused, and so is `--enable-api` without one.
- TAALBRUG_TRACKER_STORE_URL, which endpoints.yml and endpoints.replicas.yml
  read, must be a full database URL: without one Rasa would quietly create an
  SQLite tracker store in the working directory. Refused with a clear error.
- the channels: `--credentials credentials.yml` is replaced by the channels that
  are on (bot/channels/credentials.py), written to TAALBRUG_VAR_DIR; a channel
  that is half configured is refused with the variables it still needs.
"""

import os
import sys
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Text

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from bot.logfilter import install as keep_texts_out_of_logs


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)  # once, instead of before every answer
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Rasa's `RemoteAction._validate_action_result`, with the validator reused."""
    error = best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Make every RemoteAction in this process use the reused validator."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]


TOKEN = "TAALBRUG_RASA_TOKEN"
TRACKER_STORE_URL = "TAALBRUG_TRACKER_STORE_URL"


def rasa_argv(argv: List[str], env: Mapping[str, str]) -> List[str]:
    """Rasa's command line for `argv`, with the token from the environment; SystemExit when refused."""
    args = argv[1:]
    if args[:1] != ["run"] or args[1:2] == ["actions"]:
        return list(argv)
    if any(_is_token_option(a) for a in args):
        raise SystemExit(f"bot.rasa_server: give the API token in {TOKEN}, not on the command line")
    url = env.get(TRACKER_STORE_URL, "").strip()
    if "://" not in url:  # the value is not shown: it may hold a password
        raise SystemExit(
            f"bot.rasa_server: {TRACKER_STORE_URL} {'is not a full database URL' if url else 'is not set'}: "
            f"Rasa's tracker store needs one, such as sqlite:////srv/taalbrug/var/tracker.db "
            f"or postgresql://user:password@host/rasa (`make run` sets it)"
        )
    token = env.get(TOKEN, "")
    if not token and "--enable-api" in args:
        raise SystemExit(f"bot.rasa_server: Rasa's HTTP API needs a token: set {TOKEN}")
    return list(argv) + ([f"--auth-token={token}"] if token else [])


def effective_credentials(argv: List[str], env: Mapping[str, str]) -> List[str]:
    """`argv` with its --credentials file replaced by the channels that are on; SystemExit when
    a channel is half configured."""
    from pathlib import Path

    from bot import PROJECT_ROOT
    from bot.channels.credentials import CredentialsError, write_effective

    args = list(argv)
    for index, arg in enumerate(args[:-1]):
        if arg == "--credentials":
            var_dir = Path(env.get("TAALBRUG_VAR_DIR") or PROJECT_ROOT / "var")
            try:
                args[index + 1] = str(write_effective(Path(args[index + 1]), var_dir / "credentials.yml", env))
            except CredentialsError as error:
                raise SystemExit(f"bot.rasa_server: {error}") from None
    return args


def _is_token_option(arg: str) -> bool:
    """-t, -tX, --auth-token, --auth-token=X and argparse's abbreviations such as --auth."""
    name = arg.split("=", 1)[0]
    return (arg.startswith("-t") and not arg.startswith("--")) or (len(name) > 3 and "--auth-token".startswith(name))


def main() -> None:
    """Run Rasa's command line (`run ...`) after `install()`, with message texts and conversation
    ids kept out of its log (bot.logfilter) and Sanic's access log (URLs hold sender ids) off."""
    keep_texts_out_of_logs()
    os.environ.setdefault("SANIC_ACCESS_LOG", "false")
    sys.argv = effective_credentials(rasa_argv(sys.argv, os.environ), os.environ)
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
