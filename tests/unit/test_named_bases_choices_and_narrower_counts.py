"""Made-up passages for the fifty-fifth round's rules: a period a question sets its figure
against by name ("compare with fiscal 2030", "vs Q4 of last year", "from the second
quarter") is the base, not the period asked; a new predicate after "and" ends a figure's
clause; "which sold more, A or B?" is no list of other names; a count its own words narrow
("battery-electric vehicles") is no other value of the plain count; plain words for net
finance costs."""

from __future__ import annotations

from assistant.direct import Quote, direct_line
from assistant.figures import find_figures

PERCENT = frozenset({"percent"})


def test_a_period_named_after_compare_with_is_the_base_not_the_period_asked() -> None:
    from assistant.named_bases import named_base, without_named_base

    asked = "How did the full-year operating margin compare with fiscal 2030?"
    assert named_base(asked) == "fiscal 2030"
    assert "2030" not in without_named_base(asked)
    assert named_base("How does Q1 sales growth compare with Q4 of last year?") == (
        "Q4 of last year"
    )
    assert named_base("How much did revenue rise from Q3 to Q4?") == "Q3"
    # (an earlier value named without a period, or another measure, is no named base)
    assert named_base("How did revenue compare with the same period last year?") is None
    assert named_base("How did the pumps margin compare with the controls margin?") is None
    assert named_base("What was revenue in 2031?") is None
    assert named_base("How did Grocery growth compare with General Merchandise in Q1?") is None


def test_a_move_asked_against_a_named_year_is_still_the_move() -> None:
    from assistant.earlier_values import compares_with_earlier

    assert compares_with_earlier("How did the full-year margin compare with fiscal 2030?")
    # "grow versus fiscal 2030" asks how much it grew: the rate, no level set beside another
    assert not compares_with_earlier("How much did free cash flow grow versus fiscal 2030?")


def test_a_row_answers_a_named_base_with_that_periods_column() -> None:
    row = (
        "Like-for-like sales \u2014 2030/31 Q1: 3.8%; 2030/31 Q2: 3.6%; 2030/31 Q3: 2.9%; "
        "2030/31 Q4: 2.7%; 2031/32 Q1: 1.7%"
    )
    asked = "How does Q1 like-for-like sales growth compare with Q4 of last year?"
    line = direct_line([Quote(1, row)], asked, PERCENT, None)
    assert line == "1.7% (2030/31 Q4: 2.7%) [1].", line
    # without a named base, the same quarter a year before stands beside it
    asked = "How does Q1 like-for-like sales growth compare with a year earlier?"
    assert direct_line([Quote(1, row)], asked, PERCENT, None) == "1.7% (2030/31 Q1: 3.8%) [1]."


def test_a_year_named_as_the_base_leaves_the_latest_year_asked() -> None:
    row = "Operating margin \u2014 FY31: 14.7%; FY30: 14.5%; Change: 20 bps"
    asked = "How did the full-year operating margin compare with fiscal 2030?"
    assert direct_line([Quote(1, row)], asked, PERCENT, None) == "14.7% (FY30: 14.5%) [1]."
    # (the year asked, not set against, is still the year answered)
    asked = "What was the operating margin in fiscal 2030?"
    assert direct_line([Quote(1, row)], asked, PERCENT, None) == "14.5% [1]."


def test_a_move_from_a_named_quarter_is_measured_against_the_quarter_before() -> None:
    from assistant.comparison_base import asked_base

    assert asked_base("By how much did the margin widen from the second quarter?") == "quarter"
    assert asked_base("How much did revenue rise from Q3?") == "quarter"
    # "from the second quarter of last year" is a year's base, not named by this rule
    assert asked_base("How did the margin change from the second quarter of last year?") is None
    said = (
        "Acme's net interest margin was 3.18%, up 6 basis points from 3.12% in the second "
        "quarter and up 21 basis points from 2.97% a year earlier."
    )
    asked = "By how much did Acme's net interest margin widen from the second quarter?"
    assert direct_line([Quote(1, said)], asked, frozenset({"points"}), None).startswith(
        "Up 6 basis points"
    )


