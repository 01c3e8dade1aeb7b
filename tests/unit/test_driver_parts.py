"""The part one driver played in a move ("How much did currency add to operating profit?"),
a verb that only says a figure comes about ("expected to deliver"), a year's worth stated as
"annualised", and a noun that refers back to a name. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.antecedents import with_antecedent
from assistant.asking_verbs import without_progressive
from assistant.cues import asked_kinds
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.figures import RATE_KINDS
from assistant.matching import question_focus
from assistant.measures import figure_contexts
from assistant.periods import periods
from assistant.question import question_parts
from assistant.sentence_fit import SentenceReader
from assistant.text import stem
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Group",))
BRIDGE = (
    "Operating profit rose by $4.1 million. Volume added $3.9 million, price $1.1 million and "
    "currency $1.6 million."
)
MARGIN = "Adjusted operating margin was 16.9%, up 90 basis points."
WALK = "Price added about 35 basis points, while tariffs took away about 25 basis points."


def _reader() -> SentenceReader:
    return SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)


def test_a_driver_s_part_asks_the_driver_and_keeps_what_it_moved() -> None:
    focus = question_focus("How much did currency add to Acme's operating profit?", ACME)
    assert set(focus.measures) == {stem("currency")}
    assert stem("profit") in focus.driven and stem("earnings") in focus.driven
    margin = question_focus("How much did tariffs shave off the adjusted margin?", ACME)
    assert set(margin.measures) == {stem("tariffs")} and stem("margin") in margin.driven
    # A plain question about the measure has no driver.
    plain = question_focus("How much operating profit did Acme add in the year?", ACME)
    assert not plain.driven and stem("profit") in plain.measures


def test_a_driver_s_part_in_a_rate_is_in_points() -> None:
    assert asked_kinds("How much did tariffs shave off the adjusted margin?") >= RATE_KINDS
    assert not asked_kinds("How much did currency add to operating profit?") >= RATE_KINDS


def test_a_driver_s_part_is_read_where_what_it_moved_is_spoken_of() -> None:
    reader = _reader()
    (part,) = question_parts("How much did tariffs shave off the adjusted margin?", ACME)
    fit = reader.figure_fit(part, WALK, MARGIN)
    assert fit is not None and fit[1] == frozenset({"25 basis points"})
    # The same walk under sales growth is not the margin's.
    growth = "Organic sales grew 5.2% in the quarter."
    assert reader.figure_fit(part, WALK, growth) is None
    (money,) = question_parts("How much did currency add to operating profit?", ACME)
    fit = reader.figure_fit(money, BRIDGE.split(". ")[1], BRIDGE)
    assert fit is not None and fit[1] == frozenset({"$1.6 million"})


def test_a_verb_that_only_says_a_figure_comes_about_asks_nothing() -> None:
    asked = "How much in savings is the closure expected to deliver?"
    assert "deliver" not in without_progressive(asked)
    # A verb of change still names what is asked.
    assert "grow" in without_progressive("How much is revenue expected to grow?")


def test_annualised_and_per_annum_are_a_year_s_worth() -> None:
    assert "FY" in periods("about $28 million of annualised savings")
    assert "FY" in periods("savings of $28 million per annum")
    assert "FY" not in periods("savings of $28 million by the end of June")


def test_a_noun_referring_back_takes_the_name_the_sentence_before_gives() -> None:
    focus = question_focus("What will the Leeds closure cost?", ACME)
    assert "leeds" in focus.subjects
    before = "Acme will shut its Leeds depot in May."
    sentence = "The closure will cost about $5 million."
    (ctx,) = figure_contexts(sentence, ACME)
    assert "leeds" in with_antecedent(focus, ctx, before).named
    assert "leeds" not in with_antecedent(focus, ctx, "Acme will open a depot.").named


def test_a_noun_referring_back_keeps_the_name_it_went_with_earlier() -> None:
    focus = question_focus("How much will the Leeds closure save each year?", ACME)
    paragraph = "We booked a charge for the Leeds closure. That is mostly severance."
    sentence = "We expect the closure to save about $5 million a year."
    (ctx,) = figure_contexts(sentence, ACME)
    assert ctx.home  # "We": the company speaks
    named = with_antecedent(focus, ctx, paragraph)
    assert "leeds" in named.named and not named.home
    # A name the paragraph gives with another noun does not carry over.
    other = "We booked a charge for the Leeds depot. That is mostly severance."
    assert with_antecedent(focus, ctx, other).home


def test_a_driver_s_contribution_to_a_bridge_asks_the_driver_s_part() -> None:
    focus = question_focus("price contribution in acme's 1H profit bridge?", ACME)
    assert set(focus.measures) == {stem("price")}
    assert stem("profit") in focus.driven
    other = question_focus("what was the FX contribution to the operating profit bridge?", ACME)
    assert set(other.measures) == {"fx"} and stem("profit") in other.driven
    # A contribution with no bridge is a measure of its own ("contribution margin").
    plain = question_focus("what was the contribution to group profit?", ACME)
    assert not plain.driven
