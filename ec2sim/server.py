"""An EC2 endpoint on loopback, so the real AWS CLI (or any SDK) can drive a simulated account.

Requests speak EC2's Query protocol (see :mod:`ec2sim.wire`) and go to ``cloud.dispatch``, the
same operation code the in-process client reaches, so both doors give the same answers.
Signatures are not checked: any credentials will do. Every refusal, including a broken request,
is answered with EC2's XML error document; the server keeps serving whatever it is sent.

    >>> with ec2sim.server.serve(cloud) as endpoint:        # doctest: +SKIP
    ...     print(endpoint.url)                              # http://127.0.0.1:<free port>
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ec2sim import wire
from ec2sim.errors import EC2Error

MAX_BODY = 1 << 20  # largest request body accepted (1 MiB)
_DRAIN_LIMIT = 16 << 20  # an oversize body up to this is read and dropped, so the reply arrives

log = logging.getLogger("ec2sim.server")

# What the stdlib's own refusals (bad request line, unknown method, …) are called in the reply.
_HTTP_ERROR_CODES = {
    400: "MalformedRequest",
    404: "NotFound",
    405: "MethodNotAllowed",
    408: "RequestTimeout",
    413: "RequestEntityTooLarge",
    414: "RequestURITooLong",
    431: "RequestHeaderFieldsTooLarge",
    501: "NotImplemented",
    505: "HTTPVersionNotSupported",
}


class _HTTPServer(ThreadingHTTPServer):
    """The listening socket; remembers open connections so ``stop`` can end keep-alives too."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        cloud: Any,
        on_request: Callable[[str], None] | None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.cloud = cloud
        self.on_request = on_request
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._open_lock:
            still_open = list(self._open)
        for conn in still_open:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up mid-request is routine; anything else goes to the log, not stderr.
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """One connection: reads Query-protocol requests and answers them with EC2's XML."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stalls
    server_version = "ec2sim"
    timeout = 60  # seconds a silent connection is kept
    server: _HTTPServer
    _body_read = False  # whether this request's body has been consumed (read or dropped)

    # -- methods ------------------------------------------------------------------------------

    def do_POST(self) -> None:  # noqa: N802 (the stdlib's naming)
        self._body_read = False
        self._answer(with_body=True)

    def do_GET(self) -> None:  # noqa: N802
        self._body_read = False
        self._drain_body()  # a GET's parameters are in the query string, as EC2 also allows
        self._answer(with_body=False)

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

    def _answer(self, with_body: bool) -> None:
        request_id = self._new_request_id()
        operation = "-"
        try:
            target = urlsplit(self.path)
            if target.path not in ("", "/"):
                self._drain_body()
                raise EC2Error("NotFound", f"EC2 answers at the path /, not {target.path}.", 404)
            fields = wire.parse_body(target.query.encode("latin-1", "replace"))
            if with_body:
                fields += wire.parse_body(self._read_body())
            operation = next((v for k, v in reversed(fields) if k == "Action"), "-") or "-"
            operation, params = wire.parse_request(fields)
            body = self._dispatch(operation, params, request_id)
        except EC2Error as exc:
            self._note(operation, exc.status, exc.code)
            self._reply_error(exc, request_id)
            return
        except Exception:
            log.exception("ec2sim failed to answer %s", operation)
            self._note(operation, 500, "InternalError")
            self._reply_error(
                EC2Error("InternalError", "The simulation failed to answer this request.", 500),
                request_id,
            )
            return
        self._note(operation, 200, "")
        self._reply(200, body, {"x-amzn-RequestId": request_id})

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
        value = self.headers.get("Content-Length")
        if value is None:
            return 0
        if not value.strip().isdigit():
            self.close_connection = True
            raise EC2Error("MalformedRequest", f"Content-Length {value!r} is not a number.")
        return int(value)

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
        # Refuse an oversize body before the client sends it.
        value = self.headers.get("Content-Length", "")
        if value.strip().isdigit() and int(value) > MAX_BODY:
            self.close_connection = True
            self._reply_error(_too_large())
            return False
        return super().handle_expect_100()

    # -- replies ------------------------------------------------------------------------------

    def _reply(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
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
        status = 405 if code == 501 and getattr(self, "command", None) else code
        error_code = _HTTP_ERROR_CODES.get(status, "MalformedRequest")
        if status == 405:
            reason = f"EC2 requests use POST (or GET), not {self.command}."
        self._reply_error(EC2Error(error_code, reason, status))

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


class Server:
    """A running endpoint: ``url`` to give the CLI, ``stop()`` (or a ``with`` block) to end it."""

    def __init__(
        self,
        cloud: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        on_request: Callable[[str], None] | None = None,
    ) -> None:
        self.cloud = cloud
        self._httpd = _HTTPServer((host, port), cloud, on_request)
        self.host = host
        self.port: int = self._httpd.server_address[1]
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else "::1" if host == "::" else host
        self.url = (
            f"http://[{shown}]:{self.port}" if ":" in shown else f"http://{shown}:{self.port}"
        )
        self._stopped = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"ec2sim-serve-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting requests, end open connections and free the port."""
        if self._stopped:
            return
        self._stopped = True
        self._httpd.shutdown()
        self._httpd.close_connections()
        self._httpd.server_close()
        self._thread.join()

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
) -> Server:
    """Answer EC2 requests for ``cloud`` at ``http://host:port`` from a background thread.

    Port 0 picks a free port (see ``.url``). ``on_request``, if given, gets one line per request
    (``POST AssignIpv6Addresses -> 200``).
    """
    return Server(cloud, host=host, port=port, on_request=on_request)


__all__ = ["MAX_BODY", "Server", "serve"]
