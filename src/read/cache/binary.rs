//! The compact binary form of a [`Document`], for the cache of JSON inputs: decoding it is several
//! times faster than parsing the JSON, and its sections can be decoded alone.
//!
//! Layout (integers little-endian; a string is a `u32` byte length and its UTF-8 bytes; an
//! `Option` is a tag byte, 0 or 1, then the value): five segments, each a `u64` length and its
//! bytes, so a reader can skip the ones it does not need:
//! 1. the head: schema, meta, source, sectors, glossary, legal basis, card;
//! 2. the skeleton: every section in pre-order as depth, key, number, title, line, offset, and
//!    where its blocks lie in segment 5 with their checksum;
//! 3. projects; 4. indicators; 5. every section's blocks, back to back.
//!
//! Segments 1 to 4 carry a checksum ([`super::checksum`]) after their length, and each section's
//! blocks theirs in the skeleton: a part is checked when it is decoded, so `--section` reads and
//! checks a few kilobytes of a megabyte entry, and the whole document checks every byte it
//! decodes. Decoding also checks every length against what is left, every string's UTF-8 and
//! every tag, so a damaged entry is refused (`None`), never misread into a panic. The encoder destructures each
//! model type whole, so a field added to the model fails to compile here until it is stored.

use crate::model::{
    Approval, Block, BlockKind, CardField, Document, Indicator, Meta, Period, Project, Quality, Region, Section,
    SectorRef, Source, SourceFormat, Str, Version, Warning,
};
use std::collections::BTreeMap;

/// Encodes `doc`.
pub fn encode(doc: &Document) -> Vec<u8> {
    let Document { schema, meta, source, sectors, sections, projects, indicators, glossary, legal_basis, card } = doc;
    let mut out = Vec::with_capacity(text_size(doc) + 4096);
    segment(&mut out, |w| {
        w.u32(*schema);
        put_meta(w, meta);
        put_source(w, source);
        w.len(sectors.len());
        for SectorRef { key, name } in sectors {
            w.str(key);
            w.str(name);
        }
        w.len(glossary.len());
        for (k, v) in glossary {
            w.str(k);
            w.str(v);
        }
        w.len(legal_basis.len());
        for l in legal_basis {
            w.str(l);
        }
        w.len(card.len());
        for CardField { label, value } in card {
            w.str(label);
            w.str(value);
        }
    });
    // Blocks first into their own buffer, so the skeleton can say where each section's lie.
    let mut blocks = W(Vec::with_capacity(text_size(doc)));
    segment(&mut out, |w| {
        let mut n = 0;
        crate::model::visit_sections(sections, |_, _| {
            n += 1;
            true
        });
        w.len(n);
        crate::model::visit_sections(sections, |path, s| {
            let Section { key, number, title, blocks: bs, children: _, line, offset } = s;
            w.len(path.len() - 1);
            w.str(key);
            w.opt_str(number.as_deref());
            w.str(title);
            w.opt_u64(line.map(|v| v as u64));
            w.opt_u64(offset.map(|v| v as u64));
            let start = blocks.0.len();
            blocks.len(bs.len());
            for Block { kind, text } in bs {
                blocks.0.push(match kind {
                    BlockKind::Paragraph => 0,
                    BlockKind::Item => 1,
                });
                blocks.str(text);
            }
            w.u64(start as u64);
            w.u64((blocks.0.len() - start) as u64);
            w.u64(super::checksum(&blocks.0[start..]));
            true
        });
    });
    segment(&mut out, |w| {
        w.len(projects.len());
        for p in projects {
            put_project(w, p);
        }
    });
    segment(&mut out, |w| {
        w.len(indicators.len());
        for i in indicators {
            put_indicator(w, i);
        }
    });
    out.extend_from_slice(&(blocks.0.len() as u64).to_le_bytes());
    out.extend_from_slice(&blocks.0);
    out
}

/// Bytes of the document's section text, to size the buffers.
fn text_size(doc: &Document) -> usize {
    let mut n = 0;
    crate::model::visit_sections(&doc.sections, |_, s| {
        n += s.blocks.iter().map(|b| b.text.len() + 8).sum::<usize>();
        true
    });
    n + doc.projects.iter().map(|p| p.raw.len() * 2 + p.name.len()).sum::<usize>()
        + doc.indicators.iter().map(|i| i.raw.len() + i.name.len() + i.project.len()).sum::<usize>()
}

/// Which parts of a document [`decode`] fills in.
#[derive(Clone, Copy)]
pub struct Parts<'a> {
    /// Decode the blocks of the sections whose key this accepts; every other section keeps its
    /// key, number, title and place but no blocks.
    pub blocks: &'a dyn Fn(&str) -> bool,
    /// Decode the projects.
    pub projects: bool,
    /// Decode the indicators.
    pub indicators: bool,
}

impl Parts<'_> {
    /// The whole document.
    pub const ALL: Parts<'static> = Parts { blocks: &|_| true, projects: true, indicators: true };
}

