//! The three sectored tables of flattened text: project rows anchored on «рекомендовано ФОИ»
//! (the closing letter was lost with the parenthesis), regional projects recovered from the
//! indicators table (the text before the responsible body), indicator rows (name, unit, a run of
//! values per year) and best-effort cells of the projects table.

use super::outline::text_of;
use super::tokens::{Tok, find_first_phrase, find_phrase};

/// One sector group of a table: token range and sector key.
#[derive(Debug, Clone)]
pub struct Group {
    /// Canonical sector key.
    pub sector: String,
    /// First token after the group's heading.
    pub body: usize,
    /// End of the group (exclusive).
    pub end: usize,
}

/// The federal mark's first word.
pub const MARK: &str = "рекомендовано";

/// A «рекомендовано ФОИ» mark: token range.
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    /// First token («рекомендовано», or a name's last word glued to it: «ЭДОрекомендовано»).
    pub start: usize,
    /// First token after the mark.
    pub end: usize,
    /// The first token also holds the name's last word (the parenthesis between them was lost).
    pub glued: bool,
}

/// A token's key without a glued federal mark.
pub fn name_key<'a>(t: &'a Tok) -> &'a str {
    t.key.strip_suffix(MARK).unwrap_or(&t.key)
}

/// Name text of tokens `idx`, without a glued federal mark.
pub fn name_text(toks: &[Tok], idx: &[usize]) -> String {
    let words: Vec<&str> = idx
        .iter()
        .map(|&i| {
            let t = toks[i].text;
            if toks[i].key.len() > MARK.len() && toks[i].key.ends_with(MARK) {
                t.strip_suffix(MARK).unwrap_or(t)
            } else {
                t
            }
        })
        .collect();
    words.join(" ")
}

