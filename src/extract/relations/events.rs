//! Events between actors: meetings (`meets`), agreement and support
//! (`agrees_with`) and opposition (`opposes`), from a trigger
//! ([`triggers`](super::triggers)) with its subject before and objects
//! after, coordinated actors ("X et Y se sont réunis", "X et Y ont
//! dénoncé Z"), the partners of a joint study or research team ("a
//! research team from X, Y and Z"), "les deux parties" / "the two
//! leaders", hosts ("X a reçu Y") and harsh judgements ("X a
//! qualifié Y de « honteux »", "X described Y as a liar"). A conflict
//! between two sides ("un clash avec Y", "a dispute with Y") runs both
//! ways; an object pronoun ("Y imprisoned her") is the person named
//! before, who, if a verb of claim reports it ("X claimed that Y ..."),
//! opposes Y in turn. At a trial ([`court`]), the prosecutor opposes the
//! people the article said are tried or charged ([`accused`]) and the
//! defence stands with them; a sentence told without its agent ("X a
//! été condamné à deux ans") is the court the article names opposing X
//! ([`sentenced_by_court`]). A verb of opposition after a closed quote
//! and a comma has its subject after it ("« ... », dénonce Y"). A harsh
//! word said of an actor in a quote
//! ("« X est un menteur », a dit Y") and a reaction caused ("X's plan
//! sparked outrage in Y") are opposition too. The agent is read from the
//! clause's shape: a passive's "par"/"by" ("X was rejected by Y", a
//! headline's "X rejeté par Y": Y opposes X), a noun's ("la condamnation de X par Y"), a relative
//! pronoun's antecedent ("X, which attacked Y"), the subject of an object
//! relative ("a policy of X which Y criticised": Y opposes X), an agent after
//! "from" ("criticism from Y"), a list after a passive's agent ("by members
//! of X, including A and B"), a noun of opposition's
//! nearby actor or, in a quote, the speaker's ("« les bêtises du X »"); a
//! pronoun or a title opening the sentence ("Il a dénoncé", "The senator
//! criticised"), or a pronoun subject later with no person named before
//! it ("Mais déjà, il était à l'origine d'un clash avec X", "He traveled
//! to Ohio to meet X"), is the person named before, and "I"/"je" of a quote the
//! speaker ("« Je suis déçu par X », a dit Y"). A person after "à"/"to" is an
//! object ("son soutien à X"), so is an organisation after a noun of
//! support or veto ("leur veto au Conseil"), and "où"/"where" the
//! organisation before it ("l'école X, où Y a tué ..."). A negated verb,
//! a passive of opposition with no agent ("X a été exclu du parti"),
//! an "-ing" form describing a noun ("with attacking style") or
//! "l'opposition" as the parties out of power yields nothing; the
//! sentence's place goes in the attributes (its date is the relation's,
//! `extract::dated`).

use super::SlotWords;
use super::article::ArticleContext;
use super::sentence::{Edges, SentenceView};
use super::titles::title_word;
use super::triggers::{Event, lexicon_only, trigger};
use crate::extract::gaz;
use crate::lists::{Lists, WordClass};
use crate::model::{EntityType, Label, Set};
use std::sync::OnceLock;

