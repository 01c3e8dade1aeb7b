"""The chat UI in a real browser: Debian's Chromium, headless, driven by Playwright.

Real parts only: the bundled model, the real embedding model and the session's shared index
(``conftest.py``). Screenshots go to test-artifacts/ (ui-answer.png, ui-xss.png,
ui-claims.png, ui-eval.png).
"""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.config import PROJECT_ROOT
from assistant.ui.app import build_app

pytestmark = [pytest.mark.integration, pytest.mark.browser]

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 90_000  # the machine may be busy; an answer can take a while
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


MISSING_CHROMIUM = (
    "Chromium is not installed: run `scripts/setup.sh --browser` (it installs Debian's "
    "chromium) and run the browser tests again."
)


def chromium_path() -> str | None:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).exists() else None


def need(page):
    """The page, or a test failure (not a skip) that says how to install Chromium."""
    if page is None:
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    return page


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EVAL_QUESTIONS = """\
- id: capex-commitment
  question: "How much has Alibaba committed to AI and cloud infrastructure?"
  expected_figures: ["$53 billion"]
  expected_sources: ["article", "source-2"]
- id: tencent-cloud-revenue
  question: "What was Tencent Cloud's revenue in 2024?"
  answerable: false
"""


@pytest.fixture(scope="module")
def reports_dir(shipped_assistant: Assistant) -> Path:
    return shipped_assistant.settings.reports_dir


@pytest.fixture(scope="module")
def server_url(
    tmp_path_factory: pytest.TempPathFactory,
    shipped_assistant: Assistant,
    sainsbury_assistant: Assistant,  # a second corpus in the index: the picker shows
) -> Iterator[str]:
    questions = tmp_path_factory.mktemp("evals") / "questions.yaml"
    questions.write_text(EVAL_QUESTIONS, encoding="utf-8")
    app = build_app(shipped_assistant, eval_questions=questions)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


@pytest.fixture(scope="module")
def page(request: pytest.FixtureRequest) -> Iterator:
    executable = chromium_path()
    if executable is None:  # each test fails with the fix, instead of erroring in setup
        yield None
        return
    server_url = request.getfixturevalue("server_url")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1100})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(server_url, wait_until="domcontentloaded")
        page.locator("#question textarea").wait_for(state="visible")
        try:
            yield page
        finally:
            context.close()
            browser.close()


def final_answers(page):
    return page.locator("#chat .answer.final")


def test_example_question_gives_a_direct_cited_answer_with_marked_sources(
    page, shipped_assistant: Assistant
) -> None:
    page = need(page)
    assert COMMITMENT in shipped_assistant.profile.examples
    page.get_by_role("button", name=COMMITMENT).click()
    answer = final_answers(page).last
    answer.wait_for(state="visible")
    direct = answer.locator(".direct")
    assert "$53 billion" in direct.inner_text()
    cite = direct.locator(".cite").first
    assert re.fullmatch(r"\[\d+\]", cite.inner_text())

    sources = answer.locator("details.sources")
    summary = sources.locator("summary")
    assert summary.inner_text().startswith("Sources (")
    quote = sources.locator("blockquote.quote").first
    assert not quote.is_visible()
    summary.click()
    quote.wait_for(state="visible")
    marks = [m.inner_text() for m in sources.locator("mark").all()]
    assert any("53" in m for m in marks), marks
    # The quoted article's own reference markers are tags, never bare "[n]" numbers.
    for text in sources.locator("blockquote.quote").all_inner_texts():
        assert not re.search(r"\[\d+\]", text), text

    ARTIFACTS.mkdir(exist_ok=True)
    answer.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"), full_page=True)


def test_html_in_a_question_is_shown_as_text_and_never_runs(page) -> None:
    page = need(page)
    before = final_answers(page).count()
    box = page.locator("#question textarea")
    box.fill(XSS)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .answer.final').length > n", arg=before
    )
    assert page.evaluate("typeof window.__xss") == "undefined"
    chat_text = page.locator("#chat").inner_text()
    assert "<script>window.__xss=1</script>" in chat_text
    assert page.locator("#chat script").count() == 0
    assert page.locator("#chat img[src='x']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-xss.png"), full_page=True)


