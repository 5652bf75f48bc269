import pytest

from newsroom.richtext import sanitize_html

HOSTILE = (
    '<h2 onclick="x()">Titre</h2>'
    "<script>alert('xss')</script>"
    '<p style="color:red">Texte <a href="javascript:alert(1)">piège</a> '
    '<a href="https://www.belincosoc.be/" target="_blank">BELINCOSOC</a> '
    '<a href="mailto:presse@example.be">presse</a></p>'
    '<img src="https://evil.example/track.gif" onerror="alert(1)">'
    '<img src="/media/uploads/photo.jpg" alt="Photo">'
    '<iframe src="https://evil.example"></iframe>'
    "<style>body{display:none}</style>"
    '<form action="https://evil.example"><input name="x"></form>'
    '<!-- comment --><table><tr><td colspan="2">cellule</td></tr></table>'
    '<svg><script>alert(1)</script></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>'
)


def test_sanitiser_keeps_the_allowed_markup_and_drops_the_rest():
    clean = sanitize_html(HOSTILE)
    for forbidden in (
        "script",
        "onclick",
        "onerror",
        "javascript:",
        "style",
        "iframe",
        "form",
        "input",
        "evil.example",
        "comment",
        "svg",
        "math",
        "target=",
    ):
        assert forbidden not in clean
    assert "<h2>Titre</h2>" in clean
    assert '<a href="https://www.belincosoc.be/" rel="noopener noreferrer">BELINCOSOC</a>' in clean
    assert 'href="mailto:presse@example.be"' in clean
    assert '<img src="/media/uploads/photo.jpg" alt="Photo">' in clean
    assert '<td colspan="2">cellule</td>' in clean


def test_srcset_is_kept_only_for_our_own_media():
    own = (
        '<img src="/media/images/k/1024.jpg" srcset="/media/images/k/320.jpg 320w, '
        '/media/images/k/640.jpg 640w" sizes="100vw" alt="x" width="1024" height="683">'
    )
    assert sanitize_html(own) == own
    mixed = '<img src="/media/images/k/1024.jpg" srcset="https://evil.example/t.gif 1w">'
    assert "srcset" not in sanitize_html(mixed) and "evil" not in sanitize_html(mixed)


def test_sanitising_twice_changes_nothing():
    once = sanitize_html(HOSTILE)
    assert sanitize_html(once) == once


@pytest.mark.django_db
def test_every_language_column_is_cleaned_on_save(make_release):
    release = make_release(body_fr=HOSTILE, body_nl="<p>ok<script>x</script></p>")
    release.refresh_from_db()
    assert "<script" not in release.body_fr
    assert release.body_nl == "<p>ok</p>"
    assert release.body_de is None
