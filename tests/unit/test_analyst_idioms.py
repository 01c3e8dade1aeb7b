"""Analysts' idioms read as the words documents print ("retiring stock", "cost cutting",
"yr-ago"), and a year-ago figure asked of a sentence that gives both years. Made-up text."""

from __future__ import annotations

from assistant.direct import answer_figure, figure_lead
from assistant.directions import moved_by
from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.focus import question_focus
from assistant.followups import resolve_followup
from assistant.measures import figure_contexts
from assistant.prior_year import asks_prior_year
from assistant.question import question_parts, recase
from assistant.stem_match import stem_match
from assistant.synonyms import plain_terms, same_measure
from assistant.text import stem

ACME = Subject("Acme", ())
SAID = (
    "Free cash flow in the latest quarter was RMB 3,743 million, against RMB 15,361 million "
    "in the same quarter of 2024."
)


def test_idioms_become_the_words_documents_print() -> None:
    assert "repurchasing shares" in plain_terms("how much did Acme spend retiring stock?")
    assert "savings" in plain_terms("how big is the new cost cutting plan?")
    assert stem("programme") in same_measure(stem("plan"))


def test_yr_ago_asks_the_year_before_alone_or_in_a_follow_up() -> None:
    assert asks_prior_year("and the yr-ago comp?")
    assert asks_prior_year("capex last yr?")
    resolved = resolve_followup("and the yr-ago comp?", ["what was Acme's FCF last quarter?"])
    assert resolved.endswith("a year earlier?"), resolved


def test_that_after_a_named_segment_is_the_segments_measure() -> None:
    history = ["grocery sales in £m for the 16 wks to 20 june?", "Globex sales in £m for Q1?"]
    resolved = resolve_followup("what was that in Q2 of FY25/26?", history)
    assert resolved == "what was Globex's sales in Q2 of FY25/26?"


def test_a_year_ago_is_the_figure_the_sentence_compares_with() -> None:
    kinds = frozenset({"money"})
    both = frozenset({"RMB 3,743 million", "RMB 15,361 million"})
    now = answer_figure(SAID, "What was free cash flow last quarter?", kinds, None, None, both)
    then = answer_figure(
        SAID, "What was free cash flow last quarter a year earlier?", kinds, None, None, both
    )
    assert now is not None and now.text == "RMB 3,743 million"
    assert then is not None and then.text == "RMB 15,361 million"


def test_a_ticker_typed_for_the_subject_is_its_name() -> None:
    acme = Subject("Fernsby", ("Fernsby's",))
    known = frozenset({"microsoft", "zentro", "fernsby's bank"})
    assert recase("fnby q1 LFL ex-fuel?", acme, known) == "Fernsby q1 LFL ex-fuel?"
    # Other organisations' short forms are left as typed, and so are reporting terms,
    # shorthand, English words and a word of the name itself.
    for typed in ("msft share?", "what was NIM in Q3?", "fwd yield?", "what was the margin?"):
        assert recase(typed, acme, known) == typed
    ship = Subject("Orvia Star", ())
    assert recase("is Orvia late?", ship, frozenset()) == "is Orvia late?"


def test_the_value_before_a_move_is_asked_of_the_last_question() -> None:
    resolved = resolve_followup("what was it before they cut it?", ["what's the PT on Acme?"])
    assert resolved == "what's the previous PT on Acme?"
    assert "price target" in plain_terms("what's the PT on Acme?")
    row = "Price target: EUR 9.80 (previous: EUR 12.10)"
    money = frozenset({"money"})
    found = frozenset({"EUR 9.80"})  # what the evidence found to answer
    old = answer_figure(row, "what's the previous price target?", money, None, None, found)
    assert old is not None and old.text == "EUR 12.10"


def test_a_direction_word_another_figure_took_says_nothing_of_this_one() -> None:
    said = "The Group carried 7.84 million passengers, up 5.2%, and the load factor was 85.9%."
    leads = {f.text: figure_lead(said, f) for f in find_figures(said)}
    assert leads["5.2%"] == "Up 5.2%" and leads["85.9%"] == "85.9%"
    # ... but a figure joined to the last one by "and" shares its verb.
    cut = "We cut our EPS estimates by 12% for 2029E and 6% for 2030E."
    assert all(moved_by(cut, f) for f in find_figures(cut) if f.kind == "percent")


def test_shorthand_spells_no_name_and_a_balance_sheet_date_is_a_period() -> None:
    known = frozenset({"birchwood partners"})
    typed = "by how many bps did the margin widen?"
    assert recase(typed, Subject("Acme", ()), known) == typed
    assert "half-year end" in plain_terms("equity ratio at the half-year balance sheet date?")


