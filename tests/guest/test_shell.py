"""The shell answers in the real tools' format; the metadata service shows what EC2 assigned,
``ip`` what the OS configured."""

from __future__ import annotations

from ec2sim import images


def test_ip_addr_in_iproute2_format(lab):
    web = lab.launch()
    mac = lab.ec2.describe_network_interfaces(NetworkInterfaceIds=[lab.eth(web)])[
        "NetworkInterfaces"][0]["MacAddress"]
    lines = lab.run(web, "ip addr").splitlines()
    assert lines[0].startswith("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536")
    assert lines[6] == ("2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP "
                        "group default qlen 1000")
    assert lines[7] == f"    link/ether {mac} brd ff:ff:ff:ff:ff:ff"
    assert lines[8] == "    altname device-number-0"  # Amazon Linux 2023's ec2-net-utils
    assert lines[9] == "    inet 10.0.1.10/24 metric 512 brd 10.0.1.255 scope global dynamic ens5"
    assert lab.run(web, "ip a") == lab.run(web, "ip address show")


def test_ip_6_addr_shows_only_ipv6(lab):
    web = lab.launch()
    out = lab.run(web, "ip -6 addr")
    assert "inet6 ::1/128" in out and "inet6 fe80::" in out and "inet " not in out


def test_hostname_i_lists_configured_addresses(lab):
    web = lab.launch(SecondaryPrivateIpAddressCount=1)
    assert lab.run(web, "hostname -I") == "10.0.1.10 10.0.1.4 "


def test_metadata_shows_what_ec2_assigned_not_what_the_os_configured(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    mac = lab.ec2.describe_network_interfaces(NetworkInterfaceIds=[lab.eth(web)])[
        "NetworkInterfaces"][0]["MacAddress"]
    base = "curl http://169.254.169.254/latest/meta-data/network/interfaces/macs/"
    assert lab.run(web, base) == f"{mac}/"
    assert lab.run(web, f"{base}{mac}/local-ipv4s") == "10.0.1.10\n10.0.1.4"
    assert lab.run(web, "hostname -I") == "10.0.1.10 "
    assert lab.run(web, f"{base}{mac}/device-number") == "0"
    assert "local-ipv4s" in lab.run(web, f"{base}{mac}/").splitlines()
    assert lab.run(web, "curl -s http://169.254.169.254/latest/meta-data/local-ipv4") == \
        "10.0.1.10"
    assert "404 - Not Found" in lab.run(web, f"{base}{mac}/ipv6s")


def test_ip_route_and_ip_rule_formats(lab):
    web = lab.launch(images.UBUNTU_24_04)
    assert lab.run(web, "ip route") == (
        "default via 10.0.1.1 dev ens5 proto dhcp src 10.0.1.10 metric 100\n"
        "10.0.1.0/24 dev ens5 proto kernel scope link src 10.0.1.10 metric 100")
    assert lab.run(web, "ip rule") == ("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n"
                                       "32767:\tfrom all lookup default")
    lab.run(web, "sudo ip rule add from 10.0.1.20 table 1001")
    assert "32765:\tfrom 10.0.1.20 lookup 1001" in lab.run(web, "ip rule")
    lab.run(web, "sudo ip route add default via 10.0.1.1 dev ens5 table 1001")
    assert lab.run(web, "ip route show table 1001") == "default via 10.0.1.1 dev ens5 proto static"


def test_errors_answer_like_the_tools(lab):
    web = lab.launch(images.UBUNTU_24_04)
    shell = lab.cloud.shell(web)
    cases = {
        "foo --bar": ("bash: foo: command not found", 127),
        "ip addr add 10.0.1.20/24 dev eth7": ('Cannot find device "eth7"', 1),
        "sudo ip addr add 10.0.1.10/24 dev ens5": ("RTNETLINK answers: File exists", 2),
        "sudo ip addr del 10.0.1.99/24 dev ens5": ("RTNETLINK answers: Cannot assign requested "
                                                   "address", 2),
        "sudo ip route add default via 10.9.9.1 dev ens5 table 5": (
            "Error: Nexthop has invalid gateway.", 2),
        "sudo ip route del default table 77": ("RTNETLINK answers: No such process", 2),
        "ip bogus": ('Object "bogus" is unknown, try "ip help".', 1),
        "sudo service network restart": (
            "Redirecting to /bin/systemctl restart network.service\nFailed to restart "
            "network.service: Unit network.service not found.", 5),
    }
    for command, (output, status) in cases.items():
        result = shell.run(command)
        assert (result.output, result.status) == (output, status), command


def test_a_failed_command_changes_nothing_and_publishes_nothing(lab):
    web = lab.launch(images.UBUNTU_24_04)
    before, seen = lab.cloud.snapshot(), []
    stop = lab.cloud.subscribe(seen.append)
    lab.cloud.shell(web).run("ip addr add 10.0.1.20/24 dev eth9")
    lab.cloud.shell(web).run("ip addr")
    stop()
    assert lab.cloud.snapshot() == before and seen == []


def test_a_stopped_instance_does_not_answer(lab):
    web = lab.launch()
    lab.ec2.stop_instances(InstanceIds=[web])
    result = lab.cloud.shell(web).run("ip addr")
    assert result.status == 255 and "Connection timed out" in result.output


def test_curl_to_an_address_is_a_probe(lab):
    web = lab.launch()
    client = lab.launch(address="10.0.1.11")
    assert lab.run(client, "curl https://10.0.1.10/") == f"Hello from {web} (10.0.1.10)"
    result = lab.cloud.shell(client).run("curl http://10.0.1.10:8080/")  # group web: 80, 443
    assert result.status == 28
    assert result.output == ("curl: (28) Failed to connect to 10.0.1.10 port 8080 after 130000 "
                             "ms: Connection timed out")


def test_ip_addr_del_without_a_prefix_warns_and_deletes(lab):
    web = lab.launch(images.UBUNTU_24_04)
    lab.run(web, "sudo ip addr add 10.0.1.20/24 dev ens5")
    assert lab.run(web, "sudo ip addr del 10.0.1.20 dev ens5").startswith(
        "Warning: Executing wildcard deletion")
    assert "10.0.1.20" not in lab.run(web, "hostname -I")


def test_ubuntus_saved_configuration_knows_only_the_dhcp_address(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    mac = lab.ec2.describe_network_interfaces(NetworkInterfaceIds=[lab.eth(web)])[
        "NetworkInterfaces"][0]["MacAddress"]
    assert lab.run(web, "ls /etc/netplan/") == "50-cloud-init.yaml"
    denied = lab.cloud.shell(web).run("cat /etc/netplan/50-cloud-init.yaml")
    assert (denied.output, denied.status) == (
        "cat: /etc/netplan/50-cloud-init.yaml: Permission denied", 1)
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    saved = lab.run(web, "sudo cat /etc/netplan/50-cloud-init.yaml").splitlines()
    assert saved[3:7] == ["    ens5:", "      match:", f'        macaddress: "{mac}"',
                          "      dhcp4: true"]
    assert "10.0.1.4" not in "\n".join(saved)  # what ip addr add did is not saved


def test_no_netplan_file_on_amazon_linux(lab):
    web = lab.launch()
    result = lab.cloud.shell(web).run("sudo cat /etc/netplan/50-cloud-init.yaml")
    assert result.status == 1 and "on Ubuntu" in result.output
