"""The user guide's AWS CLI commands, typed verbatim (plus the endpoint) into the real ``aws``.

The endpoint serves the same ``Cloud`` the in-process client reads, so each step also checks
that what the CLI changed is what a notebook (and its diagram) sees.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shlex
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest
from wire_support import AMI, build_lab, http_client

import ec2sim
from ec2sim.sigv4 import Credentials


@pytest.fixture
def lab(cloud):
    return build_lab(cloud.client())


def in_subnet(address: str, cidr: str) -> bool:
    return ipaddress.ip_address(address) in ipaddress.ip_network(cidr)


def test_user_guide_cli_commands(aws, cloud, lab):
    ec2 = cloud.client()

    # Launch with two secondary private IPv4 addresses and two IPv6 addresses on eth0.
    launched = aws(
        "run-instances",
        "--image-id", AMI,
        "--instance-type", "m5.large",
        "--subnet-id", lab.subnet_id,
        "--secondary-private-ip-address-count", "2",
        "--ipv6-address-count", "2",
    )  # fmt: skip
    [instance] = launched["Instances"]
    [eth0] = instance["NetworkInterfaces"]
    eni = eth0["NetworkInterfaceId"]
    assert instance["ImageId"] == AMI
    assert instance["InstanceType"] == "m5.large"
    assert instance["SubnetId"] == lab.subnet_id
    assert eth0["Attachment"]["DeviceIndex"] == 0
    assert [p["Primary"] for p in eth0["PrivateIpAddresses"]] == [True, False, False]
    assert eth0["PrivateIpAddress"] == instance["PrivateIpAddress"]
    assert all(
        in_subnet(p["PrivateIpAddress"], lab.subnet_cidr) for p in eth0["PrivateIpAddresses"]
    )
    assert len(eth0["Ipv6Addresses"]) == 2
    assert all(in_subnet(a["Ipv6Address"], lab.subnet_ipv6_cidr) for a in eth0["Ipv6Addresses"])
    seen = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
    assert [p["PrivateIpAddress"] for p in seen["PrivateIpAddresses"]] == [
        p["PrivateIpAddress"] for p in eth0["PrivateIpAddresses"]
    ]

    # Assign two chosen secondary addresses, then one more picked by EC2.
    chosen = aws(
        "assign-private-ip-addresses",
        "--network-interface-id", eni,
        "--private-ip-addresses", "10.0.1.50", "10.0.1.51",
    )  # fmt: skip
    assert chosen == {
        "NetworkInterfaceId": eni,
        "AssignedPrivateIpAddresses": [
            {"PrivateIpAddress": "10.0.1.50"},
            {"PrivateIpAddress": "10.0.1.51"},
        ],
        "AssignedIpv4Prefixes": [],
    }
    counted = aws(
        "assign-private-ip-addresses",
        "--network-interface-id", eni,
        "--secondary-private-ip-address-count", "1",
    )  # fmt: skip
    [picked] = counted["AssignedPrivateIpAddresses"]
    assert in_subnet(picked["PrivateIpAddress"], lab.subnet_cidr)

    # An Elastic IP for the secondary address 10.0.1.50.
    allocation = aws("allocate-address", "--domain", "vpc")
    assert allocation["Domain"] == "vpc"
    assert allocation["AllocationId"].startswith("eipalloc-")
    public_ip = allocation["PublicIp"]
    assert in_subnet(public_ip, "203.0.113.0/24") or in_subnet(public_ip, "198.51.100.0/24")
    association = aws(
        "associate-address",
        "--allocation-id", allocation["AllocationId"],
        "--network-interface-id", eni,
        "--private-ip-address", "10.0.1.50",
    )  # fmt: skip
    assert association["AssociationId"].startswith("eipassoc-")

    # describe-instances shows every private address of the instance and the Elastic IP.
    described = aws("describe-instances", "--instance-ids", instance["InstanceId"])
    [reservation] = described["Reservations"]
    [interface] = reservation["Instances"][0]["NetworkInterfaces"]
    by_address = {p["PrivateIpAddress"]: p for p in interface["PrivateIpAddresses"]}
    assert len(by_address) == 6
    assert by_address["10.0.1.50"]["Association"]["PublicIp"] == public_ip
    assert by_address["10.0.1.50"]["Primary"] is False

    # describe-network-interfaces shows the same, plus both IPv6 addresses.
    described = aws("describe-network-interfaces", "--network-interface-ids", eni)
    [interface] = described["NetworkInterfaces"]
    assert {p["PrivateIpAddress"] for p in interface["PrivateIpAddresses"]} == set(by_address)
    assert len(interface["Ipv6Addresses"]) == 2
    assert interface["Status"] == "in-use"
    filtered = aws(
        "describe-network-interfaces",
        "--filters", "Name=addresses.private-ip-address,Values=10.0.1.51",
    )  # fmt: skip
    assert [i["NetworkInterfaceId"] for i in filtered["NetworkInterfaces"]] == [eni]

    # Unassigning 10.0.1.50 prints nothing and disassociates (but keeps) the Elastic IP.
    assert (
        aws(
            "unassign-private-ip-addresses",
            "--network-interface-id",
            eni,
            "--private-ip-addresses",
            "10.0.1.50",
        )  # fmt: skip
        == {}
    )
    [address] = ec2.describe_addresses(AllocationIds=[allocation["AllocationId"]])["Addresses"]
    assert "AssociationId" not in address and "PrivateIpAddress" not in address
    remaining = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
    assert "10.0.1.50" not in {p["PrivateIpAddress"] for p in remaining["PrivateIpAddresses"]}

    # Assign a chosen IPv6 address, then unassign it again.
    network = ipaddress.IPv6Network(lab.subnet_ipv6_cidr)
    ipv6 = str(network[0x1234])
    assert aws(
        "assign-ipv6-addresses", "--network-interface-id", eni, "--ipv6-addresses", ipv6
    ) == {"AssignedIpv6Addresses": [ipv6], "AssignedIpv6Prefixes": [], "NetworkInterfaceId": eni}
    more = aws("assign-ipv6-addresses", "--network-interface-id", eni, "--ipv6-address-count", "1")
    assert len(more["AssignedIpv6Addresses"]) == 1
    assert aws(
        "unassign-ipv6-addresses", "--network-interface-id", eni, "--ipv6-addresses", ipv6
    ) == {
        "NetworkInterfaceId": eni,
        "UnassignedIpv6Addresses": [ipv6],
        "UnassignedIpv6Prefixes": [],
    }
    left = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
    assert ipv6 not in {a["Ipv6Address"] for a in left["Ipv6Addresses"]}
    assert len(left["Ipv6Addresses"]) == 3


def test_refusals_exit_nonzero_with_aws_error_code(aws, cloud, lab):
    ec2 = cloud.client()
    first = ec2.create_network_interface(SubnetId=lab.subnet_id)["NetworkInterface"]
    second = ec2.create_network_interface(SubnetId=lab.subnet_id)["NetworkInterface"]
    ec2.assign_private_ip_addresses(
        NetworkInterfaceId=first["NetworkInterfaceId"], PrivateIpAddresses=["10.0.1.60"]
    )
    taking = (
        "assign-private-ip-addresses",
        "--network-interface-id", second["NetworkInterfaceId"],
        "--private-ip-addresses", "10.0.1.60",
    )  # fmt: skip

    refused = aws.run(*taking)
    assert refused.returncode in (254, 255)
    assert refused.stdout == ""
    assert "(InvalidIPAddress.InUse)" in refused.stderr
    assert "AssignPrivateIpAddresses" in refused.stderr
    unchanged = ec2.describe_network_interfaces(NetworkInterfaceIds=[first["NetworkInterfaceId"]])
    assert [
        p["PrivateIpAddress"] for p in unchanged["NetworkInterfaces"][0]["PrivateIpAddresses"]
    ] == [
        first["PrivateIpAddress"],
        "10.0.1.60",
    ]

    # The same command with --allow-reassignment moves the address.
    moved = aws(*taking, "--allow-reassignment")
    assert moved["AssignedPrivateIpAddresses"] == [{"PrivateIpAddress": "10.0.1.60"}]
    owners = ec2.describe_network_interfaces(
        Filters=[{"Name": "addresses.private-ip-address", "Values": ["10.0.1.60"]}]
    )["NetworkInterfaces"]
    assert [o["NetworkInterfaceId"] for o in owners] == [second["NetworkInterfaceId"]]

    missing = aws.run(
        "unassign-ipv6-addresses",
        "--network-interface-id", "eni-0123456789abcdef0",
        "--ipv6-addresses", "2001:db8::1",
    )  # fmt: skip
    assert missing.returncode in (254, 255)
    assert "(InvalidNetworkInterfaceID.NotFound)" in missing.stderr


def test_endpoint_from_the_environment_variable(aws, lab):
    done = aws.run("describe-subnets", "--subnet-ids", lab.subnet_id, endpoint_from_env=True)
    assert done.returncode == 0, done.stderr
    [subnet] = json.loads(done.stdout)["Subnets"]
    assert subnet["CidrBlock"] == lab.subnet_cidr


def start_serving(*args: str) -> tuple[subprocess.Popen, list[str], SimpleNamespace]:
    """Start ``python -m ec2sim serve``; what it prints up to the export line, and the endpoint
    that line describes (``url``, ``credentials``, ``environment``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "ec2sim", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    printed = []
    for line in process.stdout:
        printed.append(line.rstrip("\n"))
        if line.startswith("export "):
            break
    words = shlex.split(printed[-1])
    environment = dict(word.split("=", 1) for word in words[1:])
    endpoint = SimpleNamespace(
        url=environment["AWS_ENDPOINT_URL_EC2"],
        credentials=Credentials(
            environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"]
        ),
        environment=environment,
    )
    return process, printed, endpoint


def stop_serving(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    assert process.returncode == 0
    return out


def test_ec2sim_serve_prints_the_exports_the_cli_needs(no_real_aws):
    process, printed, endpoint = start_serving("--seed", "3")
    try:
        assert shlex.split(printed[-1]) == [
            "export",
            f"AWS_ACCESS_KEY_ID={endpoint.credentials.access_key_id}",
            f"AWS_SECRET_ACCESS_KEY={endpoint.credentials.secret_access_key}",
            f"AWS_ENDPOINT_URL_EC2={endpoint.url}",
            "AWS_DEFAULT_REGION=us-east-1",
        ]
        assert endpoint.url.startswith("http://127.0.0.1:")
        assert any(endpoint.url in line for line in printed[:-1])
        # The line, pasted into a shell, is all the CLI needs (no --endpoint-url, no --region).
        done = run_cli_in_shell(printed[-1], no_real_aws, "describe-vpcs")
        assert done.returncode == 0, done.stderr
        vpcs = json.loads(done.stdout)["Vpcs"]
        expected = ec2sim.Cloud(seed=3).client().describe_vpcs()["Vpcs"]
        assert [v["VpcId"] for v in vpcs] == [v["VpcId"] for v in expected]
    finally:
        out = stop_serving(process)
    assert "POST DescribeVpcs -> 200" in out
    assert "stopped" in out


def test_each_ec2sim_serve_makes_its_own_key():
    first, printed, one = start_serving("--quiet")
    try:
        second, _, other = start_serving("--quiet")
        stop_serving(second)
    finally:
        stop_serving(first)
    assert one.credentials.access_key_id != other.credentials.access_key_id
    assert one.credentials.secret_access_key != other.credentials.secret_access_key
    assert len(one.credentials.access_key_id) == 20 and len(one.credentials.secret_access_key) == 40


def test_ec2sim_serve_loads_a_saved_lab(tmp_path):
    saved = ec2sim.Cloud(seed=0)
    lab = build_lab(saved.client())
    path = tmp_path / "lab.json"
    saved.save(path)
    process, printed, endpoint = start_serving("--load", str(path), "--quiet")
    try:
        subnets = http_client(endpoint).describe_subnets(SubnetIds=[lab.subnet_id])["Subnets"]
        assert [s["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] for s in subnets] == [
            lab.subnet_ipv6_cidr
        ]
    finally:
        out = stop_serving(process)
    assert "->" not in out  # --quiet: no line per request


def run_cli_in_shell(export_line: str, home, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``export_line`` and then ``aws ec2 <args>`` in one shell, as a learner would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=str(home), AWS_CONFIG_FILE=str(home / "config"),
               AWS_SHARED_CREDENTIALS_FILE=str(home / "credentials"),
               AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="")
    command = shlex.join([sys.executable, "-m", "awscli", "ec2", *args, "--output", "json"])
    return subprocess.run(["sh", "-c", f"{export_line} && {command}"], capture_output=True,
                          text=True, env=env, timeout=60)
