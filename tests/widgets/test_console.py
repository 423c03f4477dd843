"""The Console as a learner uses it: set values, click buttons, read what the panels, the log
and the diagram show."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from checks import run_in_a_fresh_loop

import ec2sim
import widgets

SVG = "{http://www.w3.org/2000/svg}"


def svg_items(svg: str) -> dict[str, dict]:
    """Every node, edge and cluster of the diagram: id -> its classes and bounding box."""
    items = {}
    for group in ET.fromstring(svg).iter(SVG + "g"):
        if not group.get("class"):
            continue  # a link wrapper inside a node: its shapes count for the node
        points: list[tuple[float, float]] = []
        for shape in group.iter():
            if shape.tag == SVG + "polygon":
                points += [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
            elif shape.tag == SVG + "path":
                numbers = [float(n) for n in re.findall(r"-?[\d.]+", shape.get("d"))]
                points += list(zip(numbers[::2], numbers[1::2], strict=False))
            elif shape.tag == SVG + "text":
                points.append((float(shape.get("x")), float(shape.get("y"))))
        box = None
        if points:
            xs, ys = zip(*points, strict=True)
            box = (min(xs), min(ys), max(xs), max(ys))
        items[group.get("id")] = {"class": set(group.get("class", "").split()), "box": box}
    return items


def inside(items: dict, node: str, cluster: str) -> bool:
    (x0, y0, x1, y1), (a0, b0, a1, b1) = items[node]["box"], items[cluster]["box"]
    return a0 <= x0 and b0 <= y0 and x1 <= a1 and y1 <= b1


@pytest.fixture
def lab():
    cloud = ec2sim.Cloud(seed=0)
    ec2 = cloud.client()
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    v6 = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    subnet = ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.0.1.0/24",
                               Ipv6CidrBlock=v6.replace("00::/56", "01::/64"),
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc["VpcId"])
    console = widgets.Console(cloud)
    yield cloud, console, subnet
    console.close()


def panel(console, kind):
    return next(p for p in console.panels if isinstance(p, kind))


def launch_two_interfaces(console, subnet):
    launch = panel(console, widgets.LaunchPanel)
    launch.devices.children[0].subnet.value = subnet
    launch.add_device_button.click()
    launch.devices.children[1].subnet.value = subnet
    launch.launch_button.click()
    return launch


def click(panel_widget, description):
    button = next(b for b in iter_widgets(panel_widget) if getattr(b, "description", None)
                  == description and hasattr(b, "click"))
    button.click()


def iter_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from iter_widgets(child)


def test_second_device_disables_auto_public_ip_and_says_why(lab):
    _, console, subnet = lab
    launch = panel(console, widgets.LaunchPanel)
    assert not launch.public_ip.disabled
    launch.add_device_button.click()
    assert launch.public_ip.disabled
    assert "one network interface" in launch.public_note.value
    launch.devices.children[1].children[-1].click()  # Remove
    assert not launch.public_ip.disabled


def test_launch_logs_boto3_and_cli_and_draws_both_interfaces(lab):
    cloud, console, subnet = lab
    launch = launch_two_interfaces(console, subnet)
    assert "Launched i-" in launch.status.value and "2 network interface" in launch.status.value
    entry = console.api_log.entries[0]
    assert entry.boto3.startswith("ec2.run_instances(")
    assert entry.cli.startswith("aws ec2 run-instances --count 1 ")
    assert "aws ec2 run-instances" in console.api_log.text
    console.diagram.flush()
    enis = cloud.dispatch("DescribeNetworkInterfaces", {"Filters": [
        {"Name": "subnet-id", "Values": [subnet]}]})["NetworkInterfaces"]
    items = svg_items(console.diagram.svg)
    assert len(enis) == 2
    for eni in enis:
        assert "network-interface" in items[eni["NetworkInterfaceId"]]["class"]


def test_the_whole_story_move_an_address_and_its_elastic_ip(lab):
    """Launch with two ENIs, assign a secondary IP, put an EIP on it, move the IP to the other
    ENI with Allow reassignment: the address and the EIP's edge follow it in the diagram."""
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    addresses = panel(console, widgets.AddressesPanel)
    eth0, eth1 = [v for _, v in addresses.eni.options if v.startswith("eni-")][:2]
    addresses.eni.value = eth0
    addresses.ipv4.value = "10.0.1.20"
    click(addresses, "Assign IPv4")
    assert "Assigned 10.0.1.20" in addresses.status.value

    eips = panel(console, widgets.ElasticIpPanel)
    click(eips, "Allocate Elastic IP")
    eips.eni.value = eth0
    assert "10.0.1.20" in [v for _, v in eips.private_ip.options]  # choices: that ENI's IPs
    eips.private_ip.value = "10.0.1.20"
    click(eips, "Associate")
    assert "Associated" in eips.status.value
    allocation = eips.address.value

    addresses.eni.value = eth1
    addresses.ipv4.value = "10.0.1.20"
    click(addresses, "Assign IPv4")  # without Allow reassignment: AWS refuses
    assert "InvalidIPAddress.InUse" in addresses.status.value
    addresses.allow.value = True
    click(addresses, "Assign IPv4")
    assert "Assigned 10.0.1.20" in addresses.status.value

    console.diagram.flush()
    items = svg_items(console.diagram.svg)
    assert inside(items, "ip-10.0.1.20", eth1) and not inside(items, "ip-10.0.1.20", eth0)
    assert f"{allocation}->ip-10.0.1.20" in items
    assert "moved" in items["ip-10.0.1.20"]["class"]
    described = cloud.dispatch("DescribeAddresses", {"AllocationIds": [allocation]})
    assert described["Addresses"][0]["NetworkInterfaceId"] == eth1


