"""The console panels: Launch instance, Network interfaces, Manage IP addresses, Elastic IPs.

They follow the EC2 console's procedures, but every button calls the real boto3 client (the
same path a learner's code takes) through the API log, which shows the call and AWS's answer.
Choices offered are the valid ones the panel can know; anything typed by hand goes to AWS's
rules as it is, and a refusal is shown with its code and a plain explanation.
"""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as w

from ec2sim import guest, instance_types
from ec2sim.images import IMAGES
from widgets.log import ApiLog, Failure

LABEL_STYLE = {"description_width": "130px"}
CONSOLE_LAUNCH_INTERFACES = 2  # the launch wizard's own limit; the API takes the type's


def wide() -> w.Layout:
    """A control as wide as its panel (a Layout of its own: hiding one control hides no other)."""
    return w.Layout(width="100%")


def choice(description: str, **kwargs: Any) -> w.Dropdown:
    """A dropdown of long choices (IDs with Name tags): its label above it, so a choice gets the
    panel's whole width (the Console's style sets the class out; alone it reads as usual)."""
    box = w.Dropdown(description=description, layout=wide(), **kwargs)
    box.add_class("ec2lab-stacked")
    return box


def row(children: list[w.Widget]) -> w.Box:
    """Buttons side by side, onto a new line when the panel is narrow."""
    return w.Box(children, layout=w.Layout(flex_flow="row wrap", align_items="center"))


def name_tag(resource: dict) -> str:
    """A resource's Name tag ('' without one)."""
    return next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == "Name"), "")


def next_free_name(name: str, taken: set[str]) -> str:
    """``name`` if no instance has it, else the same stem with the next free number:
    web-1 -> web-2, db -> db-2."""
    if name not in taken:
        return name
    stem, number = re.fullmatch(r"(.*?)-?(\d*)", name).groups()
    count = int(number or 1) + 1
    while f"{stem}-{count}" in taken:
        count += 1
    return f"{stem}-{count}"


def split_list(text: str) -> list[str]:
    """'10.0.1.5, 10.0.1.6' -> ['10.0.1.5', '10.0.1.6']."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def keep_choice(widget: w.Dropdown, options: list[tuple[str, Any]]) -> None:
    """New options for a dropdown, keeping the current choice when it is still offered."""
    current = widget.value
    widget.options = options
    values = [value for _, value in options]
    if current in values:
        widget.value = current
    elif values:
        widget.value = values[0]


def first_address(eni: dict) -> str:
    """An interface's primary private IPv4 address; in an IPv6-only subnet, its first IPv6."""
    return eni.get("PrivateIpAddress") or next(
        (a["Ipv6Address"] for a in eni["Ipv6Addresses"]), "no address")


