"""Language identification for Taalbrug: a fastText detector and its Rasa NLU component."""

from bot.language.detector import Detection, LanguageDetector
from bot.language.languages import SUPPORTED

__all__ = ["Detection", "LanguageDetector", "SUPPORTED"]
