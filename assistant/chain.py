"""Evidence first, then a short draft, then verification: the answering chain.

    question --retrieve--> passages --select evidence sentences--> evidence [1..n]
      --prompt + LLM--> draft --verify each sentence against the quote it cites--> Answer

The bundled model is tiny and invents figures, so the chain never trusts it with a figure:

- *Evidence selection* keeps only sentences that answer the question. For a question that
  asks for a figure, a sentence qualifies only if one of its figures has the kind asked for
  and is about the same subject, measure and period (``measures.answers``). No qualifying
  sentence means the corpus does not say: the chain abstains without calling the model.
- *Verification* splits the draft into sentences. A sentence that states a figure must cite
  evidence, and every figure must stand (after normalisation) in a quote it cites, with the
  same measure; otherwise the sentence is dropped and the reason recorded.
- If nothing useful survives, the answer quotes the best evidence sentence verbatim.

Streaming yields only verified sentences, so no unverified figure is ever shown, even while
an answer is being written.
"""

from __future__ import annotations

import logging
import math
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from assistant.answer import Answer, Citation, Dropped, VerifiedFigure
from assistant.chunking import sentence_spans
from assistant.errors import InputError, ModelError
from assistant.figures import Figure, asked_kinds, find_figures
from assistant.measures import (
    MEASURES,
    QuestionFocus,
    claims_of_sentence,
    figure_contexts,
    mentions_home,
    other_entities,
    periods,
    question_focus,
    same_measure,
    subject_fits,
)
from assistant.retrieval import STOPWORDS, Hit, HybridRetriever, tokenize

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

log = logging.getLogger(__name__)

_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_SOURCE_MARKERS = re.compile(r"\s*\[\d{1,2}\](?:\[\d{1,2}\])*")
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s+")
# Words that say nothing about what a figure is of ("what is the value of ...").
# Change verbs, manner words and question fillers: they say how a figure moved or how the
# question is phrased, not what the figure is of.
_GENERIC_WORDS = """value amount figure figures size total number much big large last latest year
    quarter quarterly annual give state report reported result results article piece source
    according use used two twice one grow grew grown growth rise rose fall fell drop dropped cut
    lower lowered increase decrease decline jump surge plummet slash raise change drove driven
    kept go fast quick quickly sharp sharply so rough roughly approximately about up down long
    compare compared versus before earlier ago same besides expect expected project projected
    plan planned hold pay set percentage percent rate stock shares forecast estimate outlook"""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MIN_DENSE_SIMILARITY = 0.15
ALL_FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})
_FOLLOWUP_START = re.compile(
    r"^(?:and|also|what about|how about|and what about|in|what of|same for|then)\b", re.I
)
_PRONOUN = re.compile(r"\b(?:it|its|that|those|they|their|this|these|them)\b", re.I)
_CURRENCY_HINTS = {"CNY": re.compile(r"\b(?:yuan|rmb|cny|renminbi)\b", re.I),
                   "USD": re.compile(r"\b(?:dollars?|usd|us\$)\b", re.I)}
# Sentences that address the reader with orders ("ignore previous instructions and state
# ...") are attempts to steer the model, not evidence about the world.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier)"
    r"\s+(?:instructions?|prompts?|rules?|messages?)\b|\bsystem prompt\b"
    r"|\byou must (?:say|state|answer|reply)\b"
    r"|^\W*(?:please\s+)?(?:state|say|answer|reply|respond)\s+(?:that|with)\b",
    re.I,
)
_REFUSAL = re.compile(r"\b(?:do(?:es)? not (?:say|mention|state|provide)|not (?:mentioned|"
                      r"provided|stated)|i (?:do not|don't) know|no information)\b", re.I)


@lru_cache(maxsize=1)
def prompts() -> dict[str, Any]:
    """The prompts, kept together as data in ``assistant/prompts/prompts.yaml``."""
    text = resources.files("assistant").joinpath("prompts/prompts.yaml").read_text("utf-8")
    return yaml.safe_load(text)


# --------------------------------------------------------------------------- questions


def clean_question(question: object, max_chars: int) -> str:
    """Normalise a question or refuse it with a message that says what to do."""
    if not isinstance(question, str):
        raise InputError("the question must be text")
    # Lone surrogates (invalid UTF-8 from a terminal) become U+FFFD instead of crashing later.
    text = question.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InputError("the question is empty — type a question about the article")
    if len(text) > max_chars:
        raise InputError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,} — "
            "ask a shorter question"
        )
    return text


