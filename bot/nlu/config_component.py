"""The base of Taalbrug's NLU components that need nothing but their configuration (no training, no storage)."""

from __future__ import annotations

from typing import Any, Dict, Text, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

C = TypeVar("C", bound="ConfigComponent")


class ConfigComponent(GraphComponent):
    """A graph component built from its config alone: `create()` returns `cls(config)`, and the
    config it keeps is `get_default_config()` with the given settings over it."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls: type[C],
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> C:
        return cls(config)
