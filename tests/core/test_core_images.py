"""Finding an image the way AWS's guides do (owners, name patterns, public SSM parameters),
and finding instances by DNS name."""

from __future__ import annotations

from checks import refused
from core_support import instance

from ec2sim import images

AL2023_LATEST = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"


def names(answer: dict) -> list[str]:
    return sorted(i["Name"] for i in answer["Images"])


def test_owners_amazon_finds_amazon_linux_and_windows(ec2):
    found = ec2.describe_images(Owners=["amazon"])["Images"]
    assert {i["ImageId"] for i in found} == {images.AMAZON_LINUX_2023, images.AMAZON_LINUX_2,
                                             images.WINDOWS_SERVER_2022}
    assert {i["ImageOwnerAlias"] for i in found} == {"amazon"}
    ubuntu = ec2.describe_images(Owners=[images.CANONICAL])["Images"]
    assert [i["ImageId"] for i in ubuntu] == [images.UBUNTU_24_04]
    assert "ImageOwnerAlias" not in ubuntu[0]
    assert ec2.describe_images(Owners=["self"])["Images"] == []


def test_name_patterns_copied_from_aws_guides(ec2):
    al2023 = ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-2023.*-x86_64"]}])
    assert [i["ImageId"] for i in al2023["Images"]] == [images.AMAZON_LINUX_2023]
    al2 = ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["amzn2-ami-hvm-*-x86_64-gp2"]},
        {"Name": "state", "Values": ["available"]}])
    assert [i["ImageId"] for i in al2["Images"]] == [images.AMAZON_LINUX_2]
    ubuntu = ec2.describe_images(Owners=["099720109477"], Filters=[{
        "Name": "name",
        "Values": ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]}])
    assert [i["ImageId"] for i in ubuntu["Images"]] == [images.UBUNTU_24_04]
    windows = ec2.describe_images(Filters=[
        {"Name": "name", "Values": ["Windows_Server-2022-English-Full-Base-????.??.??"]}])
    assert [i["ImageId"] for i in windows["Images"]] == [images.WINDOWS_SERVER_2022]
    assert windows["Images"][0]["Platform"] == "windows"
    assert names(ec2.describe_images(Filters=[{"Name": "name", "Values": ["nothing-*"]}])) == []


def test_owner_filters(ec2):
    by_alias = ec2.describe_images(Filters=[{"Name": "owner-alias", "Values": ["amazon"]}])
    assert len(by_alias["Images"]) == 3
    by_id = ec2.describe_images(Filters=[{"Name": "owner-id", "Values": ["099720109477"]}])
    assert [i["ImageId"] for i in by_id["Images"]] == [images.UBUNTU_24_04]


def test_run_instances_resolves_a_public_ssm_parameter(ec2, subnet_id):
    launched = ec2.run_instances(ImageId=f"resolve:ssm:{AL2023_LATEST}", InstanceType="t3.micro",
                                 MinCount=1, MaxCount=1, SubnetId=subnet_id)["Instances"][0]
    assert launched["ImageId"] == images.AMAZON_LINUX_2023
    assert instance(ec2, launched["InstanceId"])["ImageId"] == images.AMAZON_LINUX_2023
    ubuntu = ec2.run_instances(
        ImageId="resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/"
                "hvm/ebs-gp3/ami-id", InstanceType="t3.micro", MinCount=1, MaxCount=1,
        SubnetId=subnet_id)["Instances"][0]
    assert ubuntu["ImageId"] == images.UBUNTU_24_04


def test_an_unknown_ssm_parameter_is_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue", "The SSM parameter '/my/golden-ami'"):
        ec2.run_instances(ImageId="resolve:ssm:/my/golden-ami", InstanceType="t3.micro",
                          MinCount=1, MaxCount=1, SubnetId=subnet_id)


def test_describe_images_does_not_resolve_ssm_parameters(cloud, ec2):
    with refused(cloud, "InvalidAMIID.Malformed", "expecting \"ami-...\""):
        ec2.describe_images(ImageIds=[f"resolve:ssm:{AL2023_LATEST}"])


def test_describe_instances_by_dns_name(ec2, launch, subnet_id, igw):
    web = launch("t3.micro", NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                                 "AssociatePublicIpAddress": True}])
    web = instance(ec2, web["InstanceId"])
    other = launch("t3.micro")["InstanceId"]

    def found(name: str, value: str) -> list[str]:
        reservations = ec2.describe_instances(Filters=[{"Name": name, "Values": [value]}])
        return [i["InstanceId"] for r in reservations["Reservations"] for i in r["Instances"]]

    assert web["PrivateDnsName"].endswith(".ec2.internal")
    assert web["PublicDnsName"].endswith(".compute-1.amazonaws.com")
    assert found("private-dns-name", web["PrivateDnsName"]) == [web["InstanceId"]]
    assert found("dns-name", web["PublicDnsName"]) == [web["InstanceId"]]
    assert found("network-interface.private-dns-name", web["PrivateDnsName"]) == [
        web["InstanceId"]]
    assert set(found("private-dns-name", "ip-10-0-1-*.ec2.internal")) == {web["InstanceId"],
                                                                           other}

