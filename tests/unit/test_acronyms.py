"""Acronyms as analysts write them ("ROA", "NPLs", "NIM") against the words documents use."""

from __future__ import annotations

from assistant.abbreviations import spelled_words, spells
from assistant.amounts import magnitude
from assistant.chunking import Passage
from assistant.entities import Subject, names_in
from assistant.figures import find_figures
from assistant.matching import keeps_ratio, qualifiers_fit, question_focus, stem_match
from assistant.measures import figure_contexts, row_contexts
from assistant.question import asks_value
from assistant.retrieval import _spellings

ACME = Subject("Acme Stores", ("Acme",))


def _passage(text: str, n: int = 0) -> Passage:
    return Passage(f"p{n}", "doc", "doc", "source", "Doc", "", "", n, 0, len(text), text)


def test_a_plural_acronym_and_a_prefixed_common_word_are_not_names() -> None:
    assert names_in("NPLs as a % of total loans at 9/30?") == []
    assert names_in("Nonperforming loans climbed to 0.71%") == []
    assert names_in("- **Noninterest income** was $96.8 million") == []
    assert [m.text for m in names_in("**Acme Corp** said so")] == ["Acme Corp"]


def test_words_that_go_on_to_an_acronym_of_their_own_spell_no_other() -> None:
    rotce = "Return on average tangible common equity (ROTCE) \u2014 3Q26: 14.6%"
    assert spelled_words("roa", rotce) is None
    assert spelled_words("roa", "Return on average assets \u2014 3Q26: 1.08%") == [
        "return",
        "on",
        "average",
    ]
    assert spells("nim", "net interest margin (NIM) and net interest income (NII)")
    assert not spells("pt", "P/TBV: 1.5x")  # a clipped form gives no letters
    assert not spells("nim", "Net income ($m) \u2014 3Q26: 140.6")  # nor a lone "m"


def test_the_spelling_an_acronym_is_searched_by_prefers_a_label_to_prose() -> None:
    passages = [
        _passage("The rate outlook assumes three cuts. Our rate outlook assumes more.", 0),
        _passage(
            "Efficiency ratio \u2014 3Q26: 57.9%\nReturn on average assets \u2014 3Q26: 1.08%", 1
        ),
    ]
    assert _spellings("ROA", passages) == "return on average"
    assert _spellings("ROA", passages[:1]) == "rate outlook assumes"
    assert _spellings("XYZ", passages) == ""


def test_a_table_titled_key_ratios_does_not_make_its_cells_ratios_of_their_label() -> None:
    row = "Return on average assets \u2014 3Q26: 1.08%; Change q/q (bps): 1"
    level, change = row_contexts(row, heading="Key ratios")
    focus = question_focus("What was return on average assets in 3Q26?")
    assert keeps_ratio(focus, level) and keeps_ratio(focus, change)


def test_a_basis_points_cell_is_written_with_its_unit() -> None:
    [cell] = find_figures("Efficiency ratio \u2014 Change q/q (bps): (80)")
    assert magnitude(cell) == "80 bps"
    assert find_figures(magnitude(cell))[0].matches(find_figures("80 basis points")[0])


def test_an_acronym_in_the_document_stands_for_the_words_asked() -> None:
    [ctx, _] = row_contexts("Management expects 4Q26 NCOs \u2014 low: 35 bps; high: 45 bps")
    focus = question_focus("Where do they see net charge-offs landing in 4Q26?")
    assert stem_match(focus, ctx) == 1.0
    other = question_focus("Where do they see net interest income landing in 4Q26?")
    assert stem_match(other, ctx) < 0.5


def test_where_a_measure_ends_or_lands_is_a_value_question() -> None:
    assert asks_value("where did CET1 end the quarter")
    assert asks_value("Where do they see net charge-offs landing in 4Q26?")
    assert not asks_value("Where does the company operate?")


def test_a_verb_after_a_figure_is_no_head_noun() -> None:
    [ctx] = figure_contexts("2029 expense growth guidance of 4% to 5% implies another year.")
    assert ctx.head == ""


def test_a_document_acronym_counts_only_where_it_spells_the_whole_measure() -> None:
    [ctx] = row_contexts("GM & Clothing \u2014 2031/32 Q1: (2.4)%")
    assert stem_match(question_focus("What is the company's share of the grocery market?"), ctx) < 1


