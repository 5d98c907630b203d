//! The normalized document as pretty JSON: byte for byte what `serde_json::to_writer_pretty`
//! writes (two-space indent, `"key": value`, `[]` and `{}` for empty containers, numbers as
//! serde_json writes them), with strings escaped eight bytes at a time. A document's JSON is
//! nearly all string bytes (about 2.7 times the raw text), and serde_json looks at them one by
//! one: that was a tenth of a `strata normalize` run.

use crate::text::scan::{HIGH, LOW7, skip_unmarked, splat, zero_bytes};
use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value could not be written (only what serde itself can report: a map key that is not a
/// string, number or unit variant, or a custom error from a `Serialize` implementation).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Appends `value` as pretty JSON to `out`.
pub fn write_pretty<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Pretty { out, indent: 0 })
}

/// `serialize_i8` ... `serialize_u128`, each passing its value to the method named.
macro_rules! numbers {
    ($method:ident: $($name:ident $t:ty),*) => {
        $(fn $name(self, v: $t) -> Result<(), Error> {
            self.$method(v)
        })*
    };
}

/// The writer: the output and the current depth.
struct Pretty<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
}

impl<'a> Pretty<'a> {
    /// A new line at the current depth.
    fn newline(&mut self) {
        // The indent copied from a row of spaces, one slice per 64 spaces rather than one
        // two-byte append (with its capacity check) per level.
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut width = 2 * self.indent;
        self.out.reserve(1 + width);
        self.out.push(b'\n');
        while width > 0 {
            let n = width.min(SPACES.len());
            self.out.extend_from_slice(&SPACES[..n]);
            width -= n;
        }
    }

    /// Opens a container (`[` or `{`).
    fn open<'s>(&'s mut self, bracket: u8) -> Compound<'s, 'a> {
        self.out.push(bracket);
        self.indent += 1;
        Compound { ser: self, first: true, close: bracket + 2, wrapped: false }
    }

    /// A number (or `null` for a float that is not finite) exactly as serde_json writes it.
    fn number<T: Serialize>(&mut self, v: T) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &v).map_err(|e| Error(e.to_string()))
    }

    /// `{"variant": ` opened, for the variant forms of newtypes, tuples and structs.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        self.indent += 1;
        self.newline();
        string(self.out, variant);
        self.out.extend_from_slice(b": ");
    }

    /// An array or object as the value of `{"variant": ...}`, which closes with it.
    fn open_in_variant<'s>(&'s mut self, variant: &str, bracket: u8) -> Compound<'s, 'a> {
        self.open_variant(variant);
        let mut inner = self.open(bracket);
        inner.wrapped = true;
        inner
    }

    /// Closes what [`Pretty::open_variant`] opened, after its value.
    fn close_variant(&mut self) {
        self.indent -= 1;
        self.newline();
        self.out.push(b'}');
    }
}

/// 0x80 in each byte of `x` that JSON escapes: a control character below 0x20, `"` or `\`.
#[inline(always)]
fn escaped(x: u64) -> u64 {
    let control = !(((x & LOW7) + splat(0x80 - 0x20)) | x) & HIGH;
    control | zero_bytes(x ^ splat(b'"')) | zero_bytes(x ^ splat(b'\\'))
}

/// True when one of the `N` bytes is one JSON escapes. Written byte by byte without an early
/// exit, so that the compiler tests sixteen at once with vector instructions (SSE2, which every
/// x86-64 processor has), and the `N / 16` vectors' marks together: sixteen bytes take about a
/// third of the instructions of the eight-byte word test, sixty-four a quarter fewer again.
#[inline(always)]
fn any_escaped<const N: usize>(c: &[u8; N]) -> bool {
    let mut marked = [false; N];
    for (m, &x) in marked.iter_mut().zip(c) {
        *m = (x < 0x20) | (x == b'"') | (x == b'\\');
    }
    marked.iter().fold(false, |any, &m| any | m)
}

/// The first byte at or after `i` that JSON escapes, or the end.
#[inline]
fn next_escaped(b: &[u8], mut i: usize) -> usize {
    // Long strings (a section's text) sixty-four bytes at a time, then sixteen, what is left
    // eight at a time.
    while let Some(c) = b[i..].first_chunk::<64>()
        && !any_escaped(c)
    {
        i += 64;
    }
    while let Some(c) = b[i..].first_chunk::<16>()
        && !any_escaped(c)
    {
        i += 16;
    }
    let mut i = skip_unmarked(b, i, escaped);
    while i < b.len() && !matches!(b[i], 0..=0x1F | b'"' | b'\\') {
        i += 1;
    }
    i
}

/// `s` as a quoted JSON string, escaped as serde_json escapes it (`\"`, `\\`, `\b`, `\f`, `\n`,
/// `\r`, `\t`, other control characters as `\u00xx`; everything else as it is).
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let i = next_escaped(b, start);
        out.extend_from_slice(&b[start..i]);
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xF)]]);
            }
        }
        start = i + 1;
    }
    out.push(b'"');
}

/// An open array or object.
struct Compound<'s, 'a> {
    ser: &'s mut Pretty<'a>,
    /// No element written yet.
    first: bool,
    /// The closing bracket (`]` or `}`).
    close: u8,
    /// Inside `{"variant": ...}`: that object closes after this container.
    wrapped: bool,
}

impl Compound<'_, '_> {
    /// Before an element or key: a comma after the previous one, a new line, the indent.
    fn element(&mut self) {
        if !self.first {
            self.ser.out.push(b',');
        }
        self.first = false;
        self.ser.newline();
    }