/// Decodes a document encoded by [`encode`], with the parts `parts` asks for; `None` when the
/// bytes are damaged.
///
/// One pass: the wanted sections' blocks are decoded as the skeleton lists their places, so the
/// segments are split, and the skeleton checked and walked, once.
pub fn decode(bytes: &[u8], parts: Parts<'_>) -> Option<Document> {
    decode_with(bytes, parts, Str::interned)
}

/// [`decode`] of bytes that live as long as the process (a cache entry mapped until it exits):
/// the document texts ([`Str`]: blocks, project rows, indicator names and rows) borrow the
/// bytes, checked as [`decode`] checks them, instead of being copied into the heap
/// ([`Str::borrowed`]). For a process that loads a few documents and exits, as `strata diff`.
pub fn decode_static(bytes: &'static [u8], parts: Parts<'_>) -> Option<Document> {
    decode_with(bytes, parts, Str::borrowed)
}

fn decode_with<'a>(bytes: &'a [u8], parts: Parts<'_>, share: fn(&'a str) -> Str) -> Option<Document> {
    let seg = segments(bytes)?;
    let t = Texts { utf8: checker(bytes.len()), share };
    let mut doc = head_and_sections(&seg, true, t, Some((parts.blocks, seg.blocks)), None)?;
    tables(&seg, &mut doc, parts, t)?;
    Some(doc)
}

/// The outline of a document encoded by [`encode`]: its head and every section's key, number,
/// title and place, without blocks, projects or indicators, and where each section's blocks lie,
/// so that [`Outline::fill`] decodes the parts a caller wants without reading the skeleton again.
pub struct Outline<'a> {
    doc: Document,
    seg: Segments<'a>,
    /// Each section's blocks' place, in the skeleton's pre-order (checked with the skeleton).
    places: Vec<Place>,
    share: fn(&'a str) -> Str,
}

/// Where a section's blocks lie in the blocks segment: start, length and checksum.
type Place = (usize, usize, u64);

/// Decodes the [`Outline`] of a document encoded by [`encode`]; `None` when the bytes are damaged.
/// Without `details`, the head's card, glossary, legal basis, sectors and the source's warnings
/// are left empty (a comparison reads none of them): their bytes are checked against the head's
/// checksum and their lengths against the head, but not decoded.
pub fn outline(bytes: &[u8], details: bool) -> Option<Outline<'_>> {
    outline_with(bytes, details, Str::interned)
}

/// [`outline`] of bytes that live as long as the process: the texts [`Outline::fill`] decodes
/// borrow them, as [`decode_static`]'s do.
pub fn outline_static(bytes: &'static [u8], details: bool) -> Option<Outline<'static>> {
    outline_with(bytes, details, Str::borrowed)
}

fn outline_with<'a>(bytes: &'a [u8], details: bool, share: fn(&'a str) -> Str) -> Option<Outline<'a>> {
    let seg = segments(bytes)?;
    let mut places = Vec::new();
    let doc = head_and_sections(&seg, details, Texts::copied(checker(0)), None, Some(&mut places))?;
    Some(Outline { doc, seg, places, share })
}

impl Outline<'_> {
    /// The document as outlined: head and sections, no blocks, projects or indicators.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The document with the parts `parts` asks for decoded into the outline (its head and
    /// sections are not decoded again); `None` when those parts are damaged.
    pub fn fill(self, parts: Parts<'_>) -> Option<Document> {
        let Outline { mut doc, seg, places, share } = self;
        // The sections in pre-order, as the skeleton listed them and their places (an explicit
        // stack, no recursion).
        let mut wanted = Vec::new();
        let mut places = places.into_iter();
        let mut stack = vec![doc.sections.iter_mut()];
        while let Some(level) = stack.last_mut() {
            let Some(Section { key, blocks, children, .. }) = level.next() else {
                stack.pop();
                continue;
            };
            let place = places.next()?;
            if (parts.blocks)(key) {
                wanted.push((blocks, place));
            }
            stack.push(children.iter_mut());
        }
        let size = |want: bool, (bytes, _): (&[u8], u64)| if want { bytes.len() } else { 0 };
        let utf8 = checker(
            wanted.iter().map(|(_, (_, len, _))| len).sum::<usize>()
                + size(parts.projects, seg.projects)
                + size(parts.indicators, seg.indicators),
        );
        let t = Texts { utf8, share };
        for (blocks, place) in wanted {
            *blocks = get_blocks(seg.blocks, place, t)?;
        }
        tables(&seg, &mut doc, parts, t)?;
        Some(doc)
    }
}

/// Which sections' blocks a decode fills in as it reads the skeleton, and the blocks segment
/// they are in; `None` for none.
type Wanted<'p, 'a> = Option<(&'p dyn Fn(&str) -> bool, &'a [u8])>;

/// The head and the sections; with `places`, every section's blocks' place is pushed on it in
/// pre-order.
fn head_and_sections<'a>(
    seg: &Segments<'a>,
    details: bool,
    t: Texts<'a>,
    wanted: Wanted<'_, 'a>,
    places: Option<&mut Vec<Place>>,
) -> Option<Document> {
    let (head, skeleton) = (verified(seg.head)?, verified(seg.skeleton)?);
    let mut h = R { b: head, at: 0, t };
    let schema = h.u32()?;
    let meta = get_meta(&mut h)?;
    let mut source = get_source(&mut h)?;
    let (mut sectors, mut glossary, mut legal_basis, mut card) = (Vec::new(), BTreeMap::new(), Vec::new(), Vec::new());
    if details {
        source.quality.warnings = h.list(|r| {
            Some(Warning {
                code: r.string()?,
                message: r.string()?,
                line: r.opt_u64()?.map(|v| v as usize),
                offset: r.opt_u64()?.map(|v| v as usize),
                project: r.opt_string()?,
            })
        })?;
        sectors = h.list(|h| Some(SectorRef { key: h.string()?, name: h.string()? }))?;
        for _ in 0..h.len()? {
            glossary.insert(h.string()?, h.string()?);
        }
        legal_basis = h.list(R::string)?;
        card = h.list(|h| Some(CardField { label: h.string()?, value: h.string()? }))?;
    } else {
        skip_details(&mut h)?;
    }
    h.end()?;
    let sections = get_sections(R { b: skeleton, at: 0, t }, wanted, places)?;
    let (projects, indicators) = (Vec::new(), Vec::new());
    Some(Document { schema, meta, source, sectors, sections, projects, indicators, glossary, legal_basis, card })
}

