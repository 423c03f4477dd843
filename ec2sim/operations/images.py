"""Machine images: DescribeImages with the owners and name filters AWS's guides use, and the
``resolve:ssm:`` image IDs current guides launch with."""

from __future__ import annotations

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.images import IMAGES, SSM_PARAMETERS, Image
from ec2sim.operations import FILTERS, PAGES, operation
from ec2sim.world import World

RESOLVE_SSM = "resolve:ssm:"

IMAGE_FILTERS = {"image-id": "ImageId", "name": "Name", "platform-details": "PlatformDetails",
                 "description": "Description", "owner-id": "OwnerId",
                 "owner-alias": "ImageOwnerAlias", "architecture": "Architecture",
                 "image-type": "ImageType", "is-public": "Public", "state": "State",
                 "root-device-type": "RootDeviceType", "platform": "Platform",
                 "virtualization-type": "VirtualizationType", "hypervisor": "Hypervisor",
                 "ena-support": "EnaSupport"}


def launch_image(image_id: str) -> Image:
    """The image RunInstances launches: an AMI ID, or ``resolve:ssm:`` and the name of a public
    parameter holding one (AWS looks the parameter up at launch)."""
    if image_id.startswith(RESOLVE_SSM):
        name = image_id[len(RESOLVE_SSM):]
        if name not in SSM_PARAMETERS:
            raise EC2Error("InvalidParameterValue", f"The SSM parameter '{name}' in ImageId does "
                           "not exist or holds no image ID (the simulation knows the public "
                           f"parameters {', '.join(sorted(SSM_PARAMETERS))}).")
        image_id = SSM_PARAMETERS[name]
    return rules.find_image(image_id)


def image_shape(world: World, image: Image) -> dict:
    shape = {"ImageId": image.image_id, "Name": image.name, "Description": image.description,
             "PlatformDetails": image.platform_details, "Architecture": "x86_64",
             "ImageType": "machine", "Public": True, "State": "available",
             "OwnerId": image.owner_id, "RootDeviceType": "ebs", "VirtualizationType": "hvm",
             "Hypervisor": "xen", "EnaSupport": True}
    if image.owner_alias:
        shape["ImageOwnerAlias"] = image.owner_alias
    if image.os_family == "windows":
        shape["Platform"] = "windows"
    return shape


def owned_by(world: World, image: Image, owners: list[str]) -> bool:
    """Owners: account IDs, an owner alias ("amazon"), or "self" (this account)."""
    names = {image.owner_id, image.owner_alias, "self" if image.owner_id == world.account_id
             else None}
    return any(owner in names for owner in owners)


@operation("DescribeImages", "ImageIds Owners IncludeDeprecated IncludeDisabled", FILTERS, PAGES)
def describe_images(world: World, params: dict) -> dict:
    ids = params.get("ImageIds") or list(IMAGES)
    found = [rules.find_image(image_id) for image_id in ids]
    owners = params.get("Owners")
    shapes = [image_shape(world, i) for i in found if not owners or owned_by(world, i, owners)]
    return describe.page([s for s in shapes
                          if describe.matches(s, params.get("Filters"), IMAGE_FILTERS)],
                         params, "Images")