def test_acronyms_with_an_ampersand_are_measure_words() -> None:
    assert question_focus("What's the guide for retail underlying D&A this year?").measures == {
        "d&a",
        "retail",
        "underly",
    }


def test_a_short_word_of_a_qualifier_may_be_its_initials() -> None:
    focus = question_focus("What was consensus looking for on GM & Clothing in Q1?", ACME)
    assert focus.qualifiers == {"gm & clothing"}
    text = "General Merchandise and Clothing sales declined 2.4% (-0.9% expected) in Q1."
    assert qualifiers_fit(focus, text)
    assert not qualifiers_fit(focus, "Grocery sales rose 4.1% (3.3% expected) in Q1.")


def test_an_acronym_s_spelling_is_looked_up_in_the_passages_once_per_index(monkeypatch) -> None:
    import assistant.retrieval as retrieval

    scans: list[str] = []
    real = retrieval._spellings
    monkeypatch.setattr(retrieval, "_spellings", lambda a, ps: scans.append(a) or real(a, ps))
    passages = [_passage("Return on average assets \u2014 3Q26: 1.08%")]
    state = retrieval._State(None, passages, {}, ["doc"], None)  # type: ignore[arg-type]
    assert retrieval._spelt_out_terms("ROA in the quarter?", state) == ["return", "averag"]
    assert retrieval._spelt_out_terms("ROA last year?", state) == ["return", "averag"]
    assert scans == ["ROA"]  # the second question reads the stored spelling


def test_an_ampersand_in_an_acronym_is_an_and_in_the_words_it_spells() -> None:
    assert spells("r&d", "Research and development expense rose 11%.")
    assert spells("sg&a", "selling, general and administrative expenses")
    assert not spells("m&a", "volume/mix added JPY 3.9bn")


def test_ebit_asked_is_answered_by_operating_profit_stated() -> None:
    from assistant.matching import answers
    from assistant.synonyms import spell_out_acronyms

    said = "Acme now expects underlying operating profit of between £640 million and £710 million."
    (ctx,) = figure_contexts(said, ACME)
    for asked in ("What underlying EBIT does Acme now expect?", "What EBIT does Acme expect?"):
        assert answers(question_focus(asked, ACME), ctx), asked
    # Another basis is still another: EBITDA is not operating profit.
    assert not answers(question_focus("What EBITDA does Acme expect?", ACME), ctx)
    # Searching, the letters carry their name: the embedding model cannot read them.
    assert (
        spell_out_acronyms("underlying EBIT guide?") == "underlying EBIT (operating profit) guide?"
    )
    assert spell_out_acronyms("EBITDA guide?") == "EBITDA guide?"
    # An acronym of several meanings is not spelled out: EV/EBITDA is no electric vehicle.
    assert spell_out_acronyms("What EV/EBITDA is it on?") == "What EV/EBITDA is it on?"


def test_an_ebit_margin_asked_is_the_operating_margin_stated() -> None:
    from assistant.matching import answers

    said = "Its operating margin fell to 8.7% from 9.3% after heavy maintenance."
    ctx = figure_contexts(said, ACME)[0]
    assert answers(question_focus("What was the EBIT margin?", ACME), ctx)
    # A pretax margin is another basis.
    pretax = figure_contexts("Its pretax margin fell to 8.7% from 9.3%.", ACME)[0]
    assert not answers(question_focus("What was the EBIT margin?", ACME), pretax)


def test_a_ratio_named_by_its_acronym_answers_the_acronym_asked() -> None:
    focus = question_focus("Where did CET1 end the quarter?", ACME)
    stated = figure_contexts("Acme's CET1 ratio was an estimated 11.1% at quarter end.", ACME)
    assert keeps_ratio(focus, stated[0])
    # A margin of a measure is still no answer to the measure itself.
    ebitda = question_focus("Where did EBITDA end the year?", ACME)
    margin = figure_contexts("Acme's EBITDA margin improved to 19.4%.", ACME)
    assert not keeps_ratio(ebitda, margin[0])


def test_common_acronyms_that_spell_their_name_are_named_for_the_search() -> None:
    from assistant.synonyms import spell_out_acronyms

    assert spell_out_acronyms("fcf 1h") == "fcf (free cash flow) 1h"
    assert spell_out_acronyms("nim guide 4q") == "nim (net interest margin) guide 4q"
    # ... as words, not inside other words ("fcfs", "animal").
    assert spell_out_acronyms("animal spirits") == "animal spirits"
