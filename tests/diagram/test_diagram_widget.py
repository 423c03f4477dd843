"""The live widget: redraws after a change, draws a burst of calls only a few times and ends on
the current state, and carries a static picture for notebooks viewed without a kernel."""

from __future__ import annotations

import pytest
from diagram_support import Picture

from widgets import Diagram


@pytest.fixture
def view(cloud, lab):
    widget = Diagram(cloud)
    yield widget
    widget.close()


def addresses_on(ec2, eni: str) -> set[str]:
    found = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
    return {ip["PrivateIpAddress"] for ip in found["PrivateIpAddresses"]}


def drawn_on(picture: Picture, eni: str) -> set[str]:
    nodes = picture.ids("node", "private-ipv4") - picture.ids("removed")
    frames = picture.ids("network-interface")
    return {n.removeprefix("ip-") for n in nodes if picture.enclosing(n, frames) == eni}


def test_the_picture_is_there_at_once_and_follows_a_change(view, ec2, lab):
    assert drawn_on(Picture(view.svg), lab["db_eth0"]) == addresses_on(ec2, lab["db_eth0"])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                    PrivateIpAddresses=["10.0.1.77"])
    view.flush()
    picture = Picture(view.svg)
    assert "10.0.1.77" in drawn_on(picture, lab["db_eth0"])
    assert "added" in picture.classes("ip-10.0.1.77")
    shown = view.value[view.value.index("<svg"):view.value.rindex("</svg>") + 6]
    assert "10.0.1.77" in drawn_on(Picture(shown), lab["db_eth0"])  # what the notebook shows


def test_a_burst_of_100_calls_is_drawn_at_most_three_times_and_ends_current(
        view, ec2, lab, events):
    before = view.render_count
    for n in range(100):
        ip = f"10.0.1.{100 + n // 2}"
        if n % 2 == 0:
            ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                            PrivateIpAddresses=[ip])
        else:
            ec2.unassign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                              PrivateIpAddresses=[ip])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                    PrivateIpAddresses=["10.0.1.250"])
    view.flush()
    assert view.render_count - before <= 3
    picture = Picture(view.svg)
    assert drawn_on(picture, lab["db_eth0"]) == addresses_on(ec2, lab["db_eth0"])
    assert "10.0.1.250" in drawn_on(picture, lab["db_eth0"])
    assert f"(#{events[-1].seq})" in picture.all_text()


def test_static_display_carries_the_current_picture(view, ec2, lab):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                    PrivateIpAddresses=["10.0.1.78"])
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live in JupyterLab
    picture = Picture(bundle["image/svg+xml"])  # a picture for GitHub and nbviewer
    assert "10.0.1.78" in drawn_on(picture, lab["db_eth0"])
    assert "10.0.1.78" in bundle["text/plain"]
    assert view.static()["image/svg+xml"] == bundle["image/svg+xml"]


def test_focus_narrows_the_picture(view, lab):
    view.focus_on = lab["web_eth1"]
    view.flush()
    picture = Picture(view.svg)
    assert lab["web_eth1"] in picture.groups
    assert lab["web_eth0"] not in picture.groups and lab["db"] not in picture.groups
    view.focus_on = None
    view.flush()
    assert lab["db"] in Picture(view.svg).groups


def test_a_closed_diagram_stops_following(cloud, ec2, lab):
    widget = Diagram(cloud)
    widget.close()
    drawn = widget.render_count
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"],
                                    PrivateIpAddresses=["10.0.1.79"])
    widget.flush()
    assert widget.render_count == drawn
    assert "10.0.1.79" not in widget.svg
