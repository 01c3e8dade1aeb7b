"""Shapes an airline's results showed, each a general rule on made-up text: per-unit measures
("unit revenue") and the letters that define them ("(RASK)"), terse change asks ("chg",
"... yoy"), months that make a quarter ("jul-sep"), a change column's period, a row named
only in part, and a corrected premise that names where a move started and ended."""

from __future__ import annotations

from assistant.cues import asks_movement
from assistant.entities import Subject
from assistant.measure_words import measure_words
from assistant.measures import row_contexts
from assistant.owners import owners
from assistant.periods import periods
from assistant.premise import check_premise
from assistant.synonyms import plain_terms
from assistant.table_units import title_unit
from assistant.tables import names_row
from assistant.text import content_stems

ACME = Subject("Acme Air", ("Acme",))


def test_unit_before_revenue_or_cost_is_part_of_the_measure() -> None:
    assert measure_words("unit revenue in q3?") == ["unit", "revenue"]
    assert measure_words("Unit cost excluding fuel rose 6.4%") == ["unit", "cost"]
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
        "Revenue (EUR m) \u2014 Q3 2026: 2,408; Q3 2025: 2,269; Change: 6.1%; "
        "9M 2026: 5,872; 9M 2025: 5,541; Change: 6.0%"
    )
    cells = {c.figure.text: c.periods for c in row_contexts(row)}
    assert "Q3" in cells["6.1%"] and "M9" not in cells["6.1%"]
    assert "M9" in cells["6.0%"] and "Q3" not in cells["6.0%"]


def test_a_row_named_in_part_is_not_the_row_asked() -> None:
    row = "Revenue (EUR m) \u2014 Q3 2026: 2,408; Q3 2025: 2,269"
    for question, named in (
        ("unit revenue chg in q3?", False),
        ("what was q3 revenue?", True),
        ("total revenue in q3", True),
        ("m&f revenue estimate for fy26?", True),
    ):
        assert names_row(row, content_stems(question), set(), question) is named, question


def test_a_figure_asserted_where_a_move_started_is_corrected_with_where_it_ended() -> None:
    said = (
        "Full-year EBIT guidance lowered to \u20ac430 million to \u20ac470 million "
        "(previously \u20ac500 million to \u20ac560 million)."
    )
    issue = check_premise("Acme raised its EBIT guidance to \u20ac500-560m - why?", [said], ACME)
    assert issue is not None
    assert issue.correction.startswith("The sources say it fell to \u20ac430 million")
    assert "from \u20ac500 million" in issue.correction


def test_a_caption_gives_its_unit_as_a_code_and_a_letter() -> None:
    assert title_unit("ESTIMATES (EUR m unless stated; December year-end)") == "(EUR m)"
    assert title_unit("EUR mid-cap peers") == ""
