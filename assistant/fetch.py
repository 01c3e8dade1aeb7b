"""Download the article's cited sources and keep their main text.

The cited URLs come from an article found on the open web, so they are untrusted input. The
fetcher must not be turned against the local network (a citation pointing at 127.0.0.1, a
router at 192.168.0.1 or a cloud metadata address at 169.254.169.254), and it must not hang or
fill the disk on a slow or huge response. Hence: only http/https, every host (and every
redirect hop) resolved and checked against non-public address ranges, redirects followed by
hand with a limit, a timeout on every step, a byte cap while streaming, and HTML only.

One source failing never stops the others: :func:`fetch_sources` records a one-line reason
per source and moves on.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

import httpx

from assistant.config import Settings
from assistant.errors import FetchError
from assistant.formats import html_to_markdown
from assistant.text import (
    FrontMatterError,
    atomic_write_text,
    parse_front_matter,
    render_front_matter,
)

__all__ = [
    "USER_AGENT",
    "FetchResult",
    "SourceReference",
    "extract_main_text",
    "fetch_sources",
    "fetch_url",
]

log = logging.getLogger(__name__)

# Browser-like so that sites serve their normal page, but honest about what is asking.
USER_AGENT = "Mozilla/5.0 (compatible; assistant-research-tool/0.1; +offline research tool)"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
}
_ALLOWED_SCHEMES = frozenset({"http", "https"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# httpx's timeout bounds each network step; a server dripping one byte just inside it could
# still hold a download forever, so the whole download also gets a wall-clock budget.
_TOTAL_TIME_FACTOR = 4
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_PRIVATE_HINT = "set ASSISTANT_FETCH_ALLOW_PRIVATE=true to allow"


class SourceReference(Protocol):
    """What :func:`fetch_sources` needs of a reference (``corpus.Reference`` fits; its
    ``doc_id``, when set, names the file the original is stored as)."""

    @property
    def number(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class FetchResult:
    """The outcome for one cited source."""

    number: int
    url: str
    ok: bool
    path: Path | None  # written (or unchanged) file when ok
    error: str | None  # one clear line when not ok


# --------------------------------------------------------------------------- URL safety


def _parse_url(url: str) -> httpx.URL:
    """Parse ``url`` and refuse anything that is not an absolute http(s) URL."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"invalid URL {url!r} ({_one_line(exc)})") from exc
    if parsed.scheme not in _ALLOWED_SCHEMES:
        shown = f"{parsed.scheme}:" if parsed.scheme else "no scheme"
        raise FetchError(
            f"refused: {shown} in {url!r} (only http:// and https:// URLs are fetched)"
        )
    if not parsed.host:
        raise FetchError(f"invalid URL {url!r} (no host name)")
    return parsed


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Name the kind of non-public address ``ip`` is, or ``None`` when it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # ::ffff:127.0.0.1 reaches 127.0.0.1; judge the IPv4 address inside.
        ip = ip.ipv4_mapped
    # Order matters: 127.0.0.1 and 240.0.0.1 are also "private"; the narrower word is clearer.
    checks = (
        ("is_loopback", "a loopback"),
        ("is_unspecified", "an unspecified"),
        ("is_link_local", "a link-local"),
        ("is_multicast", "a multicast"),
        ("is_reserved", "a reserved"),
        ("is_private", "a private"),
    )
    for attribute, words in checks:
        if getattr(ip, attribute):
            return f"{words} address"
    if not ip.is_global:  # e.g. 100.64.0.0/10 (carrier-grade NAT)
        return "a non-public address"
    return None


def _resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"offline or host unreachable (cannot resolve {host})") from exc
    # IPv6 link-local results may carry a zone ("fe80::1%eth0"); the zone is not part of the IP.
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


def _check_host(url: httpx.URL, settings: Settings) -> None:
    """Refuse ``url`` if its host resolves to any non-public address.

    The check is repeated for every redirect hop. (A host that changes its DNS answer between
    this check and the connection could still slip through; refusing on any bad address
    narrows that window but cannot close it without pinning the IP.)
    """
    if settings.fetch_allow_private:
        return
    host = url.raw_host.decode("ascii")  # IDNA-encoded, brackets of IPv6 literals removed
    port = url.port or (443 if url.scheme == "https" else 80)
    for address in _resolve(host, port):
        problem = _address_problem(ipaddress.ip_address(address))
        if problem:
            raise FetchError(f"refused: {address} is {problem} ({_PRIVATE_HINT})")


# --------------------------------------------------------------------------- downloading


