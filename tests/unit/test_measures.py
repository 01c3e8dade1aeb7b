"""Whose figure, what it measures, which period: table-driven on made-up sentences.

Each row states, from reading the sentence as a person would, whether one figure in it
answers the question. The sentences are invented (other companies, other markets) so the
rules are tested beyond the one article they were written for.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.abbreviations import spells
from assistant.claim_match import claims_of_sentence, same_measure
from assistant.entities import Subject
from assistant.matching import answers, keeps_ratio, question_focus, stem_match, subject_fits
from assistant.measure_words import measure_stems, states_measure
from assistant.measures import FigureContext, figure_contexts
from assistant.owners import mentions_home, other_entities
from assistant.periods import periods, periods_fit
from assistant.text import stem

# An invented company: the rules must hold for any corpus subject.
ACME = Subject("Acme", ("Acme Cloud", "Acme Group"))


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    sentence: str
    figure: str  # the text of the figure in the sentence
    answers: bool


def context_of(sentence: str, figure: str) -> FigureContext:
    found = [c for c in figure_contexts(sentence, ACME) if c.figure.text == figure]
    assert len(found) == 1, f"{figure!r} in {sentence!r}: {[c.figure.text for c in found]}"
    return found[0]


ZONE = (
    "In smartphones, rivals like Xiaomi and Honor are closing the gap, while Google and "
    "Apple maintain a 50% combined share."
)
HOME_AHEAD = "Acme holds a 40% market share in food delivery, well ahead of Meituan."
COMBINED = "AWS and Microsoft together hold a 50% combined market share of the cloud market."
TWO_MEASURES = "Acme's net income surged 76%, while its gross merchandise value grew 5%."

CASES = [
    # The zone rule: a figure belongs to who is named between the last clause break and it.
    Case("zone-owner", "What combined share do Google and Apple hold?", ZONE, "50%", True),
    Case("zone-rival-before-break", "What is Xiaomi's market share?", ZONE, "50%", False),
    Case("zone-other-rival", "What is Honor's market share?", ZONE, "50%", False),
    Case("zone-home-question", "What is Acme's market share in smartphones?", ZONE, "50%", False),
    # A rival named after the home company's figure does not own it.
    Case("home-figure-rival-later", "What is Meituan's market share?", HOME_AHEAD, "40%", False),
    Case(
        "home-figure-home-question",
        "What is Acme's market share in food delivery?",
        HOME_AHEAD,
        "40%",
        True,
    ),
    Case(
        "home-figure-rival-later-cloud",
        "What is Huawei's share of the cloud market?",
        "Acme Cloud holds a 33% share of the cloud market in China, ahead of Huawei.",
        "33%",
        False,
    ),
    # A combined figure does not answer for one of the members.
    Case("alone-vs-combined", "What is AWS's market share alone?", COMBINED, "50%", False),
    Case(
        "alone-answered",
        "What is AWS's market share alone?",
        "AWS alone holds a 31% market share of the cloud market.",
        "31%",
        True,
    ),
    Case(
        "combined-answered",
        "What combined market share do AWS and Microsoft hold?",
        COMBINED,
        "50%",
        True,
    ),
    # The measure asked for must be the figure's measure.
    Case(
        "measure-mismatch",
        "What was Acme's net income?",
        "Acme's gross merchandise value grew 5% in the quarter.",
        "5%",
        False,
    ),
    Case(
        "measure-match",
        "What was Acme's net income?",
        "Acme's net income rose 12% in the quarter.",
        "12%",
        True,
    ),
    Case(
        "measure-revenue-vs-share",
        "How much revenue did Acme Cloud make?",
        "Acme Cloud holds a 33% market share in China.",
        "33%",
        False,
    ),
    # The period asked for must be the sentence's.
    Case(
        "period-mismatch",
        "What was Acme's revenue in 2023?",
        "Acme's revenue reached RMB 900 billion in 2025.",
        "RMB 900 billion",
        False,
    ),
    Case(
        "period-match",
        "What was Acme's revenue in 2023?",
        "Acme's revenue reached RMB 870 billion in 2023.",
        "RMB 870 billion",
        True,
    ),
    Case(
        "quarter-mismatch",
        "What was Acme's revenue in Q3?",
        "Acme's revenue rose 7% in Q4.",
        "7%",
        False,
    ),
    Case(
        "no-period-asked", "What was Acme's revenue?", "Acme's revenue rose 7% in Q4.", "7%", True
    ),
    # A dividend per share is not earnings per share.
    Case(
        "dividend-vs-eps",
        "What dividend per share did Acme pay?",
        "Acme's earnings per share were $2.10 in the quarter.",
        "$2.10",
        False,
    ),
    Case(
        "dividend-answered",
        "What dividend per share did Acme pay?",
        "Acme paid a dividend of $1.05 per share.",
        "$1.05",
        True,
    ),
    Case(
        "eps-answered",
        "What is Acme's earnings per share estimate?",
        "The consensus estimate for Acme's earnings is $8.58 per share.",
        "$8.58",
        True,
    ),
    # "its" refers to the last organisation named, not always the home company.
    Case(
        "its-refers-to-rival",
        "What is Acme's cloud market share?",
        "Last year Tencent raised its cloud market share to 20%.",
        "20%",
        False,
    ),
    # A measure named in another clause does not measure this figure.
    Case(
        "measure-of-other-clause", "How much did Acme's net income grow?", TWO_MEASURES, "5%", False
    ),
    Case(
        "measure-of-own-clause", "How much did Acme's net income grow?", TWO_MEASURES, "76%", True
    ),
    # A cause given after the figure says why it moved, not what it counts.
    Case(
        "cause-is-no-measure",
        "How much inventory did Acme hold at the end of June?",
        "Acme's total assets rose £16.5 million in the half, mainly due to higher inventories.",
        "£16.5 million",
        False,
    ),
    Case(
        "measure-before-the-cause",
        "How much did Acme's total assets rise in the half?",
        "Acme's total assets rose £16.5 million in the half, mainly due to higher inventories.",
        "£16.5 million",
        True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_answers(case: Case) -> None:
    focus = question_focus(case.question, ACME)
    ctx = context_of(case.sentence, case.figure)
    assert answers(focus, ctx) is case.answers, (
        f"zone={ctx.zone!r} subjects={set(ctx.subjects)} home={ctx.home} "
        f"measures={set(ctx.measures)} periods={set(ctx.periods)} focus={focus}"
    )


def test_zone_of_a_figure_starts_at_the_last_clause_break() -> None:
    ctx = context_of(ZONE, "50%")
    assert ctx.zone.strip() == "Google and Apple maintain a"
    assert ctx.subjects == {"google", "apple"}
    assert not ctx.home


def test_zone_of_a_second_figure_starts_after_the_first() -> None:
    sentence = "Globex's revenue rose 8% and Acme's revenue rose 2% in the quarter."
    first, second = figure_contexts(sentence, ACME)
    assert first.subjects == {"globex"} and not first.home
    assert second.subjects == frozenset() and second.home
    home = question_focus("How fast did Acme's revenue grow?", ACME)
    assert not subject_fits(home, first)
    assert subject_fits(home, second)


def test_a_rival_not_on_any_list_is_someone_else() -> None:
    """Issue 10: Samsung's 40% must not be credited to the corpus subject."""
    sentence = "Rivals such as Samsung hold a 40% market share in Spain."
    [ctx] = figure_contexts(sentence, ACME)
    assert not answers(question_focus("What is Acme's market share in Spain?", ACME), ctx)
    assert answers(question_focus("What is Samsung's share?", ACME), ctx)


