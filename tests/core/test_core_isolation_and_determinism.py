"""The simulation never talks to AWS, and the same seed with the same calls gives the same
answers."""

from __future__ import annotations

import hashlib
import re
import socket

import pytest
from botocore.exceptions import ClientError
from core_support import AMI

import ec2sim
from ec2sim import client as client_module


# -- never AWS ---------------------------------------------------------------------------------
@pytest.fixture
def hostile_machine(monkeypatch, tmp_path):
    """A machine with real-looking credentials, a profile that would run a program, another
    region and endpoint, and no network: every connection attempt is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the network is off for this test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a, **k: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a, **k: refuse(*a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    marker = tmp_path / "credentials-were-read"
    config = tmp_path / "config"
    run_marker = f"credential_process = sh -c 'touch {marker}; echo {{}}'\n"
    config.write_text(f"[default]\n{run_marker}region = ap-southeast-2\n"
                      f"[profile learner]\n{run_marker}region = ap-southeast-2\n")
    credentials = tmp_path / "credentials"
    credentials.write_text("[learner]\naws_access_key_id = AKIAQWERTYUIOPASDFGH\n"
                           "aws_secret_access_key = " + "k" * 40 + "\n")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAZXCVBNMASDFGHJKL")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "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")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEFAKEFAKEFAKE")
    monkeypatch.setenv("AWS_PROFILE", "learner")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "https://ec2.eu-central-1.amazonaws.com")
    monkeypatch.setattr(client_module, "_session", None)  # as in a fresh process
    return attempts, marker


def test_the_client_answers_with_the_network_off_and_real_credentials_around(hostile_machine):
    attempts, marker = hostile_machine
    cloud = ec2sim.Cloud(seed=0)
    ec2 = cloud.client()
    signed: list[str] = []
    ec2.meta.events.register("before-sign.ec2", lambda **kw: signed.append("signed"))
    assert ec2.meta.region_name == "us-east-1"
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]
    subnet = ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.0.1.0/24")["Subnet"]
    launched = ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1,
                                 MaxCount=1, SubnetId=subnet["SubnetId"])["Instances"][0]
    eni_id = launched["NetworkInterfaces"][0]["NetworkInterfaceId"]
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    with pytest.raises(ec2.exceptions.ClientError):
        ec2.describe_volumes()
    assert ec2.describe_vpcs(VpcIds=[vpc["VpcId"]])["Vpcs"][0]["CidrBlock"] == "10.0.0.0/16"
    assert attempts == []
    assert signed == []
    assert not marker.exists()


def test_an_unknown_default_profile_in_the_environment_is_ignored(hostile_machine,
                                                                  monkeypatch):
    attempts, marker = hostile_machine
    monkeypatch.delenv("AWS_PROFILE")
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "nobody-has-this-profile")
    ec2 = ec2sim.Cloud(seed=0).client()
    assert ec2.describe_vpcs()["Vpcs"][0]["CidrBlock"] == "172.31.0.0/16"
    assert attempts == [] and not marker.exists()


def test_the_endpoint_named_in_the_client_can_never_resolve(ec2):
    assert ec2.meta.endpoint_url.endswith(".invalid")


# -- determinism -------------------------------------------------------------------------------
def scenario(seed: int) -> list[dict]:
    """A short lab session; returns every answer, request metadata included."""
    cloud = ec2sim.Cloud(seed=seed)
    ec2 = cloud.client()
    answers = []

    def keep(answer: dict) -> dict:
        answers.append(answer)
        return answer

    vpc = keep(ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True))["Vpc"]
    block = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"].replace("/56", "/64")
    subnet = keep(ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.0.1.0/24",
                                    Ipv6CidrBlock=block))["Subnet"]["SubnetId"]
    igw = keep(ec2.create_internet_gateway())["InternetGateway"]["InternetGatewayId"]
    keep(ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc["VpcId"]))
    launched = keep(ec2.run_instances(
        ImageId=AMI, InstanceType="m5.large", MinCount=2, MaxCount=2,
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet,
                            "AssociatePublicIpAddress": True}]))["Instances"]
    eni_id = launched[0]["NetworkInterfaces"][0]["NetworkInterfaceId"]
    extra = keep(ec2.create_network_interface(SubnetId=subnet, Ipv6AddressCount=2))
    keep(ec2.attach_network_interface(NetworkInterfaceId=extra["NetworkInterface"][
        "NetworkInterfaceId"], InstanceId=launched[1]["InstanceId"], DeviceIndex=1))
    keep(ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                         SecondaryPrivateIpAddressCount=3))
    keep(ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1))
    keep(ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=2,
                                   Ipv6PrefixCount=1))
    allocation = keep(ec2.allocate_address(Domain="vpc"))
    keep(ec2.associate_address(AllocationId=allocation["AllocationId"],
                               NetworkInterfaceId=eni_id, PrivateIpAddress="10.0.1.7"))
    keep(ec2.stop_instances(InstanceIds=[launched[0]["InstanceId"]]))
    keep(ec2.start_instances(InstanceIds=[launched[0]["InstanceId"]]))
    keep(ec2.describe_instances())
    keep(ec2.describe_network_interfaces())
    keep(ec2.describe_addresses())
    return answers


def test_the_same_seed_and_calls_give_the_same_answers():
    first, second = scenario(7), scenario(7)
    assert first == second
    instance = first[4]["Instances"][0]
    assert instance["LaunchTime"] == second[4]["Instances"][0]["LaunchTime"]
    assert instance["NetworkInterfaces"][0]["MacAddress"] == second[4]["Instances"][0][
        "NetworkInterfaces"][0]["MacAddress"]


def test_another_seed_gives_other_ids_but_the_same_predictable_addresses():
    first, other = scenario(7), scenario(8)
    assert first[0]["Vpc"]["VpcId"] != other[0]["Vpc"]["VpcId"]
    assert first[4]["Instances"][0]["InstanceId"] != other[4]["Instances"][0]["InstanceId"]
    mac = [a["Instances"][0]["NetworkInterfaces"][0]["MacAddress"] for a in (first[4], other[4])]
    assert mac[0] != mac[1]
    assert first[7] == {**first[7], "AssignedPrivateIpAddresses": other[7][
        "AssignedPrivateIpAddresses"]}
    assert [a["PrivateIpAddress"] for a in first[7]["AssignedPrivateIpAddresses"]] == [
        "10.0.1.7", "10.0.1.8", "10.0.1.9"]


def test_a_new_cloud_with_the_same_seed_starts_the_same():
    assert ec2sim.Cloud(seed=3).snapshot() == ec2sim.Cloud(seed=3).snapshot()
    assert ec2sim.Cloud(seed=3).snapshot() != ec2sim.Cloud(seed=4).snapshot()


def test_client_side_monitoring_in_the_environment_opens_no_socket(hostile_machine, monkeypatch):
    # AWS_CSM_ENABLED makes a plain botocore client send a UDP datagram per call; the lab's
    # client must stay silent whatever the environment says.
    attempts, _ = hostile_machine
    created: list[tuple] = []

    def no_socket(*args, **kwargs):
        created.append(args)
        raise OSError("no sockets in this test")

    monkeypatch.setenv("AWS_CSM_ENABLED", "true")
    monkeypatch.setenv("AWS_CSM_PORT", "31000")
    monkeypatch.setattr(socket, "socket", no_socket)
    ec2 = ec2sim.Cloud(seed=0).client()
    assert ec2.describe_vpcs()["Vpcs"][0]["CidrBlock"] == "172.31.0.0/16"
    assert created == [] and attempts == []


def test_an_id_is_the_sha256_of_seed_region_kind_and_count():
    # What keeps IDs the same on every machine and Python: the default VPC is the first "vpc".
    digest = hashlib.sha256(b"5:us-east-1:vpc:1").hexdigest()
    vpcs = ec2sim.Cloud(seed=5).client().describe_vpcs()["Vpcs"]
    assert [v["VpcId"] for v in vpcs] == [f"vpc-0{digest[:16]}"]


def test_each_answer_carries_its_own_uuid_shaped_request_id(ec2):
    ids = [ec2.describe_vpcs()["ResponseMetadata"]["RequestId"] for _ in range(12)]
    with pytest.raises(ClientError) as caught:
        ec2.describe_vpcs(VpcIds=["vpc-0000000000000000f"])
    ids.append(caught.value.response["ResponseMetadata"]["RequestId"])
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}", i)
               for i in ids)
