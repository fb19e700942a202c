//! Long operations the window can follow and cancel: importing a roster and printing a
//! guest copy for every member. Adapters like those in [`crate::commands`], following the
//! pattern of [`crate::scheduling`]: each run has a cancel flag in managed [`OperationRuns`],
//! keyed by the id the window chose; the domain reports `done of total` through a callback,
//! sent to the window as [`PROGRESS_EVENT`]; [`cancel_operation`] sets the flag.
//!
//! Invariant: a cancelled run answers with the `cancelled` error kind and leaves nothing
//! behind — no member stored (the import's transaction rolls back), no release recorded and
//! no file written (copies are saved only after every one rendered and was recorded).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use itinera::api::SavedFile;
use itinera::member_copies::{self, MemberCopy, PrintMemberCopies};
use itinera::print::Fonts;
use itinera::progress::{CancelOperation, OperationProgress, Progress};
use itinera::roster::{self, ImportMembersRun, ImportOutcome};
use itinera::store::Store;
use itinera::{Error, UiError};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::commands::to_ui;

/// The app event carrying an [`OperationProgress`].
pub const PROGRESS_EVENT: &str = "itinera://progress";

/// The cancel flags of running operations, by the window's id. A cancel may arrive before
/// its run registers (the window's Cancel races the command): the flag is then created set,
/// and the run stops at its first step. The lock is held only to look up or remove a flag.
#[derive(Debug, Default)]
pub struct OperationRuns(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl OperationRuns {
    fn flag(&self, id: &str) -> Arc<AtomicBool> {
        let mut runs = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        runs.entry(id.to_owned()).or_default().clone()
    }

    fn finish(&self, id: &str) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(id);
    }

    fn cancel(&self, id: &str) {
        self.flag(id).store(true, Ordering::Relaxed);
    }
}

/// Sends progress events for one operation; a window that cannot be reached only loses the
/// bar, never the operation.
fn reporter<R: Runtime>(app: AppHandle<R>, id: String) -> impl Fn(u64, u64) + Send + Sync {
    move |done, total| {
        let event = OperationProgress {
            operation: id.clone(),
            done,
            total,
        };
        if let Err(e) = app.emit(PROGRESS_EVENT, &event) {
            tracing::warn!(error = %e, "could not send progress to the window");
        }
    }
}

/// Asks the operation with this id to stop (also before it started).
#[tauri::command]
pub fn cancel_operation(runs: State<'_, OperationRuns>, input: CancelOperation) {
    runs.cancel(&input.id);
}

/// Imports members with progress events; cancelled, it stores nothing.
#[tauri::command]
pub async fn import_members_run<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    runs: State<'_, OperationRuns>,
    input: ImportMembersRun,
) -> Result<ImportOutcome, UiError> {
    let cancel = runs.flag(&input.operation);
    let report = reporter(app, input.operation.clone());
    let progress = Progress::new("the import", &cancel, &report);
    let outcome = roster::import_members_with(&store, &input.import, &progress).await;
    runs.finish(&input.operation);
    outcome.map_err(|e| to_ui("import_members_run", e))
}

/// Prints a guest copy for every member into a folder with progress events; cancelled, it
/// records no release and writes no file.
#[tauri::command]
pub async fn print_member_copies<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    runs: State<'_, OperationRuns>,
    input: PrintMemberCopies,
) -> Result<Vec<SavedFile>, UiError> {
    let cancel = runs.flag(&input.operation);
    let outcome = run_copies(app, &store, &input, cancel).await;
    runs.finish(&input.operation);
    outcome.map_err(|e| to_ui("print_member_copies", e))
}

async fn run_copies<R: Runtime>(
    app: AppHandle<R>,
    store: &Store,
    input: &PrintMemberCopies,
    cancel: Arc<AtomicBool>,
) -> itinera::Result<Vec<SavedFile>> {
    let zone = store
        .get_delegation(&input.delegation)
        .await?
        .delegation
        .timezone;
    let now = chrono::Utc::now();
    let folder = crate::planning::folder(input.folder.as_deref())?;
    let run = member_copies::prepare(
        store,
        &input.delegation,
        input.options.clone(),
        &input.by,
        zone,
        now,
    )
    .await?;
    let report = reporter(app.clone(), input.operation.clone());
    // Rendering is CPU work on every core: keep it off the async runtime's threads.
    let (run, pdfs, report) = {
        let cancel = cancel.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let progress = Progress::new("printing the member copies", &cancel, &report);
            // The fonts are managed state, borrowed from the handle on this thread.
            let fonts = app.state::<Fonts>();
            let pdfs = member_copies::render(&run, fonts.inner(), &progress);
            (run, pdfs, report)
        })
        .await
        .map_err(crate::roster::stopped)?
    };
    let progress = Progress::new("printing the member copies", &cancel, &report);
    let copies = member_copies::record(store, run, pdfs?, &progress).await?;
    save_copies(&folder, &input.delegation.to_string(), &copies)
}

/// Writes every copy beside its final name first and renames only when all were written, so
/// a failure leaves no copy half-saved and no stray partial file.
pub fn save_copies(
    folder: &Path,
    delegation: &str,
    copies: &[MemberCopy],
) -> itinera::Result<Vec<SavedFile>> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(copies.len());
    for c in copies {
        let name = format!(
            "{delegation} guest itinerary {} v{}.pdf",
            c.member, c.release.number
        );
        let path = folder.join(name);
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        if let Err(e) = std::fs::write(&tmp, &c.pdf).map_err(io(&tmp)) {
            for (t, _) in &staged {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        staged.push((tmp, path));
    }
    let mut saved = Vec::with_capacity(staged.len());
    for ((tmp, path), c) in staged.into_iter().zip(copies) {
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        saved.push(SavedFile {
            path: path.display().to_string(),
            release: Some(c.release.clone()),
        });
    }
    Ok(saved)
}
