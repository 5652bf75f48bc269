"""Demo content for ``manage.py load_demo``: one press release and its conference event.

The French text is the communiqué published by the FPS Social Security on 30 May 2017
(SOCIEUX+ and BELINCOSOC); the Dutch and English translations were written for the demo.
German is intentionally absent, so that German readers are shown the French original
through the fallback rule.

Pure data: dates are Brussels local time, rich-text values are HTML limited to the
newsroom's allow-list, and everything else is plain text.
"""

RELEASE = {
    "publish_at": "2017-05-30 09:00",  # Brussels local time
    "original_language": "fr",
    # The communiqué's place; German left out as the rest of the German text.
    "dateline_place": {"fr": "Bruxelles", "nl": "Brussel", "en": "Brussels"},
    "title": {
        "fr": (
            "Le SPF Sécurité sociale contribue à une amélioration de la protection sociale dans le "
            "monde entier par sa collaboration avec SOCIEUX+"
        ),
        "nl": (
            "De FOD Sociale Zekerheid draagt door zijn samenwerking met SOCIEUX+ bij tot een "
            "betere sociale bescherming in de hele wereld"
        ),
        "en": (
            "The FPS Social Security contributes to better social protection worldwide through its "
            "cooperation with SOCIEUX+"
        ),
    },
    "lead": {  # the first paragraph of the communiqué
        "fr": (
            "Le 30 mai, SOCIEUX+ organise conjointement avec le SPF Sécurité sociale une "
            "conférence sur la collaboration internationale en matière de sécurité sociale. Ce "
            "sera également l’évènement de lancement de SOCIEUX+. Par son soutien à SOCIEUX+, le "
            "SPF Sécurité sociale veut notamment contribuer aux objectifs de développement durable "
            "des Nations Unies et, en particulier, au recul de la pauvreté dans le monde."
        ),
        "nl": (
            "Op 30 mei organiseert SOCIEUX+ samen met de FOD Sociale Zekerheid een conferentie "
            "over internationale samenwerking op het vlak van sociale zekerheid. Het wordt meteen "
            "ook het lanceringsevenement van SOCIEUX+. Met zijn steun aan SOCIEUX+ wil de FOD "
            "Sociale Zekerheid onder meer bijdragen tot de duurzameontwikkelingsdoelstellingen van "
            "de Verenigde Naties en in het bijzonder tot het terugdringen van de armoede in de "
            "wereld."
        ),
        "en": (
            "On 30 May, SOCIEUX+ and the FPS Social Security are jointly organising a conference "
            "on international cooperation in social security. It will also be the launch event of "
            "SOCIEUX+. By supporting SOCIEUX+, the FPS Social Security aims, among other things, "
            "to contribute to the United Nations Sustainable Development Goals and, in particular, "
            "to reducing poverty worldwide."
        ),
    },
    # The rest of the communiqué, in its order, without the two quotations (see
    # "quotes": each placed after the paragraph it follows in the communiqué) and the
    # "Plus d’info ?" links (see "links"). The <h2> is an editorial addition. The
    # translations keep the same paragraphs, so the quotes fall in the same places.
    "body": {
        "fr": (
            "<p>La conférence «\u00a0Facilitating expertise on social protection, labour and "
            "employment - A boost for sustainable development\u00a0» se tiendra au SPF Sécurité "
            "sociale. Tant la ministre des Affaires sociales, Maggie De Block, que le ministre de "
            "la Coopération au développement, Alexander De Croo, participeront activement à "
            "l’évènement, tout comme le Commissaire européen pour la Coopération internationale et "
            "le développement.</p>\n"
            "<p>Depuis 2016, le SPF Sécurité sociale héberge et finance conjointement SOCIEUX+ par "
            "le biais de sa plateforme BELINCOSOC (Belgian International Cooperation on Social "
            "protection). SOCIEUX+ (centre d’expertise de l’UE pour la protection sociale, le "
            "travail et l’emploi) est une collaboration européenne qui soutient des pays "
            "partenaires dans le développement, la gestion et le suivi d’un système de sécurité "
            "sociale et d’une politique d’emploi efficients, inclusifs et durables. Pour ce faire, "
            "il est fait appel à des experts européens, provenant tant des administrations "
            "concernées dans les Etats membres européens que du monde académique.</p>\n"
            "<p>Par le biais de sa plateforme BELINCOSOC, le SPF soutient déjà depuis 2013 des "
            "pays partenaires hors de l’Union européenne dans le développement et/ou la réforme de "
            "leur système de sécurité sociale. Les experts de BELINCOSOC renforcent SOCIEUX+ par "
            "leur expertise concernant la mise en place et l’évaluation de systèmes comme "
            "l’assurance sociale, l’assistance sociale et l’accès aux services sociaux de "
            "base.</p>\n"
            "<p>BELINCOSOC soutient actuellement le développement de la sécurité sociale en "
            "République populaire de Chine grâce au financement européen pour le programme "
            "«\u00a0EU-China Social Protection Reform Project\u00a0». Les experts belges ont "
            "notamment contribué à la récente modernisation du système des pensions et de la "
            "politique du marché du travail. Dans le cadre d’un projet également financé par "
            "l’Union européenne, BELINCOSOC soutient aussi les pouvoirs publics marocains dans la "
            "collecte de données statistiques sur la protection sociale et la mise en place d’un "
            "système d’information d’aide à la politique.</p>\n"
            "<p>En soutenant SOCIEUX+, le SPF Sécurité sociale veut notamment contribuer à "
            "atteindre les objectifs de développement durable, et plus particulièrement l’objectif "
            "de développement «\u00a0Éliminer la pauvreté sous toutes ses formes et partout dans "
            "le monde\u00a0». Ce faisant, le SPF donne une suite positive à la requête de la "
            "Chambre qui demandait au gouvernement fédéral, dans sa résolution du 4 mai 2016, de "
            "soutenir activement SOCIEUX+.</p>\n"
            "<h2>Une expertise reconnue</h2>\n"
            "<p>BELINCOSOC bénéficie d’une reconnaissance croissante pour son rôle d’expert. La "
            "Chambre reconnaît dans sa résolution du 4 mai 2016 visant à intégrer et à ancrer le "
            "droit à la protection sociale dans la politique internationale belge "
            "«\u00a0l’expertise, l’expérience et les compétences des acteurs étatiques et non "
            "étatiques belges dans le domaine de la protection sociale au sens le plus large du "
            "terme, qui ont donné lieu au lancement, en 2013, du projet Belgian International "
            "Cooperation on Social Protection (BELINCOSOC), à des fins de cohérence\u00a0». Le "
            "Conseil fédéral du développement durable a également demandé dans son avis au "
            "gouvernement belge (novembre 2015) sur la mise en œuvre des objectifs de "
            "développement durable des Nations Unies de valoriser l’expertise du SPF Sécurité "
            "sociale via BELINCOSOC.</p>\n"
            "<p>La conférence du 30 mai s’inscrit dans le prolongement des conclusions de la "
            "Conférence Protection sociale dans l’Agenda de l’Après 2015 de l’ONU</p>"
        ),
        "nl": (
            "<p>De conferentie “Facilitating expertise on social protection, labour and employment "
            "- A boost for sustainable development” vindt plaats bij de FOD Sociale Zekerheid. "
            "Zowel minister van Sociale Zaken Maggie De Block als minister van "
            "Ontwikkelingssamenwerking Alexander De Croo nemen actief deel aan het evenement, net "
            "als de Europese commissaris voor Internationale Samenwerking en Ontwikkeling.</p>\n"
            "<p>Sinds 2016 huisvest de FOD Sociale Zekerheid SOCIEUX+ via zijn platform BELINCOSOC "
            "(Belgian International Cooperation on Social protection) en financiert hij het mee. "
            "SOCIEUX+ (het EU-expertisecentrum voor sociale bescherming, arbeid en "
            "werkgelegenheid) is een Europees samenwerkingsverband dat partnerlanden ondersteunt "
            "bij de uitbouw, het beheer en de opvolging van een efficiënt, inclusief en duurzaam "
            "socialezekerheidsstelsel en werkgelegenheidsbeleid. Daarvoor wordt een beroep gedaan "
            "op Europese experts, zowel uit de betrokken administraties van de Europese lidstaten "
            "als uit de academische wereld.</p>\n"
            "<p>Via zijn platform BELINCOSOC ondersteunt de FOD al sinds 2013 partnerlanden buiten "
            "de Europese Unie bij de uitbouw en/of de hervorming van hun socialezekerheidsstelsel. "
            "De experts van BELINCOSOC versterken SOCIEUX+ met hun expertise in het opzetten en "
            "evalueren van systemen zoals sociale verzekering, sociale bijstand en toegang tot "
            "sociale basisdiensten.</p>\n"
            "<p>BELINCOSOC ondersteunt momenteel de ontwikkeling van de sociale zekerheid in de "
            "Volksrepubliek China dankzij Europese financiering voor het programma “EU-China "
            "Social Protection Reform Project”. De Belgische experts hebben onder meer bijgedragen "
            "tot de recente modernisering van het pensioenstelsel en van het arbeidsmarktbeleid. "
            "In het kader van een eveneens door de Europese Unie gefinancierd project ondersteunt "
            "BELINCOSOC ook de Marokkaanse overheid bij het verzamelen van statistische gegevens "
            "over sociale bescherming en bij het opzetten van een beleidsondersteunend "
            "informatiesysteem.</p>\n"
            "<p>Door SOCIEUX+ te steunen wil de FOD Sociale Zekerheid onder meer bijdragen tot het "
            "behalen van de duurzameontwikkelingsdoelstellingen (SDG’s), en meer bepaald van de "
            "doelstelling “Beëindig armoede overal en in al haar vormen”. Daarmee geeft de FOD "
            "gunstig gevolg aan het verzoek van de Kamer van volksvertegenwoordigers, die de "
            "federale regering in haar resolutie van 4 mei 2016 vroeg om SOCIEUX+ actief te "
            "steunen.</p>\n"
            "<h2>Erkende expertise</h2>\n"
            "<p>BELINCOSOC krijgt steeds meer erkenning voor zijn rol als expert. In haar "
            "resolutie van 4 mei 2016 om het recht op sociale bescherming te integreren en te "
            "verankeren in het Belgische internationale beleid erkent de Kamer “de expertise, de "
            "ervaring en de competenties van de Belgische statelijke en niet-statelijke actoren op "
            "het vlak van sociale bescherming in de ruimste zin van het woord, die in 2013 hebben "
            "geleid tot de lancering van het project Belgian International Cooperation on Social "
            "Protection (BELINCOSOC), met het oog op samenhang”. Ook de Federale Raad voor "
            "Duurzame Ontwikkeling vroeg in zijn advies aan de Belgische regering (november 2015) "
            "over de uitvoering van de duurzameontwikkelingsdoelstellingen van de Verenigde Naties "
            "om de expertise van de FOD Sociale Zekerheid via BELINCOSOC te valoriseren.</p>\n"
            "<p>De conferentie van 30 mei ligt in het verlengde van de conclusies van de "
            "VN-conferentie “Sociale bescherming in de post-2015-agenda”.</p>"
        ),
        "en": (
            "<p>The conference “Facilitating expertise on social protection, labour and employment "
            "- A boost for sustainable development” will be held at the FPS Social Security. Both "
            "the Minister of Social Affairs, Maggie De Block, and the Minister of Development "
            "Cooperation, Alexander De Croo, will take an active part in the event, as will the "
            "European Commissioner for International Cooperation and Development.</p>\n"
            "<p>Since 2016, the FPS Social Security has hosted and co-financed SOCIEUX+ through "
            "its BELINCOSOC platform (Belgian International Cooperation on Social protection). "
            "SOCIEUX+ (the EU expertise centre for social protection, labour and employment) is a "
            "European partnership that supports partner countries in developing, managing and "
            "monitoring an efficient, inclusive and sustainable social security system and "
            "employment policy. To do so, it draws on European experts from both the relevant "
            "administrations of the EU Member States and the academic world.</p>\n"
            "<p>Through its BELINCOSOC platform, the FPS has been supporting partner countries "
            "outside the European Union in developing and/or reforming their social security "
            "systems since 2013. BELINCOSOC’s experts strengthen SOCIEUX+ with their expertise in "
            "setting up and evaluating systems such as social insurance, social assistance and "
            "access to basic social services.</p>\n"
            "<p>BELINCOSOC is currently supporting the development of social security in the "
            "People’s Republic of China, thanks to EU funding for the “EU-China Social Protection "
            "Reform Project” programme. Belgian experts have contributed, among other things, to "
            "the recent modernisation of the pension system and of labour market policy. As part "
            "of a project likewise funded by the European Union, BELINCOSOC is also supporting the "
            "Moroccan authorities in collecting statistical data on social protection and in "
            "setting up an information system to support policy-making.</p>\n"
            "<p>By supporting SOCIEUX+, the FPS Social Security aims, among other things, to help "
            "achieve the Sustainable Development Goals, and more specifically the goal “End "
            "poverty in all its forms everywhere”. In doing so, the FPS is responding positively "
            "to the request of the Chamber of Representatives, which, in its resolution of 4 May "
            "2016, called on the federal government to actively support SOCIEUX+.</p>\n"
            "<h2>Recognised expertise</h2>\n"
            "<p>BELINCOSOC is gaining increasing recognition for its expert role. In its "
            "resolution of 4 May 2016 on integrating and anchoring the right to social protection "
            "in Belgium’s international policy, the Chamber recognises “the expertise, experience "
            "and skills of Belgian state and non-state actors in the field of social protection in "
            "the broadest sense of the term, which led to the launch in 2013 of the Belgian "
            "International Cooperation on Social Protection (BELINCOSOC) project, for the sake of "
            "coherence”. In its opinion to the Belgian government (November 2015) on the "
            "implementation of the United Nations Sustainable Development Goals, the Federal "
            "Council for Sustainable Development also called for the expertise of the FPS Social "
            "Security to be put to good use through BELINCOSOC.</p>\n"
            "<p>The conference of 30 May follows on from the conclusions of the UN conference "
            "“Social Protection in the Post-2015 Agenda”.</p>"
        ),
    },
    "quotes": [
        {
            "speaker": "de-block",
            "after_paragraph": 3,  # "Par le biais de sa plateforme BELINCOSOC…"
            "text": {
                "fr": (
                    "Notre protection sociale belge est très bonne sur tous les plans et nous voulons "
                    "qu’elle le reste. L’extension de la protection sociale dans le monde entier est "
                    "non seulement une partie cruciale de la lutte mondiale contre la pauvreté, mais "
                    "aussi la meilleure protection pour notre modèle social belge. Pour ces raisons, "
                    "je suis très satisfaite des initiatives qui sont développées au SPF Sécurité "
                    "sociale par BELINCOSOC."
                ),
                "nl": (
                    "Onze Belgische sociale bescherming is op alle vlakken zeer goed en dat willen we "
                    "zo houden. De uitbreiding van de sociale bescherming over de hele wereld is niet "
                    "alleen een cruciaal onderdeel van de wereldwijde strijd tegen armoede, maar ook "
                    "de beste bescherming voor ons Belgische sociale model. Daarom ben ik erg tevreden "
                    "met de initiatieven die BELINCOSOC binnen de FOD Sociale Zekerheid ontwikkelt."
                ),
                "en": (
                    "Our Belgian social protection is very good in every respect, and we want it to "
                    "stay that way. Extending social protection worldwide is not only a crucial part "
                    "of the global fight against poverty, but also the best protection for our Belgian "
                    "social model. For these reasons, I am very pleased with the initiatives that "
                    "BELINCOSOC is developing within the FPS Social Security."
                ),
            },
        },
        {
            "speaker": "de-croo",
            "after_paragraph": 5,  # "En soutenant SOCIEUX+…", before the <h2>
            "text": {
                "fr": (
                    "L’atteinte des objectifs de développement durable dépendra d’une meilleure "
                    "collaboration entre les pays, mais aussi entre les différents acteurs au sein des "
                    "pays. Nous devons vraiment nous débarrasser du raisonnement cloisonné si nous "
                    "voulons mettre en place un développement mondial durable. L’étroite collaboration "
                    "entre mes services, l’Agence belge de développement (CTB) et le SPF Sécurité "
                    "sociale, d’une part, et entre ces organisations et les pays partenaires, d’autre "
                    "part, laisse espérer le meilleur."
                ),
                "nl": (
                    "Het behalen van de duurzameontwikkelingsdoelstellingen zal afhangen van een "
                    "betere samenwerking tussen landen, maar ook tussen de verschillende actoren "
                    "binnen die landen. We moeten echt af van het hokjesdenken als we werk willen "
                    "maken van een duurzame wereldwijde ontwikkeling. De nauwe samenwerking tussen "
                    "mijn diensten, het Belgisch Ontwikkelingsagentschap (BTC) en de FOD Sociale "
                    "Zekerheid enerzijds, en tussen die organisaties en de partnerlanden anderzijds, "
                    "stemt zeer hoopvol."
                ),
                "en": (
                    "Achieving the Sustainable Development Goals will depend on better cooperation "
                    "between countries, but also between the various actors within countries. We "
                    "really need to get rid of silo thinking if we want to bring about sustainable "
                    "global development. The close cooperation between my departments, the Belgian "
                    "development agency (BTC) and the FPS Social Security on the one hand, and between "
                    "these organisations and the partner countries on the other, bodes very well."
                ),
            },
        },
    ],
    "links": [  # the "Plus d’info ?" links of the communiqué, in its order
        {
            "url": "https://www.belincosoc.be/",
            "label": {
                "fr": "Vous trouverez plus d’information sur BELINCOSOC sur le site www.belincosoc.be",
                "nl": "Meer informatie over BELINCOSOC vindt u op www.belincosoc.be",
                "en": "More information on BELINCOSOC is available at www.belincosoc.be",
            },
        },
        {
            "url": "https://socieux.eu/",
            "label": {
                "fr": "Pour obtenir plus d’information sur SOCIEUX+",
                "nl": "Voor meer informatie over SOCIEUX+",
                "en": "For more information on SOCIEUX+",
            },
        },
        {
            "url": "https://www.sdgs.be/",
            "label": {
                "fr": (
                    "Vous trouverez plus d’information sur les objectifs de développement durable "
                    "ici\u00a0: www.sdgs.be"
                ),
                "nl": (
                    "Meer informatie over de duurzameontwikkelingsdoelstellingen vindt u op www.sdgs.be"
                ),
                "en": (
                    "More information on the Sustainable Development Goals is available at www.sdgs.be"
                ),
            },
        },
    ],
}

