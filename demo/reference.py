"""Reference data for the demo: the organizations, officials, roles and topics
named in the communiqué of 30 May 2017 (see ``content.py`` for its text).

Appointment dates are those of the Michel and De Croo governments and of the
Juncker Commission. Press contact details are fictitious (``.example``).
"""

ORGANIZATIONS = [
    {
        "key": "spf-securite-sociale",
        "kind": "fps",
        "parent": None,
        "website": "https://socialsecurity.belgium.be/",
        "name": {
            "fr": "Service public fédéral Sécurité sociale",
            "nl": "Federale Overheidsdienst Sociale Zekerheid",
            "de": "Föderaler Öffentlicher Dienst Soziale Sicherheit",
            "en": "Federal Public Service Social Security",
        },
        "acronym": {"fr": "SPF SS", "nl": "FOD SZ", "de": "FÖD SS", "en": "FPS SS"},
        "slug": {
            "fr": "spf-securite-sociale",
            "nl": "fod-sociale-zekerheid",
            "de": "foed-soziale-sicherheit",
            "en": "fps-social-security",
        },
        "description": {
            "fr": "Le SPF Sécurité sociale prépare et suit la politique de sécurité sociale "
            "en Belgique.",
            "nl": "De FOD Sociale Zekerheid bereidt het socialezekerheidsbeleid in België "
            "voor en volgt het op.",
            "de": "Der FÖD Soziale Sicherheit bereitet die Politik der sozialen Sicherheit "
            "in Belgien vor und begleitet sie.",
            "en": "The FPS Social Security prepares and monitors social security policy "
            "in Belgium.",
        },
    },
    {
        "key": "belincosoc",
        "kind": "platform",
        "parent": "spf-securite-sociale",
        "website": "https://www.belincosoc.be/",
        "name": {
            code: "Belgian International Cooperation on Social Protection"
            for code in ("fr", "nl", "de", "en")
        },
        "acronym": {code: "BELINCOSOC" for code in ("fr", "nl", "de", "en")},
        "slug": {code: "belincosoc" for code in ("fr", "nl", "de", "en")},
        "description": {
            "fr": "Plateforme du SPF Sécurité sociale qui soutient, depuis 2013, des pays "
            "partenaires dans le développement de leur système de sécurité sociale.",
            "nl": "Platform van de FOD Sociale Zekerheid dat sinds 2013 partnerlanden "
            "ondersteunt bij de uitbouw van hun socialezekerheidsstelsel.",
            "de": "Plattform des FÖD Soziale Sicherheit, die seit 2013 Partnerländer beim "
            "Aufbau ihres Systems der sozialen Sicherheit unterstützt.",
            "en": "Platform of the FPS Social Security that has supported partner countries "
            "in developing their social security systems since 2013.",
        },
    },
    {
        "key": "socieux",
        "kind": "eu_programme",
        "parent": None,
        "website": "https://socieux.eu/",
        "name": {
            "fr": "Centre d’expertise de l’UE pour la protection sociale, le travail et l’emploi",
            "nl": "EU-expertisecentrum voor sociale bescherming, arbeid en werkgelegenheid",
            "de": "EU-Expertisezentrum für sozialen Schutz, Arbeit und Beschäftigung",
            "en": "EU Expertise Facility for Social Protection, Labour and Employment",
        },
        "acronym": {code: "SOCIEUX+" for code in ("fr", "nl", "de", "en")},
        "slug": {code: "socieux" for code in ("fr", "nl", "de", "en")},
        # The seed's words: an EU facility, « une collaboration européenne ».
        "description": {
            "fr": "Collaboration européenne qui soutient des pays partenaires dans le "
            "développement, la gestion et le suivi de leur système de sécurité sociale et "
            "de leur politique d’emploi.",
            "nl": "Europese samenwerking die partnerlanden ondersteunt bij de uitbouw, het "
            "beheer en de opvolging van hun socialezekerheidsstelsel en werkgelegenheidsbeleid.",
            "de": "Europäische Zusammenarbeit, die Partnerländer bei Aufbau, Verwaltung und "
            "Begleitung ihres Systems der sozialen Sicherheit und ihrer Beschäftigungspolitik "
            "unterstützt.",
            "en": "A European collaboration that supports partner countries in developing, "
            "managing and monitoring their social security systems and employment policies.",
        },
    },
    {
        "key": "commission-europeenne",
        "kind": "eu_institution",
        "parent": None,
        "website": "https://commission.europa.eu/",
        "name": {
            "fr": "Commission européenne",
            "nl": "Europese Commissie",
            "de": "Europäische Kommission",
            "en": "European Commission",
        },
        "acronym": {},
        "slug": {
            "fr": "commission-europeenne",
            "nl": "europese-commissie",
            "de": "europaeische-kommission",
            "en": "european-commission",
        },
        "description": {},
    },
    {
        "key": "ctb",
        "kind": "agency",
        "parent": None,
        "website": "https://www.enabel.be/",
        "name": {
            "fr": "Agence belge de développement",
            "nl": "Belgisch Ontwikkelingsagentschap",
            "de": "Belgische Entwicklungsagentur",
            "en": "Belgian Development Agency",
        },
        "acronym": {"fr": "CTB", "nl": "BTC", "de": "BTC", "en": "BTC"},
        "slug": {
            "fr": "agence-belge-de-developpement",
            "nl": "belgisch-ontwikkelingsagentschap",
            "de": "belgische-entwicklungsagentur",
            "en": "belgian-development-agency",
        },
        # Its name on 30 May 2017 (the seed's « Agence belge de développement (CTB) »);
        # outside the seed: it has been called Enabel since 1 January 2018.
        "description": {
            "fr": "L’agence belge de développement, appelée Enabel depuis 2018.",
            "nl": "Het Belgische ontwikkelingsagentschap, sinds 2018 Enabel genoemd.",
            "de": "Die belgische Entwicklungsagentur, seit 2018 Enabel genannt.",
            "en": "The Belgian development agency, called Enabel since 2018.",
        },
    },
    {
        "key": "gouvernement-federal",
        "kind": "government",
        "parent": None,
        "website": "https://www.belgium.be/",
        "name": {
            "fr": "Gouvernement fédéral",
            "nl": "Federale Regering",
            "de": "Föderalregierung",
            "en": "Federal Government",
        },
        "acronym": {},
        "slug": {
            "fr": "gouvernement-federal",
            "nl": "federale-regering",
            "de": "foederalregierung",
            "en": "federal-government",
        },
        "description": {},
    },
]

