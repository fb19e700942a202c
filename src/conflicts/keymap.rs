//! Hash maps keyed by plan keys, with a fast non-cryptographic hasher.
//!
//! The keys come from the plan being checked, not from an adversary, and SipHash was the
//! largest single cost of building the index, so the index uses an Fx-style hash instead.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Fx-style hashing for the index's key maps. The keys come from the plan being checked, not
/// from an adversary, and SipHash was the largest single cost of building the index.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; hashbrown picks buckets with them.
        self.0.rotate_left(26)
    }
}

pub(super) fn key_hash(key: &str) -> u64 {
    let mut h = KeyHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// A map keyed by plan keys, hashed with [`KeyHasher`].
pub(super) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;
