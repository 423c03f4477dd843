"""A real botocore EC2 client whose requests are answered by a Cloud, in-process.

botocore does everything it does for real AWS - checks the parameters against the EC2 service
model, builds the request - and then, at its ``before-call`` hook, the simulation answers with
the response dict (or AWS's error). Nothing is signed or sent: no socket is ever opened, and the
user's real credentials and configuration are never read. A request the simulation cannot answer
raises; it is never forwarded to AWS.
"""

from __future__ import annotations

import os
import threading
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import botocore.session
from botocore.config import Config
from botocore.configprovider import ConstantProvider
from botocore.handlers import generate_idempotent_uuid

from ec2sim.errors import EC2Error

if TYPE_CHECKING:
    from ec2sim.cloud import Cloud

ENDPOINT = "https://ec2sim.invalid"  # a name that can never resolve, should anything try
_PARAMS = "ec2sim.params"
_session: botocore.session.Session | None = None
_session_lock = threading.Lock()


def _isolated_session() -> botocore.session.Session:
    """One botocore session per process (the EC2 model is loaded once), blind to the user's
    AWS configuration files and profile."""
    global _session
    with _session_lock:
        if _session is None:
            session = botocore.session.Session()
            session.set_config_variable("config_file", os.devnull)
            session.set_config_variable("credentials_file", os.devnull)
            # No profile, whatever AWS_PROFILE says (setting None would fall through to it).
            store = session.get_component("config_store")
            store.set_config_provider("profile", ConstantProvider(None))
            # No client-side monitoring, whatever AWS_CSM_ENABLED says: it would send a UDP
            # datagram per call.
            store.set_config_provider("csm_enabled", ConstantProvider(False))
            session.get_service_model("ec2")  # load and cache the model now
            _session = session
        return _session


def service_model():
    """botocore's EC2 service model, shared by every client and by the wire."""
    return _isolated_session().get_service_model("ec2")


class _NeverSend(RuntimeError):
    pass


class _Reply:
    """What botocore reads of an HTTP response answered at its before-call hook: the status
    (the headers a learner reads are in the response's ResponseMetadata). One per status,
    shared by every call."""

    __slots__ = ("status_code",)
    headers = MappingProxyType({})
    content = b""
    raw = None

    def __init__(self, status_code: int) -> None:
        self.status_code = status_code


_REPLIES = {200: _Reply(200)}


def bare_client(region: str) -> Any:
    """The botocore EC2 client every Cloud's client starts from, before it is hooked up to a
    Cloud (the API benchmark's floor answers this same client with canned responses)."""
    return _isolated_session().create_client(
        "ec2",
        region_name=region,
        endpoint_url=ENDPOINT,
        aws_access_key_id="ec2sim",
        aws_secret_access_key="ec2sim",
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


def make_client(cloud: Cloud) -> Any:
    """A botocore EC2 client answered by ``cloud``."""
    client = bare_client(cloud.region)
    events = client.meta.events

    def keep_params(params: dict, context: dict, **_: Any) -> None:
        # The learner's own parameters: botocore's dict of this call's keyword arguments,
        # kept as it is (no copy: once per call). Of botocore's handlers, only one rewrites an
        # EC2 request's members (it base64-encodes RunInstances' UserData, in place), and the
        # simulation refuses UserData by name, so events always show what the learner wrote.
        context[_PARAMS] = params

    def answer(model: Any, context: dict, **_: Any) -> tuple[_Reply, dict]:
        request_id = cloud.next_request_id()
        try:
            parsed = cloud.dispatch(model.name, context[_PARAMS], validated=True)
            status = 200
        except EC2Error as error:
            parsed = {"Error": {"Code": error.code, "Message": error.message}}
            status = error.status
        headers = {"content-type": "text/xml;charset=UTF-8", "server": "AmazonEC2",
                   "x-amzn-requestid": request_id}
        parsed["ResponseMetadata"] = {"RequestId": request_id, "HTTPStatusCode": status,
                                      "HTTPHeaders": headers, "RetryAttempts": 0}
        return _REPLIES.get(status) or _REPLIES.setdefault(status, _Reply(status)), parsed

    def never_send(**_: Any) -> None:
        raise _NeverSend("ec2sim never sends a request over the network")

    # No random idempotency token (ClientToken) is made up for the learner: the simulation
    # answers each call once, in-process, so the token could only make events and captions
    # differ from run to run (a ClientToken the learner passes is kept, as on AWS).
    events.unregister("before-parameter-build", generate_idempotent_uuid)
    events.register_first("before-parameter-build.ec2", keep_params)
    events.register("before-call.ec2", answer)
    events.register_first("before-send.ec2", never_send)
    return client
