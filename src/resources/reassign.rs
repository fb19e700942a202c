//! Moving one booking: the pure change to an item that dragging a timeline block asks for.
//!
//! Only the dragged resource changes (the other hosts, the language pair of an interpreter,
//! everything else of the item stay as they are); whether the result is allowed is the
//! store's decision when it is saved.

use chrono::Duration;

use super::{BookableKind, MoveBooking};
use crate::Error;
use crate::model::{ItineraryItem, Key};
use crate::wording::{Text, noun_ko};

/// Why a booking cannot be moved as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The item does not hold the resource the move starts from.
    #[error("from: item '{item}' does not book {noun} '{from}'")]
    NotBooked {
        /// The item.
        item: Key,
        /// "venue", "host" or "interpreter".
        noun: &'static str,
        /// The resource named.
        from: Key,
    },
    /// The item already holds the target resource in another place.
    #[error("to: item '{item}' already books {noun} '{to}'")]
    AlreadyBooked {
        /// The item.
        item: Key,
        /// "venue", "host" or "interpreter".
        noun: &'static str,
        /// The resource named.
        to: Key,
    },
    /// Neither the resource nor the time would change.
    #[error("to: moving item '{item}' to {noun} '{to}' with no time shift changes nothing")]
    Unchanged {
        /// The item.
        item: Key,
        /// "venue", "host" or "interpreter".
        noun: &'static str,
        /// The resource named.
        to: Key,
    },
    /// The shift would move the item out of the representable calendar.
    #[error("shift_minutes: {minutes} minutes moves item '{item}' out of range")]
    ShiftOutOfRange {
        /// The item.
        item: Key,
        /// The shift asked for.
        minutes: i64,
    },
}

impl From<MoveError> for Error {
    fn from(e: MoveError) -> Error {
        let ko = match &e {
            MoveError::NotBooked { item, noun, from } => format!(
                "출발: 일정 '{item}'은(는) {} '{from}'을(를) 예약하지 않았습니다",
                noun_ko(noun)
            ),
            MoveError::AlreadyBooked { item, noun, to } => format!(
                "도착: 일정 '{item}'은(는) 이미 {} '{to}'을(를) 예약했습니다",
                noun_ko(noun)
            ),
            MoveError::Unchanged { item, noun, to } => format!(
                "도착: 일정 '{item}'을(를) 시간 이동 없이 {} '{to}'(으)로 옮기면 바뀌는 것이 \
                 없습니다",
                noun_ko(noun)
            ),
            MoveError::ShiftOutOfRange { item, minutes } => format!(
                "이동 시간: {minutes}분을 옮기면 일정 '{item}'이(가) 날짜 범위를 벗어납니다"
            ),
        };
        Error::Invalid(Text::new(e.to_string(), ko))
    }
}