def test_elastic_ip_panel_moves_an_associated_address_unless_reassociation_is_unchecked(lab):
    """AWS moves an associated Elastic IP by default: the box starts checked; unchecked, the
    console sends AllowReassociation=False and AWS refuses the move."""
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    eips = panel(console, widgets.ElasticIpPanel)
    assert eips.allow.value is True
    click(eips, "Allocate Elastic IP")
    allocation = eips.address.value
    eth0, eth1 = [v for _, v in eips.eni.options if v.startswith("eni-")][:2]
    eips.eni.value = eth0
    click(eips, "Associate")
    first = cloud.dispatch("DescribeAddresses", {})["Addresses"][0]["AssociationId"]

    eips.eni.value = eth1
    eips.allow.value = False
    before = cloud.snapshot()
    click(eips, "Associate")
    assert "Resource.AlreadyAssociated" in eips.status.value
    assert f"already associated with associate-id {first}" in eips.status.value
    assert console.api_log.entries[0].boto3.endswith("AllowReassociation=False)")
    assert cloud.snapshot() == before

    eips.allow.value = True
    click(eips, "Associate")
    assert "Associated" in eips.status.value
    [moved] = cloud.dispatch("DescribeAddresses", {"AllocationIds": [allocation]})["Addresses"]
    assert moved["NetworkInterfaceId"] == eth1 and moved["AssociationId"] != first
    assert "AllowReassociation" not in console.api_log.entries[0].boto3


def test_refusal_shows_code_message_explanation_and_changes_nothing(lab):
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    addresses = panel(console, widgets.AddressesPanel)
    before = cloud.snapshot()
    addresses.ipv4.value = "10.0.1.255"
    click(addresses, "Assign IPv4")
    assert "InvalidParameterValue" in addresses.status.value
    assert "reserved" in addresses.status.value
    assert "Why:" in addresses.status.value
    assert cloud.snapshot() == before
    entry = console.api_log.entries[0]
    assert entry.failure.code == "InvalidParameterValue"


def test_ipv6_cannot_move_between_interfaces(lab):
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    addresses = panel(console, widgets.AddressesPanel)
    eth0, eth1 = [v for _, v in addresses.eni.options][:2]
    addresses.eni.value = eth0
    addresses.ipv6.value = "1"
    click(addresses, "Assign IPv6")
    taken = addresses.assigned_ipv6.options[0]
    addresses.eni.value = eth1
    addresses.ipv6.value = taken
    click(addresses, "Assign IPv6")
    assert "InvalidIPAddress.InUse" in addresses.status.value
    assert "unassign it" in addresses.status.value


