# Solution: IPv6 addresses cannot be reassigned, so unassign from web-1, then assign to web-2.
def eth0_of(name):
    instance = ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [name]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]},
    ])["Reservations"][0]["Instances"][0]
    return instance["NetworkInterfaces"][0]


web_1, web_2 = eth0_of("web-1"), eth0_of("web-2")
moving = next(a["Ipv6Address"] for a in web_1["Ipv6Addresses"]
              if a["Ipv6Address"].endswith("::10"))

ec2.unassign_ipv6_addresses(NetworkInterfaceId=web_1["NetworkInterfaceId"],
                            Ipv6Addresses=[moving])
ec2.assign_ipv6_addresses(NetworkInterfaceId=web_2["NetworkInterfaceId"],
                          Ipv6Addresses=[moving])["AssignedIpv6Addresses"]
