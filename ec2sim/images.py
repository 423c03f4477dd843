"""The machine images (AMIs) a learner can launch, and the operating system each one runs.

Real AMI IDs differ per region and change with every release, so the simulation offers a small
fixed catalogue. Which OS an instance runs matters: Amazon Linux configures new addresses by
itself, the others need the learner to do it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Image:
    image_id: str
    name: str
    description: str
    os_family: str  # amazon-linux-2023, amazon-linux-2, ubuntu, windows
    platform_details: str


AMAZON_LINUX_2023 = "ami-0a5c3558529277641"
AMAZON_LINUX_2 = "ami-0c02fb55956c7d316"
UBUNTU_24_04 = "ami-04b70fa74e45c3917"
WINDOWS_SERVER_2022 = "ami-0f9c44e98edf38a2b"

IMAGES: dict[str, Image] = {i.image_id: i for i in (
    Image(AMAZON_LINUX_2023, "al2023-ami-2023.6-x86_64", "Amazon Linux 2023",
          "amazon-linux-2023", "Linux/UNIX"),
    Image(AMAZON_LINUX_2, "amzn2-ami-hvm-2.0-x86_64-gp2", "Amazon Linux 2",
          "amazon-linux-2", "Linux/UNIX"),
    Image(UBUNTU_24_04, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server",
          "Canonical, Ubuntu, 24.04 LTS", "ubuntu", "Linux/UNIX"),
    Image(WINDOWS_SERVER_2022, "Windows_Server-2022-English-Full-Base",
          "Microsoft Windows Server 2022 Full Locale English", "windows", "Windows"),
)}
