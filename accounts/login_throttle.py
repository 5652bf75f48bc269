"""Login throttling with django-axes: per account and per client address.

Failed sign-ins (a wrong password, or a wrong code, accounts/two_factor.py) are
counted for the account (``NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT``, default 5) and
for the client's address (``NEWSROOM_LOGIN_FAILURES_PER_ADDRESS``, default 20: a
press office may sit behind one address) over ``NEWSROOM_LOGIN_LOCKOUT_MINUTES``
(15). At either limit further attempts are refused, the right password included,
until that time has passed without a new failure, or a superuser unlocks it
(admin → Axes → Access attempts: delete the rows). An unknown user name is
counted and locked exactly like a real one, so the answer never says which
exist. The address is the one our proxies saw (newsroom/proxies.py,
``NEWSROOM_PROXY_COUNT``). Every failure and lockout is logged (logger ``axes``
and ``accounts.login_throttle``).
"""

import logging
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler, with a limit of its own for the address.

    Axes compares one number, the largest failure count among its lockout
    parameters (``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``, in that
    order), with one limit (``AXES_FAILURE_LIMIT``, the account's). The address's
    count is scaled onto it: it reaches the account's limit exactly when it reaches
    its own."""

    def get_failures(self, request, credentials=None):
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_account = settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT
        per_address = settings.NEWSROOM_LOGIN_FAILURES_PER_ADDRESS
        return max(by_account, by_address * per_account // per_address)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful sign-in, forget that account's failures only. Axes'
        own reset would also delete every failure from the same address, whoever
        they were for: signing in to one's own account would wipe an address's
        guesses at other people's passwords."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: 429, in the reader's language, with
    ``Retry-After``; the same for every user name."""
    minutes = settings.NEWSROOM_LOGIN_LOCKOUT_MINUTES
    logger.warning(
        "Sign-in refused (locked out): user name %r from %s",
        get_client_username(request, credentials),
        request.axes_ip_address,
    )
    message = _(
        "Too many failed sign-ins for this account or from this address. Try again in "
        "%(minutes)d minutes, or ask an administrator to unlock it."
    ) % {"minutes": minutes}
    response = TemplateResponse(
        request,
        "newsroom/request_refused.html",
        {"message": message, "title": _("Sign-in locked")},
        status=429,
    )
    response["Retry-After"] = str(math.ceil(minutes * 60))
    return response.render()  # returned by a middleware, after views are rendered
