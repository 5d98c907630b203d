//! Texts shared between documents: [`Str`], a document string that every document holding the
//! same text points to once it is loaded (versions of one strategy, and regions that copied the
//! federal template, repeat most of their paragraphs and table rows).

use std::borrow::Borrow;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, Weak};

/// An immutable document string, shared by reference count: cloning it copies no text, and texts
/// read by [`Str::interned`] (every document loaded from JSON or the binary cache) share one
/// allocation with any equal text loaded before and still held. Reads as a `&str`; serialized
/// as a plain JSON string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str(Arc<str>);

/// Texts shorter than this are not looked up (their copy costs about what a pool entry does).
const SHARE_MIN: usize = 16;

/// The texts loaded so far, by [`sample_hash`]: a weak reference, so the pool keeps no text alive
/// that no document holds; entries of dropped texts are swept when the pool has doubled.
struct Pool {
    texts: std::collections::HashMap<u64, Weak<str>, BuildHasherDefault<crate::compare::norm::Fx>>,
    sweep_at: usize,
}

static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// A hash of `s` from its length and sixteen bytes at each of up to eight places spread over it
/// (so a long paragraph costs no more than a short one; texts that agree there but differ
/// elsewhere are told apart by comparing them whole).
fn sample_hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = crate::compare::norm::Fx::default();
    h.write_usize(b.len());
    let places = if b.len() <= 128 { 1 } else { 8 };
    let last = b.len().saturating_sub(16);
    for k in 0..places {
        let at = if places == 1 { 0 } else { last * k / (places - 1) };
        h.write(&b[at..(at + 16).min(b.len())]);
    }
    if places == 1 && b.len() > 16 {
        h.write(&b[16..]);
    }
    h.finish()
}

impl Str {
    /// `s`, sharing the allocation of an equal text loaded before when one is still held.
    pub fn interned(s: &str) -> Str {
        if s.len() < SHARE_MIN {
            return Str(Arc::from(s));
        }
        let hash = sample_hash(s);
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        let pool = pool.get_or_insert_with(|| Pool { texts: Default::default(), sweep_at: 1024 });
        if let Some(held) = pool.texts.get(&hash).and_then(Weak::upgrade).filter(|t| **t == *s) {
            return Str(held);
        }
        let text: Arc<str> = Arc::from(s);
        pool.texts.insert(hash, Arc::downgrade(&text));
        if pool.texts.len() >= pool.sweep_at {
            pool.texts.retain(|_, t| t.strong_count() > 0);
            pool.sweep_at = (pool.texts.len() * 2).max(1024);
        }
        Str(text)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when another `Str` holds this allocation too (an equal text of another loaded
    /// document, read by [`Str::interned`], or a copy of this one).
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }

    /// True when both are the same allocation (not only equal texts).
    pub fn same(&self, other: &Str) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Arc::from(s))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Arc::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str(Arc::from(s.as_str()))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Str;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Str, E> {
                Ok(Str::interned(s))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation_and_different_ones_do_not() {
        let long = "Развитие цифровой инфраструктуры здравоохранения региона".to_string();
        let (a, b) = (Str::interned(&long), Str::interned(&long.clone()));
        assert!(a.same(&b) && a.is_shared());
        drop(b);
        assert!(!a.is_shared());
        // Same length and the same sampled bytes at the ends, different in between.
        let other = long.replace("инфраструктуры", "инфраструктурЫ");
        let c = Str::interned(&other);
        assert_eq!(c, other.as_str());
        assert!(!a.same(&c));
        assert_eq!(a, long.as_str());
    }

    #[test]
    fn a_dropped_text_is_not_kept_alive_and_serializes_as_a_string() {
        let s = Str::interned("текст, который больше никто не держит");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"текст, который больше никто не держит\"");
        let back: Str = serde_json::from_str(&json).unwrap();
        assert!(back.same(&s));
        drop((s, back));
        let again: Str = serde_json::from_str("\"текст, который больше никто не держит\"").unwrap();
        assert_eq!(again.as_str(), "текст, который больше никто не держит");
    }
}
