//! Storage: where plans live between sessions.
//!
//! [`Store`] is the one boundary the rest of the product talks to; today it is backed by an
//! embedded SQLite file (`sqlite.rs`), and a PostgreSQL backend for shared offices plugs in
//! behind the same methods. The store owns the database invariants that must hold even when
//! two writers race (unique keys, confirmed bookings that never overlap); the domain rules
//! that need the whole picture (conflicts) run on the [`crate::plan::Plan`] it loads.

mod lock;
mod sqlite;

use std::path::{Path, PathBuf};

pub use lock::InstanceLock;

use crate::api::{
    AcknowledgeInput, CheckInput, DelegationDetail, DelegationSummary, DeleteDirectoryEntry,
    DeleteMember, DirectoryListing, DirectoryRecord, ImportSummary, ItemRecord, OfficeRecord,
    Release, ReleaseInfo, SaveDelegation, SaveDirectoryEntry, SaveItem, SaveMember,
    SaveOfficeSettings, SavedItem, SetTravelTime, StoreInfo,
};
use crate::conflicts::{AcknowledgedConflict, Conflict, PrintLog};
use crate::model::{DirectorySettings, Key};
use crate::plan::Plan;
use crate::{Error, Result};

/// The database file used when none is given: `itinera.db` in the per-user data directory
/// (`~/.local/share/itinera` on Linux).
pub fn default_location() -> PathBuf {
    directories::ProjectDirs::from("", "", "itinera")
        .map(|d| d.data_dir().join("itinera.db"))
        .unwrap_or_else(|| PathBuf::from("itinera.db"))
}

/// Resolves the database location from `--db`, then `ITINERA_DB`, then the default.
pub fn resolve_location(flag: Option<&str>) -> String {
    flag.map(str::to_owned)
        .or_else(|| std::env::var("ITINERA_DB").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| default_location().display().to_string())
}

/// The database a session works on. Cheap to clone (it wraps a connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    backend: sqlite::Sqlite,
    location: String,
}

