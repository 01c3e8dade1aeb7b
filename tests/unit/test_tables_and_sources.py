"""US-style table units, per-share rows, forecast columns, a note's letterhead and periods
joined in one question: each rule on made-up text."""

from __future__ import annotations

from dataclasses import replace

from assistant.amounts import magnitude
from assistant.chunking import Passage
from assistant.direct import answer_figure
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings, select_evidence
from assistant.figures import find_figures
from assistant.formats import letterhead, render_tables
from assistant.heard_sources import heard_from
from assistant.matching import question_focus, stem_match
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.question import each_period, question_parts
from assistant.retrieval import Hit
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Corp",))

US_TABLE = (
    "## Results summary: fourth quarter\n\n"
    "| ($ in millions, except per share) | Q4 FY26 | Q4 FY25 | Change |\n"
    "|---|---|---|---|\n"
    "| Revenue | $1,096.3 | $1,021.8 | 7.3% |\n"
    "| Adjusted EPS | $1.04 | $0.91 | 14% |\n"
    "| Corporate costs | $(17.4) | $(16.2) | |\n"
)


def _rendered(text: str) -> list[str]:
    return [line for line in render_tables(text).split("\n") if line.strip()]


def test_a_title_that_gives_the_unit_in_words_lends_its_scale_to_each_row() -> None:
    lines = _rendered(US_TABLE)
    # The unit-only title keeps the heading above it, and with it the period.
    assert lines[1] == "### Results summary: fourth quarter ($ in millions, except per share)"
    assert lines[2].startswith("Revenue ($m) \u2014 Q4 FY26: $1,096.3")
    assert lines[3].startswith("Adjusted EPS \u2014 Q4 FY26: $1.04")  # per share: no millions


def test_a_cell_that_writes_its_currency_takes_the_scale_of_its_row_label() -> None:
    revenue, costs = _rendered(US_TABLE)[2], _rendered(US_TABLE)[4]
    assert [(f.value, f.currency) for f in find_figures(revenue)][:2] == [
        (1_096_300_000, "USD"),
        (1_021_800_000, "USD"),
    ]
    assert find_figures(costs)[0].value == -17_400_000  # an accounting negative, scaled
    eps = _rendered(US_TABLE)[3]
    assert find_figures(eps)[0].value == 1.04
    # Prose keeps the amount as written: no header stands over it.
    assert find_figures("Revenue was $1,096.3 in the quarter.")[0].value == 1096.3


def test_a_cell_scaled_by_its_header_is_shown_with_the_scale() -> None:
    row = _rendered(US_TABLE)[2]
    assert magnitude(find_figures(row)[0]) == "$1.0963bn"
    assert magnitude(find_figures("It paid $85 million.")[0]) == "$85 million"


def test_a_full_fiscal_year_is_a_year_without_a_quarter_in_it() -> None:
    asked = frozenset(periods("over the full fiscal year"))
    assert asked == {"FY"}
    assert periods_fit(asked, frozenset(periods("FY26: $547.8")), frozenset())
    assert not periods_fit(asked, frozenset(periods("Q4 FY26: $212.4")), frozenset())
    assert not periods_fit(asked, frozenset(periods("H1 2026: 12")), frozenset())


def test_periods_joined_in_one_question_are_asked_one_by_one() -> None:
    assert each_period("What are its EPS forecasts for 2026 and 2027?") == [
        "What are its EPS forecasts for 2026?",
        "What are its EPS forecasts for 2027?",
    ]
    assert each_period("Revenue in FY25 vs FY26?") == ["Revenue in FY25?", "Revenue in FY26?"]
    assert each_period("What were costs in FY26 and in FY25?") == [
        "What were costs in FY26?",
        "What were costs in FY25?",
    ]
    # A change between two periods is one figure; a lone period or two numbers are no pair.
    assert len(each_period("How did sales change between 2025 and 2026?")) == 1
    assert len(each_period("Is it 2.31 and 18.0?")) == 1
    parts = question_parts("What are Acme's EPS forecasts for 2026 and 2027?", ACME)
    assert [set(p.focus.periods) for p in parts] == [{"2026"}, {"2027"}]


