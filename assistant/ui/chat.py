"""The "Chat" tab and the ``/ask`` API endpoint.

Each browser session keeps one ``Conversation`` (from ``Assistant.conversation()``) for the
corpus it is on, so follow-up questions are read in the light of the earlier ones by the
API's own logic. Answers are rendered by :mod:`assistant.ui.render`; the endpoint returns
``Answer.to_dict()`` plus an ``error`` field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from assistant import Answer, AssistantError, Settings
from assistant.ui.render import (
    render_answer_html,
    render_error_html,
    render_partial_html,
    render_question_html,
)

if TYPE_CHECKING:
    import gradio as gr

    from assistant.ui.app import Assistants

log = logging.getLogger(__name__)

MAX_EXAMPLES = 6
Messages = list[dict[str, Any]]
# (corpus name, its Conversation) for one browser session; None until the first question.
ChatState = tuple[str, Any] | None


def top_k_limit() -> int:
    """The largest top-k the settings accept (the slider's maximum)."""
    for rule in Settings.model_fields["top_k"].metadata:
        if getattr(rule, "le", None) is not None:
            return int(rule.le)
    return 20


def doc_filter(chosen: Sequence[str] | None, all_ids: Sequence[str]) -> list[str] | None:
    """None (search everything) when no choice narrows the search."""
    picked = [d for d in (chosen or []) if d]
    return None if not picked or set(all_ids) <= set(picked) else picked


def _k(top_k: float | None) -> int | None:
    return None if top_k is None else int(top_k)


def error_payload(question: object, message: str) -> dict[str, Any]:
    """The endpoint's reply when the question cannot be used: an empty answer and the error."""
    text = question if isinstance(question, str) else ""
    return {**Answer(question=text, text="").to_dict(), "error": message}


def make_ask_api(pool: Assistants) -> Callable[..., dict]:
    def ask(
        question: str,
        top_k: int | None = None,
        doc_ids: list[str] | None = None,
        corpus: str | None = None,
    ) -> dict:
        """Answer one question; every figure is cited and verified.

        Returns the answer (direct, text, premise, caveats, citations, figures, dropped ...)
        and error (a message for the user when the question cannot be used, else null).
        ``top_k`` None uses the default; ``doc_ids`` empty searches every document;
        ``corpus`` names a corpus of the index (None: the one the UI was started on).
        """
        try:
            assistant = pool.get(corpus)
            answer = assistant.ask(question, k=_k(top_k), doc_ids=doc_ids or None)
        except AssistantError as exc:
            return error_payload(question, str(exc))
        return {**answer.to_dict(), "error": None}

    return ask


def _message(role: str, content: str) -> dict[str, Any]:
    return {"role": role, "content": content}


def _conversation(pool: Assistants, state: ChatState, corpus: str | None) -> tuple[str, Any]:
    name = corpus or pool.default
    if state is not None and state[0] == name:
        return state
    return name, pool.get(name).conversation()


def make_respond(pool: Assistants) -> Callable[..., Iterator]:
    """The chat handler: the question at once, the text as it is verified, then the answer."""

    def respond(
        question: str,
        messages: Messages | None,
        state: ChatState,
        top_k: float | None,
        doc_ids: list[str] | None,
        corpus: str | None = None,
    ) -> Iterator[tuple[Messages, ChatState, str]]:
        messages = [
            *(messages or []),
            _message("user", render_question_html(question or "")),
            _message("assistant", render_partial_html()),
        ]
        yield messages, state, ""
        if doc_ids is not None and not doc_ids:
            messages[-1] = _message(
                "assistant",
                render_error_html("no documents are selected — tick at least one under Settings"),
            )
            yield messages, state, ""
            return
        reply = render_error_html("no answer came back")
        try:
            state = _conversation(pool, state, corpus)
            all_ids = [row["id"] for row in pool.get(state[0]).corpus()]
            text = ""
            for event in state[1].stream(
                question, k=_k(top_k), doc_ids=doc_filter(doc_ids, all_ids)
            ):
                if isinstance(event, Answer):
                    reply = render_answer_html(event)
                    break
                text += event
                messages[-1] = _message("assistant", render_partial_html(text))
                yield messages, state, ""
        except AssistantError as exc:
            reply = render_error_html(str(exc))
        except Exception as exc:  # never show a traceback in the chat
            log.exception("answering %r failed", question)
            reply = render_error_html(
                f"something went wrong ({type(exc).__name__}); see the server log"
            )
        messages[-1] = _message("assistant", reply)
        yield messages, state, ""

    return respond


def clear_chat() -> tuple[Messages, ChatState, str]:
    return [], None, ""


def placeholder(profile: Any) -> str:
    return (
        f"Ask about {profile.title}. Every figure is cited and checked against the "
        "passage it cites."
    )


def corpus_views(pool: Assistants, corpus: str | None) -> list[Any]:
    """What changes with the corpus: placeholder, examples, document choices, the chat."""
    import gradio as gr

    assistant = pool.get(corpus)
    profile = assistant.profile
    examples = list(profile.examples)[:MAX_EXAMPLES]
    docs = assistant.corpus()
    ids = [d["id"] for d in docs]
    buttons = [
        gr.update(value=examples[i], visible=True)
        if i < len(examples)
        else gr.update(value="", visible=False)
        for i in range(MAX_EXAMPLES)
    ]
    return [
        gr.update(placeholder=placeholder(profile), value=[]),
        None,
        "",
        gr.update(visible=bool(examples)),
        *buttons,
        gr.update(choices=[(f"{d['id']} — {d['title']}", d["id"]) for d in docs], value=ids),
    ]


def build(app: gr.Blocks, pool: Assistants, picker: gr.Dropdown) -> None:
    """The chat components and events; examples and documents follow the corpus picker."""
    import gradio as gr

    settings = pool.first.settings
    chatbot = gr.Chatbot(
        label="Answers",
        show_label=False,
        elem_id="chat",
        height=640,
        render_markdown=False,
        latex_delimiters=[],
        sanitize_html=True,
        feedback_options=None,
        buttons=[],
        placeholder=placeholder(pool.first.profile),
    )
    with gr.Row():
        question = gr.Textbox(
            show_label=False,
            placeholder="Type a question and press Enter",
            elem_id="question",
            scale=8,
            max_lines=4,
            max_length=settings.max_question_chars + 1000,
        )
        ask_btn = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
        clear_btn = gr.Button("Clear", scale=1, elem_id="clear")
    examples_title = gr.Markdown("**Try an example**")
    with gr.Row():
        example_btns = [
            gr.Button("", size="sm", elem_classes=["example"], visible=False)
            for _ in range(MAX_EXAMPLES)
        ]
    limit = top_k_limit()
    with gr.Accordion("Settings", open=False):
        top_k = gr.Slider(
            1,
            limit,
            value=min(settings.top_k, limit),
            step=1,
            label="Passages to search (top-k)",
            elem_id="top-k",
        )
        doc_ids = gr.CheckboxGroup([], label="Documents to search", elem_id="doc-ids")
    state = gr.State(None)
    common = {
        "fn": make_respond(pool),
        "outputs": [chatbot, state, question],
        "api_visibility": "private",
        "show_progress": "hidden",
    }
    question.submit(inputs=[question, chatbot, state, top_k, doc_ids, picker], **common)
    ask_btn.click(inputs=[question, chatbot, state, top_k, doc_ids, picker], **common)
    for btn in example_btns:
        btn.click(inputs=[btn, chatbot, state, top_k, doc_ids, picker], **common)
    clear_btn.click(clear_chat, outputs=[chatbot, state, question], api_visibility="private")
    chatbot.clear(clear_chat, outputs=[chatbot, state, question], api_visibility="private")
    outputs = [chatbot, state, question, examples_title, *example_btns, doc_ids]
    for event in (app.load, picker.change):
        event(
            lambda name: corpus_views(pool, name),
            inputs=picker,
            outputs=outputs,
            api_visibility="private",
            show_progress="hidden",
        )