def test_a_new_predicate_after_and_ends_the_figures_clause() -> None:
    from assistant.measures import figure_contexts

    said = (
        "Globex reported third-quarter sales growth of 3.6% and cut its full-year operating "
        "margin target to 8.5% from 9.5%."
    )
    first = figure_contexts(said)[0]
    assert first.figure.text == "3.6%"
    assert "margin" not in first.clause, first.clause
    # ("sales of $2bn and a margin of 9%": no new predicate, the phrase goes on)
    said = "Globex reported sales growth of 3.6% and raised its margin to 8.5%."
    assert "margin" not in figure_contexts(said)[0].clause


def test_a_sales_growth_figure_is_no_answer_to_an_operating_margin_asked() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = (
        "Globex reported third-quarter sales growth of just 3.6% and cut its full-year "
        "operating margin target to 8.5% from 9.5%."
    )
    asked = "What operating margin did Globex report for the third quarter?"
    assert "3.6%" not in fit_figures(asked, said, ACME)


def test_which_of_two_named_choices_is_no_list_of_other_names() -> None:
    from assistant.cues import asks_for_names
    from assistant.names_asked import offered_choices

    asked = "Which segment sold more in H1, pumps or valves?"
    assert offered_choices(asked) == ("pumps", "valves")
    assert not asks_for_names(asked)
    assert offered_choices("Who grew faster: Acme or Globex?") == ("Acme", "Globex")
    # (a "which" question that offers no choices still asks names)
    assert asks_for_names("Which brands did Acme launch in the quarter?")
    assert offered_choices("Which brands did it launch, or partner with?") is None


def test_a_count_its_own_words_narrow_is_no_other_value_of_the_plain_count() -> None:
    from assistant.other_measures import _qualifies_noun_further, narrower_in_prose
    from assistant.text import content_stems

    plain = "Group deliveries were 604,800 vehicles."
    narrow = "Acme delivered 152,600 battery-electric vehicles in the first half."
    asked = content_stems("How many vehicles did the group deliver?")
    fig, other = find_figures(plain)[0], find_figures(narrow)[0]
    assert narrower_in_prose(plain, fig, (narrow, other), asked, None)
    # the narrower words asked make it the count asked of; a plain "new" narrows nothing
    asked_narrow = content_stems("How many battery-electric vehicles did it deliver?")
    assert not _qualifies_noun_further(plain, fig, narrow, other, asked_narrow)
    new = "Acme delivered 152,600 new vehicles in the first half."
    assert not _qualifies_noun_further(plain, fig, new, find_figures(new)[0], asked)


def test_net_interest_paid_on_borrowings_is_net_finance_costs() -> None:
    from assistant.synonyms import plain_terms

    asked = "How much did Acme pay in net interest on its borrowings last year?"
    assert "net finance costs" in plain_terms(asked)
    assert "finance costs" in plain_terms("How much does Acme expect to pay in interest costs?")
    # (a bank's net interest income is no cost)
    assert "finance costs" not in plain_terms("How much net interest income did Acme earn?")


def test_a_rating_move_the_question_assumes_is_checked_against_the_one_stated() -> None:
    from assistant.ratings import contradicted_rating

    said = "Initech Securities upgraded the stock to Buy from Neutral and raised its target."
    wrong = contradicted_rating("Why did Initech downgrade Acme to Neutral?", said)
    assert wrong is not None
    assert wrong[1] == "The sources say an upgrade, Buy (from Neutral), not a downgrade"
    # a move the sentence bears out, or a question that assumes none, is no premise
    assert contradicted_rating("Why did Initech upgrade Acme?", said) is None
    assert contradicted_rating("What rating does Initech have on Acme?", said) is None
    # the ranks decide where no verb says which way ("to Hold from Buy" is down)
    said = "Initech's rating on Acme: moved to Hold from Buy."
    assert contradicted_rating("Why did Initech upgrade Acme?", said) is not None
    # a rating kept is no upgrade; a rating named ("to Buy") is checked against the one held
    said = "Initech analyst Jane Roe kept his Hold rating on the stock and cut the target."
    wrong = contradicted_rating("Why did Initech upgrade Acme to Buy?", said)
    assert wrong is not None and wrong[1].startswith("The sources say no change, Hold")
    assert contradicted_rating("Is Initech's rating on Acme still at Buy?", said) is None


