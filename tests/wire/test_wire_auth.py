"""Who may drive the endpoint: only requests signed with the key it made at start, as on AWS.

Each refusal is checked for AWS's code and status, the words of its message, and that the world
did not change (no Elastic IP was allocated by the refused call).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import subprocess
import sys

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotocoreCredentials
from botocore.exceptions import ClientError
from wire_support import FORM, AwsCli, ec2_error, http_client, request, signed_headers

from ec2sim import sigv4
from ec2sim.errors import EC2Error
from ec2sim.server import serve

ALLOCATE = b"Action=AllocateAddress&Domain=vpc&Version=2016-11-15"


def refused(call) -> tuple[int, str, str]:
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response
    return error["ResponseMetadata"]["HTTPStatusCode"], error["Error"]["Code"], error["Error"][
        "Message"
    ]


def no_elastic_ips(cloud) -> bool:
    return cloud.client().describe_addresses()["Addresses"] == []


def test_the_endpoints_own_key_is_accepted(endpoint, cloud):
    allocated = http_client(endpoint).allocate_address(Domain="vpc")
    assert [a["AllocationId"] for a in cloud.client().describe_addresses()["Addresses"]] == [
        allocated["AllocationId"]
    ]


def test_a_wrong_secret_is_signature_does_not_match(endpoint, cloud):
    wrong = http_client(endpoint, secret="x" * 40)
    status, code, message = refused(lambda: wrong.allocate_address(Domain="vpc"))
    assert (status, code) == (403, "SignatureDoesNotMatch")
    assert "does not match" in message and "secret access key" in message
    assert no_elastic_ips(cloud)


def test_an_unknown_access_key_is_auth_failure(endpoint, cloud):
    stranger = http_client(endpoint, key_id="AKIDSOMEONEELSE00000", secret="x" * 40)
    status, code, message = refused(lambda: stranger.allocate_address(Domain="vpc"))
    assert (status, code) == (401, "AuthFailure")
    assert "AKIDSOMEONEELSE00000 is not known to this endpoint" in message
    assert no_elastic_ips(cloud)


def test_another_endpoints_key_is_refused(cloud):
    with serve(cloud) as mine, serve(cloud) as theirs:
        crossed = http_client(mine, key_id=theirs.credentials.access_key_id,
                              secret=theirs.credentials.secret_access_key)
        assert refused(lambda: crossed.allocate_address(Domain="vpc"))[1] == "AuthFailure"
    assert no_elastic_ips(cloud)


def test_a_request_signed_for_another_region_is_auth_failure(endpoint, cloud):
    elsewhere = http_client(endpoint, region="eu-west-1")
    status, code, message = refused(lambda: elsewhere.allocate_address(Domain="vpc"))
    assert (status, code) == (401, "AuthFailure")
    assert "signed for ec2 in eu-west-1; this endpoint is ec2 in us-east-1" in message
    assert no_elastic_ips(cloud)


def test_an_unsigned_request_is_missing_authentication_token(endpoint, cloud):
    status, _, reply = raw_request(endpoint, ALLOCATE, FORM)
    code, message = ec2_error(reply)
    assert (status, code) == (401, "MissingAuthenticationToken")
    assert "not signed" in message
    assert no_elastic_ips(cloud)
    assert request(endpoint, "POST", body=ALLOCATE)[0] == 200  # the same request, signed


def test_a_body_changed_after_signing_does_not_match(endpoint, cloud):
    headers = signed_headers(endpoint, "POST", "/", b"Action=DescribeVpcs")
    status, _, reply = raw_request(endpoint, ALLOCATE, headers)
    assert (status, ec2_error(reply)[0]) == (403, "SignatureDoesNotMatch")
    assert no_elastic_ips(cloud)


def test_a_content_hash_that_lies_about_the_body_does_not_match(endpoint, cloud):
    headers = signed_headers(endpoint, "POST", "/", b"Action=DescribeVpcs",
                             {"X-Amz-Content-SHA256": "0" * 64})
    status, _, reply = raw_request(endpoint, ALLOCATE, headers)
    code, message = ec2_error(reply)
    assert (status, code) == (403, "SignatureDoesNotMatch")
    assert "X-Amz-Content-SHA256" in message
    assert no_elastic_ips(cloud)


@pytest.mark.parametrize(
    ("authorization", "words"),
    [
        ("AWS AKID:c2lnbmF0dXJl", "Authorization header must read"),
        ("AWS4-HMAC-SHA256 Credential=KEY/20240101/us-east-1/ec2, SignedHeaders=host, "
         "Signature=" + "0" * 64, "KEY/DATE/REGION/SERVICE/aws4_request"),
    ],
    ids=["signature-version-2", "short-scope"],
)
def test_a_malformed_signature_is_incomplete_signature(endpoint, cloud, authorization, words):
    status, _, reply = raw_request(endpoint, ALLOCATE, {**FORM, "Authorization": authorization})
    code, message = ec2_error(reply)
    assert (status, code) == (400, "IncompleteSignature")
    assert words in message
    assert no_elastic_ips(cloud)


def raw_request(endpoint, body: bytes, headers: dict[str, str]):
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    try:
        conn.request("POST", "/", body=body, headers=headers)
        reply = conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        conn.close()


def signed_at(key: sigv4.Credentials, when: dt.datetime, body: bytes) -> dict[str, str]:
    """Headers of a request botocore's signer would have signed at ``when``."""
    request = AWSRequest(method="POST", url="http://127.0.0.1:1/", data=body,
                         headers={**FORM, "Host": "127.0.0.1:1"})
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    request.headers["X-Amz-Date"] = stamp
    request.context["timestamp"] = stamp
    signer = SigV4Auth(BotocoreCredentials(*key), "ec2", "us-east-1")
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    request.headers["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={key.access_key_id}/{stamp[:8]}/us-east-1/ec2/aws4_request, "
        f"SignedHeaders={signer.signed_headers(signer.headers_to_sign(request))}, "
        f"Signature={signature}"
    )
    return dict(request.headers.items())


