"""Who holds a role: "Who's Acme's CFO?" answered by the name a document gives beside
the role ("John Doe, our CFO", "Chief Financial Officer Jane Roe", "Jane Roe --
Chief Financial Officer"). The role may be asked by its initials and written out, or the
other way round: the letters decide, not a list of titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.abbreviations import spells
from assistant.entities import ROLE, names_in
from assistant.synonyms import plain_terms

# "Who covers Acme at Initech?", "who rates the stock?": the analyst who follows it.
_ASKS_ANALYST = re.compile(r"^\s*who\s+(?:covers|rates|follows|researches)\b", re.IGNORECASE)
_ASKS_HEAD = re.compile(
    r"^\s*who\s+(?:heads|leads|runs)\s+(?:the\s+)?(?P<what>[a-z]+(?:\s+[a-z]+)?)", re.I
)
_ASKS_ROLE = re.compile(
    rf"^\s*who(?:'s|\s+is|\s+was|\s+are)?\s+(?:the\s+)?(?:[\w.&'\u2019-]+\s+){{0,3}}?"
    rf"(?P<role>{ROLE})\b",
    re.IGNORECASE,
)
# A person's name beside a role: "Name, our CFO", "Name -- Chief Financial Officer",
# "Name (CFO)"; or the role first: "CFO Name", "Chief Financial Officer, Name".
_AFTER_NAME = re.compile(
    rf"\s*(?:,|--|\u2013|\u2014|\()\s*(?:(?:our|the|its|their|group|company)\s+"
    rf"|[\w&.\-]+['\u2019]s\s+)*(?P<role>{ROLE})"
    rf"(?:\s+(?:and|&)\s+(?P<also>{ROLE}))?",
    re.IGNORECASE,
)
_BEFORE_NAME = re.compile(rf"(?P<role>{ROLE})\s*,?\s*$", re.IGNORECASE)
_TITLE_FIRST = re.compile(rf"(?P<role>{ROLE})\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Holder:
    name: str
    index: int  # which of the sentences names them


def asked_role(question: str) -> str | None:
    """The role a "who is ...'s <role>?" question asks about, in the words titles use ("finance
    chief": chief financial officer; "who heads investor relations?": head of ...)."""
    match = _ASKS_ROLE.search(question) or _ASKS_ROLE.search(plain_terms(question))
    if match:
        return match["role"]
    heads = _ASKS_HEAD.search(question)
    if heads:
        return f"head of {heads['what']}"
    return "analyst" if _ASKS_ANALYST.search(question) else None


def same_role(asked: str, written: str) -> bool:
    """Is ``written`` the role ``asked``, by its words or by initials that spell them?"""
    a, w = _plain(asked), _plain(written)
    if a == w:
        return True
    return _initials_of(a, w) or _initials_of(w, a)


def _initials_of(acronym: str, words: str) -> bool:
    """ "cfo" of "chief financial officer"; "ceo" of "chief executive" too (no "officer")."""
    if not re.fullmatch(r"[a-z]{2,4}", acronym) or " " not in words:
        return False
    count = len(words.split())
    if count == len(acronym):
        return spells(acronym, words)
    return acronym.endswith("o") and count == len(acronym) - 1 and spells(acronym[:-1], words)


def _plain(role: str) -> str:
    """A role in lower case, without the "officer" that a title may leave unwritten."""
    words = re.sub(r"\s+", " ", role.lower().replace("-", " ")).strip()
    return re.sub(r"(?<=\w) officer$", "", words)


def role_holder(role: str, sentences: list[str]) -> Holder | None:
    """The first person a sentence names beside ``role``."""
    for index, sentence in enumerate(sentences):
        for mention in names_in(sentence):
            name = mention.text
            # "Chief Executive John Doe" reads as one name: the title, then the person.
            titled = _TITLE_FIRST.match(name)
            if titled and same_role(role, titled["role"]) and len(name[titled.end() :].split()) > 1:
                return Holder(name[titled.end() :], index)
            if len(name.split()) < 2:
                continue  # a person's full name, not a company's one word
            after = _AFTER_NAME.match(sentence, mention.end)
            before = _BEFORE_NAME.search(sentence[: mention.start])
            roles = [after["role"], after["also"]] if after else []
            roles += [before["role"]] if before else []
            if any(r and same_role(role, r) for r in roles):
                return Holder(name, index)
    return None


__all__ = ["Holder", "asked_role", "role_holder", "same_role"]