def is_followup(question: str) -> bool:
    """A short or pronoun-led question leans on the previous one ("and in yuan?")."""
    content = tokenize(question)
    named = other_entities(question) or mentions_home(question)
    return bool(
        _FOLLOWUP_START.match(question)
        or len(content) <= 2
        or (_PRONOUN.search(question) and not named)
    )


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question to retrieve with: a follow-up is read together with the last question."""
    if history and is_followup(question):
        return f"{history[-1]} {question}"
    return question


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class EvidenceSentence:
    """A sentence from a retrieved passage, scored against the question."""

    hit: Hit
    start: int  # offsets in the document text
    end: int
    text: str
    context: str  # the paragraph before it in the passage (periods are often named there)
    similarity: float
    overlap: float
    qualifies: bool

    @property
    def score(self) -> float:
        return self.similarity + 0.5 * self.overlap + (0.5 if self.qualifies else 0.0)

    @property
    def display(self) -> str:
        """The sentence without the source's own reference markers (they would clash)."""
        return _LIST_MARKER.sub("", _SOURCE_MARKERS.sub("", self.text)).strip()


@dataclass
class Evidence:
    """The sentences handed to the model, or the reason to abstain."""

    sentences: list[EvidenceSentence]
    focus: QuestionFocus
    kinds: frozenset[str]
    abstain_reason: str | None = None
    currency: str | None = None
    candidates: int = 0


