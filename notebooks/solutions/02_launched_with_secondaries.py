# Solution: launch web-2 with two secondary addresses picked by EC2 at launch.
from ec2sim import images

public_a = ec2.describe_subnets(Filters=[
    {"Name": "tag:Name", "Values": ["public-a"]},
])["Subnets"][0]["SubnetId"]

reply = ec2.run_instances(
    ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium", MinCount=1, MaxCount=1,
    NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": public_a,
                        "SecondaryPrivateIpAddressCount": 2}],
    TagSpecifications=[{"ResourceType": "instance",
                        "Tags": [{"Key": "Name", "Value": "web-2"}]}],
)
[p["PrivateIpAddress"] for p in reply["Instances"][0]["NetworkInterfaces"][0]["PrivateIpAddresses"]]
