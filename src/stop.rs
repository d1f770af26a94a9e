//! The one place that turns the signals asking nxcdp to stop into a stop event: SIGINT (Ctrl-C),
//! SIGTERM (`timeout`, `docker stop`, systemd) and SIGHUP (a closed terminal) on Unix, Ctrl-C on
//! Windows. A command that saves something (an export's state) installs it before its first
//! request and selects on it, so that whichever signal comes, it saves, says how to go on and
//! exits with its own code. A command that saves nothing installs nothing: the signal itself
//! ends it (130 in a shell after Ctrl-C), as users expect of `customers query`.

use crate::error::Error;
use std::future::Future;
use tokio::sync::watch;

/// The stop event, shared by whoever selects on it: the name of the signal once one came.
#[derive(Clone, Debug)]
pub struct Stop {
    signal: watch::Receiver<Option<&'static str>>,
}

impl Stop {
    /// From now on these signals no longer end the process: they are reported here (tokio keeps
    /// a handler for the life of the process, so a second Ctrl-C cannot cut a save short either).
    /// The handlers are in place when this returns.
    pub fn install(runtime: &tokio::runtime::Handle) -> Result<Stop, Error> {
        let _entered = runtime.enter();
        let (tx, rx) = watch::channel(None);
        let failed = |e: std::io::Error| Error::Io {
            what: "cannot listen for stop signals".into(),
            source: e,
        };
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let mut int = signal(SignalKind::interrupt()).map_err(failed)?;
            let mut term = signal(SignalKind::terminate()).map_err(failed)?;
            let mut hup = signal(SignalKind::hangup()).map_err(failed)?;
            runtime.spawn(async move {
                let name = tokio::select! {
                    _ = int.recv() => "SIGINT",
                    _ = term.recv() => "SIGTERM",
                    _ = hup.recv() => "SIGHUP",
                };
                let _ = tx.send(Some(name));
            });
        }
        #[cfg(windows)]
        {
            let mut ctrl_c = tokio::signal::windows::ctrl_c().map_err(failed)?;
            runtime.spawn(async move {
                if ctrl_c.recv().await.is_some() {
                    let _ = tx.send(Some("Ctrl-C"));
                }
            });
        }
        #[cfg(not(any(unix, windows)))]
        let _ = (tx, failed);
        Ok(Stop { signal: rx })
    }

    /// The signal that asked to stop, if one did.
    pub fn signal(&self) -> Option<&'static str> {
        *self.signal.borrow()
    }

    /// Waits for a stop signal; returns its name.
    pub async fn wait(&self) -> &'static str {
        let mut signal = self.signal.clone();
        let name = signal.wait_for(Option::is_some).await.map(|name| *name);
        match name {
            Ok(name) => name.unwrap_or("a signal"),
            // The listener is gone with the runtime: no signal can come any more.
            Err(_) => std::future::pending().await,
        }
    }

    /// `work`, unless a stop signal comes first (or came already): then [`Error::Interrupted`],
    /// and `work` is dropped, cancelling its requests.
    pub async fn or<T>(&self, work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        tokio::select! {
            biased;
            _ = self.wait() => Err(Error::Interrupted),
            result = work => result,
        }
    }
}
