//! The vocabulary of the benchmark corpus: first names, syllables that make
//! surnames, place and organisation names, countries, titles, topics and the
//! sentence templates, in French and English.
//!
//! Everything is invented or generic: the names are built from syllables,
//! so the corpus tests the extractor on names no word list knows, and none
//! comes from the sample article.

/// Male first names (French and international).
pub const FIRST_M: &[&str] = &[
    "Pierre", "Jean", "Luc", "Marc", "Paul", "Louis", "Hugo", "Thomas", "Nicolas", "Antoine",
    "Julien", "Olivier", "Mathieu", "Xavier", "Bruno", "Denis", "Gilles", "Henri", "Yves", "Alain",
    "David", "Michael", "James", "Robert", "William", "Richard", "Daniel", "Mark", "Steven",
    "Andrew", "Peter", "George", "Kevin", "Brian", "Edward", "Anton", "Dmitri", "Andrei", "Igor",
    "Pavel", "Stefan", "Marco", "Luca", "Javier", "Carlos", "Diego", "Ahmed", "Omar", "Karim",
    "Kenji", "Hiroshi", "Lars", "Jan", "Tomasz", "Rafael", "Matteo", "Emil", "Viktor", "Samuel",
    "Simon",
];

/// Female first names (French and international).
pub const FIRST_F: &[&str] = &[
    "Marie",
    "Anne",
    "Claire",
    "Sophie",
    "Julie",
    "Camille",
    "Léa",
    "Chloé",
    "Isabelle",
    "Nathalie",
    "Sylvie",
    "Hélène",
    "Élodie",
    "Céline",
    "Agnès",
    "Mary",
    "Elizabeth",
    "Sarah",
    "Laura",
    "Emily",
    "Susan",
    "Karen",
    "Linda",
    "Rachel",
    "Helen",
    "Olga",
    "Irina",
    "Natalia",
    "Elena",
    "Anna",
    "Maria",
    "Lucia",
    "Carmen",
    "Fatima",
    "Leila",
    "Yuki",
    "Ingrid",
    "Katarzyna",
    "Eva",
    "Petra",
    "Aurélie",
    "Margaux",
    "Judith",
    "Alice",
    "Noémie",
    "Rosa",
    "Teresa",
    "Amina",
    "Sofia",
    "Greta",
    "Hanna",
    "Mila",
    "Nadia",
    "Paula",
    "Vera",
    "Zoé",
    "Inès",
    "Lina",
    "Ursula",
    "Beatriz",
];

/// Syllables: two of them and a suffix make a surname, a city or a brand.
pub const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "mar", "vi", "dor", "tal", "bel", "sa", "mi", "ro", "lu", "ven", "gar",
    "tor", "el", "an", "ber", "cho", "dal", "fen", "gri", "has", "jo", "kel", "lam", "nor", "pel",
    "quin", "ras", "sel", "tru", "val", "wen", "zar", "mo", "ri", "ne", "to", "li",
];

pub const SURNAME_END: &[&str] = &[
    "", "ov", "ski", "ez", "ini", "son", "mann", "elli", "ard", "ier", "aux", "berg", "ek", "ova",
    "ian", "escu",
];

pub const CITY_START: &[&str] = &[
    "", "", "", "", "", "", "", "Saint-", "Port-", "Mont-", "Val-", "Nova ", "Bad ", "San ",
    "Fort-", "Villa ",
];

pub const CITY_END: &[&str] = &[
    "ville", "bourg", "ac", "ia", "grad", "ona", "heim", "stad", "polis", "ford", "mont", "ange",
    "ino", "ar", "ès", "an",
];

pub const BRAND_END: &[&str] = &["a", "is", "ex", "on", "ia", "tek", "ium", "or"];

