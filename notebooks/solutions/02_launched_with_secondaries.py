# Solution: launch web-3, a t3.small, with two secondary addresses that EC2 picks at launch.
from ec2sim import images

public_a = ec2.describe_subnets(Filters=[
    {"Name": "tag:Name", "Values": ["public-a"]},
])["Subnets"][0]["SubnetId"]

reply = ec2.run_instances(
    ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.small", MinCount=1, MaxCount=1,
    NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": public_a,
                        "SecondaryPrivateIpAddressCount": 2}],  # a count: EC2 picks them
    TagSpecifications=[{"ResourceType": "instance",
                        "Tags": [{"Key": "Name", "Value": "web-3"}]}],
)
[p["PrivateIpAddress"] for p in reply["Instances"][0]["NetworkInterfaces"][0]["PrivateIpAddresses"]]
