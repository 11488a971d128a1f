from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("centres.urls")),
    path("", include("members.urls")),
    path("", include("services.urls")),
    path("", include("advocacy.urls")),
]
