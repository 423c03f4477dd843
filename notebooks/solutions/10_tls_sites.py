# Solution: three more addresses on eth0 and an Elastic IP on each of the four (the one on the
# primary replaces the auto-assigned address), then let Amazon Linux pick the addresses up.
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]
sites = ["10.0.1.10", "10.0.1.31", "10.0.1.32", "10.0.1.33"]
ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=sites[1:])
for address in sites:
    eip = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=eip["AllocationId"], NetworkInterfaceId=eth0,
                          PrivateIpAddress=address)
cloud.renew_leases()  # or, on web-1: sudo systemctl restart systemd-networkd
[(a["PrivateIpAddress"], a["PublicIp"]) for a in ec2.describe_addresses()["Addresses"]]
