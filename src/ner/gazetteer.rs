//! Word-list membership as tagger features: for every word of the lists in
//! `data/lists/` (places and organisations, demonyms, first names, titles,
//! head nouns), a bitset of the roles it plays there, keyed by the same
//! lower-cased word hash the features use, so a token costs one lookup.
//!
//! A view onto the loaded lists (`crate::lists`, the only reader of
//! `data/lists/`), built once into one hash map. A model learns weights for
//! these bits: when the lists change, retrain the models
//! (`tools/train_models.sh`).

use super::hash::{Map, word_hash};
use crate::lists::Lists;
use crate::model::EntityType;
use std::sync::OnceLock;

/// A one-word country, region or continent name.
pub(crate) const LOC1: u16 = 1;
/// A one-word city name.
pub(crate) const CITY1: u16 = 2;
/// First word of a several-word place name.
pub(crate) const LOC_B: u16 = 4;
/// Later word of a several-word place name.
pub(crate) const LOC_I: u16 = 8;
/// A one-word organisation name (or acronym).
pub(crate) const ORG1: u16 = 16;
/// Word of a several-word organisation name.
pub(crate) const ORG_PART: u16 = 32;
pub(crate) const FIRST_NAME: u16 = 64;
pub(crate) const DEMONYM: u16 = 128;
/// A one-word title or honorific.
pub(crate) const TITLE: u16 = 256;
/// Word of a several-word title.
pub(crate) const TITLE_PART: u16 = 512;
pub(crate) const ORG_HEAD: u16 = 1024;
pub(crate) const LOC_HEAD: u16 = 2048;
/// Number of bits above.
pub(crate) const BITS: u32 = 12;

/// Word hash -> role bits.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    map: Map<u16>,
}

impl Gazetteer {
    /// The shared instance, built on first use.
    pub(crate) fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut g = Gazetteer {
            map: Map::default(),
        };
        let lists = Lists::get();
        for (form, key) in lists.place_names() {
            let org = key.starts_with("org:");
            let city = key.starts_with("city:");
            let words: Vec<&str> = form.split_whitespace().collect();
            match words.as_slice() {
                [w] => g.mark(
                    w,
                    if org {
                        ORG1
                    } else if city {
                        CITY1
                    } else {
                        LOC1
                    },
                ),
                [first, rest @ ..] => {
                    g.mark(first, if org { ORG_PART } else { LOC_B });
                    for w in rest {
                        g.mark(w, if org { ORG_PART } else { LOC_I });
                    }
                }
                [] => {}
            }
        }
        for (form, _) in lists.demonyms() {
            g.mark(form, DEMONYM);
        }
        for name in lists.first_names() {
            g.mark(name, FIRST_NAME);
        }
        for (title, _) in lists.titles() {
            let words: Vec<&str> = title.split_whitespace().collect();
            if let [w] = words.as_slice() {
                g.mark(w, TITLE);
            } else {
                for w in words {
                    g.mark(w, TITLE_PART);
                }
            }
        }
        for (word, kind) in lists.heads() {
            g.mark(
                word,
                if kind == EntityType::Org {
                    ORG_HEAD
                } else {
                    LOC_HEAD
                },
            );
        }
        g
    }

    fn mark(&mut self, word: &str, bit: u16) {
        *self.map.entry(word_hash(word)).or_default() |= bit;
    }

    /// Role bits of a word, by its [`word_hash`].
    #[inline]
    pub(crate) fn bits(&self, hash: u64) -> u16 {
        self.map.get(&hash).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Role bits come from the shipped lists: checked against the lists'
    /// own lookups rather than hard-coded names.
    #[test]
    fn bits_agree_with_the_lists() {
        let g = Gazetteer::get();
        let first = Lists::get()
            .first_names()
            .nth(100)
            .expect("first names list is long");
        assert_ne!(g.bits(word_hash(first)) & FIRST_NAME, 0);
        let one_word_country = Lists::get()
            .place_names()
            .find(|(f, k)| k.starts_with("country:") && !f.contains(char::is_whitespace))
            .expect("some country has a one-word name");
        assert_ne!(g.bits(word_hash(one_word_country.0)) & LOC1, 0);
        assert_eq!(g.bits(word_hash("qqqzzzxq")), 0);
        // Case does not matter: the hash is of the lower-cased word.
        assert_eq!(word_hash("ABC"), word_hash("abc"));
    }
}
