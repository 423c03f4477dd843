"""The EC2 Query protocol both ways, checked against botocore's own serializer and parser.

Requests: whatever botocore's EC2 serializer puts on the wire must come back from
``wire.parse_request`` as the very parameters boto3 was given. Responses: whatever
``wire.render_response`` writes must come back from botocore's EC2 parser as the very dict it
was given. Both are checked for every operation of the EC2 model with every member filled in.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import botocore.session
import pytest
from botocore.parsers import EC2QueryParser
from botocore.serialize import EC2Serializer

from ec2sim import wire
from ec2sim.errors import EC2Error
from ec2sim.operations import OPERATIONS

MODEL = botocore.session.get_session().get_service_model("ec2")
WHEN = dt.datetime(2024, 5, 17, 12, 30, 45, 123000, tzinfo=dt.timezone.utc)
AWKWARD = "a&b <c> \"d\" 'e' ü 日本 \r\n\t end "

# The operations the simulation answers; every other operation of the model is covered below too.
LAB_OPERATIONS = sorted(OPERATIONS)


def sample(shape, depth: int = 0, seen: tuple[str, ...] = (), wide: bool = True):
    """A value for ``shape`` with every member set (lists of two, recursion cut off).

    Where recursion is cut off the member is left out (None): an empty structure sends no form
    field at all, so it could not come back from the wire as ``{}``.
    """
    kind = shape.type_name
    if kind == "structure":
        if shape.name in seen or depth > 8:
            return None
        inner = seen + (shape.name,)
        members = {
            name: sample(member, depth + 1, inner, wide and depth < 3)
            for name, member in shape.members.items()
        }
        members = {name: value for name, value in members.items() if value is not None}
        return members or None
    if kind == "list":
        item = sample(shape.member, depth + 1, seen, wide)
        if item is None:
            return None
        return [item, sample(shape.member, depth + 1, seen, wide)] if wide else [item]
    if kind == "map":
        value = sample(shape.value, depth + 1, seen, False)
        return None if value is None else {"first-key": value}
    if kind == "string":
        if shape.enum:
            return shape.enum[depth % len(shape.enum)]
        return AWKWARD if depth % 3 == 1 else f"{shape.name}-{depth}"
    if kind in ("integer", "long"):
        value = 2**40 + depth if kind == "long" else 7 + depth
        return max(value, shape.metadata.get("min", value))
    if kind == "boolean":
        return depth % 2 == 0
    if kind in ("float", "double"):
        return 0.1 + depth
    if kind == "timestamp":
        return WHEN
    if kind == "blob":
        return b"\x00\x01 raw bytes \xff"
    raise AssertionError(f"no sample for {kind}")


def over_the_wire(operation: str, params: dict) -> tuple[str, dict]:
    """Serialize with botocore exactly as a client does, then read it back with ec2sim.wire."""
    op = MODEL.operation_model(operation)
    request = EC2Serializer().serialize_to_request(params, op)
    body = urlencode(request["body"]).encode()
    return wire.parse_request(wire.parse_body(body))


def with_input(name: str) -> bool:
    return MODEL.operation_model(name).input_shape is not None


@pytest.mark.parametrize("operation", [n for n in MODEL.operation_names if with_input(n)])
def test_every_request_shape_survives_the_wire(operation):
    params = sample(MODEL.operation_model(operation).input_shape) or {}
    assert over_the_wire(operation, params) == (operation, params)


@pytest.mark.parametrize("operation", MODEL.operation_names)
def test_every_response_shape_survives_the_wire(operation):
    shape = MODEL.operation_model(operation).output_shape
    response = (sample(shape) if shape is not None else None) or {}
    assert wire.roundtrip_response(operation, response) == response


@pytest.mark.parametrize("operation", LAB_OPERATIONS)
def test_simulated_operations_round_trip_with_lean_answers(operation):
    """Typical answers are sparse: only some members set, lists empty or of one."""
    shape = MODEL.operation_model(operation).output_shape
    full = (sample(shape) if shape is not None else None) or {}
    lean = {name: value for i, (name, value) in enumerate(full.items()) if i % 2 == 0}
    lean = {
        k: ([] if isinstance(v, list) and i % 4 == 0 else v)
        for i, (k, v) in enumerate(lean.items())
    }
    assert wire.roundtrip_response(operation, lean) == lean


def test_user_guide_request_reads_as_boto3_parameters():
    params = {
        "ImageId": "ami-0abcdef1234567890",
        "InstanceType": "m5.large",
        "MinCount": 1,
        "MaxCount": 1,
        "NetworkInterfaces": [
            {
                "DeviceIndex": 0,
                "SubnetId": "subnet-1",
                "SecondaryPrivateIpAddressCount": 2,
                "Ipv6AddressCount": 2,
                "AssociatePublicIpAddress": False,
                "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.10", "Primary": True}],
            }
        ],
        "TagSpecifications": [
            {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}
        ],
    }
    assert over_the_wire("RunInstances", params) == ("RunInstances", params)


def test_flattened_names_follow_the_model():
    body = (
        b"Action=DescribeNetworkInterfaces&Version=2016-11-15"
        b"&Filter.1.Name=addresses.private-ip-address&Filter.1.Value.1=10.0.1.5"
        b"&Filter.1.Value.2=10.0.1.6&Filter.2.Name=vpc-id&Filter.2.Value.1=vpc-1"
        b"&NetworkInterfaceId.1=eni-1&MaxResults=50&DryRun=false"
    )
    assert wire.parse_request(wire.parse_body(body)) == (
        "DescribeNetworkInterfaces",
        {
            "Filters": [
                {"Name": "addresses.private-ip-address", "Values": ["10.0.1.5", "10.0.1.6"]},
                {"Name": "vpc-id", "Values": ["vpc-1"]},
            ],
            "NetworkInterfaceIds": ["eni-1"],
            "MaxResults": 50,
            "DryRun": False,
        },
    )


def test_list_members_are_ordered_by_their_number_not_their_position():
    body = (
        b"Action=AssignIpv6Addresses&NetworkInterfaceId=eni-1"
        b"&Ipv6Addresses.10=c&Ipv6Addresses.2=b&Ipv6Addresses.1=a"
    )
    _, params = wire.parse_request(wire.parse_body(body))
    assert params["Ipv6Addresses"] == ["a", "b", "c"]


def test_query_style_empty_list_reads_as_empty():
    body = b"Action=DescribeNetworkInterfaces&NetworkInterfaceId="
    assert wire.parse_request(wire.parse_body(body))[1] == {"NetworkInterfaceIds": []}


def test_signature_fields_in_the_form_are_not_parameters():
    body = (
        b"Action=DescribeVpcs&AWSAccessKeyId=AKID&SignatureVersion=2&SignatureMethod=HmacSHA256"
        b"&Timestamp=2024-01-01T00%3A00%3A00Z&Signature=abc&X-Amz-Date=20240101T000000Z"
    )
    assert wire.parse_request(wire.parse_body(body)) == ("DescribeVpcs", {})


@pytest.mark.parametrize(
    ("body", "code", "mentions"),
    [
        (b"", "MissingAction", "Action"),
        (b"Version=2016-11-15", "MissingAction", "Action"),
        (b"Action=LaunchRocket", "InvalidAction", "LaunchRocket"),
        (b"Action=describeinstances", "InvalidAction", "describeinstances"),
        (
            b"Action=AssignIpv6Addresses&Ipv6AddressCount=1",
            "MissingParameter",
            "NetworkInterfaceId",
        ),
        (
            b"Action=AssignPrivateIpAddresses&NetworkInterfaceId=eni-1&Colour=red",
            "UnknownParameter",
            "Colour",
        ),
        (
            b"Action=DescribeInstances&Filter.1.Nme=x",
            "UnknownParameter",
            "Filter.1.Nme",
        ),
        (
            b"Action=AssignIpv6Addresses&NetworkInterfaceId=eni-1&Ipv6AddressCount=two",
            "InvalidParameterValue",
            "Ipv6AddressCount",
        ),
        (
            b"Action=AssignIpv6Addresses&NetworkInterfaceId=eni-1&Ipv6AddressCount=1_0",
            "InvalidParameterValue",
            "Ipv6AddressCount",
        ),
        (
            b"Action=AssignPrivateIpAddresses&NetworkInterfaceId=eni-1&AllowReassignment=yes",
            "InvalidParameterValue",
            "AllowReassignment",
        ),
        (
            b"Action=DescribeInstances&Filter.1.Name=a&Filter.1=b",
            "InvalidParameterValue",
            "Filter.1",
        ),
        (b"Action=DescribeInstances&Filter.one.Name=a", "InvalidParameterValue", "Filter.one"),
        (b"Action=DescribeInstances&Filter.01.Name=a", "InvalidParameterValue", "Filter.01"),
        (b"Action=DescribeInstances&Filter=a", "InvalidParameterValue", "Filter"),
        (b"Action=DescribeInstances&MaxResults.1=5", "InvalidParameterValue", "MaxResults"),
        (
            b"Action=RunInstances&ImageId=ami-1&MinCount=1",
            "MissingParameter",
            "MaxCount",
        ),
        (
            b"Action=ImportKeyPair&KeyName=k&PublicKeyMaterial=%%%not-base64",
            "InvalidParameterValue",
            "PublicKeyMaterial",
        ),
        (b"Action=DescribeVpcs&\xff\xfe=1", "MalformedQueryString", ""),
    ],
)
def test_bad_requests_get_ec2_error_codes(body, code, mentions):
    with pytest.raises(EC2Error) as caught:
        wire.parse_request(wire.parse_body(body))
    assert caught.value.code == code
    assert caught.value.status == 400
    assert mentions in caught.value.message


def test_missing_member_of_a_nested_structure_names_its_wire_path():
    body = (
        b"Action=ModifyInstanceCapacityReservationAttributes&InstanceId=i-1"
        b"&CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId=cr-1"
    )
    _, params = wire.parse_request(wire.parse_body(body))
    assert params["CapacityReservationSpecification"] == {
        "CapacityReservationTarget": {"CapacityReservationId": "cr-1"}
    }
    body = b"Action=CreateLaunchTemplate&LaunchTemplateName=t"
    with pytest.raises(EC2Error) as caught:
        wire.parse_request(wire.parse_body(body))
    assert caught.value.code == "MissingParameter"
    assert caught.value.message.endswith("LaunchTemplateData")


def test_response_document_has_ec2_layout():
    xml = wire.render_response(
        "AssignIpv6Addresses",
        {
            "NetworkInterfaceId": "eni-0a1b",
            "AssignedIpv6Addresses": ["2001:db8:1234:1a00::10", "2001:db8:1234:1a00::11"],
            "AssignedIpv6Prefixes": [],
        },
        "req-1",
    ).decode()
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert '<AssignIpv6AddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' in xml
    assert "<requestId>req-1</requestId>" in xml
    assert "<networkInterfaceId>eni-0a1b</networkInterfaceId>" in xml
    assert (
        "<assignedIpv6Addresses><item>2001:db8:1234:1a00::10</item>"
        "<item>2001:db8:1234:1a00::11</item></assignedIpv6Addresses>"
    ) in xml
    assert "<assignedIpv6PrefixSet></assignedIpv6PrefixSet>" in xml


def test_nested_sets_use_item_elements():
    xml = wire.render_response(
        "DescribeNetworkInterfaces",
        {
            "NetworkInterfaces": [
                {
                    "NetworkInterfaceId": "eni-1",
                    "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.5", "Primary": True}],
                    "RequesterManaged": False,
                }
            ]
        },
        "r",
    ).decode()
    assert (
        "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>"
        "<privateIpAddressesSet><item><privateIpAddress>10.0.1.5</privateIpAddress>"
        "<primary>true</primary></item></privateIpAddressesSet>"
        "<requesterManaged>false</requesterManaged></item></networkInterfaceSet>"
    ) in xml


def test_action_without_output_answers_return_true():
    xml = wire.render_response("DeleteNetworkInterface", {}, "r").decode()
    assert "<return>true</return>" in xml
    assert wire.roundtrip_response("DeleteNetworkInterface", {}) == {}


def test_timestamps_render_as_aws_does_and_keep_their_precision():
    launched = {"Reservations": [{"Instances": [{"LaunchTime": WHEN}]}]}
    xml = wire.render_response("DescribeInstances", launched, "r").decode()
    assert "<launchTime>2024-05-17T12:30:45.123Z</launchTime>" in xml
    fine = WHEN.replace(microsecond=123456)
    finer = {"Reservations": [{"Instances": [{"LaunchTime": fine}]}]}
    assert wire.roundtrip_response("DescribeInstances", finer) == finer
    other_zone = WHEN.astimezone(dt.timezone(dt.timedelta(hours=5)))
    shifted = {"Reservations": [{"Instances": [{"LaunchTime": other_zone}]}]}
    assert wire.roundtrip_response("DescribeInstances", shifted) == shifted


def test_roundtrip_shows_what_the_wire_cannot_carry():
    """An answer botocore could never have parsed does not come back unchanged."""
    naive = {"Reservations": [{"Instances": [{"LaunchTime": WHEN.replace(tzinfo=None)}]}]}
    assert wire.roundtrip_response("DescribeInstances", naive) != naive
    stray = {"NetworkInterfaceId": "eni-1", "Colour": "red"}
    assert wire.roundtrip_response("AssignIpv6Addresses", stray) == {"NetworkInterfaceId": "eni-1"}
    unset = {"NetworkInterfaceId": None}
    assert wire.roundtrip_response("AssignIpv6Addresses", unset) == {}
    mistyped = {"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "RequesterManaged": "no"}]}
    assert wire.roundtrip_response("DescribeNetworkInterfaces", mistyped) != mistyped
    count_as_text = {"Subnets": [{"AvailableIpAddressCount": "251"}]}
    assert wire.roundtrip_response("DescribeSubnets", count_as_text) == {
        "Subnets": [{"AvailableIpAddressCount": 251}]
    }


def test_error_document_reads_back_as_botocore_error():
    body = wire.render_error(
        "InvalidIPAddress.InUse", "Address 10.0.1.5 is in use & <taken>.", "r-9"
    )
    parsed = EC2QueryParser().parse(
        {"body": body, "headers": {}, "status_code": 400},
        MODEL.operation_model("AssignPrivateIpAddresses").output_shape,
    )
    assert parsed["Error"] == {
        "Code": "InvalidIPAddress.InUse",
        "Message": "Address 10.0.1.5 is in use & <taken>.",
    }
    assert parsed["ResponseMetadata"]["RequestId"] == "r-9"
    assert body.decode().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors>')


def test_characters_xml_cannot_hold_are_replaced_not_fatal():
    answer = {"Vpcs": [{"VpcId": "vpc-1", "Tags": [{"Key": "k", "Value": "bell\x07"}]}]}
    assert wire.roundtrip_response("DescribeVpcs", answer) == {
        "Vpcs": [{"VpcId": "vpc-1", "Tags": [{"Key": "k", "Value": "bell\ufffd"}]}]
    }


def test_unknown_operation_cannot_be_rendered():
    with pytest.raises(EC2Error) as caught:
        wire.render_response("LaunchRocket", {}, "r")
    assert caught.value.code == "InvalidAction"
