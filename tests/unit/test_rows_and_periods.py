"""Table rows named by the segment asked, a heading's words that are not a cell's measure,
changes between named columns ("Change q/q"), and periods typed as analysts type them
("9m eps", "twelve months earlier"). Made-up text; no model is
loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds, asks_movement
from assistant.entities import Subject
from assistant.measures import row_contexts
from assistant.periods import periods
from assistant.prior_year import asks_prior_year
from assistant.stated_moves import asserted_move
from assistant.typed_names import typed_names, with_typed_names
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Gears", ("Acme",))
SEGMENT_ROW = (
    "Drive Units (Millions of yen) — Net sales, H1 FY3/26: 40,100; Net sales, H1 FY3/27: "
    "44,300; Net sales % change: 10.5"
)
PROVISION_ROW = (
    "Provision for credit losses ($m) — 3Q26: 40.2; 2Q26: 35.0; 3Q25: 30.1; Change q/q: "
    "14.9%; Change y/y: 33.6%; 9M 2026: 108.0; 9M 2025: 80.0; Change 9M: 35.0%"
)


def test_a_segment_named_with_capitals_finds_its_row_under_a_heading_of_another_measure() -> None:
    section = "2. Review of Operating Results (Millions of yen)"
    for question in ("what were Drive Units net sales in 1h", "Drive Units net sales"):
        got = fit_figures(question, SEGMENT_ROW, ACME, "Acme results", section=section)
        assert "44,300" in got and got <= {"40,100", "44,300"}, question
    other = SEGMENT_ROW.replace("Drive Units", "Sensors")
    assert not fit_figures("Drive Units net sales", other, ACME, "Acme results", section=section)


def test_a_segment_whose_name_opens_with_a_move_word_is_read_as_its_name() -> None:
    texts = [
        "**Growth Systems**\n\nSales of growth systems rose.",
        "Growth Systems (Millions of yen) — Net sales: 40,100",
        "Demand hit Growth Systems in Brazil, and Growth Systems profit fell.",
    ]
    names = typed_names(texts)
    assert "Growth Systems" in names
    asked = with_typed_names("growth systems sales", names)
    assert asked == "Growth Systems sales"
    # ... so that it asks no move, of whatever kind
    assert not asks_movement(asked)
    assert asked_kinds("how much were Growth Systems sales") == {"money", "number"}
    assert asks_movement("growth systems sales")
    assert asserted_move("how much did growth systems sales fall") == "down"
    # A name of common words the corpus also writes in lower case stays words.
    plain = [
        "**Drive Units**",
        "Drive Units (¥m) — Net sales: 1",
        "hit Drive Units, and drive units",
    ]
    assert "Drive Units" not in typed_names(plain)


def test_a_change_between_named_columns_is_dated_by_those_columns() -> None:
    dated = {c.figure.text: c.periods for c in row_contexts(PROVISION_ROW, "", ACME)}
    assert "M9" not in dated["14.9%"] and "Q3" in dated["14.9%"]
    assert dated["33.6%"] == dated["14.9%"]
    got = fit_figures(
        "What was the provision for credit losses in 9M 2026?",
        PROVISION_ROW,
        ACME,
        "Acme third quarter",
    )
    assert "108.0" in got and not got & {"14.9%", "33.6%"}


def test_periods_typed_as_analysts_type_them() -> None:
    assert periods("9m diluted eps") == {"M9"}
    assert not periods("sold 9m units") and not periods("£9m revenue")
    assert asks_prior_year("how many subscriptions did it have twelve months earlier?")
    assert not asks_prior_year("how many subscriptions in the last twelve months?")
