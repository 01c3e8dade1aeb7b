"""The corpus: cleaning the captured article, its reference list, and loading the notes."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from assistant.corpus import (
    Document,
    Reference,
    article_markdown,
    clean_article,
    load_corpus,
    load_document,
    parse_front_matter,
    parse_references,
    remove_ticker_tags,
    render_front_matter,
    write_article,
)
from assistant.errors import CorpusError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
RAW = (CORPUS / "raw" / "article.txt").read_text(encoding="utf-8")
CLEAN = clean_article(RAW)
FIGURE = re.compile(r"\d[\d,.]*%?")
MARKER = re.compile(r"\[[1-5]\]")

EXPECTED_REFERENCES = [
    (1, "Alibaba Doubles Down on AI Margins", "https://www.nasdaq.com/articles/"),
    (2, "Alibaba's AI Investment: Strategic Value", "https://www.ainvest.com/news/"),
    (3, "Alibaba's Mixed Earnings Highlight Opportunities in AI", "https://www.etftrends.com/"),
    (4, "Alibaba's AI Investment and Financial Growth Analysis", "https://monexa.ai/blog/"),
    (5, "Cloud Market Share Q2 2025: Microsoft Dips, AWS Still Kingpin", "https://www.crn.com/"),
]


def raw_body() -> str:
    """The raw capture between its title line and the "Source:" reference list."""
    lines = RAW.splitlines()
    return "\n".join(lines[1 : lines.index("Source:")])


def clean_body() -> str:
    """The cleaned text without its "## Sources" section."""
    return CLEAN.split("## Sources")[0]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the committed corpus (raw capture and notes, no article.md)."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS / "raw", target / "raw")
    shutil.copytree(
        CORPUS / "sources", target / "sources", ignore=shutil.ignore_patterns("fetched")
    )
    return target


# --- cleaning ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "debris",
    [
        "--",
        "Latest Articles",
        "Stay ahead",
        "Get curated",
        "Comments",
        "No comments yet",
        "AI Writing Agent",
        "The Macro Strategist",
        "Source:",
    ],
)
def test_no_debris_survives_cleaning(debris: str) -> None:
    assert debris not in CLEAN


def test_no_ticker_stays_glued_to_a_name() -> None:
    assert not re.search(r"[a-z][A-Z]{1,5}--", CLEAN)
    for name in ("Alibaba Cloud", "PDD Holdings and", "Baidu and", "the gap,", "Microsoft main"):
        assert name in CLEAN
    for glued in (
        "AlibabaBABA",
        "HoldingsPDD",
        "BaiduBIDU",
        "gapGAP",
        "MicrosoftMSFT",
        "AppleAAPL",
    ):
        assert glued not in CLEAN


def test_title_goes_to_front_matter_not_body() -> None:
    title = RAW.splitlines()[0]
    assert title not in CLEAN
    meta, body = parse_front_matter(article_markdown(RAW))
    assert meta["title"] == title
    assert body == CLEAN
    assert CLEAN.startswith("Alibaba Group\u2019s aggressive AI and cloud investments")


def test_every_figure_in_the_raw_body_survives() -> None:
    figures = FIGURE.findall(raw_body())
    assert {"53", "33%", "97%", "76%", "815", "1.8", "36%", "21%", "50%"} <= set(figures)
    missing = [figure for figure in figures if figure not in CLEAN]
    assert missing == []
    money = re.findall(r"(?:\$|RMB )\d[\d,.]*(?: (?:billion|million|trillion))?", raw_body())
    assert {"$53 billion", "$815 million", "$1.8 trillion", "RMB 1 trillion"} <= set(money)
    assert [amount for amount in money if amount not in CLEAN] == []


def test_figures_keep_their_count() -> None:
    raw_counts = Counter(FIGURE.findall(raw_body()))
    clean_counts = Counter(FIGURE.findall(clean_body()))
    assert clean_counts == raw_counts


def test_sentences_are_unchanged_apart_from_debris() -> None:
    raw_words = re.sub(r"(?<=[a-z])[A-Z]{1,5}--", "", raw_body()).split()
    clean_words = [word for word in clean_body().split() if word != "##"]
    assert clean_words == raw_words


def test_section_headings_become_markdown_headings() -> None:
    headings = [line for line in CLEAN.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Strategic AI Investments: A Double-Edged Sword",
        "## Competitive Landscape: Innovation vs. Margin Erosion",
        "## Financial Resilience and Shareholder Confidence",
        "## The Path Forward: Balancing Growth and Profitability",
        "## Conclusion",
        "## Sources",
    ]


def test_heading_rule_is_not_a_fixed_list() -> None:
    raw = "Title\nFirst paragraph of text.\nA Made-Up Section\nIts paragraph, long enough.\n"
    assert "## A Made-Up Section" in clean_article(raw)
    # A short line that ends a sentence or is followed by nothing is not a heading.
    assert "## " not in clean_article("Title\nShort sentence.\nAnother one.\n")
    assert "## " not in clean_article("Title\nParagraph text.\nTrailing Line\n")


def test_citation_markers_are_kept_in_the_same_count() -> None:
    assert Counter(MARKER.findall(clean_body())) == Counter(MARKER.findall(raw_body()))
    assert set(MARKER.findall(clean_body())) == {"[1]", "[2]", "[3]", "[4]", "[5]"}


def test_numbered_list_stays_a_markdown_list() -> None:
    assert (
        "challenges:\n\n1. Margin Management: Continued price cuts" in CLEAN
        and "growth.\n2. Regulatory Risks:" in CLEAN
        and "[3].\n3. Innovation Velocity:" in CLEAN
    )


def test_paragraph_layout() -> None:
    assert CLEAN.endswith("\n") and not CLEAN.endswith("\n\n")
    assert "\n\n\n" not in CLEAN
    assert all(line == line.strip() for line in CLEAN.splitlines())


def test_sources_section_lists_the_references() -> None:
    sources = CLEAN.split("## Sources\n\n")[1].strip().split("\n\n")
    assert len(sources) == 5
    for line, (number, title, url) in zip(sources, EXPECTED_REFERENCES, strict=True):
        assert line.startswith(f"[{number}] {title}")
        assert f", {url}" in line


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("shares of NvidiaNVDA-- rose", "shares of Nvidia rose"),
        ("AlibabaBABA-- Cloud", "Alibaba Cloud"),
        ("rivals like BaiduBIDU-- and Tencent", "rivals like Baidu and Tencent"),
        ("closing the gapGAP--, while", "closing the gap, while"),
        ("(GoogleGOOGL--) said", "(Google) said"),
        ("Berkshire HathawayBRK.B-- bought", "Berkshire Hathaway bought"),
        ("eBayEBAY-- fell", "eBay fell"),
        ("IBMIBM-- rose", "IBM rose"),
        ("the CEO-- who", "the CEO-- who"),  # no name before the capitals: not a tag
        ("growth of 5%--driven", "growth of 5%--driven"),
        ("fooABCDEFG-- bar", "fooABCDEFG-- bar"),  # six or more capitals: not a ticker
    ],
)
def test_ticker_rule_on_made_up_examples(raw: str, clean: str) -> None:
    assert remove_ticker_tags(raw) == clean


def test_footer_is_cut_even_without_a_reference_list() -> None:
    raw = "Title\nBody text here.\nAI Writing Agent Jane Doe. Bio.\nLatest Articles\nMore text.\n"
    assert clean_article(raw) == "Body text here.\n"


# --- references -------------------------------------------------------------------------


def test_parse_references_returns_the_five_sources() -> None:
    references = parse_references(RAW)
    assert [ref.number for ref in references] == [1, 2, 3, 4, 5]
    assert all(isinstance(ref, Reference) for ref in references)
    for ref, (_number, title, url) in zip(references, EXPECTED_REFERENCES, strict=True):
        assert ref.title.startswith(title)
        assert ref.url.startswith(url)
        assert not ref.url.endswith("]") and not ref.title.endswith(",")
    assert references[4].url == (
        "https://www.crn.com/news/cloud/2025/cloud-market-share-q2-2025-microsoft-dips-aws-still-kingpin"
    )


def test_article_front_matter() -> None:
    meta, _ = parse_front_matter(article_markdown(RAW))
    assert meta["id"] == "article" and meta["kind"] == "article"
    assert meta["outlet"] == "AInvest"
    assert meta["author"] == "Julian West (AI writing agent)"
    assert meta["date"] == "2025-08-29"
    assert meta["url"].startswith("https://www.ainvest.com/news/alibaba-strategic-ai-push")
    assert [ref["number"] for ref in meta["references"]] == [1, 2, 3, 4, 5]
    assert "corpus/raw/article.txt" in meta["provenance"]


# --- front matter -----------------------------------------------------------------------


def test_front_matter_round_trip() -> None:
    meta = {
        "id": "x",
        "title": "Alibaba\u2019s \u201cAI\u201d: 97%",
        "date": None,
        "refs": [{"n": 1}],
    }
    body = "First line.\n\nSecond paragraph.\n"
    assert parse_front_matter(render_front_matter(meta, body)) == (meta, body)


def test_yaml_dates_become_iso_strings() -> None:
    meta, _ = parse_front_matter("---\nid: a\ndate: 2025-08-21\n---\nbody\n")
    assert meta["date"] == "2025-08-21"


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("no front matter at all\n", "no front matter"),
        ("---\nid: source-9\ntitle: T\n", "not closed"),
        ("---\nid: [unclosed\n---\nbody\n", "not valid YAML"),
        ("---\n- a list\n---\nbody\n", "mapping"),
        ("---\nid: source-9\nkind: note\n---\nbody\n", "title, url"),
        ("---\nid: source-9\ntitle: T\nurl: u\nkind: blog\n---\nbody\n", "kind"),
    ],
)
def test_malformed_front_matter_names_the_file(
    tmp_path: Path, content: str, complaint: str
) -> None:
    path = tmp_path / "source-9.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=re.escape(complaint)) as raised:
        load_document(path)
    assert str(path) in str(raised.value)


# --- writing and loading ----------------------------------------------------------------


def test_committed_article_is_up_to_date() -> None:
    assert (CORPUS / "article.md").read_text(encoding="utf-8") == article_markdown(RAW)


def test_raw_article_is_the_untouched_capture() -> None:
    assert "AlibabaBABA--" in RAW and RAW.rstrip().endswith("No comments yet")


def test_write_article_is_idempotent(corpus_copy: Path) -> None:
    path = write_article(corpus_copy)
    assert path == corpus_copy / "article.md"
    past = path.stat().st_mtime_ns - 5_000_000_000
    os.utime(path, ns=(past, past))
    assert write_article(corpus_copy) == path
    assert path.stat().st_mtime_ns == past


def test_write_article_without_raw_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"raw/article\.txt not found.*git checkout corpus/raw"):
        write_article(tmp_path)


def test_load_corpus_order_and_keys(corpus_copy: Path) -> None:
    documents = load_corpus(corpus_copy)
    assert [doc.key for doc in documents] == [
        "article",
        "source-1",
        "source-2",
        "source-3",
        "source-4",
        "source-5",
    ]
    assert [doc.kind for doc in documents] == ["article"] + ["note"] * 5
    assert len({doc.key for doc in documents}) == len(documents)
    assert len({doc.content_hash for doc in documents}) == len(documents)
    assert (corpus_copy / "article.md").is_file()  # generated from raw on first load


def test_load_corpus_regenerates_a_stale_article(corpus_copy: Path) -> None:
    article = corpus_copy / "article.md"
    article.write_text(render_front_matter({"id": "article", "title": "Old", "url": "u"}, "x\n"))
    old = (corpus_copy / "raw" / "article.txt").stat().st_mtime_ns - 5_000_000_000
    os.utime(article, ns=(old, old))
    assert load_corpus(corpus_copy)[0].text == CLEAN


def test_the_committed_corpus_loads() -> None:
    documents = load_corpus(CORPUS)
    assert documents[0].title.startswith("Alibaba\u2019s Strategic AI Push")
    assert [doc.id for doc in documents if doc.kind == "note"] == [
        f"source-{n}" for n in range(1, 6)
    ]


def test_fetched_original_follows_its_note(corpus_copy: Path) -> None:
    fetched = corpus_copy / "sources" / "fetched" / "source-2.md"
    fetched.parent.mkdir()
    meta = {"id": "source-2", "kind": "fetched", "title": "Original", "url": "https://x.test/2"}
    fetched.write_text(render_front_matter(meta, "The original text.\n"), encoding="utf-8")
    documents = load_corpus(corpus_copy)
    keys = [doc.key for doc in documents]
    assert keys.index("source-2:fetched") == keys.index("source-2") + 1
    assert keys.index("source-3") == keys.index("source-2:fetched") + 1
    assert documents[keys.index("source-2:fetched")].text == "The original text.\n"


def test_note_with_an_id_that_disagrees_with_its_file_name(corpus_copy: Path) -> None:
    note = corpus_copy / "sources" / "source-3.md"
    note.write_text(note.read_text(encoding="utf-8").replace("id: source-3", "id: source-2"))
    with pytest.raises(CorpusError, match=r"source-3\.md"):
        load_corpus(corpus_copy)


def test_missing_corpus_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="git checkout"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="git checkout corpus"):
        load_corpus(tmp_path / "empty")


def test_content_hash_changes_with_title_or_text(corpus_copy: Path) -> None:
    doc = load_document(corpus_copy / "sources" / "source-1.md")
    fields = {name: getattr(doc, name) for name in Document.__dataclass_fields__}
    assert Document(**fields).content_hash == doc.content_hash
    assert Document(**{**fields, "title": "Other"}).content_hash != doc.content_hash
    assert Document(**{**fields, "text": doc.text + "x"}).content_hash != doc.content_hash


# --- the notes --------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 6))
def test_every_note_says_it_is_a_note(number: int) -> None:
    note = load_document(CORPUS / "sources" / f"source-{number}.md")
    first_line = note.text.splitlines()[0]
    assert first_line.startswith("Note recorded")
    assert "not the original text" in first_line
    assert note.id == f"source-{number}" and note.meta["number"] == number
    assert note.kind == "note" and note.outlet and note.meta["provenance"]


def test_note_titles_and_urls_match_the_reference_list() -> None:
    for ref in parse_references(RAW):
        note = load_document(CORPUS / "sources" / f"source-{ref.number}.md")
        assert note.url == ref.url
        assert note.title.startswith(ref.title.removesuffix("...").rstrip())


@pytest.mark.parametrize(
    ("number", "figures"),
    [
        (
            1,
            [
                "RMB 3,743 million",
                "RMB 15,361 million",
                "76%",
                "46%",
                "5%",
                "18%",
                "RMB 55 billion",
                "RMB 45 billion",
                "$8.58",
                "4.77%",
                "Value Score of C",
            ],
        ),
        (
            2,
            [
                "RMB 380 billion",
                "US$53 billion",
                "seven quarters",
                "18%",
                "76%",
                "97%",
                "Qwen-Long",
                "Eddie Wu",
                "user-first, AI-driven",
            ],
        ),
        (5, ["Microsoft", "AWS", "second quarter of 2025"]),
    ],
)
def test_notes_record_the_known_figures(number: int, figures: list[str]) -> None:
    text = load_document(CORPUS / "sources" / f"source-{number}.md").text
    assert [figure for figure in figures if figure not in text] == []


@pytest.mark.parametrize(
    ("number", "date"),
    [(1, "2025-08-21"), (2, "2025-08-28"), (3, None), (4, "2025-08-06"), (5, None)],
)
def test_note_dates(number: int, date: str | None) -> None:
    assert load_document(CORPUS / "sources" / f"source-{number}.md").date == date
