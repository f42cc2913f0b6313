from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .gebeurtenissen import gebeurtenis
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


class GebeurtenisFilter(admin.SimpleListFilter):
    """Filter the log by event, named by its label in the user's language (an old string by itself)."""

    title = _("actie")
    parameter_name = "actie"

    def lookups(self, request, model_admin):
        acties = ActionLog.objects.order_by().values_list("actie", flat=True).distinct()
        keuzes = {actie: str(gebeurtenis(actie).label) if gebeurtenis(actie) else actie for actie in acties}
        return sorted(keuzes.items(), key=lambda keuze: keuze[1].lower())

    def queryset(self, request, queryset):
        return queryset.filter(actie=self.value()) if self.value() else queryset


@admin.register(ActionLog)
class ActionLogAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """The action log is evidence: it can be read and searched, never changed. It reads as sentences."""

    show_all_fields = True

    list_display = ["tijdstip", "wat", "content_type"]
    list_filter = [GebeurtenisFilter, "content_type"]
    search_fields = ["object_repr", "actor__email", "reden", "actie"]
    date_hierarchy = "tijdstip"
    list_select_related = ["actor", "content_type"]

    def get_readonly_fields(self, request, obj=None):
        return ["wat", "leesbare_wijzigingen", *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("wat er gebeurde"))
    def wat(self, entry):
        return entry.zin

    @admin.display(description=_("wijzigingen, leesbaar"))
    def leesbare_wijzigingen(self, entry):
        regels = entry.leesbare_wijzigingen
        if not regels:
            return "—"
        return format_html_join(mark_safe("<br>"), "{}: {}", ((label, waarde) for label, waarde in regels))


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
