"""The verified chain with fakes: a retriever over made-up passages, a bag-of-words embedder
and the deterministic fake chat model. No model is loaded; each test runs in milliseconds.
"""

from __future__ import annotations

import hashlib
import math
import re

import pytest

from assistant.answer import Answer
from assistant.chain import ChainInput, ChainOptions, VerifiedChain
from assistant.chunking import Passage
from assistant.figures import find_figures
from assistant.llm import FakeChatModel
from assistant.presupposed import move_question
from assistant.retrieval import Hit
from assistant.text import tokenize

DIM = 64


class BagOfWords:
    """A deterministic embedder: hashed word counts, normalised."""

    def embed_query(self, text: str) -> list[float]:
        vec = [0.0] * DIM
        for token in tokenize(text):
            vec[int(hashlib.md5(token.encode()).hexdigest(), 16) % DIM] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]


class FakeRetriever:
    """Returns every passage, best first by the embedder's similarity."""

    def __init__(self, docs: dict[str, str]) -> None:
        self.embedder = BagOfWords()
        self.passages = [
            Passage(
                f"{doc}:0",
                doc,
                doc,
                "article" if doc == "article" else "source",
                f"Title of {doc}",
                f"https://example.com/{doc}",
                "",
                0,
                0,
                len(text),
                text,
            )
            for doc, text in docs.items()
        ]

    def retrieve(
        self,
        query: str,
        k: int,
        doc_ids: list[str] | None = None,
        vector: list[float] | None = None,
    ) -> list[Hit]:
        vector = vector or self.embedder.embed_query(query)
        scored = []
        for p in self.passages:
            if doc_ids and p.doc_id not in doc_ids:
                continue
            sim = sum(a * b for a, b in zip(vector, self.embedder.embed_query(p.text), strict=True))
            scored.append((sim, p))
        scored.sort(key=lambda x: -x[0])
        return [Hit(p, sim, sim, i, i) for i, (sim, p) in enumerate(scored[:k])]


DOCS = {
    "article": (
        "Acme has committed $53 billion to cloud infrastructure over three years. "
        "Free cash flow fell 76% in the quarter due to heavy spending on data centres.\n\n"
        "Adjusted EBITA in the shopping business fell 21% year on year."
    ),
    "source-1": "Acme has committed $60 billion to cloud infrastructure over three years.",
}


def run(
    question: str,
    *,
    replies: list[str] | None = None,
    elaborate: bool = False,
    docs: dict[str, str] | None = None,
    caveat=None,
    references=None,
) -> tuple[list[str | Answer], FakeChatModel]:
    llm = FakeChatModel(replies=replies or [])
    options = ChainOptions(
        subject_names=("Acme",), elaborate=elaborate, caveat=caveat, references=references
    )
    chain = VerifiedChain(FakeRetriever(docs or DOCS), llm, options)
    events = list(chain.stream(ChainInput(question, question, 5, None)))
    return events, llm


def final(events: list[str | Answer]) -> Answer:
    assert isinstance(events[-1], Answer)
    return events[-1]


def test_answer_opens_with_a_cited_direct_line_then_quotes() -> None:
    events, llm = run("How much did free cash flow fall?")
    answer = final(events)
    assert answer.direct.startswith("Down 76%")
    assert answer.text.startswith(answer.direct)
    assert events[0] == answer.direct  # the direct line streams first
    assert answer.citations and "76%" in answer.citations[0].quote
    assert llm.calls == 0  # the bundled-model default asks the model for nothing


def test_unanswerable_question_abstains_without_calling_the_model() -> None:
    events, llm = run("How many employees does Acme have in Spain?")
    answer = final(events)
    assert answer.abstained and answer.direct == ""
    assert not find_figures(answer.text)
    assert llm.calls == 0


def test_documents_that_disagree_are_each_shown_with_their_own_source() -> None:
    answer = final(run("How much has Acme committed to cloud infrastructure?")[0])
    shown = {f.normalised for f in answer.figures}
    assert {"USD 53000000000", "USD 60000000000"} <= shown
    assert {c.doc_id for c in answer.citations} == {"article", "source-1"}


