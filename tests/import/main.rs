//! `customers import` against the sandbox's batch_create: what nxcdp exports imports back field
//! by field, every row ends in the tenant once or in the rejects file with its line, and an
//! import stopped in any way resumes.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod encodings;
mod input;
mod journal;
mod locks;
mod misread;
mod rejects;
mod rejects_place;
mod roundtrip;
mod server;
mod workbook_cells;
mod workbook_rows;
mod workbooks;
