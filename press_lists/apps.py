from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressListsConfig(AppConfig):
    """The journalists the press office sends releases to, and its press lists: managed
    by editors in the admin, imported from CSV with a report of the rows refused
    (csv_import.py). Personal data: what a journalist receives and where the address
    comes from, nothing else."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "press_lists"
    verbose_name = _("Press lists")
