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
    "Acme's revenue rose 5.7% to $1.2 billion in the year.",
    "Pumps \u2014 Revenue FY26 ($m): 187.4; Change: (4.2)%; Operating margin FY26: 6.1%",
    "Valves \u2014 Revenue FY26 ($m): 96.3; Change: 18.2%; Operating margin FY26: 21.4%",
    "Seals revenue rose 7.0% to $310 million, at a margin of 14.8%.",
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
    growth = [{"5.7%"}, {"(4.2)%"}, {"18.2%"}, {"7.0%"}]
    assert _ranked("Which division grew its revenue fastest?", growth)[0] == "Valves"
    # A fall is the slowest growth.
    assert _ranked("Which division grew its revenue slowest?", growth)[0] == "Pumps"


def test_the_division_with_the_lowest_margin_answers_first() -> None:
    margins = [set(), {"6.1%"}, {"21.4%"}, {"14.8%"}]
    assert _ranked("Which division had the lowest margin?", margins)[0] == "Pumps"
    assert _ranked("Which division had the highest margin?", margins)[0] == "Valves"
    # Not asked for an extreme, the order stays the scores'.
    assert _ranked("What margin did the divisions make?", margins)[0] == "Pumps"
