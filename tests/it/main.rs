//! The integration tests: one binary, one module per capability, all hermetic (every test
//! works in its own temporary directory and never touches the user's data directory).

mod architecture;
mod bookings;
mod calendar;
mod conflict_fixtures;
mod conflicts;
mod plan_files;
mod print;
mod releases;
mod store;
mod support;
