//! Printing speed, size and memory (run with `cargo bench --bench print`).
//!
//! Targets from issue 4, measured with the fonts already loaded:
//! - one 3-day, 40-item bilingual (vi + ko) guest itinerary: ≤ 50 ms, ≤ 200 KB;
//! - 101 per-member itineraries of a 3-day course in six languages: ≤ 2 s in total;
//! - peak heap memory of each, via a counting global allocator.

use std::time::{Duration, Instant};

use itinera::model::{Key, Lang};
use itinera::plan::Plan;
use itinera::print::{Audience, Fonts, PrintOptions, guest_itineraries, guest_itinerary};
use peak_alloc::PeakAlloc;
use serde_json::{Value, json};

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

const TITLES: [[&str; 3]; 8] = [
    ["환영식", "Lễ chào mừng", "Welcome ceremony"],
    [
        "병원 소개",
        "Giới thiệu bệnh viện",
        "Introduction to the hospital",
    ],
    [
        "유방암센터 견학",
        "Tham quan Trung tâm Ung thư Vú",
        "Tour of the Breast Cancer Centre",
    ],
    [
        "로봇수술 참관",
        "Quan sát phẫu thuật bằng robot",
        "Observation of robotic surgery",
    ],
    ["점심 식사", "Ăn trưa", "Lunch"],
    [
        "병원장 면담",
        "Hội kiến Giám đốc Bệnh viện",
        "Meeting with the Hospital Director",
    ],
    [
        "공동연구 및 연수 협의",
        "Trao đổi về hợp tác nghiên cứu và đào tạo",
        "Talks on joint research and training",
    ],
    [
        "업무협약(MOU) 체결식",
        "Lễ ký kết Biên bản ghi nhớ (MOU)",
        "MOU signing ceremony",
    ],
];

fn directory() -> Value {
    json!({
        "format": "itinera-plan", "version": 1,
        "sites": [{"key": "main", "name": {"ko": "본원", "en": "Main hospital"}, "timezone": "Asia/Seoul"}],
        "venues": [
            {"key": "annex-5f", "site": "main", "name": {"ko": "국제회의실", "en": "International Conference Room", "vi": "Phòng Hội nghị Quốc tế"}, "building": {"ko": "별관", "en": "Annex"}, "floor": "5F", "capacity": 400},
            {"key": "hall", "site": "main", "name": {"ko": "대강당", "en": "Main auditorium", "zh": "大礼堂", "ja": "大講堂"}, "floor": "B1", "capacity": 400}
        ],
        "hosts": [{"key": "director", "name": {"ko": "김철수", "en": "Kim Cheol-su"}, "title": {"ko": "병원장", "en": "Hospital Director"}, "phone": "+82-10-9999-0001", "phone_private": true}],
        "delegations": []
    })
}

fn item(key: String, n: usize, day: usize, slot: usize, participants: Value) -> Value {
    let t = TITLES[n % TITLES.len()];
    let start = 8 * 60 + 30 + slot as u32 * 36;
    let at = |m: u32| {
        format!(
            "2026-03-{:02}T{:02}:{:02}:00+09:00",
            10 + day,
            m / 60,
            m % 60
        )
    };
    json!({
        "key": key, "kind": "meeting",
        "title": {"ko": t[0], "vi": t[1], "en": t[2]},
        "guest_notes": {"vi": "Vui lòng có mặt trước 10 phút", "ko": "10분 전 도착"},
        "internal_notes": "내부 메모",
        "start": at(start), "end": at(start + 33),
        "venue": if n.is_multiple_of(2) { "annex-5f" } else { "hall" },
        "hosts": ["director"], "participants": participants, "status": "confirmed"
    })
}

/// The Cho Ray visit: 3 days, 40 items, 6 members, Vietnamese with Korean.
fn forty_items() -> Plan {
    let mut plan = directory();
    let mut items = Vec::new();
    let mut n = 0;
    for (day, count) in [14, 13, 13].into_iter().enumerate() {
        for slot in 0..count {
            items.push(item(
                format!("cr-{day}-{slot}"),
                n,
                day,
                slot,
                json!("everyone"),
            ));
            n += 1;
        }
    }
    let names = [
        "Nguyễn Trường Sơn",
        "Phạm Thị Hồng Nhung",
        "Lê Văn Đức",
        "Trần Quốc Bảo",
        "Võ Thị Thu Hà",
        "Đặng Minh Khoa",
    ];
    let members: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"key": format!("m{i}"), "native_name": m, "precedence": i + 1}))
        .collect();
    plan["delegations"] = json!([{
        "key": "choray", "name": {"vi": "Đoàn Bệnh viện Chợ Rẫy", "ko": "쩌라이병원 방문단"}, "languages": ["vi"],
        "timezone": "Asia/Seoul", "arrival": "2026-03-10T08:00:00+09:00", "departure": "2026-03-12T19:00:00+09:00",
        "coordinator": {"name": "박지민", "phone": "+82-2-3410-1234"},
        "members": members, "items": items
    }]);
    serde_json::from_value(plan).expect("valid plan")
}

