"""The scene as Graphviz DOT: frames inside frames, columns of address boxes, arrows from
public addresses.

A VPC is a blue frame; inside it a subnet is a sky-blue one; inside that each instance is a
column: its name, type and state on top, then a grey frame per network interface with a gauge
(■■□□□□ 2 of 6 IPv4: the instance type's limit) and a box per address: the primary filled
blue, secondaries outlined blue, IPv6 green, prefixes double-edged. Public addresses hang to
the right, orange for an Elastic IP and yellow for an auto-assigned one, each with an arrow to
the private IPv4 it reaches. What the last call did is outlined vermillion (new) or purple
(moved) with the word beside it; what it took away stays as a grey dashed ghost. A probe's path
is outlined bluish green, and where it stopped is vermillion with ✘ and the reason.

The DOT is written here directly (:class:`_Dot`), and a column drawn once is remembered, so a
change redraws only the column it touched. Turning DOT into SVG is
:mod:`ec2sim.diagram.graphviz_run`'s.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from html import escape
from itertools import groupby, pairwise
from typing import Any

import graphviz

from ec2sim.diagram.scene import (
    KIND_WORDS,
    MARK_WORD,
    OS_NOTE,
    Address,
    Dispatches,
    Instance,
    Interface,
    Public,
    Scene,
    Subnet,
    View,
    build_scene,
)
from ec2sim.events import Event

# Okabe & Ito's palette: the eight colours stay distinct for the common kinds of colour blindness.
BLUE, SKY, GREEN, ORANGE = "#0072B2", "#56B4E9", "#009E73", "#E69F00"
YELLOW, VERMILLION, PURPLE, INK = "#F0E442", "#D55E00", "#CC79A7", "#222222"
GHOST = "#9A9A9A"
SANS = "Helvetica,Arial,sans-serif"
MONO = "Menlo,Consolas,DejaVu Sans Mono,monospace"

MARK_COLOUR = {"added": VERMILLION, "moved": PURPLE, "removed": GHOST}


class _Dot:
    """A small, fast writer of DOT statements.

    The graphviz package quotes every attribute through regular expressions, which on a large
    scene cost a third of what ``dot`` itself needs; our names and values are known, so they
    are quoted here directly and handed to a :class:`graphviz.Digraph` as its body.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.root: list[str] = []  # statements that must stand outside every cluster

    @staticmethod
    def quote(value: Any) -> str:
        text = value if isinstance(value, str) else str(value)
        if text[:1] == "<" and text[-1:] == ">":
            return text  # an HTML-like label, already escaped
        if '"' in text or "\\" in text:
            text = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    def attrs(self, attrs: dict[str, Any]) -> str:
        quote = self.quote
        return " ".join([f"{k}={quote(v)}" for k, v in attrs.items()])

    def node(self, name: str, **attrs: Any) -> None:
        attrs.setdefault("id", name)
        self.lines.append(f"{self.quote(name)} [{self.attrs(attrs)}]")

    def edge(self, tail: str, head: str, **attrs: Any) -> None:
        self.lines.append(f"{self.quote(tail)} -> {self.quote(head)} [{self.attrs(attrs)}]")

    def invisible(self, tail: str, head: str, weight: int = 1, minlen: int = 1,
                  root: bool = False) -> None:
        """A layout-only edge: keeps boxes stacked and columns in order. Naming a node inside
        a cluster puts it there, so an edge between frames goes at the root (``root``)."""
        extra = f" minlen={minlen}" if minlen != 1 else ""
        (self.root if root else self.lines).append(
            f"{self.quote(tail)} -> {self.quote(head)} [style=invis weight={weight}{extra}]")

    def stack(self, order: Sequence[str], weight: int = 20) -> None:
        for upper, lower in pairwise(order):
            self.invisible(upper, lower, weight)

    @contextmanager
    def cluster(self, name: str, **attrs: Any) -> Iterator[None]:
        attrs.setdefault("id", name)
        self.lines.append(f"subgraph {self.quote('cluster_' + name)} {{")
        self.lines.append("graph [" + self.attrs(attrs) + "]")
        yield
        self.lines.append("}")

    @contextmanager
    def same_rank(self) -> Iterator[None]:
        self.lines.append("{rank=same;")
        yield
        self.lines.append("}")


