//! The checker's fast paths against their plain definitions, on generated plans dense with
//! clashes (random times, rooms, people, sub-groups, cancelled and empty items, two zones
//! across a summer-time change).
//!
//! Members have no timeline of their own: the rules follow them through their delegation's
//! timeline. These tests lay out the timeline per member the rules' definitions speak of (and
//! the checker used before) and demand exactly the same double bookings and moves from it;
//! they also demand that `check_item` of every item reports exactly the full check's
//! conflicts of that item, and that the full check does not depend on how the work is split
//! between threads. A [`ResolvedPlan`] must check exactly like [`check`], ordering included,
//! both freshly resolved and after any sequence of edits.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use chrono_tz::Tz;

use super::index::{Index, ItemId};
use super::scope::Scope;
use super::timeline::{Entry, Timeline};
use super::travel::Move;
use super::{
    Conflict, PrintLog, PrintedItem, ResolvedPlan, ResourceKind, bookings, check,
    guest_fingerprint, travel,
};
use crate::model::*;
use crate::plan::{DelegationPlan, Plan};

/// A tiny deterministic generator, so every run checks the same plans.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn key(s: String) -> Key {
    Key::new(s).expect("generated keys are valid")
}

fn text(s: &str) -> LocalizedText {
    LocalizedText::one(Lang::En, s)
}

fn all_week(open: &str, close: &str) -> Vec<WeeklyHours> {
    use Day::*;
    vec![WeeklyHours {
        days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
        open: open.parse().expect("clock time"),
        close: close.parse().expect("clock time"),
    }]
}