/// Meetings, agreements, support and opposition.
pub(super) fn events(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    let n = s.len();
    let mut i = 0;
    let mut place: Option<String> = None;
    while i < n {
        hosted_meeting(s, i, out);
        harsh_judgement(s, i, article, out);
        quoted_harsh(s, i, article, out);
        sentenced_by_court(s, i, article, out);
        reaction(s, i, out);
        let Some((event, verb, len)) = trigger(s, i) else {
            i += 1;
            continue;
        };
        let trigger_text = s.span_text(i, i + len);
        // "des attaques", "la critique", "the rejection": a noun; "to
        // support X", "will back X": a verb.
        let verb = (verb && !after_determiner(s, i))
            || (event == Event::Support
                && len == 1
                && infinitive_marker(s.word(i.wrapping_sub(1))));
        if (verb && negated(s, i))
            || unrealised(s, i, event)
            || describes_noun(s, i, len)
            || the_opposition(s, i)
        {
            i += len;
            continue;
        }
        // A verb of the lexicon with no agent in view: a passive without
        // "par"/"by" ("X a été soupçonné", "X was arrested"), or inside a
        // quote, whose subject is not the actor before it.
        if len == 1
            && lexicon_only(s.word(i))
            && ((has_aux_before(s, i) && !passive_by(s, i, len)) || quote_open(s, i).is_some())
        {
            i += len;
            continue;
        }
        // A passive of opposition with no agent ("X a été exclu du
        // parti", "X was condemned in March"): the name before is what
        // it acts on, not its agent. Not a pronominal verb ("s'est
        // opposé"), an adjective before "à"/"to" ("sont opposés à") or a
        // progressive ("is attacking").
        if verb
            && event == Event::Oppose
            && len == 1
            && has_aux_before(s, i)
            && !passive_by(s, i, len)
            && !s.word(i).ends_with("ing")
            // ("sont condamnés à cinq ans": a sentence, still a passive)
            && (!matches!(s.word(i + 1), "à" | "au" | "aux" | "to") || sentenced(s.word(i)))
            && !(i.saturating_sub(3)..i).any(|k| matches!(s.word(k), "se" | "s'"))
        {
            i += len;
            continue;
        }
        // "« X a menti », dénonce Y", "..., accuse le député Y": a verb
        // of opposition after a comma, its subject after it: Y opposes
        // the actors named before (in the quote, if one is open).
        if event == Event::Oppose
            && verb
            && let Some((speaker, targets)) = inverted_speaker(s, i, len)
        {
            for t in targets {
                out.add(s, speaker, Label::Opposes, t, trigger_text, 0.7, &[]);
            }
            i += len;
            continue;
        }
        // "the X-critic site Y": Y opposes X.
        if event == Event::Oppose && i >= 2 && s.word(i - 1) == "-" && s.entity(i - 2).is_some() {
            if let Some(critic) = (i + 1..(i + 4).min(n)).find(|&k| s.actor(k)) {
                let critic = s.entity(critic).expect("an actor");
                let target = s.entity(i - 2).expect("an entity");
                out.add(s, critic, Label::Opposes, target, trigger_text, 0.7, &[]);
            }
            i += len;
            continue;
        }
        let place = place.get_or_insert_with(|| {
            (0..n)
                .find(|&k| {
                    s.kind(k) == Some(EntityType::Loc)
                        && !s.slots[k].demonym
                        && s.after_place_prep(k)
                })
                .and_then(|k| s.entity(k))
                .map(|e| s.entities[e].name.clone())
                .unwrap_or_default()
        });
        let attrs = [("place", place.as_str())];
        let label = match event {
            Event::Meet => Label::Meets,
            Event::Agree | Event::Support => Label::AgreesWith,
            Event::Oppose => Label::Opposes,
        };
        let confidence = if event == Event::Meet { 0.8 } else { 0.7 };
        // "a policy which X and Y have criticised", "une directive que X a
        // critiquée": the actors between the relative pronoun and the
        // verb act on the actor the antecedent belongs to.
        if verb
            && matches!(event, Event::Oppose | Event::Support)
            && let Some((agents, target)) = object_relative(s, i, len)
        {
            for a in agents {
                out.add(s, a, label, target, trigger_text, confidence, &attrs);
            }
            i += len;
            continue;
        }
        // "Japan's plan drew criticism from Germany", "les critiques de
        // la part de Y": the agent follows the noun, its target precedes.
        if event == Event::Oppose
            && let Some((agent, target)) = noun_from(s, i, len)
        {
            out.add(s, agent, label, target, trigger_text, confidence, &attrs);
            i += len;
            continue;
        }
        let mut found = false;
        // "les deux parties", "both sides", "the two countries"
        if let Some((a, b)) = article.main_pair
            && event != Event::Oppose
            && both_sides(s)
        {
            out.add(s, a, label, b, trigger_text, 0.6, &attrs);
            found = true;
        }
        if let Some((a, b)) = article.prev_people.or(article.main_people)
            && event != Event::Oppose
            && both_people(s)
        {
            out.add(s, a, label, b, trigger_text, 0.6, &attrs);
            found = true;
        }
        // Coordinated actors: "X et Y se sont réunis", "entre X et Y".
        if matches!(event, Event::Meet | Event::Agree) {
            for group in groups(s) {
                for (x, &a) in group.iter().enumerate() {
                    for &b in &group[x + 1..] {
                        out.add(s, a, label, b, trigger_text, confidence, &attrs);
                        found = true;
                    }
                }
            }
        }
        // Subject before, object after.
        let received = i > 0
            && matches!(
                s.word(i - 1),
                "received" | "reçu" | "receives" | "gets" | "got" | "obtenu"
            );
        // "X a été rejeté par Y": Y is the agent, X what it acts on.
        let passive = verb && passive_by(s, i, len);
        // A relative clause's antecedent ("X, which attacked Y"); a noun
        // of opposition ("des attaques contre Y") takes its agent from
        // nearby, not from the clause's subject far before it. A quote
        // opening the sentence, or a pronoun subject ("Il a dénoncé ...",
        // "She condemned ..."): the person named last.
        let subj = relative_subject(s, i);
        // "I am disappointed with X", "je suis déçu par X": the speaker.
        // (Not a verb only the lexicon knows: "I suspect" is "I think".)
        let first_person = matches!(event, Event::Oppose | Event::Support)
            && !(len == 1 && lexicon_only(s.word(i)))
            && (i.saturating_sub(4)..i).any(|k| matches!(s.word(k), "i" | "i'm" | "je" | "j'"));
        let subj = if first_person {
            speaker(s, i).or(article.prev_person)
        } else {
            subj
        };
        // "He traveled to Florida to meet X", "Mais déjà, il était à
        // l'origine d'un clash avec X": a pronoun subject with no person
        // named before it in the sentence is the person named last.
        let subj = if first_person || subj.is_some() {
            subj
        } else {
            pronoun_subject(s, i)
                .then_some(article.prev_person)
                .flatten()
        };
        let subj = if first_person {
            subj
        } else if subj.is_some() || verb || event != Event::Oppose {
            subj.or_else(|| subject(s, i, event == Event::Oppose && !passive))
        } else if let Some(q) = quote_open(s, i) {
            // A harsh word in a quote ("« les bêtises du X »") is the
            // speaker's: the person before the quote.
            subject(s, q, true)
        } else {
            (i.saturating_sub(NOUN_AGENT_SLOTS)..i)
                .rev()
                .find(|&k| s.actor(k))
                .and_then(|k| s.entity(k))
        };
        let subj = subj.or_else(|| {
            let pronoun = matches!(s.word(0), "il" | "elle" | "he" | "she");
            (event == Event::Oppose && matches!(s.word(0), "«" | "\"" | "“")
                || pronoun && i <= 4
                || title_subject(s, i))
            .then_some(article.prev_person)
            .flatten()
        });
        // "la condamnation de X par Y", "the rejection of X by Y": the
        // agent of a noun follows its object.
        let noun_by = (!verb && event == Event::Oppose)
            .then(|| noun_agent(s, i + len))
            .flatten();
        let subj = noun_by.or(subj);
        // "X claimed that Y imprisoned her": the person "her" stands for.
        let mut victim = None;
        let objs = if verb && event == Event::Oppose && objects(s, i + len).is_empty() {
            // "l'école X à Lyon, où Y a tué ...": the organisation "où"
            // ("where") stands for.
            victim = subj.and_then(|e| pronoun_object(s, i, len, e, article));
            subj.and_then(|e| where_antecedent(s, i, e))
                .or_else(|| aimed_country(s, i, len))
                .or(victim)
                .into_iter()
                .collect()
        } else if verb || event == Event::Oppose || received {
            objects(s, i + len)
        } else {
            // "un sommet avec X", "talks with X", "le soutien de X"
            let k = (i + len..(i + len + 4).min(n)).find(|&k| {
                let w = s.word(k);
                matches!(w, "avec" | "with" | "entre" | "between" | "among")
                    || (event == Event::Support
                        && matches!(w, "de" | "du" | "of" | "to" | "à" | "for" | "pour"))
            });
            // "X welcomed the agreement between Y and Z": the parties
            // are Y and Z (the coordinated actors and the partners
            // below), not X.
            k.filter(|&k| {
                event != Event::Agree || !matches!(s.word(k), "entre" | "between" | "among")
            })
            .map(|k| objects(s, k + 1))
            .unwrap_or_default()
        };
        // "X was assisted by members of Y, including A and B": the
        // people listed are agents too.
        let objs = if passive {
            with_included(s, i + len, objs)
        } else {
            objs
        };
        if received || passive {
            if let Some(subj) = subj {
                for obj in &objs {
                    out.add(s, *obj, label, subj, trigger_text, confidence, &attrs);
                    found = true;
                }
            }
        } else if let Some(subj) = subj {
            // "X et Y ont dénoncé Z": each actor coordinated with the
            // subject just before the trigger acts too.
            let also = if noun_by.is_none() && matches!(event, Event::Oppose | Event::Support) {
                coordinated_subjects(s, i, subj)
            } else {
                Vec::new()
            };
            // "un violent clash avec Y", "a dispute with Y": a conflict
            // between two sides, each opposes the other.
            let mutual = event == Event::Oppose && mutual_conflict(s.word(i));
            for obj in &objs {
                for &a in std::iter::once(&subj).chain(&also) {
                    if a != *obj {
                        out.add(s, a, label, *obj, trigger_text, confidence, &attrs);
                        if mutual {
                            out.add(s, *obj, label, a, trigger_text, confidence, &attrs);
                        }
                    }
                }
                found = true;
            }
            // "X claimed that Y imprisoned her": the claim is an
            // accusation, X opposes Y.
            if let Some(v) = victim
                && v != subj
                && claimed_by(s, i, subj, v)
            {
                out.add(s, v, label, subj, trigger_text, confidence, &attrs);
            }
            if objs.is_empty() && event == Event::Oppose && s.entities[subj].kind == EntityType::Per
            {
                // "Y ... X déplora un discours": the other person of the
                // sentence, not one acting with X ("X and Y accused the
                // government"), unless they act on each other ("X et Y
                // s'affrontent", a clash).
                let reciprocal = mutual || i > 0 && matches!(s.word(i - 1), "s'" | "se");
                let also: &[usize] = if reciprocal { &[] } else { &also };
                if let Some(other) = (0..n)
                    .filter(|&k| {
                        s.actor(k)
                            && s.kind(k) == Some(EntityType::Per)
                            && s.entity(k) != Some(subj)
                            && s.entity(k).is_none_or(|e| !also.contains(&e))
                    })
                    .min_by_key(|&k| k.abs_diff(i))
                {
                    out.add(
                        s,
                        subj,
                        label,
                        s.entity(other).expect("a person"),
                        trigger_text,
                        0.4,
                        &attrs,
                    );
                    found = true;
                }
            }
        }
        // "l'accord a été signé en mars par X, ainsi que Y et Z": the
        // first signatory agrees with each of the others.
        if event == Event::Agree && verb && has_aux_before(s, i) {
            let by = (i + len..(i + len + 6).min(n)).find(|&k| matches!(s.word(k), "par" | "by"));
            if let Some(by) = by
                && let [first, others @ ..] = objects(s, by + 1).as_slice()
            {
                for &other in others {
                    out.add(s, *first, label, other, trigger_text, 0.6, &attrs);
                    found = true;
                }
            }
        }
        // "une étude conjointe de X et de Y", "a research team from X, Y
        // and Z", "a collaboration between X and Y": the partners agree
        // with each other.
        if event == Event::Agree {
            let partners = partners(s, i + len, !has_aux_before(s, i));
            for (x, &a) in partners.iter().enumerate() {
                for &b in &partners[x + 1..] {
                    out.add(s, a, label, b, trigger_text, confidence, &attrs);
                    found = true;
                }
            }
        }
        // Two people in a meeting sentence.
        if !found && event == Event::Meet {
            let people: Vec<usize> = {
                let mut v: Vec<usize> = (0..n)
                    .filter(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per))
                    .filter_map(|k| s.entity(k))
                    .collect();
                v.dedup();
                v
            };
            if let [a, b] = people.as_slice() {
                out.add(s, *a, label, *b, trigger_text, 0.6, &attrs);
            }
        }
        i += len;
    }
}

