# Solution: eth1 of web-1 in the security group "admin" only (eth0 keeps "web").
web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth1 = next(eni for eni in web_1["NetworkInterfaces"] if eni["Attachment"]["DeviceIndex"] == 1)
admin = ec2.describe_security_groups(Filters=[
    {"Name": "vpc-id", "Values": [web_1["VpcId"]]},
    {"Name": "group-name", "Values": ["admin"]},
])["SecurityGroups"][0]

# Groups replaces the interface's whole list of security groups.
ec2.modify_network_interface_attribute(NetworkInterfaceId=eth1["NetworkInterfaceId"],
                                       Groups=[admin["GroupId"]])