def test_a_forecast_column_and_a_tables_abbreviation_state_the_words_asked() -> None:
    row = "Adj. EPS (EUR) \u2014 2025A: 2.17; 2026E: 1.74; 2027E: 2.12"
    other = "Adj. EBITA (EUR m) \u2014 2025A: 284.6; 2026E: 241; 2027E: 279"
    focus = question_focus("What is the adjusted EPS forecast for 2026?", ACME)
    eps = next(
        c for c in figure_contexts(row, ACME, frozenset(), "Key figures") if c.figure.value == 1.74
    )
    ebita = next(
        c
        for c in figure_contexts(other, ACME, frozenset(), "Key figures")
        if c.figure.value == 241e6
    )
    assert stem_match(focus, eps) > 0.5
    # Half weight each: the qualifiers alone do not make another measure the one asked.
    assert stem_match(focus, ebita) <= 0.5
    # Without a forecast column, "forecast" is not stated.
    actual = next(
        c for c in figure_contexts(row, ACME, frozenset(), "Key figures") if c.figure.value == 2.17
    )
    assert stem_match(focus, actual) < stem_match(focus, eps)


def test_a_plain_notes_letterhead_names_its_publisher() -> None:
    assert letterhead("INITECH SECURITIES - EQUITY RESEARCH\nAcme (ACM)\n") == {
        "publisher": "Initech Securities"
    }
    assert letterhead("SAKUMA SECURITIES CO., LTD. -- EQUITY RESEARCH\n") == {
        "publisher": "Sakuma Securities Co., Ltd."
    }
    assert letterhead("Rating: HOLD (from BUY)\n") == {}
    assert letterhead("# Acme results\n") == {}
    assert letterhead("EBITDA rose 4% in the year.\n") == {}


def test_a_name_that_wrote_the_document_qualifies_every_sentence_of_it() -> None:
    part = question_parts("Initech fy28 eps est for Acme?", ACME)[0]
    assert "initech" in part.focus.qualifiers
    assert "initech" not in heard_from(part, "Initech Securities").focus.qualifiers
    assert heard_from(part, "Globex Research") is part


def _hit(text: str, byline: str, doc: str) -> Hit:
    passage = Passage(f"{doc}#0", doc, doc, "source", "Note", "", "", 0, 0, len(text), text)
    passage = replace(passage, byline=byline)
    return Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=0, bm25_rank=0)


def test_a_forecast_asked_of_its_writer_is_found_in_the_writers_table() -> None:
    question = "What is Initech's FY28 EPS estimate for Acme?"
    row = "Underlying EPS (cents) \u2014 FY26A: 17.2; FY27F: 18.9; FY28F: 20.6"
    embedder = FakeEmbedder()

    def quoted(byline: str) -> list[str]:
        evidence = select_evidence(
            question.replace("Initech's", "Initech"),
            [_hit(row, byline, "note")],
            embedder.embed_query(question),
            SentenceEmbeddings(embedder),
            4,
            subject=ACME,
        )
        return [s.text for s in evidence.sentences]

    assert quoted("Initech Securities") == [row]
    assert quoted("Globex Research") == []  # someone else's table is not Initech's


def test_a_figure_that_shares_no_word_with_the_question_is_not_its_answer() -> None:
    sentence = (
        "We cut our adjusted EPS estimates by 12% for 2026E, and our price target to EUR 39.00."
    )
    fig = answer_figure(
        sentence, "What is the adjusted EPS estimate?", frozenset({"money", "percent"}), None
    )
    assert fig is not None and fig.text == "12%"


