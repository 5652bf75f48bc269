"""When an item last changed *for the readers of a language*: its publication, or a
later change of the texts they read (the item's and its parts', in that language).

A correction of the French leaves the Dutch page as it was approved until the Dutch is
updated: the Dutch feed entry, sitemap URL (and the API, issue 18) keep their date
until then. Items saved before tracking began (no rows) keep their own last-modified
date, the only thing known of them."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from translations.models import FieldTranslation


def last_changes(model, pks, undated=()):
    """``{(pk, language): when}``: the last change of each item's texts (with its
    parts, but those of the ``undated`` models: parts dated by themselves, such as a
    correction) in each language, ``(pk, "")`` of what it says in every language (an
    event's date), and ``(pk, None)`` of anything. One query."""
    rows = FieldTranslation.objects.filter(
        owner_type=ContentType.objects.get_for_model(model),
        owner_id__in=list(pks),
        changed_at__isnull=False,
    )
    if undated:
        rows = rows.exclude(
            content_type__in=[ContentType.objects.get_for_model(m) for m in undated]
        )
    rows = rows.values("owner_id", "language").annotate(at=Max("changed_at")).order_by()
    changes = {}
    for row in rows:
        changes[(row["owner_id"], row["language"])] = row["at"]
        known = changes.get((row["owner_id"], None))
        changes[(row["owner_id"], None)] = max(row["at"], known) if known else row["at"]
    return changes


def updated_in(item, language, changes, untracked=None, also=()):
    """When ``item`` last changed for a reader of ``language``: its publication, the
    last change of the texts in ``language`` (``changes``, from ``last_changes``), or
    one of the dates ``also`` (a correction shown in that language); ``untracked`` for
    an item with no rows at all."""
    published = getattr(item, "publish_at", None)
    if (item.pk, None) not in changes:
        return untracked or published
    dates = [published, changes.get((item.pk, language)), changes.get((item.pk, "")), *also]
    return max((date for date in dates if date), default=None)
