from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from press_lists.csv_import import UnreadableFile, import_journalists
from press_lists.models import Journalist, PressList

MAX_FILE_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: name, outlet, email, language (fr, nl, de or en), organizations, "
            "topics; the first line names them."
        ),
    )
    press_list = forms.ModelChoiceField(
        PressList.objects.all(),
        label=gettext_lazy("Add them to the press list"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class Unsubscribed(admin.SimpleListFilter):
    title = gettext_lazy("unsubscribed")
    parameter_name = "unsubscribed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(unsubscribed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "email", "language", "added_at", "unsubscribed"]
    list_filter = ["language", "press_lists", "organizations", "topics", Unsubscribed]
    search_fields = ["name", "outlet", "email"]
    autocomplete_fields = ["organizations", "topics"]
    readonly_fields = ["added_at"]
    fields = [
        "name",
        "outlet",
        "email",
        "language",
        "organizations",
        "topics",
        "source",
        "added_at",
        "unsubscribed_at",
    ]
    change_list_template = "press_lists/journalist_changelist.html"

    @admin.display(description=gettext_lazy("unsubscribed"), boolean=True)
    def unsubscribed(self, journalist):
        return journalist.unsubscribed_at is not None

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="press_lists_journalist_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_journalists(
                    upload.read(),
                    press_list=form.cleaned_data["press_list"],
                    source=_("imported from %(file)s") % {"file": upload.name},
                )
            except UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                level = messages.WARNING if report.rejected else messages.SUCCESS
                messages.add_message(
                    request,
                    level,
                    _("%(created)d added, %(updated)d updated, %(rejected)d refused.")
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "rejected": len(report.rejected),
                    },
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import journalists from a CSV file"),
            "form": form,
            "report": report,
            "changelist_url": reverse("admin:press_lists_journalist_changelist"),
        }
        return TemplateResponse(request, "press_lists/import.html", context)


@admin.register(PressList)
class PressListAdmin(admin.ModelAdmin):
    list_display = ["name", "size"]
    search_fields = ["name"]
    autocomplete_fields = ["journalists"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(size=Count("journalists"))

    @admin.display(description=gettext_lazy("journalists"), ordering="size")
    def size(self, press_list):
        return press_list.size
