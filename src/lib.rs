//! Itinera: plan the visits of incoming delegations.
//!
//! This library is the whole product without a window: the domain model, plan files, storage,
//! and (as they arrive) conflict checking, printing and scheduling. The `itinera` command line
//! and the Tauri shell in `src-tauri/` are thin adapters over it; nothing here imports Tauri.

pub mod api;
pub mod calendar;
pub mod cli;
pub mod conflicts;
pub mod error;
pub mod member_copies;
pub mod model;
pub mod plan;
pub mod print;
pub mod programme;
pub mod progress;
pub mod publish;
pub mod release;
pub mod resources;
pub mod revisit;
pub mod roster;
pub mod sample;
pub mod schedule;
pub mod store;
pub mod wording;

pub use error::{Error, ErrorKind, Result, UiError};
