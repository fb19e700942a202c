//! The integration tests: one binary, one module per capability, all hermetic (every test
//! works in its own temporary directory and never touches the user's data directory).

mod architecture;
mod bookings;
mod calendar;
mod check_kept;
mod conflict_fixtures;
mod conflict_messages;
mod conflicts;
mod members_order;
mod operations;
mod pg_support;
mod plan_files;
mod postgres;
mod print;
mod refusals_ko;
mod releases;
mod repeat;
mod requests;
mod resources;
mod roster;
mod roster_fixture;
mod schedule;
mod schedule_quality;
mod settings;
mod store;
mod support;
