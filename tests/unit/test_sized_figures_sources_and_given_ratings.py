"""Made-up passages for the fifty-sixth round's rules: a row's periods are read per figure;
"did the bank make" names no measure and "how much did it sell?" asks its sales; "the same
quarter of 2030" is a named base; "nonperforming" must be said by a figure's own clause; the
company's guidance is no other value of a forecast asked of a source, and a source owns no
figure of another name asked; "..., and how much from Q2?" asks the move again, "..., and to
what?" the level reached, "..., and the organic rate?" the measure before on that basis;
"£14 on an £75+ shop" is answered by the £14; "net debt to EBITDA" is no net debt; a row of
forecast levels answers no "by how much"; "which deposit segment" asks a part; a rating move a
question takes for granted is checked; plain words for capital expenditure, EBIT, net finance
costs, PPNR, leverage and the margin."""

from __future__ import annotations

import pytest

from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.quotes import QuoteReader
from assistant.text import stem
from tests.unit.test_evidence import ask, fit_figures

ACME = Subject("Acme", ())


def _stems(*words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def test_a_rows_periods_are_read_for_each_figure_asked_not_the_first() -> None:
    row = "Operating profit (EUR m) \u2014 FY2031: 512; FY2030: 431"
    evidence = ask("What was operating profit in FY2031?", row, "Results")
    (sentence,) = evidence.sentences
    now, then = (f for f in find_figures(sentence.display) if f.text in {"512", "431"})
    reader = QuoteReader(evidence, "What was operating profit?", ACME)
    # a row holding a lead's value is read for that value's column first ...
    assert reader.periods(sentence, then) == {"FY2030", "2030"}
    # ... and its own lead is still of its own column
    assert reader.periods(sentence, now) == {"FY2031", "2031"}


def test_the_company_named_by_its_trade_before_a_verb_is_no_measure() -> None:
    from assistant.focus import question_focus

    focus = question_focus("How much profit did the bank make in the September quarter?")
    assert focus.measures == _stems("profit")
    assert stem("lend") in question_focus("How much did the bank lend in Q3?").words


def test_how_much_a_company_sold_asks_its_sales() -> None:
    from assistant.focus import question_focus

    assert question_focus("How much did Acme sell in the September quarter?", ACME).measures == (
        _stems("sales")
    )
    asked = "How much did Acme sell in the September quarter?"
    said = "Acme lifted its quarterly dividend 7% to $0.33 a share."
    assert fit_figures(asked, said, ACME) == frozenset()  # no sales: no answer
    said = "Sales for the quarter ended 30 September rose 6% to $912m."
    assert fit_figures(asked, said, ACME) == {"$912m"}


def test_the_same_quarter_of_a_named_year_is_a_named_base() -> None:
    from assistant.named_bases import named_base

    asked = "What was free cash flow in the latest quarter versus the same quarter of 2030?"
    assert named_base(asked) == "the same quarter of 2030"
    # (the same period with no year named is read by the rules for a year earlier)
    assert named_base("How did revenue compare with the same quarter last year?") is None


def test_nonperforming_is_said_by_the_figures_own_clause() -> None:
    said = "We view the office book ($1.2 billion, 3.8% of loans) as manageable."
    assert fit_figures("What were office nonperforming loans?", said, ACME) == frozenset()
    said = "Office non-performing loans were $94.1 million at quarter-end."
    assert fit_figures("What were office nonperforming loans?", said, ACME) == {"$94.1 million"}
    said = "Nonperforming loans were 0.62% of total loans; net charge-offs were 0.31%."
    assert fit_figures("What was the nonperforming loan ratio?", said, ACME) == {"0.62%"}


def test_the_companys_guidance_is_no_other_value_of_a_sources_forecast() -> None:
    from assistant.plan_cues import guidance_beside_source

    asked = "According to Initech, what FY31 adjusted EBITA does it now forecast for Acme?"
    near = "* FY31 adjusted EBITA guidance cut to EUR 240-260m from "
    picked = "We lower our FY31E adjusted EBITA to EUR 251m (from EUR 280m)."
    assert guidance_beside_source(asked, True, near, picked)
    assert not guidance_beside_source(asked, False, near, picked)  # no source asked
    asked = "What adjusted EBITA guidance did Acme give for FY31?"
    assert not guidance_beside_source(asked, True, near, picked)


def test_a_later_piece_with_no_verb_asks_the_move_before_again() -> None:
    from assistant.later_parts import move_asked_again

    prior = "How much did net interest income grow from a year ago"
    assert move_asked_again("and how much from the second quarter?", prior) == (
        "How much did net interest income grow from the second quarter"
    )
    assert move_asked_again("and what was the margin?", prior) == "and what was the margin?"
    assert move_asked_again("how much from Q2?", "What was revenue in Q3") == "how much from Q2?"


def test_and_to_what_asks_the_level_the_move_reached() -> None:
    from assistant.question_pieces import each_start

    assert each_start("How much did Acme's maintenance bill go up in Q3, and to what?") == [
        "How much did Acme's maintenance bill go up in Q3?",
        "What was Acme's maintenance bill in Q3?",
    ]
    assert each_start("How much did revenue rise in Q3?") == ["How much did revenue rise in Q3?"]


def test_an_amount_a_figure_before_was_had_on_is_no_answer() -> None:
    from assistant.direct import answer_figure

    said = "Members saved more than £14 on an £75+ weekly shop with Acme Prices."
    asked = "How much did members save on a weekly shop?"
    money = frozenset({"money", "number"})
    assert answer_figure(said, asked, money, None).text == "£14"
    said = "Acme won a $2bn order for a 40-train fleet."  # no figure before it: its own
    assert answer_figure(said, "How big was the order Acme won?", money, None).text == "$2bn"


def test_one_side_of_a_ratio_written_with_to_is_no_measure_of_its_own() -> None:
    from assistant.ratio_sides import one_side_of_a_ratio

    said = "We still target leverage of net debt to EBITDA of 2.6x to 2.1x"
    assert one_side_of_a_ratio(_stems("net", "debt"), said)
    assert not one_side_of_a_ratio(_stems("net", "debt", "ebitda"), said)
    assert not one_side_of_a_ratio(_stems("leverage"), said)
    assert not one_side_of_a_ratio(_stems("net", "debt"), "Net debt fell to £4.1bn.")


def test_a_row_of_levels_answers_no_by_how_much() -> None:
    from assistant.row_moves import level_for_move_size

    row = "EBITDA (EUR m) \u2014 FY30A: 212.0; FY31F: 236.5; FY32F: 251.0"
    fig = next(f for f in find_figures(row) if f.text == "251.0")
    assert level_for_move_size("By how much did Initech raise its FY32 EBITDA forecast?", row, fig)
    assert not level_for_move_size("What EBITDA does Initech forecast for FY32?", row, fig)
    moves = "EBITDA (EUR m) \u2014 Old: 245.0; New: 251.0; Change: 2.4%"
    cell = next(f for f in find_figures(moves) if f.text == "2.4%")
    assert not level_for_move_size("By how much did Initech raise it?", moves, cell)


def test_which_segment_with_a_word_between_asks_a_part() -> None:
    from assistant.extremes import part_extreme_asked

    assert part_extreme_asked("Which deposit segment grew fastest year on year?")
    assert part_extreme_asked("Which segment grew fastest?")
    assert not part_extreme_asked("How fast did deposits grow?")


def test_joined_nouns_counted_are_not_what_the_verb_before_a_figure_counts() -> None:
    from assistant.focus import question_focus
    from assistant.measure_fit import head_fits
    from assistant.measures import figure_contexts

    focus = question_focus("How many cars and trucks did Acme's ferries carry in FY31?", ACME)
    said = "Ferries carried 1.9 million passengers and 312,000 vehicles in FY31."
    passengers, vehicles = figure_contexts(said, ACME)

    def similarity(a: str, b: str) -> float:  # as the embedding model scores these words
        return 0.79 if {a, b} == {"vehicles", "cars trucks"} else 0.45

    assert not head_fits(focus, passengers, similarity, 0.65)
    assert head_fits(focus, vehicles, similarity, 0.65)


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        ("How much did Acme put into new equipment and facilities in 2031?", "capital expenditure"),
        ("How much does Acme expect to invest in its stores and systems?", "capital expenditure"),
        ("How much does Acme expect to invest in fleet and equipment, net?", "capital expenditure"),
        ("How much did Acme earn from operations before interest and tax?", "EBIT"),
        ("What did Acme pay in net borrowing costs in 2031?", "net finance costs"),
        ("How much did the bank earn before credit costs and taxes?", "pre-provision net revenue"),
        ("How heavily indebted is Acme relative to its earnings?", "leverage"),
        ("How heavily indebted is Acme?", "net debt"),
        ("For every euro of sales, how much did Acme keep as operating profit?", "margin"),
    ],
)
def test_plain_words_for_results_measures(asked: str, named: str) -> None:
    from assistant.synonyms import plain_terms

    assert named in plain_terms(asked)