/// The words of a class of `word_classes.tsv`, as a set.
fn word_set(class: WordClass) -> Set<&'static str> {
    Lists::get().words(class).collect()
}

/// Prepositions of company ("with", "avec": `companion`).
fn companion_words() -> &'static Set<&'static str> {
    static CELL: OnceLock<Set<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| word_set(WordClass::Companion))
}

/// The people sentence `s` says are tried or charged: a word of
/// `accused` (trial, charged, jugé, inculpé) after an auxiliary ("are
/// undergoing trial", "a été inculpé", "is charged") or after "on",
/// "stand", "face" ("on trial", "to stand trial"), and the people named
/// before it in its clause (no "que"/"that"/"who" or ";" between).
pub(super) fn accused(s: &SentenceView<'_>) -> Vec<usize> {
    static CELL: OnceLock<Set<&'static str>> = OnceLock::new();
    let words = CELL.get_or_init(|| word_set(WordClass::Accused));
    let Some(i) = (0..s.len()).find(|&i| {
        words.contains(s.word(i))
            && s.entity(i).is_none()
            && (has_aux_before(s, i)
                || matches!(
                    s.word(i.wrapping_sub(1)),
                    "on" | "stand" | "stands" | "face" | "faces" | "facing"
                ))
    }) else {
        return Vec::new();
    };
    clause_people_before(s, i)
}

/// A trial's sides: a person named as the prosecutor ("the Crown
/// prosecutor, X", "le procureur X", "X, the prosecutor": a word of
/// `prosecution` in the four slots before the name, or after it and a
/// comma) opposes each person the article said is tried or charged
/// ([`accused`], this sentence's too); one named as the defence
/// ("Speaking in the parents' defense, X", "l'avocat de la défense X":
/// `defence`) stands with them, `agrees_with`.
pub(super) fn court(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    static CELL: OnceLock<(Set<&'static str>, Set<&'static str>)> = OnceLock::new();
    let (prosecution, defence) = CELL.get_or_init(|| {
        (
            word_set(WordClass::Prosecution),
            word_set(WordClass::Defence),
        )
    });
    let n = s.len();
    let word_in =
        |set: &Set<&'static str>, k: usize| s.entity(k).is_none() && set.contains(s.word(k));
    if !(0..n).any(|k| word_in(prosecution, k) || word_in(defence, k)) {
        return;
    }
    let mut tried = accused(s);
    for &e in &article.accused {
        if !tried.contains(&e) {
            tried.push(e);
        }
    }
    if tried.is_empty() {
        return;
    }
    for p in 0..n {
        if !(s.actor(p) && s.kind(p) == Some(EntityType::Per) && !s.slots[p].demonym) {
            continue;
        }
        // The side word before the name, no other name between; or right
        // after the name and a comma (and an article).
        let side_word = |set: &Set<&'static str>| {
            (p.saturating_sub(4)..p)
                .rev()
                .take_while(|&k| s.entity(k).is_none())
                .find(|&k| word_in(set, k))
                .or_else(|| {
                    let k = if matches!(s.word(p + 2), "the" | "le" | "la" | "l'") {
                        p + 3
                    } else {
                        p + 2
                    };
                    (s.word(p + 1) == "," && word_in(set, k)).then_some(k)
                })
        };
        let (side, k) = if let Some(k) = side_word(prosecution) {
            (Label::Opposes, k)
        } else if let Some(k) = side_word(defence) {
            (Label::AgreesWith, k)
        } else {
            continue;
        };
        let who = s.entity(p).expect("an actor");
        for &a in tried.iter().filter(|&&a| a != who) {
            out.add(s, who, side, a, s.word(k), 0.6, &[]);
        }
    }
}

/// An inverted subject ("« ... », dénonce Y", "« ... », a accusé le
/// député Y"): a French verb of opposition right after a quote closed
/// and a comma, and a person right after it (up to four words between:
/// an article, a title): that person and the actors named in the quote
/// (from its opening, if the sentence holds it), no demonym and not the
/// person.
fn inverted_speaker(s: &SentenceView<'_>, i: usize, len: usize) -> Option<(usize, Vec<usize>)> {
    let w = s.word(i);
    let mut c = i.checked_sub(1)?;
    // "..., a dénoncé Y": a participle after the auxiliary; else a
    // present ("dénonce", "accusent").
    if matches!(s.word(c), "a" | "ont") && (w.ends_with('é') || w.ends_with("és")) {
        c = c.checked_sub(1)?;
    } else if !(w.ends_with('e') || w.ends_with("ent")) {
        return None;
    }
    // A quote closed before the comma ("« ... », dénonce Y"): not "X,
    // le maire, accuse Y de ...", whose subject is before.
    if s.word(c) != "," || c < 2 || !matches!(s.word(c - 1), "»" | "”" | "\"" | "“") {
        return None;
    }
    c -= 1;
    let mut k = i + len;
    while k < (i + len + 4).min(s.len())
        && (title_word(s, k)
            || s.slots[k].demonym
            || (s.entity(k).is_none()
                && !s.word(k).is_empty()
                && s.word(k)
                    .chars()
                    .all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '-')))
    {
        k += 1;
    }
    if !(s.actor(k) && s.kind(k) == Some(EntityType::Per)) {
        return None;
    }
    let speaker = s.entity(k)?;
    let from = (0..c)
        .rev()
        .find(|&q| matches!(s.word(q), "«" | "“"))
        .map_or(0, |q| q + 1);
    let mut targets: Vec<usize> = (from..c)
        .filter(|&q| s.actor(q) && !s.slots[q].demonym)
        .filter_map(|q| s.entity(q))
        .filter(|&e| e != speaker)
        .collect();
    targets.dedup();
    (!targets.is_empty()).then_some((speaker, targets))
}

/// "to", a modal: the English word after it is an infinitive ("to
/// support", "will back"), a verb even if it is often a noun.
fn infinitive_marker(w: &str) -> bool {
    matches!(
        w,
        "to" | "will" | "would" | "can" | "could" | "should" | "must" | "may" | "might"
    )
}

/// A word of a court's sentence (`sentenced`: condamné, sentenced).
fn sentenced(w: &str) -> bool {
    static CELL: OnceLock<Set<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| word_set(WordClass::Sentenced))
        .contains(w)
}

/// "X et Y sont condamnés à cinq ans de prison", "X was sentenced to two
/// years": a passive of a court's sentence at slot `i` with no agent
/// ("par"/"by") is the court the article names (`ArticleContext::court`)
/// opposing the people named before it in its clause.
fn sentenced_by_court(s: &SentenceView<'_>, i: usize, article: &ArticleContext, out: &mut Edges) {
    let Some(court) = article.court else { return };
    if s.entity(i).is_some()
        || !sentenced(s.word(i))
        || !has_aux_before(s, i)
        || passive_by(s, i, 1)
    {
        return;
    }
    for e in clause_people_before(s, i) {
        out.add(s, court, Label::Opposes, e, s.word(i), 0.6, &[]);
    }
}

/// The people named before slot `i` in its clause (back to a colon, a
/// relative pronoun or a quote mark), nearest first, each once.
fn clause_people_before(s: &SentenceView<'_>, i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for k in (0..i).rev() {
        if matches!(
            s.word(k),
            ";" | ":" | "que" | "qu'" | "that" | "who" | "qui" | "which" | "«" | "»" | "\""
        ) {
            break;
        }
        if s.actor(k)
            && s.kind(k) == Some(EntityType::Per)
            && !s.slots[k].demonym
            && let Some(e) = s.entity(k)
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    out
}

