//! How an export ends: renamed whole, converted into its format (xlsx, parquet) when whole, or
//! stopped with what it keeps and how to go on.

use super::*;

impl Export {
    /// The walk is complete: the file appears under its name, whole.
    pub fn commit(self) -> Result<PathBuf, Error> {
        self.file.sync_all().map_err(io_error(&self.partial))?;
        std::fs::rename(&self.partial, &self.path).map_err(io_error(&self.path))?;
        let _ = std::fs::remove_file(&self.state_path);
        Ok(self.path)
    }

    /// The walk is complete: `convert` makes the file from the partial one (an xlsx workbook of
    /// the CSV kept while the export ran), written through a writer that names the file in its
    /// errors to a name beside it, which then takes its name. The partial file and the state
    /// stay until the file is whole: a failure here (a stop signal, a full disk) is resumed, and
    /// converts again ([`Export::unconverted`] says so).
    pub fn commit_converted(
        &self,
        convert: impl FnOnce(&File, &mut (dyn Write + Send)) -> Result<(), Error>,
    ) -> Result<PathBuf, Error> {
        // The longest name beside the file, checked before anything was sent; no state is
        // saved any more.
        let tmp = with_suffix(&self.state_path, ".tmp");
        let _ = std::fs::remove_file(&tmp);
        // Created for writing only: opened again to be read (the lock held keeps it this one).
        let partial = File::open(&self.partial).map_err(io_error(&self.partial))?;
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io_error(&tmp))
            .and_then(|out| {
                let mut named = Counted {
                    inner: out,
                    written: Arc::new(AtomicU64::new(0)),
                    path: tmp.clone(),
                };
                convert(&partial, &mut named)?;
                named.inner.sync_all().map_err(io_error(&tmp))
            })
            .and_then(|()| std::fs::rename(&tmp, &self.path).map_err(io_error(&self.path)));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let _ = std::fs::remove_file(&self.partial);
        let _ = std::fs::remove_file(&self.state_path);
        Ok(self.path.clone())
    }

    /// What to tell the user when [`Export::commit_converted`] failed or was stopped (`signal`
    /// names the signal): every customer is in the partial file, which a resume converts again
    /// without fetching.
    pub fn unconverted(&self, signal: Option<&str>) -> String {
        let by = signal.map_or(String::new(), |s| format!(" by {s}"));
        let free = match signal {
            Some(_) => "",
            None => "free space if the disk is full, then ",
        };
        format!(
            "export stopped{by} while {} was made: all {} customers are in {}; {free}run the same command with --resume to make it without fetching them again",
            shown(&self.path),
            self.state.count,
            shown(&self.partial),
        )
    }

    /// The export stops short (`signal` names the signal that stopped it, if one did); returns
    /// what to tell the user. What it holds stays for `--resume`. One that holds nothing is
    /// removed: nothing would be resumed, and nothing must stand in the way of a new run.
    pub fn stop(self, signal: Option<&str>) -> String {
        if self.is_empty() {
            self.discard();
            return nothing_kept(signal);
        }
        let by = signal.map_or(String::new(), |s| format!(" by {s}"));
        let windows: Vec<&Window> = self.windows().collect();
        let cursor = match windows.as_slice() {
            [Window {
                last_id: Some(id), ..
            }] => format!(" (up to id {id}, cursor --after {id})"),
            [_] => String::new(),
            many => format!(" ({} windows, each with its cursors)", many.len()),
        };
        format!(
            "export stopped{by}: {} customers are in {}{cursor}; run the same command with --resume to continue",
            self.state.count,
            shown(&self.partial),
        )
    }
}

/// What to tell the user when an export stops before it wrote anything.
pub fn nothing_kept(signal: Option<&str>) -> String {
    let by = signal.map_or(String::new(), |s| format!(" by {s}"));
    format!(
        "export stopped{by} before any customer was written; nothing is kept: run it again (without --resume) to start anew"
    )
}