/// Finds the federal marks in `from..to`: «рекомендовано ФОИ(В)» or the spelled-out «рекомендовано
/// федеральными органами исполнительной власти (далее ФОИВ)».
pub fn anchors(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !mask[i] && toks[i].key.ends_with(MARK) {
            let glued = toks[i].key.len() > MARK.len();
            let mut e = i + 1;
            let follows =
                |t: &Tok| ["фои", "федеральн", "органам", "исполнительн", "власт", "далее"].iter().any(|s| t.starts(s));
            if e < to && follows(&toks[e]) {
                while e < to && e < i + 8 && (mask[e] || follows(&toks[e])) {
                    e += 1;
                }
                out.push(Anchor { start: i, end: e, glued });
                i = e;
                continue;
            }
            // The mark's tail went past a page break: a lower-case «рекомендовано» ending a
            // capitalised name, the next cell opening with a capital.
            let next = (i + 1..to).find(|&j| !mask[j] && !toks[j].key.is_empty());
            if !glued
                && toks[i].text.starts_with('р')
                && next.is_some_and(|j| toks[j].capitalized() && !follows(&toks[j]))
                && (i.saturating_sub(6).max(from)..i).any(|j| !mask[j] && toks[j].capitalized())
            {
                out.push(Anchor { start: i, end: i + 1, glued });
                i += 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Words that open the name of a responsible executive body.
const BODY_HEADS: &[&str] = &[
    "министерств",
    "департамент",
    "комитет",
    "управлени",
    "агентств",
    "служб",
    "инспекци",
    "администраци",
    "аппарат",
    "правительств",
    "главн",
];

/// The nominatives of [`BODY_HEADS`] that open nothing but a body's name (inside a name they
/// stand in the genitive: «центрами Министерства здравоохранения»).
const STRICT_HEADS: &[&str] = &["министерство", "департамент", "комитет", "агентство", "инспекция"];

/// Words that close it: the region in the genitive.
const BODY_TAILS: &[&str] = &["области", "края", "округа", "республики", "москвы", "петербурга", "севастополя"];

/// A responsible body starting at `i`: returns its end (exclusive).
pub fn responsible_at(toks: &[Tok], mask: &[bool], i: usize, to: usize) -> Option<usize> {
    let t = &toks[i];
    // A body may be printed in lower case («комитет Ивановской области по труду»): then only a
    // nominative head right before the region's name.
    let lower_ok = || {
        STRICT_HEADS.contains(&t.key.as_str())
            && toks.get(i + 1).is_some_and(Tok::capitalized)
            && toks.get(i + 2).is_some_and(|n| BODY_TAILS.contains(&n.key.as_str()))
    };
    // A capitalised head may have lost a letter to OCR («Миистерство»).
    let head = |h: &&str| t.starts(h) || (t.capitalized() && super::tokens::near_prefix(&t.key, h));
    // Asked of every token of a group: most are lower case and not a nominative head, which a
    // few comparisons settle before the heads' stems are tried.
    if mask[i] || !(t.capitalized() || lower_ok()) || !BODY_HEADS.iter().any(head) {
        return None;
    }
    // The region's name closes the body; a page break may have carried it away, and then the body
    // ends before the first number or the first capitalised word that does not name the region.
    let tail = (i + 1..(i + 16).min(to)).take_while(|&j| mask[j] || !toks[j].is_number());
    let mut end = match tail.clone().find(|&j| BODY_TAILS.contains(&toks[j].key.as_str())) {
        Some(j) => j + 1,
        // Only for the words that name nothing but a body: inside a name («Управление льготным
        // …», «Служба занятости») the others open no body.
        None if !t.text.starts_with('«') && STRICT_HEADS.contains(&t.key.as_str()) => {
            // The region's adjective («Тверской») stays with the body even when its noun is gone.
            let region = |j: usize| {
                toks.get(j + 1).is_some_and(|n| BODY_TAILS.contains(&n.key.as_str()))
                    || ["скои", "ского", "цкои", "цкого"].iter().any(|e| toks[j].key.ends_with(e))
            };
            let cut = tail.skip(1).find(|&j| !mask[j] && toks[j].capitalized() && !region(j))?;
            if cut < i + 2 {
                return None;
            }
            cut
        }
        None => return None,
    };
    // Several bodies may share the cell.
    while end < to && toks[end].capitalized() && BODY_HEADS.iter().any(|h| toks[end].starts(h)) {
        match (end + 1..(end + 16).min(to)).find(|&j| BODY_TAILS.contains(&toks[j].key.as_str())) {
            Some(j) => end = j + 1,
            None => break,
        }
    }
    Some(end)
}

/// A run of numbers (indicator values): token range.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// First number.
    pub start: usize,
    /// First token after the run.
    pub end: usize,
}

/// Runs of numeric tokens in `from..to` that read as value columns: two or more numbers in a row,
/// or a lone number set off by gaps.
pub fn value_runs(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if mask[i] || !toks[i].is_number() {
            i += 1;
            continue;
        }
        let start = i;
        let mut nums = 0;
        let mut j = i;
        while j < to && (mask[j] || toks[j].is_number()) {
            if !mask[j] {
                nums += 1;
            }
            j += 1;
        }
        // A lone number: set off by gaps, or after a gap (the row's other values were dropped)
        // and before page furniture or a capitalised word opening the next row.
        let lone_ok = toks[start].gap
            && (j >= to || toks[j].gap || mask[j - 1] || (toks[start].dropped >= 2 && toks[j].capitalized()));
        if nums >= 2 || lone_ok {
            out.push(Run { start, end: j });
        }
        i = j;
    }
    out
}

/// Two word keys are the same word, allowing for the letter lost next to a stripped parenthesis
/// («ЖКХ)» became «ЖК»).
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    la.abs_diff(lb) == 1 && la.min(lb) >= 2 && (a.starts_with(b) || b.starts_with(a))
}

/// Length of the common suffix of two key sequences.
pub fn common_suffix(a: &[&str], b: &[&str]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| same_word(x, y)).count()
}

