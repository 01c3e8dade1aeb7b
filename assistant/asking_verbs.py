"""Verbs that ask rather than name a measure: "how much capex did Acme spend?" asks for the
capex; "how much is Acme pouring into AI?" for what it puts into AI. The measure is read from
the question without them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.text import STOPWORDS

_DOER = (
    r"\s+(?:it|they|we|you|he|she|the\s+\w+(?:\s+(?:division|segment|unit|business|group))?|"
    r"[A-Z][\w'\u2019.&\-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'\u2019.&\-]*)*)"
    # ... not after a possessive: "did Acme's sales do" names what Acme has.
    r"(?<!['\u2019]s)\s+"
)
# ... the verb ends the question or a preposition or a period follows it ("pay per share",
# "spend jan-jun 2026").
_PERIOD_AFTER = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[qh][1-4]|fy)\b|\d"
)
_VERB_END = (
    r"\b(?=\s*[?.!]?\s*$|\s+(?:" + "|".join(sorted(STOPWORDS)) + r")\b|\s+" + _PERIOD_AFTER + ")"
)
# "are they working off", "did it put out": a particle goes with its verb.
_PARTICLE = r"(?:\s+(?:off|up|out|on|over|through|down))?"
_DO_SUPPORT = re.compile(  # ... a verb, not a noun ("did Acme earnings per share": idioms),
    # nor the noun before the verb ("how did Homeware volumes do?"), nor a plural, which no verb
    # after "did" is ("how did Acme sales [compare]"; "discuss", "focus" are verbs)
    r"\b(?:do|does|did|will|would|can|could)"
    + _DOER
    + r"([a-z]+)(?<!ings)(?<![^su\W]s)"
    + _PARTICLE
    + r"(?!\s+(?:do|perform|fare|go|hold\s+up|look)\b)"
    + _VERB_END
)
# "how much is Acme pouring into AI": a verb in -ing after "is" says how, when more is asked.
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were)" + _DOER + r"([a-z]+ing)" + _PARTICLE + _VERB_END)
# "how much in savings is the move expected to deliver?": a verb that only says the figure
# comes about; a verb of change ("expected to grow") still names what is asked.
_EXPECTED_TO = re.compile(
    r"\b(?:expected|forecast|projected|estimated|likely|set|due|going)\s+to\s+"
    r"(deliver|yield|generate|produce|bring\s+in|achieve|realise|realize|unlock)" + _VERB_END,
    re.I,
)


def without_do_support(question: str, names: Iterable[str] = ()) -> str:
    """The question less the verb after do-support ("did Acme spend"); ``names`` are the
    subject's, which a question may write in lower case."""
    return _DO_SUPPORT.sub(_without_verb, _cased(question, names))


def without_progressive(question: str) -> str:
    """The question less a verb in -ing after "is" ("is Acme pouring"), or a verb that only
    says a figure comes about ("is the move expected to deliver")."""
    return _EXPECTED_TO.sub(_without_verb, _PROGRESSIVE.sub(_without_verb, question))


def _cased(question: str, names: Iterable[str]) -> str:
    """The question with the subject's names capitalised where it writes them in lower case
    ("how much capex did globex spend": the verb after do-support still asks nothing)."""
    for name in sorted(names, key=len, reverse=True):
        if name.isalpha() and len(name) > 2:
            question = re.sub(rf"\b{re.escape(name)}\b", name.title(), question)
    return question


# ... unless the verb's noun names the measure: "how much did shoppers save?" asks the
# savings, "how much did the bank earn?" its earnings.
# ("how much did the stock lose?" asks a move, not losses)
_MEASURE_OF_VERB = {"save": "savings", "earn": "earnings"}


def _without_verb(match: re.Match[str]) -> str:
    kept = match.group(0)[: match.start(1) - match.start(0)]
    return kept + _MEASURE_OF_VERB.get(match.group(1).lower(), "")


# "Acme lifted its dividend to €0.35 - does that signal confidence in H2?": a claim with a
# figure, then a yes-or-no question about what "that" means. The claim is the fact asked
# about (and checked); the words after it are an opinion the sources cannot state.
_CLAIM_THEN_MEANING = re.compile(
    r"^(?P<claim>[^?]*\d[^?]*?)\s+[-\u2013\u2014]+\s+(?:(?:so|and|but)\s+)?"
    r"(?:does|do|did|is|was|will|would|should|could|can|might)\s+(?:that|this|it)\b[^?]*\?*\s*$",
    re.I,
)


def claim_asked(question: str) -> str:
    """The claim a "<claim> - does that mean ...?" question asks about ("" -> unchanged)."""
    found = _CLAIM_THEN_MEANING.match(question)
    return f"{found.group('claim').strip()}?" if found else question


__all__ = ["claim_asked", "without_do_support", "without_progressive"]
