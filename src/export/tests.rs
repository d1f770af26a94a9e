use super::*;

/// A fresh directory for one test, removed when it ends.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("nxcdp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        Dir(dir)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn request() -> Request {
    Request {
        target: None,
        query: Map::new(),
        since: None,
        options: Options {
            format: "jsonl".into(),
            columns: Vec::new(),
            raw_custom_fields: false,
            ids_as_strings: false,
            csv_safe: false,
            bom: false,
            field_labels: None,
        },
    }
}

/// Writes one line through the export's writer, as a formatter does for a page.
fn write_page(export: &Export) {
    let mut out = export.writer().unwrap();
    out.write_all(b"{\"id\":1}\n").unwrap();
    out.flush().unwrap();
}

#[test]
fn a_checkpoint_that_cannot_be_saved_leaves_the_state_as_its_file() {
    let dir = Dir::new("checkpoint");
    let path = dir.0.join("x.jsonl");
    let window = Window {
        start_time: None,
        end_time: None,
        last_id: None,
        above: None,
    };
    let mut export = Export::create(&path, request(), vec![window]).unwrap();
    write_page(&export);
    export.checkpoint(0, 1, Some(7), false).unwrap();
    // The state can no longer be renamed into place: a directory that holds a file is there.
    let state = with_suffix(&path, ".partial.state");
    std::fs::remove_file(&state).unwrap();
    std::fs::create_dir(&state).unwrap();
    std::fs::write(state.join("in-the-way"), "").unwrap();
    write_page(&export);
    let error = export.checkpoint(0, 1, Some(5), false).unwrap_err();
    assert!(
        error
            .to_string()
            .contains(&format!("cannot write {}", shown(&state))),
        "{error}"
    );
    let tmp = with_suffix(&state, ".tmp");
    assert!(!tmp.exists(), "the temporary file is removed");
    assert_eq!(export.count(), 1, "the page not saved is not counted");
    let told = export.stop(None);
    assert!(
        told.contains("1 customers are in") && told.contains("--after 7"),
        "{told}"
    );
}
