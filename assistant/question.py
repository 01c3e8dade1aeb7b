"""Questions: cleaning, the kinds of figure asked for, their parts, and follow-ups.

``clean_question`` refuses what cannot be a question (not text, empty, too long) with a
message that says what to do. The rest reads a question for evidence selection:

- ``question_kinds`` (from ``assistant.value_questions``, re-exported here): the kinds of
  figure asked for;
- ``question_parts``: a question that asks two things ("what did it total and how much did
  it grow?") or compares two owners ("how does X's growth compare with Y's?") is split into
  parts, each answered by its own evidence;
- ``resolve_followup`` (from ``assistant.followups``, re-exported here): "And what did they
  cut it to?", "Why?", "what about Globex?" rewritten as a question that stands alone.

Nothing here knows a corpus: names are recognised by shape (``assistant.entities``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace

from assistant.asking_verbs import claim_asked
from assistant.comparisons import (
    GROUPED,
    compared_sides,
    earlier_side,
    grouped_elsewhere,
    owners_compared,
    period_sides,
)
from assistant.cues import CHANGE_CUE, asks_for_names
from assistant.earlier_values import compares_with_earlier
from assistant.entities import Subject, is_rare, names_in, normalise
from assistant.errors import InputError
from assistant.expectations import EXPECTATION_SAID, as_consensus
from assistant.figure_periods import attributive_periods, labels_year_before
from assistant.followups import is_followup, resolve_followup
from assistant.later_parts import COUNTED, move_asked_again, shared_periods, taken_from_before
from assistant.matching import (
    QuestionFocus,
    asks_movement,
    question_focus,
)
from assistant.measure_words import measure_words
from assistant.periods import names_year, period_spans, periods
from assistant.plan_cues import asks_actual, asks_forecast
from assistant.prior_year import asks_prior_year
from assistant.question_pieces import (
    each_basis,
    each_currency,
    each_end,
    each_measure,
    each_period,
    each_start,
    each_unit,
    year_before_named,
)
from assistant.rephrasings import measures_described
from assistant.synonyms import typo_of
from assistant.text import AGGREGATE_WORDS
from assistant.tickers import subject_short_forms
from assistant.value_questions import (
    ALL_FIGURE_KINDS,
    asks_for_place,
    asks_value,
    question_kinds,
    values_asked,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Words that join two questions in one: "... and how much did it grow?".
_SECOND_QUESTION = re.compile(
    r",?\s+(?:and|but|while|as well as)\s+(?:(?:roughly|approximately|about|also|then)\s+)?"
    r"(?=(?:by\s+)?(?:how|what|which|when|why|where|who|did|does|is|was|were|has|have)\b)",
    re.I,
)
_VALUE_FRAME = re.compile(r"\s*what\s+(?:is|was|were|are)\s+", re.I)
_AND_NOUN_PHRASE = re.compile(
    r",\s+and\s+(?=(?:its|their|the|[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*(?:'s|\u2019s))\s+\w)"
)


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


def recase(text: str, subject: Subject | None, known: frozenset[str] = frozenset()) -> str:
    """``text`` with names typed in lower case written as names: "how much is acme
    spending" -> "ACME" (the subject's alias), "initech's sales" -> "Initech's" (a name the
    corpus uses that is no English word). People type questions in lower case."""
    forms = {f: f for f in (subject.name, *subject.aliases) if f} if subject else {}
    # "Water Meters & Valves": each side of an ampersand is a name a question may type.
    for name in {part for n in known for part in re.split(r"\s+&\s+", n)}:
        words = name.split()
        if not all(w.isalpha() for w in words):
            continue
        # Two words or more of a name ("jane roe" of "Acme CEO Jane Roe") are specific
        # enough; one word must be no English word ("initech"), or "total" would be a name.
        if len(words) == 1 and len(name) > 2 and is_rare(name):
            forms.setdefault(name, name.title())
        for size in range(2, len(words) + 1):
            for start in range(len(words) - size + 1):
                run = " ".join(words[start : start + size])
                forms.setdefault(run, run.title())
    for form in sorted(forms, key=len, reverse=True):
        # "merrimans" is "Merriman's" typed without its apostrophe.
        typed = re.sub("['\u2019]", "['\u2019]?", re.escape(form))
        pattern = rf"(?<![\w'\u2019]){typed}(?=\W|$)"
        text = re.sub(
            pattern, lambda m, f=forms[form]: _keep_upper(m.group(0), f), text, flags=re.I
        )
    for form in (f for f in forms if " " in f):
        text = _mistyped(text, form, forms[form])
    return subject_short_forms(text, subject)


def _mistyped(text: str, form: str, canonical: str) -> str:
    """ "water metrs" -> "Water Meters": a name of several words, one mistyped."""
    words = form.lower().split()
    typed = list(re.finditer(r"[A-Za-z]+", text))
    for i in range(len(typed) - len(words), -1, -1):
        run = typed[i : i + len(words)]
        pairs = [(m.group(0).lower(), w) for m, w in zip(run, words, strict=True)]
        if all(a == b or typo_of(a, b) for a, b in pairs) and any(a != b for a, b in pairs):
            text = text[: run[0].start()] + canonical + text[run[-1].end() :]
    return text


def _keep_upper(typed: str, canonical: str) -> str:
    """The canonical casing, unless the user already capitalised the name."""
    return typed if typed[:1].isupper() else canonical


# --------------------------------------------------------------------------- parts


@dataclass(frozen=True)
class QuestionPart:
    """One thing a question asks: its text, focus and the kinds of figure it wants."""

    text: str
    focus: QuestionFocus
    kinds: frozenset[str]
    # "the airline's margin": only a figure said of the airline, until none is found.
    owner_noun_required: bool = True


def _split_questions(question: str) -> list[str]:
    pieces = [p.strip(" ,?") for p in _SECOND_QUESTION.split(question)]
    return [q for p in pieces if p for q in _elliptical(p)]


def _elliptical(piece: str) -> list[str]:
    """ "What was its revenue, and its margin" -> "What was its revenue", "What was its margin":
    the second noun phrase is asked in the first one's words."""
    frame = _VALUE_FRAME.match(piece)
    tail = _AND_NOUN_PHRASE.search(piece, frame.end()) if frame else None
    if not frame or not tail:
        return [piece]
    return [piece[: tail.start()].strip(" ,"), f"{frame.group(0)}{piece[tail.end() :]}".strip()]


