"""The UI's ``/ask`` endpoint and chat handler, driven against a real launched server.

Real parts only: the bundled model, the real embedding model, one index folder holding both
real corpora (the session's shared index from ``conftest.py``). Includes the reader-follows-
the-index check: a running UI answers, a real ``assistant ingest --rebuild`` process swaps
the index under it, and the UI answers again.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client

from assistant.api import Assistant
from assistant.ui.app import Assistants, build_app
from assistant.ui.chat import make_respond

pytestmark = pytest.mark.integration

ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def assistant(shipped_assistant: Assistant, sainsbury_assistant: Assistant) -> Assistant:
    """The shipped corpus's assistant, with the Sainsbury corpus in the same index."""
    return shipped_assistant


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


def test_ask_returns_the_direct_line_and_a_cited_verified_figure(client: Client) -> None:
    result = client.predict(COMMITMENT, 5, [], api_name="/ask")
    assert result["error"] is None
    assert "$53 billion" in result["direct"]
    assert {"premise", "caveats", "text", "figures"} <= set(result)
    assert not result["abstained"]
    assert any("$53 billion" in c["quote"] for c in result["citations"])
    assert all(c["url"].startswith("https://") for c in result["citations"])


def test_ask_with_top_k_none_uses_the_default(client: Client) -> None:
    result = client.predict(COMMITMENT, None, [], api_name="/ask")
    assert result["error"] is None, result["error"]
    assert "$53 billion" in result["direct"]


def test_ask_can_search_only_chosen_documents(client: Client) -> None:
    result = client.predict(COMMITMENT, 3, ["article"], api_name="/ask")
    assert result["error"] is None
    assert {c["doc_id"] for c in result["citations"]} <= {"article"}


def test_ask_the_other_corpus_by_name(client: Client, sainsbury_assistant: Assistant) -> None:
    name = sainsbury_assistant.profile.name
    question = "How did general merchandise sales change in the first quarter?"
    result = client.predict(question, None, [], name, api_name="/ask")
    assert result["error"] is None, result["error"]
    assert result["citations"], result
    assert "Alibaba" not in " ".join(c["quote"] for c in result["citations"])


def test_bad_questions_get_a_clear_message(client: Client) -> None:
    empty = client.predict("   ", 5, [], api_name="/ask")
    assert "empty" in empty["error"] and empty["text"] == "" and empty["citations"] == []
    assert "limit" in client.predict("why " * 1000, 5, [], api_name="/ask")["error"]


def test_unanswerable_question_abstains_without_figures(client: Client) -> None:
    result = client.predict(UNANSWERABLE, 5, [], api_name="/ask")
    assert result["error"] is None
    assert result["abstained"] is True
    assert not re.search(r"[$%]", result["text"])
    assert result["citations"] == []


def _essentials(result: dict) -> dict:
    """What must not change when the question waits in the queue behind others."""
    return {
        "direct": result["direct"],
        "text": result["text"],
        "citations": [(c["n"], c["doc_id"], c["quote"]) for c in result["citations"]],
    }


def test_simultaneous_questions_match_the_answers_asked_alone(
    client: Client,
    server_url: str,
    assistant: Assistant,
) -> None:
    """8 /ask calls at once over the corpus's example questions: each returns what the same
    question gets when asked alone."""
    questions = list(assistant.profile.examples)[:4]
    assert len(set(questions)) >= 2
    alone = {q: _essentials(client.predict(q, 5, [], api_name="/ask")) for q in questions}
    burst = Client(server_url, verbose=False, max_workers=8)
    asked = [questions[i % len(questions)] for i in range(8)]
    try:
        results = [
            job.result(timeout=300)
            for job in [burst.submit(q, 5, [], api_name="/ask") for q in asked]
        ]
    finally:
        burst.close()
    for question, result in zip(asked, results, strict=True):
        assert result["error"] is None, (question, result["error"])
        assert _essentials(result) == alone[question], question


# --- readers follow the index --------------------------------------------------------------


def test_a_running_ui_answers_across_a_real_rebuild(client: Client, assistant: Assistant) -> None:
    before = client.predict(COMMITMENT, None, [], api_name="/ask")
    assert before["error"] is None and "$53 billion" in before["direct"]
    settings = assistant.settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_INDEX_DIR=str(settings.index_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1"
    )
    proc = subprocess.run(
        [str(ASSISTANT_BIN), "ingest", "--rebuild", "--json", "--corpus", str(settings.corpus_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=settings.index_dir.parent,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for _ in range(2):  # twice: the first question after the swap, and one more
        after = client.predict(COMMITMENT, None, [], api_name="/ask")
        assert after["error"] is None, after["error"]
        assert "$53 billion" in after["direct"]
        assert _essentials(after) == _essentials(before)
        time.sleep(0.2)


# --- the chat handler the page calls, with the same real assistants ------------------------


def run_chat(respond, question: str, messages: list, state, corpus: str | None = None):
    outputs = list(respond(question, messages, state, 5, None, corpus))
    return outputs[-1], len(outputs)


def test_chat_renders_the_direct_line_first_then_the_sources(assistant: Assistant) -> None:
    respond = make_respond(Assistants(assistant))
    (messages, state, box), steps = run_chat(respond, COMMITMENT, [], None)
    assert steps >= 2 and box == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    final = messages[-1]["content"]
    assert final.index('class="direct"') < final.index("<summary>Sources (")
    assert "$53 billion" in final and 'class="cite"' in final
    assert re.search(r"<mark>(US)?\$53 billion</mark>", final), final
    assert state is not None


def test_chat_follow_up_goes_through_one_conversation(assistant: Assistant) -> None:
    respond = make_respond(Assistants(assistant))
    (messages, state, _), _ = run_chat(respond, COMMITMENT, [], None)
    conversation = state[1]
    (messages, state, _), _ = run_chat(respond, "And over how many years?", messages, state)
    assert len(messages) == 4 and state[1] is conversation
    assert len(conversation.answers) == 2
    assert "Cannot answer" not in messages[-1]["content"]


def test_chat_shows_input_errors_as_a_reply(assistant: Assistant) -> None:
    respond = make_respond(Assistants(assistant))
    (messages, _, _), _ = run_chat(respond, "<script>alert(1)</script> " + "why " * 1000, [], None)
    assert "limit" in messages[-1]["content"] and "Traceback" not in messages[-1]["content"]
    assert "<script>" not in messages[0]["content"]