def _h(text: Any) -> str:
    return escape(str(text), quote=True)


def _small(text: str, colour: str = "#555555", size: int = 10) -> str:
    if not text:
        return ""  # Graphviz refuses an empty <FONT>
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{_h(text)}</FONT>'


BADGE_COLOUR = {"added": "#A63F00", "moved": "#8E3B6E", "removed": "#7A7A7A"}  # darker, legible


def _badge(mark: str | None, word: str = "") -> str:
    """The word that says what the last call did to a thing (colour alone is not enough)."""
    if not mark:
        return ""
    word = word or MARK_WORD[mark]
    return f'  <FONT POINT-SIZE="10" COLOR="{BADGE_COLOUR[mark]}"><B>{_h(word)}</B></FONT>'


def _classes(base: str, mark: str | None) -> str:
    return f"{base} {mark}" if mark else base


STOP_INK = "#A63F00"  # the darker vermillion of the badges: legible as text


def _on_probe(probe: str, css: str, attrs: dict) -> tuple[str, dict]:
    """A thing on a probe's path: class ``probe-path``, a thick bluish-green outline; where it
    stopped: ``probe-stop``, a thicker vermillion one (with the ✘ reason of :func:`_stop`)."""
    if not probe:
        return css, attrs
    if probe == "path":
        return f"{css} probe-path", {**attrs, "color": GREEN, "penwidth": 4}
    return f"{css} probe-stop", {**attrs, "color": VERMILLION, "penwidth": 5}


def _stop(probe: str) -> str:
    """'✘ security-group' where a probe stopped, as HTML-like label text ('' elsewhere)."""
    if not probe or probe == "path":
        return ""
    return f'<FONT FACE="{SANS}" POINT-SIZE="12" COLOR="{STOP_INK}"><B>✘ {_h(probe)}</B></FONT>'


def _stop_line(probe: str) -> str:
    """The ✘ reason as one more left-aligned line of a frame's label ('' elsewhere)."""
    return f'{_stop(probe)}<BR ALIGN="LEFT"/>' if _stop(probe) else ""


def _frame(mark: str | None, colour: str, fill: str, width: float = 1.0) -> dict:
    """Cluster attributes: the frame's own colour, or the highlight of the last change."""
    attrs = {"color": colour, "fillcolor": fill, "penwidth": width, "style": "rounded,filled"}
    if mark == "removed":
        attrs.update(color=GHOST, style="rounded,dashed", fontcolor=GHOST)
    elif mark:
        attrs.update(color=MARK_COLOUR[mark], penwidth=3)
    return attrs


ADDRESS_STYLE = {
    "primary": {"fillcolor": BLUE, "color": BLUE, "fontcolor": "white"},
    "secondary": {"fillcolor": "white", "color": BLUE, "fontcolor": INK},
    "private": {"fillcolor": "white", "color": BLUE, "fontcolor": INK},
    "ipv6": {"fillcolor": "white", "color": GREEN, "fontcolor": INK},
    "ipv4-prefix": {"fillcolor": "#DDEEF8", "color": BLUE, "fontcolor": INK, "peripheries": 2},
    "ipv6-prefix": {"fillcolor": "#DDF2EA", "color": GREEN, "fontcolor": INK, "peripheries": 2},
    "placeholder": {"fillcolor": "white", "color": GHOST, "fontcolor": GHOST},
}
ADDRESS_CLASS = {"primary": "private-ipv4 primary", "secondary": "private-ipv4 secondary",
                 "private": "private-ipv4",
                 "ipv6": "ipv6", "ipv4-prefix": "ipv4-prefix prefix",
                 "ipv6-prefix": "ipv6-prefix prefix", "placeholder": "placeholder"}
ADDRESS_NOTE = {"primary": "primary", "ipv4-prefix": "/28 prefix", "ipv6-prefix": "/80 prefix"}
PUBLIC_STYLE = {"elastic-ip": (ORANGE, "Elastic IP"), "public-ipv4": (YELLOW, "public IPv4")}
CHAR = 0.092  # inches per character of the 11 pt monospaced font (DejaVu Sans Mono is widest)
MAX_ROW_WIDTH = 13.0  # inches: wider rows of instances wrap, so the picture fits a screen


