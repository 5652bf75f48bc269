from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The editor's desk: the dashboard that is the admin's home page (dashboard.py),
    the planning calendar and its private iCalendar feed (planning.py,
    calendar_feed.py) and the comparison of two revisions (revision_diff.py)."""

    name = "desk"
    verbose_name = _("Editor's desk")

    def ready(self):
        from django.contrib import admin

        from desk.dashboard import dashboard

        admin.site.dashboard = dashboard
        admin.site.index_template = "desk/dashboard.html"
