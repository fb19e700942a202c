//! Per-resource bookings sorted by start, with a running maximum of ends ("reach").
//!
//! Each resource has its own bucket, sized by a counting pass, so building 100,000 bookings
//! costs two passes and one small sort per bucket, and moving one booking (an edit) shifts
//! only its resource's bucket.
//! Invariants: inside a bucket entries are ordered by `(start, item)`, and `reach[j]` is the
//! largest `end` among the bucket's entries up to `j`. An overlap query binary-searches the
//! first entry starting at or after the query's end, then walks back only while `reach` still
//! passes the query's start: O(log n + k) for k overlaps in practice.

/// One booking of a resource: a half-open UTC interval `[start, end)` in seconds, the
/// position of the booking item in the index, and the item's venue (which fills what would
/// be padding, and spares the travel rule a lookup into the items per booking).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Entry {
    /// Start, UTC seconds.
    pub start: i64,
    /// End, UTC seconds.
    pub end: i64,
    /// Position of the item in the index.
    pub item: u32,
    /// The item's venue position, or [`NO_VENUE`].
    pub venue: u32,
}

/// The venue of an entry whose item has none.
pub(super) const NO_VENUE: u32 = u32::MAX;

/// The bookings of every resource of one kind.
#[derive(Debug, Default, Clone)]
pub(super) struct Timeline {
    buckets: Vec<Bucket>,
}

/// The bookings of one resource, ordered by `(start, item)`, with their running maximum of
/// ends. One vector per resource (rather than one flat vector for all) lets a
/// [`super::resolved::ResolvedPlan`] move one booking in microseconds: an edit shifts the
/// few hundred bookings of one resource, not every booking of the kind.
#[derive(Debug, Default, Clone)]
struct Bucket {
    entries: Vec<Entry>,
    reach: Vec<i64>,
}

impl Bucket {
    /// Recomputes the running maximum of ends from position `from` on.
    fn reach_from(&mut self, from: usize) {
        self.reach.truncate(from);
        let mut max = self.reach.last().copied().unwrap_or(i64::MIN);
        for e in &self.entries[from..] {
            max = max.max(e.end);
            self.reach.push(max);
        }
    }
}

/// A timeline being laid out: count every booking, [`Layout::allocate`], place every booking
/// (same bookings, any order), then [`Layout::finish`]. Several layouts can be filled in one
/// pass over the items, which is why counting and placing are separate calls.
#[derive(Debug)]
pub(super) struct Layout {
    counts: Vec<u32>,
    buckets: Vec<Bucket>,
}

impl Layout {
    /// An empty layout for `resources` resources.
    pub fn new(resources: usize) -> Self {
        Layout {
            counts: vec![0; resources],
            buckets: vec![],
        }
    }

    /// Counts one booking of resource `r`.
    pub fn count(&mut self, r: u32) {
        self.counts[r as usize] += 1;
    }

    /// Reserves every bucket at its counted size; call once, after counting and before
    /// placing, so placing never reallocates.
    pub fn allocate(&mut self) {
        self.buckets = self
            .counts
            .iter()
            .map(|&n| Bucket {
                entries: Vec::with_capacity(n as usize),
                reach: vec![],
            })
            .collect();
    }

    /// Places one counted booking of resource `r`.
    pub fn place(&mut self, r: u32, e: Entry) {
        self.buckets[r as usize].entries.push(e);
    }

    /// Sorts every bucket and computes the running maximum of ends.
    pub fn finish(self) -> Timeline {
        let mut buckets = self.buckets;
        for b in &mut buckets {
            // Items usually arrive in time order already, which this sort detects cheaply.
            b.entries.sort_unstable_by_key(|e| (e.start, e.item));
            b.reach = Vec::with_capacity(b.entries.len());
            b.reach_from(0);
        }
        Timeline { buckets }
    }
}

impl Timeline {
    /// Builds the timeline of `resources` resources. `visit` is called twice (count, then
    /// fill) and must report the same bookings both times.
    #[cfg(test)]
    pub fn build(resources: usize, visit: impl Fn(&mut dyn FnMut(u32, Entry))) -> Self {
        let mut layout = Layout::new(resources);
        visit(&mut |r, _| layout.count(r));
        layout.allocate();
        visit(&mut |r, e| layout.place(r, e));
        layout.finish()
    }

    /// How many resources the timeline has.
    pub fn resources(&self) -> usize {
        self.buckets.len()
    }

    /// The bookings of resource `r`, ordered by start.
    pub fn bookings(&self, r: u32) -> &[Entry] {
        let (entries, _) = self.bucket(r);
        entries
    }

