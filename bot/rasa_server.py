"""Start the Rasa server (`rasa run`) with its check of action-server answers built once.

Rasa 3.6 checks every answer of the action server against its event schema
with `jsonschema.validate()`. That function first validates the schema itself
against the JSON-Schema meta-schema, on every call: about 30 ms of CPU per
custom action on a 2-core machine, more than the action itself takes
(docs/bench-load.md). Here the same schema is checked once per process and the
validator is reused, so the same answers pass and the same answers are refused,
with Rasa's own error message.

Everything else is Rasa's own command line: `python -m bot.rasa_server run ...`
takes exactly the arguments of `rasa run`. bot/stack.py starts Rasa this way.
"""

from functools import lru_cache
from typing import Any, Dict, Text

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def main() -> None:
    """Run Rasa's command line (`run ...`) after `install()`."""
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
