"""A short fuzz over HTTP: random form fields for random operations never get a 500.

Every request is signed (so it reaches the wire reader and the operations), names an operation
the lab answers (now and then one it does not, or none), and carries a seeded-random mix of the
operation's own parameter names, nested and numbered members, unknown names, and values of the
wrong type, size or shape. Each answer must be EC2's XML: a response, or an error of the 400
class (412 for a DryRun) with a code from the registry — never ``InternalError``.
"""

from __future__ import annotations

import http.client
import random
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from wire_support import AMI, build_lab, signed_headers

from ec2sim import wire
from ec2sim.errors import ERROR_CODES
from ec2sim.operations import OPERATIONS

REQUESTS = 400
VALUES = [
    "", "abc", "0", "1", "-1", "7", "2147483648", "9" * 30, "9" * 5000, "1e999", "nan", "²",
    "true", "false", "TRUE", "10.0.1.5", "10.0.1.0/24", "2001:db8::1", "::/0", "vpc-1",
    "eni-0123456789abcdef0", "subnet-0123456789abcdef0", "i-0123456789abcdef0", "ami-1",
    "eipalloc-0123456789abcdef0", "m5.large", "us-east-1a", "2024-05-17T12:00:00Z", "x" * 300,
    "a&b<c>", "日本", "\x00", "%", "Name", "vpc-id",
]
INDEXES = ["1", "2", "0", "01", "10", "7" * 5000, "x", ""]


def wire_names(shape, depth: int = 0) -> list[tuple[str, object]]:
    """(form-field name, shape of its value) for ``shape``'s members, nested and numbered."""
    if shape is None or depth > 3:
        return []
    names = []
    for name, member in shape.members.items():
        wire_name = wire._query_name(member, name)
        if member.type_name != "list" and name != "DryRun":  # DryRun is added now and then
            names.append((wire_name, member))
        target = member.member if member.type_name == "list" else member
        if target.type_name == "structure":
            inner = wire_names(target, depth + 1)
            names += [(f"{wire_name}.1.{n}", s) for n, s in inner[:12]]
            names += [(f"{wire_name}.{n}", s) for n, s in inner[:4]]  # the index left out
        elif member.type_name == "list":
            names += [(f"{wire_name}.1", target), (f"{wire_name}.2", target)]
    return names


def typed_value(rng: random.Random, shape, ids: list[str]) -> str:
    """A value of the right type for ``shape`` (often a real ID of the lab), or any value."""
    kind = shape.type_name
    if rng.random() < 0.3:
        return rng.choice(VALUES)
    if kind in ("integer", "long"):
        return rng.choice(["0", "1", "2", "5", "-1", "16", "1000"])
    if kind == "boolean":
        return rng.choice(["true", "false"])
    if kind == "timestamp":
        return "2024-05-17T12:00:00Z"
    if kind == "string" and shape.enum:
        return rng.choice(shape.enum)
    return rng.choice(ids + VALUES[15:30])


def random_request(rng: random.Random, operations: list[str],
                   ids: list[str]) -> list[tuple[str, str]]:
    roll = rng.random()
    if roll < 0.03:
        return [("Version", "2016-11-15")]  # no Action at all
    action = rng.choice(operations) if roll > 0.06 else rng.choice(["Nope", "describe_vpcs", ""])
    fields = [("Action", action), ("Version", "2016-11-15")]
    try:
        names = wire_names(wire.operation_model(action).input_shape)
    except Exception:  # noqa: BLE001 (no such action: any names will do)
        names = []
    if rng.random() < 0.05:
        fields.append(("DryRun", rng.choice(["true", "false", "yes"])))
    for _ in range(rng.randint(0, 8)):
        if names and rng.random() < 0.9:
            name, shape = rng.choice(names)
            value = typed_value(rng, shape, ids)
            if rng.random() < 0.1:  # a numbered member with an odd index
                name = f"{name}.{rng.choice(INDEXES)}"
        else:
            name = rng.choice(["Shade", "Filter.1.Value", "X-Amz-Junk", "a..b", ".", "Tag.1"])
            value = rng.choice(VALUES)
        fields.append((name, value))
    return fields


def lab_ids(cloud) -> list[str]:
    """The IDs and addresses of a small lab, so that many requests reach the operations."""
    ec2 = cloud.client()
    lab = build_lab(ec2)
    instance = ec2.run_instances(ImageId=AMI, InstanceType="m5.large", MinCount=1, MaxCount=1,
                                 SubnetId=lab.subnet_id)["Instances"][0]
    eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    return [lab.vpc_id, lab.subnet_id, lab.security_group_id, instance["InstanceId"], eni,
            allocation, instance["PrivateIpAddress"], AMI, "10.0.1.50", lab.subnet_ipv6_cidr]


def test_random_form_fields_never_get_a_500(endpoint, cloud):
    ids = lab_ids(cloud)
    rng = random.Random(13)
    operations = sorted(OPERATIONS)
    problems = []
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    try:
        for number in range(REQUESTS):
            fields = random_request(rng, operations, ids)
            body = urlencode(fields).encode()
            conn.request("POST", "/", body=body,
                         headers=signed_headers(endpoint, "POST", "/", body))
            reply = conn.getresponse()
            status, text = reply.status, reply.read()
            if reply.getheader("Connection") == "close":
                conn.close()
            root = ET.fromstring(text)
            if status == 200:
                if not root.tag.endswith("Response"):
                    problems.append(f"#{number} {fields}: 200 without a response document")
                continue
            code = root.findtext("Errors/Error/Code")
            if not (400 <= status < 500) or code not in ERROR_CODES:
                problems.append(f"#{number} {fields[:6]}: {status} {code} "
                                f"{root.findtext('Errors/Error/Message')}")
    finally:
        conn.close()
    assert problems == []