/// Decodes into `doc` the projects and the indicators when `parts` asks for them.
fn tables<'a>(seg: &Segments<'a>, doc: &mut Document, parts: Parts<'_>, t: Texts<'a>) -> Option<()> {
    if parts.projects {
        doc.projects = R::whole(verified(seg.projects)?, t, |r| r.list(get_project))?;
    }
    if parts.indicators {
        doc.indicators = R::whole(verified(seg.indicators)?, t, |r| r.list(get_indicator))?;
    }
    Some(())
}

/// Strings are checked as UTF-8 with SIMD (`simdutf8`) when a decode has many bytes to check,
/// else with [`small_utf8`]: simdutf8's first use in a process probes the CPU's features
/// (`cpuid`, which traps to the hypervisor on a virtual machine: tens of microseconds), more
/// than the check of an outline or a section costs (README, "Diff", speed). Both accept exactly
/// the valid UTF-8.
///
/// simdutf8's probe is skipped where glibc already answers whether AVX2 is usable (glibc 2.33
/// and later on x86-64, [`avx2_usable`]: its start made those probes anyway, for its own string
/// functions): simdutf8's AVX2 check is then called directly.
fn checker(bytes: usize) -> Utf8 {
    const SIMD_FROM: usize = 64 << 10;
    if bytes < SIMD_FROM {
        return small_utf8;
    }
    #[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
    if avx2_usable() {
        // SAFETY: the CPU and the system support AVX2 (glibc's answer, above).
        return |b| {
            unsafe { simdutf8::basic::imp::x86::avx2::validate_utf8(b) }.ok().map(|()| {
                // SAFETY: just checked as UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            })
        };
    }
    |b| simdutf8::basic::from_utf8(b).ok()
}

/// Whether AVX2 is usable (the CPU has it and the system saves its registers), as glibc found
/// at start-up (`CPU_FEATURE_ACTIVE (AVX2)` of `<sys/platform/x86.h>`): no `cpuid` of our own.
#[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
fn avx2_usable() -> bool {
    /// glibc's `struct cpuid_feature`: one `cpuid` leaf's registers, and which of their
    /// features are active.
    #[repr(C)]
    struct CpuidFeature {
        cpuid: [u32; 4],
        active: [u32; 4],
    }
    unsafe extern "C" {
        fn __x86_get_cpuid_feature_leaf(leaf: u32) -> *const CpuidFeature;
    }
    // `CPUID_INDEX_7`, register EBX, bit 5: AVX2.
    const INDEX_7: u32 = 1;
    // SAFETY: glibc returns a pointer to its own table (filled at start-up), or to a zeroed one
    // for a leaf it does not know; it is never null and never written after start-up.
    let leaf = unsafe { &*__x86_get_cpuid_feature_leaf(INDEX_7) };
    leaf.active[1] & (1 << 5) != 0
}

/// A UTF-8 check without CPU probes, fast on Cyrillic text: 16 bytes at a time with SSE2 (part
/// of every x86-64 CPU) while they are only ASCII and two-byte characters (`C2`-`DF`, then a
/// continuation byte), each block ending with a whole character; else the standard check of the
/// next 16 bytes or so, up to a byte that is not a continuation byte; the last piece, when shorter
/// than 16 bytes, is checked as a block padded with zero bytes first. UTF-8 is a plain
/// concatenation of characters, and each piece ends where a character must begin if the text is
/// valid, so the text is valid exactly when every piece is. Elsewhere, the standard check.
fn small_utf8(b: &[u8]) -> Option<&str> {
    #[cfg(target_arch = "x86_64")]
    {
        let mut at = 0;
        while at < b.len() {
            if let Some(n) = two_byte_block(&b[at..]) {
                at += n;
                continue;
            }
            let rest = &b[at..];
            if rest.len() < 16 {
                // The last piece, padded with zero bytes (ASCII, and never a lead) to a block: a
                // key, a number or a title's end takes no call of the standard check.
                let mut block = [0; 16];
                block[..rest.len()].copy_from_slice(rest);
                if two_byte_block(&block).is_some() {
                    break;
                }
            }
            let mut end = (at + 16).min(b.len());
            while end < b.len() && b[end] & 0xc0 == 0x80 {
                end += 1;
            }
            std::str::from_utf8(&b[at..end]).ok()?;
            at = end;
        }
        // SAFETY: every piece of `b` was checked, as above.
        Some(unsafe { std::str::from_utf8_unchecked(b) })
    }
    #[cfg(not(target_arch = "x86_64"))]
    std::str::from_utf8(b).ok()
}

/// How many of the first 16 bytes of `b` (15 when the 16th begins a character) are ASCII and
/// whole two-byte characters; `None` when fewer than 16 bytes are left or another byte is there.
#[cfg(target_arch = "x86_64")]
fn two_byte_block(b: &[u8]) -> Option<usize> {
    use std::arch::x86_64::*;
    let block: &[u8; 16] = b.get(..16)?.try_into().ok()?;
    // SAFETY: SSE2 is part of x86-64; the load reads the 16 bytes of `block`, unaligned.
    let (high, cont, lead) = unsafe {
        let v = _mm_loadu_si128(block.as_ptr().cast());
        let masked = |m: u8, want: u8| {
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(m as i8)), _mm_set1_epi8(want as i8)))
        };
        // Continuation bytes 80-BF; two-byte leads C0-DF less the overlong C0 and C1.
        (_mm_movemask_epi8(v), masked(0xc0, 0x80), masked(0xe0, 0xc0) & !masked(0xfe, 0xc0))
    };
    // Every non-ASCII byte is a lead or a continuation, each lead is followed by a continuation
    // and each continuation follows a lead (a lead in the last byte waits for the next block).
    let whole = lead & 0x7fff;
    (high == cont | lead && cont == whole << 1).then_some(if lead & 0x8000 != 0 { 15 } else { 16 })
}

