"""A PowerShell prompt on a Windows instance: seeing and configuring its IPv4 addresses.

Windows takes each adapter's primary private IPv4 address from DHCP. A secondary address needs a
static configuration, in two steps (the procedure of EC2's Windows guide): first the adapter's
DHCP address becomes static, then the secondary addresses are added::

    netsh interface ipv4 set address name="Ethernet" static 10.0.1.10 255.255.255.0 10.0.1.1
    netsh interface ipv4 add address "Ethernet" 10.0.1.20 255.255.255.0

or, in PowerShell, ``Set-NetIPInterface -InterfaceAlias "Ethernet" -Dhcp Disabled``, then
``New-NetIPAddress`` for the primary (with ``-DefaultGateway``) and each secondary address.
``ipconfig [/all]`` and ``Get-NetIPAddress`` show the result. Adapters are "Ethernet",
"Ethernet 2", … by device index; interface indexes, the host name and the adapter description
are modelled. A static configuration is saved: it outlasts a stop and start.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from netaddr import AddrFormatError, IPAddress, IPNetwork

from ec2sim import guest
from ec2sim.guest import Config
from ec2sim.resources import GuestOS, NetworkInterface
from ec2sim.shell import ShellError
from ec2sim.world import World

IFINDEX_BASE = 5  # modelled: "Ethernet" is interface 5, "Ethernet 2" 6, …
BAD_NAME = "The filename, directory name, or volume label syntax is incorrect."
EXISTS = "The object already exists."
LOOPBACK = "Loopback Pseudo-Interface 1"


class Session:
    """One command's view of the instance: its OS state and EC2's interfaces by adapter name."""

    def __init__(self, world: World, os: GuestOS) -> None:
        self.world, self.os = world, os
        self.enis: dict[str, NetworkInterface] = {
            guest.device(world, eni): eni for eni in world.interfaces_of(os.instance_id)}

    def adapters(self) -> list[tuple[str, dict]]:
        return [(name, self.os.links[name]) for name in sorted(self.os.links, key=guest.index_of)]

    def gateway(self, name: str) -> str | None:
        return next((r["via"] for r in self.os.routes if r.get("dev") == name
                     and r["to"] == "default" and r["family"] == 4 and r["table"] == "main"),
                    None)

    def dns_server(self, name: str) -> str:
        """The Amazon DNS server: the VPC's base address + 2."""
        vpc = self.world.vpcs[self.enis[name].vpc_id]
        return str(IPNetwork(vpc.cidr_block).network + 2)

    def apply(self, config: Config) -> None:
        guest.apply(self.world, self.os, config)


def run(world: World, os: GuestOS, command: str) -> str:
    """Run one PowerShell command line (``netsh`` and ``ipconfig`` included)."""
    try:
        words = shlex.split(command)
    except ValueError:
        raise ShellError("The string is missing the terminator: \".", 1) from None
    if not words:
        return ""
    handler = COMMANDS.get(words[0].lower())
    if handler is None:
        raise ShellError(f"{words[0]} : The term '{words[0]}' is not recognized as the name of a "
                         "cmdlet, function, script file, or operable program.", 1)
    return handler(Session(world, os), words[1:])


def _ipv4(link: dict) -> list[IPNetwork]:
    return [IPNetwork(a["cidr"]) for a in link["addresses"] if IPNetwork(a["cidr"]).version == 4]


def _ipv6(link: dict) -> list[IPNetwork]:
    return [IPNetwork(a["cidr"]) for a in link["addresses"] if IPNetwork(a["cidr"]).version == 6]


def _row(label: str, value: str) -> str:
    """``ipconfig``'s dotted rows: after the label, a dot on every even column up to 34."""
    fill = "".join("." if column % 2 == 0 else " " for column in range(len(label), 34))
    return f"   {label}{fill}: {value}".rstrip()


