"""Shapes an airline's results showed, each a general rule on made-up text: per-unit measures
("unit revenue") and the letters that define them ("(RASK)"), terse change asks ("chg",
"... yoy"), months that make a quarter ("jul-sep"), a change column's period, a row named
only in part, and a corrected premise that names where a move started and ended."""

from __future__ import annotations

from assistant.cues import asks_movement
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.matching import answers, beyond_label, keeps_ratio, question_focus
from assistant.measure_words import measure_words
from assistant.measures import figure_contexts, row_contexts
from assistant.owners import owners
from assistant.periods import periods
from assistant.premise import check_premise
from assistant.question import question_parts
from assistant.sentence_fit import CHANGE_BONUS, SentenceReader
from assistant.synonyms import plain_terms
from assistant.table_units import title_unit
from assistant.tables import names_row, render_tables
from assistant.text import content_stems, stem
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme Air", ("Acme",))


def test_unit_before_revenue_or_cost_is_part_of_the_measure() -> None:
    assert measure_words("unit revenue in q3?") == ["unit", "revenue"]
    assert measure_words("Unit cost excluding fuel rose 5.9%") == ["unit", "cost"]
    # ... but a business unit is no measure.
    assert measure_words("what did the unit report?") == []


def test_letters_that_define_a_measure_own_nothing() -> None:
    for text in ("Unit revenue (RASK) down", "Unit revenue, or RASK, fell"):
        assert owners(text, ACME, places=False) == (frozenset(), False), text
    assert "globex" in owners("sales or Globex", ACME)[0]
    assert "ibm" in owners("Acme sold its stake to IBM", ACME)[0]


def test_terse_asks_for_a_change_and_shorthand_words() -> None:
    assert asks_movement("unit revenue chg in q3?")
    assert asks_movement("ex-fuel unit costs q3 yoy")
    assert not asks_movement("what was EBIT in Q3?")
    assert "passengers" in plain_terms("how many pax did Acme fly?")


def test_three_months_named_make_a_quarter() -> None:
    assert periods("how many passengers in jul-sep?") == {"Q*", "Qm09"}
    assert periods("revenue for July to September") == {"Q*", "Qm09"}
    assert "Qm03" in periods("jan-mar sales")
    assert not {"Q*"} & periods("from June to December")  # seven months are no quarter


def test_a_change_column_is_of_the_period_its_columns_open_with() -> None:
    row = (
        "Revenue (EUR m) \u2014 Q3 2026: 2,286; Q3 2025: 2,163; Change: 5.7%; "
        "9M 2026: 5,604; 9M 2025: 5,318; Change: 5.4%"
    )
    cells = {c.figure.text: c.periods for c in row_contexts(row)}
    assert "Q3" in cells["5.7%"] and "M9" not in cells["5.7%"]
    assert "M9" in cells["5.4%"] and "Q3" not in cells["5.4%"]


def test_a_row_named_in_part_is_not_the_row_asked() -> None:
    row = "Revenue (EUR m) \u2014 Q3 2026: 2,286; Q3 2025: 2,163"
    for question, named in (
        ("unit revenue chg in q3?", False),
        ("what was q3 revenue?", True),
        ("total revenue in q3", True),
        ("h&b revenue estimate for fy26?", True),
    ):
        assert names_row(row, content_stems(question), set(), question) is named, question


def test_a_figure_asserted_where_a_move_started_is_corrected_with_where_it_ended() -> None:
    said = (
        "Full-year EBIT guidance lowered to \u20ac380 million to \u20ac420 million "
        "(previously \u20ac450 million to \u20ac510 million)."
    )
    issue = check_premise("Acme raised its EBIT guidance to \u20ac450-510m - why?", [said], ACME)
    assert issue is not None
    assert issue.correction.startswith("The sources say it fell to \u20ac380 million")
    assert "from \u20ac450 million" in issue.correction


def test_a_caption_gives_its_unit_as_a_code_and_a_letter() -> None:
    assert title_unit("FORECASTS (EUR m unless stated; December year-end)") == "(EUR m)"
    assert title_unit("EUR mid-cap peers") == ""


def test_a_ratio_asked_per_unit_is_not_the_units_total() -> None:
    focus = question_focus("ancillary revenue per passenger in the quarter?", ACME)
    assert focus.per == stem("passenger")
    said = "Ancillary revenue per passenger rose 6.2% to \u20ac38.64, helped by seat fees."
    (per_head,) = [c for c in figure_contexts(said, ACME) if c.figure.text == "\u20ac38.64"]
    assert keeps_ratio(focus, per_head)
    (total,) = row_contexts("Passenger revenue (EUR m) \u2014 Q3 2026: 1,754")
    assert not keeps_ratio(focus, total)
    (ancillary,) = row_contexts("Ancillary revenue (EUR m) \u2014 Q3 2026: 372")
    assert not keeps_ratio(focus, ancillary)
    # An acronym ending in the unit's letter says "per share" ("EPS").
    (eps,) = row_contexts("EPS (EUR) \u2014 FY26E: 0.54")
    assert keeps_ratio(question_focus("earnings per share in FY26?", ACME), eps)


