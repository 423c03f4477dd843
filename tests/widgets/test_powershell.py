"""The PowerShell line of the API log: the AWS Tools cmdlet and parameters of each call a learner
makes, shown next to boto3 and the CLI."""

from __future__ import annotations

import html

import ec2sim
from ec2sim import scenarios
from ec2sim.operations import OPERATIONS
from widgets.log import ApiLog
from widgets.powershell import CMDLETS, NOTE, powershell_command


def test_every_operation_of_the_lab_has_its_cmdlet():
    assert set(CMDLETS) == set(OPERATIONS)


def test_the_seed_cmdlets_are_the_ones_aws_tools_names():
    assert {op: CMDLETS[op] for op in (
        "RunInstances", "AssignPrivateIpAddresses", "UnassignPrivateIpAddresses",
        "AssociateAddress", "AssignIpv6Addresses", "UnassignIpv6Addresses",
        "DescribeInstances", "DescribeNetworkInterfaces")} == {
        "RunInstances": "New-EC2Instance",
        "AssignPrivateIpAddresses": "Register-EC2PrivateIpAddress",
        "UnassignPrivateIpAddresses": "Unregister-EC2PrivateIpAddress",
        "AssociateAddress": "Register-EC2Address",
        "AssignIpv6Addresses": "Register-EC2Ipv6AddressList",
        "UnassignIpv6Addresses": "Unregister-EC2Ipv6AddressList",
        "DescribeInstances": "Get-EC2Instance",
        "DescribeNetworkInterfaces": "Get-EC2NetworkInterface"}


def test_list_members_become_singular_parameters_and_values_powershell_literals():
    assert powershell_command("AssignPrivateIpAddresses", {
        "NetworkInterfaceId": "eni-1", "PrivateIpAddresses": ["10.0.1.20", "10.0.1.21"],
        "AllowReassignment": True}) == (
        "Register-EC2PrivateIpAddress -NetworkInterfaceId 'eni-1' "
        "-PrivateIpAddress @('10.0.1.20', '10.0.1.21') -AllowReassignment $true")
    assert powershell_command("AssignIpv6Addresses", {
        "NetworkInterfaceId": "eni-1", "Ipv6AddressCount": 2}) == (
        "Register-EC2Ipv6AddressList -NetworkInterfaceId 'eni-1' -Ipv6AddressCount 2")
    assert powershell_command("UnassignIpv6Addresses", {
        "NetworkInterfaceId": "eni-1", "Ipv6Prefixes": ["2600:1f18::/80"]}) == (
        "Unregister-EC2Ipv6AddressList -NetworkInterfaceId 'eni-1' -Ipv6Prefix @('2600:1f18::/80')")
    assert powershell_command("DescribeInstances", {
        "Filters": [{"Name": "tag:Name", "Values": ["web-1"]}]}) == (
        "Get-EC2Instance -Filter @(@{Name='tag:Name'; Values=@('web-1')})")


def test_launch_with_interfaces_is_new_ec2instance_with_network_interface_hashtables():
    line = powershell_command("RunInstances", {
        "ImageId": "ami-1", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
        "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": "subnet-1", "PrivateIpAddresses": [
            {"PrivateIpAddress": "10.0.1.11", "Primary": True}], "Ipv6AddressCount": 2}]})
    assert line == (
        "New-EC2Instance -ImageId 'ami-1' -InstanceType 't3.micro' -MinCount 1 -MaxCount 1 "
        "-NetworkInterface @(@{DeviceIndex=0; SubnetId='subnet-1'; PrivateIpAddresses=@("
        "@{PrivateIpAddress='10.0.1.11'; Primary=$true}); Ipv6AddressCount=2})")


def test_renamed_and_wrapped_parameters_and_quotes():
    assert powershell_command("CreateNetworkInterface", {
        "SubnetId": "subnet-1", "Groups": ["sg-1"], "Description": "Bob's"}) == (
        "New-EC2NetworkInterface -SubnetId 'subnet-1' -Group @('sg-1') -Description 'Bob''s'")
    assert powershell_command("ModifyInstanceAttribute", {
        "InstanceId": "i-1", "SourceDestCheck": {"Value": False}}) == (
        "Edit-EC2InstanceAttribute -InstanceId 'i-1' -SourceDestCheck $false")
    assert powershell_command("DescribeFleets", {}) == (
        "# no AWS Tools for PowerShell cmdlet is listed here for DescribeFleets")


def test_the_api_log_shows_the_powershell_line_of_each_call_and_says_it_cannot_run_here():
    cloud = scenarios.web_server()
    log = ApiLog(cloud.client())
    eni = cloud.client().describe_network_interfaces()["NetworkInterfaces"][0]
    log.call("AssignPrivateIpAddresses", NetworkInterfaceId=eni["NetworkInterfaceId"],
             PrivateIpAddresses=["10.0.1.77"])
    shown = html.unescape(log.text)
    assert (f"PS> Register-EC2PrivateIpAddress -NetworkInterfaceId '{eni['NetworkInterfaceId']}'"
            " -PrivateIpAddress @('10.0.1.77')") in shown
    assert "PowerShell, which cannot run here" in log.children[0].value
    assert "cannot run in this lab" in NOTE
    log.close()


def test_a_refused_call_still_shows_its_powershell_line():
    log = ApiLog(ec2sim.Cloud(seed=0).client())
    log.call("AssignPrivateIpAddresses", NetworkInterfaceId="eni-0000000000000000f",
             SecondaryPrivateIpAddressCount=1)
    shown = html.unescape(log.text)
    assert "PS> Register-EC2PrivateIpAddress -NetworkInterfaceId 'eni-0000000000000000f'" in shown
    assert "InvalidNetworkInterfaceID.NotFound" in shown
    log.close()
