"""A document a question names by its kind: "according to the analyst note", "in the call
transcript", "what does the Initech note forecast": only that document answers, where the
corpus holds one of that kind.

A document's kind is read from its file name ("analyst-note.txt"), title and byline. The
question's words that tell the corpus's documents apart decide which match ("the Initech
note": the one Initech wrote, whatever its file is called); a word no document has, or every
one has, decides nothing ("the latest note"), and where none is of the kind named, every
document answers as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.chunking import Passage

# Nouns that name a document by its kind.
_KINDS = (
    r"notes?|reports?|research|release|transcript|call|statement|interview|article|filing"
    r"|action|update|summary|presentation|piece|story|statistics|stats|results|announcement"
)
_BEFORE = r"(?:[\w&'\u2019.-]+\s+){0,3}?"
# "according to the analyst note", "in the call transcript": the kind with up to three words
# before it; "what does the Initech note forecast?" too, where a verb of saying follows it
# (not "did the company report revenue?").
_NAMED = re.compile(
    r"\b(?:according\s+to|as\s+per|per|in|from|says?|said)\s+the\s+"
    rf"(?P<words>{_BEFORE}(?:{_KINDS}))\b(?!-)"
    rf"|\b(?:does|did|do)\s+the\s+(?P<subject>{_BEFORE}(?:{_KINDS}))\s+"
    r"(?=(?:say|forecast|expect|estimate|project|predict|show|put|give|see|assume|model"
    r"|value|state|cite|quote|mention)\b)",
    re.I,
)
# Any document named by its kind ("... vs the Initech piece"): two of them, both answer.
_MENTIONED = re.compile(rf"\bthe\s+{_BEFORE}(?:{_KINDS})\b(?!-)", re.I)
# Words that name the same kind of document ("analyst note" of a "broker-note" file).
_SAME_KIND = (
    frozenset({"analyst", "analysts", "broker", "brokers", "brokerage", "research", "equity"}),
    frozenset({"note", "notes", "report", "research", "update"}),  # ("reports" is a verb too)
    frozenset({"transcript", "call"}),
    frozenset({"release", "results", "statement", "announcement"}),
    frozenset({"statistics", "stats"}),
    # ("piece" and "story" name any document: "the Initech piece" is told by its writer)
)


def document_words(passages: Iterable[Passage]) -> dict[str, frozenset[str]]:
    """Each document's id -> the words of its file name, title and byline, lower case."""
    words: dict[str, set[str]] = {}
    for p in passages:
        if p.doc_id not in words:
            words[p.doc_id] = set(_words(f"{p.doc_id} {p.title} {p.byline}"))
    return {doc: frozenset(w) for doc, w in words.items()}


def named_documents(question: str, documents: Mapping[str, frozenset[str]]) -> list[str] | None:
    """The ids of the documents the question names by kind (``documents``: each one's words,
    see ``document_words``); None where it names none the corpus holds, or several ("the
    article ... vs the broker's piece": both answer)."""
    named = list(_NAMED.finditer(question))
    if len(named) != 1 or len(_MENTIONED.findall(question)) > 1:
        return None
    held, phrase = list(documents.values()), named[0]["words"] or named[0]["subject"]
    kins = [_kin(w) for w in _words(phrase)]
    # (a word counts where some documents have it and others do not)
    telling = [kin for kin in kins if 0 < sum(bool(kin & words) for words in held) < len(held)]
    found = _having(documents, telling) if kins[-1] in telling else []
    # "the Initech note" of a note whose title calls it nothing: its writer's name decides
    writer = [_kin(w.lower()) for w in re.findall(r"\b[A-Z][A-Za-z&]*\b(?![\d-])", phrase)]
    return found or _having(documents, [kin for kin in writer if kin in telling]) or None


def _having(documents: Mapping[str, frozenset[str]], kins: list[frozenset[str]]) -> list[str]:
    """The documents with a word of each of ``kins`` (none, for no kins)."""
    if not kins:
        return []
    return sorted(doc for doc, words in documents.items() if all(kin & words for kin in kins))


def _kin(word: str) -> frozenset[str]:
    """``word`` and the words that name the same kind of document."""
    return frozenset({word}).union(*(kind for kind in _SAME_KIND if word in kind))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9&]+", text.lower().replace("\u2019", "'").replace("'s", ""))


__all__ = ["document_words", "named_documents"]