/// A plan of `delegations` visits of 40 items each around Europe's change to summer time
/// (2026-03-29), crowded into few venues and people so every kind of clash occurs.
fn dense_plan(seed: u64, delegations: usize) -> Plan {
    let mut rng = Lcg(seed);
    let zones = [Tz::Asia__Seoul, Tz::Asia__Seoul, Tz::Europe__Berlin];
    let sites: Vec<Site> = zones
        .iter()
        .enumerate()
        .map(|(s, &timezone)| Site {
            key: key(format!("site-{s}")),
            name: text("Site"),
            timezone,
            address: None,
        })
        .collect();
    // 0 → 1 and 1 → 0 differ, 2 → 1 stands for both directions, 0 ↔ 2 is unknown.
    let travel = [(0, 1, 30), (1, 0, 45), (2, 1, 20)]
        .map(|(a, b, minutes)| TravelTime {
            from: sites[a].key.clone(),
            to: sites[b].key.clone(),
            minutes,
        })
        .to_vec();
    let venues: Vec<Venue> = (0..10)
        .map(|v| Venue {
            key: key(format!("venue-{v}")),
            site: sites[v % 3].key.clone(),
            name: text("Room"),
            building: LocalizedText::default(),
            floor: None,
            capacity: 4 + v as u32,
            opening_hours: all_week("07:00", "21:00"),
            closures: vec![],
            rules: LocalizedText::default(),
        })
        .collect();
    let hosts: Vec<Host> = (0..6)
        .map(|h| Host {
            key: key(format!("host-{h}")),
            name: text("Host"),
            title: LocalizedText::default(),
            department: LocalizedText::default(),
            phone: None,
            phone_private: false,
            languages: vec![Lang::Ko, Lang::En],
            availability: Availability {
                working_hours: all_week("08:00", "18:00"),
                busy: vec![],
            },
        })
        .collect();
    let pairs = [
        LanguagePair::new(Lang::Ko, Lang::Vi),
        LanguagePair::new(Lang::Ko, Lang::Ru),
    ];
    // Enough interpreters that none works days on end without a break (an incremental
    // check looks two days either side of the edited item for an interpreter's stretches).
    let interpreters: Vec<Interpreter> = (0..10)
        .map(|i| Interpreter {
            key: key(format!("interp-{i}")),
            name: text("Interpreter"),
            pairs: vec![pairs[i % 2]],
            affiliation: Affiliation::InHouse,
            phone: None,
            availability: Availability::default(),
            max_continuous_minutes: 90,
            max_daily_minutes: 240,
        })
        .collect();
    let day0 = FixedOffset::east_opt(0)
        .expect("offset")
        .with_ymd_and_hms(2026, 3, 27, 0, 0, 0)
        .single()
        .expect("start");
    let kinds = [ItemKind::Meeting, ItemKind::Transfer, ItemKind::Internal];
    let statuses = [
        ItemStatus::Confirmed,
        ItemStatus::Confirmed,
        ItemStatus::Tentative,
        ItemStatus::Cancelled,
    ];
    let delegations = (0..delegations)
        .map(|d| {
            let arrival: DateTime<FixedOffset> = day0 + Duration::hours(rng.below(24) as i64);
            let members: Vec<Member> = (0..4 + rng.below(4))
                .map(|m| Member {
                    key: key(format!("d{d}-m{m}")),
                    native_name: format!("Guest {m}"),
                    romanized_name: None,
                    title: LocalizedText::default(),
                    precedence: m as u32 + 1,
                    dietary: None,
                    accessibility: None,
                    languages: if m % 3 == 0 { vec![Lang::Ru] } else { vec![] },
                    email: None,
                    phone: None,
                    notes: None,
                })
                .collect();
            let pick = |rng: &mut Lcg| members[rng.below(members.len())].key.clone();
            let subgroups: Vec<SubGroup> = (0..3)
                .map(|g| SubGroup {
                    key: key(format!("d{d}-g{g}")),
                    name: text("Track"),
                    members: (0..1 + rng.below(3)).map(|_| pick(&mut rng)).collect(),
                })
                .collect();
            let items = (0..40)
                .map(|j| {
                    let start = arrival + Duration::minutes(15 * rng.below(4 * 24 * 4) as i64);
                    let participants = if rng.below(3) == 0 {
                        Participants::Everyone
                    } else {
                        Participants::Selected {
                            subgroups: (0..rng.below(3))
                                .map(|_| subgroups[rng.below(3)].key.clone())
                                .collect(),
                            members: (0..rng.below(3)).map(|_| pick(&mut rng)).collect(),
                        }
                    };
                    let venue = rng.below(12);
                    ItineraryItem {
                        key: key(format!("d{d}-i{j}")),
                        kind: kinds[rng.below(kinds.len())],
                        title: text("Session"),
                        guest_notes: LocalizedText::default(),
                        internal_notes: None,
                        start,
                        // Now and then an empty item, which books nothing at any instant.
                        end: start + Duration::minutes(15 * rng.below(12) as i64),
                        timezone: (rng.below(5) == 0).then_some(Tz::Europe__Berlin),
                        overnight: false,
                        venue: venues.get(venue).map(|v| v.key.clone()),
                        location: LocalizedText::default(),
                        hosts: (0..rng.below(3))
                            .map(|_| hosts[rng.below(hosts.len())].key.clone())
                            .collect(),
                        participants,
                        interpreters: (0..rng.below(2))
                            .map(|_| InterpreterAssignment {
                                interpreter: interpreters[rng.below(interpreters.len())]
                                    .key
                                    .clone(),
                                pair: pairs[rng.below(2)],
                            })
                            .collect(),
                        extra_attendees: rng.below(3) as u32,
                        status: statuses[rng.below(statuses.len())],
                    }
                })
                .collect();
            DelegationPlan {
                delegation: Delegation {
                    key: key(format!("visit-{d}")),
                    name: text("Visit"),
                    organisation: LocalizedText::default(),
                    country: None,
                    languages: vec![if d % 2 == 0 { Lang::Vi } else { Lang::Ru }],
                    timezone: zones[d % 3],
                    arrival,
                    departure: arrival + Duration::days(3),
                    arrival_flight: None,
                    departure_flight: None,
                    hotel: None,
                    coordinator: None,
                    status: DelegationStatus::Confirmed,
                    subgroups,
                    notes: None,
                },
                members,
                items,
            }
        })
        .collect();
    Plan {
        sites,
        travel,
        venues,
        hosts,
        interpreters,
        delegations,
        ..Plan::default()
    }
}

/// The timeline of every member: the bookings of the items naming them.
fn per_member_timeline(s: &Scope<'_, '_>) -> Timeline {
    let ix = s.ix;
    Timeline::build(ix.dir.member_deleg.len(), |f| {
        for (i, r) in (0..).zip(&ix.items) {
            if r.books() {
                for &m in s.members(i) {
                    f(m, r.entry(i));
                }
            }
        }
    })
}