/// Organisation kinds: French form goes before the brand, English after.
pub const ORG_KIND: &[(&str, &str)] = &[
    ("Banque", "Bank"),
    ("Groupe", "Group"),
    ("Fondation", "Foundation"),
    ("Institut", "Institute"),
    ("Agence", "Agency"),
    ("Compagnie", "Company"),
    ("Société", "Holdings"),
    ("Union", "Union"),
    ("Parti", "Party"),
    ("Conseil", "Council"),
    ("Office", "Office"),
    ("Alliance", "Alliance"),
    ("Laboratoires", "Laboratories"),
    ("Assurances", "Insurance"),
    ("Énergies", "Energy"),
    ("Transports", "Transport"),
];

/// International organisations: (French with its article, English as
/// written in running text).
pub const INTL_ORGS: &[(&str, &str)] = &[
    ("l'Union européenne", "the European Union"),
    ("les Nations unies", "the United Nations"),
    ("l'OTAN", "NATO"),
    ("la Banque mondiale", "the World Bank"),
    (
        "le Fonds monétaire international",
        "the International Monetary Fund",
    ),
    (
        "l'Organisation mondiale de la santé",
        "the World Health Organization",
    ),
    (
        "l'Organisation mondiale du commerce",
        "the World Trade Organization",
    ),
    ("l'Union africaine", "the African Union"),
    ("le Conseil de l'Europe", "the Council of Europe"),
    ("l'OCDE", "the OECD"),
    ("l'Unesco", "Unesco"),
    ("Interpol", "Interpol"),
];

/// Countries: (French name, French name with its article, English name).
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("France", "la France", "France"),
    ("Allemagne", "l'Allemagne", "Germany"),
    ("Italie", "l'Italie", "Italy"),
    ("Espagne", "l'Espagne", "Spain"),
    ("Portugal", "le Portugal", "Portugal"),
    ("Belgique", "la Belgique", "Belgium"),
    ("Pays-Bas", "les Pays-Bas", "Netherlands"),
    ("Royaume-Uni", "le Royaume-Uni", "United Kingdom"),
    ("Irlande", "l'Irlande", "Ireland"),
    ("Pologne", "la Pologne", "Poland"),
    ("Autriche", "l'Autriche", "Austria"),
    ("Grèce", "la Grèce", "Greece"),
    ("Suède", "la Suède", "Sweden"),
    ("Norvège", "la Norvège", "Norway"),
    ("Finlande", "la Finlande", "Finland"),
    ("Danemark", "le Danemark", "Denmark"),
    ("Ukraine", "l'Ukraine", "Ukraine"),
    ("Turquie", "la Turquie", "Turkey"),
    ("Chine", "la Chine", "China"),
    ("Japon", "le Japon", "Japan"),
    ("Inde", "l'Inde", "India"),
    ("Brésil", "le Brésil", "Brazil"),
    ("Argentine", "l'Argentine", "Argentina"),
    ("Mexique", "le Mexique", "Mexico"),
    ("Canada", "le Canada", "Canada"),
    ("Australie", "l'Australie", "Australia"),
    ("Égypte", "l'Égypte", "Egypt"),
    ("Maroc", "le Maroc", "Morocco"),
    ("Algérie", "l'Algérie", "Algeria"),
    ("Tunisie", "la Tunisie", "Tunisia"),
    ("Sénégal", "le Sénégal", "Senegal"),
    ("Nigeria", "le Nigeria", "Nigeria"),
    ("Kenya", "le Kenya", "Kenya"),
    ("Afrique du Sud", "l'Afrique du Sud", "South Africa"),
    ("Iran", "l'Iran", "Iran"),
    ("Liban", "le Liban", "Lebanon"),
    ("Arabie saoudite", "l'Arabie saoudite", "Saudi Arabia"),
    ("Qatar", "le Qatar", "Qatar"),
    ("Corée du Sud", "la Corée du Sud", "South Korea"),
    ("Indonésie", "l'Indonésie", "Indonesia"),
    ("Vietnam", "le Vietnam", "Vietnam"),
    ("Colombie", "la Colombie", "Colombia"),
    ("Chili", "le Chili", "Chile"),
    ("Pérou", "le Pérou", "Peru"),
    ("Roumanie", "la Roumanie", "Romania"),
    ("Hongrie", "la Hongrie", "Hungary"),
    ("Serbie", "la Serbie", "Serbia"),
    ("Arménie", "l'Arménie", "Armenia"),
];

