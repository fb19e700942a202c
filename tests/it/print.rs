//! Printed itineraries: every guest language round-trips through `pdftotext`, fonts are
//! embedded and subset, pages have the right size and count, nothing internal reaches a guest
//! copy, rows stay inside the page, and pages are rendered to PNG for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use itinera::model::{ItemKind, ItemStatus, Key, Lang};
use itinera::plan::Plan;
use itinera::print::layout::MARGIN_X;
use itinera::print::{self, Audience, ChangesBox, Fonts, Paper, PrintOptions, ReleaseLabel};
use itinera::release::{ReleaseSnapshot, diff};
use serde_json::{Value, json};

pub mod fixture {
    //! A realistic office: two sites, six delegations visiting at the same time in six
    //! languages, shared hosts and interpreters, internal items and private phones.

    use super::*;

    /// (kind, venue or "" for off-site, [ko, en, vi, ru, zh, uz, ja])
    const ACTIVITIES: [(&str, &str, [&str; 7]); 14] = [
        (
            "ceremony",
            "annex-5f",
            [
                "환영식",
                "Welcome ceremony",
                "Lễ chào mừng",
                "Церемония приветствия",
                "欢迎仪式",
                "Kutib olish marosimi",
                "歓迎式",
            ],
        ),
        (
            "lecture",
            "annex-5f",
            [
                "병원 소개",
                "Introduction to the hospital",
                "Giới thiệu bệnh viện",
                "Знакомство с больницей",
                "医院介绍",
                "Kasalxona bilan tanishuv",
                "病院紹介",
            ],
        ),
        (
            "facility_tour",
            "breast-centre",
            [
                "유방암센터 견학",
                "Tour of the Breast Cancer Centre",
                "Tham quan Trung tâm Ung thư Vú",
                "Посещение Центра рака молочной железы",
                "参观乳腺癌中心",
                "Koʻkrak saratoni markaziga tashrif",
                "乳がんセンター見学",
            ],
        ),
        (
            "observation",
            "or-gallery",
            [
                "로봇수술 참관",
                "Observation of robotic surgery",
                "Quan sát phẫu thuật bằng robot",
                "Наблюдение за роботизированной операцией",
                "观摩机器人手术",
                "Robotlashtirilgan jarrohlikni kuzatish",
                "ロボット手術の見学",
            ],
        ),
        (
            "meal",
            "canteen",
            [
                "점심 식사",
                "Lunch",
                "Ăn trưa",
                "Обед",
                "午餐",
                "Tushlik",
                "昼食",
            ],
        ),
        (
            "meeting",
            "director-office",
            [
                "병원장 면담",
                "Meeting with the Hospital Director",
                "Hội kiến Giám đốc Bệnh viện",
                "Встреча с директором больницы",
                "与院长会谈",
                "Kasalxona direktori bilan uchrashuv",
                "病院長との面談",
            ],
        ),
        (
            "facility_tour",
            "neuro",
            [
                "신경외과 방문",
                "Visit to Neurosurgery",
                "Thăm Khoa Phẫu thuật Thần kinh",
                "Посещение отделения нейрохирургии",
                "参观神经外科",
                "Neyroxirurgiya boʻlimiga tashrif",
                "脳神経外科訪問",
            ],
        ),
        (
            "facility_tour",
            "rehab",
            [
                "재활의학과 견학",
                "Tour of Rehabilitation Medicine",
                "Tham quan Khoa Phục hồi chức năng",
                "Посещение отделения реабилитации",
                "参观康复医学科",
                "Reabilitatsiya boʻlimiga tashrif",
                "リハビリテーション科見学",
            ],
        ),
        (
            "meeting",
            "annex-5f",
            [
                "공동연구 및 연수 협의",
                "Talks on joint research and training",
                "Trao đổi về hợp tác nghiên cứu và đào tạo",
                "Переговоры о совместных исследованиях и обучении",
                "关于联合研究与培训的会谈",
                "Qoʻshma tadqiqot va oʻqitish boʻyicha muzokaralar",
                "共同研究・研修に関する協議",
            ],
        ),
        (
            "ceremony",
            "annex-5f",
            [
                "업무협약(MOU) 체결식",
                "MOU signing ceremony",
                "Lễ ký kết Biên bản ghi nhớ (MOU)",
                "Церемония подписания меморандума",
                "合作备忘录签约仪式",
                "Anglashuv memorandumini imzolash marosimi",
                "MOU調印式",
            ],
        ),
        (
            "facility_tour",
            "health-promotion",
            [
                "건강증진센터 견학",
                "Tour of the Health Promotion Centre",
                "Tham quan Trung tâm Nâng cao Sức khỏe",
                "Посещение Центра укрепления здоровья",
                "参观健康促进中心",
                "Salomatlikni mustahkamlash markaziga tashrif",
                "健康増進センター見学",
            ],
        ),
        (
            "transfer",
            "",
            [
                "컨벤션센터 이동",
                "Transfer to the convention centre",
                "Di chuyển đến Trung tâm Hội nghị",
                "Переезд в конгресс-центр",
                "前往会展中心",
                "Kongress markaziga yoʻl olish",
                "コンベンションセンターへ移動",
            ],
        ),
        (
            "lecture",
            "convention-hall",
            [
                "아시아태평양 항노화 강좌",
                "Asia-Pacific Anti-Aging Course lecture",
                "Bài giảng Khóa học Chống lão hóa châu Á – Thái Bình Dương",
                "Лекция Азиатско-Тихоокеанского курса антиэйджинга",
                "亚太抗衰老课程讲座",
                "Osiyo-Tinch okeani qarishga qarshi kursi maʼruzasi",
                "アジア太平洋アンチエイジング講座",
            ],
        ),
        (
            "facility_tour",
            "plastic",
            [
                "성형외과 외래 견학",
                "Tour of the Plastic Surgery Outpatient Clinic",
                "Tham quan Phòng khám Phẫu thuật Thẩm mỹ",
                "Посещение амбулатории пластической хирургии",
                "参观整形外科门诊",
                "Plastik jarrohlik poliklinikasiga tashrif",
                "形成外科外来見学",
            ],
        ),
    ];

