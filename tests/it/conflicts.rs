//! The conflict checker on a realistic multi-delegation week: each rule fires with its code,
//! severity and message, and does not fire one minute away from its boundary. Every check
//! also runs the incremental `check_item` for each item and demands the same answer as the
//! full check, so the UI's drag-time check can never disagree with `itinera check`.

use crate::conflict_fixtures::*;
use itinera::conflicts::{
    self, Conflict, ConflictCode, Index, PrintLog, PrintedItem, ResourceKind, Severity,
    acknowledge, check, guest_fingerprint,
};
use itinera::model::{ItemKind, ItemStatus, Key, Participants};
use itinera::plan::Plan;

fn sorted(mut cs: Vec<Conflict>) -> Vec<Conflict> {
    cs.sort_by(|a, b| (a.id(), &a.message).cmp(&(b.id(), &b.message)));
    cs
}

/// The full check, after verifying that `check_item` of every item agrees with it.
fn checked_with(
    plan: &Plan,
    acks: &[conflicts::AcknowledgedConflict],
    printed: &PrintLog,
) -> Vec<Conflict> {
    let all = check(plan, acks, printed);
    let index = Index::build(plan, acks, printed);
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
    all
}

fn checked(plan: &Plan) -> Vec<Conflict> {
    checked_with(plan, &[], &PrintLog::new())
}

fn of(cs: &[Conflict], code: ConflictCode) -> Vec<Conflict> {
    cs.iter().filter(|c| c.code == code).cloned().collect()
}

/// The single conflict of `code`.
fn one(plan: &Plan, code: ConflictCode) -> Conflict {
    let found = of(&checked(plan), code);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {code:?}, got {found:#?}"
    );
    found.into_iter().next().expect("one conflict")
}

fn absent(plan: &Plan, code: ConflictCode, why: &str) {
    let found = of(&checked(plan), code);
    assert!(found.is_empty(), "{why}: got {found:#?}");
}

fn keys(c: &Conflict) -> Vec<&str> {
    c.items.iter().map(Key::as_str).collect()
}

fn set_times(plan: &mut Plan, item: &str, start: &str, end: &str) {
    let i = item_mut(plan, item);
    i.start = seoul(start);
    i.end = seoul(end);
}

#[test]
fn the_base_week_has_no_conflict() {
    let found = checked(&base_plan());
    assert!(
        found.is_empty(),
        "the fixture must start clean so each test isolates one rule: {found:#?}"
    );
}

#[test]
fn two_visits_in_the_conference_room_at_once_block() {
    let mut plan = base_plan();
    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:45",
        "2026-03-10 12:00",
    );
    let c = one(&plan, ConflictCode::VenueDoubleBooked);
    assert_eq!(
        c.severity,
        Severity::Blocking,
        "a double-booked venue blocks"
    );
    assert_eq!(
        keys(&c),
        ["cr-intro", "sm-welcome"],
        "both items, earlier first"
    );
    assert_eq!(
        c.message,
        "Annex 5F International Conference Room is double-booked 10:45–11:00 on 2026-03-10: \
         'Hospital introduction' (Cho Ray visit) and 'Welcome ceremony' (Samarkand visit)",
        "the message names the room, the clash in local time and both visits"
    );
    assert_eq!(c.resources[0].kind, ResourceKind::Venue);
    assert_eq!(c.resources[0].key.as_str(), "annex-5f-conference");
    assert_eq!(
        c.start,
        seoul("2026-03-10 10:45"),
        "the clash starts when both hold the room"
    );
    assert_eq!(c.end, seoul("2026-03-10 11:00"));
    assert_eq!(
        c.delegations.len(),
        2,
        "a clash across visits names both delegations"
    );

    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:59",
        "2026-03-10 12:00",
    );
    assert!(
        one(&plan, ConflictCode::VenueDoubleBooked)
            .message
            .contains("10:59–11:00")
    );
    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 11:00",
        "2026-03-10 12:00",
    );
    absent(
        &plan,
        ConflictCode::VenueDoubleBooked,
        "back-to-back bookings of a room are fine",
    );
}

