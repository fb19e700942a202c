//! The shapes the UI and the command line exchange with the core: one input struct per
//! operation, and records that carry the version a later save must quote.
//!
//! All of these are exported to TypeScript (ts-rs) so the UI's types are never written by
//! hand.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::conflicts::{Conflict, ConflictId};
use crate::model::{
    Delegation, DelegationStatus, DirectorySettings, Host, Interpreter, ItineraryItem, Key, Lang,
    LocalizedText, Member, Site, TravelTime, Venue,
};
use crate::print::Audience;
use crate::release::ReleaseSnapshot;
use crate::wording::Text;

/// Create a delegation (`expected_version` absent) or update one (the version that was
/// loaded; a newer one in the database means someone else saved first).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveDelegation {
    /// The delegation's fields (the key cannot change once created).
    pub delegation: Delegation,
    /// The version loaded, or none to create.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// Create or update a member of a delegation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveMember {
    /// The delegation the member belongs to.
    pub delegation: Key,
    /// The member's fields (the key cannot change once created).
    pub member: Member,
    /// The version loaded, or none to create.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// Remove a member from a delegation (and from its sub-groups and items).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeleteMember {
    /// The delegation.
    pub delegation: Key,
    /// The member.
    pub member: Key,
}

/// Remove several members of a delegation in one step, all or none (undoing an import).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeleteMembers {
    /// The delegation.
    pub delegation: Key,
    /// The members.
    pub members: Vec<Key>,
}

/// Add several new members to a delegation in one step, all or none (redoing an import).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddMembers {
    /// The delegation.
    pub delegation: Key,
    /// The members as they were imported (or as they were before a delete being undone).
    pub members: Vec<Member>,
    /// Where deleted members sat (from [`MembersRemoved`]): undoing a delete puts them back
    /// into the sub-groups and items that still exist, in the same transaction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Membership>>", optional)]
    pub restore: Vec<Membership>,
}

/// The sub-groups and items a deleted member was taken out of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Membership {
    /// The member.
    pub member: Key,
    /// Sub-groups they were in.
    #[serde(default)]
    pub subgroups: Vec<Key>,
    /// Items that named them among the participants.
    #[serde(default)]
    pub items: Vec<Key>,
}

/// Members removed: the delegation as it is now and where each removed member had been.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MembersRemoved {
    /// The delegation without them.
    pub detail: DelegationDetail,
    /// One entry per removed member, in the order asked.
    pub memberships: Vec<Membership>,
}

/// Names one entity.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyInput {
    /// The key.
    pub key: Key,
}

/// A line of the delegation list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DelegationSummary {
    /// Key.
    pub key: Key,
    /// Name.
    pub name: LocalizedText,
    /// Sending organisation.
    pub organisation: LocalizedText,
    /// Country code.
    #[ts(optional)]
    pub country: Option<String>,
    /// Arrival.
    pub arrival: DateTime<FixedOffset>,
    /// Departure.
    pub departure: DateTime<FixedOffset>,
    /// The IANA zone the visit takes place in.
    pub timezone: String,
    /// Status.
    pub status: DelegationStatus,
    /// Number of members.
    pub member_count: u32,
    /// Number of itinerary items (cancelled ones included).
    pub item_count: u32,
    /// Version of the delegation record.
    #[ts(type = "number")]
    pub version: i64,
}

/// A member with the version a save must quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRecord {
    /// The member.
    pub member: Member,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
}

/// A delegation with its members, ordered by precedence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DelegationDetail {
    /// The delegation.
    pub delegation: Delegation,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
    /// Members by precedence.
    pub members: Vec<MemberRecord>,
}

/// How many of each entity a database or an import holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Sites.
    pub sites: u32,
    /// Travel-time entries.
    pub travel: u32,
    /// Venues.
    pub venues: u32,
    /// Hosts.
    pub hosts: u32,
    /// Interpreters.
    pub interpreters: u32,
    /// Delegations.
    pub delegations: u32,
    /// Members.
    pub members: u32,
    /// Itinerary items.
    pub items: u32,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sites, {} travel times, {} venues, {} hosts, {} interpreters, \
             {} delegations, {} members, {} items",
            self.sites,
            self.travel,
            self.venues,
            self.hosts,
            self.interpreters,
            self.delegations,
            self.members,
            self.items
        )
    }
}

/// Where the data lives and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoreInfo {
    /// The database file (or server).
    pub location: String,
    /// The newest migration applied.
    pub schema_version: i64,
    /// What it holds.
    pub counts: Counts,
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    /// Entities added.
    pub added: Counts,
}

