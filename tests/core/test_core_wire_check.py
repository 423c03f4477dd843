"""The wire check that every test's client runs (see conftest.py) really catches answers that
EC2's XML could not carry."""

from __future__ import annotations

import pytest
from checks import wire_differences

from ec2sim import operations


def test_a_member_outside_the_output_shape_is_caught():
    assert wire_differences("AllocateAddress", {"PublicIp": "203.0.113.10",
                                                "Tags": [{"Key": "a", "Value": "b"}]})


@pytest.mark.parametrize("operation, response", [
    ("DescribeSubnets", {"Subnets": [{"SubnetId": "subnet-1", "AvailableIpAddressCount": "9"}]}),
    ("DescribeVpcs", {"Vpcs": [{"VpcId": "vpc-1", "IsDefault": 1}]}),
    ("DescribeInstanceTypes", {"InstanceTypes": [{"InstanceType": "t3.micro",
                                                  "Hypervisor": None}]}),
])
def test_a_wrongly_typed_member_is_caught(operation, response):
    assert wire_differences(operation, response)


def test_a_faithful_answer_passes():
    assert wire_differences("AssignIpv6Addresses", {
        "AssignedIpv6Addresses": ["2001:db8::4"], "AssignedIpv6Prefixes": [],
        "NetworkInterfaceId": "eni-1"}) == []


def test_every_client_of_the_tests_runs_the_check(monkeypatch, ec2):
    real = operations.OPERATIONS["DescribeVpcs"]
    monkeypatch.setitem(operations.OPERATIONS, "DescribeVpcs",
                        lambda world, params: {**real(world, params), "Colour": "blue"})
    with pytest.raises(AssertionError, match="Colour"):
        ec2.describe_vpcs()
