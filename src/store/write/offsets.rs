//! Offsets: extraction's byte spans checked against the text and stored
//! as code points (SQLite's `substr` counts the same way), sentence and
//! mention spans as JSON arrays.

use crate::model::{Extraction, Span};

/// Code-point spans as the JSON array `[[start,end],...]` the schema keeps
/// sentence and mention offsets in.
pub(super) fn spans_json(spans: impl Iterator<Item = (i64, i64)>) -> String {
    // Room for five-digit offsets: `[12345,12345],` a span.
    let mut out = String::with_capacity(2 + 14 * spans.size_hint().0);
    out.push('[');
    for (i, (start, end)) in spans.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_number(&mut out, start);
        out.push(',');
        push_number(&mut out, end);
        out.push(']');
    }
    out.push(']');
    out
}

/// Appends `n` in decimal: what `write!` gives, without its formatting
/// machinery (a measurable share of an ingest, two numbers per sentence
/// and mention).
fn push_number(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// Checks that every index and byte span of an extraction fits the text,
/// so the writer can index without panicking.
pub(super) fn check(ex: &Extraction, chars: &CharIndex) -> std::result::Result<(), String> {
    let span_ok =
        |s: &Span| s.start <= s.end && chars.get(s.start).is_some() && chars.get(s.end).is_some();
    if let Some(s) = ex.sentences.iter().find(|s| !span_ok(s)) {
        return Err(format!(
            "extraction gave sentence span {}..{} that does not fit the text",
            s.start, s.end
        ));
    }
    let (ns, ne) = (ex.sentences.len(), ex.entities.len());
    for m in &ex.mentions {
        if m.entity >= ne || m.sentence >= ns || !span_ok(&m.span) {
            return Err(format!(
                "extraction gave a mention ({m:?}) that does not fit the text"
            ));
        }
    }
    for r in &ex.relations {
        if r.head >= ne || r.tail >= ne || r.sentence >= ns {
            return Err(format!(
                "extraction gave a relation ({} {} {}) with an index out of range",
                r.head, r.label, r.tail
            ));
        }
    }
    Ok(())
}

/// Maps byte offsets of a text to code-point offsets.
///
/// Measured (bench/SCALE.md, "The writer's own work"): a table of every
/// byte's offset, a `u32` written per byte of every article, cost 0.6% of
/// an ingest's instructions. This keeps one count per block of
/// [`CharIndex::BLOCK`] bytes and counts the rest of a block on a lookup.
pub(super) struct CharIndex<'t> {
    text: &'t str,
    /// `before[k]`: the code points that start before byte `k * BLOCK`.
    before: Vec<u32>,
}

impl<'t> CharIndex<'t> {
    const BLOCK: usize = 64;

    pub(super) fn new(text: &'t str) -> CharIndex<'t> {
        let mut n = 0u32;
        let before = std::iter::once(0)
            .chain(text.as_bytes().chunks(Self::BLOCK).map(|block| {
                n += starts(block);
                n
            }))
            .collect();
        CharIndex { text, before }
    }

    /// The code-point offset of byte `b`, if it is a character boundary.
    pub(super) fn get(&self, b: usize) -> Option<i64> {
        if !self.text.is_char_boundary(b) {
            return None;
        }
        let block = b / Self::BLOCK;
        let rest = starts(&self.text.as_bytes()[block * Self::BLOCK..b]);
        Some(i64::from(self.before[block] + rest))
    }

    /// A checked span in code points.
    pub(super) fn span(&self, s: Span) -> (i64, i64) {
        (
            self.get(s.start).expect("span checked by check()"),
            self.get(s.end).expect("span checked by check()"),
        )
    }
}

/// The code points that start in `bytes` (its bytes that are not UTF-8
/// continuation bytes), at most [`CharIndex::BLOCK`].
fn starts(bytes: &[u8]) -> u32 {
    bytes.iter().map(|&b| u32::from((b as i8) >= -0x40)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use crate::store::test_fixtures::words;
    use proptest::prelude::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1000, 123_456_789, -1, -40, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        assert_eq!(
            spans_json([(0, 12), (13, 140)].into_iter()),
            "[[0,12],[13,140]]"
        );
        assert_eq!(spans_json(std::iter::empty()), "[]");
    }

    /// What [`CharIndex::get`] must give: a table of every byte's code
    /// point, `None` inside a character and past the end.
    fn char_table(text: &str) -> Vec<Option<i64>> {
        let mut table = vec![None; text.len() + 1];
        for (n, (b, _)) in text.char_indices().enumerate() {
            table[b] = Some(n as i64);
        }
        table[text.len()] = Some(text.chars().count() as i64);
        table
    }

    proptest! {
        /// Every byte offset of a mixed-script text (and a few past its
        /// end) maps to its code point, or to `None` where the table of
        /// every byte has none; around block ends too.
        #[test]
        fn char_index_matches_a_table_of_every_byte(
            text in "[a-zé東\u{1F600}\u{300} ]{0,200}",
        ) {
            let index = CharIndex::new(&text);
            let table = char_table(&text);
            for b in 0..text.len() + 70 {
                prop_assert_eq!(index.get(b), table.get(b).copied().flatten(), "byte {}", b);
            }
        }

        /// `check` refuses exactly the spans that do not fit: inside a
        /// character, past the end, or reversed, with the same message.
        #[test]
        fn check_refuses_spans_off_character_boundaries(
            text in "[aé東\u{1F600} ]{1,150}",
            start in 0usize..700,
            end in 0usize..700,
            as_sentence in any::<bool>(),
        ) {
            let mut ex = words(&text, Label::Meets);
            let span = Span { start, end };
            if as_sentence {
                ex.sentences[0] = span;
            } else {
                prop_assume!(!ex.mentions.is_empty());
                ex.mentions[0].span = span;
            }
            let table = char_table(&text);
            let fits = |b: usize| table.get(b).copied().flatten().is_some();
            let ok = start <= end && fits(start) && fits(end);
            let got = check(&ex, &CharIndex::new(&text));
            prop_assert_eq!(got.is_ok(), ok, "{:?}", got);
            if let Err(message) = got {
                prop_assert!(message.contains("does not fit"), "{}", message);
            }
        }

    }
}