# -- ipconfig ----------------------------------------------------------------------------------
def _ipconfig(session: Session, args: list[str]) -> str:
    full = [a.lower() for a in args] == ["/all"]
    if args and not full:
        raise ShellError("The lab's ipconfig shows the configuration: ipconfig or ipconfig /all",
                         1)
    lines = ["", "Windows IP Configuration", ""]
    if full:
        host = "EC2AMAZ-" + session.os.instance_id[2:9].upper()
        lines += [_row("Host Name", host), _row("Primary Dns Suffix", ""),
                  _row("Node Type", "Hybrid"), _row("IP Routing Enabled", "No"),
                  _row("WINS Proxy Enabled", "No"), _row("DNS Suffix Search List", "ec2.internal"),
                  ""]
    else:
        lines.append("")
    for name, link in session.adapters():
        lines += _adapter(session, name, link, full)
    return "\n".join(lines).rstrip("\n")


def _adapter(session: Session, name: str, link: dict, full: bool) -> list[str]:
    eni = session.enis.get(name)
    index = IFINDEX_BASE + guest.index_of(name)
    lines = [f"Ethernet adapter {name}:", ""]
    if not link["up"]:
        return lines + [_row("Media State", "Media disconnected"), ""]
    dhcp = link.get("dhcp", True)
    preferred = "(Preferred)" if full else ""
    lines.append(_row("Connection-specific DNS Suffix", "ec2.internal" if dhcp else ""))
    if full:
        kind = session.world.instances[session.os.instance_id].instance_type
        model = "Amazon Elastic Network Adapter" if guest.on_nitro(kind) else \
            "AWS PV Network Device"
        lines += [_row("Description", f"{model} #{guest.index_of(name)}" if guest.index_of(
                      name) else model),
                  _row("Physical Address", link["mac"].upper().replace(":", "-")),
                  _row("DHCP Enabled", "Yes" if dhcp else "No"),
                  _row("Autoconfiguration Enabled", "Yes")]
    lines += [_row("IPv6 Address", f"{net.ip}{preferred}") for net in _ipv6(link)]
    lines.append(_row("Link-local IPv6 Address",
                      f"{guest.link_local(link['mac'])}%{index}{preferred}"))
    for net in _ipv4(link):
        lines += [_row("IPv4 Address", f"{net.ip}{preferred}"), _row("Subnet Mask", str(
            net.netmask))]
    lines.append(_row("Default Gateway", session.gateway(name) or ""))
    if full:
        if dhcp and eni is not None:
            lines.append(_row("DHCP Server", guest.router(session.world.subnets[
                eni.subnet_id].cidr_block)))
        lines += [_row("DNS Servers", session.dns_server(name))] if eni else []
        lines.append(_row("NetBIOS over Tcpip", "Enabled"))
    return lines + [""]


# -- netsh -------------------------------------------------------------------------------------
NETSH_USAGE = ('The lab\'s netsh knows: netsh interface ipv4 set address name="Ethernet" static '
               'ADDRESS MASK GATEWAY | source=dhcp; netsh interface ipv4 add|delete address '
               '"Ethernet" ADDRESS [MASK]')


def _netsh(session: Session, args: list[str]) -> str:
    words = [a.lower() for a in args[:4]]
    if len(args) < 4 or words[0] not in ("interface", "int") or words[1] not in ("ipv4", "ip") \
            or words[3] not in ("address", "addr"):
        raise ShellError(NETSH_USAGE, 1)
    verb, rest = words[2], args[4:]
    named = {k.lower(): v for k, sep, v in (a.partition("=") for a in rest) if sep}
    plain = [a for a in rest if "=" not in a]
    keys = {"set": ("name", "source", "address", "mask", "gateway"),
            "add": ("name", "address", "mask"), "delete": ("name", "address")}
    if verb not in keys:
        raise ShellError(NETSH_USAGE, 1)
    values = dict(named)
    for key in keys[verb]:  # the positional words fill the keys not given by name, in order
        if key not in values and plain:
            values[key] = plain.pop(0)
    if verb == "set" and values.get("source", "").lower() not in ("static", "dhcp"):
        raise ShellError(NETSH_USAGE, 1)
    name = _adapter_named(session, values.get("name"), BAD_NAME)
    if verb == "set":
        if values["source"].lower() == "dhcp":
            return _enable_dhcp(session, name)
        net = _address(values.get("address"), _mask_length(values.get("mask")))
        return _make_static(session, name, net, values.get("gateway"))
    if verb == "add":
        if session.os.links[name].get("dhcp", True):
            raise ShellError(f'"{name}" takes its address from DHCP: give it a static '
                             "configuration first (netsh interface ipv4 set address … static …).",
                             1)
        net = _address(values.get("address"), _mask_length(values.get("mask", "255.255.255.255")))
        return _add(session, name, net)
    ip = _address(values.get("address"), 32).ip
    config = Config(session.os)
    if config.remove_address(name, str(ip)) is None:
        raise ShellError("Element not found.", 1)
    session.apply(config)
    return ""