def test_the_company_and_it_stand_for_the_subject() -> None:
    [ctx] = figure_contexts("The company said its margin rose to 12%.", ACME)
    assert ctx.home and not ctx.subjects
    focus = question_focus("What was the group's margin?", ACME)
    assert focus.subjects == frozenset() and answers(focus, ctx)


def test_a_segment_named_after_the_figure_owns_it() -> None:
    [ctx] = figure_contexts("Growth came from a 4.1% uplift in Grocery sales.", ACME)
    assert answers(question_focus("How much did Grocery sales grow?", ACME), ctx)
    assert not answers(question_focus("How much did Clothing sales grow?", ACME), ctx)


def test_region_asked_must_stand_in_the_sentence() -> None:
    [ctx] = figure_contexts("Acme holds a 33% cloud market share in China.", ACME)
    assert answers(question_focus("What is Acme's cloud market share in China?", ACME), ctx)
    assert not answers(question_focus("What is Acme's cloud market share in Europe?", ACME), ctx)


def test_without_a_subject_no_name_is_read_as_a_rival() -> None:
    [ctx] = figure_contexts("Initech's revenue rose 7%.")
    assert ctx.home


def test_years_are_periods_not_figures() -> None:
    contexts = figure_contexts("In 2024 Acme's revenue rose 7%.", ACME)
    assert [c.figure.text for c in contexts] == ["7%"]
    assert contexts[0].periods == {"2024"}


def test_question_focus_reads_owner_measure_and_period() -> None:
    focus = question_focus("What was Globex's revenue in Q2 2025?", ACME)
    assert focus.subjects == {"globex"}
    assert focus.measures == {"revenu"}
    assert focus.periods == {"Q2", "2025"}
    home = question_focus("How much has Acme committed to AI and cloud infrastructure?", ACME)
    assert home.subjects == frozenset()
    assert {"commit", "cloud", "infrastructur"} <= home.measures


