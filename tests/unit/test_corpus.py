"""The corpus folder: formats, front matter, derived fields, references, problems, duplicates."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from assistant.corpus import CorpusProfile, Document, load_corpus, load_document
from assistant.errors import CorpusError
from assistant.text import parse_front_matter
from tests.unit.test_formats import make_pdf

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "corpus"
SAINSBURY = ROOT / ".." / "shared" / "corpora" / "sainsbury-q1-2026"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A made-up corpus of plain files: no corpus.yaml, one article, three sources."""
    root = tmp_path / "Acme Results"
    write(
        root / "article.md",
        "# Acme posts a record quarter\n\nPublished 30 June 2026\n\n"
        "Acme's revenue rose 12% to €4.2bn [1], and margins widened [2].\n\n"
        "## Sources\n\n[1] Acme Q3 trading update ..., https://acme.example/q3\n\n"
        "[2] Margins widen at Acme, https://news.example/margins\n",
    )
    write(
        root / "sources" / "update.md",
        "---\ntitle: Acme Q3 trading update for the quarter\nurl: https://acme.example/q3/\n"
        "outlet: Acme plc\nlanguage: en\n---\n\nRevenue rose 12% to €4.2bn.\n",
    )
    write(root / "sources" / "margins.txt", "Margins widen at Acme\nOperating margin was 9.5%.\n")
    write(root / "sources" / "guide.pdf", "")
    (root / "sources" / "guide.pdf").write_bytes(
        make_pdf(["Acme expects revenue of about 17 billion euros in 2026."], title="Guide")
    )
    return root


