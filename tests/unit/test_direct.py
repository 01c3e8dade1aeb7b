"""The direct answer line and the premise check, on made-up sentences (no model)."""

from __future__ import annotations

import pytest

from assistant.direct import Quote, check_premise, direct_line, direction
from assistant.entities import Subject
from assistant.figures import find_figures

PERCENT = frozenset({"percent"})
MONEY = frozenset({"money"})
ACME = Subject("Acme")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("free cash flow fell 76% in the quarter", "down"),
        ("sales rose 2.7% to £9.2bn", "up"),
        ("the group cut prices by up to 97%", "down"),
        ("grocery sales grew 3.6%", "up"),
        ("the company holds a 33% share", None),
    ],
)
def test_direction(text: str, expected: str | None) -> None:
    assert direction(text) == expected


def test_direct_line_leads_with_the_direction_and_the_figure() -> None:
    quote = Quote(
        1, "Free cash flow fell 76% to $3.7 billion, due to heavy spending on data centres."
    )
    line = direct_line([quote], "How much did free cash flow shrink?", PERCENT, None)
    assert line.startswith("Down 76%: ")
    assert line.endswith("[1].")
    assert "Free cash flow fell 76%" in line


def test_every_figure_of_the_direct_line_stands_in_its_quote() -> None:
    quote = Quote(2, "Over three years, Acme has committed $53 billion to cloud infrastructure.")
    line = direct_line([quote], "How much has Acme committed to cloud?", MONEY, None)
    quoted = {f.normalised() for f in find_figures(quote.text)}
    stated = {f.normalised() for f in find_figures(line) if f.kind != "year"}
    assert stated and stated <= quoted
    assert "[2]" in line


def test_direct_line_picks_the_figure_whose_clause_matches_the_question() -> None:
    quote = Quote(1, "Grocery sales grew 3.6%, while clothing sales declined 3.7% in the period.")
    line = direct_line([quote], "How did clothing sales do?", PERCENT, None)
    assert line.startswith("Down 3.7%")


def test_direct_line_for_a_table_row_keeps_the_row_label() -> None:
    quote = Quote(1, "General Merchandise + Clothing — YoY: (3.7)%; £m: 438")
    line = direct_line([quote], "How did general merchandise sales change?", PERCENT, None)
    assert "General Merchandise + Clothing" in line
    assert "(3.7)%" in line


def test_names_line_lists_names_the_question_does_not_hold() -> None:
    quote = Quote(1, "Acme is partnering with Apple and HONOR to bring its models to phones.")
    line = direct_line(
        [quote], "Which phone makers is Acme partnering with?", frozenset(), None, ("Acme",)
    )
    assert line == "Apple and HONOR [1]."


def test_premise_with_the_opposite_direction_is_corrected() -> None:
    sentences = ["Adjusted EBITA in the shopping business fell 21% year on year."]
    issue = check_premise("Why did adjusted EBITA rise 21%?", sentences, ACME)
    assert issue is not None
    assert "fell 21%" in issue.correction
    assert issue.sentence == sentences[0]


def test_premise_that_holds_adds_nothing() -> None:
    sentences = ["Adjusted EBITA in the shopping business fell 21% year on year."]
    assert check_premise("Why did adjusted EBITA fall 21%?", sentences, ACME) is None


def test_question_without_a_figure_has_no_premise_to_check() -> None:
    assert check_premise("What drove margins?", ["Margins fell 2%."], ACME) is None


def test_premise_crediting_a_rival_s_figure_to_the_subject_is_corrected() -> None:
    sentences = ["Globex's gross merchandise volume grew 46% year on year, while Acme's grew 5%."]
    issue = check_premise("What drove Acme's 46% GMV growth?", sentences, ACME)
    assert issue is not None
    assert "Globex" in issue.correction and "Acme" in issue.correction
    assert check_premise("What drove Globex's 46% GMV growth?", sentences, ACME) is None
