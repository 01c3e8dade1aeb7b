"""Made-up passages for the fifty-fourth round's rules: a move asked in money is the amount
moved, not the level reached, and "in yen and in percent" asks both; "It" opening a sentence
is the name that opened the one before; a row that leaves out what is asked ("exc. fuel")
does not answer it; "the two figures" states no figure; a bracketed
"(unchanged)" keeps a forecast; an earlier period's value is no conflict in the audit, nor
another value beside this year's; plain words for basic EPS and the cost of deposits."""

from __future__ import annotations

from assistant.figures import find_figures


def test_a_bare_move_after_a_word_break_reads_the_whole_clause_before_it() -> None:
    from assistant.other_measures import _clause_of

    said = "Acme's revenue rose 3% while net interest income was $2.3 billion but up 6.1%."
    clause = _clause_of(said, find_figures(said)[-1])
    assert clause.lstrip().startswith("net interest income"), clause
    said = "Acme's revenue rose 3%, net interest income was $2.3 billion, up 6.1%."
    assert _clause_of(said, find_figures(said)[-1]).lstrip().startswith("net interest income")


def test_a_period_said_before_each_of_two_measures_is_said_once_in_each_piece() -> None:
    from assistant.question_pieces import each_measure

    assert each_measure("What were 2Q sales and 2Q operating margin?") == [
        "What were 2Q sales?",
        "What were 2Q operating margin?",
    ]
    assert each_measure("What were Q2 sales and Q2 operating profit?")[1] == (
        "What were Q2 operating profit?"
    )
    assert each_measure("What were orders and the book-to-bill ratio in Q3?")[1] == (
        "What were the book-to-bill ratio in Q3?"
    )


def test_a_name_of_one_measure_to_another_is_the_ratio_asked() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "Orders grew 8% to $1,184.0 million, and book-to-bill was 1.05."
    assert fit_figures("What was Acme's book-to-bill ratio?", said, ACME) == {"1.05"}
    said = "Acme's loan-to-deposit ratio was 84.2% at year end."
    assert fit_figures("What was the loan-to-deposit ratio?", said, ACME) == {"84.2%"}
    # (a different pair named is no answer)
    said = "Acme's debt-to-equity was 0.84 at year end."
    assert fit_figures("What was Acme's book-to-bill ratio?", said, ACME) == set()


def test_a_move_asked_in_two_units_is_two_figures() -> None:
    from assistant.question_pieces import each_unit

    asked = "By how much did operating profit rise, in yen and in percent?"
    assert each_unit(asked) == [
        "By how much did operating profit rise, in yen?",
        "By how much did operating profit rise, in percent?",
    ]
    assert each_unit("How much did sales grow, in percentage terms and in dollars?") == [
        "How much did sales grow, in percentage terms?",
        "How much did sales grow, in dollars?",
    ]
    # (two currencies, or one unit, are no such pair)
    assert each_unit("How much did sales grow in dollars and euros?") == [
        "How much did sales grow in dollars and euros?"
    ]
    assert each_unit("What were sales in yen?") == ["What were sales in yen?"]


def test_a_move_asked_in_money_is_the_amount_moved_not_the_level_reached() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    asked = "By how much did Acme's operating profit increase, in euros?"
    said = "Acme's operating profit rose 23% to €19.3 billion."
    assert "€19.3 billion" not in fit_figures(asked, said, ACME)
    said = "Acme's operating profit rose by €3.6 billion, from €15.7 billion to €19.3 billion."
    assert fit_figures(asked, said, ACME) == {"€3.6 billion"}
    assert fit_figures("By how much did Acme's operating profit increase?", said, ACME) == {
        "€3.6 billion"
    }
    said = "Acme's operating profit rose €3.6 billion to €19.3 billion."
    assert fit_figures(asked, said, ACME) == {"€3.6 billion"}
    # (the level is still the answer where the level is asked)
    asked = "What was Acme's operating profit in euros?"
    assert "€19.3 billion" in fit_figures(asked, said, ACME)


def test_earnings_per_share_before_adjustments_is_the_basic_figure() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "Basic earnings per share were €0.55 and adjusted earnings per share were €0.74."
    assert fit_figures("What was Acme's EPS before adjustments?", said, ACME) == {"€0.55"}
    asked = "What were Acme's earnings per share before adjustments?"
    assert fit_figures(asked, said, ACME) == {"€0.55"}
    from assistant.synonyms import plain_terms

    assert "basic earnings per share" in plain_terms(
        "What did Acme earn per share before adjustments?"
    )


