"""What the market expected against what happened: a bracketed expectation measures what the
figure before it measures, and a question asking what analysts expected is answered by an
expectation only. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.expectations import asks_expectation, states_expectation
from assistant.matching import question_focus
from assistant.measures import figure_contexts
from assistant.question import question_parts
from assistant.sentence_fit import SentenceReader
from assistant.synonyms import plain_terms
from assistant.text import stem
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Group",))
SAID = "Online sales fell 0.8% (-2.9% expected), as a shift in mix offset higher volumes."


def _contexts(sentence: str) -> dict[str, object]:
    return {c.figure.text: c for c in figure_contexts(sentence, ACME)}


def test_a_bracketed_expectation_measures_what_the_figure_before_it_does() -> None:
    contexts = _contexts(SAID)
    expected = dict(contexts["-2.9%"].weights)
    assert stem("sales") in expected and stem("consensus") in expected
    assert states_expectation(contexts["-2.9%"])
    assert not states_expectation(contexts["0.8%"])
    # A bracketed figure with no "expected" after it is no expectation of the first.
    other = _contexts("Online sales fell 0.8% (2025: 1.4%), as a shift in mix offset volumes.")
    assert stem("consensus") not in dict(other["1.4%"].weights)


def test_expectations_are_said_before_a_figure_or_by_a_forecast_column() -> None:
    before = _contexts("Analysts had expected revenue of $4.8 billion, but Acme made $5.1 billion.")
    assert states_expectation(before["$4.8 billion"])
    assert not states_expectation(before["$5.1 billion"])
    column = _contexts("EPS \u2014 FY25A: 1.10; FY26E: 1.32")
    assert states_expectation(column["1.32"]) and not states_expectation(column["1.10"])


def test_a_figure_analysts_are_said_to_have_expected_measures_the_consensus() -> None:
    said = "Analysts polled by DataPulse had expected adjusted EPS of $0.98 on revenue of $1.1bn."
    contexts = _contexts(said)
    weights = dict(contexts["$0.98"].weights)
    assert stem("consensus") in weights and stem("eps") in weights
    # An outcome with no one expecting it before it is no consensus.
    outcome = _contexts("Adjusted EPS of $1.04 beat the $0.98 the company had guided to.")
    assert stem("consensus") not in dict(outcome["$1.04"].weights)


def test_who_expected_is_read_as_the_consensus() -> None:
    for question in (
        "what were analysts expecting for online sales in Q1?",
        "what was the street pencilling in for online sales?",
        "What had the market expected for online sales?",
    ):
        asked = plain_terms(question)
        assert "consensus" in asked, asked
        (part,) = question_parts(asked, ACME)
        assert part.kinds and asks_expectation(part.focus, part.text), question
    # The outcome asked beside the expectation, a broker's own target, or no expectation.
    for question in (
        "How did online sales compare with consensus?",
        "What is the consensus price target for Acme?",
        "How much did online sales fall?",
    ):
        focus = question_focus(plain_terms(question), ACME)
        assert not asks_expectation(focus, question), question


def test_an_expectation_asked_is_not_answered_by_the_outcome() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (asked,) = question_parts(plain_terms("what were analysts expecting for online sales?"), ACME)
    fit = reader.figure_fit(asked, SAID, SAID)
    assert fit is not None and fit[1] == frozenset({"-2.9%"})
    (outcome,) = question_parts("How much did online sales fall?", ACME)
    fit = reader.figure_fit(outcome, SAID, SAID)
    assert fit is not None and "0.8%" in fit[1]
    assert reader.figure_fit(asked, "Online sales fell 0.8% in the quarter.", "") is None


def test_the_company_s_guidance_is_not_a_broker_s_table_of_estimates() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    row = "Operating profit (JPY bn) \u2014 FY3/26A: 33.4; FY3/27E: 41.7; FY3/28E: 48.9"
    guided = "Full year \u2014 Operating profit: 41,200; Operating profit % change: 23.4"
    broker, acme = "Initech Securities", "Acme Group"
    for question in (
        "What operating profit does Acme now guide to for this fiscal year?",
        "What is Acme's new operating profit forecast?",
    ):
        (part,) = question_parts(question, ACME)
        assert reader.figure_fit(part, row, row, byline=broker) is None, question
        assert reader.figure_fit(part, row, row, byline=acme) is not None, question
        assert reader.figure_fit(part, guided, guided, byline=acme) is not None, question
    # Asked of no one, or of the broker, the broker's estimate answers.
    for question in (
        "What is the FY3/27 operating profit estimate?",
        "Per Initech, what is Acme's operating profit forecast for FY3/27?",
    ):
        (part,) = question_parts(question, ACME)
        assert reader.figure_fit(part, row, row, byline=broker) is not None, question


def test_a_broker_s_forecast_asked_is_not_the_company_s_outlook_or_the_consensus() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    broker = "Guidance was cut to EUR 230-260m. We trim our FY26E adjusted EBITA to EUR 241m."
    outlook = "Outlook for 2026 adjusted: adjusted EBITA now seen at EUR 230-260m"
    company = "The Leeds-based company now expects adjusted EBITA of EUR 230-260m for 2026."
    consensus = "H1 adjusted EBITA of EUR 104.5m was 6% below consensus (EUR 111m)."
    actual = "Adjusted EBITA fell 9.8% to EUR 104.5m in the first half."
    (asked,) = question_parts(
        plain_terms("What adjusted EBITA is the broker now pencilling in for 2026?"), ACME
    )
    fit = reader.figure_fit(asked, broker, broker)
    assert fit is not None and fit[1] == frozenset({"EUR 241m"})
    for said in (outlook, company, consensus, actual):
        assert reader.figure_fit(asked, said, said) is None, said
    # The company's guidance asked is still answered by its outlook.
    (guided,) = question_parts("What adjusted EBITA does Acme now guide to for 2026?", ACME)
    assert reader.figure_fit(guided, outlook, outlook) is not None
