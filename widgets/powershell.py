"""The AWS Tools for PowerShell line that makes the same EC2 call as a boto3 call.

PowerShell cannot run in this lab (there is no PowerShell and no AWS Tools module here), so the
text is for reading and for copying to a Windows machine. It is derived from the call, like the
CLI command in :mod:`widgets.calls`: the cmdlet is the one AWS Tools maps to the operation, and a
parameter is named after the API member, singular when the member is a list (the AWS Tools
convention: ``PrivateIpAddresses`` becomes ``-PrivateIpAddress``). A structure is written as a
hashtable, which PowerShell converts to the SDK's type when it binds the parameter; an attribute
wrapped as ``{"Value": …}`` (``SourceDestCheck``) is given as the bare value, as AWS Tools takes it.
"""

from __future__ import annotations

from typing import Any

NOTE = ("PowerShell cannot run in this lab: copy the line to a Windows machine with AWS Tools "
        "for PowerShell (module AWS.Tools.EC2) installed. Check a parameter with Get-Help "
        "<cmdlet> -Parameter <name> before relying on it.")

CMDLETS: dict[str, str] = {  # EC2 operation: the AWS Tools for PowerShell cmdlet that calls it
    "RunInstances": "New-EC2Instance",
    "DescribeInstances": "Get-EC2Instance",
    "StartInstances": "Start-EC2Instance",
    "StopInstances": "Stop-EC2Instance",
    "TerminateInstances": "Remove-EC2Instance",
    "ModifyInstanceAttribute": "Edit-EC2InstanceAttribute",
    "DescribeInstanceTypes": "Get-EC2InstanceType",
    "DescribeImages": "Get-EC2Image",
    "AssignPrivateIpAddresses": "Register-EC2PrivateIpAddress",
    "UnassignPrivateIpAddresses": "Unregister-EC2PrivateIpAddress",
    "AssignIpv6Addresses": "Register-EC2Ipv6AddressList",
    "UnassignIpv6Addresses": "Unregister-EC2Ipv6AddressList",
    "DescribeNetworkInterfaces": "Get-EC2NetworkInterface",
    "CreateNetworkInterface": "New-EC2NetworkInterface",
    "DeleteNetworkInterface": "Remove-EC2NetworkInterface",
    "AttachNetworkInterface": "Add-EC2NetworkInterface",
    "DetachNetworkInterface": "Dismount-EC2NetworkInterface",
    "ModifyNetworkInterfaceAttribute": "Edit-EC2NetworkInterfaceAttribute",
    "AllocateAddress": "New-EC2Address",
    "AssociateAddress": "Register-EC2Address",
    "DisassociateAddress": "Unregister-EC2Address",
    "ReleaseAddress": "Remove-EC2Address",
    "DescribeAddresses": "Get-EC2Address",
    "DescribeVpcs": "Get-EC2Vpc",
    "CreateVpc": "New-EC2Vpc",
    "AssociateVpcCidrBlock": "Register-EC2VpcCidrBlock",
    "DescribeSubnets": "Get-EC2Subnet",
    "CreateSubnet": "New-EC2Subnet",
    "AssociateSubnetCidrBlock": "Register-EC2SubnetCidrBlock",
    "DescribeSecurityGroups": "Get-EC2SecurityGroup",
    "CreateSecurityGroup": "New-EC2SecurityGroup",
    "AuthorizeSecurityGroupIngress": "Grant-EC2SecurityGroupIngress",
    "RevokeSecurityGroupIngress": "Revoke-EC2SecurityGroupIngress",
    "DescribeAvailabilityZones": "Get-EC2AvailabilityZone",
    "DescribeInstanceAttribute": "Get-EC2InstanceAttribute",
    "DescribeNetworkInterfaceAttribute": "Get-EC2NetworkInterfaceAttribute",
    "CreateDefaultVpc": "New-EC2DefaultVpc",
    "CreateDefaultSubnet": "New-EC2DefaultSubnet",
    "DeleteVpc": "Remove-EC2Vpc",
    "DisassociateVpcCidrBlock": "Unregister-EC2VpcCidrBlock",
    "DeleteSubnet": "Remove-EC2Subnet",
    "ModifySubnetAttribute": "Edit-EC2SubnetAttribute",
    "DisassociateSubnetCidrBlock": "Unregister-EC2SubnetCidrBlock",
    "DeleteSecurityGroup": "Remove-EC2SecurityGroup",
    "CreateInternetGateway": "New-EC2InternetGateway",
    "DescribeInternetGateways": "Get-EC2InternetGateway",
    "AttachInternetGateway": "Add-EC2InternetGateway",
    "DetachInternetGateway": "Dismount-EC2InternetGateway",
    "DeleteInternetGateway": "Remove-EC2InternetGateway",
    "CreateRouteTable": "New-EC2RouteTable",
    "DescribeRouteTables": "Get-EC2RouteTable",
    "AssociateRouteTable": "Register-EC2RouteTable",
    "DisassociateRouteTable": "Unregister-EC2RouteTable",
    "DeleteRouteTable": "Remove-EC2RouteTable",
    "CreateRoute": "New-EC2Route",
    "DeleteRoute": "Remove-EC2Route",
    "CreateTags": "New-EC2Tag",
    "DeleteTags": "Remove-EC2Tag",
}

# Members whose AWS Tools parameter is not the member's singular form.
RENAMED: dict[tuple[str, str], str] = {
    ("CreateNetworkInterface", "Groups"): "Group",
    ("ModifyNetworkInterfaceAttribute", "Groups"): "Group",
}


def parameter(operation: str, member: str, value: Any) -> str:
    """``-PrivateIpAddress`` for ``PrivateIpAddresses``; ``-Filter`` for ``Filters``."""
    if (operation, member) in RENAMED:
        return "-" + RENAMED[operation, member]
    if isinstance(value, list):
        for plural, single in (("Addresses", "Address"), ("Prefixes", "Prefix"), ("ies", "y"),
                               ("s", "")):
            if member.endswith(plural):
                return "-" + member[: -len(plural)] + single
    return "-" + member


def literal(value: Any) -> str:
    """A value as PowerShell writes it: 'text', 2, $true, @('a', 'b'), @{Key='v'}."""
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "@(" + ", ".join(map(literal, value)) + ")"
    if isinstance(value, dict):
        return "@{" + "; ".join(f"{key}={literal(item)}" for key, item in value.items()) + "}"
    return "'" + str(value).replace("'", "''") + "'"


def powershell_command(operation: str, params: dict[str, Any]) -> str:
    """The PowerShell line of one call, such as
    ``Register-EC2PrivateIpAddress -NetworkInterfaceId 'eni-…' -PrivateIpAddress @('10.0.1.20')``.
    A list of one item is still written as ``@(…)``, so the line reads the same whatever the
    count. An operation without a known cmdlet says so instead of guessing one.
    """
    cmdlet = CMDLETS.get(operation)
    if cmdlet is None:
        return f"# no AWS Tools for PowerShell cmdlet is listed here for {operation}"
    words = [cmdlet]
    for member, value in params.items():
        if isinstance(value, dict) and list(value) == ["Value"]:
            value = value["Value"]
        words += [parameter(operation, member, value), literal(value)]
    return " ".join(words)
