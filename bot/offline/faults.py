"""Failures on purpose: scripted ones (``fail_next``) and a seeded random mix (``inject_faults``).

Real Telegram fails in a few distinct ways and a bot must survive each: flood control (429 with
``retry_after``), a proxy or server hiccup (500, 502), a connection that never gets through
(PTB's ``NetworkError``), and a timeout, which comes in two flavours that look the same to the
client: the request died *before* Telegram acted (nothing happened) or *after* Telegram acted
(the message was sent or edited, but the answer was lost). Retrying blindly after the second
kind sends a message twice; that is what the ``timeout-after`` fault is for.

The random mode draws from its own ``random.Random(seed)``, once per eligible call, so a seed
gives the same faults for the same sequence of calls.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Final, Literal

from telegram.error import NetworkError, TimedOut

from bot.offline.errors import BLOCKED, ApiError


class Fault(StrEnum):
    """One way a call can fail; the values are what ``fail_next`` accepts."""

    TOO_MANY_REQUESTS = "429"
    FORBIDDEN = "403"
    BAD_REQUEST = "400"
    SERVER_ERROR = "500"
    BAD_GATEWAY = "502"
    TIMEOUT = "timeout"  # before Telegram acted: nothing changed
    TIMEOUT_AFTER = "timeout-after"  # Telegram acted, the answer was lost
    NETWORK = "network"  # the connection failed: nothing reached Telegram


FaultKind = Literal["429", "403", "400", "500", "502", "timeout", "timeout-after", "network"]
# Families for the random mode: "5xx" is 500 or 502, "timeout" is either flavour.
RandomFaultKind = Literal["429", "5xx", "timeout", "network"]
RANDOM_KINDS: Final[tuple[RandomFaultKind, ...]] = ("429", "5xx", "timeout", "network")
# Never faulted at random unless named: the bot's start-up and polling would only stall.
SPARED_METHODS: Final = frozenset({"getme", "getupdates", "setwebhook", "deletewebhook"})

INJECTED_TIMEOUT: Final = "Timed out (injected by FakeBotApi)"
# What PTB's HTTPXRequest raises when no connection can be made.
CONNECTION_FAILED: Final = "httpx.ConnectError: All connection attempts failed"


@dataclass(frozen=True)
class InjectedFault:
    """A fault chosen for one call."""

    fault: Fault
    retry_after: int = 1
    description: str | None = None

    @property
    def after(self) -> bool:
        """Whether Telegram performs the call before the client sees the failure."""
        return self.fault is Fault.TIMEOUT_AFTER

    def error(self) -> ApiError | NetworkError:
        """The answer (an :class:`ApiError`) or exception (PTB's) this fault produces."""
        text = self.description
        match self.fault:
            case Fault.TOO_MANY_REQUESTS:
                description = text or f"Too Many Requests: retry after {self.retry_after}"
                return ApiError(429, description, {"retry_after": self.retry_after})
            case Fault.FORBIDDEN:
                return ApiError(403, text or BLOCKED)
            case Fault.BAD_REQUEST:
                return ApiError(400, text or "Bad Request: injected by FakeBotApi")
            case Fault.SERVER_ERROR:
                return ApiError(500, text or "Internal Server Error")
            case Fault.BAD_GATEWAY:
                return ApiError(502, text or "Bad Gateway")
            case Fault.NETWORK:
                return NetworkError(text or CONNECTION_FAILED)
        return TimedOut(text or INJECTED_TIMEOUT)


class FaultPlan:
    """A seeded random fault mode; also a context manager that stops it on exit."""

    def __init__(
        self,
        owner: FaultInjector,
        *,
        rate: float,
        kinds: Iterable[RandomFaultKind],
        seed: int | None,
        methods: Collection[str] | None,
        retry_after: int,
    ) -> None:
        self.kinds = tuple(kinds)
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, not {rate}")
        unknown = set(self.kinds) - set(RANDOM_KINDS)
        if not self.kinds or unknown:
            raise ValueError(f"kinds must be some of {RANDOM_KINDS}, not {self.kinds}")
        self.rate = rate
        self.methods = None if methods is None else frozenset(m.lower() for m in methods)
        self.retry_after = retry_after
        self.injected = 0
        self._owner = owner
        self._random = random.Random(seed)

    def applies_to(self, method: str) -> bool:
        """Whether calls of ``method`` (lower case) may be faulted."""
        if self.methods is not None:
            return method in self.methods
        return method not in SPARED_METHODS

    def draw(self, method: str) -> InjectedFault | None:
        """Maybe a fault for one call of ``method``."""
        if not self.applies_to(method) or self._random.random() >= self.rate:
            return None
        family = self._random.choice(self.kinds)
        if family == "5xx":
            fault = self._random.choice((Fault.SERVER_ERROR, Fault.BAD_GATEWAY))
        elif family == "timeout":
            fault = self._random.choice((Fault.TIMEOUT, Fault.TIMEOUT_AFTER))
        else:
            fault = Fault(family)
        self.injected += 1
        return InjectedFault(fault, retry_after=self.retry_after)

    def stop(self) -> None:
        """Stop injecting (if this plan is still the active one)."""
        self._owner.stop(self)

    def __enter__(self) -> FaultPlan:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()


class FaultInjector:
    """Decides, per call, whether it fails: queued faults first, then the random plan."""

    def __init__(self) -> None:
        self.injected = 0
        self.plan: FaultPlan | None = None
        self._queues: dict[str, deque[InjectedFault]] = {}

    def fail_next(
        self,
        method: str,
        fault: Fault | FaultKind,
        times: int = 1,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Queue ``times`` faults for ``method`` (``"*"``: whichever method comes next)."""
        queue = self._queues.setdefault(method.lower(), deque())
        queue.extend(InjectedFault(Fault(fault), retry_after, description) for _ in range(times))

    def inject(
        self,
        *,
        rate: float,
        kinds: Iterable[RandomFaultKind],
        seed: int | None,
        methods: Collection[str] | None,
        retry_after: int,
    ) -> FaultPlan:
        """Start a random plan, replacing any earlier one."""
        self.plan = FaultPlan(
            self, rate=rate, kinds=kinds, seed=seed, methods=methods, retry_after=retry_after
        )
        return self.plan

    def stop(self, plan: FaultPlan | None = None) -> None:
        """Stop random faults (only ``plan``'s, when given); queued faults stay queued."""
        if plan is None or plan is self.plan:
            self.plan = None

    def forget_queued(self) -> None:
        """Drop every queued fault that has not struck yet (the random plan stays)."""
        self._queues.clear()

    def take(self, method: str) -> InjectedFault | None:
        """The fault for one call of ``method`` (lower case), if any; counted when given."""
        fault = None
        for key in (method, "*"):
            queue = self._queues.get(key)
            if queue:
                fault = queue.popleft()
                break
        if fault is None and self.plan is not None:
            fault = self.plan.draw(method)
        if fault is not None:
            self.injected += 1
        return fault
