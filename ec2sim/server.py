"""An EC2 endpoint on loopback, so the real AWS CLI (or any SDK) can drive a simulated account.

Requests speak EC2's Query protocol (see :mod:`ec2sim.wire`) and go to ``cloud.dispatch``, the
same operation code the in-process client reaches, so both doors give the same answers.
As on AWS, only signed requests are answered: the endpoint makes a random access key at start
(``endpoint.credentials``) and checks every request's Signature Version 4 (:mod:`ec2sim.sigv4`),
so another user of a shared machine cannot drive your lab. ``endpoint.environment`` holds the
settings that point the AWS CLI at it. Every refusal, including a broken, unsigned, slow or
oversize request, is answered with EC2's XML error document; the server keeps serving whatever
it is sent.

Connections cost a thread only while a request is being read or answered: idle ones wait in one
selector (:class:`_Connections`) and are closed, with a 408, after ``timeout`` seconds. A request
must arrive whole within ``timeout`` seconds of its first byte. At most ``max_connections`` are
open; beyond that the longest-idle one makes room, or, if every one is busy, the newcomer is told
to retry (503 ``RequestLimitExceeded``).

    >>> with ec2sim.server.serve(cloud) as endpoint:        # doctest: +SKIP
    ...     print(endpoint.url)                              # http://127.0.0.1:<free port>
"""

from __future__ import annotations

import io
import logging
import os
import queue
import re
import selectors
import socket
import threading
import time
from collections.abc import Callable, MutableMapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from ec2sim import sigv4, wire
from ec2sim.errors import EC2Error

MAX_BODY = 1 << 20  # largest request body accepted (1 MiB)
_DRAIN_LIMIT = 16 << 20  # an oversize body up to this is read and dropped, so the reply arrives
TIMEOUT = 5.0  # seconds an idle connection is kept, and a started request may take to arrive
MAX_CONNECTIONS = 256  # open connections at once (idle ones are cheap: no thread each)
BACKLOG = 128  # connections the kernel queues before the server accepts them
_ACCEPTS_PER_WAKE = 64  # connections taken from the backlog before idle ones are checked again

log = logging.getLogger("ec2sim.server")

# What the stdlib's own refusals (a garbled request line or headers) are called in the reply.
_HTTP_ERROR_CODES = {
    400: "MalformedRequest",
    414: "RequestURITooLong",
    431: "RequestHeaderFieldsTooLarge",
    505: "HTTPVersionNotSupported",
}

_DIGITS = re.compile(r"[0-9]+")  # ASCII only: '²'.isdigit() is true, yet int('²') fails

# Variables hidden while an endpoint is this process's AWS: a profile that may not exist here,
# a session token that belongs to another key, a switch that would make tools skip the endpoint.
_HIDDEN_VARIABLES = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
)


class _Incoming(io.RawIOBase):
    """A connection's incoming bytes; each read gives up when the current request's time is up."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self.deadline = 0.0
        self.probing = False  # look without waiting: is the next request already here?

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if self.probing:
            self._sock.settimeout(0.0)
            try:
                return self._sock.recv_into(buffer)
            except BlockingIOError:
                return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(left)
        return self._sock.recv_into(buffer)


class _Outgoing(io.BufferedIOBase):
    """A connection's outgoing bytes, sent whole (as socketserver's own writer does)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._sock.sendall(data)
        return len(data)


