"""The diagram's caption says what a call changed in plain words, never the simulation's own
event names ("os-address i-…/10.0.1.4", "instance i-… on running")."""

from __future__ import annotations

from ec2sim import diagram, images, scenarios
from ec2sim.diagram.caption import caption_lines


def launch_and_terminate():
    cloud = scenarios.web_server()
    ec2 = cloud.client()
    seen = []
    cloud.subscribe(seen.append)
    subnet = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": ["public-a"]}])[
        "Subnets"][0]["SubnetId"]
    instance = ec2.run_instances(ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium",
                                 MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    launched = "\n".join(caption_lines(seen[-1], limit=10)[0])
    ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
    return cloud, instance, launched, seen[-1]


def test_a_launch_is_captioned_in_plain_words():
    _, instance, caption, _ = launch_and_terminate()
    mine = instance["InstanceId"]
    address = instance["PrivateIpAddress"]
    assert f"instance {mine}, running" in caption
    assert f"network interface {instance['NetworkInterfaces'][0]['NetworkInterfaceId']} in " \
           f"{instance['SubnetId']}" in caption
    assert f"the OS of {mine} uses {address} on " in caption
    assert "os-address" not in caption and " on running" not in caption


def test_a_termination_lists_what_the_os_dropped_once_in_the_caption_not_as_removed_things():
    cloud, instance, _, terminated = launch_and_terminate()
    caption = "\n".join(caption_lines(terminated, limit=10)[0])
    assert f"the OS of {instance['InstanceId']} stopped using {instance['PrivateIpAddress']}" \
        in caption
    text = diagram.to_text(cloud, terminated)
    assert "os-address" not in text and "os-address" not in caption
