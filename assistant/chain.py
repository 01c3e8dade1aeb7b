"""The answering chain: evidence, a direct line and quotes at once, the model's words after.

    question --retrieve--> passages --select evidence sentences--> evidence [1..n]
      --> premise check (all retrieved sentences) --> direct line (code, cited)
      --> supporting quotes (verbatim, each cited; every disagreeing value shown)
      [--> model draft --verify each sentence against the quote it cites--> kept sentences]

The bundled model is tiny and invents figures, so the chain never trusts it with a figure:

- *Evidence selection* (``evidence.py``) keeps only sentences that answer the question: a
  figure of the kind asked for, about the same owner, measure and period
  (``matching.answers``). None means the corpus does not say: the chain abstains without
  calling the model.
- The *direct line* and the *premise check* (``direct.py``) are built by code from those
  sentences, so every figure they state stands in the quote they cite.
- With ``elaborate`` on, the model drafts over the numbered evidence; *verification*
  (``verify.py``) keeps a draft sentence only if every figure stands, with its measure, in a
  quote it cites. Off by default for the bundled model, whose drafts never survived.

Streaming yields only final text, so no unverified figure is ever shown.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from assistant.answer import Answer, Caveat, Dropped, VerifiedFigure
from assistant.chain_inputs import REFUSAL, ChainInput, ChainOptions, Retriever, prompts
from assistant.chunking import Passage
from assistant.compared_order import check_order, reads_as_asked
from assistant.composing import compose_direct
from assistant.corpus_readings import CorpusReadings
from assistant.cues import asks_reason
from assistant.direct import answer_figure
from assistant.entities import Subject
from assistant.errors import ModelError
from assistant.evidence import (
    Evidence,
    EvidenceSentence,
    SentenceEmbeddings,
    citation_for,
    select_evidence,
)
from assistant.figures import find_figures
from assistant.grammar import draft_grammar
from assistant.lookups import rating_lookup, rating_premise, role_lookup, source_lookup
from assistant.nationality import as_named
from assistant.premise import (
    PremiseIssue,
    asserted_kinds,
    check_direction,
    check_premise,
    check_value,
)
from assistant.presupposed import MOVES, move_question, presupposed_move
from assistant.question import recase
from assistant.quotes import Picked, pick_quotes
from assistant.rating_premises import given_rating
from assistant.retrieval import Hit
from assistant.roles import asked_role
from assistant.sentences import split_hits
from assistant.synonyms import plain_terms, spell_out_acronyms
from assistant.text import marker_numbers
from assistant.time_spans import other_span
from assistant.typed_names import with_initialled_names, with_typed_names
from assistant.verify import Verdict, attach_markers, draft_sentences, verify_sentence

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel


log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- the chain


class VerifiedChain:
    """Evidence, a direct line and quotes at once; the model's verified words, if any, after.

    What streams is final: the direct answer line, then the supporting quotes, then (when
    ``elaborate``) each draft sentence of the model that passes verification.
    """

    def __init__(self, retriever: Retriever, llm: BaseChatModel, options: ChainOptions):
        from langchain_core.prompts import ChatPromptTemplate

        self.retriever = retriever
        self.llm = llm
        self.options = options
        self.sentence_embeddings = SentenceEmbeddings(retriever.embedder)
        names = options.subject_names
        self.subject = Subject(names[0], tuple(names[1:])) if names else None
        p = prompts()["answer"]
        subject = options.subject_names[0] if options.subject_names else "the article"
        self.prompt = ChatPromptTemplate.from_messages(
            [("system", p["system"].replace("{subject}", subject)), ("human", p["human"])]
        )
        self.draft_chain = self.prompt | self.llm
        self.readings = CorpusReadings(self._all_passages, options.dated_titles)

    def _all_passages(self) -> Sequence[Passage]:
        """Every passage of the corpus, as the retriever holds them (the same object while the
        index is unchanged, so caches keyed on it hold)."""
        return getattr(self.retriever, "passages", None) or []

    def recased(self, question: str) -> str:
        """``question`` with the corpus's names typed in lower case written as names ("how
        many passengers did acme air carry?"), so a follow-up's "its" finds its owner."""
        return recase(question, self.subject, self.readings.names())

    def spelled(self, question: str) -> str:
        """``question`` with mistyped words read as the corpus's ("yeild": "yield")."""
        return self.readings.speller().correct(question)

    def evidence(self, inp: ChainInput) -> tuple[list[Hit], Evidence, dict[str, float]]:
        t0 = time.perf_counter()
        # "the Italian bolt-on": the one name the corpus describes so.
        query = as_named(self.spelled(inp.retrieval_query), self.readings.described())
        query = with_typed_names(query, self.readings.typed_names())  # "coastal rail" typed
        # Search in the words documents print ("the CEO" finds "Chief Executive").
        search = plain_terms(query)
        vector = self.retriever.embedder.embed_query(search)
        # ... and an acronym with its name ("EBIT (operating profit)"), which the embedding
        # model cannot read from the letters; sentences are still judged against the question.
        named = spell_out_acronyms(search)
        found = vector if named == search else self.retriever.embedder.embed_query(named)
        # "according to the analyst note": that document's passages only
        docs = inp.doc_ids or self.readings.named_documents(query)
        hits = self.retriever.retrieve(named, k=inp.k, doc_ids=docs, vector=found)
        t1 = time.perf_counter()
        evidence = select_evidence(
            query,
            hits,
            vector,
            self.sentence_embeddings,
            self.options.max_evidence,
            subject=self.subject,
            quarters=self.readings.quarters(),
        )
        t2 = time.perf_counter()
        return hits, evidence, {"retrieve_s": t1 - t0, "evidence_s": t2 - t1}

    def stream(self, inp: ChainInput) -> Iterator[str | Answer]:
        """Yield the answer's text as it becomes final, then the Answer."""
        started = time.perf_counter()
        # "s&i margin": initials read as the name they stand for, in every step that follows.
        named = with_initialled_names(inp.retrieval_query, self.readings.initials())
        inp = dataclasses.replace(inp, retrieval_query=named)
        hits, evidence, timings = self.evidence(inp)
        answer = Answer(
            question=inp.question,
            text="",
            timings=timings,
            retrieved=[h.passage.id for h in hits],
            retrieved_docs=[h.passage.doc_id for h in hits],
        )
        looked_up = source_lookup(
            inp.question, hits, self.options.references, self._all_passages
        ) or role_lookup(inp.question, hits, self.options.subject_names, self._all_passages)
        looked_up = looked_up or rating_lookup(inp.retrieval_query, hits, self.subject)
        if looked_up is not None:
            answer.premise = rating_premise(inp.retrieval_query, looked_up[1])
            yield from self._quoted_answer(answer, *looked_up, started)
            return
        # "Who is Globex's CFO?" with no one named beside that role: the sources do not say.
        role_unnamed = asked_role(inp.question) is not None
        sentences = [] if role_unnamed else list(evidence.sentences)
        if role_unnamed:
            evidence.abstain_reason = "no one is named beside the role asked"
        premise = self._premise(inp.question, hits, evidence)
        if premise is not None:
            issue, held = premise
            answer.premise = issue.message
            # (the move's evidence may hold a sentence the question's holds too: cite it once)
            held = next((s for s in sentences if held and s.text == held.text), held)
            premise = (issue, held)
            if held is not None and held not in sentences:
                sentences.append(held)
        if not sentences:
            answer.text, answer.abstained = prompts()["abstain"], True
            answer.dropped.append(Dropped("", f"abstained: {evidence.abstain_reason}"))
            answer.timings["first_sentence_s"] = time.perf_counter() - started
            yield answer.text
            yield self._finish(answer, sentences, [], started)
            return
        # A follow-up ("what was it before they cut it?") is read as resolved.
        picked = pick_quotes(
            evidence, sentences, inp.retrieval_query, self.subject, self.options.max_values
        )
        direct = compose_direct(
            [(n, s.display, s.part, role) for n, s, role in picked],
            evidence.parts or [inp.retrieval_query],
            evidence.kinds,
            evidence.currency,
            self.options.subject_names,
            evidence.missing_parts,
            {n: s.answering for n, s, _ in picked},
            inp.retrieval_query,
            {(n, i): figures for n, s, _ in picked for i, figures in s.also},
        )
        answer.missing = list(evidence.missing_parts)
        order = self._order(inp.question, evidence, picked) if premise is None else None
        if order is not None:
            issue, cited = order
            answer.premise = issue.message
            direct = f"{issue.correction} {''.join(f'[{n}]' for n in cited)}. {direct}"
        if premise is not None:
            n = sentences.index(premise[1]) + 1 if premise[1] is not None else None
            cite = f" [{n}]" if n else ""
            opening = f"{premise[0].correction}{cite}."
            direct = opening if not evidence.sentences else f"{opening} {direct}"
        answer.direct = direct
        answer.timings["first_sentence_s"] = time.perf_counter() - started
        yield direct
        kept = [_verbatim(s, n, role) for n, s, role in picked]
        answer.quoted = True
        # One quote a line: a table row has no full stop to end it.
        support = "\n".join(v.sentence for v in kept)
        yield "\n\n" + support
        answer.text = f"{direct}\n\n{support}"
        if self.options.elaborate and evidence.sentences:
            qmap = {i + 1: s.text for i, s in enumerate(evidence.sentences)}
            for verdict in self._verified_pieces(inp.question, evidence, qmap, answer):
                if REFUSAL.search(verdict.sentence):
                    continue
                kept.append(verdict)
                answer.model_words = True
                answer.text += " " + verdict.sentence
                yield " " + verdict.sentence
        yield self._finish(answer, sentences, kept, started, direct)

    def _quoted_answer(
        self, answer: Answer, direct: str, quotes: list[EvidenceSentence], started: float
    ) -> Iterator[str | Answer]:
        """A direct line whose markers [1], [2], ... cite ``quotes``, then the quotes."""
        kept = [_verbatim(quote, n) for n, quote in enumerate(quotes, start=1)]
        answer.direct, answer.quoted = direct, True
        support = "\n".join(v.sentence for v in kept)
        answer.text = f"{direct}\n\n{support}"
        answer.timings["first_sentence_s"] = time.perf_counter() - started
        yield direct
        yield "\n\n" + support
        yield self._finish(answer, quotes, kept, started, direct)

    def _premise(
        self, question: str, hits: list[Hit], evidence: Evidence
    ) -> tuple[PremiseIssue, EvidenceSentence | None] | None:
        """A premise of the question that the retrieved sentences contradict, if any."""
        candidates = {c[3]: c for c in split_hits(hits)}
        issue = check_premise(question, list(candidates), self.subject)
        issue = issue or other_span(question, list(candidates))  # "over ten years"
        issue = issue or given_rating(question, list(candidates.values()), self.subject)
        # "Why did orders fall?" asks for words, yet a rate in its quotes may say they rose.
        # "Are they on track for the £1.5bn of savings?" asks yes or no, yet asserts a figure.
        kinds = evidence.kinds or (MOVES if asks_reason(question) else asserted_kinds(question))
        if issue is None and not evidence.kinds and move_question(question):
            # "Why did revenue fall?": checked on the evidence for how much it fell, whose
            # figures are the group's; a reason's quotes may be a segment's table row.
            return self._presupposed_move(question, hits)
        if issue is None and evidence.sentences and kinds:
            first = [s for s in evidence.sentences if s.part == 0][:3]
            best = first[0].display if first else ""
            valued = check_value(
                question, best, list(candidates), kinds, evidence.currency, self.subject
            )
            if valued is not None:
                return valued, first[0]
            moved = check_direction(
                question,
                [s.display for s in first],
                kinds,
                evidence.currency,
                self.subject,
            )
            if moved is None and asks_reason(question):
                return self._presupposed_move(question, hits)
            return (moved[0], first[moved[1]]) if moved is not None else None
        if issue is None:  # "X fell 3% - what caused it?" with no reason found: the move
            return self._presupposed_move(question, hits)
        hit, start, end, text, context = candidates[issue.sentence]
        held = next((s for s in evidence.sentences if s.text == text), None)
        held = held or EvidenceSentence(hit, start, end, text, context, 0.0, 0.0, False)
        return issue, held

    def _presupposed_move(
        self, question: str, hits: list[Hit]
    ) -> tuple[PremiseIssue, EvidenceSentence] | None:
        """The move a reason question takes for granted, checked (``presupposed.py``)."""
        embed = self.retriever.embedder.embed_query
        return presupposed_move(question, hits, embed, self.sentence_embeddings, self.subject)

    def _order(
        self, question: str, evidence: Evidence, picked: list[Picked]
    ) -> tuple[PremiseIssue, list[int]] | None:
        """An order of two compared figures the question takes for granted and the sources
        contradict, with the citations of the two figures."""
        if len(evidence.parts) != 2 or not evidence.kinds:
            return None
        sides = []
        for index, part in enumerate(evidence.parts):
            # A part no sentence of its own answers is read from the first part's sentence.
            found = next(((n, s) for n, s, _ in picked if s.part == index), None)
            n, best = found or picked[0][:2]
            answering = best.answering if found else frozenset()
            kinds, currency = evidence.kinds, evidence.currency
            fig = answer_figure(best.display, part, kinds, currency, self.subject, answering)
            if fig is None or (not found and not reads_as_asked(part, best.display, fig)):
                return None
            sides.append((n, (part.partition(": ")[0], best.display, fig)))
        issue = check_order(question, [side for _, side in sides])
        return (issue, sorted({n for n, _ in sides})) if issue else None

    def _verified_pieces(
        self, question: str, evidence: Evidence, quotes: dict[int, str], answer: Answer
    ) -> Iterator[Verdict]:
        lines = "\n".join(f"[{i}] {s.display}" for i, s in enumerate(evidence.sentences, 1))
        chain = self.draft_chain
        if self.options.grammar:  # evidence figures only, each sentence cited ("[n] " lines)
            chain = self.prompt | self.llm.bind(grammar=draft_grammar(lines.splitlines()))
        t0 = time.perf_counter()
        buffer = ""
        try:
            for chunk in chain.stream({"evidence": lines, "question": question}):
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

    def _finish(
        self,
        answer: Answer,
        sentences: list[EvidenceSentence],
        kept: list[Verdict],
        started: float,
        direct: str = "",
    ) -> Answer:
        """Attach the citations the text uses, the figures it states and their caveats."""
        cited = sorted({n for v in kept for n in v.cited} | set(marker_numbers(direct)))
        answer.citations = [citation_for(n, sentences[n - 1]) for n in cited]
        answer.figures = [
            VerifiedFigure(f.text, f.normalised(), n) for v in kept for f, n in v.figures
        ]
        if self.options.caveat is not None:
            answer.caveats = self._caveats(answer)
        answer.timings["total_s"] = time.perf_counter() - started
        return answer

    def _caveats(self, answer: Answer) -> list[Caveat]:
        """One caveat per citation and message, naming the figures it concerns."""
        assert self.options.caveat is not None
        by_n = {c.n: c for c in answer.citations}
        grouped: dict[tuple[int, str], list[str]] = {}
        for fig in answer.figures:
            message = self.options.caveat(by_n[fig.citation], fig)
            if message:
                texts = grouped.setdefault((fig.citation, message), [])
                if fig.text not in texts:
                    texts.append(fig.text)
        return [Caveat(n, ", ".join(figs), msg) for (n, msg), figs in grouped.items()]


def _verbatim(sentence: EvidenceSentence, n: int, role: str = "part") -> Verdict:
    """An evidence sentence as shown (the source's own markers removed), cited as [n]."""
    text = sentence.display
    label = "Another passage gives a different figure: " if role == "other value" else ""
    marked = label + attach_markers(text, [n])
    return Verdict(marked, True, "", [n], [(f, n) for f in find_figures(text)])


__all__ = [
    "ChainInput",
    "ChainOptions",
    "Retriever",
    "VerifiedChain",
    "prompts",
]
