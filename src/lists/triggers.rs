//! `trigger_pairs.tsv`: the two-word event triggers of the relation
//! patterns ("held talks", "d'accord"), each with the event it opens and
//! whether it is a verb (which a negation reaches) or a noun; `none` rows
//! are pairs that trigger nothing ("accuse un ...").

use super::table::{Files, bad};
use crate::error::Result;

/// What a trigger says happened between its subject and objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    Meet,
    Agree,
    Support,
    Oppose,
}

/// One row of `trigger_pairs.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerPair {
    pub first: &'static str,
    pub second: &'static str,
    /// The event and whether the trigger is a verb; `None`: the two words
    /// trigger nothing.
    pub event: Option<(Event, bool)>,
}

/// The rows of `trigger_pairs.tsv`, in file order.
pub(super) fn trigger_pairs(files: &Files) -> Result<Vec<TriggerPair>> {
    const FILE: &str = "trigger_pairs.tsv";
    let mut pairs = Vec::new();
    for (line, r) in files.table::<4>(FILE)? {
        let event = match r[2] {
            "meet" => Some(Event::Meet),
            "agree" => Some(Event::Agree),
            "support" => Some(Event::Support),
            "oppose" => Some(Event::Oppose),
            "none" => None,
            other => return Err(bad(FILE, line, format!("event {other:?}"))),
        };
        let verb = match (event, r[3]) {
            (Some(_), "verb") => Some(true),
            (Some(_), "noun") => Some(false),
            (None, "-") => None,
            (_, other) => return Err(bad(FILE, line, format!("part {other:?}"))),
        };
        if r[1].is_empty() {
            return Err(bad(FILE, line, "empty second word".into()));
        }
        pairs.push(TriggerPair {
            first: r[0],
            second: r[1],
            event: event.zip(verb),
        });
    }
    Ok(pairs)
}
