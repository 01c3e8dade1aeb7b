"""Chunking: passages are runs of whole sentences inside one section, cited by offsets.

The properties are checked on every document of the real corpus and on made-up documents
built to stress the rules (abbreviations, decimals, list numbers, long sentences, headings).
Expected values come from the rules, not from running the code.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.chunking import Passage, sentence_spans, split_document, split_sentences
from assistant.corpus import Document, load_corpus
from assistant.figures import find_figures

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
REAL_DOCS = load_corpus(CORPUS).documents
WORD = re.compile(r"\S+")
HEADING_LINE = re.compile(r"^#{1,6}(?:[ \t]+.*)?$")


def make_doc(text: str, *, doc_id: str = "source-9", kind: str = "source") -> Document:
    return Document(
        id=doc_id,
        kind=kind,
        title="Made-up note",
        url="https://example.com/x",
        date=None,
        publisher=None,
        author=None,
        provenance=None,
        number=None,
        text=text,
        path=Path(f"{doc_id}.md"),
        meta={},
    )


def sentence(tag: str, words: int) -> str:
    """A made-up sentence of exactly ``words`` words that starts with a capital letter."""
    body = " ".join(f"{tag}{i}" for i in range(1, words))
    return f"{tag.upper()}start {body}."


MADE_UP_TEXTS = {
    "abbreviations_and_figures": (
        "Alibaba's free cash flow fell to RMB 3.743 billion in the quarter. Tariffs on U.S. "
        "chips hurt, e.g. for its cloud unit, and Alibaba vs. Tencent is still close. The "
        "global AI infrastructure market may reach $1.8 trillion by 2030 [4].\n\n"
        "## Competition\n\n"
        "Rivals like Baidu and Tencent are closing the gap, while AWS and Microsoft maintain "
        "a 50% combined market share. Alibaba Cloud holds a 33% market share in China. "
        "Dr. Smith of Acme Inc. said prices fell 97%. No. 1 in China is still Alibaba.\n\n"
        "## Risks\n\n"
        "1. Margin Management: Continued price cuts risk eroding profitability.\n"
        "2. Regulatory Risks: U.S.-China tensions could delay partnerships [3].\n"
        "3. Innovation Velocity: ByteDance is moving fast."
    ),
    "many_sentences_one_section": " ".join(
        f"In quarter {i} Alibaba's revenue grew {i}.5% to RMB {i * 10},000 million, said the "
        f"U.S. filing of Alibaba Group Holding Ltd. for that quarter."
        for i in range(1, 30)
    ),
    "long_sentence": " ".join([sentence("a", 70), sentence("b", 190), sentence("c", 25)]),
    "headings_at_every_level": "\n\n".join(
        f"{'#' * level} Level {level} heading\n\n{sentence(f'h{level}x', 40)} "
        f"{sentence(f'h{level}y', 70)}"
        for level in range(1, 7)
    ),
}
MADE_UP_DOCS = [make_doc(text) for text in MADE_UP_TEXTS.values()]
ALL_DOCS = [*REAL_DOCS, *MADE_UP_DOCS]
DOC_IDS = [f"real:{d.key}" for d in REAL_DOCS] + [f"made-up:{k}" for k in MADE_UP_TEXTS]


def heading_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, heading text) of every markdown heading line, found line by line."""
    out, offset = [], 0
    for line in text.split("\n"):
        if HEADING_LINE.match(line):
            out.append((offset, offset + len(line), line.lstrip("#").strip()))
        offset += len(line) + 1
    return out


def body_sentences(doc: Document) -> list[tuple[int, int]]:
    """Sentence spans of the document that are not heading lines."""
    headings = {(s, e) for s, e, _ in heading_lines(doc.text)}
    return [span for span in sentence_spans(doc.text) if span not in headings]


def sentences_of(passage: Passage, doc: Document) -> list[tuple[int, int]]:
    return [(s, e) for s, e in sentence_spans(doc.text, passage.start, passage.end)]


def words(text: str) -> int:
    return len(WORD.findall(text))


@pytest.fixture(params=list(zip(ALL_DOCS, DOC_IDS, strict=True)), ids=DOC_IDS)
def doc_and_passages(request: pytest.FixtureRequest) -> tuple[Document, list[Passage]]:
    doc, _ = request.param
    return doc, split_document(doc)


# --------------------------------------------------------------------------- the corpus


def test_real_corpus_is_what_the_tests_expect() -> None:
    keys = [d.key for d in REAL_DOCS]
    assert keys[0] == "article"
    assert {"source-1", "source-2", "source-3", "source-4", "source-5"} <= set(keys)


# --------------------------------------------------------------------------- properties


