"""Send a probe and see its path: each step it passed, and where it stopped and why
(``ec2sim.reachability``)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ec2sim.reachability import INTERNET
from widgets.log import ApiLog
from widgets.panels import Panel, choice, keep_choice


class Traffic(Panel):
    """``Traffic(cloud)``: from the internet or an instance, to an address, on a port.

    ``diagram`` (a ``widgets.Diagram``; the Console sets it), when given, shows each probe's path.
    """

    tab_title = "Traffic"

    def __init__(self, cloud: Any, log: ApiLog | None = None) -> None:
        self.source = choice("From")
        self.destination = choice("To")
        self.port = w.BoundedIntText(value=443, min=0, max=65535, description="TCP port")
        self.path = w.HTML()
        send = w.Button(description="Send", icon="paper-plane", button_style="primary")
        send.on_click(lambda _: self.guarded(self.send))
        super().__init__(cloud, log or ApiLog(cloud.client()),
                         [self.source, self.destination, w.HBox([self.port, send]), self.path])
        self.last = None
        self.diagram: Any = None
        self.refresh()

    def refresh(self) -> None:
        keep_choice(self.source, [("the internet", INTERNET), *self.instance_choices()])
        keep_choice(self.destination, self.address_choices())

    def address_choices(self) -> list[tuple[str, str]]:
        """Every public and private address of the account, with where EC2 has it."""
        found = []
        for eip in self.read("DescribeAddresses")["Addresses"]:
            where = eip.get("PrivateIpAddress", "not associated")
            found.append((f"{eip['PublicIp']} (Elastic IP -> {where})", eip["PublicIp"]))
        for eni in self.read("DescribeNetworkInterfaces")["NetworkInterfaces"]:
            where = eni["NetworkInterfaceId"]
            for entry in eni["PrivateIpAddresses"]:
                public = entry.get("Association", {})
                if public and "AllocationId" not in public:
                    found.append((f"{public['PublicIp']} (public IPv4 -> "
                                  f"{entry['PrivateIpAddress']})", public["PublicIp"]))
                found.append((f"{entry['PrivateIpAddress']} ({where})",
                              entry["PrivateIpAddress"]))
            found += [(f"{a['Ipv6Address']} ({where})", a["Ipv6Address"])
                      for a in eni["Ipv6Addresses"]]
        return found

    def send(self) -> Any:
        """Probe from the chosen source to the chosen address and show the path."""
        if self.destination.value is None:
            self.path.value = "<i>No address to send to yet.</i>"
            return None
        self.last = self.cloud.probe(self.source.value, self.destination.value, self.port.value)
        self.path.value = path_html(self.last)
        if self.diagram is not None:
            self.diagram.show_probe(self.last)
        return self.last


def path_html(answer: Any) -> str:
    """A probe's path as HTML: passed steps in green, the stop in red with its reason."""
    rows = []
    for hop in answer.hops:
        colour, mark = ("#1B6E4B", "✔") if hop.ok else ("#A3341C", "✘")
        rows.append(f"<div style='color:{colour}'>{mark} <b>{html.escape(hop.place)}</b>: "
                    f"{html.escape(hop.detail)}</div>")
    if answer.reachable:
        head = "<b style='color:#1B6E4B'>Reachable: there and back.</b>"
    else:
        head = (f"<b style='color:#A3341C'>Not reachable</b> <code>{answer.reason}</code>"
                f"<div>{html.escape(answer.message)}</div>")
    return f"<div class='ec2lab-traffic'>{head}{''.join(rows)}</div>"
