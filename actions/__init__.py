"""Taalbrug's custom actions (rasa-sdk): one module per service or topic group."""
