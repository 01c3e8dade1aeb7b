"""Names recognised by shape and position, and the subject a corpus is about."""

from __future__ import annotations

import pytest

from assistant.entities import Subject, known_names, names_in, normalise
from assistant.subject import infer_subject


def names(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    return [m.text for m in names_in(text, known)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rivals such as Samsung hold a 40% market share in Spain.", ["Samsung", "Spain"]),
        ("What is Acme's market share in Spain?", ["Acme", "Spain"]),
        (
            "It partners with Amazon Web Services and JD.com on logistics.",
            ["Amazon Web Services", "JD.com"],
        ),
        ("Deals with HONOR and Apple expand its reach.", ["HONOR", "Apple"]),
        ("J Fernsby plc said sales rose in March.", ["J Fernsby"]),
        ("Sales at Marks & Spencer rose on Monday.", ["Marks & Spencer"]),
        # ... also when the name opens the sentence with a common word.
        ("Metering & Controls was the standout.", ["Metering & Controls"]),
        ("Sales & marketing costs rose 4%.", []),
        # Calendar words, periods, currencies and sentence-initial common words are not names.
        ("Free cash flow fell in Q1 and FY25 to USD 3 billion in June.", []),
        ("What was pre-tax profit for Jan-Jun 2026, and for Jul/Aug?", []),
        # An acronym that spells the words before it, or modifies a noun, is a term.
        ("Its gross merchandise value (GMV) grew while API prices fell.", []),
    ],
)
def test_names_in(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_sentence_initial_word_is_a_name_when_no_common_word_or_before_a_name() -> None:
    # A word the embedding model's vocabulary does not hold whole is rare: a name.
    assert names("Globex holds a 12% share.") == ["Globex"]
    assert names("Globex's share is 12%.") == ["Globex"]
    # A common word opening a sentence is not, unless another name's word follows it.
    assert names("Revenue rose 12%. Analysts expect more.") == []
    assert names("Umbrella Holdings said sales rose 12%.") == ["Umbrella Holdings"]
    assert names("Umbrella sales rose 12%.") == []
    assert names("Adjusted EBITA fell 21%.") == []


def test_possessive_flag() -> None:
    [mention] = names_in("The deal lifted Initech's margin.")
    assert mention.text == "Initech" and mention.possessive


def test_normalise_drops_possessive_and_suffix() -> None:
    assert normalise("Acme Group's") == "acme"
    assert normalise("Globex plc") == "globex"


def test_subject_matches_aliases_and_longer_forms() -> None:
    subject = Subject("Acme", ("Acme Group", "Acme's"))
    assert subject.is_subject("Acme Cloud")
    assert subject.is_subject("ACME GROUP")
    assert not subject.is_subject("Globex")


ARTICLE = """# Acme's Bold Bet: Can It Pay Off?

Acme Group's sales rose 5% in the first quarter. The retailer said Acme's margins held,
while Globex lost share. Analysts at Initech expect Acme to grow. Acme Cloud doubled.

## What The Numbers Say

Acme's profit rose. Globex fell. In May, Acme raised prices.
"""


def test_infer_subject_made_up_article() -> None:
    name, aliases = infer_subject("Acme's Bold Bet: Can It Pay Off?", ARTICLE)
    assert name == "Acme"
    assert "Acme's" in aliases and "Acme Group's" in aliases


def test_infer_subject_nothing_named() -> None:
    assert infer_subject("", "sales rose in the quarter.") == ("", ())


def test_subject_given_formally_matches_its_short_forms() -> None:
    subject = Subject("J Bloggs plc")
    assert subject.is_subject("Bloggs") and subject.is_subject("Bloggs's")
    assert subject.is_subject("J Bloggs")
    assert "bloggs" in subject.keys


def test_a_long_subject_does_not_claim_its_common_words() -> None:
    subject = Subject("Amazon Web Services")
    assert subject.is_subject("Amazon Web Services")
    assert not subject.is_subject("Financial Services")


def test_a_name_run_opening_a_sentence_is_known_without_its_first_word() -> None:
    known = known_names(["Acme CEO Jane Roe named robotics as the aim. Total sales rose."])
    assert {"jane roe", "jane", "roe"} <= known  # "CEO" is her role
    assert "acme" not in known and "total" not in known


def test_a_reporting_abbreviation_is_a_term_not_a_name() -> None:
    from assistant.entities import names_in

    assert not [
        m.text for m in names_in("What EBITDA did the Ferries segment earn?") if m.text == "EBITDA"
    ]
    assert [m.text for m in names_in("EBITDA of NZ$248m; EPS rose.")] == []
    assert [m.text for m in names_in("Chief Executive Jane Roe said so.")] == [
        "Chief Executive Jane Roe"
    ]


def test_a_table_rows_first_cell_header_is_no_name() -> None:
    from assistant.entities import names_in

    row = "Coastal Air \u2014 Revenue FY26 ($m): 497.3; Change: 6.8%"
    assert [m.text for m in names_in(row)] == ["Coastal Air"]


def test_a_person_named_by_a_role_speaks_for_a_figure_and_does_not_own_it() -> None:
    from assistant.owners import owners

    acme = Subject("Acme")
    said = "chief financial officer Naoko Hirata said orders in the division rose 27%"
    assert owners(said, acme, places=False)[0] == frozenset()
    for said_by in ("CEO Jane Roe", "Chief Executive Jane Roe", "analyst Jo Bloggs"):
        assert owners(f"{said_by} said sales rose 5%", acme, places=False)[0] == frozenset()
    # Everyone named still counts where names are asked for, and a company that speaks
    # for its own figures still owns them.
    assert "naoko hirata" in owners(said, acme)[0]
    assert owners("Globex said its sales rose 5%", acme, places=False)[0] == {"globex"}


def test_period_labels_and_measure_acronyms_are_not_names() -> None:
    text = "The guidance implies 2H OP of JPY 21.4bn for FY3/27, above 1H, in the report."
    assert {normalise(m.text) for m in names_in(text)} == set()


def test_a_pronoun_after_a_clause_break_refers_to_the_one_other_organisation_before_it() -> None:
    from assistant.measures import figure_contexts

    acme = Subject("Acme")

    def owner(sentence: str) -> tuple[list[str], bool]:
        (ctx,) = figure_contexts(sentence, acme)
        return sorted(ctx.subjects), ctx.home

    assert owner("Globex is itself a beneficiary of the shift: its revenue grew 22%.") == (
        ["globex"],
        False,
    )
    # The subject named before it, or two others, or no one: "its" stays the subject's.
    assert owner("Acme is a beneficiary of the shift: its revenue grew 22%.") == ([], True)
    assert owner("Acme beat Globex on margins; its revenue grew 22%.") == ([], True)
    assert owner("Globex and Initech lag: their revenue grew 2%.") == ([], True)
    assert owner("According to Globex, its revenue grew 22%.") == ([], True)


def test_an_analysts_figure_is_the_firms() -> None:
    from assistant.owners import owners

    zone = '"Acme is cautious," said Jane Roe, an analyst at Globex Securities, who raised her '
    assert owners(zone, Subject("Acme", ())) == (frozenset({"globex securities"}), True)
    # A firm after "at" with no analyst before it is a place, as before.
    assert owners("sales at Globex Securities rose", None, places=False)[0] == frozenset()