def test_measure_phrase_leaves_out_grammar_names_periods_and_direction() -> None:
    focus = question_focus("By how much did Acme's free cash flow shrink in fiscal 2025?", ACME)
    assert focus.phrase == "free cash flow"
    assert question_focus("What dividend does Acme pay per share?", ACME).phrase == (
        "dividend per share".replace(" per", "")
    )


def test_acronym_matches_the_words_it_spells() -> None:
    [ctx] = figure_contexts("Acme's gross merchandise volume grew 5%.", ACME)
    assert stem_match(question_focus("How much did Acme's GMV grow?", ACME), ctx) == 1.0


def test_an_acronym_for_a_ratio_is_answered_by_the_ratio_it_spells() -> None:
    [ctx] = figure_contexts("Acme's net interest margin rose to 3.18% in the quarter.", ACME)
    assert keeps_ratio(question_focus("What was Acme's NIM in the quarter?", ACME), ctx)


def test_a_figure_breaks_an_acronym_s_letters_unless_its_unit_follows() -> None:
    assert spells("nim", "net interest margin was 3.18%")
    assert not spells("nim", "reported net income of $128.3 million, or $1.07 a share")
    assert not spells("roa", "net charge-offs rose to 0.35% of average loans")
    assert spells("roa", "Return on average assets was 1.08%")
    assert spells("eps", "earnings is $8.58 per share")  # a figure before its unit is skipped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Q4 2025 and H1 2024, not in 12025 or Q5.", {"Q4", "2025", "H1", "2024"}),
        ("first-quarter sales", {"Q1"}),
        ("in the third quarter", {"Q3"}),
        ("in the final quarter", {"Q4"}),
        ("the March 2025 quarter", {"Q*", "Qm03", "2025"}),
        ("the quarter ended 30 June", {"Q*", "Qm06"}),
        ("fiscal 2025", {"FY2025", "2025"}),
        ("FY25 guidance", {"FY2025", "2025"}),
        ("the 2026/27 outlook", {"FY2027", "2026", "2027"}),
        ("Q1 26/27 on the slide", {"Q1", "FY2027", "2026", "2027"}),
        ("a 50/50 split", set()),
        ("1Q25 results", {"Q1", "2025"}),
        ("first-half profit", {"H1"}),
        ("full-year guidance", {"FY"}),
    ],
)
def test_periods(text: str, expected: set[str]) -> None:
    assert periods(text) == expected


def test_periods_fit_uses_the_paragraph_only_where_the_sentence_is_silent() -> None:
    q1 = frozenset({"Q1"})
    assert periods_fit(q1, frozenset(), frozenset({"Q1", "2026"}))
    assert not periods_fit(q1, frozenset({"FY"}), frozenset({"Q1"}))  # full-year figure
    assert not periods_fit(frozenset({"2019"}), frozenset({"2025"}), frozenset())
    # A quarter named by its month matches the quarter label of any fiscal calendar.
    assert periods_fit(frozenset({"Q*", "2025"}), frozenset({"Q4", "2025"}), frozenset())
    assert not periods_fit(frozenset({"Q*", "2024"}), frozenset({"Q4", "2025"}), frozenset())


def test_measure_stems_reads_stems_and_whole_phrases() -> None:
    words = measure_stems("Its free cash flow fell 76% in the quarter.")
    assert "free cash flow" in words and "cash" in words
    assert "fell" not in words and "quarter" not in words


def test_same_measure_compares_stems_owner_and_period() -> None:
    [a] = claims_of_sentence("a", "Acme's net income jumped 76% in 2025.", ACME)
    [b] = claims_of_sentence("b", "In 2025 net income rose 76% at Acme.", ACME)
    [c] = claims_of_sentence("c", "Acme's free cash flow fell 76% in 2025.", ACME)
    assert same_measure(a, b)
    assert not same_measure(a, c)


def test_other_entities_by_shape_not_list() -> None:
    assert other_entities("Partners include Amazon Web Services and JD.com.", ACME) == {
        "amazon web services",
        "jd.com",
    }
    assert other_entities("Acme Cloud grew.", ACME) == set()
    assert mentions_home("Acme Cloud grew.", ACME)
    assert mentions_home("The company grew.", ACME)
    assert not mentions_home("Globex grew.", ACME)


def test_a_place_after_a_preposition_qualifies_but_does_not_own() -> None:
    sentence = (
        "Acme's expansion into Southeast Asia positions it to capitalise on the "
        "$1.8 trillion global robot market by 2030."
    )
    [ctx] = figure_contexts(sentence, ACME)
    assert ctx.subjects == frozenset()
    focus = question_focus("How big will the global robot market be by 2030?", ACME)
    assert answers(focus, ctx)
    spain = question_focus("What is Samsung's share in Spain?", ACME)
    assert spain.subjects == {"samsung"} and spain.qualifiers == {"spain"}


