"""Follow-up questions read against the conversation.

"And what did they cut it to?", "Why?", "and in 2024?", "what about Globex?" lean on the
question before; ``resolve_followup`` rewrites them as a question that stands alone, so the
rest of the pipeline reads every question the same way. Names are recognised by shape
(``assistant.entities``), measures by ``assistant.measure_words``; nothing here knows a corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.asking_verbs import without_do_support, without_progressive
from assistant.cues import asks_movement
from assistant.earlier_values import year_before
from assistant.entities import names_in
from assistant.focus import said_at, without_sources
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.prior_year import asks_prior_year
from assistant.synonyms import plain_terms
from assistant.text import tokenize

_FOLLOWUP_START = re.compile(
    r"^(?:and|also|so|what about|how about|and what about|in|what of|same for|then|why|how come)"
    r"\b",
    re.I,
)
_WHAT_ABOUT = re.compile(
    r"^(?:and\s+)?(?:what|how)\s+about\s+|^(?:and|also|same for|what of)\s+(?=\S)", re.I
)
_PRONOUN = re.compile(r"\b(?:it|its|that|those|they|their|this|these|them|his|her)\b", re.I)
# ("his target" after "who covers Acme?": the analyst's target on Acme)
_OWNER_PRONOUN = re.compile(r"\b(?:they|them|their|its|his|her)\b", re.I)
# "has it dented", "did it add": "it" as the subject of a verb.
_IT_DOES = re.compile(r"\b(?:has|have|had|did|does|do|will|would|could|can)\s+(it)\b", re.I)
_THING_PRONOUN = re.compile(r"\b(?:it|that|this|those|these)\b(?!\s+(?:is|was)\s+\w+ing)", re.I)
_WH_START = re.compile(
    r"^(?:by\s+)?(?:how\s+(?:much|many|far|fast|long|big|large)|what|which|how|when|where)"
    r"(?:\s+\w+){0,3}?\s+(did|does|do|is|are|was|were|has|have|had|will|would|can)\b",
    re.I,
)


# "how does that compare with Globex?": "that" is the last answer, whoever is named.
_THAT_AGAINST = re.compile(
    r"\b(?:that|this|it)\s+(?:compare|stack|measure|line)s?\b|\b(?:that|this|it)\s+(?:vs|versus|against)\b",
    re.I,
)


def is_followup(question: str) -> bool:
    """A short, pronoun-led or "and ..." question leans on the previous one."""
    named = bool(names_in(question))
    return bool(
        _FOLLOWUP_START.match(question)
        or _THAT_AGAINST.search(question)
        or (len(tokenize(question)) <= 2 and not named)
        or (_PRONOUN.search(question) and not named)
    )


# "the heat-pump business", "the Asia division": an owner named by what it is.
_UNIT = re.compile(r"\bthe\s+((?:[\w&-]+\s+){0,3}(?:business|division|segment|unit|arm))\b", re.I)


def _unit_of(question: str) -> str | None:
    """The business unit a question names by description ("the heat-pump business"), if any."""
    found = _UNIT.search(question)
    return f"the {found.group(1)}" if found else None


def _owner_of(question: str) -> str | None:
    """The first name a question asks about, as written (possessive dropped); of "Acme's
    Ground Services", the part named after the possessive. Who reports is not the owner:
    "does Dunmore expect Acme to generate", "per Dunmore"."""
    question = _REPORTER_VERB.sub(" ", without_sources(question))
    mentions = names_in(question)
    if len(mentions) > 1 and mentions[0].possessive and mentions[1].start - mentions[0].end <= 4:
        return mentions[1].text
    return mentions[0].text if mentions else None


# "does Dunmore expect Acme to ...": the one expecting reports the figure, it owns none.
_REPORTER_VERB = re.compile(
    r"\b(?:does|did|do|will)\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+"
    r"(?=(?:expect|estimate|forecast|project|see|model)\s+[A-Z])"
)


# "what about Globex's own sales over the same stretch?": words that add nothing to the
# previous question (its period stays unless another is named).
_SAME_AGAIN = re.compile(
    r"(?<=['\u2019]s)\s+own\b|\s*,?\s+(?:over|in|for|during)\s+the\s+same\s+"
    r"(?:stretch|period|time|span|window|timeframe)\b|\s*,?\s+(?:too|as\s+well)(?=\s*\??$)",
    re.I,
)


_AS_A = re.compile(r"^(?:and\s+|so\s+)?as\s+an?\s+([a-z]+)\s*,\s*", re.I)


_YEAR_EARLIER = re.compile(
    r"(?:(?:in\s+)?(?:a|the)\s+year\s+(?:earlier|before|ago)"
    r"|(?:in\s+)?the\s+(?:prior|previous)\s+year|last\s+year"
    r"|(?:the\s+)?same\s+(?:period|quarter|half)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))",
    re.I,
)


# "that North Sea Wind win": a demonstrative before a name points at what it names.
_DETERMINER = re.compile(r"\b(?:that|this|those|these)\s+(?=[A-Z])")


def _stands_alone(question: str) -> bool:
    """Does a follow-up name what it asks about, its only pronoun a demonstrative before a
    name ("how big was that North Sea Wind win?")?"""
    rest = _DETERMINER.sub(" ", question)
    return rest != question and not _PRONOUN.search(rest) and bool(names_in(rest))


def _in_periods(question: str) -> str:
    """ " in FY26" for the period phrases of ``question`` ("" when it names none)."""
    when = " ".join(m.group(0) for m in _PERIOD_PHRASE.finditer(question))
    return f" in {when}" if when else ""


def _measure_phrase(question: str) -> str:
    # "what EPS consensus are they working off?": the asking verb is no part of the measure.
    return " ".join(measure_words(without_do_support(without_progressive(question))))


def _why(previous: str) -> str:
    """ "How much did X fall?" -> "Why did X fall?"."""
    match = _WH_START.match(previous)
    if match:
        return f"Why {match.group(1)}{previous[match.end() :]}".rstrip("?") + "?"
    return f"Why? {previous}"


_BEFORE_THE_MOVE = re.compile(
    r"(?:and\s+)?what\s+(?:was|were|did)\s+(?:it|that|they|this)\s+(?:stand\s+at\s+|be\s+)?"
    r"before\s+(?:they|it|he|she|the\s+\w+)\s+(?:cut|raised|lowered|changed|trimmed|lifted|hiked"
    r"|revised|moved|reduced|increased|upgraded|downgraded)\s+(?:it|them|that|this)\s*\??",
    re.I,
)
# "next year's fuel", "this season": a time of its own, though no period label.
_RELATIVE_TIME = re.compile(
    r"\b(?:next|this|coming|following|last)\s+(?:year|quarter|half|season|summer|winter)",
    re.I,
)
_PERIOD_PHRASE = re.compile(
    r"\b(?:Q[1-4]\s*)?(?:19|20)\d\d(?:/\d\d)?\b|\bQ[1-4]\b|\bH[12]\b|\bFY\s?\d{2,4}(?:/\d{2,4})?\b"
    r"|\b(?:first|second|third|fourth)[\s-]+(?:quarter|half)\b|\b(?:full|half)[\s-]+year\b",
    re.I,
)


_ASKS_LEVEL = re.compile(r"\b(?:figure|level|number|amount|actual|itself)\b", re.I)
_DO_SUPPORT_BEFORE = re.compile(r"\b(?:did|does|do|will|would|can)\s+(?:\S+\s+){1,3}$", re.I)


def _substitute(previous: str, new: str) -> str:
    """The previous question about ``new`` instead: a period, a name or a measure ("" when
    ``new`` is none of these, e.g. a currency)."""
    new = new.strip().rstrip("?").strip()
    if asks_prior_year(new) and not _PERIOD_PHRASE.search(new):
        return f"{previous.rstrip('?. ')} a year earlier?"  # "and the year before?"
    measured = bool(measure_words(new))
    if periods(new) and not measured:
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
        head = previous.lower().rfind(words[-1]) if words and measured else -1
        if head > first.start:
            # "Homewares sales" + "and Globex's grocery sales?": the new owner and measure.
            return previous[: first.start] + new + previous[head + len(words[-1]) :]
        # "HG & pets" is one name, its lower-case half too.
        joined = re.match(r"\s*&\s*[A-Za-z][\w-]*", previous[first.end :])
        end = first.end + (joined.end() if joined else 0)
        return previous[: first.start] + names[0].text + previous[end:]
    if names and words:
        # "grocery sales" -> "Globex sales": the name takes the place of the modifiers, the
        # head noun (the measure) stays.
        lower = previous.lower()
        start = lower.find(words[0])
        head = lower.find(words[-1], start)
        if len(words) >= 2 and 0 <= start < head and "&" in previous[start:head]:
            # "HG & pets" -> "Homewares": words joined by "&" are one segment's name.
            return previous[:start] + names[0].text + previous[head + len(words[-1]) :]
        if len(words) >= 2 and 0 <= start < head:
            return previous[:start] + names[0].text + " " + previous[head:]
        if start >= 0:
            return previous[:start] + f"{names[0].text}'s " + previous[start:]
    if measured and _ASKS_LEVEL.search(new) and asks_movement(previous):
        # "how much did FCF fall?" + "and the actual FCF figure?": the level, not the move.
        new = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.I)
        return f"What was {new}{_in_periods(previous)}?"
    if measured and words:
        lower = previous.lower()
        start, end = lower.find(words[0]), lower.rfind(words[-1]) + len(words[-1])
        verb = _DO_SUPPORT_BEFORE.search(previous[:start])
        if old_names and verb and not re.search(r"['\u2019]s\b", verb.group(0)):
            # "What did Acme announce about dividends in FY26?" + "and the final dividend?":
            # the old measure opens with a verb, so the new one cannot take its place.
            new = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.I)
            return f"What was {old_names[0].text}'s {new}{_in_periods(previous)}?"
        if 0 <= start < end:
            # "how much did Acme's revenue grow?" + "and the margin?": "Acme's margin".
            if re.search(r"['\u2019]s\s+$", previous[:start]):
                new = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.I)
            return previous[:start] + new + previous[end:]
    if measured and old_names:
        # "How did Globex hold up?" names no measure: "what about volumes?" asks Globex's.
        first = old_names[0]
        return f"{previous[: first.end]} {new}{previous[first.end :]}"
    return ""


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question to retrieve with: a follow-up is rewritten to stand alone.

    ``history`` holds the earlier (resolved) questions, oldest first. "Why?" asks why the
    last question's fact happened; "and in 2024?" / "what about Globex?" ask the last
    question again about another period or name; "it", "they", "that" stand for the last
    question's measure and owner.
    """
    plain = plain_terms(question)  # "and the yr-ago comp?": "year-ago"
    if not history or not is_followup(plain):
        return question
    previous = history[-1]
    bare = plain.strip()
    if re.fullmatch(
        r"(?:and\s+|but\s+|so\s+)?(?:why|how come)(?:\s+(?:did|does|is|was)\s+(?:that|this|it)"
        r"(?:\s+happen)?)?\s*\??",
        bare,
        re.I,
    ):
        return _why(previous)
    if _THAT_AGAINST.search(bare):
        # "how does that compare with Globex?": the last question, set against the name.
        return f"{previous} {question}"
    if _BEFORE_THE_MOVE.fullmatch(bare):
        # "what was it before they cut it?": the previous question's value before the move.
        if re.search(r"\bthe\s+", previous, re.I):
            return re.sub(r"\bthe\s+", "the previous ", previous, count=1, flags=re.I)
        return f"{previous.rstrip('?. ')} before the change?"
    about = _WHAT_ABOUT.match(bare)
    rest = _SAME_AGAIN.sub("", bare[about.end() :]) if about else bare
    if about and _YEAR_EARLIER.fullmatch(rest.rstrip("?. ")) and (earlier := year_before(previous)):
        return earlier  # "what about a year earlier?": the last question, a year back
    if about and not _PRONOUN.search(rest) and len(tokenize(rest)) <= 4:
        # What cannot be substituted ("and in yuan?") is read after the last question.
        return _substitute(previous, rest) or f"{previous} {question}"
    if _stands_alone(bare):
        # "and how big was that North Sea Wind win?": "that" points at a thing it names, one
        # the last answer gave; the last question's period would only narrow it.
        return re.sub(r"^(?:and|so|also)\s+", "", bare, flags=re.I)
    resolved = bare
    owner = _owner_of(previous) or _unit_of(previous)
    measure = _measure_phrase(previous)
    recast = _AS_A.match(bare)
    if recast and measure:
        # "and as a margin, what did they get to?": the last measure, as a margin.
        resolved = f"{bare[recast.end() :].rstrip('?. ')}: {measure} {recast.group(1)}?"
    if owner and not names_in(bare):
        # "how many shares did Acme buy?": the things counted are the shares.
        counted = re.search(r"\bhow\s+many\s+([a-z][\w-]*)", previous, re.I)
        thing = counted.group(1) if counted else measure
        resolved = _OWNER_PRONOUN.sub(lambda m: _owner_or_thing(m, owner, thing), resolved)
    if measure and not measure_words(re.sub(_PRONOUN, " ", resolved)):
        # "and Homewares?" + "what was that in Q2?": that is Homewares's sales, not the group's.
        thing = _thing(previous, measure, said_at(resolved))
        thing = f"{owner}'s {thing}" if owner and not names_in(resolved) else thing
        resolved = _THING_PRONOUN.sub(thing, resolved, count=1)
    doer = _IT_DOES.search(resolved) if measure and resolved == bare else None
    if doer and measure_words(resolved[doer.end() :]):
        # "how much has it dented the segment's EBITA?": "it" does something to a measure the
        # question names, so it is the last question's thing ("Acme's drone delivery push").
        thing = f"{owner}'s {measure}" if owner else measure
        resolved = f"{resolved[: doer.start(1)]}{thing}{resolved[doer.end(1) :]}"
    if resolved == bare and not owner and measure_words(bare) and not _THING_PRONOUN.search(bare):
        # "did they buy back shares?" after a question naming no one: "they" is the
        # corpus subject, as in any question, and the question says what it asks.
        return re.sub(r"^(?:and|so|also)\s+", "", bare, flags=re.I)
    if resolved == bare and measure_words(bare) and not _PRONOUN.search(bare):
        # "and home goods alone, excluding pets?" after "how did Globex do in q1?": it
        # names what it asks, of no one the last question named; only the period carries.
        return _alone(bare, previous)
    if resolved == bare or not (names_in(resolved) or measure_words(resolved)):
        return f"{previous} {question}"
    if not periods(resolved) and not _RELATIVE_TIME.search(resolved) and periods(previous):
        # "What was its revenue?" after a question about FY26 asks FY26's.
        resolved = resolved.rstrip("?. ") + _in_periods(previous) + "?"
    return re.sub(r"^(?:and|so|also)\s+", "", resolved, flags=re.I)


