"""The unit a table's title or the line above it states for its figures: "Total sales (£m)",
"($ in millions, except per share)", "(JPY bn unless stated)", "(Millions of yen)". The
rendering in ``assistant.tables`` gives it to each row whose label names no unit."""

from __future__ import annotations

import re

from assistant.units import names_unit, unit_in_words

# "($ in millions, except per share)", "(in thousands)": the US filings' way to give a unit.
IN_SCALE = re.compile(
    r"\(\s*(?P<currency>[^\s()]{0,4}?)\s*in\s+(?P<scale>thousands|millions|billions)\b[^()]*\)",
    re.IGNORECASE,
)
_SCALE_SUFFIX = {"thousands": "k", "millions": "m", "billions": "bn"}
_ABBREVIATED_SCALE = {"bn": "bn", "mn": "m", "m": "m", "k": "k"}
# "($ millions, except per-share data)", "Period-end balances, $ millions.", "(dollars in
# thousands)": a currency then a scale in words, as filings state their tables' unit.
_STATED_UNIT = re.compile(
    r"(?:(?P<symbol>(?<![\w$£€¥])(?:[A-Z]{1,3})?[$£€¥])|\b(?P<code>USD|EUR|GBP|JPY|CNY|RMB|HKD"
    r"|NZD|AUD|CAD|CHF)\b|\b(?P<word>dollars|euros|pounds|yen|yuan))\s*(?:in\s+)?"
    r"(?P<scale>thousand|million|billion|bn|mn|m|k)s?\b"  # "(JPY bn unless stated)", "(EUR m)"
    # "(Unaudited; in millions of U.S. dollars)"
    r"|\b(?P<scale_first>thousand|million|billion)s?\s+of\s+(?:u\.?s\.?\s+)?"
    r"(?P<word_after>dollars|euros|pounds|yen|yuan)\b",
    re.IGNORECASE,
)
_WORD_SYMBOL = {"dollars": "$", "euros": "€", "pounds": "£", "yen": "JPY ", "yuan": "CNY "}


def stated_unit(text: str) -> str:
    """The unit a line states in words for the figures under it, as a header would write it:
    "($ millions, except per-share data)" -> "($m)"; "" if it states none."""
    found = _STATED_UNIT.search(text)
    if not found or (found["scale"] in ("m", "k") and not found["code"]):
        return ""  # "£m" is read as a header's unit, "EUR m" only here
    currency = (
        found["symbol"]
        or (found["code"] and f"{found['code'].upper()} ")
        or _WORD_SYMBOL[(found["word"] or found["word_after"]).lower()]
    )
    scale = (found["scale"] or found["scale_first"]).lower()
    return f"({currency}{_SCALE_SUFFIX.get(scale + 's', _ABBREVIATED_SCALE.get(scale, ''))})"


def title_unit(title: str) -> str:
    """The unit a table's title ends with: "Segment sales summary (£m)" -> "(£m)", or
    opens with: "NZ$m (unless stated)" -> "NZ$m", or says in words: "($ in millions, except
    per share)" -> "($m)", "(Millions of yen)" -> "(JPY m)"."""
    words = IN_SCALE.search(title)
    if words:
        return f"({words['currency']}{_SCALE_SUFFIX[words['scale'].lower()]})"
    spelt = unit_in_words(title)
    if spelt:
        return spelt.group(0)
    if stated := stated_unit(title):
        return stated
    end = re.search(r"\([^()]{1,12}\)\s*$|\S+$", title)
    if end and names_unit(end.group(0)):
        return end.group(0).strip()
    first = re.match(r"\s*(\S+)\s+\(", title)
    return first.group(1) if first and names_unit(first.group(1)) else ""


__all__ = ["IN_SCALE", "stated_unit", "title_unit"]
