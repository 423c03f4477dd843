"""The endpoint under hostile or careless clients: odd numbers, silence, trickles, crowds.

Whatever arrives, the answer is a 400-class EC2 XML error (never a 500), a silent or slow client
is told 408 and disconnected, and a crowd of connections never keeps a signed client out.
"""

from __future__ import annotations

import http.client
import re
import select
import shutil
import socket
import subprocess

import pytest
from wire_support import (
    ec2_error,
    http_client,
    raw_exchange,
    request,
    signed_headers,
    still_serving,
)

from ec2sim import wire
from ec2sim.errors import EC2Error
from ec2sim.server import BACKLOG, serve

SLOW = 0.5  # the timeout of the endpoints below: seconds of silence before a 408


@pytest.fixture
def impatient(cloud):
    """An endpoint that gives up on silent connections after SLOW seconds."""
    with serve(cloud, timeout=SLOW) as server:
        yield server


def error_reply(reply: bytes) -> tuple[int, str, str]:
    """Status, code and message of a raw HTTP reply carrying an EC2 error document."""
    head, _, body = reply.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return (status, *ec2_error(body))


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (the socket has a timeout)."""
    return b"".join(iter(lambda: sock.recv(65536), b""))


# -- numbers Python cannot read ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "status", "code"),
    [
        ("9" * 5000, 413, "RequestEntityTooLarge"),
        ("²", 400, "MalformedRequest"),
        ("١٢", 400, "MalformedRequest"),  # Arabic-Indic digits: isdigit() yet not ASCII
        ("-5", 400, "MalformedRequest"),
    ],
    ids=["5000-digits", "superscript-two", "arabic-indic", "negative"],
)
@pytest.mark.parametrize("expect", [False, True], ids=["plain", "expect-100"])
def test_content_length_python_cannot_count_is_a_client_error(endpoint, length, status, code,
                                                              expect):
    head = f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n"
    head += "Expect: 100-continue\r\n" if expect else ""
    reply = raw_exchange(endpoint, head.encode() + b"\r\nAction=DescribeVpcs")
    assert error_reply(reply)[:2] == (status, code)
    still_serving(endpoint)


def test_list_index_of_5000_digits_is_read_as_a_big_index(endpoint, cloud):
    before = cloud.client().describe_vpcs()["Vpcs"]
    body = b"Action=DescribeVpcs&VpcId.1=" + before[0]["VpcId"].encode()
    body += b"&VpcId." + b"7" * 5000 + b"=vpc-0123456789abcdef0"
    status, _, reply = request(endpoint, "POST", body=body)
    assert status == 400
    assert ec2_error(reply) == (
        "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "expected an integer from -2147483648 to 2147483647"),
        ("-" + "9" * 5000, "expected an integer from -2147483648 to 2147483647"),
        ("2147483648", "expected an integer from -2147483648 to 2147483647"),
        ("²", "expected an integer"),
        ("1_0", "expected an integer"),
        (" 7", "expected an integer"),
    ],
)
def test_integers_out_of_range_or_unreadable_are_invalid_values(endpoint, value, message):
    body = f"Action=DescribeVpcs&MaxResults={value}".encode()
    status, _, reply = request(endpoint, "POST", body=body)
    code, said = ec2_error(reply)
    assert (status, code) == (400, "InvalidParameterValue")
    assert said.startswith("Invalid value '") and said.endswith(f"for MaxResults: {message}.")
    assert len(said) < 200  # a 5,000-digit value is cut short in the message


def test_a_target_urlsplit_cannot_read_is_a_client_error(endpoint):
    reply = raw_exchange(endpoint, b"GET http://[::1/ HTTP/1.1\r\nHost: x\r\n\r\n")
    assert error_reply(reply)[:2] == (400, "MalformedRequest")
    still_serving(endpoint)


# -- silence and trickles ----------------------------------------------------------------------


def test_a_connection_that_says_nothing_is_told_408_and_closed(impatient):
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=30) as sock:
        reply = read_until_closed(sock)
    status, code, message = error_reply(reply)
    assert (status, code) == (408, "RequestTimeout")
    assert "within 0.5 seconds" in message
    assert b"Connection: close" in reply
    still_serving(impatient)


@pytest.mark.parametrize(
    "start",
    [
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Le",  # headers never finished
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\nAction=Desc",  # body cut
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\nAction",
    ],
    ids=["headers", "body", "chunk"],
)
def test_a_request_that_stops_half_way_is_told_408_and_closed(impatient, start):
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=30) as sock:
        sock.sendall(start)
        reply = read_until_closed(sock)
    assert error_reply(reply)[:2] == (408, "RequestTimeout")
    still_serving(impatient)


def test_a_request_trickling_in_is_cut_off_at_its_deadline(impatient):
    """One byte every fifth of the timeout never lets a read wait long, yet the whole request
    must arrive within the timeout of its first byte."""
    reply = b""
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=30) as sock:
        sock.sendall(b"P")
        for byte in b"OST / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"z" * 200:
            ready = select_readable(sock, SLOW / 5)
            if ready:
                break  # the server answered and is closing
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
        reply = read_until_closed(sock)
    assert error_reply(reply)[:2] == (408, "RequestTimeout")


def select_readable(sock: socket.socket, wait: float) -> bool:
    return bool(select.select([sock], [], [], wait)[0])


def test_keep_alive_connection_idle_past_the_timeout_is_closed_after_answering(impatient):
    conn = http.client.HTTPConnection("127.0.0.1", impatient.port, timeout=30)
    body = b"Action=DescribeVpcs"
    conn.request("POST", "/", body=body, headers=signed_headers(impatient, "POST", "/", body))
    first = conn.getresponse()
    assert first.status == 200
    first.read()
    leftover = read_until_closed(conn.sock)  # nothing more is asked: the server gives up
    assert error_reply(leftover)[:2] == (408, "RequestTimeout")
    conn.close()


# -- crowds ------------------------------------------------------------------------------------


def test_a_crowd_of_idle_connections_makes_room_for_a_real_client(cloud):
    with serve(cloud, max_connections=8, timeout=60) as endpoint:
        idle = [socket.create_connection(("127.0.0.1", endpoint.port), timeout=30)
                for _ in range(20)]
        try:
            # The eight longest idle were told 408 and closed while the crowd pushed in...
            assert error_reply(read_until_closed(idle[0]))[:2] == (408, "RequestTimeout")
            # ...and a signed client still gets answers at once, well before the 60 s timeout.
            assert http_client(endpoint).describe_vpcs()["Vpcs"]
        finally:
            for sock in idle:
                sock.close()


def test_when_every_connection_is_busy_a_newcomer_is_told_to_retry(cloud):
    with serve(cloud, max_connections=3, timeout=60) as endpoint:
        busy = []
        try:
            for _ in range(3):
                sock = socket.create_connection(("127.0.0.1", endpoint.port), timeout=30)
                sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 19\r\n"
                             b"Expect: 100-continue\r\n\r\n")
                assert sock.recv(100).startswith(b"HTTP/1.1 100")  # a worker waits for the body
                busy.append(sock)
            with socket.create_connection(("127.0.0.1", endpoint.port), timeout=30) as late:
                status, code, message = error_reply(read_until_closed(late))
            assert (status, code) == (503, "RequestLimitExceeded")
            assert "already answering 3 connections" in message
            for sock in busy:
                sock.sendall(b"Action=DescribeVpcs")  # unsigned, but answered: the slot frees
                assert error_reply(read_until_first_reply(sock))[:2] == (
                    401, "MissingAuthenticationToken"
                )
            assert http_client(endpoint).describe_vpcs()["Vpcs"]
        finally:
            for sock in busy:
                sock.close()


def read_until_first_reply(sock: socket.socket) -> bytes:
    """One whole reply on a kept-alive connection (headers, then Content-Length bytes)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += (chunk := sock.recv(65536))
        assert chunk, f"the server closed the connection after {data!r}"
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    while len(body) < length:
        body += (chunk := sock.recv(65536))
        assert chunk, "the server closed the connection mid-reply"
    return head + b"\r\n\r\n" + body


