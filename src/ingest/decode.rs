//! Bytes to text: the one decoding step every input format goes through.
//!
//! In order: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); else
//! a NUL byte means a binary file; else valid UTF-8 is taken as it is;
//! else the charset an HTML page declares (`<meta charset>`, `<meta
//! http-equiv="Content-Type" content="...; charset=...">`, an XML
//! declaration), looked up with the WHATWG labels of `encoding_rs` (so
//! "iso-8859-1" means windows-1252, as in browsers, and "iso-8859-15" is
//! its own charset); else the encoding `chardetng` guesses from the
//! bytes, with a note. Text that still decodes to control characters or
//! replacement characters is refused as binary. JSON Lines are streamed,
//! not read whole: [`jsonl_head`] checks the start of such a file, and a
//! UTF-16 one (with its byte-order mark) is read through [`Utf8Reader`],
//! which turns it into UTF-8 as it goes.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into a page its charset declaration is looked for. The HTML
/// standard's prescan reads 1024 bytes; real pages put long scripts and
/// comments first, so more is read.
const PRESCAN: usize = 4096;

/// Control characters per thousand characters above which decoded text
/// is taken for a binary file (random bytes give about 120; text, none).
const CONTROLS_PER_MILLE: usize = 5;

/// Replacement characters (bytes not valid in the charset) per thousand
/// characters above which decoded text is taken for a binary file: a
/// stray bad byte in a page is kept (and noted), random bytes read as
/// UTF-8 give hundreds.
const REPLACED_PER_MILLE: usize = 100;

/// What the bytes are meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown: no declaration to read.
    Text,
    /// An HTML page, which may declare its charset.
    Html,
}

