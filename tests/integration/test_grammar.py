"""The draft grammar with the real bundled model (SmolLM2 through llama.cpp).

llama.cpp parses the grammar against the model's vocabulary, so a grammar that does not
parse is caught here (and turned into a ModelError instead of a crash). With the grammar,
the model's draft over real evidence sentences of the shipped article must end every
sentence with a citation of an evidence line and state only figures that line prints.
"""

from __future__ import annotations

import re

import pytest
from langchain_core.prompts import ChatPromptTemplate

from assistant.chain import prompts
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.figures import find_figures
from assistant.grammar import draft_grammar, line_figures
from assistant.llm import LocalChatModel, _compiled_grammar, make_chat_model
from assistant.verify import draft_sentences

pytestmark = pytest.mark.integration

CASES = [
    (
        "How much has Alibaba committed to AI and cloud infrastructure?",
        [
            "Over the past three years, the company has committed RMB 380 billion ($53 "
            "billion) to AI and cloud infrastructure.",
            "Free cash flow fell 76% year over year as capital spending rose.",
        ],
    ),
    (
        "How did adjusted EBITA change?",
        [
            "Adjusted EBITA fell 21% year over year to RMB 38.4 billion.",
            "Cloud revenue grew 34% to RMB 39.8 billion.",
            "The company opened new data centres abroad.",
        ],
    ),
]
_CITED_END = re.compile(r" \[(\d{1,3})\]\.$")


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    llm = make_chat_model(Settings(llm="local", _env_file=None))
    assert isinstance(llm, LocalChatModel)
    return llm


def test_the_grammar_parses_against_the_bundled_model(model: LocalChatModel) -> None:
    for _, lines in CASES:
        assert _compiled_grammar(model._llama(), draft_grammar(lines)) is not None
    with pytest.raises(ModelError, match="does not parse"):
        _compiled_grammar(model._llama(), 'root ::= "a" undefined-rule\n')


@pytest.mark.parametrize(("question", "lines"), CASES)
def test_constrained_drafts_cite_every_sentence_and_use_only_evidence_figures(
    model: LocalChatModel, question: str, lines: list[str]
) -> None:
    p = prompts()["answer"]
    prompt = ChatPromptTemplate.from_messages(
        [("system", p["system"].replace("{subject}", "Alibaba")), ("human", p["human"])]
    )
    evidence = "\n".join(f"[{i}] {line}" for i, line in enumerate(lines, 1))
    bound = model.bind(grammar=draft_grammar(lines))
    draft = str((prompt | bound).invoke({"evidence": evidence, "question": question}).content)
    sentences, rest = draft_sentences(draft, final=True)
    assert sentences and not rest, draft
    for sentence in sentences:
        end = _CITED_END.search(sentence)
        assert end, f"{sentence!r} does not end with a citation"
        n = int(end.group(1))
        assert 1 <= n <= len(lines), sentence
        # Figures written with digits come only from the line the sentence cites (number
        # words such as "six" are letters, which the grammar cannot tell from other words).
        stated = [f.text for f in find_figures(sentence) if any(c.isdigit() for c in f.text)]
        assert set(stated) <= set(line_figures(lines[n - 1])), sentence
