//! The sandbox over loopback: signing and header checks, every filter, cursor paging, the fields
//! endpoint and seeded data. Requests here are built by hand so each header can be got wrong.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod data;
mod requests;
mod walks;
