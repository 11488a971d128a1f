from django.contrib import admin

from .reports.models import FeedbackReport


@admin.register(FeedbackReport)
class FeedbackReportAdmin(admin.ModelAdmin):
    """Which reports exist and when they were built, read only. Neither the contents
    nor who asked for a rebuild are shown: administrators see the schedule working,
    not the figures or the people (the report pages serve those to their readers)."""

    list_display = [
        "scope_kind",
        "centre",
        "programme",
        "period_kind",
        "period_start",
        "version",
        "is_current",
        "built_at",
    ]
    list_filter = ["scope_kind", "period_kind", "is_current"]
    date_hierarchy = "period_start"
    fields = list_display
    readonly_fields = list_display
    list_select_related = ["centre", "programme"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
