"""Whether a figure's own words qualify the measure asked as the question does: "orders" is
only the modifier of "order backlog", "segment profit" is another kind of profit than the
"net profit" asked, "total deposits" are no "cost of deposits", "net income" is no "mortgage
banking income", "revenue of $0.9bn and orders running ahead" gives no orders figure, and
"the shares dropped 5.2%" is the share price's move, not the outlook's."""

from __future__ import annotations

import re

from assistant.figure_periods import in_labelled_aside
from assistant.figures import find_figures
from assistant.focus import QuestionFocus
from assistant.measure_words import measure_words, word_stems
from assistant.measures import FigureContext
from assistant.synonyms import acronym_name_stems, same_measure
from assistant.text import stem

_NEXT_CLAUSE = re.compile(r"[,;]|\s(?:and|while|but)\s")


def names_the_modifier(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the figure's own word name only what modifies the measure asked ("orders" of
    "order backlog"), where its sentence goes on to name the measure itself for a later one?
    The measure is the first two words asked or the last two ("order backlog chip" asks it
    of chips; "tax rate and diluted share count" pairs no "rate" with "diluted")."""
    near = {k for k, w in ctx.weights if w >= 1.0}
    later = [f for f in find_figures(ctx.sentence) if f.start >= ctx.figure.end]
    # (from the next clause on: "$6.40 per share, 3.1% lower" names its own unit first)
    own_end = _NEXT_CLAUSE.search(ctx.sentence, ctx.figure.end)
    if not later or own_end is None or own_end.start() > later[-1].start:
        return False
    after, zone = word_stems(ctx.sentence[own_end.end() : later[-1].start]), word_stems(ctx.zone)
    words = [stem(w) for w in measure_words(focus.phrase)]
    if len(words) < 2:
        return False
    for modifier, head in {tuple(words[:2]), tuple(words[-2:])}:
        if head not in near and modifier in near and head not in zone and head in after:
            # ("has committed $53 billion to AI ..., driving AI-related revenue": a verb asked
            # before its object, "committed to AI", modifies nothing)
            return not _AS_VERB.search(ctx.zone.lower().replace(modifier, f"<{modifier}>"))
    return False


def names_only_the_base(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure the amount of what the measure asked is taken of ("Total deposits were
    $38.7 billion" for "the cost of its deposits"), its clause never naming the measure?"""
    if focus.taken_of is None:
        return False
    measure, base = focus.taken_of
    stated = word_stems(ctx.clause)
    return stem(ctx.head or base) == base and base in stated and measure not in stated


# The bases a measure is stated on ("net income", "gross margin"), each a kind of its own.
_BASES = frozenset(stem(w) for w in ("net", "gross", "operating", "comprehensive", "interest"))
# Words that say whose or how much of a measure, not what kind: "group revenue" is revenue.
_SCOPE = frozenset(stem(w) for w in ("group", "total", "overall", "consolidated", "company"))


def another_kind_named(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the clause name the measure's noun with a word of another kind before it ("net
    income of $118.3 million") where the question asks a kind ("mortgage banking income")
    that the clause never names?"""
    words = [stem(w) for w in measure_words(focus.phrase)]
    kinds = set(words[:-1]) - _SCOPE
    # ("CET1": its letters, as a question's measure words keep them)
    stated = [word.rstrip("0123456789") for word in word_stems(ctx.clause)]
    if not kinds or kinds & set(stated):
        return False
    said = {s for word in stated for s in same_measure(word)}
    spelled = {s for kind in kinds for name in acronym_name_stems(kind) for s in name}
    if kinds & said or spelled & set(stated):
        return False  # "after-tax profit" asked, "net profit" stated; "EBIT" as "operating"
    before = {stated[i - 1] for i in range(1, len(stated)) if stated[i] == words[-1]}
    return bool(before & _BASES - set(focus.measures))


# "revenue of nearly $0.9bn": the noun a figure is "of".
_OF_FIGURE = re.compile(
    r"\b([A-Za-z]+)\s+of\s+(?:(?:about|around|nearly|almost|roughly|some|over|under|more\s+than"
    r"|less\s+than|up\s+to|just\s+(?:over|under))\s+)?$",
    re.I,
)


def of_another_measure(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure "of" another measure ("revenue of nearly $0.9bn") while the measure asked
    is named only after it ("... and orders running ahead of shipments"), or only before the
    "and" that joins that measure ("restructuring and higher capital expenditure of €31.5m")?"""
    of = _OF_FIGURE.search(ctx.sentence[: _stated_at(ctx)])
    key = stem(of.group(1).lower()) if of else ""
    alike = same_measure(key) if key else frozenset()
    asked = set(focus.measures)
    if not of or not alike or key in asked or alike & asked:
        return False
    head = ctx.sentence[: of.start(1)]
    joined = _JOINED_BEFORE.search(head)
    if joined and asked & set(word_stems(head[: joined.start()])):
        return not asked & set(word_stems(joined.group(0)))
    later = set(word_stems(ctx.sentence[ctx.figure.end :]))
    return bool(asked) and asked <= later


def _stated_at(ctx: FigureContext) -> int:
    """Where the figure is stated: that of the figure before its labelled aside, for the
    aside's own ("capex of €31.5 million (H1 2030: €28.0 million)": capex's both)."""
    if not in_labelled_aside(ctx.sentence, ctx.figure.start):
        return ctx.figure.start
    opening = ctx.sentence.rfind("(", 0, ctx.figure.start)
    before = [f for f in find_figures(ctx.sentence) if f.end <= opening]
    return before[-1].start if before else ctx.figure.start


# "... and higher capital ": the words that join the noun a figure is "of" to what went before.
_JOINED_BEFORE = re.compile(r"\band\s+(?:[A-Za-z-]+\s+){0,3}$")


# An auxiliary before the word marks it a verb ("has committed"), not a noun's modifier.
_AS_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were|been|be)\s+<")


