"""Whose a figure with no owner of its own is, by where it stands: a paragraph that opens with
a name in bold ("**Pump Systems** revenue rose 6.2%. Organic growth was 4.4%.", "**Valves:**
Revenue rose ..."), or a section named for what is asked ("## Coastal Rail" over "On-time
performance fell to 81.3%")."""

from __future__ import annotations

import re

from assistant.abbreviations import spells
from assistant.entities import Subject, names_in, normalise
from assistant.figures import find_figures
from assistant.text import STOPWORDS, content_stems

# A bold name that the paragraph's first sentence goes on from in lower case.
_RUN_IN = re.compile(r"\s*(?:[-*]\s+)?\*\*([A-Z][^*\n:]{1,60})\*\*\s+(?=[a-z])")


def run_in_owner(context: str, known: frozenset[str], subject: Subject | None) -> frozenset[str]:
    """The name a paragraph opens with in bold, as the subject of its first sentence
    ("**Pump Systems** revenue rose"), unless it is the corpus subject."""
    match = _RUN_IN.match(context)
    if not match:
        return frozenset()
    names = [m.text for m in names_in(match.group(1), known)]
    if len(names) != 1 or (subject is not None and subject.is_subject(names[0])):
        return frozenset()
    return frozenset({normalise(match.group(1))})


# A paragraph's bold label: "**Pump Systems:** Revenue rose", "- **Valves**: ...".
_LABEL = re.compile(r"\s*(?:[-*]\s+)?\*\*([A-Z][^*\n\d]{1,50}?):?\*\*:?\s")


def labelled_owner(context: str, sentence: str, subject: Subject | None) -> frozenset[str]:
    """The stems of the bold label a paragraph opens with, where it names whose its figures
    are ("**Pump Systems:** ... The margin improved to 15.2%"): not the subject, and
    none of its words in the sentence before its first figure ("**Dividend:** The dividend
    is ..." labels a topic)."""
    match = _LABEL.match(context or sentence)
    label = match.group(1).strip() if match else ""
    if not label or len(label.split()) > 4 or (subject is not None and subject.is_subject(label)):
        return frozenset()
    stems = frozenset(content_stems(label))
    said = sentence[match.end() :] if not context and match else sentence
    # (before its first figure: "**Services:** Revenue grew by 6.2% ... maintenance services")
    first = next(iter(find_figures(said)), None)
    said = said[: first.start] if first else said
    return stems if stems and not stems & content_stems(said) else frozenset()


def label_spelled(context: str, sentence: str, question: str) -> bool:
    """Does an acronym of the question spell the bold label the paragraph opens with ("psc"
    of "**Pump Systems & Controls:**")?"""
    match = _LABEL.match(context or sentence)
    words = re.findall(r"(?<![\w&])[a-z&]{2,5}(?![\w&])", question.lower())
    acronyms = [w for w in words if w not in STOPWORDS]
    return bool(match) and any(spells(a, match.group(1)) for a in acronyms)


def names_section(name: str, section: str) -> bool:
    """Is the section heading that name, give or take a word ("Coastal Rail performance")?"""
    words = normalise(section).split()
    return (
        bool(words)
        and f" {name} " in f" {' '.join(words)} "
        and len(words) <= len(name.split()) + 1
    )


__all__ = ["labelled_owner", "names_section", "run_in_owner"]
