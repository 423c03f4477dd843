"""What a learner sees in the drawn picture: every interface, address and Elastic IP, where it
sits, the arrows from public to private addresses, and what the last call changed."""

from __future__ import annotations

from diagram_support import AMI, Picture, build_lab

import ec2sim
from ec2sim import diagram


def draw(cloud, event=None, focus=None) -> Picture:
    return Picture(diagram.render_svg(cloud, event, focus))


def interfaces(ec2) -> list[dict]:
    return ec2.describe_network_interfaces()["NetworkInterfaces"]


def test_every_interface_address_prefix_and_elastic_ip_is_drawn(cloud, ec2, lab):
    picture = draw(cloud)
    drawn_interfaces = picture.ids("network-interface")
    for eni in interfaces(ec2):
        if eni["VpcId"] != lab["vpc"]:
            continue
        assert eni["NetworkInterfaceId"] in drawn_interfaces
        for ip in eni["PrivateIpAddresses"]:
            node = f"ip-{ip['PrivateIpAddress']}"
            assert "private-ipv4" in picture.classes(node)
            assert ip["PrivateIpAddress"] in picture.text(node)
        for ip in eni["Ipv6Addresses"]:
            assert "ipv6" in picture.classes(f"ipv6-{ip['Ipv6Address']}")
        for prefix in eni.get("Ipv4Prefixes", []):
            assert "ipv4-prefix" in picture.classes(f"prefix-{prefix['Ipv4Prefix']}")
        for prefix in eni.get("Ipv6Prefixes", []):
            assert "ipv6-prefix" in picture.classes(f"prefix-{prefix['Ipv6Prefix']}")
    for address in ec2.describe_addresses()["Addresses"]:
        node = address["AllocationId"]
        assert "elastic-ip" in picture.classes(node)
        assert address["PublicIp"] in picture.text(node)


def test_addresses_sit_inside_their_interface_inside_instance_subnet_and_vpc(cloud, ec2, lab):
    picture = draw(cloud)
    frames = picture.ids("network-interface")
    for eni in interfaces(ec2):
        if eni["VpcId"] != lab["vpc"]:
            continue
        for ip in eni["PrivateIpAddresses"]:
            node = f"ip-{ip['PrivateIpAddress']}"
            assert picture.enclosing(node, frames) == eni["NetworkInterfaceId"]
    for eni in (lab["web_eth0"], lab["web_eth1"]):
        assert picture.inside(eni, lab["web"])
        assert not picture.inside(eni, lab["db"])
    assert picture.inside(lab["db_eth0"], lab["db"])
    for instance in (lab["web"], lab["db"]):
        assert picture.inside(instance, lab["subnet"])
    assert picture.inside(lab["subnet"], lab["vpc"])


def test_each_elastic_ip_points_at_the_private_address_it_maps_to(cloud, ec2, lab):
    picture = draw(cloud)
    addresses = picture.ids("private-ipv4")
    associated = [a for a in ec2.describe_addresses()["Addresses"] if "AssociationId" in a]
    assert len(associated) == 2
    for address in associated:
        target = f"ip-{address['PrivateIpAddress']}"
        edge = f"{address['AllocationId']}->{target}"
        assert "association" in picture.classes(edge)
        assert picture.nearest(*picture.arrow_tip(edge), addresses) == target
    # the one not associated stands apart, with no arrow
    alone = lab["eips"][2]
    assert picture.inside(alone, "unassociated-eips")
    assert not any(e.startswith(f"{alone}->") for e in picture.ids("association"))


def test_primary_address_looks_different_from_a_secondary(cloud, ec2, lab):
    picture = draw(cloud)
    eni = next(e for e in interfaces(ec2) if e["NetworkInterfaceId"] == lab["web_eth0"])
    primary = f"ip-{eni['PrivateIpAddress']}"
    secondary = f"ip-{lab['web_secondary']}"
    assert "primary" in picture.classes(primary) and "secondary" in picture.classes(secondary)
    assert picture.shape(primary).get("fill") != picture.shape(secondary).get("fill")
    assert "primary" in picture.text(primary)
    assert "primary" not in picture.text(secondary)


def test_limit_gauge_counts_addresses_against_the_instance_type(cloud, ec2, lab):
    picture = draw(cloud)
    # web's eth0 on a t3.medium (6 per interface): primary, secondary and a /28 prefix
    assert "3 of 6 IPv4" in picture.text(f"{lab['web_eth0']}:head")
    assert "2 of 6 IPv6" in picture.text(f"{lab['web_eth0']}:head")  # an address, a /80


