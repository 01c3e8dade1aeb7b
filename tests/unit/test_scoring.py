"""Deterministic scoring of one answer and the summary metrics (no model, hand-built answers)."""

from __future__ import annotations

from assistant.answer import Answer, Citation
from assistant.figures import find_figures, parse_figure
from assistant.scoring import (
    SUMMARY_KEYS,
    EvalQuestion,
    answer_sentences,
    figure_stated,
    percentile,
    score_answer,
    summarise,
)

DOCUMENTED_KEYS = {
    "n",
    "figure_accuracy",
    "term_accuracy",
    "source_hit_rate",
    "citation_precision",
    "citation_recall",
    "retrieval_recall_at_k",
    "abstention_accuracy",
    "false_refusal_rate",
    "premise_accuracy",
    "premise_false_alarm_rate",
    "direct_rate",
    "model_words_share",
    "latency_p50_s",
    "latency_p95_s",
    "first_text_p50_s",
}

CAPEX_QUOTE = (
    "Over the past three years, the company has committed $53 billion to AI and cloud "
    "infrastructure, driving triple-digit year-over-year growth in AI-related revenue for "
    "six consecutive quarters [1]."
)
CLOUD_QUOTE = (
    "This dominance is fueled by AI-native tools such as Qwen3 and the Lingma coding "
    "assistant, which have driven an 18% year-over-year revenue increase in Q4 2025 [1]."
)
ABSTENTION = "The article and its sources do not say, so I cannot answer that."

CAPEX = EvalQuestion(
    id="capex",
    question="How much has Alibaba committed to AI and cloud infrastructure?",
    expected_figures=("$53 billion",),
    expected_sources=("article", "source-2"),
)
TOOLS = EvalQuestion(
    id="tools",
    question="Which AI tools are driving growth at Alibaba Cloud?",
    expected_terms=("Qwen3", "Lingma"),
    expected_sources=("article",),
)
HEADCOUNT = EvalQuestion(
    id="headcount", question="How many employees does Alibaba have?", answerable=False
)


def cite(n: int, quote: str, doc_id: str = "article") -> Citation:
    return Citation(
        n=n,
        doc_id=doc_id,
        title="Alibaba's Strategic AI Push",
        url="https://example.com/article",
        quote=quote,
        passage_id=f"{doc_id}-p{n}",
        start=0,
        end=len(quote),
    )


def answer(
    text: str,
    citations: list[Citation] | None = None,
    *,
    abstained: bool = False,
    retrieved_docs: list[str] | None = None,
    **fields: object,
) -> Answer:
    return Answer(
        question="q",
        text=text,
        citations=citations or [],
        abstained=abstained,
        retrieved_docs=["article"] if retrieved_docs is None else retrieved_docs,
        **fields,  # type: ignore[arg-type]
    )


# --- score_answer ----------------------------------------------------------------------------


def test_correct_answer_scores_every_hit() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba has committed $53 billion to AI and cloud infrastructure [1].",
            [cite(1, CAPEX_QUOTE)],
        ),
        0.5,
    )
    assert result.figures_hit is True
    assert result.source_hit is True
    assert result.retrieval_hit is True
    assert result.terms_hit is None
    assert result.abstention_ok is None
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (1, 1)
    assert result.why == ""
    assert result.passed


def test_missing_figure_is_a_miss_with_the_reason() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba has made a large commitment to AI infrastructure [1].", [cite(1, CAPEX_QUOTE)]
        ),
        0.5,
    )
    assert result.figures_hit is False
    assert "missing figure $53 billion" in result.why
    assert not result.passed


def test_paraphrased_figure_counts() -> None:
    quote = "Alibaba plans to spend RMB 380 billion (about US$53 billion) over three years."
    result = score_answer(
        CAPEX,
        answer("It has pledged roughly US$53bn to AI and cloud [1].", [cite(1, quote, "source-2")]),
        0.1,
    )
    assert result.figures_hit is True
    assert result.source_hit is True
    assert result.citation_ok == result.citation_checks == 1