def _adapter_named(session: Session, name: str | None, missing: str) -> str:
    if name not in session.os.links:
        raise ShellError(missing, 1)
    return name


def _address(text: str | None, length: int) -> IPNetwork:
    try:
        ip = IPAddress(text or "", flags=0)
    except (AddrFormatError, ValueError):
        raise ShellError(f"{text or 'An address'} is not an acceptable IPv4 address.", 1) \
            from None
    if ip.version != 4:
        raise ShellError(f"{text} is not an acceptable IPv4 address.", 1)
    return IPNetwork(f"{ip}/{length}")


def _mask_length(mask: str | None) -> int:
    try:
        ip = IPAddress(mask or "")
        if ip.version == 4 and ip.is_netmask():
            return ip.netmask_bits()
    except (AddrFormatError, ValueError):
        pass
    raise ShellError(f"{mask or 'The subnet mask'} is not an acceptable subnet mask.", 1)


def _make_static(session: Session, name: str, net: IPNetwork, gateway: str | None) -> str:
    """The adapter stops using DHCP and keeps the one address given (and gateway)."""
    config = Config(session.os)
    link = config.links[name]
    link["dhcp"], link["addresses"] = False, [
        a for a in link["addresses"] if IPNetwork(a["cidr"]).version == 6]
    config.routes = [r for r in config.routes if not (r.get("dev") == name and r["family"] == 4)]
    config.add_address(name, str(net), "manual")
    if gateway:
        config.add_route(to="default", via=str(_address(gateway, 32).ip), dev=name,
                         proto="static", metric=guest.DHCP_METRIC + guest.index_of(name))
    session.apply(config)
    return ""


def _enable_dhcp(session: Session, name: str) -> str:
    """Back to DHCP: the static IPv4 addresses go, the lease brings the primary back."""
    config = Config(session.os)
    link = config.links[name]
    link["dhcp"] = True
    for net in _ipv4(link):
        config.remove_address(name, str(net.ip))
    config.routes = [r for r in config.routes if not (r.get("dev") == name and r["family"] == 4)]
    session.apply(config)
    guest.refresh(session.world, session.os)
    return ""


def _add(session: Session, name: str, net: IPNetwork) -> str:
    config = Config(session.os)
    if not config.add_address(name, str(net), "manual"):
        raise ShellError(EXISTS, 1)
    session.apply(config)
    return ""


# -- PowerShell's NetTCPIP cmdlets -------------------------------------------------------------
def _parameters(cmdlet: str, args: list[str], known: tuple[str, ...]) -> dict[str, str]:
    """``-Name value`` pairs (names case-insensitive, ``-Name:value`` too)."""
    found, index = {}, 0
    while index < len(args):
        word = args[index]
        key, _, inline = word[1:].partition(":")
        match = next((k for k in known if k.lower() == key.lower()), None)
        if not word.startswith("-") or match is None:
            raise ShellError(f"{cmdlet} : A parameter cannot be found that matches parameter "
                             f"name '{word.lstrip('-')}'.", 1)
        if inline:
            found[match], index = inline, index + 1
        elif index + 1 < len(args):
            found[match], index = args[index + 1], index + 2
        else:
            raise ShellError(f"{cmdlet} : Missing an argument for parameter '{match}'.", 1)
    return found