/// The 1st Asia-Pacific Anti-Aging Course: 101 doctors in four tracks, plenaries and track
/// sessions over 3 days; members read six languages.
fn course() -> Plan {
    let mut plan = directory();
    let langs = ["vi", "ru", "zh", "ja", "en", "uz"];
    let names = [
        "Nguyễn Văn An",
        "Хакимов Бегали",
        "李明",
        "山田太郎",
        "Emily Carter",
        "Hakimov Begʻali",
    ];
    let members: Vec<Value> = (0..101)
        .map(|i| json!({"key": format!("doc{i:03}"), "native_name": format!("{} {}", names[i % 6], i), "precedence": i + 1, "languages": [langs[i % 6]]}))
        .collect();
    let tracks = ["dermatology", "plastic", "hair", "dentistry"];
    let subgroups: Vec<Value> = tracks
        .iter()
        .enumerate()
        .map(|(t, k)| json!({"key": k, "name": {"en": k, "ko": k}, "members": (0..101).filter(|i| i % 4 == t).map(|i| format!("doc{i:03}")).collect::<Vec<_>>()}))
        .collect();
    let mut items = Vec::new();
    let mut n = 0;
    for day in 0..3 {
        for slot in 0..12 {
            let participants = if slot % 3 == 0 {
                json!("everyone")
            } else {
                json!({"subgroups": [tracks[slot % 4]]})
            };
            items.push(item(format!("c-{day}-{slot}"), n, day, slot, participants));
            n += 1;
        }
    }
    plan["delegations"] = json!([{
        "key": "apac-course", "name": {"en": "1st Asia-Pacific Anti-Aging Course", "ko": "제1회 아시아태평양 항노화 코스"},
        "languages": ["en"], "timezone": "Asia/Seoul",
        "arrival": "2026-03-10T08:00:00+09:00", "departure": "2026-03-12T19:00:00+09:00",
        "subgroups": subgroups, "members": members, "items": items
    }]);
    serde_json::from_value(plan).expect("valid plan")
}

fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(v[0]), ms(v[v.len() / 2]), ms(v[v.len() - 1]))
}

fn main() {
    let t = Instant::now();
    let fonts = Fonts::new();
    fonts.preload().expect("bundled fonts parse");
    println!(
        "fonts: parsed all 8 faces in {:.0} ms (once per process)",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let plan = forty_items();
    let key = Key::new("choray").expect("key");
    let opts = PrintOptions {
        language: Some(Lang::Vi),
        with: Some(Lang::Ko),
        institution: "삼성서울병원".into(),
        ..Default::default()
    };
    let warm = guest_itinerary(&plan, &fonts, &key, &Audience::Delegation, &opts).expect("prints");
    PEAK.reset_peak_usage();
    let base = PEAK.current_usage();
    let mut times = Vec::new();
    let mut size = warm.len();
    for _ in 0..30 {
        let t = Instant::now();
        let pdf =
            guest_itinerary(&plan, &fonts, &key, &Audience::Delegation, &opts).expect("prints");
        times.push(t.elapsed());
        size = pdf.len();
    }
    let peak = (PEAK.peak_usage() - base) as f64 / 1_048_576.0;
    let (min, med, max) = stats(times);
    println!(
        "guest itinerary, 3 days, 40 items, vi+ko: median {med:.1} ms (min {min:.1}, max {max:.1}; target ≤ 50), {:.0} KB (target ≤ 200), peak heap +{peak:.1} MB",
        size as f64 / 1024.0
    );

    let sheet =
        itinera::print::guest_sheet(&plan, &key, &Audience::Delegation, &opts).expect("sheet");
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let pages = itinera::print::pages(&sheet, &fonts).expect("layout");
        times.push(t.elapsed());
        assert!(!pages.is_empty());
    }
    let (_, med, _) = stats(times);
    println!(
        "  of which layout (wrapping, pagination): median {med:.1} ms; the rest is PDF writing and font subsetting"
    );

    let plan = course();
    let key = Key::new("apac-course").expect("key");
    let d = plan.delegation(&key).expect("course");
    let members: Vec<(Key, Lang)> = d
        .members
        .iter()
        .map(|m| (m.key.clone(), m.languages[0]))
        .collect();
    PEAK.reset_peak_usage();
    let base = PEAK.current_usage();
    let t = Instant::now();
    let mut total = 0usize;
    for (m, lang) in &members {
        let opts = PrintOptions {
            language: Some(*lang),
            with: Some(Lang::Ko),
            institution: "삼성서울병원".into(),
            ..Default::default()
        };
        total += guest_itinerary(&plan, &fonts, &key, &Audience::Member(m.clone()), &opts)
            .expect("prints")
            .len();
    }
    let elapsed = t.elapsed().as_secs_f64();
    let peak = (PEAK.peak_usage() - base) as f64 / 1_048_576.0;
    println!(
        "101 per-member itineraries of a 3-day course (6 languages + ko): {elapsed:.2} s total (target ≤ 2 s), {:.1} ms each, {:.0} KB average, peak heap +{peak:.1} MB",
        elapsed * 1000.0 / members.len() as f64,
        total as f64 / members.len() as f64 / 1024.0
    );
    let copies: Vec<(Audience, PrintOptions)> = members
        .iter()
        .map(|(m, lang)| {
            let opts = PrintOptions {
                language: Some(*lang),
                with: Some(Lang::Ko),
                institution: "삼성서울병원".into(),
                ..Default::default()
            };
            (Audience::Member(m.clone()), opts)
        })
        .collect();
    let t = Instant::now();
    let all = guest_itineraries(&plan, &fonts, &key, &copies);
    let elapsed = t.elapsed().as_secs_f64();
    assert!(all.iter().all(Result::is_ok), "every copy prints");
    println!(
        "  the same 101 copies with guest_itineraries on {} threads: {elapsed:.2} s total",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "process peak heap (fonts included): {:.0} MB",
        PEAK.peak_usage_as_mb()
    );
}
