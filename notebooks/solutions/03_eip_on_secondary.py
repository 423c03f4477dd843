# Solution: a secondary address on web-1's eth0, and a new Elastic IP on that address.
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.44"])
allocation = ec2.allocate_address(Domain="vpc")
# Naming the interface and the private address sends the Elastic IP to 10.0.1.44; naming only
# the instance (or the interface) would send it to the primary address, where it would replace
# the auto-assigned public IPv4.
ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eth0,
                      PrivateIpAddress="10.0.1.44")
allocation["PublicIp"]
