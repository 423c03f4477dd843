"""IPv6 addresses and prefix delegation (IPv4 /28 and IPv6 /80 prefixes)."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import eni, free_count, ipv6_ips
from netaddr import IPAddress, IPNetwork


# -- IPv6 addresses ----------------------------------------------------------------------------
def test_assign_ipv6_count_answers_only_what_this_call_assigned(ec2, eni_id, subnet_ipv6):
    first = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=2)
    block = IPNetwork(subnet_ipv6)
    assert first["NetworkInterfaceId"] == eni_id
    assert first["AssignedIpv6Addresses"] == [str(block[4]), str(block[5])]
    assert first["AssignedIpv6Prefixes"] == []
    second = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)
    assert second["AssignedIpv6Addresses"] == [str(block[6])]
    assert ipv6_ips(ec2, eni_id) == [str(block[n]) for n in (4, 5, 6)]


def test_assign_chosen_ipv6_addresses(ec2, eni_id, subnet_ipv6):
    chosen = str(IPNetwork(subnet_ipv6)[0x1234])
    answer = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[chosen])
    assert answer["AssignedIpv6Addresses"] == [chosen]
    assert ipv6_ips(ec2, eni_id) == [chosen]


def test_ipv6_addresses_show_on_the_instance(ec2, instance_id, eni_id):
    [added] = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id,
                                        Ipv6AddressCount=1)["AssignedIpv6Addresses"]
    found = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    assert found["NetworkInterfaces"][0]["Ipv6Addresses"] == [{"Ipv6Address": added}]


def test_unassign_ipv6_answers_what_it_unassigned(ec2, eni_id):
    added = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id,
                                      Ipv6AddressCount=2)["AssignedIpv6Addresses"]
    answer = ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=added[:1])
    assert answer["NetworkInterfaceId"] == eni_id
    assert answer["UnassignedIpv6Addresses"] == added[:1]
    assert answer["UnassignedIpv6Prefixes"] == []
    assert ipv6_ips(ec2, eni_id) == added[1:]


def test_unassign_ipv6_of_nothing_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "MissingParameter",
                 "Either Ipv6Addresses or Ipv6Prefixes must be specified."):
        ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni_id)


def test_unassign_an_ipv6_address_that_is_not_on_the_interface_is_refused(cloud, ec2, eni_id,
                                                                          subnet_ipv6):
    with refused(cloud, "InvalidParameterValue",
                 "of the specified addresses are not assigned to interface"):
        ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni_id,
                                    Ipv6Addresses=[str(IPNetwork(subnet_ipv6)[99])])


def test_ipv6_needs_a_subnet_with_an_ipv6_block(cloud, ec2, new_eni, ipv4_only_subnet_id):
    eni_id = new_eni(SubnetId=ipv4_only_subnet_id)
    with refused(cloud, "InvalidParameterValue",
                 "associate one with the subnet before assigning IPv6 addresses."):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)


def test_an_ipv6_address_outside_the_subnet_is_refused(cloud, ec2, eni_id, vpc_ipv6):
    elsewhere = str(list(IPNetwork(vpc_ipv6).subnet(64, count=2))[1][10])
    with refused(cloud, "InvalidParameterValue", "does not fall within the subnet's address range"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[elsewhere])


def test_an_ipv4_address_as_an_ipv6_address_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue", "'10.0.1.9' is not an IPv6 address"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=["10.0.1.9"])


def test_a_type_without_ipv6_cannot_take_ipv6(cloud, ec2, launch):
    old = launch("m1.small")["NetworkInterfaces"][0]["NetworkInterfaceId"]
    with refused(cloud, "InvalidParameterValue", "IPv6"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=old, Ipv6AddressCount=1)


@pytest.mark.parametrize("name, limit", [("t3.medium", 6), ("t3.micro", 2), ("m5.large", 10)])
def test_ipv6_addresses_per_interface_are_limited_by_type(cloud, ec2, launch, name, limit):
    eni_id = launch(name)["NetworkInterfaces"][0]["NetworkInterfaceId"]
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=limit)
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of IPv6 addresses will exceed limit"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)


def test_ipv6_addresses_and_a_count_together_are_refused(cloud, ec2, eni_id, subnet_ipv6):
    with refused(cloud, "InvalidParameterCombination",
                 "You may specify Ipv6Addresses or Ipv6AddressCount, but not both."):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1,
                                  Ipv6Addresses=[str(IPNetwork(subnet_ipv6)[50])])


def test_neither_ipv6_addresses_nor_a_count_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "MissingParameter", "Either Ipv6Addresses or Ipv6AddressCount"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id)


def test_an_ipv6_address_on_another_interface_can_never_be_taken(cloud, ec2, eni_id, new_eni):
    other = new_eni()
    [taken] = ec2.assign_ipv6_addresses(NetworkInterfaceId=other,
                                        Ipv6AddressCount=1)["AssignedIpv6Addresses"]
    with refused(cloud, "InvalidIPAddress.InUse",
                 "address cannot be reassigned: unassign it from that interface"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[taken])
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=other, Ipv6Addresses=[taken])
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[taken])
    assert ipv6_ips(ec2, eni_id) == [taken]


def test_assign_ipv6_addresses_has_no_reassignment_parameter(ec2, eni_id):
    from botocore.exceptions import ParamValidationError

    with pytest.raises(ParamValidationError):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1,
                                  AllowReassignment=True)


def test_when_one_ipv6_address_cannot_be_assigned_none_is(cloud, ec2, eni_id, new_eni,
                                                          subnet_ipv6):
    other = new_eni()
    [taken] = ec2.assign_ipv6_addresses(NetworkInterfaceId=other,
                                        Ipv6AddressCount=1)["AssignedIpv6Addresses"]
    free = str(IPNetwork(subnet_ipv6)[500])
    with refused(cloud, "InvalidIPAddress.InUse",
                 "address cannot be reassigned: unassign it from that interface"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[free, taken])
    assert ipv6_ips(ec2, eni_id) == []


def test_ipv6_addresses_are_unique_across_vpcs(ec2, vpc_ipv6):
    other = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    other_block = other["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    assert not IPNetwork(vpc_ipv6).__contains__(IPNetwork(other_block))
    assert not IPNetwork(other_block).__contains__(IPNetwork(vpc_ipv6))


def test_an_ipv6_address_cannot_take_an_elastic_ip(cloud, ec2, igw, eni_id):
    [v6] = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id,
                                     Ipv6AddressCount=1)["AssignedIpv6Addresses"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "InvalidParameterValue", "is not a private IPv4 address of"):
        ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id,
                              PrivateIpAddress=v6)


# -- IPv4 prefixes -----------------------------------------------------------------------------
def test_assign_an_ipv4_prefix_by_count(ec2, eni_id, subnet_id):
    before = free_count(ec2, subnet_id)
    answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    assert answer["AssignedIpv4Prefixes"] == [{"Ipv4Prefix": "10.0.1.16/28"}]
    assert answer["AssignedPrivateIpAddresses"] == []
    assert eni(ec2, eni_id)["Ipv4Prefixes"] == [{"Ipv4Prefix": "10.0.1.16/28"}]
    assert free_count(ec2, subnet_id) == before - 16


def test_assign_a_chosen_ipv4_prefix_and_unassign_it(ec2, eni_id, subnet_id):
    before = free_count(ec2, subnet_id)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.1.128/28"])
    assert eni(ec2, eni_id)["Ipv4Prefixes"] == [{"Ipv4Prefix": "10.0.1.128/28"}]
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.1.128/28"])
    assert "Ipv4Prefixes" not in eni(ec2, eni_id)
    assert free_count(ec2, subnet_id) == before


def test_addresses_inside_a_prefix_are_never_auto_picked(ec2, eni_id, new_eni):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.1.16/28"])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=3)
    picked = [IPAddress(p["PrivateIpAddress"]) for p in eni(ec2, eni_id)["PrivateIpAddresses"]]
    assert not any(ip in IPNetwork("10.0.1.16/28") for ip in picked)


@pytest.mark.parametrize("prefix", ["10.0.1.40/28", "10.0.1.8/28", "10.0.1.16/27",
                                    "nonsense"])
def test_an_ipv4_prefix_must_be_an_aligned_28(cloud, ec2, eni_id, prefix):
    """Unlike a VPC or subnet block, a prefix with host bits is not rewritten: 10.0.1.40/28
    is refused, never silently taken as 10.0.1.32/28."""
    with refused(cloud, "InvalidParameterValue", f"Prefix {prefix} is not an aligned /28 IPv4 "
                 "prefix."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=[prefix])


def test_an_ipv4_prefix_may_not_cover_the_subnets_reserved_first_addresses(
        cloud, ec2, new_eni, ipv4_only_subnet_id):
    """10.0.2.0/28 holds no interface's address here, only AWS's reserved .0-.3."""
    eni_id = new_eni(SubnetId=ipv4_only_subnet_id, PrivateIpAddress="10.0.2.100")
    with refused(cloud, "InvalidParameterValue", "Prefix 10.0.2.0/28 overlaps reserved or "
                 "assigned addresses of subnet"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.2.0/28"])
    picked = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    assert picked["AssignedIpv4Prefixes"] == [{"Ipv4Prefix": "10.0.2.16/28"}]


def test_an_ipv4_prefix_must_come_from_the_subnet(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue", "does not fall within the subnet's address "
                 "range"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.2.16/28"])


def test_an_ipv4_prefix_may_not_overlap_assigned_or_reserved_addresses(cloud, ec2, eni_id,
                                                                       new_eni):
    with refused(cloud, "InvalidParameterValue",  # holds the reserved .0-.3 and eth0's .4
                 "Prefix 10.0.1.0/28 overlaps reserved or assigned addresses"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.1.0/28"])
    with refused(cloud, "InvalidParameterValue",  # holds the broadcast address
                 "Prefix 10.0.1.240/28 overlaps reserved or assigned addresses"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        Ipv4Prefixes=["10.0.1.240/28"])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=["10.0.1.35"])
    other = new_eni()
    with refused(cloud, "InvalidParameterValue",
                 "overlaps reserved or assigned addresses of subnet"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=other,
                                        Ipv4Prefixes=["10.0.1.32/28"])


def test_an_ipv4_prefix_may_not_overlap_another_prefix(cloud, ec2, eni_id, new_eni):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4Prefixes=["10.0.1.48/28"])
    other = new_eni()
    with refused(cloud, "InvalidParameterValue",
                 "overlaps reserved or assigned addresses of subnet"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=other, Ipv4Prefixes=["10.0.1.48/28"])
    picked = ec2.assign_private_ip_addresses(NetworkInterfaceId=other, Ipv4PrefixCount=2)
    assert picked["AssignedIpv4Prefixes"] == [{"Ipv4Prefix": "10.0.1.16/28"},
                                              {"Ipv4Prefix": "10.0.1.32/28"}]


def test_ipv4_prefixes_and_a_prefix_count_together_are_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterCombination",
                 "You may specify Ipv4Prefixes or Ipv4PrefixCount, but not both."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1,
                                        Ipv4Prefixes=["10.0.1.128/28"])


def test_unassign_a_prefix_the_interface_does_not_have_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue", "is not assigned to interface"):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          Ipv4Prefixes=["10.0.1.128/28"])


def test_ipv4_prefixes_count_against_the_address_limit(cloud, ec2, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=5)
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)


# -- IPv6 prefixes -----------------------------------------------------------------------------
def test_assign_an_ipv6_prefix(ec2, eni_id, subnet_ipv6):
    answer = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6PrefixCount=1)
    [prefix] = answer["AssignedIpv6Prefixes"]
    net = IPNetwork(prefix)
    assert net.prefixlen == 80 and net in IPNetwork(subnet_ipv6)
    assert answer["AssignedIpv6Addresses"] == []
    assert eni(ec2, eni_id)["Ipv6Prefixes"] == [{"Ipv6Prefix": prefix}]
    back = ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Prefixes=[prefix])
    assert back["UnassignedIpv6Prefixes"] == [prefix]
    assert "Ipv6Prefixes" not in eni(ec2, eni_id)


def test_an_ipv6_prefix_must_be_an_80_of_the_subnet(cloud, ec2, eni_id, subnet_ipv6):
    block = IPNetwork(subnet_ipv6)
    with refused(cloud, "InvalidParameterValue", "is not an aligned /80 IPv6 prefix."):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Prefixes=[f"{block[1 << 48]}/96"])
    with refused(cloud, "InvalidParameterValue", "does not fall within the subnet's address range"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Prefixes=["2001:db9::/80"])


def test_a_chosen_ipv6_prefix(ec2, eni_id, subnet_ipv6):
    prefix = f"{IPNetwork(subnet_ipv6)[5 << 48]}/80"
    answer = ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Prefixes=[prefix])
    assert answer["AssignedIpv6Prefixes"] == [prefix]


def test_ipv6_prefixes_and_a_prefix_count_together_are_refused(cloud, ec2, eni_id, subnet_ipv6):
    prefix = f"{IPNetwork(subnet_ipv6)[5 << 48]}/80"
    with refused(cloud, "InvalidParameterCombination",
                 "You may specify Ipv6Prefixes or Ipv6PrefixCount, but not both."):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6PrefixCount=1,
                                  Ipv6Prefixes=[prefix])


def test_an_ipv6_address_inside_another_interfaces_prefix_is_refused(cloud, ec2, eni_id,
                                                                     new_eni):
    owner = new_eni()
    [prefix] = ec2.assign_ipv6_addresses(NetworkInterfaceId=owner,
                                         Ipv6PrefixCount=1)["AssignedIpv6Prefixes"]
    inside = str(IPNetwork(prefix)[7])
    with refused(cloud, "InvalidIPAddress.InUse",
                 "address cannot be reassigned: unassign it from that interface"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[inside])


# -- prefixes need Nitro -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["t2.micro", "m4.large", "c4.large"])
def test_xen_types_do_not_take_prefixes(cloud, ec2, launch, name):
    eni_id = launch(name)["NetworkInterfaces"][0]["NetworkInterfaceId"]
    words = f"Prefix delegation needs a Nitro-based instance type; {name} is not one."
    with refused(cloud, "InvalidParameterValue", words):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    with refused(cloud, "InvalidParameterValue", words):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6PrefixCount=1)


@pytest.mark.parametrize("family", [4, 6])
def test_an_interface_holding_a_prefix_cannot_attach_to_a_xen_type(cloud, ec2, launch, new_eni,
                                                                   family):
    xen = launch("m4.large")["InstanceId"]
    holder = new_eni(**{f"Ipv{family}PrefixCount": 1})
    with refused(cloud, "InvalidParameterValue", "Prefix delegation needs a Nitro-based "
                 "instance type; m4.large is not one."):
        ec2.attach_network_interface(NetworkInterfaceId=holder, InstanceId=xen, DeviceIndex=1)


@pytest.mark.parametrize("name", ["t3.medium", "m5.large", "a1.metal"])
def test_nitro_and_bare_metal_types_take_prefixes(ec2, launch, name):
    eni_id = launch(name)["NetworkInterfaces"][0]["NetworkInterfaceId"]
    answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    assert len(answer["AssignedIpv4Prefixes"]) == 1
