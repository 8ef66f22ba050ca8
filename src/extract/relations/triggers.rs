//! Event triggers: the words (and two-word phrases) that open a meeting,
//! an agreement, support or opposition, and whether each is a verb (which
//! a negation reaches) or a noun. The lists are data: the single-word
//! ones are classes of `word_classes.tsv` (`meet_prefix`, ...,
//! `oppose_noun_prefix`), the two-word ones `trigger_pairs.tsv`, both read
//! through `crate::lists` and indexed once. Single words match a list by
//! prefix or whole word through an index by first two bytes. Verbs of the
//! public lexicon (`verbs.tsv`) no list holds trigger too: its opposition
//! classes, and its helping and praising classes as support (an English
//! lemma only as an infinitive, "to help X").

use super::sentence::SentenceView;
use crate::extract::gaz;
use crate::lists::{Lists, WordClass};
use crate::model::Map;
use std::sync::OnceLock;

pub(super) use crate::lists::Event;

/// The event of a two-word trigger and whether it is a verb (`None`: the
/// two words trigger nothing, "accuse un ...").
type PairEvent = Option<(Event, bool)>;

/// The second words and events of the two-word triggers
/// (`trigger_pairs.tsv`) that start with `w`, in their order there.
fn pairs_by_first(w: &str) -> &'static [(&'static str, PairEvent)] {
    static INDEX: OnceLock<Map<&'static str, Vec<(&'static str, PairEvent)>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: Map<&'static str, Vec<(&'static str, PairEvent)>> = Map::default();
        for pair in Lists::get().trigger_pairs() {
            m.entry(pair.first)
                .or_default()
                .push((pair.second, pair.event));
        }
        m
    });
    index.get(w).map_or(&[], Vec::as_slice)
}

/// The event the word at slot `i` triggers, whether it is a verb
/// (negatable), and how many slots the trigger spans.
pub(super) fn trigger(s: &SentenceView<'_>, i: usize) -> Option<(Event, bool, usize)> {
    let w = s.word(i);
    if w.is_empty() {
        return None;
    }
    // Multi-word first (only words with the PAIR_TRIGGER class open one).
    if s.class(i) & gaz::cls::PAIR_TRIGGER != 0
        && let next = s.word(i + 1)
        && let Some(&(_, ev)) = pairs_by_first(w).iter().find(|&&(b, _)| b == next)
    {
        return ev.map(|(ev, verb)| (ev, verb, 2));
    }
    // An opposition pair ending in a preposition of aim ("at", "on",
    // "against", "contre", "sur") with up to two words between ("fired
    // missiles at", "des sanctions économiques contre", "une plainte
    // déposée contre"): ordinary words only, no name or punctuation.
    if s.class(i) & gaz::cls::PAIR_TRIGGER != 0 {
        for gap in 1..=2 {
            let second = s.word(i + 1 + gap);
            if !matches!(second, "at" | "on" | "against" | "contre" | "sur") {
                continue;
            }
            let plain = (i + 1..i + 1 + gap).all(|k| {
                s.entity(k).is_none() && s.word(k).chars().all(|c| c.is_alphabetic() || c == '-')
            });
            if !plain {
                break;
            }
            if let Some(&(_, Some((Event::Oppose, verb)))) = pairs_by_first(w)
                .iter()
                .find(|&&(b, ev)| b == second && matches!(ev, Some((Event::Oppose, _))))
            {
                return Some((Event::Oppose, verb, gap + 2));
            }
        }
    }
    if may_trigger(w)
        && let Some((ev, verb)) = single_trigger(w)
    {
        return Some((ev, verb, 1));
    }
    // No hand list holds it (the test above), so only the lexicon is left.
    if lexicon_opposes(w) {
        return Some((Event::Oppose, true, 1));
    }
    // An English lemma is as often a noun ("drew praise", "the help of"):
    // only an infinitive after "to" or a modal is the verb.
    let infinitive = || {
        matches!(
            s.word(i.wrapping_sub(1)),
            "to" | "will" | "would" | "can" | "could" | "should" | "must" | "may" | "might"
        )
    };
    lexicon_supports(w)
        .filter(|&bare| !bare || infinitive())
        .map(|_| (Event::Support, true, 1))
}

/// A word that triggers only through the verb lexicon, not the hand
/// lists: [`lexicon_opposes`], [`lexicon_supports`].
pub(super) fn lexicon_only(w: &str) -> bool {
    !(may_trigger(w) && single_trigger(w).is_some())
        && (lexicon_opposes(w) || lexicon_supports(w).is_some())
}

/// The VerbNet and Verb∋Net classes (`verbs.tsv`) whose `agrees_with`
/// verbs say that one actor helps or praises another: helping and
/// praising. Left out: accepting, allying and conspiring (their object
/// is mostly a plan or a crime), the psych verbs ("respect the law",
/// "trust"), and the classes the hand lists cover.
const SUPPORT_CLASSES: [&str; 2] = ["help-72", "judgment-33"];

