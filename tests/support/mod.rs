//! Helpers shared by the test binaries (`tests/cli/` and `tests/fuzz.rs`
//! include this file with `#[path]`).

/// `text` in UTF-16, little- or big-endian, after its byte-order mark.
pub fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for unit in text.encode_utf16() {
        out.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}
