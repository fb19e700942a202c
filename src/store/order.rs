//! The rule every "new order" sent by the window obeys (requests in the Requests panel,
//! members' precedence): it names each stored key of the delegation exactly once. A partial,
//! duplicated or foreign list is refused, naming what is repeated, missing or unknown.

use crate::model::Key;
use crate::wording::{Text, noun_ko};
use crate::{Error, Result};

/// Checks that `keys` is a permutation of `stored`; `noun` names the records ("member",
/// "request") in the message.
pub(super) fn check_permutation(
    noun: &str,
    delegation: &Key,
    stored: &[Key],
    keys: &[Key],
) -> Result<()> {
    let mut wanted: Vec<&Key> = keys.iter().collect();
    wanted.sort();
    let mut twice: Vec<&str> = wanted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].as_str())
        .collect();
    twice.dedup();
    if !twice.is_empty() {
        return Err(Error::Invalid(Text::new(
            format!(
                "keys: a {noun} is named more than once ([{}])",
                twice.join(", ")
            ),
            format!(
                "키 목록: 두 번 이상 나온 {}이 있습니다([{}])",
                noun_ko(noun),
                twice.join(", ")
            ),
        )));
    }
    let mut have: Vec<&Key> = stored.iter().collect();
    have.sort();
    if have != wanted {
        let missing: Vec<&str> = have
            .iter()
            .filter(|k| !wanted.contains(k))
            .map(|k| k.as_str())
            .collect();
        let unknown: Vec<&str> = wanted
            .iter()
            .filter(|k| !have.contains(k))
            .map(|k| k.as_str())
            .collect();
        return Err(Error::Invalid(Text::new(
            format!(
                "keys: the new order must name every {noun} of delegation '{delegation}' once \
                 (missing: [{}], not its {noun}s: [{}])",
                missing.join(", "),
                unknown.join(", ")
            ),
            format!(
                "키 목록: 새 순서에는 방문단 '{delegation}'의 {noun_ko} 전부가 한 번씩 있어야 \
                 합니다(빠진 것: [{}], 이 방문단의 {noun_ko}이 아닌 것: [{}])",
                missing.join(", "),
                unknown.join(", "),
                noun_ko = noun_ko(noun)
            ),
        )));
    }
    Ok(())
}