def _ipv4_only(cmdlet: str, given: dict[str, str]) -> None:
    """The lab configures IPv4 on Windows; an -AddressFamily other than IPv4 is refused, not
    ignored."""
    if given.get("AddressFamily", "IPv4").lower() != "ipv4":
        raise ShellError(f"{cmdlet} : The lab's {cmdlet} configures IPv4 only (-AddressFamily "
                         "IPv4).", 1)


def _alias(session: Session, cmdlet: str, given: dict[str, str]) -> str | None:
    if "InterfaceAlias" in given:
        name = given["InterfaceAlias"]
        found = next((n for n in session.os.links if n.lower() == name.lower()), None)
        if found is None:
            raise ShellError(f"{cmdlet} : No MSFT_NetIPInterface objects found with property "
                             f"'InterfaceAlias' equal to '{name}'. Verify the value of the "
                             "property and retry.", 1)
        return found
    if "InterfaceIndex" in given:
        for name in session.os.links:
            if str(IFINDEX_BASE + guest.index_of(name)) == given["InterfaceIndex"]:
                return name
        raise ShellError(f"{cmdlet} : No MSFT_NetIPInterface objects found with property "
                         f"'InterfaceIndex' equal to '{given['InterfaceIndex']}'. Verify the "
                         "value of the property and retry.", 1)
    return None


def _new_address(session: Session, args: list[str]) -> str:
    cmdlet = "New-NetIPAddress"
    given = _parameters(cmdlet, args, ("InterfaceAlias", "InterfaceIndex", "IPAddress",
                                       "PrefixLength", "DefaultGateway", "AddressFamily"))
    _ipv4_only(cmdlet, given)
    name = _alias(session, cmdlet, given)
    if name is None or "IPAddress" not in given:
        raise ShellError(f"{cmdlet} : Give the adapter (-InterfaceAlias or -InterfaceIndex) and "
                         "-IPAddress.", 1)
    length = given.get("PrefixLength", "32")
    if not length.isdigit() or int(length) > 32:
        raise ShellError(f"{cmdlet} : Cannot validate argument on parameter 'PrefixLength'. "
                         f"The {length} argument is greater than the maximum allowed range of "
                         "32.", 1)
    net = _address(given["IPAddress"], int(length))
    if session.os.links[name].get("dhcp", True):
        raise ShellError(f"{cmdlet} : Inconsistent parameters PolicyStore PersistentStore and "
                         "Dhcp Enabled", 1)
    _add(session, name, net)
    if "DefaultGateway" in given:
        config = Config(session.os)
        config.add_route(to="default", via=str(_address(given["DefaultGateway"], 32).ip),
                         dev=name, proto="static",
                         metric=guest.DHCP_METRIC + guest.index_of(name))
        session.apply(config)
    entry = {"cidr": str(net), "origin": "manual"}
    return "\n".join(_address_object(name, entry, store) for store in ("ActiveStore",
                                                                         "PersistentStore"))


def _set_interface(session: Session, args: list[str]) -> str:
    cmdlet = "Set-NetIPInterface"
    given = _parameters(cmdlet, args, ("InterfaceAlias", "InterfaceIndex", "Dhcp",
                                       "AddressFamily"))
    _ipv4_only(cmdlet, given)
    name = _alias(session, cmdlet, given)
    if name is None or given.get("Dhcp", "").lower() not in ("enabled", "disabled"):
        raise ShellError(f"{cmdlet} : The lab's {cmdlet} switches DHCP: -InterfaceAlias NAME "
                         "-Dhcp Enabled|Disabled", 1)
    if given["Dhcp"].lower() == "enabled":
        return _enable_dhcp(session, name)
    config = Config(session.os)
    link = config.links[name]
    link["dhcp"] = False  # the leased IPv4 address goes with the DHCP client
    for entry in list(link["addresses"]):
        if entry["origin"] == "dhcp" and IPNetwork(entry["cidr"]).version == 4:
            config.remove_address(name, str(IPNetwork(entry["cidr"]).ip))
    config.routes = [r for r in config.routes if not (
        r.get("dev") == name and r["family"] == 4 and r.get("proto") == "dhcp")]
    session.apply(config)
    return ""


