"""What the lab's views add to an API call, measured against the same call made raw.

* API log: a call through the console's log (``ApiLog.call``, with a full log of 30 entries)
  against the same call through ``cloud.client()``: an assign/unassign pair of secondary IPv4
  addresses, and a ``describe_instances`` of a world of 20 instances. Target: the log adds < 2 ms.
* Re-run consoles: a Console cell run 20 times on one cloud (20 ``Console(cloud)`` in a row), then
  a cell of calls in code, run as the kernel runs it (inside an asyncio loop, which gets control
  back when the cell ends): time per call, against the same calls with no view at all. Also the
  cloud's subscribers and the ``dot`` processes left alive.

Each figure is the best of ``--rounds``; ratios are taken in the same run.

    python bench/views_cost.py [--calls 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from unittest import mock

import psutil

import ec2sim
import widgets
from ec2sim.images import AMAZON_LINUX_2023
from widgets import lifecycle
from widgets.log import ApiLog


def lab(instances: int = 1) -> tuple[ec2sim.Cloud, str]:
    """A cloud with a subnet and ``instances`` instances; returns it and the first one's ENI."""
    cloud = ec2sim.Cloud(seed=0)
    ec2 = cloud.client()
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/20",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    enis = [ec2.run_instances(ImageId=AMAZON_LINUX_2023, InstanceType="t3.micro", MinCount=1,
                              MaxCount=1, SubnetId=subnet)["Instances"][0]
            ["NetworkInterfaces"][0]["NetworkInterfaceId"] for _ in range(instances)]
    return cloud, enis[0]


def pair(call, eni: str) -> None:
    """Assign one auto-picked secondary address, then unassign it: two calls."""
    assigned = call("AssignPrivateIpAddresses", NetworkInterfaceId=eni,
                    SecondaryPrivateIpAddressCount=1)
    address = assigned["AssignedPrivateIpAddresses"][0]["PrivateIpAddress"]
    call("UnassignPrivateIpAddresses", NetworkInterfaceId=eni, PrivateIpAddresses=[address])


def raw_caller(cloud: ec2sim.Cloud):
    from botocore import xform_name

    client = cloud.client()
    return lambda operation, **params: getattr(client, xform_name(operation))(**params)


def per_call(run, calls: int, rounds: int) -> float:
    """Best seconds per call of ``run(calls)``, which makes ``calls`` calls."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run(calls)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def api_log(calls: int, rounds: int) -> None:
    cloud, eni = lab()
    raw, log = raw_caller(cloud), ApiLog(cloud.client())
    for _ in range(15):
        pair(log.call, eni)  # a full log: 30 entries
    raw_s = per_call(lambda n: [pair(raw, eni) for _ in range(n // 2)], calls, rounds)
    log_s = per_call(lambda n: [pair(log.call, eni) for _ in range(n // 2)], calls, rounds)
    print(f"assign/unassign   raw {raw_s * 1e3:6.3f} ms   through the API log "
          f"{log_s * 1e3:6.3f} ms   log adds {(log_s - raw_s) * 1e3:6.3f} ms   "
          f"ratio {log_s / raw_s:5.2f}")

    cloud, _ = lab(instances=20)
    raw, log = raw_caller(cloud), ApiLog(cloud.client())
    for _ in range(30):
        log.call("DescribeInstances")
    few = max(calls // 10, 10)
    raw_s = per_call(lambda n: [raw("DescribeInstances") for _ in range(n)], few, rounds)
    log_s = per_call(lambda n: [log.call("DescribeInstances") for _ in range(n)], few, rounds)
    print(f"describe (20 i-)  raw {raw_s * 1e3:6.3f} ms   through the API log "
          f"{log_s * 1e3:6.3f} ms   log adds {(log_s - raw_s) * 1e3:6.3f} ms   "
          f"ratio {log_s / raw_s:5.2f}")
    log.close()


def dot_processes() -> int:
    return sum(child.name() == "dot" for child in psutil.Process().children(recursive=True))


def cell(cloud: ec2sim.Cloud, eni: str, calls: int, console: widgets.Console | None) -> None:
    """One notebook cell making ``calls`` calls in code, and what the views do once it ends."""
    raw = raw_caller(cloud)

    async def run() -> None:
        for _ in range(calls // 2):
            pair(raw, eni)
        await asyncio.sleep(0)  # the kernel's loop gets control back: the panels refresh
        if console is not None:
            console.diagram.flush()  # and the diagram draws (else its thread would)

    with mock.patch.object(lifecycle, "kernel_shell", object):  # as in a Jupyter kernel
        asyncio.run(run())


def rerun_consoles(calls: int, rounds: int) -> None:
    cloud, eni = lab()
    bare_s = per_call(lambda n: cell(cloud, eni, n, None), calls, rounds)
    consoles = [widgets.Console(cloud) for _ in range(20)]
    time.sleep(0.5)  # let every diagram's first drawing finish
    live_s = per_call(lambda n: cell(cloud, eni, n, consoles[-1]), calls, rounds)
    print(f"20 re-run consoles: {len(cloud._subscribers)} subscribers, "
          f"{dot_processes()} dot processes alive")
    print(f"a cell of calls   no view {bare_s * 1e3:6.3f} ms/call   with 20 re-run consoles "
          f"{live_s * 1e3:6.3f} ms/call   ratio {live_s / bare_s:5.2f}")
    for console in consoles:
        console.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    api_log(args.calls, args.rounds)
    rerun_consoles(args.calls, args.rounds)


if __name__ == "__main__":
    main()
