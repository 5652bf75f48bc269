"""The Content-Security-Policy, with the one relaxation the admin's editor needs.

The policy itself is ``CONTENT_SECURITY_POLICY`` in settings.py: scripts, styles,
images and connections from our own origin only, no inline script anywhere.

Under ``/admin/`` only, ``style-src-attr 'unsafe-inline'`` is added: CKEditor 5
writes ``style`` attributes into its editing area with ``setAttribute`` (an
uploaded image's ``aspect-ratio``, table and image sizes), which the strict policy
blocks. Style *attributes* cannot load anything (images and fonts stay limited to
our origin) nor run code, and the public pages never need them: the rich-text
sanitiser strips ``style`` from what editors save (newsroom/richtext.py).

The two policies (site and admin) are written once per process: django-csp builds
the header anew for every response (a third of what the bare floor view cost,
docs/benchmarks.md). A response that asks for a policy of its own (django-csp's
decorators, the preview's ``frame-ancestors``) or uses a nonce gets django-csp's
own construction, as before.
"""

import functools

from csp.constants import HEADER, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import reverse

ADMIN_RELAXATION = {"style-src-attr": [UNSAFE_INLINE]}
#: What a response or request sets to ask for a policy of its own (django-csp).
OWN_POLICY = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


@functools.cache
def standard_policy(admin):
    return build_policy(update=ADMIN_RELAXATION if admin else None)


def _forget(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        standard_policy.cache_clear()


setting_changed.connect(_forget, dispatch_uid="newsroom.security.forget")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if self.is_admin(request):
            parts.update = {**ADMIN_RELAXATION, **(parts.update or {})}
        return parts

    @staticmethod
    def is_admin(request):
        # request.path, like reverse(), includes the prefix a sub-path deployment adds.
        return request.path.startswith(reverse("admin:index"))

    def process_response(self, request, response):
        standard = (
            not any(getattr(response, name, None) for name in OWN_POLICY)
            and not isinstance(getattr(request, "_csp_nonce", None), str)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not (settings.CONTENT_SECURITY_POLICY or {}).get("EXCLUDE_URL_PREFIXES")
        )
        if not standard:
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = standard_policy(self.is_admin(request))
        return response
