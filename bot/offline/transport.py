"""The HTTP edge of the fake: where PTB's request goes in and Telegram's answer comes out.

:class:`BotApiTransport` is a :class:`telegram.request.BaseRequest`: it decodes the request
PTB built (JSON-ish parameters and multipart uploads), lets injected faults strike, asks the
fake Telegram behind it for the result, and wraps it in Telegram's JSON envelope and HTTP
status, so that PTB's own error mapping turns failures into ``BadRequest``, ``Forbidden``,
``RetryAfter`` and friends. Every call is recorded as an :class:`ApiCall`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from abc import abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from telegram._utils.types import ODVInput  # the type BaseRequest.do_request is declared with
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.offline.errors import ApiError, JSONDict
from bot.offline.faults import Fault, FaultInjector, InjectedFault
from bot.offline.files import Upload

# Parameters whose value is a JSON object or array in the Bot API. PTB hands them over as
# Python objects, but a caller may also pass pre-encoded strings through ``api_kwargs``.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "menu_button",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "media",
    }
)


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, with its decoded parameters and how the fake answered.

    ``status`` is the HTTP status the client got, or ``None`` when it got no answer (a timeout
    or a network failure). ``fault`` says which injected fault struck, if any; ``performed``
    whether Telegram carried the call out (true for a ``timeout-after`` whose call succeeded).
    ``uploads`` are the files sent as multipart parts; an uploaded file's parameter reads
    ``upload://<filename>`` in ``params``.
    """

    method: str
    params: JSONDict
    status: int | None = 200
    description: str | None = None
    fault: Fault | None = None
    performed: bool = True
    uploads: tuple[Upload, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the client got Telegram's acceptance."""
        return self.status == 200

    @property
    def faulted(self) -> bool:
        """Whether an injected fault struck this call."""
        return self.fault is not None

    @property
    def uploaded(self) -> bool:
        """Whether the call carried file bytes (rather than file ids or URLs only)."""
        return bool(self.uploads)


def decode_request(request_data: RequestData | None) -> tuple[JSONDict, dict[str, Upload]]:
    """The request's parameters as plain JSON values (nested objects decoded), and its
    uploaded files by multipart part name."""
    if request_data is None:
        return {}, {}
    raw = request_data.parameters
    params: JSONDict = {}
    for name, encoded in request_data.json_parameters.items():
        value = raw.get(name)
        if isinstance(value, str):
            if name in _JSON_FIELDS and value[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            params[name] = value
        else:
            # A JSON round trip gives a deep copy made of plain types only.
            params[name] = json.loads(encoded)
    uploads: dict[str, Upload] = {}
    if request_data.contains_files:
        for name, (filename, content, *rest) in request_data.multipart_data.items():
            data = content if isinstance(content, bytes) else content.read()
            mime_type = rest[0] if rest else "application/octet-stream"
            uploads[name] = Upload(name, filename, mime_type, data)
            params.setdefault(name, f"upload://{filename}")
    return params, uploads


class BotApiTransport(BaseRequest):
    """The BaseRequest edge; subclasses implement :meth:`answer` (the Telegram behind it).

    ``latency`` is awaited before every answer and exists for benchmarks only; from its end
    to the recording of the call nothing else is awaited (``getUpdates`` long polls aside).
    """

    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.calls: list[ApiCall] = []
        self.faults = FaultInjector()

    @abstractmethod
    async def answer(self, method: str, params: JSONDict, uploads: Mapping[str, Upload]) -> object:
        """The result of one Bot API call, or raise :class:`ApiError`."""

    @property
    def faults_injected(self) -> int:
        """How many calls an injected fault has struck so far."""
        return self.faults.injected

    # -- BaseRequest -------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout; nothing is read from a socket, so it is nominal."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up: there is no connection pool."""

    async def shutdown(self) -> None:
        """Nothing to tear down; state survives so tests can inspect it afterwards."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call the way Telegram would: ``(HTTP status, JSON body)``."""
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params, uploads = decode_request(request_data)
        files = tuple(uploads.values())
        fault = self.faults.take(api_method.lower())
        if fault is not None and not fault.after:
            return self._strike(ApiCall(api_method, params, uploads=files), fault)
        try:
            result = await self.answer(api_method, params, uploads)
        except ApiError as error:
            call = ApiCall(api_method, params, error.status, error.description, uploads=files)
            if fault is not None:
                return self._lost(call, fault, performed=False)
            self.calls.append(call)
            return error.status, json.dumps(error.body()).encode()
        if fault is not None:
            return self._lost(ApiCall(api_method, params, uploads=files), fault, performed=True)
        self.calls.append(ApiCall(api_method, params, uploads=files))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _strike(self, call: ApiCall, fault: InjectedFault) -> tuple[int, bytes]:
        """A fault that hits before Telegram acts: an error answer, or no answer at all."""
        error = fault.error()
        if isinstance(error, ApiError):
            self._record(call, error.status, error.description, fault, performed=False)
            return error.status, json.dumps(error.body()).encode()
        self._record(call, None, str(error), fault, performed=False)
        raise error

    def _lost(self, call: ApiCall, fault: InjectedFault, *, performed: bool) -> tuple[int, bytes]:
        """Telegram answered (``call`` says how), but the answer never reached the client."""
        error = fault.error()
        answered = f"Telegram answered {call.status}" + (
            f": {call.description}" if call.description else ""
        )
        self._record(call, None, f"{error} ({answered})", fault, performed=performed)
        assert isinstance(error, NetworkError)
        raise error

    def _record(
        self,
        call: ApiCall,
        status: int | None,
        description: str | None,
        fault: InjectedFault,
        *,
        performed: bool,
    ) -> None:
        self.calls.append(
            ApiCall(
                call.method,
                call.params,
                status,
                description,
                fault=fault.fault,
                performed=performed,
                uploads=call.uploads,
            )
        )