#[test]
fn tentative_holds_clash_too_but_cancelled_items_book_nothing() {
    let mut plan = base_plan();
    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:30",
        "2026-03-10 11:30",
    );
    item_mut(&mut plan, "sm-welcome").status = ItemStatus::Tentative;
    item_mut(&mut plan, "cr-intro").status = ItemStatus::Tentative;
    let c = one(&plan, ConflictCode::VenueDoubleBooked);
    assert_eq!(
        c.severity,
        Severity::Blocking,
        "holds still show as blocking clashes"
    );
    assert!(
        c.message.ends_with("(both are tentative holds)"),
        "{}",
        c.message
    );

    item_mut(&mut plan, "cr-intro").status = ItemStatus::Cancelled;
    absent(
        &plan,
        ConflictCode::VenueDoubleBooked,
        "a cancelled item books nothing",
    );
}

#[test]
fn the_director_promised_to_two_visits_blocks() {
    let mut plan = base_plan();
    item_mut(&mut plan, "cr-neuro")
        .hosts
        .push(key("director-kim"));
    let c = one(&plan, ConflictCode::HostDoubleBooked);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "Kim Min-jun (Hospital Director) is double-booked 14:00–15:00 on 2026-03-10: \
         'Neurosurgery observation' (Cho Ray visit) and 'Talks with the hospital director' \
         (Samarkand visit)",
        "the host is named with title, and both items with their visits"
    );
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 14:59",
        "2026-03-10 15:30",
    );
    assert!(
        one(&plan, ConflictCode::HostDoubleBooked)
            .message
            .contains("14:59–15:00")
    );
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 15:00",
        "2026-03-10 15:30",
    );
    absent(
        &plan,
        ConflictCode::HostDoubleBooked,
        "the director may go straight from one to the next",
    );
}

#[test]
fn the_one_uzbek_interpreter_booked_twice_blocks() {
    let mut plan = base_plan();
    let mut briefing = new_item(
        "rz-briefing",
        "Interpreter briefing",
        "2026-03-10 15:00",
        "2026-03-10 16:00",
        "main-lobby",
        &[],
    );
    briefing.kind = ItemKind::Internal;
    briefing.participants = Participants::Selected {
        subgroups: vec![],
        members: vec![],
    };
    add_item(
        &mut plan,
        "rizhao-2026-03",
        interpreted(briefing, "interp-uz", "ko-ru"),
    );
    let c = one(&plan, ConflictCode::InterpreterDoubleBooked);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "Karimova Dilnoza is double-booked 15:00–15:30 on 2026-03-10: 'Talks with the hospital \
         director' (Samarkand visit) and 'Interpreter briefing' (Rizhao visit)",
    );
    assert_eq!(c.resources[0].key.as_str(), "interp-uz");
    let found = checked(&plan);
    assert!(
        of(&found, ConflictCode::OutsideStay).is_empty(),
        "a staff-only briefing before the guests arrive is not outside their stay"
    );

    set_times(
        &mut plan,
        "rz-briefing",
        "2026-03-10 15:30",
        "2026-03-10 16:30",
    );
    absent(
        &plan,
        ConflictCode::InterpreterDoubleBooked,
        "back-to-back is not double",
    );
}

#[test]
fn a_member_in_two_subgroups_parallel_sessions_blocks_once_per_pair() {
    let mut plan = base_plan();
    let cho_ray = delegation_mut(&mut plan, "choray-2026-03");
    cho_ray.delegation.subgroups[1].members.push(key("son"));
    let c = one(&plan, ConflictCode::MemberDoubleBooked);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "Nguyễn Trường Sơn (Nguyen Truong Son) is in two items at once 14:00–15:00 on \
         2026-03-10: 'Neurosurgery observation' (Cho Ray visit) and 'Radiology department \
         visit' (Cho Ray visit)",
        "the member is named in native script and romanised"
    );
    assert_eq!(c.resources.len(), 1);
    assert_eq!(c.resources[0].kind, ResourceKind::Member);

    delegation_mut(&mut plan, "choray-2026-03")
        .delegation
        .subgroups[1]
        .members
        .push(key("minh"));
    let c = one(&plan, ConflictCode::MemberDoubleBooked);
    assert_eq!(
        c.resources.len(),
        2,
        "two members caught by one pair make one conflict"
    );
    assert!(
        c.message
            .contains("Sơn (Nguyen Truong Son) and Lê Văn Minh (Le Van Minh) are")
    );

    set_times(
        &mut plan,
        "cr-radiology",
        "2026-03-10 14:59",
        "2026-03-10 15:59",
    );
    assert!(
        one(&plan, ConflictCode::MemberDoubleBooked)
            .message
            .contains("14:59–15:00")
    );
    set_times(
        &mut plan,
        "cr-radiology",
        "2026-03-10 15:00",
        "2026-03-10 16:00",
    );
    absent(
        &plan,
        ConflictCode::MemberDoubleBooked,
        "sessions one after the other are fine",
    );
}

