"""UI strings are translated into French, Dutch and German, and the committed
compiled catalogues match their sources (a fresh machine needs no gettext)."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    for entry in po.translated_entries():
        expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled.get((entry.msgctxt, entry.msgid))
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == expected, f"{language}: {entry.msgid!r} is not compiled; run compilemessages"


@pytest.mark.parametrize(
    "language,expected",
    [("fr", "Communiqués de presse"), ("nl", "Persberichten"), ("de", "Pressemitteilungen")],
)
def test_strings_are_served_translated(language, expected):
    from django.utils import translation

    with translation.override(language):
        assert translation.gettext("Press releases") == expected
