//! Members' precedence order in the database (both backends): a new order is stored as
//! precedence 1..n in one step, bumping the versions of the members that moved only, and a
//! list that is not exactly the delegation's members is refused, naming the missing and
//! unknown keys, with nothing changed.

use itinera::ErrorKind;
use itinera::api::DelegationDetail;
use itinera::model::Key;
use itinera::store::ReorderMembers;

use crate::support::{Backend, TempDb, on_both_databases};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

/// The first sample delegation with at least three members (so a move is more than a swap).
fn pick(plan: &itinera::plan::Plan) -> Key {
    plan.delegations
        .iter()
        .find(|d| d.members.len() >= 3)
        .expect("the sample has a delegation with three members or more")
        .delegation
        .key
        .clone()
}

fn order(detail: &DelegationDetail) -> Vec<(String, u32, i64)> {
    detail
        .members
        .iter()
        .map(|m| (m.member.key.to_string(), m.member.precedence, m.version))
        .collect()
}

async fn a_new_member_order_is_stored_as_precedence(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let plan = itinera::sample::sample_plan().expect("sample");
    store.import_plan(&plan).await.expect("import the sample");
    let visit = pick(&plan);
    let before = store.get_delegation(&visit).await.expect("load");
    let keys: Vec<Key> = before
        .members
        .iter()
        .map(|m| m.member.key.clone())
        .collect();
    // The last member moves to the head: everyone changes precedence.
    let mut wanted = keys.clone();
    let last = wanted.pop().expect("members");
    wanted.insert(0, last);
    let after = store
        .reorder_members(ReorderMembers {
            delegation: visit.clone(),
            keys: wanted.clone(),
        })
        .await
        .expect("a permutation of the members is stored");
    let stored = order(&after);
    let got: Vec<&str> = stored.iter().map(|(k, _, _)| k.as_str()).collect();
    let want: Vec<&str> = wanted.iter().map(Key::as_str).collect();
    assert_eq!(got, want, "the members come back in the new order");
    let precedences: Vec<u32> = stored.iter().map(|(_, p, _)| *p).collect();
    assert_eq!(
        precedences,
        (1..=wanted.len() as u32).collect::<Vec<_>>(),
        "precedence is 1..n in the given order"
    );
    for (k, _, version) in &stored {
        let old = before
            .members
            .iter()
            .find(|m| m.member.key.as_str() == k)
            .expect("same members");
        assert_eq!(
            *version,
            old.version + 1,
            "{k} moved, so its version went up"
        );
    }
    // Reloaded from the database (not just the returned detail), and in the whole plan.
    let reloaded = store.get_delegation(&visit).await.expect("reload");
    assert_eq!(order(&reloaded), stored, "the order survives a reload");

    // Undo: the old order with the same operation; a member already in place keeps its version.
    let mut swap = wanted.clone();
    swap.swap(0, 1);
    let swapped = store
        .reorder_members(ReorderMembers {
            delegation: visit.clone(),
            keys: swap.clone(),
        })
        .await
        .expect("a swap is stored");
    let unmoved = &order(&swapped)[2];
    assert_eq!(
        unmoved.2, stored[2].2,
        "{} did not move, so its version stays",
        unmoved.0
    );
    let restored = store
        .reorder_members(ReorderMembers {
            delegation: visit.clone(),
            keys: keys.clone(),
        })
        .await
        .expect("the old order is stored again");
    let names: Vec<String> = order(&restored).into_iter().map(|(k, _, _)| k).collect();
    let want: Vec<String> = keys.iter().map(Key::to_string).collect();
    assert_eq!(names, want, "the old order is back");
}

async fn a_wrong_member_list_is_refused_and_nothing_changes(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let plan = itinera::sample::sample_plan().expect("sample");
    store.import_plan(&plan).await.expect("import the sample");
    let visit = pick(&plan);
    let before = store.get_delegation(&visit).await.expect("load");
    let keys: Vec<Key> = before
        .members
        .iter()
        .map(|m| m.member.key.clone())
        .collect();

    // One member left out and a stranger named instead.
    let mut wrong: Vec<Key> = keys.iter().rev().cloned().collect();
    let dropped = wrong.pop().expect("members");
    wrong.push(key("not-a-member"));
    let err = store
        .reorder_members(ReorderMembers {
            delegation: visit.clone(),
            keys: wrong,
        })
        .await
        .expect_err("a list that is not exactly the members is refused");
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&format!("missing: [{dropped}]")) && text.contains("not-a-member"),
        "the refusal names the missing and the unknown key: {text}"
    );

    // A member named twice.
    let mut twice: Vec<Key> = keys.iter().rev().cloned().collect();
    twice[0] = twice[1].clone();
    let err = store
        .reorder_members(ReorderMembers {
            delegation: visit.clone(),
            keys: twice.clone(),
        })
        .await
        .expect_err("a duplicate is refused");
    assert!(
        err.to_string().contains(twice[1].as_str()),
        "names it: {err}"
    );

    // An unknown delegation.
    let err = store
        .reorder_members(ReorderMembers {
            delegation: key("no-such-visit"),
            keys: keys.clone(),
        })
        .await
        .expect_err("an unknown delegation is refused");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");

    let after = store.get_delegation(&visit).await.expect("reload");
    assert_eq!(order(&after), order(&before), "nothing changed");
}

on_both_databases!(a_new_member_order_is_stored_as_precedence);
on_both_databases!(a_wrong_member_list_is_refused_and_nothing_changes);
