# Solution: fail back. Start app-primary, take the service address back (its Elastic IP
# follows), and let Amazon Linux on app-primary configure it when networking restarts.
def instance(name):
    return ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [name]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]},
    ])["Reservations"][0]["Instances"][0]


primary = instance("app-primary")
ec2.start_instances(InstanceIds=[primary["InstanceId"]])
ec2.assign_private_ip_addresses(
    NetworkInterfaceId=primary["NetworkInterfaces"][0]["NetworkInterfaceId"],
    PrivateIpAddresses=["10.0.1.100"],
    AllowReassignment=True,  # take it from app-standby
)
cloud.shell(primary["InstanceId"]).run("sudo systemctl restart systemd-networkd")
