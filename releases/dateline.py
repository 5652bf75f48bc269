"""The dateline: where and when a release is issued, as the press writes it.

"Bruxelles, le 30 mai 2017", "Brussel, 30 mei 2017", "Brüssel, 30. Mai 2017",
"Brussels, 30 May 2017": the place is the release's own (a translated field), the date
its publication day in Brussels, written in the same language as the texts around it.
A place missing in that language is taken from the original language (a place name,
better than no place); a release not scheduled yet has no dateline."""

from django.utils import dateformat, translation
from django.utils.timezone import localtime
from django.utils.translation import pgettext

from newsroom.languages import localized


def dateline(release, language):
    if release.publish_at is None:
        return ""
    place = (
        localized(release, "dateline_place", language)
        or localized(release, "dateline_place", release.original_language)
        or ""
    ).strip()
    day = localtime(release.publish_at)
    with translation.override(language):
        if day.day == 1:  # "le 1er juin" in French
            date_format = pgettext("dateline, the first day of a month", "j F Y")
        else:
            date_format = pgettext("dateline", "j F Y")
        date = dateformat.format(day, date_format)
        if not place:
            return date
        return pgettext("dateline", "%(place)s, %(date)s") % {"place": place, "date": date}