def _get_address(session: Session, args: list[str]) -> str:
    cmdlet = "Get-NetIPAddress"
    given = _parameters(cmdlet, args, ("InterfaceAlias", "InterfaceIndex", "AddressFamily",
                                       "IPAddress"))
    only = _alias(session, cmdlet, given)
    family = given.get("AddressFamily", "").lower()
    rows = [(name, a) for name, link in session.adapters() if link["up"]
            for a in link["addresses"]]
    rows += [(LOOPBACK, {"cidr": "127.0.0.1/8", "origin": "wellknown"}),
             (LOOPBACK, {"cidr": "::1/128", "origin": "wellknown"})]
    rows = [(name, a) for name, a in rows
            if (only is None or name == only)
            and family in ("", f"ipv{IPNetwork(a['cidr']).version}")
            and given.get("IPAddress") in (None, str(IPNetwork(a["cidr"]).ip))]
    if not rows:
        raise ShellError(f"{cmdlet} : No matching MSFT_NetIPAddress objects found.", 1)
    return "\n".join(_address_object(name, a, "ActiveStore") for name, a in rows)


def _address_object(name: str, entry: dict, store: str) -> str:
    """One MSFT_NetIPAddress as PowerShell lists it."""
    net = IPNetwork(entry["cidr"])
    origin = {"dhcp": "Dhcp", "manual": "Manual", "wellknown": "WellKnown"}[entry["origin"]]
    lasting = "Infinite ([TimeSpan]::MaxValue)"
    lifetime = "01:00:00" if origin == "Dhcp" else lasting
    fields = [("IPAddress", str(net.ip)),
              ("InterfaceIndex", "1" if name == LOOPBACK else str(IFINDEX_BASE
                                                                   + guest.index_of(name))),
              ("InterfaceAlias", name), ("AddressFamily", f"IPv{net.version}"),
              ("Type", "Unicast"), ("PrefixLength", str(net.prefixlen)),
              ("PrefixOrigin", origin), ("SuffixOrigin", origin),
              ("AddressState", "Preferred"), ("ValidLifetime", lifetime),
              ("PreferredLifetime", lifetime), ("SkipAsSource", "False"),
              ("PolicyStore", store)]
    return "\n" + "\n".join(f"{key:<17} : {value}" for key, value in fields) + "\n"


HELP = """The lab's Windows prompt knows these commands:
  ipconfig | ipconfig /all                 each adapter's addresses (DHCP enabled or not)
  netsh interface ipv4 set address name="Ethernet" static 10.0.1.10 255.255.255.0 10.0.1.1
                                           make the DHCP address static (needed first)
  netsh interface ipv4 add address "Ethernet" 10.0.1.20 255.255.255.0
                                           add a secondary address (delete address … removes)
  netsh interface ipv4 set address name="Ethernet" source=dhcp    back to DHCP
  Set-NetIPInterface -InterfaceAlias "Ethernet" -Dhcp Disabled    PowerShell's first step
  New-NetIPAddress -InterfaceAlias "Ethernet" -IPAddress 10.0.1.20 -PrefixLength 24
  Get-NetIPAddress [-AddressFamily IPv4] [-InterfaceAlias "Ethernet"]
Adapters: device index 0 (eth0 in the EC2 console) is "Ethernet", device index 1 "Ethernet 2"."""

COMMANDS: dict[str, Callable[[Session, list[str]], str]] = {
    "help": lambda session, args: HELP,
    "ipconfig": _ipconfig,
    "ipconfig.exe": _ipconfig,
    "netsh": _netsh,
    "netsh.exe": _netsh,
    "new-netipaddress": _new_address,
    "get-netipaddress": _get_address,
    "set-netipinterface": _set_interface,
}