# "How did ", "what was ": the words that ask, before what a side names.
_QUESTION_FRAME = re.compile(
    r"^\W*(?:how(?:\s+(?:bad|good|big|much|well))?|what)\s+(?:did|does|do|was|were|is|are)\s+", re.I
)
# The same measure summarised over time: "vs 10y avg", "against the five-year median".
_AGGREGATE = re.compile(rf"\b(?:{'|'.join(AGGREGATE_WORDS)})\b", re.IGNORECASE)


def _side_parts(
    question: str,
    sides: tuple[str, str],
    whole: QuestionFocus,
    kinds: frozenset[str],
    subject: Subject | None,
    known: frozenset[str],
    moving: bool = False,
) -> list[QuestionPart]:
    """One part per side; the right side borrows the left's head noun ("sales") when it
    names only what differs ("general merchandise")."""
    left, right = sides
    words = measure_words(left)
    # ("How many passengers did the ferries carry": the noun counted, not the verb after it)
    counted = COUNTED.search(left)
    head = counted.group(1) if counted and counted.group(1) in words else words[-1]
    # ("Pumps sales compare with consensus": an expectation is of the left's measure)
    expected = bool(EXPECTATION_SAID.fullmatch(" ".join(measure_words(right))))
    borrowed = (len(words) >= 2 or expected) and head not in measure_words(right)
    # ("the growth in seat capacity" vs "the growth in passenger numbers": each side whole)
    borrowed = borrowed and not _parallel_moves(left, right)
    if borrowed and len(words) < 2:  # ... with its owner: "consensus for Pumps sales"
        right = f"{right.rstrip('?. ')} for {_QUESTION_FRAME.sub('', left).strip()}"
    elif borrowed and len(measure_words(right)) <= 2:
        borrow = _borrowed_head(words, measure_words(right)) if head == words[-1] else head
        right = f"{right.rstrip('?. ')} {borrow}"
    parts = []
    for side, other in ((left, right), (right, left)):
        # "H1 2026 deliveries vs the same period a year earlier": the left's measure, a year
        # back (where the question names the year)
        back = side is right and earlier_side(right) and bool(labels_year_before(whole.periods))
        focus = _with_tense(question_focus(left if back else side, subject, known), whole)
        # The period the whole question names, unless the other side's noun owns it ("Acme's
        # commitment against the 2030 market"): the 2030 is the market's.
        if not focus.periods and (shared := whole.periods - attributive_periods(other)):
            focus = replace(focus, periods=shared)
        if back:
            focus = replace(focus, periods=labels_year_before(focus.periods) or focus.periods)
        # "did X grow faster than Y?": each side still asks how it moved ("growth").
        moved = " growth" if moving and not asks_movement(focus.phrase) else ""
        text = _dated(f"{focus.phrase}{moved}", focus.periods, (side, whole.phrase, question))
        parts.append(QuestionPart(f"{text} a year earlier" if back else text, focus, kinds))
    if borrowed and (re.match(r"\s*(?:its|their)\b", right, re.I) or _AGGREGATE.search(right)):
        # "the forward P/E compared with its ten-year average", "fwd pe vs 10y avg": the right
        # side is the left's measure with something added ("average"), so the left side is
        # the figure without.
        added = parts[1].focus.measures - parts[0].focus.measures
        parts[0] = replace(parts[0], focus=replace(parts[0].focus, excluded=frozenset(added)))
    return parts