def test_verify_accepts_what_botocore_signs_at_any_moment_within_15_minutes():
    key = sigv4.new_credentials()
    when = dt.datetime(2024, 5, 17, 12, 0, 0, tzinfo=dt.timezone.utc)
    headers = signed_at(key, when, b"Action=DescribeVpcs")
    for drift in (-15, 0, 15):
        later = when + dt.timedelta(minutes=drift)
        sigv4.verify(key, "us-east-1", "POST", "/", headers, b"Action=DescribeVpcs", now=later)


@pytest.mark.parametrize("drift", [-16, 16, 60 * 24])
def test_a_request_signed_long_ago_or_ahead_is_request_expired(drift):
    key = sigv4.new_credentials()
    when = dt.datetime(2024, 5, 17, 12, 0, 0, tzinfo=dt.timezone.utc)
    headers = signed_at(key, when, b"Action=DescribeVpcs")
    with pytest.raises(EC2Error) as caught:
        sigv4.verify(key, "us-east-1", "POST", "/", headers, b"Action=DescribeVpcs",
                     now=when + dt.timedelta(minutes=drift))
    assert (caught.value.code, caught.value.status) == ("RequestExpired", 400)
    assert "signed at 2024-05-17 12:00:00 UTC, more than 15 minutes" in caught.value.message


def test_new_keys_are_random_and_shaped_like_aws_keys():
    keys = {sigv4.new_credentials() for _ in range(20)}
    assert len(keys) == 20
    for key_id, secret in keys:
        assert len(key_id) == 20 and key_id.startswith("ECSIM") and key_id.isupper()
        assert len(secret) == 40 and secret.isalnum()


# -- the real AWS CLI ------------------------------------------------------------------------


def test_the_cli_with_a_wrong_secret_is_refused_and_changes_nothing(endpoint, cloud, no_real_aws):
    cli = AwsCli(endpoint, no_real_aws, {
        "AWS_ACCESS_KEY_ID": endpoint.credentials.access_key_id,
        "AWS_SECRET_ACCESS_KEY": "not-the-secret",
    })
    done = cli.run("allocate-address", "--domain", "vpc")
    assert done.returncode in (254, 255)
    assert "(SignatureDoesNotMatch)" in done.stderr and "AllocateAddress" in done.stderr
    assert no_elastic_ips(cloud)


