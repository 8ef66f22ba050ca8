//! Title appositions, `role` and `leads` (a head title): "le président
//! russe X", "X, PDG de Y", "US President X", "Co-founder of Y, X",
//! "Germany's foreign minister X", "l'ex-maire de Nantes" (the holder
//! named before), "X, côté russe" (the side), "les ministres X et Y" (a
//! plural title, each person), "X was founded by Y". A title that names
//! no organisation: a territorial office takes the clause's "en/dans/in
//! X" ("Dans l'Ohio, le sénateur X"), a head of state the headline's
//! country or region ("Région : ...") (a prime minister or a minister,
//! else the one country the sentences before named), another head the
//! article's main organisation when the headline names it. A minister
//! whose portfolio is named as an organisation ("le ministre de la
//! Justice X") holds a post of the headline's country too. "le
//! gouvernement de X", "la présidence de X": X leads the country. A
//! visitor ("le ministre X, attendu à Alger") takes no fallback country
//! he travels to. "publishers A of X and B of Y": each their own; an
//! elected office before a party ("councillor X of the Green Party") is
//! membership instead. "professor of art history at X": a post at X. "Le
//! portefeuille de l'Agriculture revient à X": a government line-up.
//! "X, qui préside Y", "Y, chaired by X": a verb of heading. "le
//! président du conseil d'administration", "X, vice-président" with no
//! organisation named: the article's main organisation when the headline
//! names it. A person's own stated country ("le président tunisien X")
//! removes a fallback that gave another.

use super::article::{ArticleContext, MAX_STATED};
use super::sentence::{Edges, SentenceView, is_of, read_complement, skip_det};
use crate::extract::gaz::{self, TitleKind};
use crate::lists::{Lists, WordClass};
use crate::model::{EntityType, Label, Set};
use std::sync::OnceLock;

