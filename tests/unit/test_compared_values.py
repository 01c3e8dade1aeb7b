"""Fresh questions of the twenty-seventh round, read as a user would: the value a figure is
set against ("seven vans, against 11 planned") is not the answer unless an earlier value is
asked; a share's price is never a sum in millions; an outcome is no other value of an
outlook; a count's noun is no pronoun. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.comparisons import period_sides
from assistant.cues import asks_unit_price
from assistant.direct import answer_figure, figure_lead
from assistant.earlier_values import asks_earlier, compared_from
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.figure_periods import figure_periods
from assistant.figures import find_figures
from assistant.question import question_parts
from assistant.quotes import pick_quotes
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder, ask

ACME = Subject("Acme", ("Acme Group",))
PLAN = "Acme now expects seven new vans this year, against 11 it had planned in March."


def _reader() -> SentenceReader:
    return SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)


def _fit(question: str, sentence: str) -> frozenset[str] | None:
    (part,) = question_parts(question, ACME)
    fit = _reader().figure_fit(part, sentence, sentence)
    return None if fit is None else fit.figures


def test_the_value_a_figure_is_set_against_is_not_the_answer() -> None:
    assert {f.text: compared_from(PLAN, f) for f in find_figures(PLAN)} == {
        "seven": False,
        "11": True,
    }
    assert _fit("How many new vans does Acme expect this year?", PLAN) == {"seven"}
    # Asked as it was before, or by the words that describe it, the earlier value answers.
    assert asks_earlier("What was the original plan for vans?")
    assert _fit("What was the original plan for vans?", PLAN) == {"11"}
    assert _fit("How many vans had Acme planned in March?", PLAN) == {"11"}


def test_an_earlier_value_of_the_period_asked_answers() -> None:
    said = (
        "Acme's free cash flow was £37m in the quarter, against £153m in the same quarter of 2025."
    )
    fit = _fit("What free cash flow did Acme make in the same quarter of 2025?", said)
    assert fit is not None and "£153m" in fit


def test_a_share_price_is_never_a_sum_in_millions() -> None:
    for asked in (
        "What was Acme's share price after the results?",
        "Where did the shares close?",
        "What's the PT on Acme?",
        "What EPS did Acme report?",
    ):
        assert asks_unit_price(asked), asked
    for other in ("How many shares did Acme buy back?", "What did Acme spend on buybacks?"):
        assert not asks_unit_price(other), other
    said = "Acme bought back 1.4 million shares for £52.6 million, and the shares closed at £37.84."
    assert _fit("What was Acme's share price after the results?", said) == {"£37.84"}


def test_an_outcome_is_no_other_value_of_an_outlook() -> None:
    text = (
        "Acme now expects adjusted EBITDA of £230-260m.\n"
        "Acme's adjusted EBITDA fell 10% to £104m.\n"
    )
    question = "What adjusted EBITDA does Acme expect?"
    evidence = ask(question, text)
    picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, max_values=3)
    assert picked and "£230-260m" in picked[0][1].text
    assert all("£104m" not in sentence.text for _, sentence, _ in picked)
    # Asked what happened, the outcome answers as before.
    assert "£104m" in ask("What adjusted EBITDA did Acme make?", text).sentences[0].text


def test_an_earlier_value_answers_its_own_period_beside_a_move() -> None:
    said = (
        "Acme's gross margin rose to 42.1% in the third quarter, up 70 basis points from 41.4% "
        "in the second quarter."
    )
    fit = _fit("What was Acme's gross margin in the second quarter?", said)
    assert fit is not None and "41.4%" in fit


def test_an_earlier_values_period_is_its_own_and_it_answers_that_period() -> None:
    said = "Acme's bad loans climbed to 0.68% of loans from 0.61% at the end of June."
    figures = find_figures(said)
    assert dict(zip((f.text for f in figures), figure_periods(said, figures), strict=True)) == {
        "0.68%": frozenset(),
        "0.61%": frozenset({"Em06"}),
    }
    assert _fit("What were Acme's bad loans at the end of June?", said) == {"0.61%"}


def test_a_period_both_values_share_does_not_make_the_old_one_an_answer() -> None:
    said = "Acme now expects adjusted EBITDA of £230-260m for 2026, down from £270-300m."
    assert _fit("What adjusted EBITDA does Acme expect for 2026?", said) == {"£230-260m"}


def test_a_plan_had_made_is_an_earlier_value_asked() -> None:
    assert asks_earlier("How many vans had Acme planned for in March?")
    assert asks_earlier("What had Acme guided to back in May?")
    assert not asks_earlier("How many vans had arrived?")
    assert asks_earlier("What free cash flow did Acme make in the same quarter of 2025?")


def test_an_earlier_value_lends_its_measure_to_the_value_set_against_it() -> None:
    # The count's own words ("battery-electric vehicles" after it) may not carry the measure
    # as closely as the earlier value's; both count one thing, and the value reported answers.
    said = (
        "Acme delivered 138,400 battery-electric vehicles in the first half, up 25.6% from "
        "110,200 a year earlier, lifting the battery-electric share of its deliveries to 22.7%."
    )
    assert _fit("How many EVs did Acme deliver in H1?", said) == {"138,400"}


def test_a_count_is_of_the_noun_after_it_not_a_pronoun() -> None:
    leads = {f.text: figure_lead(PLAN, f) for f in find_figures(PLAN)}
    assert leads == {"seven": "Seven new vans", "11": "11"}


def test_a_pace_compared_asks_each_side_s_growth_rate() -> None:
    from assistant.cues import asked_kinds
    from assistant.measure_words import measure_words

    asked = "did pump sales grow faster than valve sales in Q2?"
    assert {"percent", "points"} <= asked_kinds(asked)
    assert "faster" not in measure_words(asked)
    parts = question_parts(asked, ACME)
    # Each side is answered from its own text, so it says the period the question shares.
    assert [p.text for p in parts] == ["pump sales growth (Q2)", "valve sales growth (Q2)"]
    assert asked_kinds("Which division grew fastest?") >= {"percent"}


def test_a_move_is_the_answer_to_how_fast_before_a_level_of_the_same_kind() -> None:
    hub = (
        "Lindmark Airport handled 12.9 million passengers, up 4.7%, and remained the "
        "busiest airport with 43.2% of national traffic."
    )
    assert _fit("How fast did Lindmark airport passengers grow?", hub) == {"4.7%"}
    # A hub asked by its place's noun: the noun is the hub's name, not the measure.
    focus = question_parts("How many passengers did Lindmark airport handle?", ACME)[0].focus
    assert "airport" not in focus.measures


def test_a_price_dated_the_day_asked_answers_before_an_undated_one() -> None:
    moved = (
        "Acme shares rose 5.7% to $64.35 on results day and have added a further 1.8% since, "
        "closing at $65.51 on 21 November."
    )
    assert _fit("Where did the shares close on 21 November?", moved) == {"$65.51"}
    assert "$65.51" not in (_fit("Where did the shares close on results day?", moved) or set())
    # A period's last day is no such day: many balances stand on it.
    from assistant.measure_fit import on_the_day_asked
    from assistant.measures import figure_contexts

    june = "Acme's debt rose to €57.3 million at 30 June."
    (ctx,) = (c for c in figure_contexts(june, ACME) if c.figure.text == "€57.3 million")
    assert not on_the_day_asked(question_parts("Acme's net debt at 30 June?", ACME)[0].focus, ctx)
    (ctx,) = (c for c in figure_contexts(moved, ACME) if c.figure.text == "$65.51")
    assert on_the_day_asked(question_parts("shares on 21 November?", ACME)[0].focus, ctx)


def test_each_compared_side_names_the_period_asked_so_its_row_is_read_at_that_column() -> None:
    # A broker's row holds every year: the side answered from "ebitda" alone took the last.
    parts = question_parts("How does Acme's FY27 EBITDA forecast compare with the guidance?", ACME)
    assert [p.text for p in parts] == ["ebitda (FY27)", "guidance ebitda (FY27)"]
    owners = question_parts("How did Acme's Q1 revenue compare with Initech's?", ACME)
    assert [p.text for p in owners] == ["Acme: revenue (Q1)", "Initech: revenue (Q1)"]
    row = "EBITDA (EURm) \u2014 FY26A: 471.6; FY27F: 512.0; FY28F: 540.5"
    fig = answer_figure(row, parts[0].text, frozenset({"money", "number"}), None, ACME)
    assert fig is not None and fig.text == "512.0"


def test_a_forecast_compared_with_guidance_borrows_the_measure_not_the_forecast_word() -> None:
    parts = question_parts(
        "How does the FY3/31 operating profit estimate compare with the company's guidance?", ACME
    )
    assert "operating profit" in parts[1].text
    assert "guidance" in parts[1].text
    # A head noun that is no forecast word is borrowed as before.
    sales = question_parts("How did general merchandise sales compare with clothing?", ACME)
    assert sales[1].text == "clothing sales"


def test_a_measure_compared_across_a_quarter_and_a_year_asks_each_period() -> None:
    parts = question_parts(
        "How did the quarterly adjusted operating margin compare with the full year's?", ACME
    )
    assert [sorted(p.focus.periods) for p in parts] == [["Q?"], ["FY"]]
    assert all("operating margin" in p.text for p in parts)
    fourth = question_parts("How did Q4 revenue compare with FY31?", ACME)
    assert [sorted(p.focus.periods) for p in fourth] == [["Q4"], ["2031", "FY2031"]]
    # Two years, or a quarter and its year-ago quarter, stay one part's comparison.
    assert len(question_parts("How does fy32 ebitda compare with fy31?", ACME)) == 1
    assert (
        len(question_parts("How did Q1 sales compare with the same quarter last year?", ACME)) == 1
    )
    # A quarter against a quarter of a named year is no comparison across lengths.
    assert period_sides("retail sales, Q1 this yr vs Q1 30/31") is None
    assert period_sides("How did Q4 revenue compare with FY31?") is not None
