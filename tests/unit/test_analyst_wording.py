"""Analysts' wording: reporting synonyms and idioms, typos, split fiscal years, lengths of time,
possessive acronyms, segments named in other forms, table rows (made-up companies; no model)."""

from __future__ import annotations

import pytest

from assistant.entities import Subject
from assistant.matching import answers, question_focus, stem_match, subject_fits
from assistant.measures import figure_contexts, row_contexts
from assistant.periods import periods, periods_fit
from assistant.premise import check_premise
from assistant.retrieval import _terms
from assistant.stated_figures import stated_figures
from assistant.synonyms import plain_terms, same_measure, typo_of
from assistant.tables import names_row
from assistant.text import split_sentences, stem

ACME = Subject("Acme", ("Acme Group",))


def _context(sentence: str, figure: str):
    return next(c for c in figure_contexts(sentence, ACME) if c.figure.text == figure)


def test_idioms_are_read_as_the_terms_a_document_prints() -> None:
    assert plain_terms("How did Acme's top line do?") == "How did Acme's revenue do?"
    assert plain_terms("what's the street's FY26 EPS?") == "what's the consensus FY26 EPS?"
    assert plain_terms("rev growth in Q1?") == "revenue growth in Q1?"
    assert plain_terms("the avg price last qtr?") == "the average price last quarter?"
    assert plain_terms("the final divi, and the FY28 eps est?") == (
        "the final dividend, and the FY28 eps estimate?"
    )
    assert plain_terms("the ai war chest w/ the infra mkt") == (
        "the ai budget with the infrastructure market"
    )
    # Words that merely contain an idiom are left alone.
    assert plain_terms("the revision to the street map") == "the revision to the street map"
    assert plain_terms("the estate's dividends") == "the estate's dividends"


def test_reporting_synonyms_name_the_same_measure_and_nothing_else() -> None:
    assert stem("sales") in same_measure(stem("revenue"))
    assert stem("repurchased") in same_measure(stem("buyback"))
    assert stem("profit") not in same_measure(stem("revenue"))
    assert same_measure(stem("margin")) == frozenset()
    assert stem("plan") in same_measure(stem("budget"))  # "capex budget" ~ "capex plan"
    assert stem("currency") in same_measure(stem("fx"))


def test_a_capex_budget_is_the_capital_expenditure_plan() -> None:
    ctx = _context(
        "The capital expenditure plan has been revised to $24.5 billion.", "$24.5 billion"
    )
    assert answers(question_focus("What's Acme's capex budget now?", ACME), ctx)
    assert not answers(question_focus("What's Acme's marketing budget now?", ACME), ctx)


def test_a_synonym_of_the_measure_answers_but_another_measure_does_not() -> None:
    ctx = _context("Acme's sales rose 4% to $2.1 billion in the first half.", "$2.1 billion")
    assert answers(question_focus("What was Acme's top line in H1?", ACME), ctx)
    assert answers(question_focus("What was Acme's revenue in H1?", ACME), ctx)
    assert not answers(question_focus("What was Acme's net profit in H1?", ACME), ctx)


def test_a_retailers_lines_are_its_products() -> None:
    ctx = _context("Acme now offers around 4,500 products on its loyalty prices.", "4,500")
    assert answers(question_focus("How many lines are on Acme's loyalty prices?", ACME), ctx)
    assert answers(question_focus("How many product lines does Acme offer?", ACME), ctx)
    # ... but one line is no product: "the bottom line" is net profit.
    assert stem("product") not in same_measure(stem("line"))
    assert not answers(question_focus("How many stores does Acme run?", ACME), ctx)


@pytest.mark.parametrize(
    ("typed", "meant", "same"),
    [
        ("consenus", "consensus", True),  # a letter dropped
        ("repurchses", "repurchased", True),
        ("yeild", "yield", True),  # two letters swapped
        ("depreciaton", "depreciation", True),
        ("marker", "market", False),  # short words are too close to others
        ("costs", "posts", False),
        ("margin", "margins", False),  # the same stem is no typo
    ],
)
def test_a_mistyped_word_is_read_as_the_word_meant(typed: str, meant: str, same: bool) -> None:
    assert typo_of(stem(typed), stem(meant)) is same


