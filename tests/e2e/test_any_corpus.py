"""Any corpus folder, through the real command line (issue 10, "Done when").

A made-up corpus of plain files (no ``corpus.yaml``, no front matter: a .txt article, an HTML
source with a table, a Markdown source) about a fictional company, and the second real corpus
read in place from ``../shared``, all ingested into one temporary index folder beside the
shipped corpus. Real processes, the real embedding model; nothing is written into
``../shared``, the corpus folders or the repository's ``index/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAINSBURY_CORPUS, SHIPPED_CORPUS

from assistant.corpus import load_corpus
from assistant.figures import contains_figure, find_figures, parse_figure

pytestmark = pytest.mark.integration

ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
TIMEOUT_S = 600

ARTICLE = """Globex Corporation posts record year as European sales climb

Globex Corporation reported annual results on 12 March 2026. Revenue rose 7% to €5 billion, \
driven by strong demand for its industrial sensors across Europe.

Operating profit reached €640 million, and the company said it would return €200 million to \
shareholders through a share buyback.

Competition remains fierce. Initech holds a 40% market share in Spain, where Globex is still \
building its distribution network.

Chief executive Hank Scorpio said Globex would open 12 new factories over the next two years.
"""

RESULTS_HTML = """<!DOCTYPE html>
<html>
<head><title>Globex Corporation annual results 2025</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/investors">Investors</a></nav>
<article>
<h1>Globex Corporation annual results 2025</h1>
<p>Globex Corporation today announced its results for the year ended 31 December 2025.</p>
<table>
<caption>Group results</caption>
<tr><th>Measure</th><th>2025</th><th>2024</th><th>Change</th></tr>
<tr><td>Revenue (€m)</td><td>5,000</td><td>4,673</td><td>7%</td></tr>
<tr><td>Operating profit (€m)</td><td>640</td><td>598</td><td>7%</td></tr>
<tr><td>Employees</td><td>18,200</td><td>17,400</td><td>5%</td></tr>
</table>
<p>The board proposes a dividend of €1.20 per share.</p>
</article>
</body>
</html>
"""

RIVAL_MD = """# Initech gains ground in Iberia

Initech said its Spanish business grew 11% last year. The company now holds a 40% market \
share in Spain, ahead of Globex and other rivals.

Initech expects its revenue in Spain to reach €900 million in 2026.
"""

GLOBEX_FILES = {
    "article.txt": ARTICLE,
    "sources/source-1.html": RESULTS_HTML,
    "sources/source-2.md": RIVAL_MD,
}
GLOBEX_IDS = {"article", "source-1", "source-2"}
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"

# A second made-up corpus: an HTML article, a PDF source, a Markdown source whose front
# matter carries keys of another tool, in a folder whose name has a space. The subject is
# named where names usually stand: at the start of sentences.
UMBRELLA_ARTICLE = """<!DOCTYPE html><html><head>
<title>Umbrella Holdings lifts dividend after strong year</title></head>
<body><header><a href="/">Home</a> Subscribe to our newsletter</header>
<article><h1>Umbrella Holdings lifts dividend after strong year</h1>
<p>Published 4 February 2026</p>
<p>Umbrella Holdings said on Tuesday that its annual sales rose 12% to ¥820 billion, helped by
strong demand in Asia.</p>
<p>The company raised its dividend to 45p per share and expects profit of HK$1.2-1.5bn next
year.</p>
<p>Analysts at Cyberdyne Research say the group now employs 31,000 people.</p>
</article><footer>Prices delayed by at least 15 minutes</footer></body></html>
"""
UMBRELLA_NOTES = """---
title: Analyst notes on Umbrella Holdings
rating: buy
tags: [pharma, japan]
---
# Notes

