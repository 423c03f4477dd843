"""The question bank: per notebook, predict-then-run questions (asked before a "what EC2
refuses" demo) and a 3–5 question knowledge check for its end. Pure data; every wrong choice
says which misconception it comes from."""

from __future__ import annotations

from widgets.quiz import Choice, Question


def q(prompt: str, *choices: tuple[str, bool, str]) -> Question:
    return Question(prompt, tuple(Choice(*c) for c in choices))


PREDICT: dict[str, list[Question]] = {
    "00": [q("One call asks for two secondary addresses, 10.0.1.20 and 10.0.1.1 (which AWS "
             "reserves in every subnet). What happens?",
             ("10.0.1.20 is assigned, 10.0.1.1 is refused", False,
              "a request is applied piece by piece; in fact EC2 refuses the whole request and "
              "changes nothing"),
             ("The whole call is refused and nothing changes", True,
              "a multi-address request is all or nothing."),
             ("EC2 picks a free address instead of the reserved one", False,
              "EC2 replaces what you named; it only picks addresses when you give a count"))],
    "01": [q("web-1's eth1 is in another security group than eth0. Which rules apply to a "
             "secondary address on eth1?",
             ("eth1's groups", True, "security groups belong to the interface, and every "
              "address on it shares them."),
             ("eth0's groups, because they are the instance's", False,
              "groups belong to the instance; they belong to each interface"),
             ("No group until you attach one to the address", False,
              "an address can have its own group; it never can"))],
    "02": [q("You ask for 10.0.2.5 as a secondary address of an interface in the subnet "
             "10.0.1.0/24. What does EC2 answer?",
             ("It assigns it: any private address is allowed", False,
              "addresses are free-form; a secondary IPv4 must come from the subnet's block"),
             ("It refuses the call, naming the address", True,
              "the address must lie in the interface's subnet."),
             ("It assigns it but the OS ignores it", False,
              "EC2 only checks later; the check is made when you call"))],
    "02b": [q("web-2's eth0 holds the secondary address 10.0.1.25. web-1 asks for 10.0.1.25 "
              "without AllowReassignment. What does EC2 answer?",
              ("It moves 10.0.1.25 to web-1", False,
               "an address goes to whoever asks last; without AllowReassignment EC2 refuses an "
               "address in use"),
              ("It refuses: the address is in use", True,
               "moving it must be asked for, with AllowReassignment=True."),
              ("Both interfaces hold it", False,
               "an address can be shared; each private address is on one interface only"))],
    "03": [q("web-1 has two interfaces. You associate an Elastic IP naming only InstanceId=web-1. "
             "What happens?",
             ("It goes to eth0's primary address", False,
              "EC2 falls back to eth0; with several interfaces it refuses and wants the "
              "interface named"),
             ("It is refused: name the network interface", True,
              "InstanceId alone only works with a single interface."),
             ("It goes to every interface's primary address", False,
              "one Elastic IP can serve several addresses; it maps to one private address"))],
    "03b": [q("An Elastic IP is on 10.0.1.20, and you unassign 10.0.1.20 from the interface. "
              "What happens to the Elastic IP?",
              ("The call is refused until you disassociate it", False,
               "an associated address is locked; EC2 disassociates it for you"),
              ("It stays allocated and is disassociated", True,
               "it stays yours, mapped to nothing."),
              ("It is released back to AWS", False,
               "unassigning releases the Elastic IP; only release_address gives it up"))],
    "04": [q("web-2 asks for an IPv6 address that web-1's interface already has. What happens?",
             ("It moves to web-2, as AllowReassignment allows", False,
              "IPv6 moves like secondary IPv4; there is no reassignment for IPv6: unassign it "
              "first"),
             ("The request is refused: the address is in use", True,
              "IPv6 addresses cannot be reassigned; free it first."),
             ("Both interfaces share it", False,
              "an address can be on two interfaces; each address is on one interface only"))],
    "05": [q("You ask for the /28 prefix 10.0.1.72/28. What does EC2 answer?",
             ("It is assigned: it is inside the subnet", False,
              "any block inside the subnet will do; a /28 must start at a multiple of 16"),
             ("It is refused: the prefix is not aligned", True,
              "72 is not a multiple of 16, so 10.0.1.72/28 is not a valid /28."),
             ("EC2 rounds it to 10.0.1.64/28", False,
              "EC2 corrects what you name; it refuses instead"))],
    "06": [q("You try to detach web-1's eth0 (device index 0). What happens?",
             ("It detaches, and web-1 keeps running without it", False,
              "every interface can move; the primary interface stays with its instance for "
              "life"),
             ("It is refused: the primary interface cannot be detached", True,
              "move its secondary addresses or Elastic IP instead."),
             ("It detaches only when web-1 is stopped", False,
              "stopping frees eth0; even a stopped instance keeps its primary interface"))],
    "08": [q("As the ordinary user, you type ip addr add 10.0.1.20/24 dev ens5 in web-1's "
             "Ubuntu shell. What does Linux answer?",
             ("Nothing: the address is added", False,
              "any user may change the network; adding an address needs root: sudo"),
             ("Operation not permitted", True,
              "changing the network needs root; the same command with sudo works."),
             ("Cannot find device ens5: the interface is eth0", False,
              "the OS uses the console's names; on a Nitro type Ubuntu calls device 0 ens5")),
           q("web-1 gets eth1 (ens6) in the same subnet as eth0, configured by hand, with its own "
             "Elastic IP. What does a probe of that Elastic IP from the internet say?",
             ("It answers: the request came in on eth1", False,
              "a reply leaves by the interface the request came in on; Linux picks the way out "
              "by destination, and its default route is ens5"),
             ("No answer: the reply leaves by eth0 and EC2 drops it", True,
              "eth0 may only send from its own addresses; policy routing sends replies from "
              "10.0.1.30 out of ens6."),
             ("No answer: two interfaces cannot share a subnet", False,
              "EC2 refuses a second interface in the same subnet; it attaches it, the trouble "
              "is the OS's routing"))],
    "09": [q("app-primary is stopped. The standby asks for app-primary's own address, 10.0.1.10, "
             "with AllowReassignment=True. What does EC2 answer?",
             ("It moves, and app-primary's interface gets a new primary address", False,
              "AllowReassignment takes any address; it takes secondary addresses only"),
             ("It is refused: a primary address never leaves its interface", True,
              "that is why the service has a secondary address of its own."),
             ("It moves, because a stopped instance gives up its addresses", False,
              "stopping frees the addresses; a stopped instance keeps every address it has"))],
    "10": [q("One server hosts three TLS sites. Does each site need an address of its own?",
             ("No: with SNI one address serves every site", False,
              "every client sends the site's name (SNI); one that does not gets the certificate "
              "bound to the address it reached"),
             ("Yes, for clients that do not send the site's name (SNI)", True,
              "so each site gets a secondary address and its own Elastic IP."),
             ("Yes, because EC2 allows one certificate per address", False,
              "EC2 knows about certificates; they live in the server software")),
           q("firewall has eth0 and eth1. What does modify_instance_attribute(InstanceId="
             "firewall, SourceDestCheck={'Value': False}) do?",
             ("Turns the check off on both interfaces", False,
              "an instance-level call reaches every interface; with several, EC2 refuses it "
              "and wants each interface named"),
             ("Turns it off on eth0 only", False,
              "the instance call means eth0; EC2 refuses rather than guess"),
             ("It is refused: name each interface", True,
              "modify_network_interface_attribute, once per interface."))],
    "11": [q("assign-private-ip-addresses names 10.0.1.255, the last address of the subnet, "
             "which AWS reserves. What does the CLI print?",
             ("The JSON of the new assignment", False,
              "the CLI skips EC2's checks; it sends the same request as boto3 and EC2 refuses "
              "it"),
             ("An error saying the address cannot be used", True,
              "the CLI shows EC2's error code and message, and exits with a non-zero status."),
             ("Nothing: the CLI asks for confirmation first", False,
              "the CLI prompts before a change; it sends the request at once"))],
}

