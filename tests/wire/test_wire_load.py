"""Load: 8 clients x 500 mixed calls over HTTP at once, then the world must still add up.

The clients fight over the same six network interfaces and the same few addresses, so many calls
are refused; every refusal must be one AWS gives for that call. Afterwards no address may sit
on two interfaces, limits and reserved addresses must hold, the Elastic IP bookkeeping must agree
from both sides, and nothing may be lost: IPv6 addresses and Elastic IPs counted by the clients
equal what the world reports.
"""

from __future__ import annotations

import ipaddress
import random
import threading
from collections import Counter

from botocore.exceptions import ClientError
from wire_support import AMI, build_lab, http_client

THREADS = 8
CALLS = 500

# What AWS answers when the clients get in each other's way.
EXPECTED_REFUSALS = {
    "InvalidIPAddress.InUse",  # address on another interface / Elastic IP still associated
    "InvalidParameterValue",  # unassigning an address the interface does not have
    "PrivateIpAddressLimitExceeded",  # interface full (m5.large: 10 IPv4, 10 IPv6)
    "AddressLimitExceeded",  # five Elastic IPs per region
    "Resource.AlreadyAssociated",  # Elastic IP taken without AllowReassociation
    "InvalidAllocationID.NotFound",  # Elastic IP released by its owner meanwhile
    "InvalidAssociationID.NotFound",  # association ended by another client meanwhile
}


class Worker(threading.Thread):
    """One client with its own connection, making CALLS seeded-random calls."""

    def __init__(self, number: int, endpoint, interfaces: list[str], v6_pool: list[str]) -> None:
        super().__init__(name=f"load-{number}")
        self.rng = random.Random(number)
        self.endpoint = endpoint
        self.interfaces = interfaces
        self.v6_pool = v6_pool
        self.refusals: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.ipv6_added = 0
        self.allocations: list[str] = []
        self.eips_added = 0

    def call(self, method: str, **params):
        try:
            return getattr(self.ec2, method)(**params)
        except ClientError as error:
            code = error.response["Error"]["Code"]
            self.refusals[code] += 1
            if code not in EXPECTED_REFUSALS:
                self.unexpected.append(f"{method}: {code}: {error.response['Error']['Message']}")
            return None
        except Exception as error:  # a transport or parsing failure is never acceptable
            self.unexpected.append(f"{method}: {type(error).__name__}: {error}")
            return None

    def private_ip(self) -> str:
        return f"10.0.1.{self.rng.randint(4, 40)}"

    def run(self) -> None:
        self.ec2 = http_client(self.endpoint)
        rng = self.rng
        actions = [
            (self.assign_count, 2),
            (self.assign_chosen, 4),
            (self.unassign, 5),
            (self.assign_ipv6, 3),
            (self.unassign_ipv6, 3),
            (self.elastic_ip, 3),
            (self.describe, 2),
        ]
        choices = [action for action, weight in actions for _ in range(weight)]
        for _ in range(CALLS):
            rng.choice(choices)(rng.choice(self.interfaces))

    def assign_count(self, eni: str) -> None:
        self.call("assign_private_ip_addresses", NetworkInterfaceId=eni,
                  SecondaryPrivateIpAddressCount=1)  # fmt: skip

    def assign_chosen(self, eni: str) -> None:
        self.call("assign_private_ip_addresses", NetworkInterfaceId=eni,
                  PrivateIpAddresses=[self.private_ip()],
                  AllowReassignment=self.rng.random() < 0.5)  # fmt: skip

    def held(self, eni: str) -> tuple[list[str], list[str]]:
        """The secondary IPv4 and the IPv6 addresses ``eni`` has right now."""
        found = self.call("describe_network_interfaces", NetworkInterfaceIds=[eni])
        if not found:
            return [], []
        [interface] = found["NetworkInterfaces"]
        ipv4 = [a["PrivateIpAddress"] for a in interface["PrivateIpAddresses"] if not a["Primary"]]
        return ipv4, [a["Ipv6Address"] for a in interface["Ipv6Addresses"]]

    def unassign(self, eni: str) -> None:
        # Half the time an address seen a moment ago (another client may take it first).
        secondary = self.held(eni)[0] if self.rng.random() < 0.5 else []
        address = self.rng.choice(secondary) if secondary else self.private_ip()
        self.call("unassign_private_ip_addresses", NetworkInterfaceId=eni,
                  PrivateIpAddresses=[address])  # fmt: skip

    def assign_ipv6(self, eni: str) -> None:
        if self.rng.random() < 0.5:
            answer = self.call("assign_ipv6_addresses", NetworkInterfaceId=eni, Ipv6AddressCount=1)
        else:
            answer = self.call("assign_ipv6_addresses", NetworkInterfaceId=eni,
                               Ipv6Addresses=[self.rng.choice(self.v6_pool)])  # fmt: skip
        if answer:
            self.ipv6_added += len(answer["AssignedIpv6Addresses"])

    def unassign_ipv6(self, eni: str) -> None:
        held = self.held(eni)[1] if self.rng.random() < 0.5 else []
        address = self.rng.choice(held) if held else self.rng.choice(self.v6_pool)
        answer = self.call("unassign_ipv6_addresses", NetworkInterfaceId=eni,
                           Ipv6Addresses=[address])  # fmt: skip
        if answer:
            self.ipv6_added -= len(answer["UnassignedIpv6Addresses"])

    def elastic_ip(self, eni: str) -> None:
        roll = self.rng.random()
        if not self.allocations or roll < 0.2:
            answer = self.call("allocate_address", Domain="vpc")
            if answer:
                self.allocations.append(answer["AllocationId"])
                self.eips_added += 1
        elif roll < 0.6:
            self.call("associate_address", AllocationId=self.rng.choice(self.allocations),
                      NetworkInterfaceId=eni, PrivateIpAddress=self.private_ip(),
                      AllowReassociation=self.rng.random() < 0.5)  # fmt: skip
        elif roll < 0.85:
            allocation = self.rng.choice(self.allocations)
            found = self.call("describe_addresses", AllocationIds=[allocation])
            association = found and found["Addresses"][0].get("AssociationId")
            if association:
                self.call("disassociate_address", AssociationId=association)
        else:
            allocation = self.rng.choice(self.allocations)
            if self.call("release_address", AllocationId=allocation) is not None:
                self.allocations.remove(allocation)
                self.eips_added -= 1

    def describe(self, eni: str) -> None:
        if self.rng.random() < 0.5:
            self.call("describe_network_interfaces", NetworkInterfaceIds=[eni])
        else:
            self.call("describe_instances")


