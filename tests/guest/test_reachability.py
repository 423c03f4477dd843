"""Every reason a probe can report, each produced the way a learner would meet it, and the
probes that get there and back."""

from __future__ import annotations

import pytest

import ec2sim
from ec2sim import images
from ec2sim.reachability import REASONS


def stops(answer, reason: str) -> None:
    assert not answer.reachable and answer.reason == reason, str(answer)
    assert answer.message and answer.stopped_at is not None


def test_from_the_internet_to_an_elastic_ip_on_a_secondary_address(lab):
    web = lab.launch(SecondaryPrivateIpAddressCount=1)
    public = lab.eip(lab.eth(web), "10.0.1.4")
    answer = lab.cloud.probe("internet", public, 443)
    assert answer.reachable and answer.reason is None, str(answer)
    assert answer.destination_instance == web and answer.destination_address == "10.0.1.4"
    assert answer.hops[-1].detail.startswith("the reply reaches")


def test_between_two_instances_over_private_addresses(lab):
    lab.launch()
    client = lab.launch(address="10.0.1.11")
    assert lab.cloud.probe(client, "10.0.1.10", 80).reachable
    assert lab.cloud.probe("10.0.1.11", "10.0.1.10", 80).reachable


def test_unknown_address(lab):
    lab.launch()
    stops(lab.cloud.probe("internet", "203.0.113.99"), "unknown-address")
    stops(lab.cloud.probe("10.0.1.10", "10.0.1.99"), "unknown-address")


def test_no_public_address(lab):
    lab.launch()
    stops(lab.cloud.probe("internet", "10.0.1.10"), "no-public-address")


def test_no_public_address_to_send_from(lab):
    web = lab.launch()
    client = lab.launch(address="10.0.1.11")
    public = lab.eip(lab.eth(web), "10.0.1.10")
    stops(lab.cloud.probe(client, public), "no-public-address")


def test_eip_not_associated(lab):
    lab.launch()
    public = lab.ec2.allocate_address(Domain="vpc")["PublicIp"]
    stops(lab.cloud.probe("internet", public), "eip-not-associated")


def test_no_internet_gateway(cloud, ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    block = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"].replace("/56", "/64")
    subnet = ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.0.1.0/24",
                               Ipv6CidrBlock=block)["Subnet"]["SubnetId"]
    web = ec2.run_instances(ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium",
                            MinCount=1, MaxCount=1, SubnetId=subnet, Ipv6AddressCount=1)[
        "Instances"][0]
    stops(cloud.probe("internet", web["Ipv6Address"]), "no-internet-gateway")


def test_no_route_to_the_internet_gateway(lab):
    web = lab.launch()
    public = lab.eip(lab.eth(web), "10.0.1.10")
    table = lab.ec2.describe_route_tables(Filters=[
        {"Name": "vpc-id", "Values": [lab.id("vpc", "lab")]}])["RouteTables"][0]
    lab.ec2.delete_route(RouteTableId=table["RouteTableId"], DestinationCidrBlock="0.0.0.0/0")
    stops(lab.cloud.probe("internet", public), "no-route-to-internet-gateway")


def test_a_subnet_with_its_own_table_needs_its_own_route(lab):
    web = lab.launch()
    public = lab.eip(lab.eth(web), "10.0.1.10")
    table = lab.ec2.create_route_table(VpcId=lab.id("vpc", "lab"))["RouteTable"]["RouteTableId"]
    lab.ec2.associate_route_table(RouteTableId=table, SubnetId=lab.id("subnet", "public-a"))
    stops(lab.cloud.probe("internet", public), "no-route-to-internet-gateway")