class Panel(w.VBox):
    """A panel: its controls, a status line, and the shared API log."""

    tab_title = ""

    def __init__(self, cloud: Any, log: ApiLog, controls: list[w.Widget]) -> None:
        self.cloud = cloud
        self.api_log = log
        self.status = w.HTML()
        self.status.add_class("ec2lab-status")
        self.after_action = self.refresh  # the Console widens this to every panel
        super().__init__([*controls, self.status], layout=w.Layout(padding="4px"))

    def read(self, operation: str, **params: Any) -> dict:
        """Look at the world (no log entry: reading changes nothing)."""
        return self.cloud.dispatch(operation, params)

    def done(self, text: str) -> None:
        """Tell the learner what worked (plain text)."""
        self.status.value = f"<div class='ec2lab-ok'><b>Done:</b> {html.escape(text)}</div>"

    def refused(self, html_text: str) -> None:
        """Tell the learner what was refused and why (HTML)."""
        self.status.value = f"<div class='ec2lab-error'><b>Refused:</b> {html_text}</div>"

    def run(self, operation: str, success: str = "", **params: Any) -> dict | None:
        """Call AWS through the log; show the outcome in the status line."""
        outcome = self.api_log.call(operation, **params)
        if isinstance(outcome, Failure):
            self.refused(outcome.html())
            return None
        self.done(success or operation)
        return outcome

    def button(self, description: str, handler, style: str = "") -> w.Button:
        button = w.Button(description=description, button_style=style,
                          layout=w.Layout(width="auto", min_width="90px"))
        button.on_click(lambda _: self.guarded(handler))
        return button

    def guarded(self, handler) -> None:
        """Run a click handler; a slip in the lab itself is shown here, not lost in a log."""
        try:
            handler()
        except Exception as error:  # noqa: BLE001 - the learner must see it in the panel
            self.status.value = (f"<div class='ec2lab-error'><b>The lab hit a problem:</b> "
                                 f"{html.escape(type(error).__name__)}: "
                                 f"{html.escape(str(error))}</div>")
        self.after_action()

    def refresh(self) -> None:
        """Rebuild the choices from the world as it is now."""

    # -- what the world offers -----------------------------------------------------------
    def subnet_choices(self) -> list[tuple[str, str]]:
        """Each subnet as its Name tag, block and zone, then its ID; the default ones last."""
        rows = self.read("DescribeSubnets")["Subnets"]
        rows = sorted(rows, key=lambda s: s["DefaultForAz"])
        return [(" ".join(filter(None, [
                    name_tag(s), "default" if s["DefaultForAz"] else "",
                    s.get("CidrBlock", "IPv6-only"), s["AvailabilityZone"]]))
                 + (", IPv6" if s["Ipv6CidrBlockAssociationSet"] and "CidrBlock" in s else "")
                 + f" ({s['SubnetId']})", s["SubnetId"]) for s in rows]

    def instances(self) -> list[dict]:
        """Every instance not terminated."""
        return [i for r in self.read("DescribeInstances")["Reservations"]
                for i in r["Instances"] if i["State"]["Name"] != "terminated"]

    def instance_choices(self) -> list[tuple[str, str]]:
        """Each instance by its Name tag: 'web-1 (i-…, t3.medium, running)'."""
        return [(f"{name_tag(i)} ({i['InstanceId']}, {i['InstanceType']}, "
                 f"{i['State']['Name']})".lstrip(), i["InstanceId"]) for i in self.instances()]

    def interface_names(self, enis: list[dict]) -> dict[str, str]:
        """What a learner calls each attached interface: its instance's Name tag (else its ID)
        and its place on it, "web-1 eth0 (ens5 in the OS)" when the OS names it apart."""
        owners = {}  # instance ID -> (Name tag or ID, image, type)
        if any("Attachment" in eni for eni in enis):
            owners = {i["InstanceId"]: (name_tag(i) or i["InstanceId"], i["ImageId"],
                                        i["InstanceType"])
                      for r in self.read("DescribeInstances")["Reservations"]
                      for i in r["Instances"]}
        names = {}
        for eni in enis:
            if "Attachment" in eni:
                a = eni["Attachment"]
                owner, image, kind = owners.get(a["InstanceId"], (a["InstanceId"], "", ""))
                names[eni["NetworkInterfaceId"]] = (
                    f"{owner} {guest.console_name(image, kind, a['DeviceIndex'])}")
        return names

    def interface_choices(self, status: str | None = None) -> list[tuple[str, str]]:
        """Each interface by where it is, then its address and ID:
        "web-1 eth0 (ens5 in the OS), 10.0.1.5 (eni-…)"; an unattached one by its Name tag."""
        enis = self.read("DescribeNetworkInterfaces")["NetworkInterfaces"]
        names = self.interface_names(enis)
        found = []
        for eni in enis:
            if status and eni["Status"] != status:
                continue
            eni_id = eni["NetworkInterfaceId"]
            where = names.get(eni_id) or " ".join(filter(None, [name_tag(eni), "available"]))
            found.append((f"{where}, {first_address(eni)} ({eni_id})", eni_id))
        return found

    def group_choices(self, subnet_id: str | None) -> list[tuple[str, str]]:
        if not subnet_id:
            return []
        vpc = self.read("DescribeSubnets", SubnetIds=[subnet_id])["Subnets"][0]["VpcId"]
        rows = self.read("DescribeSecurityGroups", Filters=[{"Name": "vpc-id", "Values": [vpc]}])
        return [(f"{g['GroupName']} ({g['GroupId']})", g["GroupId"])
                for g in rows["SecurityGroups"]]

    def interface(self, eni_id: str | None) -> dict | None:
        if not eni_id:
            return None
        found = self.read("DescribeNetworkInterfaces", Filters=[
            {"Name": "network-interface-id", "Values": [eni_id]}])["NetworkInterfaces"]
        return found[0] if found else None