/// A UTF-8 check: the text, or `None`.
type Utf8 = fn(&[u8]) -> Option<&str>;

/// How a decode reads its strings: the UTF-8 check ([`checker`]), and how a document text
/// ([`Str`]) is made of checked bytes that live for `'a`: copied ([`Str::interned`]), or
/// borrowed when they live as long as the process ([`decode_static`]).
#[derive(Clone, Copy)]
struct Texts<'a> {
    utf8: Utf8,
    share: fn(&'a str) -> Str,
}

impl Texts<'_> {
    /// Texts checked with `utf8` and copied.
    fn copied(utf8: Utf8) -> Self {
        Texts { utf8, share: Str::interned }
    }
}

/// The five segments of an encoded document; the first four with their checksums, not checked yet.
struct Segments<'a> {
    head: (&'a [u8], u64),
    skeleton: (&'a [u8], u64),
    projects: (&'a [u8], u64),
    indicators: (&'a [u8], u64),
    blocks: &'a [u8],
}

fn segments(bytes: &[u8]) -> Option<Segments<'_>> {
    let mut r = R { b: bytes, at: 0, t: Texts::copied(checker(0)) };
    let seg = Segments {
        head: r.checked_segment()?,
        skeleton: r.checked_segment()?,
        projects: r.checked_segment()?,
        indicators: r.checked_segment()?,
        blocks: r.segment()?,
    };
    r.end()?;
    Some(seg)
}

/// One section's blocks, at `(start, len, checksum)` in the blocks segment, checked.
fn get_blocks<'a>(blocks: &'a [u8], (start, len, sum): (usize, usize, u64), t: Texts<'a>) -> Option<Vec<Block>> {
    let seg = verified((blocks.get(start..start.checked_add(len)?)?, sum))?;
    R::whole(seg, t, |b| {
        b.list(|b| {
            let kind = match b.byte()? {
                0 => BlockKind::Paragraph,
                1 => BlockKind::Item,
                _ => return None,
            };
            Some(Block { kind, text: b.shared()? })
        })
    })
}

/// Rebuilds the section tree from the skeleton's pre-order list with an explicit stack (no
/// recursion), with the blocks of the sections `wanted` accepts (checked as [`get_blocks`] does).
fn get_sections<'a>(mut r: R<'a>, wanted: Wanted<'_, 'a>, mut places: Option<&mut Vec<Place>>) -> Option<Vec<Section>> {
    let n = r.len()?;
    let mut roots: Vec<Section> = Vec::new();
    let mut open: Vec<Section> = Vec::new();
    fn close(open: &mut Vec<Section>, roots: &mut Vec<Section>) {
        let done = open.pop().expect("close is called on a non-empty stack");
        match open.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    }
    for _ in 0..n {
        let depth = r.len()?;
        if depth > open.len() {
            return None;
        }
        while open.len() > depth {
            close(&mut open, &mut roots);
        }
        let key = r.string()?;
        let number = r.opt_string()?;
        let title = r.string()?;
        let line = r.opt_u64()?.map(|v| v as usize);
        let offset = r.opt_u64()?.map(|v| v as usize);
        // Where its blocks lie (kept for [`Outline::fill`]).
        let place = (r.u64()? as usize, r.u64()? as usize, r.u64()?);
        if let Some(places) = places.as_deref_mut() {
            places.push(place);
        }
        let blocks = match wanted {
            Some((want, segment)) if want(&key) => get_blocks(segment, place, r.t)?,
            _ => Vec::new(),
        };
        open.push(Section { key, number, title, blocks, children: Vec::new(), line, offset });
    }
    r.end()?;
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    Some(roots)
}