def test_a_mistyped_measure_still_finds_its_figure() -> None:
    ctx = _context("The consensus estimate for Acme's EPS is $2.10.", "$2.10")
    typed = stem_match(question_focus("what is the consenus EPS for Acme?", ACME), ctx)
    right = stem_match(question_focus("what is the consensus EPS for Acme?", ACME), ctx)
    assert typed == right > 0


def test_a_fiscal_year_over_two_calendar_years_ends_in_the_second() -> None:
    assert periods("guidance for FY26/27") == {"FY2027", "2026", "2027"}
    assert periods("guidance for FY2025/26") == {"FY2026", "2025", "2026"}
    assert periods("FY25 results") == {"FY2025", "2025"}
    # The question's "FY26/27" and the document's "2026/27" name the same year.
    asked = frozenset(periods("tax rate for FY26/27?"))
    assert periods_fit(asked, frozenset(periods("in 2026/27")), frozenset())
    assert not periods_fit(asked, frozenset(periods("in 2025/26")), frozenset())


def test_lengths_of_time_and_period_digits_are_not_figures_a_question_asserts() -> None:
    question = "how did sales do over the 16 weeks, and did FY26/27 guidance fall below £900m?"
    assert [f.text for f in stated_figures(question)] == ["£900m"]
    # ... written short too ("the 16 wks", "3 yrs"); a streak is a claim.
    assert stated_figures("volumes fell in the 16 wks, and capex over the 3 yrs?") == []
    assert [f.text for f in stated_figures("after 6 consecutive quarters of growth")] == ["6"]
    sentences = ["Acme sold 16 units of kit in the 12 weeks to 20 June."]
    assert check_premise("What did Acme sell over the 16 weeks?", sentences, ACME) is None


def test_a_possessive_acronym_owns_its_figure() -> None:
    focus = question_focus("What is GLBX's market share?", ACME)
    assert focus.subjects == frozenset({"glbx"})
    # Opening a sentence, the name is still written there.
    ctx = _context("GLBX holds a 31% market share.", "31%")
    assert subject_fits(focus, ctx)
    assert not subject_fits(focus, _context("Acme holds a 33% market share.", "33%"))


def test_a_segment_asked_in_other_word_forms_owns_its_figure() -> None:
    ctx = _context("Groceries Online sales rose 10.8 per cent.", "10.8 per cent")
    assert subject_fits(question_focus("How fast is online grocery growing?", ACME), ctx)
    assert not subject_fits(question_focus("How fast is online clothing growing?", ACME), ctx)


def test_a_row_label_is_named_without_the_unit_its_table_lends_it() -> None:
    ctx = row_contexts("Zentro (£m) — 2030/31 Q1: 1,046; 2031/32 Q1: 1,039", "Sales (£m)")[-1]
    assert "zentro" in ctx.named
    assert subject_fits(question_focus("Zentro sales in £m for Q1?", ACME), ctx)


def test_a_row_of_the_measure_its_table_is_titled_for_is_no_owner_of_it() -> None:
    # "Grocery" under "Sales performance" is whose sales; "Like-for-like sales" under
    # "Like-for-like sales performance" is the measure itself.
    periods_row = "— 2030/31 Q1: 3.8%; 2030/31 Q2: 3.5%"
    owned = row_contexts(f"Grocery {periods_row}", "Sales performance")[-1]
    assert owned.label  # the label says whose figure it is
    measure = row_contexts(f"Like-for-like sales {periods_row}", "Like-for-like sales performance")
    assert measure[-1].label == frozenset()
    focus = question_focus("LFL sales in Q2 2030/31?", ACME)
    assert answers(focus, measure[-1]) and measure[-1].figure.text == "3.5%"


def test_a_row_named_after_the_subject_is_not_named_by_every_question() -> None:
    stems = {stem(w) for w in ("acme", "fuel", "sales")}
    assert names_row("Fuel — YoY: 17.5%", stems, {"acme"})
    assert not names_row("Acme — YoY: 3.1%", stems, {"acme"})


