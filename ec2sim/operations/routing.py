"""Route tables and security group ingress rules: what lets a packet reach an address.

Every VPC has a main route table holding the ``local`` route (the VPC's own blocks); a subnet
uses the main table unless it is associated with another one. A route to an internet gateway
(``0.0.0.0/0`` or ``::/0``) is what makes a subnet public. Security group rules say which
traffic may come in to the network interfaces in the group; everything may go out.
"""

from __future__ import annotations

from netaddr import IPNetwork

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.idempotency import made_earlier, remember, with_client_token
from ec2sim.operations import FILTERS, PAGES, operation, tag_specifications, tags_for
from ec2sim.resources import RouteTable, SecurityGroup, Vpc
from ec2sim.world import World

ROUTE_TABLE_FILTERS = {
    "route-table-id": "RouteTableId",
    "vpc-id": "VpcId",
    "owner-id": "OwnerId",
    "association.main": "Associations[].Main",
    "association.subnet-id": "Associations[].SubnetId",
    "association.route-table-association-id": "Associations[].RouteTableAssociationId",
    "association.route-table-id": "Associations[].RouteTableId",
    "route.destination-cidr-block": "Routes[].DestinationCidrBlock",
    "route.destination-ipv6-cidr-block": "Routes[].DestinationIpv6CidrBlock",
    "route.gateway-id": "Routes[].GatewayId",
    "route.origin": "Routes[].Origin",
    "route.state": "Routes[].State",
}


# -- route tables ------------------------------------------------------------------------------
def new_route_table(world: World, vpc: Vpc, *, main: bool = False,
                    params: dict | None = None) -> RouteTable:
    """A route table of ``vpc`` (its routes start with the VPC's local route)."""
    table = RouteTable(route_table_id=world.new_id("rtb"), vpc_id=vpc.vpc_id, main=main)
    if main:
        table.main_association_id = world.new_id("rtbassoc")
    tag_specifications(world, table, params or {}, "route-table")
    world.add("route_tables", table.route_table_id, table)
    world.note("route-table", table.route_table_id, None, vpc.vpc_id)
    return table


def main_table(world: World, vpc_id: str) -> RouteTable | None:
    for table in world.collections["route_tables"].values():
        if table.vpc_id == vpc_id and table.main:
            return table
    return None


def table_of_subnet(world: World, subnet_id: str) -> RouteTable | None:
    """The route table a subnet uses: the one it is associated with, else its VPC's main."""
    for table in world.collections["route_tables"].values():
        if any(a["subnet_id"] == subnet_id for a in table.associations):
            return table
    return main_table(world, world.subnets[subnet_id].vpc_id)


def route_state(world: World, table: RouteTable, route: dict) -> str:
    """``active``, or ``blackhole`` when the gateway is gone or no longer attached."""
    gateway = world.internet_gateways.get(route["gateway_id"])
    return "active" if gateway is not None and gateway.vpc_id == table.vpc_id else "blackhole"


def _destination_key(destination: str) -> str:
    return "DestinationIpv6CidrBlock" if ":" in destination else "DestinationCidrBlock"


def route_table_shape(world: World, table: RouteTable) -> dict:
    vpc = world.vpcs[table.vpc_id]
    local = [*vpc.ipv4_blocks, *vpc.ipv6_blocks]
    routes = [{_destination_key(block): block, "GatewayId": "local",
               "Origin": "CreateRouteTable", "State": "active"} for block in local]
    routes += [{_destination_key(r["destination"]): r["destination"],
                "GatewayId": r["gateway_id"], "Origin": "CreateRoute",
                "State": route_state(world, table, r)} for r in table.routes]
    associations = [{"Main": True, "RouteTableAssociationId": table.main_association_id,
                     "RouteTableId": table.route_table_id,
                     "AssociationState": {"State": "associated"}}] if table.main else []
    associations += [{"Main": False, "RouteTableAssociationId": a["association_id"],
                      "RouteTableId": table.route_table_id, "SubnetId": a["subnet_id"],
                      "AssociationState": {"State": "associated"}} for a in table.associations]
    return {"Associations": associations, "PropagatingVgws": [],
            "RouteTableId": table.route_table_id, "Routes": routes,
            "Tags": describe.tags(table), "VpcId": table.vpc_id, "OwnerId": world.account_id}


def add_route(world: World, table: RouteTable, destination: str, gateway_id: str) -> None:
    world.set(table, "routes", [*table.routes, {"destination": destination,
                                                "gateway_id": gateway_id}])
    world.note("route", f"{table.route_table_id}/{destination}", None, gateway_id)