/// Appends a segment: its length, its checksum, then what `fill` writes.
fn segment(out: &mut Vec<u8>, fill: impl FnOnce(&mut W)) {
    let mut w = W(std::mem::take(out));
    let at = w.0.len();
    w.u64(0);
    w.u64(0);
    fill(&mut w);
    let len = (w.0.len() - at - 16) as u64;
    let sum = super::checksum(&w.0[at + 16..]);
    w.0[at..at + 8].copy_from_slice(&len.to_le_bytes());
    w.0[at + 8..at + 16].copy_from_slice(&sum.to_le_bytes());
    *out = w.0;
}

/// The bytes of a part when they match their checksum.
fn verified((bytes, sum): (&[u8], u64)) -> Option<&[u8]> {
    (super::checksum(bytes) == sum).then_some(bytes)
}

fn put_meta(w: &mut W, m: &Meta) {
    let Meta { region: Region { name, key }, title, approval, period, version, coordinator } = m;
    w.str(name);
    w.str(key);
    w.str(title);
    match approval {
        None => w.byte(0),
        Some(Approval { authority, act_type, date, number }) => {
            w.byte(1);
            w.str(authority);
            w.str(act_type);
            w.opt_str(date.as_deref());
            w.opt_str(number.as_deref());
        }
    }
    match period {
        None => w.byte(0),
        Some(Period { from, to }) => {
            w.byte(1);
            w.0.extend_from_slice(&from.to_le_bytes());
            w.0.extend_from_slice(&to.to_le_bytes());
        }
    }
    let Version { label, date, illustrative, note } = version;
    w.str(label);
    w.opt_str(date.as_deref());
    w.byte(u8::from(*illustrative));
    w.opt_str(note.as_deref());
    w.opt_str(coordinator.as_deref());
}

fn get_meta(r: &mut R) -> Option<Meta> {
    let region = Region { name: r.string()?, key: r.string()? };
    let title = r.string()?;
    let approval = match r.byte()? {
        0 => None,
        1 => Some(Approval {
            authority: r.string()?,
            act_type: r.string()?,
            date: r.opt_string()?,
            number: r.opt_string()?,
        }),
        _ => return None,
    };
    let period = match r.byte()? {
        0 => None,
        1 => Some(Period { from: r.u16()?, to: r.u16()? }),
        _ => return None,
    };
    let version = Version { label: r.string()?, date: r.opt_string()?, illustrative: r.bool()?, note: r.opt_string()? };
    Some(Meta { region, title, approval, period, version, coordinator: r.opt_string()? })
}

fn put_source(w: &mut W, s: &Source) {
    let Source { file, sha256, format, encoding, bytes, pages, quality: Quality { grade, score, warnings } } = s;
    w.str(file);
    w.str(sha256);
    w.byte(match format {
        SourceFormat::Lines => 0,
        SourceFormat::Flat => 1,
    });
    w.str(encoding);
    w.u64(*bytes as u64);
    w.opt_u64(pages.map(u64::from));
    w.str(grade);
    w.byte(*score);
    w.len(warnings.len());
    for Warning { code, message, line, offset, project } in warnings {
        w.str(code);
        w.str(message);
        w.opt_u64(line.map(|v| v as u64));
        w.opt_u64(offset.map(|v| v as u64));
        w.opt_str(project.as_deref());
    }
}

/// The source, without its warnings (read next by the caller).
fn get_source(r: &mut R) -> Option<Source> {
    let file = r.string()?;
    let sha256 = r.string()?;
    let format = match r.byte()? {
        0 => SourceFormat::Lines,
        1 => SourceFormat::Flat,
        _ => return None,
    };
    let encoding = r.string()?;
    let bytes = r.u64()? as usize;
    let pages = match r.opt_u64()? {
        Some(p) => Some(u32::try_from(p).ok()?),
        None => None,
    };
    let grade = r.string()?;
    let score = r.byte()?;
    Some(Source {
        file,
        sha256,
        format,
        encoding,
        bytes,
        pages,
        quality: Quality { grade, score, warnings: Vec::new() },
    })
}

