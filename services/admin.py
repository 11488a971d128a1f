from django.contrib import admin

from centres.categories import ServiceCategory


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "kind", "centre"]
    list_filter = ["kind", "centre"]
