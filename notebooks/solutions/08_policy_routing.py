# Solution: replies from 10.0.1.30 must leave by eth1 (ens6 in Ubuntu), so give them a table
# of their own.
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
shell = cloud.shell(web_1["InstanceId"])
shell.run("sudo ip rule add from 10.0.1.30 table 1001")
shell.run("sudo ip route add default via 10.0.1.1 dev ens6 table 1001")
shell.run("sudo ip route add 10.0.1.0/24 dev ens6 table 1001")
print(shell.run("ip rule"))
print(shell.run("ip route show table 1001"))
