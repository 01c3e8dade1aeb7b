"""Measure words: which words of a text can say what a figure is of.

"Net income jumped 76%" is about net income; "jumped", the figure, names, periods, units
("in pounds"), stop words, adverbs and a question's own grammar ("what is the value of")
say nothing about what is counted. :func:`measure_words` keeps the rest, in order;
:func:`measure_stems` gives their stems as a :class:`StemBag`. The word lists here are
general English, not any article's vocabulary.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.entities import CALENDAR_WORDS, SUFFIXES, Subject, names_in, normalise
from assistant.figures import find_figures
from assistant.grammar_words import CHANGE_WORD, SCAFFOLD, UNIT_WORDS
from assistant.periods import period_spans
from assistant.synonyms import same_measure
from assistant.text import STOPWORDS, stem

if TYPE_CHECKING:
    from assistant.focus import QuestionFocus

EXCLUDED = re.compile(
    r"\b(?:excluding|exc\.?|excl\.?|ex\.?|except|other than|without|besides|apart from"
    r"|aside from|rather than|instead of|(?<=\()not|(?<=, )not)(?:\s+|-(?=[a-z]))[\w\-]+",
    re.I,
)
_INCLUDING = re.compile(r"\b(?:including|incl\.?|inc\.?)(?=\s)", re.I)
# "before and after", "from and to": the two ends of a move asked, not what moved.
_BOTH_ENDS = re.compile(r"\b(?:before\s+and\s+after|from\s+and\s+to)\b", re.I)
# "sales to customers in China", "revenue from overseas customers": whom sales are made to,
# which every sale has; the words between ("overseas") still narrow it.
_SOLD_TO = re.compile(r"\b((?:from|to)\s+(?:[a-z]+\s+){0,2}?)customers\b", re.I)
# "back in Q2", "back then": when, not what ("cut back" is a move either way).
_BACK_WHEN = re.compile(r"\bback(?=\s+(?:in|at|during|then|when)\b)", re.I)
# "the year before", "what was it before?": when, not what ("profit before tax" keeps it).
_TIME_BEFORE = re.compile(
    r"\b(year|half|quarter|month|week|it|they|that)\s+before\b|\sbefore\s*[?.!]*\s*$", re.I
)
# "what did that cost?" (the price of what the part before asks), "does Acme aim to save?"
# (what is planned), "what share of revenue" (a portion): no measure of their own.
_NO_MEASURE_VERB = re.compile(
    r"\b((?:did|does|do|will|would)\s+(?:it|that|they|this|these|those))\s+cost\b"
    r"|\b(?:aim(?:s|ing|ed)?|hop(?:e|es|ing|ed)|intend(?:s|ing|ed)?|seek(?:s|ing)?)\s+(?:to|for)\b"
    r"|\b(?:what|which)\s+share\s+(?=of\s+(?!(?:[\w'\u2019-]+\s+){0,3}?(?:market|shares|stock)\b))",
    re.I,
)
# "What discount rate is the DCF built on?", "what is the target based on?": a passive verb
# left before the question's last preposition says how, not what the figure is of.
_LAST_PREPOSITION = re.compile(r"\b([a-z]+)\s+(?:on|upon|at|by|from|in|of|to)\s*\??\s*$", re.I)
# "bought back $60 million of stock", "spent buying back its own stock": the verb and its
# particle are one measure, the buyback ("repurchase"), not a purchase, a spend or a stock.
_BUY_BACK = re.compile(
    r"\b(?:(?:spen[dt]|spending|paid|paying)\s+(?:on\s+)?)?(?:buy|buys|buying|bought)(?:\s+|-)"
    r"(back)(s?)\b(?:\s+(?:its|their)\s+own\s+(?:stock|shares))?",
    re.I,
)
_PARTICIPLE = re.compile(
    r"[a-z]+ed|[a-z]+en|built|set|put|paid|made|spent|sold|held|kept|bought|brought|met", re.I
)
_PASSIVE_AUXILIARY = re.compile(r"\b(?:is|are|was|were|been)\b", re.I)


def _without_passive_end(text: str) -> str:
    last = _LAST_PREPOSITION.search(text)
    if last is None or not _PARTICIPLE.fullmatch(last.group(1)):
        return text
    if not _PASSIVE_AUXILIARY.search(text, 0, last.start(1)):
        return text
    return text[: last.start(1)] + " " * len(last.group(1)) + text[last.end(1) :]


# "(inc. fuel)" in a label ("Acme Inc. revenue" names a company): "inc." in lower case only.
_INCLUDED_WORD = re.compile(r"\b(?:[Ii]ncluding|[Ii]ncl\.?|inc\.)\s+([\w\-]+)")
# "P/E" (price/earnings) is one word, though each letter alone is too short to say anything.
_WORD = re.compile(
    r"[A-Za-z]{3,}\d\b|"  # "CET1": an acronym whose digit is part of it
    r"[A-Za-z](?:/[A-Za-z])+\b|[A-Za-z]{1,2}&[A-Za-z]{1,2}\b|[A-Za-z][A-Za-z\-']*"
)


_TERM_ADJECTIVE = re.compile(r"[a-z]+-term")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")
# "sell-side numbers": who estimates a figure, not what it measures.
_WHO_ASKS = frozenset({"sell-side", "buy-side"})


class StemBag(frozenset):
    """The stems of a measure; ``"net income" in bag`` asks whether all its stems are in."""

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str) and " " in item:
            return all(frozenset.__contains__(self, s) for s in item.split())
        return frozenset.__contains__(self, item)


def _masked(text: str, known: frozenset[str]) -> str:
    """``text`` with names, figures and period phrases blanked out (offsets kept)."""
    # Acronyms stay: "GMV", "EBITA" say what a figure is of as much as they name anything.
    spans = [(m.start, m.end) for m in names_in(text, known) if not m.text.isupper()]
    spans += [(f.start, f.end) for f in find_figures(text)]
    spans += period_spans(text)
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# "like-for-like", "year-on-year", "quarter-over-quarter": a word, a little word, itself.
_SAME_WORD_COMPOUND = re.compile(r"([a-z]+)-(for|on|over|to)-([a-z]+)")


def _same_word_initials(word: str) -> str | None:
    """The initials of a same-word compound ("lfl" of "like-for-like(s)"), else None."""
    same = _SAME_WORD_COMPOUND.fullmatch(word)
    if same and same[1] == same[3].removesuffix("s"):
        return same[1][0] + same[2][0] + same[1][0]
    return None


def is_direction_word(word: str) -> bool:
    """Does ``word`` say how a figure moved ("drop", "rose"), not what it is of?"""
    return bool(CHANGE_WORD.match(word.lower()))


# "unit revenue", "unit costs": per unit of output, a measure of its own; "the cloud unit"
# is a business.
_PER_UNIT_OF = re.compile(r"(?:revenues?|costs?|prices?|margins?|economics)", re.I)


def _unit_measure(word: str, following: list[str]) -> bool:
    return word == "unit" and bool(following) and bool(_PER_UNIT_OF.fullmatch(following[0]))


def measure_words(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``text`` that can say what a figure is of, in order, lower-cased.

    Names, figures, periods, stop words, direction words ("rose", "shrink"), adverbs and
    the question's own grammar ("what is the value of") are left out.
    """
    out = []
    # "excluding fuel", "exc. fuel": what is left out of a figure does not say what it is;
    # "including fuel" keeps "fuel" but "including" says nothing either.
    text = _BOTH_ENDS.sub(" ", _INCLUDING.sub(" ", EXCLUDED.sub(" ", text)))
    text = _NO_MEASURE_VERB.sub(lambda m: m.group(1) or " ", text)
    text = _SOLD_TO.sub(r"\1", _TIME_BEFORE.sub(r"\1", text))
    text = _BACK_WHEN.sub(" ", _without_passive_end(_BUY_BACK.sub(r"buy\1\2", text)))
    words = _WORD.findall(_masked(text, known))
    for i, word in enumerate(words):
        # "EVs", "NPLs": the plural of an acronym is the acronym's measure.
        word = word[:-1] if _PLURAL_ACRONYM.fullmatch(word) else word
        word = word.lower().replace("\u2019", "'")
        # "like-for-like(s)", "year-on-year": the measure its initials name, not two words.
        initials = _same_word_initials(word)
        if initials:
            # "year-on-year" says against what, like "yoy"; "like-for-like" is a measure.
            if stem(word.split("-")[0]) in SCAFFOLD:
                continue
            word = initials
        if word in _WHO_ASKS:
            continue
        # "long-term", "near-term": one adjective, though "long" and "term" alone are grammar.
        for part in [word] if _TERM_ADJECTIVE.fullmatch(word) else word.split("-"):
            low = part.strip("'").removesuffix("'s")
            if (
                len(low) < 2
                or low in STOPWORDS
                or low.endswith("n't")  # "didn't", "won't": grammar
                or CHANGE_WORD.match(low)
                or (stem(low) in SCAFFOLD and not _unit_measure(low, words[i + 1 : i + 2]))
                or low in UNIT_WORDS
                or low in CALENDAR_WORDS
            ):
                continue
            if low.endswith("ly"):
                # An adverb says how, unless it is a reporting term's ("grew organically").
                adjective = low[:-4] if low.endswith("ically") else low[:-2]
                if not same_measure(stem(adjective)):
                    continue
                low = adjective
            out.append(low)
    return out


