"""Finding things: not-found and malformed IDs, Filters, tags, pages, and what the simulation
does not model."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from checks import refused
from core_support import AMI, attach

MISSING = "0123456789abcdef0"


# -- not found, malformed ----------------------------------------------------------------------
@pytest.mark.parametrize("call, kwargs, code", [
    ("describe_network_interfaces", {"NetworkInterfaceIds": [f"eni-{MISSING}"]},
     "InvalidNetworkInterfaceID.NotFound"),
    ("delete_network_interface", {"NetworkInterfaceId": f"eni-{MISSING}"},
     "InvalidNetworkInterfaceID.NotFound"),
    ("assign_private_ip_addresses", {"NetworkInterfaceId": f"eni-{MISSING}",
                                     "SecondaryPrivateIpAddressCount": 1},
     "InvalidNetworkInterfaceID.NotFound"),
    ("delete_network_interface", {"NetworkInterfaceId": "eni-nope"},
     "InvalidNetworkInterfaceId.Malformed"),
    ("assign_ipv6_addresses", {"NetworkInterfaceId": "interface-1", "Ipv6AddressCount": 1},
     "InvalidNetworkInterfaceId.Malformed"),
    ("describe_instances", {"InstanceIds": [f"i-{MISSING}"]}, "InvalidInstanceID.NotFound"),
    ("stop_instances", {"InstanceIds": [f"i-{MISSING}"]}, "InvalidInstanceID.NotFound"),
    ("terminate_instances", {"InstanceIds": ["i-nope"]}, "InvalidInstanceID.Malformed"),
    ("describe_subnets", {"SubnetIds": [f"subnet-{MISSING}"]}, "InvalidSubnetID.NotFound"),
    ("create_network_interface", {"SubnetId": f"subnet-{MISSING}"},
     "InvalidSubnetID.NotFound"),
    ("describe_vpcs", {"VpcIds": [f"vpc-{MISSING}"]}, "InvalidVpcID.NotFound"),
    ("create_subnet", {"VpcId": f"vpc-{MISSING}", "CidrBlock": "10.0.0.0/24"},
     "InvalidVpcID.NotFound"),
    ("describe_addresses", {"AllocationIds": [f"eipalloc-{MISSING}"]},
     "InvalidAllocationID.NotFound"),
    ("release_address", {"AllocationId": f"eipalloc-{MISSING}"}, "InvalidAllocationID.NotFound"),
    ("associate_address", {"AllocationId": f"eipalloc-{MISSING}",
                           "NetworkInterfaceId": f"eni-{MISSING}"},
     "InvalidAllocationID.NotFound"),
    ("disassociate_address", {"AssociationId": f"eipassoc-{MISSING}"},
     "InvalidAssociationID.NotFound"),
    ("detach_network_interface", {"AttachmentId": f"eni-attach-{MISSING}"},
     "InvalidAttachmentID.NotFound"),
    ("describe_security_groups", {"GroupIds": [f"sg-{MISSING}"]}, "InvalidGroup.NotFound"),
    ("delete_security_group", {"GroupId": f"sg-{MISSING}"}, "InvalidGroup.NotFound"),
    ("describe_addresses", {"PublicIps": ["203.0.113.200"]}, "InvalidAddress.NotFound"),
    ("release_address", {"PublicIp": "203.0.113.200"}, "InvalidAddress.NotFound"),
    ("describe_internet_gateways", {"InternetGatewayIds": [f"igw-{MISSING}"]},
     "InvalidInternetGatewayID.NotFound"),
])
def test_unknown_or_malformed_ids_answer_awss_codes(cloud, ec2, call, kwargs, code):
    with refused(cloud, code, named(kwargs)):
        getattr(ec2, call)(**kwargs)


def named(kwargs: dict) -> str:
    """The ID (or address) a refusal names: the request's first one."""
    first = next(iter(kwargs.values()))
    return first[0] if isinstance(first, list) else first