/// Create or update an itinerary item. A confirmed item is saved only when it has no
/// blocking conflict; a tentative one is saved as a hold and its conflicts are returned.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveItem {
    /// The delegation the item belongs to.
    pub delegation: Key,
    /// The item (the key cannot change once created).
    pub item: ItineraryItem,
    /// The version loaded, or none to create.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// An item with its version and delegation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemRecord {
    /// The delegation it belongs to.
    pub delegation: Key,
    /// The item.
    pub item: ItineraryItem,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
}

/// What a save returns: the stored item and every conflict it still has (warnings, or
/// blocking ones on a tentative hold).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedItem {
    /// The stored item.
    pub record: ItemRecord,
    /// Its conflicts after the save.
    pub conflicts: Vec<Conflict>,
}

/// An entry of the shared directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum DirectoryEntry {
    /// A site.
    Site(Site),
    /// A venue.
    Venue(Venue),
    /// A host.
    Host(Host),
    /// An interpreter.
    Interpreter(Interpreter),
}

impl DirectoryEntry {
    /// The entry's key.
    pub fn key(&self) -> &Key {
        match self {
            DirectoryEntry::Site(e) => &e.key,
            DirectoryEntry::Venue(e) => &e.key,
            DirectoryEntry::Host(e) => &e.key,
            DirectoryEntry::Interpreter(e) => &e.key,
        }
    }

    /// The entry's kind, as messages name it.
    pub fn kind(&self) -> DirectoryKind {
        match self {
            DirectoryEntry::Site(_) => DirectoryKind::Site,
            DirectoryEntry::Venue(_) => DirectoryKind::Venue,
            DirectoryEntry::Host(_) => DirectoryKind::Host,
            DirectoryEntry::Interpreter(_) => DirectoryKind::Interpreter,
        }
    }
}

/// The kinds of directory entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DirectoryKind {
    /// Sites.
    Site,
    /// Venues.
    Venue,
    /// Hosts.
    Host,
    /// Interpreters.
    Interpreter,
}

impl DirectoryKind {
    /// The word messages use.
    pub fn noun(self) -> &'static str {
        match self {
            DirectoryKind::Site => "site",
            DirectoryKind::Venue => "venue",
            DirectoryKind::Host => "host",
            DirectoryKind::Interpreter => "interpreter",
        }
    }
}

/// Create or update a directory entry.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveDirectoryEntry {
    /// The entry (the key cannot change once created).
    pub entry: DirectoryEntry,
    /// The version loaded, or none to create.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// Delete a directory entry that nothing uses any more.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeleteDirectoryEntry {
    /// Which kind.
    pub kind: DirectoryKind,
    /// Its key.
    pub key: Key,
}

/// A directory entry with its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DirectoryRecord {
    /// The entry.
    pub entry: DirectoryEntry,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
}

/// Set (or, with no minutes, remove) the travel time from one site to another.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetTravelTime {
    /// Site left.
    pub from: Key,
    /// Site reached.
    pub to: Key,
    /// Minutes, or none to remove the entry.
    #[ts(optional)]
    pub minutes: Option<u32>,
}

/// Which conflicts to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckInput {
    /// Only conflicts involving this delegation (all when absent).
    #[ts(optional)]
    pub delegation: Option<Key>,
    /// The language of the conflicts' messages: Korean, or English for any other language
    /// and when absent.
    #[serde(default)]
    #[ts(optional)]
    pub lang: Option<Lang>,
}

/// The language the window shows: conflict messages the store writes without being asked
/// for a language (item saves and their refusals, timeline moves) follow it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MessageLanguage {
    /// Korean, or English for any other language.
    pub lang: Lang,
}

/// Accept a warning, with a reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AcknowledgeInput {
    /// The conflict, as identified in a check result.
    pub conflict: ConflictId,
    /// Why it is acceptable.
    pub reason: String,
    /// Who accepts it.
    pub by: String,
}

/// The whole shared directory, with versions, for the resource screens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DirectoryListing {
    /// Directory-wide settings.
    pub settings: DirectorySettings,
    /// Sites, venues, hosts and interpreters, sorted by kind then key.
    pub entries: Vec<DirectoryRecord>,
    /// Travel minutes between sites.
    pub travel: Vec<TravelTime>,
}

