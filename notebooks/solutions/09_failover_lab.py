# Solution: the primary fails; the standby takes the service address (its Elastic IP follows),
# and Amazon Linux on the standby configures it when networking restarts.
def instance(name):
    return ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [name]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]},
    ])["Reservations"][0]["Instances"][0]


primary, standby = instance("app-primary"), instance("app-standby")
ec2.stop_instances(InstanceIds=[primary["InstanceId"]])
ec2.assign_private_ip_addresses(
    NetworkInterfaceId=standby["NetworkInterfaces"][0]["NetworkInterfaceId"],
    PrivateIpAddresses=["10.0.1.100"],
    AllowReassignment=True,
)
cloud.shell(standby["InstanceId"]).run("sudo systemctl restart systemd-networkd")