def test_a_price_asked_is_no_rate() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "Acme has hedged 78% of its fourth-quarter fuel at an average of US$715 per tonne."
    asked = "At what average price is Acme's fourth-quarter fuel hedged?"
    assert fit_figures(asked, said, ACME) == {"US$715"}
    assert fit_figures("How much of its fuel has Acme hedged?", said, ACME) == {"78%"}
    # (the price's move is a rate)
    said = "Acme shares fell 7% to $12.40 after the results."
    assert fit_figures("How did the Acme share price react?", said, ACME) == {"7%"}


def test_a_bracketed_unchanged_keeps_a_forecast_not_the_outcome() -> None:
    from assistant.stated_moves import kept_instead

    said = ["Capital expenditure of around €95 million (unchanged)"]
    assert (
        kept_instead("How much did capital expenditure rise compared with H1 2030?", said) is None
    )
    asked = "Why did Acme raise the capital expenditure it expects for the year?"
    assert kept_instead(asked, said) == said[0]
    said = ["Interim dividend unchanged at €0.25 per share"]
    assert kept_instead("Why did Acme raise its interim dividend?", said) == said[0]


def test_names_each_with_its_own_for_are_asked_apart() -> None:
    from assistant.entities import Subject
    from assistant.question import question_parts

    acme = Subject("Acme", ("Acme Group",))
    known = frozenset({"Home Goods", "Clothing", "Pumps"})

    def owners(question: str) -> list[list[str]]:
        return [sorted(p.focus.subjects) for p in question_parts(question, acme, known)]

    asked = "What were the sales changes for Home Goods and for Clothing respectively?"
    assert owners(asked) == [["home goods"], ["clothing"]]
    assert owners("How did sales change at Pumps and at Clothing?") == [["pumps"], ["clothing"]]
    # (names joined without a word of their own may be one name: "Home Goods and Clothing")
    assert len(owners("What were the sales changes for Home Goods and Clothing?")) == 1


def test_it_opening_a_sentence_is_the_name_that_opened_the_one_before() -> None:
    from tests.unit.test_evidence import ask

    text = (
        "Acme Group deliveries were 604,800 vehicles in the first half.\n\n"
        "Globex reported last month that its first-half revenue rose 17% to CNY 172.9 billion. "
        "It delivered 1.13 million vehicles in the first six months of the year."
    )

    def quoted(question: str) -> list[str]:
        return [s.text for s in ask(question, text).sentences]

    assert quoted("How many vehicles did the group deliver in the first half?") == [
        "Acme Group deliveries were 604,800 vehicles in the first half."
    ]
    assert quoted("How many vehicles did Globex deliver in the first half?") == [
        "It delivered 1.13 million vehicles in the first six months of the year."
    ]
    # ("It" after the subject's own sentence is the subject)
    text = "Acme reported its results. It delivered 604,800 vehicles in the first half."
    got = [s.text for s in ask("How many vehicles did Acme deliver?", text).sentences]
    assert got == ["It delivered 604,800 vehicles in the first half."]


def test_what_a_bank_paid_on_its_deposits_is_its_cost_of_deposits() -> None:
    from assistant.synonyms import measures_described

    asked = "What did Acme pay on its deposits on average in the third quarter?"
    assert measures_described(asked) == "what is Acme's cost of deposits in the third quarter?"
    assert (
        measures_described("What did Acme pay in dividends?") == "What did Acme pay in dividends?"
    )


def test_an_earlier_periods_value_in_a_source_is_no_conflict() -> None:
    from assistant.audit import CONFLICTING, SUPPORTED
    from tests.unit.test_audit import audit, doc

    def verdict(article: str, source: str) -> tuple[str, str]:
        (record,) = audit(article, doc("source-1", source)).records
        return record.verdict, record.note

    article = "Acme made EBIT of €1,238 million in the first half of 2030 [1]."
    source = "Acme EBIT was €1,238 million in H1 2030. In H1 2029 Acme EBIT was €1,407 million."
    assert verdict(article, source)[0] == SUPPORTED
    source = "EBIT (€m) — H1 2030: 1,238; H1 2029: 1,407"
    assert verdict(article, source)[0] == SUPPORTED
    article = "Acme's EBIT fell to €1,238 million [1]."
    source = "Acme's EBIT fell to €1,238 million from €1,407 million a year earlier."
    assert verdict(article, source)[0] == SUPPORTED
    # (the same period's other value still conflicts)
    article = "Acme made EBIT of €1,238 million in the first half of 2030 [1]."
    source = "Acme EBIT was €1,283 million in H1 2030."
    assert verdict(article, source) == (CONFLICTING, "source-1 gives €1,283 million")