def test_abbreviations_with_a_full_stop_do_not_end_a_sentence_or_a_row() -> None:
    row = "Controls — Adj. EBITA H1 2026 (€m): 58.4; Adj. EBITA margin H1 2026: 14.2%"
    assert split_sentences(row) == [row]
    assert len(split_sentences("Sales rose 3% (excl. fuel). Profit fell.")) == 2
    # A sentence may open in italics or bold after the last one's full stop.
    assert split_sentences("It rose 5% [2]. *Acme rallied* [1].") == [
        "It rose 5% [2].",
        "*Acme rallied* [1].",
    ]


def test_keyword_search_matches_word_forms() -> None:
    assert _terms("online groceries growing") == _terms("online grocery grow")


def test_a_change_on_the_period_before_is_no_name() -> None:
    focus = question_focus("how much were fuel sales up YoY?", ACME)
    assert focus.subjects == frozenset()
    assert focus.qualifiers == frozenset()


def test_the_group_alone_is_the_company_itself() -> None:
    ctx = _context("Group revenue edged up 0.4% to $1.37bn in the six months to June.", "$1.37bn")
    assert not ctx.subjects
    assert answers(question_focus("What was Acme's top line in the first six months?", ACME), ctx)


def test_six_months_name_a_half() -> None:
    assert periods("for the first six months of 2026") == {"H1", "2026"}
    asked = frozenset(periods("in the first six months"))
    assert periods_fit(asked, frozenset(periods("in the six months to June")), frozenset())
    assert not periods_fit(frozenset({"Q1"}), frozenset(periods("six months to June")), frozenset())


@pytest.mark.parametrize(
    "question",
    ["How did heat pumps hold up last year?", "how did the stock trade on results day?"],
)
def test_how_something_held_up_or_traded_asks_for_a_figure(question: str) -> None:
    from assistant.cues import asks_movement
    from assistant.question import question_kinds

    assert asks_movement(question)
    assert question_kinds(question, question_focus(question, ACME))


def test_months_of_a_calendar_half_name_the_half() -> None:
    assert periods("between January and June") == {"H1"}
    assert periods("Half-Year Results January-June 2026") == {"H1", "2026"}
    assert periods("July to December") == {"H2"}
    assert periods("in July and June") == set()


def test_words_of_when_and_which_part_name_no_measure() -> None:
    focus = question_focus("How much revenue did the services arm bring in?", ACME)
    assert focus.phrase == "revenue services"
    assert question_focus("how did the stock trade on results day?", ACME).phrase == "stock"


def test_officer_titles_are_read_as_documents_write_them() -> None:
    assert plain_terms("who's the CEO?") == "who's the chief executive?"
    assert plain_terms("Acme's CFO") == "Acme's chief financial officer"
    assert plain_terms("the CEOs of both") == "the CEOs of both"  # a plural is left alone


def test_a_title_the_question_asks_by_is_not_listed_as_a_name() -> None:
    from assistant.direct import Quote
    from assistant.listed_names import names_line

    quote = Quote(1, 'Jane Roe, Chief Financial Officer, said: "We met our goals."')
    assert names_line([quote], "Who's Acme's finance chief?", ["Acme"]) == "Jane Roe [1]."


def test_a_season_names_a_period_not_a_place() -> None:
    focus = question_focus("What were Globex sales over the Christmas quarter (Q3)?", ACME)
    assert focus.qualifiers == frozenset()
    assert focus.subjects == frozenset({"globex"})


def test_slipping_and_the_financial_year_name_no_measure() -> None:
    focus = question_focus("By how much did fuel sales slip in the last financial year?", ACME)
    assert focus.phrase == "fuel sales"


def test_were_they_up_asks_for_a_change() -> None:
    from assistant.cues import asked_kinds, asks_movement

    assert asks_movement("how much were they up YoY?")
    assert "percent" in asked_kinds("how much were fuel sales down on last year?")
    assert not asks_movement("how much was made up of fees?")


