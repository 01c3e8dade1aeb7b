"""Whose words a figure's clause holds, what no figure of another period or kind contradicts,
spans of time that count nothing asked, and firms named by a generic last word. Made-up
text; no model is loaded."""

from __future__ import annotations

from dataclasses import replace

from assistant.chunking import Passage
from assistant.direct import answer_figure
from assistant.earlier_values import unasked_year_ago
from assistant.evidence import Evidence, EvidenceSentence, SentenceEmbeddings
from assistant.figure_periods import periods_at
from assistant.figures import find_figures
from assistant.heads import counts_time_unasked, opens_next_clause
from assistant.heard_sources import sources_heard
from assistant.matching import question_focus
from assistant.measures import figure_contexts
from assistant.periods import narrower, part_of_year, periods
from assistant.plan_cues import states_forecast
from assistant.portions import portion_unasked
from assistant.question import question_parts
from assistant.question_pieces import each_basis, each_measure
from assistant.quotes import pick_quotes
from assistant.ratio_fit import keeps_ratio
from assistant.retrieval import Hit
from assistant.section_owners import labelled_owner
from assistant.synonyms import other_basis, plain_terms
from assistant.text import stem
from tests.unit.test_evidence import ACME, fit_figures

NUMBER = frozenset({"number", "money", "percent"})
EPS = "Basic earnings per share were €0.61 and adjusted earnings per share were €0.83."


def _figure(text: str, written: str):
    return next(f for f in find_figures(text) if f.text == written)


def test_the_words_after_and_with_their_own_verb_are_the_next_figures() -> None:
    basic, adjusted = find_figures(EPS)
    assert opens_next_clause(EPS, basic, adjusted.start)
    clauses = {c.figure.text: c.clause for c in figure_contexts(EPS, ACME)}
    assert "adjusted" not in clauses["€0.61"]
    assert "adjusted" in clauses["€0.83"]
    assert fit_figures("What were Acme's adjusted earnings per share?", EPS, ACME) == {"€0.83"}
    assert fit_figures("What were Acme's basic earnings per share?", EPS, ACME) == {"€0.61"}


def test_a_figure_joined_by_and_alone_keeps_the_words_after_it() -> None:
    # "... €0.61 and €0.83 before adjustments": no verb of its own, so one clause.
    text = "Earnings per share were €0.61 and €0.83 before adjustments."
    first, second = find_figures(text)
    assert not opens_next_clause(text, first, second.start)


LOANS = (
    "Nonperforming loans were $312.4 million, or 0.83% of total loans, compared with "
    "$290.1 million, or 0.77%, at June 30, 2031."
)


def test_an_amount_is_no_portion_for_the_rate_after_its_comma() -> None:
    amount = next(c for c in figure_contexts(LOANS, ACME) if c.figure.text == "$312.4 million")
    rate = next(c for c in figure_contexts(LOANS, ACME) if c.figure.text == "0.83%")
    measures = frozenset({"nonperform", "loan"})
    assert not portion_unasked("What were nonperforming loans?", measures, amount)
    assert portion_unasked("What were nonperforming loans?", measures, rate)
    assert "$312.4 million" in fit_figures("What were Acme's nonperforming loans?", LOANS, ACME)


RATIO = "The cost ratio rose to 61.2% from 59.8% at the end of June and 58.1% a year before."


def test_a_year_agos_figure_answers_only_an_earlier_value_asked() -> None:
    ago = _figure(RATIO, "58.1%").start
    assert unasked_year_ago(RATIO, False, frozenset({"Q?"})) == {ago}
    assert unasked_year_ago(RATIO, True, frozenset()) == set()  # "... a year earlier?"
    assert unasked_year_ago(RATIO, False, frozenset({"2030"})) == set()  # a year named
    # A portion not asked leaves its year-ago value alone, which answers no "what were ...?"
    bad = "Bad loans were 0.83% of total loans, up from 0.61% a year earlier."
    assert not fit_figures("What were Acme's bad loans?", bad, ACME)