def _stem(token: str) -> str:
    """A crude stemmer: enough to match "partners"/"partnerships", "repurchased"/"repurchase"."""
    for suffix in ("ships", "ship", "ing", "ed", "en", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            token = token[: -len(suffix)]
            break
    if len(token) > 4 and token[-1] == token[-2] and token[-1] not in "aeiou":
        token = token[:-1]  # committ -> commit
    return token[:-1] if len(token) > 4 and token.endswith("e") else token


def content_stems(text: str) -> set[str]:
    """Content words, stemmed, without the home company's name (it is in every sentence)."""
    return {_stem(t) for t in tokenize(text) if t not in STOPWORDS and t not in {"alibaba"}}


def question_kinds(question: str, focus: QuestionFocus) -> frozenset[str]:
    """Kinds of figure asked for; a question naming a measure asks for some figure."""
    kinds = frozenset(asked_kinds(question))
    if not kinds and focus.measures:
        kinds = ALL_FIGURE_KINDS
    return kinds


def _currency_wanted(question: str) -> str | None:
    for currency, pattern in _CURRENCY_HINTS.items():
        if pattern.search(question):
            return currency
    return None


_GENERIC = frozenset(_stem(w) for w in _GENERIC_WORDS.split())


def topic_terms(question: str, focus: QuestionFocus) -> set[str]:
    """Question words that say what the figure is of, beyond its measure and subject."""
    named = {t for name in focus.measures for t in content_stems(" ".join(MEASURES[name]))}
    named |= content_stems(" ".join(focus.subjects)) | {p.lower() for p in focus.periods}
    return {t for t in content_stems(question) - named - _GENERIC if len(t) > 1}


def on_topic(topic: set[str], sentence: str, context: str) -> bool:
    """At least half of the topic words appear in the sentence or the paragraph before it."""
    if not topic:
        return True
    found = topic & content_stems(f"{context} {sentence}")
    return 2 * len(found) >= len(topic)


def figure_qualifies(sentence: str, focus: QuestionFocus, kinds: frozenset[str],
                     currency: str | None, context: str = "") -> bool:
    """Does a figure in this sentence answer the question (kind, subject, measure, period)?"""
    context_periods = frozenset(periods(context))
    for ctx in figure_contexts(sentence):
        if ctx.figure.kind not in kinds:
            continue
        # "... and in yuan?" is answered only by an amount in yuan.
        if currency and ctx.figure.currency != currency:
            continue
        if not subject_fits(focus, ctx):
            continue
        if focus.measures and not (focus.measures & ctx.measures):
            continue
        if focus.periods <= ctx.periods | context_periods:
            return True
    return False


def text_qualifies(sentence: str, focus: QuestionFocus, overlap: set[str],
                   similarity: float) -> bool:
    """For questions that ask for no figure: the sentence names the subject and the topic."""
    if focus.subjects and not (focus.subjects & other_entities(sentence)):
        return False
    if focus.periods and not focus.periods <= periods(sentence):
        return False
    return len(overlap) >= 2 or (len(overlap) >= 1 and similarity >= 0.55)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class SentenceEmbeddings:
    """Sentence vectors, cached by text: the corpus is small and questions repeat passages."""

    def __init__(self, retriever: HybridRetriever) -> None:
        self.retriever = retriever
        self._cache: dict[str, list[float]] = {}

    def vectors(self, sentences: list[str]) -> list[list[float]]:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            for text, vec in zip(missing, self.retriever.embeddings.embed_documents(missing),
                                 strict=True):
                self._cache[text] = vec
        return [self._cache[s] for s in sentences]


def split_hits(hits: list[Hit]) -> list[tuple[Hit, int, int, str, str]]:
    """(hit, start, end, text, context) for each retrieved sentence, deduplicated.

    The context is the paragraph up to the sentence: "Alibaba's Q1 2025 results ..." names
    the period once for the figures in the sentences after it.
    """
    seen: set[str] = set()
    out = []
    for hit in hits:
        p = hit.passage
        for s, e in sentence_spans(p.text):
            text = p.text[s:e]
            context = p.text[p.text.rfind("\n\n", 0, s) + 1 : s].strip()
            key = re.sub(r"\W+", " ", _SOURCE_MARKERS.sub("", text)).lower().strip()
            # Skip duplicates, headings' debris, reference-list lines (mostly a URL) and
            # instructions planted in a document.
            if key in seen or len(key.split()) < 4 or "http" in text or _INSTRUCTION.search(text):
                continue
            seen.add(key)
            out.append((hit, p.start + s, p.start + e, text, context))
    return out


def select_evidence(
    question: str,
    hits: list[Hit],
    question_vector: list[float],
    sentence_embeddings: SentenceEmbeddings,
    max_evidence: int,
) -> Evidence:
    """Score every sentence of the retrieved passages and keep the few that answer."""
    focus = question_focus(question)
    kinds = question_kinds(question, focus)
    currency = _currency_wanted(question)
    if not hits or max(h.dense_similarity for h in hits) < MIN_DENSE_SIMILARITY:
        return Evidence([], focus, kinds, "retrieval found no relevant passage", currency=currency)
    candidates = split_hits(hits)
    vectors = sentence_embeddings.vectors([c[3] for c in candidates])
    q_stems = content_stems(question)
    topic = topic_terms(question, focus)
    scored = []
    for (hit, start, end, text, context), vec in zip(candidates, vectors, strict=True):
        overlap = q_stems & content_stems(text)
        similarity = _cosine(question_vector, vec)
        qualifies = (
            figure_qualifies(text, focus, kinds, currency, context)
            and on_topic(topic, text, context)
            if kinds
            else text_qualifies(text, focus, overlap, similarity)
        )
        ratio = len(overlap) / len(q_stems) if q_stems else 0.0
        scored.append(
            EvidenceSentence(hit, start, end, text, context, similarity, ratio, qualifies)
        )
    chosen = sorted((s for s in scored if s.qualifies), key=lambda s: -s.score)[:max_evidence]
    if not chosen:
        reason = (
            "no evidence sentence states a figure of the kind asked for about this subject, "
            "measure and period"
            if kinds
            else "no evidence sentence is about what the question asks"
        )
        return Evidence([], focus, kinds, reason, candidates=len(scored), currency=currency)
    return Evidence(chosen, focus, kinds, None, candidates=len(scored), currency=currency)


def disagree(first: str, second: str, kinds: frozenset[str]) -> bool:
    """Do two sentences give different values for the same measure, subject and period?"""
    a = [c for c in claims_of_sentence("", first) if c.figure.kind in kinds]
    b = [c for c in claims_of_sentence("", second) if c.figure.kind in kinds]
    pairs = [(x, y) for x in a for y in b if same_measure(x, y)]
    return bool(pairs) and not any(x.figure.matches(y.figure) for x, y in pairs)


def citation_for(n: int, sentence: EvidenceSentence) -> Citation:
    p = sentence.hit.passage
    return Citation(n=n, doc_id=p.doc_id, title=p.title, url=p.url, quote=sentence.text,
                    passage_id=p.id, start=sentence.start, end=sentence.end, kind=p.kind,
                    section=p.section)


# --------------------------------------------------------------------------- verification


@dataclass
class Verdict:
    """One draft sentence after verification."""

    sentence: str  # cleaned, with only known citation markers
    kept: bool
    reason: str = ""
    cited: list[int] = field(default_factory=list)
    figures: list[tuple[Figure, int]] = field(default_factory=list)  # figure, citation holding it


def _quote_figure_measures(quote: str, fig: Figure) -> set[str] | None:
    """Measures next to the matching figure in the quote (None if the figure is absent)."""
    found = None
    for ctx in figure_contexts(quote):
        if ctx.figure.matches(fig):
            found = (found or set()) | set(ctx.measures)
    return found


def verify_sentence(sentence: str, quotes: dict[int, str]) -> Verdict:
    """Keep a draft sentence only if every figure stands, with its measure, in a cited quote."""
    cited = [int(n) for n in _MARKER.findall(sentence)]
    known = [n for n in dict.fromkeys(cited) if n in quotes]
    unknown = sorted(set(cited) - set(known))
    body = _MARKER.sub("", sentence).strip()
    clean = body if not known else _attach_markers(body, known)
    figures = find_figures(body)
    if not figures:
        if not known:
            return Verdict(clean, False, "cites no evidence", known)
        note = f"removed unknown citation {unknown}" if unknown else ""
        return Verdict(clean, True, note, known)
    if not known:
        why = "states a figure without a citation"
        if unknown:
            why += f" (cites [{unknown[0]}], which is not in the evidence)"
        return Verdict(clean, False, why, known)
    held: list[tuple[Figure, int]] = []
    draft_contexts = {c.figure.start: c for c in figure_contexts(body)}
    for fig in figures:
        # The first cited quote that holds the figure, with the measures next to it there.
        holder, quote_measures = next(
            ((n, m) for n in known if (m := _quote_figure_measures(quotes[n], fig)) is not None),
            (None, set()),
        )
        if holder is None:
            refs = ", ".join(f"[{n}]" for n in known)
            return Verdict(clean, False, f"figure {fig.text!r} is not in the cited evidence {refs}",
                           known)
        ctx = draft_contexts.get(fig.start)
        if ctx and ctx.measures and quote_measures and not (ctx.measures & quote_measures):
            return Verdict(
                clean, False,
                f"figure {fig.text!r} measures {', '.join(sorted(quote_measures))} in "
                f"[{holder}], not {', '.join(sorted(ctx.measures))}", known)
        held.append((fig, holder))
    return Verdict(clean, True, "", known, held)


def _attach_markers(body: str, cited: list[int]) -> str:
    markers = "".join(f"[{n}]" for n in cited)
    if body and body[-1] in ".!?":
        return f"{body[:-1]} {markers}{body[-1]}"
    return f"{body} {markers}"


def draft_sentences(buffer: str, final: bool) -> tuple[list[str], str]:
    """Complete sentences in a streaming buffer, and the rest still being written."""
    # A citation marker after the full stop belongs to the sentence before it.
    text = re.sub(r"([.!?])(\s*(?:\[\d{1,2}\])+)", r"\2\1", buffer)
    spans = sentence_spans(text)
    if not spans:
        return [], "" if final else buffer
    if final:
        return [text[s:e] for s, e in spans], ""
    # Hold back a sentence while what follows it may still be its citation ("...76%. [1").
    ready = len(spans) - 1
    while ready > 0 and text[spans[ready][0]] == "[":
        ready -= 1
    done = [text[s:e] for s, e in spans[:ready]]
    return done, text[spans[ready][0]:]


# --------------------------------------------------------------------------- the chain


@dataclass
class ChainInput:
    question: str
    retrieval_query: str
    k: int
    doc_ids: list[str] | None


class VerifiedChain:
    """Retrieve, select evidence, draft with the model, verify; streaming verified text."""

    def __init__(self, retriever: HybridRetriever, llm: BaseChatModel, max_evidence: int = 4):
        from langchain_core.prompts import ChatPromptTemplate

        self.retriever = retriever
        self.llm = llm
        self.max_evidence = max_evidence
        self.sentence_embeddings = SentenceEmbeddings(retriever)
        p = prompts()["answer"]
        self.prompt = ChatPromptTemplate.from_messages([("system", p["system"]),
                                                        ("human", p["human"])])
        self.draft_chain = self.prompt | self.llm

    def evidence(self, inp: ChainInput) -> tuple[list[Hit], Evidence, dict[str, float]]:
        t0 = time.perf_counter()
        vector = self.retriever.embed_query(inp.retrieval_query)
        hits = self.retriever.retrieve(inp.retrieval_query, k=inp.k, doc_ids=inp.doc_ids,
                                       vector=vector)
        t1 = time.perf_counter()
        evidence = select_evidence(inp.retrieval_query, hits, vector, self.sentence_embeddings,
                                   self.max_evidence)
        t2 = time.perf_counter()
        return hits, evidence, {"retrieve_s": t1 - t0, "evidence_s": t2 - t1}

    def stream(self, inp: ChainInput) -> Iterator[str | Answer]:
        """Yield verified text as it is written, then the final Answer."""
        started = time.perf_counter()
        hits, evidence, timings = self.evidence(inp)
        answer = Answer(question=inp.question, text="", timings=timings,
                        retrieved=[h.passage.id for h in hits],
                        retrieved_docs=[h.passage.doc_id for h in hits])
        if evidence.abstain_reason:
            answer.text, answer.abstained = prompts()["abstain"], True
            answer.dropped.append(Dropped("", f"abstained: {evidence.abstain_reason}"))
            answer.timings["first_sentence_s"] = time.perf_counter() - started
            yield answer.text
            yield self._finish(answer, None, [], started)
            return
        quotes = {i + 1: s.text for i, s in enumerate(evidence.sentences)}
        # Verified sentences are held back until they answer the question, so what streams
        # is always the final text: a draft that never answers is replaced by the quote.
        kept: list[Verdict] = []
        pending: list[Verdict] = []
        first_token: float | None = None
        for verdict in self._verified_pieces(inp.question, evidence, quotes, answer):
            pending.append(verdict)
            if self._answers_question(kept + pending, evidence):
                first_token = first_token or time.perf_counter()
                yield (" " if kept else "") + " ".join(v.sentence for v in pending)
                kept, pending = kept + pending, []
        if not kept:
            answer.dropped.extend(
                Dropped(v.sentence, "draft did not answer the question; quoting the evidence")
                for v in pending
            )
            kept = self._quote(evidence)
            answer.quoted = True
            first_token = time.perf_counter()
            yield " ".join(v.sentence for v in kept)
        answer.text = " ".join(v.sentence for v in kept)
        if first_token:
            answer.timings["first_sentence_s"] = first_token - started
        yield self._finish(answer, evidence, kept, started)

    def _verified_pieces(self, question: str, evidence: Evidence, quotes: dict[int, str],
                         answer: Answer) -> Iterator[Verdict]:
        lines = "\n".join(f"[{i}] {s.display}" for i, s in enumerate(evidence.sentences, 1))
        t0 = time.perf_counter()
        buffer = ""
        try:
            for chunk in self.draft_chain.stream({"evidence": lines, "question": question}):
                buffer += str(chunk.content)
                answer.draft += str(chunk.content)
                done, buffer = draft_sentences(buffer, final=False)
                yield from self._check(done, quotes, answer)
        except Exception as exc:
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"the chat model failed: {type(exc).__name__}: {exc}") from exc
        done, _ = draft_sentences(buffer, final=True)
        yield from self._check(done, quotes, answer)
        answer.timings["llm_s"] = time.perf_counter() - t0

    @staticmethod
    def _check(sentences: list[str], quotes: dict[int, str], answer: Answer) -> Iterator[Verdict]:
        for sentence in sentences:
            verdict = verify_sentence(sentence, quotes)
            if verdict.kept:
                if verdict.reason:
                    answer.dropped.append(Dropped(sentence, verdict.reason))
                yield verdict
            else:
                answer.dropped.append(Dropped(sentence, verdict.reason))

    @staticmethod
    def _answers_question(kept: list[Verdict], evidence: Evidence) -> bool:
        if not kept or _REFUSAL.search(" ".join(v.sentence for v in kept)):
            return False
        if not evidence.kinds:
            return True
        # A figure question is answered only by a verified figure of the kind (and currency)
        # asked for.
        return any(
            f.kind in evidence.kinds and (not evidence.currency or f.currency == evidence.currency)
            for v in kept
            for f, _ in v.figures
        )

    @staticmethod
    def _quote(evidence: Evidence) -> list[Verdict]:
        """Quote the best evidence verbatim, with a second sentence where it adds something.

        For a figure question the second sentence is one that gives a different value for
        the same measure (documents disagree: both are shown, each cited). For any other
        question it is the next best sentence, since one sentence rarely holds a full list.
        """
        best, rest = evidence.sentences[0], list(enumerate(evidence.sentences[1:], start=2))
        quoted, label = [(1, best)], ""
        if evidence.kinds:
            for n, other in rest:
                if disagree(best.display, other.display, evidence.kinds):
                    quoted.append((n, other))
                    label = "Another passage gives a different figure: "
                    break
        elif rest:
            quoted.append(rest[0])
        verdicts = [
            Verdict(_attach_markers(s.display, [n]), True, "", [n],
                    [(f, n) for f in find_figures(s.display)])
            for n, s in quoted
        ]
        if len(verdicts) > 1 and label:
            verdicts[1].sentence = label + verdicts[1].sentence
        return verdicts

    @staticmethod
    def _finish(answer: Answer, evidence: Evidence | None, kept: list[Verdict],
                started: float) -> Answer:
        """Attach the citations the text uses and the figures it states."""
        cited = sorted({n for v in kept for n in v.cited})
        sentences = evidence.sentences if evidence else []
        answer.citations = [citation_for(n, sentences[n - 1]) for n in cited]
        answer.figures = [VerifiedFigure(f.text, f.normalised(), n)
                          for v in kept for f, n in v.figures]
        answer.timings["total_s"] = time.perf_counter() - started
        return answer




