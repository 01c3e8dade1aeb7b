"""Spans that contain digits but are not figures: URLs, citation markers, list markers, the
month and day of dates, labels of notes, tables, ranks and stages ("Note 9", "tier 1"),
footnote marks ("(1)"), the thousands of a header's unit ("€000") and spans of months ("9M
2026"). They are blanked with spaces so that every offset into the text stays valid.
"""

from __future__ import annotations

import re

# --- Masks: spans that contain digits but are not figures. They are blanked with spaces so
# that offsets into the original text stay valid.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A day after or before a month name, unless a unit shows it is a quantity after all.
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,]\d|\s*(?:%|per|thousand|[mbt]illion))"
_MASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE),
    # Citation markers: [2], [12], [1, 3], [1-3]; adjacent markers are matched one by one.
    re.compile(r"\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]"),
    # Numbered-list markers at the start of a line: "1. Margin Management", "2) ...".
    re.compile(r"^[ \t#>*]*(?P<mark>\d{1,3}[.)])(?=[ \t])", re.MULTILINE),
    # Month and day of ISO-like dates (2025-08-29, 2025/08/29); the year stays a year.
    re.compile(r"(?<![\w.])\d{4}(?P<md>([-/.])\d{1,2}\2\d{1,2})(?!\d)"),
    # Month and day of US-style dates (08/29/2025).
    re.compile(r"(?<![\w./])(?P<md>\d{1,2}/\d{1,2}/)\d{4}(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}", re.IGNORECASE),
    re.compile(rf"(?<![\w.]){_DAY}\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE),
    # Labels of notes, tables and pages: "Note 9:", "Table 2", "p. 14", "Slide 3"; and of
    # ranks and stages: "tier 1 capital", "Phase 2", "Level 3 assets", "Stage 2 loans".
    re.compile(
        r"\b(?:notes?|footnotes?|table|figure|fig\.|chart|exhibit|slide|page|p\.|appendix|section"
        r"|chapter|item|tier|phase|level|stage|pillar|category|class|grade|wave|round|step)"
        r"\s+(?P<label>\d{1,3}[a-z]?)\b(?![.,]\d|\s*(?:%|per\s?cent|percent|[mbk]n?\b|million"
        r"|billion|bps|basis))",
        re.IGNORECASE,
    ),
    # Footnote marks: "CET1 ratio (1) |" closing a row label, "(2) Non-GAAP measure." opening
    # a note; and "(1) higher rates, (2) ..." counting a list.
    re.compile(r"(?<=[A-Za-z)] )(?P<note>\(\d\))(?=[ \t]*(?:\||\u2014))"),
    re.compile(r"(?:^|(?<=[.;:] )|(?<=, ))[ \t]*(?P<note>\(\d\))(?=[ \t]+[A-Za-z])", re.MULTILINE),
    # "9M 2026", "9M25": a span of months, not nine million.
    re.compile(r"(?<![$£€¥])\b(?P<months>(?:3|6|9|12)M)(?=\s?'?(?:19|20)?\d\d\b|:)"),
    # The thousands in a column header's unit: "€000:", "(£000s)".
    re.compile(r"[£€$¥₹]\s?(?P<thousands>'?000)(?=s?(?:\)|[ \t]*(?::|\n|$)))"),
)
# When present, only this group is blanked.
_MASK_GROUPS = ("mark", "md", "day", "label", "thousands", "note", "months")


def mask(text: str) -> str:
    """Blank out digit-bearing spans that are not figures, keeping every offset."""
    chars = list(text)
    for pattern in _MASKS:
        for match in pattern.finditer(text):
            group = next((g for g in _MASK_GROUPS if g in pattern.groupindex), 0)
            start, end = match.span(group)
            chars[start:end] = " " * (end - start)
    return "".join(chars)


__all__ = ["mask"]