#[test]
fn items_outside_opening_hours_or_in_a_closure_block() {
    let mut plan = base_plan();
    set_times(&mut plan, "rz-mou", "2026-03-11 19:00", "2026-03-11 20:01");
    let c = one(&plan, ConflictCode::VenueClosed);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "'MOU signing' (Rizhao visit) is booked in Annex 5F International Conference Room \
         19:00–20:01 on 2026-03-11, outside its opening hours (Wed 08:00–20:00)"
    );
    set_times(&mut plan, "rz-mou", "2026-03-11 19:00", "2026-03-11 20:00");
    absent(
        &plan,
        ConflictCode::VenueClosed,
        "ending at closing time is inside the hours",
    );

    set_times(&mut plan, "rz-mou", "2026-03-12 10:00", "2026-03-12 11:00");
    let c = one(&plan, ConflictCode::VenueClosed);
    assert!(
        c.message.contains(
            "the venue is closed from 2026-03-12 to 2026-03-12 (audio system replacement)"
        ),
        "a closure names its dates and reason: {}",
        c.message
    );
}

#[test]
fn an_interpreter_without_the_pair_blocks() {
    let mut plan = base_plan();
    item_mut(&mut plan, "sm-welcome").interpreters[0].interpreter = key("interp-vi");
    let c = one(&plan, ConflictCode::InterpreterLacksPair);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "Trần Thu Hà is assigned to 'Welcome ceremony' (Samarkand visit) 11:00–12:00 on \
         2026-03-10 for ko-uz but works only in ko-vi"
    );
}

#[test]
fn items_outside_the_stay_block() {
    let mut plan = base_plan();
    set_times(
        &mut plan,
        "cr-welcome",
        "2026-03-10 08:29",
        "2026-03-10 10:00",
    );
    let c = one(&plan, ConflictCode::OutsideStay);
    assert_eq!(c.severity, Severity::Blocking);
    assert_eq!(
        c.message,
        "'Welcome ceremony' (Cho Ray visit) 08:29–10:00 on 2026-03-10 starts before the \
         delegation arrives (08:30 on 2026-03-10)"
    );
    set_times(
        &mut plan,
        "cr-welcome",
        "2026-03-10 08:30",
        "2026-03-10 10:00",
    );
    absent(
        &plan,
        ConflictCode::OutsideStay,
        "starting at arrival is within the stay",
    );

    let farewell = new_item(
        "cr-farewell",
        "Farewell",
        "2026-03-12 17:00",
        "2026-03-12 18:01",
        "main-lobby",
        &[],
    );
    add_item(&mut plan, "choray-2026-03", farewell);
    let c = one(&plan, ConflictCode::OutsideStay);
    assert!(
        c.message
            .ends_with("ends after the delegation departs (18:00 on 2026-03-12)"),
        "{}",
        c.message
    );
    set_times(
        &mut plan,
        "cr-farewell",
        "2026-03-12 17:00",
        "2026-03-12 18:00",
    );
    absent(
        &plan,
        ConflictCode::OutsideStay,
        "ending at departure is within the stay",
    );
}

#[test]
fn too_many_people_for_the_gallery_warns() {
    let mut plan = base_plan();
    item_mut(&mut plan, "cr-neuro").extra_attendees = 2;
    absent(
        &plan,
        ConflictCode::VenueOverCapacity,
        "6 people fit a gallery for 6",
    );
    item_mut(&mut plan, "cr-neuro").extra_attendees = 3;
    let c = one(&plan, ConflictCode::VenueOverCapacity);
    assert_eq!(c.severity, Severity::Warning);
    assert_eq!(
        c.message,
        "'Neurosurgery observation' (Cho Ray visit) brings 7 people to Robotic Surgery OR \
         Gallery 14:00–15:00 on 2026-03-10 (2 guests, 1 host, 1 interpreter, 3 other), which \
         holds 6",
        "the count shows guests (via the sub-group), hosts, interpreters and extra people"
    );
}

