//! Stand-ins for `lock.rs` and `stop.rs` (branch `export`), with their interfaces; removed when
//! they land on main.

use crate::error::{shown, Error};
use std::path::{Path, PathBuf};
use tokio::sync::watch;

/// One writer per file, through `PATH.lock` holding the writer's pid.
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
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(_) => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let alive = cfg!(unix) && Path::new(&format!("/proc/{}", pid.trim())).exists();
                    if alive && !pid.trim().is_empty() {
                        return Err(Error::Usage(format!(
                            "another nxcdp (pid {}) is writing {}; wait for it to finish or stop it",
                            pid.trim(),
                            shown(target)
                        )));
                    }
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        Err(Error::Usage(format!("cannot lock {}", shown(target))))
    }
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
}