def _said(n: int, text: str, section: str, answering: set[str]) -> EvidenceSentence:
    """A sentence found to answer with ``answering``, from document ``n``'s ``section``."""
    passage = Passage(
        id=f"p{n}",
        doc_id=f"doc{n}",
        doc_key=f"doc{n}",
        kind="source",
        title="Acme results",
        url="",
        section=section,
        chunk=0,
        start=0,
        end=len(text),
        text=text,
    )
    hit = Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=n, bm25_rank=n)
    return EvidenceSentence(
        hit, 0, len(text), text, "", 0.7, 0.5, True, 1.0, 0, frozenset(answering)
    )


def _roles(question: str, sentences: list[EvidenceSentence], kinds: set[str]) -> list[str]:
    evidence = Evidence(sentences, question_focus(question, ACME), frozenset(kinds))
    return [role for _, _, role in pick_quotes(evidence, sentences, question, ACME, max_values=3)]


def test_a_figure_of_another_period_is_no_other_value() -> None:
    quarter = _said(0, "Adjusted EPS \u2014 Q4 FY31: $1.18; Q4 FY30: $1.03", "Results", {"$1.18"})
    # (the full year's, dated by its section)
    year = _said(
        1, "Adjusted EPS were $4.12, up 13% from $3.64.", "Fiscal 2031 highlights", {"$4.12"}
    )
    assert _roles("q4 adj eps", [quarter, year], {"money", "number"}) == ["part"]
    # ... but where the year is asked and a quarter's figure leads, the year's is kept.
    asked = "What was Acme's adjusted EPS for fiscal 2031?"
    assert _roles(asked, [quarter, year], {"money", "number"}) == ["part", "other value"]
    # Of one period, another document's value is shown beside it.
    rival = _said(1, "Adjusted EPS were $1.21 in Q4 FY31.", "Fourth quarter", {"$1.21"})
    assert _roles("q4 adj eps", [quarter, rival], {"money", "number"}) == ["part", "other value"]


def test_the_size_of_a_cut_is_no_other_value() -> None:
    row = _said(
        0,
        "Adjusted EPS (\u20ac) \u2014 H1 2031: 0.84; H1 2030: 0.96; Change: (12.5)%",
        "",
        {"0.84"},
    )
    cut = _said(1, "We cut our adjusted EPS estimates by 12% for 2031E.", "Our view", {"12%"})
    assert _roles("h1 adj eps", [row, cut], {"money", "number", "percent"}) == ["part"]


def test_a_span_of_time_counts_nothing_asked() -> None:
    text = "Units grew 2% over the 12 weeks to 21 June, and Acme launched 240 new products."
    weeks, products = (f for f in find_figures(text) if f.kind == "number")
    assert counts_time_unasked("How many new items did Acme launch?", text, weeks)
    assert not counts_time_unasked("How many new items did Acme launch?", text, products)
    assert not counts_time_unasked("How many weeks does the period cover?", text, weeks)
    assert not counts_time_unasked("What was the growth?", text, weeks)


def test_a_firms_generic_last_word_names_no_one_firm() -> None:
    note = "Globex Securities raises its target price for Acme to 5,350."
    assert not sources_heard(frozenset({"initech securities"}), note)
    assert sources_heard(frozenset({"globex securities"}), note)
    assert sources_heard(frozenset({"jane desai"}), "Desai said the target was fair.")


def test_nd_is_net_debt_and_per_share_before_adjustments_is_basic() -> None:
    assert plain_terms("nd/ebitda fy31") == "net debt/ebitda fy31"
    asked = plain_terms("and what did that come to per share before adjustments?")
    assert fit_figures(asked, EPS, ACME) == {"€0.61"}
    assert other_basis(frozenset({stem("unadjusted"), "ep"}), frozenset({stem("adjusted"), "ep"}))
    assert "2nd" in plain_terms("the 2nd half")


def test_a_month_end_asked_is_the_quarters_balance() -> None:
    sep, q3 = frozenset({"Em09"}), frozenset({"Q3"})
    assert not narrower(sep, q3) and not part_of_year(sep, q3)
    assert narrower(frozenset({"2031"}), q3) and part_of_year(frozenset({"2031"}), q3)
    text = "Net debt/EBITDA of 2.7x at end-Q3 (2.2x at FY30) should peak at 2.9x in FY31."
    assert answer_figure(text, "net debt / ebitda end sep", NUMBER, None, ACME).text == "2.7x"