def question_parts(
    question: str, subject: Subject | None = None, known: frozenset[str] = frozenset()
) -> list[QuestionPart]:
    """The parts a question asks, each with its own focus and kinds (at least one part).

    Two joined questions share the first one's owner and period when the second names none
    ("what did sales total in Q1 and how much did they grow?"); a comparison asks the same
    measure of each owner it names.
    """
    # "what had analysts expected ...": what is asked is a value, the consensus; "borrowing
    # relative to earnings" is one measure (leverage), not two sides compared.
    question = measures_described(year_before_named(question))
    question = as_consensus(recase(claim_asked(question), subject, known))
    whole = question_focus(question, subject, known)
    whole_kinds = question_kinds(question, whole)
    compared = owners_compared(question, subject)
    if compared:
        parts = []
        for group in compared:
            text = question
            for other in (name for g in compared if g is not group for name in g):
                text = re.sub(rf"\b{re.escape(other)}(?:'s|\u2019s)?", " ", text)
            if grouped_elsewhere(question, group):
                text = GROUPED.sub(" ", text)  # "combined" is the other side's word
            focus = question_focus(text, subject, known)
            if subject is None or not any(subject.is_subject(name) for name in group):
                # "compare with Initech": the names compared own their side's figure.
                keys = frozenset(normalise(name) for name in group)
                focus = replace(focus, subjects=keys, qualifiers=focus.qualifiers - keys)
            # The subject's side is labelled by the subject alone ("Acme", not "Acme and
            # Spain": a place on its side qualifies the figure, it owns nothing).
            mine = [n for n in group if subject is not None and subject.is_subject(n)]
            owner = " and ".join(mine or group)
            # "Compare revenue growth ...": the part still asks how it moved.
            moved = " growth" if asks_movement(question) and not asks_movement(whole.phrase) else ""
            text = _dated(f"{owner}: {whole.phrase}{moved}", focus.periods, (question,))
            parts.append(QuestionPart(text, focus, whole_kinds))
        return parts
    # ("2031 EPS, new vs old?" asks one measure's two ends, no two sides)
    sides = compared_sides(question) if len(each_end(question)) < 2 else None
    if sides:
        return _side_parts(
            question, sides, whole, whole_kinds, subject, known, asks_movement(question)
        )
    pieces = _split_questions(question)
    if len(pieces) < 2 and (across := period_sides(question)):
        # "the Q4 margin vs the full year's": the right side asks the left's measure.
        pieces = [_dated(whole.phrase, frozenset(periods(side)), (side,)) for side in across]
    # "fy26 EPS and the EBITDA estimate": each measure's piece keeps the words around both,
    # so a period inside one measure's words is that measure's alone.
    each_own = len(pieces) < 2 and len(each_period(question)) < 2
    if len(pieces) < 2:
        pieces = each_period(question)
    if len(pieces) < 2:
        pieces = each_measure(question)
    if len(pieces) < 2:
        pieces = each_basis(question)
    if len(pieces) < 2:
        pieces = each_currency(question)
    if len(pieces) < 2:
        pieces = each_unit(question)
    if len(pieces) < 2:
        pieces = each_end(question)
    if len(pieces) < 2:
        pieces = each_start(question)  # "..., and from what level?"
    if len(pieces) < 2:
        return [QuestionPart(question, whole, whole_kinds)]
    pieces = [pieces[0], *(move_asked_again(p, b) for b, p in itertools.pairwise(pieces))]
    parts = []
    foci = [question_focus(piece, subject, known) for piece in pieces]
    for i, (piece, focus) in enumerate(zip(pieces, foci, strict=True)):
        if not focus.subjects and whole.subjects and not names_in(piece):
            focus = replace(focus, subjects=whole.subjects, qualifiers=whole.qualifiers)
        if not focus.sources and whole.sources and not names_in(piece):
            focus = replace(focus, sources=whole.sources)  # "... and its previous one?"
        if not focus.periods and not each_own:
            shared = shared_periods(foci[:i], foci[i + 1 :], whole)
            # "... in FY26, and what was the figure a year earlier?": FY25's.
            earlier = i and asks_prior_year(piece) and not asks_movement(piece)
            back = labels_year_before(shared) if earlier else None
            focus = replace(focus, periods=back or shared)
        if i and not names_year(focus.periods) and asks_prior_year(piece):
            focus = _a_year_back(piece, focus)
        focus = _with_tense(focus, whole)
        if parts:
            focus = taken_from_before(piece, focus, parts[-1].focus, parts[-1].text)
        parts.append(QuestionPart(piece, focus, question_kinds(piece, focus) or whole_kinds))
    return parts