# "the cost of deposits", "the yield on loans", "return on assets": a measure of its own
# taken of another, which the other's amount ("deposits were $42.5bn") does not give.
_TAKEN_OF = re.compile(
    r"\b(cost|yield|return|rate)s?\s+(?:of|on)\s+"
    r"(?:(?:its|their|the|all|total|average|[A-Z][\w&.-]*(?:'s|\u2019s))\s+)*([a-z][\w-]*)",
    re.I,
)
# ("rate of return", "rate of growth": the object is the measure, the head its wording)
_NOT_TAKEN = frozenset(stem(w) for w in ("return", "growth", "increase", "decline", "change"))


def taken_of(text: str) -> tuple[str, str] | None:
    """The stems of a measure taken of another and of that other ("cost of its deposits":
    cost, deposit), or None."""
    match = _TAKEN_OF.search(text)
    if not match or stem(match.group(2).lower()) in _NOT_TAKEN:
        return None
    return stem(match.group(1).lower()), stem(match.group(2).lower())


def word_stems(text: str) -> list[str]:
    """Every word's stem in order, a same-word compound as its initials ("like-for-like" is
    "lfl", as :func:`measure_words` writes it), so a measure's phrase can be found in text."""
    out = []
    for word in re.findall(r"[A-Za-z][\w'-]*", text):
        word = word.lower().replace("\u2019", "'")
        initials = _same_word_initials(word)
        # ("battery-electric": two words)
        out += [initials] if initials else [stem(part) for part in word.split("-") if part]
    return out


