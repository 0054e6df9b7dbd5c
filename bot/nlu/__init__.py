"""Taalbrug's NLU helpers around Rasa: the spaCy pipeline built from blank languages."""
