"""Questions answered by a lookup rather than a figure: which source the article cites for
a claim (``assistant.sourcing``), who holds a role (``assistant.roles``) and an analyst's
rating on the stock (``assistant.ratings``). Each gives the
direct line and the evidence sentences its markers [1], [2] cite, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.chunking import Passage
from assistant.entities import Subject, names_in, normalise
from assistant.evidence import EvidenceSentence
from assistant.ratings import (
    asks_rating,
    contradicted_rating,
    is_rating,
    names_all,
    rated_names,
    stated_rating,
)
from assistant.retrieval import Hit
from assistant.roles import asked_role, role_holder
from assistant.sentences import split_hits
from assistant.sourcing import asks_source, cited_source, naming_sentence, publisher

Lookup = tuple[str, list[EvidenceSentence]]


def source_lookup(
    question: str,
    hits: list[Hit],
    references: Callable[[], dict[int, str]] | None,
    passages: Callable[[], Sequence[Passage]],
) -> Lookup | None:
    """ "ETF Trends, 'Title' [2]: the article cites it for this [1]", quoting the article's
    sentence and the source's own (``references`` and ``passages`` are read only then)."""
    if references is None or not asks_source(question):
        return None
    cited = cited_source(question, hits, references(), passages())
    if cited is None:
        return None
    claim = sentence_of(cited.claim, cited.start, cited.end)
    naming = sentence_of(Hit(cited.source, 0.0, 0.0, None, None), *naming_sentence(cited.source))
    title = cited.source.title
    named = f", \u201c{title}\u201d" if title and title in naming.text else ""
    return f"{publisher(cited.source)}{named} [2]: the article cites it for this [1].", [
        claim,
        naming,
    ]


def role_lookup(
    question: str,
    hits: list[Hit],
    subject_names: Sequence[str],
    passages: Callable[[], Sequence[Passage]] | None = None,
) -> Lookup | None:
    """ "Who's Acme's CFO?": "Jane Roe [1]", the person a retrieved sentence names beside
    that role, else any passage of the corpus (``passages``: a contact line at a release's
    end, "Jane Roe, Head of Investor Relations", is rarely retrieved); a question naming
    another organisation needs a sentence that names it too."""
    role = asked_role(question)
    if role is None:
        return None
    # "Acme Precision's CFO" of a corpus about Acme: the subject is named there.
    subject = Subject(subject_names[0], tuple(subject_names[1:])) if subject_names else None
    others = _others_named(question, subject)
    found = _holder_in(role, others, hits)
    if found is None and passages is not None:
        found = _holder_in(role, others, [Hit(p, 0.0, 0.0, None, None) for p in passages()])
    return found


def _others_named(question: str, subject: Subject | None) -> set[str]:
    """The organisations a question names other than the subject (normalised); a rating
    ("... upgrade Acme to Buy?") names no one."""
    return {
        normalise(m.text)
        for m in names_in(question)
        if not is_rating(m.text) and (subject is None or not subject.is_subject(m.text))
    }


def _holder_in(role: str, others: set[str], hits: list[Hit]) -> Lookup | None:
    candidates = [c for c in split_hits(hits) if all(o in c[3].lower() for o in others)]
    found = role_holder(role, [c[3] for c in candidates])
    if found is None:
        return None
    hit, start, end, text, context = candidates[found.index]
    return f"{found.name} [1].", [EvidenceSentence(hit, start, end, text, context, 0.0, 0.0, True)]


def rating_lookup(question: str, hits: list[Hit], subject: Subject | None) -> Lookup | None:
    """ "What's Globex's call on the shares?": "Hold (from Buy) [1]", from the first retrieved
    sentence that states a rating on the subject, by the broker the question names (in the
    sentence, or its document's title or byline)."""
    if not asks_rating(question):
        return None
    asked = _others_named(question, subject)
    for hit, start, end, text, context in split_hits(hits):
        rating = stated_rating(text)
        if rating is None:
            continue
        # Shares rated by name are the subject's or those the question names.
        rated = rated_names(text)
        if rated and not rated & asked and not _all_subject(rated, subject):
            continue
        if not names_all(f"{text} {hit.passage.title} {hit.passage.byline}", asked):
            continue
        # "Why did X downgrade Acme?" of an upgrade: the sources' word first
        wrong = contradicted_rating(question, text)
        line = f"{wrong[1]} [1]." if wrong else f"{rating} [1]."
        return line, [EvidenceSentence(hit, start, end, text, context, 0.0, 0.0, True)]
    return None


def rating_premise(question: str, quotes: list[EvidenceSentence]) -> str | None:
    """What a rating question assumed that its looked-up rating contradicts, if anything."""
    if not quotes or not asks_rating(question):
        return None
    wrong = contradicted_rating(question, quotes[0].text)
    return wrong[0] if wrong else None


def _all_subject(names: frozenset[str], subject: Subject | None) -> bool:
    return subject is None or all(subject.is_subject(name) for name in names)


def sentence_of(hit: Hit, start: int, end: int) -> EvidenceSentence:
    """The sentence at ``start:end`` of a hit's passage, as evidence."""
    text = hit.passage.text[start:end].strip()
    offset = hit.passage.start + start
    return EvidenceSentence(hit, offset, offset + len(text), text, "", 0.0, 0.0, True)


__all__ = [
    "Lookup",
    "rating_lookup",
    "rating_premise",
    "role_lookup",
    "sentence_of",
    "source_lookup",
]