def test_last_year_is_answered_by_the_earlier_column_of_a_row() -> None:
    from assistant.direct import answer_figure

    row = "Like-for-like sales — 2030/31 Q1: 3.8%; 2030/31 Q2: 3.3%; 2031/32 Q1: 1.7%"
    kinds = frozenset({"percent"})
    assert answer_figure(row, "What was LFL in Q1?", kinds, None).text == "1.7%"
    assert answer_figure(row, "What was LFL in Q1 last year?", kinds, None).text == "3.8%"
    assert answer_figure(row, "LFL in the same quarter a year ago?", kinds, None).text == "3.8%"


def test_a_hyphenated_ex_leaves_its_word_out() -> None:
    focus = question_focus("What was the ex-fuel LFL, for comparison?", ACME)
    assert focus.excluded == frozenset({"fuel"})
    assert focus.phrase == "lfl"


@pytest.mark.parametrize(
    "question",
    [
        "How has like-for-like growth slowed this year?",
        "Globex vs expectations - how did it stack up?",
        "how did margins soften in the half?",
    ],
)
def test_slowing_and_a_question_after_a_dash_ask_for_a_figure(question: str) -> None:
    from assistant.question import question_kinds

    assert question_kinds(question, question_focus(question, ACME))


def test_a_name_asked_by_its_first_part_finds_the_hyphenated_name() -> None:
    from assistant.entities import names_one_of

    assert names_one_of(frozenset({"widget"}), frozenset({"widget-long"}))
    assert not names_one_of(frozenset({"widget"}), frozenset({"widgetco"}))


def test_a_broker_column_year_is_a_period() -> None:
    assert periods("2026E new") == {"2026", "FY"}  # a whole year's estimate, no half's
    assert periods("FY26E EPS") == {"FY2026", "2026"}


def test_what_about_a_measure_after_a_question_naming_none_asks_it_of_the_same_name() -> None:
    from assistant.followups import resolve_followup

    previous = ["How did Globex hold up over the 16 weeks?"]
    assert resolve_followup("what about volumes?", previous) == (
        "How did Globex volumes hold up over the 16 weeks?"
    )


def test_a_word_after_a_bold_label_opens_a_sentence() -> None:
    from assistant.entities import names_in

    assert [m.text for m in names_in("**Services:** Revenue grew by 6.4% to $187m.")] == [
        "Services"
    ]


def test_per_share_asks_for_an_amount_not_a_count_of_shares() -> None:
    from assistant.cues import asked_kinds

    assert asked_kinds("What did Acme earn per share in the first half?") == {"money"}


def test_a_name_of_several_words_is_recognised_though_mistyped() -> None:
    from assistant.question import recase

    known = frozenset({"building controls"})
    assert recase("what margin did building contrls make?", ACME, known) == (
        "what margin did Building Controls make?"
    )
    # Words that merely resemble no name are left alone.
    assert recase("what did building costs do?", ACME, known) == "what did building costs do?"


def test_basis_points_ask_for_a_change_in_points() -> None:
    from assistant.cues import asked_kinds

    assert "points" in asked_kinds("How many bps of margin did Acme give up?")
    assert "points" in asked_kinds("by how many percentage points did the margin fall?")


def test_like_for_like_is_one_measure_close_to_organic() -> None:
    from assistant.measure_words import measure_words

    assert measure_words("How did pumps do on a like-for-like basis?") == ["pumps", "lfl"]
    assert stem("organic") in same_measure("lfl")
    assert measure_words("by the end of June") == []
    # The same shape in other words: a plural, and a basis of comparison that is no measure.
    assert measure_words("like-for-likes ex fuel in Q3?") == ["lfl"]
    assert measure_words("fuel sales year-on-year, or yoy") == ["fuel", "sales"]


def test_each_side_of_an_ampersand_name_may_be_typed_alone() -> None:
    from assistant.question import recase

    known = frozenset({"heat pumps & climate"})
    assert recase("how did heat pumps do?", ACME, known) == "how did Heat Pumps do?"


def test_what_is_opened_or_added_does_not_answer_a_total() -> None:
    ctx = _context("Acme expects to open about eight supermarkets next year.", "eight")
    assert ctx.increment
    assert not answers(question_focus("How many supermarkets does Acme operate?", ACME), ctx)
    assert answers(question_focus("How many supermarkets will Acme open?", ACME), ctx)


