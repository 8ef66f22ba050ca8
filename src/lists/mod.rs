//! The one loader of the word lists in `data/lists/`: the only code that
//! reads those files. Like vaporetto's `Predictor::new`, it loads once,
//! validates every row (a bad one is an `Error::Input` naming the file
//! and its line) and compiles the lists into lookup structures; extraction
//! (`extract::gaz`), the relation model's verb classes and the tagger's
//! gazetteer (`ner::gazetteer`) are views onto the loaded [`Lists`].
//!
//! The files are embedded at compile time ([`Files::shipped`]) and parsed
//! on the first call to [`Lists::get`]. `data/lists/README.md` says what
//! each file holds, where it comes from and under which licence.

mod lexicon;
mod table;
mod triggers;

pub use lexicon::{Lexicon, Place, TitleKind};
pub use table::Files;
pub use triggers::{Event, TriggerPair};

use crate::error::Result;
use crate::model::{EntityType, Label, Lang};
use lexicon::{GazetteerRows, title_kind};
use std::sync::OnceLock;
use table::bad;

/// A closed class of `word_classes.tsv` (its `class` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// Function words that never start a name even when capitalised.
    Stop,
    /// Lowercase heads that may open a French name (lac Majeur).
    LowerOpener,
    /// Prepositions after which an unknown name is a place.
    PlacePrep,
    /// Words that make a capitalised name an organisation.
    OrgHead,
    /// French organisation heads that may open a name in lowercase.
    OrgOpener,
    /// Lowercase place heads that are part of the name (mont Blanc).
    LocHead,
    /// Generic place nouns whose complement is the name (la ville de X).
    LocGeneric,
    /// Event, work and other MISC head words.
    MiscHead,
    /// Adherents and faiths: not names on their own.
    Adherent,
    /// Days and months: never names, and they end one.
    DateWord,
    /// Capitalised words that are never part of a name.
    Common,
    /// French function words (language detection).
    FrWord,
    /// English function words (language detection).
    EnWord,
    /// Words a title may follow (former, ancien, ex, ...).
    TitlePrefix,
    /// Endings of French adjectives that may continue a name.
    NameAdjectiveSuffix,
    /// Words the relation patterns compare a slot with by name ('s, nom,
    /// behalf, representing, côté), besides the classes below.
    SlotTrigger,
    /// "situé à", "headquarters in": a place follows.
    Located,
    /// "capitale de", "the nation's capital".
    Capital,
    /// "membre de", "member of".
    Member,
    /// "student at", "étudiant à".
    Student,
    /// "filiale de", "subsidiary of".
    Unit,
    /// "X a reçu Y", "X hosted Y".
    Hosts,
    /// "banlieue de", "suburb of": a place on the edge of a city, which
    /// the ontology counts as in it.
    Suburb,
    /// Beginnings of meeting words, verbs and nouns (prefixes).
    MeetPrefix,
    /// Whole meeting words (met, talks, réunion).
    MeetWord,
    /// Beginnings of meeting nouns, which a negation does not reach.
    MeetNounPrefix,
    /// Beginnings of agreement words.
    AgreePrefix,
    /// Beginnings of words an agreement prefix starts that are not one
    /// (signal, according).
    NotAgreePrefix,
    /// Beginnings of support words.
    SupportPrefix,
    /// Beginnings of support nouns (unless they end in "ed").
    SupportNounPrefix,
    /// Beginnings of opposition words.
    OpposePrefix,
    /// Whole opposition words (critic, critics).
    OpposeWord,
    /// Beginnings of opposition nouns and adjectives, which a negation
    /// does not reach.
    OpposeNounPrefix,
    /// Words for a political or civic grouping: one is a member of an
    /// organisation named with one (Labour Party), not its employee.
    MembershipHead,
    /// Abbreviations whose dot belongs to the word (case-sensitive: Mr, St).
    Abbreviation,
    /// French elided words: a token ends after their apostrophe (l', qu').
    Elision,
    /// Words that end a compound after a name and a hyphen (Paris-born).
    CompoundSuffix,
    /// Nouns whose complement is a place (the coast of X, la prise de X).
    PlaceOf,
    /// Lowercase common nouns that introduce the name of an event, a
    /// vehicle or a work (l'opération X, the cruise ship X, le film X).
    MiscCue,
    /// Words of a team-sport match report (scored, penalty, buteur): a
    /// sentence with one speaks of sides and their players.
    Sport,
    /// Words saying an organisation belongs to the state (state, public,
    /// federal): "Norway's state broadcaster X" is a unit of Norway.
    StateWord,
    /// The last word of a state body's name (authority, ministry,
    /// council): "Japan's Civil Aviation Authority" is a unit of Japan.
    StateBody,
    /// Lowercase common nouns that introduce an organisation's name (the
    /// newspaper X, la chaîne X, US team X).
    OrgCue,
    /// A legislature's name, one word (Congress, Parlement): the
    /// chambers named with it are its units.
    Legislature,
    /// The first word of a legislative chamber's name (Senate, Chambre
    /// des représentants, House of Commons).
    Chamber,
    /// Words of proximity (near, close to, près de, à côté de): a place
    /// near another is not said to be in it.
    Proximity,
    /// Nouns of a head's office followed by the holder: "le gouvernement
    /// de X", "la présidence de X" (X leads the country).
    OfficeNoun,
    /// Nouns of a head's office beside the holder's name: "le
    /// gouvernement X", "the X administration".
    OfficeNameNoun,
    /// Party labels after a title ("le sénateur démocrate X"): no
    /// organisation of the title's.
    PartyAdjective,
    /// Political leanings after an office noun ("le gouvernement
    /// conservateur de X").
    IdeologyAdjective,
    /// Verbs that say what someone is ("qualifier X de", "describe X as",
    /// "call X a ..."): with a [`WordClass::HarshPrefix`] word after them,
    /// a judgement of the actor they name.
    Describe,
    /// Beginnings of harsh judgement adjectives and nouns (honteux,
    /// shameful, irresponsable, liar): what one says of an opponent.
    HarshPrefix,
    /// Common nouns capitalised by convention (l'État, les droits de
    /// l'Homme, la République, the Administration): alone they name nothing.
    LoneCommon,
    /// Beginnings of opposition words that name a conflict between two
    /// sides (clash, dispute, querelle): each side opposes the other.
    OpposeMutualPrefix,
    /// Verbs that report an accusation (claim, allege, affirmer): "X
    /// claimed that Y imprisoned her" is X opposing Y.
    Claim,
    /// Words saying someone is tried or charged, after an auxiliary or
    /// "on"/"stand" (trial, charged, jugé, inculpé).
    Accused,
    /// Words naming the prosecution (prosecutor, procureur).
    Prosecution,
    /// Words naming the defence at a trial (defence, défense).
    Defence,
    /// Nouns of an angry reaction (indignation, colère, outrage): "X
    /// sparked outrage in Y" is Y opposing X.
    Reaction,
    /// Verbs that cause a reaction (suscité, provoqué, sparked, drew).
    Provoke,
    /// Words before an event's trigger that say it did not happen:
    /// "failed to agree", "without an agreement", "sans accord".
    Unrealised,
    /// Verbs of exhortation before a meeting or an agreement, which has
    /// yet to happen: "urged both sides to resume talks", "appelé au
    /// dialogue" (not before support: "appelle à voter pour X" is some).
    Exhort,
    /// Words of a visit or a journey (attendu, se rendra, visits,
    /// travelled): "le ministre X, attendu à Alger" is the country's
    /// guest, so the headline's country is not the one of his title.
    Visit,
    /// Elected offices (councillor, député, senator, mayor): "councillor
    /// X of the Green Party" is a member of the party, not its officer.
    ElectedOffice,
    /// First words of the name of an agreement's document (memorandum,
    /// MoU, treaty, accord): such a name is what parties sign, never a
    /// party ("X signed a Memorandum of Understanding with Y").
    AgreementDocument,
    /// Verbs of a court's sentence (condamné, sentenced, convicted): "X a
    /// été condamné à deux ans de prison" is the court the article names
    /// opposing X.
    Sentenced,
    /// Active verbs of heading (préside, dirige, heads, chaired, led):
    /// "X, qui préside Y" is X leading Y.
    HeadVerb,
    /// Participles of heading before "par"/"by" (présidée, dirigé,
    /// headed, chaired): "Y, chaired by X" is X leading Y.
    HeadParticiple,
    /// League (league, ligue): "Ligue 1", "the Champions League" name a
    /// competition.
    League,
    /// Number words of a league's rank: "League One", "League Two".
    LeagueRank,
    /// English "secretary": "Health Secretary" is a portfolio's title,
    /// left to the portfolio rules.
    Secretary,
    /// Prepositions of company (with, avec): "talks with X, Y and Z".
    Companion,
    /// Professions practised for others or on their own (analyst,
    /// économiste, journalist, juge): no post of an organisation.
    OutsideProfession,
    /// Nouns of a court (cour, court, tribunal): an organisation whose
    /// name holds one is a court.
    Court,
    /// A ministry (ministère, ministry): an organisation whose name opens
    /// with one.
    Ministry,
    /// Honorific abbreviations (m., mme, mr, dr): one stands before a name.
    HonorificAbbreviation,
}

