//! The integration tests: one binary, one module per capability, all hermetic (every test
//! works in its own temporary directory and never touches the user's data directory).

mod conflict_fixtures;
mod conflicts;
mod plan_files;
mod store;
mod support;
