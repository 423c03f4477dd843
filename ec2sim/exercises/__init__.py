"""The tutorial's "check yourself" exercises: each checker looks at the learner's world and
lists every condition of the task with its state, so the learner sees what is done and what is
still missing (and why).

A checker reads the world through the EC2 API (the describe calls a learner would make), so it
judges what AWS would show, not which clicks or calls got there; where a task says *how*
("at launch", "picked by EC2", "before terminating") it also reads the lab's history of changes.
It answers with a :class:`Feedback`, which a notebook shows as a coloured box:

    >>> from ec2sim import exercises, scenarios
    >>> exercises.check_failover(scenarios.failover_pair()).state
    'not attempted'

A notebook starts an exercise with ``exercises.start(cloud, name)`` (its scenario, loaded in
place), and checks it with ``exercises.check_<name>(cloud)``. Hints and solutions are revealed
one click at a time by ``widgets.ExerciseHelp``; a solution shown (or ``%load``-ed) is
remembered, and the verdict says so. ``exercises.progress()`` lists every exercise of the course
as done / attempted / not started, from a small file each check writes (kept across restarts).
"""

from ec2sim.exercises import applied, basics
from ec2sim.exercises.core import (
    EXERCISES,
    NOT_ATTEMPTED,
    NOT_YET,
    PASSED,
    Condition,
    Exercise,
    Feedback,
    NotYet,
    World,
    forget_shown_solutions,
    show_solution,
    solution_shown,
    start,
)
from ec2sim.exercises.tracking import keep_in, progress

check_interface_groups = basics.check_interface_groups
check_secondary_addresses = basics.check_secondary_addresses
check_launched_with_secondaries = basics.check_launched_with_secondaries
check_eip_on_secondary = basics.check_eip_on_secondary
check_failover = basics.check_failover
check_ipv6_addresses = basics.check_ipv6_addresses
check_ipv6_moved = basics.check_ipv6_moved
check_prefixes = basics.check_prefixes
check_interface_moved = basics.check_interface_moved
check_three_sites = applied.check_three_sites
check_failover_repaired = applied.check_failover_repaired
check_appliance = applied.check_appliance
check_container_host = applied.check_container_host
check_retired = applied.check_retired
check_os_configured = applied.check_os_configured
check_policy_routing = applied.check_policy_routing
check_failover_lab = applied.check_failover_lab
check_tls_sites = applied.check_tls_sites
check_cli_failover = applied.check_cli_failover

__all__ = ["EXERCISES", "PASSED", "NOT_YET", "NOT_ATTEMPTED", "Condition", "Exercise",
           "Feedback", "NotYet", "World", "start", "show_solution", "solution_shown",
           "forget_shown_solutions", "progress", "keep_in",
           *(f"check_{name}" for name in EXERCISES)]