@pytest.mark.parametrize("call, kwargs, code", [
    ("describe_instances", {"InstanceIds": ["i-123"]}, "InvalidInstanceID.Malformed"),
    ("describe_network_interfaces", {"NetworkInterfaceIds": ["eni-1", "eni-2"]},
     "InvalidNetworkInterfaceId.Malformed"),
    ("describe_vpcs", {"VpcIds": ["vpc-x"]}, "InvalidVpcID.Malformed"),
    ("describe_subnets", {"SubnetIds": ["subnet-x"]}, "InvalidSubnetID.Malformed"),
    ("describe_security_groups", {"GroupIds": ["sg-x"]}, "InvalidGroupId.Malformed"),
])
def test_describe_with_a_malformed_id_says_malformed(cloud, ec2, call, kwargs, code):
    with refused(cloud, code, f'Invalid id: "{named(kwargs)}"'):
        getattr(ec2, call)(**kwargs)


def test_a_missing_security_group_at_interface_creation(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidGroup.NotFound", f"sg-{MISSING}' does not exist"):
        ec2.create_network_interface(SubnetId=subnet_id, Groups=[f"sg-{MISSING}"])


def test_a_missing_instance_at_attach(cloud, ec2, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidInstanceID.NotFound", f"i-{MISSING}' does not exist"):
        attach(ec2, eni_id, f"i-{MISSING}", 1)


def test_describe_with_one_missing_id_among_several_fails_whole(cloud, ec2, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidNetworkInterfaceID.NotFound", f"eni-{MISSING}' does not exist"):
        ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id, f"eni-{MISSING}"])


# -- filters -----------------------------------------------------------------------------------
def ids(items: list[dict], key: str) -> list[str]:
    return [item[key] for item in items]


@pytest.fixture
def world(ec2, vpc_id, subnet_id, subnet_b_id, igw, launch, new_eni):
    """Two instances in two zones, an extra interface with an Elastic IP and IPv6, one
    stopped instance."""
    a = launch()
    b = launch(SubnetId=subnet_b_id)
    ec2.stop_instances(InstanceIds=[b["InstanceId"]])
    extra = new_eni(SecondaryPrivateIpAddressCount=1, Ipv6AddressCount=1)
    attachment = attach(ec2, extra, a["InstanceId"], 1)
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=extra)
    spare = new_eni()
    return {"a": a, "b": b, "extra": extra, "attachment": attachment, "spare": spare,
            "allocation": allocation,
            "eth0_a": a["NetworkInterfaces"][0]["NetworkInterfaceId"],
            "eth0_b": b["NetworkInterfaces"][0]["NetworkInterfaceId"]}


def enis(ec2, name: str, *values: str) -> list[str]:
    found = ec2.describe_network_interfaces(Filters=[{"Name": name, "Values": list(values)}])
    return ids(found["NetworkInterfaces"], "NetworkInterfaceId")


def instances(ec2, name: str, *values: str) -> list[str]:
    found = ec2.describe_instances(Filters=[{"Name": name, "Values": list(values)}])
    return [i["InstanceId"] for r in found["Reservations"] for i in r["Instances"]]


def test_network_interface_filters(ec2, world, vpc_id, subnet_id, subnet_b_id):
    w = world
    extra_ips = [p["PrivateIpAddress"] for p in ec2.describe_network_interfaces(
        NetworkInterfaceIds=[w["extra"]])["NetworkInterfaces"][0]["PrivateIpAddresses"]]
    v6 = ec2.describe_network_interfaces(NetworkInterfaceIds=[w["extra"]])[
        "NetworkInterfaces"][0]["Ipv6Addresses"][0]["Ipv6Address"]
    ours = [w["eth0_a"], w["eth0_b"], w["extra"], w["spare"]]
    assert enis(ec2, "vpc-id", vpc_id) == ours
    assert enis(ec2, "subnet-id", subnet_b_id) == [w["eth0_b"]]
    assert enis(ec2, "availability-zone", "us-east-1b") == [w["eth0_b"]]
    assert enis(ec2, "network-interface-id", w["spare"]) == [w["spare"]]
    assert enis(ec2, "attachment.instance-id", w["a"]["InstanceId"]) == [w["eth0_a"], w["extra"]]
    assert enis(ec2, "attachment.attachment-id", w["attachment"]) == [w["extra"]]
    assert enis(ec2, "addresses.private-ip-address", extra_ips[1]) == [w["extra"]]
    assert enis(ec2, "private-ip-address", extra_ips[0]) == [w["extra"]]
    assert enis(ec2, "ipv6-addresses.ipv6-address", v6) == [w["extra"]]
    assert enis(ec2, "association.public-ip", w["allocation"]["PublicIp"]) == [w["extra"]]
    assert enis(ec2, "association.allocation-id", w["allocation"]["AllocationId"]) == [
        w["extra"]]
    assert enis(ec2, "status", "available") == [w["spare"]]
    assert enis(ec2, "subnet-id", subnet_id, subnet_b_id) == ours


