"""Taalbrug's custom actions (rasa-sdk): one module per service or topic group.

rasa-sdk imports this package before it serves: from then on no log line of
the action server can hold a message text or a raw sender id (bot.logfilter),
and the server checks Rasa's token (bot/action_auth.py).
"""

from bot.action_auth import require_plugin
from bot.logfilter import install as _keep_texts_out_of_logs

_keep_texts_out_of_logs()
require_plugin()  # the action server must check Rasa's token (bot/action_auth.py)
