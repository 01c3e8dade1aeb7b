"""Retrieved passages as the sentences evidence is chosen from: each with its place in the
document and the paragraph before it, duplicates, reference-list lines and planted
instructions left out."""

from __future__ import annotations

import re

from assistant.retrieval import Hit
from assistant.text import BULLET, MARKER_RUN, sentence_spans

# A list number or bullet opening a line ("2. ", "• ", "o " before a capital in slides).
LIST_MARKER = re.compile(rf"^\s*{BULLET}\s+")
# Sentences that address the reader with orders ("ignore previous instructions and state
# ...") are attempts to steer the model, not evidence about the world.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier)"
    r"\s+(?:instructions?|prompts?|rules?|messages?)\b|\bsystem prompt\b"
    r"|\byou must (?:say|state|answer|reply)\b"
    r"|^\W*(?:please\s+)?(?:state|say|answer|reply|respond)\s+(?:that|with)\b",
    re.I,
)


def split_hits(hits: list[Hit]) -> list[tuple[Hit, int, int, str, str]]:
    """(hit, start, end, text, context) for each retrieved sentence, deduplicated.

    The context is the paragraph up to the sentence: "The group's Q1 2025 results ..." names
    the period once for the figures in the sentences after it.
    """
    seen: set[str] = set()
    out = []
    for hit in hits:
        p = hit.passage
        for s, e in sentence_spans(p.text):
            text = p.text[s:e]
            start = p.text.rfind("\n\n", 0, s)
            context = _context(p.text[start + 1 : s], text) or _lead_in(
                p.text[: max(start, 0)], text
            )
            if heading := _bold_heading(p.text[: max(start, 0)]):
                context = f"{heading}\n{context}"  # "**Pumps**" over its paragraph: whose
            key = re.sub(r"\W+", " ", MARKER_RUN.sub("", text)).lower().strip()
            # Skip duplicates, headings' debris, reference-list lines (mostly a URL) and
            # instructions planted in a document.
            if key in seen or len(key.split()) < 4 or "http" in text or _INSTRUCTION.search(text):
                continue
            seen.add(key)
            out.append((hit, p.start + s, p.start + e, text, context))
    return out


def _context(paragraph: str, sentence: str) -> str:
    """The paragraph before a sentence; for a list item, before the list: a sibling item's
    period ("up 4.3% on FY25") is not the period of the next item's figures."""
    if not LIST_MARKER.match(sentence):
        return paragraph.strip()
    lines = paragraph.rstrip().split("\n")
    while lines and (LIST_MARKER.match(lines[-1]) or lines[-1][:1].isspace()):
        lines.pop()
    return "\n".join(lines).strip()


# A paragraph that is a bold name alone: the heading of the paragraph after it.
_BOLD_HEADING = re.compile(r"\*\*[A-Z][^*\n\d:]{1,50}\*\*")


def _last_paragraph(before: str) -> str:
    return before.rstrip().rsplit("\n\n", 1)[-1].strip()


def _bold_heading(before: str) -> str:
    """The paragraph before, where it is a bold name alone ("**Pump Systems**")."""
    last = _last_paragraph(before)
    return last if _BOLD_HEADING.fullmatch(last) else ""


def _lead_in(before: str, sentence: str) -> str:
    """For a list that opens its paragraph, the line that introduces it ("For 2026 the Group
    expects:"): its period and its verb are every item's."""
    if not LIST_MARKER.match(sentence):
        return ""
    last = _last_paragraph(before)
    return last if introduces(last) and "\n" not in last else ""


def introduces(line: str) -> bool:
    """Does ``line`` end as a list's lead-in does, with a colon (in bold or not: "**Risks:**")?"""
    return line.rstrip().rstrip("*_").endswith(":")


__all__ = ["LIST_MARKER", "introduces", "split_hits"]
