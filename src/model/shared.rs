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
///
/// It may also borrow a text that lives as long as the process ([`Str::borrowed`]): a command
/// that compares two documents reads their texts from the cache entries' mappings, kept until
/// it exits, instead of copying them into the heap (README, "Diff", speed). Either way it is
/// two words, as an `Arc<str>` is: a pointer to the text and its length, whose top bit marks a
/// borrowed text.
pub struct Str {
    /// The text's first byte: inside an `Arc<str>`'s allocation (from [`Arc::into_raw`]), or of a
    /// `'static` text when [`BORROWED`] is set in `len`.
    ptr: std::ptr::NonNull<u8>,
    /// The text's length in bytes, with [`BORROWED`] for a borrowed text.
    len: usize,
}

/// The bit of [`Str`]'s length that marks a borrowed text (no text is that long).
const BORROWED: usize = 1 << (usize::BITS - 1);

// SAFETY: a `Str` is either an `Arc<str>` (Send and Sync) or a `&'static str` (Send and Sync),
// and nothing in it is mutable.
unsafe impl Send for Str {}
// SAFETY: as above.
unsafe impl Sync for Str {}

impl Str {
    /// The `Arc<str>`'s data pointer as `Arc::into_raw` gave it (for an owned text only).
    fn raw(&self) -> *const str {
        std::ptr::slice_from_raw_parts(self.ptr.as_ptr().cast_const(), self.len) as *const str
    }

    fn owned(text: Arc<str>) -> Str {
        let len = text.len();
        let ptr = Arc::into_raw(text) as *const u8;
        // SAFETY: `Arc::into_raw` never gives a null pointer.
        Str { ptr: unsafe { std::ptr::NonNull::new_unchecked(ptr.cast_mut()) }, len }
    }

    fn is_borrowed(&self) -> bool {
        self.len & BORROWED != 0
    }

    /// The owned text's `Arc`, without taking this `Str`'s count (`None` for a borrowed one).
    fn arc(&self) -> Option<std::mem::ManuallyDrop<Arc<str>>> {
        // SAFETY: an owned `Str` holds one count of the `Arc` its pointer came from; ManuallyDrop
        // leaves that count as it is.
        (!self.is_borrowed()).then(|| std::mem::ManuallyDrop::new(unsafe { Arc::from_raw(self.raw()) }))
    }

    /// A text that lives as long as the process, borrowed, not copied. It shares no allocation;
    /// [`Str::is_shared`] answers true for it (whether another document holds it is not known).
    pub fn borrowed(text: &'static str) -> Str {
        assert!(text.len() < BORROWED, "a text shorter than half the address space");
        Str { ptr: std::ptr::NonNull::from(text.as_bytes()).cast(), len: text.len() | BORROWED }
    }
}

impl Clone for Str {
    fn clone(&self) -> Str {
        if !self.is_borrowed() {
            // SAFETY: this `Str` holds a count of the `Arc`, so it is alive.
            unsafe { Arc::increment_strong_count(self.raw()) };
        }
        Str { ptr: self.ptr, len: self.len }
    }
}

impl Drop for Str {
    fn drop(&mut self) {
        if !self.is_borrowed() {
            // SAFETY: this `Str`'s count of the `Arc`, given back once.
            unsafe { Arc::decrement_strong_count(self.raw()) };
        }
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::borrowed("")
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Str {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

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
            return Str::owned(Arc::from(s));
        }
        let hash = sample_hash(s);
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        let pool = pool.get_or_insert_with(|| Pool { texts: Default::default(), sweep_at: 1024 });
        if let Some(held) = pool.texts.get(&hash).and_then(Weak::upgrade).filter(|t| **t == *s) {
            return Str::owned(held);
        }
        let text: Arc<str> = Arc::from(s);
        pool.texts.insert(hash, Arc::downgrade(&text));
        if pool.texts.len() >= pool.sweep_at {
            pool.texts.retain(|_, t| t.strong_count() > 0);
            pool.sweep_at = (pool.texts.len() * 2).max(1024);
        }
        Str::owned(text)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let bytes = std::ptr::slice_from_raw_parts(self.ptr.as_ptr().cast_const(), self.len & !BORROWED);
        // SAFETY: the bytes of an `Arc<str>` this `Str` holds a count of, or of a `'static` text.
        unsafe { std::str::from_utf8_unchecked(&*bytes) }
    }

    /// True when another `Str` holds this allocation too (an equal text of another loaded
    /// document, read by [`Str::interned`], or a copy of this one), and for a borrowed text
    /// ([`Str::borrowed`]), whose sharing is not known.
    pub fn is_shared(&self) -> bool {
        self.arc().is_none_or(|a| Arc::strong_count(&a) > 1)
    }

    /// True when both are the same text in memory (not only equal texts).
    pub fn same(&self, other: &Str) -> bool {
        self.ptr == other.ptr && self.len == other.len
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::owned(Arc::from(s))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::owned(Arc::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::owned(Arc::from(s.as_str()))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_string()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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

    #[test]
    fn a_borrowed_text_reads_compares_and_hashes_as_an_owned_one() {
        use std::hash::BuildHasher;
        static TEXT: &str = "Текст, взятый из отображённого в память файла кэша";
        let (b, o) = (Str::borrowed(TEXT), Str::interned(TEXT));
        assert_eq!(b, o);
        assert_eq!(b.as_str(), TEXT);
        assert!(std::ptr::eq(b.as_str(), TEXT), "not copied");
        let h = std::hash::RandomState::new();
        assert_eq!(h.hash_one(&b), h.hash_one(&o));
        assert_eq!(h.hash_one(&b), h.hash_one(TEXT));
        let c = b.clone();
        assert!(c.same(&b) && !c.same(&o) && b.is_shared());
        let (x, y) = (Str::borrowed("а"), Str::interned("б"));
        assert_eq!((x.cmp(&y), y.partial_cmp(&x)), (std::cmp::Ordering::Less, Some(std::cmp::Ordering::Greater)));
        assert_eq!(Str::default(), "");
        assert_eq!(format!("{b:?}"), format!("{TEXT:?}"));
        // Two words, as `Arc<str>`, with a niche for `Option`.
        assert_eq!(std::mem::size_of::<Str>(), std::mem::size_of::<Arc<str>>());
        assert_eq!(std::mem::size_of::<Option<Str>>(), std::mem::size_of::<Str>());
    }

    #[test]
    fn clones_and_drops_keep_the_count() {
        let a = Str::from("текст, у которого есть копии");
        assert!(!a.is_shared());
        let copies: Vec<Str> = (0..5).map(|_| a.clone()).collect();
        assert!(a.is_shared() && copies.iter().all(|c| c.same(&a)));
        let sent = std::thread::spawn(move || copies.into_iter().map(|c| c.len()).sum::<usize>()).join().unwrap();
        assert_eq!(sent, 5 * a.len());
        assert!(!a.is_shared());
        assert_eq!(String::from(a), "текст, у которого есть копии");
    }
}
