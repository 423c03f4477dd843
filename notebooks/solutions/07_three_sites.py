# Solution: two more addresses on web-1's eth0, and an Elastic IP on each of the three.
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, SecondaryPrivateIpAddressCount=2)
addresses = ec2.describe_network_interfaces(
    NetworkInterfaceIds=[eth0])["NetworkInterfaces"][0]["PrivateIpAddresses"]
sites = {}
for address in addresses:
    private_ip = address["PrivateIpAddress"]
    allocation = ec2.allocate_address(Domain="vpc")
    # On the primary address this Elastic IP replaces the auto-assigned public IPv4.
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eth0,
                          PrivateIpAddress=private_ip)
    sites[private_ip] = allocation["PublicIp"]
sites
