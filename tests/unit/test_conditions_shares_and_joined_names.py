"""Fifty-third round: a condition ("sustained above 8%", "every loan above $10 million") is no
value; the shares' move is not the outlook's; a year's estimate column is no half's; a total
is set against the earlier total, not its value per share; a move of another measure is no
other value; a name joined to another ("Home Goods and Clothing") is a figure of both; an
improvement in a ratio that is better lower is a fall. Each rule on made-up text."""

from __future__ import annotations

import pytest

from assistant.bounds import bound_apart, is_bound
from assistant.chunking import Passage
from assistant.cues import asked_kinds
from assistant.directions import clause_direction
from assistant.earlier_values import earlier_value
from assistant.evidence import SentenceEmbeddings, select_evidence
from assistant.figures import find_figures
from assistant.matching import joined_with_another, question_focus
from assistant.other_measures import narrower_in_prose
from assistant.periods import periods
from assistant.premise import check_premise
from assistant.question import question_parts
from assistant.question_pieces import each_measure
from assistant.quotes import pick_quotes
from assistant.rephrasings import measures_described
from assistant.retrieval import Hit
from assistant.section_owners import labelled_owner
from assistant.sentence_fit import BOUND_PENALTY, SentenceReader
from assistant.synonyms import plain_terms
from assistant.text import content_stems, stem
from tests.unit.test_evidence import ACME, FakeEmbedder, ask, fit_figures


def _figure(sentence: str, text: str):
    return next(f for f in find_figures(sentence) if f.text == text)


@pytest.mark.parametrize(
    ("sentence", "figure", "bound"),
    [
        ("- FCF margin net of dividends sustained above 7%;", "7%", True),
        ("The upgrade trigger is a free cash flow margin above 8%.", "8%", True),
        ("A payout ratio of 30% or more.", "30%", True),
        ("The FCF margin after dividends was about 9.1% in 2031.", "9.1%", False),
        ("Margins held above 8% all year.", "8%", False),  # no trigger: a level held
    ],
)
def test_a_condition_is_read_as_a_bound(sentence: str, figure: str, bound: bool) -> None:
    assert is_bound(sentence, _figure(sentence, figure)) is bound


def test_a_bound_is_no_other_value_of_a_value_stated() -> None:
    value = "The FCF margin after dividends was about 9.1% in 2031."
    trigger = "An upgrade needs an FCF margin after dividends sustained above 7%."
    loan = "It re-underwrote every loan above $10 million."
    picked = [(value, _figure(value, "9.1%"))]
    assert bound_apart("What was the FCF margin?", (trigger, _figure(trigger, "7%")), picked)
    assert bound_apart("What was the FCF margin?", (loan, _figure(loan, "$10 million")), picked)
    # Asked of the bound, it is one; beside another bound, it is another value.
    for asked in ("What is the upgrade trigger?", "Above what margin would it be upgraded?"):
        assert not bound_apart(asked, (trigger, _figure(trigger, "7%")), picked)
    both = [(trigger, _figure(trigger, "7%"))]
    assert not bound_apart("What was the FCF margin?", (loan, _figure(loan, "$10 million")), both)


def test_a_condition_ranks_a_full_penalty_below_the_value_itself() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("What was the FCF margin after dividends?", ACME)
    value = reader.figure_fit(part, "The FCF margin after dividends was 8%.", "")
    bound = reader.figure_fit(part, "The FCF margin after dividends sustained above 8%.", "")
    assert value is not None and bound is not None
    assert value.score - bound.score >= BOUND_PENALTY - 0.01


@pytest.mark.parametrize(
    "asked",
    [
        "How much did Acme cut its full-year EBIT guidance by?",
        "How much did Acme's operating profit fall?",
    ],
)
def test_the_shares_move_is_not_the_outlooks(asked: str) -> None:
    said = "Profit slipped, the full-year outlook was lowered, and the shares dropped 5.2%."
    assert "5.2%" not in fit_figures(asked, said, ACME)


def test_the_shares_move_answers_a_question_about_the_shares() -> None:
    said = "Acme's shares dropped 5.2% on the day, and the full-year outlook was cut."
    assert fit_figures("How much did Acme's shares fall?", said, ACME) == frozenset({"5.2%"})
    assert fit_figures("How much did Acme cut its outlook by?", said, ACME) == frozenset()


def test_a_years_estimate_column_is_the_whole_years() -> None:
    assert periods("2031E new: 3,412") == {"2031", "FY"}
    assert periods("in 2031") == {"2031"}
    row = "Revenue (EUR m) \u2014 2030A: 3,306; 2031E: 3,412; 2032E: 3,590"
    got = fit_figures(
        "What was Acme's revenue in the first half of 2031?", row, ACME, "Acme H1 2031"
    )
    assert got == frozenset()
    assert fit_figures("What revenue does the broker expect for 2031?", row, ACME) == {"3,412"}