def test_investments_in_equipment_and_plants_are_what_free_cash_flow_is_after() -> None:
    from assistant.synonyms import plain_terms

    asked = "How much cash was left after paying for its investments in equipment and plants?"
    assert plain_terms(asked) == "How much free cash flow was left?"


def test_a_later_part_naming_only_a_basis_asks_the_measure_before_on_it() -> None:
    from assistant.question import question_parts

    asked = "How much did full-year orders grow, and what was the organic rate?"
    _, organic = question_parts(asked, ACME)
    assert organic.focus.measures == _stems("orders", "organic")
    assert organic.focus.phrase == "organic orders"
    # (a later part with a measure of its own keeps it)
    _, margin = question_parts("What was revenue growth, and the margin?", ACME)
    assert margin.focus.measures == _stems("margin")


def test_a_row_of_rates_may_answer_by_how_much() -> None:
    from assistant.row_moves import level_for_move_size

    row = "Fuel \u2014 2030/31 Q3: (9.0)%; 2030/31 Q4: (10.4)%"
    cell = next(f for f in find_figures(row) if f.text == "(10.4)%")
    assert not level_for_move_size("By how much did fuel sales slip in Q4?", row, cell)


def test_a_figure_sized_by_another_is_answered_by_the_other() -> None:
    from assistant.sensitivities import sized_by

    said = "Members saved more than £14 on an £75+ weekly shop with Acme Prices."
    saved, shop = (f for f in find_figures(said) if f.kind == "money")
    assert sized_by(said, shop) == saved and sized_by(said, saved) == saved