/// Word keys spelled out for [`suffix_match`]: their letters end to end, and each word's count
/// of them. A name compared with many others is spelled once.
#[derive(Debug, Clone, Default)]
pub struct Spelled {
    letters: Vec<char>,
    lens: Vec<usize>,
}

impl Spelled {
    /// Spells `words`.
    pub fn new(words: &[&str]) -> Self {
        // At most a letter a byte: reserved, not grown a letter at a time.
        let bytes = words.iter().map(|w| w.len()).sum();
        let mut s = Spelled { letters: Vec::with_capacity(bytes), lens: Vec::with_capacity(words.len()) };
        for w in words {
            let before = s.letters.len();
            s.letters.extend(w.chars());
            s.lens.push(s.letters.len() - before);
        }
        s
    }
}

/// How many trailing words of `window` spell the end of `name`, compared letter by letter so that
/// a word split by a table cell («модернизированн ой») or a lost letter («ЖК» for «ЖКХ») still
/// matches. Returns (words of `window`, whether all of `name` was matched).
pub fn suffix_match(window: &Spelled, name: &Spelled) -> (usize, bool) {
    let (a, b) = (&window.letters, &name.letters);
    let (mut i, mut j, mut skips) = (a.len(), b.len(), 0);
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            i -= 1;
            j -= 1;
        } else if skips < 2 && i > 1 && a[i - 2] == b[j - 1] {
            i -= 1;
            skips += 1;
        } else if skips < 2 && j > 1 && a[i - 1] == b[j - 2] {
            j -= 1;
            skips += 1;
        } else {
            break;
        }
    }
    // `i` chars of the window are left unmatched: count the whole words after them.
    let mut left = a.len();
    let mut words = 0;
    for &n in window.lens.iter().rev() {
        if left < i + n {
            // Partly matched word: keep it when the name was matched to its start.
            if j == 0 && left > i {
                words += 1;
            }
            break;
        }
        left -= n;
        words += 1;
    }
    (words, j == 0)
}

/// Unmasked token indices of `from..to`.
pub fn live(mask: &[bool], from: usize, to: usize) -> Vec<usize> {
    (from..to).filter(|&i| !mask[i]).collect()
}

/// Token indices that may hold the name before an anchor: walking back to the previous anchor, a
/// number or the group start, at most `max` tokens.
pub fn name_window(toks: &[Tok], mask: &[bool], floor: usize, anchor: usize, max: usize) -> Vec<usize> {
    let mut v = Vec::new();
    let mut i = anchor;
    while i > floor && v.len() < max {
        i -= 1;
        if mask[i] {
            continue;
        }
        if toks[i].is_number() {
            break;
        }
        v.push(i);
    }
    v.reverse();
    v
}

/// The tail of `window` after its last gap (or masked page furniture), when that leaves at least
/// `min` tokens; else after the last gap before a capitalised word that does (a name's own gap,
/// `далее  ЦОД`, does not hide the gap that opens its row).
pub fn after_last_gap(toks: &[Tok], window: &[usize], min: usize) -> Vec<usize> {
    let at_gap = |n: usize| toks[window[n]].gap || (n > 0 && window[n - 1] + 1 != window[n]);
    let cut = (0..window.len()).rev().find(|&n| at_gap(n));
    match cut {
        Some(p) if window.len() - p >= min => window[p..].to_vec(),
        Some(p) => match (0..p).rev().find(|&n| at_gap(n) && toks[window[n]].capitalized()) {
            Some(q) if window.len() - q >= min => window[q..].to_vec(),
            _ => window.to_vec(),
        },
        None => window.to_vec(),
    }
}

/// Keys of the tokens at `idx`.
pub fn keys_of<'a>(toks: &'a [Tok], idx: &[usize]) -> Vec<&'a str> {
    // «(далее ЭДО)» is a name's own abbreviation note; the indicators table often omits «далее».
    idx.iter().map(|&i| name_key(&toks[i])).filter(|k| !k.is_empty() && *k != "далее").collect()
}