def test_a_year_ended_in_a_month_names_the_fiscal_year() -> None:
    from assistant.periods import periods

    assert {"FY2026", "2026"} <= periods("Annual results for the year ended 30 June 2026")
    assert "FY2025" in periods("the year to March 2025")
    assert "FY2026" not in periods("in the year 2026")


def test_a_labelled_aside_names_the_period_of_its_own_figure_only() -> None:
    from assistant.measures import figure_contexts

    sentence = "Earnings per share of 17.2 cents (FY25: 15.9 cents), up 8.2%"
    got = {c.figure.text: c.periods for c in figure_contexts(sentence)}
    assert got["17.2 cents"] == frozenset() and got["8.2%"] == frozenset()
    assert "FY2025" in got["15.9 cents"]


def test_each_labelled_part_of_an_aside_names_its_own_figures_period() -> None:
    from assistant.measures import figure_contexts

    sentence = (
        "Adjusted EBITA of EUR 230-260 million (previously: EUR 270-300 million; 2025: €284.6m)"
    )
    got = {c.figure.text: c.periods for c in figure_contexts(sentence)}
    # The guide and its earlier value are not 2025's: the year labels only the last part.
    assert got["EUR 230-260 million"] == frozenset() == got["EUR 270-300 million"]
    assert got["€284.6m"] == frozenset({"2025"})
    two = {
        c.figure.text: c.periods
        for c in figure_contexts("Sales of $9.1m (Q3 2025: $8.2m; Q2 2026: $8.8m)")
    }
    assert two["$8.2m"] == frozenset({"Q3", "2025"}) and two["$8.8m"] == frozenset({"Q2", "2026"})


def test_a_days_date_is_when_not_the_period_a_figure_measures() -> None:
    from assistant.measures import figure_contexts
    from assistant.periods import periods_fit

    paid = figure_contexts("The final dividend of 5.8 cents will be paid on 9 October 2026.")
    assert paid[0].periods == frozenset()
    ended = figure_contexts("EBITDA was NZ$236 million for the year ended 30 June 2026.")
    assert "FY2026" in ended[0].periods
    # "full-year" alone names no year: the title's year still applies.
    assert periods_fit(frozenset({"FY2026"}), frozenset({"FY"}), frozenset({"FY2026"}))


def test_the_verb_after_a_lower_case_subject_asks_nothing() -> None:
    for question in (
        "how much capex did acme spend jan-jun 2026",
        "How much capex did Acme spend?",
    ):
        assert question_focus(question, ACME).phrase == "capex"
    focus = question_focus("how much did the ferries division spend on fuel in fy26?", ACME)
    assert "spend" not in focus.phrase
    # A word that only begins like a month ("margin") is no period after a verb.
    assert "operating" in question_focus("What was the adjusted operating margin?", ACME).phrase
    # ... while a count keeps its verb ("stores it operates").
    assert "operate" in question_focus("how many stores does acme operate", ACME).phrase


def test_a_name_in_the_cause_after_a_figure_does_not_qualify_it() -> None:
    sentence = "Order intake rose 2.7% to $1,254.0 million, driven by Controls and service deals."
    focus = question_focus("What was order intake in the Controls division?", ACME)
    assert not answers(focus, _context(sentence, "$1,254.0 million"))
    named = "Controls order intake rose 9% to $610.0 million, driven by data centres."
    assert answers(focus, _context(named, "$610.0 million"))


def test_a_balance_at_another_month_end_does_not_answer() -> None:
    asked = frozenset(periods("What was Acme's net debt at the end of June 2025?"))
    assert "Em06" in asked and "2025" in asked
    assert not periods_fit(asked, frozenset(periods("31 December 2025")), frozenset())
    assert periods_fit(asked, frozenset(periods("30 June 2025")), frozenset())
    # A figure whose day is not stated is read by its year and half.
    assert periods_fit(asked, frozenset(), frozenset({"H1", "2025"}))


