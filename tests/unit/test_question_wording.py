"""Questions as people type them: lower-case names, bullets, abbreviations, months.

Each case is a wording found in analysts' questions on the dev sets, rebuilt on made-up
companies and sentences so that the rule is tested beyond the corpora it came from.
"""

from __future__ import annotations

import pytest

from assistant.chunking import Passage
from assistant.composing import compose_direct
from assistant.direct import Quote, answer_figure, direct_line
from assistant.entities import Subject, names_in
from assistant.evidence import EvidenceSentence, SentenceEmbeddings, select_evidence
from assistant.matching import (
    answers,
    asked_kinds,
    includes_excluded,
    qualifiers_fit,
    question_focus,
    states_noun,
    stem_match,
    subject_fits,
)
from assistant.measure_words import excluded_names, leaves_out_named
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.question import (
    asks_for_names,
    question_kinds,
    question_parts,
    recase,
)
from assistant.retrieval import Hit
from assistant.units import currency_wanted
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Group", "ACMX", "Acme Cloud"))


def _context(sentence: str, figure: str, subject: Subject = ACME):
    return next(c for c in figure_contexts(sentence, subject) if c.figure.text == figure)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how much is acmx spending on chips?", "how much is ACMX spending on chips?"),
        ("did acme group beat?", "did Acme Group beat?"),
        ("what did initech's sales do?", "what did Initech's sales do?"),
        ("Is Acme growing?", "Is Acme growing?"),  # already a name: left as typed
        ("what did the group sell?", "what did the group sell?"),  # an English word
    ],
)
def test_names_typed_in_lower_case_are_read_as_names(question: str, expected: str) -> None:
    assert recase(question, ACME, frozenset({"initech", "group"})) == expected


def test_a_possessive_name_typed_without_its_apostrophe_is_the_name() -> None:
    grocer = Subject("Grocer", ("Grocer's",))
    assert recase("what is grocers trailing p/e?", grocer) == "what is Grocer's trailing p/e?"
    assert recase("how many grocers are there?", ACME) == "how many grocers are there?"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("\u00b7 Keep beating the market in chilled food", []),
        ("o Zu Clothing sales down (1.6) per cent", ["Zu Clothing"]),
        ("\u2022 Pleasing unit growth of 1.8 per cent", []),
        ("How does the forward P/E compare with its average?", []),
        ("whats the AI/cloud capex plan?", []),
        (
            "Rivals are closing in, while Globex and Initech hold a 50% share.",
            ["Globex", "Initech"],
        ),
    ],
)
def test_bullets_and_abbreviations_are_not_names(text: str, names: list[str]) -> None:
    assert [m.text for m in names_in(text)] == names


def test_a_quarter_named_by_its_month_is_not_another_months_quarter() -> None:
    september = frozenset(periods("how did sales do in the September quarter?"))
    march = frozenset(periods("in the fiscal quarter ending March 2025"))
    assert not periods_fit(september, march, frozenset())
    assert periods_fit(frozenset(periods("the March quarter")), march, frozenset())
    # Fiscal calendars differ: a numbered quarter may be any month's.
    assert periods_fit(september, frozenset({"Q2", "2025"}), frozenset())


def test_a_segment_named_in_lower_case_owns_its_figure() -> None:
    sentence = "General Merchandise sales fell 5.1 per cent."
    ctx = _context(sentence, "5.1 per cent")
    asked = question_focus("What happened to general merchandise sales?", ACME)
    other = question_focus("What happened to grocery sales?", ACME)
    assert subject_fits(asked, ctx)
    assert not subject_fits(other, ctx)


def test_a_brand_asked_by_its_first_word_owns_its_figure() -> None:
    ctx = _context("Zu Clothing sales down (1.6) per cent", "(1.6) per cent")
    assert subject_fits(question_focus("how did Zu do this quarter?", ACME), ctx)
    assert not subject_fits(question_focus("how did Zentro do this quarter?", ACME), ctx)


def test_what_is_left_out_of_a_figure_qualifies_nothing() -> None:
    focus = question_focus("How did the Acme business (ex Globex) do?", ACME)
    assert focus.qualifiers == frozenset()
    assert focus.subjects == frozenset()


def test_a_division_name_says_what_is_measured() -> None:
    assert question_focus("how fast did Acme Cloud grow?", ACME).phrase == "cloud"
    assert question_focus("how fast did Acme grow?", ACME).phrase == ""


def test_a_clipped_word_stands_for_the_word_it_begins() -> None:
    ctx = _context("Acme expects a $1.8 trillion global AI infrastructure market.", "$1.8 trillion")

    def score(question: str) -> float:
        return stem_match(question_focus(question, ACME), ctx)

    assert score("size of the global infra market?") == score(
        "size of the global infrastructure market?"
    )
    assert score("size of the global insurance market?") < score("size of the global infra market?")


