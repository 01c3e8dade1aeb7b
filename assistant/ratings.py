"""Analysts' ratings on a stock: "what's the broker's call on the shares?" answered "Hold
(from Buy)", from the sentence or note header that states it.

A rating is a word of the brokers' closed scale (buy, hold, outperform, underweight, ...)
standing where a rating is given: after "to", "at", "from" or "Rating:", before "rating",
or after "rates the shares", in a sentence that speaks of ratings ("downgraded", "rating",
"recommendation"). Those words are also verbs ("to buy back shares", "hold a 40% share"),
hence the frame. A credit rating ("BBB+") is another matter and is not read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.entities import names_in, normalise
from assistant.text import TABLE_ROW

_SCALE = (
    r"strong[\s-]buy|strong[\s-]sell|buy|sell|hold|outperform|underperform|overweight"
    r"|underweight|equal[\s-]weight|market[\s-]perform|sector[\s-]perform|peer[\s-]perform"
    r"|neutral|accumulate|reduce|add|in[\s-]line"
)
_Q = r"[\"'\u201c\u201d\u2018\u2019]?"
# The new rating: "to hold", "Rating: HOLD", "at Buy", "rates the shares Outperform", "a Buy
# rating", "reiterated its outperform rating".
_NEW = re.compile(
    rf"(?:\b(?:to|at|as)\s+|\brating:\s*|\brates\s+(?:the\s+)?(?:shares|stock)\s+)"
    rf"{_Q}(?P<new>{_SCALE}){_Q}(?![\w-])"
    rf"|\b(?:a|an|its|their|our|his|her)\s+{_Q}(?P<held>{_SCALE}){_Q}\s+(?:rating|recommendation)\b",
    re.I,
)
_LISTED = re.compile(rf"{_Q}\s*(?:,|/|\bor\b|\band\b)\s*{_Q}(?:{_SCALE})\b", re.I)
_OLD = re.compile(rf"\bfrom\s+{_Q}(?P<old>{_SCALE}){_Q}(?![\w-])", re.I)
# A sentence that speaks of ratings, so that "to buy" there is a rating, not a purchase.
_RATING_TALK = re.compile(
    r"\b(?:upgrad\w*|downgrad\w*|ratings?|recommendation|rates|rated|reiterat\w*|initiat\w*)\b",
    re.I,
)
# Asked: "what rating ...", "recommendation", "X's call on the stock", "buy or not?", "did X
# downgrade Acme?". Not a credit rating ("issuer default rating", "Moody's rating").
_ASKS = re.compile(
    r"\b(?:rating|recommendation|rate\s+(?:the\s+)?(?:shares|stock)|rated)\b"
    r"|\bcall\s+on\b|\b(?:buy|hold|sell)\s*,?\s*(?:or|/)\s*(?:not|hold|sell)\b"
    # "did Initech downgrade the stock / Acme?", not "what's behind the guidance upgrade?"
    rf"|\b(?:up|down)grad(?:e|es|ed|ing)\s+(?:the\s+)?(?:shares|stock|(?-i:[A-Z])\w*|to\s+{_Q}(?:{_SCALE}))",
    re.I,
)
# "... the rating and the price target?": a figure asked too, which the figure chain answers.
_ALSO_FIGURE = re.compile(
    r"\band\b.*\b(?:target|price|estimates?|forecasts?|valuation|fair\s+value|eps)\b"
    r"|\b(?:target|price|estimates?|forecasts?)\b.*\band\b",
    re.I,
)
# A credit rating: "issuer default rating", "affirmed ... and the outlook".
_CREDIT = re.compile(
    r"\b(?:credit|default|issuer|bonds?|debt|notes|investment[\s-]grade|affirm\w*|outlook)\b",
    re.I,
)
# "cut its rating on Globex Air", "Globex Air — Rating: Buy": whose shares are rated.
_RATED_ON = re.compile(r"\b(?:on|of)\s+(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*)*)")


@dataclass(frozen=True)
class Rating:
    """A rating a sentence states, and the one it replaced, as the scale writes them."""

    new: str
    old: str | None = None

    def __str__(self) -> str:
        return f"{_shown(self.new)} (from {_shown(self.old)})" if self.old else _shown(self.new)


def asks_rating(question: str) -> bool:
    """Does the question ask for an analyst's rating on the stock, and nothing else (not a
    credit rating, nor a price target beside it)?"""
    if _CREDIT.search(question) or _ALSO_FIGURE.search(question):
        return False
    return bool(_ASKS.search(question))


def stated_rating(sentence: str) -> Rating | None:
    """The rating ``sentence`` gives, with the one it replaced ("to hold from buy"), if any."""
    if not _RATING_TALK.search(sentence):
        return None
    new = _NEW.search(sentence)
    # "not recommendations to buy, sell or hold any security": the scale listed, no rating.
    if new is None or _LISTED.match(sentence, new.end()):
        return None
    old = _OLD.search(sentence, new.end())
    # "Rating: HOLD (from BUY)": the old one in brackets after the new.
    old = old or _OLD.search(sentence)
    return Rating(new["new"] or new["held"], old["old"] if old else None)


def rated_names(sentence: str) -> frozenset[str]:
    """Whose shares the sentence rates, where it says so ("cut its rating on Globex Air", a
    peer table's row "Globex Air — Rating: Buy"); empty when it names no one there."""
    row = TABLE_ROW.match(sentence)
    named = row["label"] if row else (on["name"] if (on := _RATED_ON.search(sentence)) else "")
    return frozenset(normalise(m.text) for m in names_in(named))


def names_all(text: str, wanted: set[str]) -> bool:
    """Does ``text`` name every organisation in ``wanted`` (normalised names)?"""
    plain = normalise(text)
    return all(name in plain for name in wanted)


# Each rating's rank on the scale: a move up it is an upgrade.
_RANKS = {
    **dict.fromkeys(("strong buy",), 5),
    **dict.fromkeys(("buy",), 4),
    **dict.fromkeys(("outperform", "overweight", "accumulate", "add"), 3),
    **dict.fromkeys(
        (
            "hold",
            "neutral",
            "equal weight",
            "market perform",
            "sector perform",
            "peer perform",
            "in line",
        ),
        2,
    ),
    **dict.fromkeys(("underperform", "underweight", "reduce"), 1),
    **dict.fromkeys(("sell", "strong sell"), 0),
}
_SAID_UP = re.compile(r"\bupgrad\w*|\b(?:rais|lift)\w*\s+(?:its|their|the)\s+rating\b", re.I)
_SAID_DOWN = re.compile(r"\bdowngrad\w*|\b(?:cut|lower)\w*\s+(?:its|their|the)\s+rating\b", re.I)
_SAID_SAME = re.compile(r"\b(?:reiterat|maintain|kept|keeps|retain|unchanged)\w*", re.I)
_ASSERTED_NEW = re.compile(rf"\bto\s+{_Q}(?P<new>{_SCALE}){_Q}(?![\w-])", re.I)


def is_rating(word: str) -> bool:
    """Is ``word`` a rating on the scale ("Buy", "Market Perform"), not a name?"""
    return _rank(word) is not None


def _rank(rating: str) -> int | None:
    return _RANKS.get(re.sub(r"[\s-]+", " ", rating.lower()).strip())


def _way(text: str, rating: Rating | None = None) -> str | None:
    """ "up", "down" or "same": how the rating moved, by the words of ``text`` or the ranks of
    ``rating``'s old and new."""
    if _SAID_SAME.search(text):
        return "same"
    up = _SAID_UP.search(text)
    if up or _SAID_DOWN.search(text):
        return "up" if up else "down"
    if rating is None or rating.old is None:
        return None
    new, old = _rank(rating.new), _rank(rating.old)
    if new is None or old is None:
        return None
    return "same" if new == old else "up" if new > old else "down"


_MOVES = {"up": "an upgrade", "down": "a downgrade", "same": "no change"}


def contradicted_rating(question: str, sentence: str) -> tuple[str, str] | None:
    """What a rating question assumes that ``sentence``'s rating contradicts ("Why did X
    downgrade Acme to Neutral?" of "upgraded to Buy from Neutral"), as a message and an
    opening line; None where it assumes nothing, or what the sentence bears out."""
    stated = stated_rating(sentence)
    if stated is None:
        return None
    asked_way, said_way = _way(question), _way(sentence, stated)
    if asked_way in ("up", "down") and said_way and asked_way != said_way:
        said = f"{_MOVES[said_way]}, {stated}"
        return (
            f"the question takes it as {_MOVES[asked_way]}; the sources say {said}",
            f"The sources say {said}, not {_MOVES[asked_way]}",
        )
    named = _ASSERTED_NEW.search(question)
    if named and _rank(named["new"]) != _rank(stated.new):
        return (
            f"the question says {_shown(named['new'])}; the sources say {stated}",
            f"The sources say {stated}, not {_shown(named['new'])}",
        )
    return None


def _shown(rating: str | None) -> str:
    return re.sub(r"[\s-]+", " ", rating or "").strip().title()


__all__ = [
    "Rating",
    "asks_rating",
    "contradicted_rating",
    "is_rating",
    "names_all",
    "rated_names",
    "stated_rating",
]
