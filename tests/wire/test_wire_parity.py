"""Both doors give the same answers: one scenario, in-process and over HTTP, compared call by call.

Two accounts with the same seed get the same calls, one through ``cloud.client()`` and one
through a botocore client talking to ``ec2sim serve``. Every answer (responses and refusals
alike) must be identical apart from the request metadata.
"""

from __future__ import annotations

from botocore.exceptions import ClientError
from wire_support import AMI, build_lab, http_client

import ec2sim
from ec2sim.server import serve


class Recorder:
    """Calls an EC2 client and writes down what came back, errors included."""

    def __init__(self, ec2) -> None:
        self.ec2 = ec2
        self.log: list[tuple] = []

    def __call__(self, method: str, **params):
        try:
            response = getattr(self.ec2, method)(**params)
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            self.log.append((method, "refused", status, error.response["Error"]))
            return None
        response.pop("ResponseMetadata")
        self.log.append((method, "answered", response))
        return response


def scenario(ec2) -> list[tuple]:
    """The user guide's story, with the refusals a learner meets along the way."""
    call = Recorder(ec2)
    lab = build_lab(ec2)
    call("describe_vpcs")
    call("describe_subnets", SubnetIds=[lab.subnet_id])
    web = call(
        "run_instances",
        ImageId=AMI,
        InstanceType="m5.large",
        MinCount=1,
        MaxCount=1,
        NetworkInterfaces=[
            {
                "DeviceIndex": 0,
                "SubnetId": lab.subnet_id,
                "SecondaryPrivateIpAddressCount": 2,
                "Ipv6AddressCount": 2,
            }
        ],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}],
        ClientToken="web-launch",  # over HTTP botocore would put a random one here
    )["Instances"][0]
    standby = call(
        "run_instances", ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
        SubnetId=lab.subnet_id, ClientToken="standby-launch",
    )["Instances"][0]  # fmt: skip
    call("run_instances", ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
         SubnetId=lab.subnet_id, ClientToken="standby-launch")  # a retry: the same instance
    eth0 = web["NetworkInterfaces"][0]["NetworkInterfaceId"]
    standby_eth0 = standby["NetworkInterfaces"][0]["NetworkInterfaceId"]
    extra = call("create_network_interface", SubnetId=lab.subnet_id, Description="extra",
                 ClientToken="extra")
    extra_id = extra["NetworkInterface"]["NetworkInterfaceId"]
    call("attach_network_interface", NetworkInterfaceId=extra_id, InstanceId=web["InstanceId"],
         DeviceIndex=1)  # fmt: skip
    call("attach_network_interface", NetworkInterfaceId=extra_id, InstanceId=web["InstanceId"],
         DeviceIndex=2)  # fmt: skip
    call("assign_private_ip_addresses", NetworkInterfaceId=eth0,
         PrivateIpAddresses=["10.0.1.50", "10.0.1.51"])  # fmt: skip
    call("assign_private_ip_addresses", NetworkInterfaceId=eth0, SecondaryPrivateIpAddressCount=1)
    call("assign_private_ip_addresses", NetworkInterfaceId=standby_eth0,
         PrivateIpAddresses=["10.0.1.50"])  # fmt: skip
    call("assign_private_ip_addresses", NetworkInterfaceId=eth0, PrivateIpAddresses=["10.9.9.9"])
    call("assign_private_ip_addresses", NetworkInterfaceId=eth0, SecondaryPrivateIpAddressCount=40)
    allocation = call("allocate_address", Domain="vpc")
    call("associate_address", AllocationId=allocation["AllocationId"], NetworkInterfaceId=eth0,
         PrivateIpAddress="10.0.1.50")  # fmt: skip
    call("associate_address", AllocationId=allocation["AllocationId"], InstanceId=web["InstanceId"])
    call("assign_private_ip_addresses", NetworkInterfaceId=standby_eth0,
         PrivateIpAddresses=["10.0.1.50"], AllowReassignment=True)  # fmt: skip
    call("describe_addresses")
    call("describe_instances", InstanceIds=[web["InstanceId"], standby["InstanceId"]])
    call("describe_network_interfaces",
         Filters=[{"Name": "subnet-id", "Values": [lab.subnet_id]}])  # fmt: skip
    call("unassign_private_ip_addresses", NetworkInterfaceId=standby_eth0,
         PrivateIpAddresses=["10.0.1.50"])  # fmt: skip
    call("unassign_private_ip_addresses", NetworkInterfaceId=standby_eth0,
         PrivateIpAddresses=["10.0.1.50"])  # fmt: skip
    call("describe_addresses", AllocationIds=[allocation["AllocationId"]])
    taken = call("assign_ipv6_addresses", NetworkInterfaceId=eth0, Ipv6AddressCount=1)
    call("assign_ipv6_addresses", NetworkInterfaceId=extra_id,
         Ipv6Addresses=taken["AssignedIpv6Addresses"])  # fmt: skip
    call("unassign_ipv6_addresses", NetworkInterfaceId=eth0,
         Ipv6Addresses=taken["AssignedIpv6Addresses"])  # fmt: skip
    call("assign_ipv6_addresses", NetworkInterfaceId=extra_id,
         Ipv6Addresses=taken["AssignedIpv6Addresses"])  # fmt: skip
    call("detach_network_interface", AttachmentId=web["NetworkInterfaces"][0]["Attachment"][
        "AttachmentId"])  # fmt: skip
    call("stop_instances", InstanceIds=[standby["InstanceId"]])
    call("describe_instances", Filters=[{"Name": "instance-state-name", "Values": ["stopped"]}])
    call("terminate_instances", InstanceIds=[web["InstanceId"]])
    call("describe_network_interfaces", NetworkInterfaceIds=[extra_id])
    call("release_address", AllocationId=allocation["AllocationId"])
    call("describe_instance_types", InstanceTypes=["m5.large", "t3.micro"])
    call("run_instances", ImageId="ami-nope", InstanceType="t3.micro", MinCount=1, MaxCount=1)
    call("describe_instances", DryRun=True)
    return call.log


def test_in_process_and_http_give_identical_answers():
    in_process = scenario(ec2sim.Cloud(seed=0).client())
    with serve(ec2sim.Cloud(seed=0)) as endpoint:
        over_http = scenario(http_client(endpoint))
    assert len(over_http) == len(in_process)
    for local, remote in zip(in_process, over_http, strict=True):
        assert remote == local
    outcomes = {entry[1] for entry in in_process}
    assert outcomes == {"answered", "refused"}  # the scenario covers both kinds of answer
