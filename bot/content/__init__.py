"""Taalbrug's content, loaded through one package: answers, locales, form questions,
municipality profiles, opening hours and the service directory.

- `reader`: the one YAML reader and the one error family (`ContentError`, whose
  messages name the file and the field), and provenance (`source`, `checked`);
- `topic_answers`, `locales`, `questions`: the answer, locale and form-question files;
- `loader`: `Content`, everything of one installation, and `load_content()`.

The package's `__init__` imports nothing, so that `bot.directory` can use the
reader without an import cycle.
"""
