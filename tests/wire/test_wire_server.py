"""The endpoint under bad input: every refusal is EC2's XML error, and the server keeps serving."""

from __future__ import annotations

import http.client
import socket
import threading
import xml.etree.ElementTree as ET

import pytest
from botocore.exceptions import ClientError
from wire_support import (
    ec2_error,
    http_client,
    raw_exchange,
    request,
    signed_headers,
    still_serving,
)

from ec2sim.errors import ERROR_CODES, EC2Error
from ec2sim.server import MAX_BODY, serve


def test_describe_over_http_answers_ec2_xml(endpoint):
    status, headers, body = request(
        endpoint, "POST", body=b"Action=DescribeVpcs&Version=2016-11-15"
    )
    assert status == 200
    assert headers["Content-Type"].startswith("text/xml")
    root = ET.fromstring(body)
    assert root.tag == "{http://ec2.amazonaws.com/doc/2016-11-15/}DescribeVpcsResponse"
    assert root.find("{http://ec2.amazonaws.com/doc/2016-11-15/}requestId").text


def test_get_with_query_string_works_as_on_ec2(endpoint):
    status, _, body = request(endpoint, "GET", "/?Action=DescribeVpcs&Version=2016-11-15")
    assert status == 200
    assert b"<DescribeVpcsResponse" in body


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("GET", "/", b"", 400, "MissingAction"),
        ("POST", "/", b"", 400, "MissingAction"),
        ("POST", "/", b"Version=2016-11-15", 400, "MissingAction"),
        ("POST", "/", b"Action=LaunchRocket&Version=2016-11-15", 400, "InvalidAction"),
        ("POST", "/", b"Action=AssignIpv6Addresses", 400, "MissingParameter"),
        ("POST", "/", b"Action=DescribeVpcs&Shade=blue", 400, "UnknownParameter"),
        ("POST", "/", b"Action=DescribeVpcs&MaxResults=many", 400, "InvalidParameterValue"),
        ("POST", "/", b"\xff\xfe\x00\x01garbage", 400, "MalformedQueryString"),
        ("POST", "/", b'{"Action": "DescribeVpcs"}', 400, "MissingAction"),
        ("POST", "/latest/meta-data/", b"Action=DescribeVpcs", 404, "NotFound"),
        ("GET", "/favicon.ico", b"", 404, "NotFound"),
        ("PUT", "/", b"Action=DescribeVpcs", 405, "MethodNotAllowed"),
        ("DELETE", "/", b"", 405, "MethodNotAllowed"),
        ("BREW", "/", b"", 405, "MethodNotAllowed"),
    ],
)
def test_bad_requests_get_ec2_errors(endpoint, method, path, body, status, code):
    got_status, headers, reply = request(endpoint, method, path, body)
    assert (got_status, ec2_error(reply)[0]) == (status, code)
    assert headers["Content-Type"].startswith("text/xml")
    still_serving(endpoint)


def test_missing_parameter_names_the_wire_parameter(endpoint):
    _, _, reply = request(endpoint, "POST", body=b"Action=UnassignPrivateIpAddresses")
    assert ec2_error(reply) == (
        "MissingParameter",
        "The request must contain the parameter NetworkInterfaceId",
    )


def test_oversize_body_is_refused_and_the_server_keeps_serving(endpoint):
    body = b"Action=DescribeVpcs&Filter.1.Name=tag%3AName&Filter.1.Value.1=" + b"x" * MAX_BODY
    status, headers, reply = request(endpoint, "POST", body=body)
    assert status == 413
    assert ec2_error(reply)[0] == "RequestEntityTooLarge"
    still_serving(endpoint)


def test_body_of_exactly_the_limit_is_read(endpoint):
    padding = MAX_BODY - len(b"Action=DescribeVpcs&Filter.1.Name=tag%3AName&Filter.1.Value.1=")
    body = b"Action=DescribeVpcs&Filter.1.Name=tag%3AName&Filter.1.Value.1=" + b"x" * padding
    assert len(body) == MAX_BODY
    status, _, reply = request(endpoint, "POST", body=body)
    assert status == 200, reply[:300]


def test_oversize_body_announced_with_expect_continue_is_refused_before_it_is_sent(endpoint):
    head = (
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n"
    )
    reply = raw_exchange(endpoint, head)
    assert reply.startswith(b"HTTP/1.1 413")
    assert ec2_error(reply.split(b"\r\n\r\n", 1)[1])[0] == "RequestEntityTooLarge"
    still_serving(endpoint)