# A basis of the whole company's result ("net profit") and the words that make a measure a
# part's ("segment profit", "divisional operating profit"): a part's result is no basis of it.
_WHOLE_BASES = frozenset(stem(w) for w in "net group consolidated attributable".split())  # noqa: SIM905
_A_PARTS = frozenset("segment segmental segments division divisional unit business".split())  # noqa: SIM905
# What may stand between the head and its figure: "segment profit was ¥3.0bn", "profit of".
_TO_FIGURE = frozenset("was were is are of at stood totalled totaled reached came to".split())  # noqa: SIM905
_OWN_PHRASE = re.compile(r"[,;:()]|\b(?:and|while|but|whereas)\b", re.IGNORECASE)


# "... was ¥3.0bn (down 10.8%)": a move in brackets is of the figure before it.
_BRACKETED_MOVE = re.compile(r"\(\s*(?:up|down)\s*$", re.IGNORECASE)


def _own_words(ctx: FigureContext) -> str:
    """The words before the figure that may name it, the figure before it for a bracketed
    move, with other figures left out."""
    before = ctx.sentence[: ctx.figure.start]
    if not _BRACKETED_MOVE.search(before):
        return ctx.zone
    before = _BRACKETED_MOVE.sub(" ", before)
    for fig in reversed(find_figures(before)):
        before = before[: fig.start] + before[fig.end :]
    return before


def part_result_for_whole(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure's own noun phrase, right before it, a part's result where the question
    asks the whole company's ("... and segment profit was ¥3.0bn" for "net profit")?"""
    asked = [stem(w) for w in measure_words(focus.phrase)]
    if not _WHOLE_BASES & set(asked[:-1]):
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", _OWN_PHRASE.split(_own_words(ctx))[-1])
    stems = [stem(w.lower()) for w in words]
    heads = [h for h in asked[1:] if h in stems]
    if not heads or _WHOLE_BASES & set(stems):
        return False
    at = stems.index(heads[0])
    if at == 0 or any(w.lower() not in _TO_FIGURE for w in words[at + 1 :]):
        return False
    return words[at - 1].lower() in _A_PARTS


# What an "earnings before ..." measure leaves out: EBITDA's list is not EBITA's.
_LEFT_OUT_ITEMS = frozenset(
    stem(w)
    for w in """interest tax taxes taxation depreciation amortisation amortization impairment
    impairments exceptional exceptionals rent""".split()  # noqa: SIM905
)
_BEFORE_LIST = re.compile(r"\bbefore\s+((?:[A-Za-z]+(?:,\s*|\s+|\s*&\s*)){0,6}[A-Za-z]+)", re.I)


def _left_out(text: str) -> frozenset[str]:
    """The items an "earnings before interest, tax(es) and ..." names as left out."""
    found = _BEFORE_LIST.search(text)
    if not found:
        return frozenset()
    items = [stem(w.lower()) for w in re.findall(r"[A-Za-z]+", found.group(1))]
    return frozenset(i for i in items if i in _LEFT_OUT_ITEMS)


def other_items_left_out(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Do the question and the figure's clause each spell out what earnings are before, and
    differently ("before interest, tax, depreciation and amortisation" asked, "earnings
    before interest, taxes and amortisation (EBITA)" stated)?"""
    asked, stated = _left_out(focus.phrase), _left_out(ctx.clause)
    return bool(asked) and bool(stated) and asked != stated


# "the shares dropped 5.2%", "its stock rose 4%": a move of the share price.
_SHARES_MOVED = re.compile(
    r"\b(?:shares|stock|share\s+price|ADRs)\s+(?:(?:were|was|had|have)\s+)?"
    r"(?:rose|fell|dropped|jumped|slid|gained|lost|climbed|sank|tumbled|surged|plunged|declined"
    r"|slumped|rallied|up|down)\s+(?:by\s+)?(?:as\s+much\s+as\s+|about\s+|nearly\s+)?\Z",
    re.I,
)
_PRICE_WORDS = frozenset(stem(w) for w in ("share", "shares", "stock", "price", "adr", "adrs"))


def share_price_move(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure a move of the share price ("... the outlook was cut, and the shares
    dropped 5.2%") where the question asks of no share, stock or price?"""
    asked = {stem(w) for w in focus.words}
    return not asked & _PRICE_WORDS and bool(_SHARES_MOVED.search(ctx.zone))