def test_filters_combine_with_and_and_values_with_or(ec2, world, subnet_id):
    found = ec2.describe_network_interfaces(Filters=[
        {"Name": "subnet-id", "Values": [subnet_id]},
        {"Name": "status", "Values": ["in-use", "nothing"]},
    ])["NetworkInterfaces"]
    assert ids(found, "NetworkInterfaceId") == [world["eth0_a"], world["extra"]]


def test_filter_values_take_wildcards(ec2, world):
    assert enis(ec2, "private-ip-address", "10.0.3.*") == [world["eth0_b"]]


def test_instance_filters(ec2, world, vpc_id, subnet_b_id):
    a, b = world["a"]["InstanceId"], world["b"]["InstanceId"]
    assert instances(ec2, "vpc-id", vpc_id) == [a, b]
    assert instances(ec2, "subnet-id", subnet_b_id) == [b]
    assert instances(ec2, "availability-zone", "us-east-1a") == [a]
    assert instances(ec2, "instance-state-name", "stopped") == [b]
    assert instances(ec2, "instance-state-name", "running") == [a]
    assert instances(ec2, "network-interface.network-interface-id", world["extra"]) == [a]
    assert instances(ec2, "private-ip-address", world["a"]["PrivateIpAddress"]) == [a]
    assert instances(ec2, "instance-type", "t3.medium") == [a, b]


