"""Taalbrug's custom actions (rasa-sdk): one module per service or topic group.

rasa-sdk imports this package before it serves: from then on no log line of
the action server can hold a message text or a raw sender id (bot.logfilter).
"""

from bot.logfilter import install as _keep_texts_out_of_logs

_keep_texts_out_of_logs()
