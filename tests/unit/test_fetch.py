"""Tests for assistant.fetch against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from assistant import fetch
from assistant.config import Settings
from assistant.errors import FetchError
from assistant.fetch import (
    USER_AGENT,
    FetchResult,
    extract_main_text,
    fetch_sources,
    fetch_url,
)

ARTICLE_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Cloud spending report</title></head>
<body>
  <nav><ul>
    <li><a href="/">Home</a></li><li><a href="/subscribe">Subscribe now junk link</a></li>
    <li><a href="/login">Login menu junk</a></li>
  </ul></nav>
  <article>
    <h1>Cloud spending climbs again</h1>
    <p>The company said on Tuesday that it would invest $53 billion in cloud computing and
    artificial intelligence infrastructure over the next three years, more than it spent on
    the same areas over the previous decade.</p>
    <p>Analysts said the figure reflects rising demand from enterprise customers, who have
    moved a growing share of their workloads to hosted services since the start of the year,
    and expect the pace to continue through the next fiscal period.</p>
    <p>Revenue from the cloud unit rose 26 percent to 22.1 billion yuan in the quarter,
    according to the filing, while operating margins improved for the fourth quarter in a
    row as pricing pressure eased across the regional market.</p>
    <p>The executives told investors on a call that most of the new spending would go to
    data centres in Asia and Europe, with the remainder set aside for research staff and
    for partnerships with universities working on large language models.</p>
  </article>
  <footer><p>Copyright footer junk. All rights reserved. Cookie settings.</p></footer>
</body>
</html>
"""

HTML_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Ref:
    number: int
    title: str
    url: str


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        fetch_allow_private=True,
        fetch_timeout_s=1.0,
        fetch_max_bytes=50_000,
        corpus_dir=tmp_path,
    )


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Lets a deliberately slow handler finish early once the test no longer needs it."""
    event = threading.Event()
    yield event
    event.set()


def _serve_article(httpserver: HTTPServer, path: str = "/article") -> str:
    httpserver.expect_request(path).respond_with_data(ARTICLE_HTML, content_type=HTML_TYPE)
    return httpserver.url_for(path)


def _serve_slow(httpserver: HTTPServer, release: threading.Event, path: str = "/slow") -> str:
    def handler(_request: Request) -> Response:
        release.wait(3.0)  # sleeps 3 s unless the test has already finished with it
        return Response(ARTICLE_HTML, content_type=HTML_TYPE)

    httpserver.expect_request(path).respond_with_handler(handler)
    return httpserver.url_for(path)


def _serve_redirect_chain(httpserver: HTTPServer, hops: int) -> str:
    """``/r0`` -> ``/r1`` -> ... -> ``/r{hops}`` (the article); returns the first URL."""
    for i in range(hops):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"}
        )
    _serve_article(httpserver, f"/r{hops}")
    return httpserver.url_for("/r0")


def _front_matter(path: Path) -> tuple[dict[str, object], str]:
    content = path.read_text(encoding="utf-8")
    assert content.startswith("---\n")
    front, body = content[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


def _unused_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- happy path


def test_article_is_fetched_extracted_and_written(
    httpserver: HTTPServer, settings: Settings
) -> None:
    httpserver.expect_request("/article", headers={"User-Agent": USER_AGENT}).respond_with_data(
        ARTICLE_HTML, content_type=HTML_TYPE
    )
    url = httpserver.url_for("/article")

    [result] = fetch_sources([Ref(1, "Cloud spending", url)], settings)

    assert result.ok, result.error
    assert result.error is None
    assert result.path == settings.corpus_dir / "sources" / "fetched" / "source-1.md"
    meta, body = _front_matter(result.path)
    assert "$53 billion in cloud computing" in body
    assert "22.1 billion yuan" in body
    assert "junk" not in body
    assert "id" not in meta and "kind" not in meta  # the path says both
    assert meta["number"] == 1
    assert meta["title"] == "Cloud spending"
    assert meta["url"] == url
    assert meta["final_url"] == url
    assert str(meta["fetched_at"]).endswith("+00:00")
    assert str(meta["extractor"]).startswith("trafilatura ")
    assert "[1]" in str(meta["provenance"])
    assert len(str(meta["sha256"])) == 64
    assert [p.name for p in result.path.parent.iterdir()] == ["source-1.md"]  # no temp file


def test_original_is_stored_under_its_source_id(httpserver: HTTPServer, settings: Settings) -> None:
    """A reference matched to a source document is stored under that document's id."""
    from assistant.corpus import Reference

    url = _serve_article(httpserver)
    [result] = fetch_sources([Reference(3, "Cloud spending", url, doc_id="acme-q3")], settings)
    assert result.ok, result.error
    assert result.path == settings.corpus_dir / "sources" / "fetched" / "acme-q3.md"
    assert _front_matter(result.path)[0]["number"] == 3


