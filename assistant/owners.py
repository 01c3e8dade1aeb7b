"""Whose figure: the corpus subject, another organisation, or a place that qualifies it.

:func:`owners` reads the names of a text (``assistant.entities.names_in``) as the subject
(its name, aliases, or "it" / "the company"), as rivals, or, after a preposition of place or
a person's role, as qualifiers that own nothing.
"""

from __future__ import annotations

import itertools
import re

from assistant.entities import ROLE, Subject, names_in, normalise
from assistant.nationality import asides, describes

_SUBJECT_REFERENCE = re.compile(
    r"\b(?:the (?:company|group|firm|business|retailer|bank|brand)(?:'s|\u2019s)?|it|its|we|our"
    r"|they|their)\b",
    re.I,
)

_PLACE_BEFORE = re.compile(
    r"\b(?:of|in|into|across|throughout|within|outside|at|on|with|over|under|beyond|between"
    r"|among|about|against|versus|vs\.?)\s+(?:the\s+)?$",
    re.I,
)

# "chief financial officer Jane Roe said orders rose 24%": a person named by a role
# speaks for the figure; it is not theirs.
_ROLE_BEFORE = re.compile(rf"\b{ROLE}\s*,?\s+$", re.I)
# "Analysts polled by DataVane had expected ...": who gathered the figure is no owner.
_SOURCE_BEFORE = re.compile(
    r"\b(?:polled|surveyed|compiled|collated|gathered|tracked)\s+by\s+$|\baccording\s+to\s+$",
    re.I,
)
_ROLE_FIRST = re.compile(rf"^{ROLE}\s", re.I)  # "Chief Executive Jane Roe"


_ASIDE_OPEN = re.compile(r"\s*\(\s*")
_ASIDE_CLOSE = re.compile(r"\s*\)")


_DEFINED_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_DEFINES = re.compile(r"\b[a-z][a-z-]+\s*(?:\(|,?\s+or\s+)$")


def _defined_acronym(text: str, start: int, end: int) -> bool:
    """Are the capitals at ``start:end`` the letters of the words before them, given in
    brackets or after ", or" ("Unit revenue (RASK)", "unit revenue, or RASK,")?"""
    return bool(
        _DEFINED_ACRONYM.fullmatch(text, start, end)
        and _DEFINES.search(text, 0, start)
        and text[end : end + 1] in (")", ",")
    )


def _aside(text: str, name_end: int, start: int, end: int) -> bool:
    """Is the name at ``start:end`` alone in brackets right after another name?"""
    return bool(_ASIDE_OPEN.fullmatch(text, name_end, start) and _ASIDE_CLOSE.match(text, end))


def _is_reference(text: str) -> bool:
    return bool(_SUBJECT_REFERENCE.search(text))


def owners(
    text: str,
    subject: Subject | None,
    known: frozenset[str] = frozenset(),
    places: bool = True,
) -> tuple[frozenset[str], bool]:
    """(names other than the subject, whether the subject is named or referred to).

    With ``places=False`` a name after a preposition of place or relation ("in China",
    "into Southeast Asia", "share of Spain's market", "with Globex") is left out: it
    qualifies a figure, it does not own it.
    """
    known = known | (subject.keys | subject.words if subject else frozenset())
    others, home = set(), False
    mentions = names_in(text, known)
    aside_spans = asides(text, mentions)
    for i, mention in enumerate(mentions):
        before = mentions[i - 1] if i else None
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if before is not None and _aside(text, before.end, mention.start, mention.end):
            continue  # "Stark Valley (Market Perform)": a rating or ticker owns nothing
        if describes(text, mention, before, after, aside_spans):
            continue  # "Spain's Ferrovia Sur", "Pontevio S.r.l., Verona,": a description
        if _defined_acronym(text, mention.start, mention.end):
            continue  # "Unit revenue (RASK)", "unit revenue, or RASK,": a measure's letters
        if not places and _benchmark(text, mention.start, mention.end):
            continue  # "fuller planes than Acme: its load factor ...": no owner
        if _speaker(text, mention.text, mention.end, known):
            continue  # "Roe said the plan should save $5 million": she speaks for it
        if after is not None and _ANALYST_AT.fullmatch(text, mention.end, after.start):
            continue  # "John Doe, an analyst at Vandelay Capital": the firm's figure
        firm = before is not None and _ANALYST_AT.fullmatch(text, before.end, mention.start)
        if subject is not None and subject.is_subject(mention.text):
            home = True
        elif (
            places
            or firm
            or not (
                _PLACE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
                or _ROLE_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
                or _SOURCE_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
                or _ROLE_FIRST.match(mention.text)
            )
        ):
            others.add(normalise(mention.text))
    # "it", "the company": the subject, unless another name stands there to refer to.
    home = home or (not others and _is_reference(text))
    if subject is None and others:
        # Without a known subject no name can be told apart from it: read none as a rival.
        home = True
    return frozenset(others), home


