//! The `itinera-app` binary: opens Itinera's window (see the library for the wiring).

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    itinera_app::run()
}
