# Solution: two specific secondary private IPv4 addresses on web-1's primary interface.
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]  # DescribeInstances lists eth0 first

reply = ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0,
                                        PrivateIpAddresses=["10.0.1.20", "10.0.1.21"])
reply["AssignedPrivateIpAddresses"]
