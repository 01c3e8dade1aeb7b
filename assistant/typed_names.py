"""Names of common words that a question may type in lower case ("coastal rail pax growth").

``entities.known_names`` leaves out a name whose words the corpus also writes in lower case
("Coastal Rail" beside "coastal railways"), since a label capitalises common words too. Such a
name is still a name where the corpus writes it capitalised in mid-sentence more than once,
never as the same lower-case phrase, and uses it as one: as a heading or a row's label, in the
possessive, or before a verb ("Coastal Rail carried 2.1 million passengers"). A question that
types it in lower case is read with it written as the corpus writes it, so that it owns the
figure asked as it does when typed with capitals. A name whose first word reads as a move
("Growth Markets", "Lift Systems") is one even where the corpus also writes its words in
lower case: read as words, it would ask how something moved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from assistant.cues import CHANGE_CUE
from assistant.entities import ROLE, names_in, sentence_initial

_WORD = re.compile(r"[A-Z][a-z]+|&|of|the")
_VERB_AFTER = r"\s+(?:[a-z]+ed|grew|rose|fell|made|won|sold|saw|had|has|was|is)\b"


def _used_as_name(name: str, text: str) -> bool:
    typed = re.escape(name)
    heading = rf"(?m)^\s*(?:#+\s*|\*\*|\|\s*|[-*]\s+\*\*)?{typed}(?:\*\*|:|\s*\||\s*$)"
    used = rf"{typed}(?:['\u2019]s\b|{_VERB_AFTER})"
    return bool(re.search(heading, text) or re.search(used, text))


def typed_names(texts: Iterable[str]) -> frozenset[str]:
    """Names of two words or more, all common ones, as ``texts`` write them ("Coastal Rail",
    "Parcels & Freight"): see the module's docstring. A role ("Chief Executive") is none."""
    texts = list(texts)
    seen: Counter[str] = Counter()
    for text in texts:
        for m in names_in(text):
            words = m.text.split()
            if sentence_initial(text, m.start) or len([w for w in words if w != "&"]) < 2:
                continue
            if all(_WORD.fullmatch(w) for w in words):
                seen[m.text] += 1
    joined = "\n".join(texts)
    return frozenset(
        name
        for name, count in seen.items()
        if count >= 2
        and (
            CHANGE_CUE.fullmatch(name.split()[0])
            or not re.search(rf"\b{re.escape(name.lower())}\b", joined)
        )
        and not re.search(ROLE, name.lower())
        and _used_as_name(name, joined)
    )


def with_typed_names(question: str, names: Iterable[str]) -> str:
    """``question`` with each of ``names`` it types all in lower case written as the name,
    or in sentence case where it opens the question ("Coastal rail vs buses?")."""
    for name in sorted(names, key=len, reverse=True):
        typed = re.escape(name.lower())
        question = re.sub(rf"(?<![\w'\u2019]){typed}(?![\w])", name, question)
        opening = re.escape(name[0] + name[1:].lower())
        question = re.sub(rf"^(\W*){opening}(?![\w])", rf"\g<1>{name}", question)
    return question


# "S&I" for "Sensors & Imaging": a name's initials, joined as its words are. (Letters
# run together, "pv", are too often a word or another name's: "vs", "go", "GS".)
_INITIALS = re.compile(r"(?<![\w&])[A-Za-z](?:&[A-Za-z])+(?![\w&])")


def initials_table(texts: Iterable[str]) -> dict[str, str]:
    """Initials a question may type for a name of capitalised words joined by "&" that
    ``texts`` print more than once ("s&i": "Sensors & Imaging"), where only one name
    has them."""
    seen: Counter[str] = Counter()
    for text in texts:
        for m in names_in(text):
            words = m.text.split()
            if "&" in words[1:-1] and all(w == "&" or w[:1].isupper() for w in words):
                seen[m.text] += 1
    named: dict[str, set[str]] = {}
    for name, count in seen.items():
        if count >= 2:
            key = "".join(w[0] if w != "&" else "&" for w in name.split()).lower()
            named.setdefault(key, set()).add(name)
    return {key: names.pop() for key, names in named.items() if len(names) == 1}


def with_initialled_names(question: str, table: dict[str, str]) -> str:
    """``question`` with each name's initials of ``table`` written as the name ("s&i adj
    margin": "Sensors & Imaging adj margin")."""
    return _INITIALS.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), question)


__all__ = ["initials_table", "typed_names", "with_initialled_names", "with_typed_names"]
