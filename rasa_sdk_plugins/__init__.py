"""rasa-sdk's plugin package (found by that name on the path): attaches bot.action_auth's token check."""

from __future__ import annotations

from typing import Any

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl
def attach_sanic_app_extensions(app: Any) -> None:
    from bot.action_auth import attach
    from bot.config import Settings

    attach(app, Settings.from_env().actions_token)


def init_hooks(manager: pluggy.PluginManager) -> None:
    import sys

    manager.register(sys.modules[__name__])
