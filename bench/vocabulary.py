"""Words and sentences of a federal social-security press office, in the four
languages, aligned (the n-th entry of each list says the same thing), for the
generated benchmark data set (bench/generate_dataset.py)."""

LANGUAGES = ("fr", "nl", "de", "en")

SUBJECTS = [
    {"fr": "les pensions", "nl": "de pensioenen", "de": "die Renten", "en": "pensions"},
    {
        "fr": "les allocations familiales",
        "nl": "de kinderbijslag",
        "de": "das Kindergeld",
        "en": "child benefits",
    },
    {
        "fr": "l'assurance maladie",
        "nl": "de ziekteverzekering",
        "de": "die Krankenversicherung",
        "en": "health insurance",
    },
    {
        "fr": "les personnes handicapées",
        "nl": "de personen met een handicap",
        "de": "die Menschen mit Behinderung",
        "en": "persons with disabilities",
    },
    {
        "fr": "la protection sociale",
        "nl": "de sociale bescherming",
        "de": "der Sozialschutz",
        "en": "social protection",
    },
    {
        "fr": "le chômage temporaire",
        "nl": "de tijdelijke werkloosheid",
        "de": "die vorübergehende Arbeitslosigkeit",
        "en": "temporary unemployment",
    },
    {
        "fr": "les travailleurs indépendants",
        "nl": "de zelfstandigen",
        "de": "die Selbstständigen",
        "en": "self-employed workers",
    },
    {
        "fr": "la fraude sociale",
        "nl": "de sociale fraude",
        "de": "der Sozialbetrug",
        "en": "social fraud",
    },
    {
        "fr": "les cotisations sociales",
        "nl": "de sociale bijdragen",
        "de": "die Sozialbeiträge",
        "en": "social contributions",
    },
    {
        "fr": "la coopération internationale",
        "nl": "de internationale samenwerking",
        "de": "die internationale Zusammenarbeit",
        "en": "international cooperation",
    },
    {
        "fr": "les travailleurs détachés",
        "nl": "de gedetacheerde werknemers",
        "de": "die entsandten Arbeitnehmer",
        "en": "posted workers",
    },
    {
        "fr": "la simplification administrative",
        "nl": "de administratieve vereenvoudiging",
        "de": "die Verwaltungsvereinfachung",
        "en": "administrative simplification",
    },
    {
        "fr": "les soins de longue durée",
        "nl": "de langdurige zorg",
        "de": "die Langzeitpflege",
        "en": "long-term care",
    },
    {
        "fr": "la garantie de revenus aux personnes âgées",
        "nl": "de inkomensgarantie voor ouderen",
        "de": "die Einkommensgarantie für Betagte",
        "en": "the income guarantee for the elderly",
    },
    {
        "fr": "les accidents du travail",
        "nl": "de arbeidsongevallen",
        "de": "die Arbeitsunfälle",
        "en": "accidents at work",
    },
    {
        "fr": "les maladies professionnelles",
        "nl": "de beroepsziekten",
        "de": "die Berufskrankheiten",
        "en": "occupational diseases",
    },
    {
        "fr": "la banque carrefour de la sécurité sociale",
        "nl": "de kruispuntbank van de sociale zekerheid",
        "de": "die Zentrale Datenbank der sozialen Sicherheit",
        "en": "the crossroads bank for social security",
    },
    {
        "fr": "le statut des artistes",
        "nl": "het kunstenaarsstatuut",
        "de": "der Künstlerstatus",
        "en": "the status of artists",
    },
    {
        "fr": "la numérisation des services",
        "nl": "de digitalisering van de diensten",
        "de": "die Digitalisierung der Dienste",
        "en": "the digitalisation of services",
    },
    {
        "fr": "le vieillissement de la population",
        "nl": "de vergrijzing van de bevolking",
        "de": "die Alterung der Bevölkerung",
        "en": "population ageing",
    },
]

