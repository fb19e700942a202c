//! A realistic week at the hospital for the conflict checker's tests, built as a `Plan` value.
//!
//! Three visits overlap on 10–11 March 2026 (Asia/Seoul): the Cho Ray Hospital delegation
//! from Ho Chi Minh City (vi), the Samarkand regional hospital delegation (uz, ru) and the
//! 日照市人民医院 delegation (zh). They share the Annex 5F International Conference Room, the
//! hospital director and the one Uzbek interpreter. The main campus (main hospital + annex),
//! the convention centre and the animal laboratory are separate sites; travel between the
//! main campus and the convention centre is asymmetric (30 min there, 40 min back), and no
//! travel time to the animal laboratory is recorded.
//!
//! [`base_plan`] has no conflict at all (a test asserts it), so each test changes one thing
//! and sees exactly the rule it aims at.

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use itinera::model::*;
use itinera::plan::{DelegationPlan, Plan};

/// A key from a literal.
pub fn key(s: &str) -> Key {
    Key::new(s).expect("fixture keys are valid")
}

/// Seoul local time, `"2026-03-10 09:00"`.
pub fn seoul(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_str(&format!("{s} +09:00"), "%Y-%m-%d %H:%M %z")
        .expect("fixture times are valid")
}

/// English and Korean text.
pub fn en_ko(en: &str, ko: &str) -> LocalizedText {
    LocalizedText::one(Lang::En, en).with(Lang::Ko, ko)
}

fn hours(days: &[Day], open: &str, close: &str) -> WeeklyHours {
    WeeklyHours {
        days: days.to_vec(),
        open: open.parse().expect("fixture clock time"),
        close: close.parse().expect("fixture clock time"),
    }
}

const WEEKDAYS: [Day; 5] = [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];

fn pair(s: &str) -> LanguagePair {
    s.parse().expect("fixture language pair")
}

fn site(k: &str, name: LocalizedText) -> Site {
    Site {
        key: key(k),
        name,
        timezone: Tz::Asia__Seoul,
        address: None,
    }
}

fn venue(k: &str, site: &str, name: LocalizedText, capacity: u32) -> Venue {
    Venue {
        key: key(k),
        site: key(site),
        name,
        building: LocalizedText::default(),
        floor: None,
        capacity,
        opening_hours: vec![],
        closures: vec![],
        rules: LocalizedText::default(),
    }
}

fn host(k: &str, name: LocalizedText, title: LocalizedText, langs: &[Lang]) -> Host {
    Host {
        key: key(k),
        name,
        title,
        department: LocalizedText::default(),
        phone: None,
        phone_private: false,
        languages: langs.to_vec(),
        availability: Availability::default(),
    }
}

fn interpreter(k: &str, name: &str, pairs: &[&str]) -> Interpreter {
    Interpreter {
        key: key(k),
        name: LocalizedText::one(Lang::En, name),
        pairs: pairs.iter().map(|p| pair(p)).collect(),
        affiliation: Affiliation::InHouse,
        phone: None,
        availability: Availability::default(),
        max_continuous_minutes: 90,
        max_daily_minutes: 360,
    }
}

fn member(k: &str, native: &str, romanized: &str, precedence: u32, langs: &[Lang]) -> Member {
    Member {
        key: key(k),
        native_name: native.into(),
        romanized_name: Some(romanized.into()),
        title: LocalizedText::default(),
        precedence,
        dietary: None,
        accessibility: None,
        languages: langs.to_vec(),
        email: None,
        phone: None,
        notes: None,
    }
}

/// A confirmed item of the whole delegation, with nothing booked yet.
pub fn item(
    k: &str,
    kind: ItemKind,
    title: LocalizedText,
    start: &str,
    end: &str,
) -> ItineraryItem {
    ItineraryItem {
        key: key(k),
        kind,
        title,
        guest_notes: LocalizedText::default(),
        internal_notes: None,
        start: seoul(start),
        end: seoul(end),
        timezone: None,
        overnight: false,
        venue: None,
        location: LocalizedText::default(),
        hosts: vec![],
        participants: Participants::Everyone,
        interpreters: vec![],
        extra_attendees: 0,
        status: ItemStatus::Confirmed,
    }
}