def test_move_interface_and_failed_move_puts_it_back(lab):
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    launch = panel(console, widgets.LaunchPanel)
    launch.name.value = "standby"
    launch.launch_button.click()
    interfaces = panel(console, widgets.InterfacesPanel)
    interfaces.refresh()
    eth1 = [v for label, v in interfaces.eni.options if "eth1" in label][0]
    standby = [v for label, v in interfaces.instance.options if "standby" in label][0]
    interfaces.eni.value = eth1
    interfaces.instance.value = standby
    interfaces.device_index.value = 0  # taken by the standby's own eth0: refused
    click(interfaces, "Move to instance")
    assert "InvalidParameterValue" in interfaces.status.value
    assert "put back" in interfaces.status.value
    eni = cloud.dispatch("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eth1]})
    assert eni["NetworkInterfaces"][0]["Attachment"]["InstanceId"] != standby
    interfaces.device_index.value = 2  # the standby was launched with eth0 and eth1
    click(interfaces, "Move to instance")
    assert "Moved" in interfaces.status.value
    eni = cloud.dispatch("DescribeNetworkInterfaces", {"NetworkInterfaceIds": [eth1]})
    assert eni["NetworkInterfaces"][0]["Attachment"]["InstanceId"] == standby


def test_primary_interface_cannot_be_detached(lab):
    _, console, subnet = lab
    launch_two_interfaces(console, subnet)
    interfaces = panel(console, widgets.InterfacesPanel)
    interfaces.eni.value = [v for label, v in interfaces.eni.options if "eth0" in label][0]
    click(interfaces, "Detach")
    assert "OperationNotPermitted" in interfaces.status.value


def test_panels_follow_changes_made_in_code(lab):
    cloud, console, subnet = lab
    eni = cloud.client().create_network_interface(SubnetId=subnet)["NetworkInterface"]
    interfaces = panel(console, widgets.InterfacesPanel)
    assert eni["NetworkInterfaceId"] in [v for _, v in interfaces.eni.options]


def uploaded(name: str, content: bytes) -> dict:
    """What the browser hands a FileUpload widget for one chosen file."""
    return {"name": name, "type": "application/json", "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc)}


def test_undo_reset_with_confirmation_save_and_load(lab, tmp_path, monkeypatch):
    cloud, console, subnet = lab
    monkeypatch.chdir(tmp_path)
    at_start = cloud.snapshot()
    launch_two_interfaces(console, subnet)
    with_instance = cloud.snapshot()
    saved = console.save()
    assert "Download" in console.download.value
    console.reset_button.click()
    assert console.reset_button.description == "Confirm reset"
    assert cloud.snapshot() == with_instance  # the first click only asks
    console.reset_button.click()
    assert cloud.snapshot() == at_start  # back where the console started: the lab's VPC stays
    console.undo_button.click()
    assert cloud.snapshot() == with_instance
    console.undo_button.click()  # takes back the launch itself
    assert cloud.dispatch("DescribeInstances", {})["Reservations"] == []
    console.upload.value = (uploaded(saved, (tmp_path / saved).read_bytes()),)
    assert cloud.snapshot() == with_instance
    assert "Loaded" in console.status.value


def test_a_saved_notebook_shows_the_console_as_a_picture(lab):
    _, console, subnet = lab
    launch_two_interfaces(console, subnet)
    bundle = console._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live in JupyterLab
    assert "run this notebook in JupyterLab" in bundle["text/plain"]
    assert "eth1" in bundle["text/plain"]
    assert ET.fromstring(bundle["image/svg+xml"]).tag == SVG + "svg"


def test_loading_a_file_that_is_not_a_lab_changes_nothing(lab):
    cloud, console, _ = lab
    before = cloud.snapshot()
    console.upload.value = (uploaded("notes.json", json.dumps({"hello": 1}).encode()),)
    assert "not a saved lab" in console.status.value
    assert cloud.snapshot() == before


def test_elastic_ip_with_an_instance_of_several_interfaces_asks_for_the_interface(lab):
    _, console, subnet = lab
    launch_two_interfaces(console, subnet)
    eips = panel(console, widgets.ElasticIpPanel)
    click(eips, "Allocate Elastic IP")
    eips.target.value = "Instance"
    click(eips, "Associate")
    assert "InvalidInstanceID" in eips.status.value
    assert "multiple interfaces" in eips.status.value


def test_projector_size_stacks_and_enlarges(lab):
    cloud, _, _ = lab
    console = widgets.Console(cloud, size="projector")
    assert "ec2lab-projector" in console._dom_classes
    console.close()
    with pytest.raises(ValueError):
        widgets.Console(cloud, size="phone")


# -- views that do not pile up, and a console without threads (issue 13 §3.7, §3.8; issue 12) ---
def dot_processes() -> int:
    import psutil

    return sum(child.name() == "dot" for child in psutil.Process().children(recursive=True))


def test_a_console_cell_run_twenty_times_leaves_one_live_console(lab):
    cloud, first, subnet = lab
    before = dot_processes()
    consoles = [widgets.Console(cloud) for _ in range(20)]
    live = consoles[-1]
    assert len(cloud._subscribers) == 2  # the live console and its diagram
    assert dot_processes() <= max(before, 1)  # at most the live diagram's dot, started ahead
    for old in [first, *consoles[:-1]]:
        assert old.comm is None and old.diagram.comm is None  # closed, so gone from the page
    drawn = [c.diagram.render_count for c in consoles]
    cloud.client().create_network_interface(SubnetId=subnet)
    live.diagram.flush()
    assert [c.diagram.render_count for c in consoles[:-1]] == drawn[:-1]
    assert live.diagram.render_count == drawn[-1] + 1
    live.close()
    assert cloud._subscribers == []
    assert dot_processes() <= before


def test_a_new_diagram_retires_the_old_one_but_not_the_consoles(lab):
    cloud, console, subnet = lab
    first = widgets.Diagram(cloud)
    second = widgets.Diagram(cloud)
    assert first.comm is None and second.comm is not None
    assert console.diagram.comm is not None  # part of the console: stays
    drawn = console.diagram.render_count
    cloud.client().create_network_interface(SubnetId=subnet)
    console.diagram.flush()
    second.flush()
    assert console.diagram.render_count == drawn + 1
    assert "eni-" in second.text
    second.close()


def test_the_cloud_does_not_keep_a_view_alive(cloud):
    import gc

    from widgets.lifecycle import subscribe_weakly

    class Watcher:
        def __init__(self):
            self.seen = []

        def changed(self, event):
            self.seen.append(event.operation)

    watcher = Watcher()
    subscribe_weakly(cloud, watcher.changed)
    cloud.client().allocate_address(Domain="vpc")
    assert watcher.seen == ["AllocateAddress"]
    del watcher
    gc.collect()
    cloud.client().allocate_address(Domain="vpc")  # finds the watcher gone, and lets go
    assert cloud._subscribers == []


def test_the_api_log_adds_a_row_per_call_and_keeps_thirty(lab):
    cloud, console, _ = lab
    log = console.api_log
    assert "No calls yet" in log.text
    log.call("AllocateAddress", Domain="vpc")
    assert "ec2.allocate_address(" in log.rows[0].value
    assert "aws ec2 allocate-address" in log.rows[0].value
    for _ in range(29):
        log.call("DescribeAddresses")
    full = list(log.rows)
    on_page = log._rows.children
    for _ in range(5):
        log.call("DescribeAddresses")
    rows = log.rows
    assert len(rows) == 30 and len(log.entries) == 30
    assert set(rows) == set(full) and log._rows.children is on_page  # no new row once full
    assert "describe_addresses" in rows[0].value and "No calls yet" not in log.text
    assert "allocate_address" not in log.text  # the oldest call left
    orders = [int(row.layout.order) for row in rows]
    assert orders == sorted(orders)  # the page shows the newest on top
    kept, shown = rows[1], rows[1].value
    log.call("DescribeAddresses")
    assert log.rows[2] is kept and kept.value == shown  # not re-rendered


def test_the_console_works_without_threads(lab, monkeypatch):
    """In Pyodide no thread can start: every click raised "can't start new thread"."""
    import threading

    cloud, old, subnet = lab

    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    console = widgets.Console(cloud)
    launch = launch_two_interfaces(console, subnet)
    assert "Launched i-" in launch.status.value
    interfaces = panel(console, widgets.InterfacesPanel)
    eth1 = [label for label, _ in interfaces.eni.options if "eth1" in label]
    assert eth1, interfaces.eni.options
    console.diagram.flush()
    assert "eth1" in console.diagram.text
    eni = cloud.client().create_network_interface(SubnetId=subnet)["NetworkInterface"]
    assert eni["NetworkInterfaceId"] in [v for _, v in interfaces.eni.options]  # code, too
    console.close()


class KernelShell:
    """What the widgets see of a Jupyter kernel's IPython shell."""

    kernel = object()

    def __init__(self) -> None:
        self.events = self

    def register(self, _name, _hook) -> None:
        pass


def test_a_burst_of_calls_in_a_cell_refreshes_the_panels_once_when_it_ends(lab, monkeypatch):
    import asyncio

    import IPython

    cloud, console, subnet = lab
    interfaces = panel(console, widgets.InterfacesPanel)
    refreshes = []
    monkeypatch.setattr(interfaces, "refresh", lambda: refreshes.append(1))
    monkeypatch.setattr(IPython, "get_ipython", KernelShell)
    ec2 = cloud.client()

    async def cell():
        made = [ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]
                for _ in range(10)]
        assert refreshes == []  # the cell is still running: nothing yet
        await asyncio.sleep(0)  # the kernel's loop gets control back
        return made

    run_in_a_fresh_loop(cell())
    assert refreshes == [1]


def test_a_loop_that_is_not_a_kernels_does_not_hold_the_panels_back(lab):
    """A script (or a test driving a browser) may run inside an event loop that is not a
    kernel's: nothing hands it back between calls, so the panels follow each call at once."""
    cloud, console, subnet = lab
    interfaces = panel(console, widgets.InterfacesPanel)

    async def script():
        eni = cloud.client().create_network_interface(SubnetId=subnet)["NetworkInterface"]
        return [v for _, v in interfaces.eni.options], eni["NetworkInterfaceId"]

    offered, made = run_in_a_fresh_loop(script())
    assert made in offered


# -- lab files and Reset (issue 13 §3.6, §3.9) ---------------------------------------------------
@pytest.mark.parametrize("content, words", [
    (b"null", "The file holds null, not a saved lab"),
    (b"[" * 100_000 + b"]" * 100_000, "nests its data far deeper than a saved lab ever does"),
    (b'{"format": "ec2sim-world/1", "seed": "0"}', "seed must be a whole number, not the text"),
    (b'{"format": "ec2sim-world/9"}', "saved in format 'ec2sim-world/9'"),
    (b"{not json", "The file is not JSON: "),
])
def test_loading_a_hostile_file_shows_one_sentence_and_keeps_the_lab(lab, content, words):
    cloud, console, subnet = lab
    launch_two_interfaces(console, subnet)
    before = cloud.snapshot()
    console.upload.value = (uploaded("lab.json", content),)
    status = html.unescape(console.status.value)
    assert "Not loaded: " in status and words in status and "Nothing changed." in status
    assert cloud.snapshot() == before and cloud.history[-1].operation == "RunInstances"


def test_loading_a_lab_whose_addresses_clash_is_refused(lab, tmp_path, monkeypatch):
    cloud, console, subnet = lab
    monkeypatch.chdir(tmp_path)
    launch_two_interfaces(console, subnet)
    saved = json.loads((tmp_path / console.save()).read_text())
    first, second = saved["network_interfaces"][:2]
    second["secondary_private_ip_addresses"].append(first["private_ip_address"])
    before = cloud.snapshot()
    console.upload.value = (uploaded("clash.json", json.dumps(saved).encode()),)
    assert f"{first['private_ip_address']} is on both network interface" in html.unescape(
        console.status.value)
    assert cloud.snapshot() == before


def test_reset_twice_goes_back_to_the_start_both_times(lab):
    cloud, console, subnet = lab
    at_start = cloud.snapshot()
    for round_ in range(2):
        launch_two_interfaces(console, subnet)
        cloud.client().create_tags(Resources=[subnet], Tags=[{"Key": "round", "Value": "x"}])
        assert cloud.snapshot() != at_start
        console.reset_button.click()
        console.reset_button.click()  # confirm
        assert cloud.snapshot() == at_start, f"Reset number {round_ + 1}"


# -- a console that reads at a glance (issue 11 §4, console friction) ---------------------------
def launch_named(console, subnet, name=None, devices=1):
    launch = panel(console, widgets.LaunchPanel)
    if name is not None:
        launch.name.value = name
    launch.devices.children[0].subnet.value = subnet
    for _ in range(devices - 1):
        launch.add_device_button.click()
    launch.launch_button.click()
    assert "Launched i-" in launch.status.value, launch.status.value
    return re.search(r"Launched (i-[0-9a-f]+)", launch.status.value).group(1)


def test_dropdowns_name_interfaces_and_instances_by_their_name_tag(lab):
    cloud, console, subnet = lab
    instance = launch_named(console, subnet, "web-1", devices=2)
    spare = cloud.client().create_network_interface(SubnetId=subnet)["NetworkInterface"]
    interfaces = panel(console, widgets.InterfacesPanel)
    labels = [label for label, _ in interfaces.eni.options]
    enis = cloud.dispatch("DescribeInstances", {})["Reservations"][0]["Instances"][0][
        "NetworkInterfaces"]
    by_index = {e["Attachment"]["DeviceIndex"]: e for e in enis}
    assert labels[:2] == [
        f"web-1 eth{i} (ens{5 + i} in the OS), {by_index[i]['PrivateIpAddress']} "
        f"({by_index[i]['NetworkInterfaceId']})" for i in (0, 1)]
    assert labels[2] == (f"available, {spare['PrivateIpAddress']} "
                         f"({spare['NetworkInterfaceId']})")
    assert [label for label, _ in interfaces.instance.options] == [
        f"web-1 ({instance}, t3.medium, running)"]
    eips = panel(console, widgets.ElasticIpPanel)
    click(eips, "Allocate Elastic IP")
    eips.eni.value = by_index[1]["NetworkInterfaceId"]
    click(eips, "Associate")
    assert eips.address.label.endswith(
        f" → web-1 eth1 (ens6 in the OS), {by_index[1]['PrivateIpAddress']}")


def test_the_launch_panel_never_proposes_a_name_in_use(lab):
    cloud, console, subnet = lab
    launch = panel(console, widgets.LaunchPanel)
    assert launch.name.value == "web-1"
    launch_named(console, subnet)
    assert launch.name.value == "web-2"
    cloud.client().run_instances(ImageId="ami-0a5c3558529277641", InstanceType="t3.micro",
                                 MinCount=1, MaxCount=1, SubnetId=subnet, TagSpecifications=[
                                     {"ResourceType": "instance",
                                      "Tags": [{"Key": "Name", "Value": "web-2"}]}])
    assert launch.name.value == "web-3"  # taken in code: the panel moves on too
    launch_named(console, subnet, "db")
    assert launch.name.value == "db-2"
    launch.name.value = "web-1"  # typed by the learner: kept, although in use
    cloud.client().allocate_address(Domain="vpc")
    assert launch.name.value == "web-1"
    assert widgets.Console(cloud).panels[0].name.value == "web-3"  # a new console, too


def test_auto_assign_public_ip_shows_its_choice(lab):
    _, console, _ = lab
    launch = panel(console, widgets.LaunchPanel)
    assert launch.public_ip.label == "Use subnet setting"  # not an empty box
    assert "AssociatePublicIpAddress" not in launch.request()["NetworkInterfaces"][0]
    launch.public_ip.label = "Disable"
    assert launch.request()["NetworkInterfaces"][0]["AssociatePublicIpAddress"] is False


def test_choosing_to_associate_with_an_instance_hides_only_the_interface_choices(lab):
    _, console, subnet = lab
    launch_named(console, subnet)
    eips = panel(console, widgets.ElasticIpPanel)
    eips.target.value = "Instance"
    assert eips.instance.layout.display is None
    assert eips.eni.layout.display == "none" and eips.private_ip.layout.display == "none"
    shown = [p for p in console.panels if p is not eips]
    assert all(getattr(part, "layout", None) is None or part.layout.display != "none"
               for other in shown for part in iter_widgets(other))


def test_console_panels_sit_beside_the_diagram_when_the_notebook_is_930_pixels_wide(lab):
    _, console, _ = lab
    body = console.children[3]
    (left,), (right,) = body.children[0].children, body.children[1].children
    assert left is console.tabs and right is console.diagram
    bases = [int(box.layout.flex.split()[2].removesuffix("px")) for box in body.children]
    assert sum(bases) + 8 <= 930 and body.layout.flex_flow == "row wrap"


def test_the_gauge_draws_a_square_for_each_address_the_type_allows(lab):
    cloud, console, subnet = lab
    launch = panel(console, widgets.LaunchPanel)
    for kind in ("t3.medium", "c5.4xlarge"):
        launch.instance_type.value = kind
        launch_named(console, subnet)
    console.diagram.flush()
    text = "".join(ET.fromstring(console.diagram.svg).itertext())
    assert "1 of 6 IPv4" in text and "1 of 30 IPv4" in text and "0 of 30 IPv6" in text
    assert text.count("■") == 2 and text.count("□") == (6 - 1) + 6 + (30 - 1) + 30


def test_the_live_diagram_has_a_text_view_under_the_picture(lab):
    cloud, console, subnet = lab
    instance = launch_named(console, subnet, "web-1")
    console.diagram.flush()
    value = console.diagram.value
    assert 'role="img"' in value and "<summary>Text view of the diagram</summary>" in value
    shown = html.unescape(value.split("<details", 1)[1])
    assert instance in shown and "web-1" in shown and shown.count("eth0") >= 1