    const GOWNING: [&str; 7] = [
        "가운 착용 필수, 참관 최대 4명",
        "Gowning required; at most 4 observers",
        "Bắt buộc mặc áo choàng; tối đa 4 người quan sát",
        "Обязательно переодевание; не более 4 наблюдателей",
        "须穿手术衣，最多4名观摩者",
        "Xalat kiyish shart; koʻpi bilan 4 kuzatuvchi",
        "ガウン着用必須、見学者は最大4名",
    ];

    fn idx(lang: Lang) -> usize {
        match lang {
            Lang::Ko => 0,
            Lang::En => 1,
            Lang::Vi => 2,
            Lang::Ru => 3,
            Lang::Zh => 4,
            Lang::Uz => 5,
            Lang::Ja => 6,
        }
    }

    /// `{"ko": …, "en": …, guest: …}` from a row of seven translations.
    pub fn text(row: &[&str; 7], guest: Lang) -> Value {
        json!({ "ko": row[0], "en": row[1], guest.code(): row[idx(guest)] })
    }

    /// `per_day` guest items a day for `days` days from 2026-03-10, plus one internal
    /// rehearsal a day, in the delegation's language. Item keys start with `prefix`.
    pub fn programme(
        prefix: &str,
        guest: Lang,
        per_day: &[usize],
        subgroup: Option<&str>,
    ) -> Vec<Value> {
        let mut items = Vec::new();
        let mut n = 0;
        for (day, &count) in per_day.iter().enumerate() {
            let date = 10 + day;
            items.push(json!({
                "key": format!("{prefix}-rehearsal-{day}"),
                "kind": "internal",
                "title": {"ko": "의전 리허설", "en": "Protocol rehearsal (staff)"},
                "internal_notes": format!("VIP 주차 2대 확보 — 내부용 {prefix} {day}"),
                "start": format!("2026-03-{date:02}T07:30:00+09:00"),
                "end": format!("2026-03-{date:02}T08:15:00+09:00"),
                "venue": "annex-5f",
                "hosts": ["kim-intl"],
                "status": "confirmed"
            }));
            for slot in 0..count {
                let (kind, venue, titles) = ACTIVITIES[n % ACTIVITIES.len()];
                let start = 8 * 60 + 30 + slot as u32 * 36;
                let end = start + 33;
                let t = |m: u32| format!("2026-03-{date:02}T{:02}:{:02}:00+09:00", m / 60, m % 60);
                let mut item = json!({
                    "key": format!("{prefix}-{day}-{slot:02}"),
                    "kind": kind,
                    "title": text(&titles, guest),
                    "internal_notes": format!("간식 준비 확인 (내부) {prefix}-{day}-{slot}"),
                    "start": t(start),
                    "end": t(end),
                    "hosts": if slot % 2 == 0 { json!(["director"]) } else { json!(["kim-intl"]) },
                    "status": if slot % 5 == 4 { "tentative" } else { "confirmed" }
                });
                if venue.is_empty() {
                    item["location"] =
                        json!({"ko": "전용 버스 (정문)", "en": "Coach at the main gate"});
                } else {
                    item["venue"] = json!(venue);
                }
                if venue == "or-gallery" {
                    item["guest_notes"] = text(&GOWNING, guest);
                }
                if let (Some(g), 3) = (subgroup, slot % 4) {
                    item["participants"] = json!({"subgroups": [g]});
                }
                items.push(item);
                n += 1;
            }
        }
        items
    }

    fn member(
        key: &str,
        native: &str,
        roman: Option<&str>,
        title: Value,
        precedence: u32,
    ) -> Value {
        let mut m =
            json!({"key": key, "native_name": native, "title": title, "precedence": precedence});
        if let Some(r) = roman {
            m["romanized_name"] = json!(r);
        }
        m
    }

    fn delegation(
        key: &str,
        name: Value,
        org: Value,
        lang: Lang,
        members: Vec<Value>,
        items: Vec<Value>,
    ) -> Value {
        json!({
            "key": key, "name": name, "organisation": org, "languages": [lang.code()],
            "timezone": "Asia/Seoul",
            "arrival": "2026-03-10T08:00:00+09:00", "departure": "2026-03-12T19:00:00+09:00",
            "coordinator": {"name": "박지민 Park Ji-min", "phone": "+82-2-3410-1234"},
            "notes": format!("STAFF-NOTE {key}: 공항 의전 차량 2대"),
            "status": "confirmed",
            "members": members, "items": items
        })
    }

