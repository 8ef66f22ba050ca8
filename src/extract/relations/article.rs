//! What the patterns know of the whole article: its main actors, country,
//! people and organisation, and what earlier sentences introduced ("la
//! province", "le maire de X", the previous sentence's people). It lets
//! "les deux parties", "the company" or "du pays" stand for an entity.

use super::sentence::{SentenceView, is_of, skip_det};
use crate::extract::gaz;
use crate::extract::resolve::Resolved;
use crate::extract::segment::Words;
use crate::model::EntityType;
use crate::model::Map;

/// Article-level context shared by the sentence patterns.
pub(super) struct ArticleContext {
    /// The two main actors ("les deux parties").
    pub(super) main_pair: Option<(usize, usize)>,
    /// The main country ("the nation's capital").
    pub(super) main_country: Option<usize>,
    /// The one country the headline (the first sentence) names, else the
    /// place a headline "Région : ..." opens with ([`headline_place`]):
    /// the country of a title that names none ("le premier ministre X").
    pub(super) headline_country: Option<usize>,
    /// The place a headline "Région : ..." opens with ([`headline_place`]).
    pub(super) headline_place: Option<usize>,
    /// Generic place noun -> last place introduced with it ("la province").
    pub(super) generic_places: Map<String, usize>,
    /// (title word, tail) -> holder, for "le maire de X" without a name.
    pub(super) holders: Map<(String, usize), usize>,
    /// Most mentioned person, if clearly salient.
    pub(super) salient_person: Option<usize>,
    /// The two most mentioned people ("les deux hommes").
    pub(super) main_people: Option<(usize, usize)>,
    /// The two people of the previous sentence, when it names exactly two.
    pub(super) prev_people: Option<(usize, usize)>,
    /// The last organisation of the previous sentence ("Its chairperson").
    pub(super) prev_org: Option<usize>,
    /// The first person of the last sentence that names one (the speaker
    /// of a quote opening a sentence), one not named as a noun's
    /// complement ("le procès d'X") first.
    pub(super) prev_person: Option<usize>,
    /// Most mentioned organisation, if mentioned at least three times.
    pub(super) main_org: Option<usize>,
    /// The headline (the first sentence) names the main organisation.
    pub(super) main_org_in_headline: bool,
    /// Last word of each organisation's name -> organisation ("the project").
    pub(super) org_heads: Map<String, usize>,
    /// The one country the sentences read so far name (by name or
    /// demonym), none once they name two: the country of a later title
    /// that names none ("Le premier ministre X a réagi").
    pub(super) sole_country: Option<usize>,
    /// The sentences read so far name two countries or more.
    pub(super) many_countries: bool,
    /// The people the sentences read so far say are tried or charged
    /// (`super::events::accused`): whom a prosecutor opposes and the
    /// defence stands with. At most [`MAX_ACCUSED`].
    pub(super) accused: Vec<usize>,
    /// The country each person's titles state by a demonym ("le président
    /// tunisien X"), as (person, country key). At most [`MAX_STATED`].
    pub(super) stated: Vec<(usize, &'static str)>,
    /// The relations a title gave a country by a fallback (the headline's,
    /// the one named before): (index in the relations, person, country).
    /// At most [`MAX_STATED`].
    pub(super) fallbacks: Vec<(usize, usize, usize)>,
    /// The court the article names most (an organisation whose name
    /// holds "cour", "court" or "tribunal"): the author of a sentence
    /// told without its agent ("X a été condamné à deux ans de prison").
    pub(super) court: Option<usize>,
}

/// How many stated countries and fallbacks an article keeps.
pub(super) const MAX_STATED: usize = 64;

impl ArticleContext {
    /// The fallback relations a person's own stated country contradicts:
    /// "au président X" in a headline naming another country than the
    /// "président tunisien X" of the text. Their indices, ascending.
    pub(super) fn contradicted_fallbacks(&self, resolved: &Resolved) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .fallbacks
            .iter()
            .filter(|&&(_, person, country)| {
                let key = resolved.info[country].known.map(|k| k.key);
                let mut mine = self.stated.iter().filter(|&&(p, _)| p == person).peekable();
                mine.peek().is_some() && mine.all(|&(_, k)| Some(k) != key)
            })
            .map(|&(i, _, _)| i)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Nouns of a court ("cour", "court", "tribunal": `court`), as folded
/// words are.
fn court_words() -> &'static [&'static str] {
    static CELL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        crate::lists::Lists::get()
            .words(crate::lists::WordClass::Court)
            .collect()
    })
}

