"""A name of common words ("Coastal Rail") typed in lower case is read as the name where the
corpus uses it as one. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.typed_names import typed_names, with_typed_names

TEXTS = [
    "## Coastal Rail\n\nCoastal Rail revenue rose 4% as Coastal Rail carried 2.1 million "
    "passengers. Growth at Home Delivery was slower.",
    "The group said Coastal Rail's margin improved, and the Home Delivery unit broke even. Our "
    "Chief Executive said Home Delivery remains a priority; home delivery volumes fell.",
    "Its Chief Executive and the Chief Executive of Initech met twice.",
]


def test_a_name_of_common_words_used_as_one_is_typed_in_lower_case() -> None:
    names = typed_names(TEXTS)
    assert "Coastal Rail" in names
    # Written in lower case too ("home delivery volumes"): a phrase, not only a name; a role
    # is no name either.
    assert "Home Delivery" not in names and "Chief Executive" not in names


def test_a_question_typing_the_name_in_lower_case_reads_it_as_the_name() -> None:
    names = typed_names(TEXTS)
    assert with_typed_names("coastal rail pax growth", names) == "Coastal Rail pax growth"
    assert with_typed_names("how did coastal railways do", names) == "how did coastal railways do"
