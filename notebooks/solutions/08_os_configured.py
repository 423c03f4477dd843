# Solution: EC2 already assigned 10.0.1.20; configure it in Ubuntu, on the interface that has it.
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
shell = cloud.shell(web_1["InstanceId"])
print(shell.run("sudo ip addr add 10.0.1.20/24 dev eth0"))
print(shell.run("hostname -I"))
