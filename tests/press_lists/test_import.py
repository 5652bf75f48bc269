"""Press lists: journalists imported from the spreadsheets press offices keep, each
refused row reported with its line and reason, the others saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from press_lists.csv_import import UnreadableFile, import_journalists
from press_lists.models import Journalist, PressList
from tests.conftest import staff_user

pytestmark = pytest.mark.django_db

GOOD_AND_BAD = (
    "name,outlet,email,language,organizations,topics\n"
    "Ann Peeters,De Standaard,Ann.Peeters@Standaard.be,nl,FOD SZ;SOCIEUX+,\n"
    "Marc Dubois,Le Soir,marc.dubois@lesoir.be,FR,,\n"
    "Jan Janssens,VRT,not-an-address,nl,,\n"
    "Sophie Martin,RTBF,sophie@rtbf.be,es,,\n"
    ",Belga,belga@belga.be,fr,,\n"
    "Ann again,De Standaard,ann.peeters@standaard.be,nl,,\n"
    "Piet Claes,Knack,piet@knack.be,nl,Ministère inconnu,\n"
    "\n"
)


def test_good_rows_are_saved_and_each_bad_one_is_reported_with_its_reason(demo):
    press_list = PressList.objects.create(name="Sécurité sociale")
    with translation.override("en"):
        report = import_journalists(GOOD_AND_BAD.encode(), press_list, source="journalistes.csv")
    assert (report.created, report.updated) == (2, 0)
    reasons = dict(report.rejected)
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "“not-an-address” is not an e-mail address" in reasons[4]
    assert "the language must be one of fr, nl, de, en, not “es”" in reasons[5]
    assert "the name is missing" in reasons[6]
    assert "the address is already on line 2" in reasons[7]
    assert "no organization is called “Ministère inconnu”" in reasons[8]
    ann = Journalist.objects.get(email="ann.peeters@standaard.be")  # stored lower-case
    assert ann.language == "nl" and ann.source == "journalistes.csv"
    assert sorted(o.slug_fr for o in ann.organizations.all()) == [
        "socieux",
        "spf-securite-sociale",
    ]
    assert set(press_list.journalists.all()) == set(Journalist.objects.all())
    assert Journalist.objects.get(email="marc.dubois@lesoir.be").language == "fr"


def test_an_excel_export_in_french_with_semicolons_updates_who_is_known(demo):
    Journalist.objects.create(name="Marc", email="marc.dubois@lesoir.be", language="nl")
    excel = (
        "Nom;Média;Courriel;Langue;Organisations\r\n"
        "Marc Dubois;Le Soir;Marc.Dubois@lesoir.be;fr;"
        "Service public fédéral Sécurité sociale, socieux\r\n"
    ).encode("utf-8-sig")
    report = import_journalists(excel)
    assert (report.created, report.updated, report.rejected) == (0, 1, [])
    marc = Journalist.objects.get()
    assert (marc.name, marc.outlet, marc.language) == ("Marc Dubois", "Le Soir", "fr")
    assert marc.organizations.count() == 2
    windows = "name;email\r\nJosé Müller;jose@example.be\r\n".encode("cp1252")
    assert import_journalists(windows).created == 1
    assert Journalist.objects.get(email="jose@example.be").name == "José Müller"


def test_a_file_without_the_needed_columns_saves_nothing():
    with translation.override("en"), pytest.raises(UnreadableFile, match="missing: email"):
        import_journalists(b"name,outlet\nAnn,De Standaard\n")
    with pytest.raises(UnreadableFile):
        import_journalists(b"")
    assert not Journalist.objects.exists()


def test_editors_import_from_the_admin_and_read_the_report(client, demo):
    client.force_login(staff_user("ed", "Editors"))
    url = reverse("admin:press_lists_journalist_import")
    changelist = client.get(reverse("admin:press_lists_journalist_changelist"))
    assert url in changelist.content.decode()
    upload = SimpleUploadedFile("liste.csv", GOOD_AND_BAD.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 ajoutés, 0 mis à jour, 5 refusés." in html
    assert "<td>4</td><td>« not-an-address » n’est pas une adresse e-mail</td>" in html
    assert Journalist.objects.count() == 2
    assert Journalist.objects.first().source == "importé de liste.csv"
    bad = SimpleUploadedFile("liste.csv", b"foo,bar\n1,2\n", content_type="text/csv")
    response = client.post(url, {"file": bad}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "manquantes : name, email" in response.content.decode()


def test_press_officers_see_no_journalists(client, demo):
    client.force_login(staff_user("officer", "Press officers"))
    assert client.get(reverse("admin:press_lists_journalist_changelist")).status_code == 403
    assert client.get(reverse("admin:press_lists_journalist_import")).status_code == 403


def test_a_file_without_outlet_or_language_keeps_what_is_known(demo):
    Journalist.objects.create(
        name="Ann", outlet="De Standaard", email="ann@standaard.be", language="nl"
    )
    report = import_journalists(b"name,email\nAnn Peeters,ann@standaard.be\n")
    assert report.updated == 1
    ann = Journalist.objects.get()
    assert (ann.name, ann.outlet, ann.language) == ("Ann Peeters", "De Standaard", "nl")


def test_a_file_that_breaks_the_csv_reader_saves_nothing():
    huge = "x" * 200_000  # beyond the csv module's field limit
    data = f"name,email\nAnn,ann@example.be\n{huge},b@example.be\n".encode()
    with translation.override("en"), pytest.raises(UnreadableFile, match="cannot be read"):
        import_journalists(data)
    assert not Journalist.objects.exists()
