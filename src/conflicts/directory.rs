//! The directory as the rules see it: keys resolved to positions, travel minutes, language
//! sets, members per delegation, and the resolution of one item.
//!
//! The directory owns its keys (short keys are stored inline, without an allocation), so a
//! [`super::resolved::ResolvedPlan`] can keep it next to the plan it owns.
//!
//! Unknown keys resolve to nothing: reporting them is the plan validator's job, and a checker
//! that refused to run would hide every real conflict.

use chrono_tz::Tz;
use compact_str::CompactString;

use super::clock::LocalClock;
use super::index::{Refs, Resolved, close_span};
use super::keymap::KeyMap;
use super::local_span::LocalSpan;
use crate::model::{Availability, ItineraryItem, Lang, LanguagePair, Participants};
use crate::plan::Plan;

/// Keys resolved to positions, and directory facts the rules look up.
#[derive(Debug, Default)]
pub(super) struct Directory {
    pub venues: KeyMap<CompactString, u32>,
    pub hosts: KeyMap<CompactString, u32>,
    pub interpreters: KeyMap<CompactString, u32>,
    pub delegations: KeyMap<CompactString, u32>,
    /// Site position of each venue.
    pub venue_site: Vec<Option<u32>>,
    /// Zone of each site.
    pub site_zone: Vec<Tz>,
    /// Travel minutes by (from site, to site), hashed like the keys (SipHash showed up in
    /// the travel rule's profile).
    pub travel: KeyMap<(u32, u32), u32>,
    /// Arrival and departure of each delegation, UTC seconds.
    pub stays: Vec<(i64, i64)>,
    /// Zone of each delegation.
    pub delegation_zone: Vec<Tz>,
    /// The pairs each interpreter works in, as bits `7 * a + b` (see [`pair_bit`]).
    pub interpreter_pairs: Vec<u64>,
    /// First global member position of each delegation (plus a final total).
    pub member_base: Vec<u32>,
    /// Delegation of each global member.
    pub member_deleg: Vec<u32>,
    member_keys: Vec<KeyMap<CompactString, u32>>,
    subgroups: Vec<KeyMap<CompactString, Vec<u32>>>,
    /// Language bit set of each global member (own languages, else the delegation's).
    pub member_langs: Vec<u8>,
    /// Language bit set of each host.
    pub host_langs: Vec<u8>,
    /// Busy blocks of each host as UTC seconds, in the order of `availability.busy`.
    pub host_busy: Vec<Vec<(i64, i64)>>,
    /// Busy blocks of each interpreter as UTC seconds, in the order of `availability.busy`.
    pub interpreter_busy: Vec<Vec<(i64, i64)>>,
}

/// Busy blocks as UTC seconds, converted once instead of once per booked item.
fn busy_seconds(a: &Availability) -> Vec<(i64, i64)> {
    a.busy
        .iter()
        .map(|b| (b.start.timestamp(), b.end.timestamp()))
        .collect()
}

/// The bit of a language in a language set.
pub(super) fn lang_bit(l: Lang) -> u8 {
    1 << (l as u8)
}

/// The bit of a language pair `(a, b)` in a pair set.
pub(super) fn pair_bit(pair: &LanguagePair) -> u64 {
    let (a, b) = pair.langs();
    1 << (7 * (a as u32) + b as u32)
}

/// The language set of a list.
pub(super) fn lang_set(langs: &[Lang]) -> u8 {
    langs.iter().fold(0, |acc, &l| acc | lang_bit(l))
}

