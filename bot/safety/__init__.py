"""The safety net: a multilingual danger lexicon (lexicon.py) and the Rasa NLU component (safety_net.py)
that marks a message as a possible emergency before and beside the topic decision."""