def _address_node(dot: _Dot, address: Address, width: float) -> None:
    style = dict(ADDRESS_STYLE[address.kind])
    note = ADDRESS_NOTE.get(address.kind, "")
    note_colour = "white" if address.kind == "primary" else "#555555"
    if address.mark == "removed":
        style.update(fillcolor="white", color=GHOST, fontcolor=GHOST, style="rounded,dashed")
        note, note_colour = address.note or "removed", GHOST
        if address.kind == "placeholder":
            note = ""
    elif address.mark:
        style.update(color=MARK_COLOUR[address.mark], penwidth=3)
    if address.unconfigured and address.mark != "removed":
        style["style"] = "rounded,filled,dashed"
        note, note_colour = OS_NOTE, VERMILLION if address.kind != "primary" else "white"
    value = _h(address.value)
    if address.kind == "primary" and address.mark != "removed":
        value = f"<B>{value}</B>"
    label = value + (f"  {_small(note, note_colour, 9)}" if note else "") + _badge(
        address.mark if address.mark != "removed" else None)
    css = ADDRESS_CLASS[address.kind] + (" unconfigured" if address.unconfigured else "")
    css, style = _on_probe(address.probe, _classes(css, address.mark), style)
    if _stop(address.probe):
        label += f"<BR/>{_stop(address.probe)}"
    dot.node(address.id, label=f"<{label}>", width=f"{width:.2f}",
             tooltip=f"{KIND_WORDS[address.kind]} {address.value}",
             **{"class": css}, **style)


def _address_width(addresses: Sequence[Address]) -> float:
    """The width (inches) an interface's address boxes need, so a column of them lines up."""
    def inches(address: Address) -> float:
        note = ADDRESS_NOTE.get(address.kind, "") if address.mark != "removed" else address.note
        note = OS_NOTE if address.unconfigured else note
        badge = len(MARK_WORD[address.mark]) + 2 if address.mark in ("added", "moved") else 0
        return len(address.value) * CHAR + (len(note) + 2) * 0.07 * bool(note) + badge * 0.08

    return round(max((inches(a) for a in addresses), default=1.0) + 0.3, 2)


def _public_sub(public: Public) -> str:
    word = PUBLIC_STYLE[public.kind][1]
    return f"{word} {public.allocation_id or 'auto-assigned'}"


def _public_width(publics: Iterable[Public]) -> float:
    """A common width (inches) for the public-address boxes of one column (0: there are none)."""
    def inches(public: Public) -> float:
        badge = len(MARK_WORD[public.mark]) + 2 if public.mark else 0
        top = len(public.public_ip or "?") * (CHAR + 0.01) + badge * 0.11
        detail = public.allocation_id or "auto-assigned public IPv4"
        return max(top, len(detail) * 0.077, len(public.note) * 0.07)

    widths = [inches(p) for p in publics]
    return round(max(widths) + 0.25, 2) if widths else 0.0


def _public_node(dot: _Dot, public: Public, width: float = 0.0) -> None:
    attrs: dict[str, Any] = {"fillcolor": PUBLIC_STYLE[public.kind][0], "color": "#8A5A00",
                             "fontcolor": INK}
    if public.mark == "removed":
        attrs.update(fillcolor="white", color=GHOST, fontcolor=GHOST, style="rounded,dashed")
    elif public.mark:
        attrs.update(color=MARK_COLOUR[public.mark], penwidth=3)
    if width:
        attrs["width"] = f"{width:.2f}"
    colour = GHOST if public.mark == "removed" else "#333333"
    detail = public.allocation_id or "auto-assigned public IPv4"
    badge = _badge(public.mark) if public.mark != "removed" else ""
    note = f"<BR/>{_small(public.note, GHOST, 9)}" if public.note else ""
    stop = f"<BR/>{_stop(public.probe)}" if _stop(public.probe) else ""
    label = (f"<<B>{_h(public.public_ip or '?')}</B>{badge}<BR/>{_small(detail, colour, 9)}"
             f"{note}{stop}>")
    css, attrs = _on_probe(public.probe, _classes(f"public {public.kind}", public.mark), attrs)
    dot.node(public.id, label=label, margin="0.08,0.01",
             tooltip=f"{_public_sub(public)} {public.public_ip}", **{"class": css}, **attrs)