/// "« Marc Vidal est un menteur », a déclaré Y", "Y said: "X is a liar"":
/// a harsh word (`harsh_prefix`) at slot `i` inside a quote, said of an
/// actor of the quote by a copula ("est", "is", an article and an adverb
/// at most between): the quote's speaker (named after it, else the
/// subject before it) opposes that actor.
fn quoted_harsh(s: &SentenceView<'_>, i: usize, article: &ArticleContext, out: &mut Edges) {
    if s.entity(i).is_some() || !harsh(s.word(i)) {
        return;
    }
    let Some(q) = quote_open(s, i) else { return };
    let copula = |k: usize| {
        matches!(
            s.word(k),
            "est" | "sont" | "était" | "étaient" | "is" | "are" | "was" | "were"
        )
    };
    let filler = |k: usize| {
        matches!(
            s.word(k),
            "un" | "une" | "des" | "a" | "an" | "the" | "le" | "la" | "les" | "l'"
        ) || (s.entity(k).is_none() && (s.word(k).ends_with("ly") || s.word(k).ends_with("ment")))
            || matches!(
                s.word(k),
                "très" | "very" | "so" | "si" | "totally" | "tout"
            )
    };
    let mut k = i;
    while k > q + 1 && filler(k - 1) && i - k < 2 {
        k -= 1;
    }
    if k < q + 3 || !copula(k - 1) || !s.actor(k - 2) {
        return;
    }
    let target = s.entity(k - 2).expect("an actor");
    let speaker = speaker(s, i)
        .or_else(|| subject(s, q, true))
        .or_else(|| (q == 0).then_some(article.prev_person).flatten());
    if let Some(speaker) = speaker.filter(|&e| e != target) {
        out.add(s, speaker, Label::Opposes, target, s.word(i), 0.6, &[]);
    }
}

/// "X's plan sparked outrage in Y", "la décision de X a suscité
/// l'indignation de Y": a noun of reaction (`reaction`: indignation,
/// colère, outrage, anger) at slot `i` after a verb that causes it
/// (`provoke`: suscité, provoqué, sparked, drew; an article between),
/// its agent after "de"/"of"/"from"/"in"/"among": the agent opposes the
/// nearest actor in the six slots before the verb.
fn reaction(s: &SentenceView<'_>, i: usize, out: &mut Edges) {
    static CELL: OnceLock<(Set<&'static str>, Set<&'static str>)> = OnceLock::new();
    let (reactions, provokes) =
        CELL.get_or_init(|| (word_set(WordClass::Reaction), word_set(WordClass::Provoke)));
    if s.entity(i).is_some() || !reactions.contains(s.word(i)) {
        return;
    }
    let Some(v) = (i.saturating_sub(3)..i)
        .rev()
        .find(|&k| provokes.contains(s.word(k)))
    else {
        return;
    };
    if !(v + 1..i).all(|k| {
        matches!(
            s.word(k),
            "l'" | "la" | "le" | "les" | "une" | "un" | "de" | "d'" | "des" | "the" | "an" | "a"
        )
    }) {
        return;
    }
    if !matches!(
        s.word(i + 1),
        "de" | "du" | "des" | "d'" | "of" | "from" | "in" | "among" | "parmi" | "chez" | "en"
    ) {
        return;
    }
    let a = super::sentence::skip_det(s, i + 2);
    let agent_ok =
        s.entity(a).is_some() && s.kind(a) != Some(EntityType::Misc) && !s.title_complement[a];
    if !agent_ok {
        return;
    }
    let agent = s.entity(a).expect("an entity");
    // The cause is the verb's subject or its owner: "X sparked", "X's
    // plan sparked", "la décision de X a suscité" (an auxiliary between).
    let target = (v.saturating_sub(6)..v)
        .rev()
        .find(|&k| s.actor(k) && s.entity(k) != Some(agent))
        .filter(|&k| {
            let aux =
                |q: usize| matches!(s.word(q), "a" | "ont" | "avait" | "has" | "have" | "had");
            let subject = (k + 1..v).all(aux);
            let owner = s.word(k + 1) == "'s"
                || matches!(s.word(k.wrapping_sub(1)), "de" | "du" | "des" | "d'" | "of");
            let plain = (k + 1..v).all(|q| {
                s.entity(q).is_none()
                    && (s.word(q) == "'s" || s.word(q).chars().all(char::is_alphabetic))
                    && !matches!(
                        s.word(q),
                        "after"
                            | "before"
                            | "since"
                            | "when"
                            | "while"
                            | "as"
                            | "après"
                            | "avant"
                            | "depuis"
                            | "quand"
                            | "lorsque"
                            | "pour"
                            | "for"
                            | "with"
                            | "avec"
                            | "in"
                            | "dans"
                            | "en"
                            | "à"
                            | "at"
                            | "on"
                            | "sur"
                            | "et"
                            | "and"
                            | "but"
                            | "mais"
                    )
            });
            subject || (owner && plain)
        })
        .and_then(|k| s.entity(k));
    if let Some(target) = target {
        out.add(s, agent, Label::Opposes, target, s.word(i), 0.6, &[]);
    }
}

/// A word naming a conflict between two sides (`oppose_mutual_prefix`):
/// "clash", "dispute", "querelle".
fn mutual_conflict(w: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::OpposeMutualPrefix).collect())
        .iter()
        .any(|p| w.starts_with(p))
}

/// An object pronoun right after the opposition verb at `i` (`len`
/// slots) whose subject is `subj`: "Y imprisoned her", "Y attacked
/// him". It stands for the person named last before the subject in the
/// sentence ("X claimed that Y imprisoned her"), else for the person
/// the previous sentences named last, never for the subject itself.
fn pronoun_object(
    s: &SentenceView<'_>,
    i: usize,
    len: usize,
    subj: usize,
    article: &ArticleContext,
) -> Option<usize> {
    if !matches!(s.word(i + len), "her" | "him") {
        return None;
    }
    let at = (0..i).rev().find(|&k| s.entity(k) == Some(subj))?;
    (0..at)
        .rev()
        .find(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym)
        .and_then(|k| s.entity(k))
        .or(article.prev_person)
        .filter(|&p| p != subj)
}

/// A verb reporting an accusation (`claim`: claimed, alleged, affirme)
/// between the mention of `by` and the subject `subj` of the trigger at
/// `i`, the person `by` named in the sentence before it: "X has claimed
/// that Y ...".
fn claimed_by(s: &SentenceView<'_>, i: usize, subj: usize, by: usize) -> bool {
    static CELL: OnceLock<Set<&'static str>> = OnceLock::new();
    let claims = CELL.get_or_init(|| Lists::get().words(WordClass::Claim).collect());
    let Some(at) = (0..i).rev().find(|&k| s.entity(k) == Some(subj)) else {
        return false;
    };
    let Some(from) = (0..at).rev().find(|&k| s.entity(k) == Some(by)) else {
        return false;
    };
    (from + 1..at).any(|k| claims.contains(s.word(k)))
}

/// The verbs that say what someone is (`describe`), as a set: every
/// slot of every sentence is looked up.
fn describe_words() -> &'static Set<&'static str> {
    static CELL: OnceLock<Set<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::Describe).collect())
}

/// A harsh judgement word (`harsh_prefix`): "honteuse", "shameful",
/// "liar".
fn harsh(w: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::HarshPrefix).collect())
        .iter()
        .any(|p| w.starts_with(p))
}

/// "X a qualifié la décision de Y de « honteuse »", "X described his
/// rival, Y, as a spoilt aristocrat", "X called Y a liar" at slot `i`: a
/// verb that says what someone is (`describe`), an actor after it, then
/// "de"/"as"/"comme", an article or a quote mark and a harsh word
/// (`harsh_prefix`) within ten slots: the subject opposes that actor. A
/// negated or passive verb ("n'a pas qualifié", "was described as") says
/// nothing of the subject.
fn harsh_judgement(s: &SentenceView<'_>, i: usize, article: &ArticleContext, out: &mut Edges) {
    let n = s.len();
    if !describe_words().contains(s.word(i)) || negated(s, i) || has_aux_before(s, i) {
        return;
    }
    let end = (i + 11).min(n);
    let Some(h) = (i + 1..end)
        .take_while(|&k| !matches!(s.word(k), "." | ";"))
        .find(|&k| s.entity(k).is_none() && harsh(s.word(k)))
    else {
        return;
    };
    let link = |k: usize| {
        matches!(
            s.word(k),
            "de" | "d'" | "as" | "comme" | "a" | "an" | "«" | "\"" | "“" | "'" | "‘"
        )
    };
    let Some(obj) = (i + 1..h).find(|&k| s.actor(k)) else {
        return;
    };
    if !(obj + 1..h).any(link) {
        return;
    }
    let Some(obj) = s.entity(obj) else { return };
    let subj = relative_subject(s, i)
        .or_else(|| {
            pronoun_subject(s, i)
                .then_some(article.prev_person)
                .flatten()
        })
        .or_else(|| subject(s, i, true));
    if let Some(subj) = subj.filter(|&e| e != obj) {
        out.add(
            s,
            subj,
            Label::Opposes,
            obj,
            s.span_text(i, i + 1),
            0.6,
            &[],
        );
    }
}

