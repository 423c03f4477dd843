"""The terminal panel keeps a scroll-back of commands and answers; the traffic panel shows a
probe's path and where it stopped."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

import widgets  # noqa: E402
from ec2sim import images  # noqa: E402


def test_the_terminal_runs_commands_into_its_scroll_back(lab):
    web = lab.launch(images.UBUNTU_24_04)
    terminal = widgets.Terminal(lab.cloud, instance_id=web)
    terminal.line.value = "hostname -I"  # what pressing Enter in the input line does
    assert terminal.line.value == ""
    terminal.run("nonsense")
    assert terminal.text == ("ubuntu@ip-10-0-1-10:~$ hostname -I\n10.0.1.10 \n"
                             "ubuntu@ip-10-0-1-10:~$ nonsense\nbash: nonsense: command not found")
    assert "command not found" in terminal.screen.value
    terminal.run("clear")
    assert terminal.text == ""


def test_the_terminal_on_windows_is_a_powershell_prompt(lab):
    win = lab.launch(images.WINDOWS_SERVER_2022)
    terminal = widgets.Terminal(lab.cloud, instance_id=win)
    terminal.run("ipconfig")
    assert terminal.text.startswith("PS C:\\Users\\Administrator> ipconfig\n")
    assert "Ethernet adapter Ethernet:" in terminal.text


def test_the_traffic_panel_shows_where_a_probe_stopped_and_why(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    public = lab.eip(lab.eth(web), "10.0.1.4")
    traffic = widgets.Traffic(lab.cloud)
    traffic.refresh()
    assert public in [value for _, value in traffic.destination.options]
    traffic.destination.value = public
    answer = traffic.send()
    assert answer.reason == "not-configured-in-os"
    assert "not-configured-in-os" in traffic.path.value and "✘" in traffic.path.value
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    assert traffic.send().reachable and "Reachable" in traffic.path.value


def test_the_console_has_both_as_tabs(lab):
    console = widgets.Console(lab.cloud)
    assert [p.tab_title for p in console.panels][-2:] == ["Terminal", "Traffic"]
    console.close()