def _public_edge(dot: _Dot, public: Public, address_id: str) -> None:
    """The arrow from a public address to the private IPv4 address it is translated to."""
    colour = GHOST if public.mark == "removed" else (
        "#8A5A00" if public.kind == "elastic-ip" else "#6B6100")
    attrs: dict[str, Any] = {"color": colour, "penwidth": 1.6, "arrowsize": 0.8}
    if public.mark == "removed":
        attrs["style"] = "dashed"
    elif public.mark:
        attrs.update(color=MARK_COLOUR[public.mark], penwidth=2.6)
    css = _classes(f"association {public.kind}", public.mark)
    if public.probe == "path":  # the probe came in by this translation
        css, attrs = f"{css} probe-path", {**attrs, "color": GREEN, "penwidth": 3.5}
    # Drawn from the public address to the private one; laid out by an invisible edge the
    # other way, so the public addresses hang to the right of the column of private ones.
    dot.invisible(address_id, public.id, weight=1, minlen=2)
    dot.edge(public.id, address_id, id=f"{public.id}->{address_id}", constraint="false",
             tailport="w", headport="e", **{"class": css}, **attrs)


def _heading(dot: _Dot, node_id: str, lines: list[str], width: float, css: str) -> str:
    """A heading (a few left-aligned lines of text) spanning the column of address boxes."""
    rows = "".join(f'<TR><TD ALIGN="LEFT">{line}</TD></TR>' for line in lines)
    label = (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
             f'<TR><TD WIDTH="{int(width * 72)}" HEIGHT="0" FIXEDSIZE="FALSE"></TD></TR>'
             f"{rows}</TABLE>>")
    dot.node(node_id, label=label, shape="plain", style="", **{"class": css})
    return node_id


def _pad(dot: _Dot, node_id: str, width: float = 0.2) -> str:
    """An invisible node: keeps frames of one grid row equally tall (and wide), so they line up."""
    dot.node(node_id, label="", style="invis", width=f"{width:.2f}", **{"class": "pad"})
    return node_id


GAUGE_ROW = 10  # squares a line: a type with 50 addresses per interface draws five lines


def _gauge(family: str, used: int, limit: int) -> list[str]:
    """'■■■□□□ 3 of 6 IPv4': a square for each address the instance type allows on the
    interface (ten a line), filled for each one used."""
    filled = min(used, limit)
    colour = VERMILLION if used > limit else (BLUE if family == "IPv4" else GREEN)
    squares = ["■"] * filled + ["□"] * (limit - filled)
    lines = []
    for start in range(0, len(squares), GAUGE_ROW):
        line = squares[start:start + GAUGE_ROW]
        runs = [(mark, sum(1 for _ in group)) for mark, group in groupby(line)]
        bar = "".join(f'<FONT COLOR="{colour if mark == "■" else "#999999"}">{mark * count}'
                      "</FONT>" for mark, count in runs)  # never an empty <FONT>: Graphviz refuses
        lines.append(f'<FONT FACE="{MONO}" POINT-SIZE="10">{bar}</FONT>')
    text = _small(f"  {used} of {limit} {family}", INK)
    if not lines:
        return [text]
    lines[0] += text
    return lines


def _mono(text: str, size: int = 10, colour: str = INK) -> str:
    if not text:
        return ""
    return f'<FONT FACE="{MONO}" POINT-SIZE="{size}" COLOR="{colour}">{_h(text)}</FONT>'


def _interface_heading(eni: Interface) -> tuple[list[str], float]:
    """The lines above an interface's addresses, and the width (inches) they need."""
    colour = GHOST if eni.mark == "removed" else INK
    badge = _badge(eni.mark, eni.note if eni.mark == "removed" else "")
    lines = [f'<FONT COLOR="{colour}" POINT-SIZE="12"><B>{_h(eni.name)}</B></FONT>  '
             f'{_mono(eni.id.removeprefix("ghost-"), 11, colour)}{badge}']
    widths = [0.1 * (len(eni.name) + 2) + CHAR * len(eni.id) + 0.09 * len(MARK_WORD.get(
        eni.mark or "", ""))]
    for detail in (eni.subnet_id, ", ".join(eni.groups),
                   eni.note if eni.mark != "removed" else ""):
        if detail:
            lines.append(_mono(detail, 10, colour))
            widths.append(0.084 * len(detail))
    for gauge in eni.gauges():
        lines += _gauge(*gauge)
        widths.append(1.6)
    if eni.device_index is None and eni.mark != "removed":
        hint = "limits: from the instance type, once attached"
        lines.append(_small(hint, "#555555", 10))
        widths.append(0.07 * len(hint))
    return lines, max(widths) + 0.1


