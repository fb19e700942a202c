//! Scheduling requests in the database: the records the UI edits, the rules every save obeys,
//! and the [`Store`] methods that route them to a backend.
//!
//! Invariants (both backends):
//! - a saved request passes exactly the checks a plan file's `requests` pass
//!   (`crate::plan::check` on the stored plan with the request in it), so a request that the
//!   database accepts is one `itinera import` would accept and `schedule::propose` can use;
//! - every update quotes the version it loaded; a newer stored version refuses the save with
//!   the same [`Error::Stale`] items give;
//! - a request never moves to another delegation, and one that other requests are ordered
//!   after (`after`) cannot be deleted while they still name it;
//! - `position` orders a delegation's requests (the UI's list order, the plan's order).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Backend, Store, problems_to_error};
use crate::model::{Key, Request};
use crate::plan::{self, Plan};
use crate::wording::Text;
use crate::{Error, Result};

/// A stored request with the version a later save must quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestRecord {
    /// The request.
    pub request: Request,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
}

/// Create a request (`expected_version` absent) or update one (the version loaded).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveRequest {
    /// The request (its key and delegation cannot change once created).
    pub request: Request,
    /// The version loaded, or none to create.
    #[ts(optional, type = "number")]
    pub expected_version: Option<i64>,
}

/// The new order of a delegation's requests: every stored key once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReorderRequests {
    /// The delegation.
    pub delegation: Key,
    /// Its request keys in the wanted order.
    pub keys: Vec<Key>,
}

/// Checks `request` as it would stand in `stored` (the whole stored plan, its requests
/// included): a plan file's checks, with problems of this request only, named by field
/// ("duration_minutes: the duration must be above zero"). `creating` tells a new request
/// (whose key must be free) from an update (whose key must exist in the same delegation).
pub(super) fn checked(mut stored: Plan, request: Request, creating: bool) -> Result<Request> {
    let at = stored.requests.iter().position(|r| r.key == request.key);
    let at = match (at, creating) {
        (Some(_), true) => {
            return Err(Error::Duplicate {
                kind: "request",
                key: request.key.to_string(),
            });
        }
        (None, false) => {
            return Err(Error::NotFound {
                kind: "request",
                key: request.key.to_string(),
            });
        }
        (Some(at), false) => {
            if stored.requests[at].delegation != request.delegation {
                return Err(Error::Invalid(Text::new(
                    format!(
                        "delegation: request '{}' belongs to delegation '{}' and cannot move to \
                         '{}'",
                        request.key, stored.requests[at].delegation, request.delegation
                    ),
                    format!(
                        "방문단: 일정 요청 '{}'은(는) 방문단 '{}'의 것이라 '{}'(으)로 옮길 수 \
                         없습니다",
                        request.key, stored.requests[at].delegation, request.delegation
                    ),
                )));
            }
            stored.requests[at] = request;
            at
        }
        (None, true) => {
            stored.requests.push(request);
            stored.requests.len() - 1
        }
    };
    let path = format!("$.requests[{at}]");
    let own = format!("{path}.");
    let key = stored.requests[at].key.as_str();
    let mine: Vec<plan::Problem> = plan::check(&stored, None)
        .into_iter()
        .filter_map(|mut p| {
            if p.path == path || p.path.starts_with(&own) {
                return Some(p);
            }
            // The stored requests had no cycle, so a cycle now runs through this one; it is
            // reported at whichever request the search started from — name it here instead.
            let cycle = p.path.ends_with(".after")
                && p.message.en().contains("cycle")
                && p.message.en().split(['→', ':', ' ']).any(|k| k == key);
            cycle.then(|| {
                p.path = format!("{path}.after");
                p
            })
        })
        .collect();
    if !mine.is_empty() {
        return Err(problems_to_error(mine, &path));
    }
    Ok(stored.requests.swap_remove(at))
}

/// The requests of `delegation` in `stored` that are ordered after `key`.
pub(super) fn followers<'a>(stored: &'a [Request], key: &Key) -> Vec<&'a str> {
    stored
        .iter()
        .filter(|r| r.after.contains(key))
        .map(|r| r.key.as_str())
        .collect()
}