def test_a_table_row_answers_with_its_latest_column_and_a_rate_for_a_change() -> None:
    row = "Total Retail \u2014 2030/31 Q1: 2.2%; 2030/31 Q2: 2.9%; 2031/32 Q1: 3.9%"
    kinds = frozenset({"percent", "money", "number"})
    assert answer_figure(row, "how did total retail sales do?", kinds, None).text == "3.9%"
    asked_year = answer_figure(row, "total retail sales in 2030/31 Q2?", kinds, None)
    assert asked_year.text == "2.9%"
    both = "Sales rose 2.3% to \u00a36.8bn."
    for question, expected in (
        ("how much did sales grow?", "2.3%"),
        ("how much were sales?", "\u00a36.8bn"),
    ):
        asked = frozenset(asked_kinds(question))
        assert answer_figure(both, question, asked, None).text == expected


def test_a_question_about_a_place_is_answered_with_the_place() -> None:
    quote = Quote(1, "Acme is ahead of Globex at home and is expanding into Brazil.")
    names = ("Acme",)
    assert direct_line(
        [quote], "Which region is Acme expanding into?", frozenset(), None, names
    ) == ("Brazil [1].")
    assert direct_line([quote], "Which rivals does Acme lead?", frozenset(), None, names) == (
        "Globex [1]."
    )


def test_which_kind_of_asks_for_a_description_not_names() -> None:
    assert not asks_for_names("which kind of customers is Acme going after?")
    assert asks_for_names("which companies is Acme going after?")


@pytest.mark.parametrize(
    "question",
    [
        "per Initech, how much did Acme's own sales grow?",
        "what did Initech say about Acme's sales growth?",
        "according to Initech, how much did Acme's sales grow?",
    ],
)
def test_who_reports_a_figure_does_not_own_it(question: str) -> None:
    focus = question_focus(question, ACME)
    assert focus.subjects == frozenset()
    assert focus.phrase == "sales"


def test_who_reports_on_itself_still_owns_its_figure() -> None:
    assert question_focus("What margin did Initech report?", ACME).subjects == {"initech"}


def test_each_side_of_a_comparison_owns_its_figure() -> None:
    parts = question_parts("how does Acme's sales growth compare with Initech?", ACME)
    assert [p.focus.subjects for p in parts] == [frozenset(), frozenset({"initech"})]


def test_one_sentence_answering_both_sides_gives_both_figures() -> None:
    sentence = "Initech's sales grew 46% year on year, while Acme's sales grew 5%."

    def line(missing: list[str]) -> str:
        parts = ["Acme: sales", "Initech: sales"]
        picked = [(1, sentence, 0, "part")]
        return compose_direct(picked, parts, frozenset({"percent"}), None, ("Acme",), missing)

    assert line([]) == "Acme: up 5% [1]; Initech: up 46% [1]."
    # A side the evidence did not answer gets no figure from another side's sentence.
    assert line(["Initech: sales"]) == "Acme: up 5% [1]."


def test_a_figure_right_after_another_keeps_its_owner() -> None:
    sentence = "Globex and Initech sales declined 2.4% (-0.9% expected) in the period."
    expected = _context(sentence, "-0.9%")
    assert expected.subjects == {"globex", "initech"}
    # A clause break starts a new owner's zone.
    other = _context("Initech grew 46% a year, while Acme grew 5%.", "5%")
    assert other.home and not other.subjects


def test_what_a_question_leaves_out_is_not_its_answer() -> None:
    focus = question_focus("What happened to Acme's sales excluding fuel?", ACME)
    rows = {
        "Total (inc. fuel) \u2014 YoY: 3.9%": False,
        "Total (exc. fuel) \u2014 YoY: 2.3%": True,
        "Fuel and Clothing \u2014 YoY: 0.8%": False,
    }
    for row, answers_it in rows.items():
        ctx = figure_contexts(row, ACME)[0]
        assert includes_excluded(focus, ctx.clause) is not answers_it, row
    assert question_focus("Besides AI, what drove Acme's profit?", ACME).excluded == {"ai"}


