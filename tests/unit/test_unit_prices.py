"""A question for one unit's price ("avg buyback price", "the share price") is answered by a
price or its move: not by the sum or the count beside it, nor by a market share. Made-up
text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asks_unit_price
from assistant.entities import Subject
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Foods", ("Acme",))
BOUGHT = (
    "During the year Acme repurchased 2.5 million shares at an average price of $12.40, a total "
    "of $31.0 million."
)
SHARE = "Acme now holds a 21% market share in frozen foods, and its shares fell 4% in March."


def _fit(question: str, sentence: str) -> frozenset[str]:
    return fit_figures(question, sentence, ACME, "Acme Foods annual report")


def test_an_average_price_asked_is_one_units_price() -> None:
    for question in ("avg buyback price", "what was the average buyback price?"):
        assert asks_unit_price(question), question
        assert _fit(question, BOUGHT) == frozenset({"$12.40"}), question
    # The sum spent is still what a question for the sum asks.
    assert _fit("How much did Acme spend on buybacks?", BOUGHT) == frozenset({"$31.0 million"})
    assert not asks_unit_price("What price did Acme pay for Initech?")  # a deal's price
    # A count asked beside the price is still answered by the count.
    both = "How many shares did Acme buy back, and at what average price?"
    assert "2.5 million" in _fit(both, BOUGHT)


def test_a_share_price_is_no_market_share() -> None:
    market = "Acme now holds a 21% market share in frozen foods and a 30% share of snacks."
    assert _fit("what is Acme's share price", market) == frozenset()
    assert _fit("how much did the share price fall", SHARE) == frozenset({"4%"})
    assert _fit("what is Acme's market share in frozen foods", SHARE) == frozenset({"21%"})