def test_a_level_asked_ranks_a_sentence_stating_it_before_one_stating_a_change() -> None:
    cut = "We cut our EPS estimate for 2026 by 12%."
    level = "Our EPS estimate for 2026 is now EUR 1.74."
    embedder = FakeEmbedder()
    for question, first in (
        ("What is the EPS estimate for 2026?", level),
        ("How much was the EPS estimate for 2026 cut?", cut),
    ):
        evidence = select_evidence(
            question,
            [_hit(cut + " " + level, "", "note")],
            embedder.embed_query(question),
            SentenceEmbeddings(embedder),
            4,
            subject=ACME,
        )
        assert evidence.sentences[0].text == first, question


def test_another_kind_of_the_measure_does_not_answer() -> None:
    from assistant.matching import answers

    def fits(question: str, sentence: str) -> bool:
        focus = question_focus(question, ACME)
        return any(answers(focus, c) for c in figure_contexts(sentence, ACME, frozenset()))

    assert not fits("What was Acme's gross margin?", "Acme's operating margin was 16.9%.")
    assert not fits("What was Acme's EBIT margin?", "Acme's EBITA margin was 9.1%.")
    assert not fits("What was Acme's net income?", "Acme's operating income was $163.2m.")
    assert fits("What was Acme's gross margin?", "Acme's gross margin was 41.2%.")
    assert fits("What was Acme's net debt?", "Total debt was $1.7bn, so net debt was $1.31bn.")
    assert fits("What was Acme's operating margin?", "Operating margin, net of one-offs, was 12%.")


def test_a_reporting_terms_adverb_names_the_measure() -> None:
    from assistant.measure_words import measure_words
    from assistant.synonyms import plain_terms

    assert measure_words("How much did Acme grow organically last quarter?") == ["organic"]
    assert measure_words("Sales rose sharply") == ["sales"]  # other adverbs say how
    assert plain_terms("acme adj eps q4?") == "acme adjusted eps q4?"
    assert plain_terms("adjacent markets") == "adjacent markets"


def test_a_paragraph_opening_with_a_bold_name_is_about_that_name() -> None:
    text = (
        "**Flowmax Controls** revenue rose 9.6% to $372.4 million. Organic growth was 6.8%.\n\n"
        "Organic revenue grew 5.1% for the group."
    )
    embedder = FakeEmbedder()

    def quoted(question: str) -> list[str]:
        evidence = select_evidence(
            question,
            [_hit(text, "", "release")],
            embedder.embed_query(question),
            SentenceEmbeddings(embedder),
            4,
            subject=ACME,
        )
        return [s.text for s in evidence.sentences]

    assert "Organic growth was 6.8%." not in quoted("What was Acme's organic growth?")
    assert "Organic growth was 6.8%." in quoted("What was Flowmax Controls' organic growth?")


def test_a_why_question_is_answered_by_the_sentence_that_gives_the_cause() -> None:
    from assistant.cues import asks_reason, gives_reason

    assert asks_reason("Why was the margin lower?") and asks_reason("What drove orders?")
    assert not asks_reason("What was the margin?")
    assert gives_reason("Margin was 13.8%, reflecting a $21.3 million charge.")
    assert not gives_reason("Margin was 13.8% in the quarter.")
    assert gives_reason("The company blamed lower subsidies.")
    row = "GAAP operating margin \u2014 Q4 FY26: 13.8%; Q4 FY25: 14.6%"
    cause = (
        "GAAP operating margin was 13.8%, against 14.6% a year earlier, reflecting a "
        "$21.3 million restructuring charge."
    )
    passage = Passage("r#0", "r", "r", "source", "Results", "", "Fourth quarter highlights",
                      0, 0, 0, f"{row}\n\n{cause}")  # fmt: skip
    passage = replace(passage, end=len(passage.text))
    hit = Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=0, bm25_rank=0)
    question = "Why was Acme's GAAP operating margin lower in the fourth quarter?"
    embedder = FakeEmbedder()
    evidence = select_evidence(
        question, [hit], embedder.embed_query(question), SentenceEmbeddings(embedder), 4,
        subject=ACME,
    )  # fmt: skip
    # The period comes from the section heading; the sentence that says why comes first.
    assert evidence.sentences and evidence.sentences[0].text == cause


