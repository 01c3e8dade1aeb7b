"""The pure renderers shared by the UI and the CLI: escaping, citation links, the direct line
first, the premise correction, caveats, the documents' own reference markers, the corpus table.
"""

from __future__ import annotations

import json

import pytest

from assistant.answer import Answer, Caveat, Citation, Dropped, VerifiedFigure
from assistant.ui.corpus_tab import corpora_lines, corpus_lines, render_corpus_html
from assistant.ui.render import (
    ABSTAIN_LABEL,
    PREMISE_LABEL,
    QUOTED_LABEL,
    answer_lines,
    highlight_figures,
    link_citations,
    quote_text,
    render_answer_html,
    render_error_html,
    render_partial_html,
    render_question_html,
    safe_url,
)

URL = "https://example.com/news/acme-ai-push/"
QUOTE = "Over the past three years, the company has committed $53 billion to AI and cloud [2]."
XSS = "<script>alert(1)</script>"
DIRECT = "$53 billion over three years [1]."


def citation(
    n: int = 1,
    quote: str = QUOTE,
    url: str = URL,
    title: str = "Acme's AI push",
    doc_id: str = "article",
) -> Citation:
    return Citation(
        n=n,
        doc_id=doc_id,
        title=title,
        url=url,
        quote=quote,
        passage_id=f"{doc_id}#0",
        start=0,
        end=len(quote),
    )


def answer(**kwargs: object) -> Answer:
    base: dict[str, object] = {
        "question": "How much has Acme committed?",
        "direct": DIRECT,
        "text": "Over the past three years, the company has committed $53 billion [1].",
        "citations": [citation()],
        "figures": [VerifiedFigure("$53 billion", "USD 53000000000", 1)],
    }
    base.update(kwargs)
    return Answer(**base)  # type: ignore[arg-type]


def position(haystack: str, needle: str) -> int:
    assert needle in haystack, (needle, haystack)
    return haystack.index(needle)


# --- citations and the document's own markers ----------------------------------------------


def test_link_citations_turns_known_markers_into_links() -> None:
    out = link_citations("It committed $53 billion [1].", [citation()])
    assert f'<a href="{URL}"' in out
    assert 'title="article: Acme&#x27;s AI push"' in out
    assert ">[1]</a>." in out


def test_link_citations_leaves_unknown_markers_and_escapes() -> None:
    assert link_citations("A claim [7].", [citation()]) == "A claim [7]."
    out = link_citations(f"{XSS} [1]", [citation()])
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_link_citations_does_not_link_unsafe_urls() -> None:
    out = link_citations("Claim [1].", [citation(url="javascript:alert(1)")])
    assert "href" not in out and "[1]" in out


def test_a_quotes_own_marker_becomes_a_source_tag_not_a_citation_number() -> None:
    out = highlight_figures(QUOTE, [])
    assert "[2]" not in out
    assert '<span class="ref"' in out and ">source 2</span>" in out
    run = highlight_figures("Shares rose [1, 3].", [])
    assert ">sources 1, 3</span>" in run


def test_terminal_quote_tags_the_documents_markers() -> None:
    assert quote_text("It rose 5% [4].") == "It rose 5% ⟨source 4⟩."


# --- figures in quotes -------------------------------------------------------------------------


def test_highlight_marks_the_figure_however_it_is_written() -> None:
    assert "<mark>$53 billion</mark>" in highlight_figures(QUOTE, ["US$53bn"])
    out = highlight_figures(QUOTE, [VerifiedFigure("$53 billion", "USD 53000000000", 1)])
    assert out.count("<mark>") == 1


def test_highlight_escapes_the_quote() -> None:
    out = highlight_figures(f"{XSS} costs $5 million", ["$5 million"])
    assert "<script>" not in out and "<mark>$5 million</mark>" in out
    assert highlight_figures("a < b & c", []) == "a &lt; b &amp; c"


def test_highlight_marks_a_word_the_parser_does_not_read() -> None:
    assert "<mark>double digits</mark>" in highlight_figures(
        "fell by double digits", ["double digits"]
    )


# --- the answer as HTML ----------------------------------------------------------------------


def test_direct_line_comes_first_then_the_quotes_then_the_sources() -> None:
    out = render_answer_html(answer())
    direct = position(out, 'class="direct"')
    text = position(out, 'class="answer-text"')
    sources = position(out, "<summary>Sources (1)</summary>")
    assert direct < text < sources
    assert "<mark>$53 billion</mark>" in out
    assert ABSTAIN_LABEL not in out and PREMISE_LABEL not in out


def test_premise_correction_is_shown_above_the_answer() -> None:
    premise = "the question says sales rose 21%; the sources say they fell 21% [1]"
    out = render_answer_html(answer(premise=premise))
    assert position(out, PREMISE_LABEL) < position(out, 'class="direct"')
    assert "fell 21%" in out and 'class="cite"' in out.split('class="direct"')[0]


def test_caveats_show_as_badges_beside_the_answer_and_on_their_source() -> None:
    message = "the article cites source 5 for this; its text is not available, so it is not checked"
    out = render_answer_html(answer(caveats=[Caveat(1, "$53 billion", message)]))
    assert out.count('class="badge badge-caveat"') == 2
    assert message in out
    source_item = out.split("<li value=")[1]
    assert "badge-caveat" in source_item


def test_abstention_has_its_badge_and_reason_and_no_sources() -> None:
    out = render_answer_html(
        answer(
            direct="",
            text="The sources do not say.",
            citations=[],
            figures=[],
            abstained=True,
            dropped=[Dropped("", "abstained: nothing about Globex")],
        )
    )
    assert ABSTAIN_LABEL in out and "nothing about Globex" in out
    assert "Sources (" not in out and 'class="direct"' not in out