    /// The whole office plan.
    pub fn plan() -> Plan {
        let mut choray = delegation(
            "choray-2026-03",
            json!({"ko": "쩌라이병원 방문단", "en": "Cho Ray Hospital delegation", "vi": "Đoàn Bệnh viện Chợ Rẫy"}),
            json!({"vi": "Bệnh viện Chợ Rẫy, Thành phố Hồ Chí Minh", "en": "Cho Ray Hospital, Ho Chi Minh City"}),
            Lang::Vi,
            vec![
                member(
                    "son",
                    "Nguyễn Trường Sơn",
                    Some("Nguyen Truong Son"),
                    json!({"vi": "Phó Giám đốc Bệnh viện", "ko": "부병원장"}),
                    1,
                ),
                member(
                    "nhung",
                    "Phạm Thị Hồng Nhung",
                    Some("Pham Thi Hong Nhung"),
                    json!({"vi": "Trưởng phòng Điều dưỡng"}),
                    2,
                ),
                member(
                    "duc",
                    "Lê Văn Đức",
                    Some("Le Van Duc"),
                    json!({"vi": "Bác sĩ Phẫu thuật Thần kinh"}),
                    3,
                ),
                member(
                    "bao",
                    "Trần Quốc Bảo",
                    None,
                    json!({"vi": "Bác sĩ Chẩn đoán hình ảnh"}),
                    4,
                ),
                member(
                    "ha",
                    "Võ Thị Thu Hà",
                    None,
                    json!({"vi": "Điều dưỡng trưởng"}),
                    5,
                ),
            ],
            programme("cr", Lang::Vi, &[14, 13, 13], Some("surgeons")),
        );
        choray["subgroups"] = json!([{"key": "surgeons", "name": {"vi": "Nhóm phẫu thuật", "ko": "외과 그룹"}, "members": ["duc", "bao"]}]);
        choray["members"][0]["dietary"] = json!("Không ăn hải sản có vỏ");
        choray["members"][0]["notes"] = json!("MEMBER-NOTE prefers aisle seat");
        choray["members"][4]["accessibility"] = json!("Xe lăn (wheelchair)");
        let delegations = vec![
            choray,
            delegation(
                "irkutsk-2026-03",
                json!({"ko": "이르쿠츠크 종양센터 방문단", "en": "Irkutsk Oncology Centre delegation", "ru": "Делегация Иркутского онкологического центра"}),
                json!({"ru": "Иркутский областной онкологический диспансер"}),
                Lang::Ru,
                vec![
                    member(
                        "hakimov-ru",
                        "Хакимов Бегали",
                        Some("Khakimov Begali"),
                        json!({"ru": "Главный врач"}),
                        1,
                    ),
                    member(
                        "ivanova",
                        "Иванова Ольга Петровна",
                        Some("Ivanova Olga"),
                        json!({"ru": "Заведующая отделением"}),
                        2,
                    ),
                    member(
                        "smirnov",
                        "Смирнов Дмитрий Алексеевич",
                        None,
                        json!({"ru": "Хирург-онколог"}),
                        3,
                    ),
                ],
                programme("ir", Lang::Ru, &[6, 6], None),
            ),
            delegation(
                "samarkand-2026-03",
                json!({"ko": "사마르칸트 지역병원 방문단", "en": "Samarkand Regional Hospital delegation", "uz": "Samarqand viloyat shifoxonasi delegatsiyasi"}),
                json!({"uz": "Samarqand viloyat koʻp tarmoqli tibbiyot markazi"}),
                Lang::Uz,
                vec![
                    member(
                        "hakimov-uz",
                        "Hakimov Begʻali",
                        None,
                        json!({"uz": "Bosh shifokor"}),
                        1,
                    ),
                    member(
                        "tuxtayev",
                        "Toʻxtayev Gʻayrat",
                        None,
                        json!({"uz": "Jarrohlik boʻlimi mudiri"}),
                        2,
                    ),
                    member(
                        "yuldosheva",
                        "Yoʻldosheva Oʻgʻiloy",
                        None,
                        json!({"uz": "Bosh hamshira"}),
                        3,
                    ),
                ],
                programme("sq", Lang::Uz, &[6, 6], None),
            ),
            delegation(
                "rizhao-2026-03",
                json!({"ko": "일조시 인민병원 방문단", "en": "Rizhao People's Hospital delegation", "zh": "日照市人民医院代表团"}),
                json!({"zh": "日照市人民医院"}),
                Lang::Zh,
                vec![
                    member("li-ming", "李明", Some("Li Ming"), json!({"zh": "院长"}), 1),
                    member(
                        "wang-fang",
                        "王芳",
                        Some("Wang Fang"),
                        json!({"zh": "护理部主任"}),
                        2,
                    ),
                    member(
                        "zhang-wei",
                        "张伟",
                        Some("Zhang Wei"),
                        json!({"zh": "党委书记"}),
                        3,
                    ),
                ],
                programme("rz", Lang::Zh, &[6, 6], None),
            ),
            delegation(
                "kyushu-2026-03",
                json!({"ko": "규슈대학병원 간담췌외과", "en": "Kyushu University Hospital HBP surgery", "ja": "九州大学病院 肝胆膵外科"}),
                json!({"ja": "九州大学病院"}),
                Lang::Ja,
                vec![
                    member(
                        "yamada",
                        "山田太郎",
                        Some("Yamada Taro"),
                        json!({"ja": "肝胆膵外科教授"}),
                        1,
                    ),
                    member(
                        "sato",
                        "佐藤花子",
                        Some("Sato Hanako"),
                        json!({"ja": "准教授"}),
                        2,
                    ),
                    member(
                        "suzuki",
                        "鈴木一郎",
                        Some("Suzuki Ichiro"),
                        json!({"ja": "助教"}),
                        3,
                    ),
                ],
                programme("ky", Lang::Ja, &[6, 6], None),
            ),
            delegation(
                "tempus-2026-03",
                json!({"ko": "정밀의료 기업 킥오프", "en": "Precision medicine kick-off"}),
                json!({"en": "Helix Precision Medicine Inc."}),
                Lang::En,
                vec![
                    member(
                        "carter",
                        "Emily Carter",
                        None,
                        json!({"en": "Chief Medical Officer"}),
                        1,
                    ),
                    member(
                        "obrien",
                        "Daniel O'Brien",
                        None,
                        json!({"en": "Head of Partnerships"}),
                        2,
                    ),
                ],
                programme("tp", Lang::En, &[5, 5], None),
            ),
        ];
        let mut value = json!({
            "format": "itinera-plan", "version": 1,
            "sites": [
                {"key": "main", "name": {"ko": "본원", "en": "Main hospital", "vi": "Bệnh viện chính", "zh": "总院"}, "timezone": "Asia/Seoul", "address": "서울특별시 강남구 일원로 81"},
                {"key": "bexco", "name": {"ko": "컨벤션센터", "en": "Convention Centre", "vi": "Trung tâm Hội nghị"}, "timezone": "Asia/Seoul"}
            ],
            "travel": [{"from": "main", "to": "bexco", "minutes": 35}, {"from": "bexco", "to": "main", "minutes": 35}],
            "venues": [
                {"key": "annex-5f", "site": "main", "name": {"ko": "국제회의실", "en": "International Conference Room", "vi": "Phòng Hội nghị Quốc tế", "ru": "Международный конференц-зал", "zh": "国际会议室", "ja": "国際会議室", "uz": "Xalqaro konferensiya zali"}, "building": {"ko": "별관", "en": "Annex", "vi": "Tòa nhà phụ"}, "floor": "5F", "capacity": 60},
                {"key": "breast-centre", "site": "main", "name": {"ko": "유방암센터", "en": "Breast Cancer Centre"}, "building": {"ko": "암병원", "en": "Cancer Hospital"}, "floor": "2F", "capacity": 15},
                {"key": "or-gallery", "site": "main", "name": {"ko": "로봇수술실 참관실", "en": "Robotic OR gallery"}, "building": {"ko": "본관", "en": "Main building"}, "floor": "3F", "capacity": 4},
                {"key": "canteen", "site": "main", "name": {"ko": "교직원 식당", "en": "Staff restaurant"}, "floor": "B1", "capacity": 200},
                {"key": "director-office", "site": "main", "name": {"ko": "병원장실", "en": "Director's office"}, "building": {"ko": "본관", "en": "Main building"}, "floor": "12F", "capacity": 12},
                {"key": "neuro", "site": "main", "name": {"ko": "신경외과 외래", "en": "Neurosurgery clinic"}, "floor": "4F", "capacity": 10},
                {"key": "rehab", "site": "main", "name": {"ko": "재활의학과", "en": "Rehabilitation Medicine"}, "floor": "B2", "capacity": 10},
                {"key": "health-promotion", "site": "main", "name": {"ko": "건강증진센터", "en": "Health Promotion Centre"}, "floor": "1F", "capacity": 20},
                {"key": "convention-hall", "site": "bexco", "name": {"ko": "그랜드볼룸", "en": "Grand Ballroom"}, "floor": "3F", "capacity": 400},
                {"key": "plastic", "site": "main", "name": {"ko": "성형외과 외래", "en": "Plastic Surgery Clinic"}, "floor": "6F", "capacity": 8}
            ],
            "hosts": [
                {"key": "director", "name": {"ko": "김철수", "en": "Kim Cheol-su"}, "title": {"ko": "병원장", "en": "Hospital Director", "vi": "Giám đốc Bệnh viện"}, "phone": "+82-10-9999-0001", "phone_private": true, "languages": ["ko", "en"]},
                {"key": "kim-intl", "name": {"ko": "이수진", "en": "Lee Su-jin"}, "title": {"ko": "국제협력팀장", "en": "Head of International Affairs"}, "phone": "+82-2-3410-5555", "languages": ["ko", "en"]}
            ],
            "interpreters": [
                {"key": "mai", "name": {"ko": "쩐티마이", "en": "Trần Thị Mai"}, "pairs": ["ko-vi"], "phone": "+82-10-2222-3333"},
                {"key": "dilnoza", "name": {"ko": "딜노자", "en": "Dilnoza Xolmatova"}, "pairs": ["ko-ru", "ko-uz"], "phone": "+82-10-4444-5555"}
            ],
            "delegations": delegations
        });
        // Interpreters on a few items of two delegations each, so the interpreter sheet spans
        // delegations.
        for (d, who, pair) in [
            (0, "mai", "ko-vi"),
            (1, "dilnoza", "ko-ru"),
            (2, "dilnoza", "ko-uz"),
        ] {
            let items = value["delegations"][d]["items"]
                .as_array_mut()
                .expect("items");
            for item in items
                .iter_mut()
                .filter(|i| i["kind"] != "internal")
                .step_by(3)
            {
                item["interpreters"] = json!([{"interpreter": who, "pair": pair}]);
            }
        }
        // One cancelled guest item in the Vietnamese programme.
        value["delegations"][0]["items"][5]["status"] = json!("cancelled");
        serde_json::from_value(value).expect("the fixture is a valid plan")
    }
}