PEOPLE = [
    {
        "slug": "maggie-de-block",
        "first_name": "Maggie",
        "last_name": "De Block",
        "bio": {
            "fr": "Médecin généraliste, ministre des Affaires sociales et de la Santé publique "
            "de 2014 à 2020.",
            "nl": "Huisarts, minister van Sociale Zaken en Volksgezondheid van 2014 tot 2020.",
            "de": "Allgemeinärztin, Ministerin für Soziales und Volksgesundheit von 2014 bis 2020.",
            "en": "General practitioner, Minister of Social Affairs and Public Health from "
            "2014 to 2020.",
        },
    },
    {
        "slug": "alexander-de-croo",
        "first_name": "Alexander",
        "last_name": "De Croo",
        "bio": {
            "fr": "Ministre de la Coopération au développement de 2014 à 2020, puis Premier "
            "ministre.",
            "nl": "Minister van Ontwikkelingssamenwerking van 2014 tot 2020, daarna eerste "
            "minister.",
            "de": "Minister für Entwicklungszusammenarbeit von 2014 bis 2020, danach "
            "Premierminister.",
            "en": "Minister of Development Cooperation from 2014 to 2020, then Prime Minister.",
        },
    },
    {
        "slug": "neven-mimica",
        "first_name": "Neven",
        "last_name": "Mimica",
        "bio": {
            "fr": "Commissaire européen pour la Coopération internationale et le "
            "Développement de 2014 à 2019.",
            "nl": "Europees commissaris voor Internationale Samenwerking en Ontwikkeling van "
            "2014 tot 2019.",
            "de": "EU-Kommissar für internationale Zusammenarbeit und Entwicklung von 2014 "
            "bis 2019.",
            "en": "European Commissioner for International Cooperation and Development from "
            "2014 to 2019.",
        },
    },
]

ROLES = [
    {
        "key": "social-affairs",
        "organization": "gouvernement-federal",
        "title": {
            "fr": "Ministre des Affaires sociales et de la Santé publique",
            "nl": "Minister van Sociale Zaken en Volksgezondheid",
            "de": "Minister für Soziales und Volksgesundheit",
            "en": "Minister of Social Affairs and Public Health",
        },
    },
    {
        "key": "development-cooperation",
        "organization": "gouvernement-federal",
        "title": {
            "fr": "Ministre de la Coopération au développement",
            "nl": "Minister van Ontwikkelingssamenwerking",
            "de": "Minister für Entwicklungszusammenarbeit",
            "en": "Minister of Development Cooperation",
        },
    },
    {
        "key": "prime-minister",
        "organization": "gouvernement-federal",
        "title": {
            "fr": "Premier ministre",
            "nl": "Eerste minister",
            "de": "Premierminister",
            "en": "Prime Minister",
        },
    },
    {
        "key": "commissioner-development",
        "organization": "commission-europeenne",
        "title": {
            "fr": "Commissaire européen pour la Coopération internationale et le Développement",
            "nl": "Europees commissaris voor Internationale Samenwerking en Ontwikkeling",
            "de": "EU-Kommissar für internationale Zusammenarbeit und Entwicklung",
            "en": "European Commissioner for International Cooperation and Development",
        },
    },
]

