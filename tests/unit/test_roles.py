"""Who holds a role, read from the name a document writes beside it."""

from __future__ import annotations

import pytest

from assistant.roles import asked_role, role_holder, same_role

TRANSCRIPT = [
    "Thank you, operator. Good morning.",
    "With me today are Alison Oakhurst, our Chairman and CEO; Pieter Vandersloot, our CFO; "
    "and Conrad Ellery, our Chief Credit Officer.",
    "Pieter Vandersloot -- Chief Financial Officer",
    "Chief Executive Gareth Pennick said sales rose.",
    "Jane Roe, the company's head of investor relations, declined to comment.",
]


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who's Ashgrove's CFO?", "CFO"),
        ("Who is the chief executive of Acme plc?", "chief executive"),
        ("who is the head of investor relations?", "head of investor relations"),
        ("Who won the contract?", None),
        # Asked in other words than titles use.
        ("Who is Acme Precision's finance chief?", "chief financial officer"),
        ("who heads investor relations at acme?", "head of investor relations"),
    ],
)
def test_the_role_a_question_asks_about(question: str, role: str | None) -> None:
    assert asked_role(question) == role


def test_initials_and_words_name_the_same_role() -> None:
    assert same_role("CFO", "Chief Financial Officer")
    assert same_role("chief executive", "CEO")  # "officer" may go unwritten
    assert same_role("chief executive", "Chief Executive Officer")
    assert not same_role("CFO", "Chief Credit Officer")
    assert not same_role("CEO", "Chairman")


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("CFO", "Pieter Vandersloot"),
        ("chief financial officer", "Pieter Vandersloot"),
        ("CEO", "Alison Oakhurst"),  # "our Chairman and CEO"
        ("chief credit officer", "Conrad Ellery"),
        ("Chief Executive", "Alison Oakhurst"),
        ("head of investor relations", "Jane Roe"),
        ("CTO", None),
    ],
)
def test_the_person_named_beside_a_role(role: str, name: str | None) -> None:
    found = role_holder(role, TRANSCRIPT)
    assert (found.name if found else None) == name


def test_a_title_written_before_the_name_is_not_part_of_it() -> None:
    found = role_holder("chief executive", TRANSCRIPT[3:])
    assert found is not None and found.name == "Gareth Pennick"


def test_the_lookup_reads_the_whole_corpus_when_retrieval_missed_the_role() -> None:
    from assistant.lookups import role_lookup
    from tests.unit.test_evidence import hits

    retrieved = hits("Acme's sales rose 4% in the quarter.")
    contact = hits("Contact: Jane Roe, Head of Investor Relations, Acme Group.")
    question = "Who is Acme Group's head of investor relations?"
    names = ("Acme", "Acme Group")
    assert role_lookup(question, retrieved, names) is None
    found = role_lookup(question, retrieved, names, lambda: [h.passage for h in contact])
    assert found is not None and found[0] == "Jane Roe [1]."