Umbrella Holdings' research spending reached ¥95bn in 2025, up from ¥88bn a year earlier.
"""
UMBRELLA_REPORT = "Umbrella Holdings annual report 2025. Net profit was JPY 64 billion, up 9%."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF holding one line of text (Helvetica), written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --------------------------------------------------------------------------- the CLI


class Cli:
    """Runs ``assistant`` in a scratch folder with no ASSISTANT_* setting but the index's."""

    def __init__(self, index_dir: Path, workdir: Path) -> None:
        self.index_dir = index_dir
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        self.env.update(
            ASSISTANT_REPORTS_DIR=str(workdir / "reports"),
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            PYTHONUNBUFFERED="1",
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ASSISTANT_BIN), *args, "--index-dir", str(self.index_dir)],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )

    def json(self, *args: str) -> Any:
        done = self.run(*args, "--json")
        assert done.returncode == 0, f"assistant {' '.join(args)}: {done.stderr[-3000:]}"
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        return json.loads(done.stdout)

    def ask(self, corpus: Path, question: str, *extra: str) -> dict[str, Any]:
        return self.json("ask", "--corpus", str(corpus), *extra, question)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> sha256), to prove nothing was written."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def describe(answer: dict[str, Any]) -> str:
    cites = "; ".join(f"[{c['n']}] {c['doc_id']}: {c['quote']}" for c in answer["citations"])
    figures = [(f["text"], f["normalised"], f["citation"]) for f in answer["figures"]]
    return (
        f"\ndirect: {answer['direct']!r}\ntext: {answer['text']!r}\n"
        f"abstained: {answer['abstained']}\nfigures: {figures}\ncitations: {cites}"
    )


def quote_holds(quote: str, normalised: str) -> bool:
    """The quote states a figure with this normalised value (read in place)."""
    return any(f.normalised() == normalised for f in find_figures(quote))


def assert_quotes_stand_in_their_documents(answer: dict[str, Any], corpus: Path) -> None:
    """Each citation's quote is the document's text at the offsets it gives."""
    docs = {(d.id, d.kind): d for d in load_corpus(corpus).documents}
    for c in answer["citations"]:
        doc = docs[(c["doc_id"], c["kind"])]
        assert doc.text[c["start"] : c["end"]] == c["quote"], c
        assert c["source_label"] == c["doc_id"], c


FALL = re.compile(r"\b(?:down|fell|fall(?:ing|en)?|declin\w*|decreas\w*|lower)\W+$", re.I)


def direct_states(direct: str, normalised: str) -> bool:
    """The line states the figure; a negative change may be worded ("Down 3.7%" is -3.7%)."""
    for fig in find_figures(direct):
        if fig.normalised() == normalised:
            return True
        worded = normalised.startswith("-") and fig.normalised() == normalised[1:]
        if worded and FALL.search(direct[: fig.start]):
            return True
    return False


def assert_states(answer: dict[str, Any], normalised: str, docs: set[str] | None = None) -> None:
    """The direct line states the figure, and a citation it carries holds it."""
    assert answer["abstained"] is False, describe(answer)
    assert answer["direct"], describe(answer)
    assert direct_states(answer["direct"], normalised), (
        f"the direct line does not state {normalised}" + describe(answer)
    )
    stated = [f for f in answer["figures"] if f["normalised"] == normalised]
    assert stated, f"no verified figure {normalised}" + describe(answer)
    by_n = {c["n"]: c for c in answer["citations"]}
    holding = [
        by_n[f["citation"]]
        for f in stated
        if quote_holds(by_n[f["citation"]]["quote"], normalised)
        and (docs is None or by_n[f["citation"]]["doc_id"] in docs)
    ]
    assert holding, f"no citation{f' of {sorted(docs)}' if docs else ''} holds it" + describe(
        answer
    )


def assert_abstains(answer: dict[str, Any]) -> None:
    assert answer["abstained"] is True, describe(answer)
    assert answer["direct"] == "", describe(answer)
    assert answer["figures"] == [] and answer["citations"] == [], describe(answer)
    assert [f for f in find_figures(answer["text"]) if f.kind != "year"] == [], describe(answer)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("any-corpus")


@pytest.fixture(scope="module")
def cli(workspace: Path) -> Cli:
    (workspace / "work").mkdir()
    return Cli(workspace / "index", workspace / "work")


@pytest.fixture(scope="module")
def globex(workspace: Path) -> Path:
    """The made-up corpus: plain files, no corpus.yaml, no front matter."""
    root = workspace / "globex"
    for name, text in GLOBEX_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def umbrella(workspace: Path, cli: Cli) -> Path:
    """The second made-up corpus, ingested into the same index folder."""
    root = workspace / "Umbrella notes"
    (root / "sources").mkdir(parents=True)
    (root / "article.html").write_text(UMBRELLA_ARTICLE, encoding="utf-8")
    (root / "sources" / "notes.md").write_text(UMBRELLA_NOTES, encoding="utf-8")
    (root / "sources" / "report.pdf").write_bytes(minimal_pdf(UMBRELLA_REPORT))
    report = cli.json("ingest", "--corpus", str(root))
    assert report["documents"] == 3 and report["problems"] == [], report
    return root