def _rows(eni: Interface) -> int:
    """How many address rows an interface needs."""
    drawn = {a.id for a in eni.addresses}
    return len(eni.addresses) + sum(1 for p in eni.publics if p.target not in drawn)


def _draw_interface(dot: _Dot, eni: Interface, width: float, rows: int,
                    public_width: float) -> list[str]:
    """One interface: a frame with its heading (with the limit gauge) and address boxes,
    ``rows`` tall, public addresses to their left. Returns the node ids top to bottom."""
    css, frame = _on_probe(eni.probe, _classes("network-interface", eni.mark),
                           _frame(eni.mark, "#444444", "#FAFAFA"))
    label = f"<{_stop(eni.probe)}>" if _stop(eni.probe) else ""
    with dot.cluster(eni.id, label=label, margin=6, **{"class": css}, **frame):
        order = [_heading(dot, f"{eni.id}:head", _interface_heading(eni)[0], width,
                          "heading")]
        if public_width:  # as wide as the neighbouring frames that show public addresses
            with dot.same_rank():
                spacer = _pad(dot, f"{eni.id}:spacer", public_width)
                dot.invisible(order[0], spacer, minlen=2)
        publics: dict[str, list[Public]] = {}
        for public in eni.publics:
            publics.setdefault(public.target, []).append(public)
        for address in eni.addresses:
            _address_node(dot, address, width)
            order.append(address.id)
            for public in publics.pop(address.id, []):
                with dot.same_rank():
                    _public_node(dot, public, public_width)
                    _public_edge(dot, public, address.id)
        for leftover in publics.values():  # a public address whose private one is not drawn
            for public in leftover:
                _public_node(dot, public, public_width)
                order.append(public.id)
        while len(order) < 1 + rows:
            order.append(_pad(dot, f"{eni.id}:pad-{len(order)}"))
    return order


@dataclass
class _Column:
    """One framed column of a subnet's grid: an instance, or the subnet's detached interfaces."""

    id: str
    css: str
    heading: list[str]
    heading_width: float
    interfaces: list[Interface]
    frame: dict
    label: str = ""  # the frame's own label: only where a probe stopped

    @cached_property
    def widths(self) -> tuple[float, float]:
        """(address column, public column) widths in inches."""
        address = max([_address_width(e.addresses) for e in self.interfaces]
                      + [_interface_heading(e)[1] for e in self.interfaces]
                      + [self.heading_width, 2.2])
        public = _public_width(p for e in self.interfaces for p in e.publics)
        return round(address, 2), public


def _instance_column(instance: Instance) -> _Column:
    colour = GHOST if instance.mark == "removed" else INK
    name = f"<B>{_h(instance.name)}</B>  " if instance.name else ""
    badge = _badge(instance.mark, "changed" if instance.mark == "moved" else "")
    head = (f'<FONT COLOR="{colour}" POINT-SIZE="13">{name}</FONT>' if name else "") + (
        f'{_mono(instance.id, 12, colour)}{badge}')
    state_colour = {"running": GREEN, "stopped": VERMILLION}.get(instance.state, "#555555")
    info = (f'{_small(instance.instance_type + " · ", colour, 11)}'
            f'<FONT POINT-SIZE="11" COLOR="{state_colour}"><B>{_h(instance.state)}</B>'
            f'</FONT>{_small(" · " + instance.zone, colour, 11)}')
    width = 0.11 * len(instance.name) + 0.1 * len(instance.id) + 0.3 + 0.7 * bool(instance.mark)
    css, frame = _on_probe(instance.probe, _classes("instance", instance.mark),
                           _frame(instance.mark, INK, "white", 1.4))
    stop = f"<{_stop(instance.probe)}>" if _stop(instance.probe) else ""
    return _Column(instance.id, css, [head, info], width, instance.interfaces, frame, stop)


