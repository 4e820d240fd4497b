"""Handlers and screens talk to Telegram only the forgiving way (``bot/messages.py``).

A raw ``reply_text`` or ``query.answer`` in a handler lets a Telegram fault (429, 5xx, a
timeout, a network error) reach the error handler: the update is rolled back and the runner
reads "Sorry, something went wrong" for a reply that changed nothing (found by the fuzz
test). So every call to the Bot API from ``bot/handlers`` and ``bot/screens`` goes through a
``try_*`` helper or ``answer``, which log a failure and let the update carry on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("bot/handlers", "bot/screens")
# Where the forgiving helpers for files and pictures wrap their raw calls.
WRAPPERS = frozenset({"bot/screens/files.py"})
# PTB's shortcuts that call the Bot API (Message, Chat, Bot, CallbackQuery).
RAW = frozenset(
    {
        "reply_text",
        "reply_html",
        "reply_markdown",
        "reply_markdown_v2",
        "reply_photo",
        "reply_animation",
        "reply_document",
        "send_message",
        "send_photo",
        "send_animation",
        "send_document",
        "send_action",
        "send_chat_action",
        "edit_text",
        "edit_caption",
        "edit_reply_markup",
        "edit_message_text",
        "edit_message_caption",
        "edit_message_reply_markup",
        "delete",
        "delete_message",
    }
)


def _raw_calls(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, receiver = node.func.attr, ast.unparse(node.func.value)
        if name in RAW or (name == "answer" and "query" in receiver):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {receiver}.{name}(...)")
    return found


def _checked() -> list[Path]:
    return sorted(
        path
        for folder in CHECKED
        for path in (ROOT / folder).rglob("*.py")
        if str(path.relative_to(ROOT)) not in WRAPPERS
    )


@pytest.mark.parametrize("path", _checked(), ids=lambda path: str(path.relative_to(ROOT)))
def test_handlers_and_screens_never_call_telegram_raw(path: Path) -> None:
    assert _raw_calls(path) == []


def test_the_check_sees_a_raw_reply_and_a_raw_answer(tmp_path: Path) -> None:
    source = tmp_path / "handler.py"
    source.write_text(
        "async def f(update, message, flow):\n"
        "    await message.reply_text('hi')\n"
        "    await update.callback_query.answer('x')\n"
        "    await flow.answer(1)\n"  # not Telegram
    )
    assert [line.split(": ", 1)[1] for line in _raw_calls(source, tmp_path)] == [
        "message.reply_text(...)",
        "update.callback_query.answer(...)",
    ]
