//! Storage: where plans live between sessions.
//!
//! [`Store`] is the one boundary the rest of the product talks to. It is backed either by an
//! embedded SQLite file (`sqlite/`, the default) or by a PostgreSQL server shared by an
//! office (`postgres/`, chosen by a `postgres://` or `postgresql://` location); both keep the
//! same tables and JSON bodies, so they hold and export the same plans. The store owns the
//! database invariants that must hold even when two writers race (unique keys, versions,
//! confirmed bookings that never overlap); the domain rules that need the whole picture
//! (conflicts) run on the [`crate::plan::Plan`] it loads.

mod change;
mod checked;
pub mod copy;
mod location;
mod lock;
mod membership;
mod order;
mod placing;
mod postgres;
mod probe;
mod refusals;
mod settings;
mod sqlite;

use std::path::{Path, PathBuf};

pub use change::StoreChange;
pub use location::{redact_url, split_password};
pub use lock::InstanceLock;
pub use members_order::ReorderMembers;
pub use probe::{ConnectionReport, DatabaseKind, SchemaStatus, test_connection};
pub use requests::{ReorderRequests, RequestRecord, SaveRequest};
pub use settings::{
    ConfigPaths, DatabaseChoice, DatabaseSettings, DatabaseSource, SavedChoice, SettingsError,
    SwitchOutcome, UserSettings, load_settings, save_database_choice,
};

use crate::api::{
    AcknowledgeInput, CheckInput, DelegationDetail, DelegationSummary, DeleteDirectoryEntry,
    DeleteMember, DeleteMembers, DirectoryListing, DirectoryRecord, ImportSummary, ItemRecord,
    MembersRemoved, Membership, OfficeRecord, Release, ReleaseInfo, SaveDelegation,
    SaveDirectoryEntry, SaveItem, SaveMember, SaveOfficeSettings, SavedItem, SetTravelTime,
    StoreInfo,
};
use crate::conflicts::{AcknowledgedConflict, Conflict, PrintLog};
use crate::model::{DirectorySettings, Key, Member};
use crate::plan::Plan;
use crate::progress::Progress;
use crate::{Error, Result};

/// The database file used when none is given: `itinera.db` in the per-user data directory
/// (`~/.local/share/itinera` on Linux).
pub fn default_location() -> PathBuf {
    directories::ProjectDirs::from("", "", "itinera")
        .map(|d| d.data_dir().join("itinera.db"))
        .unwrap_or_else(|| PathBuf::from("itinera.db"))
}

/// Resolves the database location from `--db`, then `ITINERA_DB`, then the database chosen
/// in the app's settings ([`load_settings`]), then the default. A settings file that cannot
/// be read is an error rather than a silent fall-back to another database.
pub fn resolve_location(flag: Option<&str>) -> Result<String> {
    if let Some(location) = flag
        .map(str::to_owned)
        .or_else(|| std::env::var("ITINERA_DB").ok().filter(|s| !s.is_empty()))
    {
        return Ok(location);
    }
    let saved = load_settings(&ConfigPaths::from_env())?.database;
    Ok(saved.unwrap_or_else(|| default_location().display().to_string()))
}

/// The database a session works on. Cheap to clone (it wraps a connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    backend: Backend,
    location: String,
    /// The plan kept resolved for the conflict check, shared by every clone.
    checker: checked::Checker,
}

/// The two databases behind [`Store`]; an enum rather than a trait object because both are
/// known here and their methods are async.
#[derive(Debug, Clone)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// Calls the same method on whichever backend the store has.
macro_rules! dispatch {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match &$self.backend {
            Backend::Sqlite(b) => b.$method($($arg),*).await,
            Backend::Postgres(b) => b.$method($($arg),*).await,
        }
    };
}

// Declared after `dispatch!` so its `impl Store` block can use the macro.
mod requests;
// Likewise declared after `dispatch!`.
mod members_order;

/// Whether `location` names a PostgreSQL server rather than a SQLite file.
pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

impl Store {
    /// Opens (creating if needed) the database at `location` and brings its schema up to
    /// date. `location` is a file path, a `sqlite:` URL, or a `postgres://` /
    /// `postgresql://` URL of an existing database (the password may come from the URL,
    /// `PGPASSWORD` or `~/.pgpass`). The location kept for display has no password.
    pub async fn open(location: &str) -> Result<Store> {
        if is_postgres(location) {
            let backend = postgres::Postgres::open(location).await?;
            return Ok(Store {
                backend: Backend::Postgres(backend),
                location: redact_url(location),
                checker: checked::Checker::default(),
            });
        }
        let path = Path::new(location.strip_prefix("sqlite://").unwrap_or(location));
        let backend = sqlite::Sqlite::open(path).await?;
        Ok(Store {
            backend: Backend::Sqlite(backend),
            location: path.display().to_string(),
            checker: checked::Checker::default(),
        })
    }