/// A recorded guest release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReleaseInfo {
    /// The delegation.
    pub delegation: Key,
    /// Release number (v1, v2, …).
    pub number: u32,
    /// Whom the print was for.
    pub audience: Audience,
    /// When it was printed.
    pub released_at: DateTime<FixedOffset>,
    /// Who printed it.
    pub released_by: String,
    /// How many items it showed.
    pub item_count: u32,
}

/// A release with the snapshot of what it showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Release {
    /// Number, audience, time.
    pub info: ReleaseInfo,
    /// What the guests saw.
    pub snapshot: ReleaseSnapshot,
}

/// What changed since a release.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangesInput {
    /// The delegation.
    pub delegation: Key,
    /// The release to compare with: a numbered one, or the latest one of the audience.
    pub since: ChangesSince,
    /// Whom the comparison is for: the audience of the named release when absent, or the
    /// whole delegation with [`ChangesSince::LastOfAudience`]. A named release printed for
    /// another audience is refused.
    #[ts(optional)]
    pub audience: Option<Audience>,
}

/// Which release a "Changes since" comparison starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
#[ts(export)]
pub enum ChangesSince {
    /// The latest earlier release printed for the same audience (the copy those guests hold).
    LastOfAudience,
    /// Release vN, which must have been printed for the same audience.
    Release(u32),
}

/// Largest logo the office settings accept, in bytes.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The office's own settings, printed in the header of every document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OfficeSettings {
    /// The institution's name per language (at least Korean and English); a document picks
    /// the names of its languages with the usual fallback.
    pub institution: LocalizedText,
    /// The institution's logo as PNG bytes (at most [`MAX_LOGO_BYTES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "Array<number>")]
    pub logo_png: Option<Vec<u8>>,
}

impl OfficeSettings {
    /// Checks what would be printed: the logo is a real, decodable PNG of at most 2 MB.
    /// Errors name the field ("logo: …") so the settings screen can point at it.
    pub fn check(&self) -> crate::Result<()> {
        let Some(png) = &self.logo_png else {
            return Ok(());
        };
        if png.len() > MAX_LOGO_BYTES {
            let mb = png.len() as f64 / (1024.0 * 1024.0);
            return Err(crate::Error::Invalid(Text::new(
                format!("logo: the file is {mb:.1} MB; a logo may be at most 2 MB"),
                format!("로고: 파일이 {mb:.1} MB입니다. 로고는 2 MB까지 쓸 수 있습니다"),
            )));
        }
        crate::print::logo_size(png)
            .map(|_| ())
            .map_err(|e| match e {
                crate::Error::Invalid(t) => crate::Error::Invalid(t.after("logo", "로고")),
                other => other,
            })
    }
}

/// The office settings with the version a later save must quote (0: never saved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OfficeRecord {
    /// The settings (empty when never saved).
    pub settings: OfficeSettings,
    /// Version for optimistic concurrency; 0 when nothing was saved yet.
    #[ts(type = "number")]
    pub version: i64,
}

/// Save the office settings: `expected_version` is the version loaded (absent or 0 the
/// first time); a newer one in the database means someone else saved first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveOfficeSettings {
    /// The new settings.
    pub settings: OfficeSettings,
    /// The version loaded.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// Who sits at this workstation, as the operating system knows them: the default for
/// "Your name" before the scheduler types one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkstationUser {
    /// The OS login name (`USER`, or `USERNAME` on Windows); empty when neither is set.
    pub name: String,
}

impl WorkstationUser {
    /// Reads the login name from the environment (no process is spawned).
    pub fn from_env() -> Self {
        let name = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .map(|s| s.trim().to_owned())
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        WorkstationUser { name }
    }
}

/// Print a document into a folder (the user's documents folder by default) and optionally
/// open it with the system's PDF viewer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintToFile {
    /// What to print.
    pub request: crate::publish::PrintRequest,
    /// Folder to save into; the user's Documents/Itinera when absent.
    #[ts(optional)]
    pub folder: Option<String>,
    /// Open the PDF afterwards.
    pub open: bool,
}

/// Where a document was saved.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedFile {
    /// The file written.
    pub path: String,
    /// The release recorded (guest itineraries).
    #[ts(optional)]
    pub release: Option<ReleaseInfo>,
}

/// Write a calendar file.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarToFile {
    /// The delegation.
    pub delegation: Key,
    /// Whose calendar.
    pub scope: crate::calendar::CalendarScope,
    /// Language of titles.
    pub language: Lang,
    /// Folder to save into; the user's Documents/Itinera when absent.
    #[ts(optional)]
    pub folder: Option<String>,
}