/// How many accused people an article keeps.
pub(super) const MAX_ACCUSED: usize = 4;

impl ArticleContext {
    /// Remembers what sentence `s` names for the next ones: its two people,
    /// its last organisation, its first person (`people` is a buffer).
    pub(super) fn remember_sentence(&mut self, s: &SentenceView<'_>, people: &mut Vec<usize>) {
        let n = s.len();
        for i in 0..n {
            if !self.many_countries
                && s.is_country(i)
                && let Some(c) = s.entity(i)
            {
                match self.sole_country {
                    None => self.sole_country = Some(c),
                    Some(d) if d != c => {
                        self.sole_country = None;
                        self.many_countries = true;
                    }
                    Some(_) => {}
                }
            }
        }
        people.clear();
        people.extend(
            (0..n)
                .filter(|&i| !s.slots[i].demonym && s.kind(i) == Some(EntityType::Per))
                .filter_map(|i| s.entity(i)),
        );
        people.sort_unstable();
        people.dedup();
        self.prev_people = match people.as_slice() {
            [a, b] => Some((*a, *b)),
            _ => None,
        };
        self.prev_org = (0..n)
            .rev()
            .find(|&i| s.kind(i) == Some(EntityType::Org))
            .and_then(|i| s.entity(i));
        // A person named as a noun's complement ("le procès d'X", "the
        // trial of X") is the subject only when no other person is named.
        let person = |i: usize| !s.slots[i].demonym && s.kind(i) == Some(EntityType::Per);
        let complement = |i: usize| i > 0 && matches!(s.word(i - 1), "de" | "d'" | "du" | "of");
        if let Some(p) = (0..n)
            .find(|&i| person(i) && !complement(i))
            .or_else(|| (0..n).find(|&i| person(i)))
            .and_then(|i| s.entity(i))
        {
            self.prev_person = Some(p);
        }
    }
}

/// "la province de la X": remembers X as "la province".
pub(super) fn remember_generic(s: &SentenceView<'_>, article: &mut ArticleContext) {
    for i in 2..s.len() {
        if s.kind(i) != Some(EntityType::Loc) {
            continue;
        }
        let mut k = i;
        if matches!(s.word(k - 1), "la" | "l'" | "le" | "the") {
            k -= 1;
        }
        if k >= 2
            && matches!(s.word(k - 1), "de" | "d'" | "of")
            && s.class(k - 2) & gaz::cls::LOC_GENERIC != 0
        {
            article
                .generic_places
                .insert(s.word(k - 2).to_string(), s.entity(i).expect("loc"));
        }
    }
}

