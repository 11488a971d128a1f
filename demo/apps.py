from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data loader: the top layer, importing every app and imported by none."""

    name = "demo"
    verbose_name = _("Demo data")
