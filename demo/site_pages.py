"""The demo's site pages: the accessibility statement, the privacy notice, the legal
notice and the contact page, in French, Dutch and English (German readers get the
French original, marked as such). Every fact the newsroom cannot know (addresses,
names, dates of an audit, retention of the server's logs) is a placeholder, marked
in the text of each language; what the software itself keeps is stated as
docs/subscriptions.md describes it."""

import datetime

from newsroom.languages import translated
from site_pages.models import SitePage

PLACEHOLDER = {
    "fr": "[Exemple — à compléter par le service de presse]",
    "nl": "[Voorbeeld — in te vullen door de persdienst]",
    "en": "[Placeholder — to be completed by the press office]",
}


def _html(language, *paragraphs):
    """The placeholder notice, then the paragraphs (HTML)."""
    return f"<p><strong>{PLACEHOLDER[language]}</strong></p>" + "".join(paragraphs)


ACCESSIBILITY = {
    "kind": SitePage.Kind.ACCESSIBILITY,
    "conformance": SitePage.Conformance.PARTIAL,
    "assessment": SitePage.Assessment.SELF,
    "prepared_on": datetime.date(2025, 1, 15),
    "reviewed_on": datetime.date(2025, 6, 30),
    "title": {
        "fr": "Déclaration d'accessibilité",
        "nl": "Toegankelijkheidsverklaring",
        "en": "Accessibility statement",
    },
    "body": {
        "fr": _html(
            "fr",
            "<p>Les contenus suivants ne sont pas accessibles :</p>",
            "<ul><li>certains documents PDF joints aux communiqués (par exemple le "
            "programme d'un événement) n'ont pas de structure de titres ni de texte "
            "alternatif pour leurs images ;</li>"
            "<li>les vidéos publiées avant 2020 n'ont pas de sous-titres.</li></ul>",
            "<p>Nous les remplaçons par des versions accessibles à leur prochaine mise à "
            "jour ; une version accessible est envoyée sur demande.</p>",
        ),
        "nl": _html(
            "nl",
            "<p>De volgende inhoud is niet toegankelijk:</p>",
            "<ul><li>sommige pdf-documenten bij persberichten (bijvoorbeeld het programma "
            "van een evenement) hebben geen structuur van titels en geen alternatieve "
            "tekst voor hun afbeeldingen;</li>"
            "<li>video's van vóór 2020 hebben geen ondertitels.</li></ul>",
            "<p>We vervangen ze bij hun volgende bijwerking door toegankelijke versies; "
            "een toegankelijke versie wordt op verzoek toegestuurd.</p>",
        ),
        "en": _html(
            "en",
            "<p>The following content is not accessible:</p>",
            "<ul><li>some PDF documents attached to press releases (for example an "
            "event's programme) have no heading structure and no text alternatives for "
            "their images;</li>"
            "<li>videos published before 2020 have no captions.</li></ul>",
            "<p>We replace them with accessible versions when they are next updated; an "
            "accessible version is sent on request.</p>",
        ),
    },
    "feedback": {
        "fr": _html(
            "fr",
            "<p>Vous rencontrez un problème d'accessibilité, ou vous souhaitez recevoir un "
            "contenu sous une autre forme ? Écrivez-nous à "
            '<a href="mailto:accessibilite@securite-sociale.example">'
            "accessibilite@securite-sociale.example</a> ou appelez le +32 2 000 00 00. "
            "Nous répondons dans les 10 jours ouvrables.</p>",
        ),
        "nl": _html(
            "nl",
            "<p>Ondervindt u een toegankelijkheidsprobleem, of wilt u inhoud in een andere "
            "vorm ontvangen? Schrijf naar "
            '<a href="mailto:toegankelijkheid@sociale-zekerheid.example">'
            "toegankelijkheid@sociale-zekerheid.example</a> of bel +32 2 000 00 00. "
            "We antwoorden binnen 10 werkdagen.</p>",
        ),
        "en": _html(
            "en",
            "<p>Have you found an accessibility problem, or do you need content in another "
            "format? Write to "
            '<a href="mailto:accessibility@social-security.example">'
            "accessibility@social-security.example</a> or call +32 2 000 00 00. "
            "We answer within 10 working days.</p>",
        ),
    },
    "enforcement": {
        "fr": _html(
            "fr",
            "<p>Si notre réponse ne vous satisfait pas, vous pouvez introduire une plainte "
            "auprès du Médiateur fédéral : "
            '<a href="https://www.mediateurfederal.be">www.mediateurfederal.be</a>.</p>',
        ),
        "nl": _html(
            "nl",
            "<p>Bent u niet tevreden met ons antwoord, dan kunt u een klacht indienen bij "
            "de Federale Ombudsman: "
            '<a href="https://www.federaalombudsman.be">www.federaalombudsman.be</a>.</p>',
        ),
        "en": _html(
            "en",
            "<p>If our answer does not satisfy you, you may lodge a complaint with the "
            "Federal Ombudsman: "
            '<a href="https://www.federaalombudsman.be">www.federaalombudsman.be</a>.</p>',
        ),
    },
}