def test_dropped_sentences_and_quoted_badge() -> None:
    out = render_answer_html(
        answer(
            quoted=True,
            dropped=[
                Dropped("The answer is: 380.", "states a figure without a citation"),
                Dropped(f"{XSS} 5%", "figure '5%' is not in the cited evidence [1]"),
            ],
        )
    )
    assert "2 draft sentences removed by verification" in out
    assert QUOTED_LABEL in out and "<script>" not in out


def test_text_equal_to_the_direct_line_is_not_repeated() -> None:
    out = render_answer_html(answer(text=DIRECT))
    assert 'class="answer-text"' not in out


def test_text_that_opens_with_the_direct_line_shows_it_once() -> None:
    support = "Over the past three years, the company has committed $53 billion [1]."
    opened = answer(text=f"{DIRECT}\n\n{support}")
    assert render_answer_html(opened).count("$53 billion over three years") == 1
    lines = answer_lines(opened)
    assert lines[:3] == [DIRECT, "", support]


def test_answer_html_escapes_document_text() -> None:
    out = render_answer_html(
        answer(
            premise=XSS,
            caveats=[Caveat(1, XSS, XSS)],
            citations=[citation(quote=f"{XSS} $53 billion", title=XSS, doc_id=XSS)],
        )
    )
    assert "<script>" not in out


def test_partial_error_and_question_html_are_escaped() -> None:
    for render in (render_partial_html, render_error_html, render_question_html):
        out = render(XSS)
        assert "<script>" not in out and "&lt;script&gt;" in out
    assert "Searching" in render_partial_html("")


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        (URL, True),
        ("http://example.com/a b", True),
        ("javascript:alert(1)", False),
        ("", False),
        (None, False),
        ("data:text/html,x", False),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    result = safe_url(url)
    assert (result is not None) is safe
    if result:
        assert " " not in result and '"' not in result


# --- the answer as lines (CLI) ---------------------------------------------------------------


def test_answer_lines_premise_first_then_direct_then_quotes_and_caveats() -> None:
    premise = "the question says sales rose; the sources say they fell [1]"
    lines = answer_lines(
        answer(premise=premise, caveats=[Caveat(1, "$53 billion", "source 5 is not available")])
    )
    assert lines[0] == f"{PREMISE_LABEL}: {premise}"
    assert lines[1] == DIRECT
    text = "\n".join(lines)
    assert position(text, "committed $53 billion [1].") < position(text, "[1] Acme's AI push")
    assert "⟨source 2⟩" in text and "cloud [2]" not in text
    assert "caveat: $53 billion: source 5 is not available" in text


def test_abstained_answer_lines_have_no_sources() -> None:
    lines = answer_lines(
        answer(direct="", text="The sources do not say.", citations=[], figures=[], abstained=True)
    )
    assert lines == ["The sources do not say."]


def test_answer_to_dict_is_the_json_serialiser() -> None:
    data = answer(caveats=[Caveat(1, "$53 billion", "m")]).to_dict()
    assert json.loads(json.dumps(data))["direct"] == DIRECT
    assert data["caveats"] == [{"citation": 1, "figure": "$53 billion", "message": "m"}]


# --- the corpus ------------------------------------------------------------------------------

ROWS = [
    {
        "id": "article",
        "kind": "article",
        "title": "Acme's AI push",
        "date": "2025-08-29",
        "passages": 12,
        "url": URL,
        "duplicate_of": None,
    },
    {
        "id": "planted",
        "kind": "source",
        "title": "Acme's AI push",
        "date": None,
        "passages": None,
        "url": "javascript:alert(1)",
        "duplicate_of": "article",
    },
]


def test_corpus_table_flags_duplicates_and_links_only_safe_urls() -> None:
    out = render_corpus_html(ROWS)
    article, planted = out.split("data-doc=")[1:]
    assert "badge-duplicate" not in article and f'href="{URL}"' in article
    assert "badge-duplicate" in planted and "duplicate of article" in planted
    assert "javascript" not in out and "n.d." in planted


def test_corpus_table_escapes_titles() -> None:
    assert "<script>" not in render_corpus_html([{**ROWS[0], "title": XSS}])


def test_corpus_and_corpora_lines() -> None:
    lines = corpus_lines(ROWS)
    assert lines[0].startswith("article") and "[duplicate of article]" in lines[2]
    rows = [
        {
            "name": "acme",
            "title": "Acme",
            "documents": 6,
            "passages": 80,
            "corpus_dir": "/c/acme",
            "built_at": "2026-11-30",
        }
    ]
    text = "\n".join(corpora_lines(rows))
    assert "acme" in text and "/c/acme" in text and "80 passages" in text


def test_a_quote_from_a_duplicate_document_carries_a_warning() -> None:
    planted = Citation(
        1,
        "planted",
        "Acme's AI push",
        URL,
        "Acme committed $99 billion.",
        "planted#0",
        0,
        27,
        kind="source",
        duplicate_of="article",
    )
    out = render_answer_html(answer(citations=[planted], figures=[]))
    assert "badge-duplicate" in out and "planted copies the title or URL of article" in out
    assert "<code>planted</code>" in out  # the citation names its own file
    assert "(planted)  [duplicate of article]" in "\n".join(
        answer_lines(answer(citations=[planted], figures=[]))
    )
    assert "badge-duplicate" not in render_answer_html(answer())