@pytest.fixture(scope="module")
def protected() -> dict[str, dict[str, str]]:
    """What must stay untouched: ../shared's corpus, the shipped corpus, the repo's index/."""
    return {
        "sainsbury": snapshot(SAINSBURY_CORPUS),
        "shipped": snapshot(SHIPPED_CORPUS),
        "index": snapshot(ROOT / "index"),
    }


@pytest.fixture(scope="module")
def globex_ingest(cli: Cli, globex: Path) -> dict[str, Any]:
    before = snapshot(globex)
    report = cli.json("ingest", "--corpus", str(globex))
    assert snapshot(globex) == before, "ingest wrote into the corpus folder"
    return report


@pytest.fixture(scope="module")
def all_ingested(
    cli: Cli, globex_ingest: dict[str, Any], protected: dict[str, dict[str, str]]
) -> dict[str, dict[str, Any]]:
    """The shipped and the Sainsbury corpus ingested into the same index folder."""
    reports = {
        "globex": globex_ingest,
        "shipped": cli.json("ingest", "--corpus", str(SHIPPED_CORPUS)),
        "sainsbury": cli.json("ingest", "--corpus", str(SAINSBURY_CORPUS)),
    }
    return reports


# --------------------------------------------------------------------------- (a) plain files


def test_plain_folder_ingests_without_corpus_yaml(
    globex_ingest: dict[str, Any], globex: Path, cli: Cli
) -> None:
    assert not (globex / "corpus.yaml").exists()
    assert globex_ingest["documents"] == 3, globex_ingest
    assert globex_ingest["problems"] == [], globex_ingest
    assert globex_ingest["corpus"] == "globex", globex_ingest
    assert globex_ingest["chunks"] >= 3, globex_ingest
    assert Path(globex_ingest["index_dir"]).resolve() == cli.index_dir.resolve()


def test_corpus_lists_the_plain_documents(globex_ingest: dict[str, Any], globex: Path, cli: Cli):
    rows = cli.json("corpus", "--corpus", str(globex))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == GLOBEX_IDS, rows
    assert by_id["article"]["kind"] == "article"
    assert {by_id["source-1"]["kind"], by_id["source-2"]["kind"]} == {"source"}
    # Titles come from the first line / heading / <title>, since there is no front matter.
    assert "Globex" in by_id["article"]["title"], rows
    assert by_id["source-1"]["title"] == "Globex Corporation annual results 2025", rows
    assert by_id["source-2"]["title"] == "Initech gains ground in Iberia", rows


def test_html_table_rows_keep_their_column_headers(globex: Path) -> None:
    # Contract: a row reads "Label — Header: value; Header: value" (no raw cells, no pipes).
    text = {d.id: d.text for d in load_corpus(globex).documents}["source-1"]
    assert "<td>" not in text and "|" not in text, text
    assert "Investors" not in text, f"the page's menu became text: {text!r}"
    rows = [line for line in text.splitlines() if line.startswith("Revenue")]
    assert rows, text
    assert "2025: 5,000" in rows[0] and "2024: 4,673" in rows[0], rows


@pytest.mark.parametrize(
    ("question", "normalised"),
    [
        ("How much revenue did Globex report?", "EUR 5000000000"),
        ("What operating profit did Globex report?", "EUR 640000000"),
    ],
    ids=["revenue", "operating-profit"],
)
def test_figure_that_is_there_in_euros(
    globex_ingest: dict[str, Any], cli: Cli, globex: Path, question: str, normalised: str
) -> None:
    answer = cli.ask(globex, question)
    assert_states(answer, normalised)
    assert_quotes_stand_in_their_documents(answer, globex)
    for c in answer["citations"]:
        # A citation points at the sentence (or table row) holding its figure, not a passage.
        assert len(c["quote"]) < 200 and "\n" not in c["quote"], c