/// "X fired missiles at a radar station in Sweden", "a tiré sur une
/// base en Syrie": a verb of aim (a two-word trigger ending in "at",
/// "on", "sur") with no actor after it hits the country its target is
/// in (a country after a place preposition within eight slots, no
/// clause boundary between).
fn aimed_country(s: &SentenceView<'_>, i: usize, len: usize) -> Option<usize> {
    if len < 2 || !matches!(s.word(i + len - 1), "at" | "on" | "sur") {
        return None;
    }
    let n = s.len();
    (i + len..(i + len + 8).min(n))
        .take_while(|&k| {
            !matches!(
                s.word(k),
                "." | ";" | "«" | "»" | "qui" | "who" | "which" | "que" | "that"
            )
        })
        .find(|&k| s.is_country(k) && s.after_place_prep(k))
        .and_then(|k| s.entity(k))
}

/// An object relative clause ending at the trigger at `i` (`len`
/// slots): "which"/"whom"/"that"/"que" after a noun, then the actors of
/// the relative's subject ("le gouvernement polonais") up to the verb,
/// no punctuation but commas, and no actor after the verb. Gives those actors and the actor the antecedent
/// belongs to: the nearest one before the pronoun in its clause ("Japan
/// announced a policy which X criticised", "the plan of Japan, which X
/// criticised"). "said that X criticised" is no relative: "that" and
/// "que" must follow a noun (a determiner two words before, or a comma).
fn object_relative(s: &SentenceView<'_>, i: usize, len: usize) -> Option<(Vec<usize>, usize)> {
    let r = (i.saturating_sub(8)..i)
        .rev()
        .find(|&k| matches!(s.word(k), "which" | "whom" | "that" | "que" | "qu'"))?;
    let after_noun = match s.word(r) {
        "which" | "whom" => true,
        w => {
            let fr = matches!(w, "que" | "qu'");
            r >= 2
                && (s.word(r - 1) == ","
                    || (s.entity(r - 1).is_none()
                        && if fr {
                            matches!(
                                s.word(r - 2),
                                "le" | "la"
                                    | "les"
                                    | "l'"
                                    | "un"
                                    | "une"
                                    | "ce"
                                    | "cette"
                                    | "ces"
                                    | "sa"
                                    | "son"
                                    | "ses"
                                    | "leur"
                                    | "leurs"
                                    | "du"
                                    | "des"
                            )
                        } else {
                            matches!(
                                s.word(r - 2),
                                "the" | "a" | "an" | "this" | "its" | "his" | "her" | "their"
                            )
                        }))
        }
    };
    if !after_noun {
        return None;
    }
    if (r + 1..i).any(|k| matches!(s.word(k), "." | ";" | "«" | "»" | "\"" | "qui" | "who")) {
        return None;
    }
    let mut agents: Vec<usize> = (r + 1..i)
        .filter(|&k| s.actor(k))
        .filter_map(|k| s.entity(k))
        .collect();
    agents.dedup();
    if agents.is_empty() || !objects(s, i + len).is_empty() {
        return None;
    }
    let target = (r.saturating_sub(12)..r)
        .rev()
        .take_while(|&k| !matches!(s.word(k), "." | ";" | "«" | "»"))
        .filter(|&k| s.actor(k))
        .filter_map(|k| s.entity(k))
        .find(|e| !agents.contains(e))?;
    Some((agents, target))
}

/// A noun of opposition at `i` (`len` slots) with "from"/"de la part
/// de" after it: the actor after that is the agent, the nearest actor in
/// the six slots before the noun its target ("Japan faced criticism
/// from Germany", "le plan de X a suscité des critiques de la part de
/// Y").
fn noun_from(s: &SentenceView<'_>, i: usize, len: usize) -> Option<(usize, usize)> {
    let mut k = i + len;
    if s.word(k) == "from" {
        k += 1;
    } else if s.word(k) == "de" && s.word(k + 1) == "la" && s.word(k + 2) == "part" {
        if !matches!(s.word(k + 3), "de" | "du" | "des" | "d'") {
            return None;
        }
        k += 4;
    } else {
        return None;
    }
    let a = super::sentence::skip_det(s, k);
    // "from Norway": the agent, though "from" may also open a place.
    let from_actor = s.word(k - 1) == "from"
        && s.entity(a).is_some()
        && s.kind(a) != Some(EntityType::Misc)
        && !s.title_complement[a];
    if !s.actor(a) && !from_actor {
        return None;
    }
    let agent = s.entity(a)?;
    let target = (i.saturating_sub(NOUN_AGENT_SLOTS)..i)
        .rev()
        .find(|&q| s.actor(q) && s.entity(q) != Some(agent))
        .and_then(|q| s.entity(q))?;
    Some((agent, target))
}

/// The agents of a passive (`objs`, read after slot `from`) with the
/// actors a list after them names: "by former members of X, including A
/// and B", "par des élus, dont A et B", "such as", "notamment".
fn with_included(s: &SentenceView<'_>, from: usize, mut objs: Vec<usize>) -> Vec<usize> {
    let n = s.len();
    let k = (from..(from + 10).min(n))
        .take_while(|&k| !matches!(s.word(k), "." | ";" | "«" | "»"))
        .find(|&k| {
            matches!(s.word(k), "including" | "notamment" | "dont")
                || (s.word(k) == "such" && s.word(k + 1) == "as")
        });
    if let Some(k) = k {
        let k = if s.word(k) == "such" { k + 2 } else { k + 1 };
        for e in objects(s, k) {
            if !objs.contains(&e) {
                objs.push(e);
            }
        }
    }
    objs
}

/// "X a reçu à Dakar le Premier ministre Y", "X hosted Y" at slot `i`: a
/// meeting when a person is received.
fn hosted_meeting(s: &SentenceView<'_>, i: usize, out: &mut Edges) {
    let n = s.len();
    if s.class(i) & gaz::cls::SLOT_TRIGGER != 0
        && SlotWords::get().hosts.contains(&s.word(i))
        && !negated(s, i)
        && let Some(host) = subject(s, i, true).filter(|&e| s.entities[e].kind == EntityType::Per)
    {
        let obj = (i + 1..(i + 12).min(n))
            .take_while(|&k| {
                !matches!(
                    s.word(k),
                    "soutien"
                        | "support"
                        | "appui"
                        | "lettre"
                        | "letter"
                        | "message"
                        | "prix"
                        | "award"
                        | "."
                        | ";"
                        | "«"
                )
            })
            .find(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per));
        if let Some(guest) = obj.and_then(|k| s.entity(k)) {
            let place = (0..n)
                .find(|&k| s.kind(k) == Some(EntityType::Loc) && s.after_place_prep(k))
                .and_then(|k| s.entity(k))
                .map(|e| s.entities[e].name.clone())
                .unwrap_or_default();
            out.add(
                s,
                host,
                Label::Meets,
                guest,
                s.word(i),
                0.7,
                &[("place", &place)],
            );
        }
    }
}

/// How far before a noun of opposition ("attaques", "criticism") its
/// agent may be named, in slots: "X launched attacks on Y", not "X notes a
/// rise in ... attacks on Y".
const NOUN_AGENT_SLOTS: usize = 6;

/// A passive trigger at slot `i` (`len` slots): an auxiliary in the three
/// words before ("a été rejeté", "was sharply criticised") and "par"/"by"
/// right after (an adverb may come between).
fn passive_by(s: &SentenceView<'_>, i: usize, len: usize) -> bool {
    let by = |k: usize| matches!(s.word(k), "par" | "by");
    let adverb = |k: usize| {
        let w = s.word(k);
        s.entity(k).is_none() && (w.ends_with("ly") || w.ends_with("ment"))
    };
    (has_aux_before(s, i) || reduced_passive(s, i))
        && (by(i + len) || (adverb(i + len) && by(i + len + 1)))
}

/// A participle right after the name it is said of, or after that name
/// and a comma: "ACTA rejeté par le Parlement", "the plan, rejected by
/// the Senate" (a headline's or a reduced relative's passive, no
/// auxiliary).
fn reduced_passive(s: &SentenceView<'_>, i: usize) -> bool {
    let w = s.word(i);
    let participle = ["ed", "é", "ée", "és", "ées"]
        .iter()
        .any(|e| w.ends_with(e));
    let named = |k: usize| k < i && s.entity(k).is_some();
    participle && i > 0 && (named(i - 1) || (i >= 2 && s.word(i - 1) == "," && named(i - 2)))
}

