from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from newsroom.admin_mixins import URL_FIELDS_HTTPS

from .models import FooterLink, SiteIdentity


class FooterLinkInline(TranslationTabularInline):
    model = FooterLink
    extra = 0
    formfield_overrides = URL_FIELDS_HTTPS


@admin.register(SiteIdentity)
class SiteIdentityAdmin(TabbedTranslationAdmin):
    """One row, neither added nor deleted. Superusers (or whoever is given the
    permission) change it; every page, feed and calendar shows the change at once."""

    fields = ["name", "publisher", "publisher_url", "description", "contact", "logo"]
    raw_id_fields = ["logo"]
    inlines = [FooterLinkInline]
    formfield_overrides = URL_FIELDS_HTTPS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