class _Handler(BaseHTTPRequestHandler):
    """One connection: reads Query-protocol requests and answers them with EC2's XML.

    The endpoint drives it one burst of requests at a time (:meth:`serve`), from a worker
    thread; between bursts the connection waits, threadless, in the endpoint's selector.
    """

    protocol_version = "HTTP/1.1"
    server_version = "ec2sim"
    server: _Connections
    _body_read = False  # whether this request's body has been consumed (read or dropped)
    _replying = False  # whether an answer to this request has started to go out

    def __init__(self, sock: socket.socket, address: Any, server: _Connections) -> None:
        # Not BaseRequestHandler.__init__, which would serve the whole connection at once.
        self.request = self.connection = sock
        self.client_address = address
        self.server = server
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)  # no delayed-ACK stalls
        self._incoming = _Incoming(sock)
        self.rfile = io.BufferedReader(self._incoming)
        self.wfile = _Outgoing(sock)
        self.close_connection = True
        self.command = self.requestline = ""
        self.request_version = self.protocol_version

    def serve(self) -> bool:
        """Answer the requests that have arrived; whether the connection stays open for more."""
        while True:
            self.close_connection = True
            self._incoming.deadline = time.monotonic() + self.server.timeout
            self.handle_one_request()
            if self.close_connection:
                return False
            self._incoming.probing = True
            try:
                more = self.rfile.peek(1)  # a pipelined request, already read into the buffer
            finally:
                self._incoming.probing = False
            if not more:
                return True

    def handle_one_request(self) -> None:
        """Read one request and answer it (the stdlib's loop, with a 408 when time runs out)."""
        self.command = self.requestline = ""
        self.request_version = self.protocol_version
        self._replying = False
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True  # the client hung up
                return
            if len(self.raw_requestline) > 65536:
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.parse_request():
                return  # parse_request has answered already
            getattr(self, f"do_{self.command}", self._not_allowed)()
        except TimeoutError:
            self.close_connection = True
            if not self._replying:  # else the client stopped reading the answer: just hang up
                self.say_goodbye(self._timeout_error())

    def time_out_idle(self) -> None:
        """Tell an idle connection it is being closed (from the selector thread: no waiting)."""
        self.command = self.requestline = ""
        self.request_version = self.protocol_version
        self.say_goodbye(self._timeout_error())
        self.close()

    def say_goodbye(self, error: EC2Error) -> None:
        """Answer ``error`` without waiting on the client, and close the connection after it."""
        self.close_connection = True
        self.connection.settimeout(0.0)
        try:
            self._reply_error(error, wire.new_request_id())  # not the world's: nothing reached it
        except OSError:
            pass  # the client is gone or not reading; closing is all that is left

    def _timeout_error(self) -> EC2Error:
        return EC2Error(
            "RequestTimeout",
            f"No complete request arrived within {self.server.timeout:g} seconds; the "
            "connection is closed.",
            408,
        )

    def close(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()

    # -- methods ------------------------------------------------------------------------------

    def do_POST(self) -> None:  # noqa: N802 (the stdlib's naming)
        self._body_read = False
        self._answer(form_in_body=True)

    def do_GET(self) -> None:  # noqa: N802
        self._body_read = False
        self._answer(form_in_body=False)  # parameters in the query string, as EC2 also allows

    def _not_allowed(self) -> None:
        self._body_read = False
        self._drain_body()
        self._reply_error(
            EC2Error(
                "MethodNotAllowed", f"EC2 requests use POST (or GET), not {self.command}.", 405
            )
        )

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _not_allowed

    # -- one request --------------------------------------------------------------------------

    def _answer(self, form_in_body: bool) -> None:
        request_id = self._new_request_id()
        operation = "-"
        try:
            target = self._target()
            if target.path not in ("", "/"):
                self._drain_body()
                raise EC2Error("NotFound", f"EC2 answers at the path /, not {target.path}.", 404)
            body = self._read_body()  # whatever was sent: the signature covers it
            sigv4.verify(
                self.server.credentials,
                self.server.region,
                self.command,
                self.path,
                self.headers,
                body,
            )
            fields = wire.parse_body(target.query.encode("latin-1", "replace"))
            if form_in_body:
                fields += wire.parse_body(body)
            operation = next((v for k, v in reversed(fields) if k == "Action"), "-") or "-"
            operation, params = wire.parse_request(fields)
            reply = self._dispatch(operation, params, request_id)
        except EC2Error as exc:
            self._note(operation, exc.status, exc.code)
            self._reply_error(exc, request_id)
            return
        except (TimeoutError, ConnectionError):
            raise  # the client was too slow or went away: the connection ends (with a 408)
        except Exception:
            log.exception("ec2sim failed to answer %s", operation)
            self._note(operation, 500, "InternalError")
            self._reply_error(
                EC2Error("InternalError", "The simulation failed to answer this request.", 500),
                request_id,
            )
            return
        self._note(operation, 200, "")
        self._reply(200, reply, {"x-amzn-RequestId": request_id})

    def _target(self) -> Any:
        try:
            return urlsplit(self.path)
        except ValueError:  # e.g. an unclosed '[' in an absolute URI
            self.close_connection = True
            raise EC2Error("MalformedRequest", "The request's target cannot be read.") from None

    def _new_request_id(self) -> str:
        """The world's own next request ID when it keeps a sequence (both doors share it)."""
        next_id = getattr(self.server.cloud, "next_request_id", None)
        return next_id() if next_id is not None else wire.new_request_id()

    def _dispatch(self, operation: str, params: dict[str, Any], request_id: str) -> bytes:
        cloud = self.server.cloud
        lock = getattr(cloud, "lock", None)
        if lock is None:
            return wire.render_response(operation, cloud.dispatch(operation, params), request_id)
        with lock:  # render under the lock too: the answer may share state with the world
            return wire.render_response(operation, cloud.dispatch(operation, params), request_id)

    # -- the request body ---------------------------------------------------------------------

    def _read_body(self) -> bytes:
        if self._body_read:
            return b""
        self._body_read = True
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self._content_length()
        if length > MAX_BODY:
            self._drain(length)
            raise _too_large()
        body = self.rfile.read(length)
        if len(body) < length:
            self.close_connection = True
            raise EC2Error("MalformedQueryString", "The request body ended early.")
        return body

    def _content_length(self) -> int:
        """The declared body length; one too long to count is reported as past every limit."""
        value = self.headers.get("Content-Length")
        if value is None:
            return 0
        digits = value.strip()
        if not _DIGITS.fullmatch(digits):
            self.close_connection = True
            raise EC2Error(
                "MalformedRequest", f"Content-Length {value[:40]!r} is not a number of bytes."
            )
        if len(digits.lstrip("0")) > len(str(_DRAIN_LIMIT)):
            return _DRAIN_LIMIT + 1  # int() of thousands of digits is refused (or slow)
        return int(digits)

    def _read_chunked(self) -> bytes:
        body = bytearray()
        seen = 0  # bytes received, kept or not
        try:
            while True:
                size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
                if size < 0:
                    raise ValueError(size)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                seen += size
                if seen > _DRAIN_LIMIT:
                    self.close_connection = True
                    raise _too_large()
                chunk = self.rfile.read(size)
                if len(chunk) < size:
                    raise ValueError("body ended early")
                if seen <= MAX_BODY:
                    body += chunk  # past the limit the rest is only read, to answer cleanly
                self.rfile.readline(1024)
        except ValueError:
            self.close_connection = True
            raise EC2Error("MalformedRequest", "The chunked request body is malformed.") from None
        if seen > MAX_BODY:
            raise _too_large()
        return bytes(body)

    def _drain_body(self) -> None:
        """Drop a body this request will not use, so the connection stays in step."""
        if self._body_read:
            return
        self._body_read = True
        try:
            length = self._content_length()
        except EC2Error:
            return
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
        else:
            self._drain(length)

    def _drain(self, length: int) -> None:
        if length > _DRAIN_LIMIT:
            self.close_connection = True
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                self.close_connection = True
                return
            length -= len(chunk)

    def handle_expect_100(self) -> bool:
        # Refuse an oversize (or unreadable) body before the client sends it.
        try:
            too_large = self._content_length() > MAX_BODY
        except EC2Error as exc:
            self._reply_error(exc)
            return False
        if too_large:
            self.close_connection = True
            self._reply_error(_too_large())
            return False
        return super().handle_expect_100()

    # -- replies ------------------------------------------------------------------------------

    def _reply(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
        self._replying = True
        if self.connection.gettimeout() != 0.0:
            self.connection.settimeout(self.server.timeout)  # for the whole answer to go out
        self.send_response(status)
        self.send_header("Content-Type", wire.CONTENT_TYPE)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _reply_error(self, exc: EC2Error, request_id: str | None = None) -> None:
        request_id = request_id or self._new_request_id()
        extra = {"x-amzn-RequestId": request_id}
        if exc.status == 405:
            extra["Allow"] = "GET, POST"
        self._reply(exc.status, wire.render_error(exc.code, exc.message, request_id), extra)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own refusals (a garbled request line, …) in EC2's error format."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":
            self.request_version = self.protocol_version  # a garbled line: answer in HTTP/1.1
        try:
            reason = message or HTTPStatus(code).phrase
        except ValueError:
            reason = message or "The request could not be read."
        self._reply_error(EC2Error(_HTTP_ERROR_CODES.get(code, "MalformedRequest"), reason, code))

    def _note(self, operation: str, status: int, code: str) -> None:
        if self.server.on_request is not None:
            outcome = f"{status} {code}".strip()
            self.server.on_request(f"{self.command} {operation} -> {outcome}")

    def version_string(self) -> str:
        return self.server_version

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        pass  # one line per request comes from _note instead

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        log.debug("%s: " + format, self.address_string(), *args)


def _too_large() -> EC2Error:
    return EC2Error(
        "RequestEntityTooLarge", f"The request body is larger than {MAX_BODY} bytes.", 413
    )


class _Connections:
    """The listening socket and every open connection, kept by one thread with a selector.

    A connection is *idle* (registered with the selector, no thread) until bytes arrive; then a
    worker thread answers what has arrived and hands it back to wait again, or it is closed.
    Only this thread touches the selector and the idle list; workers hand connections back
    through a queue and wake it with a byte on a socket pair.
    """

    def __init__(
        self,
        address: tuple[str, int],
        cloud: Any,
        on_request: Callable[[str], None] | None,
        credentials: sigv4.Credentials,
        timeout: float,
        max_connections: int,
    ) -> None:
        self.cloud = cloud
        self.on_request = on_request
        self.credentials = credentials
        self.region = getattr(cloud, "region", "us-east-1")
        self.timeout = timeout
        self.max_connections = max_connections
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.listener = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.listener.bind(address)
            self.listener.listen(BACKLOG)
        except OSError:
            self.listener.close()
            raise
        self.listener.setblocking(False)
        self.address = self.listener.getsockname()
        self._selector = selectors.DefaultSelector()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self._returned: queue.SimpleQueue[tuple[_Handler, bool]] = queue.SimpleQueue()
        self._idle: dict[_Handler, float] = {}  # idle connection -> when it expires, oldest first
        self._open: set[_Handler] = set()
        self._stopping = threading.Event()

    # -- the selector thread ------------------------------------------------------------------

    def run(self) -> None:
        self._selector.register(self.listener, selectors.EVENT_READ, None)
        self._selector.register(self._wake_in, selectors.EVENT_READ, self._wake_in)
        try:
            while not self._stopping.is_set():
                for key, _ in self._selector.select(timeout=min(0.25, self.timeout / 4)):
                    if key.data is None:
                        self._accept()
                    elif key.data is self._wake_in:
                        self._drain_wakes()
                    else:
                        self._unpark(key.data)
                        self._start(key.data)
                self._take_back()
                self._expire(time.monotonic())
        finally:
            self._close_everything()

    def _accept(self) -> None:
        for _ in range(_ACCEPTS_PER_WAKE):
            try:
                sock, address = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # out of file descriptors, say: let some close first
                log.warning("cannot accept a connection", exc_info=True)
                time.sleep(0.05)
                return
            handler = _Handler(sock, address, self)
            if len(self._open) >= self.max_connections and not self._evict_oldest_idle():
                handler.say_goodbye(
                    EC2Error(
                        "RequestLimitExceeded",
                        f"The endpoint is already answering {self.max_connections} "
                        "connections; try again in a moment.",
                        503,
                    )
                )
                handler.close()
                continue
            self._open.add(handler)
            self._park(handler)

    def _park(self, handler: _Handler) -> None:
        self._idle[handler] = time.monotonic() + self.timeout
        self._selector.register(handler.connection, selectors.EVENT_READ, handler)

    def _unpark(self, handler: _Handler) -> None:
        del self._idle[handler]
        self._selector.unregister(handler.connection)

    def _start(self, handler: _Handler) -> None:
        threading.Thread(target=self._work, args=(handler,), daemon=True,
                         name=f"ec2sim-request-{self.address[1]}").start()

    def _take_back(self) -> None:
        while True:
            try:
                handler, keep = self._returned.get_nowait()
            except queue.Empty:
                return
            if keep:
                self._park(handler)
            else:
                self._open.discard(handler)

    def _expire(self, now: float) -> None:
        for handler, expires in list(self._idle.items()):
            if expires > now:
                return  # the rest were parked later
            self._time_out(handler)

    def _evict_oldest_idle(self) -> bool:
        oldest = next(iter(self._idle), None)
        if oldest is None:
            return False
        self._time_out(oldest)
        return True

    def _time_out(self, handler: _Handler) -> None:
        self._unpark(handler)
        self._open.discard(handler)
        handler.time_out_idle()

    def _drain_wakes(self) -> None:
        try:
            while self._wake_in.recv(4096):
                pass
        except BlockingIOError:
            pass

    def _close_everything(self) -> None:
        self._selector.close()
        self.listener.close()
        for handler in list(self._open):
            if handler in self._idle:
                handler.close()
            else:
                try:  # a worker is reading or writing: make it stop; it closes the socket itself
                    handler.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self._open.clear()
        self._idle.clear()
        self._wake_in.close()
        self._wake_out.close()

    # -- worker threads -----------------------------------------------------------------------

    def _work(self, handler: _Handler) -> None:
        try:
            keep = handler.serve()
        except Exception:  # noqa: BLE001 (a client that hung up mid-request is routine)
            log.debug("connection from %s ended with an error", handler.client_address,
                      exc_info=True)
            keep = False
        if not keep or self._stopping.is_set():
            handler.close()
            keep = False
        self._returned.put((handler, keep))
        self._wake()

    def _wake(self) -> None:
        try:
            self._wake_out.send(b"\0")
        except OSError:
            pass  # already awake (the pair is full) or stopped

    def stop(self) -> None:
        self._stopping.set()
        self._wake()


class Server:
    """A running endpoint: ``url`` to give the CLI, ``stop()`` (or a ``with`` block) to end it.

    ``credentials`` is the access key requests must be signed with; ``environment`` the settings
    that point AWS tools at this endpoint (``export_line`` the same as one shell line).
    """

    def __init__(
        self,
        cloud: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        on_request: Callable[[str], None] | None = None,
        credentials: sigv4.Credentials | None = None,
        timeout: float = TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.cloud = cloud
        self.credentials = credentials or sigv4.new_credentials()
        self._connections = _Connections(
            (host, port), cloud, on_request, self.credentials, timeout, max_connections
        )
        self.host = host
        self.port: int = self._connections.address[1]
        self.region: str = self._connections.region
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else "::1" if host == "::" else host
        self.url = (
            f"http://[{shown}]:{self.port}" if ":" in shown else f"http://{shown}:{self.port}"
        )
        self._stopped = False
        self._saved_environment: dict[str, str | None] | None = None
        self._environ: MutableMapping[str, str] = os.environ
        self._thread = threading.Thread(
            target=self._connections.run, name=f"ec2sim-serve-{self.port}", daemon=True
        )
        self._thread.start()

    @property
    def environment(self) -> dict[str, str]:
        """The variables that send the AWS CLI's (and SDKs') EC2 requests here, signed."""
        return {
            "AWS_ACCESS_KEY_ID": self.credentials.access_key_id,
            "AWS_SECRET_ACCESS_KEY": self.credentials.secret_access_key,
            "AWS_ENDPOINT_URL_EC2": self.url,
            "AWS_DEFAULT_REGION": self.region,
        }

    @property
    def export_line(self) -> str:
        """``export AWS_ACCESS_KEY_ID=… …``: paste it into a shell to point the CLI here."""
        return "export " + " ".join(f"{name}={value}" for name, value in self.environment.items())

    def use_in_environment(self, environ: MutableMapping[str, str] | None = None) -> None:
        """Point this process's AWS tools here (``os.environ`` by default) until ``stop()``.

        Sets :attr:`environment` and hides a configured profile or session token (other
        credentials) and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (which would send the requests to
        AWS instead); ``stop()`` puts every variable back as it was.
        """
        environ = os.environ if environ is None else environ
        if self._saved_environment is None:
            names = (*self.environment, *_HIDDEN_VARIABLES)
            self._saved_environment = {name: environ.get(name) for name in names}
            self._environ = environ
        for name in _HIDDEN_VARIABLES:
            environ.pop(name, None)
        environ.update(self.environment)

    def _restore_environment(self) -> None:
        if self._saved_environment is None:
            return
        for name, value in self._saved_environment.items():
            if value is None:
                self._environ.pop(name, None)
            else:
                self._environ[name] = value
        self._saved_environment = None

    def stop(self) -> None:
        """Stop accepting requests, end open connections, free the port, restore the env."""
        if self._stopped:
            return
        self._stopped = True
        self._connections.stop()
        self._thread.join()
        self._restore_environment()

    @property
    def running(self) -> bool:
        return not self._stopped

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<ec2sim endpoint {self.url} ({state})>"


def serve(
    cloud: Any,
    host: str = "127.0.0.1",
    port: int = 0,
    on_request: Callable[[str], None] | None = None,
    credentials: sigv4.Credentials | None = None,
    timeout: float = TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> Server:
    """Answer EC2 requests for ``cloud`` at ``http://host:port`` from a background thread.

    Port 0 picks a free port (see ``.url``). Requests must be signed with ``credentials`` (a
    fresh random key unless given; see ``.credentials``). ``on_request``, if given, gets one
    line per request (``POST AssignIpv6Addresses -> 200``). ``timeout`` bounds how long an idle
    connection is kept and how long a request may take to arrive; ``max_connections`` how many
    connections are open at once.
    """
    return Server(cloud, host, port, on_request, credentials, timeout, max_connections)


__all__ = ["MAX_BODY", "MAX_CONNECTIONS", "TIMEOUT", "Server", "serve"]