fn at(mut i: ItineraryItem, venue: &str) -> ItineraryItem {
    i.venue = Some(key(venue));
    i
}

fn hosted(mut i: ItineraryItem, hosts: &[&str]) -> ItineraryItem {
    i.hosts = hosts.iter().map(|h| key(h)).collect();
    i
}

/// Assigns an interpreter for a pair.
pub fn interpreted(mut i: ItineraryItem, who: &str, p: &str) -> ItineraryItem {
    i.interpreters.push(InterpreterAssignment {
        interpreter: key(who),
        pair: pair(p),
    });
    i
}

fn for_groups(mut i: ItineraryItem, groups: &[&str]) -> ItineraryItem {
    i.participants = Participants::Selected {
        subgroups: groups.iter().map(|g| key(g)).collect(),
        members: vec![],
    };
    i
}

#[allow(clippy::too_many_arguments)]
fn delegation(
    k: &str,
    name: LocalizedText,
    langs: &[Lang],
    arrival: &str,
    departure: &str,
    subgroups: Vec<SubGroup>,
    members: Vec<Member>,
    items: Vec<ItineraryItem>,
) -> DelegationPlan {
    DelegationPlan {
        delegation: Delegation {
            key: key(k),
            name,
            organisation: LocalizedText::default(),
            country: None,
            languages: langs.to_vec(),
            timezone: Tz::Asia__Seoul,
            arrival: seoul(arrival),
            departure: seoul(departure),
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
}

fn subgroup(k: &str, name: &str, members: &[&str]) -> SubGroup {
    SubGroup {
        key: key(k),
        name: LocalizedText::one(Lang::En, name),
        members: members.iter().map(|m| key(m)).collect(),
    }
}

/// The conflict-free starting situation (see the module documentation).
pub fn base_plan() -> Plan {
    let mut annex = venue(
        "annex-5f-conference",
        "main-campus",
        en_ko(
            "Annex 5F International Conference Room",
            "별관 5층 국제회의실",
        ),
        40,
    );
    annex.opening_hours = vec![
        hours(&WEEKDAYS, "08:00", "20:00"),
        hours(&[Day::Sat], "09:00", "13:00"),
    ];
    annex.closures = vec![DateRange {
        from: NaiveDate::from_ymd_opt(2026, 3, 12).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 3, 12).expect("date"),
        reason: Some("audio system replacement".into()),
    }];
    let mut gallery = venue(
        "robotic-or-gallery",
        "main-campus",
        en_ko("Robotic Surgery OR Gallery", "로봇수술실 참관실"),
        6,
    );
    gallery.rules = LocalizedText::one(Lang::En, "max 4 observers, gowning required");

    let mut director = host(
        "director-kim",
        en_ko("Kim Min-jun", "김민준"),
        en_ko("Hospital Director", "병원장"),
        &[Lang::Ko, Lang::En],
    );
    director.availability = Availability {
        working_hours: vec![hours(&WEEKDAYS, "08:00", "18:00")],
        busy: vec![BusyBlock {
            start: seoul("2026-03-11 13:00"),
            end: seoul("2026-03-11 15:00"),
            reason: Some("board meeting".into()),
        }],
    };

    let cho_ray = delegation(
        "choray-2026-03",
        LocalizedText::one(Lang::En, "Cho Ray visit").with(Lang::Vi, "Đoàn Bệnh viện Chợ Rẫy"),
        &[Lang::Vi],
        "2026-03-10 08:30",
        "2026-03-12 18:00",
        vec![
            subgroup("neuro", "Neurosurgery", &["son", "minh"]),
            subgroup("radiology", "Radiology", &["hoa"]),
        ],
        vec![
            member("son", "Nguyễn Trường Sơn", "Nguyen Truong Son", 1, &[]),
            member(
                "hoa",
                "Trần Thị Hoa",
                "Tran Thi Hoa",
                2,
                &[Lang::Vi, Lang::En],
            ),
            member(
                "minh",
                "Lê Văn Minh",
                "Le Van Minh",
                3,
                &[Lang::Vi, Lang::En],
            ),
        ],
        vec![
            interpreted(
                hosted(
                    at(
                        item(
                            "cr-welcome",
                            ItemKind::Ceremony,
                            en_ko("Welcome ceremony", "환영식"),
                            "2026-03-10 09:00",
                            "2026-03-10 10:00",
                        ),
                        "annex-5f-conference",
                    ),
                    &["director-kim"],
                ),
                "interp-vi",
                "ko-vi",
            ),
            interpreted(
                hosted(
                    at(
                        item(
                            "cr-intro",
                            ItemKind::Meeting,
                            en_ko("Hospital introduction", "병원 소개"),
                            "2026-03-10 10:15",
                            "2026-03-10 11:00",
                        ),
                        "annex-5f-conference",
                    ),
                    &["dr-park"],
                ),
                "interp-vi",
                "ko-vi",
            ),
            {
                let mut lunch = item(
                    "cr-lunch",
                    ItemKind::Meal,
                    en_ko("Lunch", "오찬"),
                    "2026-03-10 12:00",
                    "2026-03-10 13:00",
                );
                lunch.location = LocalizedText::one(Lang::En, "Hanu restaurant");
                lunch
            },
            for_groups(
                interpreted(
                    hosted(
                        at(
                            item(
                                "cr-neuro",
                                ItemKind::Observation,
                                en_ko("Neurosurgery observation", "신경외과 참관"),
                                "2026-03-10 14:00",
                                "2026-03-10 15:00",
                            ),
                            "robotic-or-gallery",
                        ),
                        &["dr-park"],
                    ),
                    "interp-vi",
                    "ko-vi",
                ),
                &["neuro"],
            ),
            for_groups(
                hosted(
                    at(
                        item(
                            "cr-radiology",
                            ItemKind::FacilityTour,
                            en_ko("Radiology department visit", "영상의학과 방문"),
                            "2026-03-10 14:00",
                            "2026-03-10 15:00",
                        ),
                        "radiology-suite",
                    ),
                    &["dr-choi"],
                ),
                &["radiology"],
            ),
            interpreted(
                at(
                    item(
                        "cr-lecture",
                        ItemKind::Lecture,
                        en_ko("Anti-aging course lecture", "항노화 강좌"),
                        "2026-03-10 16:00",
                        "2026-03-10 17:00",
                    ),
                    "convention-hall-b",
                ),
                "interp-vi",
                "ko-vi",
            ),
        ],
    );

    let samarkand = delegation(
        "samarkand-2026-03",
        LocalizedText::one(Lang::En, "Samarkand visit")
            .with(Lang::Uz, "Samarqand viloyat shifoxonasi"),
        &[Lang::Uz, Lang::Ru],
        "2026-03-10 07:00",
        "2026-03-11 20:00",
        vec![],
        vec![
            member(
                "begali",
                "Хакимов Бегали",
                "Hakimov Begʻali",
                1,
                &[Lang::Uz, Lang::Ru],
            ),
            member(
                "nodira",
                "Rustamova Nodira",
                "Rustamova Nodira",
                2,
                &[Lang::Uz],
            ),
        ],
        vec![
            interpreted(
                hosted(
                    at(
                        item(
                            "sm-welcome",
                            ItemKind::Ceremony,
                            en_ko("Welcome ceremony", "환영식"),
                            "2026-03-10 11:00",
                            "2026-03-10 12:00",
                        ),
                        "annex-5f-conference",
                    ),
                    &["director-kim"],
                ),
                "interp-uz",
                "ko-uz",
            ),
            interpreted(
                hosted(
                    at(
                        item(
                            "sm-talks",
                            ItemKind::Meeting,
                            en_ko("Talks with the hospital director", "병원장 면담"),
                            "2026-03-10 14:00",
                            "2026-03-10 15:30",
                        ),
                        "main-lobby",
                    ),
                    &["director-kim"],
                ),
                "interp-uz",
                "ko-uz",
            ),
        ],
    );

    let rizhao = delegation(
        "rizhao-2026-03",
        LocalizedText::one(Lang::En, "Rizhao visit").with(Lang::Zh, "日照市人民医院代表团"),
        &[Lang::Zh],
        "2026-03-11 08:00",
        "2026-03-12 12:00",
        vec![],
        vec![
            member("li-ming", "李明", "Li Ming", 1, &[Lang::Zh, Lang::En]),
            member("wang-fang", "王芳", "Wang Fang", 2, &[]),
        ],
        vec![interpreted(
            hosted(
                at(
                    item(
                        "rz-mou",
                        ItemKind::Ceremony,
                        en_ko("MOU signing", "MOU 체결식"),
                        "2026-03-11 10:00",
                        "2026-03-11 11:00",
                    ),
                    "annex-5f-conference",
                ),
                &["director-kim"],
            ),
            "interp-zh",
            "ko-zh",
        )],
    );

    Plan {
        sites: vec![
            site("main-campus", en_ko("Main campus", "본원")),
            site(
                "convention-centre",
                en_ko("Convention Centre", "컨벤션센터"),
            ),
            site("animal-lab", en_ko("Animal Laboratory", "동물실험센터")),
        ],
        travel: vec![
            TravelTime {
                from: key("main-campus"),
                to: key("convention-centre"),
                minutes: 30,
            },
            TravelTime {
                from: key("convention-centre"),
                to: key("main-campus"),
                minutes: 40,
            },
        ],
        venues: vec![
            annex,
            gallery,
            venue(
                "main-lobby",
                "main-campus",
                en_ko("Main Hospital Lobby", "본관 로비"),
                100,
            ),
            venue(
                "radiology-suite",
                "main-campus",
                en_ko("Radiology Suite", "영상의학과"),
                10,
            ),
            venue(
                "convention-hall-b",
                "convention-centre",
                en_ko("Convention Centre Hall B", "컨벤션센터 B홀"),
                200,
            ),
            venue(
                "animal-lab-1",
                "animal-lab",
                en_ko("Animal Laboratory Training Room", "동물실험 교육실"),
                12,
            ),
        ],
        hosts: vec![
            director,
            host(
                "dr-park",
                en_ko("Park Seo-yeon", "박서연"),
                en_ko("Head of Neurosurgery", "신경외과장"),
                &[Lang::Ko],
            ),
            host(
                "dr-choi",
                en_ko("Choi Woo-jin", "최우진"),
                en_ko("Radiologist", "영상의학과 교수"),
                &[Lang::Ko, Lang::En],
            ),
        ],
        interpreters: vec![
            interpreter("interp-vi", "Trần Thu Hà", &["ko-vi"]),
            interpreter("interp-uz", "Karimova Dilnoza", &["ko-uz", "ko-ru"]),
            interpreter("interp-zh", "Zhang Wei", &["ko-zh"]),
        ],
        delegations: vec![cho_ray, samarkand, rizhao],
        ..Plan::default()
    }
}

/// The item with `key`, for a test to change.
pub fn item_mut<'a>(plan: &'a mut Plan, k: &str) -> &'a mut ItineraryItem {
    plan.delegations
        .iter_mut()
        .flat_map(|d| d.items.iter_mut())
        .find(|i| i.key.as_str() == k)
        .expect("the fixture has this item")
}

/// The delegation with `key`, for a test to change.
pub fn delegation_mut<'a>(plan: &'a mut Plan, k: &str) -> &'a mut DelegationPlan {
    plan.delegations
        .iter_mut()
        .find(|d| d.delegation.key.as_str() == k)
        .expect("the fixture has this delegation")
}

/// Adds an item to a delegation.
pub fn add_item(plan: &mut Plan, delegation: &str, item: ItineraryItem) {
    delegation_mut(plan, delegation).items.push(item);
}

/// A new item at a venue with hosts.
pub fn new_item(
    k: &str,
    title: &str,
    start: &str,
    end: &str,
    venue: &str,
    hosts: &[&str],
) -> ItineraryItem {
    hosted(
        at(
            item(
                k,
                ItemKind::Meeting,
                LocalizedText::one(Lang::En, title),
                start,
                end,
            ),
            venue,
        ),
        hosts,
    )
}
