# Solution: two more addresses on eth0, an Elastic IP on each, then let Amazon Linux pick them up.
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]
ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21",
                                                                              "10.0.1.22"])
for address in ["10.0.1.21", "10.0.1.22"]:
    eip = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=eip["AllocationId"], NetworkInterfaceId=eth0,
                          PrivateIpAddress=address)
cloud.renew_leases()  # or, on web-1: sudo systemctl restart systemd-networkd