def test_of_two_month_end_columns_the_later_answers() -> None:
    row = "Equity ratio (%) \u2014 As of March 31, 2026: 58.9; As of September 30, 2026: 59.6"
    got = answer_figure(row, "equity ratio at the half-year end?", frozenset({"percent"}), None)
    assert got is not None and got.text == "59.6"


def test_the_noun_before_how_it_did_is_the_measure_and_a_time_of_its_own_is_kept() -> None:
    (part,) = question_parts("how did Zentro volumes do last quarter?", Subject("Acme", ()))
    assert stem("volumes") in part.focus.measures
    resolved = resolve_followup(
        "and how much of next year's fuel have they hedged?",
        ["how much did Acme spend on fuel in the third quarter?"],
    )
    assert "third quarter" not in resolved and "Acme" in resolved


def test_chip_shorthand_is_the_semiconductor_business() -> None:
    assert "semiconductor backlog" in plain_terms("acme semi backlog end-sept?")
    assert stem("semiconductor") in same_measure(stem("chip"))
    sentence = "Semiconductor orders rose 27% to ¥71.3 billion and the backlog was ¥88.5 billion."
    got = answer_figure(sentence, "chip orders in the half?", frozenset({"money"}), "JPY")
    assert got is not None and got.text == "¥71.3 billion"


def test_an_interest_bill_is_finance_costs_and_km_kilometres() -> None:
    assert "net finance costs" in plain_terms("What did Acme's net interest bill come to?")
    assert "available seat kilometres" in plain_terms("capacity in available seat km?")


def test_on_its_own_is_alone_not_an_owners() -> None:
    resolved = resolve_followup(
        "and general merch on its own, excluding clothing?", ["how did Zu do in q1?"]
    )
    assert resolved == "general merch alone, excluding clothing in q1?", resolved
    # A follow-up with a pronoun still takes the last question's owner.
    got = resolve_followup("and what were its sales?", ["how did Zu do in q1?"])
    assert "Zu's sales" in got, got


def test_how_full_the_planes_were_is_the_load_factor() -> None:
    assert "load factor of its planes" in plain_terms("and how full were its planes?")
    assert "load factor" not in plain_terms("how full is the order book?")


def test_how_punctual_or_profitable_a_business_was_is_its_measure_of_that() -> None:
    assert plain_terms("How punctual was Coastal Air in FY26?") == (
        "what was Coastal Air's on-time performance in FY26?"
    )
    assert plain_terms("How profitable was the airline?") == "what was the airline's margin?"
    assert plain_terms("how profitable is it?") == "what was its margin?"
    assert "margin" not in plain_terms("How profitable could the new route be for them?")


def test_a_business_described_in_the_question_owns_the_figure_not_its_measure() -> None:
    from assistant.antecedents import as_owner, described_owners
    from assistant.matching import question_focus

    owners = described_owners("What was the airline's margin?")
    assert owners == {stem("airline")}
    assert not described_owners("What was the company's margin?")
    focus = as_owner(question_focus("What was the airline's margin?", None), owners)
    assert set(focus.measures) == {stem("margin")} and focus.phrase == "margin"


def test_what_a_business_brought_in_or_made_is_an_amount() -> None:
    from assistant.cues import asked_kinds

    questions = ("What did ancillaries bring in in Q3?", "What did Acme make at the EBIT line?")
    for question in questions:
        assert "money" in asked_kinds(plain_terms(question)), question
    assert "had the unit generated" in plain_terms("How much had the unit brought in by June?")


def test_what_was_asks_what_happened_unless_it_asks_what_was_expected() -> None:
    from assistant.matching import question_focus
    from assistant.plan_cues import forecast_for_actual

    near = "Free cash flow \u2014 Guidance: $600 million to $640 million"
    for question, blocked in (
        ("What was full-year free cash flow?", True),
        ("What was the free cash flow guidance?", False),
        ("What was the consensus for free cash flow?", False),
        ("What were analysts pencilling in for free cash flow?", False),
    ):
        words = question_focus(question).words
        assert forecast_for_actual(words, near) is blocked, question


BOUGHT = (
    "Acme raised its quarterly dividend to $0.30 a share and bought back $90 million of stock "
    "in the quarter."
)


def test_buying_back_is_one_measure_the_buyback() -> None:
    from assistant.measure_words import measure_words

    assert measure_words("did they buy back any shares?") == ["buyback", "shares"]
    assert measure_words("a share buy-back") == ["share", "buyback"]
    assert measure_words("bought back $90 million of stock") == ["buyback", "stock"]
    # A repurchase asked fits the amount bought back best, not the dividend a share beside it.
    for asked in (
        "What did Acme spend on share repurchases in the quarter?",
        "How much stock did Acme buy back?",
        "How big were the buybacks?",
    ):
        focus = question_focus(asked, ACME)
        fits = {c.figure.text: stem_match(focus, c) for c in figure_contexts(BOUGHT, ACME)}
        assert max(fits, key=fits.__getitem__) == "$90 million", (asked, fits)