impl Store {
    /// Opens (creating if needed) the database at `location` and brings its schema up to
    /// date. `location` is a file path or a `sqlite:` URL.
    pub async fn open(location: &str) -> Result<Store> {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            return Err(Error::Invalid(
                "this build of Itinera stores plans in a SQLite file; PostgreSQL is not \
                 available yet"
                    .into(),
            ));
        }
        let path = Path::new(location.strip_prefix("sqlite://").unwrap_or(location));
        let backend = sqlite::Sqlite::open(path).await?;
        Ok(Store {
            backend,
            location: path.display().to_string(),
        })
    }

    /// Where the data lives.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Location, schema version and counts.
    pub async fn info(&self) -> Result<StoreInfo> {
        let (schema_version, counts) = self.backend.info().await?;
        Ok(StoreInfo {
            location: self.location.clone(),
            schema_version,
            counts,
        })
    }

    /// Whether the database holds no delegations and no directory yet (first run).
    pub async fn is_empty(&self) -> Result<bool> {
        let (_, c) = self.backend.info().await?;
        Ok(c.delegations == 0 && c.sites == 0 && c.venues == 0 && c.hosts == 0)
    }

    /// Everything, as a plan: entities sorted by key, members by precedence, items by start.
    pub async fn load_plan(&self) -> Result<Plan> {
        self.backend.load_plan().await
    }

    /// Adds a checked plan in one transaction: all of it or nothing.
    pub async fn import_plan(&self, plan: &Plan) -> Result<ImportSummary> {
        self.backend.import_plan(plan).await
    }

    /// The delegation list.
    pub async fn list_delegations(&self) -> Result<Vec<DelegationSummary>> {
        self.backend.list_delegations().await
    }

    /// One delegation with its members.
    pub async fn get_delegation(&self, key: &Key) -> Result<DelegationDetail> {
        self.backend.get_delegation(key).await
    }

    /// Creates or updates a delegation.
    pub async fn save_delegation(&self, input: SaveDelegation) -> Result<DelegationDetail> {
        self.backend.save_delegation(input).await
    }

    /// Deletes a delegation with its members and items.
    pub async fn delete_delegation(&self, key: &Key) -> Result<()> {
        self.backend.delete_delegation(key).await
    }

    /// Creates or updates a member.
    pub async fn save_member(&self, input: SaveMember) -> Result<DelegationDetail> {
        self.backend.save_member(input).await
    }

    /// Removes a member (and their place in sub-groups and items).
    pub async fn delete_member(&self, input: DeleteMember) -> Result<DelegationDetail> {
        self.backend.delete_member(input).await
    }

    /// The items of a delegation, by start.
    pub async fn list_items(&self, delegation: &Key) -> Result<Vec<ItemRecord>> {
        self.backend.list_items(delegation).await
    }

    /// Creates or updates an item: checked against every visit inside the write transaction;
    /// a confirmed item with a blocking conflict is refused with [`Error::Conflict`].
    pub async fn save_item(&self, input: SaveItem) -> Result<SavedItem> {
        self.backend.save_item(input).await
    }

    /// Deletes an item and its bookings.
    pub async fn delete_item(&self, key: &Key) -> Result<()> {
        self.backend.delete_item(key).await
    }

    /// Every conflict (of one delegation, or all), blocking first.
    pub async fn check(&self, input: &CheckInput) -> Result<Vec<Conflict>> {
        self.backend.check(input).await
    }

    /// Accepts a warning with a reason (blocking conflicts cannot be accepted).
    pub async fn acknowledge(&self, input: AcknowledgeInput) -> Result<AcknowledgedConflict> {
        self.backend.acknowledge(input).await
    }

    /// The shared directory with versions.
    pub async fn list_directory(&self) -> Result<DirectoryListing> {
        self.backend.list_directory().await
    }

    /// Creates or updates a site, venue, host or interpreter.
    pub async fn save_directory_entry(&self, input: SaveDirectoryEntry) -> Result<DirectoryRecord> {
        self.backend.save_directory_entry(input).await
    }

    /// Deletes a directory entry nothing uses any more.
    pub async fn delete_directory_entry(&self, input: DeleteDirectoryEntry) -> Result<()> {
        self.backend.delete_directory_entry(input).await
    }

    /// Sets or removes the travel time between two sites.
    pub async fn set_travel_time(&self, input: SetTravelTime) -> Result<()> {
        self.backend.set_travel_time(input).await
    }

    /// Saves directory-wide settings.
    pub async fn save_settings(&self, settings: &DirectorySettings) -> Result<()> {
        self.backend.save_settings(settings).await
    }

    /// The office settings (institution name and logo) with their version; version 0 and
    /// empty settings when none were saved yet.
    pub async fn office_settings(&self) -> Result<OfficeRecord> {
        self.backend.office_settings().await
    }

    /// Saves the office settings after checking them (a logo must be a decodable PNG of at
    /// most 2 MB): an invalid logo writes nothing. Fails with [`Error::Stale`] when the
    /// settings changed since `expected_version` was loaded.
    pub async fn save_office_settings(&self, input: SaveOfficeSettings) -> Result<OfficeRecord> {
        input.settings.check()?;
        self.backend.save_office_settings(&input).await
    }

    /// The latest release of a delegation printed for `audience`, if any.
    pub async fn latest_release_for(
        &self,
        delegation: &Key,
        audience: &crate::print::Audience,
    ) -> Result<Option<Release>> {
        self.backend.latest_release_for(delegation, audience).await
    }

    /// The guest releases of a delegation, oldest first.
    pub async fn list_releases(&self, delegation: &Key) -> Result<Vec<ReleaseInfo>> {
        self.backend.list_releases(delegation).await
    }

    /// Release `number` of a delegation, or its latest when `number` is none (none yet: `None`).
    pub async fn release(&self, delegation: &Key, number: Option<u32>) -> Result<Option<Release>> {
        self.backend.release(delegation, number).await
    }

    /// Records a guest release and what each printed item looked like. Fails with
    /// [`Error::Conflict`] when another print took that number first.
    pub async fn record_release(&self, release: &Release, printed: &PrintLog) -> Result<()> {
        self.backend.record_release(release, printed).await
    }

    /// Closes the pool, flushing the write-ahead log.
    pub async fn close(&self) {
        self.backend.close().await;
    }
}

/// Turns the first problems of a plan check into one message without the plan-level path
/// prefix, for single-entity saves ("native_name: a member needs a name").
pub(crate) fn problems_to_error(problems: Vec<crate::plan::Problem>, prefix: &str) -> Error {
    let msg = problems
        .iter()
        .map(|p| {
            let field = p
                .path
                .strip_prefix(prefix)
                .unwrap_or(&p.path)
                .trim_start_matches('.');
            if field.is_empty() {
                p.message.clone()
            } else {
                format!("{field}: {}", p.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    Error::Invalid(msg)
}
