"""Questions: cleaning, the kinds of figure asked for, their parts, and follow-ups.

``clean_question`` refuses what cannot be a question (not text, empty, too long) with a
message that says what to do. The rest reads a question for evidence selection:

- ``question_kinds`` / ``currency_wanted``: the kinds of figure and the currency asked for;
- ``question_parts``: a question that asks two things ("what did it total and how much did
  it grow?") or compares two owners ("how does X's growth compare with Y's?") is split into
  parts, each answered by its own evidence;
- ``resolve_followup``: "And what did they cut it to?", "Why?", "and in 2024?", "what about
  Globex?" are read against the conversation and rewritten as a question that stands alone.

Nothing here knows a corpus: names are recognised by shape (``assistant.entities``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.entities import Subject, is_rare, names_in, normalise
from assistant.errors import InputError
from assistant.matching import QuestionFocus, asked_kinds, question_focus, without_sources
from assistant.measure_words import StemBag, measure_words
from assistant.periods import periods
from assistant.text import expand_contractions, stem, tokenize
from assistant.units import currency_wanted

_ASKS_NAMES = re.compile(
    # "which kind of customers" asks for a description, not names.
    r"^\W*(?:which|who|whom|whose|name|list)\b(?!\s+(?:kinds?|types?|sorts?)\s+of\b)"
    r"|\b(?:which|who)\b(?!\s+(?:kinds?|types?|sorts?)\s+of\b)",
    re.I,
)
ALL_FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FOLLOWUP_START = re.compile(
    r"^(?:and|also|so|what about|how about|and what about|in|what of|same for|then|why|how come)"
    r"\b",
    re.I,
)
_WHAT_ABOUT = re.compile(
    r"^(?:and\s+)?(?:what|how)\s+about\s+|^(?:and|also|same for|what of)\s+(?=\S)", re.I
)
_PRONOUN = re.compile(r"\b(?:it|its|that|those|they|their|this|these|them)\b", re.I)
_OWNER_PRONOUN = re.compile(r"\b(?:they|them|their|its)\b", re.I)
_THING_PRONOUN = re.compile(r"\b(?:it|that|this|those|these)\b(?!\s+(?:is|was)\s+\w+ing)", re.I)
_WH_START = re.compile(
    r"^(?:by\s+)?(?:how\s+(?:much|many|far|fast|long|big|large)|what|which|how|when|where)"
    r"(?:\s+\w+){0,3}?\s+(did|does|do|is|are|was|were|has|have|had|will|would|can)\b",
    re.I,
)
# Words that join two questions in one: "... and how much did it grow?".
_SECOND_QUESTION = re.compile(
    r",?\s+(?:and|but|while|as well as)\s+(?:(?:roughly|approximately|about|also|then)\s+)?"
    r"(?=(?:by\s+)?(?:how|what|which|when|why|where|who|did|does|is|was|were|has|have)\b)",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|against|relative to|stack\w* up|than|differ\w*|both)\b", re.I
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


# --------------------------------------------------------------------------- follow-ups


def is_followup(question: str) -> bool:
    """A short, pronoun-led or "and ..." question leans on the previous one."""
    named = bool(names_in(question))
    return bool(
        _FOLLOWUP_START.match(question)
        or (len(tokenize(question)) <= 2 and not named)
        or (_PRONOUN.search(question) and not named)
    )


def _owner_of(question: str) -> str | None:
    """The first name a question asks about, as written (possessive dropped)."""
    mentions = names_in(question)
    return mentions[0].text if mentions else None


def _measure_phrase(question: str) -> str:
    return " ".join(measure_words(question))


def _why(previous: str) -> str:
    """ "How much did X fall?" -> "Why did X fall?"."""
    match = _WH_START.match(previous)
    if match:
        return f"Why {match.group(1)}{previous[match.end() :]}".rstrip("?") + "?"
    return f"Why? {previous}"


_PERIOD_PHRASE = re.compile(
    r"\b(?:Q[1-4]\s*)?(?:19|20)\d\d(?:/\d\d)?\b|\bQ[1-4]\b|\bH[12]\b|\bFY\s?\d{2,4}\b"
    r"|\b(?:first|second|third|fourth)[\s-]+(?:quarter|half)\b|\b(?:full|half)[\s-]+year\b",
    re.I,
)


def _substitute(previous: str, new: str) -> str:
    """The previous question about ``new`` instead: a period, a name or a measure ("" when
    ``new`` is none of these, e.g. a currency)."""
    new = new.strip().rstrip("?").strip()
    if periods(new) and not measure_words(new):
        old = list(_PERIOD_PHRASE.finditer(previous))
        core = _PERIOD_PHRASE.search(new)
        period = core.group(0) if core else re.sub(r"^(?:in|for|during)\s+", "", new)
        if old:
            return previous[: old[0].start()] + period + previous[old[-1].end() :]
        return f"{previous.rstrip('?')} in {period}?"
    # A bare capitalised reply ("Globex?") is a name even at the start of a sentence.
    names = names_in(new, frozenset({new.lower()}) if new[:1].isupper() else frozenset())
    old_names = names_in(previous)
    words = measure_words(previous)
    if names and old_names:
        first = old_names[0]
        return previous[: first.start] + names[0].text + previous[first.end :]
    if names and words:
        # "grocery sales" -> "Globex sales": the name takes the place of the modifiers, the
        # head noun (the measure) stays.
        lower = previous.lower()
        start = lower.find(words[0])
        head = lower.find(words[-1], start)
        if len(words) >= 2 and 0 <= start < head:
            return previous[:start] + names[0].text + " " + previous[head:]
        if start >= 0:
            return previous[:start] + f"{names[0].text}'s " + previous[start:]
    if measure_words(new) and words:
        lower = previous.lower()
        start, end = lower.find(words[0]), lower.rfind(words[-1]) + len(words[-1])
        if 0 <= start < end:
            return previous[:start] + new + previous[end:]
    return ""


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question to retrieve with: a follow-up is rewritten to stand alone.

    ``history`` holds the earlier (resolved) questions, oldest first. "Why?" asks why the
    last question's fact happened; "and in 2024?" / "what about Globex?" ask the last
    question again about another period or name; "it", "they", "that" stand for the last
    question's measure and owner.
    """
    if not history or not is_followup(question):
        return question
    previous = history[-1]
    bare = question.strip()
    if re.fullmatch(
        r"(?:and\s+|but\s+|so\s+)?(?:why|how come)(?:\s+(?:did|does|is|was)\s+(?:that|this|it)"
        r"(?:\s+happen)?)?\s*\??",
        bare,
        re.I,
    ):
        return _why(previous)
    about = _WHAT_ABOUT.match(bare)
    rest = bare[about.end() :] if about else bare
    if about and not _PRONOUN.search(rest) and len(tokenize(rest)) <= 4:
        # What cannot be substituted ("and in yuan?") is read after the last question.
        return _substitute(previous, rest) or f"{previous} {question}"
    resolved = bare
    owner = _owner_of(previous)
    measure = _measure_phrase(previous)
    if owner and not names_in(bare):
        resolved = _OWNER_PRONOUN.sub(lambda m: _possessive(owner, m.group(0)), resolved)
    if measure and not measure_words(re.sub(_PRONOUN, " ", resolved)):
        resolved = _THING_PRONOUN.sub(measure, resolved, count=1)
    if resolved == bare or not (names_in(resolved) or measure_words(resolved)):
        return f"{previous} {question}"
    return re.sub(r"^(?:and|so|also)\s+", "", resolved, flags=re.I)


