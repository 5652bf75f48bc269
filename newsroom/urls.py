from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from newsroom.views import HomeView

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Press releases, events and organizations")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("releases.urls")),
    path("", include("organizations.urls")),
    path("", include("events.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
