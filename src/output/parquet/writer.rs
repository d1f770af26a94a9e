//! Rows into a Parquet file, a row group at a time. Parquet writes a row group column after
//! column, so each column is encoded and compressed into its own buffer in memory as rows come
//! (parquet's column writers, pages of about 1 MiB), and the buffers are appended to the file
//! when the group is whole: memory holds one row group, compressed, whatever the number of rows.
//! The file itself goes to a buffer that the caller drains after each row group
//! ([`Writer::ready`]): a stream gets the row groups as they are made, and the footer last.

use super::schema::{Col, Kind};
use super::values::{Cell, Tag};
use anyhow::{bail, Result};
use bytes::Bytes;
use parquet::basic::Compression;
use parquet::column::page::{CompressedPage, PageWriteSpec, PageWriter};
use parquet::column::writer::{get_column_writer, ColumnCloseResult, ColumnWriter};
use parquet::data_type::ByteArray;
use parquet::file::properties::{WriterProperties, WriterPropertiesPtr};
use parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use parquet::schema::types::{ColumnDescPtr, TypePtr};
use std::sync::{Arc, Mutex};

/// Rows a row group holds at most.
pub const GROUP_ROWS: usize = 65_536;
/// The customers' JSON a row group holds at most: a row group of long customers ends earlier.
pub const GROUP_BYTES: usize = 16 << 20;
/// The encoded values of a page, and a column's dictionary, at most (about).
const PAGE_BYTES: usize = 256 << 10;
/// Rows whose values are handed to the column writers at once.
const BATCH_ROWS: usize = 1024;

/// A column chunk's pages, in memory until its row group is written.
type Buffer = Arc<Mutex<TrackedWrite<Vec<u8>>>>;

/// The pages of one column chunk go to a [`Buffer`], serialized as in the file.
struct MemoryPages(Buffer);

impl PageWriter for MemoryPages {
    fn write_page(&mut self, page: CompressedPage) -> parquet::errors::Result<PageWriteSpec> {
        let mut buffer = self.0.lock().expect("no writer panicked holding it");
        SerializedPageWriter::new(&mut buffer).write_page(page)
    }

    fn close(&mut self) -> parquet::errors::Result<()> {
        Ok(())
    }
}

/// The values of a leaf column waiting to be handed to its writer.
enum Values {
    I32(Vec<i32>),
    I64(Vec<i64>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
}

/// A leaf column of the schema: the values of the rows not yet handed over, with their
/// definition and repetition levels, and the writer of its chunk in this row group.
struct Leaf {
    descr: ColumnDescPtr,
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
    chunk: Option<(ColumnWriter<'static>, Buffer)>,
}

impl Leaf {
    fn new(descr: ColumnDescPtr, kind: Kind) -> Leaf {
        let values = match kind {
            Kind::Int32 | Kind::Date => Values::I32(Vec::new()),
            Kind::Int64 | Kind::Timestamp => Values::I64(Vec::new()),
            Kind::Double => Values::F64(Vec::new()),
            Kind::Text | Kind::Json | Kind::Texts | Kind::Tags => Values::Bytes(Vec::new()),
        };
        Leaf {
            descr,
            values,
            def: Vec::new(),
            rep: Vec::new(),
            chunk: None,
        }
    }

    fn null(&mut self, def: i16, rep: i16) {
        self.def.push(def);
        self.rep.push(rep);
    }

    fn int(&mut self, n: i64, def: i16, rep: i16) {
        match &mut self.values {
            // Int32 columns get values parsed as i32, and dates of four-digit years.
            Values::I32(v) => v.push(n as i32),
            Values::I64(v) => v.push(n),
            Values::F64(v) => v.push(n as f64),
            Values::Bytes(v) => v.push(ByteArray::from(n.to_string().into_bytes())),
        }
        self.null(def, rep);
    }

    fn text(&mut self, text: &str, def: i16, rep: i16) {
        if let Values::Bytes(v) = &mut self.values {
            v.push(ByteArray::from(text.as_bytes().to_vec()));
        }
        self.null(def, rep);
    }

