//! Fixed words of printed documents in every language Itinera prints: ko, en, vi, ru, zh, uz, ja.
//!
//! Owns column headings, document titles, weekday names, date formats and the templates of
//! change messages. Templates use `{x}`, `{y}`, `{n}`, `{v}`, `{title}`, `{old}`, `{new}`,
//! `{when}` placeholders. Uzbek is Latin script with ʻ (U+02BB) in oʻ/gʻ.
//!
//! Titles and names of the plan itself come from `LocalizedText`; the fallback order for a
//! reader of language L is: L, then English, then Korean, then any written version
//! ([`LocalizedText::best`](crate::model::LocalizedText::best)).

use chrono::{Datelike, NaiveDate};

use crate::model::Lang;

/// The fixed words of one language.
#[derive(Debug)]
pub struct Labels {
    /// Title of the guest itinerary.
    pub guest_title: &'static str,
    /// Title of the staff run sheet.
    pub staff_title: &'static str,
    /// Title of the interpreter sheet.
    pub interpreter_title: &'static str,
    /// Day heading prefix, `{n}` is the day number.
    pub day: &'static str,
    /// Column: time.
    pub time: &'static str,
    /// Column: programme.
    pub programme: &'static str,
    /// Column: venue.
    pub venue: &'static str,
    /// Column: with whom (hosts, interpreters).
    pub with_whom: &'static str,
    /// Interpreter.
    pub interpreter: &'static str,
    /// Page label, `{x}` of `{y}`.
    pub page: &'static str,
    /// Coordinator.
    pub coordinator: &'static str,
    /// Heading of the changes box, `{v}` is the release ("v2").
    pub changes_since: &'static str,
    /// Heading of the member list.
    pub members: &'static str,
    /// "For" a member or a group.
    pub prepared_for: &'static str,
    /// Head count.
    pub head_count: &'static str,
    /// Dietary needs.
    pub dietary: &'static str,
    /// Accessibility needs.
    pub accessibility: &'static str,
    /// Heading of the dietary/accessibility summary.
    pub needs: &'static str,
    /// Internal note marker.
    pub internal_note: &'static str,
    /// Staff-only item marker.
    pub internal_item: &'static str,
    /// Cancelled marker.
    pub cancelled: &'static str,
    /// Tentative marker.
    pub tentative: &'static str,
    /// Delegation.
    pub delegation: &'static str,
    /// Guests' language.
    pub language: &'static str,
    /// Notes (of the delegation).
    pub notes: &'static str,
    /// Change: added, `{title}` `{when}`.
    pub added: &'static str,
    /// Change: cancelled.
    pub cancelled_change: &'static str,
    /// Change: removed from the programme.
    pub removed: &'static str,
    /// Change: moved in time or place, `{title}` `{old}` `{new}`.
    pub moved: &'static str,
    /// Change: renamed, `{old}` `{new}`.
    pub renamed: &'static str,
    /// Weekday names, Monday first.
    pub weekdays: [&'static str; 7],
}

const KO: Labels = Labels {
    guest_title: "방문 일정",
    staff_title: "운영 일정표 (직원용)",
    interpreter_title: "통역 배정표",
    day: "{n}일차",
    time: "시간",
    programme: "일정",
    venue: "장소",
    with_whom: "함께하는 분",
    interpreter: "통역",
    page: "{x} / {y}쪽",
    coordinator: "담당자",
    changes_since: "{v} 이후 변경 사항",
    members: "방문단",
    prepared_for: "대상",
    head_count: "인원",
    dietary: "식사",
    accessibility: "접근성",
    needs: "식사·접근성 요약",
    internal_note: "내부 메모",
    internal_item: "내부 일정",
    cancelled: "취소됨",
    tentative: "미확정",
    delegation: "방문단",
    language: "언어",
    notes: "비고",
    added: "추가: {title} ({when})",
    cancelled_change: "취소: {title} ({when})",
    removed: "제외: {title} ({when})",
    moved: "{title} 변경 {old} → {new}",
    renamed: "명칭 변경 {old} → {new}",
    weekdays: [
        "월요일",
        "화요일",
        "수요일",
        "목요일",
        "금요일",
        "토요일",
        "일요일",
    ],
};

const EN: Labels = Labels {
    guest_title: "Visit programme",
    staff_title: "Run sheet (staff)",
    interpreter_title: "Interpreter assignments",
    day: "Day {n}",
    time: "Time",
    programme: "Programme",
    venue: "Venue",
    with_whom: "With",
    interpreter: "Interpreter",
    page: "Page {x} of {y}",
    coordinator: "Coordinator",
    changes_since: "Changes since {v}",
    members: "Delegation",
    prepared_for: "For",
    head_count: "People",
    dietary: "Dietary",
    accessibility: "Accessibility",
    needs: "Dietary and accessibility",
    internal_note: "Internal note",
    internal_item: "Staff only",
    cancelled: "CANCELLED",
    tentative: "tentative",
    delegation: "Delegation",
    language: "Language",
    notes: "Notes",
    added: "Added: {title} ({when})",
    cancelled_change: "Cancelled: {title} ({when})",
    removed: "Removed: {title} ({when})",
    moved: "{title} moved {old} → {new}",
    renamed: "Renamed {old} → {new}",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
};

const VI: Labels = Labels {
    guest_title: "Chương trình làm việc",
    staff_title: "Lịch điều hành (nhân viên)",
    interpreter_title: "Lịch phiên dịch",
    day: "Ngày {n}",
    time: "Thời gian",
    programme: "Nội dung",
    venue: "Địa điểm",
    with_whom: "Tiếp đón",
    interpreter: "Phiên dịch",
    page: "Trang {x}/{y}",
    coordinator: "Điều phối viên",
    changes_since: "Thay đổi kể từ {v}",
    members: "Thành viên đoàn",
    prepared_for: "Dành cho",
    head_count: "Số người",
    dietary: "Ăn uống",
    accessibility: "Hỗ trợ đi lại",
    needs: "Ăn uống và hỗ trợ",
    internal_note: "Ghi chú nội bộ",
    internal_item: "Nội bộ",
    cancelled: "ĐÃ HỦY",
    tentative: "dự kiến",
    delegation: "Đoàn",
    language: "Ngôn ngữ",
    notes: "Ghi chú",
    added: "Bổ sung: {title} ({when})",
    cancelled_change: "Hủy: {title} ({when})",
    removed: "Bỏ: {title} ({when})",
    moved: "{title} đổi {old} → {new}",
    renamed: "Đổi tên {old} → {new}",
    weekdays: [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ],
};

const RU: Labels = Labels {
    guest_title: "Программа визита",
    staff_title: "План проведения (для сотрудников)",
    interpreter_title: "Назначения переводчика",
    day: "День {n}",
    time: "Время",
    programme: "Программа",
    venue: "Место",
    with_whom: "Принимают",
    interpreter: "Переводчик",
    page: "Стр. {x} из {y}",
    coordinator: "Координатор",
    changes_since: "Изменения после {v}",
    members: "Состав делегации",
    prepared_for: "Для",
    head_count: "Человек",
    dietary: "Питание",
    accessibility: "Доступность",
    needs: "Питание и доступность",
    internal_note: "Внутренняя заметка",
    internal_item: "Только для сотрудников",
    cancelled: "ОТМЕНЕНО",
    tentative: "предварительно",
    delegation: "Делегация",
    language: "Язык",
    notes: "Примечания",
    added: "Добавлено: {title} ({when})",
    cancelled_change: "Отменено: {title} ({when})",
    removed: "Исключено: {title} ({when})",
    moved: "{title}: перенесено {old} → {new}",
    renamed: "Переименовано: {old} → {new}",
    weekdays: [
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
        "суббота",
        "воскресенье",
    ],
};

const ZH: Labels = Labels {
    guest_title: "访问日程",
    staff_title: "工作人员执行表",
    interpreter_title: "翻译安排表",
    day: "第{n}天",
    time: "时间",
    programme: "日程",
    venue: "地点",
    with_whom: "接待人员",
    interpreter: "翻译",
    page: "第 {x} 页，共 {y} 页",
    coordinator: "联络人",
    changes_since: "自 {v} 以来的变更",
    members: "代表团成员",
    prepared_for: "致",
    head_count: "人数",
    dietary: "饮食",
    accessibility: "无障碍",
    needs: "饮食与无障碍",
    internal_note: "内部备注",
    internal_item: "内部事项",
    cancelled: "已取消",
    tentative: "待定",
    delegation: "代表团",
    language: "语言",
    notes: "备注",
    added: "新增：{title}（{when}）",
    cancelled_change: "取消：{title}（{when}）",
    removed: "删除：{title}（{when}）",
    moved: "{title} 调整 {old} → {new}",
    renamed: "名称变更 {old} → {new}",
    weekdays: [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ],
};

const JA: Labels = Labels {
    guest_title: "訪問日程",
    staff_title: "運営進行表（スタッフ用）",
    interpreter_title: "通訳割当表",
    day: "{n}日目",
    time: "時間",
    programme: "内容",
    venue: "場所",
    with_whom: "対応者",
    interpreter: "通訳",
    page: "{x} / {y} ページ",
    coordinator: "担当者",
    changes_since: "{v} からの変更",
    members: "訪問団メンバー",
    prepared_for: "対象",
    head_count: "人数",
    dietary: "食事",
    accessibility: "バリアフリー",
    needs: "食事・バリアフリー",
    internal_note: "内部メモ",
    internal_item: "内部用",
    cancelled: "中止",
    tentative: "未確定",
    delegation: "訪問団",
    language: "言語",
    notes: "備考",
    added: "追加：{title}（{when}）",
    cancelled_change: "中止：{title}（{when}）",
    removed: "削除：{title}（{when}）",
    moved: "{title} 変更 {old} → {new}",
    renamed: "名称変更 {old} → {new}",
    weekdays: [
        "月曜日",
        "火曜日",
        "水曜日",
        "木曜日",
        "金曜日",
        "土曜日",
        "日曜日",
    ],
};

const UZ: Labels = Labels {
    guest_title: "Tashrif dasturi",
    staff_title: "Xodimlar uchun ish rejasi",
    interpreter_title: "Tarjimon topshiriqlari",
    day: "{n}-kun",
    time: "Vaqt",
    programme: "Dastur",
    venue: "Joy",
    with_whom: "Kim bilan",
    interpreter: "Tarjimon",
    page: "{x}/{y}-sahifa",
    coordinator: "Koordinator",
    changes_since: "{v} dan keyingi oʻzgarishlar",
    members: "Delegatsiya tarkibi",
    prepared_for: "Kim uchun",
    head_count: "Kishi",
    dietary: "Ovqatlanish",
    accessibility: "Qulaylik",
    needs: "Ovqatlanish va qulaylik",
    internal_note: "Ichki eslatma",
    internal_item: "Faqat xodimlar uchun",
    cancelled: "BEKOR QILINDI",
    tentative: "taxminiy",
    delegation: "Delegatsiya",
    language: "Til",
    notes: "Izoh",
    added: "Qoʻshildi: {title} ({when})",
    cancelled_change: "Bekor qilindi: {title} ({when})",
    removed: "Olib tashlandi: {title} ({when})",
    moved: "{title} koʻchirildi {old} → {new}",
    renamed: "Nomi oʻzgardi: {old} → {new}",
    weekdays: [
        "dushanba",
        "seshanba",
        "chorshanba",
        "payshanba",
        "juma",
        "shanba",
        "yakshanba",
    ],
};

/// The fixed words of `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ko => &KO,
        Lang::En => &EN,
        Lang::Vi => &VI,
        Lang::Ru => &RU,
        Lang::Zh => &ZH,
        Lang::Uz => &UZ,
        Lang::Ja => &JA,
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date with its weekday as a reader of `lang` writes it ("Thứ Ba, 10/03/2026",
/// "2026년 3월 10일 화요일").
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let wd = labels(lang).weekdays[date.weekday().num_days_from_monday() as usize];
    let (y, m, d) = (date.year(), date.month(), date.day());
    match lang {
        Lang::Ko => format!("{y}년 {m}월 {d}일 {wd}"),
        Lang::En => format!("{wd} {d} {} {y}", EN_MONTHS[m as usize - 1]),
        Lang::Vi => format!("{wd}, {d:02}/{m:02}/{y}"),
        Lang::Ru | Lang::Uz => format!("{wd}, {d:02}.{m:02}.{y}"),
        Lang::Zh => format!("{y}年{m}月{d}日 {wd}"),
        Lang::Ja => format!("{y}年{m}月{d}日（{wd}）"),
    }
}

/// A date without weekday, short ("10/03", "3월 10일"), for change messages.
pub fn short_date(date: NaiveDate, lang: Lang) -> String {
    let (m, d) = (date.month(), date.day());
    match lang {
        Lang::Ko => format!("{m}월 {d}일"),
        Lang::Zh | Lang::Ja => format!("{m}月{d}日"),
        Lang::En => format!("{d} {}", &EN_MONTHS[m as usize - 1][..3]),
        Lang::Vi => format!("{d:02}/{m:02}"),
        Lang::Ru | Lang::Uz => format!("{d:02}.{m:02}"),
    }
}

/// A range of dates ("10/03/2026 – 12/03/2026").
pub fn date_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    let one = |d: NaiveDate| match lang {
        Lang::Ko => format!("{}년 {}월 {}일", d.year(), d.month(), d.day()),
        Lang::Zh | Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            EN_MONTHS[d.month() as usize - 1],
            d.year()
        ),
        Lang::Vi => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Lang::Ru | Lang::Uz => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
    };
    if from == to {
        one(from)
    } else {
        format!("{} – {}", one(from), one(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_label_and_placeholder() {
        for lang in Lang::ALL {
            let l = labels(lang);
            assert!(
                l.page.contains("{x}") && l.page.contains("{y}"),
                "{lang}: page label needs x and y"
            );
            assert!(
                l.day.contains("{n}"),
                "{lang}: day heading needs the number"
            );
            assert!(
                l.changes_since.contains("{v}"),
                "{lang}: changes heading needs the release"
            );
            for t in [l.added, l.cancelled_change, l.removed, l.moved] {
                assert!(
                    t.contains("{title}"),
                    "{lang}: change message '{t}' must name the item"
                );
            }
            assert!(l.moved.contains("{old}") && l.moved.contains("{new}"));
        }
        assert!(
            labels(Lang::Uz).changes_since.contains('\u{02BB}'),
            "Uzbek oʻ uses U+02BB"
        );
    }

    #[test]
    fn dates_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).expect("valid date");
        assert_eq!(long_date(d, Lang::Vi), "Thứ Ba, 10/03/2026");
        assert_eq!(long_date(d, Lang::Ko), "2026년 3월 10일 화요일");
        assert_eq!(long_date(d, Lang::En), "Tuesday 10 March 2026");
        assert_eq!(long_date(d, Lang::Ja), "2026年3月10日（火曜日）");
    }
}