# "John Doe, an analyst at Vandelay Capital, who raised his price target to $62": the
# analyst speaks for the firm, whose figure it is.
_ANALYST_AT = re.compile(
    r",\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:analyst|economist|strategist)\s+"
    r"(?:at|with|from)\s+"
)


# "Roe said", "Roe told analysts": a person named by surname speaks; the name a corpus
# gives in full ("Jane Roe") tells a surname from a one-word company.
_SAYS = re.compile(r"\s+(?:said|says|told|added|noted|explained|argued|estimated)\b")


def _speaker(text: str, name: str, end: int, known: frozenset[str]) -> bool:
    """Is ``name`` (ending at ``end``) a person's surname before a verb of speaking?"""
    if " " in name or not _SAYS.match(text, end):
        return False
    surname = f" {name.lower()}"
    return any(k.endswith(surname) and len(k.split()) == 2 for k in known)


_THAN = re.compile(r"\bthan\s+(?:the\s+)?$", re.I)


def _benchmark(text: str, start: int, end: int) -> bool:
    """Is the name at ``start:end`` what another is compared with, its clause closed before
    the figure ("Globex is not flying fuller planes than Acme: its load factor was ...")?
    Not "faster than Globex's 7%", where the figure is the name's."""
    return bool(_THAN.search(text, max(0, start - 12), start)) and bool(
        re.search(r"[:;,\u2014]", text[end:])
    )


# "cuts of up to 9% by Globex": the name after "by" right behind a figure made it.
_BY_AGENT = re.compile(r"\s+by\s+(?=[A-Z])")


def agent_after(
    sentence: str, end: int, subject: Subject | None, known: frozenset[str] = frozenset()
) -> tuple[frozenset[str], bool] | None:
    """The owner a figure ending at ``end`` takes from "by <Name>" right after it, if any."""
    by = _BY_AGENT.match(sentence, end)
    if by is None:
        return None
    named = names_in(sentence[by.end() :], known)
    if not named or named[0].start != 0:
        return None
    return owners(named[0].text, subject, known)


# A pronoun that refers back ("its automotive revenue"), not "we", "our" or "the company".
_PRONOUN = re.compile(r"\b(?:it|its|they|their)\b", re.I)


def pronoun_owner(
    sentence: str, zone_start: int, subject: Subject | None, known: frozenset[str] = frozenset()
) -> frozenset[str] | None:
    """The owner of a figure whose clause refers back by pronoun and names no one ("Initech
    is itself a beneficiary: its automotive revenue grew 17%"): the one other organisation
    the sentence named before that clause, when it named the subject nowhere there."""
    zone = sentence[zone_start:]
    if zone_start == 0 or not _PRONOUN.search(zone):
        return None
    earlier, home = owners(sentence[:zone_start], subject, known, places=False)
    return earlier if len(earlier) == 1 and not home else None


def other_entities(text: str, subject: Subject | None = None) -> set[str]:
    """Names other than the corpus subject in ``text`` (normalised)."""
    return set(owners(text, subject)[0])


def mentions_home(text: str, subject: Subject | None = None) -> bool:
    return owners(text, subject)[1]


def owned_names(texts: list[str], subject: Subject, known: frozenset[str] = frozenset()) -> Subject:
    """``subject`` with the names its texts give it: "Acme's Widget" makes Widget Acme's.

    A product or division named right after the subject's possessive speaks for the subject
    (its figures are the subject's), wherever else the texts name it.
    """
    owned: list[str] = []
    for text in texts:
        mentions = names_in(text, known | subject.keys | subject.words)
        for first, second in itertools.pairwise(mentions):
            adjacent = re.fullmatch(r"['\u2019]s\s+", text[first.end : second.start])
            if adjacent and subject.is_subject(first.text) and not subject.is_subject(second.text):
                owned.append(second.text)
    if not owned:
        return subject
    return Subject(subject.name, tuple(dict.fromkeys((*subject.aliases, *owned))), subject.known)


__all__ = ["mentions_home", "other_entities", "owned_names", "owners", "pronoun_owner"]