/// Finds a name (its folded keys) in `from..to`: the first up to six words must follow each other.
pub fn locate(toks: &[Tok], mask: &[bool], from: usize, to: usize, name_keys: &[&str]) -> Option<usize> {
    if name_keys.len() < 2 {
        return None;
    }
    let pat = name_keys.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    let (s, _) = find_phrase(toks, mask, from, to, &pat)?;
    // Whole words, not just stems.
    let ok = super::tokens::match_at(toks, mask, s, to, &name_keys.iter().take(6).copied().collect::<Vec<_>>())
        .is_some()
        && toks[s].key == name_keys[0];
    ok.then_some(s)
}

/// Cells of one projects-table row after the name, assigned by the template's wording.
#[derive(Debug, Default, Clone)]
pub struct Cells {
    /// Goal.
    pub goal: Option<String>,
    /// Term as printed.
    pub period: Option<String>,
    /// Funding.
    pub funding: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Technologies.
    pub technologies: Option<String>,
    /// Region's role.
    pub role: Option<String>,
    /// Which of period, funding and role could not be found.
    pub missing: Vec<&'static str>,
}

const FUNDING: &[&str] = &[
    "не предусмотрен",
    "предусмотрен",
    "федеральн финансирован",
    "внедрен пилотн",
    "региональн бюджет",
    "областн бюджет",
    "краев бюджет",
    "бюджет",
    "софинансирован",
    "финансирован",
    "государствен программ",
];

const ROLES: &[&str] = &[
    "использован сервис",
    "участник",
    "регион исполнител",
    "регион создател",
    "регион заказчик",
    "представлен региональн",
    "роль региона",
    "регион",
];

/// Column order of the projects table, read from its header: does funding come before the
/// description, and is there a technologies column?
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
    /// «Финансирование» precedes «Краткое описание».
    pub funding_first: bool,
    /// A «Используемые СЦТ / сквозные технологии» column exists.
    pub technologies: bool,
}

/// Reads the column order from header text.
pub fn columns(header: &str) -> Columns {
    let k = crate::text::fold::key(header);
    let f = k.find("финансирован");
    let d = k.find("описани");
    Columns {
        funding_first: matches!((f, d), (Some(f), Some(d)) if f < d),
        technologies: k.contains("сцт") || k.contains("сквозн") || k.contains("технолог"),
    }
}

/// A year or a glued pair of years (`2023`, `20232024`).
fn is_year(t: &Tok) -> bool {
    t.num().is_some_and(|v| (2015..=2040).contains(&v) || (20152015..=20402040).contains(&v))
}

fn period_at(toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i];
    let year = is_year;
    if matches!(t.key.as_str(), "до" | "с" | "в" | "период") && toks.get(i + 1).is_some_and(year) {
        let mut e = i + 2;
        while toks
            .get(e)
            .is_some_and(|t| matches!(t.key.as_str(), "года" | "год" | "годы" | "годов" | "далее" | "постоянно"))
            || toks.get(e).is_some_and(year)
        {
            e += 1;
        }
        return Some(e);
    }
    if year(t) && toks.get(i + 1).is_some_and(|n| n.key.starts_with("год")) {
        return Some(i + 2);
    }
    None
}

/// The federal list of end-to-end digital technologies («сквозные цифровые технологии»), as
/// folded stems: what a technologies cell names.
const TECHNOLOGIES: &[&str] = &[
    "облачн",
    "больш данн",
    "искусствен интеллект",
    "систем распределен",
    "распределен реестр",
    "квантов",
    "нов производствен",
    "компонент робототехник",
    "робототехник",
    "сенсорик",
    "технолог беспроводн",
    "беспроводн связ",
    "технолог виртуальн",
    "виртуальн",
    "нейротехнолог",
    "интернет вещ",
    "промышлен интернет",
    "цифров двоин",
    // The artificial-intelligence subfields the federal list names.
    "систем поддержк принят",
    "компьютерн зрени",
    "распознаван синтез",
    "обработк естествен",
    "машин перевод",
    "машин обучен",
    "генерац текст",
    "поиск аномал",
    "анализ времен",
    "рекомендательн",
];