/// Lemmas of those classes that are mostly something else in news text
/// ("honour a contract", "welcome to", "thank").
const SUPPORT_NOT: [&str; 5] = ["honor", "honorer", "welcome", "thank", "remercier"];

/// A verb form of a helping or praising verb of the lexicon (see
/// [`SUPPORT_CLASSES`]), inflected as [`lexicon_opposes`]'s: whether it
/// is an English lemma (a bare form, often a noun), or `None`.
pub(super) fn lexicon_supports(w: &str) -> Option<bool> {
    static FORMS: OnceLock<Map<String, bool>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut forms = Map::default();
        for v in lexicon_verbs(
            crate::model::Label::AgreesWith,
            &SUPPORT_CLASSES,
            &SUPPORT_NOT,
        ) {
            let bare = v.lang == crate::model::Lang::En;
            for form in inflections(v.lemma, v.lang) {
                let is_lemma = bare && form == v.lemma;
                forms.entry(form).or_insert(is_lemma);
            }
        }
        forms
    });
    forms.get(w).copied().filter(|_| w.len() >= 4)
}

/// The VerbNet and Verb∋Net classes (`verbs.tsv`) whose verbs say that
/// one actor opposes another: judging and blaming, attacking, killing,
/// banishing, prosecuting, suspecting, disliking, rejecting, protesting.
/// Left out: fighting and confronting (a match or an election is rivalry,
/// not opposition), subduing ("soumettre un projet"), and the classes the
/// hand lists cover.
const OPPOSE_CLASSES: [&str; 11] = [
    "judgment-33",
    "attack-60",
    "murder-42",
    "banish-10",
    "prosecute-33",
    "suspect-81",
    "admire-31",
    "reject-77",
    "accept-77",
    "rebel-71",
    "conspire-71",
];

/// Lemmas of those classes that are mostly something else in news text
/// ("in charge of", "struck a deal", "chasser", "fault", "target").
const OPPOSE_NOT: [&str; 9] = [
    "charge", "strike", "chasser", "fault", "shame", "damn", "curse", "target", "spar",
];

/// A verb form of an opposition verb of the lexicon (see
/// [`OPPOSE_CLASSES`]): English `-s`, `-ed`, `-ing` forms, French forms
/// of the first, second and third groups.
pub(super) fn lexicon_opposes(w: &str) -> bool {
    static FORMS: OnceLock<crate::model::Set<String>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut forms = crate::model::Set::default();
        for v in lexicon_verbs(crate::model::Label::Opposes, &OPPOSE_CLASSES, &OPPOSE_NOT) {
            forms.extend(inflections(v.lemma, v.lang));
        }
        forms
    });
    w.len() >= 4 && forms.contains(w)
}

/// The one-word verbs of the lexicon with `label` in one of `classes`,
/// but for the lemmas of `not`.
fn lexicon_verbs(
    label: crate::model::Label,
    classes: &'static [&'static str],
    not: &'static [&'static str],
) -> impl Iterator<Item = &'static crate::lists::Verb> {
    Lists::get().verbs().iter().filter(move |v| {
        v.label == label
            && classes.iter().any(|c| v.class.starts_with(c))
            && !v.lemma.contains([' ', '_'])
            && !not.contains(&v.lemma)
    })
}

/// The inflected forms of a verb lemma (regular patterns only).
fn inflections(lemma: &str, lang: crate::model::Lang) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let add = |out: &mut Vec<String>, stem: &str, ends: &[&str]| {
        out.extend(ends.iter().map(|e| format!("{stem}{e}")));
    };
    if lang == crate::model::Lang::Fr {
        if let Some(stem) = lemma.strip_suffix("er") {
            add(
                &mut out,
                stem,
                &[
                    "e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "ant", "èrent",
                    "era", "eront",
                ],
            );
        } else if let Some(stem) = lemma.strip_suffix("ir") {
            add(
                &mut out,
                stem,
                &[
                    "it", "is", "issent", "i", "ie", "ies", "issait", "issant", "ira",
                ],
            );
        } else if let Some(stem) = lemma.strip_suffix("re") {
            add(
                &mut out,
                stem,
                &["", "s", "ent", "u", "ue", "us", "ues", "ait", "ra", "it"],
            );
        }
    } else {
        let base = lemma.strip_suffix('e').unwrap_or(lemma);
        if let Some(stem) = lemma.strip_suffix('y') {
            add(&mut out, stem, &["ies", "ied"]);
            add(&mut out, lemma, &["ing"]);
        } else if lemma.ends_with(['s', 'x', 'h']) {
            add(&mut out, lemma, &["es", "ed", "ing"]);
        } else {
            add(&mut out, lemma, &["s"]);
            add(&mut out, base, &["ed", "ing"]);
            // "ban" -> "banned", "stab" -> "stabbed": one short syllable;
            // "expel" -> "expelled": a final "el" doubles too.
            let b = lemma.as_bytes();
            if (b.len() <= 4 || lemma.ends_with("el"))
                && let [.., v, c] = b
                && b"aeiou".contains(v)
                && !b"aeiouwxy".contains(c)
            {
                let doubled = format!("{lemma}{}", *c as char);
                add(&mut out, &doubled, &["ed", "ing"]);
            }
        }
    }
    out
}

