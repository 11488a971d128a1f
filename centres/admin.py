from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import (
    AuditEntry,
    Centre,
    CentreRole,
    FundingSource,
    Invitation,
    Programme,
    ProgrammeCoordinator,
    RetentionPolicy,
    RetentionRun,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "preferred_language")}),
        (_("Administration"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    readonly_fields = ["last_login", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # People appear in the append-only audit trail: deactivate them instead.
        return False


# Stacked, not tabular: each field of each row keeps its own label (WCAG 1.3.1, 4.1.2).
class CentreRoleInline(admin.StackedInline):
    model = CentreRole
    extra = 0
    autocomplete_fields = ["user"]
    fk_name = "centre"
    exclude = ["granted_by"]


class FundingSourceInline(admin.StackedInline):
    model = FundingSource
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "country", "time_zone", "programme", "intermediary_kind"]
    list_filter = ["programme", "country", "intermediary_kind"]
    search_fields = ["name", "code", "area"]
    inlines = [CentreRoleInline, FundingSourceInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is CentreRole:
            # A role removed here is removed as anywhere else: its cases follow.
            changed = formset.save(commit=False)
            for centre_role in formset.deleted_objects:
                actions.role_revoke(centre_role=centre_role, by=request.user)
            for centre_role in changed:
                centre_role.save()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


# auditlog's own admin searches fields our users do not have (a 500): search the
# record's type-and-id label and the actor's e-mail instead.
admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(LogEntryAdmin):
    search_fields = ["object_repr", "actor__email"]


class CoordinatorInline(admin.StackedInline):
    model = ProgrammeCoordinator
    extra = 0
    autocomplete_fields = ["user"]


class RetentionPolicyInline(admin.StackedInline):
    """The programme's retention periods; without one, the defaults apply."""

    model = RetentionPolicy
    can_delete = False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "suppression_threshold"]
    inlines = [CoordinatorInline, RetentionPolicyInline]


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    """What each night's run did: counts only. Read-only."""

    list_display = ["day", "started_at", "finished_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "role",
        "centre",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "centre"]
    readonly_fields = ["token_hash", "sent_at", "accepted_at"]
