# Solution: EC2's half (address and Elastic IP), then Ubuntu's half (configure the address).
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21"])
shop = ec2.allocate_address(Domain="vpc")
ec2.associate_address(AllocationId=shop["AllocationId"], NetworkInterfaceId=eth0,
                      PrivateIpAddress="10.0.1.21")

shell = cloud.shell(web_1["InstanceId"])
# The OS's name for eth0: the device of the default route ("eth0", or "ens5" on Nitro).
device = shell.run("ip route").output.split(" dev ")[1].split()[0]
print(shell.run(f"sudo ip addr add 10.0.1.21/24 dev {device}"))
print(shell.run("hostname -I"))
cloud.probe("internet", shop["PublicIp"], 443)