#[test]
fn the_director_outside_working_hours_or_busy_warns() {
    let mut plan = base_plan();
    set_times(&mut plan, "rz-mou", "2026-03-11 12:00", "2026-03-11 13:01");
    let c = one(&plan, ConflictCode::OutsideAvailability);
    assert_eq!(c.severity, Severity::Warning);
    assert_eq!(
        c.message,
        "Kim Min-jun (Hospital Director) is booked for 'MOU signing' (Rizhao visit) 12:00–13:01 \
         on 2026-03-11, while busy 13:00–15:00 on 2026-03-11 (board meeting)"
    );
    set_times(&mut plan, "rz-mou", "2026-03-11 12:00", "2026-03-11 13:00");
    absent(
        &plan,
        ConflictCode::OutsideAvailability,
        "ending as the board meeting starts is fine",
    );

    set_times(&mut plan, "rz-mou", "2026-03-11 17:00", "2026-03-11 18:01");
    let c = one(&plan, ConflictCode::OutsideAvailability);
    assert!(
        c.message
            .ends_with("outside their working hours (Wed 08:00–18:00)"),
        "{}",
        c.message
    );
    set_times(&mut plan, "rz-mou", "2026-03-11 17:00", "2026-03-11 18:00");
    absent(
        &plan,
        ConflictCode::OutsideAvailability,
        "ending at the end of the working day is fine",
    );
}

#[test]
fn guests_who_cannot_talk_to_the_hosts_warn() {
    let mut plan = base_plan();
    item_mut(&mut plan, "rz-mou").interpreters.clear();
    let c = one(&plan, ConflictCode::NoCommonLanguage);
    assert_eq!(c.severity, Severity::Warning);
    assert_eq!(
        c.message,
        "At 'MOU signing' (Rizhao visit) 10:00–11:00 on 2026-03-11, 王芳 (Wang Fang) speaks zh \
         but the hosts Kim Min-jun (Hospital Director) speak ko, en, and no interpreter \
         bridges them",
        "李明 speaks English with the director, so only 王芳 is named"
    );

    let mou = interpreted(item_mut(&mut plan, "rz-mou").clone(), "interp-uz", "ko-ru");
    *item_mut(&mut plan, "rz-mou") = mou;
    let c = one(&plan, ConflictCode::NoCommonLanguage);
    assert!(
        c.message.contains("王芳"),
        "a ko–ru interpreter does not help a Chinese guest"
    );

    item_mut(&mut plan, "rz-mou").participants = Participants::Selected {
        subgroups: vec![],
        members: vec![key("li-ming")],
    };
    absent(
        &plan,
        ConflictCode::NoCommonLanguage,
        "a guest sharing English with the host is fine",
    );
}

#[test]
fn a_transfer_across_sites_with_too_little_time_warns() {
    let mut plan = base_plan();
    set_times(
        &mut plan,
        "cr-lecture",
        "2026-03-10 15:29",
        "2026-03-10 16:29",
    );
    let found = of(&checked(&plan), ConflictCode::TravelTimeShort);
    assert_eq!(
        found.len(),
        2,
        "one warning per pair of items: from the gallery and from radiology"
    );
    let from_gallery = found
        .iter()
        .find(|c| c.items[0].as_str() == "cr-neuro")
        .expect("gallery move");
    assert_eq!(from_gallery.severity, Severity::Warning);
    assert!(
        from_gallery.message.contains(
            "only 29 min from 'Neurosurgery observation' (Cho Ray visit) at Robotic Surgery OR \
             Gallery (ends 15:00 on 2026-03-10) to 'Anti-aging course lecture' (Cho Ray visit) at \
             Convention Centre Hall B (starts 15:29 on 2026-03-10); travel from Main campus to \
             Convention Centre takes 30 min"
        ),
        "{}",
        from_gallery.message
    );
    for who in ["Nguyễn Trường Sơn", "Lê Văn Minh", "Trần Thu Hà"] {
        assert!(
            from_gallery.message.contains(who),
            "guests and interpreter who move are named: {who}"
        );
    }
    assert_eq!(from_gallery.resources.len(), 3);

    // A transfer item without a venue is time on the road, not a stop.
    let mut bus = item(
        "cr-bus",
        ItemKind::Transfer,
        en_ko("Bus to the convention centre", "버스 이동"),
        "2026-03-10 15:00",
        "2026-03-10 15:29",
    );
    bus.location = en_ko("Hospital bus", "병원 버스");
    add_item(&mut plan, "choray-2026-03", bus);
    assert_eq!(
        of(&checked(&plan), ConflictCode::TravelTimeShort).len(),
        2,
        "a 29-minute transfer is still too short"
    );

    set_times(
        &mut plan,
        "cr-lecture",
        "2026-03-10 15:30",
        "2026-03-10 16:30",
    );
    set_times(&mut plan, "cr-bus", "2026-03-10 15:00", "2026-03-10 15:30");
    absent(
        &plan,
        ConflictCode::TravelTimeShort,
        "30 minutes are enough to reach the convention centre",
    );
}

