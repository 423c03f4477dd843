"""Turn one EC2 call into the text a learner can copy: the boto3 call and the AWS CLI command.

Both are derived from botocore's EC2 service model, so every operation and parameter is
spelled exactly as boto3 and the ``aws`` CLI spell them.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from botocore import xform_name

from ec2sim.client import service_model


def boto3_call(operation: str, params: dict[str, Any]) -> str:
    """``ec2.assign_private_ip_addresses(NetworkInterfaceId='eni-…', …)``."""
    args = ", ".join(f"{name}={value!r}" for name, value in params.items())
    return f"ec2.{xform_name(operation)}({args})"


def cli_command(operation: str, params: dict[str, Any]) -> str:
    """``aws ec2 assign-private-ip-addresses --network-interface-id eni-… …``."""
    members = service_model().operation_model(operation).input_shape.members
    words = ["aws", "ec2", xform_name(operation, "-")]
    params = dict(params)
    if operation == "RunInstances" and "MinCount" in params:  # the CLI folds both into --count
        low, high = params.pop("MinCount"), params.pop("MaxCount", None)
        words += ["--count", str(low) if high in (None, low) else f"{low}:{high}"]
    for name, value in params.items():
        option = "--" + xform_name(name, "-")
        shape = members[name] if name in members else None
        kind = shape.type_name if shape is not None else type(value).__name__
        if kind == "boolean":
            words.append(option if value else "--no-" + option[2:])
        elif kind == "list" and all(isinstance(v, str) for v in value):
            words += [option, *map(shlex.quote, value)]
        elif kind in ("list", "structure"):
            words += [option, shlex.quote(json.dumps(value, default=str))]
        else:
            words += [option, shlex.quote(str(value))]
    return " ".join(words)