CHECK: dict[str, list[Question]] = {
    "00": [
        q("Where do secondary private IPv4 addresses live?",
          ("On the instance", False, "addresses belong to the instance; they belong to its "
           "network interfaces"),
          ("On a network interface", True, "they move with the interface."),
          ("On the subnet", False, "the subnet holds them; it only supplies the range")),
        q("EC2 assigned 10.0.1.20 to eth0. Does the instance answer on it?",
          ("Yes, at once", False, "EC2's assignment configures the OS; the OS must configure "
           "it too"),
          ("Only once the operating system has configured it", True,
           "the diagram draws it dashed until then."),
          ("Only after a reboot of the instance", False, "a reboot always helps; on many "
           "systems a reboot loses a hand-added address")),
        q("Undo in the lab corresponds to what in AWS?",
          ("Nothing: AWS has no undo; you make the opposite call", True,
           "the lab's Undo is a teaching aid."),
          ("The CloudTrail rollback button", False, "CloudTrail can undo calls; it only "
           "records them"),
          ("The --dry-run flag", False, "DryRun undoes; it only checks permission without "
           "doing anything")),
    ],
    "01": [
        q("What limits how many private IPv4 addresses an interface can hold?",
          ("The instance type", True, "each type has interfaces and addresses per interface."),
          ("The subnet's size only", False, "only the subnet counts; the type's limit is "
           "usually reached first"),
          ("The number of security groups", False, "groups count addresses; they do not")),
        q("An instance has two interfaces. How many primary private IPv4 addresses does it have?",
          ("One", False, "an instance has one primary address; each interface has its own"),
          ("Two: one per interface", True, "eth0's is the instance's primary address."),
          ("None until you assign them", False, "primaries are optional; every interface "
           "gets one when it is created")),
        q("Which is NOT a reason to give an instance several addresses?",
          ("Several TLS sites on one server", False, "this is a real use: one address per site"),
          ("Failover to a standby by moving an address", False, "this is a real use"),
          ("More network bandwidth", True, "bandwidth comes from the instance type, not the "
           "address count.")),
    ],
    "02": [
        q("Can you assign a secondary address to a stopped instance's interface?",
          ("Yes", True, "assign and unassign work on running or stopped instances."),
          ("No, the instance must be running", False, "changes need a running instance; EC2 "
           "changes the interface, running or not"),
          ("Only to an interface that is detached", False, "attachment matters; it does not")),
        q("Does the eth0 limit of a t3.micro (2) count the primary address?",
          ("Yes: primary plus secondaries", True, "so a t3.micro eth0 takes one secondary."),
          ("No: two secondaries plus the primary", False, "the limit counts secondaries only; "
           "it counts every private IPv4 address"),
          ("There is no limit per interface", False, "only the subnet limits; each type has "
           "a per-interface limit")),
        q("Which address of an interface can you unassign?",
          ("Any secondary address, never the primary", True,
           "the primary lives as long as the interface."),
          ("The primary too, if the interface has secondaries", False,
           "a secondary is promoted when the primary goes; the primary cannot be unassigned"),
          ("Only the address assigned last", False,
           "unassigning works like a stack; any secondary address can go, in any order")),
    ],
    "02b": [
        q("Moving a secondary address from another interface needs…",
          ("Nothing special: it just moves", False, "addresses move freely; without "
           "AllowReassignment EC2 refuses an address in use"),
          ("AllowReassignment", True, "and it works for secondary addresses only."),
          ("Unassigning it first is the only way", False, "that is IPv6's rule; IPv4 secondary "
           "addresses can be reassigned in one call")),
        q("aws ec2 run-instances … --private-ip-address 10.0.1.11 "
          "--secondary-private-ip-addresses 10.0.1.25 10.0.1.26 (AWS CLI version 1). The "
          "instance launches with…",
          ("10.0.1.11 only: the CLI dropped the secondary addresses", True,
           "use --network-interfaces, and read the addresses back."),
          ("10.0.1.11, 10.0.1.25 and 10.0.1.26", False,
           "every option the CLI accepts reaches EC2; this pair builds the request from the "
           "primary alone"),
          ("Nothing: EC2 refuses the request", False,
           "a dropped option makes an error; the launch succeeds, silently without them")),
        q("In run_instances with NetworkInterfaces, where does the subnet go?",
          ("Inside the interface entry, beside DeviceIndex", True,
           "SubnetId= beside NetworkInterfaces is refused."),
          ("Beside NetworkInterfaces, as SubnetId=", False,
           "the top-level options still apply; with NetworkInterfaces they go in the entries"),
          ("Nowhere: EC2 picks the subnet from the security group", False,
           "groups choose the subnet; a group belongs to a VPC, and the subnet must be named")),
        q("EC2 assigned 10.0.1.25 to an Ubuntu instance's eth0. Before it answers there…",
          ("Someone configures the address in Ubuntu", True,
           "Amazon Linux's ec2-net-utils does it by itself; Ubuntu needs it by hand or netplan."),
          ("Nothing: EC2 configures the OS", False,
           "an EC2 assignment reaches inside the instance; the OS must be told"),
          ("The instance must be stopped and started", False,
           "addresses need a restart of the instance; the OS only needs its network "
           "configured")),
    ],
    "03": [
        q("How many Elastic IPs can one private IPv4 address have?",
          ("One", True, "and one Elastic IP maps to one private address."),
          ("As many as you allocate", False, "addresses stack; associating another one "
           "replaces the first"),
          ("None on a secondary address", False, "Elastic IPs fit primaries only; any "
           "private IPv4 address can carry one")),
        q("You launch with two interfaces. What about the auto-assigned public IPv4?",
          ("eth0 gets one as usual", False, "two interfaces change nothing; EC2 auto-assigns "
           "no public IPv4 then"),
          ("None is auto-assigned: put an Elastic IP on eth0", True,
           "the console warns about this."),
          ("Each interface gets one", False, "every interface is public; none is")),
        q("web-1 is stopped and started again. Which public addresses does it still have?",
          ("Its Elastic IPs; the auto-assigned address is a new one", True,
           "an Elastic IP stays yours and stays associated."),
          ("All of them, unchanged", False,
           "every public address survives a stop; the auto-assigned one is released"),
          ("None: every association ends at stop", False,
           "a stop disassociates Elastic IPs; they stay associated through stop and start")),
    ],
    "03b": [
        q("A secondary address with an Elastic IP is reassigned to another interface. The "
          "Elastic IP…",
          ("Follows the private address", True, "which is what makes failover work."),
          ("Stays on the old interface", False, "Elastic IPs are tied to interfaces; they are "
           "tied to the private address"),
          ("Is disassociated", False, "every move drops it; only unassigning does")),
        q("A client in the same VPC connects to the service at 10.0.1.100. The address moves "
          "to the standby. The client…",
          ("Reaches the standby, with no change on its side", True,
           "inside the VPC, traffic follows the private address."),
          ("Needs the service's Elastic IP to reach the standby", False,
           "internal traffic goes through the Elastic IP; it goes to the private address "
           "directly"),
          ("Must learn the standby's own address", False,
           "a failover changes the service's address; the service address itself moved")),
        q("10.0.1.100 has just moved to app-standby, yet a probe stops at app-standby's OS. "
          "Why?",
          ("Its OS has not configured 10.0.1.100 yet", True,
           "a network restart, or the next DHCP renewal, picks it up."),
          ("The move is still in progress in EC2", False,
           "EC2 moves addresses slowly; the call has finished, the OS is what lags"),
          ("The Elastic IP has not followed", False,
           "an internal client uses the Elastic IP; it connects to the private address")),
    ],
    "04": [
        q("What must exist before an interface can get IPv6 addresses?",
          ("An IPv6 block on the VPC and on the subnet", True, "a /56 for the VPC, a /64 per "
           "subnet."),
          ("Only an internet gateway", False, "the gateway gives IPv6; the blocks do"),
          ("Nothing: every subnet has IPv6", False, "IPv6 is on by default; a subnet has it "
           "only if you associate a block")),
        q("assign_ipv6_addresses(Ipv6AddressCount=2) on an interface with one IPv6 address "
          "leaves it with…",
          ("Three addresses", True, "the count adds to what is there."),
          ("Two addresses", False, "the count is the total; it is how many to add"),
          ("An error: give addresses or a count, and it had one", False, "a count cannot add "
           "to existing addresses; it can")),
        q("A /64 subnet out of a /56 VPC block: how many such subnets fit?",
          ("256", True, "2 to the power of (64 - 56)."),
          ("64", False, "the prefix lengths are counts; the difference is an exponent"),
          ("8", False, "8 is the difference; the count is 2 to that power")),
    ],
    "05": [
        q("How much of an interface's address limit does one /28 prefix use?",
          ("One slot", True, "one prefix counts as one address against the limit."),
          ("Sixteen slots", False, "each address of the prefix counts; the prefix counts once"),
          ("None", False, "prefixes are outside the limit; they share it")),
        q("Which instances can have prefixes?",
          ("Those on the Nitro system", True, "Xen-based types refuse prefixes."),
          ("Any instance type", False, "prefixes are a subnet feature; they need Nitro"),
          ("Only bare-metal types", False, "bare metal is required; Nitro virtual types work")),
        q("An IPv6 prefix delegated to an interface has which length?",
          ("/80", True, "from the subnet's /64."),
          ("/64", False, "the interface gets the whole subnet; it gets a /80 of it"),
          ("/28", False, "/28 is the IPv4 prefix length")),
    ],
    "06": [
        q("An interface with a secondary address and an Elastic IP is detached. What does it "
          "keep?",
          ("Everything: addresses and Elastic IP", True, "and they move to the next instance."),
          ("Only its primary address", False, "detaching strips it; it keeps all it holds"),
          ("Nothing until it is attached again", False, "addresses need an instance; they stay "
           "on the interface")),
        q("An instance is terminated. Its eth1, created separately and attached later, …",
          ("Survives, detached", True, "DeleteOnTermination is false for an interface you "
           "attached."),
          ("Is always deleted with it", False, "every interface dies with the instance; only "
           "those marked DeleteOnTermination do"),
          ("Moves to another instance by itself", False, "AWS re-homes interfaces; it never does")),
        q("To move a service off a failed instance's eth0, you…",
          ("Detach eth0 and attach it elsewhere", False, "eth0 can move; it cannot"),
          ("Move its secondary address (and Elastic IP) to the other instance", True,
           "with AllowReassignment."),
          ("Copy the MAC address to the other instance", False, "EC2 lets you set MACs; it "
           "does not")),
        q("Which interfaces of an appliance need source/destination checking off?",
          ("Every interface that forwards traffic", True, "the check is an attribute of each "
           "interface."),
          ("Only eth0, the primary interface", False, "the instance has one check, on eth0; "
           "each interface has its own"),
          ("None: the security groups decide what is forwarded", False, "security groups "
           "control forwarding; they filter what reaches an interface, the check is separate")),
        q("You want an instance launched with three network interfaces (its type takes three). "
          "Where can you name all three at launch?",
          ("In run_instances: the API, the CLI or an SDK", True, "the console's launch page "
           "stops at two; attach a third after launch there."),
          ("On the console's launch page", False, "the console names as many as the API; it "
           "stops at two, more are attached after launch"),
          ("Nowhere: EC2 launches an instance with two at most", False, "two is EC2's limit; "
           "it is the console's, the API takes as many as the type allows")),
    ],
    "07": [
        q("An appliance forwards traffic that is not addressed to it. What must you turn off?",
          ("Source/destination checking", True, "on every interface that forwards."),
          ("The security groups", False, "groups block forwarding; the source/destination "
           "check does"),
          ("Its public IPv4", False, "public addresses matter; they do not for forwarding")),
        q("A challenge's checker says Not yet with three conditions left. The quickest path is…",
          ("Read each condition's reason and fix those", True, "each one says what the lab "
           "shows instead."),
          ("Load the scenario again and redo everything", False, "the checker only sees the "
           "last step; it lists every condition"),
          ("Show the solution", False, "the solution is the only help; the hints come first")),
        q("Challenge 5: which order loses nothing?",
          ("Move addresses and interfaces away, then terminate", True,
           "termination deletes what is still marked to be deleted with it."),
          ("Terminate, then move what is left", False, "everything survives termination; "
           "eth0 and its addresses go with it"),
          ("Either order", False, "order does not matter; it does")),
    ],
    "08": [
        q("Ubuntu on a t3 (a Nitro type): what is the console's eth1 called inside the instance?",
          ("eth1", False, "the console's names are the OS's; they are device indexes, and "
           "Ubuntu names interfaces itself"),
          ("ens6", True, "device index 1; eth0 is ens5."),
          ("ens5", False, "the OS numbers the interfaces you added from ens5; ens5 is "
           "device 0 (eth0), so eth1 is ens6")),
        q("Which addresses does Ubuntu's DHCP client configure on an instance with two "
          "interfaces and secondary addresses?",
          ("Every address EC2 assigned", False, "every OS follows EC2; that is Amazon Linux's "
           "ec2-net-utils, Ubuntu does not run it"),
          ("The primary address of each interface", False, "each interface gets DHCP; on "
           "Ubuntu only the primary interface does (Windows runs it on every adapter)"),
          ("The primary address of the primary interface only", True,
           "everything else waits for you (ip addr add, netplan).")),
        q("You added 10.0.1.20 with sudo ip addr add on Ubuntu, then stop and start the "
          "instance. What is left?",
          ("Both still have it", False, "ip addr add is saved; it changes the running system "
           "only"),
          ("EC2 still has it; Ubuntu has forgotten it", True,
           "write it into a netplan file to keep it across a reboot."),
          ("Neither: EC2 unassigns it at the stop", False, "a stop frees private addresses; "
           "they stay on the interface")),
        q("How do you add a secondary address to a Windows Server adapter, \"Ethernet\"?",
          ("Make its DHCP address static, then add the secondary one (netsh or New-NetIPAddress)",
           True, "Windows keeps this configuration across reboots."),
          ("Add it with netsh and keep DHCP on", False, "one adapter mixes DHCP and static "
           "addresses; Windows wants the adapter all static"),
          ("Wait for the next DHCP lease", False, "DHCP hands out secondary addresses; on "
           "Windows it gives only the primary")),
        q("Two interfaces in one subnet; eth1's Elastic IP gets no answer though the OS has its "
          "address. The fix…",
          ("Open the reply's port in eth1's security group", False, "groups drop replies; "
           "they remember a connection and let its replies out"),
          ("Reboot the instance", False, "a reboot sorts routing out; it also loses the "
           "address added by hand"),
          ("A rule and a routing table that send replies from eth1's address out of eth1", True,
           "policy routing; Amazon Linux's ec2-net-utils writes such rules itself.")),
    ],
    "09": [
        q("Why do clients use 10.0.1.100 rather than app-primary's own 10.0.1.10?",
          ("A secondary address can move to the standby; a primary one never can", True,
           "so the service's address outlives its server."),
          ("Only a secondary address can carry an Elastic IP", False, "Elastic IPs fit "
           "secondaries only; any private IPv4 address can carry one"),
          ("Primary addresses change at every stop and start", False, "private addresses are "
           "temporary; an interface keeps its primary address for life")),
        q("What is the EC2 side of the failover?",
          ("Unassign from app-primary, assign to the standby, associate the Elastic IP again",
           False, "the Elastic IP stays behind; it follows its private address"),
          ("One assign_private_ip_addresses call with AllowReassignment", True,
           "the address leaves app-primary, and its Elastic IP follows it."),
          ("Detach app-primary's eth0 and attach it to the standby", False, "eth0 can move; "
           "the primary interface stays with its instance")),
        q("EC2 has moved the address, yet the probe still gets no answer. What is missing?",
          ("A DNS change to the standby's address", False, "clients must learn a new address; "
           "the public and private addresses are the same as before"),
          ("Starting app-primary again", False, "the old server must be up; nothing of the "
           "service is on it any more"),
          ("The standby's OS configuring the address", True,
           "Amazon Linux does it at the next lease, or when you restart networking.")),
        q("Can the address leave app-primary while app-primary is stopped?",
          ("Yes", True, "a stopped instance's interfaces can lose addresses."),
          ("No, start it first", False, "only a running instance's addresses change; EC2 "
           "changes the interface, running or not"),
          ("Only after app-primary is terminated", False, "termination frees the address; "
           "with AllowReassignment it moves at once")),
    ],
    "10": [
        q("Three TLS sites on one server need…",
          ("Three private addresses and three Elastic IPs, and the OS configured", True,
           "each site answers on its own address."),
          ("Three instances", False, "one site per instance; one server can hold them all"),
          ("Three security groups on one interface, one per site", False,
           "groups pick addresses; they apply to every address of the interface")),
        q("An appliance has an interface in each subnet. Replies leave by the wrong one "
          "unless…",
          ("The OS has a routing table per interface (policy routing)", True,
           "Amazon Linux sets this up itself."),
          ("Both interfaces share one security group", False, "groups route; they filter"),
          ("The instance is rebooted", False, "a reboot fixes routing; it does not")),
        q("Does the auto-assigned public IPv4 of eth0 count as a TLS site's address?",
          ("No: each site's address is one you allocated and control", True,
           "an auto-assigned one changes on stop and start."),
          ("Yes, it is as good as an Elastic IP", False, "all public addresses are stable; "
           "the auto-assigned one is not kept across a stop"),
          ("Only on Amazon Linux", False, "the OS decides; EC2 does")),
    ],
    "11": [
        q("What does --query do in an aws command?",
          ("Filters the answer on your side with JMESPath", True, "EC2 still sends the whole "
           "answer."),
          ("Asks EC2 to send less", False, "--query is a server filter; --filters is"),
          ("Runs a search across regions", False, "it searches; it only reshapes the answer")),
        q("Why does the lab's aws command reach the lab and not AWS?",
          ("The endpoint URL in the environment points at ec2sim serve", True,
           "with the lab's own key."),
          ("The CLI detects the lab", False, "the CLI knows about the lab; it only follows "
           "its configuration"),
          ("The lab blocks the internet", False, "blocking sends it to the lab; the endpoint "
           "setting does")),
        q("Which PowerShell cmdlet is assign-private-ip-addresses?",
          ("Register-EC2PrivateIpAddress", True, "Unregister- undoes it."),
          ("New-EC2PrivateIpAddress", False, "assigning creates an address; AWS Tools names "
           "it Register"),
          ("Add-EC2NetworkInterface", False, "that attaches an interface")),
    ],
}
