# Solution: three /28 prefixes give 48 addresses and take only 3 of eth0's 6 slots.
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, Ipv4PrefixCount=3)["AssignedIpv4Prefixes"]
