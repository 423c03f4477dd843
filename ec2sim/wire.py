"""The EC2 Query protocol, read and written from botocore's EC2 service model.

A request on the wire is a list of form fields (``Action=AssignIpv6Addresses``,
``NetworkInterfaceId=eni-…``, ``Ipv6Addresses.1=2001:db8::5``); :func:`parse_request` turns it into
the keyword arguments a boto3 user would have passed. :func:`render_response` turns a response
dict back into the XML document EC2 answers with, and :func:`render_error` into EC2's error
document. No operation is special-cased: every name, type and nesting comes from the model's
input and output shapes, so any operation the simulation answers works over HTTP too.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from botocore.model import OperationModel, ServiceModel, Shape
from botocore.parsers import EC2QueryParser
from botocore.utils import parse_timestamp
from botocore.validate import ParamValidator

from ec2sim.errors import EC2Error

XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
CONTENT_TYPE = "text/xml;charset=UTF-8"

# Form fields that belong to request signing (query-string auth), not to the operation.
_AUTH_FIELDS = frozenset(
    {"AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "Timestamp", "Expires"}
)

# ---------------------------------------------------------------------------------------------
# The model, loaded once per process.

_model_lock = threading.Lock()
_model: ServiceModel | None = None
_operation_names: frozenset[str] = frozenset()


def service_model() -> ServiceModel:
    """The EC2 service model this process shares (ec2sim's own when it offers one)."""
    global _model, _operation_names
    if _model is None:
        with _model_lock:
            if _model is None:
                import ec2sim

                shared = getattr(ec2sim, "service_model", None)
                if shared is None:
                    try:
                        from ec2sim.client import service_model as shared
                    except ImportError:
                        shared = None
                if shared is not None:
                    model = shared()
                else:
                    import botocore.session

                    model = botocore.session.get_session().get_service_model("ec2")
                _operation_names = frozenset(model.operation_names)
                _model = model
    return _model


def operation_model(action: str) -> OperationModel:
    """The model of one EC2 action; an action EC2 does not have is ``InvalidAction``."""
    model = service_model()
    if action not in _operation_names:
        raise EC2Error("InvalidAction", f"EC2 has no action called {action!r}.")
    return model.operation_model(action)


def new_request_id() -> str:
    """A fresh request ID in the form AWS uses (a UUID)."""
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------------------------
# Per-shape lookup tables, built on first use. Shape names are unique in the model, and a
# structure's members (with the serialization traits of each member reference) never change.

_input_tables: dict[str, dict[str, tuple[str, Shape]]] = {}
_input_names: dict[str, dict[str, str]] = {}
_output_tables: dict[str, dict[str, tuple[str, Shape]]] = {}


def _query_name(member: Shape, member_name: str) -> str:
    """The name EC2 expects on input: queryName, else locationName capitalised, else the name."""
    ser = member.serialization
    if "queryName" in ser:
        return ser["queryName"]
    if "name" in ser:
        name = ser["name"]
        return name[:1].upper() + name[1:]
    return member_name


def _input_table(shape: Shape) -> dict[str, tuple[str, Shape]]:
    """Wire name -> (parameter name, member shape) for one input structure."""
    table = _input_tables.get(shape.name)
    if table is None:
        table = {_query_name(m, n): (n, m) for n, m in shape.members.items()}
        _input_names[shape.name] = {n: wire for wire, (n, _) in table.items()}
        _input_tables[shape.name] = table
    return table


def _xml_name(member: Shape, member_name: str) -> str:
    """The element name of a member in a response (as botocore's XML parser looks for it)."""
    if member.type_name == "list" and member.serialization.get("flattened"):
        inner = member.member.serialization.get("name")
        if inner:
            return inner
    return member.serialization.get("name", member_name)


def _output_table(shape: Shape) -> dict[str, tuple[str, Shape]]:
    """Parameter name -> (element name, member shape) for one output structure."""
    table = _output_tables.get(shape.name)
    if table is None:
        table = {n: (_xml_name(m, n), m) for n, m in shape.members.items()}
        _output_tables[shape.name] = table
    return table


# ---------------------------------------------------------------------------------------------
# Requests: form fields -> boto3 parameters.


def parse_body(body: bytes) -> list[tuple[str, str]]:
    """The form fields of a URL-encoded body; bytes that are not UTF-8 are a malformed request."""
    try:
        text = body.decode("utf-8")
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise EC2Error("MalformedQueryString", "The request body is not valid form data.") from exc


def parse_request(fields: Iterable[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """The operation name and its boto3-style parameters, typed and validated by the model."""
    form: dict[str, str] = {}
    for key, value in fields:
        form[key] = value
    action = form.pop("Action", None)
    form.pop("Version", None)
    if not action:
        raise EC2Error("MissingAction", "The request must name an Action.")
    op = operation_model(action)
    params = read_params(op, form)
    validate_params(op, params)
    return op.name, params


def read_params(op: OperationModel, form: dict[str, str]) -> dict[str, Any]:
    """Turn flattened form fields (``Filter.1.Value.2=…``) into nested, typed parameters."""
    shape = op.input_shape
    table = _input_table(shape) if shape is not None else {}
    tree: dict[str, Any] = {}
    for key, value in form.items():
        parts = key.split(".")
        if parts[0] not in table and (parts[0] in _AUTH_FIELDS or parts[0].startswith("X-Amz-")):
            continue
        node = tree
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            existing = node.get(part)
            if last:
                if existing is not None:
                    raise _conflict(".".join(parts[: i + 1]))
                node[part] = value
            elif existing is None:
                node = node.setdefault(part, {})
            elif isinstance(existing, dict):
                node = existing
            else:
                raise _conflict(".".join(parts[: i + 1]))
    if shape is None:
        if tree:
            raise _unknown(next(iter(tree)))
        return {}
    return _read_structure(tree, shape, "")


def _conflict(path: str) -> EC2Error:
    return _misshapen(path, "it is given both as a value and with members")


def _unknown(path: str) -> EC2Error:
    return EC2Error("UnknownParameter", f"The parameter {_shown(path)} is not recognized.")


def _misshapen(path: str, wanted: str) -> EC2Error:
    return EC2Error(
        "InvalidParameterValue", f"The parameter {_shown(path)} is not valid: {wanted}."
    )


def _shown(value: str, limit: int = 60) -> str:
    """A value as an error message quotes it: a long one is cut, saying how long it was."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value)} characters)"


def _invalid(path: str, value: Any, wanted: str) -> EC2Error:
    return EC2Error("InvalidParameterValue", f"Invalid value {value!r} for {path}: {wanted}.")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _read(node: Any, shape: Shape, path: str) -> Any:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(node, dict):
            raise _misshapen(path, "it takes named members (such as .Name), not a value")
        return _read_structure(node, shape, path)
    if kind == "list":
        return _read_list(node, shape, path)
    if kind == "map":
        return _read_map(node, shape, path)
    if isinstance(node, dict):
        raise _misshapen(path, "it takes a single value, not numbered or named members")
    return _SCALAR_READERS.get(kind, _read_string)(node, path)


def _read_structure(node: dict[str, Any], shape: Shape, path: str) -> dict[str, Any]:
    table = _input_table(shape)
    out: dict[str, Any] = {}
    for wire_name, child in node.items():
        hit = table.get(wire_name)
        if hit is None:
            raise _unknown(_join(path, wire_name))
        name, member = hit
        out[name] = _read(child, member, _join(path, wire_name))
    return out


_INDEX = re.compile(r"0|[1-9][0-9]*")


def _indexed(node: Any, path: str) -> list[tuple[tuple[int, str], str]]:
    """The ``.N`` children of a list or map node, in order."""
    if not isinstance(node, dict):
        raise _misshapen(path, "it takes numbered members (.1, .2, …), not a value")
    for key in node:
        if not _INDEX.fullmatch(key):
            raise _misshapen(_join(path, key), "members are numbered .1, .2, …")
    # Decimal numbers without leading zeros sort by length, then by digits: no int() needed,
    # so an index of any length is simply ordered (int() refuses more than 4,300 digits).
    return sorted(((len(key), key), key) for key in node)


def _read_list(node: Any, shape: Shape, path: str) -> list[Any]:
    if node == "":
        return []  # the plain Query protocol sends an empty list as one empty field
    member = shape.member
    return [_read(node[key], member, _join(path, key)) for _, key in _indexed(node, path)]


def _read_map(node: Any, shape: Shape, path: str) -> dict[Any, Any]:
    if node == "":
        return {}
    if not shape.serialization.get("flattened"):
        if not isinstance(node, dict) or set(node) != {"entry"}:
            raise _misshapen(path, "expected entries (.entry.N.key, .entry.N.value)")
        node, path = node["entry"], _join(path, "entry")
    key_name = _query_name(shape.key, "key")
    value_name = _query_name(shape.value, "value")
    out: dict[Any, Any] = {}
    for _, index in _indexed(node, path):
        entry, entry_path = node[index], _join(path, index)
        if (
            not isinstance(entry, dict)
            or key_name not in entry
            or set(entry)
            - {
                key_name,
                value_name,
            }
        ):
            raise _misshapen(entry_path, f"expected {key_name} and {value_name}")
        key = _read(entry[key_name], shape.key, _join(entry_path, key_name))
        value = entry.get(value_name)
        out[key] = (
            None if value is None else _read(value, shape.value, _join(entry_path, value_name))
        )
    return out


def _read_string(value: str, path: str) -> str:
    return value


_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _integer_reader(bits: int) -> Callable[[str, str], int]:
    """A reader of the model's signed ``bits``-bit integers (EC2's ``Integer`` and ``Long``)."""
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

    def read(value: str, path: str) -> int:
        if not _INTEGER.fullmatch(value):
            raise _invalid(path, _shown(value), "expected an integer")
        # Too many digits cannot be in range; checking first keeps int() away from huge strings.
        number = int(value) if len(value.lstrip("-0")) <= 20 else None
        if number is None or not low <= number <= high:
            raise _invalid(path, _shown(value), f"expected an integer from {low} to {high}")
        return number

    return read


def _read_boolean(value: str, path: str) -> bool:
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise _invalid(path, value, "expected true or false")
    return lowered == "true"


def _read_float(value: str, path: str) -> float:
    number = float(value) if _NUMBER.fullmatch(value) else math.nan
    if not math.isfinite(number):  # also refuses nan, inf, 1_0 and 1e999
        raise _invalid(path, _shown(value), "expected a finite number")
    return number


def _read_timestamp(value: str, path: str) -> dt.datetime:
    try:
        stamp = parse_timestamp(value)
    except (ValueError, OverflowError, OSError, RuntimeError):  # RuntimeError: botocore's last word
        raise _invalid(path, _shown(value), "expected an ISO 8601 date and time") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp


def _read_blob(value: str, path: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid(path, _shown(value), "expected base64-encoded data") from None


_SCALAR_READERS = {
    "string": _read_string,
    "character": _read_string,
    "integer": _integer_reader(32),
    "long": _integer_reader(64),
    "boolean": _read_boolean,
    "float": _read_float,
    "double": _read_float,
    "timestamp": _read_timestamp,
    "blob": _read_blob,
}

_validator = ParamValidator()
_PATH_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def validate_params(op: OperationModel, params: dict[str, Any]) -> None:
    """Check parameters against the model as botocore does, failing with EC2's error codes."""
    shape = op.input_shape
    if shape is None:
        return
    report = _validator.validate(params, shape)
    if not report.has_errors():
        return
    kind, name, detail = report._errors[0]
    path = _wire_path(shape, name)
    if kind == "missing required field":
        missing = _join(path, _input_name(_shape_at(shape, name), detail["required_name"]))
        raise EC2Error("MissingParameter", f"The request must contain the parameter {missing}")
    value = detail.get("param", "")
    if kind == "invalid length":
        wanted = f"at least {detail['min_allowed']} members or characters"
    elif kind == "invalid range":
        wanted = f"the smallest value allowed is {detail['min_allowed']}"
    else:
        wanted = "not a valid value here"
    raise _invalid(path or "the request", value, wanted)


def _input_name(shape: Shape, member_name: str) -> str:
    _input_table(shape)
    return _input_names[shape.name].get(member_name, member_name)


def _shape_at(shape: Shape, botocore_path: str) -> Shape:
    """The shape a botocore validation path (``A[0].B``) points at."""
    for index, member in _PATH_STEP.findall(botocore_path):
        shape = shape.member if index else shape.members[member]
    return shape


def _wire_path(shape: Shape, botocore_path: str) -> str:
    """The form-field name of a botocore validation path: ``A[0].B`` -> ``WireA.1.WireB``."""
    parts = []
    for index, member in _PATH_STEP.findall(botocore_path):
        if index:
            parts.append(str(int(index) + 1))
            shape = shape.member
        else:
            parts.append(_input_name(shape, member))
            shape = shape.members[member]
    return ".".join(parts)


# ---------------------------------------------------------------------------------------------
# Responses: response dict -> EC2's XML.

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """XML character data for ``value``; carriage returns survive as character references."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("\ufffd", value)  # XML 1.0 cannot carry these at all
    return value


def _timestamp_text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = dt.datetime.fromtimestamp(value, dt.timezone.utc)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc)
        stamp = value.strftime("%Y-%m-%dT%H:%M:%S")
        micro = value.microsecond
        return f"{stamp}.{micro // 1000:03d}Z" if micro % 1000 == 0 else f"{stamp}.{micro:06d}Z"
    return str(value)


def _scalar_text(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("integer", "long"):
        return str(int(value))
    if kind in ("float", "double"):
        return repr(float(value))
    if kind == "timestamp":
        return _timestamp_text(value)
    if kind == "blob":
        raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
        return base64.b64encode(raw).decode("ascii")
    return _text(value if isinstance(value, str) else str(value))


def _render(out: list[str], tag: str, value: Any, shape: Shape) -> None:
    kind = shape.type_name
    if kind == "structure":
        out.append(f"<{tag}>")
        _render_members(out, value, shape)
        out.append(f"</{tag}>")
    elif kind == "list":
        member = shape.member
        if shape.serialization.get("flattened"):
            for item in value:
                if item is not None:
                    _render(out, tag, item, member)
        else:
            item_tag = member.serialization.get("name", "item")
            out.append(f"<{tag}>")
            for item in value:
                if item is not None:
                    _render(out, item_tag, item, member)
            out.append(f"</{tag}>")
    elif kind == "map":
        key_tag = shape.key.serialization.get("name", "key")
        value_tag = shape.value.serialization.get("name", "value")
        flat = shape.serialization.get("flattened")
        if not flat:
            out.append(f"<{tag}>")
        for key, item in value.items():
            out.append(f"<{tag}>" if flat else "<entry>")
            _render(out, key_tag, key, shape.key)
            if item is not None:
                _render(out, value_tag, item, shape.value)
            out.append(f"</{tag}>" if flat else "</entry>")
        if not flat:
            out.append(f"</{tag}>")
    else:
        out.append(f"<{tag}>{_scalar_text(kind, value)}</{tag}>")


def _render_members(out: list[str], value: dict[str, Any], shape: Shape) -> None:
    table = _output_table(shape)
    for name, item in value.items():
        hit = table.get(name)
        if hit is None or item is None:
            continue  # not part of the output shape: botocore would never see it either
        _render(out, hit[0], item, hit[1])


def render_response(operation: str, response: dict[str, Any], request_id: str) -> bytes:
    """The XML document EC2 sends for a successful ``operation`` answering ``response``."""
    op = operation_model(operation)
    root = f"{op.name}Response"
    out = [XML_DECLARATION, f'<{root} xmlns="{XMLNS}"><requestId>{_text(request_id)}</requestId>']
    shape = op.output_shape
    if shape is None:
        out.append("<return>true</return>")  # what EC2 says for actions with nothing to report
    else:
        _render_members(out, response, shape)
    out.append(f"</{root}>")
    return "".join(out).encode("utf-8")


def render_error(code: str, message: str, request_id: str) -> bytes:
    """EC2's error document: one error with AWS's code and message, and the request ID."""
    return (
        f"{XML_DECLARATION}<Response><Errors><Error><Code>{_text(code)}</Code>"
        f"<Message>{_text(message)}</Message></Error></Errors>"
        f"<RequestID>{_text(request_id)}</RequestID></Response>"
    ).encode()


_parser = EC2QueryParser()


def parse_response(operation: str, body: bytes, status: int = 200) -> dict[str, Any]:
    """What botocore's own EC2 parser makes of ``body`` (``ResponseMetadata`` included)."""
    op = operation_model(operation)
    http = {"body": body, "headers": {}, "status_code": status}
    return _parser.parse(http, op.output_shape)


def roundtrip_response(operation: str, response: dict[str, Any]) -> dict[str, Any]:
    """``response`` as a client over HTTP would receive it: rendered to XML, parsed by botocore.

    Comparing the result with ``response`` shows whether an in-process answer is exactly what
    the wire delivers (a key outside the output shape, a naive datetime or a wrongly typed value
    all show up as differences).
    """
    parsed = parse_response(operation, render_response(operation, response, "roundtrip"))
    parsed.pop("ResponseMetadata", None)
    return parsed