/// The event a single word triggers and whether it is a verb: which of the
/// lists below hold it (as a word or a prefix) comes from [`list_bits`].
fn single_trigger(w: &str) -> Option<(Event, bool)> {
    use trigger_bits as tb;
    let m = list_bits(w);
    if m & (tb::MEET | tb::MEET_WORDS) != 0 {
        return Some((
            Event::Meet,
            m & tb::MEET_NOUNS == 0
                && !["tion", "tions", "ing", "ings", "talks"]
                    .iter()
                    .any(|x| w.ends_with(x)),
        ));
    }
    if m & tb::AGREE != 0 && m & tb::NOT_AGREE == 0 {
        return Some((Event::Agree, true));
    }
    if m & tb::SUPPORT != 0 {
        return Some((
            Event::Support,
            m & tb::SUPPORT_NOUNS == 0 || w.ends_with("ed"),
        ));
    }
    if m & (tb::OPPOSE | tb::OPPOSE_WORDS) != 0 {
        return Some((
            Event::Oppose,
            m & tb::OPPOSE_NOUNS == 0 || w.ends_with("ed") || w.ends_with('é'),
        ));
    }
    None
}

/// The single-word trigger lists of `word_classes.tsv`: the class, whether
/// its entries are whole words (else beginnings of words), the
/// [`trigger_bits`] bit it sets and whether its entries count for
/// [`may_trigger`] (the lists that can make a word a trigger).
const SINGLE_LISTS: [(WordClass, bool, u16, bool); 10] = {
    use trigger_bits as tb;
    [
        (WordClass::MeetPrefix, false, tb::MEET, true),
        (WordClass::MeetWord, true, tb::MEET_WORDS, true),
        (WordClass::MeetNounPrefix, false, tb::MEET_NOUNS, false),
        (WordClass::AgreePrefix, false, tb::AGREE, true),
        (WordClass::NotAgreePrefix, false, tb::NOT_AGREE, false),
        (WordClass::SupportPrefix, false, tb::SUPPORT, true),
        (
            WordClass::SupportNounPrefix,
            false,
            tb::SUPPORT_NOUNS,
            false,
        ),
        (WordClass::OpposePrefix, false, tb::OPPOSE, true),
        (WordClass::OpposeWord, true, tb::OPPOSE_WORDS, true),
        (WordClass::OpposeNounPrefix, false, tb::OPPOSE_NOUNS, false),
    ]
};

/// Whether a single word may trigger an event: it is at least as long as
/// the shortest word or prefix of the trigger lists that shares its first two
/// bytes (one table lookup, so most words skip the prefix comparisons).
fn may_trigger(w: &str) -> bool {
    static SHORTEST: OnceLock<Vec<u8>> = OnceLock::new();
    let index = |b: &[u8]| usize::from(b[0]) << 8 | usize::from(b[1]);
    let shortest = SHORTEST.get_or_init(|| {
        let mut shortest = vec![u8::MAX; 1 << 16];
        let lists = SINGLE_LISTS.iter().filter(|&&(_, _, _, triggers)| triggers);
        for x in lists.flat_map(|&(class, _, _, _)| Lists::get().words(class)) {
            let len = u8::try_from(x.len()).expect("trigger words are short");
            let i = index(x.as_bytes());
            shortest[i] = shortest[i].min(len);
        }
        shortest
    });
    let b = w.as_bytes();
    b.len() >= 2 && b.len() >= usize::from(shortest[index(b)])
}

/// The trigger lists a word is in, one bit each ([`list_bits`]).
mod trigger_bits {
    pub const MEET: u16 = 1;
    pub const MEET_WORDS: u16 = 1 << 1;
    pub const MEET_NOUNS: u16 = 1 << 2;
    pub const AGREE: u16 = 1 << 3;
    pub const NOT_AGREE: u16 = 1 << 4;
    pub const SUPPORT: u16 = 1 << 5;
    /// Support nouns unless they end in "ed".
    pub const SUPPORT_NOUNS: u16 = 1 << 6;
    pub const OPPOSE: u16 = 1 << 7;
    pub const OPPOSE_WORDS: u16 = 1 << 8;
    pub const OPPOSE_NOUNS: u16 = 1 << 9;
}