@pytest.mark.parametrize("doc", [None, "article"], ids=["all-documents", "article-only"])
def test_rival_figure_is_not_credited_to_the_subject(
    globex_ingest: dict[str, Any], cli: Cli, globex: Path, doc: str | None
) -> None:
    # Only Initech's share in Spain is given ("Initech holds a 40% market share in Spain";
    # "The company [Initech] now holds a 40% market share in Spain, ahead of Globex").
    extra = ("--doc", doc) if doc else ()
    answer = cli.ask(globex, "What is Globex's market share in Spain?", *extra)
    assert not contains_figure(answer["direct"], parse_figure("40%")), (
        "Initech's 40% is given as Globex's share" + describe(answer)
    )
    assert_abstains(answer)


def test_false_premise_is_corrected(globex_ingest: dict[str, Any], cli: Cli, globex: Path):
    # "Revenue rose 7% to €5 billion": the question's fall is wrong, and the answer says so.
    answer = cli.ask(globex, "Why did Globex's revenue fall 7% last year?")
    assert answer["abstained"] is False, describe(answer)
    assert answer["premise"], f"the false premise is not named{describe(answer)}"
    assert "rose" in answer["direct"] or "up" in answer["premise"], describe(answer)
    assert_quotes_stand_in_their_documents(answer, globex)


def test_unanswerable_question_abstains(globex_ingest: dict[str, Any], cli: Cli, globex: Path):
    assert_abstains(cli.ask(globex, "What was Globex's net debt at the end of 2025?"))


def test_ask_text_output_opens_with_the_direct_line(
    globex_ingest: dict[str, Any], cli: Cli, globex: Path
) -> None:
    done = cli.run("ask", "--corpus", str(globex), "How many employees does Globex have?")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "18,200" in done.stdout, done.stdout
    first = next(line for line in done.stdout.splitlines() if line.strip())
    assert "18,200" in first, done.stdout


def test_audit_checks_the_article_against_all_sources(
    globex_ingest: dict[str, Any], cli: Cli, globex: Path
) -> None:
    report = cli.json("audit", "--corpus", str(globex))
    records = report["records"]
    assert records, report
    assert {r["doc_id"] for r in records} == {"article"}, records
    by_figure = {r["normalised"]: r for r in records}
    # "two years" is a duration, not a claim.
    assert "2" not in by_figure, records
    # The results table holds revenue (5,000 €m) and operating profit (640 €m).
    for figure in ("EUR 5000000000", "EUR 640000000"):
        record = by_figure[figure]
        assert record["verdict"] == "supported", record
        assert record["supported_by"] == ["source-1"], record
    # Initech's Spanish revenue target is another company's figure, not a conflict.
    revenue = by_figure["EUR 5000000000"]
    assert all(c["doc_id"] != "source-2" for c in revenue["conflicts"]), revenue


def test_html_pdf_and_markdown_sources_in_a_folder_with_a_space(umbrella: Path, cli: Cli):
    rows = {r["id"]: r for r in cli.json("corpus", "--corpus", str(umbrella))}
    assert set(rows) == {"article", "notes", "report"}, rows
    assert rows["article"]["title"] == "Umbrella Holdings lifts dividend after strong year"
    assert rows["article"]["date"] == "2026-02-04", rows["article"]
    assert rows["notes"]["title"] == "Analyst notes on Umbrella Holdings", rows["notes"]
    text = {d.id: d.text for d in load_corpus(umbrella).documents}
    assert "Net profit was JPY 64 billion" in text["report"], text["report"]
    assert "newsletter" not in text["article"] and "Prices delayed" not in text["article"]


def test_subject_is_inferred_from_a_plain_article(umbrella: Path, cli: Cli) -> None:
    # No corpus.yaml: the organisation the title and text name most is the subject, even
    # when it opens its sentences ("Umbrella Holdings said ..."); an analyst firm named once
    # is not.
    rows = {Path(r["corpus_dir"]).resolve(): r for r in cli.json("corpus", "--all")}
    subject = rows[umbrella.resolve()]["subject"]
    assert "Umbrella" in subject, rows[umbrella.resolve()]