def test_expected_terms_are_case_insensitive() -> None:
    hit = score_answer(
        TOOLS, answer("Tools such as qwen3 and LINGMA [1].", [cite(1, CLOUD_QUOTE)]), 0
    )
    miss = score_answer(TOOLS, answer("Qwen3 drives it [1].", [cite(1, CLOUD_QUOTE)]), 0)
    assert hit.terms_hit is True
    assert miss.terms_hit is False
    assert "missing term Lingma" in miss.why


def test_wrong_source_cited_names_what_was_cited() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba committed $53 billion [1].", [cite(1, "It committed $53 billion.", "source-5")]
        ),
        0,
    )
    assert result.source_hit is False
    assert "no expected source cited (cited: source-5)" in result.why


def test_retrieval_miss_is_recorded() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba committed $53 billion [1].",
            [cite(1, CAPEX_QUOTE)],
            retrieved_docs=[
                "source-5",
                "source-3",
            ],
        ),
        0,
    )
    assert result.retrieval_hit is False
    assert result.source_hit is True


def test_figure_on_unanswerable_question_fails_abstention() -> None:
    result = score_answer(
        HEADCOUNT, answer("Alibaba has about 200,000 employees.", abstained=True), 0.2
    )
    assert result.abstention_ok is False
    assert result.why.startswith("stated a figure on an unanswerable question")
    assert result.figures_hit is None
    assert result.source_hit is None


def test_clean_abstention_on_unanswerable_question_passes() -> None:
    result = score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), 0.2)
    assert result.abstention_ok is True
    assert result.passed


def test_answering_an_unanswerable_question_without_figures_still_fails() -> None:
    result = score_answer(HEADCOUNT, answer("Alibaba employs many people."), 0.2)
    assert result.abstention_ok is False
    assert result.why == "did not abstain"


def test_abstained_answerable_question_is_a_false_refusal() -> None:
    result = score_answer(CAPEX, answer(ABSTENTION, abstained=True), 0.3)
    assert result.abstained is True
    assert result.figures_hit is False
    assert result.why == "abstained"
    summary = summarise([result])
    assert summary["false_refusal_rate"] == 1.0
    assert summary["figure_accuracy"] == 0.0


# --- Citations -------------------------------------------------------------------------------


def test_citation_precision_catches_a_quote_without_the_figure() -> None:
    text = (
        "Alibaba has committed $53 billion to AI and cloud infrastructure [1]. "
        "Cloud revenue grew 18% in Q4 2025 [1]."
    )
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (2, 1)
    assert "citation [1] quote lacks 18%" in result.why
    summary = summarise([result])
    assert summary["citation_precision"] == 0.5
    assert summary["citation_recall"] == 0.5


def test_markers_after_the_full_stop_belong_to_the_sentence_before() -> None:
    text = "Alibaba committed $53 billion. [1] Cloud revenue grew 18%. [2]"
    assert answer_sentences(text) == [
        ("Alibaba committed $53 billion.", (1,)),
        ("Cloud revenue grew 18%.", (2,)),
    ]
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 2)


def test_uncited_figure_lowers_citation_recall_only() -> None:
    text = "Alibaba committed $53 billion [1]. Free cash flow fell 76%."
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (2, 1)
    assert "uncited figure 76%" in result.why


def test_citation_to_a_missing_number_fails() -> None:
    result = score_answer(
        CAPEX, answer("Alibaba committed $53 billion [3].", [cite(1, CAPEX_QUOTE)]), 0
    )
    assert (result.citation_checks, result.citation_ok) == (1, 0)
    assert "citation [3] does not exist" in result.why


def test_two_quotes_may_share_a_sentence_with_two_figures() -> None:
    text = "Alibaba committed $53 billion and cloud revenue grew 18% [1][2]."
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 2)
    assert result.figure_sentences_cited == 1