/// Title appositions: "le président russe X", "X, PDG de Y", "US President
/// X", "Co-founder of Y, X", "Germany's foreign minister X".
pub(super) fn titles(s: &mut SentenceView<'_>, article: &mut ArticleContext, out: &mut Edges) {
    let mut i = 0;
    // The last title's holder and the slot after its complement: "X,
    // directeur de A, et président de B" gives B's title to X too.
    let mut last_holder: Option<(usize, usize)> = None;
    while i < s.len() {
        if s.entity(i).is_some() {
            i += 1;
            continue;
        }
        let opens = gaz::may_open_title_cls(s.word(i), s.class(i));
        // "X a été élue (vendredi) présidente de Y": the participle
        // before a title is the predicate's verb, not the title "élu(e)".
        if opens && matches!(s.word(i), "élu" | "élue" | "réélu" | "réélue") {
            let k = if s.word(i + 1) == "hier" || s.class(i + 1) & gaz::cls::DATE_WORD != 0 {
                i + 2
            } else {
                i + 1
            };
            if gaz::may_open_title_cls(s.word(k), s.class(k)) {
                i += 1;
                continue;
            }
        }
        if !opens && !s.word(i).ends_with('s') {
            i += 1;
            continue;
        }
        // Up to seven words, stopping at an entity (whose word is "").
        let mut k = i;
        while k < s.len() && k - i < 7 && s.entity(k).is_none() {
            k += 1;
        }
        let found = if opens {
            gaz::title_cls(&s.lower_words[i..k], s.class(i))
        } else {
            None
        };
        let Some((n, kind)) = found.or_else(|| plural_title(&s.lower_words[i..k], s.class(i)))
        else {
            i += 1;
            continue;
        };
        let plural = found.is_none() || is_plural_title(&s.lower_words[i..i + n]);
        if kind == TitleKind::Honorific {
            i += n;
            continue;
        }
        let title_start = i;
        let mut j = i + n;
        // Demonyms after the title: "président russe".
        let mut country = None;
        let mut demonyms = 0;
        let mut adjectives = 0;
        loop {
            if j < s.len() && s.slots[j].demonym {
                country = country.or(s.entity(j));
                demonyms += 1;
                s.title_complement[j] = true;
                j += 1;
            } else if adjectives < 2
                && (gaz::is_name_adjective(s.word(j))
                    || matches!(
                        s.word(j),
                        "central"
                            | "centrale"
                            | "général"
                            | "générale"
                            | "adjoint"
                            | "adjointe"
                            | "exécutif"
                            | "exécutive"
                            | "principal"
                            | "national"
                            | "régional"
                    )
                    || is_party_adjective(s.word(j)))
            {
                adjectives += 1;
                j += 1;
            } else {
                break;
            }
        }
        let title_end = j;
        let (complement, after) = read_complement(s, j);
        if let Some(c) = complement {
            s.title_complement[c] = true;
        }
        // "the chairman of the project's panel": the project named before.
        let anaphoric = if complement.is_none() && matches!(s.word(j), "of" | "de" | "du") {
            let k = skip_det(s, j + 1);
            article.org_heads.get(s.word(k)).copied()
        } else {
            None
        };
        // "le directeur général du groupe": the article's main organisation.
        // "le président du conseil d'administration", "chairman of the
        // board": the board of the article's main organisation (not "the
        // board of Y", which names its own), after the title or in it.
        let board = |k: usize| {
            (s.word(k) == "board" && !matches!(s.word(k + 1), "of" | "de"))
                || (s.word(k) == "conseil"
                    && matches!(s.word(k + 1), "d'" | "d’" | "de")
                    && matches!(s.word(k + 2), "administration" | "surveillance")
                    && !matches!(s.word(k + 3), "de" | "du" | "d'" | "des" | "of"))
        };
        let board_len = |k: usize| if s.word(k) == "board" { 1 } else { 3 };
        let mut board_end = (title_start..title_end)
            .find(|&k| board(k))
            .map(|k| k + board_len(k))
            .filter(|_| complement.is_none());
        if board_end.is_none() && complement.is_none() && matches!(s.word(j), "of" | "de" | "du") {
            let k = skip_det(s, j + 1);
            if board(k) {
                board_end = Some(k + board_len(k));
            }
        }
        let generic_org = if board_end.is_some() {
            article.main_org
        } else if complement.is_none() && matches!(s.word(j), "of" | "de" | "du") {
            let k = skip_det(s, j + 1);
            matches!(
                s.word(k),
                "groupe"
                    | "group"
                    | "entreprise"
                    | "société"
                    | "company"
                    | "firm"
                    | "constructeur"
                    | "compagnie"
                    | "organisation"
                    | "organization"
            )
            .then_some(article.main_org)
            .flatten()
        } else {
            None
        };
        // "son secrétaire général X": the organisation named before.
        let possessive = title_start > 0
            && matches!(
                s.word(title_start - 1),
                "son" | "sa" | "ses" | "its" | "his" | "her" | "their" | "leur"
            );
        let owner = if possessive {
            (0..title_start)
                .rev()
                .find(|&k| s.kind(k) == Some(EntityType::Org) || s.is_country(k))
                .and_then(|k| s.entity(k))
                .or(if title_start <= 1 {
                    article.prev_org
                } else {
                    None
                })
        } else {
            None
        };
        // "professor of art history at X", "directeur de recherche au X":
        // a field, then the organisation the post is held at (a post of
        // a unit: `role`, even for a head title).
        let field = if complement.is_none()
            && anaphoric.is_none()
            && generic_org.is_none()
            && matches!(s.word(j), "of" | "de" | "d'" | "in" | "en")
        {
            let lower = |k: usize| {
                s.entity(k).is_none()
                    && !s.word(k).is_empty()
                    && s.word(k).chars().all(|c| c.is_lowercase() || c == '-')
            };
            let mut k = j + 1;
            while k < j + 4 && lower(k) && !matches!(s.word(k), "at" | "à" | "au" | "aux") {
                k += 1;
            }
            let o = skip_det(s, k + 1);
            (k > j + 1
                && matches!(s.word(k), "at" | "à" | "au" | "aux")
                && s.kind(o) == Some(EntityType::Org)
                && !s.slots[o].demonym)
                .then_some(o)
        } else {
            None
        };
        if let Some(o) = field {
            s.title_complement[o] = true;
        }
        let after = field.map_or(after, |o| o + 1);
        let after = board_end.map_or(after, |e| after.max(e));
        let mut tail = country
            .or(complement.and_then(|c| s.entity(c)))
            .or(anaphoric)
            .or(generic_org)
            .or(owner)
            .or(field.and_then(|o| s.entity(o)));
        // English prenominal: "US President X", "Facebook co-founder X",
        // "New Zealand's Prime Minister X".
        let mut pre = title_start;
        if pre > 0 && s.word(pre - 1) == "'s" {
            pre -= 1;
        }
        let mut owner_slot = None;
        if tail.is_none() && pre > 0 && s.entity(pre - 1).is_some() {
            tail = s.entity(pre - 1);
            s.title_complement[pre - 1] = true;
            owner_slot = Some(pre - 1);
        }
        // The person: right after (", Mme X") or right before ("X, PDG de").
        let mut p = after;
        // "de France en Afghanistan, X": the posting place is not the tail.
        if matches!(s.word(p), "en" | "in" | "à" | "au") && s.entity(p + 1).is_some() {
            p += 2;
        }
        // "la veuve de l'ancien président de X, Y": Y, set apart by the
        // comma, is the widow, not the holder of the title.
        let kin_apposition = s.word(p) == "," && kin_before(s, title_start);
        // Commas and honorifics before the name: "CQC chairman Professor
        // Sir X", "foreign minister Sheikh Dr X", "le président, monsieur X".
        let mut honorifics = 0;
        while matches!(s.word(p), "," | "]")
            || (honorifics < 3 && s.entity(p).is_none() && is_honorific(s, p))
        {
            honorifics += usize::from(s.word(p) != "," && s.word(p) != "]");
            p += 1;
        }
        let is_per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
        let mut person = is_per(p).then(|| s.entity(p)).flatten();
        if kin_apposition {
            person = None;
        }
        // "His lawyer, David Pennington", "Son avocate, Me X": counsel
        // whose possessive stands for a person, its client (the article's
        // salient person: the one it is about), stands with them; it
        // holds no post of an organisation.
        if possessive && complement.is_none() && is_counsel(&s.lower_words[title_start..title_end])
        {
            if let (Some(p), Some(client)) = (person, article.salient_person)
                && p != client
            {
                let trigger = s.span_text(title_start, title_end);
                out.add(s, p, Label::AgreesWith, client, trigger, 0.6, &[]);
            }
            i = title_end;
            continue;
        }
        // "la directrice générale nommée en septembre X": a short participle
        // phrase between a definite title and the name.
        let participle = |w: &str| {
            ["é", "ée", "és", "ées", "ed", "u", "ue", "us"]
                .iter()
                .any(|x| w.ends_with(x))
                || matches!(w, "named" | "appointed" | "désigné" | "désignée")
        };
        if person.is_none()
            && title_start > 0
            && matches!(s.word(title_start - 1), "le" | "la" | "l'" | "the")
            && participle(s.word(p))
        {
            let q = (p..(p + 6).min(s.len()))
                .take_while(|&k| s.entity(k).is_none() || is_per(k))
                .take_while(|&k| {
                    !matches!(s.word(k), "," | "." | ";" | "«" | "»" | "\"" | "(" | ")")
                })
                .find(|&k| is_per(k));
            person = q.and_then(|k| s.entity(k));
        }
        // "X, the chairman and chief executive of Y", "X is the chairman
        // and chief executive of Y": a first title and "and" before this
        // one; the person is looked for before both.
        let lead = coordinated_title_start(s, title_start);
        if person.is_none() {
            // "X, Acme's chief executive, said": before the owner.
            let mut q = owner_slot.unwrap_or_else(|| skip_back_det(s, lead));
            if q > 0 && s.word(q - 1) == "," && q > 1 && s.kind(q - 2) == Some(EntityType::Per) {
                q -= 2;
                person = s.entity(q);
            }
        }
        // "X, Director of A, and Chairman of B": the second title after
        // "and"/"et" (a common noun or a comma between) is X's too.
        if person.is_none()
            && let Some((end, holder)) = last_holder
        {
            let q = skip_back_det(s, title_start);
            let joined = q > end
                && q - end <= 4
                && matches!(s.word(q - 1), "and" | "et")
                && (end..q - 1)
                    .all(|k| s.entity(k).is_none() && s.word(k) != "." && s.word(k) != ";");
            if joined {
                person = Some(holder);
            }
        }
        // "X, curator and director of exhibits at Y": a first title of
        // lowercase words after the name's comma, then "and".
        if person.is_none() && tail.is_some() {
            let q = skip_back_det(s, title_start);
            if q >= 3 && matches!(s.word(q - 1), "and" | "et") {
                let first = (q.saturating_sub(5)..q - 1).rev().find(|&k| {
                    s.word(k) == ","
                        && (k + 1..q - 1).all(|m| {
                            s.entity(m).is_none()
                                && s.word(m).chars().all(|c| c.is_lowercase() || c == '-')
                        })
                });
                if let Some(c) = first
                    && c > 0
                    && c + 1 < q - 1
                    && title_word(s, c + 1)
                    && is_per(c - 1)
                {
                    person = s.entity(c - 1);
                }
            }
        }
        // A title as the predicate of the person before it: "X a été élu
        // président de Y", "X was named chief executive of Y", "a nommé X
        // comme directeur de Y".
        if person.is_none() && tail.is_some() {
            let mut q = skip_back_det(s, lead);
            if q > 1 && matches!(s.word(q - 1), "comme" | "as") && is_per(q - 2) {
                person = s.entity(q - 2);
            } else if q > 1
                && is_per(q - 1)
                && matches!(
                    s.word(q - 2),
                    "appointed" | "named" | "elected" | "appoints" | "names" | "elects"
                )
            {
                // "the board appointed X chief executive of Y": the object
                // of an appointment, then its post.
                person = s.entity(q - 1);
            } else {
                // "X a été élu vendredi président de Y": a day or a
                // month between the verbs and the title.
                let mut verbs = 0;
                let mut days = 0;
                while q > 0 && verbs < 3 {
                    let w = s.word(q - 1);
                    if is_predicate_word(w) {
                        verbs += 1;
                    } else if days == 0
                        && (w == "hier" || s.class(q - 1) & gaz::cls::DATE_WORD != 0)
                    {
                        days += 1;
                    } else {
                        break;
                    }
                    q -= 1;
                }
                // "X (PS) a été élu président de Y": the party in
                // brackets after the person.
                if verbs > 0
                    && q > 2
                    && s.word(q - 1) == ")"
                    && let Some(open) = (q.saturating_sub(5)..q - 1)
                        .rev()
                        .find(|&k| s.word(k) == "(")
                    && (open + 1..q - 1).all(|k| s.word(k) != ")")
                {
                    q = open;
                }
                if verbs > 0 && q > 0 && is_per(q - 1) {
                    person = s.entity(q - 1);
                }
            }
        }
        // "President Ana Silva of Brazil", "le ministre X du Japon": the
        // complement after the name that the title introduced.
        if tail.is_none()
            && !plural
            && let Some(person) = person
            && s.entity(p) == Some(person)
            && matches!(s.word(p + 1), "of" | "de" | "du" | "d'")
        {
            let k = skip_det(s, p + 2);
            let place_or_org =
                s.is_country(k) || matches!(s.kind(k), Some(EntityType::Org | EntityType::Loc));
            if place_or_org && !s.slots[k].demonym && !party_of_elected(s, title_start, k) {
                tail = s.entity(k);
                s.title_complement[k] = true;
            }
        }
        // "publishers A of X and B of Italy's Y": a plural title before
        // people each named with their own organisation or place.
        if tail.is_none() && plural && person.is_some() && s.entity(p) == person {
            let label = if kind == TitleKind::Head {
                Label::Leads
            } else {
                Label::Role
            };
            let title = s.span_text(title_start, title_end);
            let mut q = p;
            let mut each = 0;
            let mut complements = [0usize; 6];
            while each < 6
                && s.kind(q) == Some(EntityType::Per)
                && !s.slots[q].demonym
                && matches!(s.word(q + 1), "of" | "de" | "du" | "d'")
            {
                let mut k = skip_det(s, q + 2);
                if s.is_country(k) && s.word(k + 1) == "'s" {
                    k = skip_det(s, k + 2);
                }
                let place_or_org =
                    s.is_country(k) || matches!(s.kind(k), Some(EntityType::Org | EntityType::Loc));
                if !place_or_org || s.slots[k].demonym {
                    break;
                }
                if !party_of_elected(s, title_start, k)
                    && let (Some(a), Some(b)) = (s.entity(q), s.entity(k))
                {
                    out.add(s, a, label, b, title, 0.7, &[("title", title)]);
                }
                each += 1;
                complements[each - 1] = k;
                q = k + 1;
                if s.word(q) == "," {
                    q += 1;
                }
                if matches!(s.word(q), "and" | "et") {
                    q += 1;
                }
            }
            for &k in &complements[..each] {
                s.title_complement[k] = true;
            }
            if each > 0 {
                i = title_end.max(i + 1);
                continue;
            }
        }
        // A plural title: "les ministres X et Y", "foreign ministers A and
        // B": each person coordinated with the first holds it too. Not
        // with two demonyms ("les présidents russe et américain, X et Y").
        let mut more: Vec<usize> = Vec::new();
        if plural
            && demonyms <= 1
            && let Some(first) = person
            && s.entity(p) == Some(first)
        {
            let mut q = p + 1;
            loop {
                if s.word(q) == "," {
                    q += 1;
                }
                if matches!(s.word(q), "et" | "and") {
                    q += 1;
                }
                let named = s.kind(q) == Some(EntityType::Per) && !s.slots[q].demonym;
                match s.entity(q) {
                    Some(e) if named && q > p + 1 && more.len() < 6 => more.push(e),
                    _ => break,
                }
                q += 1;
            }
        }
        // "le ministre du budget, X", "the minister of the interior X": a
        // minister's portfolio names no organisation; the person follows it.
        // The title's first words only: not "président du Conseil des ministres".
        // Nor a complement itself: "le Conseil des ministres X".
        let ministerial = (title_start..title_end.min(title_start + 2))
            .any(|k| s.word(k).starts_with("minist") || s.word(k).contains("-minist"))
            && !(title_start > 0 && is_of(s.word(title_start - 1)));
        let mut portfolio = false;
        if person.is_none() && tail.is_none() && ministerial && is_of(s.word(title_end)) {
            let mut k = title_end;
            while k < s.len()
                && k - title_end < 10
                && s.entity(k).is_none()
                && !matches!(s.word(k), "," | "." | ";" | ":" | "«" | "(" | "\"")
            {
                k += 1;
            }
            while s.word(k) == "," || (k < s.len() && s.entity(k).is_none() && is_honorific(s, k)) {
                k += 1;
            }
            if k > title_end + 1 && s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym {
                person = s.entity(k);
                portfolio = true;
            }
        }
        // "Ivanov, côté russe": the side is the tail when nothing else is.
        let side = person.and_then(|person| side_after(s, person));
        if tail.is_none() {
            tail = side;
        } else if let (Some(person), Some(side)) = (person, side)
            && Some(side) != tail
        {
            // "le vice-ministre des Affaires étrangères, X, côté russe"
            let label = if kind == TitleKind::Head {
                Label::Leads
            } else {
                Label::Role
            };
            let title = s.span_text(title_start, title_end);
            out.add(s, person, label, side, title, 0.6, &[("title", title)]);
        }
        // The tail the phrase names, before the fallbacks below.
        let named_tail = tail;
        let names_more = matches!(
            s.word(title_end),
            "de" | "d'" | "du" | "des" | "of" | "for" | "at" | "pour" | "à"
        );
        // "En Virginie, ... le gouverneur républicain X", "in Ohio, Senator
        // X": a territorial office names its place in the clause before it.
        // A chief minister heads a state or province below the country.
        let chief_minister = (title_start..title_end).any(|k| s.word(k) == "chief")
            && (title_start..title_end).any(|k| s.word(k) == "minister");
        if tail.is_none()
            && person.is_some()
            && !names_more
            && (chief_minister || (title_start..title_end).any(|k| is_territorial(s.word(k))))
        {
            tail = place_before(s, title_start);
        }
        // A head of state with no country named ("le président X"): the
        // headline's one country, unless the headline names the
        // organisation the article is most about.
        let state_head =
            !chief_minister && (title_start..title_end).any(|k| is_state_head(s.word(k)));
        if tail.is_none()
            && kind == TitleKind::Head
            && person.is_some()
            && !names_more
            && state_head
            && !article.main_org_in_headline
        {
            tail = state_country(s, article);
        }
        let definite =
            title_start > 0 && matches!(s.word(title_start - 1), "le" | "la" | "l'" | "the");
        // A head with no organisation named: the article's main
        // organisation, only when the headline names it and the title
        // fits an organisation (not a minister, a prime minister or a
        // king: "président" heads companies too): "le directeur général
        // X" in an article headed by the company.
        // "président du Conseil des ministres": a government's head.
        let state_only = ministerial
            || (title_start..title_end).any(|k| {
                is_state_head(s.word(k))
                    && !matches!(s.word(k), "président" | "présidente" | "president")
                    || matches!(s.word(k), "ministres" | "ministers")
            });
        // A mayor heads a town, never the article's organisation.
        let territorial = (title_start..title_end).any(|k| is_territorial(s.word(k)));
        if tail.is_none()
            && kind == TitleKind::Head
            && person.is_some()
            && definite
            && !state_only
            && !territorial
            && article.main_org_in_headline
        {
            tail = article.main_org;
        }
        // A post below the head with no organisation named ("X,
        // vice-président et directeur financier", "Head Coach X"), in an
        // article whose headline names its main organisation: a post
        // there. Not an indefinite or plural title ("un analyste"), a
        // profession practised for others (an analyst, a lawyer), a
        // government's secretary, nor an elected office ("le Parti
        // populaire exclut le député X": a member of it).
        let indefinite = title_start > 0
            && matches!(
                s.word(title_start - 1),
                "un" | "une" | "a" | "an" | "des" | "les" | "another" | "autre"
            );
        if tail.is_none()
            && kind == TitleKind::Role
            && person.is_some()
            && !plural
            && !indefinite
            && !names_more
            && !state_only
            && !territorial
            && !is_outside_profession(&s.lower_words[title_start..title_end])
            && !government_secretary(&s.lower_words[title_start..title_end])
            && !(title_start..title_end).any(|k| {
                office_words()
                    .elected
                    .contains(s.word(k).trim_start_matches("ex-"))
            })
            && article.main_org_in_headline
        {
            tail = article.main_org;
        }
        // A head of state or government that names nothing else ("le
        // premier ministre X", not "présidente d'une ONG", nor "la
        // directrice générale X"): the headline's country.
        if tail.is_none()
            && kind == TitleKind::Head
            && person.is_some()
            && !names_more
            && state_head
        {
            // Else the one country the sentences before named, for a
            // prime minister, a chancellor or a king (a "président" may
            // head a region or a party).
            let earlier = article.sole_country.filter(|_| state_only);
            tail = state_country(s, article).or(earlier);
        }
        // A minister with a portfolio or none ("le ministre de la Justice
        // X", "the minister X"): the headline's country too.
        if tail.is_none() && ministerial && person.is_some() && (portfolio || !names_more) {
            tail = state_country(s, article).or(article.sole_country);
        }
        // "German Chancellor X", "le président sénégalais X": a demonym
        // beside the title names a country the article gives no node; the
        // title is that country's, so no fallback stands for it.
        if tail != named_tail && names_unnamed_country(s, pre, title_end) {
            tail = named_tail;
        }
        // "Le ministre X est attendu à Alger", "se rendra en Guyane": a
        // visitor of the place a fallback gave is no office holder of it.
        if tail != named_tail
            && let (Some(p), Some(t)) = (person, tail)
            && visits(s, p, t)
        {
            tail = None;
        }
        // "des représentants du Mali": a plural title that no one named
        // holds leaves its complement free for the other patterns.
        if plural && person.is_none() {
            for k in pre..after.max(title_end) {
                s.title_complement[k] = false;
            }
        }
        // "director of exhibits at Y" read as one complement: a unit's post.
        let at_unit = complement.is_some_and(|c| {
            let k = skip_back_det(s, c);
            k > j + 1 && matches!(s.word(k - 1), "at" | "à" | "au" | "aux")
        });
        let label = if kind == TitleKind::Head && field.is_none() && !at_unit {
            Label::Leads
        } else {
            Label::Role
        };
        let title_text = s.span_text(
            title_start,
            if complement.is_some() {
                after
            } else {
                title_end
            },
        );
        let first_word = s.word(title_start).trim_start_matches("ex-").to_string();
        // "Le Président tunisien, X": the country the person's title
        // states, which a fallback elsewhere in the article must not
        // contradict.
        if let Some(person) = person
            && let Some(key) = stated_country(s, pre.saturating_sub(1), title_end + 2)
            && article.stated.len() < MAX_STATED
        {
            article.stated.push((person, key));
        }
        let fallback_country = tail != named_tail
            && tail.is_some_and(|t| s.resolved.info[t].known.is_some_and(|k| k.country));
        match (person, tail) {
            (Some(person), Some(tail)) => {
                article.holders.insert((first_word, tail), person);
                last_holder = Some((after.max(title_end), person));
                let at = out.relations.len();
                out.add(
                    s,
                    person,
                    label,
                    tail,
                    title_text,
                    0.85,
                    &[("title", title_text)],
                );
                if fallback_country
                    && out.relations.len() > at
                    && article.fallbacks.len() < MAX_STATED
                {
                    article.fallbacks.push((at, person, tail));
                }
                for other in more {
                    out.add(
                        s,
                        other,
                        label,
                        tail,
                        title_text,
                        0.7,
                        &[("title", title_text)],
                    );
                }
                // "le ministre de la Justice X": the portfolio named as an
                // organisation is a ministry of the government of the
                // headline's country, whose post it is too, when the
                // sentence names no country of its own ("côté russe").
                let portfolio_org = ministerial
                    && !names_a_country(s)
                    && complement.and_then(|c| s.entity(c)) == Some(tail)
                    && s.entities[tail].kind == EntityType::Org;
                if portfolio_org && let Some(c) = article.headline_country {
                    out.add(
                        s,
                        person,
                        label,
                        c,
                        title_text,
                        0.7,
                        &[("title", title_text)],
                    );
                }
            }
            // "les maires de X": a plural title with no name is no one's.
            (None, Some(tail)) if !plural => {
                // "l'ex-maire de Nantes" with no name: the holder already
                // named, else the article's clearly salient person.
                let definite = title_start > 0
                    && matches!(s.word(title_start - 1), "le" | "la" | "l'" | "the")
                    && (title_start == 1 || matches!(s.word(title_start - 2), "," | "" | "«"));
                let holder = article.holders.get(&(first_word, tail)).copied();
                let salient = if definite {
                    article.salient_person
                } else {
                    None
                };
                if let Some(holder) = holder.or(salient) {
                    out.add(
                        s,
                        holder,
                        label,
                        tail,
                        title_text,
                        0.4,
                        &[("title", title_text)],
                    );
                }
            }
            _ => {}
        }
        i = title_end.max(i + 1);
    }
    office_of(s, article, out);
    heads_verb(s, article, out);
    founded_by(s, out);
    portfolio_to(s, article, out);
}

