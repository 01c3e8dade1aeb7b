"""The draft grammar, read as text (no model): what it lets a draft say and what it refuses.

The grammar is regular (no rule refers back to itself), so the test turns it into a Python
regular expression and checks whole drafts against it, as llama.cpp would accept them.
"""

from __future__ import annotations

import re

import pytest

from assistant.chain import ChainInput, ChainOptions, VerifiedChain
from assistant.chunking import Passage
from assistant.grammar import draft_grammar, gbnf_literal, line_figures, numbered_lines
from assistant.llm import FakeChatModel
from assistant.retrieval import Hit

EVIDENCE = [
    "Revenue rose 76% to $53 billion, or RMB 380 billion, in the quarter.",
    "Margins fell (3.7)% while costs held at 1,200 stores.",
    "The company opened new offices abroad.",
]

_TOKEN = re.compile(
    r'\s*(?:(?P<lit>"(?:\\.|[^"\\])*")|(?P<cls>\[(?:\\.|[^\]\\])*\])'
    r"|(?P<name>[a-zA-Z][a-zA-Z0-9-]*)|(?P<rep>\{\d+,\d+\})|(?P<op>[()|?*+]))"
)


def _unescape(literal: str) -> str:
    body = literal[1:-1]
    return re.sub(r"\\(x[0-9A-Fa-f]{2}|.)", _unescape_one, body)


