//! Stand-ins for `crate::lock` and `crate::stop`, which land from the export branch: the same
//! interface, the least behaviour. Removed when they land.

use crate::error::{shown, Error};
use std::future::Future;
use std::path::{Path, PathBuf};
use tokio::sync::watch;

/// One writer per file: `PATH.lock` holds the writer's pid; a lock whose process is gone is
/// taken over.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn acquire(target: &Path) -> Result<Lock, Error> {
        let mut name = target.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        for _ in 0..2 {
            let created = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path);
            match created {
                Ok(mut file) => {
                    use std::io::Write;
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let pid = pid.trim().to_string();
                    if alive(&pid) {
                        return Err(Error::Usage(format!(
                            "another nxcdp (pid {pid}) is writing {}; wait for it to finish or stop it",
                            shown(target)
                        )));
                    }
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => return Err(Error::Usage(format!("cannot lock {}: {e}", shown(target)))),
            }
        }
        Err(Error::Usage(format!("cannot lock {}", shown(target))))
    }
}

fn alive(pid: &str) -> bool {
    !pid.is_empty() && Path::new("/proc").join(pid).exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// SIGINT, SIGTERM and SIGHUP as one stop event.
#[derive(Clone, Debug)]
pub struct Stop {
    signal: watch::Receiver<Option<&'static str>>,
}

impl Stop {
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
        #[cfg(not(unix))]
        {
            let _ = failed;
            runtime.spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    let _ = tx.send(Some("Ctrl-C"));
                }
            });
        }
        Ok(Stop { signal: rx })
    }

    pub fn signal(&self) -> Option<&'static str> {
        *self.signal.borrow()
    }

    pub async fn wait(&self) -> &'static str {
        let mut signal = self.signal.clone();
        match signal.wait_for(Option::is_some).await.map(|name| *name) {
            Ok(name) => name.unwrap_or("a signal"),
            Err(_) => std::future::pending().await,
        }
    }

    pub async fn or<T>(&self, work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        tokio::select! {
            biased;
            _ = self.wait() => Err(Error::Interrupted),
            result = work => result,
        }
    }
}