    /// Hands the values held to the chunk's writer, opening it when the row group begins.
    fn write(&mut self, props: &WriterPropertiesPtr) -> Result<()> {
        if self.def.is_empty() {
            return Ok(());
        }
        let (writer, _) = self.chunk.get_or_insert_with(|| {
            let buffer: Buffer = Arc::new(Mutex::new(TrackedWrite::new(Vec::new())));
            let pages = Box::new(MemoryPages(buffer.clone()));
            let writer = get_column_writer(self.descr.clone(), props.clone(), pages);
            (writer, buffer)
        });
        let def = Some(&self.def[..]);
        let rep = (self.descr.max_rep_level() > 0).then_some(&self.rep[..]);
        match (writer, &mut self.values) {
            (ColumnWriter::Int32ColumnWriter(w), Values::I32(v)) => {
                w.write_batch(v, def, rep)?;
                v.clear();
            }
            (ColumnWriter::Int64ColumnWriter(w), Values::I64(v)) => {
                w.write_batch(v, def, rep)?;
                v.clear();
            }
            (ColumnWriter::DoubleColumnWriter(w), Values::F64(v)) => {
                w.write_batch(v, def, rep)?;
                v.clear();
            }
            (ColumnWriter::ByteArrayColumnWriter(w), Values::Bytes(v)) => {
                w.write_batch(v, def, rep)?;
                v.clear();
            }
            _ => bail!("a column's writer does not take its values"),
        }
        self.def.clear();
        self.rep.clear();
        Ok(())
    }

    /// The chunk of this row group, closed: its bytes and what the file's footer says of it.
    fn close(&mut self) -> Result<Option<(Bytes, ColumnCloseResult)>> {
        let Some((writer, buffer)) = self.chunk.take() else {
            return Ok(None);
        };
        let closed = writer.close()?;
        let buffer = std::mem::replace(
            &mut *buffer.lock().expect("no writer panicked holding it"),
            TrackedWrite::new(Vec::new()),
        );
        Ok(Some((Bytes::from(buffer.into_inner()?), closed)))
    }
}

/// A Parquet file being written, its bytes held until the caller takes them.
pub struct Writer {
    file: SerializedFileWriter<Vec<u8>>,
    props: WriterPropertiesPtr,
    /// Each column's kind and its leaves in the schema (two for tags: `id` and `name`).
    kinds: Vec<Kind>,
    leaves: Vec<Leaf>,
    /// The rows a row group takes ([`GROUP_ROWS`]; fewer in tests).
    group_rows: usize,
    /// Rows not yet handed to the column writers, and in the row group.
    batch: usize,
    rows: usize,
    bytes: usize,
}

impl Writer {
    pub(super) fn new(schema: TypePtr, cols: &[Col]) -> Result<Writer> {
        Writer::with_group_rows(schema, cols, GROUP_ROWS)
    }

