"""What a sentence takes from the one before it in its paragraph. Made-up text."""

from __future__ import annotations

from assistant.antecedents import qualified_before
from assistant.entities import Subject
from assistant.matching import question_focus
from assistant.synonyms import same_measure
from assistant.text import stem

ACME = Subject("Acme", ("Acme Group",))
BEFORE = "Fighting child hunger in partnership with Globex Aid."


def test_a_qualifier_the_sentence_before_names_qualifies_a_sentence_naming_no_one() -> None:
    focus = question_focus("how much is Acme aiming to raise with Globex Aid by 2030?", ACME)
    assert focus.qualifiers == frozenset({"globex aid"})
    after = "New goal to raise £25 million by 2030 across the region."
    assert qualified_before(focus, after, BEFORE, ACME, frozenset()).qualifiers == frozenset()
    # A sentence naming someone of its own keeps the question's qualifier to itself.
    other = "Initech pledged £10 million by 2030."
    assert qualified_before(focus, other, BEFORE, ACME, frozenset()) == focus
    # Nor does a sentence before that names another lend it.
    elsewhere = "Fighting child hunger with Initech."
    assert qualified_before(focus, after, elsewhere, ACME, frozenset()) == focus


def test_an_aim_is_a_target() -> None:
    assert stem("ambition") in same_measure(stem("aim"))
    assert stem("target") in same_measure(stem("goal"))
    assert stem("completed") in same_measure(stem("executed"))  # "how much of the buyback"