def test_a_business_left_out_is_left_out_by_the_row_beside_its_own() -> None:
    focus = question_focus("What were Acme's sales excluding Roadrunner in Q2?", ACME)
    left_out = excluded_names(focus, frozenset({"roadrunner", "acme", "grocery"}))
    assert left_out == {"roadrunner"}
    table = (
        "Acme \u2014 YoY: 2.6%; $m: 692\nGrocery \u2014 YoY: 4.1%; $m: 655\n"
        "Roadrunner \u2014 YoY: (1.3)%; $m: 98\nTotal \u2014 YoY: 2.3%; $m: 790"
    )
    rows = {
        "Acme \u2014 YoY: 2.6%; $m: 692": True,
        "Grocery \u2014 YoY: 4.1%; $m: 655": True,
        "Roadrunner \u2014 YoY: (1.3)%; $m: 98": False,  # the business itself
        "Total \u2014 YoY: 2.3%; $m: 790": False,  # a total holds it
    }
    for row, leaves_it_out in rows.items():
        assert leaves_out_named(left_out, row, table) is leaves_it_out, row
    # A sentence leaves it out only by saying so; a row only beside the business's own row.
    group = "Acme's sales rose 2.3% to $790m."
    assert not leaves_out_named(left_out, group, group)
    assert leaves_out_named(left_out, "Sales excluding Roadrunner rose 2.6%.", "")
    assert not leaves_out_named(left_out, "Grocery \u2014 YoY: 4.1%", "Grocery \u2014 YoY: 4.1%")
    # A word left out that names no business leaves out nothing to find.
    assert not excluded_names(question_focus("Sales excluding fuel?", ACME), frozenset({"acme"}))


def test_a_currency_asked_by_its_symbol_asks_for_an_amount() -> None:
    assert currency_wanted("what's Acme's net debt in \u00a3?") == "GBP"
    assert currency_wanted("and in $?") == "USD"
    focus = question_focus("what's Acme's net debt in \u00a3?", ACME)
    assert "money" in question_kinds("what's Acme's net debt in \u00a3?", focus)


def test_each_part_asks_its_own_currency() -> None:
    parts = question_parts("what's the capex plan in yuan terms, and roughly what's that in USD?")
    assert [currency_wanted(p.text) for p in parts] == ["CNY", "USD"]


def test_a_possessive_before_a_noun_is_no_do_support() -> None:
    assert question_focus("How did Acme's sales do in Spain?", ACME).phrase == "sales"


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("What were Acme's sales in the first quarter?", True),
        ("What was Acme's turnover?", True),
        ("What was Acme's sales growth?", False),
        ("What were Acme's sales margins?", False),
    ],
)
def test_what_were_sales_asks_for_an_amount(question: str, amount: bool) -> None:
    kinds = asked_kinds(question)
    assert ("money" in kinds and "percent" not in kinds) is amount


def test_two_words_of_a_known_name_typed_in_lower_case_are_the_name() -> None:
    known = frozenset({"acme ceo jane roe", "total"})
    assert recase("what is jane roe's goal?", ACME, known) == "what is Jane Roe's goal?"
    assert recase("what were total sales?", ACME, known) == "what were total sales?"


def test_a_sentence_about_the_person_asked_about_needs_half_the_topic() -> None:
    from assistant.entities import names_one_of

    assert names_one_of(frozenset({"jane roe"}), frozenset({"acme ceo jane roe"}))
    assert not names_one_of(frozenset({"jane roe"}), frozenset({"janet roebuck"}))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("How's Savour the Season doing?", ["Savour the Season"]),
        ("Then Bank of America said so.", ["Bank of America"]),
        ("Douyin and Alibaba grew.", ["Douyin", "Alibaba"]),
        ("sales of Zentro fell", ["Zentro"]),
    ],
)
def test_of_and_the_join_a_name(text: str, names: list[str]) -> None:
    assert [m.text for m in names_in(text)] == names


def test_a_brand_with_a_glued_footnote_is_the_brand_asked() -> None:
    sentence = "More customers buying Savour the Season8 drove sales up 8 per cent."
    ctx = _context(sentence, "8 per cent")
    assert subject_fits(question_focus("How's Savour the Season doing?", ACME), ctx)
    assert not subject_fits(question_focus("How's Zentro doing?", ACME), ctx)


def test_capitals_no_document_uses_as_a_name_are_read_as_the_words_they_spell() -> None:
    focus = question_focus("How much D&A does Acme expect?", ACME, frozenset({"acme"}))
    assert focus.subjects == frozenset() and "d&a" in focus.measures
    ctx = _context("Acme expects depreciation and amortisation of £0.9 billion.", "£0.9 billion")
    assert stem_match(focus, ctx) == 1.0
    # A brand's initials with the little word counted: "Savour the Season" spells STS.
    brand = question_focus("what share were STS?", ACME, frozenset({"acme"}))
    assert "sts" in brand.measures and brand.subjects == frozenset()
    lines = _context("Savour the Season took a 40% share of new lines.", "40%")
    assert stem_match(brand, lines) > stem_match(brand, _context("Gamma took a 40% share.", "40%"))
    # Capitals the documents do use as a name stay a name.
    named = question_focus("what share were STS?", ACME, frozenset({"acme", "sts"}))
    assert named.subjects == frozenset({"sts"})
    # After a preposition ("spend on R&D") they are no place that qualifies the figure.
    spend = question_focus("How much did Acme spend on R&D in the half?", ACME, frozenset({"acme"}))
    assert "r&d" in spend.measures and spend.qualifiers == frozenset()
    row = _context("Research and development expense (€m) — H1 2026: 2,145", "2,145")
    assert qualifiers_fit(spend, row.sentence) and stem_match(spend, row) == 1.0
    # ... but a place is a place, spelt out in the documents or not.
    usa = question_focus("What were Acme's sales in the USA?", ACME, frozenset({"acme"}))
    assert usa.qualifiers == frozenset({"usa"})