ACTIONS = [
    {"fr": "réforme", "nl": "hervormt", "de": "reformiert", "en": "reforms"},
    {"fr": "renforce", "nl": "versterkt", "de": "stärkt", "en": "strengthens"},
    {"fr": "simplifie", "nl": "vereenvoudigt", "de": "vereinfacht", "en": "simplifies"},
    {"fr": "évalue", "nl": "evalueert", "de": "bewertet", "en": "evaluates"},
    {"fr": "modernise", "nl": "moderniseert", "de": "modernisiert", "en": "modernises"},
    {"fr": "soutient", "nl": "ondersteunt", "de": "unterstützt", "en": "supports"},
    {"fr": "protège", "nl": "beschermt", "de": "schützt", "en": "protects"},
    {"fr": "finance", "nl": "financiert", "de": "finanziert", "en": "funds"},
]

COUNTRIES = [
    {"fr": "la Chine", "nl": "China", "de": "China", "en": "China"},
    {"fr": "le Maroc", "nl": "Marokko", "de": "Marokko", "en": "Morocco"},
    {"fr": "le Sénégal", "nl": "Senegal", "de": "Senegal", "en": "Senegal"},
    {"fr": "le Vietnam", "nl": "Vietnam", "de": "Vietnam", "en": "Vietnam"},
    {"fr": "la Tunisie", "nl": "Tunesië", "de": "Tunesien", "en": "Tunisia"},
    {"fr": "le Bénin", "nl": "Benin", "de": "Benin", "en": "Benin"},
    {"fr": "l'Ukraine", "nl": "Oekraïne", "de": "die Ukraine", "en": "Ukraine"},
    {"fr": "le Rwanda", "nl": "Rwanda", "de": "Ruanda", "en": "Rwanda"},
]

TITLES = {
    "fr": "Le gouvernement {action} {subject} : accord avec {country} ({n})",
    "nl": "De regering {action} {subject}: akkoord met {country} ({n})",
    "de": "Die Regierung {action} {subject}: Abkommen mit {country} ({n})",
    "en": "The government {action} {subject}: agreement with {country} ({n})",
}

LEADS = {
    "fr": "Le Conseil des ministres a approuvé ce {day} un projet qui {action} {subject} "
    "et {other}, en concertation avec les partenaires sociaux.",
    "nl": "De Ministerraad keurde op {day} een ontwerp goed dat {subject} {action} "
    "en {other}, in overleg met de sociale partners.",
    "de": "Der Ministerrat hat am {day} einen Entwurf gebilligt, der {subject} {action} "
    "und {other}, in Absprache mit den Sozialpartnern.",
    "en": "On {day} the Council of Ministers approved a draft that {action} {subject} "
    "and {other}, in consultation with the social partners.",
}

SENTENCES = {
    "fr": [
        "Cette mesure concerne près de {number} citoyens et entre en vigueur le {day}.",
        "Le projet {action} {subject} grâce à un financement de {number} euros.",
        "Les administrations échangeront leurs données par la banque carrefour.",
        "Une évaluation sera présentée au Parlement avant la fin de l'année {year}.",
        "Depuis {year}, {subject} fait l'objet d'une attention particulière.",
        "La plateforme accompagne {country} dans le développement de son système.",
        "Les partenaires sociaux ont rendu un avis favorable sur {subject}.",
        "Les demandes peuvent être introduites en ligne dès le {day}.",
        "Les experts belges partagent leur savoir-faire en matière de {other}.",
        "Le budget prévu pour {year} s'élève à {number} euros.",
    ],
    "nl": [
        "Deze maatregel betreft bijna {number} burgers en treedt in werking op {day}.",
        "Het ontwerp {action} {subject} dankzij een financiering van {number} euro.",
        "De administraties wisselen hun gegevens uit via de kruispuntbank.",
        "Een evaluatie wordt vóór het einde van {year} aan het Parlement voorgelegd.",
        "Sinds {year} krijgt {subject} bijzondere aandacht.",
        "Het platform begeleidt {country} bij de uitbouw van zijn stelsel.",
        "De sociale partners gaven een gunstig advies over {subject}.",
        "Aanvragen kunnen vanaf {day} online worden ingediend.",
        "Belgische experten delen hun knowhow over {other}.",
        "Het budget voor {year} bedraagt {number} euro.",
    ],
    "de": [
        "Diese Maßnahme betrifft fast {number} Bürger und tritt am {day} in Kraft.",
        "Das Projekt {action} {subject} dank einer Finanzierung von {number} Euro.",
        "Die Verwaltungen tauschen ihre Daten über die Zentrale Datenbank aus.",
        "Eine Bewertung wird dem Parlament vor Ende {year} vorgelegt.",
        "Seit {year} wird {subject} besondere Aufmerksamkeit geschenkt.",
        "Die Plattform begleitet {country} beim Aufbau ihres Systems.",
        "Die Sozialpartner haben eine positive Stellungnahme zu {subject} abgegeben.",
        "Anträge können ab dem {day} online gestellt werden.",
        "Belgische Experten teilen ihr Wissen über {other}.",
        "Das Budget für {year} beläuft sich auf {number} Euro.",
    ],
    "en": [
        "The measure concerns nearly {number} citizens and takes effect on {day}.",
        "The project {action} {subject} with funding of {number} euros.",
        "The administrations will exchange their data through the crossroads bank.",
        "An evaluation will be presented to Parliament before the end of {year}.",
        "Since {year}, {subject} has received particular attention.",
        "The platform supports {country} in developing its system.",
        "The social partners gave a favourable opinion on {subject}.",
        "Applications can be submitted online from {day}.",
        "Belgian experts share their know-how on {other}.",
        "The budget for {year} amounts to {number} euros.",
    ],
}