def _available_column(subnet: Subnet) -> _Column:
    return _Column(f"available-{subnet.id}", "available-interfaces",
                   ['<FONT POINT-SIZE="14"><B>available</B></FONT>  <FONT POINT-SIZE="11">'
                    'network interfaces</FONT>',
                    _small("detached: their addresses stay on them", "#444444", 10)], 2.8,
                   subnet.available, {"style": "rounded,dashed", "color": "#777777",
                                      "fillcolor": "none", "penwidth": 1.4})


_DRAWN: OrderedDict[str, tuple[tuple[str, ...], tuple[str, ...]]] = OrderedDict()
_DRAWN_LOCK = threading.Lock()
DRAWN_KEPT = 4096  # columns remembered: a change redraws one, the others are copied


def _draw_column(dot: _Dot, column: _Column, slots: list[int]) -> list[str]:
    """A column, as drawn before when nothing in it changed (its DOT is the same text)."""
    key = repr((column, slots))  # every field of the column and of what it holds
    with _DRAWN_LOCK:
        known = _DRAWN.get(key)
        if known is not None:
            _DRAWN.move_to_end(key)
    if known is not None:
        dot.lines.extend(known[0])
        return list(known[1])
    start = len(dot.lines)
    order = _draw_column_afresh(dot, column, slots)
    with _DRAWN_LOCK:
        _DRAWN[key] = (tuple(dot.lines[start:]), tuple(order))
        if len(_DRAWN) > DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    return order


def _draw_column_afresh(dot: _Dot, column: _Column, slots: list[int]) -> list[str]:
    """A column: heading, then one interface per slot (padded to the slot's height)."""
    width, public_width = column.widths
    with dot.cluster(column.id, label=column.label, margin=8, **{"class": column.css},
                     **column.frame):
        order = [_heading(dot, f"{column.id}:head", column.heading, width, "heading")]
        for index, rows in enumerate(slots):
            if index < len(column.interfaces):
                order += _draw_interface(dot, column.interfaces[index], width, rows,
                                         public_width)
            else:
                order += [_pad(dot, f"{column.id}:pad-{index}-{n}") for n in range(1 + rows)]
        dot.stack(order)
    return order


def _grid_rows(columns: list[_Column]) -> list[list[_Column]]:
    """Wrap columns into rows no wider than MAX_ROW_WIDTH (at least one column a row)."""
    rows: list[list[_Column]] = []
    used = 0.0
    for column in columns:
        address, public = column.widths
        width = address + public + (0.45 if public else 0) + 0.6
        if rows and used + width <= MAX_ROW_WIDTH:
            rows[-1].append(column)
            used += width
        else:
            rows.append([column])
            used = width
    return rows


def _draw_subnet(dot: _Dot, subnet: Subnet) -> list[str]:
    """A subnet frame with its instances in a grid, rows aligned; returns its node ids."""
    ipv6 = "".join(f"   {_h(c)}" for c in subnet.ipv6_cidrs)
    free = f" · {subnet.free} IPv4 addresses free" if subnet.free is not None else ""
    name = f"{_h(subnet.name)}  " if subnet.name else ""
    label = (f'<<B>{name}subnet</B> <FONT FACE="{MONO}">{_h(subnet.id)}</FONT>'
             f'{_badge(subnet.mark)}<BR ALIGN="LEFT"/><FONT FACE="{MONO}">{_h(subnet.cidr)}'
             f'{ipv6}</FONT><BR ALIGN="LEFT"/>{_small(subnet.zone + free, "#444444", 11)}'
             f'<BR ALIGN="LEFT"/>{_stop_line(subnet.probe)}>')
    columns = [_instance_column(i) for i in subnet.instances]
    if subnet.available:
        columns.append(_available_column(subnet))
    order: list[str] = []
    css, frame = _on_probe(subnet.probe, _classes("subnet", subnet.mark),
                           _frame(subnet.mark, SKY, "#EEF6FC", 1.4))
    with dot.cluster(subnet.id, label=label, labeljust="l", margin=12, **{"class": css},
                     **frame):
        if not columns:
            node = f"empty-{subnet.id}"
            dot.node(node, label="no instances yet", fontcolor="#777777", color="#BBBBBB",
                     style="dashed", fontname=SANS, **{"class": "placeholder"})
            return [node]
        above: list[list[str]] = []
        for number, row in enumerate(_grid_rows(columns)):
            slots = [max((_rows(c.interfaces[k]) for c in row if k < len(c.interfaces)),
                         default=1) for k in range(max(len(c.interfaces) for c in row))]
            drawn = [_draw_column(dot, column, slots) for column in row]
            # An invisible anchor whose edges, kept in order, put the columns left to right.
            anchor = f"{subnet.id}:row-{number}"
            dot.node(anchor, label="", style="invis", width="0.01", height="0.01",
                     ordering="out", **{"class": "pad"})
            for upper in above:
                dot.invisible(upper[-1], anchor)
            for column in drawn:
                dot.invisible(anchor, column[0])
            above = drawn
            order += [anchor, *(n for column in drawn for n in column)]
    return order