impl WordClass {
    const NAMES: [(&'static str, WordClass); 76] = [
        ("stop", WordClass::Stop),
        ("lower_opener", WordClass::LowerOpener),
        ("place_prep", WordClass::PlacePrep),
        ("org_head", WordClass::OrgHead),
        ("org_opener", WordClass::OrgOpener),
        ("loc_head", WordClass::LocHead),
        ("loc_generic", WordClass::LocGeneric),
        ("misc_head", WordClass::MiscHead),
        ("adherent", WordClass::Adherent),
        ("date_word", WordClass::DateWord),
        ("common", WordClass::Common),
        ("fr_word", WordClass::FrWord),
        ("en_word", WordClass::EnWord),
        ("title_prefix", WordClass::TitlePrefix),
        ("name_adjective_suffix", WordClass::NameAdjectiveSuffix),
        ("slot_trigger", WordClass::SlotTrigger),
        ("located", WordClass::Located),
        ("capital", WordClass::Capital),
        ("member", WordClass::Member),
        ("student", WordClass::Student),
        ("unit", WordClass::Unit),
        ("hosts", WordClass::Hosts),
        ("suburb", WordClass::Suburb),
        ("meet_prefix", WordClass::MeetPrefix),
        ("meet_word", WordClass::MeetWord),
        ("meet_noun_prefix", WordClass::MeetNounPrefix),
        ("agree_prefix", WordClass::AgreePrefix),
        ("not_agree_prefix", WordClass::NotAgreePrefix),
        ("support_prefix", WordClass::SupportPrefix),
        ("support_noun_prefix", WordClass::SupportNounPrefix),
        ("oppose_prefix", WordClass::OpposePrefix),
        ("oppose_word", WordClass::OpposeWord),
        ("oppose_noun_prefix", WordClass::OpposeNounPrefix),
        ("membership_head", WordClass::MembershipHead),
        ("abbreviation", WordClass::Abbreviation),
        ("elision", WordClass::Elision),
        ("compound_suffix", WordClass::CompoundSuffix),
        ("place_of", WordClass::PlaceOf),
        ("misc_cue", WordClass::MiscCue),
        ("sport", WordClass::Sport),
        ("state_word", WordClass::StateWord),
        ("state_body", WordClass::StateBody),
        ("org_cue", WordClass::OrgCue),
        ("legislature", WordClass::Legislature),
        ("chamber", WordClass::Chamber),
        ("proximity", WordClass::Proximity),
        ("office_noun", WordClass::OfficeNoun),
        ("office_name_noun", WordClass::OfficeNameNoun),
        ("party_adjective", WordClass::PartyAdjective),
        ("ideology_adjective", WordClass::IdeologyAdjective),
        ("describe", WordClass::Describe),
        ("harsh_prefix", WordClass::HarshPrefix),
        ("lone_common", WordClass::LoneCommon),
        ("oppose_mutual_prefix", WordClass::OpposeMutualPrefix),
        ("claim", WordClass::Claim),
        ("accused", WordClass::Accused),
        ("prosecution", WordClass::Prosecution),
        ("defence", WordClass::Defence),
        ("reaction", WordClass::Reaction),
        ("provoke", WordClass::Provoke),
        ("unrealised", WordClass::Unrealised),
        ("exhort", WordClass::Exhort),
        ("visit", WordClass::Visit),
        ("elected_office", WordClass::ElectedOffice),
        ("agreement_document", WordClass::AgreementDocument),
        ("sentenced", WordClass::Sentenced),
        ("head_verb", WordClass::HeadVerb),
        ("head_participle", WordClass::HeadParticiple),
        ("league", WordClass::League),
        ("league_rank", WordClass::LeagueRank),
        ("secretary", WordClass::Secretary),
        ("companion", WordClass::Companion),
        ("outside_profession", WordClass::OutsideProfession),
        ("court", WordClass::Court),
        ("ministry", WordClass::Ministry),
        ("honorific_abbreviation", WordClass::HonorificAbbreviation),
    ];

    fn parse(name: &str) -> Option<WordClass> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, c)| c)
    }
}