/// A government line-up: "Le portefeuille de l'Agriculture revient à X",
/// "X hérite du portefeuille de la Défense", "the portfolio of Finance
/// goes to X". The portfolio, an organisation (as after "ministre de"),
/// and the person named within a few words of it (after "à"/"to", else
/// before it) with no other portfolio between: X holds a `role` in the
/// portfolio, and one in the headline's country when the sentence names
/// no country.
fn portfolio_to(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let portfolio_word = |k: usize| matches!(s.word(k), "portefeuille" | "portfolio");
    for i in 0..s.len() {
        if !portfolio_word(i) || !matches!(s.word(i + 1), "de" | "du" | "des" | "d'" | "of") {
            continue;
        }
        let k = skip_det(s, i + 2);
        if s.kind(k) != Some(EntityType::Org) {
            continue;
        }
        let near = |q: usize| !(i.min(q)..i.max(q)).any(|m| portfolio_word(m) && m != i);
        let after = (k + 1..(k + 7).min(s.len()))
            .take_while(|&q| !matches!(s.word(q), "." | ";" | ","))
            .find(|&q| per(q) && matches!(s.word(q - 1), "à" | "to"));
        let before = (i.saturating_sub(6)..i)
            .rev()
            .take_while(|&q| !matches!(s.word(q), "." | ";" | ","))
            .find(|&q| per(q));
        let Some(q) = after.or(before).filter(|&q| near(q)) else {
            continue;
        };
        let title = s.span_text(i, k + 1);
        if let (Some(person), Some(portfolio)) = (s.entity(q), s.entity(k)) {
            out.add(
                s,
                person,
                Label::Role,
                portfolio,
                title,
                0.6,
                &[("title", title)],
            );
            if !names_a_country(s)
                && let Some(c) = article.headline_country
            {
                out.add(s, person, Label::Role, c, title, 0.6, &[("title", title)]);
            }
        }
    }
}

