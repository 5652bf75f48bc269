from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """The editorial workflow: states and transitions, four eyes, the language-parity
    gate, the two roles, who may see and change what (``permissions.py``), the audit
    trail and the schedule of publications."""

    name = "workflow"
    verbose_name = _("Editorial workflow")