#[test]
fn members_followed_through_delegations_clash_and_move_as_with_a_timeline_each() {
    for seed in [1, 2, 3] {
        let plan = dense_plan(seed, 12);
        let printed = PrintLog::new();
        let ix = Index::build(&plan, &[], &printed);
        let s = Scope::full(&ix, crate::model::Lang::En);
        let members = per_member_timeline(&s);

        let mut expected: Vec<(ItemId, ItemId, u32)> = vec![];
        for m in 0..members.resources() as u32 {
            members.overlapping_pairs(m, |a, b| expected.push((a.item, b.item, m)));
        }
        let mut found = bookings::member_clashes(&s);
        expected.sort_unstable();
        found.sort_unstable();
        assert!(
            expected.len() > 50,
            "the plan must be dense with clashes (seed {seed})"
        );
        assert_eq!(
            found, expected,
            "members double-booked through their delegation's timeline (seed {seed})"
        );

        let mut expected: Vec<Move> = vec![];
        for p in 0..members.resources() as u32 {
            let mut last: Option<&Entry> = None;
            for e in members.bookings(p).iter().filter(|e| travel::sited(&s, e)) {
                if let Some(prev) = last
                    && travel::needs_check(&s, prev, e)
                {
                    expected.push((prev.item, e.item, ResourceKind::Member, p));
                }
                last = Some(e);
            }
        }
        let mut found = vec![];
        travel::member_moves(&s, &mut found);
        expected.sort_unstable();
        found.sort_unstable();
        assert!(
            expected.len() > 20,
            "the plan must be dense with short moves (seed {seed})"
        );
        assert_eq!(
            found, expected,
            "members' moves through their delegation's timeline (seed {seed})"
        );
    }
}

fn sorted(mut cs: Vec<Conflict>) -> Vec<Conflict> {
    cs.sort_by(|a, b| (a.id(), &a.message).cmp(&(b.id(), &b.message)));
    cs
}

#[test]
fn check_item_of_every_item_of_a_dense_plan_agrees_with_the_full_check() {
    let plan = dense_plan(4, 10);
    let printed = PrintLog::new();
    let all = check(&plan, &[], &printed);
    let codes: std::collections::BTreeSet<_> = all.iter().map(|c| c.code).collect();
    assert!(
        codes.len() >= 8,
        "the plan must break many rules, broke only {codes:?}"
    );
    let index = Index::build(&plan, &[], &printed);
    for d in &plan.delegations {
        for item in &d.items {
            let incremental = index
                .check_item(item, &d.delegation.key)
                .expect("known delegation");
            let expected: Vec<Conflict> = all
                .iter()
                .filter(|c| c.items.contains(&item.key))
                .cloned()
                .collect();
            assert_eq!(
                sorted(incremental),
                sorted(expected),
                "check_item('{}') must report exactly the full check's conflicts of that item",
                item.key
            );
        }
    }
}

/// A print log of every seventh item, half of them since changed, so rule 13 speaks too.
fn print_log(plan: &Plan) -> PrintLog {
    let mut log = PrintLog::new();
    let when = FixedOffset::east_opt(0)
        .expect("offset")
        .with_ymd_and_hms(2026, 3, 20, 9, 0, 0)
        .single()
        .expect("print time");
    for (n, item) in plan.delegations.iter().flat_map(|d| &d.items).enumerate() {
        if n % 7 == 0 {
            let fingerprint = if n % 14 == 0 {
                guest_fingerprint(item)
            } else {
                "0000000000000000".into()
            };
            log.insert(
                item.key.clone(),
                PrintedItem {
                    fingerprint,
                    printed_at: when,
                },
            );
        }
    }
    log
}

#[test]
fn a_resolved_plan_checks_exactly_like_check_ordering_included() {
    for seed in [1, 2, 3, 4] {
        let plan = dense_plan(seed, 12);
        let printed = print_log(&plan);
        let expected = check(&plan, &[], &printed);
        assert!(
            expected.len() > 100,
            "the plan must be dense with conflicts (seed {seed})"
        );
        let resolved = ResolvedPlan::new(plan.clone());
        assert_eq!(
            resolved.check(&[], &printed),
            expected,
            "a resolved plan's full check must equal check(), in the same order (seed {seed})"
        );
        assert_eq!(
            resolved.index(&[], &printed).len(),
            plan.delegations
                .iter()
                .map(|d| d.items.len())
                .sum::<usize>(),
            "spare slots are not items"
        );
    }
}