def test_a_per_share_value_and_a_sum_are_apart() -> None:
    per_share = _said(0, "Acme raised its quarterly dividend to $0.31 a share.", "", {"$0.31"})
    total = _said(1, "Acme paid dividends of $152m over the year.", "", {"$152m"})
    assert _roles("new qtrly div", [per_share, total], {"money", "number"}) == ["part"]
    rival = _said(1, "The quarterly dividend is $0.29 a share.", "", {"$0.29"})
    assert _roles("new qtrly div", [per_share, rival], {"money", "number"}) == [
        "part",
        "other value",
    ]


def test_a_move_and_a_portion_are_apart() -> None:
    move = _said(0, "Acme's shares jumped 8.1% on Thursday.", "", {"8.1%"})
    portion = _said(1, "The buyback covers 1.64% of its shares outstanding.", "", {"1.64%"})
    assert _roles("How much did Acme's stock climb?", [move, portion], {"percent"}) == ["part"]


def test_two_measures_of_one_owner_and_period_are_asked_apart() -> None:
    assert each_measure("What were Initech's fourth-quarter orders and revenue?") == [
        "What were Initech's fourth-quarter orders?",
        "What were Initech's fourth-quarter revenue?",
    ]
    assert each_measure("What were Acme's Q4 revenue and EBITDA?") == [
        "What were Acme's Q4 revenue?",
        "What were Acme's Q4 EBITDA?",
    ]
    assert each_measure("What were dividends and buybacks in 2031?") == [
        "What were dividends in 2031?",
        "What were buybacks in 2031?",
    ]
    # ... and one measure of two words stays one question.
    assert each_measure("What was research and development spending?") == [
        "What was research and development spending?"
    ]
    # A second owner named: each measure keeps its own ("Globex's EPS and Initech's EBITDA").
    assert each_measure("What are globex' fy31 eps and initech's ebitda estimate?") == [
        "What are globex' fy31 eps?",
        "What are initech's ebitda estimate?",
    ]


def test_a_span_of_time_is_no_other_count() -> None:
    count = _said(0, "It had 712,000, up from 455,000 a year earlier.", "", {"455,000"})
    days = _said(1, "About 41% take a paid subscription within 60 days.", "", {"60"})
    assert _roles("How many paid subscriptions?", [count, days], {"number"}) == ["part"]
    # Two spans of time, written differently, are two values of one count.
    six = _said(0, "Sales grew for six consecutive quarters.", "", {"six"})
    seven = _said(1, "Sales grew for seven quarters in a row.", "", {"seven"})
    asked = "For how many quarters did sales grow?"
    assert _roles(asked, [six, seven], {"number"}) == ["part", "other value"]
    assert _roles(asked, [seven, six], {"number"}) == ["part", "other value"]


def test_a_measure_asked_on_two_bases_is_two_parts() -> None:
    assert each_basis("What were basic and diluted EPS in H1?") == [
        "What were basic EPS in H1?",
        "What were diluted EPS in H1?",
    ]
    assert each_basis("gaap and adj op margin q4") == ["gaap op margin q4", "adj op margin q4"]
    assert each_basis("What were the interim and final dividends?") == [
        "What were the interim and final dividends?"  # (a full year's would answer "interim")
    ]
    parts = question_parts("What were Acme's GAAP and adjusted EPS in the fourth quarter?", ACME)
    assert [p.text for p in parts] == [
        "What were Acme's GAAP EPS in the fourth quarter?",
        "What were Acme's adjusted EPS in the fourth quarter?",
    ]