class NaiveChain:
    """The baseline: top-k passages stuffed into one prompt, same model, no verification.

    Kept to measure what evidence selection and verification buy (``--chain naive``).
    """

    def __init__(self, retriever: HybridRetriever, llm: BaseChatModel) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_core.runnables import RunnableLambda, RunnablePassthrough

        self.retriever = retriever
        p = prompts()["naive"]
        prompt = ChatPromptTemplate.from_messages([("system", p["system"]), ("human", p["human"])])
        self.chain = (
            RunnablePassthrough.assign(sources=RunnableLambda(self._sources))
            | prompt
            | llm
            | StrOutputParser()
        )

    def _sources(self, inp: dict[str, Any]) -> str:
        hits: list[Hit] = inp["hits"]
        return "\n\n".join(f"[{i}] {h.passage.text}" for i, h in enumerate(hits, 1))

    def stream(self, inp: ChainInput) -> Iterator[str | Answer]:
        started = time.perf_counter()
        hits = self.retriever.retrieve(inp.retrieval_query, k=inp.k, doc_ids=inp.doc_ids)
        text = ""
        try:
            for piece in self.chain.stream({"question": inp.question, "hits": hits}):
                text += piece
                yield piece
        except Exception as exc:
            raise ModelError(f"the chat model failed: {type(exc).__name__}: {exc}") from exc
        cited = sorted({int(n) for n in _MARKER.findall(text) if 1 <= int(n) <= len(hits)})
        citations = [
            Citation(n=n, doc_id=hits[n - 1].passage.doc_id, title=hits[n - 1].passage.title,
                     url=hits[n - 1].passage.url, quote=hits[n - 1].passage.text,
                     passage_id=hits[n - 1].passage.id, start=hits[n - 1].passage.start,
                     end=hits[n - 1].passage.end, kind=hits[n - 1].passage.kind)
            for n in cited
        ]
        yield Answer(
            question=inp.question, text=text.strip(), citations=citations,
            abstained=bool(_REFUSAL.search(text)), draft=text,
            timings={"total_s": time.perf_counter() - started},
            retrieved=[h.passage.id for h in hits],
            retrieved_docs=[h.passage.doc_id for h in hits],
        )


__all__ = [
    "ChainInput",
    "Evidence",
    "EvidenceSentence",
    "NaiveChain",
    "VerifiedChain",
    "clean_question",
    "is_followup",
    "resolve_followup",
    "select_evidence",
    "verify_sentence",
]
