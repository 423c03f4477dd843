"""The picture of the network: instances, network interfaces, their addresses and Elastic IPs.

Picture the diagram just after ``assign_private_ip_addresses``: a VPC frame holding a subnet
frame, an instance in it, its eth0 with two address boxes (the new one outlined in vermillion
and marked "new") and an orange Elastic IP with an arrow to the primary; above it all, the call
itself. Getting there takes a step per module:

- :mod:`~ec2sim.diagram.scene` reads the world through the describe calls a learner makes and
  turns it into a :class:`Scene`: what is bound to what, and what the last call added, moved
  or removed (the call itself worded by :mod:`~ec2sim.diagram.caption`);
- :mod:`~ec2sim.diagram.text` writes a scene as indented plain text (:func:`to_text`), so a
  machine without Graphviz still shows the same bindings;
- :mod:`~ec2sim.diagram.dot` writes it as Graphviz DOT (:func:`to_dot`), and
  :mod:`~ec2sim.diagram.graphviz_run` has Graphviz's ``dot`` draw that as SVG
  (:func:`render_svg`).

Everything is sorted: the same world always gives the same picture. No Jupyter import here; the
live widget is in ``widgets``.
"""

from ec2sim.diagram.dot import scene_dot, to_dot
from ec2sim.diagram.graphviz_run import (
    FONTS,
    INSTALL_HINT,
    DotNotFound,
    dot_environment,
    dot_executable,
    finish_dot,
    render_svg,
    run_dot,
    start_dot,
    svg_of,
)
from ec2sim.diagram.scene import (
    Address,
    Instance,
    Interface,
    Public,
    Scene,
    Subnet,
    View,
    Vpc,
    build_scene,
    view_of,
)
from ec2sim.diagram.text import scene_text, to_text

__all__ = [
    "FONTS", "INSTALL_HINT", "Address", "DotNotFound", "Instance", "Interface", "Public", "Scene",
    "Subnet", "View", "Vpc", "build_scene", "dot_environment", "dot_executable", "finish_dot",
    "render_svg", "run_dot", "scene_dot", "scene_text", "start_dot", "svg_of", "to_dot",
    "to_text", "view_of",
]