def test_reassignment_moves_the_address_and_its_elastic_ip_to_the_new_interface(
        cloud, ec2, lab, events):
    ip = lab["web_secondary"]
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"], PrivateIpAddresses=[ip],
                                    AllowReassignment=True)
    picture = draw(cloud, events[-1])
    frames = picture.ids("network-interface")
    node, eip = f"ip-{ip}", lab["eips"][0]
    assert picture.enclosing(node, frames) == lab["db_eth0"]
    assert picture.enclosing(eip, frames) == lab["db_eth0"]
    edge = f"{eip}->{node}"
    assert picture.nearest(*picture.arrow_tip(edge), picture.ids("private-ipv4")) == node
    # highlighted as moved, with a faint outline of where they were
    assert "moved" in picture.classes(node) and "moved" in picture.classes(eip)
    assert "moved" in picture.classes(edge)
    ghost = f"ghost-ip-{ip}"
    assert "removed" in picture.classes(ghost)
    assert picture.enclosing(ghost, frames) == lab["web_eth0"]
    assert "removed" in picture.classes(f"ghost-{eip}")
    caption = picture.all_text()
    assert "ec2.assign_private_ip_addresses(" in caption and "AllowReassignment=True" in caption


def test_new_and_removed_addresses_are_marked(cloud, ec2, lab, events):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                    PrivateIpAddresses=["10.0.1.200"])
    picture = draw(cloud, events[-1])
    assert "added" in picture.classes("ip-10.0.1.200")
    assert "new" in picture.text("ip-10.0.1.200")
    assert not picture.ids("moved") and not picture.ids("removed")

    ec2.unassign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                      PrivateIpAddresses=["10.0.1.200"])
    picture = draw(cloud, events[-1])
    assert "ip-10.0.1.200" not in picture.groups
    assert "removed" in picture.classes("ghost-ip-10.0.1.200")
    assert picture.enclosing("ghost-ip-10.0.1.200",
                             picture.ids("network-interface")) == lab["db_eth0"]


def test_released_elastic_ip_is_ghosted_with_its_address(cloud, ec2, lab, events):
    alone = lab["eips"][2]
    public_ip = ec2.describe_addresses(AllocationIds=[alone])["Addresses"][0]["PublicIp"]
    before = diagram.View.from_cloud(cloud)
    ec2.release_address(AllocationId=alone)
    picture = Picture(diagram.render_svg(cloud, events[-1], previous=before))
    assert alone not in picture.groups
    assert "removed" in picture.classes(f"ghost-{alone}")
    assert public_ip in picture.text(f"ghost-{alone}")


def test_a_detached_interface_stands_apart_with_its_addresses(cloud, ec2, lab, events):
    attachment = next(e for e in interfaces(ec2)
                      if e["NetworkInterfaceId"] == lab["web_eth1"])["Attachment"]
    ec2.detach_network_interface(AttachmentId=attachment["AttachmentId"])
    picture = draw(cloud, events[-1])
    eni = lab["web_eth1"]
    assert picture.inside(eni, f"available-{lab['subnet']}")
    assert not picture.inside(eni, lab["web"])
    assert "moved" in picture.classes(eni)
    assert "removed" in picture.classes(f"ghost-{eni}")  # the empty slot it left in web
    assert picture.inside(f"ghost-{eni}", lab["web"])
    for ip in next(e for e in interfaces(ec2)
                   if e["NetworkInterfaceId"] == eni)["PrivateIpAddresses"]:
        assert picture.inside(f"ip-{ip['PrivateIpAddress']}", eni)


def test_an_empty_default_vpc_is_hidden_until_something_is_in_it(cloud, ec2):
    picture = draw(cloud)
    assert not picture.ids("vpc") and not picture.ids("subnet")
    instance = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]
    picture = draw(cloud)
    assert len(picture.ids("vpc")) == 1
    assert picture.ids("subnet") == {instance["SubnetId"]}  # only the default subnet in use


def test_focus_shows_one_instance_only(cloud, ec2, lab):
    picture = draw(cloud, focus=lab["db"])
    assert lab["db"] in picture.groups and lab["db_eth0"] in picture.groups
    assert lab["web"] not in picture.groups and lab["web_eth0"] not in picture.groups
    assert lab["eips"][1] in picture.groups  # db's Elastic IP comes along


def test_the_same_calls_draw_the_same_picture():
    other = ec2sim.Cloud(seed=0)
    build_lab(other.client())
    first = ec2sim.Cloud(seed=0)
    build_lab(first.client())
    assert diagram.to_dot(first).source == diagram.to_dot(other).source


def test_a_terminated_instance_is_ghosted_with_the_interface_it_took_along(cloud, ec2, lab,
                                                                           events):
    ec2.terminate_instances(InstanceIds=[lab["db"]])
    picture = draw(cloud, events[-1])
    assert "removed" in picture.classes(lab["db"])
    ghost = f"ghost-{lab['db_eth0']}"
    assert "removed" in picture.classes(ghost) and picture.inside(ghost, lab["db"])
    assert lab["db_eth0"] not in picture.groups
    # its Elastic IP stays allocated, now apart and marked as moved
    assert picture.inside(lab["eips"][1], "unassociated-eips")
    assert "moved" in picture.classes(lab["eips"][1])
    # the next picture forgets the terminated instance
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["web_eth0"],
                                    SecondaryPrivateIpAddressCount=1)
    assert lab["db"] not in draw(cloud, events[-1]).groups
