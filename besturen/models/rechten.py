"""Direct foreign-key object permissions (django-guardian): fast joins for the models checked in lists."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .organen import Orgaan
from .regios import Regio


class RegioUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Regio, on_delete=models.CASCADE)


class RegioGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Regio, on_delete=models.CASCADE)


class OrgaanUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Orgaan, on_delete=models.CASCADE)


class OrgaanGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Orgaan, on_delete=models.CASCADE)