@pytest.mark.parametrize(
    ("question", "normalised", "doc"),
    [
        ("What was Umbrella Holdings' net profit in 2025?", "JPY 64000000000", "report"),
        ("What dividend per share will Umbrella Holdings pay?", "GBP 0.45", "article"),
        (
            "What profit does Umbrella Holdings expect next year?",
            "HKD 1200000000\u20131500000000",
            "article",
        ),
        ("How much did Umbrella Holdings spend on research in 2025?", "JPY 95000000000", "notes"),
    ],
    ids=["pdf-jpy", "pence", "hkd-range", "yen-symbol"],
)
def test_figures_in_any_currency_from_any_format(
    umbrella: Path, cli: Cli, question: str, normalised: str, doc: str
) -> None:
    answer = cli.ask(umbrella, question)
    assert_states(answer, normalised, {doc})
    assert_quotes_stand_in_their_documents(answer, umbrella)


# --------------------------------------------------------------------------- (b) beside others


def test_corpus_all_lists_every_corpus_in_the_index(
    all_ingested: dict[str, dict[str, Any]], cli: Cli, globex: Path
) -> None:
    names = {k: r["corpus"] for k, r in all_ingested.items()}
    assert len(set(names.values())) == 3, names
    collections = {r["collection"] for r in all_ingested.values()}
    assert len(collections) == 3, all_ingested
    rows = cli.json("corpus", "--all")
    by_name = {r["name"]: r for r in rows}
    assert set(names.values()) <= set(by_name), rows
    folders = {Path(r["corpus_dir"]).resolve() for r in rows}
    assert {globex.resolve(), SHIPPED_CORPUS.resolve(), SAINSBURY_CORPUS.resolve()} <= folders
    assert by_name[names["sainsbury"]]["documents"] == 4, rows
    assert by_name[names["globex"]]["documents"] == 3, rows
    assert "sainsbury" in by_name[names["sainsbury"]]["subject"].lower(), rows


def test_ingesting_reads_shared_corpora_in_place(
    all_ingested: dict[str, dict[str, Any]], protected: dict[str, dict[str, str]]
) -> None:
    assert all_ingested["sainsbury"]["documents"] == 4, all_ingested["sainsbury"]
    assert all_ingested["sainsbury"]["problems"] == [], all_ingested["sainsbury"]
    assert snapshot(SAINSBURY_CORPUS) == protected["sainsbury"], "../shared was written to"
    assert snapshot(SHIPPED_CORPUS) == protected["shipped"], "corpus/ was written to"
    assert snapshot(ROOT / "index") == protected["index"], "the repository's index/ changed"


def test_ask_the_shipped_corpus_beside_the_others(
    all_ingested: dict[str, dict[str, Any]], cli: Cli
) -> None:
    answer = cli.ask(SHIPPED_CORPUS, COMMITMENT)
    assert_states(answer, "USD 53000000000")
    assert_quotes_stand_in_their_documents(answer, SHIPPED_CORPUS)
    assert {c["doc_id"] for c in answer["citations"]} <= {
        "article",
        *(f"source-{i}" for i in range(1, 6)),
    }


@pytest.mark.parametrize(
    ("question", "normalised"),
    [
        # "General Merchandise + Clothing | (3.7)% | 438" under "| Sales Performance Q1 | YoY |"
        ("How did General Merchandise and Clothing sales change in the first quarter?", "-3.7%"),
        # "Argos | (0.5)% | 1,114"
        ("How did Argos sales change in the first quarter?", "-0.5%"),
    ],
    ids=["gm-clothing", "argos"],
)
def test_ask_the_sainsbury_table(
    all_ingested: dict[str, dict[str, Any]], cli: Cli, question: str, normalised: str
) -> None:
    answer = cli.ask(SAINSBURY_CORPUS, question, "--doc", "source-1")
    assert_states(answer, normalised, {"source-1"})
    assert_quotes_stand_in_their_documents(answer, SAINSBURY_CORPUS)
    for c in answer["citations"]:
        assert "|" not in c["quote"], c


def test_each_corpus_answers_only_from_its_own_documents(
    all_ingested: dict[str, dict[str, Any]], cli: Cli, globex: Path
) -> None:
    # The shipped corpus knows nothing of Globex: the collections never mix.
    assert_abstains(cli.ask(SHIPPED_CORPUS, "How much revenue did Globex report?"))
    answer = cli.ask(globex, COMMITMENT)
    assert answer["abstained"] is True, describe(answer)
    assert not quote_holds(answer["text"], "USD 53000000000"), describe(answer)