def test_oversize_chunked_body_is_refused(endpoint):
    chunk = b"x" * 65536
    data = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    data += b"16\r\nAction=DescribeVpcs&x=\r\n"
    data += (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 20 + b"0\r\n\r\n"
    reply = raw_exchange(endpoint, data)
    assert reply.startswith(b"HTTP/1.1 413")
    still_serving(endpoint)


def test_chunked_body_within_the_limit_is_read(endpoint):
    payload = b"Action=DescribeVpcs&Version=2016-11-15"
    signed = signed_headers(endpoint, "POST", "/", payload)  # the signature covers the body
    head = "".join(f"{name}: {value}\r\n" for name, value in signed.items())
    data = b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % endpoint.port
    data += head.encode() + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    data += b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    reply = raw_exchange(endpoint, data)
    assert reply.startswith(b"HTTP/1.1 200")
    assert b"<DescribeVpcsResponse" in reply


@pytest.mark.parametrize(
    "data",
    [
        b"HELLO\r\n\r\n",
        b"GET / HTTP/7.0\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: lots\r\n\r\nAction=DescribeVpcs",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nAction\r\n0\r\n\r\n",
        b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X-Many: 1\r\n" * 101 + b"\r\n",
    ],
    ids=["garbage-line", "bad-version", "bad-length", "bad-chunk", "long-uri", "long-header",
         "many-headers"],
)
def test_garbled_http_gets_an_ec2_error_document(endpoint, data):
    reply = raw_exchange(endpoint, data)
    status = int(reply.split(b" ", 2)[1])
    assert 400 <= status < 500 or status == 505
    code, _ = ec2_error(reply.split(b"\r\n\r\n", 1)[1])
    assert code in ERROR_CODES
    still_serving(endpoint)


def test_body_cut_short_does_not_break_the_server(endpoint):
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\nAction=Desc")
        sock.shutdown(socket.SHUT_WR)
        reply = b"".join(iter(lambda: sock.recv(65536), b""))
    assert reply == b"" or ec2_error(reply.split(b"\r\n\r\n", 1)[1])[0] == "MalformedQueryString"
    still_serving(endpoint)


def test_one_connection_carries_many_requests(endpoint):
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    try:
        for body in [b"Action=DescribeVpcs", b"Action=Nope", b"Action=DescribeSubnets"] * 3:
            signed = signed_headers(endpoint, "POST", "/", body)
            conn.request("POST", "/", body=body, headers=signed)
            reply = conn.getresponse()
            reply.read()
            assert reply.status in (200, 400)
            assert reply.getheader("Connection") != "close"
    finally:
        conn.close()


class Refusing:
    """A stand-in world that refuses or fails in chosen ways (the server's side only)."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls = 0

    def dispatch(self, operation, params):
        self.calls += 1
        if self.calls % 2:
            raise self.error
        return {"Vpcs": []}


def test_ec2_error_from_the_core_reaches_the_client_with_its_status():
    world = Refusing(EC2Error("RequestLimitExceeded", "Slow down.", status=503))
    with serve(world) as endpoint:
        with pytest.raises(ClientError) as caught:
            http_client(endpoint).describe_vpcs()
        assert caught.value.response["Error"] == {
            "Code": "RequestLimitExceeded",
            "Message": "Slow down.",
        }
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
        assert http_client(endpoint).describe_vpcs()["Vpcs"] == []


def test_a_crash_in_the_core_is_an_internal_error_without_traceback():
    world = Refusing(ZeroDivisionError("division by zero in secret/path.py"))
    with serve(world) as endpoint:
        status, _, reply = request(endpoint, "POST", body=b"Action=DescribeVpcs")
        assert status == 500
        code, message = ec2_error(reply)
        assert code == "InternalError"
        assert "secret" not in message and "division" not in message
        status, _, reply = request(endpoint, "POST", body=b"Action=DescribeVpcs")
        assert status == 200


def test_stop_frees_the_port_and_ends_open_connections(cloud):
    endpoint = serve(cloud)
    assert endpoint.url == f"http://127.0.0.1:{endpoint.port}"
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=5)
    signed = signed_headers(endpoint, "POST", "/", b"Action=DescribeVpcs")
    conn.request("POST", "/", body=b"Action=DescribeVpcs", headers=signed)
    conn.getresponse().read()
    endpoint.stop()
    assert not endpoint.running
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        conn.request("POST", "/", body=b"Action=DescribeVpcs", headers=signed)
        conn.getresponse().read()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", endpoint.port))  # the port is free again
    endpoint.stop()  # stopping twice is harmless


def test_requests_are_reported_one_line_each(cloud):
    lines: list[str] = []
    seen = threading.Event()

    def note(line: str) -> None:
        lines.append(line)
        seen.set()

    with serve(cloud, on_request=note) as endpoint:
        request(endpoint, "POST", body=b"Action=DescribeVpcs")
        request(endpoint, "POST", body=b"Action=AssignIpv6Addresses")
    assert lines == [
        "POST DescribeVpcs -> 200",
        "POST AssignIpv6Addresses -> 400 MissingParameter",
    ]


def test_unused_bodies_are_skipped_and_the_connection_stays_in_step(endpoint):
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    try:
        for method, path in [("GET", "/elsewhere"), ("PUT", "/"), ("GET", "/?Action=DescribeVpcs")]:
            body = b"Action=DescribeVpcs&junk=" + b"j" * 5000
            conn.request(method, path, body=body,
                         headers=signed_headers(endpoint, method, path, body))
            reply = conn.getresponse()
            reply.read()
            assert reply.status in (200, 404, 405)
        body = b"Action=DescribeVpcs"
        conn.request("POST", "/", body=body, headers=signed_headers(endpoint, "POST", "/", body))
        reply = conn.getresponse()
        assert reply.status == 200
        assert b"<DescribeVpcsResponse" in reply.read()
    finally:
        conn.close()


def test_parameters_may_also_come_in_the_query_string_of_a_post(endpoint):
    status, headers, body = request(
        endpoint, "POST", "/?Action=DescribeVpcs", b"Version=2016-11-15"
    )
    assert status == 200
    request_id = ET.fromstring(body).find("{http://ec2.amazonaws.com/doc/2016-11-15/}requestId")
    assert headers["x-amzn-RequestId"] == request_id.text