def test_subnet_and_vpc_filters(ec2, vpc_id, subnet_id, subnet_b_id):
    found = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    assert ids(found, "SubnetId") == [subnet_id, subnet_b_id]
    found = ec2.describe_subnets(Filters=[{"Name": "availability-zone",
                                           "Values": ["us-east-1b"]},
                                          {"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    assert ids(found, "SubnetId") == [subnet_b_id]
    found = ec2.describe_subnets(Filters=[{"Name": "subnet-id", "Values": [subnet_id]}])
    assert ids(found["Subnets"], "SubnetId") == [subnet_id]
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Vpcs"]
    assert ids(vpcs, "VpcId") == [vpc_id]
    defaults = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    assert [v["CidrBlock"] for v in defaults] == ["172.31.0.0/16"]


@pytest.mark.parametrize("name, value", [
    ("availabilityZone", "us-east-1b"), ("availability-zone", "us-east-1b"),
    ("availabilityZoneId", "use1-az2"), ("availability-zone-id", "use1-az2"),
    ("cidrBlock", "10.0.3.0/24"), ("cidr", "10.0.3.0/24"), ("cidr-block", "10.0.3.0/24"),
])
def test_subnet_filters_take_awss_documented_aliases(ec2, vpc_id, subnet_b_id, name, value):
    found = ec2.describe_subnets(Filters=[{"Name": name, "Values": [value]},
                                          {"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    assert ids(found, "SubnetId") == [subnet_b_id]


@pytest.mark.parametrize("name", ["defaultForAz", "default-for-az"])
def test_default_for_az_and_its_alias(ec2, vpc_id, name):
    found = ec2.describe_subnets(Filters=[{"Name": name, "Values": ["true"]}])["Subnets"]
    assert found and all(s["DefaultForAz"] and s["VpcId"] != vpc_id for s in found)
    assert all(not s["DefaultForAz"] for s in ec2.describe_subnets(
        Filters=[{"Name": name, "Values": ["false"]}])["Subnets"])


def test_more_documented_subnet_and_vpc_filters(ec2, vpc, vpc_id, subnet_id):
    subnet = ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]

    def subnets(name: str, value: str) -> list[str]:
        found = ec2.describe_subnets(Filters=[{"Name": name, "Values": [value]},
                                              {"Name": "vpc-id", "Values": [vpc_id]}])
        return [s["SubnetId"] for s in found["Subnets"] if s["SubnetId"] == subnet_id]

    assert subnets("subnet-arn", subnet["SubnetArn"]) == [subnet_id]
    assert subnets("ipv6-native", "false") == [subnet_id]
    assert subnets("ipv6-cidr-block-association.state", "associated") == [subnet_id]
    assert subnets("owner-id", subnet["OwnerId"]) == [subnet_id]
    assert subnets("subnet-arn", "arn:aws:ec2:us-east-1:123456789012:subnet/other") == []
    association = vpc["CidrBlockAssociationSet"][0]["AssociationId"]
    found = ec2.describe_vpcs(Filters=[{"Name": "cidr-block-association.association-id",
                                        "Values": [association]}])["Vpcs"]
    assert ids(found, "VpcId") == [vpc_id]
    found = ec2.describe_vpcs(Filters=[{"Name": "ipv6-cidr-block-association.ipv6-pool",
                                        "Values": ["Amazon"]}])["Vpcs"]
    assert ids(found, "VpcId") == [vpc_id]


def test_an_unknown_subnet_filter_is_refused_even_in_camel_case(cloud, ec2):
    with refused(cloud, "InvalidParameterValue", "The filter 'vpcId' is invalid"):
        ec2.describe_subnets(Filters=[{"Name": "vpcId", "Values": ["x"]}])


def test_address_filters(ec2, world):
    allocation = world["allocation"]["AllocationId"]
    unused = ec2.allocate_address(Domain="vpc")["AllocationId"]

    def addresses(name: str, value: str) -> list[str]:
        found = ec2.describe_addresses(Filters=[{"Name": name, "Values": [value]}])
        return ids(found["Addresses"], "AllocationId")

    assert addresses("domain", "vpc") == [allocation, unused]
    assert addresses("network-interface-id", world["extra"]) == [allocation]
    assert addresses("instance-id", world["a"]["InstanceId"]) == [allocation]
    assert addresses("public-ip", world["allocation"]["PublicIp"]) == [allocation]
    assert addresses("allocation-id", unused) == [unused]


def test_security_group_and_gateway_filters(ec2, vpc_id, igw):
    groups = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]
    assert [g["GroupName"] for g in groups] == ["default"]
    gateways = ec2.describe_internet_gateways(
        Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])["InternetGateways"]
    assert ids(gateways, "InternetGatewayId") == [igw]


def test_an_unknown_filter_name_is_refused(cloud, ec2, new_eni):
    with refused(cloud, "InvalidParameterValue", "The filter 'colour' is invalid"):
        ec2.describe_network_interfaces(Filters=[{"Name": "colour", "Values": ["red"]}])
    new_eni()
    with refused(cloud, "InvalidParameterValue", "The filter 'colour' is invalid"):
        ec2.describe_network_interfaces(Filters=[{"Name": "colour", "Values": ["red"]}])


# -- tags --------------------------------------------------------------------------------------
def test_tags_from_tag_specifications_and_create_tags(ec2, subnet_id, vpc_id, new_eni):
    tagged = new_eni(TagSpecifications=[{"ResourceType": "network-interface",
                                         "Tags": [{"Key": "role", "Value": "db"}]}])
    plain = new_eni()
    ec2.create_tags(Resources=[plain, vpc_id], Tags=[{"Key": "role", "Value": "web"},
                                                     {"Key": "team", "Value": "blue"}])
    described = ec2.describe_network_interfaces(NetworkInterfaceIds=[tagged, plain])
    assert [e["TagSet"] for e in described["NetworkInterfaces"]] == [
        [{"Key": "role", "Value": "db"}],
        [{"Key": "role", "Value": "web"}, {"Key": "team", "Value": "blue"}]]
    assert enis(ec2, "tag:role", "db") == [tagged]
    assert enis(ec2, "tag:role", "web", "db") == [tagged, plain]
    assert enis(ec2, "tag-key", "team") == [plain]
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "tag:team", "Values": ["blue"]}])["Vpcs"]
    assert ids(vpcs, "VpcId") == [vpc_id]