PRIVACY = {
    "kind": SitePage.Kind.PRIVACY,
    "reviewed_on": datetime.date(2025, 6, 30),
    "title": {
        "fr": "Protection de la vie privée",
        "nl": "Privacyverklaring",
        "en": "Privacy notice",
    },
    "body": {
        "fr": _html(
            "fr",
            "<h2>Responsable du traitement</h2>",
            "<p>Le Service public fédéral Sécurité sociale, [adresse]. Délégué à la "
            "protection des données : [adresse e-mail].</p>",
            "<h2>Visiter le site</h2>",
            "<p>Le site ne dépose aucun cookie chez ses visiteurs et ne mesure pas leur "
            "audience. Le serveur web note chaque requête (l'adresse IP, la page demandée, "
            "l'heure) dans son journal, pour la sécurité du service ; ce journal est "
            "conservé [durée] jours.</p>",
            "<h2>Recevoir les communiqués par e-mail</h2>",
            "<p>Une demande d'abonnement n'est enregistrée qu'une fois confirmée par le "
            "lien envoyé par e-mail, valable 7 jours. Nous gardons alors votre adresse "
            "e-mail, votre langue, vos choix (tous les communiqués, des organisations, des "
            "personnalités, des thèmes), quand votre consentement a été demandé et donné, "
            "et sur quelle page, ainsi que la liste des messages qui vous ont été "
            "envoyés. Ces données sont gardées jusqu'à votre désabonnement. Pour limiter "
            "les abus, le formulaire garde au plus un jour (et une heure) une empreinte "
            "(un hachage à clé) de l'adresse e-mail et de l'adresse IP, jamais ces "
            "adresses elles-mêmes. Base légale : votre "
            "consentement, que vous pouvez retirer à tout moment par le lien présent dans "
            "chaque message.</p>",
            "<h2>Vos droits</h2>",
            "<p>Vous pouvez consulter, rectifier, exporter et supprimer vos données depuis "
            "la page de vos préférences, et vous opposer à leur traitement ou en demander "
            "la limitation en nous écrivant. Vous pouvez introduire une plainte auprès de "
            "l'Autorité de protection des données : "
            '<a href="https://www.autoriteprotectiondonnees.be">'
            "www.autoriteprotectiondonnees.be</a>.</p>",
        ),
        "nl": _html(
            "nl",
            "<h2>Verwerkingsverantwoordelijke</h2>",
            "<p>De Federale Overheidsdienst Sociale Zekerheid, [adres]. Functionaris voor "
            "gegevensbescherming: [e-mailadres].</p>",
            "<h2>De website bezoeken</h2>",
            "<p>De website plaatst geen cookies bij bezoekers en meet hun bezoek niet. De "
            "webserver noteert elk verzoek (het IP-adres, de gevraagde pagina, het uur) in "
            "zijn logboek, voor de beveiliging van de dienst; dat logboek wordt [duur] "
            "dagen bewaard.</p>",
            "<h2>De persberichten per e-mail ontvangen</h2>",
            "<p>Een inschrijving wordt pas opgeslagen als ze bevestigd is met de link in de "
            "e-mail, die 7 dagen geldig is. We bewaren dan uw e-mailadres, uw taal, uw "
            "keuzes (alle persberichten, organisaties, personen, thema's), wanneer uw "
            "toestemming werd gevraagd en gegeven en op welke pagina, en de lijst van de "
            "berichten die u werden gestuurd. Die gegevens worden bewaard tot u zich "
            "uitschrijft. Tegen misbruik bewaart het formulier hoogstens een dag (en een "
            "uur) een vingerafdruk (een hash met sleutel) van het e-mailadres en het "
            "IP-adres, nooit de adressen zelf. "
            "Rechtsgrond: uw toestemming, die u altijd kunt intrekken met de link in elk "
            "bericht.</p>",
            "<h2>Uw rechten</h2>",
            "<p>U kunt uw gegevens inzien, verbeteren, exporteren en wissen op de pagina "
            "van uw voorkeuren, en u kunt zich tegen de verwerking verzetten of de "
            "beperking ervan vragen door ons te schrijven. U kunt een klacht indienen bij "
            "de Gegevensbeschermingsautoriteit: "
            '<a href="https://www.gegevensbeschermingsautoriteit.be">'
            "www.gegevensbeschermingsautoriteit.be</a>.</p>",
        ),
        "en": _html(
            "en",
            "<h2>Data controller</h2>",
            "<p>The Federal Public Service Social Security, [address]. Data protection "
            "officer: [e-mail address].</p>",
            "<h2>Visiting the site</h2>",
            "<p>The site sets no cookie on its visitors' devices and does not measure their "
            "visits. The web server writes each request (the IP address, the page asked "
            "for, the time) in its log, for the security of the service; the log is kept "
            "for [number] days.</p>",
            "<h2>Receiving the press releases by e-mail</h2>",
            "<p>A subscription is stored only once it is confirmed by the link sent by "
            "e-mail, valid for 7 days. We then keep your e-mail address, your language, "
            "your choices (all press releases, organizations, officials, topics), when "
            "your consent was asked and given and on which page, and the list of the "
            "messages sent to you. They are kept until you unsubscribe. Against abuse, the "
            "form keeps a keyed hash of the e-mail address and of the IP address, never the "
            "addresses themselves, for a day (and an hour) at most. Legal basis: your "
            "consent, which you may withdraw at any time with the link in every message.</p>",
            "<h2>Your rights</h2>",
            "<p>You may see, correct, export and delete your data on your preferences "
            "page, and object to its processing or ask for its restriction by writing to "
            "us. You may lodge a complaint with the Data Protection Authority: "
            '<a href="https://www.dataprotectionauthority.be">'
            "www.dataprotectionauthority.be</a>.</p>",
        ),
    },
}