@operation("CreateRouteTable", "VpcId ClientToken", tags_for("route-table"))
def create_route_table(world: World, params: dict) -> dict:
    earlier = made_earlier(world, "route_tables", params)
    if earlier:  # a retry with the same ClientToken: the table the first request made
        table = earlier[0]
    else:
        table = new_route_table(world, rules.find(world, "vpcs", params["VpcId"]), params=params)
        remember(world, table, params)
    return with_client_token({"RouteTable": route_table_shape(world, table)}, params)


@operation("DescribeRouteTables", "RouteTableIds", FILTERS, PAGES)
def describe_route_tables(world: World, params: dict) -> dict:
    found = describe.select(world, params, "route_tables", "RouteTableIds", route_table_shape,
                            ROUTE_TABLE_FILTERS, lambda i: EC2Error(
                                "InvalidRouteTableID.NotFound",
                                f"The routeTable ID '{i}' does not exist"))
    return describe.page(found, params, "RouteTables")


@operation("DeleteRouteTable", "RouteTableId")
def delete_route_table(world: World, params: dict) -> dict:
    table = rules.find(world, "route_tables", params["RouteTableId"])
    rules.check_route_table_unused(table)
    world.remove("route_tables", table.route_table_id)
    world.note("route-table", table.route_table_id, table.vpc_id, None)
    return {}


def _destination(world: World, table: RouteTable, params: dict) -> str:
    """The one destination block a CreateRoute / DeleteRoute request names, canonical."""
    given = [name for name in ("DestinationCidrBlock", "DestinationIpv6CidrBlock")
             if params.get(name)]
    rules.check_one_destination(given, params)
    name = given[0]
    return rules.check_route_destination(world.vpcs[table.vpc_id], params[name], name)


@operation("CreateRoute", "RouteTableId DestinationCidrBlock DestinationIpv6CidrBlock GatewayId "
                          "NatGatewayId InstanceId NetworkInterfaceId VpcPeeringConnectionId "
                          "TransitGatewayId EgressOnlyInternetGatewayId LocalGatewayId "
                          "CarrierGatewayId VpcEndpointId")
def create_route(world: World, params: dict) -> dict:
    table = rules.find(world, "route_tables", params["RouteTableId"])
    destination = _destination(world, table, params)
    rules.check_route_target(params)
    gateway = rules.find(world, "internet_gateways", params["GatewayId"])
    rules.check_gateway_in_vpc(gateway, table)
    rules.check_route_is_new(table, destination)
    add_route(world, table, destination, gateway.internet_gateway_id)
    return {"Return": True}


@operation("DeleteRoute", "RouteTableId DestinationCidrBlock DestinationIpv6CidrBlock")
def delete_route(world: World, params: dict) -> dict:
    table = rules.find(world, "route_tables", params["RouteTableId"])
    destination = _destination(world, table, params)
    route = rules.check_route_exists(table, destination)
    world.set(table, "routes", [r for r in table.routes if r is not route])
    world.note("route", f"{table.route_table_id}/{destination}", route["gateway_id"], None)
    return {}


@operation("AssociateRouteTable", "RouteTableId SubnetId")
def associate_route_table(world: World, params: dict) -> dict:
    table = rules.find(world, "route_tables", params["RouteTableId"])
    if not params.get("SubnetId"):
        raise EC2Error("UnsupportedOperation", "The simulation associates route tables with "
                       "subnets only (give SubnetId).")
    subnet = rules.find(world, "subnets", params["SubnetId"])
    rules.check_table_and_subnet(world, table, subnet)
    association = {"association_id": world.new_id("rtbassoc"), "subnet_id": subnet.subnet_id}
    world.set(table, "associations", [*table.associations, association])
    world.note("route-table-association", subnet.subnet_id, None, table.route_table_id)
    return {"AssociationId": association["association_id"],
            "AssociationState": {"State": "associated"}}


@operation("DisassociateRouteTable", "AssociationId")
def disassociate_route_table(world: World, params: dict) -> dict:
    wanted = params["AssociationId"]
    for table in world.collections["route_tables"].values():
        rules.check_not_main_association(table, wanted)
        for association in table.associations:
            if association["association_id"] == wanted:
                world.set(table, "associations",
                          [a for a in table.associations if a is not association])
                world.note("route-table-association", association["subnet_id"],
                           table.route_table_id, None)
                return {}
    raise EC2Error("InvalidAssociationID.NotFound", f"The association ID '{wanted}' does not "
                   "exist")


