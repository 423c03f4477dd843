# Solution: one IPv4 /28 and one IPv6 /80 prefix on web-1's eth0, picked by EC2.
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ipv4 = ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, Ipv4PrefixCount=1)
ipv6 = ec2.assign_ipv6_addresses(NetworkInterfaceId=eth0, Ipv6PrefixCount=1)
ipv4["AssignedIpv4Prefixes"], ipv6["AssignedIpv6Prefixes"]
