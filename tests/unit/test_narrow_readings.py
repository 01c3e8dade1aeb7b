"""Measures and owners read more narrowly: a share of the global market is not one
country's, a measure that introduces a later figure is not an earlier one's, a ratio's
multiple is not what it divides by, a result asked is not a broker's estimate column, and
who calculates or speaks for a figure does not own it. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.compounds import other_compound
from assistant.direct import answer_figure
from assistant.entities import Subject
from assistant.matching import keeps_ratio, question_focus, scope_fits, subject_fits
from assistant.measure_fit import measure_fits
from assistant.measure_words import word_stems
from assistant.measures import figure_contexts
from assistant.owners import owners
from assistant.plan_cues import asks_forecast
from assistant.text import stem

ACME = Subject("Acme", ("Acme Bank",))


def test_a_compound_s_words_are_read_as_a_measure_writes_them() -> None:
    # "like-for-like" is the measure its initials name; "battery-electric" is two words.
    assert word_stems("Like-for-like sales rose") == ["lfl", stem("sales"), stem("rose")]
    assert word_stems("battery-electric share") == [
        stem("battery"),
        stem("electric"),
        stem("share"),
    ]
    clause = "LFL sales beat market expectations"
    assert other_compound("What was Acme's like-for-like market share?", "lfl market share", clause)


def test_a_share_of_the_global_market_is_not_one_country_s() -> None:
    sentence = "Acme holds a 36% share of China's cloud market."
    (ctx,) = figure_contexts(sentence, ACME)
    assert not scope_fits(question_focus("What is Acme's share of the global cloud market?"), ctx)
    assert scope_fits(question_focus("What is Acme's cloud market share?"), ctx)


def test_who_calculates_a_figure_for_another_is_a_source() -> None:
    focus = question_focus("What leverage does Osprey calculate for Wexley Pumps?", ACME)
    assert focus.sources == frozenset({"osprey"})
    assert focus.subjects == frozenset({"wexley pumps"})
    # Without a company it is worked out for, the name is the question's owner still.
    own = question_focus("What leverage does Osprey report?", ACME)
    assert "osprey" in own.subjects


def test_a_measure_that_introduces_a_later_figure_is_not_the_earlier_one_s() -> None:
    focus = question_focus("What is Acme's efficiency ratio?", ACME)
    earns, ratio = figure_contexts("Acme earns 3.29% but at an efficiency ratio of 60.4%.", ACME)
    assert not measure_fits(focus, earns, None, 0.5)
    assert measure_fits(focus, ratio, None, 0.5)
    # A figure's own words run on past it, up to the later figure's measure.
    shares = question_focus("How many shares did Acme buy back and at what average price?", ACME)
    bought, *_ = figure_contexts(
        "Acme bought 3.6 million shares at an average price of $3.18.", ACME
    )
    assert measure_fits(shares, bought, lambda *_: 1.0, 0.5)  # (alike by meaning, say)
    assert not measure_fits(focus, earns, lambda *_: 1.0, 0.5)
    # Its own measure, named before it, still answers, whatever follows.
    own, _ = figure_contexts(
        "Acme's efficiency ratio was 57.9%, against a peer ratio of 60.4%.", ACME
    )
    assert measure_fits(focus, own, None, 0.5)


def test_a_ratio_s_multiple_does_not_answer_what_it_divides_by() -> None:
    sentence = "Net debt rose to €2.8 billion; net debt to LTM EBITDA of 2.4x (2025: 2.1x)."
    ctx = next(c for c in figure_contexts(sentence, ACME) if c.figure.text == "2.4x")
    assert not keeps_ratio(question_focus("What was Acme's EBITDA?", ACME), ctx)
    assert keeps_ratio(question_focus("What is Acme's net debt to EBITDA?", ACME), ctx)
    # A multiple stated of the measure asked answers it.
    taking = "Net debt rose, taking leverage to 2.4x EBITDA."
    (lev,) = [c for c in figure_contexts(taking, ACME) if c.figure.text == "2.4x"]
    assert keeps_ratio(question_focus("What is Acme's leverage?", ACME), lev)


def test_a_result_asked_is_not_a_broker_s_estimate_column() -> None:
    row = "EBITDA (EUR m) — FY25A: 1,186; FY26E: 1,164; FY27E: 1,352"
    kinds = frozenset({"money", "number"})
    plain = answer_figure(row, "What is Acme's EBITDA?", kinds, None, ACME)
    assert plain is not None and plain.text == "1,186"
    seen = answer_figure(row, "What EBITDA does the broker see for Acme?", kinds, None, ACME)
    assert seen is not None and seen.text == "1,352"
    assert asks_forecast("What is Acme guiding to?") and not asks_forecast("What is Acme's EBITDA?")


def test_a_person_named_by_surname_speaks_for_a_figure_but_does_not_own_it() -> None:
    known = frozenset({"roe", "jane roe", "globex"})
    assert owners("Roe said the plan should save about", ACME, known) == (frozenset(), False)
    # A company that speaks is still named; so is a surname the corpus never gives in full.
    assert owners("Globex said its sales rose", ACME, known)[0] == frozenset({"globex"})
    assert owners("Okonkwo said the plan should save", ACME, known)[0] == frozenset({"okonkwo"})


def test_a_firm_asked_as_a_source_is_heard_by_its_first_word() -> None:
    focus = question_focus("What operating profit does Sakuma Securities forecast for Acme?", ACME)
    assert focus.sources == frozenset({"sakuma securities"}) and not focus.subjects
    sentence = "Sakuma forecasts operating profit of ¥41.7 billion for the year."
    ctx = next(c for c in figure_contexts(sentence, ACME) if c.figure.text == "¥41.7 billion")
    assert subject_fits(focus, ctx)
    # Another firm that forecasts it is a rival still.
    other = "Hirano forecasts operating profit of ¥41.7 billion for the year."
    ctx = next(c for c in figure_contexts(other, ACME) if c.figure.text == "¥41.7 billion")
    assert not subject_fits(focus, ctx)
