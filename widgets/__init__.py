"""ipywidgets views over an ec2sim.Cloud: the console panels, the live diagram, the API log."""

from widgets.console import Console
from widgets.diagram import Diagram
from widgets.exercise import ExerciseHelp
from widgets.log import ApiLog
from widgets.panels import AddressesPanel, ElasticIpPanel, InterfacesPanel, LaunchPanel
from widgets.quiz import KnowledgeCheck, Quiz, predict
from widgets.terminal import Terminal
from widgets.traffic import Traffic

__all__ = ["Console", "Diagram", "ApiLog", "LaunchPanel", "InterfacesPanel", "AddressesPanel",
           "ElasticIpPanel", "Terminal", "Traffic", "ExerciseHelp",
           "Quiz", "KnowledgeCheck", "predict"]
