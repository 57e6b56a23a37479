//! A panic inside one input's work is that input's failure, not the batch's.
//!
//! [`catch`] runs a closure under `catch_unwind` and turns a panic into a one-line
//! message (`byte index 2 is not a char boundary… (at src/url.rs:88:17)`). While a
//! closure runs under it, the panic hook stays silent on that thread (the message and
//! location are kept for the caller instead of being sprayed over stderr), so a panicking
//! input gives exactly one line: `textsift: PATH: internal error: …`. Panics anywhere else
//! (and in other threads, e.g. other tests) still reach the hook that was installed before.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`catch`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// Where the last quiet panic happened.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook once per process: quiet inside [`catch`], the previous hook elsewhere.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LOCATION.with(|slot| *slot.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it comes back as `Err(message)` on one line.
///
/// The closure's captures are asserted unwind-safe: what it borrows (the extractor, the
/// arguments) is immutable, and what it builds is dropped with the panic.
pub(crate) fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        let at = LOCATION.with(|slot| slot.borrow_mut().take());
        let mut message = one_line(&payload_text(payload.as_ref()));
        if let Some(at) = at {
            message.push_str(" (at ");
            message.push_str(&at);
            message.push(')');
        }
        message
    })
}

/// The text a panic carries (`panic!("…")` gives a `&str` or a `String`).
fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// `text` with every run of whitespace and control characters as one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_one_line_with_its_location() {
        let e = catch(|| {
            let (_, _) = "中文".split_at(1);
        })
        .unwrap_err();
        assert!(e.contains("char boundary"), "{e}");
        assert!(e.contains(" (at ") && e.ends_with(')'), "{e}");
        assert!(!e.contains('\n'));
        assert_eq!(catch(|| 7), Ok(7));
        let e = catch(|| std::panic::panic_any(5u8)).unwrap_err();
        assert_eq!(e.split(" (at ").next(), Some("a panic without a message"));
        assert_eq!(one_line(" a\n\tb  c\u{7}"), "a b c");
    }
}
