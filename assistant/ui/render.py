"""Pure rendering of an answer: escaped HTML for the UI, lines for the CLI.

Nothing here imports gradio or touches the network; every function takes plain values and
returns a string, so each is unit-tested without a server. The CLI prints ``answer_lines``
and the UI shows ``render_answer_html``, so both show the same thing in the same order:
the premise correction, the direct answer, the supporting quotes, then the sources with
their caveats.

Safety: every piece of text that comes from a question or a document is HTML-escaped before
it enters HTML; links are kept only for plain http(s) URLs.

The article's own reference markers inside a quote ("[1]": the article's source 1) are shown
as a small "source 1" tag, so they cannot be mistaken for the answer's citation numbers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote as url_quote

from assistant.figures import Figure, find_figures
from assistant.text import CITATION_MARKER, marker_numbers

__all__ = [
    "ABSTAIN_LABEL",
    "PREMISE_LABEL",
    "QUOTED_LABEL",
    "answer_lines",
    "esc",
    "highlight_figures",
    "link_citations",
    "quote_text",
    "reference_tags",
    "render_answer_html",
    "render_error_html",
    "render_partial_html",
    "render_question_html",
    "safe_url",
]

ABSTAIN_LABEL = "⚠ Not in the sources"
QUOTED_LABEL = "❝ Quoted verbatim from the source"
PREMISE_LABEL = "The question's premise does not hold"
CAVEAT_LABEL = "⚠ caveat"
_SAFE_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


# --------------------------------------------------------------------------- small pieces


def esc(text: object) -> str:
    """``text`` as HTML text or attribute value."""
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), percent-encoding what could break an attribute."""
    if not url or not _SAFE_SCHEME.match(url.strip()):
        return None
    return url_quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def link(url: str | None, label_html: str, *, title: str = "", cls: str = "") -> str:
    """``label_html`` as a link that opens in a new tab, or as it is when the URL is unsafe."""
    href = safe_url(url)
    if href is None:
        return label_html
    attrs = f' href="{esc(href)}" target="_blank" rel="noopener noreferrer"'
    if title:
        attrs += f' title="{esc(title)}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<a{attrs}>{label_html}</a>"


def _source_names(numbers: Sequence[int]) -> str:
    noun = "source" if len(numbers) == 1 else "sources"
    return f"{noun} {', '.join(str(n) for n in numbers)}"


def reference_tags(quote_html: str) -> str:
    """Turn the article's own markers in (escaped) quote HTML into "source n" tags."""

    def tag(match: re.Match[str]) -> str:
        numbers = marker_numbers(match.group(0))
        title = f"the quoted document's own reference to its {_source_names(numbers)}"
        return f'<span class="ref" title="{esc(title)}">{_source_names(numbers)}</span>'

    return CITATION_MARKER.sub(tag, quote_html)


def quote_text(quote: str) -> str:
    """A quote for a terminal: the document's own markers read ⟨source n⟩, not [n]."""
    return CITATION_MARKER.sub(lambda m: f"⟨{_source_names(marker_numbers(m.group(0)))}⟩", quote)


def link_citations(text: str, citations: Sequence[Any]) -> str:
    """Escape ``text`` and turn each ``[n]`` of a known citation into a link to its source."""
    by_n = {c.n: c for c in citations}

    def replace(match: re.Match[str]) -> str:
        numbers = marker_numbers(match.group(0))
        if not numbers or any(n not in by_n for n in numbers):
            return match.group(0)
        parts = []
        for n in numbers:
            citation = by_n[n]
            title = f"{citation.doc_id}: {citation.title}"
            parts.append(
                link(citation.url, f"[{n}]", title=title, cls="cite")
                if safe_url(citation.url)
                else f'<span class="cite">[{n}]</span>'
            )
        return "".join(parts)

    return CITATION_MARKER.sub(replace, esc(text))


# --------------------------------------------------------------------------- figures in quotes