def test_different_vpc(lab):
    web = lab.launch()
    vpc = lab.ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnet = lab.ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.1.0/24",
                                   AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    other = lab.ec2.run_instances(ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium",
                                  MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    stops(lab.cloud.probe(other["InstanceId"], "10.0.1.10"), "different-vpc")
    assert lab.cloud.probe(web, "10.0.1.10").reachable


def test_interface_not_attached(lab):
    web = lab.launch()
    lab.ec2.create_network_interface(SubnetId=lab.id("subnet", "public-a"),
                                     PrivateIpAddress="10.0.1.50")
    stops(lab.cloud.probe(web, "10.0.1.50"), "interface-not-attached")


def test_instance_stopped(lab):
    web = lab.launch()
    client = lab.launch(address="10.0.1.11")
    lab.ec2.stop_instances(InstanceIds=[web])
    stops(lab.cloud.probe(client, "10.0.1.10", 80), "instance-stopped")
    stops(lab.cloud.probe(web, "10.0.1.11", 80), "instance-stopped")  # the sender, too


def test_security_group(lab):
    web = lab.launch()
    public = lab.eip(lab.eth(web), "10.0.1.10")
    stops(lab.cloud.probe("internet", public, 22), "security-group")
    lab.ec2.modify_network_interface_attribute(NetworkInterfaceId=lab.eth(web),
                                               Groups=[lab.id("group", "admin")])
    stops(lab.cloud.probe("internet", public, 443), "security-group")
    assert lab.cloud.probe("192.0.2.7", public, 22).reachable  # admin: SSH from the office


def test_security_groups_belong_to_the_interface_not_the_address(lab):
    web = lab.launch(SecondaryPrivateIpAddressCount=1)
    lab.ec2.modify_network_interface_attribute(NetworkInterfaceId=lab.eth(web),
                                               Groups=[lab.id("group", "admin")])
    client = lab.launch(address="10.0.1.11")
    for address in ("10.0.1.10", "10.0.1.4"):
        stops(lab.cloud.probe(client, address, 443), "security-group")


def test_not_configured_in_the_os(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    client = lab.launch(address="10.0.1.11")
    answer = lab.cloud.probe(client, "10.0.1.4")
    stops(answer, "not-configured-in-os")
    assert "EC2 assigned 10.0.1.4 to eth0 (ens5 in the OS)" in answer.message
    assert "sudo ip addr add 10.0.1.4/… dev ens5" in answer.message
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    assert lab.cloud.probe(client, "10.0.1.4").reachable


def test_not_configured_on_amazon_linux_until_the_lease_renews(lab):
    web = lab.launch()
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    client = lab.launch(address="10.0.1.11")
    answer = lab.cloud.probe(client, "10.0.1.20")
    stops(answer, "not-configured-in-os")
    assert "sudo systemctl restart systemd-networkd, or wait for the DHCP lease" in answer.message
    lab.cloud.renew_leases()
    assert lab.cloud.probe(client, "10.0.1.20").reachable


def ubuntu_with_eth1_in_the_same_subnet(lab) -> tuple[str, str]:
    web = lab.launch(images.UBUNTU_24_04)
    eni = lab.new_interface(web, "10.0.1.30")
    lab.run(web, "sudo ip link set ens6 up")
    lab.run(web, "sudo ip addr add 10.0.1.30/24 dev ens6")
    return web, lab.eip(eni, "10.0.1.30")


def test_asymmetric_routing_until_a_policy_rule(lab):
    web, public = ubuntu_with_eth1_in_the_same_subnet(lab)
    answer = lab.cloud.probe("internet", public)
    stops(answer, "asymmetric-routing")
    assert "leaves by eth0 (ens5 in the OS)" in answer.message
    assert "belongs to eth1 (ens6 in the OS)" in answer.message
    assert "sudo ip rule add from 10.0.1.30 table N" in answer.message
    assert "a route in that table by dev ens6" in answer.message
    lab.run(web, "sudo ip rule add from 10.0.1.30 table 1001")
    lab.run(web, "sudo ip route add default via 10.0.1.1 dev ens6 table 1001")
    assert lab.cloud.probe("internet", public).reachable


def test_amazon_linux_has_the_policy_rules_already(lab):
    web = lab.launch()
    eni = lab.new_interface(web, "10.0.1.30")
    assert lab.cloud.probe("internet", lab.eip(eni, "10.0.1.30")).reachable


def test_no_route_in_the_os(lab):
    web, public = ubuntu_with_eth1_in_the_same_subnet(lab)
    lab.run(web, "sudo ip route del default")
    stops(lab.cloud.probe("internet", public), "no-route-in-os")


def test_every_reason_is_produced_by_a_test_here():
    import pathlib

    text = pathlib.Path(__file__).read_text()
    for reason in REASONS:
        assert f'"{reason}")' in text, reason


def test_a_probe_changes_nothing(lab):
    web = lab.launch()
    before = lab.cloud.snapshot()
    lab.cloud.probe("internet", "203.0.113.99")
    lab.cloud.probe(web, "10.0.1.10")
    assert lab.cloud.snapshot() == before


def test_bad_sources_and_destinations_are_named(cloud):
    with pytest.raises(ValueError, match="source"):
        cloud.probe("my laptop", "10.0.0.1")
    with pytest.raises(ValueError, match="destination"):
        cloud.probe("internet", "example.com")
    assert isinstance(cloud, ec2sim.Cloud)


def test_an_ipv4_rule_does_not_let_ipv6_traffic_in(lab6):
    lab = lab6
    web = lab.launch(Ipv6AddressCount=1)
    eni = lab.eth(web)
    address = lab.ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])[
        "NetworkInterfaces"][0]["Ipv6Addresses"][0]["Ipv6Address"]
    group = lab.ec2.create_security_group(GroupName="ipv4-https", Description="HTTPS, IPv4 only",
                                          VpcId=lab.id("vpc", "lab"))["GroupId"]
    https = {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}
    lab.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {**https, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    lab.ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, Groups=[group])
    answer = lab.cloud.probe("internet", address, 443)
    stops(answer, "security-group")
    assert "3fff::200" in answer.message  # the client on the internet has an IPv6 address
    lab.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {**https, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    assert lab.cloud.probe("internet", address, 443).reachable
