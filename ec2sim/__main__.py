"""``ec2sim serve``: a simulated EC2 account on loopback, for the real AWS CLI.

$ ec2sim serve --port 4566
ec2sim: simulated EC2 (us-east-1) listening at http://127.0.0.1:4566
export AWS_ACCESS_KEY_ID=ECSIM… AWS_SECRET_ACCESS_KEY=… AWS_ENDPOINT_URL_EC2=… AWS_DEFAULT_REGION=…
$ export AWS_ACCESS_KEY_ID=ECSIM… …                      # that line, in another terminal
$ aws ec2 describe-network-interfaces

The endpoint answers only requests signed with the random access key it prints at start.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ec2sim", description="A simulated Amazon EC2 account that answers the real EC2 API."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="answer EC2 requests (AWS CLI, SDKs) over HTTP until Ctrl-C",
        description="Answer EC2 Query-protocol requests over HTTP until Ctrl-C. Only requests "
        "signed with the random access key printed at start are answered.",
    )
    serve.add_argument("--port", type=int, default=0, help="port to listen on (default: any free)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default: 127.0.0.1; anything else lets other machines in)",
    )
    serve.add_argument("--load", metavar="LAB.JSON", help="start from a saved lab instead")
    serve.add_argument("--seed", type=int, default=0, help="seed of a new account (default: 0)")
    serve.add_argument("--quiet", action="store_true", help="do not print one line per request")
    return parser


def _serve(args: argparse.Namespace) -> int:
    from ec2sim import Cloud
    from ec2sim.lab_file import LabFileError
    from ec2sim.server import serve

    try:
        cloud = Cloud.load(args.load) if args.load else Cloud(seed=args.seed)
    except (OSError, LabFileError) as exc:  # a LabFileError is one sentence naming the problem
        print(f"ec2sim: cannot load {args.load}: {exc}", file=sys.stderr)
        return 1
    log = None if args.quiet else (lambda line: print(line, flush=True))
    try:
        endpoint = serve(cloud, host=args.host, port=args.port, on_request=log)
    except OSError as exc:
        print(f"ec2sim: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:  # from here on, Ctrl-C (even while printing) stops the endpoint cleanly
        print(f"ec2sim: simulated EC2 ({endpoint.region}) listening at {endpoint.url}")
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print("ec2sim: warning: not bound to loopback; requests still need the key below, "
                  "but they and the key travel unencrypted")
        print("ec2sim: requests must be signed with this key; run this line in the CLI's shell:")
        print(endpoint.export_line)
        print("ec2sim: Ctrl-C stops", flush=True)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    endpoint.stop()
    print("ec2sim: stopped", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ec2sim`` command."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return 2  # argparse already refused anything else


if __name__ == "__main__":
    sys.exit(main())