def test_a_rating_move_a_question_takes_for_granted_is_checked() -> None:
    from assistant.rating_premises import given_rating
    from assistant.sentences import split_hits
    from tests.unit.test_evidence import hits

    note = "Initech keeps its Hold rating on Acme and cuts its price target to EUR 61 from EUR 66."
    found = split_hits(hits(note, "Initech equity research: Acme"))
    asked = "Given that Initech upgraded Acme to Buy, what is its new price target?"
    issue = given_rating(asked, found, ACME)
    assert issue is not None
    assert issue.correction == "The sources say no change, Hold, not an upgrade"
    # a move the sources bear out, or another broker's, is no issue
    kept = "Given that Initech kept Acme at Hold, what is its new price target?"
    assert given_rating(kept, found, ACME) is None
    other = "Given that Globex upgraded Acme to Buy, what is its new price target?"
    assert given_rating(other, found, ACME) is None


def test_the_verb_a_named_source_forecasts_with_names_no_measure() -> None:
    from assistant.focus import question_focus

    focus = question_focus("What earnings per share does Initech forecast for Acme in 2032?", ACME)
    assert focus.measures == _stems("earnings", "share")
    assert focus.sources == {"initech"}


def test_earnings_per_share_asked_is_the_eps_a_clause_states() -> None:
    said = "Our FY31E EPS falls to EUR 4.10 from EUR 4.45 and our FY32E EPS to EUR 4.70."
    asked = "What earnings per share does the broker forecast for Acme in 2032?"
    assert fit_figures(asked, said, ACME) == {"EUR 4.70"}


def test_what_a_figures_move_changes_may_be_an_amount() -> None:
    from assistant.cues import asked_kinds

    asked = "How much would a US$10 per barrel move in oil change FY32 EBITDA?"
    assert "money" in asked_kinds(asked)
    assert "money" not in asked_kinds("How much did the margin change in Q3?")


def test_spending_asked_is_the_expense_stated() -> None:
    from assistant.focus import question_focus
    from assistant.measures import figure_contexts
    from assistant.stem_match import stem_match

    row = "Research and development expense (EUR m) \u2014 H1 2031: 1,840; H1 2030: 1,690"
    focus = question_focus("By how much did Acme increase its R&D spending in H1?", ACME)
    assert stem_match(focus, figure_contexts(row, ACME)[0]) == 1.0  # both words stated


def test_a_source_named_before_a_figure_owns_no_figure_of_another_name_asked() -> None:
    said = "Initech said its measure of EBITDA leverage fell to 2.1x at the end of fiscal 2031."
    assert fit_figures("What leverage does Initech calculate for Globex?", said, ACME) == (
        frozenset()
    )
    assert fit_figures("What leverage does Initech calculate for Acme?", said, ACME) == {"2.1x"}


def test_a_pages_site_is_read_from_its_title_where_its_metadata_names_none() -> None:
    from assistant.formats import html_to_markdown

    body = (
        "<p>" + "Acme lifted its annual profit by a tenth as its ferries filled up. " * 6 + "</p>"
    )
    title = "<title>Acme lifts profit | Globex Business Daily</title>"
    page = f"<html><head>{title}</head><body><article>{body}</article></body></html>"
    _, derived = html_to_markdown(page)
    assert derived["publisher"] == "Globex Business Daily"
    plain = page.replace(" | Globex Business Daily", "")
    assert "publisher" not in html_to_markdown(plain)[1]


def test_rpk_is_read_as_revenue_passenger_kilometres() -> None:
    from assistant.synonyms import with_acronym_names

    assert _stems("revenue", "passenger", "kilometres") <= with_acronym_names(_stems("rpk"))