/// One row of `verbs.tsv`: a verb lemma and the relation label it
/// triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// As listed: "réunir se", "meet_with".
    pub lemma: &'static str,
    pub lang: Lang,
    pub label: Label,
    /// Its VerbNet (or Verb∋Net) class: "judgment-33.1-1", "attack-60.1".
    pub class: &'static str,
}

/// Every word list, validated and compiled. Get the shared instance with
/// [`Lists::get`].
#[derive(Debug)]
pub struct Lists {
    lexicon: Lexicon,
    gazetteer: GazetteerRows,
    rule_titles: Vec<(&'static str, TitleKind)>,
    words: Vec<(&'static str, WordClass)>,
    verbs: Vec<Verb>,
    trigger_pairs: Vec<TriggerPair>,
    abbreviations: Vec<(&'static str, Lang)>,
    common_words: Vec<(&'static str, Lang)>,
}

impl Lists {
    /// The shipped lists, loaded on first use and shared afterwards.
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(|| {
            Lists::load(&Files::shipped())
                .expect("the shipped lists parse: checked by lists::tests::shipped_lists_parse")
        })
    }

    /// Parses and validates `files`: the first bad row is an error naming
    /// its file and line.
    pub fn load(files: &Files) -> Result<Lists> {
        let (lexicon, gazetteer) = Lexicon::load(files)?;
        let rule_titles = files.typed::<2, _>("rule_titles.tsv", "class", title_kind)?;
        let words = files.typed::<2, _>("word_classes.tsv", "class", WordClass::parse)?;
        let mut verbs = Vec::new();
        for (line, r) in files.table::<5>("verbs.tsv")? {
            let lang = lang_column("verbs.tsv", line, r[1])?;
            let label = r[2]
                .parse()
                .map_err(|_| bad("verbs.tsv", line, format!("label {:?}", r[2])))?;
            verbs.push(Verb {
                lemma: r[0],
                lang,
                label,
                class: r[3],
            });
        }
        let trigger_pairs = triggers::trigger_pairs(files)?;
        let abbreviations = abbreviations(files)?;
        let common_words = common_words(files)?;
        Ok(Lists {
            lexicon,
            gazetteer,
            rule_titles,
            words,
            verbs,
            trigger_pairs,
            abbreviations,
            common_words,
        })
    }

    /// Places, organisations, demonyms, prefixes, first names, titles and
    /// head nouns, compiled into hash maps.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// `place_names.tsv`: (form, place key), in file order.
    pub fn place_names(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.gazetteer.place_names.iter().map(|(_, r)| (r[0], r[1]))
    }

    /// `demonyms.tsv`: (form, country key), in file order.
    pub fn demonyms(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.gazetteer.demonyms.iter().map(|(_, r)| (r[0], r[1]))
    }

    /// `first_names.tsv`: the names, in file order.
    pub fn first_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.gazetteer.first_names.iter().map(|(_, r)| r[0])
    }

    /// `titles.tsv`: (title, kind), in file order.
    pub fn titles(&self) -> impl Iterator<Item = (&'static str, TitleKind)> + '_ {
        self.gazetteer.titles.iter().copied()
    }

    /// `heads.tsv`: (head noun, ORG or LOC), in file order.
    pub fn heads(&self) -> impl Iterator<Item = (&'static str, EntityType)> + '_ {
        self.gazetteer.heads.iter().copied()
    }

    /// `rule_titles.tsv`: the titles the rules match word by word
    /// (lowercase, words separated by one space), in file order: among
    /// matches of one length the first listed wins.
    pub fn rule_titles(&self) -> impl Iterator<Item = (&'static str, TitleKind)> + '_ {
        self.rule_titles.iter().copied()
    }

    /// `word_classes.tsv`: (word, class), in file order.
    pub fn word_classes(&self) -> impl Iterator<Item = (&'static str, WordClass)> + '_ {
        self.words.iter().copied()
    }

    /// The words of one class of `word_classes.tsv`, in file order.
    pub fn words(&self, class: WordClass) -> impl Iterator<Item = &'static str> + '_ {
        self.words
            .iter()
            .filter(move |&&(_, c)| c == class)
            .map(|&(w, _)| w)
    }

    /// `verbs.tsv`, in file order.
    pub fn verbs(&self) -> &[Verb] {
        &self.verbs
    }

    /// `abbreviations.tsv`: the abbreviations of `lang` after which a
    /// period need not end a sentence, as written, final period included
    /// ("Sept.", "janv."), in file order.
    pub fn abbreviations(&self, lang: Lang) -> impl Iterator<Item = &'static str> + '_ {
        self.abbreviations
            .iter()
            .filter(move |&&(_, l)| l == lang)
            .map(|&(a, _)| a)
    }

    /// `common_words.tsv`: the ordinary words of `lang` (lowercase; a
    /// dictionary's words as frequent as once per million), in file order.
    pub fn common_words(&self, lang: Lang) -> impl Iterator<Item = &'static str> + '_ {
        self.common_words
            .iter()
            .filter(move |&&(_, l)| l == lang)
            .map(|&(w, _)| w)
    }

    /// `trigger_pairs.tsv`: the two-word event triggers, in file order
    /// (among pairs of one first word the first listed wins).
    pub fn trigger_pairs(&self) -> &[TriggerPair] {
        &self.trigger_pairs
    }
}

/// A `lang` cell: `fr` or `en`, else an error naming `file` and `line`.
fn lang_column(file: &str, line: usize, cell: &str) -> Result<Lang> {
    match cell {
        "fr" => Ok(Lang::Fr),
        "en" => Ok(Lang::En),
        other => Err(bad(file, line, format!("lang {other:?}"))),
    }
}

/// The rows of `abbreviations.tsv`: one word ending in a period (no
/// space: tokens never span one), its language and source.
fn abbreviations(files: &Files) -> Result<Vec<(&'static str, Lang)>> {
    const FILE: &str = "abbreviations.tsv";
    let mut out = Vec::new();
    for (line, r) in files.table::<3>(FILE)? {
        let form = r[0];
        if !form.ends_with('.') || form.len() < 2 || form.contains(char::is_whitespace) {
            return Err(bad(FILE, line, format!("abbreviation {form:?}")));
        }
        out.push((form, lang_column(FILE, line, r[1])?));
    }
    Ok(out)
}

/// The rows of `common_words.tsv`: one lowercase word without a space
/// and its language.
fn common_words(files: &Files) -> Result<Vec<(&'static str, Lang)>> {
    const FILE: &str = "common_words.tsv";
    let mut out = Vec::new();
    for (line, r) in files.table::<2>(FILE)? {
        let w = r[0];
        if w.contains(char::is_whitespace) || w.chars().any(char::is_uppercase) {
            return Err(bad(FILE, line, format!("word {w:?}")));
        }
        out.push((w, lang_column(FILE, line, r[1])?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_parse() {
        let lists = Lists::load(&Files::shipped()).expect("shipped lists parse");
        assert!(lists.place_names().count() > 1000);
        assert!(lists.first_names().count() > 10_000);
        assert!(lists.verbs().len() > 100);
        assert!(lists.trigger_pairs().len() > 20);
        assert!(lists.abbreviations(Lang::En).any(|a| a == "Sept."));
        assert!(lists.abbreviations(Lang::Fr).any(|a| a == "janv."));
        assert!(lists.common_words(Lang::En).any(|w| w == "senior"));
        assert!(lists.common_words(Lang::Fr).any(|w| w == "maison"));
        for &(_, class) in &WordClass::NAMES {
            assert!(lists.words(class).next().is_some(), "{class:?}");
        }
    }

    /// A broken list handed to the loader: the error names the file and
    /// the line, whichever file it is.
    #[test]
    fn a_bad_row_names_its_file_and_line() {
        let cases = [
            (
                "heads.tsv",
                "word\tkind\tlang\nlac\tloc\tfr\nriver\tsea\ten\n",
                "data/lists/heads.tsv:3: kind \"sea\"",
            ),
            (
                "word_classes.tsv",
                "word\tclass\nle\tstop\nla\n",
                "data/lists/word_classes.tsv:3: expected 2 fields, got \"la\"",
            ),
            (
                "word_classes.tsv",
                "word\tclass\nle\tstopword\n",
                "data/lists/word_classes.tsv:2: class \"stopword\"",
            ),
            (
                "rule_titles.tsv",
                "title\tclass\nmaire\thead\nduc\tnoble\n",
                "data/lists/rule_titles.tsv:3: class \"noble\"",
            ),
            (
                "verbs.tsv",
                "lemma\tlang\tlabel\tclass\tsource\nmeet\ten\tgreets\tx\ty\n",
                "data/lists/verbs.tsv:2: label \"greets\"",
            ),
            (
                "trigger_pairs.tsv",
                "first\tsecond\tevent\tpart\nheld\ttalks\tmeet\tverb\nwar\ton\tfight\tnoun\n",
                "data/lists/trigger_pairs.tsv:3: event \"fight\"",
            ),
            (
                "trigger_pairs.tsv",
                "first\tsecond\tevent\tpart\naccuse\tun\tnone\tverb\n",
                "data/lists/trigger_pairs.tsv:2: part \"verb\"",
            ),
            (
                "demonyms.tsv",
                "form\tkey\tlang\nrusse\tcountry:RU\tfr\nnowhere\tcountry:ZZ\ten\n",
                "data/lists/demonyms.tsv:3: unknown key country:ZZ",
            ),
            (
                "abbreviations.tsv",
                "abbreviation\tlang\tsource\nSept.\ten\tcldr\nav J.-C.\tfr\tcldr\n",
                "data/lists/abbreviations.tsv:3: abbreviation \"av J.-C.\"",
            ),
            (
                "abbreviations.tsv",
                "abbreviation\tlang\tsource\nSept.\tde\tcldr\n",
                "data/lists/abbreviations.tsv:2: lang \"de\"",
            ),
            (
                "common_words.tsv",
                "word\tlang\nmaison\tfr\nSenior\ten\n",
                "data/lists/common_words.tsv:3: word \"Senior\"",
            ),
            (
                "titles.tsv",
                "",
                "data/lists/titles.tsv:1: empty file, expected a header line",
            ),
        ];
        for (file, text, expected) in cases {
            let err = Lists::load(&Files::shipped().with(file, text)).unwrap_err();
            assert_eq!(err.to_string(), expected, "{file}");
        }
    }
}
