# Solution: give the service address to app-standby, then associate the Elastic IP with it
# again (unassigning the address had disassociated it).
standby = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["app-standby"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = standby["NetworkInterfaces"][0]["NetworkInterfaceId"]
service = ec2.describe_addresses(Filters=[
    {"Name": "tag:Name", "Values": ["service"]},
])["Addresses"][0]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.100"])
ec2.associate_address(AllocationId=service["AllocationId"], NetworkInterfaceId=eth0,
                      PrivateIpAddress="10.0.1.100")
