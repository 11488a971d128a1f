from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self) -> None:
        from members.governance import option_sources
        from members.governance.models import OptionSource

        from . import merging, retention, selectors

        retention.register_steps()
        merging.register_steps()
        # A priority ballot's options can come from the catalogue and from requests.
        option_sources.register(OptionSource.CATALOGUE, selectors.catalogue_labels)
        option_sources.register(OptionSource.REQUESTS, selectors.requested_labels)