def forget_subnet(world: World, subnet_id: str) -> None:
    """A deleted subnet leaves the route table it was associated with."""
    for table in world.collections["route_tables"].values():
        kept = [a for a in table.associations if a["subnet_id"] != subnet_id]
        if len(kept) != len(table.associations):
            world.set(table, "associations", kept)


# -- security group ingress rules --------------------------------------------------------------
# What Authorize/RevokeSecurityGroupIngress read of a request: the group, and the rules in either
# form (IpPermissions, or the older top-level IpProtocol/FromPort/ToPort/CidrIp).
RULE_MEMBERS = ("GroupId GroupName IpProtocol FromPort ToPort CidrIp IpPermissions.IpProtocol "
                "IpPermissions.FromPort IpPermissions.ToPort IpPermissions.IpRanges.CidrIp! "
                "IpPermissions.IpRanges.Description IpPermissions.Ipv6Ranges.CidrIpv6! "
                "IpPermissions.Ipv6Ranges.Description IpPermissions.UserIdGroupPairs.GroupId! "
                "IpPermissions.UserIdGroupPairs.Description")


def _permissions(params: dict) -> list[dict]:
    """IpPermissions, or the older top-level form (IpProtocol, FromPort, ToPort, CidrIp)."""
    if params.get("IpPermissions"):
        return params["IpPermissions"]
    top = {k: params[k] for k in ("IpProtocol", "FromPort", "ToPort") if k in params}
    if params.get("CidrIp"):
        top["IpRanges"] = [{"CidrIp": params["CidrIp"]}]
    return [top] if top else []


def requested_rules(world: World, group: SecurityGroup, params: dict) -> list[dict]:
    """The rules a request names, one per source, checked and in the form they are stored."""
    permissions = _permissions(params)
    if not permissions:
        raise EC2Error("MissingParameter", "The request must contain the parameter "
                       "IpPermissions.")
    found: list[dict] = []
    for permission in permissions:
        protocol = rules.check_protocol(permission.get("IpProtocol", ""))
        low, high = rules.check_ports(protocol, permission)
        sources = [("cidr_ipv4", str(rules.check_rule_cidr(r.get("CidrIp", ""), 4)),
                    r.get("Description")) for r in permission.get("IpRanges", [])]
        sources += [("cidr_ipv6", str(rules.check_rule_cidr(r.get("CidrIpv6", ""), 6)),
                     r.get("Description")) for r in permission.get("Ipv6Ranges", [])]
        for pair in permission.get("UserIdGroupPairs", []):
            source = rules.find(world, "security_groups", pair.get("GroupId", ""))
            rules.check_same_vpc_group(group, source)
            sources.append(("source_group", source.group_id, pair.get("Description")))
        if not sources:
            raise EC2Error("MissingParameter", "A permission needs a source: IpRanges, "
                           "Ipv6Ranges or UserIdGroupPairs.")
        for key, value, description in sources:
            rule = {"protocol": protocol, "from_port": low, "to_port": high, key: value}
            if description:
                rule["description"] = description
            found.append(rule)
    return found


def rule_text(rule: dict) -> str:
    """A rule as AWS quotes it in errors: peer, protocol, ports."""
    peer = rule.get("cidr_ipv4") or rule.get("cidr_ipv6") or rule.get("source_group")
    protocol = "ALL" if rule["protocol"] == "-1" else rule["protocol"].upper()
    ports = "" if rule["protocol"] == "-1" else (f", from port: {rule['from_port']}, to port: "
                                                 f"{rule['to_port']}")
    return f"peer: {peer}, {protocol}{ports}, ALLOW"


def security_group_rule_shape(world: World, group: SecurityGroup, rule: dict, *,
                              revoked: bool = False) -> dict:
    shape = {"SecurityGroupRuleId": rule["rule_id"], "GroupId": group.group_id,
             "IsEgress": False, "IpProtocol": rule["protocol"],
             "FromPort": rule["from_port"], "ToPort": rule["to_port"]}
    if rule.get("cidr_ipv4"):
        shape["CidrIpv4"] = rule["cidr_ipv4"]
    if rule.get("cidr_ipv6"):
        shape["CidrIpv6"] = rule["cidr_ipv6"]
    if rule.get("source_group") and revoked:
        shape["ReferencedGroupId"] = rule["source_group"]
    if rule.get("source_group") and not revoked:
        shape["ReferencedGroupInfo"] = {"GroupId": rule["source_group"],
                                        "UserId": world.account_id}
    if rule.get("description"):
        shape["Description"] = rule["description"]
    if not revoked:
        shape["GroupOwnerId"] = world.account_id
        shape["SecurityGroupRuleArn"] = (f"arn:aws:ec2:{world.region}:{world.account_id}:"
                                         f"security-group-rule/{rule['rule_id']}")
    return shape


