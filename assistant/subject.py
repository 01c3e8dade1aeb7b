"""Which organisation a corpus is about, inferred from its article's title and text.

This module owns ``infer_subject``: the name the title and text use most, with possessives
and title mentions weighing more (organisations own things and headline articles), and the
other ways the text writes it as aliases. What counts as a name is ``assistant.entities``'s.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.entities import (
    POSSESSIVE,
    SUFFIXES,
    is_title_case_line,
    known_names,
    names_in,
    normalise,
    not_a_name,
)


def _body_and_headings(text: str) -> tuple[str, str]:
    body, headings = [], []
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        (
            headings if line.lstrip().startswith("#") or is_title_case_line(stripped) else body
        ).append(stripped)
    return "\n".join(body), "\n".join(headings)


def infer_subject(title: str, text: str) -> tuple[str, tuple[str, ...]]:
    """The organisation the title and text name most, and its aliases as written.

    Returns ("", ()) when nothing in the text looks like a name.
    """
    body, headings = _body_and_headings(text)
    known = known_names([body])
    scores: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for mention in names_in(body, known):
        words = mention.text.split()
        heads = {normalise(w) for w in words if not not_a_name(w)} - {""}
        for head in heads - set(SUFFIXES):
            weight = 1.0 + (2.0 if mention.possessive else 0.0)
            # Two-letter acronyms are mostly terms ("AI", "IT"); they rarely headline.
            if len(head) <= 2:
                weight *= 0.5
            scores[head] += weight
            written = mention.text + ("'s" if mention.possessive else "")
            forms.setdefault(head, Counter())[written] += 1
    for line in (title, headings):
        for mention in names_in(line, known | frozenset(scores)):
            for word in mention.text.split():
                head = normalise(word)
                # Title-case lines capitalise every word: they add weight, not forms.
                if head in scores:
                    scores[head] += 3.0 if line is title else 1.0
    if not scores:
        return "", ()
    head = max(scores, key=lambda h: (scores[h], len(h)))
    variants = forms[head]
    # The name: the form the text uses most once possessives are read as the plain name
    # ("Acme's" counts for "Acme"); aliases: the other ways the text writes it.
    plain: Counter[str] = Counter()
    for form, n in variants.items():
        plain[POSSESSIVE.sub("", form)] += n
    name = max(plain, key=lambda f: (plain[f], -len(f)))
    aliases = [f"{name}'s"] if f"{name}'s" in variants or f"{name}\u2019s" in variants else []
    aliases += [
        f for f, n in variants.most_common() if f != name and _alias_like(f, head, plain.get(f, n))
    ]
    aliases += _tickers(text, set(variants) | {name})
    aliases = tuple(dict.fromkeys(aliases))
    return name, aliases


# "Initech Systems (NYSE: INTC2)", "Acme Group (ACMG.L)": the listing right after the name.
_LISTING = re.compile(
    r"(?:\s+(?:Limited|Ltd\.?|plc|PLC|Inc\.?|Corp\.?|SE|AG|SA|NV|Group|Holdings))*"
    r"\s*\((?:[A-Z][A-Za-z ]{1,20}:\s*)?([A-Z]{2,5})(?:[.:][A-Z]{1,2})?\)"
)


def _tickers(text: str, forms: set[str]) -> list[str]:
    """The subject's ticker symbols, where the text lists one right after the subject's name;
    people type them for the name ("acmg q4 eps?")."""
    found = []
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(re.escape(form), text):
            listing = _LISTING.match(text, match.end())
            if listing:
                found.append(listing.group(1))
    return found


def _alias_like(form: str, head: str, count: int) -> bool:
    """A variant used twice, or the head with only initials and formal suffixes around it."""
    if count >= 2:
        return True
    rest = [w for w in normalise(form).split() if w != head]
    return all(len(w) == 1 or w in SUFFIXES for w in rest)


__all__ = ["infer_subject"]
