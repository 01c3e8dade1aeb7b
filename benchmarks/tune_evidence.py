"""Evidence selection on the DEV questions only: does the expected figure reach the evidence?

Builds (once) an index per corpus in a scratch folder, runs retrieval and evidence selection
for every dev question (no chat model) and prints, per corpus:

- recall: answerable figure questions whose every expected figure stands in a selected
  sentence;
- false refusals: answerable questions for which evidence selection abstained;
- abstention accuracy: unanswerable questions for which it abstained.

Only each suite's dev and regression files are read (evals/suites.yaml): the test parts are
held out and this script must never be pointed at them.

    nice .venv/bin/python benchmarks/tune_evidence.py [--scratch /tmp/tune-index] [-v]
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.figures import contains_figure, parse_figure  # noqa: E402


def _dev_parts() -> list[tuple[str, Path, Path]]:
    """(name, corpus, questions) for every suite's dev and regression parts, never its test."""
    suites = yaml.safe_load((ROOT / "evals" / "suites.yaml").read_text(encoding="utf-8"))
    parts = []
    for suite in suites:
        corpus = (ROOT / suite["corpus"]).resolve()
        if suite.get("regression"):
            parts.append((f"{suite['name']}-reg", corpus, ROOT / suite["regression"]))
        parts.append((suite["name"], corpus, ROOT / suite["dev"]))
    return parts


DEV = _dev_parts()


# Dev questions in other words, from the issue that reported them (issue 11) and written
# for this script; never copied from a test part.
EXTRA = [
    {
        "corpus": "questions",
        "id": "x-fcf-shrink",
        "question": "How much did Alibaba's free cash flow shrink?",
        "expected_figures": ["76%"],
    },
    {
        "corpus": "questions",
        "id": "x-fcf-happened",
        "question": "What happened to free cash flow?",
        "expected_figures": ["76%"],
    },
    {
        "corpus": "questions",
        "id": "x-cloud-share-size",
        "question": "What is the size of the Chinese cloud market share held by Alibaba?",
        "expected_figures": ["33%"],
    },
    {
        "corpus": "questions",
        "id": "x-gmv-stack-up",
        "question": "How did Douyin's GMV growth stack up against Alibaba's?",
        "expected_figures": ["46%", "5%"],
    },
    {
        "corpus": "questions",
        "id": "x-pouring",
        "question": "How much money is Alibaba pouring into AI and cloud?",
        "expected_figures": ["$53 billion"],
    },
    {
        "corpus": "questions",
        "id": "x-buyback-other-words",
        "question": "How much stock did the company buy back in the quarter?",
        "expected_figures": ["$815 million"],
    },
    {
        "corpus": "questions",
        "id": "x-followup-why",
        "turns": ["How much did Alibaba's free cash flow fall?", "And what about net income?"],
        "expected_figures": ["76%"],
    },
    {
        "corpus": "questions",
        "id": "x-two-part",
        "question": "What did Alibaba repurchase in shares and how much did net income jump?",
        "expected_figures": ["$815 million", "76%"],
    },
    {
        "corpus": "questions",
        "id": "x-unanswerable-region",
        "question": "What is Alibaba's cloud market share in Europe?",
        "answerable": False,
    },
    {
        "corpus": "questions",
        "id": "x-unanswerable-period",
        "question": "How much did Alibaba's free cash flow fall in 2019?",
        "answerable": False,
    },
    {
        "corpus": "sainsbury",
        "id": "x-sb-shrink",
        "question": "By how much did Argos sales shrink in the first quarter?",
        "expected_figures": ["-0.5%"],
    },
    {
        "corpus": "sainsbury",
        "id": "x-sb-what-about",
        "turns": ["How much did Grocery sales grow in the first quarter?", "What about Argos?"],
        "expected_figures": ["-0.5%"],
    },
    {
        "corpus": "sainsbury",
        "id": "x-sb-compare",
        "question": "How did grocery sales growth compare with general merchandise?",
        "expected_figures": ["3.6%", "-3.7%"],
    },
    {
        "corpus": "sainsbury",
        "id": "x-sb-unanswerable-h1",
        "question": "What were Sainsbury's grocery sales in the second half?",
        "answerable": False,
    },
]


def _chain_parts(corpus: Path, scratch: Path):
    from assistant.index import ensure_index
    from assistant.retrieval import HybridRetriever

    settings = load_settings(corpus_dir=corpus, index_dir=scratch / corpus.name)
    handle = ensure_index(settings)
    retriever = HybridRetriever(handle)
    embedder = getattr(retriever, "embedder", None) or retriever.embeddings
    return settings, handle, retriever, embedder


def _inferred_subject(corpus: Path):
    from assistant.entities import Subject
    from assistant.subject import infer_subject
    from assistant.text import parse_front_matter

    article = next(p for p in corpus.iterdir() if p.stem == "article")
    meta, body = parse_front_matter(article.read_text(encoding="utf-8"))
    name, aliases = infer_subject(str(meta.get("title", "")), body)
    return Subject(name, aliases)


