"""Taalbrug's custom actions (rasa-sdk): one module per service or topic group."""

from bot.action_auth import require_plugin

require_plugin()  # the action server must check Rasa's token (bot/action_auth.py)