/// The title of a plural form ("les ministres X et Y", "foreign
/// ministers A and B", "un des chercheurs de X"): the words with one of
/// the first three made singular (a final "s" dropped), when that word
/// is inside the title matched. Honorifics are left out.
fn plural_title(words: &[&str], c: u32) -> Option<(usize, TitleKind)> {
    let opens = gaz::may_open_title_cls(words.first()?, c);
    let n = words.len().min(7);
    let mut buf = [""; 7];
    buf[..n].copy_from_slice(&words[..n]);
    for j in 0..n.min(3) {
        let Some(singular) = words[j].strip_suffix('s') else {
            continue;
        };
        if singular.len() < 3 || singular.ends_with('s') {
            continue;
        }
        let first = if j == 0 { gaz::classes(singular) } else { c };
        if j == 0 && !gaz::may_open_title_cls(singular, first) || j > 0 && !opens {
            continue;
        }
        buf[j] = singular;
        if let Some((m, kind)) = gaz::title_cls(&buf[..n], first)
            && m > j
            && kind != TitleKind::Honorific
        {
            return Some((m, kind));
        }
        buf[j] = words[j];
    }
    None
}

/// The words of a title matched are a plural: its first word ("les
/// ministres", "chercheurs de X"), or its last with no "de"/"of" between
/// ("foreign ministers"; not "ministre des affaires étrangères").
fn is_plural_title(words: &[&str]) -> bool {
    let plural = |w: &str| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
    let of = |w: &&str| matches!(*w, "de" | "des" | "du" | "d'" | "of");
    match words {
        [first, ..] if plural(first) => true,
        [_, .., last] => plural(last) && !words.iter().any(of),
        _ => false,
    }
}

