//! Calendar dates as articles give them, read into ISO 8601: "5 mars
//! 2024", "le 1er mars 2024 à 10h30", "March 5, 2024", "5th March 2024",
//! "2024-03-05T10:00:00Z", "05/03/2024", and the RFC 2822 dates of feeds
//! ("Tue, 05 Mar 2024 10:00:00 +0000"). Month names of both languages are
//! known whatever the article's language, full or abbreviated, with or
//! without accents; a weekday in front is passed over (not checked).
//!
//! Only the order of an all-numeric day and month depends on the
//! language: "05/03/2024" is 5 March in French (day first) and May 3 in
//! English (month first); when one of the two numbers is above 12, it is
//! the day whatever the language. A year is four digits.
//!
//! The reading is strict: every word must be understood, the date must
//! exist (no 30 February) and a time must be a time of day; anything else
//! is `None`, so that the caller keeps the text as written rather than a
//! guess. This is the one date reader: what resolves relative dates in
//! sentences ("jeudi", "last Thursday") against the article date is meant
//! to build on [`Date`] and [`parse`].

use crate::fold::fold;
use crate::model::Lang;
use std::fmt;

/// A day of the calendar, with the time of day when it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub time: Option<Time>,
}

/// A time of day; seconds and zone only when given (fractions of a
/// second are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
    /// Minutes east of UTC; `Some(0)` prints as `Z`.
    pub offset: Option<i16>,
}

impl fmt::Display for Date {
    /// ISO 8601: `2024-03-05`, `2024-03-05T10:30`, `2024-03-05T10:30:00Z`,
    /// `2024-03-05T10:30:00+01:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        let Some(t) = self.time else {
            return Ok(());
        };
        write!(f, "T{:02}:{:02}", t.hour, t.minute)?;
        if let Some(s) = t.second {
            write!(f, ":{s:02}")?;
        }
        match t.offset {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// Which of two numbers up to 12 is the day in an all-numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// 05/03/2024 is 5 March (French, and most of the world).
    DayFirst,
    /// 05/03/2024 is May 3 (American English).
    MonthFirst,
}

impl Order {
    /// English is month first, every other language day first.
    pub fn of(lang: Lang) -> Order {
        match lang {
            Lang::En => Order::MonthFirst,
            _ => Order::DayFirst,
        }
    }
}

/// Reads `text` as a date, an all-numeric one in the order of `lang`
/// ([`Order::of`]). None when it is not a date this reader understands.
pub fn parse(text: &str, lang: Lang) -> Option<Date> {
    parse_in(text, Order::of(lang))
}

/// [`parse`] with the numeric order given directly.
pub fn parse_in(text: &str, order: Order) -> Option<Date> {
    let tokens = tokenize(&fold(text))?;
    let mut r = Reader {
        tokens: &tokens,
        at: 0,
    };
    r.skip_preamble();
    let (year, month, day) = r.day(order)?;
    let time = r.time()?;
    r.eat(&Token::Punct('.'));
    if r.at != tokens.len() || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date {
        year,
        month,
        day,
        time,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Digits: their value and how many were written.
    Num(u32, usize),
    Word(String),
    Punct(char),
}

/// Digits, letters and other characters apart (white space separates);
/// None for a number too long to be part of a date.
fn tokenize(folded: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            if digits.len() > 9 {
                return None;
            }
            tokens.push(Token::Num(digits.parse().ok()?, digits.len()));
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(l) = chars.next_if(|l| l.is_alphabetic()) {
                word.push(l);
            }
            tokens.push(Token::Word(word));
        } else {
            chars.next();
            tokens.push(Token::Punct(c));
        }
    }
    Some(tokens)
}

/// Month names and abbreviations of both languages, folded.
const MONTHS: [&[&str]; 12] = [
    &["janvier", "janv", "january", "jan"],
    &["fevrier", "fevr", "fev", "february", "feb"],
    &["mars", "march", "mar"],
    &["avril", "avr", "april", "apr"],
    &["mai", "may"],
    &["juin", "june", "jun"],
    &["juillet", "juil", "july", "jul"],
    &["aout", "august", "aug"],
    &["septembre", "september", "sept", "sep"],
    &["octobre", "october", "oct"],
    &["novembre", "november", "nov"],
    &["decembre", "december", "dec"],
];

