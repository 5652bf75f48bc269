"""The Content-Security-Policy, with the one relaxation the admin's editor needs.

The policy itself is ``CONTENT_SECURITY_POLICY`` in settings.py: scripts, styles,
images and connections from our own origin only, no inline script anywhere.

Under ``/admin/`` only, ``style-src-attr 'unsafe-inline'`` is added: CKEditor 5
writes ``style`` attributes into its editing area with ``setAttribute`` (an
uploaded image's ``aspect-ratio``, table and image sizes), which the strict policy
blocks. Style *attributes* cannot load anything (images and fonts stay limited to
our origin) nor run code, and the public pages never need them: the rich-text
sanitiser strips ``style`` from what editors save (newsroom/richtext.py).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_RELAXATION = {"style-src-attr": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # request.path, like reverse(), includes the prefix a sub-path deployment adds.
        if request.path.startswith(reverse("admin:index")):
            parts.update = {**ADMIN_RELAXATION, **(parts.update or {})}
        return parts
