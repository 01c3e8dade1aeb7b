"""GBNF grammars that bound what a model's draft may say (grammar-constrained decoding).

The draft grammar allows one or two sentences. Each sentence is words (letters, apostrophes,
hyphens; never a digit) joined by spaces or commas, may state figures copied exactly as one
evidence line prints them, and must end with that line's citation: `` [n].``. A sentence
that states a figure of line n can only close with ``[n]``, so the figure and its citation
agree by construction; a figure-free sentence may cite any line.

The grammar only limits the shape of the draft. Number words ("six") are letters and stay
possible, and a figure can still sit next to the wrong measure, so every draft sentence
still goes through verification (``assistant.verify``) before it is shown.

Off by default (``ASSISTANT_GRAMMAR``). Measured with the bundled 135M model on the shipped
dev set (100 questions, elaboration on): the share of answers with model words rose from
0.02 to 0.48 and accuracy did not move, but the added sentences are mostly loops, truncated
clauses or wrong readings of the quote, and the p50 answer took 1.1 s instead of 0.55 s.
"""

from __future__ import annotations

import re

from assistant.figures import find_figures

# A leading "[n] " on an evidence line gives its number; lines without one count from 1.
_NUMBERED = re.compile(r"^\s*\[(\d{1,3})\]\s*")
# Bounds that keep a sentence short (a sentence is its first item plus 2..MAX_MORE items).
MIN_MORE_ITEMS = 2
MAX_MORE_ITEMS = 20
MAX_SENTENCES = 2

# Words are bounded and take at most one hyphen or apostrophe, so a draft cannot spend its
# tokens on one endless hyphenated string.
_COMMON_RULES = (
    "first ::= [A-Z] [a-zA-Z]{0,15} ( ['-] [a-zA-Z]{1,15} )?",
    "word ::= [a-zA-Z]{1,16} ( ['-] [a-zA-Z]{1,15} )?",
    'sep ::= " " | ", "',
)


def gbnf_literal(text: str) -> str:
    """``text`` as a GBNF string literal (backslash, quote and control characters escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def numbered_lines(evidence_lines: list[str]) -> list[tuple[int, str]]:
    """Each evidence line with its citation number (its own "[n] " prefix, else its place)."""
    numbered = []
    for place, line in enumerate(evidence_lines, start=1):
        match = _NUMBERED.match(line)
        number = int(match.group(1)) if match else place
        numbered.append((number, line[match.end() :] if match else line))
    return numbered


def line_figures(line: str) -> list[str]:
    """The figures of one evidence line as it prints them, once each, in order.

    Figures written without a digit ("six") are left out: the word rule already allows them.
    """
    texts = [f.text for f in find_figures(line) if any(c.isdigit() for c in f.text)]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def _sentence_rules(number: int, figures: list[str]) -> list[str]:
    """The rules of a sentence citing line ``number``: items, then `` [number].``."""
    item = f"item{number}"
    if figures:
        alternatives = " | ".join(gbnf_literal(t) for t in figures)
        rules = [f"fig{number} ::= {alternatives}", f"{item} ::= word | fig{number}"]
        start = f"( first | fig{number} )"
    else:
        rules = [f"{item} ::= word"]
        start = "first"
    close = gbnf_literal(f" [{number}].")
    rules.append(
        f"s{number} ::= {start} ( sep {item} ){{{MIN_MORE_ITEMS},{MAX_MORE_ITEMS}}} {close}"
    )
    return rules


def draft_grammar(evidence_lines: list[str]) -> str:
    """A GBNF grammar for a draft over ``evidence_lines`` (numbered in order, or by "[n] ").

    One or two sentences; figures only as the evidence writes them; each sentence cites one
    evidence line, the one whose figures it uses.
    """
    numbered = numbered_lines(evidence_lines)
    if not numbered:
        raise ValueError("a draft grammar needs at least one evidence line")
    numbers = list(dict.fromkeys(n for n, _ in numbered))
    figures: dict[int, list[str]] = {n: [] for n in numbers}
    for number, line in numbered:
        figures[number] = list(dict.fromkeys([*figures[number], *line_figures(line)]))
    more = " ".join(['( " " sentence )?'] * (MAX_SENTENCES - 1))
    rules = [
        f"root ::= sentence {more}".rstrip(),
        "sentence ::= " + " | ".join(f"s{n}" for n in numbers),
    ]
    for number in numbers:
        rules.extend(_sentence_rules(number, figures[number]))
    rules.extend(_COMMON_RULES)
    return "\n".join(rules) + "\n"


__all__ = ["draft_grammar", "gbnf_literal", "line_figures", "numbered_lines"]