def test_a_total_is_set_against_the_earlier_total_not_its_value_per_share() -> None:
    said = (
        "For the first nine months of 2031, net income was $52.4 million, or $1.18 per diluted "
        "common share, compared with $47.9 million, or $1.07 per diluted common share, for the "
        "same period of 2030."
    )
    earlier, _ = earlier_value(said, _figure(said, "$52.4 million"))
    assert earlier.text == "$47.9 million"
    asked = "How did net income for the first nine months of 2031 compare with the same period?"
    evidence = ask(asked, said, "Acme third-quarter results")
    assert [s.answering for s in evidence.sentences] == [frozenset({"$52.4 million"})]


def test_a_move_of_another_measure_is_no_other_value() -> None:
    picked = "For 2031, net income was $52.4 million, compared with $47.9 million for 2030."
    other = "For 2031, net interest income was $2.3 billion, up 6.1% from a year earlier."
    asked = frozenset(content_stems("How did net income for 2031 compare with 2030?"))
    mine = (other, _figure(other, "6.1%"))
    assert narrower_in_prose(picked, _figure(picked, "$52.4 million"), mine, asked, ACME)
    # A move that names its own measure ("net income rose 6.1%") is no narrower one.
    same = "For 2031, net income was $52.4 million, up 9.4% from a year earlier."
    mine = (same, _figure(same, "9.4%"))
    assert not narrower_in_prose(picked, _figure(picked, "$52.4 million"), mine, asked, ACME)


def test_a_figure_introduced_for_a_later_acronym_is_not_that_measures() -> None:
    said = "RASK fell 1.7% while CASK rose 4.1%, and EBIT of EUR 118m was 3% below forecast."
    got = fit_figures("How much did Acme's operating profit decline?", said, ACME)
    assert not got & {"1.7%", "4.1%"}


def test_a_figure_of_the_measure_joined_after_the_one_asked_is_not_its() -> None:
    said = (
        "The fall reflects restructuring outflows and higher capital expenditure of "
        "€31.5 million (H1 2030: €28.0 million)."
    )
    assert fit_figures("What were Acme's restructuring outflows?", said, ACME) == frozenset()
    assert fit_figures("What was Acme's capital expenditure?", said, ACME) == {"€31.5 million"}


def test_a_bold_label_is_an_owner_though_the_sentence_names_it_after_its_figures() -> None:
    said = "**Services:** Revenue grew by 6.2% to €118.6 million, helped by maintenance services."
    assert labelled_owner("", said, ACME) == {stem("services")}
    # Named before the figure, the label is the topic: "**Dividend:** The dividend is ..."
    assert labelled_owner("", "**Dividend:** The dividend is 30 cents.", ACME) == frozenset()


def test_a_name_joined_to_another_is_a_figure_of_both() -> None:
    focus = question_focus("How did Home Goods sales change?", ACME)
    said = "Home Goods and Clothing sales declined 2.9% in the period."
    assert joined_with_another(focus, "Home Goods: sales", said)
    assert not joined_with_another(focus, "Home Goods and Clothing: sales", said)
    assert not joined_with_another(focus, "Home Goods: sales", "Home Goods sales fell 5.4%.")


@pytest.mark.parametrize(
    ("said", "way"),
    [
        ("The efficiency ratio improved to 61.2% from 63.0%, an improvement of 180 bps.", "down"),
        ("The cost/income ratio improved by 180 bps.", "down"),
        ("The operating margin improved by 180 bps.", "up"),
    ],
)
def test_an_improvement_of_a_ratio_better_lower_is_a_fall(said: str, way: str) -> None:
    assert clause_direction(said, _figure(said, "180 bps")) == way


def test_how_full_a_named_owners_planes_were_asks_the_load_factor() -> None:
    assert "load factor" in measures_described("How full were Dunmore's planes in Q3?")
    assert "load factor" in measures_described("How full were Dunmore Air's flights?")


def test_what_it_cost_to_do_something_asks_a_sum_not_a_count() -> None:
    assert asked_kinds("What did it cost Acme to hire in aircraft and crews?") == {"money"}
    assert asked_kinds("How many aircraft did it lease?") == {"number"}


def test_a_question_after_its_source_still_asks_a_value() -> None:
    (part,) = question_parts("According to Globex, what adjusted EBITA will Acme make in 2032?")
    assert {"money", "percent"} <= part.kinds
    assert part.focus.sources == {"globex"}


