"""Polite, safe HTTP for `kliping watch` and `kliping fetch`: one client that every request goes through (feeds,
sitemaps, pages, robots.txt), so the same rules hold for all of them.

Safe: only http and https; the host is resolved and loopback, private, link-local, multicast, reserved and
unspecified addresses are refused unless the user allows private addresses; redirects are followed by hand (at
most `MAX_REDIRECTS`) so every hop is checked the same way. Polite: robots.txt is honoured (cached per host), one
host gets at most one request per `delay` seconds, the User-Agent names Kliping and its version, bodies are capped
at the size a file may have (`files.MAX_PAGE_BYTES`).

DNS rebinding: the URL is checked before each request, and the connection itself is made by `_PinnedBackend`, which
resolves the host once, checks every address and connects to a checked address (TLS still verifies the host name),
so a DNS server that answers differently the second time cannot point a request at a private address.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from kliping import __version__
from kliping.sources.files import MAX_PAGE_BYTES

USER_AGENT = f"Kliping/{__version__} (open-source news monitor)"  # no project address is published yet
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 30.0
DEFAULT_DELAY = 1.0
ROBOTS_TTL = 24 * 3600.0  # how long a host's robots.txt is trusted (RFC 9309 suggests at most a day)

Resolver = Callable[[str], list[str]]


class Refused(Exception):
    """A URL Kliping will not fetch (a scheme other than http/https, or an address the user did not allow)."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class FetchFailed(Exception):
    """A request that went out and failed: a timeout, a refused connection, an HTTP error, a body too big."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise Refused(host, f"cannot resolve the host name ({e})") from e
    return sorted({str(info[4][0]) for info in infos})


def _kind(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What makes an address off limits, or None for a public address."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for kind, bad in (("a loopback", addr.is_loopback), ("a link-local", addr.is_link_local),
                      ("a multicast", addr.is_multicast), ("an unspecified", addr.is_unspecified),
                      ("a private", addr.is_private), ("a reserved", addr.is_reserved)):
        if bad:
            return kind
    return None


def check_url(url: str, allow_private: bool = False, resolver: Resolver | None = None) -> None:
    """Raise `Refused` unless `url` is http(s) and (unless `allow_private`) its host resolves only to public
    addresses. Called before every request, redirects included."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
    host = parts.hostname
    if not host:
        raise Refused(url, "no host name in the URL")
    if not allow_private:
        checked_addresses(url, host, resolver)


def checked_addresses(url: str, host: str, resolver: Resolver | None = None) -> list[str]:
    """The addresses `host` resolves to, all public, or `Refused` naming the first that is not."""
    addrs = (resolver or resolve)(host)
    for a in addrs:
        kind = _kind(ipaddress.ip_address(a.split("%")[0]))
        if kind:
            raise Refused(url, f"{a} is {kind} address (use --allow-private to allow)")
    if not addrs:
        raise Refused(url, "the host name resolves to no address")
    return addrs


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, connecting to the addresses it checked rather than resolving the name again
    (the DNS-rebinding gap between a check and the connection)."""

    def __init__(self, resolver: Resolver | None):
        self.resolver = resolver
        self.inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        error: Exception | None = None
        for a in checked_addresses(f"{host}:{port}", host, self.resolver):
            try:
                return self.inner.connect_tcp(a, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass
class WebClient:
    """The one HTTP client of a run: checks, politeness and robots.txt for every request."""

    allow_private: bool = False
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = MAX_PAGE_BYTES
    resolver: Resolver | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = field(default_factory=dict)
    _http: httpx.Client | None = None

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            # trust_env=False: no proxy from the environment may bypass the address checks.
            transport = httpx.HTTPTransport(trust_env=False)
            if not self.allow_private:
                transport._pool._network_backend = _PinnedBackend(self.resolver)  # no public hook for this
            self._http = httpx.Client(follow_redirects=False, timeout=self.timeout, trust_env=False,
                                      headers={"User-Agent": USER_AGENT}, transport=transport)
        return self._http

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            left = self.delay - (self.clock() - last)
            if left > 0:
                self.sleep(left)
        self._last[host] = self.clock()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET `url`, following at most `MAX_REDIRECTS` redirects, each hop checked; a 304 is returned, a 4xx or
        5xx raises `FetchFailed`, as do timeouts and bodies over `max_bytes`."""
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, self.allow_private, self.resolver)
            self._wait(urlsplit(url).netloc)
            self.requests += 1
            try:
                with self.http.stream("GET", url, headers=headers) as r:
                    if r.status_code in (301, 302, 303, 307, 308) and "location" in r.headers:
                        url = urljoin(url, r.headers["location"])
                        continue
                    if r.status_code >= 400:
                        raise FetchFailed(url, f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise FetchFailed(url, f"more than {self.max_bytes // 1048576} MB: too big to be "
                                                   "one article")
                    return Response(str(r.url), r.status_code, r.headers, bytes(body))
            except httpx.TimeoutException as e:
                raise FetchFailed(url, f"timed out after {self.timeout:g} s") from e
            except httpx.HTTPError as e:
                raise FetchFailed(url, f"{type(e).__name__}: {e}") from e
        raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets Kliping fetch `url` (fetched once a day per host, with this client). A
        missing robots.txt (4xx) allows everything; one that cannot be read (5xx, timeout) allows nothing, as
        RFC 9309 says."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(base)
        rp = cached[1] if cached and self.clock() - cached[0] < ROBOTS_TTL else None
        if rp is None:
            rp = urllib.robotparser.RobotFileParser(base + "/robots.txt")
            try:
                r = self.get(base + "/robots.txt")
                rp.parse(r.body.decode("utf-8", "replace").splitlines())
            except FetchFailed as e:
                rule = "Allow: /" if e.reason.startswith("HTTP 4") else "Disallow: /"
                rp.parse(["User-agent: *", rule])
            self._robots[base] = (self.clock(), rp)
        return rp.can_fetch(USER_AGENT, url)