# -- Launch instance ---------------------------------------------------------------------------
class DeviceRow(w.Box):
    """One network interface of the instance being launched (eth0, eth1, …)."""

    def __init__(self, index: int, subnets: list[tuple[str, str]], on_remove) -> None:
        self.index = index
        self.subnet = choice(f"eth{index} subnet", options=subnets)
        self.primary_ip = w.Text(placeholder="auto-assign", description="Primary IP",
                                 style=LABEL_STYLE, layout=wide())
        self.secondary = w.Text(placeholder="e.g. 2 or 10.0.1.20, 10.0.1.21",
                                description="Secondary IPs", style=LABEL_STYLE, layout=wide())
        self.ipv6 = w.Text(placeholder="e.g. 1 or an address", description="IPv6 IPs",
                           style=LABEL_STYLE, layout=wide())
        parts: list[w.Widget] = [self.subnet, self.primary_ip, self.secondary, self.ipv6]
        if index:
            remove = w.Button(description=f"Remove eth{index}", layout=w.Layout(width="auto"))
            remove.on_click(lambda _: on_remove(self))
            parts.append(remove)
        super().__init__(parts, layout=w.Layout(flex_flow="row wrap", width="100%",
                                                border_top="1px solid #CCCCCC"))

    def spec(self) -> dict:
        """This device as one entry of run_instances' NetworkInterfaces."""
        spec: dict[str, Any] = {"DeviceIndex": self.index, "SubnetId": self.subnet.value}
        if self.primary_ip.value.strip():
            spec["PrivateIpAddress"] = self.primary_ip.value.strip()
        count_or_list("SecondaryPrivateIpAddressCount", "PrivateIpAddresses",
                      self.secondary.value, spec)
        count_or_list("Ipv6AddressCount", "Ipv6Addresses", self.ipv6.value, spec)
        return spec


def count_or_list(count_key: str, list_key: str, text: str, spec: dict) -> None:
    """A text box takes a number (how many to auto-assign) or a list of addresses."""
    text = text.strip()
    if not text:
        return
    if text.isdigit():
        spec[count_key] = int(text)
    elif list_key == "PrivateIpAddresses":
        spec[list_key] = [{"PrivateIpAddress": a, "Primary": False} for a in split_list(text)]
    else:
        spec[list_key] = [{"Ipv6Address": a} for a in split_list(text)]