/// A subject pronoun ("il", "elle", "he", "she") before the trigger at
/// `i` in its clause: no actor between them (a place after "to" or a place
/// preposition is none), no clause boundary ("que", "that", a quote) and
/// no person named before the pronoun in the sentence (the pronoun may
/// stand for that one).
fn pronoun_subject(s: &SentenceView<'_>, i: usize) -> bool {
    let Some(p) = (i.saturating_sub(12)..i)
        .rev()
        .find(|&k| matches!(s.word(k), "il" | "elle" | "he" | "she"))
    else {
        return false;
    };
    let place = |k: usize| s.kind(k) == Some(EntityType::Loc) && s.word(k.wrapping_sub(1)) == "to";
    !(p + 1..i).any(|k| {
        (s.actor(k) && !place(k))
            || matches!(
                s.word(k),
                "." | ";" | "«" | "»" | "\"" | "que" | "qu'" | "that" | "qui" | "who" | "which"
            )
    }) && !(0..p).any(|k| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym)
}

/// A passive auxiliary in the three words before slot `i` ("a été",
/// "was", "is being").
fn has_aux_before(s: &SentenceView<'_>, i: usize) -> bool {
    (i.saturating_sub(3)..i).any(|k| {
        matches!(
            s.word(k),
            "été"
                | "était"
                | "étaient"
                | "est"
                | "sont"
                | "fut"
                | "furent"
                | "sera"
                | "seront"
                | "was"
                | "were"
                | "been"
                | "is"
                | "are"
                | "be"
                | "being"
        )
    })
}

/// The slot of the quote mark opened before slot `i` and not closed
/// before it.
fn quote_open(s: &SentenceView<'_>, i: usize) -> Option<usize> {
    let mut open = None;
    for k in 0..i {
        match s.word(k) {
            "«" | "“" => open = Some(k),
            "»" | "”" => open = None,
            "\"" => open = if open.is_some() { None } else { Some(k) },
            _ => {}
        }
    }
    open
}

/// A determiner just before slot `i` ("des attaques", "une condamnation",
/// "the rejection"), itself after no subject pronoun ("il la critique"):
/// the trigger there is a noun, not a verb. ("a" is left out: French "a
/// rencontré" is a verb.)
fn after_determiner(s: &SentenceView<'_>, i: usize) -> bool {
    i > 0
        && matches!(
            s.word(i - 1),
            "le" | "la"
                | "les"
                | "l'"
                | "un"
                | "une"
                | "des"
                | "du"
                | "ces"
                | "cette"
                | "sa"
                | "son"
                | "ses"
                | "leur"
                | "leurs"
                | "the"
                | "an"
                | "its"
                | "his"
                | "her"
                | "their"
                | "this"
                | "these"
        )
        && !(i >= 2
            && matches!(
                s.word(i - 2),
                "il" | "elle" | "ils" | "elles" | "on" | "qui" | "je" | "nous" | "vous" | "tu"
            ))
}

/// The antecedent of a relative pronoun just before the trigger at `i`:
/// "X, which attacked Y", "X, qui a dénoncé Y", "X who criticised Y" (only
/// auxiliaries and adverbs between; an entity between makes the pronoun an
/// object: "a policy which X criticised").
fn relative_subject(s: &SentenceView<'_>, i: usize) -> Option<usize> {
    let r = (i.saturating_sub(4)..i)
        .rev()
        .find(|&k| matches!(s.word(k), "qui" | "which" | "who"))?;
    if (r + 1..i).any(|k| s.entity(k).is_some() || matches!(s.word(k), "," | "." | ";" | "«")) {
        return None;
    }
    (r.saturating_sub(2)..r)
        .rev()
        .find(|&k| s.actor(k))
        .and_then(|k| s.entity(k))
}

/// An "-ing" trigger that describes the noun after it ("with attacking
/// style", "a supporting role"): after a determiner or preposition, before
/// a lowercase word that opens no complement. No event.
fn describes_noun(s: &SentenceView<'_>, i: usize, len: usize) -> bool {
    let next = s.word(i + len);
    len == 1
        && s.word(i).ends_with("ing")
        && i > 0
        && matches!(
            s.word(i - 1),
            "with"
                | "a"
                | "an"
                | "the"
                | "of"
                | "in"
                | "for"
                | "by"
                | "his"
                | "her"
                | "its"
                | "their"
        )
        && s.entity(i + 1).is_none()
        && !next.is_empty()
        && next.chars().all(char::is_alphabetic)
        && !matches!(
            next,
            "of" | "to"
                | "with"
                | "against"
                | "on"
                | "by"
                | "and"
                | "or"
                | "between"
                | "at"
                | "in"
                | "for"
        )
}

/// A negated verb at slot `i`: "n'a pas rencontré", "did not meet".
fn negated(s: &SentenceView<'_>, i: usize) -> bool {
    let lo = i.saturating_sub(4);
    // Slots out of range read as "", which matches nothing below.
    let before = s.lower_words.get(lo..i).unwrap_or_default();
    let after = s
        .lower_words
        .get(i + 1..(i + 3).min(s.len()))
        .unwrap_or_default();
    let ne = before.iter().any(|w| matches!(*w, "ne" | "n'"));
    let pas = before.iter().chain(after.iter()).any(|w| {
        matches!(
            *w,
            "pas" | "jamais" | "plus" | "point" | "guère" | "aucun" | "aucune"
        )
    });
    let en = before.iter().rev().take(3).any(|w| {
        matches!(
            *w,
            "not" | "never" | "no" | "refused" | "declined" | "cancelled" | "canceled"
        ) || w.ends_with("n't")
    });
    (ne && pas)
        || en
        || before
            .iter()
            .any(|w| matches!(*w, "refusé" | "annulé" | "refuse"))
}

/// The event at slot `i` did not or has yet to happen: a word of
/// `unrealised` among the five slots before it, in its clause ("failed to
/// agree", "without reaching an agreement", "sans accord"), or for a
/// meeting or an agreement one of `exhort` ("urged both sides to resume
/// negotiations", "a appelé les deux parties au dialogue"), or "no"/"aucun"
/// right before its noun ("reached no agreement", "aucun accord").
fn unrealised(s: &SentenceView<'_>, i: usize, event: Event) -> bool {
    static NOT: OnceLock<Set<&'static str>> = OnceLock::new();
    static EXHORT: OnceLock<Set<&'static str>> = OnceLock::new();
    let not = NOT.get_or_init(|| Lists::get().words(WordClass::Unrealised).collect());
    let exhort = EXHORT.get_or_init(|| Lists::get().words(WordClass::Exhort).collect());
    let yet = matches!(event, Event::Meet | Event::Agree);
    if i >= 1 && matches!(s.word(i - 1), "no" | "aucun" | "aucune") {
        return true;
    }
    (i.saturating_sub(5)..i)
        .rev()
        .take_while(|&k| {
            !matches!(
                s.word(k),
                "," | "." | ";" | ":" | "«" | "»" | "\"" | "“" | "”"
            )
        })
        .any(|k| not.contains(s.word(k)) || (yet && exhort.contains(s.word(k))))
}

/// "les deux hommes", "the two leaders": the article's two main people.
fn both_people(s: &SentenceView<'_>) -> bool {
    (0..s.len()).any(|i| {
        matches!(s.word(i), "deux" | "two")
            && matches!(
                s.word(i + 1),
                "hommes"
                    | "dirigeants"
                    | "dirigeantes"
                    | "présidents"
                    | "ministres"
                    | "men"
                    | "leaders"
                    | "presidents"
                    | "ministers"
                    | "femmes"
                    | "women"
            )
    })
}

fn both_sides(s: &SentenceView<'_>) -> bool {
    // The next words are read only after a first word that may open one.
    (0..s.len()).any(|i| match s.word(i) {
        "deux" => matches!(
            s.word(i + 1),
            "parties" | "pays" | "camps" | "délégations" | "gouvernements"
        ),
        "both" => matches!(
            s.word(i + 1),
            "sides" | "countries" | "parties" | "governments"
        ),
        "the" => {
            s.word(i + 1) == "two"
                && matches!(
                    s.word(i + 2),
                    "sides" | "countries" | "parties" | "governments"
                )
        }
        _ => false,
    })
}