def test_offsets_give_back_the_passage_text(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    assert passages, "every test document has text, so it must give passages"
    for p in passages:
        assert 0 <= p.start < p.end <= len(doc.text)
        assert doc.text[p.start : p.end] == p.text
        assert p.text == p.text.strip()
        assert (p.doc_id, p.doc_key, p.kind, p.title, p.url) == (
            doc.id,
            doc.key,
            doc.kind,
            doc.title,
            doc.url,
        )


def test_passages_never_cross_a_heading(doc_and_passages: tuple[Document, list[Passage]]) -> None:
    doc, passages = doc_and_passages
    headings = heading_lines(doc.text)
    for p in passages:
        for start, end, _ in headings:
            assert end <= p.start or start >= p.end, f"{p.id} contains heading at {start}"
        # The section is the nearest heading before the passage ("" before the first one).
        before = [title for start, _, title in headings if start < p.start]
        assert p.section == (before[-1] if before else "")


def test_every_sentence_lies_inside_a_passage(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    for s, e in body_sentences(doc):
        assert any(p.start <= s and e <= p.end for p in passages), (
            f"sentence {doc.text[s:e][:60]!r} is not wholly inside any passage"
        )


def test_passage_edges_fall_between_tokens_and_never_split_a_figure(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    figures = find_figures(doc.text)
    for p in passages:
        assert p.start == 0 or doc.text[p.start - 1].isspace()
        assert p.end == len(doc.text) or doc.text[p.end].isspace()
        for f in figures:
            inside = p.start <= f.start and f.end <= p.end
            outside = f.end <= p.start or f.start >= p.end
            assert inside or outside, f"{p.id} cuts the figure {f.text!r}"


def test_passages_start_and_end_on_sentence_boundaries(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    spans = body_sentences(doc)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    for p in passages:
        assert p.start in starts and p.end in ends


def test_word_count_stays_within_max_unless_one_sentence_is_longer(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    for p in passages:
        if p.words > 160:
            assert len(sentences_of(p, doc)) == 1, (
                f"{p.id} has {p.words} words > 160 over {len(sentences_of(p, doc))} sentences"
            )


def test_each_passage_adds_new_text(doc_and_passages: tuple[Document, list[Passage]]) -> None:
    _, passages = doc_and_passages
    for a, b in pairwise(passages):
        assert b.start > a.start and b.end > a.end


def test_ids_are_key_and_chunk_and_unique(
    doc_and_passages: tuple[Document, list[Passage]],
) -> None:
    doc, passages = doc_and_passages
    assert [p.id for p in passages] == [f"{doc.key}#{i}" for i in range(len(passages))]
    assert [p.chunk for p in passages] == list(range(len(passages)))


def test_real_corpus_consecutive_passages_of_a_section_overlap() -> None:
    for doc in REAL_DOCS:
        passages = split_document(doc)
        for a, b in pairwise(passages):
            if a.section == b.section:
                shared = [(s, e) for s, e in sentences_of(b, doc) if e <= a.end]
                assert shared, f"{a.id} and {b.id} share no sentence"


def test_overlap_carries_the_last_sentence_when_it_fits() -> None:
    doc = make_doc(" ".join(sentence(t, 25) for t in "abcdefghijkl"))
    passages = split_document(doc, min_words=60, max_words=110, overlap_words=30)
    assert len(passages) >= 3
    for a, b in pairwise(passages):
        last_start, _ = sentences_of(a, doc)[-1]
        # The last sentence (25 words) fits in 30 overlap words: the next passage repeats it.
        assert b.start == last_start


def test_no_overlap_when_overlap_words_is_zero() -> None:
    doc = make_doc(" ".join(sentence(t, 25) for t in "abcdefghijkl"))
    passages = split_document(doc, min_words=60, max_words=110, overlap_words=0)
    assert len(passages) >= 3
    for a, b in pairwise(passages):
        assert b.start > a.end
    # Without overlap every sentence is in exactly one passage.
    for s, e in body_sentences(doc):
        assert sum(p.start <= s and e <= p.end for p in passages) == 1


def test_overlap_never_crosses_a_heading() -> None:
    text = " ".join(sentence(t, 25) for t in "abcd") + "\n\n## Next\n\n" + sentence("e", 25)
    doc = make_doc(text)
    passages = split_document(doc, min_words=30, max_words=60, overlap_words=30)
    next_section = [p for p in passages if p.section == "Next"]
    assert len(next_section) == 1
    assert next_section[0].text == sentence("e", 25)


def test_a_short_sentence_before_a_long_one_does_not_push_past_max_words() -> None:
    # 20 + 150 words: together over max_words=160, though neither sentence alone is.
    doc = make_doc(" ".join([sentence("a", 20), sentence("b", 150)]))
    passages = split_document(doc, min_words=60, max_words=160, overlap_words=30)
    for p in passages:
        count = len(sentences_of(p, doc))
        assert p.words <= 160, f"{p.id} has {p.words} words over {count} sentences"


def test_overlap_larger_than_min_words_gives_no_redundant_passages() -> None:
    # Allowed settings (min 10 <= 200, overlap 30 <= 100): the carried sentences alone reach
    # min_words, and the next sentence does not fit. A passage must still add a sentence.
    doc = make_doc(
        " ".join([sentence("a", 100), sentence("b", 10), sentence("c", 15), sentence("d", 150)])
    )
    passages = split_document(doc, min_words=10, max_words=160, overlap_words=30)
    for a, b in pairwise(passages):
        assert b.end > a.end, f"{b.id} lies inside {a.id}: it adds no sentence"


def test_an_empty_heading_does_not_swallow_the_next_paragraph() -> None:
    text = (
        "Intro sentence here.\n\n## \n\nRevenue grew 5% in the U.S. market. Costs fell.\n\n"
        "## Next\n\nMore text here."
    )
    doc = make_doc(text)
    joined = " ".join(p.text for p in split_document(doc))
    assert "Revenue grew 5% in the U.S. market." in joined


def test_fetched_document_ids_use_its_key() -> None:
    doc = make_doc(sentence("a", 30), doc_id="source-2", kind="fetched")
    passages = split_document(doc)
    assert [p.id for p in passages] == ["source-2:fetched#0"]
    assert passages[0].doc_id == "source-2"


def test_empty_document_gives_no_passages() -> None:
    assert split_document(make_doc("")) == []
    assert split_document(make_doc("## Only a heading\n\n")) == []


def test_metadata_round_trip() -> None:
    for p in split_document(REAL_DOCS[0]):
        meta = p.metadata()
        assert "id" not in meta and "text" not in meta
        assert Passage.from_metadata(p.id, p.text, meta) == p


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue rose. Costs fell.", ["Revenue rose.", "Costs fell."]),
        (
            "Tariffs hit U.S. chipmakers. Alibaba responded.",
            ["Tariffs hit U.S. chipmakers.", "Alibaba responded."],
        ),
        ("Sales in the U.S. Market grew.", ["Sales in the U.S. Market grew."]),
        (
            "Alibaba vs. Tencent is close. Both grew.",
            ["Alibaba vs. Tencent is close.", "Both grew."],
        ),
        (
            "Free cash flow was RMB 3.743 billion. It fell 76%.",
            ["Free cash flow was RMB 3.743 billion.", "It fell 76%."],
        ),
        (
            "The market may reach $1.8 trillion by 2030. Alibaba wants a part.",
            ["The market may reach $1.8 trillion by 2030.", "Alibaba wants a part."],
        ),
        (
            "1. Margin Management: Continued price cuts risk eroding profitability.",
            ["1. Margin Management: Continued price cuts risk eroding profitability."],
        ),
        (
            "1. Margin Management: Cuts hurt.\n2. Regulatory Risks: Rules bite.",
            ["1. Margin Management: Cuts hurt.", "2. Regulatory Risks: Rules bite."],
        ),
        (
            "Growth was e.g. 5% in Q1. Then it slowed.",
            ["Growth was e.g. 5% in Q1.", "Then it slowed."],
        ),
        ("Is it growing? Yes! It is.", ["Is it growing?", "Yes!", "It is."]),
        ('He said "AI is key." Then he left.', ['He said "AI is key."', "Then he left."]),
        (
            "A first line without a stop\nA second line.",
            ["A first line without a stop", "A second line."],
        ),
        (
            "Prices fell 97% [2]. Margins shrank [1].",
            ["Prices fell 97% [2].", "Margins shrank [1]."],
        ),
        ("U.S.-China tensions rose. Deals slowed.", ["U.S.-China tensions rose.", "Deals slowed."]),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentence_spans_are_absolute_offsets_within_bounds() -> None:
    text = "Ignore me. Revenue rose 18% in Q4. Costs fell. Ignore me too."
    start, end = text.index("Revenue"), text.index(" Ignore me too")
    spans = sentence_spans(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Revenue rose 18% in Q4.", "Costs fell."]
    assert all(start <= s < e <= end for s, e in spans)


def test_chunking_uses_the_one_shared_sentence_splitter() -> None:
    from assistant import chunking, text

    assert chunking.sentence_spans is text.sentence_spans
    assert chunking.split_sentences is text.split_sentences


def test_table_rows_of_a_real_release_are_whole_passage_lines() -> None:
    sainsbury = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
    doc = load_corpus(sainsbury / "sainsbury-q1-2026").get("source-1")
    passages = split_document(doc)
    row = "General Merchandise + Clothing — YoY: (3.7)%; £m: 438"
    [hit] = [p for p in passages if row in p.text]
    assert hit.section == "Sales Performance Q1 - 16 weeks to 20 June 2026"
    assert all("|" not in p.text for p in passages)
