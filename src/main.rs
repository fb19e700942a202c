//! The `itinera` command line: the same core as the app, without a window.
fn main() {}
