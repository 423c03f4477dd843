"""A probe drawn on the diagram: the things it went through carry ``probe-path``, the place it
stopped ``probe-stop`` with its reason, and the caption says where it went; without a probe,
nothing does. The Console's Traffic panel draws each probe it sends, until the world changes."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from ec2sim import diagram, images

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed")
SVG = "{http://www.w3.org/2000/svg}"


def marked(svg: str) -> dict[str, set[str]]:
    """The ids of the drawn things (nodes, edges, frames) carrying each probe class."""
    found: dict[str, set[str]] = {"probe-path": set(), "probe-stop": set()}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        for name, ids in found.items():
            if name in (group.get("class") or "").split():
                ids.add(group.get("id"))
    return found


def text_of(svg: str, thing_id: str | None = None) -> str:
    """The words drawn in one thing (or in the whole picture)."""
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == thing_id) if thing_id else root
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


@pytest.fixture
def web(lab):
    """An Ubuntu web server whose secondary 10.0.1.4 has an Elastic IP (not yet configured in
    its OS); group "web" lets TCP 80 and 443 in."""
    instance = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    eni = lab.eth(instance)
    public = lab.eip(eni, "10.0.1.4")
    allocation = lab.ec2.describe_addresses(PublicIps=[public])["Addresses"][0]["AllocationId"]
    return {"instance": instance, "eni": eni, "public": public, "allocation": allocation}


@needs_dot
def test_a_probe_stopped_by_the_security_group_stops_at_the_interface(lab, web):
    lab.run(web["instance"], "sudo ip addr add 10.0.1.4/24 dev ens5")
    probe = lab.cloud.probe("internet", web["public"], 5432)
    assert probe.reason == "security-group"
    svg = diagram.render_svg(lab.cloud, probe=probe)
    found = marked(svg)
    assert found["probe-stop"] == {web["eni"]}
    assert {web["allocation"], "ip-10.0.1.4",
            f"{web['allocation']}->ip-10.0.1.4"} == found["probe-path"]
    assert "✘ security-group" in text_of(svg, web["eni"])
    caption = f"Probe internet → {web['public']}:5432: stopped at {web['eni']}"
    assert caption in text_of(svg)


@needs_dot
def test_an_unconfigured_address_is_where_the_probe_stops(lab, web):
    probe = lab.cloud.probe("internet", web["public"], 443)
    assert probe.reason == "not-configured-in-os"
    svg = diagram.render_svg(lab.cloud, probe=probe)
    found = marked(svg)
    assert found["probe-stop"] == {"ip-10.0.1.4"}
    assert {web["allocation"], web["eni"]} <= found["probe-path"]
    assert "✘ not-configured-in-os" in text_of(svg, "ip-10.0.1.4")


@needs_dot
def test_a_probe_that_gets_there_marks_its_whole_path_and_no_stop(lab, web):
    lab.run(web["instance"], "sudo ip addr add 10.0.1.4/24 dev ens5")
    probe = lab.cloud.probe("internet", web["public"], 443)
    assert probe.reachable
    svg = diagram.render_svg(lab.cloud, probe=probe)
    found = marked(svg)
    assert found["probe-stop"] == set()
    assert {web["allocation"], "ip-10.0.1.4", web["eni"], web["instance"]} <= found["probe-path"]
    assert "ip-10.0.1.10" not in found["probe-path"]  # the primary address was not on the way
    assert f"Probe internet → {web['public']}:443: reachable, there and back" in text_of(svg)


@needs_dot
def test_an_unassociated_elastic_ip_is_where_the_probe_stops(lab, web):
    lab.ec2.disassociate_address(PublicIp=web["public"])
    probe = lab.cloud.probe("internet", web["public"], 443)
    svg = diagram.render_svg(lab.cloud, probe=probe)
    assert marked(svg) == {"probe-path": set(), "probe-stop": {web["allocation"]}}


@needs_dot
def test_without_a_probe_nothing_is_marked_and_the_dot_is_unchanged(lab, web):
    svg = diagram.render_svg(lab.cloud)
    assert marked(svg) == {"probe-path": set(), "probe-stop": set()}
    assert "Probe " not in text_of(svg) and "probe" not in text_of(svg)  # caption, legend
    assert diagram.to_dot(lab.cloud, probe=None).source == diagram.to_dot(lab.cloud).source


def test_the_text_picture_says_where_the_probe_went(lab, web):
    probe = lab.cloud.probe("internet", web["public"], 5432)
    text = diagram.to_text(lab.cloud, probe=probe)
    assert f"Probe internet → {web['public']}:5432: stopped at {web['eni']}" in text
    assert "Probe" not in diagram.to_text(lab.cloud)


@needs_dot
def test_the_consoles_traffic_panel_draws_the_path_until_the_world_changes(lab, web):
    widgets = pytest.importorskip("widgets")
    console = widgets.Console(lab.cloud)
    try:
        traffic = next(p for p in console.panels if isinstance(p, widgets.Traffic))
        traffic.destination.value = web["public"]
        traffic.port.value = 5432
        traffic.guarded(traffic.send)
        assert marked(console.diagram.svg)["probe-stop"] == {web["eni"]}
        traffic.port.value = 443  # the next probe replaces the first
        traffic.guarded(traffic.send)
        assert marked(console.diagram.svg)["probe-stop"] == {"ip-10.0.1.4"}
        lab.ec2.create_tags(Resources=[web["instance"]], Tags=[{"Key": "Name", "Value": "w"}])
        console.diagram.flush()
        assert marked(console.diagram.svg) == {"probe-path": set(), "probe-stop": set()}
    finally:
        console.close()