#[test]
fn travel_back_is_asymmetric_and_walking_needs_the_buffer() {
    let mut plan = base_plan();
    add_item(
        &mut plan,
        "choray-2026-03",
        new_item(
            "cr-dinner",
            "Welcome dinner",
            "2026-03-10 17:39",
            "2026-03-10 19:00",
            "main-lobby",
            &[],
        ),
    );
    let c = one(&plan, ConflictCode::TravelTimeShort);
    assert!(
        c.message
            .ends_with("travel from Convention Centre to Main campus takes 40 min"),
        "{}",
        c.message
    );
    set_times(
        &mut plan,
        "cr-dinner",
        "2026-03-10 17:40",
        "2026-03-10 19:00",
    );
    absent(
        &plan,
        ConflictCode::TravelTimeShort,
        "the way back takes 40 minutes, not the 30 of the way there",
    );

    let mut plan = base_plan();
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 12:04",
        "2026-03-10 13:30",
    );
    let c = one(&plan, ConflictCode::TravelTimeShort);
    assert!(
        c.message
            .ends_with("walking between venues of Main campus takes 5 min"),
        "{}",
        c.message
    );
    assert!(
        c.message.contains("Хакимов Бегали (Hakimov Begʻali)"),
        "the Uzbek head is named: {}",
        c.message
    );
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 12:05",
        "2026-03-10 13:30",
    );
    absent(
        &plan,
        ConflictCode::TravelTimeShort,
        "five minutes cover a walk on the same campus",
    );
}

#[test]
fn a_missing_travel_time_is_reported_on_the_same_day_only() {
    let mut plan = base_plan();
    add_item(
        &mut plan,
        "choray-2026-03",
        new_item(
            "cr-lab",
            "Animal lab practice",
            "2026-03-10 19:00",
            "2026-03-10 20:00",
            "animal-lab-1",
            &[],
        ),
    );
    let c = one(&plan, ConflictCode::TravelTimeUnknown);
    assert_eq!(c.severity, Severity::Warning);
    assert!(
        c.message.ends_with(
            "but no travel time between Convention Centre and Animal Laboratory is recorded"
        ),
        "{}",
        c.message
    );
    set_times(&mut plan, "cr-lab", "2026-03-11 09:00", "2026-03-11 10:00");
    absent(
        &plan,
        ConflictCode::TravelTimeUnknown,
        "a night in between needs no travel time",
    );
}