def test_a_marker_after_a_figure_its_quote_lacks_fails_though_the_sentence_is_held() -> None:
    # [2] holds the sentence's other figure, so a whole-sentence check would pass it.
    text = "Alibaba committed $53 billion [1][2] and cloud revenue grew 18% [2]."
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 1)
    assert result.figure_sentences_cited == 0
    assert "citation [2] follows $53 billion, which its quote lacks" in result.why
    # Placed after the figures they hold, the same citations pass.
    placed = "Alibaba committed $53 billion [1] and cloud revenue grew 18% [2]."
    fine = score_answer(CAPEX, answer(placed, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (fine.citation_checks, fine.citation_ok) == (2, 2)


def test_figures_echoed_from_the_question_need_no_citation() -> None:
    q = EvalQuestion(
        id="zacks",
        question="What is the Zacks consensus estimate for fiscal 2026 earnings per share?",
        expected_figures=("$8.58",),
        expected_sources=("source-1",),
    )
    quote = "The Zacks consensus estimate for Alibaba's earnings is $8.58 per share."
    text = "For fiscal 2026 the Zacks consensus is $8.58 per share [1]."
    result = score_answer(
        q, answer(text, [cite(1, quote, "source-1")], retrieved_docs=["source-1"]), 0
    )
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert result.passed


def test_a_citation_holding_the_question_s_own_figure_supports_its_sentence() -> None:
    q = EvalQuestion(
        id="premise-level",
        question="Why did reported net profit rise to NZ$58.7m?",
        expected_figures=("NZ$58.7m",),
        false_premise=True,
    )
    reported = "Reported net profit after tax NZ$m \u2014 FY26: 58.7; FY25: 62.5"
    underlying = "Underlying net profit after tax NZ$m \u2014 FY26: 66.9; FY25: 61.8"
    text = "NZ$58.7m [1]; another passage gives NZ$66.9m [2]."
    scored = score_answer(q, answer(text, [cite(1, reported), cite(2, underlying)]), 0)
    assert (scored.citation_checks, scored.citation_ok) == (2, 2)
    # A citation holding neither the claim nor the question's figure still fails.
    wrong = answer(text, [cite(1, "Revenue NZ$m \u2014 FY26: 910.2"), cite(2, underlying)])
    assert score_answer(q, wrong, 0).citation_ok == 1


def test_sentences_without_figures_are_not_checked() -> None:
    result = score_answer(
        TOOLS, answer("Qwen3 and Lingma drive growth [1].", [cite(1, CAPEX_QUOTE)]), 0
    )
    assert result.citation_checks == 0
    assert summarise([result])["citation_precision"] == 1.0


# --- summarise and percentiles ---------------------------------------------------------------


def test_summary_keys_are_exactly_the_documented_list() -> None:
    results = [
        score_answer(CAPEX, answer("It committed $53 billion [1].", [cite(1, CAPEX_QUOTE)]), 1.0),
        score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), 2.0),
    ]
    summary = summarise(results)
    assert list(summary) == list(SUMMARY_KEYS)
    assert set(summary) == DOCUMENTED_KEYS
    assert summary["n"] == 2
    assert summary["figure_accuracy"] == 1.0
    assert summary["abstention_accuracy"] == 1.0
    assert summary["false_refusal_rate"] == 0.0


def test_rates_are_rounded_to_three_places() -> None:
    hit = score_answer(CAPEX, answer("It committed $53 billion [1].", [cite(1, CAPEX_QUOTE)]), 0)
    miss = score_answer(CAPEX, answer("It committed a lot [1].", [cite(1, CAPEX_QUOTE)]), 0)
    assert summarise([hit, miss, miss])["figure_accuracy"] == 0.333


def test_percentiles_on_known_latencies() -> None:
    latencies = [float(n) for n in range(1, 21)]  # 1.0 ... 20.0
    assert percentile(latencies, 50) == 10.0
    assert percentile(latencies, 95) == 19.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([], 50) == 0.0
    results = [
        score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), latency)
        for latency in reversed(latencies)
    ]
    summary = summarise(results)
    assert summary["latency_p50_s"] == 10.0
    assert summary["latency_p95_s"] == 19.0


