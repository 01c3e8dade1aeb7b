"""Analysts' ratings: which sentences state one, which questions ask for one, and the lookup
that answers "what's the broker's call on the shares?" with the rating, not a price."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.entities import Subject
from assistant.lookups import rating_lookup
from assistant.ratings import asks_rating, rated_names, stated_rating
from tests.unit.test_evidence import hits

ACME = Subject("Acme", ("Acme Group",))


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ('Initech Securities cut its rating on Acme to "hold" from "buy".', "Hold (from Buy)"),
        (
            "Jo Roe, an analyst at Globex, downgraded the shares to hold from buy.",
            "Hold (from Buy)",
        ),
        ("Rating:            BUY (from NEUTRAL)", "Buy (from Neutral)"),
        (
            "We upgrade Acme Group to OUTPERFORM from Market Perform.",
            "Outperform (from Market Perform)",
        ),
        ("Globex reiterated its Overweight rating.", "Overweight"),
        # The scale's words as verbs, and a disclaimer's definitions, state no rating.
        ("This is not an offer to buy or sell any securities.", None),
        ("Acme plans to buy back shares worth $1bn and to hold its dividend.", None),
        ("Rating key: BUY - a total return above 12% is expected.", None),
        ("Our ratings are views, not advice to buy, sell or hold any security.", None),
    ],
)
def test_a_rating_is_read_where_a_rating_is_given(sentence: str, rating: str | None) -> None:
    found = stated_rating(sentence)
    assert (str(found) if found else None) == rating


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What's Globex's recommendation on the shares after the results?", True),
        ("what's globex's call on acme now - buy or not?", True),
        ("Did Initech downgrade the stock?", True),
        ("why did initech downgrade Acme to sell?", True),
        # An upgrade of guidance is no rating.
        ("Acme raised its EBITA guidance to €270-300mn - what's behind the upgrade?", False),
        ("After the upgrade, where did Acme's profit guidance for the year land?", False),
        # A credit rating, a rate, a call that is a meeting, and a target beside the rating.
        ("To what level might Osprey lift Acme's issuer default rating?", False),
        ("What was the growth rate?", False),
        ("What did the CEO say on the earnings call?", False),
        ("What rating and price target does Globex have on Acme?", False),
        ("What rating did Osprey affirm for Acme, and what is the outlook now?", False),
    ],
)
def test_a_question_asks_for_a_rating(question: str, asked: bool) -> None:
    assert asks_rating(question) is asked


def test_whose_shares_a_sentence_rates() -> None:
    assert rated_names("Initech cut its rating on Calder Air to sell.") == {"calder air"}
    assert rated_names("Calder Air \u2014 Rating: Buy; P/E FY26E: 8.9x") == {"calder air"}
    assert rated_names("Jo Roe downgraded the shares to hold from buy.") == frozenset()


def _looked_up(question: str, text: str, title: str = "Acme slips") -> str | None:
    found = rating_lookup(question, hits(text, title), ACME)
    return found[0] if found else None


def test_the_lookup_answers_with_the_brokers_rating_on_the_subject() -> None:
    text = (
        "Initech cut its price target to £41 from £49. "
        "Calder Air \u2014 Rating: Buy; P/E FY26E: 8.9x\n"
        'Initech Securities also cut its rating on Acme to "hold" from "buy".'
    )
    assert _looked_up("What is Initech's rating on Acme?", text) == "Hold (from Buy) [1]."
    assert _looked_up("What rating does the broker have on Calder Air?", text) == "Buy [1]."
    # A broker the sources do not name has no rating there; nor does a sentence with none.
    assert _looked_up("What is Globex's rating on Acme?", text) is None
    assert _looked_up("What is Initech's rating on Acme?", "Initech cut its target.") is None


def test_the_broker_may_be_named_by_the_documents_byline() -> None:
    note = hits("Rating: HOLD (from BUY)", "Acme: the cost cycle turns")
    note = [replace(h, passage=replace(h.passage, byline="Globex Research")) for h in note]
    assert rating_lookup("What's Globex's call on the shares?", note, ACME) is not None
    assert rating_lookup("What's Initech's call on the shares?", note, ACME) is None


def test_a_rating_question_asks_for_no_figure() -> None:
    from assistant.cues import asked_kinds

    assert asked_kinds("What is Initech's rating on Acme?") == set()
    assert "money" in asked_kinds("What rating does Initech have, and what is its price target?")