class LaunchPanel(Panel):
    """Launch an instance with one or more network interfaces and their addresses."""

    tab_title = "Launch instance"

    def __init__(self, cloud: Any, log: ApiLog) -> None:
        self.name = w.Text(description="Name", value="web-1", style=LABEL_STYLE, layout=wide())
        self.proposed = self.name.value  # a name the panel offers (never one in use)
        self.image = choice("Image (AMI)", options=[(i.description, i.image_id)
                                                    for i in IMAGES.values()])
        self.instance_type = w.Combobox(options=sorted(instance_types.all_types()),
                                        value="t3.medium", description="Instance type",
                                        ensure_option=False, style=LABEL_STYLE)
        self.limits = w.HTML()
        self.groups = w.SelectMultiple(description="Security groups", style=LABEL_STYLE,
                                       rows=2, layout=wide())
        self.public_ip = choice("Auto-assign public IP", options=[
            ("Use subnet setting", "subnet"), ("Enable", True), ("Disable", False)])
        self.public_note = w.HTML()
        self.devices = w.VBox()
        self.add_device_button = w.Button(description="Add device")
        self.launch_button = w.Button(description="Launch", button_style="primary")
        super().__init__(cloud, log, [
            w.HTML("<b>Launch an instance</b> with its interfaces and addresses"),
            self.name, self.image, self.instance_type, self.limits, self.groups,
            self.public_ip, self.public_note,
            w.HTML("<b>Network interfaces</b>"), self.devices,
            row([self.add_device_button, self.launch_button])])
        self.add_device_button.on_click(lambda _: self.guarded(self.add_device))
        self.launch_button.on_click(lambda _: self.guarded(self.launch))
        self.instance_type.observe(lambda _: self.show_limits(), "value")
        self.devices.children = [DeviceRow(0, self.subnet_choices(), self.remove_device)]
        self.devices.children[0].subnet.observe(lambda _: self.refresh_groups(), "value")
        self.refresh()

    def kind(self):
        return instance_types.all_types().get(self.instance_type.value.strip())

    def show_limits(self) -> None:
        kind = self.kind()
        if kind is None:
            self.limits.value = "<i>unknown type</i>"
            return
        self.limits.value = (f"up to <b>{kind.max_network_interfaces}</b> interfaces, "
                             f"<b>{kind.ipv4_per_interface}</b> IPv4 and "
                             f"<b>{kind.ipv6_per_interface}</b> IPv6 addresses per interface"
                             f"{'' if kind.ipv6_supported else ' (no IPv6)'}")

    def add_device(self) -> None:
        """As in the console's launch wizard: a device more, up to the type's limit and to two."""
        kind = self.kind()
        count = len(self.devices.children)
        if kind and count >= kind.max_network_interfaces:
            self.refused(f"A {kind.name} takes at most {kind.max_network_interfaces} network "
                         "interfaces.")
            return
        if count >= CONSOLE_LAUNCH_INTERFACES:
            room = f" ({kind.name}: {kind.max_network_interfaces})" if kind else ""
            self.refused(f"The console launches an instance with at most "
                         f"{CONSOLE_LAUNCH_INTERFACES} network interfaces. Attach more after "
                         "launch, in Network interfaces, or launch through the API: "
                         f"run_instances takes as many as the type allows{room}.")
            return
        row = DeviceRow(count, self.subnet_choices(), self.remove_device)
        row.subnet.value = self.devices.children[0].subnet.value
        self.devices.children = [*self.devices.children, row]
        self.status.value = ""  # an earlier refusal no longer holds
        self.update_public_ip()

    def remove_device(self, row: DeviceRow) -> None:
        rows = [r for r in self.devices.children if r is not row]
        self.devices.children = rows
        self.update_public_ip()

    def update_public_ip(self) -> None:
        """As in the console: with a second interface, no public IPv4 can be auto-assigned."""
        several = len(self.devices.children) > 1
        self.public_ip.disabled = several
        if several:
            self.public_ip.value = "subnet"
            self.public_note.value = ("<i>Disabled: a public IPv4 address can only be "
                                      "auto-assigned when launching with one network interface. "
                                      "Associate an Elastic IP with eth0 later instead.</i>")
        else:
            self.public_note.value = ""

    def refresh_groups(self) -> None:
        subnet = self.devices.children[0].subnet.value if self.devices.children else None
        options = self.group_choices(subnet)
        self.groups.options = options
        self.groups.value = tuple(v for _, v in options[:1])

    def refresh(self) -> None:
        subnets = self.subnet_choices()
        for row in self.devices.children:
            keep_choice(row.subnet, subnets)
        self.refresh_groups()
        self.show_limits()
        self.update_public_ip()
        self.propose_name()

    def propose_name(self) -> None:
        """Offer a Name no instance has (web-1 taken: web-2); a name the learner typed stays."""
        if self.name.value.strip() != self.proposed:
            return
        taken = {name_tag(i) for i in self.instances()}
        self.proposed = self.name.value = next_free_name(self.proposed, taken)

    def request(self) -> dict:
        specs = [row.spec() for row in self.devices.children]
        for spec in specs:
            spec["Groups"] = list(self.groups.value)
        if len(specs) == 1 and self.public_ip.value != "subnet":
            specs[0]["AssociatePublicIpAddress"] = self.public_ip.value
        params: dict[str, Any] = {"ImageId": self.image.value,
                                  "InstanceType": self.instance_type.value.strip(),
                                  "MinCount": 1, "MaxCount": 1, "NetworkInterfaces": specs}
        if self.name.value.strip():
            params["TagSpecifications"] = [{"ResourceType": "instance", "Tags": [
                {"Key": "Name", "Value": self.name.value.strip()}]}]
        return params

    def launch(self) -> None:
        self.proposed = self.name.value.strip()  # once it is in use, the next one is offered
        found = self.run("RunInstances", **self.request())
        if found:
            instance = found["Instances"][0]
            self.done(f"Launched {instance['InstanceId']} with "
                      f"{len(instance['NetworkInterfaces'])} network interface(s).")