    fn with_group_rows(schema: TypePtr, cols: &[Col], group_rows: usize) -> Result<Writer> {
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                // Each column holds a page being filled and its dictionary: at a quarter of the
                // default 1 MiB, some thirty columns hold a few MiB, not tens.
                .set_data_page_size_limit(PAGE_BYTES)
                .set_dictionary_page_size_limit(PAGE_BYTES)
                .set_created_by(format!("nxcdp {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let file = SerializedFileWriter::new(Vec::new(), schema, props.clone())?;
        let descr = file.schema_descr();
        let mut leaves = Vec::new();
        for col in cols {
            // A tag's id, then its name.
            let kinds = match col.kind {
                Kind::Tags => vec![Kind::Int64, Kind::Text],
                kind => vec![kind],
            };
            for kind in kinds {
                leaves.push(Leaf::new(descr.column(leaves.len()), kind));
            }
        }
        Ok(Writer {
            kinds: cols.iter().map(|c| c.kind).collect(),
            file,
            props,
            leaves,
            group_rows,
            batch: 0,
            rows: 0,
            bytes: 0,
        })
    }

    /// One row: a cell per column. `size` is its JSON's, which bounds a row group.
    pub(super) fn row(&mut self, cells: Vec<Cell>, size: usize) -> Result<()> {
        let mut at = 0;
        for (kind, cell) in self.kinds.iter().zip(cells) {
            let leaves = &mut self.leaves[at..];
            at += match kind {
                Kind::Tags => {
                    tags(leaves, cell);
                    2
                }
                Kind::Texts => {
                    texts(&mut leaves[0], cell);
                    1
                }
                _ => {
                    match cell {
                        Cell::Int(n) => leaves[0].int(n, 1, 0),
                        Cell::Double(x) => match &mut leaves[0].values {
                            Values::F64(v) => {
                                v.push(x);
                                leaves[0].null(1, 0);
                            }
                            _ => leaves[0].null(0, 0),
                        },
                        Cell::Text(t) => leaves[0].text(&t, 1, 0),
                        _ => leaves[0].null(0, 0),
                    }
                    1
                }
            };
        }
        self.batch += 1;
        self.rows += 1;
        self.bytes += size;
        if self.batch == BATCH_ROWS {
            self.hand_over()?;
        }
        if self.rows >= self.group_rows || self.bytes >= GROUP_BYTES {
            self.end_group()?;
        }
        Ok(())
    }

    fn hand_over(&mut self) -> Result<()> {
        for leaf in &mut self.leaves {
            leaf.write(&self.props)?;
        }
        self.batch = 0;
        Ok(())
    }

    /// Writes the row group of the rows so far into the file.
    fn end_group(&mut self) -> Result<()> {
        self.hand_over()?;
        if self.rows == 0 {
            return Ok(());
        }
        let mut chunks = Vec::with_capacity(self.leaves.len());
        for leaf in &mut self.leaves {
            match leaf.close()? {
                Some(chunk) => chunks.push(chunk),
                None => bail!("a column has no chunk in a row group"),
            }
        }
        let mut group = self.file.next_row_group()?;
        for (bytes, closed) in chunks {
            group.append_column(&bytes, closed)?;
        }
        group.close()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// The bytes of the file written so far (whole row groups), to go out now.
    pub fn ready(&mut self) -> Vec<u8> {
        self.file.flush().expect("a Vec takes every byte");
        std::mem::take(self.file.inner_mut())
    }

    /// The last row group and the footer: the rest of the file.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        self.end_group()?;
        Ok(self.file.into_inner()?)
    }
}

/// A LIST<STRING>: null (def 0), empty (def 1), or its elements (def 3; rep 1 after the first).
fn texts(leaf: &mut Leaf, cell: Cell) {
    match cell {
        Cell::Texts(items) if items.is_empty() => leaf.null(1, 0),
        Cell::Texts(items) => {
            for (i, item) in items.iter().enumerate() {
                leaf.text(item, 3, i16::from(i > 0));
            }
        }
        _ => leaf.null(0, 0),
    }
}

/// A LIST<STRUCT<id, name>> in its two leaves: null (def 0), empty (def 1), or its tags, each
/// field present (def 4) or null (def 3).
fn tags(leaves: &mut [Leaf], cell: Cell) {
    let (id, rest) = leaves.split_first_mut().expect("tags have two leaves");
    let name = &mut rest[0];
    match cell {
        Cell::Tags(items) if items.is_empty() => {
            id.null(1, 0);
            name.null(1, 0);
        }
        Cell::Tags(items) => {
            for (i, Tag { id: n, name: text }) in items.into_iter().enumerate() {
                let rep = i16::from(i > 0);
                match n {
                    Some(n) => id.int(n, 4, rep),
                    None => id.null(3, rep),
                }
                match text {
                    Some(t) => name.text(&t, 4, rep),
                    None => name.null(3, rep),
                }
            }
        }
        _ => {
            id.null(0, 0);
            name.null(0, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::{columns, schema};
    use super::*;
    use crate::customer::CustomField;
    use crate::output::Column;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn lists_keep_their_rows_across_batches_and_row_groups() {
        let interests = CustomField {
            name: "customize_4_52".into(),
            label: "Interests".into(),
            options: vec![],
            unlisted: false,
            field_type: Some(4),
        };
        let output = [
            Column::Field("id".into()),
            Column::Field("tags".into()),
            Column::Custom(interests),
        ];
        let cols = columns(&output, true);
        let mut writer = Writer::with_group_rows(schema(&cols).unwrap(), &cols, 1000).unwrap();
        let mut file = Vec::new();
        for i in 0..2500i64 {
            let tags = match i % 3 {
                0 => Cell::Null,
                1 => Cell::Tags(vec![]),
                _ => Cell::Tags(vec![
                    Tag {
                        id: Some(i),
                        name: Some(format!("t{i}")),
                    },
                    Tag {
                        id: None,
                        name: Some("x".into()),
                    },
                ]),
            };
            let texts = match i % 2 {
                0 => Cell::Null,
                _ => Cell::Texts(vec!["a".into(), i.to_string()]),
            };
            writer
                .row(vec![Cell::Int(i), tags, texts, Cell::Null], 10)
                .unwrap();
            file.append(&mut writer.ready());
        }
        assert!(file.len() > 4, "row groups go out before the end");
        file.append(&mut writer.finish().unwrap());
        let reader = SerializedFileReader::new(Bytes::from(file)).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 3);
        let rows: Vec<String> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().to_string())
            .collect();
        assert_eq!(rows.len(), 2500);
        for i in [0usize, 1, 1023, 1024, 1999, 2000, 2499] {
            let tags = match i % 3 {
                0 => "null".to_string(),
                1 => "[]".to_string(),
                _ => format!("[{{id: {i}, name: \"t{i}\"}}, {{id: null, name: \"x\"}}]"),
            };
            let texts = match i % 2 {
                0 => "null".to_string(),
                _ => format!("[\"a\", \"{i}\"]"),
            };
            let wanted =
                format!("{{id: {i}, tags: {tags}, Interests: {texts}, other_fields: null}}");
            assert_eq!(rows[i], wanted);
        }
    }
}
