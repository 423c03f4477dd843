"""A shell on an instance: the few commands a learner needs to see and fix the OS's network.

``cloud.shell("i-…").run("ip addr")`` answers in the real tools' format: ``ip addr|link|route|
rule`` (show, add, del), ``hostname -I``, restarting networking (``systemctl restart
systemd-networkd`` on Amazon Linux 2023 and Ubuntu, ``service network restart`` on Amazon Linux
2), and ``curl`` to the instance metadata service (what EC2 assigned) or to an address (a probe,
see ``ec2sim.reachability``). Interfaces carry the names the OS gives them (``ens5`` on a Nitro
type with Amazon Linux 2023 or Ubuntu, ``eth0`` elsewhere: ``guest.interface_name``); changing
addresses, links, routes or rules needs ``sudo``, as on Linux. A Windows instance answers
``ipconfig``, ``netsh`` and PowerShell instead (``ec2sim.windows_shell``). A command that changes
the OS is one undoable step, published like an EC2 call (operation ``Shell``).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netaddr import AddrFormatError, IPAddress, IPNetwork

from ec2sim import describe, guest
from ec2sim.guest import Config
from ec2sim.resources import GuestOS
from ec2sim.world import World

IMDS = "169.254.169.254"
NOT_FOUND_PAGE = """<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>"""
HELP = """The lab's shell knows these commands (changing the network needs sudo, as on Linux):
  ip addr | ip -4 addr | ip -6 addr        the addresses the OS has configured
  sudo ip addr add 10.0.1.20/24 dev {eth0}  configure an address (ip addr del … removes it)
  ip link | sudo ip link set {eth1} up      the interfaces, and bringing one up
  ip route [show table 1001]               routes (sudo ip route add … / ip route del …)
  ip rule | sudo ip rule add from 10.0.1.20 table 1001     policy routing rules
  hostname -I                              every address the OS answers on
  ls /etc/netplan | sudo cat /etc/netplan/50-cloud-init.yaml   Ubuntu's saved configuration
  sudo systemctl restart systemd-networkd  restart networking (Amazon Linux 2023, Ubuntu)
  sudo service network restart             restart networking (Amazon Linux 2)
  curl http://169.254.169.254/latest/meta-data/network/interfaces/macs/   what EC2 assigned
  curl http://10.0.1.20/                   try to reach an address (port 80; https: 443)