def _one_line(exc: BaseException) -> str:
    """The first line of an exception message, or its type name when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _check_response(response: httpx.Response, url: httpx.URL, max_bytes: int) -> None:
    """Refuse error statuses, non-HTML bodies and announced oversize bodies before reading."""
    if not response.is_success:
        raise FetchError(f"HTTP {response.status_code} from {url}")
    media_type = _media_type(response)
    if media_type not in _HTML_TYPES:
        raise FetchError(f"not HTML ({media_type or 'no content type'})")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"body larger than {max_bytes:,} bytes")


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, budget: float) -> bytes:
    """Read the body, stopping as soon as it exceeds ``max_bytes`` or the time budget."""
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"body larger than {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {budget:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, response: httpx.Response) -> str:
    """Decode with the header charset, else a <meta charset>, else UTF-8 (never fails)."""
    sniffed = _META_CHARSET.search(body[:4096])
    candidates = (
        response.charset_encoding,
        sniffed.group(1).decode("ascii") if sniffed else None,
        "utf-8",
    )
    for encoding in candidates:
        if not encoding:
            continue
        try:
            return body.decode(encoding, errors="replace")
        except LookupError:  # unknown codec name from the server
            continue
    return body.decode("utf-8", errors="replace")


def _download(client: httpx.Client, url: str, settings: Settings) -> tuple[str, str]:
    """Follow redirects by hand, checking every hop, and return (final_url, html)."""
    current = _parse_url(url)
    timeout = httpx.Timeout(settings.fetch_timeout_s)
    budget = settings.fetch_timeout_s * _TOTAL_TIME_FACTOR
    deadline = time.monotonic() + budget
    for _hop in range(settings.fetch_max_redirects + 1):
        _check_host(current, settings)
        with client.stream(
            "GET", current, headers=_HEADERS, timeout=timeout, follow_redirects=False
        ) as response:
            if response.is_redirect:
                location = response.headers["location"]
                try:
                    current = _parse_url(str(current.join(location)))
                except httpx.InvalidURL as exc:
                    raise FetchError(f"bad redirect from {current} ({_one_line(exc)})") from exc
                continue
            _check_response(response, current, settings.fetch_max_bytes)
            body = _read_capped(response, settings.fetch_max_bytes, deadline, budget)
            return str(current), _decode(body, response)
    raise FetchError(
        f"too many redirects (more than {settings.fetch_max_redirects}) starting at {url}"
    )


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None) -> tuple[str, str]:
    """Download one HTML page safely and return ``(final_url, html)``.

    Raises :class:`FetchError` with a one-line reason for anything refused or failed.
    A ``client`` may be passed to reuse connections; redirects, timeout and headers are set
    per request, so its own settings for those do not matter.
    """
    own_client = client is None
    if client is None:
        client = httpx.Client(
            headers=_HEADERS,
            timeout=httpx.Timeout(settings.fetch_timeout_s),
            follow_redirects=False,
        )
    try:
        return _download(client, url, settings)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.fetch_timeout_s:g} s") from exc
    except (httpx.NetworkError, httpx.ProxyError) as exc:
        raise FetchError(f"offline or host unreachable ({_one_line(exc)})") from exc
    except httpx.ProtocolError as exc:
        raise FetchError(f"bad HTTP response from {url} ({_one_line(exc)})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"download failed for {url} ({_one_line(exc)})") from exc
    finally:
        if own_client:
            client.close()


# --------------------------------------------------------------------------- extraction


def extract_main_text(html: str, url: str) -> str:
    """Keep the article text of ``html`` as markdown (no navigation, footers or comments;
    tables kept): the same extraction the corpus loader applies to an HTML file."""
    try:
        text, _ = html_to_markdown(html, url)
    except ValueError as exc:
        raise FetchError(f"{exc} at {url}") from exc
    return text


def _extractor_name() -> str:
    try:
        return f"trafilatura {version('trafilatura')}"
    except PackageNotFoundError:  # pragma: no cover - trafilatura is a dependency
        return "trafilatura"


# --------------------------------------------------------------------------- writing


def _stored_sha256(path: Path) -> str | None:
    """The ``sha256`` recorded in an existing file's front matter, if readable."""
    try:
        meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None
    value = meta.get("sha256")
    return value if isinstance(value, str) else None


def _store(ref: SourceReference, final_url: str, text: str, out_dir: Path) -> Path:
    """Write ``<doc id>.md`` unless the stored text is already identical."""
    doc_id = getattr(ref, "doc_id", None) or f"source-{ref.number}"
    path = out_dir / f"{doc_id}.md"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if _stored_sha256(path) == digest:
        log.info("%s unchanged, kept %s", doc_id, path)
        return path
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    extractor = _extractor_name()
    meta: dict[str, object] = {
        "number": ref.number,
        "title": ref.title,
        "url": ref.url,
        "final_url": final_url,
        "fetched_at": fetched_at,
        "sha256": digest,
        "extractor": extractor,
        "provenance": (
            f"Cited as [{ref.number}] in the article; downloaded from {final_url} "
            f"at {fetched_at} and reduced to its main text by {extractor}."
        ),
    }
    atomic_write_text(path, render_front_matter(meta, f"{text}\n"))
    return path


def _fetch_one(
    ref: SourceReference, settings: Settings, client: httpx.Client, out_dir: Path
) -> FetchResult:
    try:
        final_url, html = fetch_url(ref.url, settings, client)
        text = extract_main_text(html, final_url)
    except FetchError as exc:
        error = f"{getattr(ref, 'doc_id', None) or f'source-{ref.number}'}: {exc}"
        log.warning("%s", error)
        return FetchResult(ref.number, ref.url, ok=False, path=None, error=error)
    path = _store(ref, final_url, text, out_dir)
    return FetchResult(ref.number, ref.url, ok=True, path=path, error=None)


def fetch_sources(
    references: Iterable[SourceReference],
    settings: Settings,
    out_dir: Path | None = None,
    progress: Callable[[FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every reference, store its main text, and return one result per reference.

    A source that cannot be fetched or extracted gives ``ok=False`` with a one-line reason (also
    logged as a warning) and the run goes on. Only local problems, such as an unwritable
    ``out_dir``, raise.
    """
    target = out_dir if out_dir is not None else settings.corpus_dir / "sources" / "fetched"
    target.mkdir(parents=True, exist_ok=True)
    results: list[FetchResult] = []
    with httpx.Client(
        headers=_HEADERS, timeout=httpx.Timeout(settings.fetch_timeout_s), follow_redirects=False
    ) as client:
        for ref in references:
            result = _fetch_one(ref, settings, client, target)
            results.append(result)
            if progress is not None:
                progress(result)
    return results
