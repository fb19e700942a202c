//! The app's log: a daily-rotated file in the per-user log directory, via `tracing`.
//!
//! Database and platform details are written here and never shown in the window. If the
//! directory cannot be created the app still starts and logs to standard error only.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// Log files kept before the oldest is deleted.
const KEPT_FILES: usize = 14;

/// Installs the global subscriber. Keep the returned guard alive until exit: dropping it
/// flushes the file. `ITINERA_LOG` (EnvFilter syntax) overrides the default `info`.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_env("ITINERA_LOG").unwrap_or_else(|_| {
        EnvFilter::new(format!("info,{}", itinera::schedule::SOLVER_LOG_DIRECTIVE))
    });
    let file = std::fs::create_dir_all(dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            RollingFileAppender::builder()
                .rotation(Rotation::DAILY)
                .filename_prefix("itinera")
                .filename_suffix("log")
                .max_log_files(KEPT_FILES)
                .build(dir)
                .map_err(|e| e.to_string())
        });
    match file {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_ansi(false)
                .with_writer(writer.and(std::io::stderr))
                .try_init();
            Some(guard)
        }
        Err(reason) => {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(std::io::stderr)
                .try_init();
            tracing::warn!(dir = %dir.display(), %reason, "no log file; logging to stderr only");
            None
        }
    }
}
