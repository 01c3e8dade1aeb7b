"""Fresh questions of the twenty-sixth round, read as a user would: a figure of another kind
gives no other value of the measure asked; a consensus beside a writer's own estimate answers
a consensus question; a year asked ranks a year's figure before one quarter's; an occasion
("after the profit warning") is not a measure; interim is not final; "it" doing something to
a named measure is the last question's thing; and the words around figures are read as terms
and units, not names. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds
from assistant.direct import figure_lead
from assistant.entities import Subject, names_in
from assistant.evidence import SentenceEmbeddings
from assistant.figures import find_figures
from assistant.followups import resolve_followup
from assistant.matching import question_focus
from assistant.measures import figure_contexts
from assistant.periods import part_of_year
from assistant.question import question_parts
from assistant.quotes import pick_quotes
from assistant.sentence_fit import PART_PERIOD_PENALTY, SentenceReader
from assistant.synonyms import other_basis, without_cause
from assistant.text import stem
from tests.unit.test_evidence import FakeEmbedder, ask

ACME = Subject("Acme", ("Acme Group",))
ESTIMATES = "We cut FY28E EBITDA to £41m (from £44m; consensus £43m)."


def _roles(question: str, text: str) -> list[tuple[str, str]]:
    evidence = ask(question, text, "Acme third-quarter results")
    picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, max_values=3)
    return [(role, sentence.text) for _, sentence, role in picked]


def test_the_consensus_beside_a_writers_estimate_answers_a_consensus_question() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (consensus,) = question_parts("What is the consensus EBITDA for FY28?", ACME)
    fit = reader.figure_fit(consensus, ESTIMATES, ESTIMATES)
    assert fit is not None and fit.figures == frozenset({"£43m"})
    # Not asked of the consensus, the writer's own estimate still answers.
    (own,) = question_parts("What EBITDA do they forecast for FY28?", ACME)
    fit = reader.figure_fit(own, ESTIMATES, ESTIMATES)
    assert fit is not None and "£41m" in fit.figures


def test_a_consensus_named_after_a_figure_measures_what_it_measures() -> None:
    said = "Acme's revenue of $5.1bn was ahead of a consensus of $4.8bn."
    contexts = {c.figure.text: c for c in figure_contexts(said, ACME)}
    assert stem("revenue") in dict(contexts["$4.8bn"].weights)
    # Far from it, or with no consensus named, a later figure keeps its own words.
    apart = "Acme's revenue of $5.1bn was ahead of plan, and its order book rose to $4.8bn."
    contexts = {c.figure.text: c for c in figure_contexts(apart, ACME)}
    assert stem("revenue") not in dict(contexts["$4.8bn"].weights)


def test_an_acronym_after_a_possessive_pronoun_is_no_name() -> None:
    assert names_in("Our PT of £8.10 is derived from a DCF.") == []
    # A name after them still is one.
    assert [m.text for m in names_in("Our peer Initech cut prices.")] == ["Initech"]


def test_a_years_figure_ranks_before_a_quarters_where_a_year_is_asked() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    quarter = "Passengers (million) \u2014 Q3 2026: 4.10; Q3 2025: 3.90"
    year = "Passengers (million) \u2014 FY2025: 15.2; FY2026: 16.0"
    (part,) = question_parts("How many passengers in 2026?", ACME)
    by_quarter, by_year = reader.figure_fit(part, quarter, ""), reader.figure_fit(part, year, "")
    assert by_quarter is not None and by_year is not None
    assert by_year.figures == frozenset({"16.0"}) and by_year.score > by_quarter.score
    # Asked of the quarter, the quarter's figure loses nothing.
    (third,) = question_parts("How many passengers in Q3 2026?", ACME)
    assert reader.figure_fit(third, quarter, "") == by_quarter._replace(
        score=by_quarter.score + PART_PERIOD_PENALTY
    )


def test_the_occasion_a_question_names_is_not_what_it_measures() -> None:
    focus = question_focus(
        "What is the broker's new EBITDA estimate after the profit warning?", ACME
    )
    assert stem("ebitda") in focus.measures and stem("warning") not in focus.measures
    # An occasion that names a period still dates the figure; "before and after" asks both.
    assert "H1" in question_focus("What was net debt after the first half?", ACME).periods
    for kept in (
        "What was Initech's target before and after the May update?",
        "What was the EBITA estimate after the March update?",
    ):
        assert without_cause(kept) == kept


def test_an_amount_is_no_other_value_of_a_rate() -> None:
    text = (
        "Acme's operating cash flow rose 8% to £60m in FY26.\n"
        "Acme's free cash flow was £14m in FY26.\n"
    )
    roles = _roles("How much did Acme's operating cash flow rise in FY26?", text)
    assert roles and "8%" in roles[0][1]
    assert all(role != "other value" for role, _ in roles)


def test_one_quarter_is_part_of_a_year_but_a_fiscal_years_figure_is_not() -> None:
    year = frozenset({"2026"})
    assert part_of_year(year, frozenset({"Q3", "2026"}))
    assert part_of_year(year, frozenset({"2026", "FY2026", "H1"}))
    # Both halves named beside the fiscal year ("at the midpoint of FY26 guidance, which
    # needs a second half ..."), or the part asked: not a part of the year asked.
    assert not part_of_year(year, frozenset({"2026", "FY2026", "H1", "H2"}))
    assert not part_of_year(frozenset({"Q3", "2026"}), frozenset({"Q3", "2026"}))
    assert not part_of_year(year, frozenset({"2026"}))


def test_an_interim_dividend_is_not_the_final_one_nor_basic_eps_the_diluted() -> None:
    def asked(question: str) -> frozenset[str]:
        return frozenset(question_focus(question, ACME).measures)

    final = frozenset({stem("final"), stem("dividend")})
    assert other_basis(asked("What was Acme's interim dividend?"), final)
    assert not other_basis(asked("What was Acme's final dividend?"), final)
    diluted = frozenset({stem("diluted"), stem("eps")})
    assert other_basis(asked("What was Acme's basic EPS?"), diluted)
    assert not other_basis(asked("What was Acme's EPS?"), diluted)


def test_a_count_says_the_noun_after_it_not_the_verb() -> None:
    said = "Acme operated 74 vans, of which 12 were electric."
    leads = {f.text: figure_lead(said, f) for f in find_figures(said)}
    assert leads == {"74": "74 vans", "12": "12"}


def test_a_reporting_acronym_names_its_figures_measure_on_its_own() -> None:
    said = "Our £8.10 price target is based on 14x FY28E EPS of £0.58, a discount to peers."
    contexts = {c.figure.text: c for c in figure_contexts(said, ACME)}
    assert stem("target") in dict(contexts["£8.10"].weights)
    assert set(dict(contexts["£0.58"].weights)) == {stem("eps")}


def test_the_second_side_of_a_dashed_pair_is_no_partner_named() -> None:
    said = "A deal between Initech and Globex was held up by US\u2013Japan trade friction."
    assert [m.text for m in names_in(said)] == ["Initech", "Globex"]


def test_it_doing_something_to_a_named_measure_is_the_last_questions_thing() -> None:
    resolved = resolve_followup(
        "how much has it dented the segment's adj. EBITA?", ["what's Acme's delivery bet about?"]
    )
    assert resolved.startswith("how much has Acme's delivery bet dented the segment's")
    assert "percent" in asked_kinds(resolved)  # "dented" asks how far it moved
    # "it" with no measure after it is still the last question's measure.
    grew = resolve_followup("how much did it grow?", ["What was Acme's revenue in Q3?"])
    assert grew == "how much did Acme's revenue grow in Q3?"


def test_the_companys_own_outlook_is_no_consensus() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    said = "We still expect to deliver underlying operating profit of £640 million."
    (consensus,) = question_parts("What is consensus operating profit?", ACME)
    assert reader.figure_fit(consensus, said, said) is None
    # Analysts' expectation is.
    theirs = "Analysts expect underlying operating profit of £655 million."
    fit = reader.figure_fit(consensus, theirs, theirs)
    assert fit is not None and fit.figures == frozenset({"£655 million"})