def test_a_clipped_compound_stands_for_the_two_words_it_begins() -> None:
    ctx = _context("Acme expects capital expenditure of £800 million.", "£800 million")
    assert stem_match(question_focus("What is Acme's capex?", ACME), ctx) == 1.0
    other = _context("Acme expects a cash payment of £800 million.", "£800 million")
    assert stem_match(question_focus("What is Acme's capex?", ACME), other) == 0.0


def test_a_figure_restated_in_brackets_says_what_the_first_says() -> None:
    sentence = "Acme plans to spend RMB 380 billion (about US$53 billion) on chips."
    restated = _context(sentence, "US$53 billion")
    assert "spend" in dict(restated.weights)
    # A bracketed figure with its own label is another figure, with its own words.
    labelled = _context("Acme sales were £640m (2030/31: £688m) in Q1.", "£688m")
    assert labelled.clause != _context("Acme sales were £640m (2030/31: £688m).", "£640m").clause


def test_the_head_of_a_figure_stops_at_a_preposition() -> None:
    ctx = _context("Cameras are now fitted in over 45 stores following a pilot.", "45")
    assert ctx.head == "stores"


def test_per_share_and_what_dividend_ask_for_an_amount() -> None:
    assert "money" in asked_kinds("What dividend does Acme pay per share?")
    assert "money" in asked_kinds("What were Acme's earnings a share?")
    assert "money" not in asked_kinds("What share of sales is online?")
    assert "money" not in asked_kinds("What is the dividend yield?")


def test_the_noun_what_asks_about_must_stand_by_the_figure() -> None:
    focus = question_focus("What dividend does Acme pay per share?", ACME)
    assert focus.noun == "dividend"
    eps = _context("Acme's earnings are $8.58 per share.", "$8.58")
    dps = _context("Acme pays a dividend of $1.20 per share.", "$1.20")
    assert not states_noun(focus, eps)
    assert states_noun(focus, dps)
    assert question_focus("By what percentage did Acme cut prices?", ACME).noun == ""


def test_what_s_asks_as_what_is_does() -> None:
    assert asked_kinds("What's Acme's revenue?") == asked_kinds("What is Acme's revenue?")
    focus = question_focus("What's Acme's order book?", ACME)
    assert question_kinds("What's Acme's order book?", focus) == question_kinds(
        "What is Acme's order book?", focus
    )


def test_how_many_more_counts_the_things_counted_before() -> None:
    parts = question_parts("how many stores have cameras now, and how many more are planned?", ACME)
    assert "stor" in parts[1].focus.measures
    ctx = _context("Up to 120 further stores planned before the summer.", "120")
    assert ctx.head == "stores"
    assert stem_match(parts[1].focus, ctx) > 0.5


def test_how_is_a_name_doing_asks_how_it_moved() -> None:
    from assistant.matching import asks_movement

    question = "How's Savour the Season doing?"
    assert asks_movement(question) and asks_movement("how did Acme's sales perform?")
    assert not asks_movement("How big is Acme's store estate?")
    [part] = question_parts(question, ACME, frozenset({"savour the season"}))
    assert part.kinds == frozenset({"money", "number", "percent", "points"})
    row = "More customers buying Savour the Season, with sales up 8 per cent and 240 lines."
    kinds = frozenset({"percent", "money", "number"})
    assert answer_figure(row, question, kinds, None).text == "8 per cent"


def test_a_comparison_word_inside_a_name_compares_nothing() -> None:
    parts = question_parts("How's Savour the Season doing?", ACME)
    assert len(parts) == 1
    assert len(question_parts("How did Acme's sales compare with Globex's?", ACME)) == 2


def test_a_figure_scoped_to_another_place_does_not_answer() -> None:
    from assistant.scopes import scope_fits

    focus = question_focus("What is Acme's market share in Spain?", ACME)
    elsewhere = _context(
        "Acme's 36% share of Portugal's market and its expansion into Spain help it.", "36%"
    )
    here = _context("Acme holds a 25% market share in Spain.", "25%")
    assert not scope_fits(focus, elsewhere)
    assert scope_fits(focus, here)
    assert scope_fits(question_focus("What is Acme's market share?", ACME), elsewhere)


def test_a_ratio_asked_is_not_answered_by_its_base_measure() -> None:
    from assistant.matching import keeps_ratio

    focus = question_focus("What is Acme's adjusted EBITA margin?", ACME)
    assert not keeps_ratio(focus, _context("Acme's adjusted EBITA fell 21%.", "21%"))
    assert keeps_ratio(focus, _context("Acme's adjusted EBITA margin was 9%.", "9%"))
    plain = question_focus("How did Acme's adjusted EBITA change?", ACME)
    assert keeps_ratio(plain, _context("Acme's adjusted EBITA fell 21%.", "21%"))