/// The item after the move: `mv.from` replaced by `mv.to` among the item's resources of
/// `mv.kind`, and start and end shifted by `mv.shift_minutes` (keeping their UTC offsets).
pub fn moved(item: &ItineraryItem, mv: &MoveBooking) -> Result<ItineraryItem, MoveError> {
    let noun = mv.kind.noun();
    let not_booked = || MoveError::NotBooked {
        item: item.key.clone(),
        noun,
        from: mv.from.clone(),
    };
    if mv.from == mv.to && mv.shift_minutes == 0 {
        return Err(MoveError::Unchanged {
            item: item.key.clone(),
            noun,
            to: mv.to.clone(),
        });
    }
    let mut out = item.clone();
    let already = mv.from != mv.to;
    match mv.kind {
        BookableKind::Venue => {
            if out.venue.as_ref() != Some(&mv.from) {
                return Err(not_booked());
            }
            out.venue = Some(mv.to.clone());
        }
        BookableKind::Host => {
            if already && out.hosts.contains(&mv.to) {
                return Err(MoveError::AlreadyBooked {
                    item: item.key.clone(),
                    noun,
                    to: mv.to.clone(),
                });
            }
            let slot = out
                .hosts
                .iter_mut()
                .find(|h| **h == mv.from)
                .ok_or_else(not_booked)?;
            *slot = mv.to.clone();
        }
        BookableKind::Interpreter => {
            if already && out.interpreters.iter().any(|a| a.interpreter == mv.to) {
                return Err(MoveError::AlreadyBooked {
                    item: item.key.clone(),
                    noun,
                    to: mv.to.clone(),
                });
            }
            // The pair stays: the new interpreter takes over the same language pair.
            let slot = out
                .interpreters
                .iter_mut()
                .find(|a| a.interpreter == mv.from)
                .ok_or_else(not_booked)?;
            slot.interpreter = mv.to.clone();
        }
    }
    if mv.shift_minutes != 0 {
        let out_of_range = || MoveError::ShiftOutOfRange {
            item: item.key.clone(),
            minutes: mv.shift_minutes,
        };
        let shift = Duration::try_minutes(mv.shift_minutes).ok_or_else(out_of_range)?;
        out.start = out
            .start
            .checked_add_signed(shift)
            .ok_or_else(out_of_range)?;
        out.end = out.end.checked_add_signed(shift).ok_or_else(out_of_range)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InterpreterAssignment, ItemKind, LocalizedText, Participants};

    fn key(s: &str) -> Key {
        Key::new(s).expect("valid key")
    }

    fn item() -> ItineraryItem {
        ItineraryItem {
            key: key("welcome"),
            kind: ItemKind::Ceremony,
            title: LocalizedText::one(crate::model::Lang::Ko, "환영식"),
            guest_notes: LocalizedText::default(),
            internal_notes: None,
            start: "2027-03-09T10:00:00+09:00".parse().expect("start"),
            end: "2027-03-09T11:00:00+09:00".parse().expect("end"),
            timezone: None,
            overnight: false,
            venue: Some(key("annex-5f")),
            location: LocalizedText::default(),
            hosts: vec![key("director"), key("dean")],
            participants: Participants::Everyone,
            interpreters: vec![InterpreterAssignment {
                interpreter: key("lan"),
                pair: "ko-vi".parse().expect("pair"),
            }],
            extra_attendees: 0,
            status: Default::default(),
        }
    }

    fn mv(kind: BookableKind, from: &str, to: &str, shift: i64) -> MoveBooking {
        MoveBooking {
            delegation: key("choray"),
            item: key("welcome"),
            expected_version: 1,
            kind,
            from: key(from),
            to: key(to),
            shift_minutes: shift,
        }
    }

    #[test]
    fn a_host_swap_keeps_the_other_hosts_in_place() {
        let out = moved(&item(), &mv(BookableKind::Host, "dean", "nurse", 0)).expect("moved");
        assert_eq!(
            out.hosts,
            vec![key("director"), key("nurse")],
            "only the dragged host changes, in its place"
        );
        assert_eq!(
            out.venue,
            item().venue,
            "a host move leaves the venue alone"
        );
    }

    #[test]
    fn an_interpreter_swap_keeps_the_language_pair() {
        let out = moved(&item(), &mv(BookableKind::Interpreter, "lan", "minh", 0)).expect("moved");
        assert_eq!(out.interpreters[0].interpreter, key("minh"));
        assert_eq!(
            out.interpreters[0].pair.to_string(),
            "ko-vi",
            "the new interpreter takes over the same pair"
        );
    }

    #[test]
    fn a_time_shift_keeps_the_offset_and_duration() {
        let out = moved(
            &item(),
            &mv(BookableKind::Venue, "annex-5f", "annex-5f", 90),
        )
        .expect("moved");
        assert_eq!(out.start.to_rfc3339(), "2027-03-09T11:30:00+09:00");
        assert_eq!(
            out.end - out.start,
            item().end - item().start,
            "duration kept"
        );
    }

    #[test]
    fn moves_that_make_no_sense_are_refused_naming_the_field() {
        let e = moved(&item(), &mv(BookableKind::Venue, "lab", "annex-5f", 0))
            .expect_err("the item does not book the lab");
        assert!(
            e.to_string()
                .starts_with("from: item 'welcome' does not book venue 'lab'"),
            "{e}"
        );
        let e = moved(&item(), &mv(BookableKind::Host, "dean", "director", 0))
            .expect_err("the director is already a host");
        assert!(
            matches!(e, MoveError::AlreadyBooked { .. }),
            "no host twice: {e}"
        );
        let e = moved(&item(), &mv(BookableKind::Venue, "annex-5f", "annex-5f", 0))
            .expect_err("nothing changes");
        assert!(matches!(e, MoveError::Unchanged { .. }), "{e}");
    }
}