def test_plain_folder_loads_with_derived_fields(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert corpus.problems == []
    article = corpus.article
    assert (article.id, article.kind, article.title) == (
        "article",
        "article",
        "Acme posts a record quarter",
    )
    assert article.date == "2026-06-30"
    assert [d.key for d in corpus] == ["article", "guide", "margins", "update"]
    assert {d.kind for d in corpus.documents[1:]} == {"source"}
    assert corpus.profile.name == "acme-results"
    assert corpus.profile.title == "Acme posts a record quarter"


def test_front_matter_aliases_and_unknown_keys(folder: Path) -> None:
    update = load_corpus(folder).get("update")
    assert update is not None
    assert update.publisher == "Acme plc"  # outlet is read as publisher
    assert update.meta["language"] == "en"  # unknown keys are kept, not refused
    assert update.text == "Revenue rose 12% to €4.2bn.\n"


def test_references_match_by_url_and_title(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert corpus.references == {1: "update", 2: "margins"}
    assert corpus.get("update").number == 1 and corpus.get("margins").number == 2
    assert corpus.get("guide").number is None
    assert [r.doc_id for r in corpus.cited] == ["update", "margins"]


def test_front_matter_number_wins(folder: Path) -> None:
    write(folder / "sources" / "guide.md", "---\nnumber: 2\ntitle: Guide\n---\n\nText 5%.\n")
    (folder / "sources" / "guide.pdf").unlink()
    assert load_corpus(folder).references == {1: "update", 2: "guide"}


def test_prose_only_article_loads_without_references(tmp_path: Path) -> None:
    write(tmp_path / "article.txt", "Acme grows\nThe company said revenue rose 12%.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.references == {} and corpus.article.title == "Acme grows"
    assert "The company said revenue rose 12%." in corpus.article.text


def test_html_and_pdf_documents(folder: Path) -> None:
    write(
        folder / "sources" / "page.html",
        "<html><head><title>Acme page</title></head><body><article><h1>Acme page</h1>"
        "<p>Acme said its European sales rose 7% in the quarter, helped by new stores.</p>"
        "<p>It expects the rest of the year to stay strong for every one of its divisions.</p>"
        "</article></body></html>",
    )
    corpus = load_corpus(folder)
    assert "European sales rose 7%" in corpus.get("page").text
    assert "17 billion euros" in corpus.get("guide").text
    assert corpus.get("guide").title == "Guide"


@pytest.mark.parametrize(
    ("name", "content", "fix"),
    [
        ("bad.md", "---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
        ("open.md", "---\ntitle: x\nBody.\n", "not closed"),
        ("ctrl.md", "---\ntitle: Bad\x1b]0;x\x07\n---\nBody.\n", "control characters"),
        ("bytes.md", b"\xff\xfe\x00bad", "not UTF-8"),
        ("num.md", "---\nnumber: two\n---\nBody.\n", "not a whole number"),
    ],
)
def test_malformed_source_is_skipped_and_reported(
    folder: Path, name: str, content: str | bytes, fix: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = folder / "sources" / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    corpus = load_corpus(folder)
    assert path.stem not in [d.id for d in corpus]
    assert len(corpus.documents) == 4  # the rest still loads
    [problem] = corpus.problems
    assert name in problem and fix in problem and "\n" not in problem
    assert any(name in record.getMessage() for record in caplog.records)
    with pytest.raises(CorpusError, match=re.escape(name)):
        load_corpus(folder, strict=True)


def test_a_colon_in_a_front_matter_value_keeps_the_source(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Not valid YAML ("mapping values are not allowed here"), but plainly meant.
    write(
        folder / "sources" / "results.md",
        "---\ntitle: Acme annual results\npublisher: Acme Ltd (NZX: ACM)\ndate: 2026-08-13\n"
        "---\nRevenue rose 4%.\n",
    )
    corpus = load_corpus(folder, strict=True)
    [doc] = [d for d in corpus if d.id == "results"]
    assert doc.publisher == "Acme Ltd (NZX: ACM)" and doc.date == "2026-08-13"
    assert not corpus.problems
    assert any("quote values that hold a colon" in r.getMessage() for r in caplog.records)


def test_missing_folder_or_article_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="--corpus DIR"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match=r"add article\.md"):
        load_corpus(tmp_path)


def test_duplicates_are_flagged_and_the_article_wins(folder: Path) -> None:
    write(
        folder / "sources" / "zz-copy.md",
        "---\ntitle: Acme posts a record quarter\n---\n\nRevenue rose 77%.\n",
    )
    write(
        folder / "sources" / "zz-url.md",
        "---\ntitle: Another\nurl: https://acme.example/q3\n---\n\nRevenue rose 99%.\n",
    )
    corpus = load_corpus(folder)
    assert corpus.duplicates == {"zz-copy": "article", "zz-url": "update"}
    assert corpus.get("zz-copy").text == "Revenue rose 77%.\n"  # still its own document


def test_fetched_original_follows_its_source_and_is_no_duplicate(folder: Path) -> None:
    write(
        folder / "sources" / "fetched" / "update.md",
        "---\ntitle: Acme Q3 trading update for the quarter\nurl: https://acme.example/q3\n"
        "---\n\nThe full original text: revenue rose 12%.\n",
    )
    corpus = load_corpus(folder)
    keys = [d.key for d in corpus]
    assert keys.index("update:fetched") == keys.index("update") + 1
    fetched = corpus.get("update:fetched")
    assert fetched.kind == "fetched" and fetched.number == 1
    assert corpus.duplicates == {}


def test_corpus_yaml_profile_and_round_trip(folder: Path) -> None:
    write(
        folder / "corpus.yaml",
        "name: Acme Q3\nsubject: Acme\naliases: [Acme plc]\n"
        "examples: ['How much did revenue rise?']\n",
    )
    profile = load_corpus(folder).profile
    assert (profile.name, profile.subject, profile.aliases) == ("acme-q3", "Acme", ("Acme plc",))
    assert profile.examples == ("How much did revenue rise?",)
    assert CorpusProfile.from_dict(profile.to_dict()) == profile


def test_malformed_corpus_yaml_is_a_problem(folder: Path) -> None:
    write(folder / "corpus.yaml", "name: [broken\n")
    corpus = load_corpus(folder)
    assert corpus.profile.name == "acme-results"
    assert any("corpus.yaml" in p for p in corpus.problems)


def test_subject_is_inferred_without_corpus_yaml(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def infer_subject(title: str, text: str) -> tuple[str, tuple[str, ...]]:
        seen.append(title)
        return "Acme", ("Acme plc",)

    fake = types.ModuleType("assistant.subject")
    fake.infer_subject = infer_subject  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.subject", fake)
    profile = load_corpus(folder).profile
    assert seen == ["Acme posts a record quarter"]
    assert (profile.subject, profile.aliases) == ("Acme", ("Acme plc",))


def test_content_hash_changes_with_text(folder: Path) -> None:
    doc = load_document(folder / "sources" / "update.md")
    assert isinstance(doc, Document) and doc.kind == "source"
    from dataclasses import replace

    assert replace(doc, text=doc.text + "x").content_hash != doc.content_hash
    assert replace(doc, meta={"other": 1}).content_hash == doc.content_hash


# --------------------------------------------------------------------------- shipped corpus


def test_shipped_corpus_loads_in_the_folder_shape() -> None:
    corpus = load_corpus(SHIPPED, strict=True)
    assert not (SHIPPED / "raw").exists()
    assert [d.kind for d in corpus] == ["article"] + ["source"] * 5
    assert corpus.references == {n: f"source-{n}" for n in range(1, 6)}
    assert corpus.profile.name == "alibaba-ai-2025" and corpus.profile.subject == "Alibaba"
    assert corpus.duplicates == {}
    assert all(d.publisher for d in corpus)


def test_shipped_texts_are_the_files_bodies_unchanged() -> None:
    for doc in load_corpus(SHIPPED):
        _, body = parse_front_matter(doc.path.read_text(encoding="utf-8"))
        assert doc.text == body.strip("\n") + "\n", doc.id


def test_shipped_article_keeps_its_figures_and_markers() -> None:
    text = load_corpus(SHIPPED).article.text
    assert "committed $53 billion to AI and cloud infrastructure" in text
    assert "Alibaba Cloud, now holds a 33% market share" in text  # ticker tag gone
    assert "--" not in text
    assert len(re.findall(r"\[[1-5]\]", text)) >= 15


# --------------------------------------------------------------------------- a second corpus


def test_sainsbury_corpus_loads_clean() -> None:
    corpus = load_corpus(SAINSBURY, strict=True)
    assert [d.key for d in corpus] == ["article", "source-1", "source-2", "source-3"]
    assert corpus.profile.name == "sainsbury-q1-2026"
    assert corpus.article.publisher.startswith("Hargreaves Lansdown")
    for doc in corpus:
        assert "Prices delayed" not in doc.text and "View factsheet" not in doc.text
        assert "Sign up" not in doc.text and "Written by" not in doc.text
        assert "0%" not in doc.text.splitlines()
        assert not any(line.lstrip().startswith("|") for line in doc.text.splitlines())
    rows = corpus.get("source-1").text.splitlines()
    assert "General Merchandise + Clothing — YoY: (3.7)%; £m: 438" in rows


def test_sainsbury_article_sentences_are_unchanged() -> None:
    corpus = load_corpus(SAINSBURY)
    raw = corpus.article.path.read_text(encoding="utf-8")
    for line in corpus.article.text.splitlines():
        assert line.lstrip("# ") in raw, line


def test_no_module_of_the_corpus_layer_names_the_shipped_article() -> None:
    names = re.compile(r"alibaba|ainvest|zacks|mizuho|douyin|trendyol|qwen|tencent|baidu", re.I)
    for module in ("corpus", "chunking", "fetch", "formats", "debris"):
        source = (ROOT / "assistant" / f"{module}.py").read_text(encoding="utf-8")
        assert not names.search(source), module