def _has(sentences: list[str], expected: str) -> bool:
    try:
        fig = parse_figure(expected)
    except Exception:  # a figure phrase the parser does not read: compare as text
        return any(expected.lower() in s.lower() for s in sentences)
    return any(contains_figure(s, fig) for s in sentences)


# Whether select_evidence takes profile= and min_similarity= (not before issue 11).
NEW_API = (
    "min_similarity"
    in importlib.import_module("assistant.evidence").select_evidence.__code__.co_varnames
)


SENTENCE: float | None = None


def _load(dev: Path) -> list[dict]:
    extra = [{**item, "extra": True} for item in EXTRA if item["corpus"] == dev.stem]
    return yaml.safe_load(dev.read_text(encoding="utf-8")) + extra


def run(
    name: str, corpus: Path, dev: Path, scratch: Path, verbose: bool, thresholds: list[float]
) -> list[dict[str, float]]:
    from assistant import evidence as ev
    from assistant.question import resolve_followup

    settings, handle, retriever, embedder = _chain_parts(corpus, scratch)
    profile = getattr(handle, "profile", None) or _inferred_subject(corpus)
    cache = ev.SentenceEmbeddings(embedder)
    items = _load(dev)
    prepared = []
    for item in items:
        turns = item.get("turns") or [item["question"]]
        history: list[str] = []
        for turn in turns:
            query = resolve_followup(turn, history)
            history.append(query)
        vector = embedder.embed_query(query)
        hits = retriever.retrieve(query, k=settings.top_k, vector=vector)
        prepared.append((item, query, vector, hits))
    rows = []
    for threshold in thresholds:
        outcomes = []
        for item, query, vector, hits in prepared:
            kwargs = {"profile": profile, "min_similarity": threshold} if NEW_API else {}
            if NEW_API and SENTENCE is not None:
                kwargs["min_sentence_similarity"] = SENTENCE
            evidence = ev.select_evidence(
                query, hits, vector, cache, settings.max_evidence, **kwargs
            )
            texts = [s.text for s in evidence.sentences]
            if item.get("answerable", True):
                expected = item.get("expected_figures") or []
                ok = bool(texts) and all(_has(texts, f) for f in expected)
                status = "ok" if ok else ("REFUSED" if not texts else "MISSED")
            else:
                status = "abstained" if not texts else "ANSWERED"
            outcomes.append((item, status))
            if verbose and status.isupper() and len(thresholds) == 1:
                print(f"  {status:9} {item['id']}: {query}")
                for t in texts:
                    print(f"      | {t[:150]}")
                if getattr(evidence, "missing_parts", None):
                    print(f"      (missing parts: {evidence.missing_parts})")
                if evidence.abstain_reason:
                    print(f"      ({evidence.abstain_reason})")
        for label, chosen in (("dev", False), ("extra", True), ("all", None)):
            picked = [
                st for it, st in outcomes if chosen is None or it.get("extra", False) == chosen
            ]
            rows.append({"threshold": threshold, "set": label, **_rates(picked)})
    return rows


def _rates(statuses: list[str]) -> dict[str, float]:
    answerable = [s for s in statuses if s in ("ok", "REFUSED", "MISSED")]
    unanswerable = [s for s in statuses if s in ("abstained", "ANSWERED")]
    return {
        "questions": len(statuses),
        "recall": answerable.count("ok") / len(answerable) if answerable else 0.0,
        "false_refusals": answerable.count("REFUSED") / len(answerable) if answerable else 0.0,
        "abstention": unanswerable.count("abstained") / len(unanswerable) if unanswerable else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/tune-evidence-index"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--only", choices=[d[0] for d in DEV])
    parser.add_argument("--sweep", default="", help="comma-separated similarity thresholds")
    parser.add_argument(
        "--sentence",
        type=float,
        default=None,
        help="question-sentence similarity threshold (default: the module's)",
    )
    args = parser.parse_args()
    global SENTENCE
    SENTENCE = args.sentence
    default = getattr(importlib.import_module("assistant.evidence"), "MIN_MEASURE_SIMILARITY", 0.5)
    thresholds = [float(t) for t in args.sweep.split(",") if t] or [default]
    logging.basicConfig(level=logging.WARNING)
    for name, corpus, dev in DEV:
        if args.only and name != args.only:
            continue
        if not dev.exists():
            print(f"{name}: no dev file at {dev}")
            continue
        for row in run(name, corpus, dev, args.scratch, args.verbose, thresholds):
            print(
                f"{name:10} {row['set']:5} n={row['questions']:3} t={row['threshold']:.2f} "
                f"recall={row['recall']:.2f}  false_refusals={row['false_refusals']:.2f}  "
                f"abstention={row['abstention']:.2f}"
            )


if __name__ == "__main__":
    main()