def test_idioms_for_debt_cash_and_dividends_read_as_reporting_terms() -> None:
    assert plain_terms("How large was Acme's debt pile?") == "How large was Acme's net debt?"
    assert plain_terms("cash generation in H1?") == "cash flow in H1?"
    assert plain_terms("Why did Acme cut its interim payout?").endswith("interim dividend?")
    assert plain_terms("What is the payout ratio?") == "What is the payout ratio?"


ALL_KINDS = {"money", "number", "percent", "points"}


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("how badly did capex dent acme's fcf - what % drop?", {"percent", "points"}),
        ("what's the chip market supposed to be worth by 2030?", {"money", "number"}),
        ("acme's home share - the number they quote?", ALL_KINDS),
        ("after the 76% drop, what was acme's fcf?", ALL_KINDS),
        ("whats acme's coding assistant called?", set()),
        ("how badly did acme's heat-pump sales fall?", {"percent", "points"}),
        ("how does acme's gmv growth compare with initech's?", {"percent", "points"}),
        ("what was acme's growth capex?", {"money", "number"}),
    ],
)
def test_kinds_asked_in_an_analysts_words(question: str, kinds: set[str]) -> None:
    from assistant.question import asks_for_names, question_kinds

    assert question_kinds(question, question_focus(question, ACME)) == kinds
    assert asks_for_names(question) is (not kinds)


@pytest.mark.parametrize(
    ("sentence", "head"),
    [
        ("Rival Initech reported a 14.2% organic drop in first-half heat-pump sales.", "sales"),
        ("Acme posted a 3% underlying rise in its heat-pump sales.", "sales"),
        ("Revenue saw a 5% increase in the quarter.", ""),
        ("It spent $1.8 trillion on global AI infrastructure markets.", ""),
    ],
)
def test_a_changes_head_is_what_it_is_a_change_in(sentence: str, head: str) -> None:
    (ctx,) = figure_contexts(sentence, ACME)
    assert ctx.head == head


def test_who_reports_by_role_is_a_source_not_a_measure() -> None:
    for question in (
        "What discount rate is the broker's DCF built on?",
        "what EBITDA margin does the writer give Acme?",
        "Per the analyst, what EBITDA margin is Acme on?",
        "what EBITDA margin is management guiding to?",
        "the EBITDA margin that Initech quotes for Acme?",
    ):
        stems = question_focus(question, ACME).measures
        assert not stems & {"broker", "writer", "analyst", "management", "initech", "quot"}
    # A role that is what is counted, or part of a measure's name, stays.
    assert "analyst" in question_focus("How many analysts cover Acme?", ACME).measures
    assert "management" in question_focus("What were asset management fees?", ACME).measures
    # ... and the measure then fits the figure it asked about.
    ctx = _context("Acme expects an EBITDA margin of 18% to 20% in FY27.", "18% to 20%")
    assert answers(question_focus("what EBITDA margin range is management guiding to?", ACME), ctx)


def test_a_range_or_a_floor_asked_is_carried_by_the_figures_form() -> None:
    ranged = _context("Capital expenditure is expected to be €210m to €240m.", "€210m to €240m")
    single = _context("Capital expenditure is expected to be €225m.", "€225m")
    asked = question_focus("what capex range is Acme guiding to?", ACME)
    assert stem_match(asked, ranged) > 0.5
    assert stem_match(asked, single) <= 0.5
    floor = question_focus("What's the floor of Acme's free cash flow guidance?", ACME)
    assert answers(floor, _context("Acme guides to free cash flow of at least €160m.", "€160m"))
    assert stem_match(floor, _context("Acme guides to free cash flow of €160m.", "€160m")) < 1


def test_standard_acronyms_that_begin_with_a_negation() -> None:
    npl = question_focus("NPLs as a % of total loans?", ACME)
    ctx = _context("Nonperforming loans were $241.3 million, or 0.66% of total loans.", "0.66%")
    assert stem_match(npl, ctx) == 1.0
    # "non-interest income" is not NII, which is net interest income.
    nii = question_focus("What was Acme's NII?", ACME)
    assert (
        stem_match(nii, _context("Acme's non-interest income was $80 million.", "$80 million")) < 1
    )
    assert (
        stem_match(nii, _context("Acme's net interest income was $412 million.", "$412 million"))
        == 1
    )