/// One random edit of the kinds the app saves: move, change venue, add or remove a
/// participant, cancel, delete, add a new item, or move an item to another visit.
fn random_edit(rp: &mut ResolvedPlan, rng: &mut Lcg, n: usize) -> Option<(ItineraryItem, Key)> {
    let plan = rp.plan();
    let d = rng.below(plan.delegations.len());
    let dp = &plan.delegations[d];
    let deleg = dp.delegation.key.clone();
    if dp.items.is_empty() {
        return None;
    }
    let mut item = dp.items[rng.below(dp.items.len())].clone();
    match rng.below(8) {
        0 => {
            let by = Duration::minutes(15 * (rng.below(16) as i64 - 8));
            item.start += by;
            item.end += by;
        }
        1 => item.venue = Some(key(format!("venue-{}", rng.below(12)))),
        2 => {
            let m = dp.members[rng.below(dp.members.len())].key.clone();
            match &mut item.participants {
                Participants::Everyone => {
                    item.participants = Participants::Selected {
                        subgroups: vec![],
                        members: vec![m],
                    }
                }
                Participants::Selected { members, .. } => members.push(m),
            }
        }
        3 => match &mut item.participants {
            Participants::Selected { members, subgroups } => {
                members.pop();
                subgroups.pop();
            }
            Participants::Everyone => item.hosts.clear(),
        },
        4 => {
            item.status = if item.status == ItemStatus::Cancelled {
                ItemStatus::Confirmed
            } else {
                ItemStatus::Cancelled
            }
        }
        5 => {
            let key = item.key.clone();
            rp.remove_item(&key).expect("the item is in the plan");
            return None;
        }
        6 => item.key = key(format!("new-{n}")),
        _ => {
            let other = &plan.delegations[rng.below(plan.delegations.len())];
            let other_key = other.delegation.key.clone();
            rp.upsert_item(&other_key, item.clone())
                .expect("known delegation");
            return Some((item, other_key));
        }
    }
    rp.upsert_item(&deleg, item.clone())
        .expect("known delegation");
    Some((item, deleg))
}

#[test]
fn an_edited_resolved_plan_checks_like_one_resolved_afresh() {
    let plan = dense_plan(5, 10);
    let printed = print_log(&plan);
    let mut rp = ResolvedPlan::new(plan);
    let mut rng = Lcg(11);
    for n in 0..400 {
        let edited = random_edit(&mut rp, &mut rng, n);
        if n % 20 == 19 {
            let expected = check(rp.plan(), &[], &printed);
            assert_eq!(
                rp.check(&[], &printed),
                expected,
                "after {} edits the resolved plan must check like check() of its plan",
                n + 1
            );
            assert_eq!(
                ResolvedPlan::new(rp.plan().clone()).check(&[], &printed),
                expected,
                "and like the same plan resolved afresh"
            );
        }
        if let Some((item, deleg)) = edited {
            let fresh = Index::build(rp.plan(), &[], &printed)
                .check_item(&item, &deleg)
                .expect("known delegation");
            assert_eq!(
                rp.check_item(&item, &deleg, &[], &printed)
                    .expect("known delegation"),
                fresh,
                "edit {n}: the upserted item's conflicts must match a fresh index's"
            );
        }
    }
    // Many items added to one visit overflow its spare slots, which lays everything out again.
    let deleg = rp.plan().delegations[0].delegation.key.clone();
    let template = rp
        .plan()
        .delegations
        .iter()
        .flat_map(|d| &d.items)
        .next()
        .expect("items left")
        .clone();
    for n in 0..60 {
        let mut item = template.clone();
        item.key = key(format!("extra-{n}"));
        item.start += Duration::minutes(15 * n);
        item.end += Duration::minutes(15 * n);
        rp.upsert_item(&deleg, item).expect("known delegation");
    }
    assert_eq!(
        rp.check(&[], &printed),
        check(rp.plan(), &[], &printed),
        "after overflowing a visit's spare slots"
    );
}

#[test]
fn edits_naming_unknown_visits_or_items_fail_and_change_nothing() {
    let plan = dense_plan(6, 3);
    let printed = PrintLog::new();
    let mut rp = ResolvedPlan::new(plan.clone());
    let item = plan.delegations[0].items[0].clone();
    let err = rp
        .upsert_item(&key("no-such-visit".into()), item)
        .expect_err("unknown delegation");
    assert!(
        err.to_string().contains("no-such-visit"),
        "the error names the delegation: {err}"
    );
    let err = rp
        .remove_item(&key("no-such-item".into()))
        .expect_err("unknown item");
    assert!(
        err.to_string().contains("no-such-item"),
        "the error names the item: {err}"
    );
    assert_eq!(
        rp.check(&[], &printed),
        check(&plan, &[], &printed),
        "failed edits leave the plan as it was"
    );
}