/// Skips the head's details after the source (its warnings, sectors, glossary, legal basis and
/// card), checking their lengths and tags, not their text.
fn skip_details(r: &mut R) -> Option<()> {
    for _ in 0..r.len()? {
        r.bytes()?;
        r.bytes()?;
        r.opt_u64()?;
        r.opt_u64()?;
        if r.bool()? {
            r.bytes()?;
        }
    }
    // Sectors and glossary: pairs of strings; legal basis: strings; card: pairs.
    for pairs in [true, true, false, true] {
        for _ in 0..r.len()? {
            r.bytes()?;
            if pairs {
                r.bytes()?;
            }
        }
    }
    Some(())
}

fn put_project(w: &mut W, p: &Project) {
    let Project {
        id,
        sector,
        number,
        name,
        recommended_federal,
        goal,
        period,
        funding,
        description,
        technologies,
        region_role,
        tasks,
        beneficiaries,
        benefits,
        raw,
        confidence,
    } = p;
    w.str(id);
    w.str(sector);
    w.opt_u64(number.map(u64::from));
    w.str(name);
    w.byte(u8::from(*recommended_federal));
    for f in [goal, period, funding, description, technologies, region_role, tasks, beneficiaries, benefits] {
        w.opt_str(f.as_deref());
    }
    w.str(raw);
    w.u64(confidence.to_bits());
}

fn get_project(r: &mut R) -> Option<Project> {
    let id = r.string()?;
    let sector = r.string()?;
    let number = match r.opt_u64()? {
        Some(n) => Some(u32::try_from(n).ok()?),
        None => None,
    };
    Some(Project {
        id,
        sector,
        number,
        name: r.string()?,
        recommended_federal: r.bool()?,
        goal: r.opt_string()?,
        period: r.opt_string()?,
        funding: r.opt_string()?,
        description: r.opt_string()?,
        technologies: r.opt_string()?,
        region_role: r.opt_string()?,
        tasks: r.opt_string()?,
        beneficiaries: r.opt_string()?,
        benefits: r.opt_string()?,
        raw: r.shared()?,
        confidence: f64::from_bits(r.u64()?),
    })
}

fn put_indicator(w: &mut W, i: &Indicator) {
    let Indicator { sector, project, project_id, responsible, name, unit, values, raw, confidence } = i;
    w.str(sector);
    w.str(project);
    w.opt_str(project_id.as_deref());
    w.opt_str(responsible.as_deref());
    w.str(name);
    w.opt_str(unit.as_deref());
    w.len(values.len());
    for (year, v) in values {
        w.0.extend_from_slice(&year.to_le_bytes());
        w.u64(v.to_bits());
    }
    w.str(raw);
    w.u64(confidence.to_bits());
}

fn get_indicator(r: &mut R) -> Option<Indicator> {
    let sector = r.string()?;
    let project = r.string()?;
    let project_id = r.opt_string()?;
    let responsible = r.opt_string()?;
    let name = r.shared()?;
    let unit = r.opt_string()?;
    let mut values = BTreeMap::new();
    for _ in 0..r.len()? {
        values.insert(r.u16()?, f64::from_bits(r.u64()?));
    }
    Some(Indicator {
        sector,
        project,
        project_id,
        responsible,
        name,
        unit,
        values,
        raw: r.shared()?,
        confidence: f64::from_bits(r.u64()?),
    })
}

/// The writer.
struct W(Vec<u8>);

impl W {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 items"));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }
    fn opt_u64(&mut self, v: Option<u64>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.u64(v);
            }
        }
    }
}

/// The reader: every read checks what is left and fails with `None`.
struct R<'a> {
    b: &'a [u8],
    at: usize,
    /// How its strings are checked and made ([`Texts`]).
    t: Texts<'a>,
}

