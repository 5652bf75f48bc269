"""Full-text search for the lists: the website's search (search/query.py), whose
matches are only ever live items."""

from django.conf import settings

from search.query import clean_query, search


def matching_ids(text, language, filters, kind):
    """Ids of the items of ``kind`` ("release", "event") matching ``text`` for a
    reader of ``language``, or of any language when None. At most the search's cap
    per language (its ``MAX_MATCHES`` most recent)."""
    text = clean_query(text)
    if not text:
        return []
    languages = [language] if language else [code for code, _name in settings.LANGUAGES]
    column = f"{kind}_id"
    ids = set()
    for code in languages:
        matches = search(text, code, filters, kind)
        ids.update(matches.documents.values_list(column, flat=True))
    ids.discard(None)
    return sorted(ids)
