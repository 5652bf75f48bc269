"""The demo newsroom's identity: the SPF Sécurité sociale's press office
(``load_demo`` sets it while the identity is still the neutral one)."""

IDENTITY = {
    "name": {
        "fr": "Salle de presse du SPF Sécurité sociale",
        "nl": "Perskamer van de FOD Sociale Zekerheid",
        "de": "Pressebereich des FÖD Soziale Sicherheit",
        "en": "FPS Social Security newsroom",
    },
    "publisher": {
        "fr": "Service public fédéral Sécurité sociale",
        "nl": "Federale Overheidsdienst Sociale Zekerheid",
        "de": "Föderaler Öffentlicher Dienst Soziale Sicherheit",
        "en": "Belgian Federal Public Service Social Security",
    },
    "publisher_url": {
        "fr": "https://socialsecurity.belgium.be/fr",
        "nl": "https://socialsecurity.belgium.be/nl",
        "de": "https://socialsecurity.belgium.be/de",
        "en": "https://socialsecurity.belgium.be/en",
    },
    "description": {
        "fr": "Communiqués de presse et événements du Service public fédéral Sécurité "
        "sociale de Belgique.",
        "nl": "Persberichten en evenementen van de Belgische Federale Overheidsdienst "
        "Sociale Zekerheid.",
        "de": "Pressemitteilungen und Veranstaltungen des belgischen Föderalen Öffentlichen "
        "Dienstes Soziale Sicherheit.",
        "en": "Press releases and events of the Belgian Federal Public Service Social Security.",
    },
    "contact": {
        "fr": "Service de presse : +32 2 000 00 00 · presse@securite-sociale.example",
        "nl": "Persdienst: +32 2 000 00 00 · pers@sociale-zekerheid.example",
        "de": "Pressestelle: +32 2 000 00 00 · presse@soziale-sicherheit.example",
        "en": "Press office: +32 2 000 00 00 · press@social-security.example",
    },
}

# The accessibility statement, privacy notice, legal notice and contact page are the
# newsroom's own pages (site_pages/), linked from every footer: not repeated here.
FOOTER_LINKS = [
    {
        "label": {"fr": "Belgium.be", "nl": "Belgium.be", "de": "Belgium.be", "en": "Belgium.be"},
        "url": {code: f"https://www.belgium.be/{code}" for code in ("fr", "nl", "de", "en")},
    },
]
