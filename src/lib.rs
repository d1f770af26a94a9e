//! nxcdp: query the customers of an NXCloud CDP tenant.
//!
//! The data flows one way: [`cli`] arguments → [`query`] body → [`sign`]ed request over
//! [`transport`] → [`paginator`] → [`output`] formatter → stdout. [`sandbox`] is a local emulator
//! of the API that the tests and new users talk to.

pub mod argv;
pub mod cli;
pub mod commands;
pub mod config;
pub mod customer;
pub mod doctor;
pub mod error;
pub mod export;
pub mod import;
pub mod jq;
pub mod lock;
pub mod output;
pub mod paginator;
pub mod parallel;
pub mod place;
pub mod query;
pub mod region;
pub mod sandbox;
pub mod sign;
pub mod stop;
pub mod time;
pub mod transport;
pub mod watch;
pub mod wire;

pub use commands::run;
pub use error::Error;
