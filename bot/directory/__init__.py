"""The municipalities' own data: profiles (contacts, hours) and their service directory."""

from bot.directory.municipality import Municipality, load_municipalities

__all__ = ["Municipality", "load_municipalities"]