impl Directory {
    /// Resolves the directory and the delegations' members of `plan`.
    pub(super) fn of(plan: &Plan) -> Self {
        let keyed = |keys: &mut dyn Iterator<Item = &str>| -> KeyMap<CompactString, u32> {
            keys.enumerate()
                .map(|(i, k)| (k.into(), i as u32))
                .collect()
        };
        let sites = keyed(&mut plan.sites.iter().map(|s| s.key.as_str()));
        let mut dir = Directory {
            venues: keyed(&mut plan.venues.iter().map(|v| v.key.as_str())),
            hosts: keyed(&mut plan.hosts.iter().map(|h| h.key.as_str())),
            interpreters: keyed(&mut plan.interpreters.iter().map(|i| i.key.as_str())),
            delegations: keyed(&mut plan.delegations.iter().map(|d| d.delegation.key.as_str())),
            venue_site: plan
                .venues
                .iter()
                .map(|v| sites.get(v.site.as_str()).copied())
                .collect(),
            site_zone: plan.sites.iter().map(|s| s.timezone).collect(),
            host_langs: plan.hosts.iter().map(|h| lang_set(&h.languages)).collect(),
            host_busy: plan
                .hosts
                .iter()
                .map(|h| busy_seconds(&h.availability))
                .collect(),
            interpreter_busy: plan
                .interpreters
                .iter()
                .map(|i| busy_seconds(&i.availability))
                .collect(),
            delegation_zone: plan
                .delegations
                .iter()
                .map(|d| d.delegation.timezone)
                .collect(),
            interpreter_pairs: plan
                .interpreters
                .iter()
                .map(|i| i.pairs.iter().fold(0, |bits, p| bits | pair_bit(p)))
                .collect(),
            stays: plan
                .delegations
                .iter()
                .map(|d| {
                    (
                        d.delegation.arrival.timestamp(),
                        d.delegation.departure.timestamp(),
                    )
                })
                .collect(),
            ..Directory::default()
        };
        for t in &plan.travel {
            if let (Some(&a), Some(&b)) = (sites.get(t.from.as_str()), sites.get(t.to.as_str())) {
                dir.travel.insert((a, b), t.minutes);
            }
        }
        let mut next = 0u32;
        for (d, dp) in plan.delegations.iter().enumerate() {
            dir.member_base.push(next);
            let own = lang_set(&dp.delegation.languages);
            let mut keys = KeyMap::with_capacity_and_hasher(dp.members.len(), Default::default());
            for m in &dp.members {
                keys.insert(m.key.as_str().into(), next);
                dir.member_deleg.push(d as u32);
                let langs = lang_set(&m.languages);
                dir.member_langs.push(if langs == 0 { own } else { langs });
                next += 1;
            }
            let groups = dp
                .delegation
                .subgroups
                .iter()
                .map(|g| {
                    // Sorted and without repeats, so an item naming one sub-group needs no
                    // sorting when it is resolved.
                    let mut ms: Vec<u32> = g
                        .members
                        .iter()
                        .filter_map(|k| keys.get(k.as_str()).copied())
                        .collect();
                    ms.sort_unstable();
                    ms.dedup();
                    (g.key.as_str().into(), ms)
                })
                .collect();
            dir.member_keys.push(keys);
            dir.subgroups.push(groups);
        }
        dir.member_base.push(next);
        dir
    }

    /// The travel minutes from one site to another: the recorded direction, else the reverse
    /// one (a single recorded direction stands for both), else unknown.
    pub fn travel_minutes(&self, from: u32, to: u32) -> Option<u32> {
        self.travel
            .get(&(from, to))
            .or_else(|| self.travel.get(&(to, from)))
            .copied()
    }

    /// Resolves one item of delegation `deleg`, at position `pos` among its items, appending
    /// its references to `refs`.
    pub(super) fn resolve(
        &self,
        item: &ItineraryItem,
        deleg: u32,
        pos: u32,
        refs: &mut Refs,
        clock: &mut LocalClock,
    ) -> Resolved {
        let venue = item
            .venue
            .as_ref()
            .and_then(|k| self.venues.get(k.as_str()).copied());
        let site_zone = venue
            .and_then(|v| self.venue_site[v as usize])
            .map(|s| self.site_zone[s as usize]);
        let deleg_zone = self.delegation_zone.get(deleg as usize).copied();
        let zone = item
            .timezone
            .or(site_zone)
            .or(deleg_zone)
            .unwrap_or(Tz::UTC);
        let local = LocalSpan {
            start: clock.local(zone, &item.start),
            end: clock.local(zone, &item.end),
        };

        let from = refs.members.len();
        let d = deleg as usize;
        match &item.participants {
            Participants::Everyone => {
                if let (Some(&a), Some(&b)) = (self.member_base.get(d), self.member_base.get(d + 1))
                {
                    refs.members.extend(a..b);
                }
            }
            Participants::Selected { subgroups, members } => {
                if let (Some(groups), Some(keys)) = (self.subgroups.get(d), self.member_keys.get(d))
                {
                    for g in subgroups.iter().filter_map(|g| groups.get(g.as_str())) {
                        refs.members.extend_from_slice(g);
                    }
                    refs.members
                        .extend(members.iter().filter_map(|m| keys.get(m.as_str())));
                }
            }
        }
        let members = close_span(&mut refs.members, from);

        let from = refs.hosts.len();
        refs.hosts
            .extend(item.hosts.iter().filter_map(|h| self.hosts.get(h.as_str())));
        let hosts = close_span(&mut refs.hosts, from);

        let from = refs.interpreters.len();
        let mut lacks_pair = false;
        let mut pairs = 0u64;
        for a in &item.interpreters {
            let bit = pair_bit(&a.pair);
            pairs |= bit;
            if let Some(&i) = self.interpreters.get(a.interpreter.as_str()) {
                refs.interpreters.push(i);
                lacks_pair |= self.interpreter_pairs[i as usize] & bit == 0;
            }
        }
        let interpreters = close_span(&mut refs.interpreters, from);

        Resolved {
            pos,
            deleg,
            zone,
            start: item.start.timestamp(),
            end: item.end.timestamp(),
            local,
            venue,
            kind: item.kind,
            status: item.status,
            extra_attendees: item.extra_attendees,
            pairs,
            lacks_pair,
            members,
            hosts,
            interpreters,
        }
    }
}
