"""A question that asks what a move ended at ("what did Acme cut the price to?") is answered
by the level reached, of whatever kind, not by the size of the move; analysts' "op margin"
is the operating margin and a bank's "fee income" its noninterest income. Made-up text; no
model is loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds, asks_level_reached
from assistant.entities import Subject
from assistant.synonyms import plain_terms
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Motors", ("Acme",))
CUT = "In May Acme cut the list price of the Roadster by 6.0% to $41,500, from $44,150."


def _fit(question: str, sentence: str) -> frozenset[str]:
    return fit_figures(question, sentence, ACME, "Acme Motors news")


def test_a_move_asked_to_its_end_is_answered_by_the_level_reached() -> None:
    for question in (
        "what did Acme cut the Roadster price to?",
        "to what price was it cut",
        "what did the broker lift its EPS forecast to",
    ):
        assert asks_level_reached(question), question
        assert "money" in asked_kinds(question), question
    assert _fit("what did Acme cut the Roadster list price to?", CUT) == frozenset({"$41,500"})
    # How far it moved is still the move.
    assert _fit("how much did Acme cut the Roadster list price", CUT) == frozenset({"6.0%"})
    assert not asks_level_reached("how much did Acme cut the price to win share")
    # "... work out to?" ends in "to" but asks no move.
    assert not asks_level_reached("what payout ratio does the dividend work out to?")


def test_analysts_shorthand_is_read_as_the_documents_print_it() -> None:
    assert plain_terms("regional op margin fy26") == "regional operating margin fy26"
    assert plain_terms("op cash flow") == "operating cash flow"
    assert plain_terms("fee income q3") == "noninterest income q3"  # a bank's other income
