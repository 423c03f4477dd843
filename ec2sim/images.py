"""The machine images (AMIs) a learner can launch, and the operating system each one runs.

Real AMI IDs differ per region and change with every release, so the simulation offers a small
fixed catalogue. Which OS an instance runs matters: Amazon Linux configures new addresses by
itself, the others need the learner to do it. Names, owners and public SSM parameter names are
shaped like AWS's, so the filters and ``resolve:ssm:`` IDs that AWS's own guides use find them.
"""

from __future__ import annotations

from dataclasses import dataclass

AMAZON = "137112412989"  # the owner of Amazon Linux images (alias "amazon")
CANONICAL = "099720109477"  # the owner of Ubuntu images (no alias)
AMAZON_WINDOWS = "801119661308"  # the owner of Windows images (alias "amazon")


@dataclass(frozen=True)
class Image:
    image_id: str
    name: str
    description: str
    os_family: str  # amazon-linux-2023, amazon-linux-2, ubuntu, windows
    platform_details: str
    owner_id: str
    owner_alias: str | None  # what Owners=["amazon"] and the owner-alias filter match
    ssm_parameters: tuple[str, ...] = ()  # public parameters whose value is this image's ID


AMAZON_LINUX_2023 = "ami-0a5c3558529277641"
AMAZON_LINUX_2 = "ami-0c02fb55956c7d316"
UBUNTU_24_04 = "ami-04b70fa74e45c3917"
WINDOWS_SERVER_2022 = "ami-0f9c44e98edf38a2b"

IMAGES: dict[str, Image] = {i.image_id: i for i in (
    Image(AMAZON_LINUX_2023, "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
          "Amazon Linux 2023", "amazon-linux-2023", "Linux/UNIX", AMAZON, "amazon", (
              "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
              "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64")),
    Image(AMAZON_LINUX_2, "amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2", "Amazon Linux 2",
          "amazon-linux-2", "Linux/UNIX", AMAZON, "amazon", (
              "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2",)),
    Image(UBUNTU_24_04, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119",
          "Canonical, Ubuntu, 24.04 LTS", "ubuntu", "Linux/UNIX", CANONICAL, None, (
              "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/"
              "ami-id",)),
    Image(WINDOWS_SERVER_2022, "Windows_Server-2022-English-Full-Base-2024.12.13",
          "Microsoft Windows Server 2022 Full Locale English", "windows", "Windows",
          AMAZON_WINDOWS, "amazon", (
              "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",)),
)}

# resolve:ssm:<parameter> in place of an image ID: the public parameters of the catalogue.
SSM_PARAMETERS: dict[str, str] = {
    name: image.image_id for image in IMAGES.values() for name in image.ssm_parameters}
