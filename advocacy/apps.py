from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = _("Advocacy")

    def ready(self) -> None:
        from . import merging, receivers, retention  # noqa: F401

        retention.register_steps()
        merging.register_steps()

        from members.governance import unnamed

        from .recommendations.redaction import EmployerNames

        unnamed.register(EmployerNames)

        from centres import released_figures

        from .statistics.releases import figures_released

        released_figures.register(figures_released)
