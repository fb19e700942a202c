//! An item's local start and end in its zone, split into local days.
//!
//! Opening hours, working hours and daily limits are all per local day, so a night item is
//! checked against both days it touches; an end at midnight belongs to the day before.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Local start and end of an item in its zone.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LocalSpan {
    /// Local start.
    pub start: NaiveDateTime,
    /// Local end.
    pub end: NaiveDateTime,
}

impl LocalSpan {
    /// Calls `f(day, from_minute, to_minute)` for each local day the span touches; an end at
    /// midnight counts as minute 1440 of the day before. Start minutes round down and end
    /// minutes round up, so a span is never shortened.
    pub fn each_day(&self, mut f: impl FnMut(NaiveDate, u32, u32)) {
        let (s, e) = (self.start, self.end);
        let minute = |t: NaiveTime| t.hour() * 60 + t.minute();
        let minute_up = |t: NaiveTime| minute(t) + u32::from(t.second() > 0);
        if e <= s {
            f(s.date(), minute(s.time()), minute(s.time()));
            return;
        }
        let mut day = s.date();
        // A plan's items last hours, not years; the bound only guards against bad data.
        for _ in 0..400 {
            let from = if day == s.date() { minute(s.time()) } else { 0 };
            if e.date() == day {
                f(day, from, minute_up(e.time()));
                return;
            }
            f(day, from, 1440);
            let Some(next) = day.succ_opt() else { return };
            if next == e.date() && e.time() == NaiveTime::MIN {
                return;
            }
            day = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn days_of_a_span_split_at_local_midnight() {
        let mut days = vec![];
        let span = LocalSpan {
            start: at("2026-03-10 22:00"),
            end: at("2026-03-11 01:30"),
        };
        span.each_day(|d, a, b| days.push((d.to_string(), a, b)));
        assert_eq!(
            days,
            vec![
                ("2026-03-10".into(), 1320, 1440),
                ("2026-03-11".into(), 0, 90)
            ],
            "a night transfer belongs to both local days"
        );
        days.clear();
        let span = LocalSpan {
            start: at("2026-03-10 23:00"),
            end: at("2026-03-11 00:00"),
        };
        span.each_day(|d, a, b| days.push((d.to_string(), a, b)));
        assert_eq!(
            days,
            vec![("2026-03-10".into(), 1380, 1440)],
            "ending at midnight does not touch the next day"
        );
    }
}
