"""ClientToken: a create that is sent twice makes its resources once.

A network can drop the answer to a request that succeeded. A client that retries
``run_instances`` then launches a second instance, unless the request carries a ClientToken:
EC2 remembers which resources a token made, and a retry with the same token and the same
parameters answers with those resources instead of making new ones. The AWS CLI and boto3 put
a fresh token on every RunInstances, CreateNetworkInterface and CreateRouteTable request of
their own accord (the lab's in-process client does not, so the learner's runs stay
reproducible; a token the learner passes is honoured).

Picture: ``run_instances(..., ClientToken="web-1-launch")`` launches ``i-0a…``; the same call
again answers with ``i-0a…`` and launches nothing; the same token with another InstanceType is
refused (IdempotentParameterMismatch); once ``i-0a…`` is terminated the token is spent
(IdempotentInstanceTerminated).

The token and a digest of the request live on the resources themselves (``client_token``,
``client_request``), so Undo, Reset and saved labs keep them right without any bookkeeping.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ec2sim.errors import EC2Error
from ec2sim.world import World


def request_digest(params: dict) -> str:
    """What identifies a request apart from its token: every other parameter, canonically."""
    rest = {k: v for k, v in params.items() if k != "ClientToken"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, default=str).encode()).hexdigest()


def made_earlier(world: World, collection: str, params: dict) -> list[Any]:
    """The resources of ``collection`` an earlier request with this ClientToken made (none
    without a token); a token reused with other parameters is AWS's mismatch error."""
    token = params.get("ClientToken")
    if not token:
        return []
    made = [r for r in world.collections[collection].values() if r.client_token == token]
    if made and made[0].client_request != request_digest(params):
        raise EC2Error("IdempotentParameterMismatch", "Arguments on this idempotent request are "
                       "inconsistent with arguments used in previous request(s).")
    return made


def remember(world: World, resource: Any, params: dict) -> None:
    """Note on a new resource the ClientToken (if any) of the request that made it."""
    if params.get("ClientToken"):
        world.set(resource, "client_token", params["ClientToken"])
        world.set(resource, "client_request", request_digest(params))


def with_client_token(response: dict, params: dict) -> dict:
    """A create's answer echoes the request's ClientToken, when it had one."""
    if params.get("ClientToken"):
        response["ClientToken"] = params["ClientToken"]
    return response
