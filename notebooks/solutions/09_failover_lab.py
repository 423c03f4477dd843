# Solution: fail back. Start app-primary, take the service address back (its Elastic IP
# follows), let Amazon Linux on app-primary configure it when networking restarts, then stop
# app-standby.
def instance(name):
    return ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [name]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]},
    ])["Reservations"][0]["Instances"][0]


primary, standby = instance("app-primary"), instance("app-standby")
ec2.start_instances(InstanceIds=[primary["InstanceId"]])
ec2.assign_private_ip_addresses(
    NetworkInterfaceId=primary["NetworkInterfaces"][0]["NetworkInterfaceId"],
    PrivateIpAddresses=["10.0.1.100"],
    AllowReassignment=True,  # take it from app-standby
)
cloud.shell(primary["InstanceId"]).run("sudo systemctl restart systemd-networkd")
ec2.stop_instances(InstanceIds=[standby["InstanceId"]])
