//! Generates Tauri's context (configuration, capabilities, icons) at compile time.

fn main() {
    tauri_build::build();
}