def test_a_ratio_asked_is_answered_by_its_own_count_per_unit_not_the_unit_alone() -> None:
    focus = question_focus("What is Acme's dividend per share?", ACME)
    assert focus.per_of == stem("dividend")
    # What one share earns is no dividend, though the clause says "per share".
    said = "The analysts' consensus for Acme's 2027 earnings is $4.10 per share."
    (earned,) = figure_contexts(said, ACME)
    assert keeps_ratio(focus, earned) is False
    paid = "Acme raised its dividend to $0.40 per share."
    (dividend,) = figure_contexts(paid, ACME)
    assert keeps_ratio(focus, dividend)
    # The clause's own ratio names what it counts, whatever the sentence opened with; the
    # unit of an amount ("5.8 cents per share") names nothing counted.
    both = "Revenue rose 4% to $900 million and adjusted earnings per share rose to $1.20."
    eps = next(c for c in figure_contexts(both, ACME) if c.figure.text == "$1.20")
    assert keeps_ratio(question_focus("revenue per share?", ACME), eps) is False
    assert keeps_ratio(question_focus("earnings per share?", ACME), eps)
    cents = "The final dividend is 5.8 cents per share."
    (final,) = figure_contexts(cents, ACME)
    assert keeps_ratio(question_focus("the final dividend per share?", ACME), final)
    # An acronym of the ratio, or one the clause's words spell, counts what is asked.
    (row,) = row_contexts("Dividend per share (cents) \u2014 FY26: 10.5")
    assert keeps_ratio(focus, row)
    (dps,) = row_contexts("DPS (EUR) \u2014 FY26E: 0.90")
    assert keeps_ratio(focus, dps)
    tbv = "It trades at 1.3x tangible book value per share of $28.45."
    book = next(c for c in figure_contexts(tbv, ACME) if c.figure.text == "$28.45")
    assert keeps_ratio(question_focus("TBV per share?", ACME), book)
    # "..., or $1.20 per diluted share" restates per share the amount named before it.
    restated = "Net income was $90 million, or $1.20 per diluted share."
    per_share = next(c for c in figure_contexts(restated, ACME) if c.figure.text == "$1.20")
    assert keeps_ratio(question_focus("net income per diluted share?", ACME), per_share)
    assert keeps_ratio(focus, per_share) is False
    assert question_focus("EPS per diluted share?", ACME).per_of == ""  # the ratio itself
    # A question that asks no ratio is left to the other checks ("per the article" is who
    # says it).
    assert question_focus("How much did Acme pay per share?", ACME).per_of == ""
    assert question_focus("What is Acme's market share per the article?", ACME).per_of == ""


def test_a_place_named_with_its_noun_qualifies_and_measures_nothing() -> None:
    known = frozenset({"lindmark"})
    focus = question_focus("Acme's market share at Lindmark airport in Q3?", ACME, known)
    assert stem("airport") not in focus.measures and "lindmark" in focus.qualifiers


def test_a_peer_tables_label_column_leaves_the_section_heading_as_its_title() -> None:
    text = (
        "## Airline market shares at Kelmarsh\n\nPassenger shares, by carrier group.\n\n"
        "| Carrier group | Q3 2026 | Q3 2025 |\n|---|---:|---:|\n| Acme Group | 39.6% | 40.4% |\n"
    )
    rendered = render_tables(text)
    assert "### Carrier group" not in rendered
    assert rendered.index("## Airline market shares") < rendered.index("Acme Group \u2014")
    # A row's title says where its figures are: a qualifier may stand there.
    focus = question_focus("Acme market share at Kelmarsh in Q3?", ACME, frozenset({"kelmarsh"}))
    (cell, _) = row_contexts(
        "Acme Group \u2014 Q3 2026: 39.6%; Q3 2025: 40.4%", "Airline market shares at Kelmarsh"
    )
    assert answers(focus, cell, frozenset(), None, 0.5)


def test_a_dividend_a_share_is_per_share_and_a_clipped_word_names_the_rows_label() -> None:
    focus = question_focus("What is Acme's new quarterly dividend per share?", ACME)
    said = "Acme raised its quarterly dividend 7% to $0.31 a share."
    (dividend,) = [c for c in figure_contexts(said, ACME) if c.figure.text == "$0.31"]
    assert keeps_ratio(focus, dividend)
    row = "GAAP operating margin \u2014 FY26: 14.7%; FY25: 14.2%"
    (cell, _) = row_contexts(row, "Results summary: full year ($ in millions, except per share)")
    assert beyond_label(question_focus("GAAP op margin for the full year?", ACME), cell)


def test_a_clause_with_every_measure_word_asked_ranks_above_any_that_lacks_one() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("ex-fuel unit costs q3 yoy", ACME)
    full = reader.figure_fit(part, "Unit cost excluding fuel rose 5.9% in Q3.", "", "Q3 results")
    # A clause lacking a word scores its stem share (below 1) plus the change bonus at most.
    assert full is not None and full[0] > 1.0 + CHANGE_BONUS