/// Weekdays of both languages, folded; "mar" (mardi) is also March and is
/// read as a weekday only when a month name follows.
const WEEKDAYS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Words that may stand before a date: "le 5 mars", "on March 5".
const LEADING: &[&str] = &["le", "the", "on"];

/// Suffixes of ordinal days: "1er", "2nd", "5th", "5e".
const ORDINALS: &[&str] = &["er", "st", "nd", "rd", "th", "e"];

/// Zone names of RFC 2822 (and the two of central Europe), in minutes
/// east of UTC.
const ZONES: &[(&str, i16)] = &[
    ("z", 0),
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("cet", 60),
    ("cest", 120),
];

/// Whether `word` (lowercase, without its period) names a month or
/// abbreviates one in either language ("jan", "sept", "mars").
pub(super) fn is_month(word: &str) -> bool {
    crate::fold::with_fold(word, |f| month_of(f).is_some())
}

fn month_of(word: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

pub(super) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

struct Reader<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.at + ahead)
    }

    fn eat(&mut self, t: &Token) -> bool {
        let found = self.peek() == Some(t);
        if found {
            self.at += 1;
        }
        found
    }

    fn word(&self) -> Option<&str> {
        match self.peek() {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// A number of at most `max_len` digits.
    fn num(&mut self, max_len: usize) -> Option<u32> {
        match self.peek() {
            Some(&Token::Num(n, len)) if len <= max_len => {
                self.at += 1;
                Some(n)
            }
            _ => None,
        }
    }

    fn year(&mut self) -> Option<u16> {
        match self.peek() {
            Some(&Token::Num(n, 4)) => {
                self.at += 1;
                u16::try_from(n).ok().filter(|&y| y > 0)
            }
            _ => None,
        }
    }

    fn month_name(&mut self) -> Option<u8> {
        let m = month_of(self.word()?)?;
        self.at += 1;
        self.eat(&Token::Punct('.'));
        Some(m)
    }

    /// Passes over a weekday, "le"/"the"/"on" and the commas and periods
    /// around them.
    fn skip_preamble(&mut self) {
        loop {
            let skip = match self.word() {
                Some("mar") => self.tokens[self.at + 1..]
                    .iter()
                    .any(|t| matches!(t, Token::Word(w) if month_of(w).is_some())),
                Some(w) => WEEKDAYS.contains(&w) || LEADING.contains(&w),
                None => false,
            };
            if !skip {
                return;
            }
            self.at += 1;
            while self.eat(&Token::Punct(',')) || self.eat(&Token::Punct('.')) {}
        }
    }

    /// A day number with its ordinal suffix, if any.
    fn day_number(&mut self) -> Option<u8> {
        let d = u8::try_from(self.num(2)?).ok()?;
        if self.word().is_some_and(|w| ORDINALS.contains(&w)) {
            self.at += 1;
        }
        Some(d)
    }

    /// Year, month and day, in any of the accepted orders.
    fn day(&mut self, order: Order) -> Option<(u16, u8, u8)> {
        let start = self.at;
        // Month name first: "March 5, 2024".
        if let Some(month) = self.month_name() {
            let day = self.day_number()?;
            self.eat(&Token::Punct(','));
            return Some((self.year()?, month, day));
        }
        // Year first: "2024-03-05", "2024/03/05".
        if let Some(year) = self.year() {
            let sep = self.separator()?;
            let month = u8::try_from(self.num(2)?).ok()?;
            if !self.eat(&Token::Punct(sep)) {
                return None;
            }
            let day = u8::try_from(self.num(2)?).ok()?;
            return (1..=12).contains(&month).then_some((year, month, day));
        }
        let first = self.day_number()?;
        // Day then month name: "5 mars 2024", "5th of March 2024".
        if self.word() == Some("of") {
            self.at += 1;
        }
        if let Some(month) = self.month_name() {
            self.eat(&Token::Punct(','));
            return Some((self.year()?, month, first));
        }
        // All numeric: "05/03/2024", "5.3.2024", "05-03-2024".
        self.at = start;
        let a = u8::try_from(self.num(2)?).ok()?;
        let sep = self.separator()?;
        let b = u8::try_from(self.num(2)?).ok()?;
        if !self.eat(&Token::Punct(sep)) {
            return None;
        }
        let year = self.year()?;
        let (day, month) = match (a > 12, b > 12) {
            (false, false) if order == Order::MonthFirst => (b, a),
            (false, false) => (a, b),
            (true, false) => (a, b),
            (false, true) => (b, a),
            (true, true) => return None,
        };
        (month >= 1).then_some((year, month, day))
    }

    fn separator(&mut self) -> Option<char> {
        match self.peek() {
            Some(&Token::Punct(c @ ('/' | '.' | '-'))) => {
                self.at += 1;
                Some(c)
            }
            _ => None,
        }
    }

    /// What follows the day: nothing (Some(None)), a time of day, or
    /// something not understood (None).
    fn time(&mut self) -> Option<Option<Time>> {
        self.eat(&Token::Punct(','));
        let marked = matches!(self.word(), Some("t" | "a" | "at"));
        if marked {
            self.at += 1;
        } else if self.peek().is_none() || self.peek() == Some(&Token::Punct('.')) {
            return Some(None);
        }
        let mut hour = u8::try_from(self.num(2)?).ok()?;
        let mut second = None;
        let minute = if self.eat(&Token::Punct(':')) {
            let m = self.minutes()?;
            if self.eat(&Token::Punct(':')) {
                second = Some(self.minutes()?);
                // Fractions of a second: "10:00:00.123".
                if self.peek() == Some(&Token::Punct('.'))
                    && matches!(self.peek_at(1), Some(Token::Num(..)))
                {
                    self.at += 2;
                }
            }
            m
        } else if self.word() == Some("h") {
            self.at += 1;
            self.minutes().unwrap_or(0)
        } else {
            return None;
        };
        if let Some(pm) = self.meridiem() {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        let offset = self.zone()?;
        (hour < 24 && minute < 60 && second.is_none_or(|s| s <= 60)).then_some(Some(Time {
            hour,
            minute,
            second,
            offset,
        }))
    }

    fn minutes(&mut self) -> Option<u8> {
        match self.peek() {
            Some(&Token::Num(n, 2)) => {
                self.at += 1;
                u8::try_from(n).ok()
            }
            _ => None,
        }
    }

    /// "am", "pm", "a.m.", "p.m.": Some(true) for the afternoon.
    fn meridiem(&mut self) -> Option<bool> {
        let pm = match self.word()? {
            "am" => false,
            "pm" => true,
            "a" | "p" if self.peek_at(1) == Some(&Token::Punct('.')) => {
                if self.peek_at(2) != Some(&Token::Word("m".into())) {
                    return None;
                }
                let pm = self.word() == Some("p");
                self.at += 2;
                pm
            }
            _ => return None,
        };
        self.at += 1;
        self.eat(&Token::Punct('.'));
        Some(pm)
    }

    /// The zone after a time: none (Some(None)), a name or an offset
    /// ("+0100", "-05:00"); None for something else.
    fn zone(&mut self) -> Option<Option<i16>> {
        if let Some(w) = self.word() {
            let (_, minutes) = ZONES.iter().find(|(name, _)| *name == w)?;
            self.at += 1;
            return Some(Some(*minutes));
        }
        let sign = match self.peek() {
            Some(Token::Punct('+')) => 1,
            Some(Token::Punct('-' | '\u{2212}')) => -1,
            _ => return Some(None),
        };
        self.at += 1;
        let (hours, minutes) = match self.peek() {
            Some(&Token::Num(n, 4)) => {
                self.at += 1;
                (n / 100, n % 100)
            }
            Some(&Token::Num(n, 2)) => {
                self.at += 1;
                let m = if self.eat(&Token::Punct(':')) {
                    u32::from(self.minutes()?)
                } else {
                    0
                };
                (n, m)
            }
            _ => return None,
        };
        if hours > 14 || minutes > 59 {
            return None;
        }
        let total = i16::try_from(hours * 60 + minutes).ok()?;
        Some(Some(sign * total))
    }
}

#[cfg(test)]
mod tests {
    use super::{Order, parse, parse_in};
    use crate::model::Lang;

    fn iso(text: &str, lang: Lang) -> String {
        parse(text, lang).map_or_else(|| "-".to_string(), |d| d.to_string())
    }

    #[test]
    fn dates_of_both_languages_read_as_iso() {
        for (text, lang, want) in [
            ("5 mars 2024", Lang::Fr, "2024-03-05"),
            ("le 1er mars 2024", Lang::Fr, "2024-03-01"),
            ("mardi 5 mars 2024", Lang::Fr, "2024-03-05"),
            ("Mar. 5 mars 2024", Lang::Fr, "2024-03-05"),
            ("5 févr. 2024", Lang::Fr, "2024-02-05"),
            ("29 FEVRIER 2024", Lang::Fr, "2024-02-29"),
            ("3 août 2023 à 10h30", Lang::Fr, "2023-08-03T10:30"),
            ("3 aout 2023 à 10 h", Lang::Fr, "2023-08-03T10:00"),
            ("March 5, 2024", Lang::En, "2024-03-05"),
            ("Mar. 5, 2024", Lang::En, "2024-03-05"),
            ("Tuesday, March 5th, 2024", Lang::En, "2024-03-05"),
            ("5th of March 2024", Lang::En, "2024-03-05"),
            (
                "March 5, 2024, 3:15 p.m. EST",
                Lang::En,
                "2024-03-05T15:15-05:00",
            ),
            ("March 5, 2024 12:05 AM", Lang::En, "2024-03-05T00:05"),
            // A month name of the other language is still a month.
            ("5 March 2024", Lang::Fr, "2024-03-05"),
            ("5 mai 2024", Lang::En, "2024-05-05"),
        ] {
            assert_eq!(iso(text, lang), want, "{text}");
        }
    }

    #[test]
    fn iso_and_feed_dates_keep_their_time_and_zone() {
        for (text, want) in [
            ("2024-03-05", "2024-03-05"),
            ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"),
            ("2024-03-05T10:00:00.250+01:00", "2024-03-05T10:00:00+01:00"),
            ("2024-03-05 10:00", "2024-03-05T10:00"),
            ("2024-03-05T10:00:00-0500", "2024-03-05T10:00:00-05:00"),
            ("2024/03/05", "2024-03-05"),
            ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05T10:00:00Z"),
            ("Tue, 5 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z"),
            ("5 Mar 2024 10:00 EDT", "2024-03-05T10:00-04:00"),
            (
                "Thu, 29 Feb 2024 23:59:60 +0530",
                "2024-02-29T23:59:60+05:30",
            ),
        ] {
            assert_eq!(iso(text, Lang::En), want, "{text}");
            assert_eq!(iso(text, Lang::Fr), want, "{text}");
        }
    }

    #[test]
    fn numeric_day_and_month_follow_the_language_unless_one_is_above_12() {
        assert_eq!(iso("05/03/2024", Lang::Fr), "2024-03-05");
        assert_eq!(iso("05/03/2024", Lang::En), "2024-05-03");
        assert_eq!(iso("5.3.2024", Lang::Fr), "2024-03-05");
        assert_eq!(iso("05-03-2024", Lang::En), "2024-05-03");
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(iso("13/05/2024", lang), "2024-05-13");
            assert_eq!(iso("05/13/2024", lang), "2024-05-13");
        }
        assert_eq!(
            parse_in("01/02/2024", Order::DayFirst).map(|d| d.month),
            Some(2)
        );
        assert_eq!(
            parse_in("01/02/2024", Order::MonthFirst).map(|d| d.month),
            Some(1)
        );
    }

    #[test]
    fn what_is_not_a_real_date_is_none() {
        for text in [
            "",
            "not a date",
            "2024",
            "mars 2024",
            "30 février 2024",
            "29 Feb 2023",
            "13/13/2024",
            "05/03/24",
            "2024-13-01",
            "2024-03-05T25:00",
            "2024-03-05T10:61",
            "5 mars 2024 vers midi",
            "March 5, 2024 13:00 pm",
            "2024-03-05T10:00:00+99:00",
            "5 mars 2024 à",
            "0000-01-01",
            "99999999999999 mars 2024",
            "5 / 3 / 2024 /",
        ] {
            assert_eq!(iso(text, Lang::Fr), "-", "{text}");
            assert_eq!(iso(text, Lang::En), "-", "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn whatever_is_read_prints_as_iso_and_reads_back_the_same(text in "[0-9a-zA-Zéû ,./:+-]{0,24}") {
            if let Some(d) = parse(&text, Lang::Fr) {
                let printed = d.to_string();
                proptest::prop_assert_eq!(parse(&printed, Lang::En), Some(d));
            }
        }
    }
}