#[test]
fn an_interpreter_without_a_break_or_over_the_day_warns() {
    let mut plan = base_plan();
    add_item(
        &mut plan,
        "samarkand-2026-03",
        interpreted(
            new_item(
                "sm-rehab",
                "Rehabilitation centre tour",
                "2026-03-10 15:44",
                "2026-03-10 16:14",
                "main-lobby",
                &[],
            ),
            "interp-uz",
            "ko-uz",
        ),
    );
    let c = one(&plan, ConflictCode::InterpreterContinuousLimit);
    assert_eq!(c.severity, Severity::Warning);
    assert_eq!(
        keys(&c),
        ["sm-talks", "sm-rehab"],
        "the stretch lists its items in order"
    );
    assert!(
        c.message.starts_with("Karimova Dilnoza interprets 14:00–16:14 on 2026-03-10 without a 15-minute break: 134 min, over the limit of 90 min"),
        "{}",
        c.message
    );
    set_times(
        &mut plan,
        "sm-rehab",
        "2026-03-10 15:45",
        "2026-03-10 16:15",
    );
    absent(
        &plan,
        ConflictCode::InterpreterContinuousLimit,
        "a 15-minute pause is a break",
    );

    let mut plan = base_plan();
    plan.interpreters[1].max_daily_minutes = 150;
    absent(
        &plan,
        ConflictCode::InterpreterDailyLimit,
        "60 + 90 minutes meet a 150-minute day",
    );
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 14:00",
        "2026-03-10 15:31",
    );
    let c = one(&plan, ConflictCode::InterpreterDailyLimit);
    assert!(
        c.message.starts_with(
            "Karimova Dilnoza interprets 151 min on 2026-03-10, over the daily limit of 150 min"
        ),
        "{}",
        c.message
    );
    assert_eq!(keys(&c), ["sm-welcome", "sm-talks"]);
}

#[test]
fn items_changed_after_printing_warn_until_reprinted() {
    let mut plan = base_plan();
    let welcome = item_mut(&mut plan, "cr-welcome").clone();
    let printed: PrintLog = [(
        welcome.key.clone(),
        PrintedItem {
            fingerprint: guest_fingerprint(&welcome),
            printed_at: seoul("2026-03-05 16:20"),
        },
    )]
    .into();
    assert!(
        checked_with(&plan, &[], &printed).is_empty(),
        "an unchanged printed item is fine"
    );

    item_mut(&mut plan, "cr-welcome").internal_notes = Some("check the flags".into());
    assert!(
        checked_with(&plan, &[], &printed).is_empty(),
        "internal notes are not on the guests' copy"
    );

    set_times(
        &mut plan,
        "cr-welcome",
        "2026-03-10 09:01",
        "2026-03-10 10:00",
    );
    let found = of(
        &checked_with(&plan, &[], &printed),
        ConflictCode::ChangedAfterPrinted,
    );
    assert_eq!(found.len(), 1, "a one-minute move changes the guests' copy");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "'Welcome ceremony' (Cho Ray visit) (09:01–10:00 on 2026-03-10) changed after the \
         guests' itinerary was printed on 2026-03-05 16:20; reprint it for the guests"
    );

    set_times(
        &mut plan,
        "cr-welcome",
        "2026-03-10 09:00",
        "2026-03-10 10:00",
    );
    item_mut(&mut plan, "cr-welcome").status = ItemStatus::Cancelled;
    let found = of(
        &checked_with(&plan, &[], &printed),
        ConflictCode::ChangedAfterPrinted,
    );
    assert_eq!(
        found.len(),
        1,
        "cancelling a printed item needs a reprint even though it books nothing"
    );
}

#[test]
fn acknowledged_warnings_survive_rechecks_and_blocking_ones_cannot_be_acknowledged() {
    let mut plan = base_plan();
    item_mut(&mut plan, "cr-neuro").extra_attendees = 4;
    let warning = one(&plan, ConflictCode::VenueOverCapacity);
    let ack = acknowledge(
        &warning,
        "two observers stand at the back",
        "Jeon Hye-jin",
        seoul("2026-03-06 10:00"),
    )
    .expect("warnings can be acknowledged");
    let acks = [ack];

    set_times(
        &mut plan,
        "cr-neuro",
        "2026-03-10 14:10",
        "2026-03-10 15:00",
    );
    let found = of(
        &checked_with(&plan, &acks, &PrintLog::new()),
        ConflictCode::VenueOverCapacity,
    );
    let flagged = found[0]
        .acknowledged
        .as_ref()
        .expect("the same items on the same venue keep their acknowledgement");
    assert_eq!(flagged.reason, "two observers stand at the back");
    assert_eq!(flagged.by, "Jeon Hye-jin");

    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:45",
        "2026-03-10 12:00",
    );
    let blocking = one(&plan, ConflictCode::VenueDoubleBooked);
    assert!(
        acknowledge(
            &blocking,
            "we will squeeze",
            "Jeon Hye-jin",
            seoul("2026-03-06 10:00")
        )
        .is_err(),
        "blocking conflicts cannot be acknowledged"
    );
    let forged = [conflicts::AcknowledgedConflict {
        id: blocking.id(),
        acknowledgement: flagged.clone(),
    }];
    let found = of(
        &checked_with(&plan, &forged, &PrintLog::new()),
        ConflictCode::VenueDoubleBooked,
    );
    assert!(
        found[0].acknowledged.is_none(),
        "a stored acknowledgement never hides a blocking conflict"
    );
    assert!(
        acknowledge(&warning, "  ", "Jeon Hye-jin", seoul("2026-03-06 10:00")).is_err(),
        "a reason is required"
    );
}

