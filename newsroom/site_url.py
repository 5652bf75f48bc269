"""Absolute addresses where there is no request to build them from (e-mails sent by the
worker): this site's address is ``NEWSROOM_SITE_URL``."""

from django.conf import settings


def absolute_url(path):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path
