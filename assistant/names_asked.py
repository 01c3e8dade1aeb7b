"""Questions that ask for names: "Which brands ...?", "Who ...?", "What is it called?".

A question that offers its answer's choices ("Which segment sold more, gears or motors?")
asks which of the two named ranks first: its answer is one of them (or both figures), never
a name the question does not hold, as a "Which brands ...?" list is.
"""

from __future__ import annotations

import re

from assistant.text import expand_contractions

# "which kind of customers" asks for a description, and "in which month" a time, not names.
_NOT_NAMES = (
    r"(?!\s+(?:(?:kinds?|types?|sorts?)\s+of|(?:months?|years?|quarters?|days?|dates?|weeks?))\b)"
)
_ASKS_NAMES = re.compile(
    rf"^\W*(?:which|who|whom|whose|name|list)\b{_NOT_NAMES}|\b(?:which|who)\b{_NOT_NAMES}",
    re.I,
)
# "What's its coding assistant called?", "what is the name of ...": a name, not a value.
_ASKS_WHAT_CALLED = re.compile(
    r"\b(?:called|named|known\s+as)\W*$|\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\b",
    re.I,
)


def asks_for_names(question: str) -> bool:
    """ "Which brands ...?", "Who ...?", "Name the partners": the answer is a list of names
    (not "which sold more, A or B?": one of the names it holds)."""
    names = _ASKS_NAMES.search(question) or asks_what_called(question)
    return bool(names) and not offered_choices(question)


def asks_what_called(question: str) -> bool:
    """ "What's its coding assistant called?": a name, not a value."""
    return bool(_ASKS_WHAT_CALLED.search(expand_contractions(question)))


# "Which ... more/higher/faster ..., A or B?", "Who grew faster: A or B?"
_CHOICES = re.compile(
    r"^\W*(?:which|who)\b.*?\b(?:more|less|fewer|higher|lower|faster|slower|bigger|larger"
    r"|smaller|better|worse|stronger|weaker|[a-z]{3,}er\s+than)\b[^,:?]*[,:]\s*"
    r"(?:the\s+)?(?P<first>[^,:?]{2,50}?)\s+or\s+(?:the\s+)?(?P<second>[^,:?]{2,50}?)\s*\?\s*$",
    re.I,
)


def offered_choices(question: str) -> tuple[str, str] | None:
    """The two choices a "which ..., A or B?" question offers, else None."""
    found = _CHOICES.search(question)
    return (found.group("first"), found.group("second")) if found else None


__all__ = ["asks_for_names", "asks_what_called", "offered_choices"]