def test_a_rating_lookup_says_so_when_the_question_has_the_move_backwards() -> None:
    from assistant.lookups import rating_lookup, rating_premise
    from tests.unit.test_evidence import ACME, hits

    text = "Initech Securities upgraded the stock to Buy from Neutral on Monday."
    asked = "Why did Initech downgrade Acme?"
    found = rating_lookup(asked, hits(text, "Initech note on Acme"), ACME)
    assert found is not None
    assert found[0] == "The sources say an upgrade, Buy (from Neutral), not a downgrade [1]."
    assert rating_premise(asked, found[1]) is not None
    assert rating_premise("What is Initech's rating on Acme?", found[1]) is None


def test_from_what_level_asks_the_level_moved_from_as_a_second_part() -> None:
    from assistant.question_pieces import each_start

    asked = "By how much did operating cash flow grow in FY31, and from what level?"
    assert each_start(asked) == [
        "By how much did operating cash flow grow in FY31?",
        "What was operating cash flow in FY30?",
    ]
    asked = (
        "By what percentage did Acme's free cash flow drop versus the same quarter of 2030, "
        "and from what level?"
    )
    assert each_start(asked)[1] == "What was Acme's free cash flow in the same quarter of 2030?"
    asked = "How much did Acme's revenue rise, and from what base?"
    assert each_start(asked) == [
        "How much did Acme's revenue rise?",
        "What was Acme's revenue a year earlier?",
    ]
    assert each_start("How much did revenue rise?") == ["How much did revenue rise?"]


def test_the_level_moved_from_is_answered_beside_the_move() -> None:
    from assistant.composing import compose_direct

    row = "Operating cash flow NZ$m \u2014 FY31: 214.6; FY30: 194.8; Change: 10.2%"
    said = "Operating cash flow rose 10.2% to NZ$214.6 million."
    asked = "By how much did operating cash flow grow in FY31, and from what level?"
    from assistant.question import question_parts

    parts = [p.text for p in question_parts(asked)]
    assert len(parts) == 2, parts
    line = compose_direct(
        [(1, row, 0, "part"), (2, said, 0, "part"), (1, row, 1, "part")],
        parts,
        frozenset({"percent", "money"}),
        None,
    )
    assert "194.8" in line, line


def test_a_positive_rate_in_a_row_of_moves_is_a_rise_not_the_decline_asked() -> None:
    from assistant.premise import check_premise

    row = "Fuel \u2014 2030/31 Q1: (12.6)%; 2030/31 Q4: (9.2)%; 2031/32 Q1: 18.5%"
    issue = check_premise("What drove the 18.5% decline in fuel sales in Q1?", [row], None)
    assert issue is not None
    assert issue.correction == "The sources say it rose 18.5%, not fell"
    assert check_premise("What drove the 18.5% rise in fuel sales in Q1?", [row], None) is None
    # a row with no negative cell may be of levels: no sign to read
    levels = "Margin \u2014 2030/31 Q1: 20.4%; 2031/32 Q1: 18.5%"
    issue = check_premise("What drove the 18.5% decline in the margin in Q1?", [levels], None)
    assert issue is None or "rose 18.5%" not in issue.correction


def test_a_footnote_number_glued_to_a_name_is_not_part_of_it() -> None:
    from assistant.entities import Subject, normalise
    from assistant.premise import check_premise

    assert normalise("Savour the Season8") == "savour the season"
    # (acronyms and model numbers keep their digits)
    assert normalise("CET1") == "cet1"
    assert normalise("A320") == "a320"
    said = "More customers buying Acme Select8 driving growth, with sales up 8 per cent."
    asked = "Given that Acme Select sales fell 8 per cent, what is Acme doing?"
    issue = check_premise(asked, [said], Subject("Acme"))
    assert issue is not None and issue.correction == "The sources say it rose 8 per cent, not fell"


def test_people_a_company_employed_are_its_staff_and_employees() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "Acme employed 3,518 people at 30 June 2031, compared with 3,391 a year earlier."
    assert fit_figures("How many employees did Acme have at 30 June 2031?", said, ACME) == {"3,518"}
    assert fit_figures("How many staff did Acme have at 30 June 2031?", said, ACME) == {"3,518"}
    # (people served or carried are no staff)
    said = "Acme carried 3,518 people on its ferries in June 2031."
    assert fit_figures("How many staff did Acme have in June 2031?", said, ACME) == set()


