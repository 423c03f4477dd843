"""The picture of the network: instances, network interfaces, their addresses and Elastic IPs.

For now all of it is in :mod:`ec2sim.diagram.scene`; this package names what callers use.
"""

from ec2sim.diagram.scene import (
    FONTS,
    INSTALL_HINT,
    Address,
    DotNotFound,
    Instance,
    Interface,
    Public,
    Scene,
    Subnet,
    View,
    Vpc,
    build_scene,
    dot_environment,
    dot_executable,
    finish_dot,
    render_svg,
    run_dot,
    scene_dot,
    scene_text,
    start_dot,
    svg_of,
    to_dot,
    to_text,
    view_of,
)

__all__ = [
    "FONTS", "INSTALL_HINT", "Address", "DotNotFound", "Instance", "Interface", "Public", "Scene",
    "Subnet", "View", "Vpc", "build_scene", "dot_environment", "dot_executable", "finish_dot",
    "render_svg", "run_dot", "scene_dot", "scene_text", "start_dot", "svg_of", "to_dot",
    "to_text", "view_of",
]
