"""Whose figure, what it measures, which period: table-driven on made-up sentences.

Each row states, from reading the sentence as a person would, whether one figure in it
answers the question. The sentences are invented (other companies, other markets) so the
rules are tested beyond the one article they were written for.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.measures import (
    FigureContext,
    answers,
    figure_contexts,
    measures_in,
    mentions_home,
    other_entities,
    periods,
    question_focus,
    subject_fits,
)


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    sentence: str
    figure: str  # the text of the figure in the sentence
    answers: bool


def context_of(sentence: str, figure: str) -> FigureContext:
    found = [c for c in figure_contexts(sentence) if c.figure.text == figure]
    assert len(found) == 1, f"{figure!r} in {sentence!r}: {[c.figure.text for c in found]}"
    return found[0]


ZONE = ("In smartphones, rivals like Xiaomi and Honor are closing the gap, while Google and "
        "Apple maintain a 50% combined share.")
HOME_AHEAD = "Alibaba holds a 40% market share in food delivery, well ahead of Meituan."
COMBINED = "AWS and Microsoft together hold a 50% combined market share of the cloud market."
TWO_MEASURES = "Alibaba's net income surged 76%, while its gross merchandise value grew 5%."

CASES = [
    # The zone rule: a figure belongs to who is named between the last clause break and it.
    Case("zone-owner", "What combined market share do Google and Apple hold?", ZONE, "50%", True),
    Case("zone-rival-before-break", "What is Xiaomi's market share?", ZONE, "50%", False),
    Case("zone-other-rival", "What is Honor's market share?", ZONE, "50%", False),
    Case("zone-home-question", "What is Alibaba's market share in smartphones?", ZONE, "50%",
         False),
    # A rival named after the home company's figure does not own it.
    Case("home-figure-rival-later", "What is Meituan's market share?", HOME_AHEAD, "40%", False),
    Case("home-figure-home-question", "What is Alibaba's market share in food delivery?",
         HOME_AHEAD, "40%", True),
    Case("home-figure-rival-later-cloud", "What is Huawei's share of the cloud market?",
         "Alibaba Cloud holds a 33% share of the cloud market in China, ahead of Huawei.",
         "33%", False),
    # A combined figure does not answer for one of the members.
    Case("alone-vs-combined", "What is AWS's market share alone?", COMBINED, "50%", False),
    Case("alone-answered", "What is AWS's market share alone?",
         "AWS alone holds a 31% market share of the cloud market.", "31%", True),
    Case("combined-answered", "What combined market share do AWS and Microsoft hold?",
         COMBINED, "50%", True),
    # The measure asked for must be the figure's measure.
    Case("measure-mismatch", "What was Alibaba's net income?",
         "Alibaba's gross merchandise value grew 5% in the quarter.", "5%", False),
    Case("measure-match", "What was Alibaba's net income?",
         "Alibaba's net income rose 12% in the quarter.", "12%", True),
    Case("measure-revenue-vs-share", "How much revenue did Alibaba Cloud make?",
         "Alibaba Cloud holds a 33% market share in China.", "33%", False),
    # The period asked for must be the sentence's.
    Case("period-mismatch", "What was Alibaba's revenue in 2023?",
         "Alibaba's revenue reached RMB 900 billion in 2025.", "RMB 900 billion", False),
    Case("period-match", "What was Alibaba's revenue in 2023?",
         "Alibaba's revenue reached RMB 870 billion in 2023.", "RMB 870 billion", True),
    Case("quarter-mismatch", "What was Alibaba's revenue in Q3?",
         "Alibaba's revenue rose 7% in Q4.", "7%", False),
    Case("no-period-asked", "What was Alibaba's revenue?",
         "Alibaba's revenue rose 7% in Q4.", "7%", True),
    # A dividend per share is not earnings per share.
    Case("dividend-vs-eps", "What dividend per share did Alibaba pay?",
         "Alibaba's earnings per share were $2.10 in the quarter.", "$2.10", False),
    Case("dividend-answered", "What dividend per share did Alibaba pay?",
         "Alibaba paid a dividend of $1.05 per share.", "$1.05", True),
    Case("eps-answered", "What is Alibaba's earnings per share estimate?",
         "The consensus estimate for Alibaba's earnings is $8.58 per share.", "$8.58", True),
    # "its" refers to the last organisation named, not always the home company.
    Case("its-refers-to-rival", "What is Alibaba's cloud market share?",
         "Tencent raised its cloud market share to 20% last year.", "20%", False),
    # A measure named in another clause does not measure this figure.
    Case("measure-of-other-clause", "How much did Alibaba's net income grow?", TWO_MEASURES,
         "5%", False),
    Case("measure-of-own-clause", "How much did Alibaba's net income grow?", TWO_MEASURES,
         "76%", True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_answers(case: Case) -> None:
    focus = question_focus(case.question)
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
    sentence = "Tencent's revenue rose 8% and Alibaba's revenue rose 2% in the quarter."
    first, second = figure_contexts(sentence)
    assert first.subjects == {"tencent"} and not first.home
    assert second.subjects == frozenset() and second.home
    home = question_focus("How fast did Alibaba's revenue grow?")
    assert not subject_fits(home, first)
    assert subject_fits(home, second)


def test_years_are_periods_not_figures() -> None:
    contexts = figure_contexts("In 2024 Alibaba's revenue rose 7%.")
    assert [c.figure.text for c in contexts] == ["7%"]
    assert contexts[0].periods == {"2024"}


def test_question_focus_reads_subject_measure_and_period() -> None:
    focus = question_focus("What was Tencent's revenue in Q2 2025?")
    assert focus.subjects == {"tencent"}
    assert focus.measures == {"revenue"}
    assert focus.periods == {"Q2", "2025"}
    home = question_focus("How much has Alibaba committed to AI and cloud infrastructure?")
    assert home.subjects == frozenset()
    assert "investment" in home.measures


def test_question_measures_prefer_the_specific_term() -> None:
    assert question_focus("What is the price target for Alibaba?").measures == {"price target"}
    assert question_focus("What dividend per share did Alibaba pay?").measures == {"dividend"}
    size = question_focus("How big will the AI infrastructure market be worth by 2030?")
    assert "market size" in size.measures and "investment" not in size.measures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to AInvest, the outlook is mixed.", set()),  # not "invest"
        ("Alibaba will invest heavily.", {"investment"}),
        ("Its free cash flow fell.", {"free cash flow"}),
        ("Gross merchandise value (GMV) grew.", {"gmv"}),
        ("The firm repurchased shares.", {"buyback"}),
    ],
)
def test_measures_in(text: str, expected: set[str]) -> None:
    assert measures_in(text) == expected


def test_entities_and_home_aliases() -> None:
    assert other_entities("Amazon Web Services and Azure lead.") == {"aws", "microsoft"}
    assert other_entities("JD.com and Pinduoduo compete.") == {"jd", "pdd"}
    assert other_entities("Alibaba Cloud grew.") == set()
    assert mentions_home("Alibaba Cloud grew.")
    assert mentions_home("Taobao and Tmall sales rose.")
    assert not mentions_home("Tencent grew.")


def test_periods() -> None:
    assert periods("In Q4 2025 and H1 2024, not in 12025 or Q5.") == {"Q4", "2025", "H1", "2024"}