def test_cloud_serve_points_this_process_aws_tools_at_the_lab(cloud, no_real_aws, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")  # would stop the CLI: hidden meanwhile
    monkeypatch.setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")  # would go to AWS: hidden
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    before = dict(os.environ)
    server = cloud.serve()
    try:
        assert {name: os.environ[name] for name in server.environment} == {
            "AWS_ACCESS_KEY_ID": server.credentials.access_key_id,
            "AWS_SECRET_ACCESS_KEY": server.credentials.secret_access_key,
            "AWS_ENDPOINT_URL_EC2": server.url,
            "AWS_DEFAULT_REGION": "us-east-1",
        }
        assert "AWS_PROFILE" not in os.environ
        assert "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" not in os.environ
        # A notebook's `!aws ec2 …` cell: a child process with the kernel's environment as is.
        done = subprocess.run(
            [sys.executable, "-m", "awscli", "ec2", "allocate-address", "--domain", "vpc",
             "--output", "json"],
            capture_output=True, text=True, timeout=60, env={**os.environ, "AWS_PAGER": ""},
        )
        assert done.returncode == 0, done.stderr
        allocation = json.loads(done.stdout)["AllocationId"]
        assert [a["AllocationId"] for a in cloud.client().describe_addresses()["Addresses"]] == [
            allocation
        ]
    finally:
        server.stop()
    assert dict(os.environ) == before


def test_cloud_serve_in_a_browser_says_where_the_notebook_runs(cloud, monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")  # Pyodide, the JupyterLite site
    before = dict(os.environ)
    with pytest.raises(RuntimeError, match="open this notebook in JupyterLab"):
        cloud.serve()
    assert dict(os.environ) == before


def verify_error(headers: dict[str, str], key: sigv4.Credentials) -> EC2Error:
    when = dt.datetime(2024, 5, 17, 12, 0, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(EC2Error) as caught:
        sigv4.verify(key, "us-east-1", "POST", "/", headers, b"Action=DescribeVpcs", now=when)
    return caught.value


def test_a_signature_that_leaves_out_the_host_is_incomplete():
    key = sigv4.new_credentials()
    headers = signed_at(key, dt.datetime(2024, 5, 17, 12, 0, tzinfo=dt.timezone.utc),
                        b"Action=DescribeVpcs")
    headers["Authorization"] = headers["Authorization"].replace(
        "SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=content-type;x-amz-date"
    )
    error = verify_error(headers, key)
    assert (error.code, error.status) == ("IncompleteSignature", 400)
    assert "must include host" in error.message


def test_a_credential_dated_another_day_does_not_match():
    key = sigv4.new_credentials()
    headers = signed_at(key, dt.datetime(2024, 5, 17, 12, 0, tzinfo=dt.timezone.utc),
                        b"Action=DescribeVpcs")
    headers["Authorization"] = headers["Authorization"].replace("/20240517/", "/20240516/")
    error = verify_error(headers, key)
    assert (error.code, error.status) == ("SignatureDoesNotMatch", 403)
    assert "credential's date 20240516 is not the day of X-Amz-Date 20240517T120000Z" in (
        error.message
    )


@pytest.mark.parametrize("stamp", ["", "2024-05-17T12:00:00Z", "20241317T120000Z"])
def test_a_signing_time_that_cannot_be_read_is_incomplete(stamp):
    key = sigv4.new_credentials()
    headers = signed_at(key, dt.datetime(2024, 5, 17, 12, 0, tzinfo=dt.timezone.utc),
                        b"Action=DescribeVpcs")
    headers["X-Amz-Date"] = stamp
    error = verify_error(headers, key)
    assert error.code == "IncompleteSignature"
    assert "X-Amz-Date must give the signing time as YYYYMMDDTHHMMSSZ" in error.message
