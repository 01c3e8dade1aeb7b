"""Units of money: currencies, scales and the units a table column header names.

- Currencies: USD ($, US$, USD, dollars), EUR (€, EUR, euros), GBP (£, GBP, pounds, sterling;
  "45.5p" and "45.5 pence" are GBP 0.455), CNY (RMB, CNY, CN¥, yuan, renminbi), JPY (JP¥,
  JPY, yen), HKD (HK$, HKD), AUD (A$, AU$, AUD), CAD (C$, CA$, CAD), NZD (NZ$, NZD), SGD
  (S$, SGD), CHF, SEK, NOK, DKK, ZAR, KRW (₩), INR (₹, INR); "45 cents" is USD 0.45 (the
  written text is what is shown, so a cent of another dollar reads right; only an
  "in US dollars" filter could take it for one).
  A bare "¥" is read as JPY, its international meaning (write "CN¥", "RMB", "yuan" or
  "renminbi" for the yuan). A "$" after other letters not listed here is no known currency.
- Scales: "k", "m", "mn", "bn", "tn", "thousand", "million" ... ("000" in table headers).
- Column headers: "£m", "Revenue (£m)", "(000s)" name the unit of the cells below them
  (:func:`unit_from_header`).
- A question's currency: "in yuan", "in £" (:func:`currency_wanted`).

``assistant.figures`` reads figures with these; nothing here finds a figure in a text.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "CURRENCY_HINTS",
    "CURRENCY_PREFIX",
    "CURRENCY_WORDS",
    "MOVE_NOUN",
    "SCALES",
    "currency_named_at",
    "currency_of_prefix",
    "currency_wanted",
    "names_unit",
    "spelt_unit",
    "unit_from_header",
    "unit_in_words",
]

# Scale words and abbreviations by power of ten ("000" and "'000s" appear in table headers).
_SCALE_WORDS = {
    2: "hundred",
    3: "thousand thousands k 000 000s '000 '000s",
    6: "million millions m mn mln",
    9: "billion billions b bn",
    12: "trillion t tn",
}
SCALES: dict[str, Decimal] = {
    word: Decimal(10**power) for power, words in _SCALE_WORDS.items() for word in words.split()
}

# --- Currencies. Symbols and prefixes are tried longest first, so "HK$" wins over "$".
# (a bare "¥" is JPY: see the module docstring)
_PREFIX_CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("US$", "US $", "$"), "USD"),
    **dict.fromkeys(("HK$",), "HKD"),
    **dict.fromkeys(("A$", "AU$"), "AUD"),
    **dict.fromkeys(("C$", "CA$"), "CAD"),
    **dict.fromkeys(("NZ$",), "NZD"),
    **dict.fromkeys(("S$", "SG$"), "SGD"),
    **dict.fromkeys(("JP¥", "¥"), "JPY"),
    **{"CN¥": "CNY", "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW"},
}
_CODES = (
    *("USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "AUD", "CAD", "NZD", "SGD", "CHF"),
    *("SEK", "NOK", "DKK", "ZAR", "KRW", "INR"),
)
_CODE_CURRENCY = {code: "CNY" if code == "RMB" else code for code in _CODES}
CURRENCY_PREFIX = "|".join(
    [re.escape(p).replace(r"\ ", r"\s?") for p in sorted(_PREFIX_CURRENCIES, key=len, reverse=True)]
    + list(_CODES)
)
# Currency words after a number; the first group that matches names the currency.
CURRENCY_WORDS: dict[str, str] = {
    "HKD": r"(?:HK|Hong\s+Kong)\s?dollars?\b|HKD\b",
    "AUD": r"Australian\s+dollars?\b|AUD\b",
    "CAD": r"Canadian\s+dollars?\b|CAD\b",
    "NZD": r"New\s+Zealand\s+dollars?\b|NZD\b",
    "SGD": r"Singapore\s+dollars?\b|SGD\b",
    "USD": r"(?:US\s?)?dollars?\b|USD\b",
    "EUR": r"euros?\b|EUR\b",
    "GBP": r"pounds?(?:\s+sterling)?\b|sterling\b|GBP\b",
    "CNY": r"yuan\b|RMB\b|CNY\b|renminbi\b",
    "JPY": r"yen\b|JPY\b",
    "CHF": r"(?:Swiss\s+)?francs?\b|CHF\b",
    "INR": r"rupees?\b|INR\b",
    "SEK": r"SEK\b",
    "NOK": r"NOK\b",
    "DKK": r"DKK\b",
    "ZAR": r"rand\b|ZAR\b",
    "KRW": r"KRW\b",
}

# --- Column headers: a currency with an optional scale, or a scale alone.
_HEADER_SCALE = r"000s?|'000s?|thousands?|millions?|billions?|mln|mn|bn|tn|[kmb]"
_HEADER_UNIT = re.compile(
    rf"""(?:^|(?<=[\s(,]))\(?
    (?:(?P<currency>{CURRENCY_PREFIX})\s?(?P<scale>{_HEADER_SCALE})?|(?P<bare_scale>{_HEADER_SCALE}))
    \)?$""",
    re.IGNORECASE | re.VERBOSE,
)


# "EPS (cents)", "Dividend per share (p)": hundredths of the dollar or the pound.
_HEADER_HUNDREDTHS = re.compile(r"\((?P<euro>euro\s+)?(?P<unit>cents?|pence|p)\)$", re.IGNORECASE)


# "(Millions of yen)", "(Thousands of U.S. dollars)", "(Yen per share)": a unit in words.
_CURRENCY_WORDS = {
    "yen": "JPY",
    "dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "sterling": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
}
_UNIT_IN_WORDS = re.compile(
    r"\(\s*(?:in\s+)?(?:(?P<scale>thousands|millions|billions)\s+of\s+)?(?:u\.?s\.?\s+)?"
    rf"(?P<currency>{'|'.join(_CURRENCY_WORDS)})\b(?:\s+per\s+share)?[^()]*\)",
    re.IGNORECASE,
)


def unit_in_words(text: str) -> re.Match[str] | None:
    """Where ``text`` spells a unit in words ("(Millions of yen)"); currency and scale are
    read by :func:`spelt_unit`."""
    return _UNIT_IN_WORDS.search(text)


def spelt_unit(match: re.Match[str]) -> tuple[str, int | None]:
    """("JPY", 1_000_000) of "(Millions of yen)"; ("JPY", None) of "(Yen per share)"."""
    scale = match["scale"]
    code = _CURRENCY_WORDS[match["currency"].lower()]
    return code, int(SCALES[scale.lower()]) if scale else None


def unit_from_header(header: str) -> tuple[str | None, int | Decimal | None]:
    """The currency and scale a table column header names: "£m" -> ("GBP", 1_000_000).

    The rule: the header ends with a unit, alone or after other words, optionally in
    parentheses: a currency (symbol or ISO code) with an optional scale ("£m", "$bn",
    "€000", "RMB mn", "Revenue (£m)", "Sales £bn"), or a scale alone when it is the whole
    header or parenthesised ("m", "(000s)"). Scales: k, 000, 000s, thousand(s), m, mn, mln,
    million(s), b, bn, billion(s), tn. Anything else names no unit: (None, None).
    """
    cleaned = header.strip()
    hundredths = _HEADER_HUNDREDTHS.search(cleaned)
    if hundredths:
        cents = "EUR" if hundredths["euro"] else "USD"  # "RASK (euro cents)"
        return (cents if hundredths["unit"].lower().startswith("c") else "GBP"), Decimal("0.01")
    match = _HEADER_UNIT.search(cleaned)
    if match is None:
        spelt = _UNIT_IN_WORDS.search(cleaned)
        return spelt_unit(spelt) if spelt and spelt.end() == len(cleaned) else (None, None)
    if match["bare_scale"]:
        alone = match.start() == 0 or (cleaned.endswith(")") and "(" in cleaned[match.start() :])
        # "Revised forecast (B)": a capital letter after words tags a column, as "(A)" does.
        tag = match.start() > 0 and match["bare_scale"] in ("B", "K", "M")
        if not alone or tag:
            return None, None
        return None, int(SCALES[match["bare_scale"].lower()])
    currency = currency_of_prefix(match["currency"])
    scale = match["scale"]
    return currency, int(SCALES[scale.lower()]) if scale else None


def names_unit(header: str) -> bool:
    """Does a header or row label name a unit ("£m", "Revenue (NZ$m)", "EPS (cents)")?"""
    return unit_from_header(header) != (None, None)


def currency_of_prefix(prefix: str) -> str:
    """The ISO code of a currency prefix or code: "US$" -> "USD", "RMB" -> "CNY"."""
    squeezed = re.sub(r"\s+", "", prefix).upper()
    return _PREFIX_CURRENCIES.get(squeezed) or _CODE_CURRENCY[squeezed]


# A question's currency, as people write it there ("... and in yuan?", "in £?").
CURRENCY_HINTS = {
    "HKD": re.compile(r"\b(?:hong kong dollars?|hkd)\b|\bhk\$", re.I),
    "NZD": re.compile(r"\b(?:new zealand dollars?|nz dollars?|nzd)\b|\bnz\$", re.I),
    "AUD": re.compile(r"\b(?:australian dollars?|aud)\b|\ba\$", re.I),
    "CAD": re.compile(r"\b(?:canadian dollars?|cad)\b|\bc\$", re.I),
    "CNY": re.compile(r"\b(?:yuan|rmb|cny|renminbi)\b", re.I),
    "USD": re.compile(r"\b(?:dollars?|greenbacks?|usd)\b|\bus\$|\bin\s+\$", re.I),
    "EUR": re.compile(r"\b(?:euros?|eur)\b|\bin\s+\u20ac", re.I),
    "GBP": re.compile(r"\b(?:pounds? sterling|sterling|gbp)\b|\bin pounds\b|\bin\s+\u00a3", re.I),
    "JPY": re.compile(r"\b(?:yen|jpy)\b", re.I),
}
# "... roughly what is it in USD?": the currency a question converts to wins over one its
# own figure is written in ("That RMB 380bn plan").
_INTO = re.compile(r"\b(?:in|into|to)\s+(?:us\s+|the\s+)?$", re.I)
# "the dollar equivalent of that RMB 380bn plan", "its dollar value": converted to it.
_CONVERTED = re.compile(r"\s+(?:equivalent|value|terms|amount)\b", re.I)


def _writes_figure(question: str, start: int) -> bool:
    """Is the currency mention at ``start`` the prefix of a figure the question moves by
    ("how much does a US$5 per barrel move change EBITDA?")? A figure it asks about ("the
    RMB 380bn plan") keeps its currency."""
    return bool(_CONDITION_FIGURE.match(question, start))


# The nouns of a move a sensitivity is conditioned on ("a US$5 per barrel move").
# ("each ¥1 of yen weakness adds ...": a currency's weakening is its move too)
MOVE_NOUN = (
    r"(?:move|movement|swing|change|rise|fall|increase|decrease|shift|drop|weakness"
    r"|weakening|strength|strengthening|depreciation|appreciation)s?"
)
_CONDITION_FIGURE = re.compile(
    r"(?:(?:us|nz|hk|a|c|s)?\$|[\u00a3\u20ac\u00a5]|(?:rmb|usd|eur|gbp|jpy|cny|hkd)\s?)\s?\d[\d.,]*\S*"
    rf"(?:\s+\S+){{0,3}}?\s+{MOVE_NOUN}\b",
    re.I,
)


def currency_wanted(question: str) -> str | None:
    """The currency a question asks its amount in ("... and in yuan?"), if any."""
    found = [
        (m.start(), currency)
        for currency, pattern in CURRENCY_HINTS.items()
        for m in pattern.finditer(question)
    ]
    # "a one-yen move against the dollar": exchange rates name currencies, not the answer's;
    # nor does a figure the question writes ("how much does a US$10 move change EBITDA?").
    found = [
        (start, c)
        for start, c in found
        if not _exchange_rate(question, start) and not _writes_figure(question, start)
    ]
    # A more specific dollar ("NZ$", "Hong Kong dollars") is not also US dollars.
    taken = {start for start, currency in found if currency != "USD"}
    found = [(start, c) for start, c in found if c != "USD" or not _near(start, taken)]
    into = [c for start, c in found if _converted_to(question, start, c)]
    if into:
        return into[-1]
    order = list(CURRENCY_HINTS)
    return min(found, key=lambda f: order.index(f[1]))[1] if found else None


def _converted_to(question: str, start: int, currency: str) -> bool:
    """Is the currency named at ``start`` the one an amount is asked in ("in USD", "into
    euros", "the dollar equivalent")?"""
    if _INTO.search(question, 0, start) or question[start : start + 3].lower() == "in ":
        return True
    named = CURRENCY_HINTS[currency].match(question, start)
    return bool(named and _CONVERTED.match(question, named.end()))


_AGAINST = re.compile(r"\b(?:against|versus|vs\.?|per)\s+(?:the\s+|one\s+|a\s+)?$", re.I)
_RATE_WORD = re.compile(  # ("the dollar and euro exchange rates": both in the rates)
    r"[\w$/-]*(?:['\u2019]s)?(?:\s+(?:and|or)\s+[\w$-]+)?\s+(?:moves?|rates?|exchange|strength"
    r"|weakness|appreciation|depreciation|rally)\b",
    re.I,
)


def currency_named_at(text: str, start: int) -> bool:
    """Does a currency's name open ``text`` at ``start`` ("the dollar", "yen", "US$")?"""
    at = re.compile(r"\s*(?:the\s+)?").match(text, start)
    begin = at.end() if at else start
    return any(pattern.match(text, begin) for pattern in CURRENCY_HINTS.values())


def _exchange_rate(question: str, start: int) -> bool:
    """Does the currency at ``start`` stand in an exchange rate ("against the dollar",
    "a one-yen move", "the yen's weakness") rather than name the answer's unit?"""
    if _AGAINST.search(question, 0, start):
        return True
    return bool(_RATE_WORD.match(question, start))


def _near(start: int, starts: set[int]) -> bool:
    return any(abs(start - other) <= 12 for other in starts)
