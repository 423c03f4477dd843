"""How much the live diagram adds on top of Graphviz, and how well it coalesces bursts.

For three scenes (small: 3 instances, 6 interfaces, 20 addresses, 5 Elastic IPs; medium: about
150 graph nodes; large: about 600) this measures, in the same run:

- the time from a change event to the new SVG being in the ``widgets.Diagram`` (waking its
  drawing thread, reading the world through the describe calls, building the DOT, running
  ``dot``, embedding the SVG). The widget keeps one ``dot`` process started ahead, waiting
  for input, so a change does not also wait for a process to start;
- the time ``dot`` alone needs to turn the same DOT into SVG (``dot -Tsvg``, started for it);

and prints their ratio (best of several tries each; required: at most 1.25 for medium and
large), then how many renders a burst of 100 API calls caused (required: at most 3).

    .venv/bin/python bench/diagram_latency.py [--tries N] [--png DIR]

``--png DIR`` also writes each scene as ``DIR/diagram-<scene>.png`` to look at; ``--cold`` makes
the widget start ``dot`` for each picture, to see what starting it ahead saves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ec2sim  # noqa: E402
from ec2sim import diagram  # noqa: E402
from widgets.diagram import Diagram  # noqa: E402

AMI = "ami-0a5c3558529277641"  # Amazon Linux 2023 in the simulation's catalogue


def _no_real_aws() -> None:
    """The simulated client never needs the developer's AWS configuration."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def build_scene(cloud: ec2sim.Cloud, instances: int, extra_enis: int, secondaries: int,
                ipv6: int, eips: int, available: int = 1, prefixes: bool = False) -> dict:
    """A dual-stack VPC with two subnets and ``instances`` t3/m5 instances, each with
    ``extra_enis`` more interfaces; ``secondaries`` secondary IPv4 addresses on eth0 (one fewer
    on the others), ``ipv6`` IPv6 addresses on eth0; ``eips`` Elastic IPs (the last one left
    unassociated); ``available`` detached interfaces; with ``prefixes``, an IPv4 /28 on the
    first instance and an IPv6 /80 on the last."""
    ec2 = cloud.client()
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    vpc_id = vpc["VpcId"]
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "lab"}])
    block = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    prefix = block.split("::")[0]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)
    subnets = []
    for n in range(2):
        six = f"{prefix[:-2]}{int(prefix[-2:], 16) + n:02x}::/64"
        subnets.append(ec2.create_subnet(
            VpcId=vpc_id, CidrBlock=f"10.0.{n * 8}.0/21", AvailabilityZone="us-east-1a",
            Ipv6CidrBlock=six)["Subnet"]["SubnetId"])
    enis: list[tuple[str, str]] = []  # (interface, its primary private IPv4)
    for n in range(instances):
        kind = "m5.large" if n % 3 == 2 else "t3.medium"
        spec = {"DeviceIndex": 0, "SubnetId": subnets[0],
                "SecondaryPrivateIpAddressCount": secondaries}
        if ipv6:
            spec["Ipv6AddressCount"] = ipv6
        instance = ec2.run_instances(
            ImageId=AMI, InstanceType=kind, MinCount=1, MaxCount=1, NetworkInterfaces=[spec],
            TagSpecifications=[{"ResourceType": "instance",
                                "Tags": [{"Key": "Name", "Value": f"web-{n + 1}"}]}],
        )["Instances"][0]
        eth0 = instance["NetworkInterfaces"][0]
        enis.append((eth0["NetworkInterfaceId"], eth0["PrivateIpAddress"]))
        for index in range(1, extra_enis + 1):
            eni = ec2.create_network_interface(
                SubnetId=subnets[index % 2],
                SecondaryPrivateIpAddressCount=max(secondaries - 1, 0))["NetworkInterface"]
            ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                         InstanceId=instance["InstanceId"], DeviceIndex=index)
            enis.append((eni["NetworkInterfaceId"], eni["PrivateIpAddress"]))
    if prefixes:
        ec2.assign_private_ip_addresses(NetworkInterfaceId=enis[0][0], Ipv4PrefixCount=1)
        ec2.assign_ipv6_addresses(NetworkInterfaceId=enis[-1 - extra_enis][0], Ipv6PrefixCount=1)
    for _ in range(available):
        ec2.create_network_interface(SubnetId=subnets[0], SecondaryPrivateIpAddressCount=1)
    for n in range(eips):
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        if n < eips - 1 and n < len(enis):
            eni_id, ip = enis[n * max(len(enis) // eips, 1)]
            ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id,
                                  PrivateIpAddress=ip)
    return {"ec2": ec2, "enis": [e for e, _ in enis], "subnets": subnets,
            "roomy": enis[2 * (1 + extra_enis)][0]}  # eth0 of the first m5.large


SCENES = {
    # 3 instances, 6 interfaces, 20 addresses (12 IPv4, 3 IPv6, 2 prefixes... see the scene),
    # 5 Elastic IPs
    "small": dict(instances=3, extra_enis=1, secondaries=2, ipv6=1, eips=5, available=0,
                  prefixes=True),
    "medium": dict(instances=9, extra_enis=1, secondaries=4, ipv6=2, eips=5, available=1),
    "large": dict(instances=26, extra_enis=2, secondaries=5, ipv6=3, eips=5, available=2),
}


def graph_nodes(svg: str) -> int:
    return svg.count('class="node')


def _dot_alone(source: str) -> float:
    """Seconds ``dot -Tsvg`` takes on the DOT text (the peer we measure against)."""
    start = time.perf_counter()
    subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True)
    return time.perf_counter() - start


