"""The action server's check of the shared secret that Rasa sends with every call.

rasa-sdk's action server answers anyone who reaches it. Rasa's action endpoint
(endpoints.yml, endpoints.replicas.yml) sends `Authorization: Bearer
$TAALBRUG_ACTIONS_TOKEN`; a request middleware refuses every request to the
action server (/webhook, /actions) without that token with a 401. /health stays
open for the gateway's health check: it tells nothing but "ok".

The middleware is attached through rasa-sdk's own plugin hook
(`attach_sanic_app_extensions`, which rasa-sdk calls for the package
`rasa_sdk_plugins` at the top of this repository). Without TAALBRUG_ACTIONS_TOKEN
the action server does not start, and `actions` refuses to load when the plugin
cannot be found, so the check cannot silently be missing.
"""

from __future__ import annotations

import hmac
import importlib.util
from typing import Any, Optional

TOKEN = "TAALBRUG_ACTIONS_TOKEN"
OPEN_PATHS = frozenset({"/health"})
PLUGIN_PACKAGE = "rasa_sdk_plugins"


def authorised(header: Optional[str], token: str) -> bool:
    """Whether an Authorization header carries exactly `token` as a bearer token (constant time)."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode("utf-8"), token.encode("utf-8"))


def attach(app: Any, token: Optional[str]) -> None:
    """Make the Sanic app of rasa-sdk refuse requests without the token (SystemExit without a token)."""
    if not token:
        raise SystemExit(f"the action server needs {TOKEN}: the shared secret Rasa sends it "
                         "(`make run` makes one per run)")
    from sanic import response

    async def check_token(request: Any) -> Any:
        if request.path in OPEN_PATHS or authorised(request.headers.get("authorization"), token):
            return None
        return response.json({"error": f"send the action server's token ({TOKEN})"}, status=401)

    app.register_middleware(check_token, "request")


def require_plugin() -> None:
    """ImportError when rasa-sdk would not find the plugin that attaches the check."""
    if importlib.util.find_spec(PLUGIN_PACKAGE) is None:
        raise ImportError(f"{PLUGIN_PACKAGE} is not importable: run the action server from the project root "
                          "(or with it on PYTHONPATH), or it would answer without checking Rasa's token")