/// A verb of heading, active ("préside", "dirigeait", "heads", "chaired",
/// "led", "runs": `head_verb`): its subject leads its object.
fn is_head_verb(w: &str) -> bool {
    office_words().head_verb.contains(w)
}

/// A verb of heading as a participle before "par"/"by" ("présidée par
/// X", "headed by X", "led by X": `head_participle`).
fn is_head_participle(w: &str) -> bool {
    office_words().head_participle.contains(w)
}

/// "X, qui préside la FFF", "X a dirigé Acme", "He led the Trust", "the
/// Foundation, chaired by X": the person leads the organisation. The
/// subject is the person right before the verb (an auxiliary or ", qui"
/// / ", who" between), or a pronoun opening the sentence (the person the
/// sentence before named); the object an organisation right after it
/// ("led Acme to victory" is a match, not a post).
fn heads_verb(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    for i in 1..s.len() {
        let w = s.word(i);
        // Passive: "Acme, chaired by X".
        if is_head_participle(w) && matches!(s.word(i + 1), "par" | "by") && per(i + 2) {
            let o = if s.word(i - 1) == "," && i >= 2 {
                i - 2
            } else {
                i - 1
            };
            if org(o)
                && let (Some(p), Some(o)) = (s.entity(i + 2), s.entity(o))
            {
                out.add(s, p, Label::Leads, o, w, 0.6, &[("title", w)]);
            }
            continue;
        }
        if !is_head_verb(w) {
            continue;
        }
        let o = skip_det(s, i + 1);
        if !org(o) || (matches!(w, "led" | "leads" | "runs" | "ran") && s.word(o + 1) == "to") {
            continue;
        }
        let mut k = i;
        while k > 0
            && matches!(
                s.word(k - 1),
                "a" | "avait" | "has" | "had" | "have" | "also"
            )
        {
            k -= 1;
        }
        let subject = if k > 0 && per(k - 1) {
            s.entity(k - 1)
        } else if k >= 3
            && matches!(s.word(k - 1), "qui" | "who")
            && s.word(k - 2) == ","
            && per(k - 3)
        {
            s.entity(k - 3)
        } else if k == 1 && matches!(s.word(0), "il" | "elle" | "he" | "she") {
            article.prev_person
        } else {
            None
        };
        if let (Some(p), Some(o)) = (subject, s.entity(o)) {
            out.add(s, p, Label::Leads, o, w, 0.6, &[("title", w)]);
        }
    }
}