def test_a_ratio_written_as_a_share_of_what_it_is_taken_of_answers_the_ratio() -> None:
    said = "Nonperforming loans climbed to 0.64% of total loans from 0.58% at the end of June."
    assert fit_figures("What is Acme's nonperforming loans ratio?", said, ACME) == {"0.64%"}
    # A share of something is no other ratio that the sentence does not name.
    assert fit_figures("What is Acme's CET1 ratio?", said, ACME) == frozenset()


@pytest.mark.parametrize(
    ("asked", "read"),
    [
        ("How much did Acme invest in plant and equipment in 2031?", "capital expenditure"),
        ("What share of its fuel needs has Dunmore locked in?", "hedged"),
        ("How much money could Acme draw on at the end of June if it needed to?", "liquidity"),
        ("What is Acme paying shareholders per share?", "Acme's dividend per share"),
        ("What share of Acme's loans are not being repaid as agreed?", "are nonperforming"),
        ("How much did the bank earn before loan-loss charges and taxes?", "pre-provision"),
        ("How much cash was Acme left with once it had paid for its capex?", "free cash flow"),
        (
            "How much cash was left after paying for its investments in plant and equipment?",
            "flow was left?",
        ),
    ],
)
def test_results_in_a_readers_words(asked: str, read: str) -> None:
    assert read in measures_described(asked)


def test_a_row_that_names_no_one_asked_corrects_no_date_of_theirs() -> None:
    row = "Like-for-like sales \u2014 2030/31 Q1: 2.6%; 2031/32 Q1: 4.4%"
    asked = "With Pumps sales up 2.6% in Q1, what drove the growth?"
    assert check_premise(asked, [row], ACME) is None
    # Asked of the row's own measure, the later cell still corrects it.
    issue = check_premise("With like-for-like sales up 2.6% in Q1, what drove it?", [row], ACME)
    assert issue is not None and "2031/32 Q1 is 4.4%" in issue.correction


@pytest.mark.parametrize(
    ("asked", "read"),
    [
        ("pumps opm fy31?", "pumps operating margin fy31?"),
        ("1h gpm?", "1h gross margin?"),
        ("lfl sales q1?", "lfl sales q1?"),  # like-for-like is no margin
    ],
)
def test_analysts_shorthand_for_margins(asked: str, read: str) -> None:
    assert plain_terms(asked) == read


def test_a_margin_asked_as_a_value_is_a_rate() -> None:
    (part,) = question_parts("What was the Pumps segment's adjusted operating margin?")
    assert part.kinds <= {"percent", "points"}


def test_a_premise_taking_the_start_of_a_move_for_its_end_is_corrected_with_both() -> None:
    said = "Acme now expects EBIT of ¥61.5 billion for 2031, up from the ¥57 billion it forecast."
    issue = check_premise("Why did Acme cut its EBIT forecast to ¥57 billion?", [said], ACME)
    assert issue is not None
    assert issue.correction == "The sources say it rose to ¥61.5 billion from ¥57 billion, not fell"


def _hit(text: str, section: str, chunk: int) -> Hit:
    passage = Passage(
        id=f"p{chunk}",
        doc_id="results",
        doc_key="results",
        kind="source",
        title="Acme fourth quarter and fiscal 2031 results",
        url="",
        section=section,
        chunk=chunk,
        start=0,
        end=len(text),
        text=text,
    )
    return Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=chunk, bm25_rank=chunk)


def test_a_years_figure_under_a_years_heading_is_no_other_value_of_a_quarters() -> None:
    asked = "How much did Acme's revenue grow in the fourth quarter?"
    quarter = _hit("Revenue for the quarter ended 30 June rose 6.8%.", "Summary", 0)
    year = _hit("Revenue was $2,204.7 million, up 5.1%.", "Fiscal 2031 highlights", 1)
    embedder = FakeEmbedder()
    evidence = select_evidence(
        asked, [quarter, year], embedder.embed_query(asked), SentenceEmbeddings(embedder), 4
    )
    picked = pick_quotes(evidence, list(evidence.sentences), asked, ACME, max_values=3)
    assert [(role, s.text) for _, s, role in picked] == [
        ("part", "Revenue for the quarter ended 30 June rose 6.8%.")
    ]


@pytest.mark.parametrize(
    ("asked", "pieces"),
    [
        (
            "What were Q4 revenue and the operating margin?",
            ["What were Q4 revenue?", "What were Q4 the operating margin?"],
        ),
        (
            "What were Q4 orders and the book-to-bill ratio?",
            ["What were Q4 orders?", "What were Q4 the book-to-bill ratio?"],
        ),
        ("What were the gross margin and operating margin?", None),  # one measure's two kinds
    ],
)
def test_a_measure_and_a_ratio_are_two_figures(asked: str, pieces: list[str] | None) -> None:
    assert each_measure(asked) == (pieces or [asked])