def test_a_paragraph_labelled_with_a_segment_gives_no_other_value_of_the_group() -> None:
    group = _said(
        0, "Adjusted margin \u2014 H1 2031: 9.4%; H1 2030: 10.1%", "Key figures", {"9.4%"}
    )
    segment = replace(
        _said(1, "The adjusted margin improved to 15.2% (H1 2030: 14.7%).", "Segments", {"15.2%"}),
        context="**Pump Systems:** Revenue rose 11.0% to \u20ac401.5 million.",
    )
    kinds = {"percent", "points"}
    assert _roles("adj margin h1", [group, segment], kinds) == ["part"]
    # A segment's label that the question names is no other owner.
    assert _roles("pump systems adj margin h1", [segment, group], kinds)[0] == "part"
    assert labelled_owner(segment.context, segment.text, ACME) == {"pump", "system"}
    # An unlabelled paragraph's other value is still shown beside the group's.
    rival = _said(1, "The adjusted margin was 9.9% in H1 2031.", "Overview", {"9.9%"})
    assert _roles("adj margin h1", [group, rival], kinds) == ["part", "other value"]
    # A label that the sentence goes on to say labels a topic, not an owner.
    topic = "- **Dividend:** The board proposes a dividend of \u20ac0.40 a share."
    assert labelled_owner("", topic, ACME) == frozenset()


def test_a_qualified_measure_is_no_other_value_of_the_row_asked() -> None:
    row = _said(
        0, "Group orders \u2014 H1 2031: 51,200; H1 2030: 48,000; change: 6.7%", "", {"6.7%"}
    )
    hybrid = _said(1, "Hybrid orders rose 22.4% to 9,100 units.", "Orders", {"22.4%"})
    kinds = {"percent", "number"}
    assert _roles("h1 group orders yoy", [row, hybrid], kinds) == ["part"]
    # Prose names its measure too loosely to tell: another value of it is still shown.
    prose = _said(0, "Group orders rose 6.7% in the first half.", "", {"6.7%"})
    rival = _said(1, "Orders grew 5.9% in the first half.", "Orders", {"5.9%"})
    assert _roles("h1 group orders growth", [prose, rival], kinds) == ["part", "other value"]


def test_an_average_over_years_is_no_other_value_of_the_level_asked() -> None:
    now = _said(0, "Forward dividend yield (next 12 months): 4.1%", "", {"4.1%"})
    average = _said(1, "Five year average forward dividend yield: 4.5%", "", {"4.5%"})
    assert _roles("forward dividend yield", [now, average], {"percent"}) == ["part"]
    asked = "forward dividend yield vs its five year average"
    assert _roles(asked, [now, average], {"percent"}) != ["part"]


def test_an_assumption_is_a_forecast() -> None:
    assert states_forecast("What tax rate is management assuming for next year?")
    assert states_forecast("Other assumptions: a tax rate of about 23%.")
    assert not states_forecast("The tax rate was 21.4% for the full year.")


def test_a_per_share_question_takes_no_total_from_its_sentence() -> None:
    text = (
        "Net income came to $82.6 million, or $0.89 per diluted share, compared with $75.3 "
        "million, or $0.81 a share, in the second quarter of 2030."
    )
    focus = question_focus("Earnings per diluted share last quarter?", ACME)
    assert focus.per == stem("share")  # not "diluted"
    kept = {c.figure.text for c in figure_contexts(text, ACME) if keeps_ratio(focus, c)}
    assert kept == {"$0.89", "$0.81"}
    assert "$82.6 million" in fit_figures("What was Acme's net income?", text, ACME)


def test_a_measure_after_tax_is_not_answered_before_tax() -> None:
    row = "Profit before tax \u20acm \u2014 H1 2031: 64.2; H1 2030: 71.0; Change: (9.6)%"
    assert not fit_figures("How much did Acme earn after tax in H1 2031?", row, ACME)
    assert "64.2" in fit_figures("What was Acme's profit before tax in H1 2031?", row, ACME)
    assert "64.2" in fit_figures("What was Acme's pre-tax profit in H1 2031?", row, ACME)


def _fit_score(question: str, sentence: str) -> float:
    from assistant.sentence_fit import SentenceReader
    from tests.unit.test_evidence import FakeEmbedder

    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts(question, ACME)
    fit = reader.figure_fit(part, sentence, "")
    assert fit is not None
    return fit.score


def test_a_level_meant_ranks_below_the_level_reached_unless_a_plan_is_asked() -> None:
    reached = "Acme's CET1 ratio was 10.9% at the end of the quarter."
    meant = "Acme intends to run its CET1 ratio toward roughly 10.2% over time."
    assert _fit_score("cet1 ratio", meant) < _fit_score("cet1 ratio", reached)
    asked = "What CET1 ratio does Acme intend to run toward?"
    assert _fit_score(asked, meant) >= _fit_score(asked, reached)


