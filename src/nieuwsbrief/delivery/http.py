"""The only user of httpx: JSON over HTTPS to an ESP, with timeouts, retries and the ESP's own error message.

429 and 5xx answers and lost connections are retried with exponential backoff (a Retry-After header wins);
any other 4xx is final at once and carries the ESP's message. An error records whether the request may still
have been carried out (a timeout, a 5xx), so the caller knows to ask the ESP instead of assuming it failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import httpx

from .. import __version__
from ..errors import DeliveryError

MAX_DELAY = 30.0


class ApiError(DeliveryError):
    def __init__(self, message: str, uncertain: bool = False) -> None:
        super().__init__(message, uncertain=uncertain)


class JsonApi:
    def __init__(
        self,
        title: str,
        base_url: str,
        headers: dict[str, str],
        describe: Callable[[Any], str],
        timeout: float = 30,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.title = title
        self.base_url = base_url.rstrip("/")
        self.describe = describe
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": f"nieuwsbrief/{__version__}", "Accept": "application/json", **headers},
            follow_redirects=False,
        )

    def __enter__(self) -> JsonApi:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.client.close()

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """The parsed JSON answer (None for an empty one); ApiError once retries are spent or on a final refusal."""
        where = f"{method} {path}"
        failure = ApiError(f"{self.title}: {where} was not tried")
        for attempt in range(self.retries + 1):
            delay = self.backoff * 2**attempt
            try:
                response = self.client.request(method, self.base_url + path, json=body)
            except httpx.TimeoutException:
                failure = ApiError(f"{self.title} did not answer {where} within {self.timeout:g} s", uncertain=True)
            except httpx.ConnectError as exc:
                failure = ApiError(f"could not connect to {self.title} at {self.base_url}: {exc}")
            except httpx.TransportError as exc:
                failure = ApiError(f"the connection to {self.title} broke during {where}: {exc}", uncertain=True)
            else:
                data = _json(response)
                if response.status_code < 400:
                    return data
                message = (
                    f"{self.title} refused {where} (HTTP {response.status_code}): {self.describe(data) or response.reason_phrase}"
                )
                if response.status_code != 429 and response.status_code < 500:
                    raise ApiError(message)
                failure = ApiError(message, uncertain=response.status_code >= 500)
                delay = _retry_after(response, delay)
            if attempt < self.retries:
                self.sleep(min(delay, MAX_DELAY))
        raise failure


def _json(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text.strip()[:300]


def _retry_after(response: httpx.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return default  # absent, or an HTTP date: our own backoff will do
