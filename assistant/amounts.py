"""How an answer writes a figure: as printed, less its sign, in its currency and scale.

:func:`magnitude` writes "(3.7)%" as "3.7%" and a table cell whose unit stands in its column
header ("£m: 6,480") as "£6.480bn", or in the scale the question asks ("... in £m?":
"£6,480m", :func:`scale_asked`).
"""

from __future__ import annotations

import re

from assistant.figures import Figure

_SYMBOLS = {
    **{"USD": "$", "GBP": "£", "EUR": "€", "JPY": "JP¥", "HKD": "HK$", "CNY": "RMB "},
    **{"AUD": "A$", "CAD": "C$", "NZD": "NZ$", "SGD": "S$"},
}
_UNIT_IN_TEXT = re.compile(r"[$£€¥]|[A-Za-z]")


def magnitude(fig: Figure, scale: tuple[float, str] | None = None) -> str:
    """The figure as printed, without an accounting or minus sign: "(3.7)%" -> "3.7%".

    A table cell whose unit stands in its column header ("£m: 6,480") is written with it.
    """
    text = fig.text.strip()
    if (
        fig.kind == "money"
        and fig.high is None
        and (not _UNIT_IN_TEXT.search(text) or _scaled_by_header(text, fig))
    ) or (fig.kind == "number" and fig.high is None and _scaled_by_header(text, fig)):
        return _money(fig, scale)  # a count under "(000s)" is written with its scale: "1.234m"
    if text.startswith("(") and ")" in text:
        text = text[1:].replace(")", "", 1)
    text = text.lstrip("-\u2212\u2013\u25b3\u25b2 ")
    if fig.high is not None:
        # "between £940 million and £1,020 million" read without its "between" is two figures:
        # a range is shown as one ("£940 million to £1,020 million").
        text = re.sub(r"\s+and\s+", " to ", text)
    if fig.kind == "percent" and not re.search(r"%|per\s?cent", text, re.IGNORECASE):
        text += "%"  # a cell under a "% change" column
    if fig.kind == "points" and not re.search(r"[A-Za-z]", text):
        # a cell under a "(bps)" or "(pts)" column: 50 basis points are 0.5 points
        bps = abs(abs(fig.value) * 100 - float(text.replace(",", ""))) < 1e-6
        text += " bps" if bps else " pts"
    return text


def _scaled_by_header(text: str, fig: Figure) -> bool:
    """ "$1,184.6" under "($m)": the cell writes its currency, its header the scale."""
    digits = re.sub(r"[^\d.]", "", text)
    return (
        not re.search(r"[A-Za-z]", text)
        and digits.count(".") <= 1
        and digits.strip(".") != ""
        and abs(float(digits) - abs(fig.value)) > 0.005 * abs(fig.value)
    )


_HUNDREDTHS = {"USD": " cents", "EUR": " euro cents", "GBP": "p"}


def _money(fig: Figure, scale: tuple[float, str] | None = None) -> str:
    """An amount in its currency and the largest whole scale: "£7.603bn", "$815m"; or in
    the scale the question asks ("£m?": "£10,462m")."""
    value = abs(fig.value)
    # A table's "(cents)" or "(p)" cell; a euro amount only where written in cents ("RASK
    # (euro cents)": 10.87), not a "(€)" column's 0.30.
    written_in_euros = fig.currency == "EUR" and not _scaled_by_header(fig.text, fig)
    if value < 1 and fig.currency in _HUNDREDTHS and not written_in_euros:
        return f"{value * 100:,.6g}{_HUNDREDTHS[fig.currency]}"
    symbol = _SYMBOLS.get(fig.currency or "", f"{fig.currency} " if fig.currency else "")
    written = fig.text.strip().strip("()-\u2212")
    if not scale and value < 1e3 and re.fullmatch(r"\d+\.\d+", written):
        return f"{symbol}{written}"  # "(€) 0.30": a dividend keeps its cents, not "€0.3"
    for size, suffix in (scale,) if scale else ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"{symbol}{value / size:,.6g}{suffix}"
    return f"{symbol}{value:,.6g}"


# "sales in £m?", "in $bn": the scale an amount is asked in.
_SCALE_ASKED = re.compile(
    r"[$\u00a3\u20ac\u00a5]\s?(m|mn|bn|k)\b|\bin\s+(millions|billions)\b", re.I
)
_SCALES = {"m": (1e6, "m"), "mn": (1e6, "m"), "millions": (1e6, "m"), "k": (1e3, "k")}


def scale_asked(question: str) -> tuple[float, str] | None:
    """The scale the question asks its amount in ("£m": millions), if any."""
    match = _SCALE_ASKED.search(question)
    word = (match.group(1) or match.group(2)).lower() if match else ""
    return _SCALES.get(word, (1e9, "bn") if word else None)


__all__ = ["magnitude", "scale_asked"]
