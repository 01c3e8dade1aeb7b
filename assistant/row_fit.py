"""What a qualifying sentence's place in a table adds to its fit.

A row the question names in full ("LFL incl fuel": not a row of fuel alone) ranks first; a
whole that may hold a business the question leaves out ("sales ex Homeware") loses rank to a row
beside that business's own, the one named for the subject itself first; a total asked ("total
pax?") takes the total's row ("All airports"), not a part's ("Other airports").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.measure_words import excluded_names, leaves_out_named
from assistant.tables import names_row
from assistant.text import stem

if TYPE_CHECKING:
    from assistant.question import QuestionPart
    from assistant.sentence_fit import SentenceReader

ROW_NAMED_BONUS = 1.0  # added to the fit of a table row whose whole label the question names
# Taken from the fit of a figure that may hold the business the question leaves out ("sales
# ex Homeware"): a total, or a figure that does not say, where a row beside Homeware's does.
WHOLE_PENALTY = 1.0
OWN_ROW_BONUS = 0.25  # ... and added to a row beside it named for the subject itself
TOTAL_ROW_BONUS = 0.25  # added to a total's row where a total is asked ("All airports")
_TOTAL_ASKED = re.compile(r"\b(?:total|overall|altogether|combined|in\s+all)\b", re.I)
_TOTAL_ROW = re.compile(r"\W*(?:total|all|overall|group|combined)\b[^\u2014]*\u2014\s", re.I)


def row_fit(
    part: QuestionPart,
    text: str,
    passage: str,
    q_stems: set[str],
    own: set[str],
    reader: SentenceReader,
) -> float:
    """What a qualifying sentence's place adds to its fit: a table row the question names
    ("LFL incl fuel": not a row of fuel alone), less a whole holding what is left out (the
    names the corpus prints and its subject are the ``reader``'s)."""
    subject = reader.subject
    named = names_row(text, q_stems - part.focus.included, own, part.text)
    named = named or _named_by_acronym(text, q_stems)
    fit = ROW_NAMED_BONUS if named else 0.0
    left_out = excluded_names(part.focus, reader.known)
    if left_out and not leaves_out_named(left_out, text, passage):
        fit -= WHOLE_PENALTY
    elif left_out and subject and subject.is_subject(text.split(" \u2014 ")[0]):
        # "sales ex Homeware": of the rows beside Homeware's, the one of the subject's own name
        # is the rest of its business; "Grocery" is a part of that.
        fit += OWN_ROW_BONUS
    if _TOTAL_ASKED.search(part.text) and _TOTAL_ROW.match(text):
        fit += TOTAL_ROW_BONUS  # "total pax?": the "All airports" row, not "Other airports"
    return fit


# "Return on average tangible common equity (ROTCE) (2) — ...": the short name a label gives.
_LABEL_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7}s?)\)")


def _named_by_acronym(text: str, q_stems: set[str]) -> bool:
    """Does the question name a table row by the acronym its label spells out in brackets
    ("rotce?" of "Return on average tangible common equity (ROTCE) — 3Q26: 14.6%")?"""
    label, dash, _ = text.partition(" \u2014 ")
    return bool(dash) and any(
        stem(short.lower()) in q_stems for short in _LABEL_ACRONYM.findall(label)
    )


__all__ = ["OWN_ROW_BONUS", "ROW_NAMED_BONUS", "TOTAL_ROW_BONUS", "WHOLE_PENALTY", "row_fit"]
