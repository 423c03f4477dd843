# Solution: EC2's half (address and Elastic IP), then Ubuntu's half (configure the address).
web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
    "Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]

ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21"])
shop = ec2.allocate_address(Domain="vpc")
ec2.associate_address(AllocationId=shop["AllocationId"], NetworkInterfaceId=eth0,
                      PrivateIpAddress="10.0.1.21")

shell = cloud.shell(web_1["InstanceId"])
print(shell.run("sudo ip addr add 10.0.1.21/24 dev ens5"))  # eth0 is ens5 in Ubuntu on a t3
print(shell.run("hostname -I"))
cloud.probe("internet", shop["PublicIp"], 443)