def _possessive(owner: str, pronoun: str) -> str:
    return f"{owner}'s" if pronoun.lower() in ("their", "its") else owner


def recase(text: str, subject: Subject | None, known: frozenset[str] = frozenset()) -> str:
    """``text`` with names typed in lower case written as names: "how much is acme
    spending" -> "ACME" (the subject's alias), "initech's sales" -> "Initech's" (a name the
    corpus uses that is no English word). People type questions in lower case."""
    forms = {f: f for f in (subject.name, *subject.aliases) if f} if subject else {}
    for name in known:
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
        pattern = rf"(?<![\w'\u2019]){re.escape(form)}(?=\W|$)"
        text = re.sub(
            pattern, lambda m, f=forms[form]: _keep_upper(m.group(0), f), text, flags=re.I
        )
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


def _split_questions(question: str) -> list[str]:
    pieces = [p.strip(" ,?") for p in _SECOND_QUESTION.split(question)]
    return [p for p in pieces if p]


def _owners_compared(question: str, subject: Subject | None) -> list[str]:
    """The owners a comparison question sets side by side ("X's growth vs Y's")."""
    # A cue word capitalised inside a name ("Taste the Difference") compares nothing.
    if not any(m.group(0).islower() or m.start() == 0 for m in _COMPARISON.finditer(question)):
        return []
    owners: dict[str, str] = {}
    question = without_sources(question)
    for m in names_in(question, subject.keys | subject.words if subject else frozenset()):
        key = "" if subject and subject.is_subject(m.text) else normalise(m.text)
        owners.setdefault(key, m.text)
    return list(owners.values()) if len(owners) >= 2 else []


_VERSUS = re.compile(
    r"\b(?:compar\w*\s+(?:with|to|against)|versus|vs\.?|against|relative to|than)\s+", re.I
)


def _compared_sides(question: str) -> tuple[str, str] | None:
    """ "grocery sales growth compare with general merchandise" -> the two sides."""
    match = _VERSUS.search(question)
    if not match:
        return None
    left, right = question[: match.start()], question[match.end() :]
    if not measure_words(left) or not measure_words(right):
        return None
    return left, right