ARROW_NOTE = "private ← public: the arrow goes from a public address to the private IPv4 it reaches"


def _legend_label(probe: bool = False) -> str:
    def swatch(fill: str, border: str, text: str, dashed: bool = False) -> str:
        style = ' STYLE="DASHED"' if dashed else ""
        return (f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="2"{style} WIDTH="16" '
                f'HEIGHT="12" FIXEDSIZE="TRUE"></TD>'
                f'<TD ALIGN="LEFT">{_small(text, INK, 10)}</TD>')

    entries = [
        swatch("#F7FAFD", BLUE, "VPC"), swatch("#EEF6FC", SKY, "subnet"),
        swatch("white", INK, "instance"), swatch("#FAFAFA", "#444444", "network interface"),
        swatch(BLUE, BLUE, "primary private IPv4"), swatch("white", BLUE, "secondary IPv4"),
        swatch("white", GREEN, "IPv6"), swatch("#DDEEF8", BLUE, "IPv4 /28 prefix"),
        swatch("#DDF2EA", GREEN, "IPv6 /80 prefix"), swatch(ORANGE, "#8A5A00", "Elastic IP"),
        swatch(YELLOW, "#8A5A00", "auto-assigned public IPv4"),
        swatch("white", VERMILLION, "new (last call)"),
        swatch("white", PURPLE, "moved or changed"), swatch("white", GHOST, "removed", True),
        swatch("white", BLUE, OS_NOTE, True),
    ]
    if probe:  # only while a probe is drawn: the picture without one stays as it was
        entries += [swatch("white", GREEN, "the probe's path"),
                    swatch("white", VERMILLION, "✘ where the probe stopped")]
    per_row = 5  # a grid: the columns line up
    rows = [entries[i:i + per_row] for i in range(0, len(entries), per_row)]
    rows.append([f'<TD COLSPAN="{2 * per_row}" ALIGN="LEFT">{_small(ARROW_NOTE, INK, 10)}</TD>'])
    body = "".join("<TR>" + "".join(r) + "</TR>" for r in rows)
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
            f"{body}</TABLE>")


def _graph_label(scene: Scene) -> str:
    rows = []
    for index, line in enumerate(scene.caption):
        if index < scene.call_lines:
            text = f'<FONT FACE="{MONO}" POINT-SIZE="13"><B>{_h(line)}</B></FONT>'
        else:
            text = _small(line, "#444444", 11)
        rows.append(f'<TR><TD ALIGN="LEFT">{text}</TD></TR>')
    if scene.probe:
        colour = STOP_INK if " stopped at " in scene.probe else "#006B4F"
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="13" COLOR="{colour}"><B>'
                    f'{_h(scene.probe)}</B></FONT></TD></TR>')
    if scene.focus:
        rows.append(f'<TR><TD ALIGN="LEFT">{_small(f"Focus: {scene.focus}", INK, 11)}</TD></TR>')
    if not rows:
        return ""
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows) + "</TABLE>>")


GRAPH_ATTRS = {"rankdir": "TB", "fontname": SANS, "fontsize": 13, "nodesep": 0.22,
               "ranksep": 0.14, "pad": 0.25, "bgcolor": "white", "labelloc": "t",
               "labeljust": "l", "id": "ec2-diagram", "class": "ec2-diagram"}
