from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ActionLog, OutboxJob, User


class AlleenLezenMixin:
    """An admin page that shows data but never writes it: writes go through the services (permission, audit).

    With `show_all_fields` the page also shows the fields a form leaves out (the id, timestamps), read-only.
    """

    show_all_fields = False

    def get_readonly_fields(self, request, obj=None):
        if not self.show_all_fields:
            return super().get_readonly_fields(request, obj)
        meta = self.model._meta
        return [f.name for f in meta.fields] + [f.name for f in meta.many_to_many]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViaServicesAdmin(admin.ModelAdmin):
    """An admin page whose adds and changes go through the app's services, so they check permissions, write the
    action log and grant what a new object grants. Deleting is not offered: ending (a membership, a participation)
    is how things stop, and the history stays."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def create(self, request, values):
        raise NotImplementedError

    def update(self, request, instance, values):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        if change:
            instance = type(obj).objects.get(pk=obj.pk)
            self.update(request, instance, {name: form.cleaned_data[name] for name in form.changed_data})
        else:
            obj.pk = self.create(request, dict(form.cleaned_data)).pk
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        """Inline and many-to-many changes are not saved here (the inlines are read-only)."""


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Belangrijke data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ActionLog)
class ActionLogAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """The action log is evidence: it can be read and searched, never changed."""

    show_all_fields = True

    list_display = ["tijdstip", "actor", "actie", "content_type", "object_repr"]
    list_filter = ["actie", "content_type"]
    search_fields = ["object_repr", "actor__email", "reden"]
    date_hierarchy = "tijdstip"
    list_select_related = ["actor", "content_type"]


@admin.register(OutboxJob)
class OutboxJobAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """The outbox, read-only: which side effects are open, handed over, finished or given up, and the last error."""

    show_all_fields = True
    list_display = ("task", "args", "created", "attempts", "handed_over_at", "finished_at", "given_up_at")
    list_filter = (
        "task",
        ("finished_at", admin.EmptyFieldListFilter),
        ("given_up_at", admin.EmptyFieldListFilter),
    )
    date_hierarchy = "created"
