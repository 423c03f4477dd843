# Solution: one specific IPv6 address, then two more picked by EC2 (two calls: a request takes
# either Ipv6Addresses or Ipv6AddressCount, never both).
import ipaddress

web_1 = ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-1"]},
    {"Name": "instance-state-name", "Values": ["running", "stopped"]},
])["Reservations"][0]["Instances"][0]
eth0 = web_1["NetworkInterfaces"][0]["NetworkInterfaceId"]
subnet = ec2.describe_subnets(SubnetIds=[web_1["SubnetId"]])["Subnets"][0]
block = ipaddress.ip_network(subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])

ec2.assign_ipv6_addresses(NetworkInterfaceId=eth0, Ipv6Addresses=[str(block[0x100])])
ec2.assign_ipv6_addresses(NetworkInterfaceId=eth0, Ipv6AddressCount=2)["AssignedIpv6Addresses"]