/// Titles: (French, English).
pub const TITLES: &[(&str, &str)] = &[
    ("ministre des Affaires étrangères", "foreign minister"),
    ("ministre de la Défense", "defence minister"),
    ("ministre des Finances", "finance minister"),
    ("Premier ministre", "prime minister"),
    ("président", "president"),
    ("porte-parole", "spokesperson"),
    ("directeur général", "chief executive"),
    ("ambassadeur", "ambassador"),
    ("secrétaire général", "secretary general"),
    ("conseiller spécial", "special adviser"),
    ("vice-président", "vice president"),
    ("négociateur en chef", "chief negotiator"),
];

pub const TOPICS: &[(&str, &str)] = &[
    ("la sécurité énergétique", "energy security"),
    ("le commerce des céréales", "the grain trade"),
    ("la cybersécurité", "cybersecurity"),
    ("le climat", "climate policy"),
    ("la dette publique", "public debt"),
    ("les migrations", "migration"),
    ("la pêche", "fishing rights"),
    ("les semi-conducteurs", "semiconductors"),
    ("le nucléaire civil", "civil nuclear power"),
    ("la santé publique", "public health"),
    ("le contrôle des armements", "arms control"),
    ("les droits de douane", "tariffs"),
];

pub const DAYS_FR: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
pub const DAYS_EN: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Sentences that name someone. Slots: {P1} {P2} persons (full name the
/// first time, then a short form; {P3} a third one), {H1} the first person by honorific and
/// surname, {O1} {O2} organisations, {I} an international organisation,
/// {C} a city, {K} a country (bare), {KA} with its article, {KA^} the same
/// capitalised, {DEK} "de" + country, {ENK} "en"/"au" + country, {T} a
/// title, {S} a topic, {D} a day, {N} a number, {Y} a year.
pub const FACTS_FR: &[&str] = &[
    "{P1}, {T} {DEK}, a rencontré {P2} {D} à {C}.",
    "{P1} s'est entretenu avec {P2} à {C} ({K}).",
    "Les discussions entre {P1} et {P2} se sont tenues à {C}, {ENK}.",
    "{P1} et {P2} ont signé {D} un accord sur {S}.",
    "{O1} et {O2} se sont mis d'accord sur {S}.",
    "{P1} a accusé {O1} de bloquer les négociations sur {S}.",
    "{KA^} a condamné la décision de {O1}.",
    "{P1}, {T} de {O1}, a annoncé {D} un plan d'investissement de {N} millions d'euros.",
    "{O1}, membre de {I}, a confirmé sa participation au sommet de {C}.",
    "{P1} dirige {O1} depuis {Y}.",
    "Le siège de {O1} se trouve à {C}.",
    "Selon {P1}, porte-parole de {O1}, les échanges ont été constructifs.",
    "{H1} a déclaré que {KA} soutiendrait {O1}.",
    "{H1} a critiqué {P2} au sujet de {S}.",
    "{P2} a serré la main de {P1} avant le sommet de {C}.",
    "{P1}, {T} de {O1}, a rencontré {D} à {C} {P2}, {T} de {O2}.",
    "{P1}, {P2} et {P3} se sont réunis {D} à {C} pour discuter de {S}.",
    "{O1} et {O2} ont signé à {C} un accord sur {S}, en présence de {P1}.",
    "{P1} a accusé {P2} et {O1} de bloquer les négociations sur {S}.",
    "{P1}, {T} {DEK}, s'est entretenu avec {P2} et {P3} à {C}.",
    "À {C}, {P1} a présenté {D} le plan de {O1} à {P2}, {T} de {O2}.",
];

pub const FACTS_EN: &[&str] = &[
    "{P1}, {K}'s {T}, met {P2} in {C} on {D}.",
    "{P1} held talks with {P2} in {C}, {K}.",
    "Talks between {P1} and {P2} took place in {C}.",
    "{P1} and {P2} signed an agreement on {S} on {D}.",
    "{O1} and {O2} agreed on a joint plan for {S}.",
    "{O1} accused {O2} of blocking talks on {S}.",
    "{K} condemned the decision by {O1}.",
    "{P1}, the {T} of {O1}, announced a {N} million dollar investment plan.",
    "{O1}, a member of {I}, confirmed it would attend the summit in {C}.",
    "{P1} has led {O1} since {Y}.",
    "{O1} is based in {C}, {K}.",
    "According to {P1}, a spokesperson for {O1}, the talks were constructive.",
    "{H1} told reporters that {K} would back {O1}.",
    "{H1} criticised {P2} over {S}.",
    "{P2} shook hands with {P1} before the summit in {C}.",
    "{P1}, the {T} of {O1}, met {P2}, the {T} of {O2}, in {C} on {D}.",
    "{P1}, {P2} and {P3} met in {C} on {D} to discuss {S}.",
    "{O1} and {O2} signed an agreement on {S} in {C}, in the presence of {P1}.",
    "{P1} accused {P2} and {O1} of blocking talks on {S}.",
    "{P1}, {K}'s {T}, held talks with {P2} and {P3} in {C}.",
    "In {C}, {P1} presented the plan of {O1} to {P2}, the {T} of {O2}, on {D}.",
];

/// Filler: subject, verb phrase, object, combined freely; no names.
pub const FILL_FR: (&[&str], &[&str], &[&str]) = (
    &[
        "Les marchés",
        "Les analystes",
        "Plusieurs observateurs",
        "Les syndicats",
        "Les investisseurs",
        "Une partie de la population",
        "Les experts",
        "Les diplomates",
        "Les élus locaux",
        "Les entreprises du secteur",
    ],
    &[
        "ont accueilli avec prudence",
        "ont salué",
        "restent sceptiques face à",
        "s'interrogent sur",
        "attendent des précisions sur",
        "suivent de près",
        "ont longuement débattu de",
        "redoutent",
    ],
    &[
        "l'annonce faite cette semaine",
        "ce projet de réforme",
        "la hausse des prix de l'énergie",
        "le calendrier retenu",
        "les conséquences économiques de la crise",
        "la baisse des investissements",
        "les nouvelles règles budgétaires",
        "la situation sur le terrain",
    ],
);

pub const FILL_EN: (&[&str], &[&str], &[&str]) = (
    &[
        "Markets",
        "Analysts",
        "Several observers",
        "Trade unions",
        "Investors",
        "Many residents",
        "Experts",
        "Diplomats",
        "Local officials",
        "Companies in the sector",
    ],
    &[
        "reacted cautiously to",
        "welcomed",
        "remain sceptical about",
        "are asking questions about",
        "are waiting for details on",
        "are closely following",
        "debated at length",
        "are worried about",
    ],
    &[
        "the announcement made this week",
        "the reform plan",
        "the rise in energy prices",
        "the timetable",
        "the economic consequences of the crisis",
        "the fall in investment",
        "the new budget rules",
        "the situation on the ground",
    ],
);

/// Filler with figures: {N} {M} numbers, {D} a day.
pub const FIGURES_FR: &[&str] = &[
    "Le budget prévu atteint {N} milliards d'euros, selon les chiffres publiés {D}.",
    "Le taux de chômage s'établit désormais à {M},{N2} %.",
    "Près de {N} personnes ont participé aux manifestations de {D}.",
    "La croissance devrait atteindre {M},{N2} % l'an prochain.",
    "La réunion s'est déroulée à huis clos et a duré près de {M} heures.",
];

pub const FIGURES_EN: &[&str] = &[
    "The planned budget reaches {N} billion euros, according to figures published on {D}.",
    "Unemployment now stands at {M}.{N2} percent.",
    "Nearly {N} people took part in the protests on {D}.",
    "Growth is expected to reach {M}.{N2} percent next year.",
    "The meeting was held behind closed doors and lasted nearly {M} hours.",
];