def test_p_e_is_a_measure_word_spelled_by_price_earnings() -> None:
    focus = question_focus("What is Acme's forward P/E?", ACME)
    assert "p/e" in focus.measures
    ctx = _context("Acme's forward price/earnings ratio is 11.7.", "11.7")
    assert stem_match(focus, ctx) > 0.5
    assert stem_match(focus, _context("Acme's forward order book is 11.7.", "11.7")) <= 0.5


def test_a_window_of_time_is_no_figure() -> None:
    assert [c.figure.text for c in figure_contexts("Forward P/E (next 12 months): 11.7")] == [
        "11.7"
    ]


def test_its_average_side_leaves_the_average_out_of_the_other_side() -> None:
    left, right = question_parts("How does the forward P/E compare with its ten-year average?")
    assert "averag" in left.focus.excluded and "p/e" in right.focus.measures
    plain, _ = question_parts("How did grocery sales compare with general merchandise?")
    assert not plain.focus.excluded


@pytest.mark.parametrize("question", ["fwd pe vs 5y avg", "ev/ebitda against the 10-year median"])
def test_a_terse_average_side_leaves_the_average_out_of_the_other_side(question: str) -> None:
    left, right = question_parts(question)
    assert left.focus.excluded & right.focus.measures
    assert not left.focus.excluded & left.focus.measures


def test_a_verb_in_ing_after_is_says_how_when_more_is_asked() -> None:
    pouring = question_focus("how much is ACMX pouring into AI and cloud?", ACME)
    assert set(pouring.measures) == {"ai", "cloud"}
    assert "spend" in question_focus("How much is Acme spending?", ACME).measures


def test_the_name_of_a_document_is_no_owner() -> None:
    focus = question_focus("Do the article and the Globex source agree on Acme's sales?", ACME)
    assert "globex" not in focus.subjects | focus.qualifiers
    assert question_focus("What margin did Initech report?", ACME).subjects == {"initech"}


def test_how_much_asks_for_an_amount_before_a_count() -> None:
    sentence = "Acme has committed $53 billion to chips, driving growth for six quarters."
    kinds = frozenset({"money", "number"})
    assert answer_figure(sentence, "how much is Acme pouring into chips?", kinds, None).text == (
        "$53 billion"
    )


def test_including_counts_in_and_a_figure_leaving_it_out_does_not_answer() -> None:
    from assistant.matching import leaves_out_included

    focus = question_focus("how much did total retail sales grow including fuel?", ACME)
    assert "includ" not in focus.measures and focus.included == {"fuel"}
    assert leaves_out_included(focus, "Total Retail (exc. fuel) — YoY: 2.3%")
    assert not leaves_out_included(focus, "Total Retail (inc. fuel) — YoY: 3.9%")


def test_the_quarter_asked_is_not_answered_by_a_full_year_figure() -> None:
    asked = frozenset(periods("what was like-for-like for the quarter?"))
    assert asked == {"Q?"}
    assert not periods_fit(asked, frozenset(periods("in 2026/27")), frozenset())
    assert periods_fit(asked, frozenset({"Q1", "2026"}), frozenset())
    assert periods_fit(asked, frozenset(), frozenset())
    # In a document, "the quarter" is the document's own quarter.
    title = frozenset({"Q1", "2026"})
    assert periods_fit(frozenset({"Q1"}), frozenset(periods("during the quarter")), title)


def test_whats_without_the_apostrophe_asks_as_what_is() -> None:
    assert asked_kinds("whats the dividend per share?") == asked_kinds(
        "what is the dividend per share?"
    )
    assert "money" in asked_kinds("What did fuel sales total in Q1?")


def test_a_figure_of_what_is_added_does_not_answer_a_total() -> None:
    further = _context("Up to 120 further stores planned before the summer.", "120")
    assert further.increment
    total = question_focus("How many stores does Acme operate in total?", ACME)
    more = question_parts("how many stores have cameras, and how many more are planned?", ACME)
    assert not answers(total, further)
    assert answers(more[1].focus, further)


def test_a_count_keeps_its_verb_when_the_verb_is_all_it_has_beside_its_noun() -> None:
    focus = question_focus("How many stores does Acme operate?", ACME)
    assert {"stor", "operat"} <= focus.measures
    cameras = _context("Cameras are now fitted in over 45 stores following a pilot.", "45")
    assert not answers(focus, cameras)
    assert "pay" not in question_focus("What dividend does Acme pay per share?", ACME).measures