# -- Network interfaces --------------------------------------------------------------------------
class InterfacesPanel(Panel):
    """Create, attach, detach, move and delete network interfaces."""

    tab_title = "Network interfaces"

    def __init__(self, cloud: Any, log: ApiLog) -> None:
        self.subnet = choice("Subnet")
        self.description = w.Text(description="Description", style=LABEL_STYLE, layout=wide())
        self.private_ip = w.Text(description="Primary IP", placeholder="auto-assign",
                                 style=LABEL_STYLE, layout=wide())
        self.secondary = w.Text(description="Secondary IPs", style=LABEL_STYLE, layout=wide(),
                                placeholder="e.g. 2 or 10.0.1.30, 10.0.1.31")
        self.eni = choice("Interface")
        self.instance = choice("Instance")
        self.device_index = w.BoundedIntText(value=1, min=0, max=31, description="Device index",
                                             style=LABEL_STYLE)
        super().__init__(cloud, log, [
            w.HTML("<b>Create a network interface</b>"), self.subnet, self.description,
            self.private_ip, self.secondary, self.button("Create interface", self.create,
                                                         "primary"),
            w.HTML("<b>Attach, detach, move or delete</b>"), self.eni, self.instance,
            self.device_index,
            row([self.button("Attach", self.attach), self.button("Detach", self.detach),
                 self.button("Move to instance", self.move),
                 self.button("Delete", self.delete, "danger")])])
        self.refresh()

    def refresh(self) -> None:
        keep_choice(self.subnet, self.subnet_choices())
        keep_choice(self.eni, self.interface_choices())
        keep_choice(self.instance, self.instance_choices())

    def create(self) -> None:
        params: dict[str, Any] = {"SubnetId": self.subnet.value}
        if self.description.value:
            params["Description"] = self.description.value
        if self.private_ip.value.strip():
            params["PrivateIpAddress"] = self.private_ip.value.strip()
        count_or_list("SecondaryPrivateIpAddressCount", "PrivateIpAddresses",
                      self.secondary.value, params)
        found = self.run("CreateNetworkInterface", **params)
        if found:
            eni = found["NetworkInterface"]
            self.done(f"Created {eni['NetworkInterfaceId']} ({first_address(eni)}), "
                      "available to attach.")

    def attach(self) -> None:
        self.run("AttachNetworkInterface", f"Attached {self.eni.value} to {self.instance.value}",
                 NetworkInterfaceId=self.eni.value, InstanceId=self.instance.value,
                 DeviceIndex=self.device_index.value)

    def attachment(self) -> dict | None:
        eni = self.interface(self.eni.value)
        return eni.get("Attachment") if eni else None

    def detach(self) -> None:
        attachment = self.attachment()
        if attachment is None:
            self.refused("That interface is not attached.")
            return
        self.run("DetachNetworkInterface", f"Detached {self.eni.value}; it keeps its addresses",
                 AttachmentId=attachment["AttachmentId"])

    def move(self) -> None:
        """Detach from where it is and attach to the chosen instance; if the attach is refused,
        put it back where it was, so a failed move changes nothing."""
        attachment = self.attachment()
        if attachment and not self.run("DetachNetworkInterface",
                                       AttachmentId=attachment["AttachmentId"]):
            return
        moved = self.run("AttachNetworkInterface",
                         f"Moved {self.eni.value} to {self.instance.value}",
                         NetworkInterfaceId=self.eni.value, InstanceId=self.instance.value,
                         DeviceIndex=self.device_index.value)
        if not moved and attachment:
            refusal = self.status.value
            self.api_log.call("AttachNetworkInterface", NetworkInterfaceId=self.eni.value,
                          InstanceId=attachment["InstanceId"],
                          DeviceIndex=attachment["DeviceIndex"])
            self.status.value = refusal + ("<div>The interface was put back on "
                                           f"{attachment['InstanceId']}.</div>")

    def delete(self) -> None:
        self.run("DeleteNetworkInterface", f"Deleted {self.eni.value}",
                 NetworkInterfaceId=self.eni.value)


