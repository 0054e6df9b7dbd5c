"""The municipalities' own data: profiles (contacts, hours) and, later, their service directory."""

from bot.directory.municipality import Municipality, MunicipalityError, load_municipalities

__all__ = ["Municipality", "MunicipalityError", "load_municipalities"]
