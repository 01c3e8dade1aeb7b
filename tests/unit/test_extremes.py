"""Which owner's rate is the extreme ("which division grew fastest?"). Made-up text; no
model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import EvidenceSentence
from assistant.extremes import extreme_asked, extreme_first
from assistant.question import question_parts
from tests.unit.test_evidence import hits

ACME = Subject("Acme", ("Acme Group",))
ROWS = [
    "Acme's revenue rose 5.3% to $1.4 billion in the year.",
    "Pumps \u2014 Revenue FY31 ($m): 172.6; Change: (3.8)%; Operating margin FY31: 5.7%",
    "Valves \u2014 Revenue FY31 ($m): 91.5; Change: 16.6%; Operating margin FY31: 20.9%",
    "Seals revenue rose 6.5% to $290 million, at a margin of 13.9%.",
]


def _ranked(question: str, answering: list[set[str]]) -> list[str]:
    """The rows in the order their scores rank them once the extreme is put first."""
    (part,) = question_parts(question, ACME)
    hit = hits()[0]
    scored = [
        EvidenceSentence(hit, 0, 0, row, "", 0.5, 0.0, bool(figs), 1.0, 0, frozenset(figs))
        for row, figs in zip(ROWS, answering, strict=True)
    ]
    ranked = sorted(extreme_first(part, scored, None, ACME), key=lambda s: -s.score)
    return [s.text.split()[0] for s in ranked]


def test_which_with_a_superlative_asks_the_extreme() -> None:
    assert extreme_asked("Which division grew fastest in the year?") == 1
    assert extreme_asked("which segment had the lowest margin?") == -1
    assert extreme_asked("How fast did revenue grow?") == 0
    assert extreme_asked("Which is the most recent margin?") == 0


def test_the_fastest_growing_division_answers_first() -> None:
    growth = [{"5.3%"}, {"(3.8)%"}, {"16.6%"}, {"6.5%"}]
    assert _ranked("Which division grew its revenue fastest?", growth)[0] == "Valves"
    # A fall is the slowest growth.
    assert _ranked("Which division grew its revenue slowest?", growth)[0] == "Pumps"


def test_the_division_with_the_lowest_margin_answers_first() -> None:
    margins = [set(), {"5.7%"}, {"20.9%"}, {"13.9%"}]
    assert _ranked("Which division had the lowest margin?", margins)[0] == "Pumps"
    assert _ranked("Which division had the highest margin?", margins)[0] == "Valves"
    # Not asked for an extreme, the order stays the scores'.
    assert _ranked("What margin did the divisions make?", margins)[0] == "Pumps"


def test_which_segment_asks_a_parts_rate_not_the_groups() -> None:
    # The group's own margin, lower than every division's on another basis, is no division's.
    group = "GAAP operating margin \u2014 FY31: 4.9%; FY30: 5.2%"
    rows = [group, ROWS[1], ROWS[2]]
    (part,) = question_parts("Which division had the lowest margin?", ACME)
    scored = [
        EvidenceSentence(hits()[0], 0, 0, row, "", 0.5, 0.0, True, 1.0, 0, frozenset(figs))
        for row, figs in zip(rows, [{"4.9%"}, {"5.7%"}, {"20.9%"}], strict=True)
    ]
    ranked = sorted(extreme_first(part, scored, None, ACME), key=lambda s: -s.score)
    assert ranked[0].text.startswith("Pumps")
    # ... and so does "which the lowest" after it, which takes "division" from the question.
    asked = "Which division had the highest margin and which the lowest?"
    second = question_parts(asked, ACME)[1]
    ranked = sorted(extreme_first(second, scored, None, ACME, asked), key=lambda s: -s.score)
    assert ranked[0].text.startswith("Pumps")


def test_a_superlative_asks_how_a_figure_ranks_not_what_it_measures() -> None:
    from assistant.question import question_focus

    assert set(question_focus("Which segment had the highest margin?", ACME).measures) == {"margin"}
    assert set(question_focus("the lowest operating margin", ACME).measures) == {
        "operat",
        "margin",
    }


def test_the_extremes_answer_takes_no_other_value() -> None:
    from assistant.evidence import Evidence
    from assistant.question import question_focus
    from assistant.quotes import pick_quotes
    from tests.unit.test_clauses_and_other_values import _said

    row = "Valves ($m) \u2014 Revenue: $88.1; Adjusted operating margin: 19.7%; Change: 90 bps"
    best = _said(0, row, "", {"19.7%"})
    group = _said(1, "- Adjusted operating margin was 16.9%, up 90 basis points.", "", {"16.9%"})
    asked = "Which division had the highest margin in Q4?"
    evidence = Evidence([best, group], question_focus(asked, ACME), frozenset({"percent"}))
    roles = [role for _, _, role in pick_quotes(evidence, [best, group], asked, ACME, 3)]
    assert roles == ["part"]