/// The refusal of deleting a request that others still follow.
pub(super) fn in_use(key: &Key, followers: &[&str]) -> Error {
    Error::InUse(Text::new(
        format!(
            "request '{key}' cannot be deleted: {} {} ordered after it — remove it from their \
             'after' first",
            followers.join(", "),
            if followers.len() == 1 { "is" } else { "are" }
        ),
        format!(
            "일정 요청 '{key}'은(는) 지울 수 없습니다: {}이(가) 그 뒤에 오도록 정해져 있습니다. \
             먼저 그 요청들의 선행 일정에서 빼세요",
            followers.join(", ")
        ),
    ))
}

/// Checks that `keys` names every stored request of the delegation exactly once.
pub(super) fn check_order(stored: &[Key], input: &ReorderRequests) -> Result<()> {
    super::order::check_permutation("request", &input.delegation, stored, &input.keys)
}

impl Store {
    /// The requests of a delegation, in their order.
    pub async fn list_requests(&self, delegation: &Key) -> Result<Vec<RequestRecord>> {
        dispatch!(self.list_requests(delegation))
    }

    /// Creates or updates a request after checking it exactly as a plan file's requests are
    /// checked. Fails with [`Error::Stale`] when it changed since `expected_version`.
    pub async fn save_request(&self, input: SaveRequest) -> Result<RequestRecord> {
        dispatch!(self.save_request(input))
    }

    /// Deletes a request; refused with [`Error::InUse`] while others are ordered after it.
    pub async fn delete_request(&self, key: &Key) -> Result<()> {
        dispatch!(self.delete_request(key))
    }

    /// Puts a delegation's requests in a new order (every key once); returns them in it.
    pub async fn reorder_requests(&self, input: ReorderRequests) -> Result<Vec<RequestRecord>> {
        dispatch!(self.reorder_requests(&input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemKind, Lang, LocalizedText, Participants};

    fn key(s: &str) -> Key {
        Key::new(s).expect("key")
    }

    fn request(k: &str) -> Request {
        Request {
            key: key(k),
            delegation: key("choray"),
            kind: ItemKind::Meeting,
            title: LocalizedText::one(Lang::Ko, "회의"),
            duration_minutes: 30,
            participants: Participants::Everyone,
            hosts: vec![],
            hosts_one_of: vec![],
            venues: vec![],
            location: LocalizedText::default(),
            interpretation: false,
            earliest: None,
            latest: None,
            dates: vec![],
            after: vec![],
            preferred: None,
            pinned: None,
        }
    }

    #[test]
    fn a_new_order_must_name_every_request_once() {
        let stored = vec![key("welcome"), key("tour")];
        let ok = ReorderRequests {
            delegation: key("choray"),
            keys: vec![key("tour"), key("welcome")],
        };
        assert!(check_order(&stored, &ok).is_ok(), "a permutation is fine");
        let twice = ReorderRequests {
            keys: vec![key("tour"), key("tour")],
            ..ok.clone()
        };
        let err = check_order(&stored, &twice).expect_err("a duplicate is refused");
        assert!(
            err.to_string().starts_with("keys:"),
            "names the field: {err}"
        );
        let missing = ReorderRequests {
            keys: vec![key("tour"), key("lunch")],
            ..ok
        };
        let err = check_order(&stored, &missing).expect_err("a foreign key is refused");
        assert!(
            err.to_string().contains("missing: [welcome]")
                && err.to_string().contains("not its requests: [lunch]"),
            "the refusal names what is missing and what is foreign: {err}"
        );
    }

    #[test]
    fn deleting_a_followed_request_names_its_followers() {
        let mut tour = request("tour");
        tour.after = vec![key("welcome")];
        let stored = vec![request("welcome"), tour];
        let f = followers(&stored, &key("welcome"));
        assert_eq!(f, vec!["tour"], "the tour follows the welcome");
        assert!(
            in_use(&key("welcome"), &f)
                .to_string()
                .contains("tour is ordered after it"),
            "the refusal names the follower"
        );
    }
}