def test_a_few_words_with_no_question_word_ask_for_the_value_they_name() -> None:
    from assistant.question import asks_value

    assert asks_value("acme adj eps q4?") and asks_value("acme underlying eps fy26")
    assert not asks_value("why did it fall") and not asks_value("Tell me about Acme's year.")
    assert not asks_value("and in 2024?")  # a follow-up, read against the conversation


def test_the_subjects_ticker_after_its_name_is_an_alias() -> None:
    from assistant.subject import infer_subject

    text = (
        "Initech Systems (NYSE: INTK) reported results. Initech raised its dividend. "
        "Initech Holdings Limited (NZX: ITH) is another listing. Initech grew."
    )
    name, aliases = infer_subject("Initech lifts profit", text)
    assert name == "Initech" and "INTK" in aliases
    _, plain = infer_subject("Initech lifts profit", "Initech rose. Initech fell (sharply).")
    assert not any(a.isupper() for a in plain)


def test_a_rating_is_not_a_rate_and_an_upgrade_states_one() -> None:
    from assistant.text import stem

    assert stem("rating") == stem("ratings") != stem("rates")
    text = (
        "Freight rates softened through the second half.\n\n"
        "Analysts at Initech Securities upgraded the stock to outperform from neutral."
    )
    question = "What rating change did Initech Securities make on Acme?"
    embedder = FakeEmbedder()
    evidence = select_evidence(
        question, [_hit(text, "", "article")], embedder.embed_query(question),
        SentenceEmbeddings(embedder), 4, subject=ACME,
    )  # fmt: skip
    assert [s.text for s in evidence.sentences][:1] == [text.split("\n\n")[1]]


def _fits(question: str, sentence: str, heading: str = "") -> bool:
    from assistant.matching import answers

    focus = question_focus(question, ACME, frozenset({"widgets"}))
    return any(
        answers(focus, c, frozenset(periods(heading)))
        for c in figure_contexts(sentence, ACME, frozenset({"widgets"}))
    )


def test_near_misses_of_segment_period_place_and_ratio_are_not_answers() -> None:
    # A measure opening a sentence is no owner: the group's backlog is not the segment's.
    assert not _fits("By how much did Widgets' backlog grow?", "Backlog rose 11% to $2.4bn.")
    assert _fits("By how much did Acme's backlog grow?", "At year end, backlog rose 11%.")
    # A trailing twelve months' figure is not the fourth quarter's.
    ttm = "Net debt was 1.5x trailing twelve-month adjusted EBITDA of $846.1 million."
    assert not _fits("What was Acme's adjusted EBITDA in the fourth quarter?", ttm, "Q4 results")
    # A figure of two places is neither one's alone.
    both = "Acme has about 1,100 engineers in Ghent and Guadalajara."
    assert not _fits("How many engineers does Acme have in Ghent?", both)
    assert _fits("How many engineers does Acme have in Ghent?", "Acme has 650 engineers in Ghent.")
    # A ratio of the measure does not state the measure.
    assert not _fits("What was Acme's EBITDA?", "Acme's EBITDA margin improved to 19.4%.")
    assert _fits("What was Acme's EBITDA margin?", "Acme's EBITDA margin improved to 19.4%.")
    assert _fits("What was Acme's EBITDA?", "Acme's EBITDA rose to $846.1 million.")


def test_the_naive_baseline_stuffs_only_the_passages_that_fit_the_models_context() -> None:
    from assistant.naive import MAX_SOURCE_WORDS, _fitting

    text = " ".join(["word"] * 160)
    hits = [_hit(text, "", f"d{i}") for i in range(16)]
    kept = _fitting(hits)
    assert kept == hits[: MAX_SOURCE_WORDS // 160]  # best first, within the budget
    huge = _hit(" ".join(["word"] * (MAX_SOURCE_WORDS + 10)), "", "big")
    assert _fitting([huge, *hits]) == [huge]  # one passage always goes in