def test_a_noun_made_of_a_verb_matches_the_verb() -> None:
    from assistant.synonyms import derived

    assert derived("expectation", "expect") and derived("invest", "investment")
    assert not derived("profitability", "profit")
    focus = question_focus("What store investment does Acme plan?", ACME)
    invests = _context("Acme will invest £300 million in stores.", "£300 million")
    spends = _context("Acme will spend £300 million in stores.", "£300 million")
    assert stem_match(focus, invests) > stem_match(focus, spends)


def test_names_owning_a_combined_figure_are_one_side_of_a_comparison() -> None:
    known = frozenset({"globex", "initech"})
    mine, theirs = question_parts(
        "How does Acme's share stack up against Globex and Initech's combined share?", ACME, known
    )
    assert mine.text.startswith("Acme:") and "combin" not in mine.focus.measures
    assert theirs.focus.subjects == {"globex", "initech"}
    both = _context("Globex and Initech maintain a 50% combined market share.", "50%")
    assert subject_fits(theirs.focus, both)
    assert len(question_parts("How did Acme grow against Globex and Initech?", ACME, known)) == 3
    # The grouped names may stand first: "combined" is then their side's word.
    theirs, mine = question_parts(
        "Globex + Initech combined share vs Acme's share in Spain - what are the two numbers?",
        ACME,
        known | {"spain"},
    )
    assert theirs.focus.subjects == {"globex", "initech"} and "combin" in theirs.focus.measures
    assert subject_fits(theirs.focus, both)
    assert mine.text.startswith("Acme:") and "combin" not in mine.focus.measures


def test_a_capitalised_term_owned_by_a_name_is_the_measure() -> None:
    # The documents never use "Net Promoter Score": it is what is asked, not a name that
    # leaves the question with no measure (and any figure of the segment answering).
    focus = question_focus("What was Coastal Air's Net Promoter Score in FY26?", ACME)
    assert focus.phrase == "net promoter score"
    # A name alone is the owner: "How's Savour the Season doing?" has no measure.
    assert question_focus("How's Savour the Season doing?", ACME).phrase == ""


def test_earn_per_share_asks_for_earnings_per_share() -> None:
    # Not "share" alone, which a buyback's "repurchased 1.5 million shares" would answer.
    focus = question_focus("What did Acme earn per share on an adjusted basis?", ACME)
    assert {"earning", "shar"} <= set(focus.measures)
    assert question_focus("What did Acme pay per share?", ACME).phrase == "share"


def test_the_currency_converted_to_wins_over_the_one_a_figure_is_written_in() -> None:
    assert currency_wanted("That RMB 380bn plan - roughly what is it in USD?") == "USD"
    assert currency_wanted("How much is the RMB 380 billion plan?") == "CNY"
    # A specific dollar is not also the US dollar.
    assert currency_wanted("how much in NZ$?") == "NZD"
    assert currency_wanted("what was it in Hong Kong dollars?") == "HKD"
    assert currency_wanted("What was revenue?") is None


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        # Of two words for one thing, the one nearer the noun stands; months stay.
        ("What did head-office / central costs run at in H1?", "central costs"),
        ("How much cash did operations throw off in FY26?", "cash operations"),
        ("By how much did reported EBIT fall y/y in the half?", "ebit"),
        ("How much cash was on the balance sheet at year end?", "cash"),
        ("Where has Initech moved its target on Acme?", "target"),
    ],
)
def test_idioms_and_alternatives_leave_the_measure(question: str, phrase: str) -> None:
    assert question_focus(question, ACME).phrase == phrase


def test_months_and_a_leading_participle_are_no_names() -> None:
    assert names_in("What was pre-tax profit for Jan-Jun 2026?") == []
    assert names_in("Diluted EPS for the six months?") == []
    assert [m.text for m in names_in("Initech cut its target.")] == ["Initech"]
    # Two months joined by a slash are both kept: they are no alternative wording.
    from assistant.synonyms import one_alternative

    assert one_alternative("storm losses in jul/aug 2025") == "storm losses in jul/aug 2025"


def test_where_a_broker_moved_its_target_asks_a_value() -> None:
    question = "Where has Initech moved its target on Acme?"
    assert question_kinds(question, question_focus(question, ACME))


def test_a_cell_of_the_top_line_does_not_answer_a_profit_question() -> None:
    row = (
        "Full year (Millions of yen) \u2014 Net sales: 351,000; Operating profit: 41,200; "
        "Ordinary profit: 42,600; Profit attributable to owners of parent: 29,400"
    )
    cells = figure_contexts(row, ACME, frozenset(), "Consolidated Earnings Forecast")
    focus = question_focus("What's the full-year profit forecast?", ACME)
    profit = [c.figure.text for c in cells if answers(focus, c, frozenset({"FY"}))]
    assert "29,400" in profit and "351,000" not in profit
    # ... and the other way round: a profit cell is no revenue.
    top = question_focus("What is the net sales forecast?", ACME)
    assert [c.figure.text for c in cells if answers(top, c)] == ["351,000"]
    # A question naming both measures leaves the choice to the other checks.
    from assistant.synonyms import other_measure

    both = question_focus("How much did net income jump though revenue missed?", ACME)
    assert not other_measure(both.measures, frozenset({"net", "incom"}))
    assert other_measure(focus.measures, frozenset({"net", "sal"}))