Here device index 0 (eth0 in the EC2 console) is {eth0}, device index 1 is {eth1}."""
NOT_ROOT = "RTNETLINK answers: Operation not permitted"


class ShellError(Exception):
    """A command failed: its message and exit status, as the tool prints them."""

    def __init__(self, output: str, status: int) -> None:
        super().__init__(output)
        self.output = output
        self.status = status


@dataclass(frozen=True)
class Result:
    """What a command printed and its exit status (0: success)."""

    command: str
    output: str
    status: int = 0

    def __str__(self) -> str:
        return self.output

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.output if self.output else f"(no output, exit status {self.status})")


class Shell:
    """A login on one instance (as ec2-user or ubuntu)."""

    def __init__(self, cloud: Any, instance_id: str) -> None:
        self.cloud = cloud
        self.instance_id = instance_id

    @property
    def prompt(self) -> str:
        world = self.cloud.world
        instance = world.instances.get(self.instance_id)
        eni = world.interfaces_of(self.instance_id)[:1]
        host = describe.host_dns(world, self.instance_id, eni[0]).split(".")[0] if eni else \
            "localhost"
        family = guest.os_family(instance) if instance is not None else None
        if family == "windows":
            return "PS C:\\Users\\Administrator> "
        if family == "ubuntu":
            return f"ubuntu@{host}:~$ "
        return f"[ec2-user@{host} ~]$ "

    def run(self, command: str) -> Result:
        """Run one command line and return what it prints."""
        try:
            output = self.cloud.change("Shell", {"InstanceId": self.instance_id,
                                                 "Command": command},
                                       lambda world: self._run(world, command))
        except ShellError as error:
            return Result(command, error.output, error.status)
        return Result(command, output)

    def _run(self, world: World, command: str) -> str:
        instance = world.instances.get(self.instance_id)
        if instance is None or instance.state != "running":
            where = world.interfaces_of(self.instance_id)
            host = where[0].private_ip_address if where and where[0].private_ip_address else \
                self.instance_id
            raise ShellError(f"ssh: connect to host {host} port 22: Connection timed out", 255)
        os = world.collections["guests"][self.instance_id]
        if os.os_family == "windows":
            from ec2sim import windows_shell  # it builds on this module's ShellError
            return windows_shell.run(world, os, command)
        try:
            words = shlex.split(command)
        except ValueError:
            raise ShellError("bash: syntax error: unexpected end of file", 2) from None
        root = False
        while words and words[0] == "sudo":
            words, root = words[1:], True
        if not words:
            return ""
        handler = COMMANDS.get(words[0])
        if handler is None:
            raise ShellError(f"bash: {words[0]}: command not found", 127)
        return handler(Context(self.cloud, world, os, root), words[1:])


@dataclass
class Context:
    cloud: Any
    world: World
    os: GuestOS
    root: bool = False  # the command ran under sudo

    def need_root(self) -> None:
        """The kernel refuses a network change from an ordinary user (before any other check
        the kernel makes, after the ones ``ip`` makes itself)."""
        if not self.root:
            raise ShellError(NOT_ROOT, 2)

    def name(self, index: int) -> str:
        return guest.name_at(self.world.instances[self.os.instance_id], index)


# -- ip ----------------------------------------------------------------------------------------
def _ip(ctx: Context, args: list[str]) -> str:
    family = None
    while args and args[0].startswith("-"):
        if args[0] in ("-4", "-6"):
            family = int(args[0][1])
        elif args[0] not in ("-c", "-color", "-br", "-d"):
            raise ShellError(f'Option "{args[0]}" is unknown, try "ip -help".', 255)
        args = args[1:]
    if not args:
        raise ShellError("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }", 255)
    for names, handler in IP_OBJECTS:
        if args[0] in names:
            return handler(ctx, args[1:], family)
    raise ShellError(f'Object "{args[0]}" is unknown, try "ip help".', 1)


def _verb(args: list[str]) -> tuple[str, list[str]]:
    if not args or args[0] in ("show", "list", "li", "ls", "lst", "sh"):
        return "show", args[1:]
    return args[0], args[1:]


def _options(args: list[str], flags: tuple[str, ...] = ()) -> tuple[list[str], dict[str, str]]:
    """Split ``ip`` arguments into positional words and ``key value`` options."""
    positional, options = [], {}
    keys = {"dev", "via", "table", "lookup", "metric", "src", "from", "to", "priority", "pref",
            "prio", "brd", "broadcast", "label", "scope", "proto"}
    index = 0
    while index < len(args):
        word = args[index]
        if word in keys:
            if index + 1 >= len(args):
                raise ShellError('Command line is not complete. Try option "help"', 255)
            options[word] = args[index + 1]
            index += 2
        elif word in flags:
            options[word] = word
            index += 1
        else:
            positional.append(word)
            index += 1
    return positional, options


def _device(ctx: Context, name: str | None) -> str:
    """The interface a ``dev`` names (its name or, on Amazon Linux 2023, its altname)."""
    for known in ctx.os.links:
        if name in (known, guest.altname(ctx.os, known)):
            return known
    raise ShellError(f'Cannot find device "{name}"', 1)


def _apply(ctx: Context, config: Config) -> None:
    guest.apply(ctx.world, ctx.os, config)


def _parse_address(text: str) -> IPNetwork:
    try:
        net = IPNetwork(text, flags=0)
    except (AddrFormatError, ValueError):
        raise ShellError(f'Error: any valid prefix is expected rather than "{text}".', 1) \
            from None
    return net


def _links_in_order(os: GuestOS) -> list[tuple[int, str, dict]]:
    """(interface index, name, link): lo is 1, then the interfaces by device index."""
    names = sorted(os.links, key=guest.index_of)
    return [(guest.index_of(name) + 2, name, os.links[name]) for name in names]


LOOPBACK = [
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN {mode}group default "
    "qlen 1000",
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
]


def _link_head(os: GuestOS, index: int, name: str, link: dict, mode: str = "") -> list[str]:
    flags = "BROADCAST,MULTICAST,UP,LOWER_UP" if link["up"] else "BROADCAST,MULTICAST"
    state = "mq state UP" if link["up"] else "noop state DOWN"
    mtu = 9001 if link["up"] else 1500
    other = guest.altname(os, name)
    return [f"{index}: {name}: <{flags}> mtu {mtu} qdisc {state} {mode}group default qlen 1000",
            f"    link/ether {link['mac']} brd ff:ff:ff:ff:ff:ff",
            *([f"    altname {other}"] if other else [])]


def _route_metric(os: GuestOS, name: str) -> int | None:
    for route in os.routes:
        if route.get("dev") == name and route["to"] == "default" and route["table"] == "main":
            return route.get("metric")
    return None


def _inet_lines(os: GuestOS, name: str, link: dict, family: int | None) -> list[str]:
    lines, seen = [], []
    for entry in link["addresses"]:
        net = IPNetwork(entry["cidr"])
        if family and net.version != family:
            continue
        dynamic = entry["origin"] == "dhcp"
        if net.version == 4:
            secondary = any(net.ip in other and other.prefixlen == net.prefixlen
                            for other in seen)
            seen.append(net)
            metric = _route_metric(os, name) if dynamic else None
            parts = [f"inet {entry['cidr']}"]
            parts += [f"metric {metric}"] if metric is not None else []
            parts += [f"brd {net.broadcast}"] if dynamic and net.broadcast else []
            parts += ["scope global", "dynamic" if dynamic else "", "secondary" if secondary
                      else "", name]
            lines.append("    " + " ".join(p for p in parts if p))
            lines.append("       valid_lft 3600sec preferred_lft 3600sec" if dynamic else
                         "       valid_lft forever preferred_lft forever")
        else:
            extra = " dynamic noprefixroute" if dynamic else ""
            lines.append(f"    inet6 {entry['cidr']} scope global{extra}")
            lines.append("       valid_lft 450sec preferred_lft 140sec" if dynamic else
                         "       valid_lft forever preferred_lft forever")
    if link["up"] and family != 4:
        lines.append(f"    inet6 {guest.link_local(link['mac'])}/64 scope link")
        lines.append("       valid_lft forever preferred_lft forever")
    return lines


def _addr(ctx: Context, args: list[str], family: int | None) -> str:
    verb, rest = _verb(args)
    if verb == "show":
        _, options = _options(rest)
        return show_addresses(ctx.os, family, options.get("dev"))
    if verb in ("add", "del", "delete"):
        positional, options = _options(rest)
        if not positional:
            raise ShellError("Not enough information: need an address.", 1)
        name = _device(ctx, options.get("dev"))
        link = ctx.os.links[name]
        net = _parse_address(positional[0])
        ctx.need_root()
        config = Config(ctx.os)
        if verb == "add":
            if not config.add_address(name, str(net), "manual"):
                raise ShellError("RTNETLINK answers: File exists", 2)
            _apply(ctx, config)
            return ""
        present = [a for a in link["addresses"] if IPNetwork(a["cidr"]).ip == net.ip]
        if not present:
            raise ShellError("RTNETLINK answers: Cannot assign requested address", 2)
        config.remove_address(name, str(net.ip))
        _apply(ctx, config)
        if "/" not in positional[0]:
            return ("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                    f"         Explicitly specify the prefix length ({present[0]['cidr']}) to "
                    "avoid this warning.\n         This special behaviour is likely to "
                    "disappear in further releases,\n         fix your scripts!")
        return ""
    raise ShellError(f'Command "{verb}" is unknown, try "ip address help".', 1)


def show_addresses(os: GuestOS, family: int | None = None, only: str | None = None) -> str:
    """``ip addr`` (``-4``/``-6``, ``dev X``)."""
    lines = []
    if only is None:
        head = [LOOPBACK[0].format(mode="")] + ([LOOPBACK[1]] if not family else [])
        if family != 6:
            head += ["    inet 127.0.0.1/8 scope host lo",
                     "       valid_lft forever preferred_lft forever"]
        if family != 4:
            head += ["    inet6 ::1/128 scope host noprefixroute",
                     "       valid_lft forever preferred_lft forever"]
        lines += head
    elif not any(only in (name, guest.altname(os, name)) for name in os.links):
        raise ShellError(f'Device "{only}" does not exist.', 1)
    for index, name, link in _links_in_order(os):
        if only and only not in (name, guest.altname(os, name)):
            continue
        inet = _inet_lines(os, name, link, family)
        if family and not inet:
            continue
        head = _link_head(os, index, name, link)
        lines += (head[:1] if family else head) + inet
    return "\n".join(lines)


def _link_cmd(ctx: Context, args: list[str], family: int | None) -> str:
    verb, rest = _verb(args)
    if verb == "show":
        lines = [LOOPBACK[0].format(mode="mode DEFAULT "), LOOPBACK[1]]
        for index, name, link in _links_in_order(ctx.os):
            lines += _link_head(ctx.os, index, name, link, "mode DEFAULT ")
        return "\n".join(lines)
    if verb == "set":
        positional, options = _options(rest, ("up", "down"))
        name = _device(ctx, options.get("dev") or (positional[0] if positional else None))
        ctx.need_root()
        config = Config(ctx.os)
        config.links[name]["up"] = "up" in options
        _apply(ctx, config)
        return ""
    raise ShellError(f'Command "{verb}" is unknown, try "ip link help".', 1)


def route_line(route: dict) -> str:
    parts = [route["to"]]
    for key in ("via", "dev", "proto", "scope", "src", "metric"):
        if key in route:
            parts += [key, str(route[key])]
    if route["family"] == 6:
        parts += ["pref", "medium"]
    return " ".join(parts)


def _route_order(route: dict) -> tuple:
    if route["to"] == "default":
        return (0, route.get("metric", 0), 0)
    net = IPNetwork(route["to"])
    return (1, int(net.network), net.prefixlen)


def show_routes(os: GuestOS, family: int = 4, table: str = "main") -> str:
    routes = [r for r in os.routes if r["table"] == table and r["family"] == family
              and os.links.get(r["dev"], {}).get("up")]
    if family == 6 and table == "main":
        routes += [{"to": "fe80::/64", "dev": name, "proto": "kernel", "metric": 256,
                    "family": 6} for _, name, link in _links_in_order(os) if link["up"]]
    return "\n".join(route_line(r) for r in sorted(routes, key=_route_order))


def _route(ctx: Context, args: list[str], family: int | None) -> str:
    verb, rest = _verb(args)
    positional, options = _options(rest)
    table = options.get("table", "main")
    if verb == "show":
        return show_routes(ctx.os, family or 4, table)
    if verb not in ("add", "del", "delete", "replace"):
        raise ShellError(f'Command "{verb}" is unknown, try "ip route help".', 1)
    if not positional:
        raise ShellError("Error: destination is expected.", 1)
    to = positional[0]
    if to != "default":
        to = str(_parse_address(to).cidr)
    version = family or (6 if ":" in to or ":" in options.get("via", "") else 4)
    dev = _device(ctx, options["dev"]) if "dev" in options else None
    if verb not in ("del", "delete") and dev is None:
        _device(ctx, None)
    ctx.need_root()
    config = Config(ctx.os)
    wanted = {"to": to, "dev": dev, "via": options.get("via"), "table": table,
              "family": version}
    if verb in ("del", "delete"):
        matching = [r for r in config.routes if all(
            r.get(k) == v for k, v in wanted.items() if v is not None)]
        if not matching:
            raise ShellError("RTNETLINK answers: No such process", 2)
        config.routes.remove(matching[0])
        _apply(ctx, config)
        return ""
    if not ctx.os.links[dev]["up"]:
        raise ShellError("Error: Nexthop device is not up.", 2)
    if options.get("via") and not _on_link(ctx.os, dev, options["via"]):
        raise ShellError("Error: Nexthop has invalid gateway.", 2)
    if verb == "replace":
        config.routes = [r for r in config.routes if not guest.same_route(r, {
            **wanted, "dev": r.get("dev"), "via": r.get("via")})]
    extra = {k: options[k] for k in ("src", "metric") if k in options}
    if "metric" in extra:
        extra["metric"] = int(extra["metric"])
    if not config.add_route(to=to, via=options.get("via"), dev=dev,
                            proto="static" if options.get("via") else "boot", table=table,
                            scope=None if options.get("via") else "link", family=version,
                            **extra):
        raise ShellError("RTNETLINK answers: File exists", 2)
    _apply(ctx, config)
    return ""


def _on_link(os: GuestOS, name: str, via: str) -> bool:
    """A gateway must be reachable directly on the device: inside one of its connected
    networks (an address's prefix, or a link-scope route), or IPv6 link-local."""
    ip = IPAddress(via)
    if ip.is_link_local():
        return True
    networks = [IPNetwork(a["cidr"]) for a in os.links[name]["addresses"]]
    networks += [IPNetwork(r["to"]) for r in os.routes
                 if r.get("dev") == name and r["to"] != "default" and not r.get("via")]
    return any(ip in net for net in networks if net.version == ip.version)


def show_rules(os: GuestOS, family: int = 4) -> str:
    rules = [{"priority": p, "from": f, "table": t} for p, f, t in guest.FIXED_RULES
             if not (family == 6 and t == "default")]
    rules += [r for r in os.rules if r["from"] == "all" or IPNetwork(r["from"]).version == family]
    return "\n".join(f"{r['priority']}:\tfrom {r['from']} lookup {r['table']}"
                     for r in sorted(rules, key=lambda r: r["priority"]))


def _rule(ctx: Context, args: list[str], family: int | None) -> str:
    verb, rest = _verb(args)
    if verb == "show":
        return show_rules(ctx.os, family or 4)
    positional, options = _options(rest)
    source = options.get("from", "all")
    if source != "all":
        net = _parse_address(source)
        source = str(net.ip) if net.prefixlen in (32, 128) else str(net.cidr)
    table = options.get("table") or options.get("lookup")
    priority = options.get("priority") or options.get("pref") or options.get("prio")
    if verb in ("add", "del", "delete"):
        ctx.need_root()
    config = Config(ctx.os)
    if verb == "add":
        if table is None:
            raise ShellError("Error: need a table to look up (table N).", 2)
        if priority is None:
            used = [r["priority"] for r in config.rules] + [32766]
            priority = min(p for p in used if p > 0) - 1
        rule = {"priority": int(priority), "from": source, "table": table}
        if rule in config.rules:
            raise ShellError("RTNETLINK answers: File exists", 2)
        config.rules.append(rule)
    elif verb in ("del", "delete"):
        matching = [r for r in config.rules if (source == "all" and "from" not in options
                                                or r["from"] == source)
                    and (table is None or r["table"] == table)
                    and (priority is None or r["priority"] == int(priority))]
        if not matching:
            raise ShellError("RTNETLINK answers: No such file or directory", 2)
        config.rules.remove(matching[0])
    else:
        raise ShellError(f'Command "{verb}" is unknown, try "ip rule help".', 1)
    _apply(ctx, config)
    return ""


IP_OBJECTS: list[tuple[tuple[str, ...], Callable[[Context, list[str], int | None], str]]] = [
    (("a", "addr", "address"), _addr),
    (("l", "link"), _link_cmd),
    (("r", "ro", "route"), _route),
    (("ru", "rule"), _rule),
]


# -- the rest ----------------------------------------------------------------------------------
def _hostname(ctx: Context, args: list[str]) -> str:
    if args[:1] == ["-I"]:
        ips = []
        for _, _, link in _links_in_order(ctx.os):
            if link["up"]:
                ips += [str(IPNetwork(a["cidr"]).ip) for a in link["addresses"]
                        if IPNetwork(a["cidr"]).version == 4]
                ips += [str(IPNetwork(a["cidr"]).ip) for a in link["addresses"]
                        if IPNetwork(a["cidr"]).version == 6]
        return " ".join(ips) + " "
    eni = ctx.world.interfaces_of(ctx.os.instance_id)[0]
    return describe.host_dns(ctx.world, ctx.os.instance_id, eni).split(".")[0]


def _restart(ctx: Context, unit: str) -> str:
    """Restart networking, if this OS has that unit: Amazon Linux re-reads EC2's addresses."""
    units = {"amazon-linux-2023": ("systemd-networkd",), "ubuntu": ("systemd-networkd",),
             "amazon-linux-2": ("network",)}[ctx.os.os_family]
    if unit.removesuffix(".service") not in units:
        raise ShellError(f"Failed to restart {unit.removesuffix('.service')}.service: Unit "
                         f"{unit.removesuffix('.service')}.service not found.", 5)
    guest.refresh(ctx.world, ctx.os)
    return ""


def _systemctl(ctx: Context, args: list[str]) -> str:
    if len(args) != 2 or args[0] != "restart":
        raise ShellError("The lab's systemctl only restarts units: systemctl restart UNIT", 1)
    return _restart(ctx, args[1])


def _service(ctx: Context, args: list[str]) -> str:
    if len(args) != 2 or args[1] != "restart":
        raise ShellError("Usage: service < option > | --status-all | [ service_name [ command "
                         "| --full-restart ] ]", 1)
    if ctx.os.os_family != "amazon-linux-2":
        output = f"Redirecting to /bin/systemctl restart {args[0]}.service\n"
        try:
            return output + _restart(ctx, args[0])
        except ShellError as error:
            raise ShellError(output + error.output, error.status) from None
    _restart(ctx, args[0])
    return ("Restarting network (via systemctl):                        [  OK  ]")


def _netplan(ctx: Context, args: list[str]) -> str:
    if ctx.os.os_family != "ubuntu":
        raise ShellError("bash: netplan: command not found", 127)
    if args != ["apply"]:
        raise ShellError("The lab's netplan knows one command: netplan apply", 1)
    guest.refresh(ctx.world, ctx.os)
    return ""


NETPLAN_DIR = "/etc/netplan"
NETPLAN_FILE = f"{NETPLAN_DIR}/50-cloud-init.yaml"
NO_FILES = f"The lab's shell has one file: {NETPLAN_FILE}, on Ubuntu"


def _netplan_yaml(ctx: Context) -> str:
    """What cloud-init wrote at first boot: DHCP on the primary interface, found by its MAC
    address. Nothing about secondary addresses: what ``ip addr add`` does is not in it."""
    eni = next(e for e in ctx.world.interfaces_of(ctx.os.instance_id)
               if e.attachment.device_index == 0)
    name = ctx.name(0)
    return "\n".join([
        "network:", "  version: 2", "  ethernets:", f"    {name}:", "      match:",
        f'        macaddress: "{eni.mac_address}"', "      dhcp4: true",
        f"      dhcp6: {'true' if eni.ipv6_addresses else 'false'}", f'      set-name: "{name}"'])


def _ls(ctx: Context, args: list[str]) -> str:
    if ctx.os.os_family != "ubuntu" or [a.rstrip("/") for a in args] != [NETPLAN_DIR]:
        raise ShellError(NO_FILES, 1)
    return NETPLAN_FILE.rsplit("/", 1)[1]


def _cat(ctx: Context, args: list[str]) -> str:
    if ctx.os.os_family != "ubuntu" or args != [NETPLAN_FILE]:
        raise ShellError(NO_FILES, 1)
    if not ctx.root:  # netplan keeps its files readable by root only
        raise ShellError(f"cat: {NETPLAN_FILE}: Permission denied", 1)
    return _netplan_yaml(ctx)


def _curl(ctx: Context, args: list[str]) -> str:
    urls = [a for a in args if not a.startswith("-") and "://" in a or a.startswith(IMDS)]
    if not urls:
        raise ShellError("curl: try 'curl --help' or 'curl --manual' for more information", 2)
    url = urls[0]
    scheme, _, rest = url.partition("://") if "://" in url else ("http", "", url)
    authority, _, path = rest.partition("/")
    host, port = authority, 443 if scheme == "https" else 80
    if authority.startswith("["):  # [IPv6]:port
        host, _, tail = authority[1:].partition("]")
        port = int(tail[1:]) if tail.startswith(":") and tail[1:].isdigit() else port
    elif authority.count(":") == 1:
        host, _, given = authority.partition(":")
        port = int(given) if given.isdigit() else port
    if host == IMDS:
        return metadata(ctx.world, ctx.os.instance_id, path)
    try:
        IPAddress(host)
    except (AddrFormatError, ValueError):
        raise ShellError(f"curl: (6) Could not resolve host: {host}", 6) from None
    answer = ctx.cloud.probe(ctx.os.instance_id, host, port)
    if not answer.reachable:
        raise ShellError(f"curl: (28) Failed to connect to {host} port {port} after 130000 ms: "
                         "Connection timed out", 28)
    return f"Hello from {answer.destination_instance} ({answer.destination_address})"


COMMANDS: dict[str, Callable[[Context, list[str]], str]] = {
    "ip": _ip,
    "hostname": _hostname,
    "systemctl": _systemctl,
    "service": _service,
    "netplan": _netplan,
    "ls": _ls,
    "cat": _cat,
    "curl": _curl,
    "help": lambda ctx, args: HELP.format(eth0=ctx.name(0), eth1=ctx.name(1)),
}


# -- the instance metadata service ---------------------------------------------------------------
def metadata(world: World, instance_id: str, path: str) -> str:
    """What IMDS answers at ``path`` (after ``http://169.254.169.254/``): EC2's view of the
    instance, whatever its OS has configured."""
    parts = [p for p in path.split("/") if p]
    if parts[:2] != ["latest", "meta-data"]:
        return NOT_FOUND_PAGE if parts[:1] != ["latest"] or parts[1:] else \
            "dynamic\nmeta-data\nuser-data"
    tree = _metadata_tree(world, instance_id)
    node: Any = tree
    for part in parts[2:]:
        if not isinstance(node, dict) or part not in node:
            return NOT_FOUND_PAGE
        node = node[part]
    if isinstance(node, dict):
        return "\n".join(f"{k}/" if isinstance(v, dict) else k for k, v in node.items())
    return node


def _metadata_tree(world: World, instance_id: str) -> dict:
    instance = world.instances[instance_id]
    enis = world.interfaces_of(instance_id)
    macs = {}
    for eni in enis:
        subnet, vpc = world.subnets[eni.subnet_id], world.vpcs[eni.vpc_id]
        entry: dict[str, Any] = {
            "device-number": str(eni.attachment.device_index),
            "interface-id": eni.network_interface_id,
            "local-hostname": describe.host_dns(world, instance_id, eni),
            "local-ipv4s": "\n".join(eni.private_ip_addresses),
            "mac": eni.mac_address,
            "owner-id": world.account_id,
            "security-group-ids": "\n".join(eni.group_ids),
            "security-groups": "\n".join(world.security_groups[g].group_name
                                         for g in eni.group_ids),
            "subnet-id": eni.subnet_id,
            "subnet-ipv4-cidr-block": subnet.cidr_block,
            "vpc-id": eni.vpc_id,
            "vpc-ipv4-cidr-block": vpc.cidr_block,
        }
        publics = {describe.public_ip_of(world, eni, ip)[0]: ip
                   for ip in eni.private_ip_addresses}
        publics.pop("", None)
        if publics:
            entry["ipv4-associations"] = dict(publics)
            entry["public-ipv4s"] = "\n".join(publics)
        if eni.ipv6_addresses:
            entry["ipv6s"] = "\n".join(eni.ipv6_addresses)
        if subnet.ipv6_cidr_block:
            entry["subnet-ipv6-cidr-blocks"] = subnet.ipv6_cidr_block
        if eni.ipv4_prefixes:
            entry["ipv4-prefix"] = "\n".join(eni.ipv4_prefixes)
        if eni.ipv6_prefixes:
            entry["ipv6-prefix"] = "\n".join(eni.ipv6_prefixes)
        # an IPv6-only interface has no IPv4 entries: those come out empty and are left out
        macs[eni.mac_address] = dict(sorted((k, v) for k, v in entry.items() if v != ""))
    primary = enis[0]
    public, _ = describe.public_ip_of(world, primary, primary.private_ip_address)
    tree: dict[str, Any] = {
        "ami-id": instance.image_id,
        "hostname": describe.host_dns(world, instance_id, primary),
        "instance-id": instance_id,
        "instance-type": instance.instance_type,
        "local-hostname": describe.host_dns(world, instance_id, primary),
        "local-ipv4": primary.private_ip_address,
        "mac": primary.mac_address,
        "network": {"interfaces": {"macs": macs}},
    }
    if public:
        tree["public-ipv4"] = public
    if not primary.private_ip_address:  # IPv6-only: there is no IPv4 to show
        del tree["local-ipv4"]
    return tree
