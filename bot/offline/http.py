"""The in-process fake Bot API, served over real HTTP on the loopback interface.

:class:`BotApiServer` wraps a :class:`~bot.offline.api.FakeBotApi` in a small HTTP/1.1 server
(stdlib asyncio streams, keep-alive, no dependencies) so that a separate bot *process*, pointed
at it with ``TELEGRAM_API_BASE_URL``, talks to it exactly as it would to Telegram:
``POST|GET /bot<token>/<method>`` with a form-urlencoded, multipart or JSON body, answered with
Telegram's JSON envelope and status. ``getUpdates`` long polls until the fake's
``push_update`` is called. The end-to-end tests use it; nothing in production does.

PTB's ``HTTPXRequest`` sends form fields whose nested values are JSON-encoded strings (and
multipart when a file is uploaded), so each field is turned back into the Python value the
bot passed, then handed to the fake as the same ``RequestData`` an in-process call would carry.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import json
import logging
from collections.abc import Iterable
from http import HTTPStatus
from typing import Final
from urllib.parse import parse_qsl, urlsplit

from telegram import InputFile
from telegram.error import NetworkError
from telegram.request import RequestData

# Not exported by PTB, but it is what RequestData is made of; the fake decodes these.
from telegram.request._requestparameter import RequestParameter

from bot.offline.api import FakeBotApi

log = logging.getLogger(__name__)

# Form fields that are strings in the Bot API even when they look like JSON ("123", "true").
_STRING_FIELDS: Final = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "ip_address",
        "language_code",
        "description",
        "short_description",
        "name",
        "photo",
        "animation",
        "document",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
    }
)
MAX_LINE: Final = 16 * 1024
MAX_BODY: Final = 64 * 1024 * 1024


class _BadRequest(Exception):
    """The HTTP request itself is malformed (not a Bot API error)."""


class BotApiServer:
    """A :class:`FakeBotApi` reachable at ``http://127.0.0.1:<port>`` (see :attr:`base_url`).

    ``port=0`` picks a free port. When ``token`` is given, requests for any other token are
    answered 401 Unauthorized, as Telegram does. Use as ``async with BotApiServer(api) as s``.
    """

    def __init__(
        self,
        api: FakeBotApi,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
    ) -> None:
        self.api = api
        self.host = host
        self.token = token
        self._port = port
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int:
        """The port actually listened on (useful with ``port=0``)."""
        if self._server is None:
            raise RuntimeError("BotApiServer is not started")
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def base_url(self) -> str:
        """The value for ``TELEGRAM_API_BASE_URL``."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._serve_connection, self.host, self._port, limit=MAX_LINE
        )

    async def close(self) -> None:
        """Stop listening and drop open connections (pending long polls included)."""
        if self._server is None:
            return
        self._server.close()
        for task in list(self._connections):
            task.cancel()
        if self._connections:
            await asyncio.gather(*self._connections, return_exceptions=True)
        await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> BotApiServer:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    # -- connections -------------------------------------------------------------------------

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while await self._serve_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client went away (a killed bot process does that mid long poll)
        except asyncio.CancelledError:
            pass  # the server is closing
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Answer one request; False when the connection is to be closed."""
        request_line = await reader.readline()
        if not request_line:
            return False
        try:
            verb, target, version = request_line.decode("latin-1").split()
        except ValueError:
            await _respond(writer, HTTPStatus.BAD_REQUEST, _error(400, "Bad Request"), False)
            return False
        headers = await _read_headers(reader)
        keep_alive = _keep_alive(version, headers)
        try:
            body = await _read_body(reader, headers)
            status, payload = await self._answer(verb, target, headers, body)
        except _BadRequest as exc:
            status, payload = 400, _error(400, f"Bad Request: {exc}")
        except NetworkError:
            # An injected timeout or network fault: hang up without answering, as a dropped
            # connection does.
            return False
        await _respond(writer, HTTPStatus(status), payload, keep_alive)
        return keep_alive

    async def _answer(
        self, verb: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes]:
        if verb not in ("GET", "POST"):
            return 405, _error(405, "Method Not Allowed")
        url = urlsplit(target)
        parts = url.path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot") or not parts[1]:
            return 404, _error(404, "Not Found")
        token, method = parts[0][3:], parts[1]
        if self.token is not None and token != self.token:
            return 401, _error(401, "Unauthorized")
        fields = [(name, _from_form(name, value)) for name, value in parse_qsl(url.query)]
        fields.extend(_body_fields(headers.get("content-type", ""), body))
        request_data = RequestData([_parameter(name, value) for name, value in fields])
        # The fake only looks at the method name at the end of the URL; the token stays here.
        return await self.api.do_request(f"/bot/{method}", "POST", request_data=request_data)


# -- HTTP plumbing ----------------------------------------------------------------------------


async def _read_headers(reader: asyncio.StreamReader) -> dict[str, str]:
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            return headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks: list[bytes] = []
        while True:
            size_line = await reader.readline()
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequest("bad chunk size") from None
            if size == 0:
                await _read_headers(reader)  # trailers, then the blank line
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)  # CRLF after each chunk
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        raise _BadRequest("bad Content-Length") from None
    if not 0 <= length <= MAX_BODY:
        raise _BadRequest("body too large")
    return await reader.readexactly(length) if length else b""


def _keep_alive(version: str, headers: dict[str, str]) -> bool:
    connection = headers.get("connection", "").lower()
    if version == "HTTP/1.0":
        return connection == "keep-alive"
    return connection != "close"


async def _respond(
    writer: asyncio.StreamWriter, status: HTTPStatus, payload: bytes, keep_alive: bool
) -> None:
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    writer.write(head.encode("latin-1") + payload)
    await writer.drain()


def _error(code: int, description: str) -> bytes:
    return json.dumps({"ok": False, "error_code": code, "description": description}).encode()


# -- Bot API parameters -----------------------------------------------------------------------


def _from_form(name: str, value: str) -> object:
    """A form field back to the value the bot passed: nested objects and numbers were sent
    JSON-encoded, plain strings as they are."""
    if name in _STRING_FIELDS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) else decoded


def _body_fields(content_type: str, body: bytes) -> Iterable[tuple[str, object]]:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return []
    if media_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            raise _BadRequest("body is not JSON") from None
        if not isinstance(data, dict):
            raise _BadRequest("JSON body must be an object")
        return list(data.items())
    if media_type == "multipart/form-data":
        return _multipart_fields(content_type, body)
    text = body.decode("utf-8", errors="replace")
    return [(name, _from_form(name, value)) for name, value in parse_qsl(text)]


def _multipart_fields(content_type: str, body: bytes) -> list[tuple[str, object]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise _BadRequest("malformed multipart body")
    fields: list[tuple[str, object]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            fields.append((name, InputFile(content, filename=filename)))
        else:
            fields.append((name, _from_form(name, content.decode("utf-8", errors="replace"))))
    return fields


def _parameter(name: str, value: object) -> RequestParameter:
    if isinstance(value, InputFile):
        return RequestParameter(name=name, value=None, input_files=[value])
    return RequestParameter(name=name, value=value, input_files=None)


__all__ = ["BotApiServer"]