/// Where the rendered pages are kept for people to look at (gitignored).
fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts/print");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let path = artifacts().join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

fn text_of(path: &Path) -> String {
    run(
        "pdftotext",
        &["-enc", "UTF-8", path.to_str().expect("path"), "-"],
    )
}

/// Whitespace-free text, since wrapping may split a title across lines.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn release() -> ReleaseLabel {
    ReleaseLabel {
        version: 3,
        released_at: "2026-11-22T05:05:00Z".parse().expect("instant"),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn opts(lang: Lang) -> PrintOptions {
    PrintOptions {
        language: Some(lang),
        with: Some(Lang::Ko),
        institution: "삼성서울병원 Samsung Medical Center".into(),
        release: Some(release()),
        ..PrintOptions::default()
    }
}

fn guest_pdf(
    plan: &Plan,
    fonts: &Fonts,
    delegation: &str,
    audience: &Audience,
    o: &PrintOptions,
) -> Vec<u8> {
    print::guest_itinerary(plan, fonts, &key(delegation), audience, o).expect("guest copy prints")
}

#[test]
fn every_guest_language_round_trips_names_and_titles_exactly() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    for (del, lang) in [
        ("choray-2026-03", Lang::Vi),
        ("irkutsk-2026-03", Lang::Ru),
        ("rizhao-2026-03", Lang::Zh),
        ("samarkand-2026-03", Lang::Uz),
        ("kyushu-2026-03", Lang::Ja),
        ("tempus-2026-03", Lang::En),
    ] {
        let pdf = guest_pdf(&plan, &fonts, del, &Audience::Delegation, &opts(lang));
        let path = save(&format!("guest-{}.pdf", lang.code()), &pdf);
        let text = squash(&text_of(&path));
        let d = plan.delegation(&key(del)).expect("delegation");
        for m in &d.members {
            assert!(
                text.contains(&squash(&m.native_name)),
                "{lang}: member name '{}' must print exactly",
                m.native_name
            );
        }
        for item in d
            .items
            .iter()
            .filter(|i| i.kind != ItemKind::Internal && i.status != ItemStatus::Cancelled)
        {
            let title = item.title.best(lang);
            assert!(
                text.contains(&squash(title)),
                "{lang}: title '{title}' must print exactly"
            );
        }
        assert!(
            text.contains(&squash(d.delegation.name.best(lang))),
            "{lang}: delegation name"
        );
        assert!(
            text.contains("v3·2026-11-2214:05KST"),
            "{lang}: the release label is in the footer"
        );
        let fonts_table = run("pdffonts", &[path.to_str().expect("path")]);
        let rows: Vec<&str> = fonts_table.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{lang}: fonts are listed");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{lang}: every font embedded, subset, with ToUnicode: {row}"
            );
        }
    }
}