def measure_stems(text: str, known: frozenset[str] = frozenset()) -> StemBag:
    """The stems of :func:`measure_words`, as a bag that also answers for two-word phrases."""
    return StemBag(stem(w) for w in measure_words(text, known))


def states_measure(focus: QuestionFocus, texts: list[str]) -> bool:
    """Does one of ``texts`` name every word of the measure asked, two or more? ("Implied
    upside: 9.5%" for "What is the implied upside?": a short question's vector may sit far
    from every passage while its words stand in one.)"""
    wanted = frozenset(focus.measures)
    return len(wanted) >= 2 and any(wanted <= measure_stems(t) for t in texts)


def own_words(subject: Subject | None) -> frozenset[str]:
    """The subject's own words: its name and one-word aliases ("acme", "acmx"), not the
    words its divisions' names add ("cloud" of "Acme Cloud")."""
    if subject is None:
        return frozenset()
    return frozenset(normalise(subject.name).split()) | {
        normalise(a) for a in subject.aliases if " " not in normalise(a)
    }


def division_words(
    question: str, subject: Subject | None, known: frozenset[str], own: frozenset[str]
) -> list[str]:
    """ "How fast did Acme Cloud grow?": with no other measure word, the words a division's
    name adds to the subject's own words ``own`` ("cloud") say what is measured."""
    if subject is None:
        return []
    words = []
    for mention in names_in(question, known):  # names come without their possessive
        if subject.is_subject(mention.text):
            words += [w for w in mention.text.lower().split() if w not in own | set(SUFFIXES)]
    return words


def unknown_terms(question: str, known: frozenset[str]) -> list[str]:
    """ "What was Coastal Rail's Net Promoter Score?": with no other measure word, a
    capitalised term the documents never use, after a name that owns it, is what is
    measured."""
    mentions = names_in(question, known)
    if not any(m.possessive for m in mentions):
        return []  # "How's Pick of the Crop doing?": the name is the owner
    return [
        w
        for m in mentions
        if not m.possessive and normalise(m.text) not in known
        for w in m.text.lower().split()
    ]


__all__ = [
    "EXCLUDED",
    "StemBag",
    "counts_only_included",
    "division_words",
    "excluded_names",
    "leaves_out_named",
    "measure_stems",
    "measure_words",
    "named_only_in_definition",
    "names_only_before",
    "names_only_included",
    "own_words",
    "states_measure",
    "taken_of",
    "unknown_terms",
]