def test_eight_clients_at_once_leave_a_consistent_world(cloud, endpoint):
    ec2 = cloud.client()
    lab = build_lab(ec2)
    interfaces = []
    for _ in range(2):
        instance = ec2.run_instances(
            ImageId=AMI, InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=lab.subnet_id
        )["Instances"][0]
        interfaces.append(instance["NetworkInterfaces"][0]["NetworkInterfaceId"])
        for index in (1, 2):
            eni = ec2.create_network_interface(SubnetId=lab.subnet_id)["NetworkInterface"]
            ec2.attach_network_interface(
                NetworkInterfaceId=eni["NetworkInterfaceId"],
                InstanceId=instance["InstanceId"],
                DeviceIndex=index,
            )
            interfaces.append(eni["NetworkInterfaceId"])
    before = {
        i["NetworkInterfaceId"]: i["PrivateIpAddress"]
        for i in ec2.describe_network_interfaces(NetworkInterfaceIds=interfaces)[
            "NetworkInterfaces"
        ]
    }
    subnet_v6 = ipaddress.IPv6Network(lab.subnet_ipv6_cidr)
    v6_pool = [str(subnet_v6[n]) for n in range(4, 40)]

    workers = [Worker(n, endpoint, interfaces, v6_pool) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert not worker.is_alive()

    assert [problem for w in workers for problem in w.unexpected] == []
    refusals = sum((w.refusals for w in workers), Counter())
    assert refusals["InvalidIPAddress.InUse"] > 0  # the clients really did collide

    ec2 = http_client(endpoint)
    enis = ec2.describe_network_interfaces(NetworkInterfaceIds=interfaces)["NetworkInterfaces"]
    subnet = ipaddress.IPv4Network(lab.subnet_cidr)
    reserved = {subnet[n] for n in (0, 1, 2, 3)} | {subnet.broadcast_address}
    ipv4_owner: Counter[str] = Counter()
    ipv6_owner: Counter[str] = Counter()
    eips_seen_on_enis = {}
    for eni in enis:
        addresses = eni["PrivateIpAddresses"]
        primaries = [a["PrivateIpAddress"] for a in addresses if a["Primary"]]
        assert primaries == [before[eni["NetworkInterfaceId"]]] == [eni["PrivateIpAddress"]]
        assert len(addresses) <= 10 and len(eni["Ipv6Addresses"]) <= 10  # m5.large limits
        for a in addresses:
            ip = ipaddress.IPv4Address(a["PrivateIpAddress"])
            assert ip in subnet and ip not in reserved
            ipv4_owner[a["PrivateIpAddress"]] += 1
            if "Association" in a:
                key = (eni["NetworkInterfaceId"], a["PrivateIpAddress"])
                eips_seen_on_enis[key] = a["Association"]["PublicIp"]
        for a in eni["Ipv6Addresses"]:
            assert ipaddress.IPv6Address(a["Ipv6Address"]) in subnet_v6
            ipv6_owner[a["Ipv6Address"]] += 1
    assert [ip for ip, n in ipv4_owner.items() if n > 1] == []
    assert [ip for ip, n in ipv6_owner.items() if n > 1] == []

    # Elastic IPs: what the addresses say and what the interfaces say agree, one to one.
    eips = ec2.describe_addresses()["Addresses"]
    associated = {
        (a["NetworkInterfaceId"], a["PrivateIpAddress"]): a["PublicIp"]
        for a in eips
        if "AssociationId" in a
    }
    assert len(associated) == len([a for a in eips if "AssociationId" in a])
    assert associated == eips_seen_on_enis

    # No lost updates: the clients' own tallies match the world.
    assert len(ipv6_owner) == sum(w.ipv6_added for w in workers)
    assert len(eips) == sum(w.eips_added for w in workers)
    [after] = ec2.describe_subnets(SubnetIds=[lab.subnet_id])["Subnets"]
    assert after["AvailableIpAddressCount"] == subnet.num_addresses - 5 - len(ipv4_owner)
