"""Which source the article cites for a claim, read from its markers and reference list."""

from __future__ import annotations

import pytest

from assistant.chunking import Passage
from assistant.retrieval import Hit
from assistant.sourcing import asks_source, cited_source, naming_sentence


def _passage(doc: str, text: str, kind: str = "source", byline: str = "") -> Passage:
    return Passage(
        f"{doc}:0", doc, doc, kind, f"Title of {doc}", "", "", 0, 0, len(text), text, byline
    )


ARTICLE = _passage(
    "article",
    "Acme built its own cloud chip to cut reliance on imported hardware [2]. Regulators may "
    "delay its overseas deals [3].\n\n[2] Acme's chip, https://example.com/two",
    kind="article",
)
SOURCES = [
    _passage(
        "two",
        "A note. The Widget Weekly page was published by Widget Weekly.",
        byline="Widget Weekly",
    ),
    _passage("three", "The Daily Ledger covered the rules.", byline="Daily Ledger"),
]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which outlet does the article lean on for the chip claim?", True),
        ("who's cited for the point that regulators may delay deals?", True),
        ("Where does the $1.8tn market-size call come from - which publisher?", True),
        ("Which source says Acme holds 33% of the market?", True),
        ("What did Acme's chip cost?", False),
        ("Where does Acme sell its chips?", False),
    ],
)
def test_questions_that_ask_for_a_source(question: str, asks: bool) -> None:
    assert asks_source(question) is asks


def test_the_marked_sentence_sharing_most_words_points_at_its_source() -> None:
    hits = [Hit(ARTICLE, 1.0, 1.0, 0, 0)]
    refs = {2: "two", 3: "three"}
    found = cited_source("Which outlet is cited for the in-house cloud chip?", hits, refs, SOURCES)
    assert found is not None and (found.number, found.source.doc_id) == (2, "two")
    assert "cloud chip" in ARTICLE.text[found.start : found.end]
    rules = cited_source("who's cited on regulators delaying overseas deals?", hits, refs, SOURCES)
    assert rules is not None and rules.source.doc_id == "three"
    # A claim the article does not make, or a marker no reference maps, names no source.
    assert cited_source("Which outlet is cited for the dividend?", hits, refs, SOURCES) is None
    assert (
        cited_source("Which outlet is cited for the cloud chip?", hits, {3: "three"}, SOURCES)
        is None
    )


def test_the_quoted_sentence_of_a_source_is_the_one_naming_its_publisher() -> None:
    start, end = naming_sentence(SOURCES[0])
    assert SOURCES[0].text[start:end].startswith("The Widget Weekly page")