def _side_parts(
    sides: tuple[str, str],
    whole: QuestionFocus,
    kinds: frozenset[str],
    subject: Subject | None,
    known: frozenset[str],
) -> list[QuestionPart]:
    """One part per side; the right side borrows the left's head noun ("sales") when it
    names only what differs ("general merchandise")."""
    left, right = sides
    words = measure_words(left)
    head = words[-1]
    borrowed = len(words) >= 2 and head not in measure_words(right)
    if borrowed and len(measure_words(right)) <= 2:
        right = f"{right.rstrip('?. ')} {head}"
    parts = []
    for side in (left, right):
        focus = question_focus(side, subject, known)
        if not focus.periods and whole.periods:
            focus = replace(focus, periods=whole.periods)
        parts.append(QuestionPart(" ".join(measure_words(side)), focus, kinds))
    if borrowed and re.match(r"\s*(?:its|their)\b", right, re.IGNORECASE):
        # "the forward P/E compared with its ten-year average": the right side is the left's
        # measure with something added ("average"), so the left side is the figure without.
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
    question = recase(question, subject, known)
    whole = question_focus(question, subject, known)
    whole_kinds = question_kinds(question, whole)
    compared = _owners_compared(question, subject)
    if compared:
        parts = []
        for owner in compared:
            others = [o for o in compared if o != owner]
            text = question
            for other in others:
                text = re.sub(rf"\b{re.escape(other)}(?:'s|\u2019s)?", " ", text)
            focus = question_focus(text, subject, known)
            if subject is None or not subject.is_subject(owner):
                # "compare with Initech": the name compared owns its side's figure.
                key = normalise(owner)
                focus = replace(
                    focus, subjects=frozenset({key}), qualifiers=focus.qualifiers - {key}
                )
            parts.append(QuestionPart(f"{owner}: {whole.phrase}", focus, whole_kinds))
        return parts
    sides = _compared_sides(question)
    if sides:
        return _side_parts(sides, whole, whole_kinds, subject, known)
    pieces = _split_questions(question)
    if len(pieces) < 2:
        return [QuestionPart(question, whole, whole_kinds)]
    parts = []
    for piece in pieces:
        focus = question_focus(piece, subject, known)
        if not focus.subjects and whole.subjects and not names_in(piece):
            focus = replace(focus, subjects=whole.subjects, qualifiers=whole.qualifiers)
        if not focus.periods and whole.periods:
            focus = replace(focus, periods=whole.periods)
        if not focus.measures and parts:
            prior = parts[-1].focus
            focus = replace(focus, measures=prior.measures, phrase=prior.phrase)
        elif parts and _MORE_OF_IT.match(piece) and (counted := _COUNTED.search(parts[-1].text)):
            # "how many stores ..., and how many more are planned?": more of the same things.
            noun = counted.group(1).lower()
            focus = replace(
                focus,
                measures=StemBag(focus.measures | {stem(noun)}),
                phrase=f"{noun} {focus.phrase}".strip(),
            )
        parts.append(QuestionPart(piece, focus, question_kinds(piece, focus) or whole_kinds))
    return parts


_MORE_OF_IT = re.compile(
    r"\s*(?:and\s+)?how\s+(?:many|much)\s+(?:more|further|else)\s+(?:is|are|was|were|will|have"
    r"|has|do|does|did)\b",
    re.IGNORECASE,
)

_COUNTED = re.compile(r"\bhow\s+many\s+(?!more\b|of\b)([a-z][a-z\-]*)", re.IGNORECASE)

# Questions that ask for a value without a cue word: "what was X?", "how did X change?".
_VALUE_QUESTION = re.compile(
    r"^\s*(?:what\s+(?:is|was|were|are|will|would)\b|what\s+happened\s+to\b"
    r"|how\s+(?:big|large|high|low|fast|well|strong)\b"
    r"|how\s+(?:did|does|do|has|have|is|are|was|were)\s+.+?\b(?:chang|react|perform|fare|mov"
    r"|develop|trend|compar|stack|shap|look)\w*|how\s+(?:did|does|do|is|are)\s+.+?\s+(?:do|doing)\b)",
    re.I,
)


def question_kinds(question: str, focus: QuestionFocus) -> frozenset[str]:
    """Kinds of figure asked for; a "what was X" question about a measure asks for any."""
    kinds = frozenset(asked_kinds(question))
    # "How's Taste the Difference doing?" names no measure but asks how the name did.
    if not kinds and (focus.measures or focus.subjects) and asks_value(question):
        kinds = ALL_FIGURE_KINDS
    if currency_wanted(question):
        kinds |= {"money"}  # "... in £?": an amount
    return kinds - {"year"} if kinds - {"year"} else kinds


def asks_for_names(question: str) -> bool:
    """ "Which brands ...?", "Who ...?", "Name the partners": the answer is a list of names."""
    return bool(_ASKS_NAMES.search(question))


def asks_value(question: str) -> bool:
    """A question shaped to ask for a value though it names no unit or change."""
    return bool(_VALUE_QUESTION.match(expand_contractions(question)))


def topic_terms(question: str, focus: QuestionFocus) -> set[str]:
    """The stems that say what the figure is of (the measure phrase; kept for callers)."""
    return set(focus.measures)


__all__ = [
    "ALL_FIGURE_KINDS",
    "QuestionPart",
    "asks_value",
    "clean_question",
    "is_followup",
    "question_kinds",
    "question_parts",
    "resolve_followup",
    "topic_terms",
]
