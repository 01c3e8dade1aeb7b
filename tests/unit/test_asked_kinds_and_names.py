"""What a question asks for, read from its words: a ratio or a percentage (no amount of
money), a time rather than names ("in which month"), a name run through "New", an acronym's
measure ("np", "d&a", "ocf", "eps"), an adverb's basis ("organically"), an earlier value of
what another figure counts, a part "of which" the figure before counts, and a consensus
rather than someone's own forecast. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds, asks_for_names
from assistant.direct import answer_figure
from assistant.entities import Subject, names_in
from assistant.expectations import consensus_unsaid
from assistant.figures import find_figures
from assistant.increments import unasked_part
from assistant.measures import figure_contexts
from assistant.question import question_parts
from assistant.synonyms import spell_out_acronyms
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Ferries", ("Acme",))
ALL = frozenset({"money", "number", "percent", "points"})


def test_a_ratio_or_a_percentage_asks_no_amount_of_money() -> None:
    assert asked_kinds("What was the ratio of orders to sales in the pumps unit?") == {
        "number",
        "percent",
    }
    assert "money" not in asked_kinds("What is the loan-to-deposit ratio?")
    by_what = "By what percentage is the EPS consensus below the level of a year before?"
    assert asked_kinds(by_what) <= {"percent", "points"}
    assert "money" in asked_kinds("What dividend per share did it pay?")


def test_which_month_asks_a_time_not_names() -> None:
    assert not asks_for_names("In which month did the fiscal quarter end?")
    assert not asks_for_names("Which year did the plant open?")
    assert asks_for_names("Which brands does Acme partner with?")


def test_new_inside_a_run_of_capitals_is_part_of_the_name() -> None:
    said = "What load factor did Air New Zealand report for the year?"
    assert [m.text for m in names_in(said)] == ["Air New Zealand"]
    assert [m.text for m in names_in("New products lifted sales at Acme.")] == ["Acme"]


def test_an_acronym_picks_its_measure_among_a_rows_figures() -> None:
    row = "Company guidance FY31: sales 512.0 / OP 61.5 / net profit 43.2"
    got = answer_figure(row, "fy31 np guide", ALL, None, ACME)
    assert got is not None and got.text == "43.2"


def test_an_adverb_after_a_figure_says_its_basis() -> None:
    sentence = "Services revenue rose 9.5% to $212.4 million, up 7.2% organically, on renewals."
    got = answer_figure(sentence, "What was services organic growth?", ALL, None, ACME)
    assert got is not None and got.text == "7.2%"
    plain = answer_figure(sentence, "How much did services revenue grow?", ALL, None, ACME)
    assert plain is not None and plain.text == "9.5%"


def test_an_earlier_value_counts_what_the_figure_it_is_set_against_counts() -> None:
    sentence = (
        "The fleet of seven vessels carried 3.12 million passengers, up from 2.95 million a "
        "year earlier, together with 512,000 vehicles."
    )
    vehicles = fit_figures("How many vehicles did the fleet carry?", sentence, ACME)
    assert not vehicles & {"3.12 million", "2.95 million"}
    assert fit_figures("How many passengers did the fleet carry?", sentence, ACME) == {
        "3.12 million"
    }


def test_a_consensus_asked_is_no_ones_own_forecast() -> None:
    (part,) = question_parts("What was the consensus for full-year operating profit?", ACME)
    ours = "We have raised our full-year operating profit forecast to ¥52.5 billion."
    street = "Analysts had expected full-year operating profit of ¥49.0 billion."
    assert consensus_unsaid(part.focus, figure_contexts(ours, ACME)[0])
    assert not consensus_unsaid(part.focus, figure_contexts(street, ACME)[0])


def test_more_acronyms_name_their_measure_for_the_search() -> None:
    assert spell_out_acronyms("d&a guide fy31") == "d&a (depreciation and amortisation) guide fy31"
    assert "(operating cash flow)" in spell_out_acronyms("ocf fy31")
    assert "(earnings per share)" in spell_out_acronyms("fy31 eps consensus")


def test_the_whole_of_a_year_names_no_measure() -> None:
    (part,) = question_parts("What was adjusted operating income for the whole of fiscal 2031?")
    assert set(part.focus.measures) == {"adjust", "operat", "incom"}


def test_a_part_of_the_figure_before_answers_only_where_its_words_are_asked() -> None:
    sentence = (
        "The Group operated 212 vessels at 30 June, of which 64 were in the Acme Express fleet."
    )
    group = fit_figures(
        "How many vessels were in the group's fleet at the end of June?", sentence, ACME
    )
    assert "64" not in group
    assert "64" in fit_figures("How many vessels were in the Acme Express fleet?", sentence, ACME)


def test_a_part_set_apart_by_no_name_is_still_what_is_asked() -> None:
    sentence = "It runs a €200 million buyback, of which €74.5m had been completed by end-June."
    done = next(f for f in find_figures(sentence) if f.text == "€74.5m")
    assert not unasked_part(frozenset({"how", "much", "buyback", "done"}), sentence, done)
    spain = "It runs a €20m buyback, of which €5m was spent in Spain."
    part = find_figures(spain)[1]
    assert unasked_part(frozenset({"how", "much", "buyback"}), spain, part)


def test_returning_cash_to_shareholders_names_the_measure() -> None:
    (part,) = question_parts("How much cash did Acme return to shareholders last year?", ACME)
    assert {"return", "shareholder"} <= set(part.focus.measures)