/// "X was founded by Y", "X, fondée par Y": Y holds a `role` in X (a
/// founder). X is the organisation just before the comma, else the
/// organisation that opens the sentence with no person before the verb.
fn founded_by(s: &SentenceView<'_>, out: &mut Edges) {
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    for i in 1..s.len() {
        let founded = matches!(
            s.word(i),
            "founded" | "co-founded" | "fondé" | "fondée" | "cofondé" | "cofondée"
        );
        if !founded || !matches!(s.word(i + 1), "by" | "par") || !per(i + 2) {
            continue;
        }
        let organisation = if s.word(i - 1) == "," && i >= 2 && org(i - 2) {
            Some(i - 2)
        } else if matches!(s.word(i - 1), "was" | "été" | "is" | "est") {
            (0..i)
                .find(|&k| s.entity(k).is_some())
                .filter(|&k| org(k) && (k..i).all(|q| !per(q)))
        } else {
            None
        };
        if let Some(o) = organisation {
            out.link(s, i + 2, Label::Role, o, s.word(i), 0.6);
        }
    }
}

/// "le gouvernement (conservateur) de X", "la présidence de X", "the X
/// administration": X leads the country the phrase is of: a demonym in it
/// ("le gouvernement espagnol de X"), else the one country named before it
/// in the sentence ("La France a connu ... la présidence de X"), else the
/// headline's country. Not "sous la présidence de X" (who chairs a
/// meeting).
fn office_of(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    for i in 0..s.len() {
        let w = s.word(i);
        let before_name = office_name_noun(w);
        let with_of = office_noun(w) || before_name && s.word(i + 1) == "of";
        if !(before_name || with_of) || (i >= 2 && s.word(i - 2) == "sous") {
            continue;
        }
        let is_per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
        // "X's government", "the X administration" (English, after).
        let mut person = None;
        let mut country = None;
        if i > 0 && before_name {
            let k = if i > 1 && s.word(i - 1) == "'s" {
                i - 2
            } else {
                i - 1
            };
            if is_per(k) {
                person = Some(k);
            }
        }
        if person.is_none() {
            let mut j = i + 1;
            let mut adjectives = 0;
            while adjectives < 2
                && (s.slots.get(j).is_some_and(|x| x.demonym)
                    || is_party_adjective(s.word(j))
                    || gaz::is_name_adjective(s.word(j))
                    || ideology_adjective(s.word(j)))
            {
                if s.slots[j].demonym {
                    country = country.or(s.entity(j));
                }
                adjectives += 1;
                j += 1;
            }
            if with_of && matches!(s.word(j), "de" | "d'" | "of") && is_per(j + 1) {
                person = Some(j + 1);
            } else if before_name && is_per(j) && j == i + 1 {
                person = Some(j);
            }
        }
        let Some(pk) = person else {
            continue;
        };
        let before: Vec<usize> = (0..i)
            .filter(|&k| {
                s.is_country(k) || s.slots[k].demonym && s.kind(k) == Some(EntityType::Loc)
            })
            .filter_map(|k| s.entity(k))
            .collect();
        let sentence_country = match before.as_slice() {
            [c, rest @ ..] if rest.iter().all(|x| x == c) => Some(*c),
            _ => None,
        };
        let tail = country.or(sentence_country).or(article.headline_country);
        if let (Some(person), Some(tail)) = (s.entity(pk), tail) {
            let title = s.span_text(i, i + 1);
            out.add(
                s,
                person,
                Label::Leads,
                tail,
                title,
                0.6,
                &[("title", title)],
            );
        }
    }
}

/// The title at slot `i` is the complement of a kinship noun: "la veuve
/// de l'ancien président", "the son of the mayor".
fn kin_before(s: &SentenceView<'_>, i: usize) -> bool {
    let mut k = i;
    while k > 0 && matches!(s.word(k - 1), "le" | "la" | "l'" | "the") {
        k -= 1;
    }
    k >= 2
        && matches!(s.word(k - 1), "de" | "du" | "d'" | "of")
        && matches!(
            s.word(k - 2),
            "veuve"
                | "veuf"
                | "épouse"
                | "femme"
                | "mari"
                | "fils"
                | "fille"
                | "frère"
                | "sœur"
                | "père"
                | "mère"
                | "widow"
                | "widower"
                | "wife"
                | "husband"
                | "son"
                | "daughter"
                | "brother"
                | "sister"
                | "father"
                | "mother"
        )
}