/// The trigger lists a word starts with a prefix of (or, for the lists of
/// whole words, equals a word of), as [`trigger_bits`]. The list entries
/// are indexed by their first two bytes, so a word is compared only with
/// the few entries that share them.
fn list_bits(w: &str) -> u16 {
    /// Entries by first two bytes: entry `(text, whole word, bit)`s of
    /// bucket `k` are `entries[starts[k]..starts[k + 1]]`.
    struct Index {
        starts: Vec<u16>,
        entries: Vec<(&'static str, bool, u16)>,
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    let bucket = |b: &[u8]| usize::from(b[0]) << 8 | usize::from(b[1]);
    let index = INDEX.get_or_init(|| {
        let mut entries: Vec<(&'static str, bool, u16)> = SINGLE_LISTS
            .iter()
            .flat_map(|&(class, whole, bit, _)| {
                Lists::get().words(class).map(move |x| (x, whole, bit))
            })
            .collect();
        entries.sort_by_key(|&(x, _, _)| bucket(x.as_bytes()));
        let mut starts = vec![0u16; (1 << 16) + 1];
        for &(x, _, _) in &entries {
            starts[bucket(x.as_bytes()) + 1] += 1;
        }
        for k in 0..1 << 16 {
            starts[k + 1] += starts[k];
        }
        Index { starts, entries }
    });
    let b = w.as_bytes();
    if b.len() < 2 {
        return 0;
    }
    let k = bucket(b);
    let (lo, hi) = (
        usize::from(index.starts[k]),
        usize::from(index.starts[k + 1]),
    );
    index.entries[lo..hi]
        .iter()
        .filter(|&&(x, whole, _)| if whole { w == x } else { w.starts_with(x) })
        .fold(0, |m, &(_, _, bit)| m | bit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_verbs_are_matched_in_their_inflected_forms() {
        assert!(lexicon_opposes("expelled"));
        assert!(lexicon_opposes("ridicules"));
        assert!(lexicon_opposes("raillé"));
        assert!(lexicon_opposes("expulsent"));
        // Left out: rivalry and the lemmas mostly meaning something else.
        assert!(!lexicon_opposes("fights"));
        assert!(!lexicon_opposes("affronte"));
        assert!(!lexicon_opposes("charged"));
        assert!(!lexicon_opposes("soumettent"));
    }

    /// The words of a class of `word_classes.tsv`.
    fn list(class: WordClass) -> Vec<&'static str> {
        Lists::get().words(class).collect()
    }

    /// [`single_trigger`] as it was written before the index: every list
    /// compared in turn.
    fn single_trigger_reference(w: &str) -> Option<(Event, bool)> {
        use WordClass::*;
        let p = |class| list(class).iter().any(|x| w.starts_with(x));
        if p(MeetPrefix) || list(MeetWord).contains(&w) {
            return Some((
                Event::Meet,
                !p(MeetNounPrefix)
                    && !["tion", "tions", "ing", "ings", "talks"]
                        .iter()
                        .any(|x| w.ends_with(x)),
            ));
        }
        if p(AgreePrefix) && !p(NotAgreePrefix) {
            return Some((Event::Agree, true));
        }
        if p(SupportPrefix) {
            return Some((Event::Support, !p(SupportNounPrefix) || w.ends_with("ed")));
        }
        if p(OpposePrefix) || list(OpposeWord).contains(&w) {
            return Some((
                Event::Oppose,
                !p(OpposeNounPrefix) || w.ends_with("ed") || w.ends_with('é'),
            ));
        }
        None
    }

    #[test]
    fn single_trigger_matches_the_list_by_list_reading() {
        let mut found = 0;
        let lists = SINGLE_LISTS
            .iter()
            .filter(|&&(class, _, _, _)| class != WordClass::SupportNounPrefix);
        for x in lists.flat_map(|&(class, _, _, _)| list(class)) {
            for cut in [0, 1, 2] {
                let stem = &x[..x.floor_char_boundary(x.len().saturating_sub(cut))];
                for suffix in [
                    "", "s", "ed", "é", "tion", "tions", "ing", "talks", "e", "ly",
                ] {
                    let w = format!("{stem}{suffix}");
                    let got = single_trigger(&w);
                    assert_eq!(got, single_trigger_reference(&w), "{w}");
                    found += usize::from(got.is_some());
                }
            }
        }
        // The lists themselves trigger (a broken index would find nothing).
        assert!(found > 500, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn single_trigger_agrees_on_any_word(w in "[a-zéèêâ'-]{0,12}") {
            proptest::prop_assert_eq!(single_trigger(&w), single_trigger_reference(&w));
        }
    }
}
