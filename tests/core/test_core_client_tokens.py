"""ClientToken: a retried create answers with what the first request made (ec2sim.idempotency)."""

from __future__ import annotations

from checks import refused
from core_support import AMI

import ec2sim


def launch(ec2, subnet_id, token, instance_type="t3.micro", **kwargs):
    return ec2.run_instances(ImageId=AMI, InstanceType=instance_type, MinCount=1, MaxCount=1,
                             SubnetId=subnet_id, ClientToken=token, **kwargs)


def instance_ids(ec2) -> list[str]:
    return sorted(i["InstanceId"] for r in ec2.describe_instances()["Reservations"]
                  for i in r["Instances"])


def test_a_retried_launch_answers_with_the_first_reservation_and_launches_nothing(
        cloud, ec2, subnet_id):
    first = launch(ec2, subnet_id, "web-1-launch")
    before = cloud.snapshot()
    again = launch(ec2, subnet_id, "web-1-launch")
    assert again["ReservationId"] == first["ReservationId"]
    assert [i["InstanceId"] for i in again["Instances"]] == [
        i["InstanceId"] for i in first["Instances"]]
    assert again["Instances"][0]["State"]["Name"] == "running"  # as it is now
    assert cloud.snapshot() == before
    assert instance_ids(ec2) == [first["Instances"][0]["InstanceId"]]


def test_a_launch_with_a_new_token_or_none_launches_again(ec2, subnet_id):
    launch(ec2, subnet_id, "one")
    launch(ec2, subnet_id, "two")
    ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                      SubnetId=subnet_id)
    assert len(instance_ids(ec2)) == 3


def test_the_token_shows_on_the_instance_and_filters_it(ec2, subnet_id):
    made = launch(ec2, subnet_id, "tok-7")["Instances"][0]["InstanceId"]
    launch(ec2, subnet_id, "tok-8")
    found = ec2.describe_instances(Filters=[{"Name": "client-token", "Values": ["tok-7"]}])
    [instance] = [i for r in found["Reservations"] for i in r["Instances"]]
    assert (instance["InstanceId"], instance["ClientToken"]) == (made, "tok-7")


def test_a_token_reused_with_other_parameters_is_refused(cloud, ec2, subnet_id):
    launch(ec2, subnet_id, "tok")
    with refused(cloud, "IdempotentParameterMismatch", "inconsistent with arguments used in "
                 "previous request(s)"):
        launch(ec2, subnet_id, "tok", instance_type="t3.small")


def test_a_token_whose_instance_was_terminated_cannot_launch_again(cloud, ec2, subnet_id):
    made = launch(ec2, subnet_id, "tok")["Instances"][0]["InstanceId"]
    ec2.terminate_instances(InstanceIds=[made])
    with refused(cloud, "IdempotentInstanceTerminated", "already deleted"):
        launch(ec2, subnet_id, "tok")


def test_undoing_the_launch_frees_its_token(cloud, ec2, subnet_id):
    launch(ec2, subnet_id, "tok")
    cloud.undo()
    assert instance_ids(ec2) == []
    again = launch(ec2, subnet_id, "tok")["Instances"][0]
    assert again["State"]["Name"] == "pending"  # launched now, not a retry's answer
    assert instance_ids(ec2) == [again["InstanceId"]]


def test_a_saved_lab_keeps_the_tokens(cloud, ec2, subnet_id, tmp_path):
    first = launch(ec2, subnet_id, "tok")
    cloud.save(tmp_path / "lab.json")
    loaded = ec2sim.Cloud.load(tmp_path / "lab.json")
    again = loaded.client().run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1,
                                          MaxCount=1, SubnetId=subnet_id, ClientToken="tok")
    assert again["ReservationId"] == first["ReservationId"]


def test_a_retried_create_network_interface_answers_with_the_same_interface(cloud, ec2,
                                                                            subnet_id):
    first = ec2.create_network_interface(SubnetId=subnet_id, ClientToken="eni-tok")
    before = cloud.snapshot()
    again = ec2.create_network_interface(SubnetId=subnet_id, ClientToken="eni-tok")
    assert again["NetworkInterface"]["NetworkInterfaceId"] == (
        first["NetworkInterface"]["NetworkInterfaceId"])
    assert again["ClientToken"] == "eni-tok"
    assert cloud.snapshot() == before
    with refused(cloud, "IdempotentParameterMismatch", "inconsistent with arguments"):
        ec2.create_network_interface(SubnetId=subnet_id, ClientToken="eni-tok",
                                     Description="another")


def test_a_retried_create_route_table_answers_with_the_same_table(cloud, ec2, vpc_id):
    first = ec2.create_route_table(VpcId=vpc_id, ClientToken="rtb-tok")
    again = ec2.create_route_table(VpcId=vpc_id, ClientToken="rtb-tok")
    assert again["RouteTable"]["RouteTableId"] == first["RouteTable"]["RouteTableId"]
    assert again["ClientToken"] == "rtb-tok"
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])
    assert len(tables["RouteTables"]) == 2  # the main table and this one