EVENT = {
    "original_language": "en",  # the conference title is English
    "starts_at": "2017-05-30 09:30",  # Brussels local time
    "ends_at": "2017-05-30 13:00",
    "title": {
        "fr": (
            "Conférence «\u00a0Facilitating expertise on social protection, labour and employment "
            "- A boost for sustainable development\u00a0»"
        ),
        "nl": (
            "Conferentie “Facilitating expertise on social protection, labour and employment - A "
            "boost for sustainable development”"
        ),
        "en": (
            "Facilitating expertise on social protection, labour and employment - A boost for "
            "sustainable development"
        ),
    },
    "description": {
        "fr": (
            "<p>Évènement de lancement de SOCIEUX+, le centre d’expertise de l’UE pour la "
            "protection sociale, le travail et l’emploi. Cette conférence sur la collaboration "
            "internationale en matière de sécurité sociale est organisée conjointement par "
            "SOCIEUX+ et le SPF Sécurité sociale, qui héberge et cofinance SOCIEUX+ par le biais "
            "de sa plateforme BELINCOSOC.</p>\n"
            "<p>La ministre des Affaires sociales, Maggie De Block, et le ministre de la "
            "Coopération au développement, Alexander De Croo, participeront activement à la "
            "conférence, tout comme le Commissaire européen pour la Coopération internationale et "
            "le développement.</p>"
        ),
        "nl": (
            "<p>Lanceringsevenement van SOCIEUX+, het EU-expertisecentrum voor sociale "
            "bescherming, arbeid en werkgelegenheid. Deze conferentie over internationale "
            "samenwerking op het vlak van sociale zekerheid wordt samen georganiseerd door "
            "SOCIEUX+ en de FOD Sociale Zekerheid, die SOCIEUX+ via zijn platform BELINCOSOC "
            "huisvest en meefinanciert.</p>\n"
            "<p>Minister van Sociale Zaken Maggie De Block en minister van "
            "Ontwikkelingssamenwerking Alexander De Croo nemen actief deel aan de conferentie, net "
            "als de Europese commissaris voor Internationale Samenwerking en Ontwikkeling.</p>"
        ),
        "en": (
            "<p>The launch event of SOCIEUX+, the EU expertise centre for social protection, "
            "labour and employment. This conference on international cooperation in social "
            "security is jointly organised by SOCIEUX+ and the FPS Social Security, which hosts "
            "and co-finances SOCIEUX+ through its BELINCOSOC platform.</p>\n"
            "<p>The Minister of Social Affairs, Maggie De Block, and the Minister of Development "
            "Cooperation, Alexander De Croo, will take an active part in the conference, as will "
            "the European Commissioner for International Cooperation and Development.</p>"
        ),
    },
    # The programme, as sessions (events/models.py Session). DEMO ONLY: the communiqué
    # says a programme exists ("Le programme de la conférence est disponible ici") and
    # names who takes part (the two ministers and the European Commissioner), but gives
    # no times, titles, rooms or panel; those below are invented for the demo, as is the
    # SPF's opening speaker. Nothing in them contradicts the communiqué: it is the
    # launch event of SOCIEUX+, at the SPF, on international cooperation in social
    # protection, with the projects in China and Morocco it mentions.
    "programme": {},
    "sessions": [
        {
            "kind": "welcome",
            "starts_at": "2017-05-30 09:30",
            "ends_at": "2017-05-30 10:00",
            "title": {
                "fr": "Accueil des participants",
                "nl": "Onthaal van de deelnemers",
                "en": "Welcome and registration",
            },
            "location": {"fr": "Hall d’entrée", "nl": "Inkomhal", "en": "Entrance hall"},
            "participants": [],
        },
        {
            "kind": "opening",
            "starts_at": "2017-05-30 10:00",
            "ends_at": "2017-05-30 10:15",
            "title": {
                "fr": "Ouverture de la conférence",
                "nl": "Opening van de conferentie",
                "en": "Opening of the conference",
            },
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {
                    "part": "speaker",
                    "name": "Tom Auwers",
                    "function": {
                        "fr": "Président du comité de direction",
                        "nl": "Voorzitter van het directiecomité",
                        "en": "Chair of the Board of Directors",
                    },
                    "organization_name": {
                        "fr": "SPF Sécurité sociale",
                        "nl": "FOD Sociale Zekerheid",
                        "en": "FPS Social Security",
                    },
                },
            ],
        },
        {
            "kind": "talk",
            "starts_at": "2017-05-30 10:15",
            "ends_at": "2017-05-30 10:35",
            "title": {
                "fr": "La protection sociale, partie cruciale de la lutte contre la pauvreté",
                "nl": "Sociale bescherming, een cruciaal onderdeel van de strijd tegen armoede",
                "en": "Social protection, a crucial part of the fight against poverty",
            },
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {"part": "speaker", "official": ("maggie-de-block", "social-affairs")}
            ],
        },
        {
            "kind": "talk",
            "starts_at": "2017-05-30 10:35",
            "ends_at": "2017-05-30 10:55",
            "title": {
                "fr": "Les objectifs de développement durable : sortir du raisonnement cloisonné",
                "nl": "De duurzameontwikkelingsdoelstellingen: weg met het hokjesdenken",
                "en": "The Sustainable Development Goals: beyond working in silos",
            },
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {"part": "speaker", "official": ("alexander-de-croo", "development-cooperation")}
            ],
        },
        {
            "kind": "keynote",
            "starts_at": "2017-05-30 10:55",
            "ends_at": "2017-05-30 11:20",
            "title": {
                "fr": "Lancement de SOCIEUX+",
                "nl": "Lancering van SOCIEUX+",
                "en": "Launch of SOCIEUX+",
            },
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {"part": "speaker", "official": ("neven-mimica", "commissioner-development")}
            ],
        },
        {
            "kind": "break",
            "starts_at": "2017-05-30 11:20",
            "ends_at": "2017-05-30 11:40",
            "title": {"fr": "Pause-café", "nl": "Koffiepauze", "en": "Coffee break"},
            "location": {"fr": "Hall d’entrée", "nl": "Inkomhal", "en": "Entrance hall"},
            "participants": [],
        },
        {
            "kind": "panel",
            "starts_at": "2017-05-30 11:40",
            "ends_at": "2017-05-30 12:45",
            "title": {
                "fr": "Table ronde : l’expérience de SOCIEUX+ et de BELINCOSOC",
                "nl": "Panelgesprek: de ervaring van SOCIEUX+ en BELINCOSOC",
                "en": "Panel: the experience of SOCIEUX+ and BELINCOSOC",
            },
            "description": {
                "fr": "La réforme des pensions en République populaire de Chine et les "
                "statistiques de la protection sociale au Maroc : ce que l’expertise "
                "européenne apporte aux pays partenaires.",
                "nl": "De pensioenhervorming in de Volksrepubliek China en de statistieken "
                "over sociale bescherming in Marokko: wat Europese expertise partnerlanden "
                "brengt.",
                "en": "Pension reform in the People’s Republic of China and social "
                "protection statistics in Morocco: what European expertise brings to "
                "partner countries.",
            },
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {"part": "speaker", "official": ("alexander-de-croo", "development-cooperation")},
                {"part": "speaker", "official": ("neven-mimica", "commissioner-development")},
                {
                    "part": "moderator",
                    "name": "Tom Auwers",
                    "function": {
                        "fr": "Président du comité de direction",
                        "nl": "Voorzitter van het directiecomité",
                        "en": "Chair of the Board of Directors",
                    },
                    "organization_name": {
                        "fr": "SPF Sécurité sociale",
                        "nl": "FOD Sociale Zekerheid",
                        "en": "FPS Social Security",
                    },
                },
            ],
        },
        {
            "kind": "closing",
            "starts_at": "2017-05-30 12:45",
            "ends_at": "2017-05-30 13:00",
            "title": {"fr": "Clôture", "nl": "Afsluiting", "en": "Closing remarks"},
            "location": {"fr": "Auditorium", "nl": "Auditorium", "en": "Auditorium"},
            "participants": [
                {"part": "speaker", "official": ("maggie-de-block", "social-affairs")}
            ],
        },
    ],
    "venue_name": {
        "fr": "SPF Sécurité sociale",
        "nl": "FOD Sociale Zekerheid",
        "en": "FPS Social Security",
    },
    "venue_address": {
        "fr": (
            "Centre administratif Botanique – Finance Tower\n"
            "Boulevard du Jardin Botanique 50, boîte 1\n"
            "1000 Bruxelles"
        ),
        "nl": (
            "Administratief Centrum Kruidtuin – Finance Tower\n"
            "Kruidtuinlaan 50, bus 1\n"
            "1000 Brussel"
        ),
        "en": (
            "Botanique Administrative Centre – Finance Tower\n"
            "Boulevard du Jardin Botanique 50, box 1\n"
            "1000 Brussels"
        ),
    },
    "registration_note": {
        "fr": (
            "Les journalistes qui souhaitent assister à la conférence sont priés de s’inscrire "
            "auprès du service de presse du SPF Sécurité sociale."
        ),
        "nl": (
            "Journalisten die de conferentie willen bijwonen, worden verzocht zich aan te melden "
            "bij de persdienst van de FOD Sociale Zekerheid."
        ),
        "en": (
            "Journalists wishing to attend the conference are asked to register with the press "
            "office of the FPS Social Security."
        ),
    },
}

# The demo release's picture (a drawn banner, see media.py) and document.
IMAGE_ALT = {
    "fr": "Bannière bleue de la conférence SOCIEUX+ et BELINCOSOC du 30 mai 2017, "
    "avec trois cercles blancs",
    "nl": "Blauwe banner van de SOCIEUX+- en BELINCOSOC-conferentie van 30 mei 2017, "
    "met drie witte cirkels",
    "en": "Blue banner of the SOCIEUX+ and BELINCOSOC conference of 30 May 2017, "
    "with three white circles",
}
IMAGE_CAPTION = {
    "fr": "Conférence de lancement de SOCIEUX+",
    "nl": "Lanceringsconferentie van SOCIEUX+",
    "en": "Launch conference of SOCIEUX+",
}
DOCUMENT_TITLE = {
    "fr": "Programme de la conférence",
    "nl": "Programma van de conferentie",
    "en": "Conference programme",
}