#[test]
fn chinese_and_japanese_use_their_own_cjk_faces() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    for (del, lang, face) in [
        ("rizhao-2026-03", Lang::Zh, "CJKsc"),
        ("kyushu-2026-03", Lang::Ja, "CJKjp"),
    ] {
        let path = save(
            &format!("faces-{}.pdf", lang.code()),
            &guest_pdf(&plan, &fonts, del, &Audience::Delegation, &opts(lang)),
        );
        let table = run("pdffonts", &[path.to_str().expect("path")]);
        assert!(
            table.contains(face),
            "{lang} text must be set in the {face} face:\n{table}"
        );
        assert!(
            table.contains("CJKkr"),
            "the Korean lines must be set in the KR face:\n{table}"
        );
    }
}

#[test]
fn a_forty_item_vietnamese_korean_itinerary_fits_four_a4_pages_and_letter_works() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    let d = plan.delegation(&key("choray-2026-03")).expect("delegation");
    let guest_items = d
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Internal)
        .count();
    assert_eq!(
        guest_items, 40,
        "the fixture is the 3-day, 40-item programme of the brief"
    );
    for (paper, size, max_pages) in [
        (Paper::A4, "595.28 x 841.89 pts (A4)", 4),
        (Paper::Letter, "612 x 792 pts (letter)", 5),
    ] {
        let mut o = opts(Lang::Vi);
        o.paper = paper;
        let sheet = print::guest_sheet(&plan, &key("choray-2026-03"), &Audience::Delegation, &o)
            .expect("sheet");
        let pages = print::pages(&sheet, &fonts).expect("layout");
        let path = save(
            &format!("choray-vi-ko-{paper:?}.pdf").to_lowercase(),
            &guest_pdf(&plan, &fonts, "choray-2026-03", &Audience::Delegation, &o),
        );
        let info = run("pdfinfo", &[path.to_str().expect("path")]);
        assert!(info.contains(size), "{paper:?} page size: {info}");
        let count = format!("Pages:           {}", pages.len());
        assert!(
            info.contains(&count),
            "pdfinfo must count the pages the layout made ({count}): {info}"
        );
        assert!(
            pages.len() <= max_pages,
            "{paper:?}: {} pages, at most {max_pages}",
            pages.len()
        );
        let text = text_of(&path);
        let last = format!("Trang {0}/{0}", pages.len());
        assert!(
            text.contains(&last),
            "the footer says 'page x of y' with the real total: {last}"
        );
    }
}

#[test]
fn rows_never_cross_the_margins_and_pagination_keeps_headings_with_rows() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    let mut sheets = Vec::new();
    for lang in [Lang::Vi, Lang::Ja] {
        let mut o = opts(lang);
        o.paper = Paper::Letter;
        sheets.push(
            print::guest_sheet(&plan, &key("choray-2026-03"), &Audience::Delegation, &o)
                .expect("sheet"),
        );
    }
    sheets.push(
        print::staff_sheet(&plan, &key("choray-2026-03"), &opts(Lang::Ko)).expect("staff sheet"),
    );
    for sheet in &sheets {
        let pages = print::pages(sheet, &fonts).expect("layout");
        let header_label = &sheet.table_header.cells[0][0].text;
        for (n, page) in pages.iter().enumerate() {
            for edge in &page.text_right_edges {
                assert!(
                    *edge <= page.width - MARGIN_X + 0.5,
                    "page {}: text ends at {edge}, past the right margin",
                    n + 1
                );
            }
            let texts: Vec<&str> = page.texts().collect();
            let has_rows = texts.iter().any(|t| is_time(t));
            if has_rows {
                assert!(
                    texts.contains(&header_label.as_str()),
                    "page {}: the table header repeats on every page with rows",
                    n + 1
                );
            }
            // A day heading is never the last thing before the footer: some row follows it.
            let headings: Vec<usize> = texts
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    sheet
                        .sections
                        .iter()
                        .any(|s| s.heading[0].text.starts_with(**t) && t.len() > 6)
                })
                .map(|(i, _)| i)
                .collect();
            if let Some(&last) = headings.last() {
                assert!(
                    texts[last..].iter().any(|t| is_time(t)),
                    "page {}: a day heading sits alone at the bottom",
                    n + 1
                );
            }
        }
    }
}

/// The text of a time cell, "08:30–09:03".
fn is_time(t: &str) -> bool {
    t.chars().count() == 11 && t.as_bytes()[2] == b':' && t.contains('–')
}