/// The actor a trigger's subject is: the nearest actor before it (a
/// person first, for opposition).
fn subject(s: &SentenceView<'_>, i: usize, prefer_person: bool) -> Option<usize> {
    let lo = i.saturating_sub(25);
    // "le Parti populaire espagnol": a demonym right after a name
    // describes it.
    let describes = |k: usize| s.slots[k].demonym && k > 0 && s.entity(k - 1).is_some();
    if prefer_person
        && let Some(k) = (0..i)
            .rev()
            .find(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym)
    {
        // "X has claimed that Y imprisoned her": a clause opened by
        // "that"/"que" after the person has its own subject, an actor
        // right before the verb (up to three words between, no
        // punctuation).
        let clause = (k + 1..i)
            .rev()
            .find(|&q| matches!(s.word(q), "that" | "que" | "qu'"))
            .and_then(|q| (q + 1..i).rev().find(|&a| s.actor(a) && !describes(a)))
            .filter(|&a| {
                i - a <= 4
                    && (a + 1..i).all(|q| {
                        s.entity(q).is_none()
                            && s.word(q).chars().all(|c| c.is_alphabetic() || c == '\'')
                    })
            });
        return s.entity(clause.unwrap_or(k));
    }
    (lo..i)
        .rev()
        .find(|&k| s.actor(k) && !describes(k))
        .and_then(|k| s.entity(k))
}

/// The objects after a trigger: the first actor (skipping "avec", "with",
/// "de", "des représentants du", ...) and the actors coordinated with it.
fn objects(s: &SentenceView<'_>, from: usize) -> Vec<usize> {
    let n = s.len();
    let mut out = Vec::new();
    let mut k = from;
    let end = (from + 8).min(n);
    // "son homologue russe X": the demonym describes the person.
    let describes = |k: usize| {
        s.slots[k].demonym && (k + 1..(k + 4).min(n)).any(|q| s.kind(q) == Some(EntityType::Per))
    };
    // "son soutien à X", "leur veto au Conseil": a person after "à"/"to",
    // or an organisation after a noun of support or veto, is the object,
    // not a place.
    let dative = |k: usize| {
        let p = (k.saturating_sub(2)..k)
            .rev()
            .find(|&q| matches!(s.word(q), "à" | "au" | "aux" | "to"));
        let Some(p) = p.filter(|&p| (p + 1..k).all(|q| s.entity(q).is_none())) else {
            return false;
        };
        s.entity(k).is_some()
            && !s.title_complement[k]
            && (s.kind(k) == Some(EntityType::Per)
                || (s.kind(k) == Some(EntityType::Org)
                    && p > 0
                    && matches!(s.word(p - 1), "veto" | "soutien" | "appui" | "support")))
    };
    let actor = |k: usize| s.actor(k) || dative(k);
    while k < end && (!actor(k) || describes(k)) {
        if matches!(
            s.word(k),
            "." | ";"
                | "»"
                | "”"
                // "called the decision 'a hostile act' and said Moscow
                // would respond": a verb of speech opens another clause.
                | "said"
                | "says"
                | "told"
                | "added"
                | "déclaré"
                | "ajouté"
                | "affirmé"
                | "qui"
                | "who"
                | "which"
                | "que"
                | "that"
                | "because"
                | "car"
                | "parce"
        ) {
            return out;
        }
        k += 1;
    }
    if k >= end {
        return out;
    }
    out.push(s.entity(k).expect("actor"));
    k += 1;
    loop {
        let mut j = k;
        while matches!(
            s.word(j),
            "," | "et"
                | "and"
                | "ou"
                | "or"
                | "ainsi"
                | "que"
                | "as"
                | "well"
                | "du"
                | "de"
                | "d'"
                | "des"
                | "of"
                | "the"
                | "la"
                | "le"
                | "les"
                | "l'"
                | "to"
                | "à"
        ) {
            j += 1;
        }
        if j > k && s.actor(j) {
            out.push(s.entity(j).expect("actor"));
            k = j + 1;
            continue;
        }
        // "from X to Facebook creator Y": titles and their complements
        // between coordinated people.
        if matches!(s.word(k), "to" | "and" | "et" | "à") {
            let first_kind = s.entities[out[0]].kind;
            let q = (k + 1..(k + 5).min(n))
                .take_while(|&q| !matches!(s.word(q), "." | "," | ";"))
                .find(|&q| s.actor(q));
            if let Some(q) = q.filter(|&q| s.kind(q) == Some(first_kind)) {
                out.push(s.entity(q).expect("actor"));
                k = q + 1;
                continue;
            }
        }
        break;
    }
    out
}

/// Actors joined by "et"/"and" (and commas): "Russes et Américains",
/// "entre X et Y", "Anna Berg et Tom Reed". Same class only
/// (people with people, others with others).
fn groups(s: &SentenceView<'_>) -> Vec<Vec<usize>> {
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut g = Vec::new();
    while i < n {
        if !s.actor(i) || locates_org(s, i) {
            i += 1;
            continue;
        }
        let per = s.kind(i) == Some(EntityType::Per);
        g.clear();
        g.push(s.entity(i).expect("actor"));
        let mut k = i + 1;
        let mut joined = false;
        loop {
            let mut j = k;
            let mut saw_and = false;
            while matches!(
                s.word(j),
                "," | "et" | "and" | "la" | "le" | "les" | "l'" | "the"
            ) {
                saw_and |= matches!(s.word(j), "et" | "and");
                j += 1;
            }
            // "X and French President Y": skip the title before the name.
            if saw_and && per {
                let mut q = j;
                while q < (j + 4).min(n)
                    && (s.slots[q].demonym
                        || s.title_complement[q]
                        || title_word(s, q)
                        || (!s.word(q).is_empty()
                            && gaz::demonym_cls(s.word(q), s.class(q)).is_some()))
                {
                    q += 1;
                }
                if q > j && s.kind(q) == Some(EntityType::Per) {
                    j = q;
                }
            }
            if j > k
                && s.actor(j)
                && !locates_org(s, j)
                && (s.kind(j) == Some(EntityType::Per)) == per
            {
                g.push(s.entity(j).expect("actor"));
                joined |= saw_and;
                k = j + 1;
            } else {
                break;
            }
        }
        // "talks with X, Y and Z", "négocier avec X et Y": the listed
        // actors each meet the subject, not one another.
        let companions = listed_after_with(s, i);
        if joined && g.len() >= 2 && !companions {
            g.dedup();
            out.push(g.clone());
        }
        i = k;
    }
    out
}

/// Slot `i` opens a list after "with"/"avec" ("talks with X, Y and Z"),
/// or follows its first name when that is no actor ("with Nordfrakt, Y
/// and Z", a name the tagger missed: up to three capitalised words or an
/// entity, then a comma).
fn listed_after_with(s: &SentenceView<'_>, i: usize) -> bool {
    let with = |k: usize| companion_words().contains(s.word(k));
    if i == 0 {
        return false;
    }
    if with(i - 1) {
        return true;
    }
    if s.word(i - 1) != "," {
        return false;
    }
    let mut k = i - 1;
    while k > 0
        && i - 1 - k < 3
        && !s.actor(k - 1)
        && (s.entity(k - 1).is_some() || s.span_text(k - 1, k).starts_with(char::is_uppercase))
    {
        k -= 1;
    }
    k < i - 1 && k > 0 && with(k - 1)
}

/// A subject that is a title standing for the person named before: "The
/// senator criticised ...", "La ministre a dénoncé ..." (a determiner, a
/// title, then the trigger within four slots, no actor before it).
fn title_subject(s: &SentenceView<'_>, i: usize) -> bool {
    matches!(s.word(0), "the" | "le" | "la" | "l'")
        && i <= 5
        && title_word(s, 1)
        && !(0..i).any(|k| s.actor(k))
}

