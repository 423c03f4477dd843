"""How much the simulation costs next to botocore itself, and next to moto.

One boto3 workload - a round robin of: assign one auto-picked secondary IPv4, associate an
Elastic IP with it, disassociate it, unassign the address, describe the interface - runs against
three peers in the same process, in many short alternating slices (200 rounds of the mix each,
the peers' order reversed every other slice). The ratio is the median of each slice's own
ec2sim / floor: two slices side by side meet the same machine. On a shared machine whose speed
drifts by a third over tens of seconds, three long rounds a peer measured the drift, and so does
one peer's best slice against the other's (both are printed).

* floor:  the same real botocore client (``ec2sim.client.bare_client``), answering each call at
          its before-call hook with a canned response (what botocore alone costs: no simulation);
* ec2sim: ``cloud.client()``;
* moto:   ``moto.mock_aws`` (answers at before-send, after signing and serialising).

It prints ec2sim's time per call divided by the floor's (required: <= 1.3) and moto's divided by
ec2sim's. Also: start-up (import + first client, then later clients) and the scale check (the
last 1,000 of 60,000 IPv4 / 100,000 IPv6 auto-assignments against the first 1,000).

    python bench/api_vs_moto.py [--calls 200] [--rounds 30] [--skip-moto] [--skip-scale]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CALLS_PER_KIND = 200  # rounds of the five-call mix in one slice
SLICES = 30
KINDS = 5


def build_scene(ec2):
    """A VPC with an internet gateway, a subnet, one m5.large instance and one Elastic IP."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    image = bench_image(ec2)
    instance = ec2.run_instances(ImageId=image, InstanceType="m5.large", MinCount=1, MaxCount=1,
                                 SubnetId=subnet)["Instances"][0]
    eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    return eni, allocation


def bench_image(ec2) -> str:
    from ec2sim.images import AMAZON_LINUX_2023

    if ec2.meta.endpoint_url.endswith("ec2sim.invalid"):
        return AMAZON_LINUX_2023
    return ec2.describe_images()["Images"][0]["ImageId"]  # moto's own catalogue


def workload(ec2, eni: str, allocation: str, calls: int) -> float:
    """Seconds per call for ``calls`` rounds of the five-call mix."""
    start = time.perf_counter()
    for _ in range(calls):
        assigned = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni,
                                                   SecondaryPrivateIpAddressCount=1)
        address = assigned["AssignedPrivateIpAddresses"][0]["PrivateIpAddress"]
        association = ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni,
                                            PrivateIpAddress=address)["AssociationId"]
        ec2.disassociate_address(AssociationId=association)
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni, PrivateIpAddresses=[address])
        ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])
    return (time.perf_counter() - start) / (calls * KINDS)


def floor_client(canned: dict):
    """The same botocore client ec2sim starts from, answering every call with a canned
    response at before-call: what botocore alone costs."""
    from ec2sim.client import bare_client

    client = bare_client("us-east-1")

    class Reply:
        status_code = 200
        headers: dict = {}
        content = b""
        raw = None

    def answer(model, **_):
        return Reply(), dict(canned[model.name])

    client.meta.events.register("before-call.ec2", answer)
    return client


def canned_responses(cloud, eni, allocation) -> dict:
    """Real responses of each operation of the mix, captured once from the simulation."""
    ec2 = cloud.client()
    assigned = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni,
                                               SecondaryPrivateIpAddressCount=1)
    address = assigned["AssignedPrivateIpAddresses"][0]["PrivateIpAddress"]
    associated = ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni,
                                       PrivateIpAddress=address)
    disassociated = ec2.disassociate_address(AssociationId=associated["AssociationId"])
    unassigned = ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni,
                                                   PrivateIpAddresses=[address])
    described = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])
    return {"AssignPrivateIpAddresses": assigned, "AssociateAddress": associated,
            "DisassociateAddress": disassociated, "UnassignPrivateIpAddresses": unassigned,
            "DescribeNetworkInterfaces": described}