    fn bucket(&self, r: u32) -> (&[Entry], &[i64]) {
        match self.buckets.get(r as usize) {
            Some(b) => (&b.entries, &b.reach),
            None => (&[], &[]),
        }
    }

    /// Adds booking `e` of resource `r` in its place. Fails (returns false) for a resource
    /// the timeline does not have.
    pub fn insert(&mut self, r: u32, e: Entry) -> bool {
        let Some(b) = self.buckets.get_mut(r as usize) else {
            return false;
        };
        let at = b
            .entries
            .partition_point(|x| (x.start, x.item) < (e.start, e.item));
        b.entries.insert(at, e);
        b.reach_from(at);
        true
    }

    /// Removes the booking of item `item` starting at `start` from resource `r`; returns
    /// whether it was there.
    pub fn remove(&mut self, r: u32, start: i64, item: u32) -> bool {
        let Some(b) = self.buckets.get_mut(r as usize) else {
            return false;
        };
        let at = b
            .entries
            .partition_point(|x| (x.start, x.item) < (start, item));
        if b.entries
            .get(at)
            .is_none_or(|x| x.item != item || x.start != start)
        {
            return false;
        }
        b.entries.remove(at);
        b.reach_from(at);
        true
    }

    /// Calls `f` for every booking of `r` overlapping `[start, end)`.
    pub fn overlapping(&self, r: u32, start: i64, end: i64, mut f: impl FnMut(&Entry)) {
        let (entries, reach) = self.bucket(r);
        let upper = entries.partition_point(|e| e.start < end);
        for j in (0..upper).rev() {
            if reach[j] <= start {
                break;
            }
            let e = &entries[j];
            if e.end > start && e.end > e.start {
                f(e);
            }
        }
    }

    /// Calls `f(earlier, later)` once for every pair of overlapping bookings of `r`.
    pub fn overlapping_pairs(&self, r: u32, mut f: impl FnMut(&Entry, &Entry)) {
        let (entries, reach) = self.bucket(r);
        for (i, later) in entries.iter().enumerate() {
            if later.end <= later.start {
                continue;
            }
            for j in (0..i).rev() {
                if reach[j] <= later.start {
                    break;
                }
                let earlier = &entries[j];
                if earlier.end > later.start && earlier.end > earlier.start {
                    f(earlier, later);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Timeline {
        // Resource 0: a long morning booking that outlasts two short ones after it.
        let bookings = [
            (
                0,
                Entry {
                    start: 0,
                    end: 100,
                    item: 0,
                    venue: NO_VENUE,
                },
            ),
            (
                0,
                Entry {
                    start: 10,
                    end: 20,
                    item: 1,
                    venue: NO_VENUE,
                },
            ),
            (
                0,
                Entry {
                    start: 30,
                    end: 40,
                    item: 2,
                    venue: NO_VENUE,
                },
            ),
            (
                0,
                Entry {
                    start: 100,
                    end: 110,
                    item: 3,
                    venue: NO_VENUE,
                },
            ),
            (
                1,
                Entry {
                    start: 5,
                    end: 15,
                    item: 4,
                    venue: NO_VENUE,
                },
            ),
        ];
        Timeline::build(2, |f| {
            for &(r, e) in bookings.iter().rev() {
                f(r, e);
            }
        })
    }

    #[test]
    fn queries_find_overlaps_hidden_behind_a_long_booking() {
        let t = sample();
        let mut hits = vec![];
        t.overlapping(0, 50, 60, |e| hits.push(e.item));
        assert_eq!(
            hits,
            vec![0],
            "a long booking started earlier must still be found"
        );
        hits.clear();
        t.overlapping(0, 100, 105, |e| hits.push(e.item));
        assert_eq!(
            hits,
            vec![3],
            "half-open intervals: back-to-back is no overlap"
        );
        hits.clear();
        t.overlapping(1, 0, 100, |e| hits.push(e.item));
        assert_eq!(hits, vec![4], "buckets must not leak into each other");
        assert_eq!(
            t.bookings(7).len(),
            0,
            "an unknown resource has no bookings"
        );
    }

    #[test]
    fn pairs_are_reported_once_each() {
        let t = sample();
        let mut pairs = vec![];
        t.overlapping_pairs(0, |a, b| pairs.push((a.item, b.item)));
        pairs.sort();
        assert_eq!(
            pairs,
            vec![(0, 1), (0, 2)],
            "each overlapping pair exactly once"
        );
    }
}