/// A small deterministic generator (xorshift), so the property test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn no_internal_note_item_or_private_phone_ever_reaches_a_guest_copy() {
    let fonts = Fonts::new();
    let base = fixture::plan();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..60 {
        let mut plan = base.clone();
        let di = rng.below(plan.delegations.len() as u64) as usize;
        let secret_note = format!("SECRET-NOTE-{case}-{}", rng.next() % 10_000);
        let secret_item = format!("SECRET-ITEM-{case}");
        let secret_phone = format!("+82-10-7777-{:04}", case);
        plan.hosts[0].phone = Some(secret_phone.clone());
        plan.hosts[0].phone_private = true;
        let d = &mut plan.delegations[di];
        let n = d.items.len() as u64;
        for _ in 0..(1 + rng.below(6)) {
            let i = rng.below(n) as usize;
            d.items[i].internal_notes = Some(format!("{secret_note} {}", rng.next()));
            if rng.below(3) == 0 {
                d.items[i].kind = ItemKind::Internal;
                for l in Lang::ALL {
                    if d.items[i].title.get(l).is_some() {
                        d.items[i].title = d.items[i].title.clone().with(l, secret_item.clone());
                    }
                }
                d.items[i].guest_notes =
                    itinera::model::LocalizedText::one(Lang::En, secret_item.clone());
            }
        }
        d.delegation.notes = Some(secret_note.clone());
        d.members[0].notes = Some(secret_note.clone());
        let del_key = d.delegation.key.clone();
        let lang = d.delegation.languages[0];
        let members: Vec<Key> = d.members.iter().map(|m| m.key.clone()).collect();
        let audience = match rng.below(3) {
            0 => Audience::Delegation,
            1 => Audience::Member(members[rng.below(members.len() as u64) as usize].clone()),
            _ => match d.delegation.subgroups.first() {
                Some(g) => Audience::SubGroup(g.key.clone()),
                None => Audience::Delegation,
            },
        };
        let mut o = opts(lang);
        o.with = Some(if rng.below(2) == 0 {
            Lang::Ko
        } else {
            Lang::En
        });
        let sheet = print::guest_sheet(&plan, &del_key, &audience, &o).expect("sheet");
        let text: String = print::pages(&sheet, &fonts)
            .expect("layout")
            .iter()
            .flat_map(|p| p.texts().map(str::to_owned))
            .collect::<Vec<_>>()
            .join("|");
        for secret in [&secret_note, &secret_item, &secret_phone] {
            assert!(
                !text.contains(secret.as_str()),
                "case {case} ({del_key}, {audience:?}): a guest copy showed '{secret}'"
            );
        }
        assert!(
            !text.contains("내부용")
                && !text.contains("STAFF-NOTE")
                && !text.contains("MEMBER-NOTE"),
            "case {case}: staff notes must never print for guests"
        );
        // Every tenth case also goes through the real PDF and pdftotext.
        if case % 10 == 0 {
            let path = save(
                "property-case.pdf",
                &print::guest_itinerary(&plan, &fonts, &del_key, &audience, &o).expect("prints"),
            );
            let pdf_text = text_of(&path);
            assert!(
                !pdf_text.contains(&secret_note)
                    && !pdf_text.contains(&secret_item)
                    && !pdf_text.contains(&secret_phone),
                "case {case}: secret in the PDF"
            );
        }
    }
}

#[test]
fn a_member_copy_shows_only_what_that_member_attends() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    let d = plan.delegation(&key("choray-2026-03")).expect("delegation");
    let son = print::guest_sheet(
        &plan,
        &d.delegation.key,
        &Audience::Member(key("son")),
        &opts(Lang::Vi),
    )
    .expect("sheet");
    let duc = print::guest_sheet(
        &plan,
        &d.delegation.key,
        &Audience::Member(key("duc")),
        &opts(Lang::Vi),
    )
    .expect("sheet");
    let rows = |s: &print::Sheet| s.sections.iter().map(|x| x.rows.len()).sum::<usize>();
    // Every fourth slot is for the surgeons' sub-group only; Đức is in it, Sơn is not.
    assert!(
        rows(&duc) > rows(&son),
        "the surgeon's copy has the sub-group's extra items ({} vs {})",
        rows(&duc),
        rows(&son)
    );
    let path = save(
        "member-son.pdf",
        &print::guest_itinerary(
            &plan,
            &fonts,
            &d.delegation.key,
            &Audience::Member(key("son")),
            &opts(Lang::Vi),
        )
        .expect("prints"),
    );
    let text = text_of(&path);
    assert!(
        text.contains("Nguyễn Trường Sơn"),
        "the copy names its member"
    );
    assert!(
        !text.contains("Lê Văn Đức"),
        "one member's copy does not list the others"
    );
}

#[test]
fn staff_and_interpreter_sheets_carry_what_staff_need() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    // Korean with the guests' language below it (the default second language of staff sheets).
    let mut staff_opts = opts(Lang::Ko);
    staff_opts.with = None;
    let path = save(
        "staff-choray.pdf",
        &print::staff_run_sheet(&plan, &fonts, &key("choray-2026-03"), &staff_opts)
            .expect("prints"),
    );
    let text = squash(&text_of(&path));
    for needed in [
        "의전리허설",
        "VIP주차2대확보",
        "+82-10-9999-0001",
        "Khôngănhảisảncóvỏ",
        "Xelăn(wheelchair)",
        "STAFF-NOTE",
        "취소됨",
        "쩐티마이",
    ] {
        assert!(
            text.contains(needed),
            "the run sheet must show '{needed}' (internal items, private phones, needs, notes, cancellations, interpreters)"
        );
    }
    let from = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
    let to = NaiveDate::from_ymd_opt(2026, 3, 12).expect("date");
    let path = save(
        "interpreter-dilnoza.pdf",
        &print::interpreter_assignments(&plan, &fonts, &key("dilnoza"), from, to, &opts(Lang::Ko))
            .expect("prints"),
    );
    let text = squash(&text_of(&path));
    for needed in [
        "이르쿠츠크 종양센터 방문단",
        "사마르칸트 지역병원 방문단",
        "ko-ru",
        "ko-uz",
        "+82-2-3410-1234",
    ] {
        assert!(
            text.contains(&squash(needed)),
            "the interpreter sheet spans delegations and shows '{needed}'"
        );
    }
}