#[test]
fn blocking_conflicts_come_first_and_json_lists_codes_and_keys() {
    let mut plan = base_plan();
    item_mut(&mut plan, "cr-neuro").extra_attendees = 4; // warning at 14:00
    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:45",
        "2026-03-10 12:00",
    ); // blocking at 10:45
    set_times(&mut plan, "rz-mou", "2026-03-11 19:00", "2026-03-11 20:01"); // blocking on the 11th
    let found = checked(&plan);
    let first_warning = found
        .iter()
        .position(|c| c.severity == Severity::Warning)
        .expect("a warning");
    assert!(
        found[..first_warning].iter().all(Conflict::is_blocking),
        "blocking conflicts come first"
    );
    assert!(
        found[first_warning..].iter().all(|c| !c.is_blocking()),
        "then warnings"
    );
    assert!(found[0].start <= found[1].start, "then by time");

    let json: serde_json::Value =
        serde_json::from_str(&conflicts::report::to_json(&found)).expect("valid JSON");
    assert_eq!(json["blocking"], first_warning as u64);
    assert_eq!(json["conflicts"][0]["code"], "venue_double_booked");
    assert_eq!(json["conflicts"][0]["severity"], "blocking");
    assert_eq!(json["conflicts"][0]["items"][0], "cr-intro");
    assert_eq!(
        json["conflicts"][0]["resources"][0]["key"],
        "annex-5f-conference"
    );
    assert_eq!(
        json["conflicts"][0]["start"], "2026-03-10T10:45:00+09:00",
        "times keep the local offset"
    );

    let rizhao = conflicts::report::of_delegation(found.clone(), &key("rizhao-2026-03"));
    assert!(
        rizhao
            .iter()
            .all(|c| c.delegations.contains(&key("rizhao-2026-03")))
    );
    assert!(
        conflicts::report::has_blocking(&rizhao),
        "the MOU outside opening hours blocks"
    );
    let text = conflicts::report::to_text(&found);
    assert!(
        text.contains("BLOCKING venue_double_booked: Annex 5F"),
        "{text}"
    );
}

#[test]
fn dragging_a_new_item_is_checked_against_every_visit() {
    let plan = base_plan();
    let printed = PrintLog::new();
    let index = Index::build(&plan, &[], &printed);
    let mut tea = new_item(
        "rz-tea",
        "Tea with the director",
        "2026-03-10 09:30",
        "2026-03-10 10:30",
        "annex-5f-conference",
        &["director-kim"],
    );
    tea = interpreted(tea, "interp-zh", "ko-zh");
    let found = index
        .check_item(&tea, &key("rizhao-2026-03"))
        .expect("known delegation");
    let codes: Vec<ConflictCode> = found.iter().map(|c| c.code).collect();
    assert!(
        codes.contains(&ConflictCode::VenueDoubleBooked),
        "the room is taken by Cho Ray: {codes:?}"
    );
    assert!(
        codes.contains(&ConflictCode::HostDoubleBooked),
        "the director is at the Cho Ray welcome"
    );
    assert!(
        codes.contains(&ConflictCode::OutsideStay),
        "Rizhao arrives on the 11th"
    );
    assert!(
        found.iter().all(|c| c.items.contains(&tea.key)),
        "only the dragged item's conflicts"
    );

    tea.start = seoul("2026-03-11 11:15");
    tea.end = seoul("2026-03-11 12:00");
    assert!(
        index
            .check_item(&tea, &key("rizhao-2026-03"))
            .expect("known")
            .is_empty(),
        "after the MOU and a break for the interpreter, all is free"
    );
    assert!(
        index.check_item(&tea, &key("nobody")).is_err(),
        "an unknown delegation is an error, not silence"
    );
}
