"""Without Graphviz's ``dot`` the learner gets the same bindings as text, and is told exactly what
to install — never a traceback."""

from __future__ import annotations

import re

import pytest
from diagram_support import Picture

from ec2sim import diagram
from widgets.diagram import Diagram

INTERFACE_LINE = re.compile(r"^\s+(?:eth\d+(?: \([^)]+ in the OS\))?|detached) (eni-[0-9a-f]+)")
ADDRESS_LINE = re.compile(r"^\s+([0-9a-f.:/]+)\s+(?:primary|secondary|IPv6|IPv4 prefix|IPv6 pr)")
GHOST = re.compile(r"\[(?:removed|moved to )")  # where something was, drawn faintly
PUBLIC = re.compile(r"<- (?:Elastic IP (\S+) \((eipalloc-[0-9a-f]+)\)|public IPv4 (\S+))")


def text_bindings(text: str) -> tuple[set, set]:
    """(interface, address) and (public address, private address) pairs the text lists."""
    on_interface, public = set(), set()
    eni = None
    for line in text.splitlines():
        if found := INTERFACE_LINE.match(line):
            eni = found[1]
        elif (found := ADDRESS_LINE.match(line)) and not GHOST.search(line.split("<-")[0]):
            on_interface.add((eni, found[1]))
            if mapped := PUBLIC.search(line):
                public.add((mapped[2] or f"public-{mapped[3]}", found[1]))
    return on_interface, public


def picture_bindings(picture: Picture) -> tuple[set, set]:
    """The same pairs, read from where things are drawn and where the arrows point."""
    frames = picture.ids("network-interface")
    on_interface = set()
    for kind in ("private-ipv4", "ipv6", "prefix"):
        for node in picture.ids("node", kind) - picture.ids("removed"):
            on_interface.add((picture.enclosing(node, frames), node.split("-", 1)[1]))
    public = set()
    for edge in picture.ids("association") - picture.ids("removed"):
        source, target = edge.split("->")
        public.add((source, target.split("-", 1)[1]))
    return on_interface, public


def test_text_lists_the_same_bindings_as_the_picture(cloud, ec2, lab):
    text = diagram.to_text(cloud)
    on_interface, public = text_bindings(text)
    assert (on_interface, public) == picture_bindings(Picture(diagram.render_svg(cloud)))
    assert len(on_interface) == 10 and len(public) == 2
    assert "Elastic IPs allocated, not associated" in text
    assert lab["eips"][2] in text.split("Elastic IPs allocated, not associated")[1]


def test_text_marks_what_the_last_call_moved(cloud, ec2, lab, events):
    ip = lab["web_secondary"]
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["db_eth0"], PrivateIpAddresses=[ip],
                                    AllowReassignment=True)
    text = diagram.to_text(cloud, events[-1])
    on_interface, public = text_bindings(text)
    assert (lab["db_eth0"], ip) in on_interface and (lab["web_eth0"], ip) not in on_interface
    assert (lab["eips"][0], ip) in public
    moved = [line for line in text.splitlines() if line.strip().startswith(ip)]
    assert any("[moved]" in line for line in moved)
    assert any(f"[moved to {lab['db_eth0']}]" in line for line in moved)
    assert text.startswith("Last call (#")


def test_a_reset_and_its_undo_are_told_in_words(cloud, ec2, lab, events):
    cloud.reset()
    assert "the whole lab was replaced" in diagram.to_text(cloud, events[-1])
    assert diagram.to_text(cloud, events[-1]).startswith("Last call (#")
    cloud.undo()
    assert "cloud.undo()  (took back Reset)" in diagram.to_text(cloud, events[-1])


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A machine without Graphviz: nothing called ``dot`` on the PATH."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert diagram.dot_executable() is None


def test_without_dot_rendering_says_what_to_install(cloud, lab, no_dot):
    with pytest.raises(diagram.DotNotFound) as refused:
        diagram.render_svg(cloud)
    message = str(refused.value)
    for command in ("apt-get install graphviz", "brew install graphviz",
                    "conda install graphviz"):
        assert command in message


def test_without_dot_the_widget_shows_the_bindings_as_text(cloud, ec2, lab, no_dot):
    view = Diagram(cloud)
    try:
        assert view.svg == ""
        assert "apt-get install graphviz" in view.value and "<pre>" in view.value
        assert lab["web_secondary"] in view.value and lab["eips"][0] in view.value
        shown = view.static()["text/plain"]
        assert "brew install graphviz" in shown
        assert text_bindings(shown) == text_bindings(diagram.to_text(cloud))
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=lab["web_eth0"],
                                          PrivateIpAddresses=[lab["web_secondary"]])
        view.flush()
        assert (lab["web_eth0"], lab["web_secondary"]) not in text_bindings(view.text)[0]
    finally:
        view.close()
