"""The subscriptions' tasks, run by the worker (``manage.py run_huey``): the
confirmation e-mail of a request, retried with growing delays (30 s, 1, 2, 4, 8 min)
when it fails (the request lives in the queue until it is sent, then nowhere but in
the message), and the hourly purge of the rate limits' marks."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from subscriptions import throttle
from subscriptions.confirmation import SubscriptionRequest
from subscriptions.emails import confirmation_message
from subscriptions.models import Subscriber


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_confirmation(request_data):
    """``request_data``: ``SubscriptionRequest.data()``."""
    asked = SubscriptionRequest.from_data(request_data)
    if asked.is_empty():
        return 0  # what was asked for is no longer public
    subscriber = Subscriber.objects.with_address(asked.email).first()
    confirmation_message(asked, subscriber).send()
    return 1


@db_periodic_task(crontab(minute="7"))
def purge_request_marks():
    """Every hour: the rate limits' marks no limit counts any more (the form purges
    them too, but only when someone sends it)."""
    throttle.purge(timezone.now())