def test_clear_empties_the_conversation(page) -> None:
    page = need(page)
    page.locator("#clear").click()
    page.wait_for_function("() => !document.querySelector('#chat .answer')")
    assert final_answers(page).count() == 0


def test_corpus_tab_lists_documents(page) -> None:
    page = need(page)
    page.get_by_role("tab", name="Corpus").click()
    table = page.locator("#corpus-table")
    table.get_by_text("source-5", exact=True).wait_for(state="visible")
    assert "2025-08-29" in table.inner_text()
    assert table.locator("tr.duplicate").count() == 0
    page.get_by_role("tab", name="Chat").click()


def test_claim_check_tab_colours_verdicts_and_filters_them(page) -> None:
    page = need(page)
    page.get_by_role("tab", name="Claim check").click()
    counts = page.locator("#audit-counts")
    counts.get_by_text("supported:", exact=False).wait_for(state="visible")
    table = page.locator("#audit-table")
    supported = table.locator("tr[data-verdict='supported']")
    supported.first.wait_for(state="visible")
    row = supported.first
    assert row.locator("td.claim mark").count() >= 1  # the audited figure is marked
    assert row.locator("td.evidence .ev").count() >= 1
    colour = row.locator(".verdict").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(209, 231, 221)"  # the green of a supported figure
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-claims.png"), full_page=True)

    before = table.locator("tbody tr[data-verdict]").count()
    n_supported = supported.count()
    page.locator("#audit-verdicts").get_by_label("supported", exact=True).uncheck()
    page.wait_for_function(
        "() => document.querySelectorAll('#audit-table tr[data-verdict=supported]').length === 0"
    )
    assert table.locator("tbody tr[data-verdict]").count() == before - n_supported
    page.locator("#audit-verdicts").get_by_label("supported", exact=True).check()
    supported.first.wait_for(state="visible")
    page.get_by_role("tab", name="Chat").click()


def test_eval_tab_runs_the_suite_and_shows_the_report(page, reports_dir: Path) -> None:
    page = need(page)
    page.get_by_role("tab", name="Evaluation").click()
    status = page.locator("#eval-status")
    status.get_by_text("assistant eval", exact=True).wait_for(state="visible")
    assert not page.locator("#eval-chart").is_visible()
    page.locator("#run-eval").click()
    results = page.locator("#eval-results")
    results.get_by_text("capex-commitment").wait_for(state="visible")
    assert "tencent-cloud-revenue" in results.inner_text()
    assert "hit" in results.inner_text()
    status.get_by_text("verified", exact=True).first.wait_for(state="visible")
    assert (reports_dir / "latest-verified.json").is_file()
    page.locator("#eval-chart").wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-eval.png"), full_page=True)
    page.get_by_role("tab", name="Chat").click()


def test_the_corpus_picker_switches_every_tab(page, sainsbury_assistant: Assistant) -> None:
    page = need(page)
    picker = page.locator("#corpus-picker")
    picker.wait_for(state="visible")
    profile = sainsbury_assistant.profile
    picker.locator("input").click()
    page.get_by_role("option", name=re.compile(re.escape(f"({profile.name})"))).click()
    page.locator("#header").get_by_text(profile.title, exact=False).wait_for(state="visible")
    if profile.examples:
        page.get_by_role("button", name=profile.examples[0]).wait_for(state="visible")
    page.get_by_role("tab", name="Corpus").click()
    table = page.locator("#corpus-table")
    page.wait_for_function(
        "() => !document.querySelector('#corpus-table').innerText.includes('source-5')"
    )
    assert "article" in table.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-corpus-picker.png"), full_page=True)
    page.get_by_role("tab", name="Chat").click()
