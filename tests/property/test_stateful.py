"""Random sequences of EC2 calls, valid and invalid, with the world's invariants checked after
every step: what no sequence of calls may ever break."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)
from netaddr import IPAddress, IPNetwork

import ec2sim
from ec2sim import instance_types
from ec2sim.images import AMAZON_LINUX_2023

SUBNETS = [("10.0.0.0/27", 0), ("10.0.0.64/26", 1)]  # small, so they can run out
# Nitro (t3), Xen with IPv6 (t2, m4: no prefixes), Xen without IPv6 (m1.small: 4 IPv4, 0 IPv6),
# bare metal (a1.metal: prefixes, 8 interfaces)
TYPES = ["t3.micro", "t3.medium", "t2.micro", "m4.large", "m1.small", "a1.metal"]
PORTS = st.sampled_from([-1, 0, 22, 443, 65535, 65536])


class LabMachine(RuleBasedStateMachine):
    instances = Bundle("instances")
    interfaces = Bundle("interfaces")
    allocations = Bundle("allocations")

    @initialize(seed=st.integers(0, 3))
    def build(self, seed: int) -> None:
        setup = ec2sim.Cloud(seed=seed)
        d = setup.dispatch
        vpc = d("CreateVpc", {"CidrBlock": "10.0.0.0/24", "AmazonProvidedIpv6CidrBlock": True})
        vpc_id = vpc["Vpc"]["VpcId"]
        v6 = IPNetwork(vpc["Vpc"]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
        igw = d("CreateInternetGateway", {})["InternetGateway"]["InternetGatewayId"]
        d("AttachInternetGateway", {"InternetGatewayId": igw, "VpcId": vpc_id})
        self.gateway = igw
        self.table = d("CreateRouteTable", {"VpcId": vpc_id})["RouteTable"]["RouteTableId"]
        self.main_table = d("DescribeRouteTables", {"Filters": [
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "association.main", "Values": ["true"]}]})["RouteTables"][0]["RouteTableId"]
        self.groups = [d("DescribeSecurityGroups", {"Filters": [
            {"Name": "vpc-id", "Values": [vpc_id]}]})["SecurityGroups"][0]["GroupId"],
            d("CreateSecurityGroup", {"GroupName": "web", "Description": "web",
                                      "VpcId": vpc_id})["GroupId"]]
        self.foreign_group = next(g["GroupId"] for g in d("DescribeSecurityGroups", {})[
            "SecurityGroups"] if g["VpcId"] != vpc_id)  # the default VPC's
        self.subnets = []
        for cidr, n in SUBNETS:
            subnet = d("CreateSubnet", {"VpcId": vpc_id, "CidrBlock": cidr,
                                        "Ipv6CidrBlock": str(list(v6.subnet(64, count=2))[n]),
                                        "AvailabilityZone": "us-east-1a"})["Subnet"]
            self.subnets.append(subnet["SubnetId"])
        self.cloud = ec2sim.Cloud.restore(setup.snapshot())  # a start that undo cannot remove

    # -- the one door every rule goes through ----------------------------------------------
    def call(self, operation: str, params: dict) -> dict | None:
        before = self.cloud.snapshot()
        try:
            return self.cloud.dispatch(operation, params)
        except ec2sim.EC2Error:
            assert self.cloud.snapshot() == before, f"failed {operation} changed the world"
            return None

    def some_address(self, subnet_index: int, offset: int) -> str:
        net = IPNetwork(SUBNETS[subnet_index][0])
        return str(net.network + offset % net.size)  # reserved and taken ones included

    # -- rules ---------------------------------------------------------------------------------
    @rule(target=instances, kind=st.sampled_from(TYPES), subnet=st.integers(0, 1),
          secondaries=st.integers(0, 2), second_eni=st.booleans(), ipv6=st.integers(0, 1))
    def run_instance(self, kind, subnet, secondaries, second_eni, ipv6):
        specs = [{"DeviceIndex": 0, "SubnetId": self.subnets[subnet],
                  "SecondaryPrivateIpAddressCount": secondaries, "Ipv6AddressCount": ipv6}]
        if second_eni:
            specs.append({"DeviceIndex": 1, "SubnetId": self.subnets[1 - subnet]})
        found = self.call("RunInstances", {"ImageId": AMAZON_LINUX_2023, "InstanceType": kind,
                                           "MinCount": 1, "MaxCount": 1,
                                           "NetworkInterfaces": specs})
        return found["Instances"][0]["InstanceId"] if found else multiple()

    @rule(target=interfaces, subnet=st.integers(0, 1), count=st.integers(0, 3),
          ipv6=st.integers(0, 2))
    def create_interface(self, subnet, count, ipv6):
        params = {"SubnetId": self.subnets[subnet]}
        if ipv6:
            params["Ipv6AddressCount"] = ipv6
        if count:
            params["SecondaryPrivateIpAddressCount"] = count
        found = self.call("CreateNetworkInterface", params)
        return found["NetworkInterface"]["NetworkInterfaceId"] if found else multiple()

    @rule(eni=interfaces, instance=instances, index=st.integers(0, 3))
    def attach(self, eni, instance, index):
        self.call("AttachNetworkInterface", {"NetworkInterfaceId": eni, "InstanceId": instance,
                                             "DeviceIndex": index})

    @rule(eni=interfaces)
    def detach(self, eni):
        found = self.call("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eni]})
        if found and "Attachment" in found["NetworkInterfaces"][0]:
            attachment = found["NetworkInterfaces"][0]["Attachment"]["AttachmentId"]
            self.call("DetachNetworkInterface", {"AttachmentId": attachment})

    @rule(eni=interfaces)
    def delete_interface(self, eni):
        self.call("DeleteNetworkInterface", {"NetworkInterfaceId": eni})

    @rule(eni=st.one_of(interfaces, st.builds(lambda: None)), instance=instances,
          count=st.integers(0, 3), offsets=st.lists(st.integers(0, 70), max_size=2),
          subnet=st.integers(0, 1), allow=st.booleans())
    def assign_ipv4(self, eni, instance, count, offsets, subnet, allow):
        eni = eni or self.primary_eni(instance)
        params = {"NetworkInterfaceId": eni, "AllowReassignment": allow}
        if offsets:
            params["PrivateIpAddresses"] = [self.some_address(subnet, o) for o in offsets]
        if count or not offsets:
            params["SecondaryPrivateIpAddressCount"] = count
        self.call("AssignPrivateIpAddresses", params)

    @rule(eni=interfaces, pick=st.integers(0, 3))
    def unassign_ipv4(self, eni, pick):
        found = self.call("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eni]})
        if found:
            have = [p["PrivateIpAddress"] for p in
                    found["NetworkInterfaces"][0]["PrivateIpAddresses"]]  # primary included
            self.call("UnassignPrivateIpAddresses", {
                "NetworkInterfaceId": eni, "PrivateIpAddresses": [(have * 4)[pick]]})

    @rule(eni=interfaces, count=st.integers(0, 3), prefix=st.booleans())
    def assign_ipv6(self, eni, count, prefix):
        key = "Ipv6PrefixCount" if prefix else "Ipv6AddressCount"
        self.call("AssignIpv6Addresses", {"NetworkInterfaceId": eni, key: count})

    @rule(eni=interfaces, take=st.integers(0, 2))
    def unassign_ipv6(self, eni, take):
        found = self.call("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eni]})
        if found:
            have = [a["Ipv6Address"] for a in found["NetworkInterfaces"][0]["Ipv6Addresses"]]
            if have or not take:  # take=0: ask for an address the interface does not have
                self.call("UnassignIpv6Addresses", {"NetworkInterfaceId": eni,
                                                    "Ipv6Addresses": have[:take] or ["::1"]})

    @rule(eni=interfaces, count=st.integers(0, 2))
    def assign_ipv4_prefix(self, eni, count):
        self.call("AssignPrivateIpAddresses", {"NetworkInterfaceId": eni,
                                               "Ipv4PrefixCount": count})

    @rule(eni=interfaces, subnet=st.integers(0, 1), offset=st.integers(0, 70))
    def assign_chosen_ipv4_prefix(self, eni, subnet, offset):
        """A chosen /28, aligned or not, inside the interface's subnet or not."""
        prefix = f"{self.some_address(subnet, offset)}/28"
        self.call("AssignPrivateIpAddresses", {"NetworkInterfaceId": eni,
                                               "Ipv4Prefixes": [prefix]})

    @rule(eni=interfaces, pick=st.integers(0, 2))
    def unassign_ipv4_prefix(self, eni, pick):
        found = self.call("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eni]})
        if found:
            have = [p["Ipv4Prefix"] for p in found["NetworkInterfaces"][0].get("Ipv4Prefixes",
                                                                                [])]
            self.call("UnassignPrivateIpAddresses", {"NetworkInterfaceId": eni, "Ipv4Prefixes": [
                (have + ["10.0.0.16/28"])[pick % (len(have) + 1)]]})

    # -- routing and security groups -----------------------------------------------------------
    @rule(destination=st.sampled_from(["0.0.0.0/0", "192.0.2.7/24", "10.0.0.0/25", "::/0",
                                       "2001:db8::/32"]), delete=st.booleans())
    def route(self, destination, delete):
        key = "DestinationIpv6CidrBlock" if ":" in destination else "DestinationCidrBlock"
        params = {"RouteTableId": self.table, key: destination}
        if delete:
            self.call("DeleteRoute", params)
        else:
            self.call("CreateRoute", {**params, "GatewayId": self.gateway})

    @rule(subnet=st.integers(0, 1), main=st.booleans())
    def associate_table(self, subnet, main):
        self.call("AssociateRouteTable", {"RouteTableId": self.main_table if main else
                                          self.table, "SubnetId": self.subnets[subnet]})

    @rule(low=PORTS, high=PORTS, protocol=st.sampled_from(["tcp", "udp", "-1", "icmp"]),
          source=st.sampled_from(["0.0.0.0/0", "10.0.0.0/24", "group", "other-vpc-group"]),
          revoke=st.booleans())
    def ingress(self, low, high, protocol, source, revoke):
        permission = {"IpProtocol": protocol, "FromPort": low, "ToPort": high}
        if source == "group":
            permission["UserIdGroupPairs"] = [{"GroupId": self.groups[0]}]
        elif source == "other-vpc-group":
            permission["UserIdGroupPairs"] = [{"GroupId": self.foreign_group}]
        else:
            permission["IpRanges"] = [{"CidrIp": source}]
        operation = "RevokeSecurityGroupIngress" if revoke else "AuthorizeSecurityGroupIngress"
        self.call(operation, {"GroupId": self.groups[1], "IpPermissions": [permission]})

    @rule(eni=interfaces, picks=st.lists(st.integers(0, 2), min_size=0, max_size=6))
    def set_groups(self, eni, picks):
        choices = [*self.groups, self.foreign_group]
        self.call("ModifyNetworkInterfaceAttribute", {
            "NetworkInterfaceId": eni, "Groups": [choices[p] for p in picks]})

    @rule(target=allocations)
    def allocate(self):
        found = self.call("AllocateAddress", {"Domain": "vpc"})
        return found["AllocationId"] if found else multiple()

    @rule(allocation=allocations, eni=interfaces, pick=st.integers(0, 4),
          allow=st.sampled_from([None, True, False]))
    def associate(self, allocation, eni, pick, allow):
        found = self.call("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eni]})
        params = {"AllocationId": allocation, "NetworkInterfaceId": eni}
        if allow is not None:
            params["AllowReassociation"] = allow
        if found:
            private = [p["PrivateIpAddress"] for p in
                       found["NetworkInterfaces"][0]["PrivateIpAddresses"]]
            params["PrivateIpAddress"] = (private + ["10.0.0.9"])[pick % (len(private) + 1)]
        self.call("AssociateAddress", params)

    @rule(allocation=allocations)
    def disassociate(self, allocation):
        found = self.call("DescribeAddresses", {"AllocationIds": [allocation]})
        association = found and found["Addresses"][0].get("AssociationId")
        self.call("DisassociateAddress", {"AssociationId": association or "eipassoc-0000000f"})

    @rule(allocation=allocations)
    def release(self, allocation):
        self.call("ReleaseAddress", {"AllocationId": allocation})

    @rule(instance=instances, action=st.sampled_from(["StopInstances", "StartInstances",
                                                      "TerminateInstances"]))
    def lifecycle(self, instance, action):
        self.call(action, {"InstanceIds": [instance]})

    @rule()
    def undo(self):
        self.cloud.undo()

    def primary_eni(self, instance: str) -> str:
        found = self.call("DescribeInstances", {"InstanceIds": [instance]})
        enis = found and found["Reservations"][0]["Instances"][0]["NetworkInterfaces"]
        return enis[0]["NetworkInterfaceId"] if enis else "eni-00000000000000f"

    # -- invariants ----------------------------------------------------------------------------
    @invariant()
    def addresses_are_sound(self):
        if not hasattr(self, "cloud"):
            return
        d = self.cloud.dispatch
        subnets = {s["SubnetId"]: s for s in d("DescribeSubnets", {})["Subnets"]}
        enis = d("DescribeNetworkInterfaces", {})["NetworkInterfaces"]
        instances = {i["InstanceId"]: i for r in d("DescribeInstances", {})["Reservations"]
                     for i in r["Instances"]}
        seen: dict[str, str] = {}
        used: dict[str, int] = {}
        for eni in enis:
            subnet = subnets[eni["SubnetId"]]
            net4 = IPNetwork(subnet["CidrBlock"])
            v6 = subnet["Ipv6CidrBlockAssociationSet"]
            net6 = IPNetwork(v6[0]["Ipv6CidrBlock"]) if v6 else None
            ipv4 = [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"]]
            ipv6 = [a["Ipv6Address"] for a in eni["Ipv6Addresses"]]
            prefixes = [p["Ipv4Prefix"] for p in eni.get("Ipv4Prefixes", [])]
            assert sum(p["Primary"] for p in eni["PrivateIpAddresses"]) == 1
            for address in ipv4 + ipv6:
                assert address not in seen, f"{address} is on {seen.get(address)} and " \
                    f"{eni['NetworkInterfaceId']}"
                seen[address] = eni["NetworkInterfaceId"]
                net = net4 if ":" not in address else net6
                ip = IPAddress(address)
                assert net is not None and ip in net
                assert net.first + 4 <= int(ip) <= net.last - 1, f"{address} is reserved"
                for prefix in prefixes:
                    assert ip not in IPNetwork(prefix)
            used[eni["SubnetId"]] = used.get(eni["SubnetId"], 0) + len(ipv4) + 16 * len(prefixes)
            attachment = eni.get("Attachment")
            if attachment:
                kind = instance_types.get(instances[attachment["InstanceId"]]["InstanceType"])
                assert len(ipv4) + len(prefixes) <= kind.ipv4_per_interface
                assert len(ipv6) + len(eni.get("Ipv6Prefixes", [])) <= kind.ipv6_per_interface
                assert instances[attachment["InstanceId"]]["State"]["Name"] != "terminated"
        for subnet_id, subnet in subnets.items():
            size = IPNetwork(subnet["CidrBlock"]).size
            assert subnet["AvailableIpAddressCount"] == size - 5 - used.get(subnet_id, 0)
        for instance in instances.values():
            kind = instance_types.get(instance["InstanceType"])
            assert len(instance["NetworkInterfaces"]) <= kind.max_network_interfaces
            indexes = [n["Attachment"]["DeviceIndex"] for n in instance["NetworkInterfaces"]]
            assert len(set(indexes)) == len(indexes)
            if instance["State"]["Name"] != "terminated":
                assert 0 in indexes, "a live instance always keeps its primary interface"

    @invariant()
    def elastic_ips_are_one_to_one(self):
        if not hasattr(self, "cloud"):
            return
        addresses = self.cloud.dispatch("DescribeAddresses", {})["Addresses"]
        assert len(addresses) <= 5
        targets = [(a["NetworkInterfaceId"], a["PrivateIpAddress"]) for a in addresses
                   if "AssociationId" in a]
        assert len(set(targets)) == len(targets)
        for eni_id, private_ip in targets:
            eni = self.cloud.dispatch("DescribeNetworkInterfaces",
                                      {"NetworkInterfaceIds": [eni_id]})["NetworkInterfaces"][0]
            entry = [p for p in eni["PrivateIpAddresses"] if p["PrivateIpAddress"] == private_ip]
            assert entry and entry[0]["Association"]["PublicIp"] in {
                a["PublicIp"] for a in addresses}

    @invariant()
    def routes_and_groups_are_sound(self):
        if not hasattr(self, "cloud"):
            return
        d = self.cloud.dispatch
        associated: list[str] = []
        for table in d("DescribeRouteTables", {})["RouteTables"]:
            vpc = d("DescribeVpcs", {"VpcIds": [table["VpcId"]]})["Vpcs"][0]
            own = [IPNetwork(b["CidrBlock"]) for b in vpc["CidrBlockAssociationSet"]] + [
                IPNetwork(b["Ipv6CidrBlock"]) for b in vpc.get("Ipv6CidrBlockAssociationSet",
                                                               [])]
            added = [IPNetwork(r.get("DestinationCidrBlock") or r["DestinationIpv6CidrBlock"])
                     for r in table["Routes"] if r["GatewayId"] != "local"]
            assert len(set(added)) == len(added)
            assert all(a.ip == a.network for a in added), "a destination is canonical"
            assert not any(a.version == b.version and a in b for a in added for b in own)
            associated += [a["SubnetId"] for a in table["Associations"] if not a["Main"]]
        assert len(set(associated)) == len(associated), "one explicit table per subnet"
        groups = {g["GroupId"]: g for g in d("DescribeSecurityGroups", {})["SecurityGroups"]}
        for eni in d("DescribeNetworkInterfaces", {})["NetworkInterfaces"]:
            assert 1 <= len(eni["Groups"]) <= 5
            assert {groups[g["GroupId"]]["VpcId"] for g in eni["Groups"]} == {eni["VpcId"]}
        for group in groups.values():
            for permission in group["IpPermissions"]:
                if permission["IpProtocol"] in ("tcp", "udp"):
                    assert 0 <= permission["FromPort"] <= permission["ToPort"] <= 65535
                for pair in permission["UserIdGroupPairs"]:
                    assert groups[pair["GroupId"]]["VpcId"] == group["VpcId"]

    @invariant()
    def snapshot_round_trips(self):
        if not hasattr(self, "cloud"):
            return
        snapshot = self.cloud.snapshot()
        again = ec2sim.Cloud.restore(json.loads(json.dumps(snapshot)))
        assert again.snapshot() == snapshot


LabMachine.TestCase.settings = settings(
    max_examples=500, stateful_step_count=20, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_lab_invariants = LabMachine.TestCase