def test_tags_on_every_kind_of_resource(ec2, vpc_id, subnet_id, igw, instance_id, eni_id):
    group = ec2.create_security_group(GroupName="t", Description="t", VpcId=vpc_id)["GroupId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    resources = [vpc_id, subnet_id, igw, instance_id, eni_id, group, allocation]
    ec2.create_tags(Resources=resources, Tags=[{"Key": "lab", "Value": "1"}])
    tag = [{"Key": "lab", "Value": "1"}]
    assert ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Tags"] == tag
    assert ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]["Tags"] == tag
    assert ec2.describe_internet_gateways(InternetGatewayIds=[igw])["InternetGateways"][0][
        "Tags"] == tag
    assert ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0][
        "Tags"] == tag
    assert ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["Tags"] == tag
    assert ec2.describe_addresses(AllocationIds=[allocation])["Addresses"][0]["Tags"] == tag
    found = ec2.describe_instances(Filters=[{"Name": "tag:lab", "Values": ["1"]}])
    assert [i["InstanceId"] for r in found["Reservations"] for i in r["Instances"]] == [
        instance_id]


def test_delete_tags(ec2, vpc_id):
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "a", "Value": "1"},
                                              {"Key": "b", "Value": "2"}])
    ec2.delete_tags(Resources=[vpc_id], Tags=[{"Key": "a"}])
    assert ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Tags"] == [{"Key": "b", "Value": "2"}]


def test_tagging_a_missing_resource_tags_nothing(cloud, ec2, vpc_id):
    with refused(cloud, "InvalidVpcID.NotFound", f"vpc-{MISSING}' does not exist"):
        ec2.create_tags(Resources=[vpc_id, f"vpc-{MISSING}"], Tags=[{"Key": "a", "Value": "1"}])


def test_create_with_tag_specifications(ec2, vpc_id):
    def spec(kind: str) -> list[dict]:
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": "lab"}]}]

    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16", TagSpecifications=spec("vpc"))["Vpc"]
    subnet = ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.7.0.0/24",
                               TagSpecifications=spec("subnet"))["Subnet"]
    gateway = ec2.create_internet_gateway(
        TagSpecifications=spec("internet-gateway"))["InternetGateway"]
    group = ec2.create_security_group(GroupName="g", Description="g", VpcId=vpc_id,
                                      TagSpecifications=spec("security-group"))
    address = ec2.allocate_address(Domain="vpc", TagSpecifications=spec("elastic-ip"))
    assert "Tags" not in address  # AllocateAddress answers no tags; describe shows them
    name = [{"Key": "Name", "Value": "lab"}]
    assert vpc["Tags"] == subnet["Tags"] == gateway["Tags"] == group["Tags"] == name
    assert ec2.describe_addresses(AllocationIds=[address["AllocationId"]])["Addresses"][0][
        "Tags"] == name


def test_a_launch_tags_its_instance_and_the_interfaces_it_creates(cloud, ec2, subnet_id):
    spec = [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": kind}]}
            for kind in ("instance", "network-interface")]
    instance = ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                                 NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                                    {"DeviceIndex": 1, "SubnetId": subnet_id}],
                                 TagSpecifications=spec)["Instances"][0]
    assert instance["Tags"] == [{"Key": "Name", "Value": "instance"}]
    enis = ec2.describe_network_interfaces(Filters=[
        {"Name": "attachment.instance-id", "Values": [instance["InstanceId"]]}])
    assert [e["TagSet"] for e in enis["NetworkInterfaces"]] == [
        [{"Key": "Name", "Value": "network-interface"}]] * 2
    with refused(cloud, "InvalidParameterValue", "expected one of instance, network-interface"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                          SubnetId=subnet_id, TagSpecifications=[
                              {"ResourceType": "volume", "Tags": [{"Key": "k", "Value": "v"}]}])