QUOTES = {
    "fr": "« Avec cette réforme, {subject} deviennent plus simples et plus justes pour chacun. »",
    "nl": "“Met deze hervorming worden {subject} eenvoudiger en rechtvaardiger voor iedereen.”",
    "de": "„Mit dieser Reform werden {subject} für alle einfacher und gerechter.“",
    "en": "“With this reform, {subject} become simpler and fairer for everyone.”",
}

MINISTRIES = [
    {"fr": "Affaires sociales", "nl": "Sociale Zaken", "de": "Soziales", "en": "Social Affairs"},
    {"fr": "Pensions", "nl": "Pensioenen", "de": "Pensionen", "en": "Pensions"},
    {"fr": "Emploi", "nl": "Werk", "de": "Beschäftigung", "en": "Employment"},
    {
        "fr": "Santé publique",
        "nl": "Volksgezondheid",
        "de": "Volksgesundheit",
        "en": "Public Health",
    },
    {
        "fr": "Indépendants",
        "nl": "Zelfstandigen",
        "de": "Selbstständige",
        "en": "the Self-employed",
    },
    {
        "fr": "Coopération au développement",
        "nl": "Ontwikkelingssamenwerking",
        "de": "Entwicklungszusammenarbeit",
        "en": "Development Cooperation",
    },
    {
        "fr": "Personnes handicapées",
        "nl": "Personen met een handicap",
        "de": "Personen mit Behinderung",
        "en": "Persons with Disabilities",
    },
    {
        "fr": "Lutte contre la fraude sociale",
        "nl": "Bestrijding van de sociale fraude",
        "de": "Bekämpfung des Sozialbetrugs",
        "en": "Combating Social Fraud",
    },
]

MINISTER = {
    "fr": "Ministre {m}",
    "nl": "Minister van {m}",
    "de": "Minister für {m}",
    "en": "Minister of {m}",
}
SERVICE = {
    "fr": "Service public fédéral {m}",
    "nl": "Federale Overheidsdienst {m}",
    "de": "Föderaler Öffentlicher Dienst {m}",
    "en": "Federal Public Service {m}",
}

FIRST_NAMES = [
    "Maggie",
    "Alexander",
    "Frank",
    "Daniel",
    "Karine",
    "Sophie",
    "Pieter",
    "Nathalie",
    "Jan",
    "Marie",
    "Koen",
    "Valérie",
    "Thomas",
    "Elke",
    "Hans",
    "Zoé",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Dubois",
    "Lambert",
    "Maes",
    "Claes",
    "Wouters",
    "Mertens",
    "Lemaire",
    "Vandenbroucke",
    "Dupont",
    "Goossens",
    "Renard",
    "Schmitz",
    "Müller",
    "Vermeulen",
    "Jacobs",
    "Martin",
]