/// The agent after the object of a noun of opposition: "de X par Y", "of
/// X by Y" (within eight slots, an actor between).
fn noun_agent(s: &SentenceView<'_>, from: usize) -> Option<usize> {
    let n = s.len();
    let end = (from + 8).min(n);
    let first = (from..end).find(|&k| s.actor(k))?;
    let by = (first + 1..end)
        .take_while(|&k| !matches!(s.word(k), "." | ";" | "«" | "qui" | "which" | "who"))
        .find(|&k| matches!(s.word(k), "par" | "by"))?;
    let k = super::sentence::skip_det(s, by + 1);
    s.actor(k).then(|| s.entity(k)).flatten()
}

/// Actors coordinated with `subj` before slot `i` ("la Norvège et le
/// Pérou ont ..."): the actors of the same class joined to its nearest
/// mention by "et"/"and" or commas.
fn coordinated_subjects(s: &SentenceView<'_>, i: usize, subj: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(mut k) = (i.saturating_sub(6)..i)
        .rev()
        .find(|&k| s.entity(k) == Some(subj) && s.actor(k))
    else {
        return out;
    };
    // Only a subject right before the verb (auxiliaries, adverbs).
    if (k + 1..i).any(|q| {
        s.entity(q).is_some()
            || matches!(
                s.word(q),
                "," | "«" | "»" | "qui" | "which" | "who" | "que" | "that"
            )
    }) {
        return out;
    }
    let per = s.kind(k) == Some(EntityType::Per);
    loop {
        let mut j = k;
        while j > 0
            && matches!(
                s.word(j - 1),
                "," | "et" | "and" | "la" | "le" | "les" | "l'" | "the"
            )
        {
            j -= 1;
        }
        if j == k || j == 0 || !s.actor(j - 1) || (s.kind(j - 1) == Some(EntityType::Per)) != per {
            break;
        }
        let e = s.entity(j - 1).expect("an actor");
        if e != subj && !out.contains(&e) {
            out.push(e);
        }
        k = j - 1;
    }
    // A list needs its "et"/"and": "X, Y a dit" is no coordination.
    if !(k..i).any(|q| matches!(s.word(q), "et" | "and")) {
        out.clear();
    }
    out
}

/// The partners after an agreement noun: "de X et de Y", "from X, Y and
/// Z", "between X and Y", "by X and Y" (`by` when no auxiliary makes the
/// trigger a passive verb); organisations, people and countries, a
/// place complement ("of the US") left out. Fewer than two: none.
fn partners(s: &SentenceView<'_>, from: usize, by: bool) -> Vec<usize> {
    let n = s.len();
    let opens = |k: usize| {
        matches!(
            s.word(k),
            "from" | "between" | "among" | "entre" | "de" | "d'" | "des" | "du" | "by" | "par"
        )
    };
    let mut k = from;
    while k < (from + 2).min(n) && !opens(k) {
        k += 1;
    }
    // "la fusion intervenue l'an dernier entre X et Y": "entre"/"between"
    // a few plain words later.
    if !opens(k) {
        k = (from..(from + 6).min(n))
            .take_while(|&q| {
                s.entity(q).is_none()
                    && s.word(q)
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '\'' || c == ' ')
                    || matches!(s.word(q), "between" | "entre")
            })
            .find(|&q| matches!(s.word(q), "between" | "entre"))
            .unwrap_or(k);
    }
    if k >= n || !opens(k) || (!by && matches!(s.word(k), "by" | "par")) {
        return Vec::new();
    }
    let partner = |k: usize| {
        s.entity(k).is_some()
            && s.kind(k) != Some(EntityType::Misc)
            && !s.title_complement[k]
            && (s.kind(k) != Some(EntityType::Loc) || s.is_country(k))
    };
    let mut out: Vec<usize> = Vec::new();
    let mut last_org = false;
    k += 1;
    while k < n {
        let w = s.word(k);
        if partner(k) {
            let e = s.entity(k).expect("an entity");
            let of = matches!(s.word(k.saturating_sub(1)), "of" | "de" | "d'" | "du")
                || (matches!(s.word(k.saturating_sub(1)), "the" | "la" | "le" | "l'")
                    && matches!(s.word(k.saturating_sub(2)), "of" | "de" | "d'"));
            // "University X of the US": the country locates the partner.
            if !(last_org
                && of
                && s.kind(k) == Some(EntityType::Loc)
                && s.word(k.saturating_sub(1)) != ",")
            {
                if !out.contains(&e) {
                    out.push(e);
                }
                last_org = s.kind(k) == Some(EntityType::Org);
            }
            k += 1;
        } else if matches!(
            w,
            "," | "et"
                | "and"
                | "the"
                | "la"
                | "le"
                | "les"
                | "l'"
                | "de"
                | "d'"
                | "du"
                | "des"
                | "of"
        ) || (s.class(k) & gaz::cls::ORG_CUE != 0
            && (s.entity(k + 1).is_some()
                || (s.entity(k + 2).is_some() && s.word(k + 1).chars().all(char::is_alphabetic))))
        {
            // "entre la société X et l'agence (photographique) Y": a noun
            // introducing a name, an adjective at most between.
            k += if s.entity(k + 1).is_some() { 1 } else { 2 };
        } else if w == "(" && !out.is_empty() {
            // "X (Agence ...) et Y": the bracket spells out the name.
            match (k + 1..(k + 8).min(n)).find(|&q| s.word(q) == ")") {
                Some(q) => k = q + 1,
                None => break,
            }
        } else {
            break;
        }
    }
    if out.len() < 2 { Vec::new() } else { out }
}

/// "l'opposition", "the opposition" as the parties out of power: the noun
/// with no complement saying whom or what it opposes ("à", "to", "contre",
/// "de").
/// So is the noun naming a kind of group or person: "le groupe
/// d'opposition", "the leader of the opposition", "opposition leader X",
/// "opposition parties".
fn the_opposition(s: &SentenceView<'_>, i: usize) -> bool {
    let complement = || {
        matches!(
            s.word(i + 1),
            "à" | "au" | "aux" | "to" | "contre" | "against" | "de" | "du" | "d'" | "of"
        )
    };
    s.word(i) == "opposition"
        && ((i > 0 && matches!(s.word(i - 1), "l'" | "the" | "la" | "d'" | "of") && !complement())
            || matches!(
                s.word(i + 1),
                "leader"
                    | "leaders"
                    | "party"
                    | "parties"
                    | "group"
                    | "groups"
                    | "figure"
                    | "figures"
                    | "lawmakers"
                    | "politician"
                    | "politicians"
                    | "candidate"
                    | "coalition"
                    | "bloc"
            ))
}

/// A place after "of"/"de" that follows an organisation ("University X of
/// the US"): it locates the organisation, it is no party of a list.
fn locates_org(s: &SentenceView<'_>, i: usize) -> bool {
    let mut k = i;
    while k > 0 && matches!(s.word(k - 1), "the" | "la" | "le" | "l'") {
        k -= 1;
    }
    s.kind(i) == Some(EntityType::Loc)
        && k >= 2
        && matches!(s.word(k - 1), "of" | "de" | "d'" | "du")
        && s.kind(k - 2) == Some(EntityType::Org)
}

/// The organisation a "où"/"where" before the subject `subj` of the
/// trigger at `i` stands for: "l'école X à Lyon, où Y a tué ...", "the
/// hotel X, where gunmen attacked".
fn where_antecedent(s: &SentenceView<'_>, i: usize, subj: usize) -> Option<usize> {
    let at = (i.saturating_sub(4)..i)
        .rev()
        .find(|&k| s.entity(k) == Some(subj))?;
    if at < 3 || !matches!(s.word(at - 1), "où" | "where") || s.word(at - 2) != "," {
        return None;
    }
    (at.saturating_sub(8)..at - 2)
        .rev()
        .find(|&k| {
            s.entity(k).is_some() && !(s.kind(k) == Some(EntityType::Loc) && s.after_place_prep(k))
        })
        .filter(|&k| s.kind(k) == Some(EntityType::Org))
        .and_then(|k| s.entity(k))
}

/// The person a quote after slot `i` is attributed to in its sentence:
/// "..., said X", "..., a dit X".
fn speaker(s: &SentenceView<'_>, i: usize) -> Option<usize> {
    (i + 1..s.len())
        .find(|&k| {
            s.kind(k) == Some(EntityType::Per)
                && matches!(
                    s.word(k - 1),
                    "said" | "says" | "added" | "told" | "dit" | "déclaré" | "ajouté" | "affirmé"
                )
        })
        .and_then(|k| s.entity(k))
}
