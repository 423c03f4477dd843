"""Who may drive an endpoint: AWS Signature Version 4, checked the way EC2 checks it.

A server makes one random access key at start (:func:`new_credentials`) and answers only requests
signed with it. :func:`verify` recomputes the signature of a received request with botocore's own
signer (``botocore.auth.SigV4Auth``), over exactly the headers the client says it signed, and
refuses with EC2's codes: no signature at all, a malformed one, an access key it does not know,
a signature that does not match, a request too old or too far ahead, or one meant for another
region or service.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import string
from collections.abc import Mapping
from typing import NamedTuple

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as _BotocoreCredentials

from ec2sim.errors import EC2Error

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = dt.timedelta(minutes=15)  # how far a request's time may be from the server's, as AWS
_KEY_ALPHABET = string.ascii_uppercase + "234567"
_SECRET_ALPHABET = string.ascii_letters + string.digits  # shell-safe in an unquoted export line
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})"
)


class Credentials(NamedTuple):
    """An access key: the ID a request names and the secret it is signed with."""

    access_key_id: str
    secret_access_key: str


def new_credentials() -> Credentials:
    """A fresh random access key, shaped like AWS's (20 characters) and its 40-character secret.

    The ID starts with ``ECSIM`` rather than AWS's ``AKIA``, so no secret scanner mistakes a
    printed lab key for a real one.
    """
    key_id = "ECSIM" + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(15))
    secret = "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(40))
    return Credentials(key_id, secret)


def verify(
    credentials: Credentials,
    region: str,
    method: str,
    target: str,
    headers: Mapping[str, str],
    body: bytes,
    now: dt.datetime | None = None,
) -> None:
    """Accept a request signed with ``credentials`` for EC2 in ``region``, or raise EC2's error.

    ``target`` is the request line's path and query (``/?Action=…``), ``headers`` the received
    headers (names in any case), ``body`` the bytes received.
    """
    headers = {name.lower(): value for name, value in headers.items()}
    authorization = headers.get("authorization")
    if not authorization:
        raise EC2Error(
            "MissingAuthenticationToken",
            "The request is not signed. Sign it (AWS Signature Version 4) with the access key "
            "the endpoint printed when it started.",
            401,
        )
    found = _AUTHORIZATION.fullmatch(authorization.strip())
    if found is None:
        raise _incomplete(f"the Authorization header must read '{ALGORITHM} Credential=…, "
                          "SignedHeaders=…, Signature=…'")
    credential, signed_list, signature = found.groups()
    scope = credential.split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise _incomplete("the credential must read KEY/DATE/REGION/SERVICE/aws4_request")
    key_id, day, signed_region, service, _ = scope
    if not hmac.compare_digest(key_id, credentials.access_key_id):
        raise EC2Error(
            "AuthFailure",
            f"The access key ID {key_id} is not known to this endpoint: use the one it printed "
            "when it started.",
            401,
        )
    stamp = headers.get("x-amz-date", "")
    when = _timestamp(stamp)
    if stamp[:8] != day:
        raise _mismatch(f"the credential's date {day} is not the day of X-Amz-Date {stamp}")
    now = now or dt.datetime.now(dt.timezone.utc)
    if abs(now - when) > MAX_SKEW:
        raise EC2Error(
            "RequestExpired",
            f"The request was signed at {when:%Y-%m-%d %H:%M:%S} UTC, more than 15 minutes from "
            f"the endpoint's time ({now:%Y-%m-%d %H:%M:%S} UTC): check this machine's clock.",
        )
    names = signed_list.split(";")
    if "host" not in names:
        raise _incomplete("the signed headers must include host")
    declared = headers.get("x-amz-content-sha256")
    if declared is not None and declared != hashlib.sha256(body).hexdigest():
        raise _mismatch("the body is not the one whose hash X-Amz-Content-SHA256 gives")
    expected = _signature(
        Credentials(key_id, credentials.secret_access_key),
        signed_region,
        service,
        method,
        target,
        {name: headers.get(name, "") for name in names},
        body,
        stamp,
    )
    if not hmac.compare_digest(expected, signature):
        raise _mismatch("check the secret access key and how the request was signed")
    if (signed_region, service) != (region, "ec2"):
        raise EC2Error(
            "AuthFailure",
            f"The request was signed for {service} in {signed_region}; this endpoint is ec2 in "
            f"{region}. Set the region to {region}.",
            401,
        )


def _signature(
    credentials: Credentials,
    region: str,
    service: str,
    method: str,
    target: str,
    signed_headers: dict[str, str],
    body: bytes,
    stamp: str,
) -> str:
    """What botocore's signer makes of this request: the hex signature the client should send."""
    # The host is taken from the signed Host header; the URL only carries the path and query.
    request = AWSRequest(method=method, url=f"http://signed.invalid{target}", data=body,
                         headers=signed_headers)
    request.context["timestamp"] = stamp
    signer = SigV4Auth(
        _BotocoreCredentials(credentials.access_key_id, credentials.secret_access_key),
        service,
        region,
    )
    try:
        canonical = signer.canonical_request(request)
    except ValueError:  # a path or query botocore cannot read is no valid signature either
        return ""
    return signer.signature(signer.string_to_sign(request, canonical), request)


def _timestamp(stamp: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise _incomplete("X-Amz-Date must give the signing time as YYYYMMDDTHHMMSSZ") from None


def _incomplete(what: str) -> EC2Error:
    return EC2Error("IncompleteSignature", f"The request's signature is incomplete: {what}.")


def _mismatch(hint: str) -> EC2Error:
    return EC2Error(
        "SignatureDoesNotMatch",
        f"The signature the endpoint computed does not match the one sent: {hint}.",
        403,
    )


__all__ = ["Credentials", "new_credentials", "verify"]
