"""Helpers shared by the wire tests: clients of a loopback endpoint."""

from __future__ import annotations

import functools
import http.client
import ipaddress
import json
import os
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

from ec2sim.server import Server

REGION = "us-east-1"
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


@functools.cache
def _session() -> botocore.session.Session:
    """One botocore session for all test clients: the EC2 model is loaded once."""
    return botocore.session.get_session()


def http_client(endpoint: Server, key_id: str | None = None, secret: str | None = None,
                region: str = REGION):
    """A botocore EC2 client of ``endpoint`` over HTTP, signing with the endpoint's own key
    (or the ``key_id``/``secret`` given), never retrying (errors show at once)."""
    return _session().create_client(
        "ec2",
        region_name=region,
        endpoint_url=endpoint.url,
        aws_access_key_id=key_id or endpoint.credentials.access_key_id,
        aws_secret_access_key=secret or endpoint.credentials.secret_access_key,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


def signed_headers(endpoint: Server, method: str, target: str = "/", body: bytes = b"",
                   headers: dict[str, str] | None = None) -> dict[str, str]:
    """The headers of a request signed as botocore signs it, with the endpoint's key."""
    request = AWSRequest(method=method, url=f"{endpoint.url}{target}", data=body,
                         headers={**FORM, **(headers or {})})
    key = endpoint.credentials
    SigV4Auth(Credentials(key.access_key_id, key.secret_access_key), "ec2", REGION).add_auth(
        request
    )
    return {name: value if isinstance(value, str) else value.decode()
            for name, value in request.headers.items()}


def request(endpoint, method: str, path: str = "/", body: bytes = b"", headers=None):
    """Send one request, signed with the endpoint's key; returns (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    try:
        conn.request(method, path, body=body,
                     headers=signed_headers(endpoint, method, path, body, headers))
        reply = conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        conn.close()


def raw_exchange(endpoint, data: bytes) -> bytes:
    """Write raw bytes to the server and read everything it answers until it closes."""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def ec2_error(body: bytes) -> tuple[str, str]:
    """Code and message of an EC2 error document; fails if it is not one."""
    root = ET.fromstring(body)
    assert root.tag == "Response"
    error = root.find("Errors/Error")
    assert error is not None
    assert root.find("RequestID").text
    assert b"Traceback" not in body
    return error.find("Code").text, error.find("Message").text


def still_serving(endpoint) -> None:
    assert http_client(endpoint).describe_vpcs()["ResponseMetadata"]["HTTPStatusCode"] == 200


class AwsCli:
    """Runs the real ``aws`` CLI (awscli) against one endpoint, as a learner would type it."""

    def __init__(self, endpoint: Server, home: Path, environment: dict[str, str] | None = None):
        self.url = endpoint.url
        self.home = home
        # What the learner exports: the endpoint's own key, unless a test says otherwise.
        self.environment = environment or {
            "AWS_ACCESS_KEY_ID": endpoint.credentials.access_key_id,
            "AWS_SECRET_ACCESS_KEY": endpoint.credentials.secret_access_key,
        }

    def run(self, *args: str, endpoint_from_env: bool = False) -> subprocess.CompletedProcess[str]:
        """Run ``aws ec2 <args>``; the endpoint comes from --endpoint-url or the environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            HOME=str(self.home),
            AWS_CONFIG_FILE=str(self.home / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(self.home / "credentials"),
            AWS_EC2_METADATA_DISABLED="true",
            AWS_PAGER="",
        )
        env.update(self.environment)
        command = [sys.executable, "-m", "awscli", "ec2", *args]
        command += ["--region", REGION, "--output", "json"]
        if endpoint_from_env:
            env["AWS_ENDPOINT_URL_EC2"] = self.url
        else:
            command += ["--endpoint-url", self.url]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    def __call__(self, *args: str) -> dict:
        """The JSON the command prints; a failing command fails the test with its stderr."""
        done = self.run(*args)
        assert done.returncode == 0, f"aws ec2 {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else {}


AMI = "ami-0a5c3558529277641"  # Amazon Linux 2023 in the simulation's catalogue


@dataclass(frozen=True)
class Lab:
    """The network of the user guide's examples: a dual-stack VPC and subnet, online."""

    vpc_id: str
    subnet_id: str
    subnet_cidr: str
    subnet_ipv6_cidr: str
    security_group_id: str


def build_lab(ec2) -> Lab:
    """Create the lab network with any EC2 client (in-process or over HTTP)."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    vpc_id = vpc["VpcId"]
    described = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
    block = described["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    subnet_v6 = str(next(ipaddress.IPv6Network(block).subnets(new_prefix=64)))
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24", Ipv6CidrBlock=subnet_v6)[
        "Subnet"
    ]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc_id)
    group = ec2.describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )["SecurityGroups"][0]["GroupId"]
    return Lab(vpc_id, subnet["SubnetId"], "10.0.1.0/24", subnet_v6, group)
