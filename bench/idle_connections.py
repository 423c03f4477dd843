"""The HTTP endpoint under 1,000 idle connections: threads, memory, and a real client's answers.

    .venv/bin/python bench/idle_connections.py [--connections 1000]

Two endpoints are measured in this process: one as shipped (at most 256 connections: the
longest-idle ones make room for newcomers) and one allowed more connections than the crowd, so
every idle connection stays open. For each: the threads and resident memory the crowd costs, how
many idle connections the server closed (each told 408), and a signed client's calls made while
the crowd is there. Numbers are this machine's; the thread count does not depend on it.
"""

from __future__ import annotations

import argparse
import resource
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import botocore.session
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ec2sim  # noqa: E402
from ec2sim.server import MAX_CONNECTIONS, TIMEOUT, serve  # noqa: E402


def rss_mib() -> float:
    """Resident memory of this process now (Linux), else its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def told_408(sockets: list[socket.socket]) -> int:
    """How many of ``sockets`` the server has told 408 (and closed) since the last look."""
    count = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            count += sock.recv(65536).startswith(b"HTTP/1.1 408")
        except BlockingIOError:
            pass  # nothing said: still open and idle
    return count


def client(endpoint):
    key = endpoint.credentials
    return botocore.session.get_session().create_client(
        "ec2", region_name=endpoint.region, endpoint_url=endpoint.url,
        aws_access_key_id=key.access_key_id, aws_secret_access_key=key.secret_access_key,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


def measure(connections: int, max_connections: int, calls: int = 50) -> float:
    """Print what ``connections`` idle connections cost; the client's median call (seconds)."""
    cloud = ec2sim.Cloud(seed=0)
    with serve(cloud, max_connections=max_connections) as endpoint:
        ec2 = client(endpoint)
        ec2.describe_vpcs()  # the client's own connection is open before the crowd arrives
        threads_before, rss_before = threading.active_count(), rss_mib()
        crowd = [socket.create_connection(("127.0.0.1", endpoint.port), timeout=10)
                 for _ in range(connections)]
        time.sleep(0.5)  # let the server take them all from the backlog
        threads_during, rss_during = threading.active_count(), rss_mib()
        made_room = told_408(crowd)
        times, failures = [], 0
        for _ in range(calls):
            start = time.perf_counter()
            try:
                ec2.describe_vpcs()
            except Exception:  # noqa: BLE001 (counted, not hidden)
                failures += 1
            times.append(time.perf_counter() - start)
        time.sleep(TIMEOUT + 1 if connections else 0)
        timed_out = told_408(crowd)
        threads_after = threading.active_count()
        for sock in crowd:
            sock.close()
    median = statistics.median(times)
    print(f"max_connections={max_connections}, {connections} idle connections opened:")
    if not connections:
        print(f"  a signed client alone: {calls - failures}/{calls} calls answered, median "
              f"{median * 1000:.2f} ms; threads: {threads_during}")
        return median
    print(f"  threads: {threads_before} before, {threads_during} with the crowd, "
          f"{threads_after} after {TIMEOUT + 1:g} s")
    print(f"  resident memory: {rss_before:.1f} MiB before, {rss_during:.1f} MiB with the crowd "
          f"(+{(rss_during - rss_before) * 1024 / connections:.1f} KiB a connection, both ends)")
    print(f"  closed at once to make room (408): {made_room}; "
          f"closed after {TIMEOUT:g} s idle (408): {timed_out}; "
          f"still open: {connections - made_room - timed_out}")
    print(f"  a signed client meanwhile: {calls - failures}/{calls} calls answered, "
          f"median {median * 1000:.2f} ms, slowest {max(times) * 1000:.2f} ms")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=1000)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 2 * args.connections + 256  # both ends of every connection live in this process
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    alone = measure(0, MAX_CONNECTIONS)
    for max_connections in (MAX_CONNECTIONS, args.connections + 64):
        crowded = measure(args.connections, max_connections)
        print(f"  the client's median call with the crowd / alone: {crowded / alone:.2f}")


if __name__ == "__main__":
    main()
