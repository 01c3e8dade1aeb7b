"""The UI's named API endpoint, driven by gradio_client against a real server.

Real parts only: the bundled model, the real embedding model, an index built into a
temporary directory from the repository's corpus.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest
from gradio_client import Client

from assistant.api import Assistant
from assistant.config import Settings
from assistant.ui import EXAMPLES, build_app, make_respond

pytestmark = pytest.mark.integration

COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"),
                        reports_dir=tmp_path_factory.mktemp("reports"))
    assistant = Assistant(settings)
    assistant.handle  # noqa: B018 - build the index before serving
    return assistant


@pytest.fixture(scope="module")
def server_url(assistant: Assistant) -> Iterator[str]:
    app = build_app(assistant)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


@pytest.fixture(scope="module")
def client(server_url: str) -> Client:
    return Client(server_url, verbose=False)


def test_only_ask_is_public(client: Client) -> None:
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/ask"]
    assert api["unnamed_endpoints"] == {}


def test_ask_returns_a_cited_verified_figure(client: Client) -> None:
    result = client.predict(COMMITMENT, 5, [], api_name="/ask")
    assert result["error"] is None
    assert "$53 billion" in result["text"]
    assert "[1]" in result["text"]
    assert not result["abstained"]
    first = result["citations"][0]
    assert first["n"] == 1
    assert first["doc_id"] == "article"
    assert "$53 billion" in first["quote"]
    assert first["url"].startswith("https://")
    assert any(f["normalised"] == "USD 53000000000" for f in result["figures"])


def test_ask_can_search_only_chosen_documents(client: Client) -> None:
    result = client.predict(COMMITMENT, 3, ["article"], api_name="/ask")
    assert result["error"] is None
    assert {c["doc_id"] for c in result["citations"]} <= {"article"}


def test_empty_question_gets_a_clear_message(client: Client) -> None:
    result = client.predict("   ", 5, [], api_name="/ask")
    assert result["error"] is not None
    assert "empty" in result["error"]
    assert result["text"] == ""
    assert result["citations"] == []


def test_question_over_the_limit_gets_a_clear_message(client: Client) -> None:
    result = client.predict("why " * 1000, 5, [], api_name="/ask")
    assert "limit" in result["error"]


def test_unanswerable_question_abstains_without_figures(client: Client) -> None:
    result = client.predict(UNANSWERABLE, 5, [], api_name="/ask")
    assert result["error"] is None
    assert result["abstained"] is True
    assert not re.search(r"[$%]", result["text"])
    assert result["citations"] == []


def _essentials(result: dict) -> dict:
    """What must not change when the question waits in the queue behind others."""
    return {"text": result["text"], "abstained": result["abstained"],
            "citations": [(c["n"], c["doc_id"], c["quote"]) for c in result["citations"]]}


def test_simultaneous_questions_queue_and_match_the_answers_asked_alone(
    client: Client, server_url: str,
) -> None:
    """16 /ask calls at once over 4 questions: the server queues them (4 at a time) for the
    one model, which is locked; each returns what the same question gets when asked alone."""
    questions = list(EXAMPLES[:4])
    assert len(set(questions)) == 4
    alone = {}
    for question in questions:
        result = client.predict(question, 5, [], api_name="/ask")
        assert result["error"] is None, result["error"]
        alone[question] = _essentials(result)
    assert any(not a["abstained"] for a in alone.values())

    burst = Client(server_url, verbose=False, max_workers=16)  # 16 calls in flight at once
    asked = [questions[i % 4] for i in range(16)]
    try:
        started = time.monotonic()
        jobs = [burst.submit(q, 5, [], api_name="/ask") for q in asked]
        results = [job.result(timeout=120) for job in jobs]
        elapsed = time.monotonic() - started
    finally:
        burst.close()

    assert len(results) == 16
    for question, result in zip(asked, results, strict=True):
        assert result["error"] is None, (question, result["error"])
        assert result["question"] == question
        assert _essentials(result) == alone[question], question
    assert elapsed < 90, f"16 queued questions took {elapsed:.0f}s"


# --- The chat handler the page calls, with the same real assistant -------------------------


def run_chat(respond, question: str, messages: list, history: list[str]) -> tuple:
    """Drive the streaming chat handler to its end; return its last output and the count."""
    outputs = list(respond(question, messages, history, 5, None))
    return outputs[-1], len(outputs)


def test_chat_streams_then_renders_a_cited_answer(assistant: Assistant) -> None:
    respond = make_respond(assistant, ["article"])
    (messages, history, box), steps = run_chat(respond, COMMITMENT, [], [])
    assert steps >= 3  # the question, at least one verified piece, the final answer
    assert box == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    final = messages[-1]["content"]
    assert "$53 billion" in final
    assert 'class="cite"' in final and "<summary>Sources (" in final
    assert "<mark>$53 billion</mark>" in final
    assert history == [COMMITMENT]


def test_chat_follow_up_uses_the_conversation(assistant: Assistant) -> None:
    respond = make_respond(assistant, ["article"])
    (messages, history, _), _ = run_chat(respond, COMMITMENT, [], [])
    (messages, history, _), _ = run_chat(respond, "And over how many years?", messages, history)
    assert len(messages) == 4
    assert history[0] == COMMITMENT
    assert history[1].startswith(COMMITMENT)  # the follow-up was read with the question before


def test_chat_shows_input_errors_as_a_reply(assistant: Assistant) -> None:
    respond = make_respond(assistant, ["article"])
    long_question = "<script>alert(1)</script> " + "why " * 1000
    (messages, history, _), _ = run_chat(respond, long_question, [], [])
    reply = messages[-1]["content"]
    assert "limit" in reply and "Traceback" not in reply
    assert "<script>" not in messages[0]["content"]
    assert history == []


def test_chat_refuses_an_empty_document_choice(assistant: Assistant) -> None:
    respond = make_respond(assistant, ["article"])
    messages, _, _ = list(respond(COMMITMENT, [], [], 5, []))[-1]
    assert "no documents are selected" in messages[-1]["content"]