def test_who_has_been_expecting_asks_the_consensus() -> None:
    from assistant.expectations import as_consensus

    asked = "What had analysts been expecting for first-half operating profit?"
    assert as_consensus(asked) == "What was the consensus for first-half operating profit?"
    asked = "What has the street been expecting for EPS?"
    assert as_consensus(asked) == "What was the consensus for EPS?"
    assert as_consensus("What was revenue?") == "What was revenue?"
    # A second question's expectation is its own, not the first's measure.
    asked = "What did Acme earn per share last quarter, and what had the Street expected?"
    assert as_consensus(asked).endswith(", and what was the consensus?")


def test_a_balance_as_of_a_day_is_dated_to_that_month_end() -> None:
    text = "As of 30 June 2031, Acme employed 7,420 people (31 December 2030: 7,810)."
    dated = {c.figure.text: c.periods for c in figure_contexts(text, ACME)}
    assert dated["7,420"] == {"2031", "Em06"}
    assert dated["7,810"] == {"2030", "Em12"}
    # A table's "As of" column headers date their own cells, not the paragraph after them.
    header = "| (Millions of yen) | As of March 31, 2031 | As of September 30, 2031 | Change |"
    assert periods_at(header, -1) == frozenset()
    # A day something is paid on still dates no figure.
    paid = "The dividend of 4.8p will be paid on 9 October 2031."
    assert not next(c for c in figure_contexts(paid, ACME)).periods


def test_a_component_row_is_no_other_value_of_the_total_asked() -> None:
    total = _said(
        0, "Total Retail (inc. spares) \u2014 2030/31 Q1: 2.6%; 2031/32 Q1: 4.1%", "", {"4.1%"}
    )
    part = _said(1, "Spares \u2014 2030/31 Q1: -9.2%; 2031/32 Q1: 15.3%", "", {"15.3%"})
    asked = "How did total sales growth incl. spares in Q1 2031/32 compare with a year earlier?"
    assert _roles(asked, [total, part], {"percent"}) == ["part"]


def test_a_rate_put_at_a_yearly_pace_is_no_full_years_figure() -> None:
    text = "Net charge-offs were $21.4 million, or 29 basis points annualized, up from 24 basis "
    text += "points last quarter."
    asked = "What were Acme's net charge-offs in the third quarter of 2031?"
    title = "Acme reports third quarter 2031 results"
    assert fit_figures(asked, text, ACME, title=title) & {"$21.4 million", "29 basis points"}
    assert "FY" not in periods("29 basis points annualized")
    assert "FY" in periods("annualised savings of \u20ac20 million")


def test_a_phrase_after_but_keeps_the_owner_before_it() -> None:
    text = "Acme runs a 3.4% margin, while Initech earns 3.6% but at an efficiency ratio of 62.5%."
    owners = {c.figure.text: c.subjects for c in figure_contexts(text, ACME)}
    assert owners["62.5%"] == owners["3.6%"] == {"initech"}
    assert not fit_figures("What is Acme's efficiency ratio?", text, ACME)


def test_per_share_aftermarket_and_yearly_shorthand() -> None:
    assert plain_terms("div/sh") == "dividend per share"
    assert plain_terms("aftermkt margin q4") == "aftermarket margin q4"
    assert plain_terms("yearly cost savings") == "annual cost savings"
    assert "FY" in periods(plain_terms("yearly cost savings"))


def test_a_segment_row_asked_by_name_gets_no_group_value_beside_it() -> None:
    row = "Pump Systems \u2014 Revenue H1 2031 (\u20acm): 401.5; Adj. EBITA margin H1 2031: 15.2%"
    segment = _said(0, f"{row}; Adj. EBITA margin H1 2030: 14.7%", "Segments", {"15.2%"})
    group = _said(
        1, "Adjusted EBITA margin \u2014 H1 2031: 9.4%; H1 2030: 10.1%", "Key figures", {"9.4%"}
    )
    kinds = {"percent"}
    assert _roles("pump systems adjusted ebita margin h1", [segment, group], kinds) == ["part"]