def ip_permissions(world: World, group: SecurityGroup) -> list[dict]:
    """A group's inbound rules as DescribeSecurityGroups shows them: grouped by protocol and
    ports, each with its sources."""
    permissions: dict[tuple, dict] = {}
    for rule in group.ingress:
        key = (rule["protocol"], rule["from_port"], rule["to_port"])
        permission = permissions.get(key)
        if permission is None:
            permission = {"IpProtocol": rule["protocol"], "UserIdGroupPairs": [],
                          "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": []}
            if rule["protocol"] != "-1":
                permission.update(FromPort=rule["from_port"], ToPort=rule["to_port"])
            permissions[key] = permission
        described = {"Description": rule["description"]} if rule.get("description") else {}
        if rule.get("cidr_ipv4"):
            permission["IpRanges"].append({"CidrIp": rule["cidr_ipv4"], **described})
        elif rule.get("cidr_ipv6"):
            permission["Ipv6Ranges"].append({"CidrIpv6": rule["cidr_ipv6"], **described})
        else:
            permission["UserIdGroupPairs"].append({"GroupId": rule["source_group"],
                                                   "UserId": world.account_id, **described})
    return list(permissions.values())


def group_name_of(params: dict) -> str:
    """The GroupName of a request that names its security group by name (no GroupId)."""
    if not params.get("GroupName"):
        raise EC2Error("MissingParameter", "The request must contain the parameter GroupId or "
                       "GroupName")
    return params["GroupName"]


def _group(world: World, params: dict) -> SecurityGroup:
    if params.get("GroupId"):
        return rules.find(world, "security_groups", params["GroupId"])
    name = group_name_of(params)
    default_vpcs = {v.vpc_id for v in world.vpcs.values() if v.is_default}
    for group in world.security_groups.values():
        if group.group_name == name and group.vpc_id in default_vpcs:
            return group
    raise EC2Error("InvalidGroup.NotFound", f"The security group '{name}' does not exist in "
                   "default VPC")


@operation("AuthorizeSecurityGroupIngress", RULE_MEMBERS)
def authorize_security_group_ingress(world: World, params: dict) -> dict:
    group = _group(world, params)
    adding = requested_rules(world, group, params)
    for n, rule in enumerate(adding):
        rules.check_rule_is_new(group.ingress + adding[:n], rule, rule_text(rule))
    for rule in adding:
        rule["rule_id"] = world.new_id("sgr")
        world.note("security-group-rule", rule["rule_id"], None, group.group_id)
    world.set(group, "ingress", [*group.ingress, *adding])
    return {"Return": True,
            "SecurityGroupRules": [security_group_rule_shape(world, group, r) for r in adding]}


@operation("RevokeSecurityGroupIngress", RULE_MEMBERS, "SecurityGroupRuleIds")
def revoke_security_group_ingress(world: World, params: dict) -> dict:
    group = _group(world, params)
    wanted = params.get("SecurityGroupRuleIds")
    if wanted:
        by_id = {r["rule_id"]: r for r in group.ingress}
        removing = [rules.check_rule_exists(by_id.get(i)) for i in wanted]
    else:
        removing = [rules.check_rule_exists(next(
            (r for r in group.ingress if rules.same_rule(r, asked)), None))
            for asked in requested_rules(world, group, params)]
    for rule in removing:
        world.note("security-group-rule", rule["rule_id"], group.group_id, None)
    world.set(group, "ingress", [r for r in group.ingress if all(r is not x for x in removing)])
    return {"Return": True, "RevokedSecurityGroupRules": [
        security_group_rule_shape(world, group, r, revoked=True) for r in removing]}


def allows(world: World, group_ids: list[str], protocol: str, port: int, source: str,
           source_groups: list[str]) -> bool:
    """Whether any of these groups lets ``protocol``/``port`` in from address ``source`` (sent
    by an interface in ``source_groups``, if it is one of the account's)."""
    for group_id in group_ids:
        for rule in world.security_groups[group_id].ingress:
            if rule["protocol"] not in ("-1", protocol):
                continue
            if rule["protocol"] != "-1" and not rule["from_port"] <= port <= rule["to_port"]:
                continue
            cidr = rule.get("cidr_ipv4") or rule.get("cidr_ipv6")
            if cidr and rules.parse_ip(source) in IPNetwork(cidr):
                return True
            if rule.get("source_group") in source_groups:
                return True
    return False
