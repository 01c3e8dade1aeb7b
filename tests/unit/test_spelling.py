"""Mistyped question words read as the corpus's words (``assistant.spelling``)."""

from __future__ import annotations

import pytest

from assistant.spelling import Speller, edits

CORPUS = [
    "Like-for-like sales rose 1.7%. The prospective dividend yield is 4.2%.",
    "Building Controls grew revenue 10.7%. Depreciation and amortisation of £0.9 billion.",
    "Capital expenditure was £800 million; sales and sales again.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(CORPUS)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whats the like-for-lkie?", "whats the like-for-like?"),  # two letters swapped
        ("the prospectve dividend yeild", "the prospective dividend yield"),  # dropped, swapped
        ("what did building contrls make?", "what did building controls make?"),
        ("retail depreciaton", "retail depreciation"),
        ("Revnue growth?", "Revenue growth?"),  # the capital of the typed word is kept
    ],
)
def test_a_mistyped_word_reads_as_the_corpus_word_one_edit_away(
    speller: Speller, typed: str, meant: str
) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize(
    "question",
    [
        "What was capex in H1?",  # jargon no corpus word is near
        "What is the market capitalisation?",  # British spelling of an English word
        "How much is Acme pouring into AI?",  # English words the corpus lacks
        "What did STS sales do?",  # capitals: an acronym or a name
        "How did the Fernsbys shop do?",  # a corpus word with an "s"
        "What about the labour costs at the centre?",
        "Was it 1.7% or 4.2%?",
    ],
)
def test_words_english_or_the_corpus_knows_are_left_as_typed(
    speller: Speller, question: str
) -> None:
    assert speller.correct(question) == question


def test_of_several_corpus_words_one_edit_away_the_most_frequent_wins() -> None:
    speller = Speller(["sales sales sales", "saltes"])
    assert speller.correct("the salles figure") == "the sales figure"


def test_words_under_four_letters_are_not_guessed_at(speller: Speller) -> None:
    assert speller.correct("the yld and saels") == "the yld and sales"


def test_edits_hold_each_kind_of_single_edit() -> None:
    near = edits("abc")
    assert {"ab", "bac", "abd", "abcd"} <= near
    assert "cab" not in near  # two edits away


def test_a_word_cut_short_reads_as_the_corpus_word_it_begins() -> None:
    speller = Speller(["Facial recognition went live; recognition rates rose.", "recognised"])
    assert speller.correct("facial recog trial?") == "facial recognition trial?"
    # Of several words it begins, the most frequent.
    speller = Speller(["distribution costs; distribution centres; distributor"])
    assert speller.correct("distrib costs?") == "distribution costs?"
    # ... rather than a word a letter away from it.
    speller = Speller(["In March, General Merchandise sales fell; March trading; March"])
    assert speller.correct("how did general merch do?") == "how did general merchandise do?"


def test_a_word_of_four_letters_is_not_read_as_one_it_begins() -> None:
    speller = Speller(["company company company comparison"])
    assert speller.correct("per the peer comp?") == "per the peer comp?"


TICKERS = [
    "Rivals such as Globex and Initrode hold a 50% combined share; Initrode gained.",
    "Globex cut prices. See https://example.com/news/globex-dips for more.",
    "Outperform ratings and Outperform targets; Gearing rose.",
]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("what share do Globex + INTRD hold?", "what share do Globex + Initrode hold?"),
        ("gbx and intrd's share?", "gbx and Initrode's share?"),  # three letters: left as typed
        ("GLBX prices?", "Globex prices?"),  # a name printed lower case only in a link
    ],
)
def test_a_ticker_reads_as_the_name_whose_letters_it_holds(typed: str, meant: str) -> None:
    assert Speller(TICKERS).correct(typed) == meant


def test_a_name_printed_in_lower_case_is_no_ticker_s_name() -> None:
    assert Speller(TICKERS).correct("what was the OTPM?") == "what was the Outperform?"
    # "we outperform": a word of the language, not a company's name.
    corpus = [*TICKERS, "we outperform"]
    assert Speller(corpus).correct("what was the OTPM?") == "what was the OTPM?"


@pytest.mark.parametrize(
    "typed",
    [
        "and GEIN?",  # two vowels: an acronym's initials, not a ticker ("Gearing" holds it)
        "the IPRD spend?",  # no name starts with its first letter
        "a GRIN?",  # a word of English ("Gearing" holds it)
    ],
)
def test_acronyms_stay_as_typed(typed: str) -> None:
    assert Speller([*TICKERS, "Gearing and Gearing"]).correct(typed) == typed


def test_a_reporting_acronym_typed_in_lower_case_is_left_as_typed() -> None:
    speller = Speller(["Exit routes and exit fees; exit again."])
    assert (
        speller.correct("what's the underlying ebit guide?") == "what's the underlying ebit guide?"
    )
    assert speller.correct("the exot fees?") == "the exit fees?"