def includes_excluded(focus: QuestionFocus, text: str) -> bool:
    """Does ``text`` count what the question leaves out? "sales excluding fuel" is not
    "Total Retail (inc. fuel)" nor "Fuel and Clothing", but "(exc. fuel)" leaves it out too."""
    if not focus.excluded:
        return False
    kept = EXCLUDED.sub(" ", text)
    return bool(focus.excluded & {stem(w) for w in re.findall(r"[a-z]+", kept.lower())})


def excluded_names(focus: QuestionFocus, known: frozenset[str]) -> frozenset[str]:
    """The names the question leaves out ("sales ex Homeware": "homeware"), of those the corpus
    prints."""
    if not focus.excluded:
        return frozenset()
    return frozenset(n for n in known if n and stem(n.split()[-1]) in focus.excluded)


def leaves_out_named(names: frozenset[str], sentence: str, context: str) -> bool:
    """Is the figure of ``sentence`` one without the ``names`` left out? So it says ("sales
    excluding Homeware"), or it is a table row beside the name's own row and no total of them
    ("Hypermarkets — YoY: 2.4%" above "Homeware — YoY: (0.7)%")."""
    said = {m.group(0).split()[-1].lower() for m in EXCLUDED.finditer(sentence)}
    if any(n.split()[-1] in said for n in names):
        return True
    if " \u2014 " not in sentence:
        return False
    label = sentence.split(" \u2014 ", 1)[0].strip().lower()
    if label.startswith("total") or label in names:
        return False
    return any(
        re.search(rf"(?:^|\s){re.escape(n)}\s+\u2014\s", context, re.IGNORECASE) for n in names
    )


def names_only_included(focus: QuestionFocus, text: str) -> bool:
    """Does ``text`` name a measure word of the question only as something counted in? "Fuel
    sales" is not "Like-for-like sales (inc. fuel)": that figure is of a whole holding fuel."""
    inside = {stem(m.group(1).lower()) for m in _INCLUDED_WORD.finditer(text)}
    asked = inside & focus.measures - focus.included
    if not asked:
        return False
    outside = {stem(w) for w in re.findall(r"[a-z]+", _INCLUDED_WORD.sub(" ", text).lower())}
    return bool(asked - outside)


# "Pre-provision profit", "pre-tax profit": the measure before the word, not the word.
_BEFORE_WORD = re.compile(r"\bpre-([a-z]+)", re.I)


def names_only_before(focus: QuestionFocus, text: str) -> bool:
    """Does ``text`` name a measure word of the question only as what its measure comes
    before? "Provision" is not "Pre-provision profit", unless asked so."""
    if "pre" in focus.measures:  # "pre-provision net revenue" asked
        return False
    asked = {stem(m.group(1).lower()) for m in _BEFORE_WORD.finditer(text)} & focus.measures
    if not asked:
        return False
    outside = {stem(w) for w in re.findall(r"[a-z]+", _BEFORE_WORD.sub(" ", text).lower())}
    return bool(asked - outside)


# "Gearing, defined as net debt to equity, was 42%": how a measure is worked out.
_DEFINITION = re.compile(r"\b(?:defined|calculated|measured)\s+as\b[^,;()]*", re.I)


def named_only_in_definition(focus: QuestionFocus, text: str) -> bool:
    """Does ``text`` name the question's measure only in how another measure is worked out?
    "Net debt" is not "Gearing, defined as net debt to equity, was 42%", though
    "net debt to equity" (both ends of the ratio) is."""
    match = _DEFINITION.search(text)
    if not match:
        return False
    outside = measure_stems(text[: match.start()] + " " + text[match.end() :])
    sides = re.split(r"\s+(?:to|over)\s+|/", match.group(0), maxsplit=1)
    asked_sides = [side for side in sides if focus.measures & measure_stems(side)]
    return bool(asked_sides) and len(asked_sides) < len(sides) and not focus.measures & outside


def counts_only_included(focus: QuestionFocus, text: str) -> bool:
    """Is ``text`` of the part the question counts in, not the whole? "Total retail sales incl
    fuel" is not answered by "Fuel (£m)", which lacks "retail"."""
    if not focus.included:
        return False
    words = {stem(w) for w in re.findall(r"[a-z]+", _INCLUDED_WORD.sub(" ", text).lower())}
    rest = focus.measures - focus.included
    return bool(focus.included & words) and bool(rest) and not rest <= words


def leaves_out_included(focus: QuestionFocus, text: str) -> bool:
    """Does ``text`` leave out what the question counts in ("incl fuel": "(exc. fuel)")?"""
    if not focus.included:
        return False
    left_out = {stem(m.group(0).split()[-1].lower()) for m in EXCLUDED.finditer(text)}
    return bool(focus.included & left_out)