@pytest.mark.skipif(shutil.which("ss") is None, reason="needs iproute2's ss to read the backlog")
def test_the_listen_backlog_is_a_real_one(endpoint):
    shown = subprocess.run(["ss", "-ltnH", f"sport = :{endpoint.port}"], capture_output=True,
                           text=True, check=True).stdout.split()
    # ss prints State Recv-Q Send-Q ...; for a listening socket Send-Q is its backlog.
    assert shown[0] == "LISTEN"
    assert int(shown[2]) == BACKLOG >= 128


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "1e999", "1" * 400, "1_0", "0x10"])
def test_numbers_that_are_not_finite_decimals_are_invalid_values(value):
    fields = [("Action", "GetInstanceTypesFromInstanceRequirements"),
              ("InstanceRequirements.MemoryGiBPerVCpu.Min", value)]
    with pytest.raises(EC2Error) as caught:
        wire.parse_request(fields)
    assert caught.value.code == "InvalidParameterValue"
    assert caught.value.message.endswith(
        "for InstanceRequirements.MemoryGiBPerVCpu.Min: expected a finite number."
    )


@pytest.mark.parametrize("value", ["9" * 25, "1e400", "-" + "9" * 5000])
def test_timestamps_no_calendar_holds_are_invalid_values(value):
    with pytest.raises(EC2Error) as caught:
        wire.parse_request([("Action", "DescribeSpotPriceHistory"), ("StartTime", value)])
    assert caught.value.code == "InvalidParameterValue"
    assert caught.value.message.endswith("for StartTime: expected an ISO 8601 date and time.")


def test_numbered_members_are_ordered_by_number_whatever_their_length():
    fields = [("Action", "DescribeVpcs"), ("VpcId.10", "c"), ("VpcId." + "1" * 60, "d"),
              ("VpcId.2", "b"), ("VpcId.1", "a")]
    assert wire.parse_request(fields) == ("DescribeVpcs", {"VpcIds": ["a", "b", "c", "d"]})


def test_requests_sent_back_to_back_on_one_connection_are_all_answered(impatient):
    body = b"Action=DescribeVpcs"
    signed = signed_headers(impatient, "POST", "/", body)
    one = "".join(f"{name}: {value}\r\n" for name, value in signed.items())
    one = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{impatient.port}\r\n{one}"
           f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=30) as sock:
        sock.sendall(one * 3)  # the second and third wait in the server's buffer, not the socket
        replies = read_until_closed(sock)  # three answers, then a 408 once the client is silent
    assert re.findall(rb"HTTP/1.1 (\d+) ", replies) == [b"200", b"200", b"200", b"408"]
