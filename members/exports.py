"""Exports of visits (django-import-export), with spreadsheet formulae neutralised."""

from import_export import fields, resources

from .models import Visit

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is exported as plain text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class VisitResource(resources.ModelResource):
    arrived_at = fields.Field(attribute="arrived_at", column_name="arrived_at")
    left_at = fields.Field(attribute="left_at", column_name="left_at")
    member = fields.Field(column_name="member_code")
    purposes = fields.Field(column_name="purposes")

    class Meta:
        model = Visit
        fields = [
            "arrived_at",
            "left_at",
            "member",
            "people",
            "gender",
            "age_band",
            "nationality",
            "purposes",
            "channel",
        ]
        export_order = fields

    def dehydrate_member(self, visit: Visit) -> str:
        return visit.member.code if visit.member_id else ""

    def dehydrate_purposes(self, visit: Visit) -> str:
        return neutralise("; ".join(str(p.name) for p in visit.purposes.all()))
