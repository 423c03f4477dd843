"""The Console in JupyterLab, driven by clicks and typing: launch an instance with two network
interfaces, give eth0 a secondary address, put an Elastic IP on it, then move the address to
eth1 with "Allow reassignment" — and watch the diagram in the page follow each step."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CONSOLE_CELL = "import ec2sim, widgets\ncloud = ec2sim.Cloud(seed=0)\nwidgets.Console(cloud)"
DIAGRAM = ".ec2-diagram svg"
INTERFACE = "network-interface"


def panel_status(notebook) -> str:
    """The status line of the panel in front (what the last click said)."""
    return notebook.outputs().locator(".ec2lab-status:visible").first.inner_text().strip()


def succeeded(notebook, start: str) -> str:
    """Assert the panel in front reports success starting with ``start``; return the line."""
    status = panel_status(notebook)
    assert status.startswith(f"Done: {start}"), status
    return status


def test_move_a_secondary_address_with_its_elastic_ip(lab, open_notebook):
    notebook = open_notebook(lab.write_notebook("console_scenario.ipynb", CONSOLE_CELL))
    notebook.run_all()
    notebook.assert_clean()
    first = notebook.wait_for(lambda: notebook.picture(DIAGRAM), "showing the diagram")
    assert not [f for f in first.frames.values() if INTERFACE in f.classes]
    notebook.screenshot("console-0-opened")

    # Launch instance: a second device, then Launch.
    notebook.open_tab("Launch instance")
    notebook.click("Add device")
    assert notebook.field("eth1 subnet", "dropdown").count() == 1
    notebook.click("Launch")
    launched = succeeded(notebook, "Launched")
    assert "with 2 network interface(s)" in launched
    instance = re.search(r"i-[0-9a-f]+", launched).group()

    def two_interfaces():
        picture = notebook.picture(DIAGRAM)
        enis = [f for f in picture.frames.values() if INTERFACE in f.classes]
        return picture if len(enis) == 2 else None

    picture = notebook.wait_for(two_interfaces, "drawing the instance's two interfaces")
    assert instance in picture.frames
    notebook.screenshot("console-1-launched")

    # Manage IP addresses: one new secondary IPv4 on eth0.
    notebook.open_tab("Manage IP addresses")
    eth0_option = notebook.choose("Interface", re.compile(rf"\({instance} eth0, "))
    eth0 = eth0_option.split()[0]
    notebook.type_text("New IPv4", "1")
    notebook.click("Assign IPv4")
    address = succeeded(notebook, "Assigned").removeprefix("Done: Assigned ").strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", address), address
    node = f"ip-{address}"
    picture = notebook.wait_for(
        lambda: (p := notebook.picture(DIAGRAM)) and p.frame_of(node, INTERFACE) == eth0 and p,
        f"drawing {address} on {eth0}",
    )
    assert "secondary" in picture.nodes[node].classes
    notebook.screenshot("console-2-secondary-assigned")

    # Elastic IPs: allocate one and associate it with that secondary address on eth0.
    notebook.open_tab("Elastic IPs")
    notebook.click("Allocate Elastic IP")
    allocated = succeeded(notebook, "Allocated")
    public_ip, allocation = re.search(
        r"Allocated (\S+) \((eipalloc-[0-9a-f]+)\)", allocated
    ).groups()
    notebook.choose("Interface", re.compile(rf"^{eth0} "))
    notebook.choose("Private IP", address)
    notebook.click("Associate")
    succeeded(notebook, "Associated")
    arrow = f"{allocation}->{node}"
    picture = notebook.wait_for(
        lambda: (p := notebook.picture(DIAGRAM)) and arrow in p.edges and p,
        f"drawing {public_ip} -> {address}",
    )
    assert public_ip in picture.nodes[allocation].text
    assert picture.frame_of(node, INTERFACE) == eth0
    notebook.screenshot("console-3-elastic-ip-associated")

    # Manage IP addresses: assign the same address to eth1, allowing reassignment.
    notebook.open_tab("Manage IP addresses")
    eth1 = notebook.choose("Interface", re.compile(rf"\({instance} eth1, ")).split()[0]
    assert eth1 != eth0
    notebook.type_text("New IPv4", address)
    notebook.tick("Allow reassignment")
    notebook.click("Assign IPv4")
    assert succeeded(notebook, "Assigned") == f"Done: Assigned {address}"

    picture = notebook.wait_for(
        lambda: (p := notebook.picture(DIAGRAM)) and p.frame_of(node, INTERFACE) == eth1 and p,
        f"drawing {address} on {eth1}",
    )
    moved = picture.nodes[node]
    assert "moved" in moved.classes and "moved" in moved.text
    assert arrow in picture.edges, "the Elastic IP should follow the address it is on"
    assert picture.frame_of(allocation, INTERFACE) == eth1
    assert "moved" in picture.edges[arrow].classes
    left_behind = [n for n in picture.nodes.values() if n.frames and n.frames[-1] == eth0]
    assert not [n for n in left_behind if address in n.text and "removed" not in n.classes]

    log = notebook.outputs().locator(".ec2lab-log").first.inner_text()
    assert "AllowReassignment=True" in log and "--allow-reassignment" in log
    notebook.assert_clean()
    notebook.screenshot("console-4-address-moved")