    /// Whether this store is a shared PostgreSQL database (several workstations at once).
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// Changes committed by any client of the database, for live refresh. On PostgreSQL
    /// every committed write of every workstation arrives (LISTEN/NOTIFY), usually within
    /// milliseconds. A SQLite file has one writer only (the app holds [`InstanceLock`]), so
    /// nobody else can change it: the receiver there is closed at once and yields nothing.
    pub async fn subscribe(&self) -> Result<tokio::sync::mpsc::Receiver<StoreChange>> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(tokio::sync::mpsc::channel(1).1),
            Backend::Postgres(b) => b.subscribe().await,
        }
    }

    /// Where the data lives (a URL without its password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Location, schema version and counts.
    pub async fn info(&self) -> Result<StoreInfo> {
        let (schema_version, counts) = dispatch!(self.info())?;
        Ok(StoreInfo {
            location: self.location.clone(),
            schema_version,
            counts,
        })
    }

    /// Whether the database holds no delegations and no directory yet (first run).
    pub async fn is_empty(&self) -> Result<bool> {
        let (_, c) = dispatch!(self.info())?;
        Ok(c.delegations == 0 && c.sites == 0 && c.venues == 0 && c.hosts == 0)
    }

    /// Everything, as a plan: entities sorted by key, members by precedence, items by start.
    pub async fn load_plan(&self) -> Result<Plan> {
        dispatch!(self.load_plan())
    }

    /// Adds a checked plan in one transaction: all of it or nothing.
    pub async fn import_plan(&self, plan: &Plan) -> Result<ImportSummary> {
        dispatch!(self.import_plan(plan))
    }

    /// The delegation list.
    pub async fn list_delegations(&self) -> Result<Vec<DelegationSummary>> {
        dispatch!(self.list_delegations())
    }

    /// One delegation with its members.
    pub async fn get_delegation(&self, key: &Key) -> Result<DelegationDetail> {
        dispatch!(self.get_delegation(key))
    }

    /// Creates or updates a delegation.
    pub async fn save_delegation(&self, input: SaveDelegation) -> Result<DelegationDetail> {
        dispatch!(self.save_delegation(input))
    }

    /// Deletes a delegation with its members and items.
    pub async fn delete_delegation(&self, key: &Key) -> Result<()> {
        dispatch!(self.delete_delegation(key))
    }

    /// Creates or updates a member.
    pub async fn save_member(&self, input: SaveMember) -> Result<DelegationDetail> {
        dispatch!(self.save_member(input))
    }

    /// Adds several new members to a delegation in one transaction: all of them or none
    /// (a spreadsheet import).
    pub async fn add_members(
        &self,
        delegation: &Key,
        members: &[Member],
    ) -> Result<DelegationDetail> {
        self.add_members_restoring(delegation, members, &[]).await
    }

    /// [`Store::add_members`] for undoing a delete: the members also go back into the
    /// sub-groups and items `restore` names (those that still exist), in the same transaction.
    pub async fn add_members_restoring(
        &self,
        delegation: &Key,
        members: &[Member],
        restore: &[Membership],
    ) -> Result<DelegationDetail> {
        let progress = Progress::none("adding members");
        dispatch!(self.add_members(delegation, members, restore, &progress))
    }

    /// [`Store::add_members`] reporting each member written; a cancel (checked before each
    /// member and before the commit) rolls the whole transaction back.
    pub async fn add_members_with(
        &self,
        delegation: &Key,
        members: &[Member],
        progress: &Progress<'_>,
    ) -> Result<DelegationDetail> {
        dispatch!(self.add_members(delegation, members, &[], progress))
    }

    /// Removes a member (and their place in sub-groups and items).
    pub async fn delete_member(&self, input: DeleteMember) -> Result<DelegationDetail> {
        dispatch!(self.delete_member(input))
    }

    /// Removes several members in one transaction (all, or none when one is missing), and
    /// says where each of them sat so an undo can put them back.
    pub async fn delete_members(&self, input: DeleteMembers) -> Result<MembersRemoved> {
        dispatch!(self.delete_members(input))
    }

    /// The items of a delegation, by start.
    pub async fn list_items(&self, delegation: &Key) -> Result<Vec<ItemRecord>> {
        dispatch!(self.list_items(delegation))
    }

    /// Creates or updates an item: checked against every visit inside the write transaction;
    /// a confirmed item with a blocking conflict is refused with [`Error::Conflict`].
    pub async fn save_item(&self, input: SaveItem) -> Result<SavedItem> {
        let delegation = input.delegation.clone();
        let mut saved = self.save_items(&delegation, vec![input]).await?;
        Ok(saved.remove(0))
    }

    /// Creates or updates several items of one delegation in one transaction (accepting a
    /// proposed programme): each checked as [`Store::save_item`] checks one, against the plan
    /// holding all of them; one refusal writes none.
    pub async fn save_items(
        &self,
        delegation: &Key,
        items: Vec<SaveItem>,
    ) -> Result<Vec<SavedItem>> {
        let mut writing = self.checker.write().await;
        let lang = self.checker.language();
        dispatch!(self.save_items(delegation, items, lang, &mut writing))
    }

    /// Deletes an item and its bookings.
    pub async fn delete_item(&self, key: &Key) -> Result<()> {
        let mut writing = self.checker.write().await;
        dispatch!(self.delete_item(key, &mut writing))
    }

    /// Every conflict (of one delegation, or all), blocking first. The plan stays resolved
    /// between checks while the database does not change, and the store's own item edits
    /// are applied to it (see `store/checked.rs`), so a check re-reads only the
    /// acknowledgements and the print log.
    /// Messages are in `input.lang` (English when absent).
    pub async fn check(&self, input: &CheckInput) -> Result<Vec<Conflict>> {
        let lang = input.lang.unwrap_or_else(|| self.checker.language());
        self.checker
            .check(input.delegation.as_ref(), lang, async |kept| {
                dispatch!(self.check_snapshot(kept))
            })
            .await
    }

    /// Calls `f` with the whole plan as the database holds it now and every conflict in it
    /// (messages in the store's message language), without reading the plan again when it
    /// has not changed since the last check (see [`Store::check`]). `f` runs while the kept
    /// plan is locked: keep it short and free of store calls.
    pub async fn with_checked_plan<R>(
        &self,
        f: impl FnOnce(&Plan, Vec<Conflict>) -> R,
    ) -> Result<R> {
        let lang = self.checker.language();
        self.checker
            .with_current(
                async |kept| dispatch!(self.check_snapshot(kept)),
                |resolved, acks, printed| {
                    Ok(f(resolved.plan(), resolved.check_in(acks, printed, lang)))
                },
            )
            .await
    }

    /// Calls `f` with the whole plan as the database holds it now, as
    /// [`Store::with_checked_plan`] does, without running the conflict rules.
    pub async fn with_plan<R>(&self, f: impl FnOnce(&Plan) -> R) -> Result<R> {
        self.checker
            .with_current(
                async |kept| dispatch!(self.check_snapshot(kept)),
                |resolved, _, _| Ok(f(resolved.plan())),
            )
            .await
    }

    /// The language conflict messages are written in when a caller does not name one (item
    /// saves, refusals, moves on the resource timeline, checks without `lang`): Korean for
    /// [`crate::model::Lang::Ko`], English for anything else. English until set; the window
    /// sets the language of its UI, the command-line program leaves it.
    pub fn set_message_language(&self, lang: crate::model::Lang) {
        self.checker.set_language(lang);
    }

    /// See [`Store::set_message_language`].
    pub fn message_language(&self) -> crate::model::Lang {
        self.checker.language()
    }

    /// How many times [`Store::check`] has read and resolved the whole plan since the store
    /// was opened (diagnostics: the figure a benchmark or a test watches).
    pub fn check_resolves(&self) -> u64 {
        self.checker.resolves()
    }

    /// Accepts a warning with a reason (blocking conflicts cannot be accepted).
    pub async fn acknowledge(&self, input: AcknowledgeInput) -> Result<AcknowledgedConflict> {
        dispatch!(self.acknowledge(input))
    }

    /// The shared directory with versions.
    pub async fn list_directory(&self) -> Result<DirectoryListing> {
        dispatch!(self.list_directory())
    }

    /// Creates or updates a site, venue, host or interpreter.
    pub async fn save_directory_entry(&self, input: SaveDirectoryEntry) -> Result<DirectoryRecord> {
        dispatch!(self.save_directory_entry(input))
    }

    /// Deletes a directory entry nothing uses any more.
    pub async fn delete_directory_entry(&self, input: DeleteDirectoryEntry) -> Result<()> {
        dispatch!(self.delete_directory_entry(input))
    }

    /// Sets or removes the travel time between two sites.
    pub async fn set_travel_time(&self, input: SetTravelTime) -> Result<()> {
        dispatch!(self.set_travel_time(input))
    }

    /// Saves directory-wide settings.
    pub async fn save_settings(&self, settings: &DirectorySettings) -> Result<()> {
        dispatch!(self.save_settings(settings))
    }

    /// The office settings (institution name and logo) with their version; version 0 and
    /// empty settings when none were saved yet.
    pub async fn office_settings(&self) -> Result<OfficeRecord> {
        dispatch!(self.office_settings())
    }

    /// Saves the office settings after checking them (a logo must be a decodable PNG of at
    /// most 2 MB): an invalid logo writes nothing. Fails with [`Error::Stale`] when the
    /// settings changed since `expected_version` was loaded.
    pub async fn save_office_settings(&self, input: SaveOfficeSettings) -> Result<OfficeRecord> {
        input.settings.check()?;
        dispatch!(self.save_office_settings(&input))
    }

    /// The latest release of a delegation printed for `audience`, if any.
    pub async fn latest_release_for(
        &self,
        delegation: &Key,
        audience: &crate::print::Audience,
    ) -> Result<Option<Release>> {
        dispatch!(self.latest_release_for(delegation, audience))
    }

    /// The guest releases of a delegation, oldest first.
    pub async fn list_releases(&self, delegation: &Key) -> Result<Vec<ReleaseInfo>> {
        dispatch!(self.list_releases(delegation))
    }

    /// Release `number` of a delegation, or its latest when `number` is none (none yet: `None`).
    pub async fn release(&self, delegation: &Key, number: Option<u32>) -> Result<Option<Release>> {
        dispatch!(self.release(delegation, number))
    }

    /// Records a guest release and what each printed item looked like. Fails with
    /// [`Error::Conflict`] when another print took that number first.
    pub async fn record_release(&self, release: &Release, printed: &PrintLog) -> Result<()> {
        dispatch!(self.record_release(release, printed))
    }

    /// Records several guest releases in one transaction, all or none (a copy for each
    /// member: either every copy is a release or none is).
    pub async fn record_releases(&self, releases: &[(&Release, &PrintLog)]) -> Result<()> {
        dispatch!(self.record_releases(releases))
    }

    /// Everything in the database, read from one snapshot.
    pub async fn dump(&self) -> Result<copy::Dump> {
        dispatch!(self.dump())
    }

    /// Copies everything in this database into `target` in one target transaction: all of
    /// it or nothing. A target holding anything is refused unless `replace` is set, in
    /// which case its contents are replaced.
    pub async fn copy_to(&self, target: &Store, replace: bool) -> Result<copy::Dump> {
        let dump = self.dump().await?;
        dispatch!(target.restore(&dump, replace))?;
        Ok(dump)
    }

    /// Closes the pool, flushing the write-ahead log.
    pub async fn close(&self) {
        dispatch!(self.close());
    }
}

