"""Questions: cleaning, what kind of figure they ask for, topic words, follow-ups.

``clean_question`` refuses what cannot be a question (not text, empty, too long) with a
message that says what to do; the rest reads a question for evidence selection: the kinds of
figure it asks for, the currency it wants, and the words that say what the figure is of.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from assistant.errors import InputError
from assistant.figures import asked_kinds
from assistant.measures import (
    MEASURES,
    QuestionFocus,
    mentions_home,
    other_entities,
)
from assistant.text import content_stems, stem, tokenize

ALL_FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FOLLOWUP_START = re.compile(
    r"^(?:and|also|what about|how about|and what about|in|what of|same for|then)\b", re.I
)
_PRONOUN = re.compile(r"\b(?:it|its|that|those|they|their|this|these|them)\b", re.I)
_CURRENCY_HINTS = {
    "CNY": re.compile(r"\b(?:yuan|rmb|cny|renminbi)\b", re.I),
    "USD": re.compile(r"\b(?:dollars?|usd|us\$)\b", re.I),
}
# Words that say nothing about what a figure is of ("what is the value of ...").
# Change verbs, manner words and question fillers: they say how a figure moved or how the
# question is phrased, not what the figure is of.
_GENERIC_WORDS = """value amount figure figures size total number much big large last latest year
    quarter quarterly annual give state report reported result results article piece source
    according use used two twice one grow grew grown growth rise rose fall fell drop dropped cut
    lower lowered increase decrease decline jump surge plummet slash raise change drove driven
    kept go fast quick quickly sharp sharply so rough roughly approximately about up down long
    compare compared versus before earlier ago same besides expect expected project projected
    plan planned hold pay set percentage percent rate stock shares forecast estimate outlook
    company"""
_GENERIC = frozenset(stem(w) for w in _GENERIC_WORDS.split())


def clean_question(question: object, max_chars: int) -> str:
    """Normalise a question or refuse it with a message that says what to do."""
    if not isinstance(question, str):
        raise InputError(f"question must be text (a str), not {type(question).__name__}")
    # Lone surrogates (invalid UTF-8 from a terminal) become U+FFFD instead of crashing later.
    text = question.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InputError("the question is empty — type a question about the article")
    if len(text) > max_chars:
        raise InputError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,} — "
            "ask a shorter question"
        )
    return text


def is_followup(question: str) -> bool:
    """A short or pronoun-led question leans on the previous one ("and in yuan?")."""
    content = tokenize(question)
    named = other_entities(question) or mentions_home(question)
    return bool(
        _FOLLOWUP_START.match(question)
        or len(content) <= 2
        or (_PRONOUN.search(question) and not named)
    )


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question to retrieve with: a follow-up is read together with the last question."""
    if history and is_followup(question):
        return f"{history[-1]} {question}"
    return question


def question_kinds(question: str, focus: QuestionFocus) -> frozenset[str]:
    """Kinds of figure asked for; a question naming a measure asks for some figure."""
    kinds = frozenset(asked_kinds(question))
    if not kinds and focus.measures:
        kinds = ALL_FIGURE_KINDS
    return kinds


def currency_wanted(question: str) -> str | None:
    """The currency a question asks its amount in ("... and in yuan?"), if any."""
    for currency, pattern in _CURRENCY_HINTS.items():
        if pattern.search(question):
            return currency
    return None


def topic_terms(question: str, focus: QuestionFocus) -> set[str]:
    """Question words that say what the figure is of, beyond its measure and subject."""
    named = {t for name in focus.measures for t in content_stems(" ".join(MEASURES[name]))}
    named |= content_stems(" ".join(focus.subjects)) | {p.lower() for p in focus.periods}
    return {t for t in content_stems(question) - named - _GENERIC if len(t) > 1}


__all__ = [
    "ALL_FIGURE_KINDS",
    "clean_question",
    "currency_wanted",
    "is_followup",
    "question_kinds",
    "resolve_followup",
    "topic_terms",
]
