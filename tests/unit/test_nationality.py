"""A business described by its country ("the Dutch rival"), in the corpus and in questions;
and a country or town beside a name that describes it rather than owns a figure (made-up
text, no model)."""

from __future__ import annotations

import pytest

from assistant.entities import Subject
from assistant.nationality import as_named, country_of, described_names
from assistant.owners import owners
from tests.unit.test_chain_fakes import final, run

CORPUS = [
    "Dutch rival Klompwerk Systems cut its guidance, while Portugal's Marisol Energia held it.",
    "Acme bought Brescian valve specialist Valtoro last year.",
    "Acme also owns Valtoro. Sales at Greywick AG, the Swiss pump and valve maker, rose 4%.",
    "Swiss competitor Hochalp reported a 2% fall in orders.",
]


def test_names_are_read_with_the_country_that_describes_them() -> None:
    found = described_names(CORPUS)
    assert set(found) == {"netherlands", "portugal", "switzerland"}
    assert found["netherlands"]["klompwerk systems"][0] == "Klompwerk Systems"
    assert found["portugal"]["marisol energia"][1] == frozenset()
    assert set(found["switzerland"]) == {"greywick", "hochalp"}
    # "Brescian" names no country this module knows: nothing is guessed.
    assert not any("valtoro" in names for names in found.values())


def test_a_place_after_a_preposition_describes_no_name() -> None:
    assert described_names(["A German carmaker headquartered in Hollendorf."]) == {}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did the Dutch rival guide to?", "What did Klompwerk Systems guide to?"),
        ("how did the portuguese company do?", "how did Marisol Energia do?"),
        # Two Swiss businesses: the question's words pick the one the corpus calls a rival.
        ("What did the Swiss competitor report?", "What did Hochalp report?"),
        ("What margin does the Swiss pump maker make?", "What margin does Greywick make?"),
    ],
)
def test_a_described_business_is_asked_by_its_name(question: str, expected: str) -> None:
    assert as_named(question, described_names(CORPUS)) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How fast is the Dutch market growing?",  # a market, not a business
        "What did the Swiss company report?",  # two Swiss businesses, no word to choose by
        "What did the Italian rival report?",  # none described so
        "What did Dutch rivals report?",  # no article: not one business
    ],
)
def test_a_description_that_fits_no_single_name_is_left_as_asked(question: str) -> None:
    assert as_named(question, described_names(CORPUS)) == question


def test_country_of_reads_demonyms_and_countries() -> None:
    assert country_of("Italian") == country_of("Italy") == "italy"
    assert country_of("British") == country_of("UK") == "uk"
    assert country_of("Acme") is None


ACME = Subject("Acme", ())


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("while Portugal's Marisol Energia posted a margin of", {"marisol energia"}),
        ("Dutch rival Klompwerk Systems reported", {"klompwerk systems"}),
        ("Valtoro S.r.l., Brescia, which joined in March, contributed", {"valtoro s.r.l"}),
        ("Marisol, which is less exposed to the Spanish market, posted", {"marisol"}),
        # Not descriptions: two owners side by side, and a country's own market.
        ("Sales in Spain and Portugal rose", {"spain", "portugal"}),
        ("Klompwerk and Marisol together reported", {"klompwerk", "marisol"}),
    ],
)
def test_a_country_or_seat_beside_a_name_owns_nothing(zone: str, expected: set[str]) -> None:
    assert set(owners(zone, ACME)[0]) == expected


DOCS = {
    "article": (
        "Acme's revenue rose 3% to $410 million in the quarter. "
        "Acme bought Dutch sensor specialist Klompwerk in March. "
        "Klompwerk B.V. contributed $12 million to revenue."
    ),
}


def test_the_chain_answers_a_question_about_a_described_business() -> None:
    answer = final(run("How much did the Dutch acquisition add to revenue?", docs=DOCS)[0])
    assert not answer.abstained
    assert "$12 million" in answer.text and "$410 million" not in answer.text