# -- Manage IP addresses -------------------------------------------------------------------------
class AddressesPanel(Panel):
    """Assign and unassign secondary private IPv4, IPv6 addresses and prefixes on one interface."""

    tab_title = "Manage IP addresses"

    def __init__(self, cloud: Any, log: ApiLog) -> None:
        self.eni = choice("Interface")
        self.summary = w.HTML()
        self.ipv4 = w.Text(description="New IPv4", style=LABEL_STYLE, layout=wide(),
                           placeholder="a number to auto-assign, or addresses")
        self.allow = w.Checkbox(description="Allow reassignment", indent=False,
                                layout=w.Layout(width="auto"))
        self.assigned_ipv4 = w.SelectMultiple(description="Secondary IPv4", style=LABEL_STYLE,
                                              rows=4, layout=wide())
        self.ipv6 = w.Text(description="New IPv6", style=LABEL_STYLE, layout=wide(),
                           placeholder="a number to auto-assign, or addresses")
        self.assigned_ipv6 = w.SelectMultiple(description="IPv6", style=LABEL_STYLE, rows=3,
                                              layout=wide())
        self.prefix_kind = w.ToggleButtons(options=[("IPv4 /28", 4), ("IPv6 /80", 6)],
                                           description="Prefix", style=LABEL_STYLE)
        self.prefix = w.Text(description="New prefixes", style=LABEL_STYLE, layout=wide(),
                             placeholder="a number, or prefixes")
        self.assigned_prefixes = w.SelectMultiple(description="Prefixes", style=LABEL_STYLE,
                                                  rows=3, layout=wide())
        super().__init__(cloud, log, [
            w.HTML("<b>Manage IP addresses</b> of one network interface"),
            self.eni, self.summary,
            w.HTML("<b>Private IPv4</b>"), self.ipv4,
            row([self.button("Assign IPv4", self.assign_ipv4, "primary"), self.allow]),
            self.assigned_ipv4, row([self.button("Unassign IPv4", self.unassign_ipv4)]),
            w.HTML("<b>IPv6</b>"), self.ipv6,
            row([self.button("Assign IPv6", self.assign_ipv6, "primary")]),
            self.assigned_ipv6, row([self.button("Unassign IPv6", self.unassign_ipv6)]),
            w.HTML("<b>Prefix delegation</b>"), self.prefix_kind, self.prefix,
            row([self.button("Assign prefixes", self.assign_prefixes, "primary")]),
            self.assigned_prefixes,
            row([self.button("Unassign prefixes", self.unassign_prefixes)])])
        self.eni.observe(lambda _: self.show_interface(), "value")
        self.prefix_kind.observe(lambda _: self.show_interface(), "value")
        self.refresh()

    def refresh(self) -> None:
        keep_choice(self.eni, self.interface_choices())
        self.show_interface()

    def show_interface(self) -> None:
        eni = self.interface(self.eni.value)
        if eni is None:
            self.summary.value = "<i>No network interface yet.</i>"
            for box in (self.assigned_ipv4, self.assigned_ipv6, self.assigned_prefixes):
                box.options = []
            return
        secondary = [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"] if not p["Primary"]]
        ipv6 = [a["Ipv6Address"] for a in eni["Ipv6Addresses"]]
        key = "Ipv4Prefix" if self.prefix_kind.value == 4 else "Ipv6Prefix"
        prefixes = [p[key] for p in eni.get(key + "es", [])]
        primary = (f"Primary {eni['PrivateIpAddress']} (stays for the interface's life)"
                   if "PrivateIpAddress" in eni else "IPv6-only: no private IPv4")
        self.summary.value = (f"{primary} · {len(secondary)} secondary IPv4 · {len(ipv6)} IPv6 · "
                              f"subnet {eni['SubnetId']}")
        self.assigned_ipv4.options = secondary
        self.assigned_ipv6.options = ipv6
        self.assigned_prefixes.options = prefixes

    def assign_ipv4(self) -> None:
        params: dict[str, Any] = {"NetworkInterfaceId": self.eni.value}
        text = self.ipv4.value.strip()
        if text.isdigit():
            params["SecondaryPrivateIpAddressCount"] = int(text)
        elif text:
            params["PrivateIpAddresses"] = split_list(text)
        if self.allow.value:
            params["AllowReassignment"] = True
        found = self.run("AssignPrivateIpAddresses", **params)
        if found:
            added = ", ".join(a["PrivateIpAddress"] for a in found["AssignedPrivateIpAddresses"])
            self.done(f"Assigned {added}")

    def unassign_ipv4(self) -> None:
        self.run("UnassignPrivateIpAddresses", "Unassigned " + ", ".join(self.assigned_ipv4.value),
                 NetworkInterfaceId=self.eni.value,
                 PrivateIpAddresses=list(self.assigned_ipv4.value))

    def assign_ipv6(self) -> None:
        params: dict[str, Any] = {"NetworkInterfaceId": self.eni.value}
        text = self.ipv6.value.strip()
        if text.isdigit():
            params["Ipv6AddressCount"] = int(text)
        elif text:
            params["Ipv6Addresses"] = split_list(text)
        found = self.run("AssignIpv6Addresses", **params)
        if found:
            self.done(f"Assigned {', '.join(found['AssignedIpv6Addresses'])}")

    def unassign_ipv6(self) -> None:
        self.run("UnassignIpv6Addresses", "Unassigned " + ", ".join(self.assigned_ipv6.value),
                 NetworkInterfaceId=self.eni.value, Ipv6Addresses=list(self.assigned_ipv6.value))

    def assign_prefixes(self) -> None:
        version = self.prefix_kind.value
        text = self.prefix.value.strip()
        params: dict[str, Any] = {"NetworkInterfaceId": self.eni.value}
        if text.isdigit():
            params[f"Ipv{version}PrefixCount"] = int(text)
        elif text:
            params[f"Ipv{version}Prefixes"] = split_list(text)
        operation = "AssignPrivateIpAddresses" if version == 4 else "AssignIpv6Addresses"
        self.run(operation, f"Assigned IPv{version} prefix(es)", **params)

    def unassign_prefixes(self) -> None:
        version = self.prefix_kind.value
        operation = "UnassignPrivateIpAddresses" if version == 4 else "UnassignIpv6Addresses"
        self.run(operation, "Unassigned " + ", ".join(self.assigned_prefixes.value),
                 NetworkInterfaceId=self.eni.value,
                 **{f"Ipv{version}Prefixes": list(self.assigned_prefixes.value)})


# -- Elastic IPs ---------------------------------------------------------------------------------
class ElasticIpPanel(Panel):
    """Allocate an Elastic IP, associate it with a chosen private address, disassociate,
    release."""

    tab_title = "Elastic IPs"

    def __init__(self, cloud: Any, log: ApiLog) -> None:
        self.address = choice("Elastic IP")
        self.target = w.ToggleButtons(options=["Network interface", "Instance"],
                                      description="Associate with", style=LABEL_STYLE)
        self.instance = choice("Instance")
        self.eni = choice("Interface")
        self.private_ip = choice("Private IP")
        self.allow = w.Checkbox(value=True, description="Allow reassociation", indent=False,
                                layout=w.Layout(width="auto"))
        super().__init__(cloud, log, [
            w.HTML("<b>Elastic IP addresses</b> — public IPv4 addresses you keep"),
            row([self.button("Allocate Elastic IP", self.allocate, "primary"),
                 self.button("Release", self.release, "danger")]),
            self.address, self.target, self.instance, self.eni, self.private_ip, self.allow,
            row([self.button("Associate", self.associate, "primary"),
                 self.button("Disassociate", self.disassociate)])])
        self.eni.observe(lambda _: self.show_private_ips(), "value")
        self.target.observe(lambda _: self.show_target(), "value")
        self.refresh()

    def refresh(self) -> None:
        rows = self.read("DescribeAddresses")["Addresses"]
        names = self.interface_names(self.read("DescribeNetworkInterfaces")["NetworkInterfaces"])
        keep_choice(self.address, [
            (f"{a['PublicIp']} → " + (
                f"{names.get(a['NetworkInterfaceId'], a['NetworkInterfaceId'])}, "
                f"{a['PrivateIpAddress']}" if "AssociationId" in a else "not associated"),
             a["AllocationId"]) for a in rows])
        keep_choice(self.instance, self.instance_choices())
        keep_choice(self.eni, self.interface_choices())
        self.show_private_ips()
        self.show_target()

    def show_target(self) -> None:
        by_instance = self.target.value == "Instance"
        self.instance.layout.display = None if by_instance else "none"
        self.eni.layout.display = "none" if by_instance else None
        self.private_ip.layout.display = "none" if by_instance else None

    def show_private_ips(self) -> None:
        eni = self.interface(self.eni.value)
        options = [] if eni is None else [
            (f"{p['PrivateIpAddress']}{' (primary)' if p['Primary'] else ''}",
             p["PrivateIpAddress"]) for p in eni["PrivateIpAddresses"]]
        keep_choice(self.private_ip, options)

    def allocate(self) -> None:
        found = self.run("AllocateAddress", Domain="vpc")
        if found:
            self.refresh()
            self.address.value = found["AllocationId"]
            self.done(f"Allocated {found['PublicIp']} ({found['AllocationId']})")

    def associate(self) -> None:
        params: dict[str, Any] = {"AllocationId": self.address.value}
        if self.target.value == "Instance":
            params["InstanceId"] = self.instance.value
        else:
            params["NetworkInterfaceId"] = self.eni.value
            params["PrivateIpAddress"] = self.private_ip.value
        if not self.allow.value:  # AWS moves an associated Elastic IP unless told not to
            params["AllowReassociation"] = False
        self.run("AssociateAddress", "Associated", **params)

    def disassociate(self) -> None:
        current = [a for a in self.read("DescribeAddresses")["Addresses"]
                   if a["AllocationId"] == self.address.value]
        if not current or "AssociationId" not in current[0]:
            self.refused("That Elastic IP is not associated.")
            return
        self.run("DisassociateAddress", "Disassociated; the address stays allocated to you",
                 AssociationId=current[0]["AssociationId"])

    def release(self) -> None:
        self.run("ReleaseAddress", f"Released {self.address.value}",
                 AllocationId=self.address.value)