def test_a_gaap_figure_asked_is_not_answered_by_an_adjusted_one() -> None:
    guided = "For fiscal 2027, Acme guided to adjusted EPS of $3.85 to $4.05."
    ctx = _context(guided, "$3.85 to $4.05")
    assert not answers(question_focus("What GAAP EPS range is Acme guiding to?", ACME), ctx)
    assert answers(question_focus("What adjusted EPS range is Acme guiding to?", ACME), ctx)
    # "non-GAAP" is the adjusted basis, though it writes "GAAP".
    non_gaap = _context("Acme guided to non-GAAP EPS of $3.85 to $4.05.", "$3.85 to $4.05")
    assert answers(question_focus("What adjusted EPS range is Acme guiding to?", ACME), non_gaap)


def test_a_share_asked_is_carried_by_a_percentage_of_a_whole() -> None:
    mix = question_focus("What EV mix is Acme targeting for 2028?", ACME)
    of_whole = _context(
        "Acme expects battery-electric models to be 45% of its deliveries by 2028.", "45%"
    )
    growth = _context("Acme expects battery-electric deliveries to grow 45% by 2028.", "45%")
    assert stem_match(mix, of_whole) == 1.0
    assert stem_match(mix, growth) < 1.0


def test_the_share_price_asked_is_how_the_shares_moved_not_a_figure_per_share() -> None:
    reaction = question_focus("How did Acme's share price react on the day?", ACME)
    closed = _context("Acme shares closed up 3.6% at NZ$3.41 on Thursday.", "3.6%")
    per_share = _context("The broker lifted its forecast for earnings per share by 5.2%.", "5.2%")
    assert stem_match(reaction, closed) > 0.5
    assert stem_match(reaction, per_share) == 0.0
    assert "price target" in plain_terms("What's the share price target?")
    # A rate asked per share is still answered by one.
    dps = question_focus("What dividend per share did Acme pay?", ACME)
    assert (
        stem_match(dps, _context("Acme paid a dividend of 30 cents per share.", "30 cents")) > 0.5
    )


def test_a_stock_that_lost_asks_how_far_it_moved_a_company_that_lost_how_much() -> None:
    from assistant.cues import asked_kinds

    assert asked_kinds("How much did the stock lose on the day the numbers came out?") == {
        "percent",
        "points",
    }
    assert "money" in asked_kinds("How much did Acme lose in the quarter?")
    assert question_focus(
        "How far did Acme's stock fall when the results came out?", ACME
    ).measures == {"stock"}


def test_the_shares_asked_are_the_stock_not_a_share_of_a_whole() -> None:
    held = _context("Acme holds 1.74% of the market.", "1.74%")
    assert stem_match(question_focus("Where did Acme shares finish on the day?", ACME), held) == 0
    assert stem_match(question_focus("What share of the market does Acme hold?", ACME), held) > 0.5


def test_a_money_unit_asked_on_its_own_asks_an_amount() -> None:
    from assistant.question import question_parts

    for question in ("catalogue revenue in Q1 26/27, £m?", "total retail sales incl fuel £m, Q1"):
        (part,) = question_parts(question, ACME, frozenset())
        assert part.kinds == {"money", "number"}
    # A figure written in the question is no unit asked.
    (part,) = question_parts("sales of £7.4bn in Q1 - how much did they grow?", ACME, frozenset())
    assert "percent" in part.kinds


def test_where_in_the_text_to_look_and_two_names_joined_by_plus_name_no_measure() -> None:
    for question in (
        "In the bit about the Asia push, what cloud share does the writer give Acme?",
        "where the writer talks up the phone tie-ups, what cloud share is Acme credited with?",
    ):
        assert question_focus(question, ACME).measures == {"cloud", "shar"}
    assert plain_terms("AWS + Microsoft combined share") == "AWS and Microsoft combined share"
    assert plain_terms("revenue growth of +5%?") == "revenue growth of +5%?"