LEGAL = {
    "kind": SitePage.Kind.LEGAL,
    "reviewed_on": datetime.date(2025, 6, 30),
    "title": {"fr": "Mentions légales", "nl": "Juridische informatie", "en": "Legal notice"},
    "body": {
        "fr": _html(
            "fr",
            "<h2>Éditeur</h2>",
            "<p>Service public fédéral Sécurité sociale, [adresse], numéro d'entreprise "
            "[numéro]. Éditeur responsable : [nom, fonction].</p>",
            "<h2>Hébergement</h2><p>[Nom et adresse de l'hébergeur].</p>",
            "<h2>Réutilisation</h2>",
            "<p>Les communiqués de presse peuvent être reproduits librement, avec mention "
            "de la source. Les photos restent soumises aux droits de leurs auteurs, "
            "indiqués dans leur légende.</p>",
        ),
        "nl": _html(
            "nl",
            "<h2>Uitgever</h2>",
            "<p>Federale Overheidsdienst Sociale Zekerheid, [adres], ondernemingsnummer "
            "[nummer]. Verantwoordelijke uitgever: [naam, functie].</p>",
            "<h2>Hosting</h2><p>[Naam en adres van de hostingprovider].</p>",
            "<h2>Hergebruik</h2>",
            "<p>Persberichten mogen vrij worden overgenomen, met vermelding van de bron. "
            "Op foto's blijven de rechten van hun makers gelden, vermeld in hun "
            "onderschrift.</p>",
        ),
        "en": _html(
            "en",
            "<h2>Publisher</h2>",
            "<p>Federal Public Service Social Security, [address], enterprise number "
            "[number]. Responsible editor: [name, function].</p>",
            "<h2>Hosting</h2><p>[Name and address of the host].</p>",
            "<h2>Reuse</h2>",
            "<p>Press releases may be reproduced freely, with their source. Photographs "
            "remain under their authors' rights, given in their captions.</p>",
        ),
    },
}

CONTACT = {
    "kind": SitePage.Kind.CONTACT,
    "title": {
        "fr": "Contacter le service de presse",
        "nl": "Contact met de persdienst",
        "en": "Contact the press office",
    },
    "body": {
        "fr": _html(
            "fr",
            "<h2>Service de presse</h2>",
            "<p>Pour les journalistes : +32 2 000 00 00, "
            '<a href="mailto:presse@securite-sociale.example">'
            "presse@securite-sociale.example</a>, les jours ouvrables de 9 h à 17 h.</p>",
            "<h2>Autres questions</h2>",
            "<p>[Adresse postale et formulaire de contact du SPF].</p>",
        ),
        "nl": _html(
            "nl",
            "<h2>Persdienst</h2>",
            "<p>Voor journalisten: +32 2 000 00 00, "
            '<a href="mailto:pers@sociale-zekerheid.example">'
            "pers@sociale-zekerheid.example</a>, op werkdagen van 9 tot 17 uur.</p>",
            "<h2>Andere vragen</h2>",
            "<p>[Postadres en contactformulier van de FOD].</p>",
        ),
        "en": _html(
            "en",
            "<h2>Press office</h2>",
            "<p>For journalists: +32 2 000 00 00, "
            '<a href="mailto:press@social-security.example">'
            "press@social-security.example</a>, working days from 9:00 to 17:00.</p>",
            "<h2>Other questions</h2>",
            "<p>[Postal address and contact form of the FPS].</p>",
        ),
    },
}

PAGES = [ACCESSIBILITY, PRIVACY, LEGAL, CONTACT]
TRANSLATED = ("title", "body", "feedback", "enforcement")


def load():
    """Each page whose kind has none yet (an editor's own page is never replaced);
    returns how many were made."""
    created = 0
    existing = set(SitePage.objects.values_list("kind", flat=True))
    for data in PAGES:
        if data["kind"] in existing:
            continue
        fields = {key: value for key, value in data.items() if key not in TRANSLATED}
        for field in TRANSLATED:
            if field in data:
                fields.update(translated(field, data[field]))
        page = SitePage(original_language="fr", **fields)
        page.full_clean()
        page.save()
        created += 1
    return created