def _unescape_one(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("x") and len(code) == 3:
        return chr(int(code[1:], 16))
    return {"n": "\n", "r": "\r", "t": "\t"}.get(code, code)


def _rules(grammar: str) -> dict[str, str]:
    rules = {}
    for line in grammar.strip().splitlines():
        name, body = line.split("::=", 1)
        assert name.strip() not in rules, f"rule {name.strip()} defined twice"
        rules[name.strip()] = body.strip()
    return rules


def to_regex(grammar: str) -> re.Pattern[str]:
    """The grammar's language as a regular expression (a test-only reading of GBNF)."""
    rules = _rules(grammar)

    def convert(name: str, seen: tuple[str, ...]) -> str:
        assert name in rules, f"rule {name!r} is used but never defined"
        assert name not in seen, f"rule {name!r} is recursive"
        out, body, pos = [], rules[name], 0
        while pos < len(body.rstrip()):
            match = _TOKEN.match(body, pos)
            assert match, f"cannot read {body[pos:]!r} in rule {name}"
            pos = match.end()
            if match.group("lit"):
                out.append("(?:" + re.escape(_unescape(match.group("lit"))) + ")")
            elif match.group("cls"):
                out.append(match.group("cls"))
            elif match.group("name"):
                out.append("(?:" + convert(match.group("name"), (*seen, name)) + ")")
            elif match.group("rep"):
                out.append(match.group("rep"))
            else:
                out.append("(?:" if match.group("op") == "(" else match.group("op"))
        return "".join(out)

    return re.compile(convert("root", ()))


@pytest.fixture(scope="module")
def accepts() -> re.Pattern[str]:
    return to_regex(draft_grammar(EVIDENCE))


@pytest.mark.parametrize(
    "draft",
    [
        "Revenue rose 76% to $53 billion [1].",
        "RMB 380 billion was the revenue, up 76% [1].",
        "Margins fell (3.7)% in the period [2]. The company opened offices abroad [3].",
        "It opened new offices, far from home [1].",
        "The company's year-end report was upbeat [3].",
    ],
)
def test_cited_drafts_with_evidence_figures_are_accepted(
    accepts: re.Pattern[str], draft: str
) -> None:
    assert accepts.fullmatch(draft)


@pytest.mark.parametrize(
    ("draft", "why"),
    [
        ("Revenue rose 77% in the quarter [1].", "a figure the evidence does not print"),
        ("Revenue rose 76 percent in 2024 [1].", "digits outside an evidence figure"),
        ("Revenue rose 76% in the quarter [2].", "a figure cited to a line that lacks it"),
        ("Revenue rose 76% in the quarter [4].", "a citation with no evidence line"),
        ("Revenue rose 76% in the quarter.", "no citation"),
        ("Revenue rose 76% in the quarter [1]", "no full stop after the citation"),
        ("revenue rose in the quarter [1].", "a sentence that starts in lower case"),
        ("Revenue rose [1].", "fewer than three words"),
        ("Revenue rose $53bn in the quarter [1].", "a figure not written as printed"),
        ("A b c [3]. A b c [3]. A b c [3].", "more than two sentences"),
        ("Revenue rose 76% in the quarter [1].\nMore text [1].", "a line break"),
    ],
)
def test_drafts_outside_the_evidence_are_refused(
    accepts: re.Pattern[str], draft: str, why: str
) -> None:
    assert not accepts.fullmatch(draft), why


def test_every_digit_in_the_grammar_is_inside_a_quoted_figure_or_citation() -> None:
    grammar = draft_grammar(EVIDENCE)
    literals = re.findall(r'"(?:\\.|[^"\\])*"', grammar)
    figures = {"76%", "$53 billion", "RMB 380 billion", "(3.7)%", "1,200"}
    allowed = figures | {" [1].", " [2].", " [3]."}
    assert {_unescape(lit) for lit in literals if re.search(r"\d", lit)} == allowed
    for cls in re.findall(r"\[[^\]]*\]", re.sub(r'"(?:\\.|[^"\\])*"', "", grammar)):
        assert not re.search(r"\d|0-9", cls), f"character class {cls} allows digits"


def test_figures_are_taken_per_line_as_printed() -> None:
    assert line_figures(EVIDENCE[0]) == ["76%", "$53 billion", "RMB 380 billion"]
    assert line_figures("Sales of six stores grew 5% and 5% again.") == ["5%"]
    assert line_figures(EVIDENCE[2]) == []


def test_lines_keep_their_own_citation_numbers() -> None:
    lines = ["[2] Costs rose 9% in the year.", "[5] Sales fell 4% in the year."]
    assert numbered_lines(lines) == [(2, lines[0][4:]), (5, lines[1][4:])]
    accepts = to_regex(draft_grammar(lines))
    assert accepts.fullmatch("Costs rose 9% in the year [2].")
    assert accepts.fullmatch("Sales fell 4% in the year [5].")
    assert not accepts.fullmatch("Sales fell 4% in the year [1].")


def test_literals_escape_quotes_backslashes_and_control_characters() -> None:
    assert gbnf_literal('say "76%" \\ now\n') == r'"say \"76%\" \\ now\n"'
    grammar = draft_grammar(['The "core" unit grew 12% in C:\\data [1].'])
    assert to_regex(grammar).fullmatch("Core grew 12% in the year [1].")


def test_no_evidence_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one evidence line"):
        draft_grammar([])


class _OnePassage:
    """A retriever holding one passage; its embedder scores by shared words."""

    def __init__(self, text: str) -> None:
        self.embedder = self
        self.passage = Passage("a:0", "a", "a", "article", "A", "", "", 0, 0, len(text), text)

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]

    def retrieve(self, query, k, doc_ids=None, vector=None) -> list[Hit]:
        return [Hit(self.passage, 1.0, 1.0, 0, 0)]


@pytest.mark.parametrize("grammar", [True, False])
def test_the_chain_hands_the_model_a_grammar_only_when_asked(grammar: bool) -> None:
    text = "Free cash flow fell 76% in the quarter due to heavy spending."
    llm = FakeChatModel(replies=["Free cash flow fell 76% in the quarter [1]."])
    options = ChainOptions(subject_names=("Acme",), elaborate=True, grammar=grammar)
    chain = VerifiedChain(_OnePassage(text), llm, options)
    question = "How much did free cash flow fall?"
    answer = list(chain.stream(ChainInput(question, question, 5, None)))[-1]
    assert llm.calls == 1 and answer.model_words
    (given,) = llm.grammars
    if grammar:
        assert given is not None and '"76%"' in given and '" [1]."' in given
    else:
        assert given is None
