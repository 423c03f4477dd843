# Solution: move the service address to the standby in one call; its Elastic IP follows it.
standby = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["app-standby"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]

ec2.assign_private_ip_addresses(
    NetworkInterfaceId=standby["NetworkInterfaces"][0]["NetworkInterfaceId"],
    PrivateIpAddresses=["10.0.1.100"],
    AllowReassignment=True,  # take it from app-primary
)