def test_a_currency_equivalent_asks_the_amount_in_that_currency() -> None:
    from assistant.units import currency_wanted

    asked = "And what was the dollar equivalent of that RMB 380 billion plan?"
    assert currency_wanted(asked) == "USD"
    assert currency_wanted("What was the dollar value of the RMB 380 billion plan?") == "USD"
    assert currency_wanted("What was the RMB amount of the plan?") == "CNY"


def test_a_premise_corrected_with_its_own_clauses_later_value() -> None:
    from assistant.premise import check_premise
    from tests.unit.test_evidence import ACME

    said = (
        "Acme said orders in the division rose 27% to €71.3 billion in the half, and the order "
        "backlog reached €88.5 billion at the end of September, up from €79.2 billion at the "
        "end of March."
    )
    issue = check_premise("Why did the Acme order backlog shrink to €79.2 billion?", [said], ACME)
    assert issue is not None
    assert (
        issue.correction == "The sources say it rose to €88.5 billion from €79.2 billion, not fell"
    )
    said = (
        "Acme set aside $41.9 million for credit losses in the quarter, up from $33.8 million "
        "in the second quarter and $26.5 million a year earlier."
    )
    asked = "With the Acme provision down to $26.5 million this quarter, is credit getting better?"
    issue = check_premise(asked, [said], ACME)
    assert issue is not None
    assert (
        issue.correction == "The sources say it rose to $41.9 million from $26.5 million, not fell"
    )


def test_a_row_that_leaves_out_what_is_asked_does_not_answer_it() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    row = "Like-for-like sales (exc. fuel) — 2029/30 Q1: 3.8%; 2030/31 Q1: 1.7%"
    assert fit_figures("How much did Acme's fuel sales grow in Q1?", row, ACME) == set()
    asked = "How much did Acme's like-for-like sales excluding fuel grow in Q1?"
    assert "1.7%" in fit_figures(asked, row, ACME)
    assert "1.7%" in fit_figures("How much did Acme's like-for-like sales grow in Q1?", row, ACME)


def test_last_years_row_is_no_other_value_of_an_undated_sentence_this_year_holds() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ACME, ask

    text = (
        "Acme's ordinary profit increased 19.4% to 20,386 million yen in the half.\n\n"
        "Six months ended September 30, 2031 \u2014 Ordinary profit: 20,386 million yen\n\n"
        "Six months ended September 30, 2030 \u2014 Ordinary profit: 17,074 million yen"
    )
    asked = "What was Acme's ordinary profit in H1?"
    evidence = ask(asked, text, "Half-year results")
    prose, old = (
        next(s for s in evidence.sentences if key in s.text) for key in ("increased", "2030")
    )
    assert _value_news(QuoteReader(evidence, asked, ACME), [(1, prose, "p")], old) == "apart"


def test_the_two_figures_asked_for_is_no_figure_the_question_states() -> None:
    from assistant.premise import check_premise
    from assistant.stated_figures import stated_figures
    from tests.unit.test_evidence import ACME

    asked = "How fast did Acme's revenue grow in H1, and what were the two figures?"
    assert stated_figures(asked) == []
    said = ["Globex's concern is that two investment cycles now overlap at Acme."]
    assert check_premise(asked, said, ACME) is None
    asked = "Which segment had the higher margin, and what were the two margins?"
    assert stated_figures(asked) == []


def test_wear_and_tear_beside_amortisation_is_depreciation() -> None:
    from assistant.synonyms import plain_terms

    asked = "How much wear-and-tear and amortisation charge does Acme expect this year?"
    assert "depreciation and amortisation charge" in plain_terms(asked)


def test_a_unit_note_leaves_out_no_figure_and_a_stated_amount_is_no_move_asked() -> None:
    from assistant.directions import asks_amount_moved
    from tests.unit.test_evidence import ACME, fit_figures

    row = (
        "Cash dividends declared per common share \u2014 3Q31: $0.31; 3Q30: $0.29 "
        "(($ millions, except per-share data))"
    )
    assert "$0.31" in fit_figures("What dividend per share did Acme declare in 3Q31?", row, ACME)
    assert asks_amount_moved("By how much did Acme's profit rise, in yen?")
    assert not asks_amount_moved("Why did Acme's net profit rise to NZ$58.7m this year?")
    assert not asks_amount_moved("How much did Acme's fuel sales grow, in £m?")  # (the level?)
    said = "Acme's reported net profit rose to NZ$58.7 million."
    asked = "Why did Acme's net profit rise to NZ$58.7m this year?"
    assert "NZ$58.7 million" in fit_figures(asked, said, ACME)