def api_bench(calls: int, rounds: int, with_moto: bool) -> None:
    import ec2sim

    cloud = ec2sim.Cloud(seed=0)
    sim = cloud.client()
    eni, allocation = build_scene(sim)
    floor = floor_client(canned_responses(cloud, eni, allocation))
    peers = {"floor": (floor, eni, allocation), "ec2sim": (sim, eni, allocation)}
    if with_moto:
        import boto3
        from moto import mock_aws

        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        mock = mock_aws()
        mock.start()
        moto_ec2 = boto3.client("ec2", region_name="us-east-1", aws_access_key_id="x",
                                aws_secret_access_key="x")
        peers["moto"] = (moto_ec2, *build_scene(moto_ec2))
    for client, e, a in peers.values():  # warm up every path once
        workload(client, e, a, 20)
    best = {name: float("inf") for name in peers}
    paired = []  # ec2sim / floor within each slice: a second, paired view of the same ratio
    for round_no in range(rounds):
        order = list(peers.items()) if round_no % 2 == 0 else list(peers.items())[::-1]
        took = {}
        for name, (client, e, a) in order:
            n = calls if name != "moto" else max(calls // 10, 20)  # moto is slow: fewer calls
            took[name] = workload(client, e, a, n)
            best[name] = min(best[name], took[name])
        paired.append(took["ec2sim"] / took["floor"])
        if (round_no + 1) % 10 == 0 or round_no + 1 == rounds:
            print(f"  after {round_no + 1} slices, best: " + ", ".join(
                f"{name} {best[name] * 1e6:.0f} us/call" for name in peers), flush=True)
    print(f"ec2sim / floor = {statistics.median(paired):.2f}   (required: <= 1.3; the median of "
          f"the {rounds} slices' own ratios; best slice against best slice: "
          f"{best['ec2sim'] / best['floor']:.2f})")
    if with_moto:
        print(f"moto / ec2sim  = {best['moto'] / best['ec2sim']:.1f}   (ec2sim is this many "
              "times faster than moto)")
        mock.stop()


STARTUP = """
import time
t0 = time.perf_counter()
import {module}
{first}
t1 = time.perf_counter()
for seed in range(20):
    {later}
t2 = time.perf_counter()
print(t1 - t0, (t2 - t1) / 20)
"""


def startup_bench() -> None:
    """Import + first client, and each later client, against botocore's own first EC2 client."""
    def run(module: str, first: str, later: str) -> tuple[float, float]:
        code = STARTUP.format(module=module, first=first, later=later)
        runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True).stdout.split() for _ in range(3)]
        return min(float(r[0]) for r in runs), min(float(r[1]) for r in runs)

    sim_first, sim_later = run("ec2sim", "ec2sim.Cloud(seed=0).client()",
                               "ec2sim.Cloud(seed=seed).client()")
    boto_first, _ = run("botocore.session",
                        "botocore.session.get_session().create_client('ec2', "
                        "region_name='us-east-1', aws_access_key_id='x', "
                        "aws_secret_access_key='x')", "pass")
    print(f"start-up: import ec2sim + first Cloud().client() = {sim_first / boto_first:.2f} x "
          f"botocore's own first EC2 client ({sim_first * 1e3:.0f} ms vs "
          f"{boto_first * 1e3:.0f} ms)")
    print(f"start-up: each later Cloud(seed=...).client() = {sim_later * 1e3:.1f} ms "
          "(required: <= 20 ms)")


def scale_bench() -> None:
    """Auto-assign 60,000 IPv4 in a /16 and 100,000 IPv6 in a /64; last 1,000 vs first 1,000."""
    import ec2sim

    cloud = ec2sim.Cloud(seed=0)
    vpc = cloud.dispatch("CreateVpc", {"CidrBlock": "10.0.0.0/16",
                                       "AmazonProvidedIpv6CidrBlock": True})["Vpc"]
    v6 = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    subnet = cloud.dispatch("CreateSubnet", {"VpcId": vpc["VpcId"], "CidrBlock": "10.0.0.0/16",
                                             "Ipv6CidrBlock": v6.replace("/56", "/64"),
                                             "AvailabilityZone": "us-east-1a"})["Subnet"]
    sid = subnet["SubnetId"]
    per_eni = 49  # an unattached interface holds up to 50 IPv4 (the largest types' limit)

    def fill(total: int, count_param: str, operation: str) -> list[float]:
        times, eni, left_on_eni = [], None, 0
        for _ in range(total):
            if left_on_eni == 0:
                eni = cloud.dispatch("CreateNetworkInterface", {"SubnetId": sid})[
                    "NetworkInterface"]["NetworkInterfaceId"]
                left_on_eni = per_eni
            start = time.perf_counter()
            cloud.dispatch(operation, {"NetworkInterfaceId": eni, count_param: 1})
            times.append(time.perf_counter() - start)
            left_on_eni -= 1
        return times

    ipv4 = fill(60_000, "SecondaryPrivateIpAddressCount", "AssignPrivateIpAddresses")
    ipv6 = fill(100_000, "Ipv6AddressCount", "AssignIpv6Addresses")
    for name, times in (("IPv4 (60,000 in a /16)", ipv4), ("IPv6 (100,000 in a /64)", ipv6)):
        first, last = sorted(times[:1000])[500], sorted(times[-1000:])[500]
        print(f"scale {name}: last 1,000 / first 1,000 = {last / first:.2f}   "
              "(median per call; required: <= 1.5)")
    left = cloud.dispatch("DescribeSubnets", {"SubnetIds": [sid]})["Subnets"][0]
    print(f"  (the subnet's AvailableIpAddressCount is now {left['AvailableIpAddressCount']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=CALLS_PER_KIND)
    parser.add_argument("--rounds", type=int, default=SLICES)
    parser.add_argument("--skip-moto", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    print(f"API mix: {KINDS} operations x {args.calls} rounds a slice, best of {args.rounds} "
          "slices a peer")
    api_bench(args.calls, args.rounds, not args.skip_moto)
    startup_bench()
    if not args.skip_scale:
        scale_bench()


if __name__ == "__main__":
    main()