def test_tag_specifications_for_another_kind_of_resource_are_refused(cloud, ec2, vpc_id):
    # AWS refuses a TagSpecifications entry whose resource type the call does not create,
    # rather than dropping its tags.
    spec = [{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": "lab"}]}]
    with refused(cloud, "InvalidParameterValue", "TagSpecifications[0].ResourceType"):
        ec2.create_vpc(CidrBlock="10.7.0.0/16", TagSpecifications=spec)
    with refused(cloud, "MissingParameter", "TagSpecifications[0].ResourceType"):
        ec2.create_internet_gateway(TagSpecifications=[{"Tags": []}])


# -- pages -------------------------------------------------------------------------------------
@pytest.mark.parametrize("operation, key, make", [
    ("describe_network_interfaces", "NetworkInterfaces", "eni"),
    ("describe_instances", "Reservations", "instance"),
    ("describe_subnets", "Subnets", "subnet"),
    ("describe_vpcs", "Vpcs", "vpc"),
    ("describe_security_groups", "SecurityGroups", "group"),
    ("describe_internet_gateways", "InternetGateways", "gateway"),
])
def test_paginators_walk_every_item_once(ec2, vpc_id, launch, new_eni, operation, key, make):
    for n in range(7):
        if make == "eni":
            new_eni()
        elif make == "instance":
            launch("t3.micro")
        elif make == "subnet":
            ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.0.{100 + n}.0/24")
        elif make == "vpc":
            ec2.create_vpc(CidrBlock=f"10.{100 + n}.0.0/16")
        elif make == "group":
            ec2.create_security_group(GroupName=f"g{n}", Description="g", VpcId=vpc_id)
        else:
            ec2.create_internet_gateway()
    everything = getattr(ec2, operation)()[key]
    pages = list(ec2.get_paginator(operation).paginate(PaginationConfig={"PageSize": 5}))
    assert len(pages) > 1
    assert all(len(page[key]) <= 5 for page in pages)
    assert [item for page in pages for item in page[key]] == everything


def test_max_results_and_next_token(ec2, new_eni):
    made = [new_eni() for _ in range(6)]
    first = ec2.describe_network_interfaces(MaxResults=5)
    assert len(first["NetworkInterfaces"]) == 5 and first["NextToken"]
    rest = ec2.describe_network_interfaces(MaxResults=5, NextToken=first["NextToken"])
    assert "NextToken" not in rest
    seen = ids(first["NetworkInterfaces"] + rest["NetworkInterfaces"], "NetworkInterfaceId")
    assert set(made) <= set(seen)


def test_a_bad_next_token_is_refused(cloud, ec2):
    with refused(cloud, "InvalidNextToken", "The token is not valid"):
        ec2.describe_network_interfaces(MaxResults=5, NextToken="not-a-token")


# -- what is not modelled, errors as a client raises them, DryRun ------------------------------
def test_an_operation_the_simulation_does_not_model_is_refused_by_name(cloud, ec2):
    with refused(cloud, "UnsupportedOperation", "DescribeVolumes") as caught:
        ec2.describe_volumes()
    assert caught.value.operation_name == "DescribeVolumes"


def test_errors_are_client_errors_of_the_client(ec2):
    with pytest.raises(ec2.exceptions.ClientError) as caught:
        ec2.describe_vpcs(VpcIds=[f"vpc-{MISSING}"])
    assert isinstance(caught.value, ClientError)
    assert caught.value.response["Error"]["Code"] == "InvalidVpcID.NotFound"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert caught.value.response["ResponseMetadata"]["RequestId"]


def test_dry_run_answers_dry_run_operation_and_changes_nothing(cloud, ec2, subnet_id):
    with refused(cloud, "DryRunOperation", "Request would have succeeded") as caught:
        ec2.create_network_interface(SubnetId=subnet_id, DryRun=True)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    with refused(cloud, "DryRunOperation", "Request would have succeeded, but DryRun flag is set"):
        ec2.run_instances(ImageId="ami-0a5c3558529277641", MinCount=1, MaxCount=1, DryRun=True)
