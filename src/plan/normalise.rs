//! Bringing a checked plan into its canonical form before it is stored.
//!
//! Text is NFC-normalised (Vietnamese typed as base letter + combining marks prints with
//! colliding accents and compares unequal to the precomposed form). Instants are re-expressed
//! with the UTC offset of the zone where they happen, so an export reads in local time and
//! import → export gives back the same document.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde_json::Value;
use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::Plan;

pub(super) fn normalise(plan: &mut Plan, existing: Option<&Plan>) {
    nfc_everywhere(plan);
    let mut site_zone: BTreeMap<String, Tz> = BTreeMap::new();
    let mut venue_site: BTreeMap<String, String> = BTreeMap::new();
    for p in std::iter::once(&*plan).chain(existing) {
        for s in &p.sites {
            site_zone.insert(s.key.to_string(), s.timezone);
        }
        for v in &p.venues {
            venue_site.insert(v.key.to_string(), v.site.to_string());
        }
    }
    for d in &mut plan.delegations {
        let dz = d.delegation.timezone;
        d.delegation.arrival = d.delegation.arrival.with_timezone(&dz).fixed_offset();
        d.delegation.departure = d.delegation.departure.with_timezone(&dz).fixed_offset();
        for item in &mut d.items {
            let tz = item
                .timezone
                .or_else(|| {
                    site_zone
                        .get(venue_site.get(item.venue.as_ref()?.as_str())?)
                        .copied()
                })
                .unwrap_or(dz);
            item.start = item.start.with_timezone(&tz).fixed_offset();
            item.end = item.end.with_timezone(&tz).fixed_offset();
        }
    }
}

/// NFC-normalises every string of the plan. Going through JSON keeps this exhaustive as
/// fields are added; plans are small enough that the round trip costs nothing noticeable.
fn nfc_everywhere(plan: &mut Plan) {
    let Ok(mut value) = serde_json::to_value(&*plan) else {
        return;
    };
    if !nfc_value(&mut value) {
        return;
    }
    if let Ok(p) = serde_json::from_value(value) {
        *plan = p;
    }
}

/// Returns whether anything changed.
fn nfc_value(v: &mut Value) -> bool {
    match v {
        Value::String(s) if !is_nfc(s) => {
            *s = s.nfc().collect();
            true
        }
        Value::Array(a) => a.iter_mut().fold(false, |acc, x| nfc_value(x) | acc),
        Value::Object(o) => o.values_mut().fold(false, |acc, x| nfc_value(x) | acc),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_becomes_precomposed() {
        let decomposed = "Nguye\u{0302}\u{0303}n Tru\u{031b}o\u{031b}\u{0300}ng So\u{031b}n";
        let mut v = Value::String(decomposed.into());
        assert!(nfc_value(&mut v), "a decomposed name must be rewritten");
        assert_eq!(
            v,
            Value::String("Nguyễn Trường Sơn".into()),
            "NFC form must be precomposed"
        );
        assert!(!nfc_value(&mut v), "an NFC string is left alone");
    }
}
