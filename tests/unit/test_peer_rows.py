"""A rival's figures in a peer table and in prose: the row's label owns its cells, a rating or
ticker in brackets after a name owns nothing,
and "per the <writer>'s peer comp" names a source, not a measure. Made-up text."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.focus import without_sources
from assistant.matching import question_focus, states_noun, subject_fits
from assistant.measures import figure_contexts, row_contexts
from assistant.owners import owners
from assistant.question import question_parts
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme Bancorp", ("Acme",))
ROW = "Clearbrook Financial \u2014 Ticker: CBFC; NIM: 2.88%; Efficiency ratio: 60.4%"


def _cell(row: str, figure: str):
    return next(c for c in row_contexts(row) if c.figure.text == figure)


def test_a_row_label_owns_its_cells_for_the_name_it_gives() -> None:
    cell = _cell(ROW, "2.88%")
    assert subject_fits(question_focus("What was Clearbrook Financial's NIM?", ACME), cell)
    assert not subject_fits(question_focus("What was Penrose Street's NIM?", ACME), cell)


def test_a_rating_in_brackets_after_a_name_owns_nothing() -> None:
    rivals, home = owners("Clearbrook Financial (Market Perform) runs a", ACME, places=False)
    assert rivals == frozenset({"clearbrook financial"}) and not home
    said = (
        "Clearbrook Financial (Market Perform) runs a 2.88% NIM, while Penrose Street "
        "Bancshares (Underperform) earns 3.29%."
    )
    (first, second) = figure_contexts(said, ACME)
    focus = question_focus("What was Clearbrook's NIM?", ACME)
    assert subject_fits(focus, first) and not subject_fits(focus, second)
    # Words in the brackets besides the name make it no aside: "(with Globex)" names Globex.
    assert "globex" in owners("Acme (with Globex) holds", ACME)[0]


def test_per_a_writers_document_is_a_source_and_per_a_unit_is_a_rate() -> None:
    assert "comp" not in without_sources(
        "What NIM did Clearbrook post, per the Thistlewood peer comp?"
    )
    assert "note" not in without_sources("fy26 ebitda, according to Mizuho's latest note?")
    assert "Zentro store" in without_sources("what was revenue per Zentro store?")
    focus = question_focus("What NIM did Clearbrook post, per the Thistlewood peer comp?", ACME)
    assert set(focus.measures) == {"nim"}


def test_a_bullet_with_no_owner_goes_on_about_the_name_before_it() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("Zyxwv volume growth in Q1?", ACME, frozenset({"zyxwv"}))
    bullet = "\u00b7 Solid volume growth of 1.8 per cent despite a hard comparison"
    under = reader.figure_fit(
        part, bullet, "", "Q1 trading statement", 0.0, "More Zyxwv, more often"
    )
    assert under is not None and under[1] == frozenset({"1.8 per cent"})
    before = "Our Zyxwv plan is driving choice and service."
    assert reader.figure_fit(part, bullet, before, "Q1 trading statement", 0.0, "") is not None
    # Under another name's heading the bullet is not the one asked about.
    assert reader.figure_fit(part, bullet, "", "Q1 trading statement", 0.0, "Zu clothing") is None


def test_a_figure_asked_of_a_named_source_is_one_that_source_is_heard_giving() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("What's Penrose Street's price target on Acme?", ACME, frozenset())
    assert part.focus.sources == frozenset({"penrose street"})
    target = "Our price target on Acme is $44.00."
    # Another broker's note, or the article quoting no one, is not Penrose Street's figure.
    other_note = ("Acme note", 0.0, "", "Thistlewood Securities")
    assert reader.figure_fit(part, target, "", *other_note) is None
    assert reader.figure_fit(part, target, "", "Acme note", 0.0, "", "Penrose Street Research")
    speaker = "Jo Kim, an analyst at Penrose Street, said:"
    assert reader.figure_fit(part, target, speaker, "Acme article", 0.0, "", "Daily News")
    # A person is heard by surname; a firm by its initials in the byline.
    (cfo,) = question_parts("What margin, according to Anil Desai?", ACME, frozenset())
    assert reader.figure_fit(cfo, "Desai said Acme's margin was 18%.", "", "", 0.0, "", "")
    (dp,) = question_parts("What's Acme's price target, per DP?", ACME, frozenset({"dp"}))
    assert reader.figure_fit(dp, target, "", "Acme note", 0.0, "", "Dunmore Partners")


def test_how_much_of_a_noun_is_not_answered_by_a_count_of_something_else() -> None:
    focus = question_focus("how much compensation is Acme getting for the late jets?", ACME)
    planned = "Acme now expects seven new jets this year, against 11 it had planned."
    paid = "Acme will receive $20 million in compensation for the late jets."
    count = next(c for c in figure_contexts(planned, ACME) if c.figure.text == "11")
    assert not states_noun(focus, count)
    assert states_noun(focus, figure_contexts(paid, ACME)[0])