#[test]
fn the_changes_box_lists_moves_and_cancellations_but_the_programme_skips_cancelled_items() {
    let old_plan = fixture::plan();
    let mut plan = old_plan.clone();
    let d = key("choray-2026-03");
    let old = ReleaseSnapshot::of_guest_programme(&old_plan, &d, &Audience::Delegation)
        .expect("snapshot");
    let lunch = plan.delegations[0]
        .items
        .iter_mut()
        .find(|i| i.key.as_str() == "cr-1-04")
        .expect("lunch");
    lunch.start += chrono::Duration::minutes(30);
    lunch.end += chrono::Duration::minutes(30);
    let tour = plan.delegations[0]
        .items
        .iter_mut()
        .find(|i| i.key.as_str() == "cr-2-00")
        .expect("item");
    tour.status = ItemStatus::Cancelled;
    let tour_title = tour.title.best(Lang::Vi).to_owned();
    let new =
        ReleaseSnapshot::of_guest_programme(&plan, &d, &Audience::Delegation).expect("snapshot");
    let changes = diff(&old, &new);
    assert_eq!(
        changes.len(),
        2,
        "one move and one cancellation: {changes:?}"
    );
    let mut o = opts(Lang::Vi);
    o.changes = Some(ChangesBox {
        since_version: 2,
        changes,
    });
    let sheet = print::guest_sheet(&plan, &d, &Audience::Delegation, &o).expect("sheet");
    let before = print::guest_sheet(&old_plan, &d, &Audience::Delegation, &o).expect("sheet");
    let count = |s: &print::Sheet| {
        s.sections
            .iter()
            .flat_map(|x| &x.rows)
            .filter(|r| r.cells[1].iter().any(|p| p.text == tour_title))
            .count()
    };
    assert_eq!(
        count(&sheet) + 1,
        count(&before),
        "a cancelled item leaves the guest programme"
    );
    let path = save(
        "changes-vi.pdf",
        &print::guest_itinerary(&plan, &Fonts::new(), &d, &Audience::Delegation, &o)
            .expect("prints"),
    );
    let text = text_of(&path);
    assert!(
        text.contains("Thay đổi kể từ v2"),
        "the box is titled in the guest language"
    );
    assert!(
        squash(&text).contains(&squash("Ăn trưa đổi 10:54 → 11:24")),
        "the move reads in plain words:\n{text}"
    );
    assert!(
        squash(&text).contains(&squash(&format!("Hủy: {tour_title}"))),
        "the cancellation is listed in the box"
    );
}

#[test]
fn batch_printing_returns_each_members_copy_in_order() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    let d = key("choray-2026-03");
    let members = ["son", "nhung", "duc", "ha"];
    let copies: Vec<(Audience, PrintOptions)> = members
        .iter()
        .map(|m| (Audience::Member(key(m)), opts(Lang::Vi)))
        .collect();
    let pdfs = print::guest_itineraries(&plan, &fonts, &d, &copies);
    assert_eq!(pdfs.len(), members.len(), "one result per copy asked for");
    let dp = plan.delegation(&d).expect("delegation");
    for (m, pdf) in members.iter().zip(pdfs) {
        let path = save(&format!("batch-{m}.pdf"), &pdf.expect("prints"));
        let name = &dp
            .members
            .iter()
            .find(|x| x.key.as_str() == *m)
            .expect("member")
            .native_name;
        assert!(
            text_of(&path).contains(name.as_str()),
            "copy {m} is {name}'s, in the order asked"
        );
    }
}

#[test]
fn an_unprintable_character_fails_naming_the_text() {
    let mut plan = fixture::plan();
    plan.delegations[1].members[1].native_name = "Иванова \u{13000} Ольга".into();
    let fonts = Fonts::new();
    let err = print::guest_itinerary(
        &plan,
        &fonts,
        &key("irkutsk-2026-03"),
        &Audience::Delegation,
        &opts(Lang::Ru),
    )
    .expect_err("no bundled font has Egyptian hieroglyphs");
    let msg = err.to_string();
    assert!(
        msg.contains("Иванова \u{13000} Ольга")
            && msg.contains("member")
            && msg.contains("U+13000"),
        "the error names the text, where it is, and the code point: {msg}"
    );
}

#[test]
fn pages_are_rendered_to_png_for_people_to_look_at() {
    let plan = fixture::plan();
    let fonts = Fonts::new();
    let mut o = opts(Lang::Vi);
    o.logo_png = Some(logo_png());
    let path = save(
        "look-choray-vi.pdf",
        &guest_pdf(&plan, &fonts, "choray-2026-03", &Audience::Delegation, &o),
    );
    let prefix = artifacts().join("look-choray-vi");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            path.to_str().expect("path"),
            prefix.to_str().expect("path"),
        ],
    );
    for lang in [Lang::Zh, Lang::Ja, Lang::Uz, Lang::Ru] {
        let del = plan
            .delegations
            .iter()
            .find(|d| d.delegation.languages[0] == lang)
            .expect("delegation");
        let p = save(
            &format!("look-{}.pdf", lang.code()),
            &guest_pdf(
                &plan,
                &fonts,
                del.delegation.key.as_str(),
                &Audience::Delegation,
                &opts(lang),
            ),
        );
        let prefix = artifacts().join(format!("look-{}", lang.code()));
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                p.to_str().expect("path"),
                prefix.to_str().expect("path"),
            ],
        );
    }
    let pngs = std::fs::read_dir(artifacts())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
        })
        .count();
    assert!(pngs >= 5, "the pages are kept as PNG artifacts ({pngs})");
}

/// A tiny PNG logo (a 2 × 2 blue square), made here so the test ships no binary file.
fn logo_png() -> Vec<u8> {
    let out = Command::new("python3")
        .args(["-c", "import zlib,struct,sys\nraw=b''.join(b'\\x00'+b'\\x10\\x40\\x80'*2 for _ in range(2))\ndef c(t,d):\n  return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d))\nsys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n'+c(b'IHDR',struct.pack('>IIBBBBB',2,2,8,2,0,0,0))+c(b'IDAT',zlib.compress(raw))+c(b'IEND',b''))"])
        .output()
        .expect("python3");
    assert!(out.status.success());
    out.stdout
}