NODE_ATTRS = {"shape": "box", "style": "rounded,filled", "fontname": MONO, "fontsize": 11,
              "height": 0.32, "margin": "0.1,0.03"}


def scene_dot(scene: Scene, legend: bool = True) -> graphviz.Digraph:
    """Draw a scene as a Graphviz graph: VPC, subnet and instance frames, top to bottom."""
    dot = _Dot()
    label = dot.quote(_graph_label(scene) or "")
    dot.lines.append(f"graph [{dot.attrs(GRAPH_ATTRS)} label={label}]")
    dot.lines.append(f"node [{dot.attrs(NODE_ATTRS)}]")
    previous: list[str] = []  # frames stack top to bottom: each below the one before
    if legend:
        dot.node("legend", label=f"<{_legend_label(bool(scene.probe))}>", shape="plain",
                 style="", fontname=SANS, **{"class": "legend"})
        previous = ["legend"]

    def below(first: str, nodes: list[str]) -> list[str]:
        if previous:
            dot.invisible(previous[-1], first, root=True)
        return nodes

    for vpc in scene.vpcs:
        ipv6 = "".join(f"   {_h(c)}" for c in vpc.ipv6_cidrs)
        name = f"{_h(vpc.name)}  " if vpc.name else ""
        kind = "default VPC" if vpc.default else "VPC"
        label = (f'<<B>{name}{kind}</B> <FONT FACE="{MONO}">{_h(vpc.id)}</FONT>'
                 f'{_badge(vpc.mark)}<BR ALIGN="LEFT"/><FONT FACE="{MONO}">'
                 f'{_h(", ".join(vpc.cidrs))}{ipv6}</FONT><BR ALIGN="LEFT"/>'
                 f'{_stop_line(vpc.probe)}>')
        css, frame = _on_probe(vpc.probe, _classes("vpc", vpc.mark),
                               _frame(vpc.mark, BLUE, "#F7FAFD", 2))
        with dot.cluster(vpc.id, label=label, labeljust="l", margin=14, fontsize=14,
                         **{"class": css}, **frame):
            for subnet in vpc.subnets:
                nodes = _draw_subnet(dot, subnet)
                previous = below(nodes[0], nodes)
            if not vpc.subnets:
                node = f"empty-{vpc.id}"
                dot.node(node, label="no subnets yet", fontcolor="#777777", color="#BBBBBB",
                         style="dashed", fontname=SANS, **{"class": "placeholder"})
                previous = below(node, [node])
    if scene.unassociated:
        with dot.cluster("unassociated-eips", label=f'<<B>Elastic IPs</B> '
                         f'{_small("allocated, not associated")}>', style="rounded,dashed",
                         color=ORANGE, labeljust="l", margin=10, **{"class": "unassociated"}):
            for public in scene.unassociated:
                _public_node(dot, public, _public_width([public]))
                below(public.id, [])
        previous = [scene.unassociated[0].id]
    if scene.removed:
        with dot.cluster("removed-items",
                         label=f"<{_small('removed by the last call', GHOST, 11)}>",
                         style="rounded,dashed", color=GHOST, labeljust="l",
                         **{"class": "removed-items"}):
            for kind, key in scene.removed:
                node = f"ghost-{key}"
                dot.node(node, label=f"<{_h(key)}<BR/>{_small(kind + ' · removed', GHOST, 9)}>",
                         color=GHOST, fontcolor=GHOST, fillcolor="white", style="rounded,dashed",
                         **{"class": f"{kind} removed"})
                below(node, [])
    if not scene.vpcs and not scene.unassociated and not scene.removed:
        dot.node("empty", label="Nothing yet: create a VPC and a subnet to begin.",
                 fontname=SANS, color="#BBBBBB", style="dashed", **{"class": "placeholder"})
    return graphviz.Digraph("ec2", body=[line + "\n" for line in dot.lines + dot.root])


def to_dot(source: View | Dispatches, last_event: Event | None = None,
           focus: str | None = None, previous: View | None = None,
           legend: bool = True, probe: Any = None) -> graphviz.Digraph:
    """The world (a Cloud or a View) as a Graphviz graph, marking what ``last_event`` did (and
    the path of ``probe``, a ``reachability.Probe``, when given)."""
    return scene_dot(build_scene(source, last_event, focus, previous, probe), legend)
