"""The currency a document declares for its amounts: "All figures are in New Zealand dollars
(NZ$) unless otherwise noted" makes a bare "$" in its tables New Zealand dollars.

A table's header "Revenue FY26 ($m)" would otherwise read as US dollars, and an answer
taken from the row would show "$389.3m" for NZ$389.3 million. Only table lines are
rewritten: a table is rendered into lines of its own anyway, while prose stays as written
so that every quote is the document's own words.
"""

from __future__ import annotations

import re

# The dollar a country's name or a code declares, as a currency prefix.
_DOLLAR_OF = {
    "new zealand": "NZ$",
    "australian": "A$",
    "canadian": "C$",
    "singapore": "S$",
    "hong kong": "HK$",
    "nzd": "NZ$",
    "aud": "A$",
    "cad": "C$",
    "sgd": "S$",
    "hkd": "HK$",
}
_DECLARED = re.compile(
    r"\b(?:amounts|figures|numbers|values|sums)(?:\s+in\s+this\s+\w+)?\s+(?:are\s+|is\s+)?"
    r"(?:(?:expressed|stated|presented|reported|shown|given|quoted)\s+)?in\s+"
    r"(?:(?P<country>new\s+zealand|australian|canadian|singapore|hong\s+kong)\s+dollars"
    r"|(?P<prefix>NZ\$|A\$|AU\$|C\$|CA\$|S\$|SG\$|HK\$)"
    r"|(?P<code>NZD|AUD|CAD|SGD|HKD)\b)",
    re.IGNORECASE,
)
# A markdown table line; its bare "$" (no letters before it, as "US$" or "NZ$" have).
_TABLE_LINE = re.compile(r"^\s*\|")
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")


def declared_dollar(text: str) -> str:
    """The prefix of the dollar ``text`` declares its amounts in ("NZ$"), or "" if none."""
    found = _DECLARED.search(text)
    if not found:
        return ""
    if found["prefix"]:
        prefix = found["prefix"].upper()
        return {"AU$": "A$", "CA$": "C$", "SG$": "S$"}.get(prefix, prefix)
    name = re.sub(r"\s+", " ", (found["country"] or found["code"]).lower())
    return _DOLLAR_OF[name]


def tables_in_declared_dollar(text: str) -> str:
    """``text`` with each bare "$" of its markdown tables written as the declared dollar."""
    prefix = declared_dollar(text)
    if not prefix:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if _TABLE_LINE.match(line):
            lines[k] = _BARE_DOLLAR.sub(prefix.replace("\\", "\\\\"), line)
    return "\n".join(lines)


__all__ = ["declared_dollar", "tables_in_declared_dollar"]