/// A title word of an office held for a territory below the state: its
/// place may be named before it ("Dans l'Ohio, le sénateur X").
fn is_territorial(w: &str) -> bool {
    matches!(
        w,
        "maire"
            | "mayor"
            | "gouverneur"
            | "gouverneure"
            | "governor"
            | "sénateur"
            | "sénatrice"
            | "senator"
            | "préfet"
            | "préfète"
            | "député-maire"
            | "députée-maire"
            | "congressman"
            | "congresswoman"
    )
}

/// The title at slot `title` is an elected office (`elected_office`:
/// councillor, député, senator, mayor) and slot `k` names an
/// organisation that is no assembly ([`super::membership::is_assembly`]):
/// "councillor X of the Green Party", "councillors A of DAB and B of
/// BPA" are members of their parties, which the title is no post of
/// ("Senator X of the State Senate" holds a seat of the Senate).
fn party_of_elected(s: &SentenceView<'_>, title: usize, k: usize) -> bool {
    let elected = (title..(title + 2).min(s.len())).any(|q| {
        office_words()
            .elected
            .contains(s.word(q).trim_start_matches("ex-"))
    });
    elected
        && s.kind(k) == Some(EntityType::Org)
        && s.entity(k)
            .is_some_and(|e| !super::membership::is_assembly(&s.entities[e].name))
}

/// A title word of a head of state or government ("président", "prime
/// minister", "roi"): with no country named, the article's country.
fn is_state_head(w: &str) -> bool {
    matches!(
        w,
        "président"
            | "présidente"
            | "president"
            | "premier"
            | "première"
            | "prime"
            | "chancelier"
            | "chancelière"
            | "chancellor"
            | "roi"
            | "reine"
            | "king"
            | "queen"
            | "émir"
            | "emir"
            | "sultan"
    )
}

/// The sentence says that `person` travels to `place` or to a place in
/// it: a `visit` word ("attendu", "se rendra", "visits", "travelled")
/// with no other person between it and the person, then within a few
/// words a place preposition ("à Alger", "en Guyane", "to Rabat") and a
/// place that is `place` or lies in it.
/// Whether a demonym right before a title (from `pre`) or among the two
/// words after it (from `title_end`) names a country that has no entity in
/// the sentence: "German Chancellor", "le président sénégalais".
fn names_unnamed_country(s: &SentenceView<'_>, pre: usize, title_end: usize) -> bool {
    // The title's own words too: "le président tunisien" read as one title.
    (pre.saturating_sub(1)..(title_end + 2).min(s.len()))
        .any(|k| s.entity(k).is_none() && gaz::demonym(s.word(k)).is_some())
}

/// The sentence names a country: by name, by a demonym that has its node,
/// or by a demonym of a country the article gives no node ("le ministre
/// algérien"): a fallback country is none of its titles'.
fn names_a_country(s: &SentenceView<'_>) -> bool {
    (0..s.len()).any(|k| {
        s.is_country(k)
            || s.slots[k].demonym
            || (s.entity(k).is_none() && gaz::demonym(s.word(k)).is_some())
    })
}

/// Slot `k` is an honorific before a name ("M.", "Sheikh", "Sir",
/// "Professor", "monsieur"): an abbreviation of one
/// (`honorific_abbreviation`) or a one-word title of that kind.
fn is_honorific(s: &SentenceView<'_>, k: usize) -> bool {
    let w = s.word(k);
    office_words().honorific_abbreviation.contains(w)
        || !w.is_empty()
            && gaz::may_open_title_cls(w, s.class(k))
            && matches!(
                gaz::title_cls(&[w], s.class(k)),
                Some((1, TitleKind::Honorific))
            )
}

/// The headline's country as the country of a head of state or a
/// minister: not a city a headline opens with ("Tunis : ..."), which no
/// such office is of.
fn state_country(s: &SentenceView<'_>, article: &ArticleContext) -> Option<usize> {
    article.headline_country.filter(|&c| {
        !s.resolved.info[c]
            .known
            .is_some_and(|k| k.class == gaz::PlaceClass::City)
    })
}

/// The country key of a demonym in slots `[a, b)`: "le président
/// tunisien", "Omani foreign minister" (with or without its node).
fn stated_country(s: &SentenceView<'_>, a: usize, b: usize) -> Option<&'static str> {
    (a..b.min(s.len())).find_map(|k| {
        if s.slots[k].demonym {
            s.entity(k)
                .and_then(|e| s.resolved.info[e].known)
                .map(|known| known.key)
        } else if s.entity(k).is_none() {
            gaz::demonym(s.word(k))
        } else {
            None
        }
    })
}

fn visits(s: &SentenceView<'_>, person: usize, place: usize) -> bool {
    let Some(at) = (0..s.len()).find(|&k| s.entity(k) == Some(person)) else {
        return false;
    };
    let other_person = |k: usize| s.kind(k) == Some(EntityType::Per) && s.entity(k) != Some(person);
    let known = |e: usize| s.resolved.info[e].known.as_ref();
    // In a country: a place the lists put in it. In a region: a place of
    // the region's country, or one the lists do not know (the headline's
    // region holds those).
    let region = !known(place).is_some_and(|k| k.country);
    let inside = |d: usize| {
        let parent = known(d).and_then(|k| k.parent);
        d == place
            || parent.is_some() && parent == known(place).map(|k| k.key)
            || region && (known(d).is_none() || parent == known(place).and_then(|k| k.parent))
    };
    (0..s.len())
        .filter(|&k| office_words().visit.contains(s.word(k)))
        .filter(|&k| (at.min(k)..at.max(k)).all(|q| !other_person(q)))
        .any(|k| {
            (k + 1..(k + 4).min(s.len()))
                .take_while(|&q| s.entity(q).is_none())
                .find(|&q| matches!(s.word(q), "à" | "au" | "aux" | "en" | "in" | "to" | "dans"))
                .map(|q| skip_det(s, q + 1))
                .is_some_and(|d| {
                    s.kind(d) == Some(EntityType::Loc) && s.entity(d).is_some_and(inside)
                })
        })
}

/// The office words of `word_classes.tsv` (see [`office_noun`]).
struct OfficeWords {
    office: Set<&'static str>,
    office_name: Set<&'static str>,
    party: Set<&'static str>,
    ideology: Set<&'static str>,
    visit: Set<&'static str>,
    elected: Set<&'static str>,
    head_verb: Set<&'static str>,
    head_participle: Set<&'static str>,
    honorific_abbreviation: Set<&'static str>,
    outside_profession: Set<&'static str>,
}

fn office_words() -> &'static OfficeWords {
    static CELL: OnceLock<OfficeWords> = OnceLock::new();
    CELL.get_or_init(|| {
        let lists = Lists::get();
        OfficeWords {
            office: lists.words(WordClass::OfficeNoun).collect(),
            office_name: lists.words(WordClass::OfficeNameNoun).collect(),
            party: lists.words(WordClass::PartyAdjective).collect(),
            ideology: lists.words(WordClass::IdeologyAdjective).collect(),
            visit: lists.words(WordClass::Visit).collect(),
            elected: lists.words(WordClass::ElectedOffice).collect(),
            head_verb: lists.words(WordClass::HeadVerb).collect(),
            head_participle: lists.words(WordClass::HeadParticiple).collect(),
            honorific_abbreviation: lists.words(WordClass::HonorificAbbreviation).collect(),
            outside_profession: lists.words(WordClass::OutsideProfession).collect(),
        }
    })
}