def test_user_agent_names_no_corpus() -> None:
    assert "assistant" in USER_AGENT and "alibaba" not in USER_AGENT.lower()


def test_fetch_url_returns_final_url_and_html(httpserver: HTTPServer, settings: Settings) -> None:
    url = _serve_article(httpserver)
    final_url, html = fetch_url(url, settings)
    assert final_url == url
    assert "<article>" in html


def test_extract_main_text_refuses_pages_without_text() -> None:
    with pytest.raises(FetchError, match="no main text"):
        extract_main_text(
            "<html><body><script>render()</script><div id='root'></div></body></html>", "http://x/"
        )


# --------------------------------------------------------------------------- failures


def test_one_good_one_404_one_slow_gives_exactly_one_ok(
    httpserver: HTTPServer,
    settings: Settings,
    release: threading.Event,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = _serve_article(httpserver)
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    missing = httpserver.url_for("/missing")
    slow = _serve_slow(httpserver, release)
    seen: list[FetchResult] = []

    with caplog.at_level(logging.WARNING, logger="assistant.fetch"):
        results = fetch_sources(
            [Ref(1, "Good", good), Ref(2, "Missing", missing), Ref(3, "Slow", slow)],
            settings,
            progress=seen.append,
        )

    assert seen == results
    assert [r.ok for r in results] == [True, False, False]
    assert results[1].error == f"source-2: HTTP 404 from {missing}"
    assert results[2].error == "source-3: timed out after 1 s"
    assert results[1].path is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [results[1].error, results[2].error]


def test_slow_response_times_out(
    httpserver: HTTPServer, settings: Settings, release: threading.Event
) -> None:
    url = _serve_slow(httpserver, release)
    with pytest.raises(FetchError, match=r"^timed out after 1 s$"):
        fetch_url(url, settings)


def test_body_over_announced_size_is_refused(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 60_000, content_type=HTML_TYPE)
    with pytest.raises(FetchError, match=r"body larger than 50,000 bytes"):
        fetch_url(httpserver.url_for("/big"), settings)


def test_streamed_body_without_length_is_cut_off(
    httpserver: HTTPServer, settings: Settings
) -> None:
    def handler(_request: Request) -> Response:
        chunks = (b"<p>" + b"y" * 10_000 + b"</p>" for _ in range(100))  # ~1 MB, no length
        return Response(chunks, content_type=HTML_TYPE)

    httpserver.expect_request("/stream").respond_with_handler(handler)
    with pytest.raises(FetchError, match=r"body larger than 50,000 bytes"):
        fetch_url(httpserver.url_for("/stream"), settings)


def test_non_html_is_refused(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request("/paper.pdf").respond_with_data(
        b"%PDF-1.7", content_type="application/pdf"
    )
    with pytest.raises(FetchError, match=r"^not HTML \(application/pdf\)$"):
        fetch_url(httpserver.url_for("/paper.pdf"), settings)


def test_short_redirect_chain_is_followed(httpserver: HTTPServer, settings: Settings) -> None:
    start = _serve_redirect_chain(httpserver, hops=settings.fetch_max_redirects)

    [result] = fetch_sources([Ref(2, "Moved", start)], settings)

    assert result.ok, result.error
    assert result.path is not None
    meta, _body = _front_matter(result.path)
    assert meta["url"] == start
    assert meta["final_url"] == httpserver.url_for(f"/r{settings.fetch_max_redirects}")


def test_long_redirect_chain_is_refused(httpserver: HTTPServer, settings: Settings) -> None:
    start = _serve_redirect_chain(httpserver, hops=settings.fetch_max_redirects + 1)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(start, settings)


def test_unreachable_port_is_reported_as_offline(settings: Settings) -> None:
    url = f"http://127.0.0.1:{_unused_port()}/article"
    [result] = fetch_sources([Ref(5, "Down", url)], settings)
    assert not result.ok
    assert result.error is not None
    assert result.error.startswith("source-5: offline or host unreachable (")


# --------------------------------------------------------------------------- refusals


def test_loopback_is_refused_unless_allowed(httpserver: HTTPServer, settings: Settings) -> None:
    _serve_article(httpserver)
    url = f"http://127.0.0.1:{httpserver.port}/article"
    strict = settings.model_copy(update={"fetch_allow_private": False})

    with pytest.raises(FetchError) as info:
        fetch_url(url, strict)

    assert str(info.value) == (
        "refused: 127.0.0.1 is a loopback address (set ASSISTANT_FETCH_ALLOW_PRIVATE=true to allow)"
    )
    assert httpserver.log == []  # refused before any request was sent


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://10.1.2.3/", "a private"),
        ("http://192.168.0.1/", "a private"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local"),
        ("http://0.0.0.0/", "an unspecified"),
        ("http://224.0.0.1/", "a multicast"),
        ("http://240.0.0.1/", "a reserved"),
        ("http://[::1]/", "a loopback"),
        ("http://[fe80::1]/", "a link-local"),
        ("http://[fc00::1]/", "a private"),
        ("http://[::ffff:127.0.0.1]/", "a loopback"),
        ("https://100.64.0.1/", "a non-public"),
    ],
)
def test_non_public_addresses_are_refused(url: str, kind: str, settings: Settings) -> None:
    strict = settings.model_copy(update={"fetch_allow_private": False})
    with pytest.raises(FetchError, match=rf"^refused: \S+ is {kind} address \(set ASSISTANT_"):
        fetch_url(url, strict)


def test_public_address_passes_the_host_check(settings: Settings) -> None:
    strict = settings.model_copy(update={"fetch_allow_private": False})
    fetch._check_host(httpx.URL("https://93.184.216.34/"), strict)  # no exception


def test_redirect_to_loopback_is_refused(
    httpserver: HTTPServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first hop must pass the check, yet the only server we have is local: let the
    # checker believe 127.0.0.1 is public, while "localhost" (the redirect target) still
    # resolves for real.
    real_resolve = fetch._resolve
    monkeypatch.setattr(
        fetch,
        "_resolve",
        lambda host, port: ["93.184.216.34"] if host == "127.0.0.1" else real_resolve(host, port),
    )
    start = f"http://127.0.0.1:{httpserver.port}/start"
    target = f"http://localhost:{httpserver.port}/article"
    httpserver.expect_request("/start").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    strict = settings.model_copy(update={"fetch_allow_private": False})

    with pytest.raises(FetchError, match=r"^refused: \S+ is a loopback address"):
        fetch_url(start, strict)

    assert [request.path for request, _response in httpserver.log] == ["/start"]


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/file.html", "javascript:alert(1)", "example.com/a"],
)
def test_non_http_schemes_are_refused(url: str, settings: Settings) -> None:
    with pytest.raises(FetchError, match=r"^refused: .* \(only http:// and https:// URLs"):
        fetch_url(url, settings)


# --------------------------------------------------------------------------- rewriting


def test_unchanged_text_is_not_rewritten(httpserver: HTTPServer, settings: Settings) -> None:
    refs = [Ref(1, "Cloud spending", _serve_article(httpserver))]
    [first] = fetch_sources(refs, settings)
    assert first.path is not None
    old = 1_000_000_000  # make any rewrite visible whatever the timestamp resolution
    os.utime(first.path, ns=(old, old))
    content = first.path.read_text(encoding="utf-8")

    [second] = fetch_sources(refs, settings)

    assert second.ok
    assert second.path == first.path
    assert first.path.stat().st_mtime_ns == old
    assert first.path.read_text(encoding="utf-8") == content


def test_changed_text_is_rewritten(httpserver: HTTPServer, settings: Settings) -> None:
    url = _serve_article(httpserver)
    [first] = fetch_sources([Ref(1, "Cloud", url)], settings)
    assert first.path is not None
    old_meta, _body = _front_matter(first.path)
    httpserver.clear()
    httpserver.expect_request("/article").respond_with_data(
        ARTICLE_HTML.replace("$53 billion", "$54 billion"), content_type=HTML_TYPE
    )

    [second] = fetch_sources([Ref(1, "Cloud", url)], settings)

    new_meta, body = _front_matter(first.path)
    assert second.ok
    assert "$54 billion" in body
    assert new_meta["sha256"] != old_meta["sha256"]
