"""AWS's error codes, in one place.

Every refusal in the simulation is an :class:`EC2Error` carrying AWS's own error code and a
message in AWS's style. The registry below says, for each code, whether AWS is known to answer
with it (``confirmed``: seen in AWS's error-code reference or in real responses) or whether it is
our best knowledge (``modelled``), and gives one plain sentence a learner can act on.
"""

from __future__ import annotations

from dataclasses import dataclass


class EC2Error(Exception):
    """A request AWS would refuse: ``code`` is AWS's error code, ``message`` its wording."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class ErrorCode:
    """What the simulation knows about one AWS error code."""

    code: str
    confirmed: bool
    explanation: str


def _codes(*rows: tuple[str, bool, str]) -> dict[str, ErrorCode]:
    return {code: ErrorCode(code, confirmed, text) for code, confirmed, text in rows}


CONFIRMED, MODELLED = True, False

ERROR_CODES: dict[str, ErrorCode] = _codes(
    ("OperationNotPermitted", CONFIRMED,
     "The primary network interface (eth0) belongs to its instance for life: it cannot be "
     "detached."),
    ("AttachmentLimitExceeded", CONFIRMED,
     "The instance type allows only so many network interfaces; detach one or pick a larger "
     "type."),
    ("InvalidParameterValue", CONFIRMED,
     "One of the values given breaks a rule of EC2; the message names it."),
    ("InvalidParameterCombination", CONFIRMED,
     "Two parameters were given together that EC2 does not accept together."),
    ("MissingParameter", CONFIRMED,
     "The request needs one more parameter to say what to do."),
    ("InvalidNetworkInterface.InUse", CONFIRMED,
     "The network interface is attached; detach it first."),
    ("PrivateIpAddressLimitExceeded", CONFIRMED,
     "The network interface would hold more addresses than its instance type allows."),
    ("InvalidInterface.IpAddressLimitExceeded", CONFIRMED,
     "At launch, an interface was given more addresses than the instance type allows."),
    ("InsufficientFreeAddressesInSubnet", CONFIRMED,
     "The subnet has no free addresses left to pick from."),
    ("InvalidIPAddress.InUse", CONFIRMED,
     "That address is already in use. A secondary IPv4 address can be moved with "
     "AllowReassignment; an IPv6 address must be unassigned first; an associated Elastic IP "
     "must be disassociated before release."),
    ("AddressLimitExceeded", CONFIRMED,
     "The account already holds the most Elastic IPs it may allocate in this region (5)."),
    ("Gateway.NotAttached", CONFIRMED,
     "An Elastic IP only works in a VPC that has an internet gateway attached."),
    ("InvalidInstanceID", CONFIRMED,
     "The instance has several network interfaces: name the interface, not the instance."),
    ("Resource.AlreadyAssociated", CONFIRMED,
     "The resource is already associated; an Elastic IP given AllowReassociation=False "
     "stays where it is (leave the parameter out to move it)."),
    ("IncorrectInstanceState", CONFIRMED,
     "The instance is not in a state that allows this action."),
    ("InvalidSubnet.Range", CONFIRMED,
     "The CIDR block is not inside the VPC's range, or has the wrong size."),
    ("InvalidSubnet.Conflict", CONFIRMED,
     "The CIDR block overlaps another subnet of the VPC."),
    ("InvalidVpc.Range", CONFIRMED,
     "A VPC's IPv4 CIDR block must be between /16 and /28."),
    ("InvalidGroup.Duplicate", CONFIRMED,
     "A security group with that name already exists in the VPC."),
    ("DependencyViolation", CONFIRMED,
     "Something still depends on this resource; remove that first."),
    ("Resource.AlreadyAssociated.Gateway", MODELLED,
     "The internet gateway is already attached to a VPC."),
    ("InvalidAMIID.NotFound", CONFIRMED,
     "There is no image with that ID in this region."),
    ("InvalidAMIID.Malformed", CONFIRMED, "That is not an image ID (ami-…)."),
    ("InvalidInstanceType", CONFIRMED, "There is no instance type with that name."),
    ("InvalidNetworkInterfaceID.NotFound", CONFIRMED,
     "There is no network interface with that ID."),
    ("InvalidNetworkInterfaceId.Malformed", CONFIRMED,
     "That is not a network interface ID (eni-…)."),
    ("InvalidInstanceID.NotFound", CONFIRMED, "There is no instance with that ID."),
    ("InvalidInstanceID.Malformed", CONFIRMED, "That is not an instance ID (i-…)."),
    ("InvalidSubnetID.NotFound", CONFIRMED, "There is no subnet with that ID."),
    ("InvalidSubnetID.Malformed", CONFIRMED, "That is not a subnet ID (subnet-…)."),
    ("InvalidVpcID.NotFound", CONFIRMED, "There is no VPC with that ID."),
    ("InvalidVpcID.Malformed", CONFIRMED, "That is not a VPC ID (vpc-…)."),
    ("InvalidInternetGatewayID.Malformed", MODELLED,
     "That is not an internet gateway ID (igw-…)."),
    ("InvalidInternetGatewayID.NotFound", CONFIRMED,
     "There is no internet gateway with that ID."),
    ("InvalidAllocationID.NotFound", CONFIRMED,
     "There is no Elastic IP allocation with that ID."),
    ("InvalidAssociationID.NotFound", CONFIRMED,
     "There is no association with that ID."),
    ("InvalidAttachmentID.NotFound", CONFIRMED,
     "There is no network interface attachment with that ID."),
    ("InvalidGroup.NotFound", CONFIRMED, "There is no security group with that ID or name."),
    ("InvalidGroupId.Malformed", CONFIRMED, "That is not a security group ID (sg-…)."),
    ("InvalidAddress.NotFound", CONFIRMED, "That Elastic IP address is not in this account."),
    ("InvalidFilter", CONFIRMED, "The filter name is not one this operation knows."),
    ("InvalidNextToken", CONFIRMED, "The pagination token is not valid for this request."),
    ("InvalidParameter", CONFIRMED, "A parameter is not valid for this request."),
    ("UnsupportedOperation", CONFIRMED,
     "The simulation does not model this operation, or this parameter of it (AWS itself has "
     "it); the message names what."),
    ("VcpuLimitExceeded", CONFIRMED,
     "The account would run more On-Demand vCPUs of this group of instance families than its "
     "quota allows; stop or terminate instances, or launch fewer or smaller ones."),
    ("InvalidAction", CONFIRMED, "EC2 has no operation by that name."),
    # What the HTTP endpoint answers to requests that are not EC2 calls at all.
    ("MissingAction", CONFIRMED, "The request does not say which EC2 operation it wants."),
    ("UnknownParameter", CONFIRMED, "The request names a parameter this operation does not have."),
    ("MalformedQueryString", CONFIRMED, "The request body is not valid form data."),
    ("MalformedRequest", MODELLED, "The HTTP request itself could not be read."),
    ("NotFound", MODELLED, "EC2 answers at the path '/', nowhere else."),
    ("MethodNotAllowed", MODELLED, "EC2 requests are sent with POST (or GET)."),
    ("RequestEntityTooLarge", MODELLED, "The request is larger than the endpoint accepts (1 MiB)."),
    ("RequestURITooLong", MODELLED, "The request line is longer than the endpoint reads (64 KiB)."),
    ("RequestHeaderFieldsTooLarge", MODELLED, "A header line is too long, or there are over 100."),
    ("HTTPVersionNotSupported", MODELLED, "The request names an HTTP version other than 1.x."),
    ("InternalError", CONFIRMED, "The simulation failed to answer; the server's log says why."),
    ("RequestTimeout", MODELLED, "The request did not arrive in time; the connection was closed."),
    ("RequestLimitExceeded", CONFIRMED, "Too many requests at once; wait a moment and retry."),
    # Who may call: the endpoint checks Signature Version 4 against the key it printed.
    ("MissingAuthenticationToken", CONFIRMED, "The request is not signed with an access key."),
    ("IncompleteSignature", CONFIRMED, "The request's signature is missing a part or malformed."),
    ("AuthFailure", CONFIRMED,
     "The access key is not one this endpoint knows, or it was used for another region."),
    ("SignatureDoesNotMatch", CONFIRMED,
     "The signature is wrong: the secret access key does not belong to the access key ID."),
    ("RequestExpired", CONFIRMED, "The request was signed more than 15 minutes from now."),
    ("CannotDelete", CONFIRMED, "A VPC's default security group cannot be deleted."),
    ("DryRunOperation", CONFIRMED,
     "DryRun was set: the request would have succeeded, and nothing was done."),
    ("InsufficientAddressCapacity", CONFIRMED,
     "There are no public addresses left to hand out."),
    ("InvalidID", CONFIRMED, "That ID does not name a resource that can carry tags."),
    ("MissingInput", CONFIRMED,
     "The request needs more input: name a subnet, as there is no default one here."),
    ("VPCIdNotSpecified", CONFIRMED,
     "There is no default VPC: name the VPC to use."),
    ("InvalidRouteTableID.NotFound", CONFIRMED, "There is no route table with that ID."),
    ("InvalidRouteTableId.Malformed", CONFIRMED, "That is not a route table ID (rtb-…)."),
    ("InvalidRoute.NotFound", CONFIRMED,
     "The route table has no route to that destination."),
    ("RouteAlreadyExists", CONFIRMED,
     "The route table already has a route to that destination; delete it or replace it."),
    ("InvalidPermission.Duplicate", CONFIRMED,
     "The security group already has that rule."),
    ("InvalidPermission.NotFound", CONFIRMED,
     "The security group has no such rule to revoke."),
    ("DefaultVpcAlreadyExists", CONFIRMED,
     "The account already has a default VPC in this region; there can be only one."),
    ("DefaultVpcDoesNotExist", MODELLED,
     "There is no default VPC to put a default subnet in: create the default VPC first."),
    ("DefaultSubnetAlreadyExistsInAvailabilityZone", MODELLED,
     "That Availability Zone already has a default subnet."),
    ("InvalidCidrBlock.InUse", CONFIRMED,
     "Something still uses that CIDR block (a subnet, addresses, or automatic IPv6 "
     "assignment); remove that before disassociating it."),
    ("InvalidVpcCidrBlockAssociationID.NotFound", MODELLED,
     "No CIDR block of a VPC has that association ID."),
    ("InvalidSubnetCidrBlockAssociationID.NotFound", MODELLED,
     "No CIDR block of a subnet has that association ID."),
    ("CidrLimitExceeded", CONFIRMED,
     "The VPC already has as many CIDR blocks of that family as it may (5 by default)."),
    ("IdempotentParameterMismatch", CONFIRMED,
     "That ClientToken was already used for a request with other parameters; use a new token "
     "for a new request, or repeat the first request exactly."),
    ("IdempotentInstanceTerminated", CONFIRMED,
     "The instances launched with that ClientToken are terminated, so the token cannot launch "
     "again; use a new token."),
)


def explain(code: str) -> ErrorCode:
    """The registry entry for ``code`` (an unknown code is reported as modelled, unexplained)."""
    return ERROR_CODES.get(code, ErrorCode(code, False, "An error the simulation raised."))


# The codes the project's rules (RULES.md) call confirmed, each with the words of AWS's message
# they quote ("" when they quote none). tests/core/test_core_error_registry.py checks that each
# is registered as confirmed and that a refusal test expects it, with those words.
RULES_CONFIRMED: dict[str, str] = {
    "OperationNotPermitted": "The network interface at device index 0 and networkCard index 0 "
                             "cannot be detached.",
    "AttachmentLimitExceeded": "exceeds the limit for",
    "InvalidParameterValue": "already has an interface attached at device index",
    "InvalidNetworkInterface.InUse": "",
    "PrivateIpAddressLimitExceeded": "Number of private addresses will exceed limit.",
    "InvalidInterface.IpAddressLimitExceeded": "",
    "InsufficientFreeAddressesInSubnet": "",
    "InvalidIPAddress.InUse": "is in use.",
    "AddressLimitExceeded": "",
    "Gateway.NotAttached": "",
    "InvalidInstanceID": "There are multiple interfaces attached to instance",
    "Resource.AlreadyAssociated": "is already associated with associate-id",
    "InvalidParameterCombination": "Network interfaces and an instance-level subnet ID may not "
                                   "be specified on the same request",
    "VPCIdNotSpecified": "No default VPC",
    "InvalidParameter": "belong to different networks.",
    "InvalidNetworkInterfaceID.NotFound": "",
    "InvalidNetworkInterfaceId.Malformed": "",
    "InvalidInstanceID.NotFound": "",
    "InvalidInstanceID.Malformed": "",
    "InvalidSubnetID.NotFound": "",
    "InvalidVpcID.NotFound": "",
    "InvalidAllocationID.NotFound": "",
    "InvalidAssociationID.NotFound": "",
    "InvalidAttachmentID.NotFound": "",
    "InvalidGroup.NotFound": "",
    "InvalidAddress.NotFound": "",
}
