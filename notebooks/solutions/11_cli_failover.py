# Solution: the failover with the AWS CLI only (in notebook 11, where the CLI points at the lab).
# The first command keeps its answer in a Python list; {standby[0]} puts it in the second.
standby = !aws ec2 describe-instances --filters Name=tag:Name,Values=app-standby --query "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId" --output text
!aws ec2 assign-private-ip-addresses --network-interface-id {standby[0]} --private-ip-addresses 10.0.1.100 --allow-reassignment
