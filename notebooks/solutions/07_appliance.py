# Solution: launch with two interfaces in two subnets of one Availability Zone, then turn off
# source/destination checking on both (an appliance forwards traffic that is not its own).
from ec2sim import images


def subnet_id(name):
    return ec2.describe_subnets(Filters=[
        {"Name": "tag:Name", "Values": [name]},
    ])["Subnets"][0]["SubnetId"]


reply = ec2.run_instances(
    ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium", MinCount=1, MaxCount=1,
    NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet_id("public-a"), "SecondaryPrivateIpAddressCount": 1},
        {"DeviceIndex": 1, "SubnetId": subnet_id("private-a"), "SecondaryPrivateIpAddressCount": 1},
    ],
    TagSpecifications=[{"ResourceType": "instance",
                        "Tags": [{"Key": "Name", "Value": "firewall"}]}],
)
for eni in reply["Instances"][0]["NetworkInterfaces"]:
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                           SourceDestCheck={"Value": False})