def test_a_measure_the_question_rules_out_is_not_asked() -> None:
    focus = question_focus("What adjusted EBITDA (not EBITA) did Acme make in H1?", ACME)
    assert "ebita" not in focus.measures and "ebitda" in focus.measures
    assert "ebita" not in question_focus("EBITDA, not EBITA, in H1?", ACME).measures


def test_a_half_named_by_its_month_is_some_half_not_the_year() -> None:
    asked = frozenset(periods("What EBITDA did Acme make in the December half of FY26?"))
    assert "H*" in asked
    assert not periods_fit(asked, frozenset({"FY2026", "2026"}), frozenset())
    assert periods_fit(frozenset(periods("the June half")), frozenset({"H1", "2026"}), frozenset())


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        (
            "What were sales and operating profit in the jul-sep quarter?",
            [
                "What were sales in the jul-sep quarter?",
                "What were operating profit in the jul-sep quarter?",
            ],
        ),
        (
            "What were revenue and EBITDA in FY26?",
            ["What were revenue in FY26?", "What were EBITDA in FY26?"],
        ),
        # An amount and a multiple of it are two measures too.
        (
            "Where did net debt and leverage end the half?",
            ["Where did net debt end the half?", "Where did leverage end the half?"],
        ),
        # One measure's words stay one question.
        (
            "What were research and development costs?",
            ["What were research and development costs?"],
        ),
    ],
)
def test_two_measures_of_different_kinds_are_two_parts(question: str, texts: list[str]) -> None:
    assert [p.text for p in question_parts(question, ACME)] == texts


def test_a_fiscal_year_written_with_a_space_or_as_its_year_end() -> None:
    assert periods("capex for FY 26") == {"FY2026", "2026"}
    assert periods("leverage at FYE 2026") == {"FY2026", "2026"}
    assert periods("inventory at end-Sept") == {"Em09"}


def test_a_quarter_named_by_its_months_is_the_quarter_ending_in_the_second() -> None:
    assert periods("the jul-sep quarter") == {"Q*", "Qm09"}
    assert periods("the October to December quarter") == {"Q*", "Qm12"}


def test_a_forecast_does_not_answer_what_happened() -> None:
    guidance = "Underlying operating profit is expected to be £640-710mn."
    made = question_focus("How much underlying operating profit did Acme make?", ACME)
    expected = question_focus("What underlying operating profit does Acme expect?", ACME)
    assert not answers(made, _context(guidance, "£640-710mn"))
    assert answers(expected, _context(guidance, "£640-710mn"))
    actual = "Underlying operating profit was £688mn, up 2.9%."
    assert answers(made, _context(actual, "£688mn"))


def test_expectations_compared_with_or_in_another_clause_are_no_forecast() -> None:
    made = question_focus("How much did Acme's first-quarter sales rise?", ACME)
    sentence = "Acme's first-quarter sales were up 2.3%, in line with what had been expected."
    assert answers(made, _context(sentence, "2.3%"), frozenset({"Q1"}))
    # A forecast word in another clause of the sentence says nothing of this figure.
    other = "Globex reported a 14.2% drop in first-half sales and scrapped its medium-term targets."
    rival = question_focus("How badly did Globex's sales fall in its first half?", ACME)
    assert answers(rival, _context(other, "14.2%"), frozenset({"H1"}))


def test_the_cause_of_a_move_is_not_its_measure() -> None:
    question = (
        "core profitability - how much did adj EBITA fall with all the instant-commerce spend?"
    )
    assert question_focus(question, ACME).phrase == "core profitability adjusted ebita"
    # "with" a qualifier (no determiner) stays: "with fuel" is what the sales include.
    assert "fuel" in question_focus("Did sales grow with fuel?", ACME).phrase


def test_reporting_terms_in_other_words_and_spellings_answer() -> None:
    orders = _context("Metering was the standout, with orders up 13% to $412.8 million.", "13%")
    asked = question_parts("By how much did Metering order intake rise in Q2?", ACME)[0]
    assert answers(asked.focus, orders, frozenset({"Q2"}))
    # "added back" says how the figure is used in a reconciliation, not what it measures;
    # "amortisation" and "amortization" are one word.
    row = _context("Amortization of acquired intangible assets ($m) — FY26: 51.4", "51.4")
    added = "how much amortisation of acquired intangibles was added back in FY26?"
    assert answers(question_parts(added, ACME)[0].focus, row)
    assert not answers(question_parts("how much depreciation was added back?", ACME)[0].focus, row)