# "the FY26/27 EBIT guide": what was expected of the measure, not the measure itself.
_EXPECTED_NOUN = re.compile(
    r"\b(?:guide|guidance|forecast|outlook|target|estimate|consensus|plan)s?\b", re.I
)


def _thing(previous: str, measure: str, dated: bool) -> str:
    """What "it" stands for in a follow-up: the last question's measure with its expectation
    noun ("underlying EBIT guide"), and its period where the follow-up names when it was said
    ("did they change it at Q1?" after "the FY26/27 guide": FY26/27's guide, said at Q1)."""
    noun = _EXPECTED_NOUN.search(previous)
    thing = f"{measure} {noun.group(0)}" if noun and noun.group(0) not in measure else measure
    period = _PERIOD_PHRASE.search(previous) if dated else None
    return f"{period.group(0)} {thing}" if period else thing


def _alone(question: str, previous: str) -> str:
    """A follow-up that names what it asks, standing alone: without its opening "and", in
    the previous question's period unless it names a time of its own."""
    alone = re.sub(r"^(?:and|so|also)\s+", "", question, flags=re.I)
    if periods(alone) or _RELATIVE_TIME.search(alone) or not periods(previous):
        return alone
    return alone.rstrip("?. ") + _in_periods(previous) + "?"


def _owner_or_thing(match: re.Match[str], owner: str, thing: str) -> str:
    """ "what did they pay for them?" after "how many shares did Acme buy?": "they" is Acme,
    "them", after the owner or in "how many of them", the things counted."""
    pronoun = match.group(0)
    before = match.string[: match.start()]
    counted = re.search(r"\b(?:many|much|which|most|all|some|none|each|any)\s+of\s+$", before)
    after_owner = _OWNER_PRONOUN.search(before) or counted
    if pronoun.lower() == "them" and thing and after_owner:
        return thing
    return _possessive(owner, pronoun)


def _possessive(owner: str, pronoun: str) -> str:
    return f"{owner}'s" if pronoun.lower() in ("their", "its", "his", "her") else owner


__all__ = ["is_followup", "resolve_followup"]