def _figure_spans(quote: str, figures: Iterable[Any]) -> list[tuple[int, int]]:
    """Spans of ``quote`` that state one of ``figures`` (same value, however it is written)."""
    targets: list[tuple[str, list[Figure]]] = []
    for figure in figures:
        text = figure if isinstance(figure, str) else str(getattr(figure, "text", figure))
        targets.append((text, find_figures(text)))
    parsed = [fig for _, found in targets for fig in found]
    spans = [(f.start, f.end) for f in find_figures(quote) if any(f.matches(t) for t in parsed)]
    for text, found in targets:  # a figure the parser does not read: match its words
        if not found and text.strip():
            spans += [m.span() for m in re.finditer(re.escape(text.strip()), quote, re.I)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_figures(quote: str, figures: Iterable[Any]) -> str:
    """Escape ``quote``, wrap every figure of ``figures`` in ``<mark>``, tag its own markers."""
    parts: list[str] = []
    position = 0
    for start, end in _figure_spans(quote, figures):
        parts += [esc(quote[position:start]), f"<mark>{esc(quote[start:end])}</mark>"]
        position = end
    parts.append(esc(quote[position:]))
    return reference_tags("".join(parts))


# --------------------------------------------------------------------------- the answer (HTML)


def _caveats_for(answer: Any, n: int) -> list[Any]:
    return [c for c in answer.caveats if c.citation == n]


def _caveat_badge(caveat: Any) -> str:
    return (
        f'<span class="badge badge-caveat" title="{esc(caveat.message)}">{CAVEAT_LABEL}: '
        f"{esc(caveat.figure)} — {esc(caveat.message)}</span>"
    )


def _duplicate_badge(citation: Any) -> str:
    """A warning on a quote whose document repeats another's title or URL (it may pose as
    that document; the citation names its own file)."""
    other = getattr(citation, "duplicate_of", None)
    if not other:
        return ""
    return (
        f' <span class="badge badge-duplicate" title="this file repeats the title or URL of '
        f'{esc(other)}">⚠ {esc(citation.doc_id)} copies the title or URL of '
        f"{esc(other)}</span>"
    )


def _source_item(citation: Any, answer: Any) -> str:
    held = [f for f in answer.figures if f.citation == citation.n]
    section = f" · {esc(citation.section)}" if getattr(citation, "section", "") else ""
    url = esc(citation.url) if citation.url else "no link"
    caveats = "".join(_caveat_badge(c) for c in _caveats_for(answer, citation.n))
    return (
        f'<li value="{citation.n}">'
        f"{link(citation.url, f'<b>{esc(citation.title)}</b>')}{_duplicate_badge(citation)}"
        f'<div class="src-meta"><code>{esc(citation.doc_id)}</code>{section} · {url}</div>'
        f'<blockquote class="quote">{highlight_figures(citation.quote, held)}</blockquote>'
        f"{f'<div class=caveats>{caveats}</div>' if caveats else ''}"
        "</li>"
    )


def _sources_html(answer: Any) -> str:
    if not answer.citations:
        return ""
    items = "".join(_source_item(c, answer) for c in answer.citations)
    return (
        f'<details class="sources"><summary>Sources ({len(answer.citations)})</summary>'
        f"<ol>{items}</ol></details>"
    )


def _caveats_html(answer: Any) -> str:
    """One badge per caveat, beside the answer, so it is seen without opening the sources."""
    if not answer.caveats:
        return ""
    badges = "".join(
        f'<li>{_caveat_badge(c)} <span class="cite-n">[{c.citation}]</span></li>'
        for c in answer.caveats
    )
    return f'<ul class="caveats">{badges}</ul>'


def _dropped_html(answer: Any) -> str:
    removed = [d for d in answer.dropped if d.sentence]
    if not removed:
        return ""
    items = "".join(f"<li>“{esc(d.sentence)}” — {esc(d.reason)}</li>" for d in removed)
    noun = "sentence" if len(removed) == 1 else "sentences"
    return (
        f'<details class="dropped"><summary>✂ {len(removed)} draft {noun} removed by '
        f"verification</summary><ul>{items}</ul></details>"
    )


def _badges_html(answer: Any) -> str:
    badges = []
    if answer.abstained:
        badges.append(f'<span class="badge badge-abstain">{ABSTAIN_LABEL}</span>')
    if answer.quoted:
        badges.append(f'<span class="badge badge-quoted">{QUOTED_LABEL}</span>')
    return f'<div class="badges">{"".join(badges)}</div>' if badges else ""


def _premise_html(answer: Any) -> str:
    if not answer.premise:
        return ""
    return (
        f'<div class="premise"><b>{PREMISE_LABEL}:</b> '
        f"{link_citations(answer.premise, answer.citations)}</div>"
    )


def _abstain_reason_html(answer: Any) -> str:
    reasons = [d.reason for d in answer.dropped if not d.sentence]
    if not answer.abstained or not reasons:
        return ""
    return f'<div class="why">Why: {esc("; ".join(reasons))}</div>'


def supporting_text(answer: Any) -> str:
    """The answer's text after its direct line (the text opens with it), or "" when the text
    holds nothing more."""
    text, direct = answer.text.strip(), answer.direct.strip()
    if direct and text.startswith(direct):
        text = text[len(direct) :].strip()
    return text


def _body_html(answer: Any) -> str:
    """The direct line, then the supporting text (each paragraph of it)."""
    direct = answer.direct.strip()
    parts = []
    if direct:
        parts.append(f'<p class="direct">{link_citations(direct, answer.citations)}</p>')
    for paragraph in supporting_text(answer).split("\n\n"):
        if paragraph.strip():
            body = link_citations(paragraph.strip(), answer.citations)
            parts.append(f'<p class="answer-text">{body}</p>')
    return "".join(parts)


def render_answer_html(answer: Any) -> str:
    """The final answer: premise, direct line, quotes, caveats, sources, what was removed."""
    return (
        '<div class="answer final">'
        f"{_premise_html(answer)}{_badges_html(answer)}{_body_html(answer)}"
        f"{_caveats_html(answer)}{_abstain_reason_html(answer)}"
        f"{_sources_html(answer)}{_dropped_html(answer)}"
        "</div>"
    )


def render_partial_html(text: str = "") -> str:
    """The reply while the answer is being worked out."""
    body = esc(text) if text else "<i>Searching the sources…</i>"
    return f'<div class="answer"><p class="answer-text">{body}</p></div>'


def render_error_html(message: str) -> str:
    """A user-facing error as the assistant's reply."""
    return (
        '<div class="answer final"><span class="badge badge-error">Cannot answer</span> '
        f"{esc(message)}</div>"
    )


def render_question_html(question: str) -> str:
    return esc(question)


# --------------------------------------------------------------------------- the answer (text)


def answer_lines(answer: Any) -> list[str]:
    """The answer for a terminal, in reading order (not yet made terminal-safe).

    The premise correction first when set, the direct line, the supporting text, then each
    citation with its quote and one line per caveat on it.
    """
    lines: list[str] = []
    if answer.premise:
        lines.append(f"{PREMISE_LABEL}: {answer.premise}")
    direct = answer.direct.strip()
    if direct:
        lines.append(direct)
    support = supporting_text(answer)
    if support:
        lines += ["", support] if direct else [support]
    if answer.abstained:
        return lines
    for c in answer.citations:
        copies = f"  [duplicate of {c.duplicate_of}]" if getattr(c, "duplicate_of", None) else ""
        lines += ["", f"[{c.n}] {c.title} ({c.doc_id}){copies}"]
        if c.url:
            lines.append(f"    {c.url}")
        lines.append(f"    \u201c{quote_text(c.quote)}\u201d")
        lines += [f"    caveat: {v.figure}: {v.message}" for v in _caveats_for(answer, c.n)]
    known = {c.n for c in answer.citations}
    lines += [
        f"caveat [{v.citation}]: {v.figure}: {v.message}"
        for v in answer.caveats
        if v.citation not in known
    ]
    if answer.dropped and any(d.sentence for d in answer.dropped):
        n = sum(1 for d in answer.dropped if d.sentence)
        lines += ["", f"({n} draft sentence(s) dropped by verification; --json shows why)"]
    return lines