    fn end(self) -> Result<(), Error> {
        self.ser.indent -= 1;
        if !self.first {
            self.ser.newline();
        }
        self.ser.out.push(self.close);
        if self.wrapped {
            self.ser.close_variant();
        }
        Ok(())
    }
}

impl<'s, 'a> ser::Serializer for &'s mut Pretty<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    numbers!(number: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open_in_variant(variant, b'['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open(b'{'))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open_in_variant(variant, b'{'))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element();
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Tuples of every kind are written as arrays, element by element, and a struct variant's
/// fields as a struct's.
macro_rules! forward {
    ($($tr:ident $method:ident($($arg:ident: $ty:ty),*) => $target:path;)*) => {
        $(impl ser::$tr for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, $($arg: $ty,)* value: &T) -> Result<(), Error> {
                $target(self, $($arg,)* value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

forward! {
    SerializeTuple serialize_element() => ser::SerializeSeq::serialize_element;
    SerializeTupleStruct serialize_field() => ser::SerializeSeq::serialize_element;
    SerializeTupleVariant serialize_field() => ser::SerializeSeq::serialize_element;
    SerializeStructVariant serialize_field(key: &'static str) => ser::SerializeStruct::serialize_field;
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element();
        key.serialize(Key(self.ser.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.out.extend_from_slice(b": ");
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.element();
        string(self.ser.out, key);
        self.ser.out.extend_from_slice(b": ");
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// A map key: JSON keys are strings, so numbers, booleans and unit variants are quoted, as
/// serde_json quotes them; anything else is refused with serde_json's message.
struct Key<'a>(&'a mut Vec<u8>);

impl Key<'_> {
    fn quoted<T: Serialize>(self, v: T) -> Result<(), Error> {
        self.0.push(b'"');
        serde_json::to_writer(&mut *self.0, &v).map_err(|e| Error(e.to_string()))?;
        self.0.push(b'"');
        Ok(())
    }
}

fn not_a_key() -> Error {
    Error("key must be a string".into())
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(v)
    }
    numbers!(quoted: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if v.is_finite() { self.quoted(v) } else { Err(Error("float key must be finite (got NaN or +/-inf)".into())) }
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() { self.quoted(v) } else { Err(Error("float key must be finite (got NaN or +/-inf)".into())) }
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_a_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same_as_serde_json<T: Serialize>(v: &T) {
        let mut mine = Vec::new();
        write_pretty(&mut mine, v).unwrap();
        let want = serde_json::to_string_pretty(v).unwrap();
        assert_eq!(String::from_utf8(mine).unwrap(), want);
    }

    #[derive(Serialize)]
    enum Kind {
        Unit,
        New(u8),
        Tuple(u8, String),
        Fields { a: Vec<u8>, b: Option<f64> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(String);

    #[derive(Serialize)]
    struct All {
        text: String,
        empty: Vec<String>,
        nested: Vec<Vec<u32>>,
        nothing: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        years: BTreeMap<u16, f64>,
        names: BTreeMap<String, String>,
        no_map: BTreeMap<String, u8>,
        kinds: Vec<Kind>,
        floats: Vec<f64>,
        ints: (i64, u64, i8, i128),
        flag: bool,
        ch: char,
        unit: (),
        unit_struct: Unit,
        wrapper: Wrapper,
        empty_struct: BTreeMap<bool, Vec<()>>,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        let text = format!("{every_byte} «Цифровой» \"профиль\" \\ путь\\ {every_byte}ёЁ—\u{1F600}\u{7f}");
        let mut years = BTreeMap::new();
        years.insert(2024, 0.1);
        years.insert(2030, 1e21);
        let mut names = BTreeMap::new();
        names.insert("ключ \"с\" кавычками\n".to_string(), text.clone());
        let mut flags = BTreeMap::new();
        flags.insert(true, vec![(), ()]);
        flags.insert(false, vec![]);
        let all = All {
            text: text.clone(),
            empty: vec![],
            nested: vec![vec![], vec![1, 2], vec![]],
            nothing: None,
            skipped: None,
            years,
            names,
            no_map: BTreeMap::new(),
            kinds: vec![
                Kind::Unit,
                Kind::New(7),
                Kind::Tuple(1, "x".into()),
                Kind::Fields { a: vec![], b: Some(-0.0) },
                Kind::Fields { a: vec![3], b: None },
            ],
            floats: vec![1.0, 0.5, -2.25e-8, f64::NAN, f64::INFINITY, 123456789.0, 1e300],
            ints: (i64::MIN, u64::MAX, -1, i128::MAX),
            flag: true,
            ch: '"',
            unit: (),
            unit_struct: Unit,
            wrapper: Wrapper(text),
            empty_struct: flags,
        };
        same_as_serde_json(&all);
        // Deeper than the row of spaces the indent is copied from (64 spaces, 32 levels).
        let mut deep = serde_json::json!([1]);
        for _ in 0..40 {
            deep = serde_json::json!([deep, { "k": 2 }]);
        }
        same_as_serde_json(&deep);
        same_as_serde_json(&Vec::<u8>::new());
        same_as_serde_json(&"");
        // Every length around the eight-byte steps, with an escaped byte at every place.
        for n in 0..40 {
            for k in 0..=n {
                let mut s: String = "ж".repeat(n / 2) + &"a".repeat(n % 2);
                s.insert(k.min(s.len()) / 2 * 2, if n % 3 == 0 { '"' } else { '\u{1}' });
                same_as_serde_json(&s);
            }
        }
    }

    #[test]
    fn the_samples_are_written_as_serde_json_writes_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/raw");
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            if e.path().extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let doc = crate::normalize::normalize(&std::fs::read(e.path()).unwrap(), "x.txt").unwrap();
            same_as_serde_json(&doc);
        }
    }
}