/// A noun of a head's office followed by the holder ("le gouvernement de
/// X", "la présidence de X": `office_noun`).
fn office_noun(w: &str) -> bool {
    office_words().office.contains(w)
}

/// A noun of a head's office beside the holder's name ("le gouvernement
/// X", "the X administration", "X's government": `office_name_noun`).
fn office_name_noun(w: &str) -> bool {
    office_words().office_name.contains(w)
}

/// A party label after a title ("le sénateur démocrate X": `party_adjective`):
/// it names no organisation of the title's.
fn is_party_adjective(w: &str) -> bool {
    office_words().party.contains(w)
}

/// A political leaning after an office noun ("le gouvernement
/// conservateur de X": `ideology_adjective`).
fn ideology_adjective(w: &str) -> bool {
    office_words().ideology.contains(w)
}

/// The place of the nearest "en X", "dans le X", "in X" before slot `end`
/// in the sentence: a region or city, not a country.
fn place_before(s: &SentenceView<'_>, end: usize) -> Option<usize> {
    (0..end)
        .rev()
        .take_while(|&k| !matches!(s.word(k), ";" | ":" | "«" | "»" | "\""))
        .find(|&k| {
            s.kind(k) == Some(EntityType::Loc)
                && !s.slots[k].demonym
                && !s.is_country(k)
                && s.after_place_prep(k)
        })
        .and_then(|k| s.entity(k))
}

/// Skips articles backward from slot `i`.
/// Verbs and auxiliaries that make a title the predicate of the person
/// before them ("a été élu", "was appointed", "est", "became").
fn is_predicate_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "été"
            | "est"
            | "était"
            | "sera"
            | "fut"
            | "reste"
            | "devient"
            | "devenu"
            | "devenue"
            | "élu"
            | "élue"
            | "réélu"
            | "réélue"
            | "nommé"
            | "nommée"
            | "désigné"
            | "désignée"
            | "is"
            | "was"
            | "has"
            | "had"
            | "been"
            | "will"
            | "be"
            | "remains"
            | "became"
            | "becomes"
            | "elected"
            | "re-elected"
            | "appointed"
            | "named"
    )
}

/// The first of two titles joined by "and"/"et" before the title at
/// `start` ("chairman and chief executive", "the Managing Director and
/// Chief Executive Officer"), else `start`.
fn coordinated_title_start(s: &SentenceView<'_>, start: usize) -> usize {
    let q = skip_back_det(s, start);
    if q < 2 || !matches!(s.word(q - 1), "and" | "et") {
        return start;
    }
    let and = q - 1;
    (and.saturating_sub(4)..and)
        .find(|&k| {
            (k..and).all(|m| s.entity(m).is_none())
                && gaz::title_cls(&s.lower_words[k..and], s.class(k))
                    .is_some_and(|(n, kind)| n == and - k && kind != TitleKind::Honorific)
        })
        .unwrap_or(start)
}

fn skip_back_det(s: &SentenceView<'_>, mut i: usize) -> usize {
    while i > 0
        && matches!(
            s.word(i - 1),
            "le" | "la" | "l'" | "the" | "a" | "an" | "un" | "une"
        )
    {
        i -= 1;
    }
    i
}

/// "X, côté russe" / "côté américain" after the first slot of entity
/// `person`: the country of that side.
fn side_after(s: &SentenceView<'_>, person: usize) -> Option<usize> {
    let at = (0..s.len()).find(|&i| s.entity(i) == Some(person))?;
    let mut k = at + 1;
    let end = (at + 12).min(s.len());
    while k < end {
        if matches!(s.word(k), "côté" | "side") && s.slots.get(k + 1).is_some_and(|x| x.demonym) {
            return s.entity(k + 1);
        }
        if s.kind(k) == Some(EntityType::Per) {
            return None;
        }
        k += 1;
    }
    None
}

/// A title starts at slot `q` ("President", "ministre").
pub(super) fn title_word(s: &SentenceView<'_>, q: usize) -> bool {
    gaz::title_in_cls((q..(q + 3).min(s.len())).map(|k| s.word(k)), s.class(q)).is_some()
}

/// A profession practised for others or on its own ("analyst",
/// "économiste", "lawyer", "professeur", "journaliste":
/// `outside_profession`, or counsel): its holder is no post of the
/// organisation an article is about.
fn is_outside_profession(words: &[&str]) -> bool {
    let professions = &office_words().outside_profession;
    is_counsel(words)
        || words
            .iter()
            .any(|w| professions.contains(w.trim_end_matches('s')))
}

/// An English "Secretary" that is no general secretary ("Health
/// Secretary X", "the Secretary of State"): a post in a government.
fn government_secretary(words: &[&str]) -> bool {
    words.contains(&"secretary") && !words.contains(&"general")
}

/// A title of legal counsel ("lawyer", "avocate", "defence attorney"):
/// its holder serves a person, its client.
fn is_counsel(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "lawyer"
                | "lawyers"
                | "attorney"
                | "attorneys"
                | "counsel"
                | "solicitor"
                | "barrister"
                | "avocat"
                | "avocate"
                | "avocats"
                | "avocates"
        )
    })
}