/// The [`Error::Stale`] of a refused save, naming when the save that won happened:
/// `updated_at` of the stored record (RFC 3339, UTC) in the workstation's local time, with
/// the date when it was not today.
pub(crate) fn stale_error(kind: &'static str, key: &str, updated_at: Option<&str>) -> Error {
    let changed_at = updated_at
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| {
            let local = t.with_timezone(&chrono::Local);
            let format = if local.date_naive() == chrono::Local::now().date_naive() {
                "%H:%M"
            } else {
                "%Y-%m-%d %H:%M"
            };
            local.format(format).to_string()
        });
    Error::Stale {
        kind,
        key: key.to_owned(),
        changed_at,
    }
}

/// Turns the first problems of a plan check into one message without the plan-level path
/// prefix, for single-entity saves ("native_name: a member needs a name").
pub(crate) fn problems_to_error(problems: Vec<crate::plan::Problem>, prefix: &str) -> Error {
    Error::Invalid(crate::wording::Text::join(problems.into_iter().map(|p| {
        let field = p
            .path
            .strip_prefix(prefix)
            .unwrap_or(&p.path)
            .trim_start_matches('.');
        if field.is_empty() {
            p.message
        } else {
            // English keeps the field's name (forms find the field by it); Korean reads
            // the field's label.
            let label = crate::wording::field_ko(field);
            p.message.after(field, label)
        }
    })))
}
