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


def eni_of(option: str) -> str:
    """The interface ID at the end of a dropdown choice: 'web-1 eth0 (…), 10.0.1.4 (eni-…)'."""
    return re.search(r"\((eni-[0-9a-f]+)\)$", option).group(1)


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
    eth0 = eni_of(notebook.choose("Interface", re.compile(r"^web-1 eth0 ")))
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
    notebook.choose("Interface", re.compile(rf"\({eth0}\)$"))
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
    eth1 = eni_of(notebook.choose("Interface", re.compile(r"^web-1 eth1 ")))
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


# -- a 1366x768 laptop with JupyterLab's file browser open (issue 11 §4) -------------------------
LAPTOP_CELL = """import ec2sim, widgets
from ec2sim.images import AMAZON_LINUX_2023
cloud = ec2sim.Cloud(seed=0)
ec2 = cloud.client()
subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
ec2.run_instances(ImageId=AMAZON_LINUX_2023, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                  NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet},
                                     {"DeviceIndex": 1, "SubnetId": subnet}],
                  TagSpecifications=[{"ResourceType": "instance",
                                      "Tags": [{"Key": "Name", "Value": "web-1"}]}])
ec2.allocate_address(Domain="vpc")
widgets.Console(cloud)"""

# Where the console's parts are, in the page's pixels, with the console's top at the top of the
# notebook's visible area (as a learner scrolls to it).
WHERE = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const console_ = document.querySelector('.ec2lab-console');
  const scroller = console_.closest('.jp-WindowedPanel-outer');
  scroller.scrollTop += console_.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  const launch = [...console_.querySelectorAll('button')]
    .find((b) => b.innerText.trim() === 'Launch');
  return {browser: box(document.querySelector('.jp-FileBrowser')), notebook: box(scroller),
          tabs: box(console_.querySelector('.jupyter-widget-tab')),
          diagram: box(console_.querySelector('.ec2-diagram svg')), launch: box(launch)};
}"""

# Every label, tab, button and dropdown choice of the visible panel that does not fit its box.
CUT_SHORT = """() => {
  const console_ = document.querySelector('.ec2lab-console');
  const visible = (e) => e.offsetParent !== null;
  const cut = [];
  const texts = console_.querySelectorAll(
    '.widget-label, .lm-TabBar-tabLabel, button, .ec2-diagram-text-view summary');
  for (const e of texts) {
    if (visible(e) && e.innerText.trim() && e.scrollWidth > e.clientWidth + 1) {
      cut.push(`${e.innerText.trim()} (${e.scrollWidth} px in ${e.clientWidth})`);
    }
  }
  const pen = document.createElement('canvas').getContext('2d');
  for (const select of console_.querySelectorAll('select')) {
    if (!visible(select)) continue;
    const style = getComputedStyle(select);
    pen.font = `${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
                 - (select.multiple ? 0 : 4);
    for (const option of select.options) {
      const width = pen.measureText(option.text).width;
      if (width > room) cut.push(`${option.text} (${Math.ceil(width)} px in ${Math.floor(room)})`);
    }
  }
  return cut;
}"""


def test_on_a_laptop_panels_and_diagram_sit_side_by_side_and_no_label_is_cut(lab, open_notebook):
    notebook = open_notebook(lab.write_notebook("console_laptop.ipynb", LAPTOP_CELL))
    notebook.page.set_viewport_size({"width": 1366, "height": 768})
    notebook.page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
    notebook.run_all()
    notebook.assert_clean()
    notebook.wait_for(lambda: notebook.picture(DIAGRAM), "showing the diagram")

    where = notebook.page.evaluate(WHERE)
    assert where["browser"]["right"] > 250, where  # the file browser is open beside the notebook
    tabs, diagram, shown = where["tabs"], where["diagram"], where["notebook"]
    assert diagram["left"] >= tabs["right"] and diagram["top"] < tabs["top"] + 60, where
    # the Launch button and the picture it changes are on screen together
    assert shown["top"] <= diagram["top"] and where["launch"]["bottom"] <= shown["bottom"], where
    notebook.screenshot("console-laptop-launch")

    titles = ["Launch instance", "Network interfaces", "Manage IP addresses", "Elastic IPs",
              "Terminal", "Traffic"]
    cut = {}
    for title in titles:
        notebook.open_tab(title)
        cut[title] = notebook.page.evaluate(CUT_SHORT)
    assert cut == {title: [] for title in titles}
    notebook.open_tab("Elastic IPs")
    interfaces = notebook.field("Interface", "dropdown").locator("select").first
    assert [" ".join(text.split()).split(" (eni-")[0]
            for text in interfaces.locator("option").all_text_contents()] == [
        "web-1 eth0 (ens5 in the OS), 172.31.0.4", "web-1 eth1 (ens6 in the OS), 172.31.0.5"]
    notebook.screenshot("console-laptop-elastic-ips")
