//! `nxcdp customers watch`: new customers as they arrive, once each, including the ones that
//! become visible after customers with larger ids (API.md section 9).
//!
//! [`poll`] walks the pages: the first walk marks what is there before the watch, each poll walks
//! up from the start of the look-back to the newest customer. [`memory`] is the look-back set and
//! the ids' clock that bounds it. [`bookmark`] keeps the memory on disk, [`file`] the `--file`
//! it covers. The command layer prints, and saves after what it printed is flushed.

pub mod bookmark;
pub mod file;
pub mod memory;
pub mod poll;

pub use bookmark::{Bookmark, Covered, Owner};
pub use memory::Memory;
pub use poll::{Poll, Watch};

use crate::error::{is_auth_code, Error};

/// Failures that time may cure: the server throttling, a 5xx, the network, a garbled answer (a
/// proxy's error page). Credentials and requests the server refuses are not among them.
pub fn waits_out(e: &Error) -> bool {
    match e {
        Error::Network(_) | Error::Malformed(_) => true,
        Error::Api { code, status, .. } => {
            !is_auth_code(*code) && (*status == 429 || *status >= 500)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_cures_some_failures_and_not_others() {
        let api = |code, status| Error::Api {
            code,
            message: String::new(),
            trace_id: None,
            status,
        };
        assert!(waits_out(&Error::Network("reset".into())));
        assert!(waits_out(&api(503, 503)) && waits_out(&api(429, 429)));
        assert!(!waits_out(&api(1003, 200)) && !waits_out(&api(1005, 500)));
        assert!(!waits_out(&api(1002, 200)));
    }
}