def test_a_figure_counted_across_two_things_is_neither_ones_alone() -> None:
    both = _context(
        "Across ferries and aircraft Acme carried 4.31 million passengers.", "4.31 million"
    )
    ferries = question_focus("How many passengers did the ferries carry?", ACME)
    assert not answers(ferries, both)
    assert answers(question_focus("How many passengers did Acme carry?", ACME), both)
    alone = _context("Ferries carried 2.57 million passengers.", "2.57 million")
    assert answers(ferries, alone)
    # ... unless the question asks the figure of both ("in total across").
    asked = "How many passengers did Acme carry in total across its ferries and aircraft?"
    assert answers(question_focus(asked, ACME), both)


def test_market_capitalisation_is_not_a_market_to_capitalise_on() -> None:
    ctx = _context(
        "Acme is placed to capitalize on the $1.8 trillion AI market by 2030.", "$1.8 trillion"
    )
    assert not answers(question_focus("What is Acme's market capitalisation?", ACME), ctx)
    row = _context("Market capitalization ($bn) — 2026: 310", "310")
    assert answers(question_focus("What is Acme's market capitalisation in 2026?", ACME), row)


def test_a_segment_typed_in_lower_case_is_found_in_its_capitalised_name() -> None:
    # "the controls division" is the "Building Controls" division, not a sentence that says
    # "controls" in lower case of something else.
    focus = question_focus("How much did the controls division grow its revenue?", ACME)
    segment = _context("The Building Controls division grew revenue 10.7% to €386m.", "10.7%")
    group = _context(
        "Group revenue rose 0.4% to €1.37bn, helped by the purchase of a controls maker.", "0.4%"
    )
    assert stem_match(focus, segment) >= stem_match(focus, group)
    assert stem_match(focus, segment) > stem_match(
        focus, _context("The division grew revenue 10.7% to €386m.", "10.7%")
    )


def test_where_the_shares_ended_asks_a_price() -> None:
    from assistant.value_questions import question_kinds

    for asked in ("Where did the shares end up?", "Where did Acme's stock close?"):
        kinds = question_kinds(asked, question_focus(asked, ACME))
        assert "money" in kinds and "number" not in kinds, asked
    # How many shares is a count; how the shares did, a move.
    asked = "How many shares did Acme repurchase?"
    assert "number" in question_kinds(asked, question_focus(asked, ACME))


def _passage(text: str, section: str = "") -> Hit:
    passage = Passage(
        "p", "results", "results", "source", "Acme Q2 update", "", section, 0, 0, 0, text
    )
    return Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=0, bm25_rank=0)


def test_sales_without_a_business_are_read_from_the_row_of_the_rest() -> None:
    table = (
        "Grocery \u2014 YoY: 4.1%; $m: 655\nAcme \u2014 YoY: 2.6%; $m: 692\n"
        "Roadrunner \u2014 YoY: (1.3)%; $m: 98\nTotal \u2014 YoY: 2.3%; $m: 790"
    )
    found = [
        _passage(
            "Acme's second-quarter sales rose 2.3% to $790 million. Its Roadrunner chain slipped."
        ),
        _passage(table, "Sales Q2"),
    ]

    def first(question: str) -> EvidenceSentence:
        embedder = FakeEmbedder()
        vector = embedder.embed_query(question)
        evidence = select_evidence(
            question, found, vector, SentenceEmbeddings(embedder), 4, subject=ACME
        )
        return evidence.sentences[0]

    # The rest of the business is the row of the subject's own name, not a part of it.
    assert "692" in first("How much were sales excluding Roadrunner, in $m?").answering
    assert "2.6%" in first("How much did Acme's sales ex Roadrunner grow in Q2?").answering
    # Asked of the whole, the group's figure answers.
    assert "$790 million" in first("How much were Acme's sales in the second quarter?").answering


def test_give_me_a_measure_asks_its_amount_like_what_was() -> None:
    assert (
        asked_kinds("Give me H1 sales")
        == asked_kinds("What were H1 sales?")
        == {
            "money",
            "number",
        }
    )
    assert asked_kinds("tell me the capex for 2026") == {"money", "number"}
    assert "money" not in asked_kinds("tell me the sales growth rate")


def test_a_total_asked_is_read_from_the_total_row_not_the_others() -> None:
    table = (
        "Lindmark \u2014 Q3 2026 (million): 12.9\nOther ports \u2014 Q3 2026 (million): 3.8\n"
        "All ports \u2014 Q3 2026 (million): 29.7"
    )
    found = [_passage(table, "Passengers by port")]
    question = "how many passengers did the ports handle in total in Q3?"
    embedder = FakeEmbedder()
    vector = embedder.embed_query(question)
    evidence = select_evidence(
        question, found, vector, SentenceEmbeddings(embedder), 4, subject=ACME
    )
    assert evidence.sentences[0].text.startswith("All ports")
