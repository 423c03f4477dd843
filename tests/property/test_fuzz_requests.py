"""Every operation, sent random requests built from its botocore input shape (members it models
and members it does not, values of the right type and of the wrong one, IDs that exist and IDs
that do not) straight to ``cloud.dispatch``, which skips botocore's own checks: the simulation
may refuse with an AWS error, and nothing else. A Python error here is a request AWS would
answer that the simulation crashed on (over HTTP: a 500 that the AWS CLI retries)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import ec2sim
from ec2sim.client import service_model
from ec2sim.images import AMAZON_LINUX_2023
from ec2sim.operations import DECLARED, OPERATIONS

WRONG_TYPES = [None, 1.5, "x", [], {}, True, 7, b"raw", ["x"], {"Key": "x"}]
INTEGERS = st.one_of(st.integers(-2, 12), st.sampled_from([2**31, -2**31 - 1, 10**9, 10**40]))
WORDS = ["", "x", "default", "vpc", "standard", "instance", "subnet", "tcp", "udp", "icmp",
         "-1", "all", "t3.micro", "t3.medium", "m1.small", "no-such-type", AMAZON_LINUX_2023,
         "ami-0123456789abcdef0", "us-east-1a", "us-east-1z", "use1-az1", "amazon", "self",
         "10.0.1.9", "10.0.1.300", "10.0.1.0/24", "10.0.1.32/28", "10.0.0.0/16", "0.0.0.0/0",
         "::/0", "2001:db8::/64", "2001:db8::5", "203.0.113.10", "198.51.100.7",
         "vpc-id", "subnet-id", "tag:Name", "tag-key", "instance-state-name", "cidr-block",
         "defaultForAz", "not-a-filter", "Name", "lab", "i-0123456789abcdef0", "eni-1",
         "resolve:ssm:/aws/service/nothing", "1", "not-a-token"]


def build_lab() -> tuple[ec2sim.Cloud, list[str]]:
    """A world with one of everything, and the IDs and addresses it holds."""
    cloud = ec2sim.Cloud(seed=0)
    d = cloud.dispatch
    vpc = d("CreateVpc", {"CidrBlock": "10.0.0.0/16", "AmazonProvidedIpv6CidrBlock": True})["Vpc"]
    v6 = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    igw = d("CreateInternetGateway", {})["InternetGateway"]["InternetGatewayId"]
    d("AttachInternetGateway", {"InternetGatewayId": igw, "VpcId": vpc["VpcId"]})
    subnet = d("CreateSubnet", {"VpcId": vpc["VpcId"], "CidrBlock": "10.0.1.0/24",
                                "Ipv6CidrBlock": v6.replace("/56", "/64")})["Subnet"]
    instance = d("RunInstances", {"ImageId": AMAZON_LINUX_2023, "InstanceType": "t3.medium",
                                  "MinCount": 1, "MaxCount": 1,
                                  "SubnetId": subnet["SubnetId"]})["Instances"][0]
    eni = d("CreateNetworkInterface", {"SubnetId": subnet["SubnetId"],
                                       "SecondaryPrivateIpAddressCount": 1})["NetworkInterface"]
    attachment = d("AttachNetworkInterface", {"NetworkInterfaceId": eni["NetworkInterfaceId"],
                                              "InstanceId": instance["InstanceId"],
                                              "DeviceIndex": 1})["AttachmentId"]
    eip = d("AllocateAddress", {"Domain": "vpc"})
    association = d("AssociateAddress", {"AllocationId": eip["AllocationId"],
                                         "NetworkInterfaceId": eni["NetworkInterfaceId"]})
    table = d("CreateRouteTable", {"VpcId": vpc["VpcId"]})["RouteTable"]["RouteTableId"]
    group = d("CreateSecurityGroup", {"GroupName": "web", "Description": "web",
                                      "VpcId": vpc["VpcId"]})["GroupId"]
    ids = [vpc["VpcId"], v6, subnet["SubnetId"], igw, instance["InstanceId"],
           instance["NetworkInterfaces"][0]["NetworkInterfaceId"], eni["NetworkInterfaceId"],
           eni["PrivateIpAddress"], attachment, eip["AllocationId"], eip["PublicIp"],
           association["AssociationId"], table, group]
    return cloud, ids


def values(shape, strings, depth: int = 0, modelled: dict | None = None):
    """Random values for a botocore shape: mostly of its type, sometimes of another."""
    kind = shape.type_name
    if kind == "structure":
        names = list(shape.members)
        if modelled is not None and depth == 0:
            names = [n for n in names if n in modelled] + names  # modelled ones twice as likely
        optional = {n: values(shape.members[n], strings, depth + 1) for n in dict.fromkeys(names)
                    if depth < 4}
        right = st.fixed_dictionaries({}, optional=optional)
    elif kind == "list":
        right = st.lists(values(shape.member, strings, depth + 1), max_size=3)
    elif kind == "string":
        right = st.sampled_from(strings) | st.text(max_size=4)
    elif kind in ("integer", "long"):
        right = INTEGERS
    elif kind == "boolean":
        right = st.booleans()
    else:
        right = st.sampled_from(["2026-01-01T00:00:00Z", b"x", 1.0])
    return st.one_of(right, right, right, st.sampled_from(WRONG_TYPES)) if depth else right


def requests(operation: str, strings: list[str]):
    shape = service_model().operation_model(operation).input_shape
    declared = {d.split(".")[0].rstrip("!").split("=")[0] for d in DECLARED[operation]}
    every_member = values(shape, strings)
    modelled_only = st.fixed_dictionaries({}, optional={
        name: values(shape.members[name], strings, 1) for name in sorted(declared)})
    return st.one_of(modelled_only, modelled_only, every_member)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_only_aws_errors_come_out(operation):
    cloud, ids = build_lab()
    strings = ids + WORDS
    crashes: list[str] = []

    @seed(20261201)
    @settings(max_examples=100, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                     HealthCheck.data_too_large])
    @given(params=requests(operation, strings))
    def send(params):
        try:
            cloud.dispatch(operation, params)
        except ec2sim.EC2Error:
            pass
        except Exception as error:  # noqa: BLE001 - this is what the test is looking for
            crashes.append(f"{type(error).__name__}: {error}")
            raise

    send()
    assert crashes == []
