"""Policy objects: one place per model answers the three questions about an action.

- `may(user, action, obj)`: may this user do the action to this object now (the role *and* the state);
- `objects(user, action, queryset)`: which objects may they do it to (a queryset: one query for a whole list);
- `users(action, obj)`: who may do it to this object (the recipients of a notification are these holders).

An app's policy subclasses `Policy` and writes, per action, a method `may_<action>(user, obj)` and where the app
needs them `objects_<action>(user, queryset)` and `users_<action>(obj)`. Views ask `policy.allowed(user, obj)` for
the buttons they show; services call `policy.require(user, action, obj)` before they write, so a button and its
guard can never disagree. The platform administrator gets no shortcut here: a policy grants what its rule says.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from .permissions import NotAllowed


def active(user):
    """A logged-in, active user (the system, `None`, is not a user: services let it act where they say so)."""
    return user is not None and user.is_authenticated and user.is_active


class Policy:
    #: The actions this policy answers for, in the order buttons show them.
    actions = ()
    #: Per action, the refusal shown to a user (translated); a generic one otherwise.
    messages = {}

    def _method(self, prefix, action):
        if action not in self.actions:
            raise ValueError(f"{type(self).__name__} knows no action {action!r}")
        return getattr(self, f"{prefix}_{action}")

    def may(self, user, action, obj):
        return bool(self._method("may", action)(user, obj))

    def allowed(self, user, obj):
        """The actions this user may do to `obj` now: `{"submit": True, ...}` for the template's buttons."""
        return {action: True for action in self.actions if self.may(user, action, obj)}

    def require(self, user, action, obj):
        if not self.may(user, action, obj):
            raise NotAllowed(self.messages.get(action) or _("U mag dit niet doen."))

    def objects(self, user, action, queryset):
        return self._method("objects", action)(user, queryset)

    def users(self, action, obj):
        """The active users who may do `action` to `obj` (a queryset of users)."""
        return self._method("users", action)(obj).filter(is_active=True)

    @staticmethod
    def no_users():
        return get_user_model().objects.none()
