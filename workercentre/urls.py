from django.contrib import admin
from django.urls import include, path

from centres.views import language_choose

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    # Before Django's own: choosing a language also keeps it as the person's preference.
    path("i18n/setlang/", language_choose, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("centres.urls")),
    path("", include("members.urls")),
    path("", include("services.urls")),
    path("", include("advocacy.urls")),
]
