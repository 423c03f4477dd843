# Solution: move what must survive to web-2, then terminate web-1.
def instance(name):
    return ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [name]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]},
    ])["Reservations"][0]["Instances"][0]


web_1, web_2 = instance("web-1"), instance("web-2")
spare = ec2.describe_network_interfaces(Filters=[
    {"Name": "tag:Name", "Values": ["spare"]},
])["NetworkInterfaces"][0]

# 1. The spare interface moves with its addresses and its Elastic IP.
ec2.detach_network_interface(AttachmentId=spare["Attachment"]["AttachmentId"])
ec2.attach_network_interface(NetworkInterfaceId=spare["NetworkInterfaceId"],
                             InstanceId=web_2["InstanceId"], DeviceIndex=1)

# 2. An IPv6 address cannot be reassigned: unassign it, then assign it to web-2.
web_1_eth0 = web_1["NetworkInterfaces"][0]
moving = next(a["Ipv6Address"] for a in web_1_eth0["Ipv6Addresses"]
              if a["Ipv6Address"].endswith("::10"))
ec2.unassign_ipv6_addresses(NetworkInterfaceId=web_1_eth0["NetworkInterfaceId"],
                            Ipv6Addresses=[moving])
ec2.assign_ipv6_addresses(NetworkInterfaceId=web_2["NetworkInterfaces"][0]["NetworkInterfaceId"],
                          Ipv6Addresses=[moving])

# 3. Terminating web-1 deletes its eth0 (created at launch); nothing on it is needed any more.
ec2.terminate_instances(InstanceIds=[web_1["InstanceId"]])