def measure(name: str, tries: int, png_dir: Path | None, cold: bool = False) -> dict:
    cloud = ec2sim.Cloud(seed=0)
    scene = build_scene(cloud, **SCENES[name])
    ec2, eni = scene["ec2"], scene["roomy"]
    stamps: dict[str, float] = {}
    # Subscribed before the widget, so it hears each event first: the moment the change is
    # published, which is where the widget's latency starts.
    stamps_seq: list[int] = []

    def heard(event: ec2sim.Event) -> None:
        stamps["event"] = time.perf_counter()
        stamps_seq.append(event.seq)

    cloud.subscribe(heard)
    view = Diagram(cloud, start_ahead=not cold)
    arrived = threading.Event()

    def shown(_change: object) -> None:
        stamps["shown"] = time.perf_counter()
        arrived.set()

    view.observe(shown, names="svg")
    latencies, dot_times = [], []
    for n in range(tries):
        time.sleep(0.2)  # a learner's calls come apart, not in a burst
        arrived.clear()
        ip = f"10.0.{4 + n // 200}.{n % 200 + 10}"
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni, PrivateIpAddresses=[ip])
        if not arrived.wait(60):
            raise RuntimeError("the diagram did not redraw")
        latencies.append(stamps["shown"] - stamps["event"])
        # the peer, right after, on exactly the DOT text the widget drew
        dot_times.append(_dot_alone(view.last_dot))
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni, PrivateIpAddresses=[ip])
        view.flush()
    nodes = graph_nodes(view.svg)

    # A burst: 100 calls in a loop (an address assigned, then unassigned, 50 times).
    time.sleep(0.2)
    before = view.render_count
    for n in range(100):
        ip = f"10.0.6.{n // 2 + 10}"
        if n % 2 == 0:
            ec2.assign_private_ip_addresses(NetworkInterfaceId=eni, PrivateIpAddresses=[ip])
        else:
            ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni, PrivateIpAddresses=[ip])
    view.flush()
    burst = view.render_count - before
    # Current: the caption names the 100th call and its address shows as just removed.
    svg = view.svg.replace("&#45;", "-")
    current = f"(#{stamps_seq[-1]})" in svg and f'id="ghost-ip-{ip}"' in svg
    view.close()
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
        cloud2 = ec2sim.Cloud(seed=0)
        build_scene(cloud2, **SCENES[name])
        png = diagram.run_dot(diagram.to_dot(cloud2).source, "png")
        (png_dir / f"diagram-{name}.png").write_bytes(png)
    if os.environ.get("BENCH_DEBUG"):
        print(name, [round(x * 1000, 1) for x in latencies],
              [round(x * 1000, 1) for x in dot_times])
    return {"scene": name, "nodes": nodes, "latency": min(latencies), "dot": min(dot_times),
            "median": statistics.median(latencies) / statistics.median(dot_times),
            "burst": burst, "current": current}


def main() -> int:
    _no_real_aws()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=30)
    parser.add_argument("--png", type=Path, default=None)
    parser.add_argument("--cold", action="store_true",
                        help="start dot for each picture (no process started ahead)")
    args = parser.parse_args()
    if diagram.dot_executable() is None:
        print(diagram.INSTALL_HINT)
        return 2
    print("change event -> new SVG in the widget, over dot alone on the same DOT "
          f"(best of {args.tries}; the median ratio for the spread)")
    print(f"{'scene':<8} {'nodes':>6} {'ratio':>7} {'median':>7} {'required':>9} "
          f"{'renders/100 calls':>18} {'final picture':>14}")
    ok = True
    for name in SCENES:
        row = measure(name, args.tries, args.png, args.cold)
        ratio = row["latency"] / row["dot"]
        required = "<= 1.25" if name != "small" else "-"
        good = (name == "small" or ratio <= 1.25) and row["burst"] <= 3 and row["current"]
        ok &= good
        print(f"{name:<8} {row['nodes']:>6} {ratio:>7.2f} {row['median']:>7.2f} {required:>9} "
              f"{row['burst']:>18} {'current' if row['current'] else 'STALE':>14}"
              f"{'' if good else '  FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