/// The context before the first sentence: who and what the article names
/// most.
pub(super) fn article_context(resolved: &Resolved, tokens: &Words<'_>) -> ArticleContext {
    let mut countries: Vec<usize> = (0..resolved.entities.len())
        .filter(|&e| resolved.info[e].known.as_ref().is_some_and(|k| k.country))
        .collect();
    countries.sort_by_key(|&e| (usize::MAX - resolved.info[e].count, e));
    let mut actors: Vec<usize> = (0..resolved.entities.len())
        .filter(|&e| matches!(resolved.entities[e].kind, EntityType::Per | EntityType::Org))
        .collect();
    actors.sort_by_key(|&e| (usize::MAX - resolved.info[e].count, e));
    let count = |i: usize| countries.get(i).map_or(0, |&c| resolved.info[c].count);
    let pair = if countries.len() >= 2 && count(1) > count(2) {
        Some((countries[0], countries[1]))
    } else if actors.len() >= 2 {
        Some((actors[0], actors[1]))
    } else {
        None
    };
    let country = countries
        .first()
        .copied()
        .filter(|&c| resolved.info[c].count >= 2);
    let mut people: Vec<usize> = (0..resolved.entities.len())
        .filter(|&e| resolved.entities[e].kind == EntityType::Per)
        .collect();
    people.sort_by_key(|&e| (usize::MAX - resolved.info[e].count, e));
    let count_of = |e: &usize| resolved.info[*e].count;
    let salient_person = match people.as_slice() {
        [p] if resolved.info[*p].count >= 3 => Some(*p),
        [p, q, ..]
            if resolved.info[*p].count >= 3
                && resolved.info[*p].count >= 2 * resolved.info[*q].count =>
        {
            Some(*p)
        }
        _ => None,
    };
    let mut orgs: Vec<usize> = (0..resolved.entities.len())
        .filter(|&e| resolved.entities[e].kind == EntityType::Org)
        .collect();
    orgs.sort_by_key(|&e| (usize::MAX - resolved.info[e].count, e));
    let main_org = orgs
        .first()
        .copied()
        .filter(|&o| resolved.info[o].count >= 3);
    let court = orgs.iter().copied().find(|&o| {
        resolved.entities[o]
            .name
            .split([' ', '\'', '’'])
            .any(|w| court_words().contains(&crate::fold::fold(w).as_str()))
    });
    let mut org_heads: Map<String, usize> = Map::default();
    for &o in orgs.iter().rev() {
        if let Some(last) = resolved.entities[o].name.split_whitespace().last() {
            let last = last.to_lowercase();
            if gaz::is_org_head(&last) {
                org_heads.insert(last, o);
            }
        }
    }
    let two_people = match people.as_slice() {
        [p, q] => Some((*p, *q)),
        [p, q, third, ..] if count_of(third) < count_of(q) => Some((*p, *q)),
        _ => None,
    };
    let mut in_headline = resolved
        .mentions
        .iter()
        .filter(|m| m.sent == 0 && !m.demonym)
        .map(|m| m.entity)
        .filter(|&e| resolved.info[e].known.as_ref().is_some_and(|k| k.country));
    let opening_place = headline_place(resolved, tokens);
    let headline_country = match (in_headline.next(), in_headline.next()) {
        (Some(c), None) => Some(c),
        (None, _) => opening_place,
        _ => None,
    };
    let main_org_in_headline = main_org.is_some_and(|o| {
        resolved
            .mentions
            .iter()
            .any(|m| m.sent == 0 && m.entity == o)
    });
    ArticleContext {
        headline_country,
        headline_place: opening_place,
        main_org_in_headline,
        main_people: two_people,
        prev_people: None,
        prev_org: None,
        prev_person: None,
        accused: Vec::new(),
        stated: Vec::new(),
        fallbacks: Vec::new(),
        court,
        main_pair: pair,
        main_country: country,
        generic_places: Map::default(),
        holders: Map::default(),
        salient_person,
        main_org,
        org_heads,
        sole_country: None,
        many_countries: false,
    }
}

/// The place a headline opens with before a colon ("Corse : ...",
/// "Québec : ..."): the article is set there, as with a country.
fn headline_place(resolved: &Resolved, tokens: &Words<'_>) -> Option<usize> {
    let &(start, end) = tokens.sents.first()?;
    let m = resolved
        .mentions
        .iter()
        .find(|m| m.sent == 0 && m.a == start && !m.demonym)?;
    let place = resolved.entities[m.entity].kind == EntityType::Loc;
    (place && m.b < end && tokens.lower(m.b) == ":").then_some(m.entity)
}

/// A sentence opening "The company, ...", "Le groupe ...": the article's
/// main organisation.
pub(super) fn company_anaphor(s: &SentenceView<'_>, article: &ArticleContext) -> Option<usize> {
    let k = skip_det(s, 0);
    let generic = matches!(
        s.word(k),
        "company" | "firm" | "group" | "groupe" | "entreprise" | "société" | "constructeur"
    );
    (k > 0 && generic).then_some(article.main_org).flatten()
}

/// "de la province", "du pays": the place those words stand for.
pub(super) fn place_anaphor(
    s: &SentenceView<'_>,
    article: &ArticleContext,
    i: usize,
) -> Option<usize> {
    let j = skip_det(s, if is_of(s.word(i)) { i + 1 } else { i });
    match s.word(j) {
        "pays" | "country" | "nation" => article.main_country,
        w if gaz::is_loc_generic(w) => article.generic_places.get(w).copied(),
        _ => None,
    }
}
