"""Verification of drafts against the quotes they cite, and streaming splits (no model)."""

from __future__ import annotations

import re

import pytest

from assistant.entities import Subject
from assistant.figures import parse_figure
from assistant.verify import disagree, draft_sentences, verify_sentence

FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})

QUOTE_SHARE = "Alibaba Cloud now holds a 33% market share in China, outpacing Huawei [5]."
QUOTE_FCF = "Free cash flow has plummeted 76% in one quarter due to heavy spending [1]."
QUOTE_PRICE = "For instance, Alibaba Cloud slashed API prices by up to 97%, boosting adoption [2]."


@pytest.mark.parametrize(
    ("draft", "quotes", "kept", "reason_has"),
    [
        ("Alibaba Cloud holds a 33% market share [1].", {1: QUOTE_SHARE}, True, ""),
        ("Revenue grew 33% [1].", {1: QUOTE_SHARE}, False, "market share"),
        (
            "Alibaba cut API prices by 97% [1].",
            {1: QUOTE_FCF, 2: QUOTE_PRICE},
            False,
            "not in the cited evidence [1]",
        ),
        ("Alibaba cut API prices by 97% [2].", {1: QUOTE_FCF, 2: QUOTE_PRICE}, True, ""),
        ("Free cash flow fell 76%.", {1: QUOTE_FCF}, False, "without a citation"),
        ("Free cash flow fell 76% [7].", {1: QUOTE_FCF}, False, "[7]"),
        ("Alibaba is expanding abroad.", {1: QUOTE_FCF}, False, "cites no evidence"),
        (
            "Free cash flow plummeted in one quarter [1][7].",
            {1: QUOTE_FCF},
            True,
            "unknown citation [7]",
        ),
        ("Alibaba is expanding abroad [1].", {1: QUOTE_FCF}, False, "says nothing"),
        ("Free cash flow fell seventy-six percent [1].", {1: QUOTE_FCF}, True, ""),
    ],
)
def test_verify_sentence(draft: str, quotes: dict[int, str], kept: bool, reason_has: str) -> None:
    verdict = verify_sentence(draft, quotes)
    assert verdict.kept is kept, verdict
    assert reason_has in verdict.reason
    assert not re.search(r"\[7\]", verdict.sentence)


def test_verify_sentence_keeps_both_markers() -> None:
    verdict = verify_sentence("Free cash flow fell 76% [1][2].", {1: QUOTE_FCF, 2: QUOTE_FCF})
    assert verdict.kept
    assert verdict.cited == [1, 2]
    assert verdict.sentence == "Free cash flow fell 76% [1][2]."


def test_a_citation_that_holds_none_of_the_figures_is_taken_off() -> None:
    verdict = verify_sentence("Free cash flow fell 76% [1][2].", {1: QUOTE_FCF, 2: QUOTE_PRICE})
    assert verdict.kept
    assert verdict.cited == [1]
    assert verdict.sentence == "Free cash flow fell 76% [1]."
    assert "removed citation [2]" in verdict.reason


def test_verify_sentence_normalises_figures() -> None:
    verdict = verify_sentence(
        "Alibaba committed US$53bn to AI [1].",
        {1: "The company has committed $53 billion to AI [1]."},
    )
    assert verdict.kept
    assert [(f.normalised(), n) for f, n in verdict.figures] == [("USD 53000000000", 1)]


def test_verify_sentence_checks_the_measure_of_the_figure_not_of_its_sentence() -> None:
    quote = "Alibaba's net income surged 76%, while its gross merchandise value grew 5%."
    verdict = verify_sentence("Alibaba's net income grew 5% [1].", {1: quote})
    assert not verdict.kept


def test_draft_sentences_moves_a_marker_after_the_stop_into_the_sentence() -> None:
    done, rest = draft_sentences("Free cash flow fell 76%. [1] Prices fell 97% [2][3].", final=True)
    assert done == ["Free cash flow fell 76% [1].", "Prices fell 97% [2][3]."]
    assert rest == ""
    assert verify_sentence(done[0], {1: QUOTE_FCF}).kept


def test_draft_sentences_holds_back_the_sentence_still_being_written() -> None:
    done, rest = draft_sentences("Free cash flow fell 76% [1]. Prices fell", final=False)
    assert done == ["Free cash flow fell 76% [1]."]
    assert rest == "Prices fell"
    assert draft_sentences("", final=True) == ([], "")


def test_draft_sentences_streaming_keeps_a_marker_split_across_tokens() -> None:
    # A real model streams "[1]" as several tokens after the full stop.
    tokens = [
        "Free",
        " cash",
        " flow",
        " fell",
        " 76%.",
        " [",
        "1",
        "]",
        " Prices",
        " fell",
        " 97%",
        " [",
        "2",
        "].",
        "",
    ]
    buffer, sentences = "", []
    for token in tokens:
        buffer += token
        done, buffer = draft_sentences(buffer, final=False)
        sentences += done
    sentences += draft_sentences(buffer, final=True)[0]
    quotes = {1: QUOTE_FCF, 2: QUOTE_PRICE}
    assert [verify_sentence(s, quotes).kept for s in sentences] == [True, True], sentences


def test_disagree() -> None:
    a = "Over three years, the company has committed $53 billion to AI and cloud infrastructure."
    same = "Alibaba committed $53 billion to AI and cloud infrastructure over three years."
    other = "Alibaba committed $60 billion to AI and cloud infrastructure over three years."
    yuan = "Alibaba plans to spend RMB 380 billion on AI and cloud infrastructure."
    home = Subject("Alibaba")
    assert disagree(a, other, FIGURE_KINDS, home)
    assert not disagree(a, same, FIGURE_KINDS, home)
    assert not disagree(a, yuan, FIGURE_KINDS, home)  # another currency is not another value


def test_a_market_size_does_not_disagree_with_a_commitment() -> None:
    commitment = (
        "Over the past three years, the company has committed $53 billion to AI and "
        "cloud infrastructure."
    )
    market = (
        "Alibaba is positioned to capitalize on the $1.8 trillion global AI "
        "infrastructure market by 2030."
    )
    assert parse_figure("$1.8 trillion").value == 1.8e12
    assert not disagree(commitment, market, FIGURE_KINDS)


# --------------------------------------------------------------------------- holes found on the way


@pytest.mark.parametrize("draft", ["The answer is: [2].", "[1]", "See [1].", "Yes [1]."])
def test_a_sentence_that_only_cites_is_dropped(draft: str) -> None:
    verdict = verify_sentence(draft, {1: QUOTE_FCF, 2: QUOTE_PRICE})
    assert not verdict.kept, verdict


def test_a_figure_free_sentence_that_says_what_its_quote_says_is_kept() -> None:
    verdict = verify_sentence(
        "Heavy spending drove the drop in free cash flow [1].", {1: QUOTE_FCF}
    )
    assert verdict.kept, verdict


def test_no_marker_is_left_hanging_after_an_empty_sentence() -> None:
    done, _ = draft_sentences("[1]  [2].  [3].", final=True)
    kept = [
        v
        for v in (verify_sentence(s, {1: QUOTE_FCF, 2: QUOTE_PRICE, 3: QUOTE_SHARE}) for s in done)
        if v.kept
    ]
    assert kept == []