/// Decoded text, with a note for the user when the encoding was guessed
/// or bytes were replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes the bytes of the file `path` (see the module doc).
pub fn decode(path: &str, bytes: &[u8], kind: Kind) -> Result<Decoded> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_as(path, &bytes[bom..], encoding, None);
    }
    if bytes.contains(&0) {
        return Err(binary(path, "contains NUL bytes"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            note: None,
        });
    }
    if kind == Kind::Html
        && let Some(declared) = declared_charset(bytes)
    {
        return decode_as(path, bytes, declared, Some("declared"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guessed = detector.guess(None, false);
    decode_as(path, bytes, guessed, Some("guessed"))
}

/// Decodes `bytes` (without their byte-order mark) as `encoding`; `how`
/// says how it was chosen when it was not a byte-order mark.
fn decode_as(
    path: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    how: Option<&str>,
) -> Result<Decoded> {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if looks_binary(&text) {
        return Err(binary(
            path,
            &format!("not text in {} either", encoding.name()),
        ));
    }
    let mut notes = Vec::new();
    if how == Some("guessed") {
        notes.push(format!(
            "not UTF-8 and no charset declared: decoded as {} (guessed from its bytes)",
            encoding.name()
        ));
    }
    if malformed {
        notes.push(format!(
            "bytes that are not valid {} were replaced by U+FFFD",
            encoding.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

fn binary(path: &str, why: &str) -> Error {
    Error::Input {
        path: path.to_string(),
        line: None,
        message: format!("binary file ({why}), skipped"),
    }
}

/// Whether decoded text holds more control or replacement characters than
/// text does (tabs, line and page breaks are text).
fn looks_binary(text: &str) -> bool {
    let (mut all, mut controls, mut replaced) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c == '\u{fffd}' {
            replaced += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            controls += 1;
        }
    }
    controls * 1000 > all * CONTROLS_PER_MILLE || replaced * 1000 > all * REPLACED_PER_MILLE
}

/// Checks the first bytes of a JSON Lines file (or of standard input):
/// Ok(Some(encoding)) when it starts with a UTF-16 byte-order mark and
/// must be read through [`Utf8Reader`], Ok(None) for UTF-8 (the caller
/// strips a UTF-8 byte-order mark from the first line, [`strip_bom`]),
/// Err(message) when it cannot be JSON Lines.
pub fn jsonl_head(head: &[u8]) -> std::result::Result<Option<&'static Encoding>, &'static str> {
    match Encoding::for_bom(head) {
        Some((e, _)) if e == UTF_16LE || e == UTF_16BE => return Ok(Some(e)),
        _ => {}
    }
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), skipped");
    }
    if head.is_empty() {
        return Err("empty file, skipped");
    }
    Ok(None)
}

/// Bytes of input decoded at a time by [`Utf8Reader`].
const CHUNK: usize = 8192;

/// Reads `inner`, bytes in `encoding` starting with their byte-order
/// mark, as UTF-8 (the mark removed, malformed sequences as U+FFFD), a
/// chunk at a time: a JSON Lines file in UTF-16 streams as a UTF-8 one
/// does.
pub struct Utf8Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Box<[u8]>,
    output: Vec<u8>,
    /// How much of `output` was handed out.
    taken: usize,
    done: bool,
}

impl<R: std::io::Read> Utf8Reader<R> {
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Utf8Reader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; CHUNK].into_boxed_slice(),
            output: Vec::new(),
            taken: 0,
            done: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.taken == self.output.len() && !self.done {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .expect("a chunk's UTF-8 length fits in usize");
            self.output.clear();
            self.output.resize(room, 0);
            // With room for the worst case, all of the input is decoded.
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            debug_assert_eq!(read, n);
            self.output.truncate(written);
            self.taken = 0;
            self.done = last;
        }
        let rest = &self.output[self.taken..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.taken += n;
        Ok(n)
    }
}

/// `bytes` without a leading UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The charset an HTML page declares in its first [`PRESCAN`] bytes, as
/// the HTML standard's prescan reads it: a `<meta charset>`, a `<meta
/// http-equiv content="...charset=...">` (quoted or not, any case), else
/// an XML declaration's `encoding`. A declared UTF-16 means UTF-8 (the
/// bytes are ASCII-compatible since the declaration could be read).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = meta_charset(head).or_else(|| xml_encoding(head))?;
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// The charset of the first `<meta>` that declares one, comments skipped.
fn meta_charset(head: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += find(rest, b"-->").map_or(rest.len(), |j| j + 3);
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            let (attrs, used) = attributes(&rest[5..]);
            i += 5 + used;
            let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
            if let Some(c) = get("charset") {
                return Some(c.clone());
            }
            let equiv = get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
            if equiv && let Some(c) = get("content").and_then(|c| charset_in_content(c)) {
                return Some(c);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The attributes of a tag from just after its name, names in lower case,
/// and how many bytes they took (up to and including `>`).
fn attributes(s: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    loop {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() || s[i] == b'>' {
            return (attrs, (i + 1).min(s.len()));
        }
        let start = i;
        while i < s.len() && !matches!(s[i], b'=' | b'>' | b'/') && !s[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = text(&s[start..i]).to_ascii_lowercase();
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if s.get(i) == Some(&b'=') {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            let (v, used) = value_at(&s[i..], |b| b.is_ascii_whitespace() || b == b'>');
            value = text(v);
            i += used;
        }
        attrs.push((name, value));
    }
}

/// An attribute value at the start of `s`: quoted (either quote), or up to
/// a byte `ends` accepts; with the bytes it took.
fn value_at(s: &[u8], ends: impl Fn(u8) -> bool) -> (&[u8], usize) {
    match s.first() {
        Some(&q) if q == b'"' || q == b'\'' => match s[1..].iter().position(|&b| b == q) {
            Some(j) => (&s[1..1 + j], j + 2),
            None => (&s[1..], s.len()),
        },
        _ => {
            let j = s.iter().position(|&b| ends(b)).unwrap_or(s.len());
            (&s[..j], j)
        }
    }
}

/// The charset of a Content-Type value: `text/html; charset=ISO-8859-15`,
/// the name optionally quoted.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start().as_bytes();
    let (v, _) = value_at(rest, |b| b == b';' || b.is_ascii_whitespace());
    Some(String::from_utf8_lossy(v).into_owned()).filter(|v| !v.is_empty())
}

/// The `encoding` of an XML declaration at the start of the page.
fn xml_encoding(head: &[u8]) -> Option<String> {
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let decl = &head[..find(head, b"?>")?];
    let at = find(decl, b"encoding")? + "encoding".len();
    let rest = decl[at..].trim_ascii_start().strip_prefix(b"=")?;
    let (v, _) = value_at(rest.trim_ascii_start(), |b| b.is_ascii_whitespace());
    Some(String::from_utf8_lossy(v).into_owned())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(bytes: &[u8]) -> Decoded {
        decode("p.html", bytes, Kind::Html).expect("decodes")
    }

    #[test]
    fn iso_8859_15_is_not_read_as_iso_8859_1() {
        let page = b"<meta charset=\"iso-8859-15\"><p>Prix : 5 \xa4, \xbdtat</p>";
        assert_eq!(
            html(page).text,
            "<meta charset=\"iso-8859-15\"><p>Prix : 5 €, œtat</p>"
        );
        let latin1 = b"<meta charset=iso-8859-1><p>5 \xa4</p>";
        assert!(html(latin1).text.ends_with("5 ¤</p>"));
        assert_eq!(html(page).note, None, "a declared charset is not guessed");
    }

    #[test]
    fn charset_declarations_are_parsed_in_every_form() {
        let cases: [&[u8]; 6] = [
            b"<META CHARSET='windows-1252'>",
            b"<meta\tcharset = \"cp1252\" />",
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            b"<meta content='text/html;charset=\"latin1\"' http-equiv='content-type'>",
            b"<!-- <meta charset=koi8-r> --><meta charset=iso-8859-1>",
            b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><html>",
        ];
        for head in cases {
            let mut page = head.to_vec();
            page.extend_from_slice(b"<p>Fran\xe7ois \x93cit\xe9\x94</p>");
            let d = html(&page);
            assert!(d.text.ends_with("<p>François “cité”</p>"), "{d:?}");
            assert_eq!(d.note, None);
        }
        assert_eq!(meta_charset(b"<meta name=charset content=x>"), None);
        assert_eq!(meta_charset(b"<metadata charset=utf-8>"), None);
        assert_eq!(
            charset_in_content("text/html; charset = 'ISO-8859-15'; x").as_deref(),
            Some("ISO-8859-15")
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Élysée: 5 € à Paris.";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let d = decode("a.txt", &bytes, Kind::Text).expect("UTF-16");
            assert_eq!(
                d,
                Decoded {
                    text: text.into(),
                    note: None
                }
            );
        }
        let bom8 = decode("b.txt", "\u{feff}Bonjour".as_bytes(), Kind::Text).expect("UTF-8");
        assert_eq!(bom8.text, "Bonjour");
    }

    #[test]
    fn undeclared_latin_text_is_guessed_with_a_note_and_binary_is_refused() {
        let d = decode(
            "l.txt",
            b"Le ministre fran\xe7ais a rencontr\xe9 la d\xe9l\xe9gation \xe0 Gen\xe8ve.",
            Kind::Text,
        )
        .expect("Latin-1 text");
        assert_eq!(
            d.text,
            "Le ministre français a rencontré la délégation à Genève."
        );
        let note = d.note.expect("a guess is noted");
        assert!(
            note.contains("windows-1252") && note.contains("guessed"),
            "{note}"
        );
        let bytes: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8 + 1).collect();
        let e = decode("x.txt", &bytes, Kind::Text).expect_err("binary");
        assert!(
            e.to_string().contains("x.txt") && e.to_string().contains("binary"),
            "{e}"
        );
        let e = decode("y.txt", b"ab\0cd", Kind::Text).expect_err("NUL");
        assert!(e.to_string().contains("NUL"), "{e}");
    }

    #[test]
    fn a_page_declaring_utf8_with_a_bad_byte_keeps_the_rest() {
        let d = html(b"<meta charset=utf-8><p>caf\xe9 cr\xc3\xa8me</p>");
        assert_eq!(d.text, "<meta charset=utf-8><p>caf\u{fffd} crème</p>");
        assert!(d.note.expect("noted").contains("U+FFFD"));
    }

    #[test]
    fn utf16_jsonl_is_read_through_utf8() {
        use std::io::Read;
        assert_eq!(jsonl_head(b"\xff\xfe{\0"), Ok(Some(UTF_16LE)));
        assert_eq!(jsonl_head(b"\xfe\xff\0{"), Ok(Some(UTF_16BE)));
        assert_eq!(jsonl_head(b"\xef\xbb\xbf{\"text\": \"x\"}"), Ok(None));
        assert!(jsonl_head(b"{\0").is_err() && jsonl_head(b"").is_err());
        assert_eq!(strip_bom(b"\xef\xbb\xbf{}"), b"{}");
        // Long enough to cross chunks, with characters outside the BMP
        // whose surrogate pairs a chunk boundary may cut.
        let line = "{\"text\": \"Élysée 5 € 𝄞 à Genève\"}\n";
        let text = line.repeat(CHUNK / 20);
        for (encoding, bom, unit) in [
            (
                UTF_16LE,
                [0xff, 0xfe],
                u16::to_le_bytes as fn(u16) -> [u8; 2],
            ),
            (UTF_16BE, [0xfe, 0xff], u16::to_be_bytes),
        ] {
            let bytes: Vec<u8> = bom
                .into_iter()
                .chain(text.encode_utf16().flat_map(unit))
                .collect();
            let mut out = String::new();
            Utf8Reader::new(&bytes[..], encoding)
                .read_to_string(&mut out)
                .expect("valid UTF-16");
            assert_eq!(out, text);
        }
        // An unpaired surrogate and an odd last byte become U+FFFD.
        let mut out = String::new();
        Utf8Reader::new(&b"\xff\xfea\0\x00\xd8b\0c"[..], UTF_16LE)
            .read_to_string(&mut out)
            .expect("decoded");
        assert_eq!(out, "a\u{fffd}b\u{fffd}");
    }
}