def test_false_premise_is_corrected_first_with_a_citation() -> None:
    answer = final(run("Why did adjusted EBITA rise 21%?")[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources say it fell 21%, not rose [")
    cited = int(answer.direct.split("[")[1].split("]")[0])
    assert "21%" in next(c.quote for c in answer.citations if c.n == cited)


def test_a_why_question_that_takes_the_wrong_direction_is_corrected() -> None:
    docs = {
        "article": (
            "Orders were $1,184.0 million in the fourth quarter, up 8% from a year earlier, "
            "driven by demand from data centres."
        )
    }
    answer = final(run("Why did Acme's fourth-quarter orders fall?", docs=docs)[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources say it rose 8%, not fell [")
    right = final(run("Why did Acme's fourth-quarter orders rise?", docs=docs)[0])
    assert right.premise is None and not right.abstained


def test_model_sentences_are_added_only_when_verified() -> None:
    good = "Free cash flow fell 76% in the quarter [1]."
    events, llm = run("How much did free cash flow fall?", replies=[good], elaborate=True)
    answer = final(events)
    assert llm.calls == 1 and answer.model_words
    assert answer.text.endswith(good)
    bad = "Free cash flow fell 10.1% [1]."
    answer = final(run("How much did free cash flow fall?", replies=[bad], elaborate=True)[0])
    assert not answer.model_words and "10.1%" not in answer.text
    assert any("10.1%" in d.sentence for d in answer.dropped)


def test_caveats_come_from_the_lookup_for_each_shown_figure() -> None:
    def caveat(citation, figure):
        return "not checked" if citation.doc_id == "article" and "76" in figure.text else None

    answer = final(run("How much did free cash flow fall?", caveat=caveat)[0])
    assert [c.message for c in answer.caveats] == ["not checked"]
    assert answer.caveats[0].figure == "76%"


@pytest.mark.parametrize(
    "question",
    ["How much did free cash flow fall?", "How much has Acme committed to cloud infrastructure?"],
)
def test_streamed_text_is_the_final_text(question: str) -> None:
    events, _ = run(question)
    assert "".join(e for e in events if isinstance(e, str)) == final(events).text


def test_a_value_two_documents_state_is_cited_to_both() -> None:
    docs = {
        "article": "Acme has committed $53 billion to cloud infrastructure over three years.",
        "source-1": "Acme plans to spend $53 billion on cloud infrastructure over three years.",
    }
    answer = final(run("How much has Acme committed to cloud infrastructure?", docs=docs)[0])
    assert answer.direct in ("$53 billion [1][2].", "$53 billion [2][1].")
    assert {c.doc_id for c in answer.citations} == {"article", "source-1"}
    assert "different figure" not in answer.text


def test_each_quote_stands_on_a_line_of_its_own() -> None:
    from assistant.scoring import answer_sentences

    answer = final(run("How much has Acme committed to cloud infrastructure?")[0])
    support = answer.text.removeprefix(answer.direct).strip()
    assert len(support.splitlines()) == len(answer.citations)
    # Each quote is a sentence citing only itself, whether or not it ends with a full stop.
    for _text, markers in answer_sentences(support):
        assert len(markers) == 1


def test_a_mistyped_measure_is_read_as_the_corpus_word() -> None:
    answer = final(run("How much did free cash flwo fall in the quarter?")[0])
    assert not answer.abstained
    assert "76%" in answer.direct
    assert answer.question == "How much did free cash flwo fall in the quarter?"


def test_a_comparison_the_sources_reverse_is_corrected_with_both_figures_cited() -> None:
    docs = {
        "article": "Initech's gross merchandise volume grew 46% year on year in the quarter.",
        "source-1": "Acme's gross merchandise volume grew 5% year on year in the quarter.",
    }
    answer = final(run("Why is Initech's GMV growing slower than Acme's?", docs=docs)[0])
    assert answer.premise is not None and "faster" in answer.premise
    assert answer.direct.startswith("Initech's is faster than Acme's, not slower: 46% against 5%")
    # The correction cites both quotes, and each holds one of its figures.
    opening = answer.direct.split(".")[0]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", opening)}
    quotes = {c.n: c.quote for c in answer.citations}
    assert {"46%", "5%"} == {f for n in cited for f in ("46%", "5%") if f in quotes[n]}
    right = final(run("Why is Initech's GMV growing faster than Acme's?", docs=docs)[0])
    assert right.premise is None


def test_one_sentence_answers_each_side_of_a_comparison_with_its_own_figure() -> None:
    docs = {"article": "Initech's GMV grew 46% year on year, while Acme's GMV grew 5%."}
    answer = final(run("How does Initech's GMV growth compare with Acme's?", docs=docs)[0])
    assert "Initech: up 46%" in answer.direct and "Acme: up 5%" in answer.direct
    wrong = final(run("Why is Initech's GMV growing slower than Acme's?", docs=docs)[0])
    assert wrong.direct.startswith("Initech's is faster than Acme's, not slower")


SOURCED = {
    "article": (
        "Acme built its own cloud chip to cut reliance on imported hardware [2]. "
        "Acme has committed $53 billion to cloud infrastructure [1].\n\n"
        "[1] Acme doubles down, https://example.com/one\n\n[2] Acme's chip, https://example.com/two"
    ),
    "source-1": "Acme has committed $53 billion to cloud infrastructure over three years.",
    "source-2": "The Widget Weekly page on Acme's chip was published by Widget Weekly.",
}


def test_the_source_the_article_cites_for_a_claim_is_named_and_both_are_quoted() -> None:
    references = {1: "source-1", 2: "source-2"}
    answer = final(
        run(
            "Which outlet does the article lean on for the in-house cloud chip claim?",
            docs=SOURCED,
            references=lambda: references,
        )[0]
    )
    assert answer.direct.endswith("[2]: the article cites it for this [1].")
    assert [(c.n, c.doc_id) for c in answer.citations] == [(1, "article"), (2, "source-2")]
    assert "own cloud chip" in answer.citations[0].quote
    assert not answer.abstained
    # Without a reference list, or for a claim no marked sentence makes, no source is named.
    plain = final(run("Which outlet does the article lean on for the chip claim?", docs=SOURCED)[0])
    assert "cites it" not in plain.text
    unmade = final(
        run(
            "Which outlet is cited for the dividend policy?",
            docs=SOURCED,
            references=lambda: references,
        )[0]
    )
    assert "cites it" not in unmade.text


def test_a_why_question_is_checked_against_the_figure_its_reasons_leave_out() -> None:
    # The reasons state no figure; the move the question takes for granted is in a table row.
    docs = {
        "article": (
            "Acme sensor sales to chipmakers increased on strong demand for etching tools. "
            "Acme sensor sales benefited from new sensor contracts with carmakers. "
            "Acme sensor sales also gained from sensor price revisions.\n\n"
            "Sensors \u2014 Net sales % change: 17.3; Segment profit % change: 38.2"
        )
    }
    answer = final(run("Why did Acme's sensor sales decline?", docs=docs)[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources say it rose 17.3%, not fell [")
    right = final(run("Why did Acme's sensor sales increase?", docs=docs)[0])
    assert right.premise is None


def test_a_move_claimed_before_a_reason_asked_is_checked_against_the_sources() -> None:
    # No sentence says why revenue fell, nor holds 3%: the claim is looked up on its own.
    docs = {
        "article": (
            "Acme revenue rose 5.3% to $1,148.2 million in fiscal 2026.\n\n"
            "Acme's ferry unit carried more passengers than ever."
        )
    }
    question = "Acme's revenue fell 3% in fiscal 2026 - what caused the decline?"
    answer = final(run(question, docs=docs)[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources give 5.3% [")
    # A claim that holds, or no claim before the ask, is no premise to correct.
    held = final(run("Acme's revenue rose 5.3% in fiscal 2026 - what drove it?", docs=docs)[0])
    assert held.premise is None


def test_the_move_a_reason_question_takes_for_granted_is_asked_on_its_own() -> None:
    assert move_question("Why did orders fall?") == "How much did orders fall?"
    claim = "Acme's revenue fell 3% in FY26 - what caused the decline?"
    assert move_question(claim) == "Acme's revenue fell 3% in FY26"
    assert move_question("Acme's revenue fell 3% in FY26 \u2014 what drove it?")
    assert move_question("Acme's revenue in FY26 - what was it?") is None  # no reason asked
    assert move_question("Acme cut jobs - what caused that?") is None  # no figure claimed
    assert move_question("What drove revenue in FY26?") is None
    # The value a move is claimed to reach is what is checked: it is not looked up.
    assert move_question("Why did Globex cut its target to $3.20?") == (
        "How much did Globex cut its target?"
    )
    # Of two moves claimed, the one that claims a figure is looked up.
    assert move_question("Why did Globex Securities downgrade Acme and cut its target to $3?") == (
        "How much did Globex Securities cut its target?"
    )
    # "so much" asks no second measure: how much it went up.
    assert move_question("why did fuel costs go up so much in Q3?") == (
        "How much did fuel costs go up in Q3?"
    )


def test_a_why_question_is_checked_on_the_group_figure_not_a_part_s_row() -> None:
    # The reasons' best quote is a segment's row; the move asked is the group's.
    docs = {
        "article": (
            "Ferries \u2014 Revenue FY26 ($m): 376.4; Revenue FY25 ($m): 356.1; Change: 5.7%\n\n"
            "In FY26 the group's sales rose 5.3% to $1,148.2 million."
        )
    }
    wrong = final(run("Why did Acme's revenue fall in FY26?", docs=docs)[0])
    assert wrong.premise is not None
    assert wrong.direct.startswith("The sources say it rose 5.3%, not fell [")


def test_who_holds_a_role_is_the_name_beside_it_or_the_sources_do_not_say() -> None:
    docs = {"article": "Acme's results were presented by Jane Roe, our CFO, and the board."}
    answer = final(run("Who is Acme's CFO?", docs=docs)[0])
    assert answer.direct == "Jane Roe [1]."
    assert answer.citations[0].quote.startswith("Acme's results were presented by Jane Roe")
    nobody = final(run("Who is Acme's chief operating officer?", docs=docs)[0])
    assert nobody.abstained


def test_a_figure_the_question_dates_to_another_quarter_is_corrected() -> None:
    docs = {
        "article": (
            "Acme's net interest margin was 3.18% in the third quarter, up 6 basis points from "
            "3.12% in the second quarter."
        )
    }
    answer = final(
        run("Why did Acme's margin compress to 3.12% in the third quarter?", docs=docs)[0]
    )
    assert answer.direct.startswith("The sources give 3.12% for Q2, not for Q3 [")
    right = final(run("Why did Acme's margin rise to 3.18% in the third quarter?", docs=docs)[0])
    assert right.premise is None
    # A year the question names is not written into the correction: its quote may lack it.
    dated = final(run("Why did Acme's margin compress to 3.12% in Q3 2026?", docs=docs)[0])
    assert dated.direct.startswith("The sources give 3.12% for Q2, not for Q3 [")


def test_a_follow_up_is_answered_as_resolved_and_earlier_names_are_recased() -> None:
    docs = {
        "article": "In Q3 Zyxwv Go carried 3.5 million passengers at a load factor of 89.4%.",
        "source-1": "The price target is EUR 9.80 (previous: EUR 12.10).",
    }
    llm = FakeChatModel(replies=[])
    chain = VerifiedChain(FakeRetriever(docs), llm, ChainOptions(subject_names=("Acme",)))
    # A name typed in lower case reads as the corpus writes it, for "its" to find it.
    assert chain.recased("how many passengers did zyxwv go carry?").endswith("Zyxwv Go carry?")
    # The figure a follow-up asks is read from the resolved question, not the bare one.
    asked = "what's the previous price target?"
    events = list(chain.stream(ChainInput("what was it before they cut it?", asked, 5, None)))
    assert final(events).text.startswith("EUR 12.10")


def test_a_yes_or_no_question_asserting_a_figure_is_corrected() -> None:
    docs = {
        "article": (
            "Acme remains on track to deliver £800 million of cost savings over three years "
            "to March 2032."
        )
    }
    answer = final(run("Is Acme still on track for the £1.5bn of cost savings?", docs=docs)[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources give £800 million [")
    right = final(run("Is Acme still on track for the £800 million of cost savings?", docs=docs)[0])
    assert right.premise is None and not right.abstained
    # A bar the question sets ("above £1.5bn") is asked, not asserted.
    bar = final(run("Will Acme's cost savings come in above £1.5bn?", docs=docs)[0])
    assert bar.premise is None


def test_a_price_target_the_question_claims_is_checked_like_any_figure() -> None:
    docs = {"article": "Globex Securities raised its price target on Acme to $4.40 from $3.85."}
    answer = final(run("Why did Globex Securities cut its price target to $3.20?", docs=docs)[0])
    assert answer.premise is not None and "$4.40" in answer.premise
    assert answer.direct.startswith("The sources give $4.40 [")
    # A goal ("its margin target of 12%") is still no claim of what happened.
    goal = final(run("Will Acme reach its margin target of 12%?", docs=docs)[0])
    assert goal.premise is None


def test_a_bill_that_went_up_is_corrected_by_the_costs_that_fell() -> None:
    docs = {
        "article": (
            "Acme's fuel costs were $574 million in the quarter, down 3.6% year on year, "
            "as hedged prices more than offset the extra flying."
        )
    }
    answer = final(run("why did Acme's fuel bill go up so much this quarter?", docs=docs)[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources say it fell 3.6%, not rose [")


def test_a_figure_that_was_only_expected_is_not_taken_as_what_happened() -> None:
    docs = {
        "article": (
            "Widget sales fell 0.8% (-2.9% expected), as toys offset a weaker mix. "
            "Gadget sales declined 2.9% in the period."
        )
    }
    answer = final(run("Widget sales dropped 2.9% - what drove such a big fall?", docs=docs)[0])
    assert answer.direct.startswith("The sources give 0.8%; 2.9% was expected [")
    # A question that says the figure was expected takes nothing for granted.
    said = final(run("Widget sales were expected to fall 2.9% - what happened?", docs=docs)[0])
    assert said.premise is None
    # Nor does one about the owner whose actual figure it is.
    gadgets = final(run("Gadget sales declined 2.9% - why?", docs=docs)[0])
    assert gadgets.premise is None