def test_table_row_cells_carry_their_column_period() -> None:
    row = "Widgets — 2025/26 Q1: 4.7%; 2026/27 Q1: 4.1%"
    old, new = figure_contexts(row, ACME, heading="Sales growth")
    assert "FY2026" in old.periods and "FY2027" in new.periods
    focus = question_focus("How much did Widgets sales grow in 2026/27?", ACME)
    assert not answers(focus, old) and answers(focus, new)


def test_what_a_figure_excludes_is_not_its_measure() -> None:
    [ctx] = figure_contexts("Like-for-like sales (exc. fuel) — YoY: 1.7%", ACME)
    assert "fuel" not in ctx.measures and "sal" in ctx.measures


def test_the_noun_a_figure_qualifies_must_be_what_is_asked() -> None:
    sentence = "Acme is set to capitalise on the $1.8 trillion global robot infrastructure market."
    [ctx] = figure_contexts(sentence, ACME)
    assert ctx.head == "market"
    invest = question_focus("How much has Acme committed to robot infrastructure?", ACME)

    # Even when the phrase reads like the clause, the head "market" is not what is asked.
    def similar(a: str, b: str) -> float:
        return 0.1 if a == "market" else 0.9

    assert not answers(invest, ctx, similarity=similar)
    assert answers(invest, ctx, similarity=lambda a, b: 0.9)
    size = question_focus("How big is the global robot infrastructure market?", ACME)
    assert answers(size, ctx)


def test_a_heading_glued_after_a_figure_is_not_its_noun() -> None:
    from assistant.measures import figure_contexts

    [ctx] = figure_contexts(
        "The underlying tax rate should be about 27 per cent Capital allocation"
    )
    assert ctx.head == ""
    [ctx] = figure_contexts(
        "It may reach the $1.8 trillion global AI infrastructure market by 2030."
    )
    assert ctx.head == "market"


def test_a_term_adjective_is_one_measure_word() -> None:
    assert "long-term" in measure_stems("What is Acme's long-term goal?")
    assert "long-term" in measure_stems("Acme names robotics as its long-term aim.")
    assert "long" not in measure_stems("How long did it take?")


def test_lose_is_a_direction_and_loss_a_measure() -> None:
    assert "lose" not in measure_stems("did Acme gain or lose cloud share?")
    assert stem("loss") in measure_stems("What was Acme's net loss?")
    assert "kind" not in measure_stems("which kind of customers is Acme going after?")
    assert measure_stems("how badly did costs hit FCF, margin wise?") == {"cost", "fcf", "margin"}


def test_an_acronym_the_documents_also_use_as_a_name_is_the_measure_it_spells() -> None:
    # "NCO" stands alone in the documents ("guided 4Q26 NCOs to ..."), so it is a known name.
    focus = question_focus("NCO for the third quarter?", ACME, known=frozenset({"nco"}))
    assert "nco" in focus.subjects
    [ctx] = figure_contexts("Net charge-offs were $41.5 million in the third quarter.", ACME)
    assert subject_fits(focus, ctx)
    # Spelt out, it still asks the subject's figure, not a rival's.
    [rival] = figure_contexts("Globex's net charge-offs were $9 million.", ACME)
    assert not subject_fits(focus, rival)
    # A standard reporting acronym is a measure, never a name.
    nii = question_focus("NII for the third quarter?", ACME, known=frozenset({"nii"}))
    assert "nii" in nii.measures and not nii.subjects


def test_a_passage_that_names_every_word_of_a_two_word_measure_states_it() -> None:
    focus = question_focus("What is the implied upside?", ACME)
    assert states_measure(focus, ["Rating: HOLD", "Implied upside: 12.0%"])
    assert not states_measure(focus, ["Upside risks: a rebound in fares"])
    # One word alone is too common a match to stand for the question.
    assert not states_measure(question_focus("What is the upside?", ACME), ["Upside: 12%"])


def test_the_noun_after_a_multiple_is_its_base_not_its_measure() -> None:
    sentence = (
        "Net debt rose to €3.21 billion from €2.84 billion, taking leverage to 2.4x "
        "last-twelve-months EBITDA."
    )
    contexts = {c.figure.text: c for c in figure_contexts(sentence, ACME)}
    assert answers(question_focus("What is Acme's leverage?", ACME), contexts["2.4x"])
    # A multiple that names no measure asked before it is still read by the noun after it.
    (valued,) = figure_contexts("The stock trades at 17.6x FY27E earnings.", ACME)
    assert not answers(question_focus("What is the price target on Acme?", ACME), valued)
    # Nor does a price named before a multiple make the multiple that price.
    based = "Our price target of $56 is based on 11.4x our 2027 EPS estimate."
    multiple = next(c for c in figure_contexts(based, ACME) if c.figure.text == "11.4x")
    assert not answers(question_focus("What is the price target on Acme?", ACME), multiple)