# --- Several figures, signs, premises, direct answers, model words, first text ----------------

FCF_QUOTE = (
    "Alibaba's free cash flow in the latest quarter was RMB 3,743 million, against "
    "RMB 15,361 million in the same quarter of 2024, a fall of 76%."
)
FCF_BOTH = EvalQuestion(
    id="fcf-both",
    question="What was free cash flow in the latest quarter and a year earlier?",
    expected_figures=("RMB 3,743 million", "RMB 15,361 million"),
    expected_sources=("source-1",),
)
TABLE_ROW = "General Merchandise + Clothing — YoY: (2.4)%; £m: 354"


def test_two_figures_asked_and_one_given_is_a_miss() -> None:
    one = score_answer(
        FCF_BOTH,
        answer("Free cash flow was RMB 3,743 million [1].", [cite(1, FCF_QUOTE, "source-1")]),
        0,
    )
    assert one.figures_hit is False
    assert "missing figure RMB 15,361 million" in one.why
    both = score_answer(
        FCF_BOTH,
        answer(
            "Free cash flow was RMB 3,743 million, against RMB 15,361 million [1].",
            [cite(1, FCF_QUOTE, "source-1")],
            retrieved_docs=["source-1"],
        ),
        0,
    )
    assert both.figures_hit is True and both.passed
    assert summarise([one, both])["figure_accuracy"] == 0.5


def test_signed_figures_match_on_magnitude() -> None:
    fell = find_figures("General Merchandise and Clothing sales declined 2.4%")
    assert figure_stated(parse_figure("-2.4%"), fell)
    assert figure_stated(parse_figure("2.4%"), find_figures("sales down -2.4%"))
    assert not figure_stated(parse_figure("-2.4%"), find_figures("sales fell 2.3%"))
    assert not figure_stated(parse_figure("-2.4%"), find_figures("2.4 stores"))


def test_a_quoted_table_row_supports_a_prose_figure() -> None:
    q = EvalQuestion(
        id="gmc",
        question="How did general merchandise and clothing sales change?",
        expected_figures=("-2.4%",),
        expected_sources=("source-1",),
    )
    text = f"Down 2.4% [1]. {TABLE_ROW} [1]."
    row_quote = f"{TABLE_ROW}, down 2.4% on the year"  # the figure, however the row is read
    result = score_answer(
        q, answer(text, [cite(1, row_quote, "source-1")], retrieved_docs=["source-1"]), 0
    )
    assert result.figures_hit is True
    assert result.citation_ok == result.citation_checks


def test_false_premise_needs_a_premise_correction() -> None:
    q = EvalQuestion(
        id="premise",
        question="Why did e-commerce adjusted EBITA rise 21%?",
        expected_figures=("21%",),
        expected_terms=("fell",),
        expected_sources=("article",),
        false_premise=True,
    )
    quote = "Adjusted EBITA for this segment fell 21% due to investments in instant commerce."
    text = "Adjusted EBITA fell 21% [1]."
    corrected = score_answer(
        q,
        answer(text, [cite(1, quote)], premise="the question says it rose; it fell 21%"),
        0,
    )
    assert corrected.premise_hit is True and corrected.passed
    uncorrected = score_answer(q, answer(text, [cite(1, quote)]), 0)
    assert uncorrected.premise_hit is False
    assert "false premise not corrected" in uncorrected.why
    assert summarise([corrected, uncorrected])["premise_accuracy"] == 0.5
    # A question without a false premise is not scored on it, but a correction there is a miss.
    assert score_answer(CAPEX, answer(text, [cite(1, quote)]), 0).premise_hit is None
    sound = EvalQuestion(
        id="sound",
        question="Why did e-commerce adjusted EBITA fall 21%?",
        expected_figures=("21%",),
        expected_sources=("article",),
    )
    alarm = score_answer(sound, answer(text, [cite(1, quote)], premise="it fell"), 0)
    assert "corrected a premise the question did not get wrong" in alarm.why
    calm = score_answer(sound, answer(text, [cite(1, quote)]), 0)
    assert calm.passed
    assert summarise([alarm, calm])["premise_false_alarm_rate"] == 0.5


