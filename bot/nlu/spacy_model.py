"""Build Taalbrug's spaCy pipeline from spaCy's blank Dutch and registry data (`make spacy-model`).

No spaCy model can be downloaded here, so the pipeline is assembled:
- the blank "nl" tokenizer, with Arabic and Ge'ez punctuation split off, so
  every script we serve is tokenised;
- Dutch lemmas from spacy-lookups-data (lookup lemmatizer): "verhuisd" -> "verhuizen";
- an EntityRuler that marks language names in many languages ("Arabisch",
  "arabe", "عربي", "Tigrinya") as `language` and Belgian postcodes as `postcode`.
Rasa loads the result by path with SpacyNLP (config.yml).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import List, Optional, Sequence

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import PatternType
from spacy.tokenizer import Tokenizer

from bot import PROJECT_ROOT
from bot.language.names import LANGUAGE_NAMES

OUTPUT = PROJECT_ROOT / "models" / "spacy-nl-taalbrug"
# Sentence and clause marks of Arabic-script and Ge'ez-script writing.
EXTRA_PUNCTUATION = ["؟", "،", "؛", "۔", "።", "፣", "፤", "፥", "፦", "፧", "፨"]


def _tokenizer_rules(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a Language may have any callable; blank("nl") has spaCy's
        raise TypeError(f"expected spaCy's Tokenizer, not {type(tokenizer).__name__}")
    defaults = nlp.Defaults
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(
        [*(defaults.suffixes or ()), *EXTRA_PUNCTUATION]
    ).search
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(
        [*(defaults.prefixes or ()), *EXTRA_PUNCTUATION]
    ).search
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(
        [*(defaults.infixes or ()), *EXTRA_PUNCTUATION]
    ).finditer


def entity_patterns(nlp: Language) -> List[PatternType]:
    """EntityRuler patterns: language names (id = language code) and postcodes."""
    patterns: List[PatternType] = []
    for name, code in sorted(LANGUAGE_NAMES.items()):
        words = [{"LOWER": token.lower_} for token in nlp.make_doc(name)]
        patterns.append({"label": "language", "pattern": words, "id": code})
    # Belgian postcodes: four digits, 1000-9992.
    patterns.append({"label": "postcode", "pattern": [{"TEXT": {"REGEX": r"^[1-9]\d{3}$"}}]})
    return patterns


def build(output: Path = OUTPUT) -> Language:
    nlp = spacy.blank("nl")
    _tokenizer_rules(nlp)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    if not isinstance(ruler, EntityRuler):  # add_pipe is typed to return any Pipe
        raise TypeError(f"expected an EntityRuler, not {type(ruler).__name__}")
    nlp.initialize()
    ruler.add_patterns(entity_patterns(nlp))
    nlp.meta["name"] = "taalbrug"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank Dutch + lookup lemmas + language-name/postcode EntityRuler for Taalbrug"
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)  # models/ is not in a fresh clone
    nlp.to_disk(output)
    return nlp


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    nlp = build(args.output)
    print(f"spaCy pipeline {nlp.pipe_names} -> {args.output}")


if __name__ == "__main__":
    main()