# (person, role, started_on, ended_on)
APPOINTMENTS = [
    ("maggie-de-block", "social-affairs", "2014-10-11", "2020-09-30"),
    ("alexander-de-croo", "development-cooperation", "2014-10-11", "2020-09-30"),
    ("alexander-de-croo", "prime-minister", "2020-10-01", "2025-02-02"),
    ("neven-mimica", "commissioner-development", "2014-11-01", "2019-11-30"),
]

# Speakers of the demo release's quotes: their appointment on 30 May 2017.
SPEAKERS = {
    "de-block": ("maggie-de-block", "social-affairs"),
    "de-croo": ("alexander-de-croo", "development-cooperation"),
}

TOPICS = [
    {
        "fr": "Objectifs de développement durable",
        "nl": "Duurzameontwikkelingsdoelstellingen",
        "de": "Ziele für nachhaltige Entwicklung",
        "en": "Sustainable Development Goals",
    },
    {
        "fr": "Protection sociale",
        "nl": "Sociale bescherming",
        "de": "Sozialer Schutz",
        "en": "Social protection",
    },
    {
        "fr": "Coopération internationale",
        "nl": "Internationale samenwerking",
        "de": "Internationale Zusammenarbeit",
        "en": "International cooperation",
    },
]

PRESS_CONTACT = {
    "name": "Service Communication",
    "function": {
        "fr": "Service de presse du SPF Sécurité sociale",
        "nl": "Persdienst van de FOD Sociale Zekerheid",
        "de": "Pressedienst des FÖD Soziale Sicherheit",
        "en": "Press office of the FPS Social Security",
    },
    "organization": "spf-securite-sociale",
    "email": "press@socialsecurity.example",
    "phone": "+32 2 000 00 00",
    "languages": "FR, NL, EN",
}

RELEASE_SLUGS = {
    "fr": "spf-securite-sociale-soutient-socieux",
    "nl": "fod-sociale-zekerheid-steunt-socieux",
    "en": "fps-social-security-supports-socieux",
}
RELEASE_RELATED_ORGANIZATIONS = ["belincosoc", "socieux", "ctb", "commission-europeenne"]
EVENT_SLUGS = {
    "fr": "conference-socieux-protection-sociale-2017",
    "nl": "conferentie-socieux-sociale-bescherming-2017",
    "en": "socieux-conference-social-protection-2017",
}
EVENT_ORGANIZERS = ["socieux", "spf-securite-sociale"]
EVENT_SPEAKERS = [
    ("maggie-de-block", "social-affairs"),
    ("alexander-de-croo", "development-cooperation"),
    ("neven-mimica", "commissioner-development"),
]

#: Relations between the organizations besides "part of" (each organization's
#: ``parent``: BELINCOSOC is part of the SPF). A date stands for the year the seed
#: gives ("since 2016": the pages show the year only).
RELATIONS = [
    # The seed: « Depuis 2016, le SPF Sécurité sociale héberge et finance conjointement
    # SOCIEUX+ par le biais de sa plateforme BELINCOSOC ».
    {
        "organization": "socieux",
        "kind": "hosted_by",
        "related": "spf-securite-sociale",
        "through": "belincosoc",
        "started_on": "2016-01-01",
    },
    {
        "organization": "socieux",
        "kind": "co_funded_by",
        "related": "spf-securite-sociale",
        "through": "belincosoc",
        "started_on": "2016-01-01",
    },
    # Demo-only: the seed calls SOCIEUX+ « centre d'expertise de l'UE » and « une
    # collaboration européenne » but names no funder besides the SPF; that the European
    # Commission co-funds it (undated) is the demo's assumption.
    {
        "organization": "socieux",
        "kind": "co_funded_by",
        "related": "commission-europeenne",
        "through": None,
        "started_on": None,
    },
    # De Croo's quote in the seed: « L'étroite collaboration entre mes services, l'Agence
    # belge de développement (CTB) et le SPF Sécurité sociale »; undated (the seed gives
    # no start).
    {
        "organization": "ctb",
        "kind": "partner_of",
        "related": "spf-securite-sociale",
        "through": None,
        "started_on": None,
    },
]