def test_a_margin_row_is_no_move_of_the_profit_asked() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    row = "OP margin (%) \u2014 FY3/30A: 10.2; FY3/31E: 11.6; FY3/32E: 12.4"
    asked = "By what percentage did Acme raise its full-year operating profit forecast?"
    assert fit_figures(asked, row, ACME) == set()
    # a margin asked is still answered by it
    said = "Operating profit rose 19% to ¥19.3 billion, and the operating margin improved to 11.2%."
    assert fit_figures("What was Acme's operating margin?", said, ACME) == {"11.2%"}
    assert fit_figures("How much did Acme's operating profit rise?", said, ACME) == {"19%"}


def test_a_named_base_is_a_column_of_its_own_length_and_not_the_figure_itself() -> None:
    from assistant.named_bases import base_cell

    row = "Capex $m \u2014 Q4 FY31: 37.5; Q4 FY30: 35.8; FY31: 143.6; FY30: 131.2"
    cells = {f.text: f for f in find_figures(row)}
    base = base_cell(row, cells["143.6"], "fy30")
    assert base is not None and base[0].text == "131.2" and base[1] == "FY30"
    # the base's own cell has no base beside it; a quarter's cell is no year's base
    assert base_cell(row, cells["131.2"], "fy30") is None
    # (the later period set against an earlier one is no base)
    from assistant.named_bases import named_base

    assert named_base("How has growth slowed - Q1 last year vs Q1 this year?") is None


def test_the_same_period_a_year_earlier_is_the_measure_a_year_back() -> None:
    from assistant.question import question_parts

    asked = (
        "How did battery-electric deliveries in H1 2031 compare with the same period a year "
        "earlier?"
    )
    parts = question_parts(asked)
    assert [p.text for p in parts] == [
        "battery electric deliveries (H1, 2031)",
        "battery electric deliveries a year earlier",
    ]
    assert parts[1].focus.periods == frozenset({"H1", "2030"})
    # (no year named: the half a year back is left to the earlier value beside the answer)
    assert len(question_parts("Adjusted EBITA this H1 versus the same half last year?")) == 2


def test_cash_kept_after_investment_said_first_is_free_cash_flow() -> None:
    from assistant.rephrasings import measures_described

    asked = "After paying for its equipment and plant investments, how much cash did Acme keep?"
    assert measures_described(asked) == "how much free cash flow did Acme keep?"
    # (a condition that is no investment names no measure)
    asked = "After paying for the dividend, how much cash did Acme have?"
    assert measures_described(asked) == asked


def test_the_share_of_pre_tax_profit_a_company_paid_in_tax_is_its_tax_rate() -> None:
    from assistant.rephrasings import measures_described

    asked = "What share of its pre-tax profit did Acme pay away in tax?"
    assert measures_described(asked) == "what effective tax rate was paid?"


def test_loans_that_stopped_performing_are_nonperforming() -> None:
    from assistant.rephrasings import measures_described

    asked = "What share of Acme's loans had stopped performing at the end of September?"
    assert measures_described(asked) == (
        "what share of Acme's total loans are nonperforming at the end of September?"
    )


def test_orders_and_the_backlog_are_two_measures() -> None:
    from assistant.question_pieces import each_measure

    pieces = each_measure("What were fiscal 2031 orders and the year-end backlog?")
    assert len(pieces) == 2 and "backlog" not in pieces[0] and "orders" not in pieces[1]
    # (one measure's two words stay one: "the order backlog")
    assert each_measure("What was the order backlog?") == ["What was the order backlog?"]


def test_a_noun_before_a_figure_is_no_verb_that_counts_it() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "The Acme fleet at 30 June 2031 comprised 27 aircraft: 21 turboprops and 6 jets."
    asked = "How many aircraft were in the Acme fleet at 30 June 2031?"
    assert fit_figures(asked, said, ACME) == {"27"}


def test_an_outflow_written_as_accounting_negatives_grew_when_its_size_did() -> None:
    row = "Capital expenditure $m \u2014 FY31: (143.6); FY30: (131.2)"
    asked = "How did capex compare with fiscal 2030?"
    line = direct_line([Quote(1, row)], asked, frozenset({"money"}), None)
    assert line == "$143.6m, up from $131.2m (FY30) [1].", line