impl<'a> R<'a> {
    /// Reads all of `bytes` with `f`; `None` when something is left over.
    fn whole<T>(bytes: &'a [u8], t: Texts<'a>, f: impl FnOnce(&mut R<'a>) -> Option<T>) -> Option<T> {
        let mut r = R { b: bytes, at: 0, t };
        let v = f(&mut r)?;
        r.end()?;
        Some(v)
    }
    fn end(&self) -> Option<()> {
        (self.at == self.b.len()).then_some(())
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }
    fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }
    fn len(&mut self) -> Option<usize> {
        Some(self.u32()? as usize)
    }
    fn segment(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        self.take(n)
    }
    /// A segment whose checksum follows its length: its bytes and the checksum, not checked yet.
    fn checked_segment(&mut self) -> Option<(&'a [u8], u64)> {
        let n = usize::try_from(self.u64()?).ok()?;
        let sum = self.u64()?;
        Some((self.take(n)?, sum))
    }
    /// A string's bytes, not checked as UTF-8 (to compare or skip).
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }
    fn string(&mut self) -> Option<String> {
        let bytes = self.bytes()?;
        (self.t.utf8)(bytes).map(str::to_owned)
    }
    /// A document text, shared with equal texts loaded before ([`Str::interned`]) or borrowed
    /// ([`Texts`]).
    fn shared(&mut self) -> Option<Str> {
        let bytes = self.bytes()?;
        (self.t.utf8)(bytes).map(self.t.share)
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
    fn opt_u64(&mut self) -> Option<Option<u64>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.u64()?)),
            _ => None,
        }
    }
    /// A `u32` count, then that many items; the count is checked against the bytes left (every
    /// item takes at least one byte) before anything is reserved.
    fn list<T>(&mut self, mut item: impl FnMut(&mut R<'a>) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        if n > self.b.len() - self.at {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(item(self)?);
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Document {
        let json = std::fs::read_to_string(format!("{}/samples/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        crate::load::parse(name, &json).unwrap()
    }

    /// `n` copies of `bytes`, each with one bit flipped at a pseudo-random place (from `seed`), and
    /// the place.
    fn flipped_bits(bytes: &[u8], mut seed: u64, n: usize) -> Vec<(usize, Vec<u8>)> {
        (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let mut b = bytes.to_vec();
                let at = (seed >> 33) as usize % b.len();
                b[at] ^= 1 << (seed % 8);
                (at, b)
            })
            .collect()
    }

    #[test]
    fn round_trips_every_sample_exactly() {
        for name in ["ivanovo", "ivanovo-rev", "khabarovsk", "tver", "kaliningrad", "astrakhan"] {
            let doc = sample(name);
            let bytes = encode(&doc);
            assert_eq!(decode(&bytes, Parts::ALL).as_ref(), Some(&doc), "{name}");
        }
    }

    #[test]
    fn a_static_decode_borrows_its_texts_and_checks_as_a_copying_one() {
        let doc = sample("ivanovo");
        let bytes: &'static [u8] = Box::leak(encode(&doc).into_boxed_slice());
        let borrowed = decode_static(bytes, Parts::ALL).unwrap();
        assert_eq!(borrowed, doc);
        let inside = |s: &Str| bytes.as_ptr_range().contains(&s.as_ptr());
        assert!(borrowed.walk().flat_map(|(_, s)| &s.blocks).all(|b| inside(&b.text)));
        assert!(borrowed.projects.iter().all(|p| inside(&p.raw)));
        assert!(borrowed.indicators.iter().all(|i| inside(&i.name) && inside(&i.raw)));
        // Damage is refused as by `decode`.
        for (at, b) in flipped_bits(bytes, 777, 20) {
            assert!(decode_static(Box::leak(b.into_boxed_slice()), Parts::ALL).is_none(), "a flipped bit at {at}");
        }
    }

    #[test]
    fn a_part_decodes_alone() {
        let doc = sample("ivanovo");
        let bytes = encode(&doc);
        let key = "problems.healthcare";
        let part = decode(&bytes, Parts { blocks: &|k| k == key, projects: false, indicators: false }).unwrap();
        assert!(part.projects.is_empty() && part.indicators.is_empty());
        assert_eq!(part.section(key), doc.section(key));
        let keys =
            |d: &Document| d.walk().map(|(depth, s)| (depth, s.key.clone(), s.title.clone())).collect::<Vec<_>>();
        assert_eq!(keys(&part), keys(&doc));
        assert!(part.walk().filter(|(_, s)| s.key != key).all(|(_, s)| s.blocks.is_empty()));
    }

    #[test]
    fn parts_filled_into_an_outline_are_the_parts_decoded_whole() {
        for name in ["ivanovo", "khabarovsk", "tver"] {
            let doc = sample(name);
            let bytes = encode(&doc);
            assert_eq!(outline(&bytes, true).unwrap().fill(Parts::ALL), Some(doc.clone()), "{name}");
            let leaked: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
            assert_eq!(outline_static(leaked, true).unwrap().fill(Parts::ALL), Some(doc.clone()), "{name}");
            for key in ["problems", "problems.healthcare", "projects", "indicators"] {
                let want = |k: &str| k.starts_with(key);
                let parts = Parts { blocks: &want, projects: key == "projects", indicators: key == "indicators" };
                let part = outline(&bytes, true).unwrap().fill(parts);
                assert_eq!(part, decode(&bytes, parts), "{name} {key}");
                // Borrowed: the same document, its texts in the bytes.
                let part = outline_static(leaked, false).unwrap().fill(parts).unwrap();
                let inside = |s: &Str| leaked.as_ptr_range().contains(&s.as_ptr());
                assert!(part.walk().flat_map(|(_, s)| &s.blocks).all(|b| inside(&b.text)), "{name} {key}");
                assert!(part.projects.iter().all(|p| inside(&p.raw)));
                assert!(part.indicators.iter().all(|i| inside(&i.name) && inside(&i.raw)));
                assert_eq!(part.sections, decode(&bytes, parts).unwrap().sections, "{name} {key}");
            }
            // Without details: the same outline less the card, glossary, legal basis, sectors and
            // warnings.
            let mut lean = outline(&bytes, true).unwrap().doc;
            (lean.source.quality.warnings, lean.sectors, lean.glossary, lean.legal_basis, lean.card) =
                Default::default();
            assert_eq!(outline(&bytes, false).map(|o| o.doc), Some(lean), "{name}");
        }
    }

    #[test]
    fn both_utf8_checks_accept_exactly_the_valid_utf8() {
        let (small, large) = (checker(0), checker(usize::MAX));
        let std = |b: &[u8]| std::str::from_utf8(b).is_ok();
        let text = std::fs::read(format!("{}/samples/ivanovo.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut seed = 99u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed >> 33
        };
        for _ in 0..2000 {
            let at = next() as usize % (text.len() - 300);
            let mut piece = text[at..at + 1 + next() as usize % 299].to_vec();
            assert_eq!(small(&piece).is_some(), std(&piece));
            assert_eq!(large(&piece).is_some(), std(&piece));
            let flip = next() as usize % piece.len();
            piece[flip] ^= 1 << (next() % 8);
            assert_eq!(small(&piece).is_some(), std(&piece), "{piece:x?}");
            assert_eq!(large(&piece).is_some(), std(&piece));
        }
        // Runs of characters and stray bytes of every kind, at every place in a 16-byte block.
        let parts: [&[u8]; 20] = [
            b"a",
            b" ",
            "д".as_bytes(),
            "«".as_bytes(),
            "—".as_bytes(),
            "€".as_bytes(),
            "𝄞".as_bytes(),
            "\u{7ff}".as_bytes(),
            "\u{ffff}".as_bytes(),
            "\u{10ffff}".as_bytes(),
            b"\x80",
            b"\xbf",
            b"\xc0\x80",
            b"\xc1\xbf",
            b"\xd0",
            b"\xe0\x80\x80",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xf5",
            b"\xff",
        ];
        for _ in 0..20000 {
            let mut s = Vec::new();
            let valid_only = next() % 2 == 0;
            for _ in 0..next() % 40 {
                s.extend_from_slice(parts[next() as usize % if valid_only { 10 } else { 20 }]);
            }
            assert_eq!(small(&s).is_some(), std(&s), "{s:x?}");
        }
        for bad in [&b"\xff"[..], b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xd0"] {
            assert!(small(bad).is_none() && large(bad).is_none());
        }
    }

    #[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
    #[test]
    fn glibc_answers_whether_avx2_is_usable_as_the_cpu_probe_does() {
        assert_eq!(avx2_usable(), std::arch::is_x86_feature_detected!("avx2"));
    }

    #[test]
    fn damage_is_refused_not_misread() {
        let bytes = encode(&sample("tver"));
        for cut in [0, 1, 7, 8, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], Parts::ALL).is_none(), "cut at {cut}");
        }
        // A flipped byte anywhere is refused by the checksum of the part it is in (or, in the few
        // bytes outside every part, by the lengths); it never panics.
        for (at, b) in flipped_bits(&bytes, 12345, 40) {
            assert!(decode(&b, Parts::ALL).is_none(), "a flipped bit at {at}");
            assert!(outline(&b, false).and_then(|o| o.fill(Parts::ALL)).is_none(), "filled, a flipped bit at {at}");
        }
    }

    #[test]
    fn a_part_is_checked_when_it_is_decoded() {
        let doc = sample("ivanovo");
        let good = encode(&doc);
        let key = "problems.healthcare";
        // The section's blocks as they are encoded (the same text may also be a project's).
        let blocks = &doc.section(key).unwrap().blocks;
        let mut enc = (blocks.len() as u32).to_le_bytes().to_vec();
        for b in blocks {
            enc.push(match b.kind {
                BlockKind::Paragraph => 0,
                BlockKind::Item => 1,
            });
            enc.extend_from_slice(&(b.text.len() as u32).to_le_bytes());
            enc.extend_from_slice(b.text.as_bytes());
        }
        let at = good.windows(enc.len()).rposition(|w| w == enc.as_slice()).unwrap() + enc.len() - 1;
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        assert!(good[at].is_ascii(), "the flipped byte stays well-formed text");
        let damaged = |x: &str| x == key;
        let parts = Parts { blocks: &damaged, projects: false, indicators: false };
        assert!(decode(&bad, parts).is_none(), "the damaged section is refused");
        assert!(outline(&bad, false).unwrap().fill(parts).is_none(), "also when filled into its outline");
        let leaked: &'static [u8] = Box::leak(bad.clone().into_boxed_slice());
        assert!(outline_static(leaked, false).unwrap().fill(parts).is_none(), "also when borrowed");
        assert!(decode(&bad, Parts::ALL).is_none(), "so is the whole document");
        let other = doc.walk().map(|(_, s)| s).find(|s| s.key != key && !s.blocks.is_empty()).unwrap();
        let is_other = |x: &str| x == other.key;
        let parts = Parts { blocks: &is_other, projects: false, indicators: false };
        let part = decode(&bad, parts).expect("another section decodes alone");
        assert_eq!(part.section(&other.key), Some(other));
    }
}