/// [`TECHNOLOGIES`] as stems, split once.
fn technology_stems() -> &'static [Vec<&'static str>] {
    static STEMS: std::sync::LazyLock<Vec<Vec<&str>>> =
        std::sync::LazyLock::new(|| TECHNOLOGIES.iter().map(|p| p.split(' ').collect()).collect());
    &STEMS
}

/// Longest technologies cell, in words.
const MAX_TECH_WORDS: usize = 45;

/// Where a technologies cell starts in `from..to`: the first capitalised word opening a
/// [`TECHNOLOGIES`] name within the last [`MAX_TECH_WORDS`] words, or the list number before it.
fn technologies_start(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Option<usize> {
    let lo = from.max(to.saturating_sub(MAX_TECH_WORDS));
    let to = to.min(toks.len());
    // The earliest capitalised word opening any of them (a phrase starts at a live word): one pass
    // for all the names.
    let start = (lo..to).find(|&a| {
        !mask[a]
            && !toks[a].key.is_empty()
            && toks[a].capitalized()
            && technology_stems().iter().any(|stems| super::tokens::match_at(toks, mask, a, to, stems).is_some())
    })?;
    let numbered = start > from && !mask[start - 1] && toks[start - 1].num().is_some_and(|n| (1..=20).contains(&n));
    Some(if numbered { start - 1 } else { start })
}

/// Whether a technology of the federal list opens at token `i`: its whole name, or with `head`
/// only its first word (a page break may cut the item after it).
fn opens_technology(toks: &[Tok], mask: &[bool], i: usize, to: usize, head: bool) -> bool {
    toks[i].capitalized()
        && technology_stems().iter().any(|stems| {
            let stems = if head { &stems[..1] } else { &stems[..] };
            super::tokens::match_at(toks, mask, i, to, stems).is_some()
        })
}

/// Words an item of a numbered technologies list may run to after its first word.
const MAX_ITEM_WORDS: usize = 8;

/// A numbered list of the federal list's technologies in `from..to` («1 Системы поддержки
/// принятия решений … 2 Компьютерное зрение …»), as a token range: it opens with «1» and a whole
/// technology's name, goes on while the next number opens the next one, and each item runs over
/// lower-case words up to a capitalised word or a number.
fn numbered_technologies(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Option<(usize, usize)> {
    let live = live(mask, from, to);
    let opens = |p: usize, head: bool| live.get(p).is_some_and(|&i| opens_technology(toks, mask, i, to, head));
    let start = (0..live.len()).find(|&p| toks[live[p]].num() == Some(1) && opens(p + 1, false))?;
    let (mut item, mut n) = (start + 1, 1);
    loop {
        let mut e = item + 1;
        while e < live.len()
            && e <= item + MAX_ITEM_WORDS
            && !toks[live[e]].capitalized()
            && toks[live[e]].num().is_none()
        {
            e += 1;
        }
        if e < live.len() && toks[live[e]].num() == Some(n + 1) && opens(e + 1, true) {
            (item, n) = (e + 1, n + 1);
            continue;
        }
        return Some((live[start], live.get(e).copied().unwrap_or(to)));
    }
}

/// Whether a token may open a cell: a capitalised word, or a year (roles open «2022 обеспечение …»).
fn opens_cell(t: &Tok) -> bool {
    t.capitalized() || is_year(t)
}

/// «Не предусмотрено» (or «Не применяется») standing as a cell of its own after `from`: followed
/// by a word that opens a cell. Its token range.
fn none_cell(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Option<(usize, usize)> {
    let live = live(mask, from, to);
    live.windows(3).find_map(|w| {
        (toks[w[0]].text == "Не"
            && (toks[w[1]].starts("предусмотр") || toks[w[1]].starts("применя"))
            && opens_cell(&toks[w[2]]))
        .then_some((w[0], w[2]))
    })
}

/// Assigns the cells of a row (`from..to`, after the name).
pub fn cells(toks: &[Tok], mask: &[bool], from: usize, to: usize, cols: Columns) -> Cells {
    let mut c = Cells::default();
    let t = |a: usize, b: usize| Some(text_of(toks, mask, a, b)).filter(|s| !s.is_empty());
    let period = (from..to).find_map(|i| (!mask[i]).then(|| period_at(toks, i).map(|e| (i, e))).flatten());
    let after = period.map(|p| p.1).unwrap_or(from);
    // The earliest phrase of each cell (the first listed where two start together).
    let funding = find_first_phrase(toks, mask, after, to, FUNDING);
    let role_from = funding.map(|f| f.1).unwrap_or(after);
    let role = find_first_phrase(toks, mask, role_from, to, ROLES);
    // A role cell never opens with a lower-case word: one that does is a «регион…» word of the
    // description's text. Where «Не предусмотрено» then stands as a cell further on, that is the
    // technologies cell and the role opens after it (below, as for a row with no role phrase).
    let in_text = role.is_some_and(|r| {
        cols.technologies && cols.funding_first && !opens_cell(&toks[r.0]) && none_cell(toks, mask, r.0, to).is_some()
    });
    let role = role.filter(|_| !in_text);
    if period.is_none() {
        c.missing.push("period");
    }
    if funding.is_none() {
        c.missing.push("funding");
    }
    if role.is_none() && !in_text {
        c.missing.push("role");
    }
    let role_start = role.map(|r| r.0).unwrap_or(to);
    if let Some((ps, pe)) = period {
        c.goal = t(from, ps);
        c.period = t(ps, pe);
    }
    c.role = role.and_then(|r| t(r.0, to));
    if let Some((fs, _)) = funding {
        // A funding cell is short: up to the next gap (a cell boundary) or a dozen words.
        let mut fe = (fs + 1..role_start).find(|&j| toks[j].gap).unwrap_or(role_start).min(fs + 14).min(role_start);
        // «Не предусмотрено» is a whole cell: a capitalised word after it opens the next one.
        let live: Vec<usize> = (fs..fe).filter(|&j| !mask[j]).take(3).collect();
        if let [a, b, c] = live[..]
            && toks[a].key == "не"
            && toks[b].starts("предусмотр")
            && toks[c].capitalized()
        {
            fe = c;
        }
        c.funding = t(fs, fe);
        let (ds, de) = if cols.funding_first { (fe, role_start) } else { (after, fs) };
        let (ds, de) = if de > ds { (ds, de) } else { (fe, role_start) };
        if cols.technologies && cols.funding_first {
            // The technologies cell sits between description and role: it opens with one of the
            // federal list's end-to-end technologies, or else is the last gap-led chunk.
            let tech = technologies_start(toks, mask, ds + 1, de);
            // Else a numbered list of them further in (a page break may have put it inside the
            // description or the role), or «Не предусмотрено» between description and role.
            let inside = || {
                numbered_technologies(toks, mask, ds + 1, to)
                    .or_else(|| none_cell(toks, mask, ds + 1, de).filter(|_| role.is_none()))
            };
            let gap_led = || (ds + 1..de).rev().find(|&j| toks[j].gap && j + 12 >= de);
            match (tech, tech.is_none().then(inside).flatten(), gap_led()) {
                (Some(ts), ..) | (None, None, Some(ts)) => {
                    c.description = t(ds, ts);
                    c.technologies = t(ts, de);
                }
                (None, Some((ls, le)), _) => {
                    let joined = |a: Option<String>, b: Option<String>| match (a, b) {
                        (Some(a), Some(b)) => Some(format!("{a} {b}")),
                        (a, b) => a.or(b),
                    };
                    c.technologies = t(ls, le);
                    if ls >= role_start {
                        c.description = t(ds, de);
                        c.role = joined(t(role_start, ls), t(le, to));
                    } else if le <= de {
                        c.description = joined(t(ds, ls), t(le, de));
                        if role.is_none() && le < de && opens_cell(&toks[le]) && c.description.is_some() {
                            // «… Не предусмотрено Перечень мероприятий …»: what follows is the role.
                            c.description = t(ds, ls);
                            c.role = t(le, to);
                        }
                    } else {
                        // The list runs from the description into the role.
                        c.description = t(ds, ls);
                        c.role = t(le, to);
                    }
                }
                (None, None, None) => c.description = t(ds, de),
            }
        } else {
            c.description = t(ds, de);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::flat::tokens::tokenize;

    #[test]
    fn suffixes_match_across_split_words_and_lost_letters() {
        let w = ["цель", "новыи", "умныи", "дом", "базе", "модернизированн", "ои", "гис", "жк"];
        let n = ["новыи", "умныи", "дом", "базе", "модернизированнои", "гис", "жкх"];
        let (w, n) = (Spelled::new(&w), Spelled::new(&n));
        assert_eq!(suffix_match(&w, &n), (8, true));
        assert_eq!(suffix_match(&Spelled::new(&["совсем", "другое"]), &n), (0, false));
    }

    #[test]
    fn anchors_take_both_spellings() {
        let mut keys = String::new();
        let t = tokenize(
            "Библиотека контента рекомендовано ФОИ Цель Система рекомендовано федеральными органами исполнительной власти далее ФОИ Организации",
            &mut keys,
        );
        let m = vec![false; t.len()];
        let a = anchors(&t, &m, 0, t.len());
        assert_eq!(a.len(), 2);
        assert_eq!(t[a[1].end].text, "Организации");
    }

    #[test]
    fn responsible_bodies_end_at_the_region() {
        let mut keys = String::new();
        let t = tokenize("контента Министерство образования Тверской области Доля учащихся", &mut keys);
        let m = vec![false; t.len()];
        assert_eq!(responsible_at(&t, &m, 1, t.len()), Some(5));
        assert_eq!(responsible_at(&t, &m, 5, t.len()), None);
        // In lower case only a nominative head right before the region's name.
        let t = tokenize("рекомендовано ФОИ комитет Ивановской области труду Доля судебных участков", &mut keys);
        let m = vec![false; t.len()];
        assert_eq!(responsible_at(&t, &m, 2, t.len()), Some(5));
        // A page break took the region's name: the body ends at the next capitalised word, its
        // region's adjective kept.
        let t = tokenize("Цифровизация Комитет Правительства Фактический перевод 100 100 100", &mut keys);
        assert_eq!(responsible_at(&t, &vec![false; t.len()], 1, t.len()), Some(3));
        let t = tokenize("Министерство здравоохранения Тверской Доля медицинских организаций 100", &mut keys);
        assert_eq!(responsible_at(&t, &vec![false; t.len()], 0, t.len()), Some(3));
        let t = tokenize("решения министерства Ивановской области Доля", &mut keys);
        assert_eq!(responsible_at(&t, &vec![false; t.len()], 1, t.len()), None);
        // A head that lost a letter to OCR.
        let t = tokenize("система Миистерство цифрового развития Хабаровского края Количество", &mut keys);
        assert_eq!(responsible_at(&t, &vec![false; t.len()], 1, t.len()), Some(6));
    }

    /// The cells of a whole row of a table whose funding precedes the description and that has a
    /// technologies column.
    fn row_cells(text: &str) -> Cells {
        let mut keys = String::new();
        let t = tokenize(text, &mut keys);
        cells(&t, &vec![false; t.len()], 0, t.len(), Columns { funding_first: true, technologies: true })
    }

    #[test]
    fn cells_follow_the_template_wording() {
        let text = "Обеспечение доступа До 2030 года Не предусмотрено  Сервис позволяющий учиться Облачные технологии  Использование сервиса субъектом";
        let c = row_cells(text);
        assert_eq!(c.goal.as_deref(), Some("Обеспечение доступа"));
        assert_eq!(c.period.as_deref(), Some("До 2030 года"));
        assert_eq!(c.funding.as_deref(), Some("Не предусмотрено"));
        assert_eq!(c.role.as_deref(), Some("Использование сервиса субъектом"));
        assert_eq!(c.description.as_deref(), Some("Сервис позволяющий учиться"));
        assert_eq!(c.technologies.as_deref(), Some("Облачные технологии"));
        assert!(c.missing.is_empty());
    }

    #[test]
    fn a_numbered_technologies_list_is_taken_out_of_the_role() {
        let text = "Цель проекта До 2024 года Средства бюджета  Описание работ  Регион исполнитель проекта 1 Системы поддержки принятия решений 2 Компьютерное зрение 3 Поиск аномалий Обеспечение внедрения";
        let c = row_cells(text);
        let want = "1 Системы поддержки принятия решений 2 Компьютерное зрение 3 Поиск аномалий";
        assert_eq!(c.technologies.as_deref(), Some(want));
        assert_eq!(c.role.as_deref(), Some("Регион исполнитель проекта Обеспечение внедрения"));
        assert_eq!(c.description.as_deref(), Some("Описание работ"));
        // A list that does not open with 1 and a technology's whole name is no list.
        let text = "Цель До 2024 года Средства бюджета  Описание 2 Системы учёта  Регион исполнитель";
        assert_eq!(row_cells(text).technologies, None);
    }

    #[test]
    fn a_role_phrase_in_lower_case_is_description_text_when_not_provided_follows() {
        let text = "Цель До 2024 года Средства бюджета предусмотрены  Описание выплат региональных мер поддержки Не предусмотрено 2022 обеспечение привязки региональных мер";
        let c = row_cells(text);
        let got = (c.description.as_deref(), c.technologies.as_deref(), c.role.as_deref());
        let want = (
            "Описание выплат региональных мер поддержки",
            "Не предусмотрено",
            "2022 обеспечение привязки региональных мер",
        );
        assert_eq!(got, (Some(want.0), Some(want.1), Some(want.2)));
        assert!(c.missing.is_empty(), "{:?}", c.missing);
        // Without «Не предусмотрено» the lower-case role stays (nothing better marks the role).
        let c =
            row_cells("Цель До 2024 года Средства бюджета предусмотрены  Описание выплат региональных мер поддержки");
        assert_eq!(c.role.as_deref(), Some("региональных мер поддержки"));
    }

    #[test]
    fn not_provided_between_description_and_role_is_the_technologies_cell() {
        let text = "Цель До 2024 года Финансирование определено паспортом  Описание работ Не предусмотрено Перечень мероприятий представлен";
        let c = row_cells(text);
        assert_eq!(c.technologies.as_deref(), Some("Не предусмотрено"));
        assert_eq!(c.role.as_deref(), Some("Перечень мероприятий представлен"));
        assert!(c.description.as_deref().is_some_and(|d| d.ends_with("Описание работ")), "{c:?}");
        // A role may open with a year; a lower-case word goes on a sentence of the description.
        let c = row_cells("Цель До 2024 года Финансирование определено  Описание Не предусмотрено 2022 переход");
        assert_eq!((c.technologies.as_deref(), c.role.as_deref()), (Some("Не предусмотрено"), Some("2022 переход")));
        let c = row_cells("Цель До 2024 года Финансирование определено  Описание Не предусмотрено сервисов");
        assert_eq!((c.technologies, c.role), (None, None));
    }
}
