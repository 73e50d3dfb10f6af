"""The only user of httpx: JSON over HTTPS to an ESP, with timeouts, retries and the ESP's own error message.

Only the status a request documents counts as done: a redirect (to a login page, say) is a failure, and so is
another 2xx, which may still have been carried out. 429 and 5xx answers and lost connections are retried with
exponential backoff (a Retry-After header wins); any other 4xx is final at once and carries the ESP's message. An
error records whether the request may still have been carried out (a timeout, a 5xx, an unexpected 2xx), so the
caller knows to ask the ESP instead of assuming it failed. Every message passes through ``hide`` first, so no
secret a server echoes (its own key, in an error) leaves this module.
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
        hide: Callable[[str], str] = str,
    ) -> None:
        self.title = title
        self.hide = hide
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

    def call(self, method: str, path: str, body: Any = None, expect: int = 200) -> Any:
        """The parsed JSON answer (None for an empty one) when the status is ``expect``, the one the ESP documents;
        ApiError once retries are spent, on a final refusal or on any other answer."""
        where = f"{method} {path}"
        failure = self._error(f"{self.title}: {where} was not tried")
        for attempt in range(self.retries + 1):
            delay = self.backoff * 2**attempt
            try:
                response = self.client.request(method, self.base_url + path, json=body)
            except httpx.TimeoutException:
                failure = self._error(f"{self.title} did not answer {where} within {self.timeout:g} s", uncertain=True)
            except httpx.ConnectError as exc:
                failure = self._error(f"could not connect to {self.title} at {self.base_url}: {exc}")
            except httpx.TransportError as exc:
                failure = self._error(f"the connection to {self.title} broke during {where}: {exc}", uncertain=True)
            else:
                status = response.status_code
                if status == expect:
                    return _json(response)
                if status < 400:
                    raise self._unexpected(where, response, expect)
                message = (
                    f"{self.title} refused {where} (HTTP {status}): {self.describe(_json(response)) or response.reason_phrase}"
                )
                if status != 429 and status < 500:
                    raise self._error(message)
                failure = self._error(message, uncertain=status >= 500)
                delay = _retry_after(response, delay)
            if attempt < self.retries:
                self.sleep(min(delay, MAX_DELAY))
        raise failure

    def _error(self, message: str, uncertain: bool = False) -> ApiError:
        return ApiError(self.hide(message), uncertain=uncertain)

    def _unexpected(self, where: str, response: httpx.Response, expect: int) -> ApiError:
        """A redirect was not carried out (the API sent us elsewhere); another 2xx may have been."""
        status = response.status_code
        if 300 <= status < 400:
            target = response.headers.get("Location", "")
            to = f" to {target[:_SHOWN]}" if target else ""
            return self._error(
                f"{self.title} answered {where} with a redirect (HTTP {status}{to}) instead of doing it; "
                f"nieuwsbrief follows none (check the API's address, api_base)"
            )
        return self._error(
            f"{self.title} answered {where} with HTTP {status} where its API documents {expect}, so it is not taken as done",
            uncertain=True,
        )


_SHOWN = 120  # characters of a server's text in a message


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