mod office_header {
    //! The header's institution name and logo come from the office settings stored in the
    //! database when a print request leaves them empty; a bad logo is refused unwritten.

    use chrono::{TimeZone, Utc};
    use itinera::api::{OfficeSettings, SaveOfficeSettings};
    use itinera::model::LocalizedText;
    use itinera::publish::{DocumentRequest, PrintRequest, print_document};

    use super::*;
    use crate::support::{TempDb, repo};

    fn snuh() -> LocalizedText {
        LocalizedText::one(Lang::Ko, "서울대학교병원")
            .with(Lang::En, "Seoul National University Hospital")
    }

    fn guest_request(options: PrintOptions) -> PrintRequest {
        PrintRequest {
            delegation: key("choray-2026-12"),
            document: DocumentRequest::Guest {
                audience: Audience::Delegation,
                changes_since: None,
            },
            options,
            by: "이지은".into(),
        }
    }

    async fn sample_store(db: &TempDb) -> itinera::store::Store {
        let store = db.open().await;
        let text =
            std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
        store
            .import_plan(&itinera::plan::read(&text, None).expect("valid sample"))
            .await
            .expect("import");
        store
    }

    /// Images listed by `pdfimages -list` (an RGBA logo's alpha mask is listed as `smask`
    /// beside its image and is not counted).
    fn images(path: &Path) -> usize {
        run("pdfimages", &["-list", path.to_str().expect("path")])
            .lines()
            .skip(2)
            .filter(|l| l.split_whitespace().nth(2) == Some("image"))
            .count()
    }

    #[tokio::test]
    async fn guest_prints_take_the_institution_and_logo_from_the_office_settings() {
        let db = TempDb::new();
        let store = sample_store(&db).await;
        let fonts = Fonts::new();
        let at = Utc
            .with_ymd_and_hms(2026, 11, 30, 5, 5, 0)
            .single()
            .expect("time");
        let logo = std::fs::read(repo().join("src-tauri/icons/128x128.png")).expect("icon");
        let empty = store.office_settings().await.expect("read settings");
        assert_eq!(empty.version, 0, "nothing saved yet reads as version 0");

        let saved = store
            .save_office_settings(SaveOfficeSettings {
                settings: OfficeSettings {
                    institution: snuh(),
                    logo_png: Some(logo.clone()),
                },
                expected_version: None,
            })
            .await
            .expect("a real PNG and a bilingual name are accepted");
        assert_eq!(saved.version, 1, "the first save is version 1");
        let read = store.office_settings().await.expect("read settings");
        assert_eq!(read, saved, "the settings read back exactly as saved");

        let options = PrintOptions {
            language: Some(Lang::Vi),
            with: Some(Lang::Ko),
            ..PrintOptions::default()
        };
        let printed = print_document(
            &store,
            &fonts,
            guest_request(options.clone()),
            chrono_tz::Asia::Seoul,
            at,
        )
        .await
        .expect("print");
        let path = save("office-header-vi.pdf", &printed.pdf);
        let text = squash(&text_of(&path));
        assert!(
            text.contains("서울대학교병원") && text.contains("SeoulNationalUniversityHospital"),
            "a vi+ko guest copy names the institution from settings (vi falls back to en, then \
             the Korean name):\n{text}"
        );
        assert_eq!(
            images(&path),
            1,
            "the stored logo is embedded once, in the first header"
        );

        // A request naming its own institution (the CLI's --institution) wins over settings.
        let mut own = options.clone();
        own.institution = "Bệnh viện thử nghiệm".into();
        let printed = print_document(
            &store,
            &fonts,
            guest_request(own),
            chrono_tz::Asia::Seoul,
            at,
        )
        .await
        .expect("print");
        let text = squash(&text_of(&save("office-header-override.pdf", &printed.pdf)));
        assert!(
            text.contains("Bệnhviệnthửnghiệm") && !text.contains("서울대학교병원"),
            "an institution given in the request overrides the stored one:\n{text}"
        );

        // Bad logos are refused with a message naming the logo, and nothing is written.
        let mut truncated = logo.clone();
        truncated.truncate(60);
        let mut too_big = logo.clone();
        too_big.resize(2 * 1024 * 1024 + 1, 0);
        for (what, bytes) in [
            ("a GIF", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()),
            ("a truncated PNG", truncated),
            ("a 2 MB + 1 byte file", too_big),
        ] {
            let err = store
                .save_office_settings(SaveOfficeSettings {
                    settings: OfficeSettings {
                        institution: LocalizedText::one(Lang::En, "Should not be saved"),
                        logo_png: Some(bytes),
                    },
                    expected_version: Some(saved.version),
                })
                .await
                .expect_err("a bad logo is refused");
            assert!(
                err.to_string().starts_with("logo: "),
                "{what}: the message names the logo field: {err}"
            );
            assert_eq!(
                store.office_settings().await.expect("read"),
                saved,
                "{what}: a refused save writes nothing"
            );
        }

        let stale = store
            .save_office_settings(SaveOfficeSettings {
                settings: OfficeSettings::default(),
                expected_version: None,
            })
            .await
            .expect_err("a first save after someone else saved is stale");
        assert!(
            matches!(stale, itinera::Error::Stale { .. }),
            "the optimistic version protects the settings: {stale}"
        );

        // The command line falls back to the stored settings too.
        store.close().await;
        let out_pdf = db.dir.path().join("cli.pdf");
        let out = db.itinera(&[
            "print",
            "--delegation",
            "choray-2026-12",
            "--out",
            out_pdf.to_str().expect("path"),
        ]);
        assert!(
            out.status.success(),
            "itinera print: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            squash(&text_of(&out_pdf)).contains("서울대학교병원"),
            "`itinera print` without --institution uses the stored name"
        );
        assert_eq!(
            images(&out_pdf),
            1,
            "`itinera print` embeds the stored logo"
        );
    }
}
