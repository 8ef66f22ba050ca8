//! Isolation of extraction: each article is extracted under
//! `catch_unwind`, so a bug that panics on one text costs that article,
//! not the run. Extraction never fails by design; a panic is a bug, and
//! the ingest reports it as a failed input (with the panic's message and
//! location) and goes on with the next article.
//!
//! The standard panic hook would still print every caught panic to
//! standard error. The binary's hook asks [`caught`] first: a panic inside
//! [`guarded`] on the hook's thread is recorded here instead of printed,
//! and its location joins the reason [`guarded`] returns. Any other panic
//! is none of this module's business and prints as usual.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};

thread_local! {
    /// Whether this thread runs inside [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic inside [`guarded`] happened, from [`caught`].
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic inside it is caught and becomes `Err` with its
/// message (and location, when the panic hook recorded it through
/// [`caught`]).
///
/// Extraction's per-thread state stays usable after a panic: its caches
/// hold only finished answers and its buffers are taken out while in use,
/// so an unwind drops them rather than leaving them half-written.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.replace(true);
    LOCATION.take();
    let out = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.set(outer);
    out.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        match LOCATION.take() {
            Some(at) => format!("{message}, at {at}"),
            None => message,
        }
    })
}

/// For a panic hook: whether the panic `info` describes happens inside
/// [`guarded`] on this thread, so that it will be caught and reported as
/// a failed input (the hook need not print it). Records its location for
/// that report.
pub fn caught(info: &PanicHookInfo<'_>) -> bool {
    if !GUARDED.get() {
        return false;
    }
    if let Some(l) = info.location() {
        LOCATION.set(Some(format!("{}:{}:{}", l.file(), l.line(), l.column())));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_becomes_its_message_and_the_thread_goes_on() {
        assert_eq!(guarded(|| 7), Ok(7));
        let index = std::hint::black_box(3);
        let err = guarded(|| [1, 2, 3][index]).expect_err("out of bounds");
        assert!(err.contains("index out of bounds"), "{err}");
        let err = guarded(|| panic!("bad {}", "text")).expect_err("panics");
        assert!(err.starts_with("bad text"), "{err}");
        assert_eq!(guarded(|| "still fine"), Ok("still fine"));
    }
}
