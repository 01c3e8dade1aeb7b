"""Measures named by one word that makes them another measure: a ratio by its kind ("leverage
ratio"), sales by a basis or a channel ("LFL", "online"), a rating action by its direction;
and measures left unsaid: by a list's lead-in, by the owner's rival in the same sentence."""

from __future__ import annotations

from assistant.antecedents import with_lead_in
from assistant.chunking import Passage
from assistant.entities import Subject
from assistant.focus import question_focus
from assistant.matching import answers
from assistant.measure_fit import _one_country_for_abroad, another_ratio
from assistant.measures import figure_contexts
from assistant.retrieval import Hit
from assistant.sentences import introduces, split_hits
from assistant.synonyms import plain_terms

ACME = Subject("Acme Bancorp", ("Acme",))


def _answers(question: str, sentence: str, figure: str) -> bool:
    ctx = next(c for c in figure_contexts(sentence, ACME) if c.figure.text == figure)
    return answers(question_focus(question, ACME), ctx)


def test_a_ratio_of_another_kind_answers_no_ratio_asked() -> None:
    cet1 = "Acme ended the quarter with a common equity tier 1 ratio of 11.4%."
    assert not _answers("What is Acme's tier 1 leverage ratio?", cet1, "11.4%")
    assert _answers("What was Acme's common equity tier 1 ratio?", cet1, "11.4%")
    # The acronym asked is spelled out by the clause: that is left to the acronym checks.
    assert not another_ratio("cet1 ratio", cet1)
    assert another_ratio("leverage ratio", cet1)
    assert not another_ratio("leverage ratio", "Its leverage ratio was 8.1%.")
    assert not another_ratio("leverage ratio", "The ratio was 8.1%.")  # names no other kind


def test_sales_on_a_narrower_basis_or_channel_need_that_word() -> None:
    total = "Acme's Homewares sales fell 2.4% in the quarter."
    assert not _answers("What was Homewares' like-for-like sales growth?", total, "2.4%")
    assert not _answers("What was Homewares' online sales growth?", total, "2.4%")
    assert _answers("How did Homewares sales do in the quarter?", total, "2.4%")
    lfl = "Homewares like-for-like sales fell 1.9% in the quarter."
    assert _answers("What was Homewares' LFL sales growth?", lfl, "1.9%")
    organic = "Group organic revenue growth was 3.3%."
    assert _answers("What was Acme's like-for-like revenue growth?", organic, "3.3%")


def test_one_country_s_sales_answer_no_question_about_sales_abroad() -> None:
    china = "Sales to customers in China made up 19.6% of Acme's net sales."
    asked = "What proportion of Acme's sales came from overseas customers?"
    assert not _answers(asked, china, "19.6%")
    # Only a question about sales abroad is held to it, and a clause saying abroad passes.
    words = question_focus(asked, ACME).words
    abroad = "Sales to overseas customers in Asia and Europe were 63.7% of net sales."
    assert _one_country_for_abroad(words, china) and not _one_country_for_abroad(words, abroad)
    china_asked = question_focus("What share of sales came from customers in China?").words
    assert not _one_country_for_abroad(china_asked, china)


def test_an_upgrade_trigger_answers_no_downgrade_question() -> None:
    up = "Brightline said it could upgrade Acme if leverage stays below 2.5x."
    question = "Above what leverage would Brightline downgrade Acme?"
    assert not _answers(question, up, "2.5x")
    down = "Brightline said it could downgrade Acme if leverage rises above 3.5x."
    assert _answers(question, down, "3.5x")


def test_who_would_act_on_the_company_is_a_source_not_an_owner() -> None:
    focus = question_focus("Above what leverage would Brightline consider downgrading Acme?")
    assert "brightline" in focus.sources
    assert "brightline" not in focus.subjects | focus.qualifiers
    assert not {"consider", "brightlin"} & focus.measures  # asks leverage and the downgrade
    lift = question_focus("To what level might Brightline lift Acme's rating?")
    assert "brightline" in lift.sources


def _hit(text: str) -> Hit:
    passage = Passage("p0", "doc", "doc", "source", "Doc", "", "", 0, 0, len(text), text)
    return Hit(passage, 0.0, 0.0, None, None)


def test_a_list_item_is_measured_by_its_bold_lead_in_too() -> None:
    text = (
        "**Factors that could lead to a downgrade:**\n\n"
        "- Net leverage sustained above 3.5x;\n"
        "- Interest cover below 4x."
    )
    assert introduces("**Factors that could lead to a downgrade:**")
    assert introduces("For 2027 the group expects:")
    assert not introduces("**Factors that could lead to a downgrade**")
    item = next(c for c in split_hits([_hit(text)]) if "3.5x" in c[3])
    sentence, context = item[3], item[4]
    assert context.startswith("**Factors")
    ctx = next(c for c in figure_contexts(sentence, ACME) if c.figure.text == "3.5x")
    focus = question_focus("Above what leverage would Acme be downgraded?", ACME)
    led = with_lead_in(ctx, sentence, context)
    assert dict(led.weights)["downgrad"] == 0.5
    assert answers(focus, led)
    # Without a lead-in that ends in a colon, the item keeps its own words only.
    assert with_lead_in(ctx, sentence, "Leverage fell.") is ctx


def test_a_rival_beside_the_owner_takes_the_measure_left_unsaid() -> None:
    said = (
        "Acme's share of the card market rose to 6.1%, while the US rival Initech Pay "
        "remained the market leader with 11.2%."
    )
    rival = next(c for c in figure_contexts(said, ACME) if c.figure.text == "11.2%")
    assert "shar" in dict(rival.weights)
    assert _answers("What share of the card market does Initech Pay hold?", said, "11.2%")
    # Without "while ... with", the second figure keeps its own words.
    plain = "Acme's share rose to 6.1%; Initech Pay had revenue growth of 11.2%."
    other = next(c for c in figure_contexts(plain, ACME) if c.figure.text == "11.2%")
    assert "shar" not in dict(other.weights)


def test_an_acronym_that_spells_most_of_the_measure_answers_it() -> None:
    row = "Initech Air \u2014 Ticker: INTA; Q3 26 LF: 84.2%; Q3 26 EBIT margin: 10.9%"
    question = "Initech Air seat load factor, q3 26?"
    ctx = next(c for c in figure_contexts(row, ACME) if c.figure.text == "84.2%")
    assert answers(question_focus(question, ACME), ctx)
    # "GM" spells two of four words asked: no answer to a market share.
    gm = "Acme \u2014 Q1: GM: (2.4)%"
    share = question_focus("What is Acme's share of the UK grocery market?", ACME)
    assert not any(answers(share, c) for c in figure_contexts(gm, ACME))


def test_all_in_asks_a_total() -> None:
    assert plain_terms("All in, how much is Acme putting into the plant?").startswith(
        "in total, how much"
    )
    assert "all" not in question_focus("All in, how much is Acme putting into the plant?").measures
    said = plain_terms("How many pure EVs did Acme hand over to customers in 1H26?")
    assert said == "How many battery-electric vehicles did Acme deliver in 1H26?"