def test_coming_back_is_returning() -> None:
    assert "return" in plain_terms("what % of offenders didn't come back?")
    said = "About 85 per cent of identified shoplifters are not returning to the branches."
    asked = "what % of identified shoplifters didn't come back?"
    got = answer_figure(said, asked, frozenset({"percent"}), None, ACME)
    assert got is not None and got.text == "85 per cent"


def test_a_month_with_a_clipped_year_is_a_date_not_a_name() -> None:
    from assistant.periods import periods

    assert periods("savings over the three years to Mar-27") == {"2027"}
    assert periods("the Dec'25 target") == {"2025"}
    assert periods("as at Dec 25") == set()  # a day of December, maybe
    focus = question_focus("are they on track for the cost savings to Mar-27?", ACME)
    assert not focus.subjects and not focus.qualifiers and focus.periods == {"2027"}


def test_words_glossing_an_acronym_give_way_to_it() -> None:
    from assistant.abbreviations import without_gloss
    from assistant.matching import answers

    focus = question_focus("premium own-label (STS) sales growth in q1?", ACME)
    assert focus.measures == {stem("sts"), stem("sales")}
    said = "Customers buying Savour the Season drove strong growth, with sales up 8 per cent."
    (ctx,) = figure_contexts(said, ACME)
    assert answers(question_focus("premium own-label (STS) sales growth?", ACME), ctx)
    # The owner before the gloss is no part of it.
    assert without_gloss("Globex's premium label (STS) sales").startswith("Globex's ")
    # Words that spell the acronym are its own; a currency or a place in brackets glosses
    # nothing.
    for kept in ("the net interest margin (NIM) in Q2", "revenue (USD) in Q2", "sales (UK)"):
        assert without_gloss(kept) == kept


def test_a_level_a_company_intends_to_reach_is_not_where_it_ended() -> None:
    from assistant.matching import question_focus
    from assistant.plan_cues import forecast_for_actual

    words = question_focus("Where did the CET1 ratio end the quarter?").words
    assert forecast_for_actual(words, "we intend to run CET1 toward about 10.2% over time")
    assert forecast_for_actual(words, "Acme aims for a payout of 40% of earnings")
    assert not forecast_for_actual(words, "Acme ended the quarter with a CET1 ratio of 11.1%")
    aiming = question_focus("What CET1 ratio is Acme aiming for?").words
    assert not forecast_for_actual(aiming, "we intend to run CET1 toward about 10.2%")


def test_a_quoted_title_names_a_document_and_put_out_is_publish() -> None:
    from assistant.matching import question_focus
    from assistant.synonyms import plain_terms

    asked = "when did Initech put out that 'buy the dip or sell the rally' note?"
    assert "publish" in plain_terms(asked)
    assert not {"buy", "dip", "sell", "ralli", "rally"} & set(question_focus(asked).measures)
    # Two words between quotes may be a measure's own name.
    assert "ebita" in question_focus("what's Acme's 'adjusted EBITA'?").measures


def test_a_contract_win_is_an_award() -> None:
    from assistant.synonyms import same_measure
    from assistant.text import stem

    assert stem("award") in same_measure(stem("win"))
    assert stem("contract") in same_measure(stem("award"))


def test_what_took_a_hit_is_the_measure_not_what_dealt_it() -> None:
    from assistant.matching import question_focus
    from assistant.text import stem

    focus = question_focus("how badly did the capex burn dent Initech's free cash flow?")
    assert {"free", "cash", "flow"} <= set(focus.measures)
    assert not {"capex", "burn"} & set(focus.measures)
    # "that" is the claim before it, which the question still asks about.
    claim = "Initech cut prices 50% - how much did that hit margins?"
    assert stem("prices") in question_focus(claim).measures
    # Cash handed back through a buyback is the buyback.
    returned = question_focus("did Initech hand any cash back through buybacks?").measures
    assert set(returned) == {stem("buybacks")}
    # Without a measure after the verb, the question is read whole.
    assert stem("tariffs") in question_focus("how hard did tariffs hit?").measures


def test_boats_and_planes_are_ferries_and_aircraft() -> None:
    assert stem("ferries") in same_measure(stem("boats"))
    # A vessel is a ship, not the ferry business: "Nine vessels" answers no ferry question.
    assert stem("vessels") not in same_measure(stem("ferries"))
    assert stem("aircraft") in same_measure(stem("planes"))