def _a_year_back(piece: str, focus: QuestionFocus) -> QuestionFocus:
    """A later part asking "last year" ("Q3 EBIT this year and last year?", "this year's
    dividend, and last year's?") asks the year before, not a month-end the part before names
    ("..., and how many at the end of last year?"); one that sets the two side by side ("how
    did it compare with the prior year's?") asks no year of its own."""
    if asks_movement(piece) or compares_with_earlier(piece):
        return replace(focus, year_back=False)
    kept = focus.periods if periods(piece) else frozenset(p for p in focus.periods if p[:2] != "Em")
    return replace(focus, year_back=True, periods=kept)


def _parallel_moves(left: str, right: str) -> bool:
    """Does each side ask a move in the same words ("the growth in ...")?"""
    moves = [m.group(0).lower() for m in (CHANGE_CUE.search(side) for side in (left, right)) if m]
    return len(moves) == 2 and moves[0] == moves[1]


def _borrowed_head(left: list[str], right: list[str]) -> str:
    """What the right side of a comparison borrows from the left's measure words: its head
    noun ("pump sales" vs "valves": "sales"), or, where both sides name only
    a forecast ("FY27 operating profit estimate" vs "the company's guidance"), the measure
    forecast ("operating profit"), not the forecast word."""
    measure = [w for w in left if not asks_forecast(w)]
    if asks_forecast(left[-1]) and measure and right and all(asks_forecast(w) for w in right):
        return " ".join(measure)
    return left[-1]


def _dated(text: str, labels: frozenset[str], sources: tuple[str, ...]) -> str:
    """A compared side's text with the period it asks, in the question's words, where the
    text names no period of its own: the side is answered from its text ("ebitda (FY31)",
    not the latest column of "EBITDA - FY31F: 512.0; FY32F: 540.5")."""
    if not labels or periods(text):
        return text
    for source in sources:
        words = [source[a:b] for a, b in period_spans(source)]
        words = [w for w in dict.fromkeys(words) if periods(w) <= labels]
        if words and periods(" ".join(words)) == labels:
            return f"{text} ({', '.join(words)})"
    return text


def _with_tense(focus: QuestionFocus, whole: QuestionFocus) -> QuestionFocus:
    """A part of a question that asks what happened asks it too ("how did GAAP margin
    compare with the adjusted one?": the adjusted margin reported, not its guidance)."""
    if not asks_actual(whole.words) or asks_actual(focus.words):
        return focus
    tense = frozenset(w for w in whole.words if asks_actual(frozenset({w})))
    return replace(focus, words=focus.words | tense)


__all__ = [
    "ALL_FIGURE_KINDS",
    "QuestionPart",
    "asks_for_names",
    "asks_for_place",
    "asks_value",
    "clean_question",
    "each_period",
    "is_followup",
    "question_kinds",
    "question_parts",
    "resolve_followup",
    "values_asked",
]
