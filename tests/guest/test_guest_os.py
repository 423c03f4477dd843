"""Each OS family configures what EC2 assigned in its own way: Amazon Linux by itself (at
launch, at hot-plug, at lease renewal or a network restart), Ubuntu and Windows only ens5's
DHCP address until the learner configures the rest."""

from __future__ import annotations

from ec2sim import images


def inet(lab, instance_id: str) -> list[str]:
    """The IPv4 addresses ``ip -4 addr`` lists (loopback aside)."""
    lines = lab.run(instance_id, "ip -4 addr").splitlines()
    return [line.split()[1] for line in lines if line.strip().startswith("inet ")
            and "127.0.0.1" not in line]


def test_amazon_linux_configures_launch_time_addresses(lab):
    web = lab.launch(SecondaryPrivateIpAddressCount=2)
    assert inet(lab, web) == ["10.0.1.10/24", "10.0.1.4/32", "10.0.1.5/32"]


def test_amazon_linux_picks_up_a_new_address_at_lease_renewal(lab):
    web = lab.launch()
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    assert "10.0.1.20/32" not in inet(lab, web)
    event = lab.cloud.renew_leases()
    assert "10.0.1.20/32" in inet(lab, web)
    assert ("os-address", f"{web}/10.0.1.20", None, "ens5") in [tuple(c) for c in event.changes]
    assert "from 10.0.1.20 lookup 10000" in lab.run(web, "ip rule")


def test_amazon_linux_picks_up_a_new_address_at_network_restart(lab):
    web = lab.launch()
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    assert lab.run(web, "sudo systemctl restart systemd-networkd") == ""
    assert "10.0.1.20/32" in inet(lab, web)


def test_amazon_linux_drops_an_unassigned_address_at_renewal(lab):
    web = lab.launch(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.10", "Primary": True},
                                         {"PrivateIpAddress": "10.0.1.20", "Primary": False}])
    lab.ec2.unassign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                          PrivateIpAddresses=["10.0.1.20"])
    assert "10.0.1.20/32" in inet(lab, web)  # the OS has not noticed yet
    lab.cloud.renew_leases()
    assert "10.0.1.20/32" not in inet(lab, web)


def test_amazon_linux_configures_a_hot_attached_interface_at_once(lab):
    web = lab.launch()
    lab.new_interface(web, "10.0.1.30")
    assert "10.0.1.30/24" in inet(lab, web)
    assert "10001:\tfrom 10.0.1.30 lookup 10001" in lab.run(web, "ip rule")
    assert "default via 10.0.1.1 dev ens6 proto static" in lab.run(
        web, "ip route show table 10001")


def test_amazon_linux_2_restarts_with_service_network(lab):
    web = lab.launch(images.AMAZON_LINUX_2)
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    wrong = lab.cloud.shell(web).run("sudo systemctl restart systemd-networkd")
    assert wrong.status == 5 and "Unit systemd-networkd.service not found" in wrong.output
    assert "[  OK  ]" in lab.run(web, "sudo service network restart")
    assert "10.0.1.20/24" in inet(lab, web)  # Amazon Linux 2 keeps the subnet's length
    assert "lookup 10000" not in lab.run(web, "ip rule")  # policy routing from ens6 on


def test_ubuntu_configures_only_the_primary_address(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    assert inet(lab, web) == ["10.0.1.10/24"]
    lab.cloud.renew_leases()
    lab.run(web, "sudo systemctl restart systemd-networkd")
    assert inet(lab, web) == ["10.0.1.10/24"]
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    assert inet(lab, web) == ["10.0.1.10/24", "10.0.1.4/24"]
    assert "inet 10.0.1.4/24 scope global secondary ens5" in lab.run(web, "ip addr")


def test_ubuntu_leaves_a_hot_attached_interface_down(lab):
    web = lab.launch(images.UBUNTU_24_04)
    lab.new_interface(web, "10.0.1.30")
    assert "3: ens6: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN" in lab.run(
        web, "ip link")
    lab.run(web, "sudo ip link set ens6 up")
    lab.run(web, "sudo ip addr add 10.0.1.30/24 dev ens6")
    assert "10.0.1.30/24" in inet(lab, web)
    assert "10.0.1.0/24 dev ens6 proto kernel scope link src 10.0.1.30" in lab.run(
        web, "ip route")


def test_a_detached_interface_leaves_the_os(lab):
    web = lab.launch()
    eni = lab.new_interface(web, "10.0.1.30")
    attachment = lab.ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])[
        "NetworkInterfaces"][0]["Attachment"]["AttachmentId"]
    lab.ec2.detach_network_interface(AttachmentId=attachment)
    assert "ens6" not in lab.run(web, "ip addr")
    assert "10001" not in lab.run(web, "ip rule")


def test_a_stop_and_start_forgets_what_was_typed_by_hand(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    lab.ec2.stop_instances(InstanceIds=[web])
    lab.ec2.start_instances(InstanceIds=[web])
    assert inet(lab, web) == ["10.0.1.10/24"]


def test_amazon_linux_configures_everything_again_after_a_start(lab):
    web = lab.launch()
    lab.ec2.stop_instances(InstanceIds=[web])
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    lab.ec2.start_instances(InstanceIds=[web])
    assert inet(lab, web) == ["10.0.1.10/24", "10.0.1.20/32"]


def test_ipv6_addresses_of_eth0_come_from_dhcp_everywhere(lab):
    cloud_lab = lab
    from ec2sim import scenarios

    cloud_lab.cloud = scenarios.vpc_with_ipv6()
    cloud_lab.ec2 = cloud_lab.cloud.client()
    web = cloud_lab.launch(images.UBUNTU_24_04, Ipv6AddressCount=1)
    address = cloud_lab.ec2.describe_instances(InstanceIds=[web])["Reservations"][0][
        "Instances"][0]["Ipv6Address"]
    assert f"inet6 {address}/128 scope global dynamic noprefixroute" in cloud_lab.run(
        web, "ip -6 addr")


def test_a_terminated_instance_has_no_os_left(lab):
    web = lab.launch()
    lab.ec2.terminate_instances(InstanceIds=[web])
    assert web not in lab.cloud.world.collections["guests"]