def test_a_change_in_a_capitalised_segments_measure_is_that_measures() -> None:
    from assistant.measures import figure_contexts

    sentence = "A 4.1% rise in Grocery sales led growth, with the group winning market share."
    (ctx,) = figure_contexts(sentence, ACME)
    assert ctx.head == "sales"

    # So the uplift in sales is no market share, however close the clause sounds (a fake
    # similarity: the clause is near "market share", the noun "sales" alone is not).
    def similar(words: str, text: str) -> float:
        return 0.3 if words == "sales" else 0.6

    share = question_focus("What's Acme's grocery market share percentage?", ACME)
    assert not answers(share, ctx, frozenset(), similar, 0.5)
    growth = question_focus("How much did grocery sales grow?", ACME)
    assert answers(growth, ctx, frozenset(), similar, 0.5)


def test_what_follows_a_level_as_its_cause_is_not_its_measure() -> None:
    from assistant.cues import gives_reason

    sentence = (
        "Staff costs increased 8.5% to €436 million following the new pilot and cabin crew pay "
        "deals agreed in the spring."
    )
    level = next(c for c in figure_contexts(sentence, ACME) if c.figure.text == "€436 million")
    asked = question_focus("What did staff costs come to in Q3?", ACME)
    assert answers(asked, level, frozenset({"Q3", "2026"}))
    assert not gives_reason("Revenue in the following quarter was €2 billion.")


def test_a_figure_a_guidance_range_implies_has_its_own_period() -> None:
    from assistant.figure_periods import figure_periods
    from assistant.figures import find_figures

    sentence = "FY26 EBIT of EUR 380-420m implies Q4 EBIT of only EUR 12-52m against EUR 84m."
    figures = [f for f in find_figures(sentence) if f.kind != "year"]
    year, quarter, _ = figure_periods(sentence, figures)
    assert "Q4" not in year and "FY2026" in year
    assert "Q4" in quarter


def test_an_earlier_value_in_brackets_takes_its_figures_words_only() -> None:
    sentence = (
        "We cut FY26E EBIT to EUR 396m (from EUR 462m), near the bottom of the range and "
        "below the company-compiled consensus of EUR 433m."
    )
    got = {c.figure.text: dict(c.weights) for c in figure_contexts(sentence, ACME)}
    assert "ebit" in got["EUR 462m"] and "consensu" not in got["EUR 462m"]
    assert "consensu" in got["EUR 433m"]


def test_each_part_of_a_comparison_is_of_the_period_it_names() -> None:
    from assistant.direct import answer_figure

    sentence = (
        "Acme reported net income of $128.3 million, or $1.07 per diluted share, for the third "
        "quarter of 2026, compared with $126.9 million, or $1.05 per diluted share, for the "
        "second quarter of 2026 and $121.4 million, or $0.99 per diluted share, for the third "
        "quarter of 2025."
    )
    got = {c.figure.text: c.periods for c in figure_contexts(sentence, ACME)}
    assert got["$128.3 million"] == {"Q3", "2026"} and got["$1.05"] == {"Q2", "2026"}
    assert got["$121.4 million"] == {"Q3", "2025"}
    found = frozenset({"$128.3 million", "$121.4 million"})
    question = "How much did Acme make in the third quarter last year?"
    fig = answer_figure(sentence, question, frozenset({"money"}), "USD", ACME, found)
    assert fig is not None and fig.text == "$121.4 million"


@pytest.mark.parametrize(
    "question",
    [
        "Total staff numbers at the end of the year?",
        "What was the number of stores at year end?",
        "Acme's headcount in March?",
        "passenger count for the quarter?",
    ],
)
def test_a_count_asked_without_how_many_asks_for_a_number(question: str) -> None:
    from assistant.cues import asked_kinds

    assert "number" in asked_kinds(question)


def test_count_is_the_question_s_word_not_the_measure() -> None:
    from assistant.measure_words import measure_words

    assert measure_words("Employee count at year end?") == ["employee"]
    assert measure_words("store counts in Q1?") == ["store"]


def test_results_called_numbers_ask_for_no_count() -> None:
    from assistant.cues import asked_kinds

    assert "number" not in asked_kinds("What did the broker say about the Q1 numbers?")
