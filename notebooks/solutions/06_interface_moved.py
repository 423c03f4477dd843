# Solution: detach spare from web-1, then attach it to web-2 at device index 1.
spare = ec2.describe_network_interfaces(Filters=[
    {"Name": "tag:Name", "Values": ["spare"]},
])["NetworkInterfaces"][0]
web_2 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-2"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]

ec2.detach_network_interface(AttachmentId=spare["Attachment"]["AttachmentId"])
# On AWS, wait until the interface is "available" before attaching it again:
#   ec2.get_waiter("network_interface_available").wait(NetworkInterfaceIds=[...])
ec2.attach_network_interface(NetworkInterfaceId=spare["NetworkInterfaceId"],
                             InstanceId=web_2["InstanceId"], DeviceIndex=1)
