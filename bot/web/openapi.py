"""The gateway's public API as an OpenAPI 3.0 document, served at /api/openapi.json.

Schemathesis tests the gateway against it (tests/web/test_openapi.py).
"""

from __future__ import annotations

from typing import Any, Dict

from aiohttp import web

from bot.language.languages import SUPPORTED

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
_MESSAGE = {
    "type": "object",
    "required": ["kind", "text", "lang", "dir", "buttons"],
    "properties": {
        "kind": {"type": "string", "enum": ["answer", "cue", "referral", "prompt", "error", "human"]},
        "text": {"type": "string"},
        "lang": {"type": "string"},
        "dir": {"type": "string", "enum": ["ltr", "rtl"]},
        "buttons": {"type": "array", "items": {"type": "object", "properties": {
            "title": {"type": "string"}, "payload": {"type": "string"}}}},
    },
}
_LANGUAGE = {"type": "object", "nullable": True, "properties": {
    "code": {"type": "string"}, "confidence": {"type": "number"}, "source": {"type": "string"}}}


def _json(schema: Dict[str, Any], description: str) -> Dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


SPEC: Dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Taalbrug gateway", "version": "1.0.0",
             "description": "Chat API of the Taalbrug widget (see README, 'The chat API')."},
    "paths": {
        "/api/chat": {"post": {
            "summary": "Send one resident message",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["session", "text"], "additionalProperties": False,
                "properties": {
                    "session": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,128}$"},
                    "text": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "languages": {"type": "array", "maxItems": 80, "items": {"type": "string"}, "nullable": True},
                    "municipality": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$", "nullable": True},
                    "choice": {"type": "string", "nullable": True, "enum": sorted(SUPPORTED) + ["", None]},
                }}}}},
            "responses": {
                "200": _json({"type": "object", "required": ["messages", "language", "topic"], "properties": {
                    "messages": {"type": "array", "items": _MESSAGE}, "language": _LANGUAGE,
                    "topic": {"type": "string", "nullable": True},
                    "handover": {"type": "object", "properties": {"state": {"type": "string"}}}}},
                    "The answer: plain Dutch, a cue, referral cards or questions"),
                "400": _json(_ERROR, "The request is not valid"),
                "403": _json(_ERROR, "The request comes from a website that may not embed Taalbrug"),
                "408": _json(_ERROR, "The body was not sent within TAALBRUG_READ_TIMEOUT"),
                "413": _json(_ERROR, "The body is larger than 64 kB"),
                "415": _json(_ERROR, "The body is not sent as application/json"),
                "429": _json(_ERROR, "Too many messages from this client"),
                "502": _json({"type": "object", "properties": {"error": {"type": "string"},
                                                               "messages": {"type": "array", "items": _MESSAGE}}},
                             "The assistant cannot be reached"),
                "504": _json({"type": "object", "properties": {"error": {"type": "string"},
                                                               "messages": {"type": "array", "items": _MESSAGE}}},
                             "The assistant did not answer in time"),
            },
        }},
        "/api/chat/updates": {"get": {
            "summary": "A staff member's messages during a handover",
            "parameters": [
                {"name": "session", "in": "query", "required": True,
                 "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,128}$"}},
                {"name": "since", "in": "query", "required": False, "schema": {"type": "number"}},
            ],
            "responses": {
                "200": _json({"type": "object", "required": ["handover", "messages", "since"], "properties": {
                    "handover": {"type": "object", "nullable": True},
                    "messages": {"type": "array", "items": _MESSAGE}, "since": {"type": "number"}}},
                    "Messages since `since`"),
                "400": _json(_ERROR, "A parameter is not valid"),
                "502": _json(_ERROR, "The assistant cannot be reached"),
            },
        }},
        "/api/languages": {"get": {
            "summary": "Every language with its own name, direction and UI strings",
            "responses": {"200": _json({"type": "object", "required": ["languages"], "properties": {
                "languages": {"type": "array", "items": {"type": "object", "required": ["code", "endonym", "dir"]}},
                "default": {"type": "string"}}}, "The languages")},
        }},
        "/healthz": {"get": {
            "summary": "Whether Rasa, the action server and the database are up",
            "responses": {"200": _json({"type": "object"}, "Everything is up"),
                          "503": _json({"type": "object"}, "A part is down")},
        }},
    },
}


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(SPEC)
