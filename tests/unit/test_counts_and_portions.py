"""A count asked ("h1 deliveries") is answered by the count the verb before it delivers, not
by a portion of it ("24% of all deliveries") nor by last year's value in an aside. Made-up
text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.text import stem
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Motors", ("Acme",))


def _fit(question: str, sentence: str, known: frozenset[str] = frozenset()) -> frozenset[str]:
    return fit_figures(question, sentence, ACME, "Acme Motors half-year report", known)


def test_a_verbs_noun_and_the_verb_share_a_stem() -> None:
    assert stem("deliveries") == stem("delivered") == stem("delivery")
    assert stem("recovery") == stem("recovered")
    assert stem("every") == "every"  # too short to be a verb's noun


def test_the_count_a_verb_delivers_answers_the_verbs_noun() -> None:
    sentence = (
        "Initech grew first-half revenue by 12% to $4.2 billion and delivered 310,000 vehicles "
        "in the period."
    )
    known = frozenset({"initech"})
    assert _fit("Initech h1 deliveries", sentence, known) == frozenset({"310,000"})


def test_a_portion_of_the_measure_asked_answers_no_question_for_the_measure() -> None:
    sentence = "Electric vehicles accounted for 17.2% of all deliveries in the first half."
    both = f"Acme delivered 52,000 electric vehicles in the first half. {sentence}"
    assert _fit("electric vehicle deliveries h1", both) == frozenset({"52,000"})
    # Asked as a share, the portion answers.
    assert _fit("what share of deliveries were electric in h1", sentence) == frozenset({"17.2%"})
    hedged = "About 58% of its fuel needs for next year are already hedged."
    assert _fit("how much of next year's fuel needs are hedged", hedged) == frozenset({"58%"})
    row = "EV share of deliveries \u2014 H1 2026: 17.2%; H1 2025: 13.1%"
    assert _fit("ev share of deliveries h1", row) >= frozenset({"17.2%"})
    assert _fit("ev deliveries h1", row) == frozenset()


def test_a_half_asked_without_a_year_is_the_half_reported_not_last_years_in_an_aside() -> None:
    sentence = "Electric deliveries rose 25% to 52,000 units (H1 2025: 41,600 units)."
    assert _fit("electric deliveries h1", sentence) == frozenset({"52,000"})
    assert _fit("electric deliveries h1 2025", sentence) == frozenset({"41,600"})


def test_a_sentence_stating_a_total_ranks_first_where_a_total_is_asked() -> None:
    from assistant.evidence import TOTAL_BONUS, _total_bonus

    group = "Across trains and buses the Group carried 6.1 million passengers (FY25: 5.9 million)."
    one = "The bus fleet carried 3.2 million passengers, up from 3.0 million in FY25."
    asked = "total passengers in fy25"
    assert _total_bonus(asked, group, frozenset({"5.9 million"})) == TOTAL_BONUS
    assert _total_bonus(asked, one, frozenset({"3.0 million"})) == 0.0
    assert _total_bonus("bus passengers in fy25", group, frozenset({"5.9 million"})) == 0.0


def test_a_terse_questions_noun_is_the_thing_counted() -> None:
    from assistant.matching import question_focus
    from assistant.text import stem as stem_of

    assert question_focus("vehicles carried by ferries", ACME).noun == stem_of("vehicles")
    sentence = "The ferries carried 2.8 million passengers, together with 410,000 vehicles."
    assert _fit("vehicles carried by ferries", sentence) == frozenset({"410,000"})
