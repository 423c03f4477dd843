"""ec2sim: one simulated AWS account, answering the real EC2 API in-process.

Picture a whiteboard with a VPC drawn on it: subnets, instances, their network interfaces, and
on each interface a handful of addresses with arrows to Elastic IPs. ``Cloud`` is that
whiteboard. ``cloud.client()`` hands you a genuine botocore EC2 client; every call you make with
it is checked against EC2's rules and, if EC2 would accept it, redrawn on the whiteboard. If EC2
would refuse it, you get EC2's own error and the whiteboard is left exactly as it was.

    >>> import ec2sim
    >>> cloud = ec2sim.Cloud(seed=0)
    >>> ec2 = cloud.client()
    >>> vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]
"""

from ec2sim.cloud import Cloud
from ec2sim.errors import EC2Error
from ec2sim.events import Change, Event

__all__ = ["Cloud", "EC2Error", "Change", "Event"]