def test_premise_words_count_towards_the_expected_terms() -> None:
    q = EvalQuestion(
        id="premise-terms",
        question="Why did Mizuho raise its estimate?",
        expected_terms=("cut",),
        expected_sources=("source-1",),
        false_premise=True,
    )
    result = score_answer(
        q,
        answer(
            "Mizuho lowered it [1].",
            [cite(1, "Mizuho cut it.", "source-1")],
            premise="the sources say Mizuho cut its estimate",
            retrieved_docs=["source-1"],
        ),
        0,
    )
    assert result.terms_hit is True


def test_direct_rate_model_words_share_and_first_text_cover_answered_questions() -> None:
    with_direct = score_answer(
        CAPEX,
        answer(
            "$53 billion [1]. It committed $53 billion [1].",
            [cite(1, CAPEX_QUOTE)],
            direct="$53 billion [1].",
            model_words=True,
            timings={"first_sentence_s": 0.2},
        ),
        0.5,
    )
    plain = score_answer(
        CAPEX,
        answer(
            "It committed $53 billion [1].",
            [cite(1, CAPEX_QUOTE)],
            timings={"first_sentence_s": 0.4},
        ),
        0.7,
    )
    refused = score_answer(
        HEADCOUNT, answer(ABSTENTION, abstained=True, timings={"first_sentence_s": 0.1}), 0.1
    )
    summary = summarise([with_direct, plain, refused])
    assert summary["direct_rate"] == 0.5  # the abstention is not an answered question
    assert summary["model_words_share"] == 0.5
    assert summary["first_text_p50_s"] == 0.2
    assert with_direct.direct == "$53 billion [1]." and with_direct.first_text_s == 0.2
    empty = summarise([])
    assert (empty["direct_rate"], empty["model_words_share"], empty["first_text_p50_s"]) == (
        0.0,
        0.0,
        0.0,
    )


def test_the_last_turn_of_a_conversation_is_what_is_scored() -> None:
    q = EvalQuestion(
        id="conv",
        question="And what did they cut it to?",
        turns=("How did Mizuho change its EBITDA estimate?", "And what did they cut it to?"),
        expected_figures=("RMB 45 billion",),
        expected_sources=("source-1",),
    )
    quote = "Mizuho cut its EBITDA estimate by about 18%, from RMB 55 billion to RMB 45 billion."
    result = score_answer(
        q,
        answer("RMB 45 billion [1].", [cite(1, quote, "source-1")], retrieved_docs=["source-1"]),
        0,
    )
    assert result.question == "And what did they cut it to?"
    assert result.turns == list(q.turns)
    assert result.passed


def test_expected_range_ends_are_found_in_a_stated_range() -> None:
    q = EvalQuestion(
        id="guidance",
        question="What profit is guided?",
        expected_figures=("£940 million", "£1,020 million"),
        expected_sources=("article",),
    )
    quote = "Underlying operating profit is expected to land in the £940-1,020mn range."
    text = "Between £940mn and £1,020mn [1]."
    result = score_answer(q, answer(text, [cite(1, quote)]), 0)
    assert result.figures_hit is True
    ranged = score_answer(q, answer("£940-1,020mn [1].", [cite(1, quote)]), 0)
    assert ranged.figures_hit is True and ranged.citation_ok == ranged.citation_checks == 1


def test_a_refusal_may_name_a_year_but_no_other_figure() -> None:
    q = EvalQuestion(
        id="rd", question="How much did Alibaba spend on R&D last year?", answerable=False
    )
    with_year = answer("The sources give no R&D spending for 2024.", abstained=True)
    assert score_answer(q, with_year, 0).abstention_ok is True
    with_amount = answer(
        "The sources give no R&D spending, only $53 billion of capex.", abstained=True
    )
    assert score_answer(q, with_amount, 0).abstention_ok is False
