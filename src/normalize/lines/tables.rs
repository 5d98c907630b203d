//! The sectored tables (linkage, projects, indicators): rows, cells, projects and indicators.
//!
//! A table cell is a run of lines in column order; a row that crosses a page break gives all its
//! pre-break pieces, the page number, then all post-break pieces in the same column order. Rows are
//! cut at their number (a line holding the next row number, or the number glued to the first word
//! of the name). Cells are assigned by the column order read from the table header and by what the
//! template's cells start with (a term `До 2030 года`, funding phrases, role phrases); a row whose
//! cells cannot all be found keeps its raw text and gets a lower confidence and a `cell_split`
//! warning.

use super::outline::Head;
use super::pages::Ln;
use super::reflow::{Vocab, join_lines};
use super::warn;
use super::widths::{Line, Widths, ends_freely};
use crate::model::{Indicator, Project, Warning};
use crate::normalize::Parsed;
use crate::text::fold::{fold, folds_to, key};
use std::collections::BTreeMap;

/// One table row.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Row number as printed.
    pub number: u32,
    /// 1-based raw line of the row number.
    pub line: usize,
    /// The row's lines (without the row number).
    pub lines: Vec<Ln<'a>>,
}

/// Rows of one sector of one table.
#[derive(Debug, Clone)]
struct SectorTable<'a> {
    sector: String,
    /// Section key, e.g. `projects.healthcare`.
    key: String,
    header: String,
    rows: Vec<Row<'a>>,
}

/// Collects the sectored tables while the sections are built, then recovers projects and indicators.
#[derive(Debug, Default)]
pub struct Tables<'a> {
    headers: BTreeMap<String, String>,
    tables: BTreeMap<String, Vec<SectorTable<'a>>>,
}

fn is_number_line(s: &str) -> bool {
    // Asked of every table line, most of them text: a number opens with a digit or `-`
    // ([`parse_number`]), so a line whose first token does not is refused without splitting it.
    match s.trim_start().bytes().next() {
        None => !s.is_empty(),
        Some(b) if !(b.is_ascii_digit() || b == b'-') => false,
        Some(_) => crate::text::scan::split_ws(s).all(|t| parse_number(t).is_some()),
    }
}

/// Reads a value such as `49.00`, `0,0708`, `35`, `-1.5`.
pub fn parse_number(t: &str) -> Option<f64> {
    let t = crate::text::scan::trim(t);
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-') {
        return None;
    }
    if !t.trim_start_matches('-').starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let t = t.trim_end_matches(['.', ',']);
    if t.matches([',', '.']).count() > 1 {
        return None;
    }
    t.replace(',', ".").parse().ok()
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c == '«' || c == '"')
}

/// Cuts a table body into its header (the lines before the first row) and rows.
pub fn rows<'a>(lines: &[Ln<'a>], values_per_row: usize) -> (Vec<Ln<'a>>, Vec<Row<'a>>) {
    let mut rows: Vec<Row<'a>> = Vec::new();
    let mut header = Vec::new();
    let mut expected = 1u32;
    // The expected number as printed: made anew only when a row is cut.
    let mut exp_text = expected.to_string();
    let mut run = 0usize; // numbers in the run of numeric lines just before
    for (i, l) in lines.iter().enumerate() {
        let in_values = run > 0 && run < values_per_row;
        // Asked only of a line that holds the expected number alone.
        let next_ok = || {
            lines[i + 1..].iter().find(|n| !n.glyph).is_some_and(|n| {
                starts_upper(n.text)
                    || n.text.starts_with('(')
                    || super::reflow::item_marker(n.text) && !n.text.starts_with('-')
            })
        };
        let exp = exp_text.as_str();
        let mut anchor: Option<Ln<'a>> = None;
        // The first bytes compared first: most lines open with a letter.
        if !l.glyph && !in_values && l.text.as_bytes().first() == exp.as_bytes().first() && l.text.starts_with(exp) {
            if l.text == exp && next_ok() {
                anchor = Some(Ln { text: "", ..*l });
            } else if let Some(rest) = l.text.strip_prefix(exp).and_then(|r| r.strip_prefix(' '))
                && starts_upper(rest)
                && !is_number_line(rest)
            {
                anchor = Some(Ln { text: rest, ..*l });
            }
        }
        if let Some(a) = anchor {
            let mut first = Vec::new();
            if !a.text.is_empty() {
                first.push(a);
            }
            rows.push(Row { number: expected, line: l.no, lines: first });
            expected += 1;
            exp_text = expected.to_string();
            run = 0;
            continue;
        }
        run = if l.glyph || !is_number_line(l.text) { 0 } else { run + crate::text::scan::split_ws(l.text).count() };
        match rows.last_mut() {
            Some(r) => r.lines.push(*l),
            None => header.push(*l),
        }
    }
    (header, rows)
}

/// Removes the table header where a page repeats it after a break inside a row.
fn strip_repeated_header(rows: &mut [Row], header: &[Ln]) {
    let head: Vec<&str> = header.iter().filter(|l| !l.glyph).map(|l| l.text).collect();
    if head.len() < 3 {
        return;
    }
    for r in rows.iter_mut() {
        let mut i = 0;
        while i < r.lines.len() {
            let repeats = r.lines[i].brk
                && r.lines.len() - i >= head.len()
                && r.lines[i..i + head.len()].iter().zip(&head).all(|(l, h)| l.text == *h);
            if repeats {
                r.lines.drain(i..i + head.len());
                if let Some(l) = r.lines.get_mut(i) {
                    l.brk = true;
                }
                continue;
            }
            i += 1;
        }
    }
}

/// Splits a row's lines at page breaks.
fn segments<'a, 'b>(lines: &'b [Ln<'a>]) -> Vec<&'b [Ln<'a>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.brk && i > start {
            out.push(&lines[start..i]);
            start = i;
        }
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

/// A column of the linkage or projects table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Tasks,
    Name,
    Beneficiaries,
    Benefits,
    Goal,
    Period,
    Description,
    Funding,
    Technologies,
    Role,
}

impl Col {
    /// The project field the column fills.
    fn field(self) -> &'static str {
        match self {
            Col::Tasks => "tasks",
            Col::Name => "name",
            Col::Beneficiaries => "beneficiaries",
            Col::Benefits => "benefits",
            Col::Goal => "goal",
            Col::Period => "period",
            Col::Description => "description",
            Col::Funding => "funding",
            Col::Technologies => "technologies",
            Col::Role => "region_role",
        }
    }
}

/// Columns in the order the header names them.
fn columns(header: &str, table: &str) -> Vec<Col> {
    let h = fold(header);
    let spec: &[(&str, Col)] = if table == "linkage" {
        &[
            ("задач", Col::Tasks),
            ("наименование", Col::Name),
            ("бенефициар", Col::Beneficiaries),
            ("выгод", Col::Benefits),
        ]
    } else {
        &[
            ("наименование", Col::Name),
            ("цель", Col::Goal),
            ("срок", Col::Period),
            ("описание", Col::Description),
            ("финансир", Col::Funding),
            ("технолог", Col::Technologies),
            ("роль", Col::Role),
        ]
    };
    let mut found: Vec<(usize, Col)> = spec.iter().filter_map(|(w, c)| h.find(w).map(|p| (p, *c))).collect();
    found.sort_by_key(|x| x.0);
    let cols: Vec<Col> = found.into_iter().map(|x| x.1).collect();
    let default: &[Col] = if table == "linkage" {
        &[Col::Tasks, Col::Name, Col::Beneficiaries, Col::Benefits]
    } else {
        &[Col::Name, Col::Goal, Col::Period, Col::Description, Col::Funding, Col::Role]
    };
    if cols.len() >= 3 && cols.contains(&Col::Name) { cols } else { default.to_vec() }
}

const FUNDING: &[&str] = &[
    "внедрение пилотного",
    "межбюджетн",
    "распределение субсиди",
    "не предусмотрен",
    "не требуется",
    "проект не требует",
    "федеральн",
    "региональн бюджет",
    "из регионального",
    "за счет",
    "бюджет",
    "средства",
    "без финансирования",
    "без федерального",
    "внебюджетн",
    "в рамках",
    "собственн",
    "муниципальн",
    "софинансир",
    "финансирование",
    "в пределах",
    "субсиди",
    "государственная программа",
    "рекомендованный федеральный",
    "региональн проект",
    "объем финансирования",
    "проект реализуется за",
    "реализуется за счет",
    "финансирование не",
];

const ROLE_STRONG: usize = 6;

const TECHNOLOGIES: &[&str] = &[
    "облачн",
    "систем",
    "больш",
    "искусственн",
    "нейротехнолог",
    "технологи",
    "промышленн",
    "интернет",
    "квантов",
    "компоненты робототехники",
    "робототехн",
    "новые производствен",
    "беспроводн",
    "виртуальн",
    "дополненн",
    "сенсорик",
    // The artificial-intelligence subfields the federal list names.
    "компьютерн зрени",
    "распознаван",
    "обработк естествен",
    "машинн",
    "генерац текст",
    "поиск аномал",
    "анализ времен",
    "не предусмотрен",
    "не применя",
    "отсутству",
    "1. ",
];

/// Role phrases; the first [`ROLE_STRONG`] also open a role cell written as a dashed list.
const ROLE: &[&str] = &[
    "представление регионального",
    "представление опыта",
    "регион-",
    "участник",
    "использование сервиса",
    "использование",
    "регион ",
    "тиражирование",
    "координац",
    "оператор",
    "заказчик",
    "пилотный регион",
    "внедрение",
    "реализация",
    "организация",
    "перечень мероприятий",
    "присоединение",
    "информационная и административная",
    "информирование",
    "участие",
    "представление",
    "регион -",
    "исполнитель",
    "субъект рф",
    "субъект российской",
];

/// True when folded text `f` opens with the phrase `p`: literally, or word by word where a word of
/// four letters or more is a stem (`региональн бюджет` opens `региональный бюджет`).
fn leads(f: &str, p: &str) -> bool {
    // Called for every table line against every phrase: no allocation. Either way `f` opens with
    // the phrase's first word (equal to the line's first word or a stem of it): most phrases are
    // refused by that alone, found on the bytes (phrases are short: no searcher is set up).
    // A first word of two bytes or more opens with the phrase's first two bytes: compared first.
    let (fb, pb) = (f.as_bytes(), p.as_bytes());
    if pb.len() >= 2 && pb[0] != b' ' && pb[1] != b' ' && fb.get(..2) != Some(&pb[..2]) {
        return false;
    }
    let lead = p.bytes().position(|b| b == b' ').map_or(p, |n| &p[..n]);
    if !f.starts_with(lead) {
        return false;
    }
    if f.starts_with(p) {
        return true;
    }
    let last = p.bytes().filter(|&b| b == b' ').count();
    let mut words = f.split(' ');
    last > 0
        && p.split(' ').enumerate().all(|(n, stem)| {
            words.next().is_some_and(|w| {
                if n == last {
                    w.starts_with(stem)
                } else {
                    w == stem || (stem.chars().count() >= 4 && w.starts_with(stem))
                }
            })
        })
}

/// True for the columns [`opens`] answers for (the others have no recognisable opening).
fn has_opening(c: Col) -> bool {
    matches!(c, Col::Period | Col::Funding | Col::Technologies | Col::Role)
}

/// True when a line can open a cell of column `c` (only columns with a recognisable opening).
fn opens(c: Col, line: &str, s: &str) -> Option<bool> {
    opens_folded(c, line, s, &std::cell::OnceCell::new())
}

/// [`opens`] with `s` folded into `folded` when first needed: a line's peek is asked about for
/// several columns and folded once.
fn opens_folded(c: Col, line: &str, s: &str, folded: &std::cell::OnceCell<String>) -> Option<bool> {
    // Asked for every table line: answer without folding where the opening cannot match.
    if let Some(answer) = answered_by_start(c, s) {
        return answer;
    }
    // Most lines open no cell: refused by their first two characters, folded, without folding
    // the whole peek.
    if !may_open(c, s) {
        return Some(false);
    }
    opens_read(c, line, s, folded.get_or_init(|| fold(s)))
}

/// [`opens_folded`] past its shortcuts: reads `f`, the text `s` folded.
fn opens_read(c: Col, line: &str, s: &str, f: &str) -> Option<bool> {
    let upper = s.chars().next().is_some_and(|c| c.is_uppercase());
    let dashed = f.strip_prefix("- ").map(str::trim_start);
    match c {
        Col::Period => {
            let t = f.trim_start_matches(|c: char| !crate::text::fold::is_word_char(c));
            // `До 2030 года`, `До конца 2022 года`, `До 01.07.2023`, `К 2023 году`, `2024 год`, `Постоянно`.
            let dated = |r: &str| r.trim_start().starts_with(|c: char| c.is_ascii_digit());
            let year_after = |p: &str| t.strip_prefix(p).is_some_and(dated);
            // Asked first: most lines name no term, and then the line need not be folded and split.
            let names_term = TERM_LEADS.iter().any(|p| year_after(p)) || TERM_OPENINGS.iter().any(|p| t.starts_with(p));
            let digit = line.starts_with(|c: char| c.is_ascii_digit());
            if !names_term || upper || digit {
                return Some(names_term);
            }
            let l = fold(line);
            let l = l.trim();
            // A lower-case term counts only as a cell of its own: `до 2030 года`, `постоянно`.
            // `до 2030 года, далее`: a term and nothing else.
            let term_words = || {
                l.split_whitespace().skip(2).all(|w| {
                    ["года", "г", "году", "далее", "постоянно", "включительно"]
                        .contains(&w.trim_end_matches(|c: char| !crate::text::fold::is_word_char(c)))
                })
            };
            let alone = (l.split_whitespace().count() <= 3 || (l.split_whitespace().count() <= 5 && term_words()))
                && (l.split_whitespace().nth(1).is_some_and(|y| y.starts_with("20") || is_date(y))
                    || ["постоянно", "бессрочно", "ежегодно"].contains(&l.trim_end_matches('.')));
            Some(alone)
        }
        Col::Funding => Some(upper && FUNDING.iter().any(|p| leads(f, p))),
        Col::Technologies => Some((upper || s.starts_with("1.")) && TECHNOLOGIES.iter().any(|p| leads(f, p))),
        Col::Role => Some(
            (upper && ROLE.iter().any(|p| leads(f, p)))
                || dashed.is_some_and(|d| ROLE.iter().take(ROLE_STRONG).any(|p| d.starts_with(p))),
        ),
        _ => None,
    }
}

/// The words a term opens with when a year or a date follows (`до 2030 года`), folded.
const TERM_LEADS: [&str; 9] = ["до конца ", "к концу ", "до ", "с ", "в ", "по ", "на ", "к ", "не позднее "];

/// The other openings of a term (`2024 год`, `Постоянно`), folded.
const TERM_OPENINGS: [&str; 4] = ["20", "постоянно", "бессрочно", "ежегодно"];

/// False when `s` cannot open a cell of column `c` (where [`opens_folded`] reads `s` folded), told
/// by the first two characters of `s` folded (see [`OPENING_STARTS`]), instead of folding the
/// whole text; for a term, those after its leading non-word characters.
fn may_open(c: Col, s: &str) -> bool {
    let k = match c {
        Col::Period => 0,
        Col::Funding => 1,
        Col::Technologies => 2,
        Col::Role => 3,
        _ => return true,
    };
    let mut t = s.chars().map(crate::text::fold::fold_char).peekable();
    if c == Col::Period {
        while t.next_if(|&c| !crate::text::fold::is_word_char(c)).is_some() {}
    }
    let start = [t.next(), t.next()];
    OPENING_STARTS[k].iter().any(|p| p.iter().zip(start).all(|(&a, b)| Some(a) == b))
}

/// How a cell of each column with a recognisable opening (term, funding, technologies, role)
/// opens, by its first one or two characters, folded, each once:
/// - a term: a [`TERM_LEADS`] or a [`TERM_OPENINGS`] phrase (every one has two characters or more);
/// - funding, technologies, role: a phrase's first word (which [`leads`] asks the text to open
///   with), or for a role a dash (`- `).
static OPENING_STARTS: std::sync::LazyLock<[Vec<Vec<char>>; 4]> = std::sync::LazyLock::new(|| {
    fn first_word<'p>(p: &&'p str) -> &'p str {
        p.split(' ').next().unwrap_or(p)
    }
    let starts = |phrases: &mut dyn Iterator<Item = &str>| {
        let mut v: Vec<Vec<char>> = phrases.map(|p| p.chars().take(2).collect()).collect();
        v.sort();
        v.dedup();
        v
    };
    [
        starts(&mut TERM_LEADS.iter().chain(&TERM_OPENINGS).copied()),
        starts(&mut FUNDING.iter().map(first_word)),
        starts(&mut TECHNOLOGIES.iter().map(first_word)),
        starts(&mut ROLE.iter().map(first_word).chain(["- "])),
    ]
});

/// What [`opens_folded`] answers from the first two bytes of `s` alone, where they decide it:
/// `Some(None)` for a column without a recognisable opening, `Some(Some(false))` for a text that
/// cannot open the column's cell; `None` where the text must be read on.
fn answered_by_start(c: Col, s: &str) -> Option<Option<bool>> {
    let upper = s.chars().next().is_some_and(|c| c.is_uppercase());
    match c {
        Col::Period => None,
        Col::Funding if !upper => Some(Some(false)),
        Col::Technologies if !upper && !s.starts_with("1.") => Some(Some(false)),
        Col::Role if !upper && !s.starts_with("- ") => Some(Some(false)),
        Col::Funding | Col::Technologies | Col::Role => None,
        _ => Some(None),
    }
}

/// A technologies cell that holds a whole value of its own (`Не применяются.`, `Системы поддержки
/// принятия решений, рекомендательные системы.`) ends at the next capitalised line when the role
/// follows: role cells open in too many ways to be recognised. A numbered or dashed line goes on
/// with a list, unless the cell says there are none.
fn technologies_done<'p>(cur: Col, next: Col, cell: &str, line: &str, peek: impl FnOnce() -> &'p str) -> bool {
    if cur != Col::Technologies || next != Col::Role {
        return false;
    }
    let peek = peek();
    let t = line.trim_start();
    let none = fold(cell).starts_with("не ");
    closed(cell)
        && opens(Col::Technologies, cell, cell) == Some(true)
        && opens(Col::Technologies, line, peek) != Some(true)
        && (t.starts_with(|c: char| c.is_uppercase())
            || (none && t.starts_with(|c: char| c.is_ascii_digit()))
            || opens_with_year(t))
}

/// `01.07.2023`: a day, a month and a year of this century.
fn is_date(s: &str) -> bool {
    let p: Vec<&str> = s.trim_end_matches(['.', ',', ';']).split('.').collect();
    p.len() == 3
        && p[..2].iter().all(|x| (1..=2).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit()))
        && p[2].len() == 4
        && p[2].starts_with("20")
        && p[2].chars().all(|c| c.is_ascii_digit())
}

/// `2022 г.: …`: a year, not a list number, opens the line.
fn opens_with_year(t: &str) -> bool {
    // Asked of table lines, few of which open with a digit: no copy of the digits.
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4 && t.starts_with("20") && !t[4..].starts_with(['.', ')'])
}

/// The number of a numbered list item opening a line: `2.`, `3)` (not a date or a decimal).
fn item_number(s: &str) -> Option<u32> {
    // Asked of every table line (and of a cell's lines from its last): most open with a letter
    // or a sign, which no whitespace precedes, and are refused by their first byte undecoded.
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => {}
        Some(&b) if b.is_ascii_graphic() || b == 0xD0 || b == 0xD1 => return None,
        _ => {}
    }
    let t = s.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    let item = (1..=2).contains(&digits)
        && rest.starts_with(['.', ')'])
        && !rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    if item { t[..digits].parse().ok() } else { None }
}

/// The number the next item of a cell's numbered list would have.
fn list_next(lines: &[Line]) -> Option<u32> {
    lines.iter().rev().find_map(|l| item_number(l.text)).map(|n| n + 1)
}

/// A term cell is complete once it names a date or a dateless term (`Постоянно`).
fn period_complete(s: &str) -> bool {
    let f = fold(s);
    s.contains(|c: char| c.is_ascii_digit()) || ["постоянно", "бессрочно", "ежегодно"].iter().any(|w| f.contains(w))
}

/// True when a cell ends saying there is none (`… не предусмотрено`, `не требуются`): a value
/// complete without its full stop.
fn says_none(s: &str) -> bool {
    const NONE: [&str; 6] = ["предусмотрено", "предусмотрены", "требуется", "требуются", "применяются", "применяется"];
    // Only the last two words are folded: asked on every line of a growing cell, folding the whole
    // cell would be quadratic. (Folding keeps whitespace as it is, so the words are the same.)
    // Most cells are refused by their last character, folded, which ends none of the words,
    // without splitting or folding the words.
    let Some(end) = s.trim_end().chars().next_back().map(crate::text::fold::fold_char) else { return false };
    if !NONE.iter().any(|w| w.ends_with(end)) {
        return false;
    }
    let mut w = s.split_whitespace().rev();
    let (last, before) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
    folds_to(before, "не") && NONE.iter().any(|w| folds_to(last, w))
}

fn closed(s: &str) -> bool {
    s.trim_end().ends_with(['.', ';', '!', '?', '»', ')'])
}

/// Assigns the lines of a row's segments to `cols` (the row's columns after the name). A piece
/// with `force` set starts the next open column. Returns the cells' text and each cell's lines.
fn assign<'s>(
    cols: &[Col],
    segs: &[Vec<(Line<'s>, bool)>],
    peeks: &[Vec<Peek>],
    vocab: &Vocab,
    widths: &Widths,
) -> Assigned<'s> {
    let mut cells = vec![String::new(); cols.len()];
    let mut lines: Vec<Vec<Line<'s>>> = vec![Vec::new(); cols.len()];
    let blank = Line::new("");
    // A cell whose own lines keep to its column's width (some pages break every word of a
    // justified cell onto a line of its own, and then widths tell nothing).
    let mut steady = vec![true; cols.len()];
    if cols.is_empty() {
        return (cells, lines);
    }
    for (si, seg) in segs.iter().enumerate() {
        let open =
            |cells: &Vec<String>, k: usize| cells[k].is_empty() || (cols[k] != Col::Period && !closed(&cells[k]));
        // After a page break the pieces continue the open cells in column order; a cell cut after a
        // comma or dash is the surest to continue.
        let mut cur = if si == 0 {
            0
        } else {
            // A lower-case first line may go on with a list closed by `;` on the page before.
            let first = seg.iter().map(|x| x.0.text.trim_start()).find(|x| !x.is_empty()).unwrap_or("");
            let lower = first.starts_with(char::is_lowercase);
            // A dashed item goes on with a dashed list.
            let goes_on =
                |k: usize| lower || (first.starts_with('-') && lines[k].iter().any(|l| l.text.starts_with('-')));
            let started_open = |k: usize| {
                !cells[k].is_empty()
                    && (open(&cells, k) || (goes_on(k) && cols[k] != Col::Period && cells[k].trim_end().ends_with(';')))
            };
            let strong = (0..cols.len()).find(|&k| started_open(k) && cells[k].trim_end().ends_with([',', '-']));
            // Otherwise the first started cell left open, or the first cell not started yet.
            let not_started =
                (0..cols.len()).rev().find(|&k| !cells[k].is_empty()).map_or(0, |k| (k + 1).min(cols.len() - 1));
            strong.or_else(|| (0..cols.len()).find(|&k| started_open(k))).unwrap_or(not_started)
        };
        let mut started = si > 0 && !cells[cur].is_empty();
        for (j, &(line, force)) in seg.iter().enumerate() {
            if line.blank() {
                continue;
            }
            let text = line.text;
            // Cell openings are read on the line with the next two: justified cells break every word.
            // Joined as text (`Рекомендован-` / `ный` is one word); only when an opening is asked.
            let memo = &peeks[si][j];
            let peek = || {
                memo.text
                    .get_or_init(|| {
                        let mut p = String::with_capacity(seg[j..].iter().take(3).map(|x| x.0.text.len() + 1).sum());
                        for x in seg[j..].iter().take(3) {
                            super::reflow::join_into(&mut p, x.0.text, vocab);
                        }
                        p
                    })
                    .as_str()
            };
            // The peek opens with the trimmed line (a join drops at most its last character, a
            // hyphen): a line of three bytes or more tells what the peek's first two would, and most
            // lines are refused by those without the peek being joined.
            let head = crate::text::scan::trim(text);
            let opens_at = |c: Col| {
                if !has_opening(c) {
                    return None;
                }
                match answered_by_start(c, head) {
                    Some(answer) if head.len() > 2 => answer,
                    _ => opens_folded(c, text, peek(), &memo.folded),
                }
            };
            let next_open = |from: usize| {
                if si == 0 {
                    (from + 1 < cols.len()).then_some(from + 1)
                } else {
                    (from + 1..cols.len()).find(|&k| open(&cells, k))
                }
            };
            let upper = text.starts_with(|c: char| c.is_uppercase() || c == '-' || c == '«' || c.is_ascii_digit());
            let cur_text = cells[cur].as_str();
            // A dashed item after one closed by `;` goes on with the same list.
            let list_goes_on = cur_text.trim_end().ends_with(';') && text.trim_start().starts_with('-');
            let next_line = seg[j + 1..].iter().map(|x| &x.0).find(|t| !t.blank()).unwrap_or(&blank);
            // A line suits a column it fits that it does not leave room in for the next line's word.
            let suits = |k: usize| widths.admits(k, &line) && !widths.ends_before(k, &line, next_line);
            let number = item_number(text);
            let mut target = None;
            let dated = |l: &Line| opens_with_year(l.text.trim_start());
            if number.is_some() && list_next(&lines[cur]) == number {
                // The next item of the cell's own numbered list.
            } else if si > 0
                && let Some(no) = number.filter(|&no| no > 1 && list_next(&lines[cur]) != Some(no))
                && let Some(k) =
                    (0..cols.len()).find(|&k| k != cur && cols[k] != Col::Period && list_next(&lines[k]) == Some(no))
            {
                // After a page break, a list numbered on from a cell's last item goes on there.
                target = Some(k);
            } else if si > 0
                && dated(&line)
                && !lines[cur].iter().any(dated)
                && let Some(k) =
                    (0..cols.len()).find(|&k| k != cur && cols[k] != Col::Period && lines[k].iter().any(dated))
            {
                // So does a list whose items open with their years (`2023-2024 гг. …`).
                target = Some(k);
            } else if started && let Some(n) = next_open(cur) {
                let last = lines[cur].last().copied().unwrap_or(blank);
                // A list that starts at 1 after an open line or after another list opens a cell.
                let restarts = number == Some(1) && (!ends_freely(last.text) || list_next(&lines[cur]).is_some());
                if force || technologies_done(cols[cur], cols[n], cur_text, text, peek) {
                    target = Some(n);
                } else if let Some(k) = (!list_goes_on
                    && (restarts
                        || si == 0 && steady[cur] && lines[cur].len() > 1 && widths.ends_before(cur, &last, &line)))
                .then(|| {
                    // The line does not go on with the cell (its first word would have fitted
                    // on the cell's last line, or it is too wide): it opens the first later
                    // cell it fits that does not refuse it (a cell with a known opening the
                    // line lacks is empty here), else the first that is not a term.
                    // Every row has a term, so before it is found no cell after it opens.
                    let term_skipped = |k: usize| (cur + 1..k).any(|p| cols[p] == Col::Period && cells[p].is_empty());
                    let fit: Vec<usize> = (n..cols.len())
                        .filter(|&k| (si == 0 || open(&cells, k)) && widths.admits(k, &line) && !term_skipped(k))
                        .collect();
                    fit.iter()
                        .copied()
                        .find(|&k| opens_at(cols[k]) != Some(false))
                        .or_else(|| fit.iter().copied().find(|&k| cols[k] != Col::Period))
                })
                .flatten()
                {
                    target = Some(k);
                } else {
                    match opens_at(cols[n]) {
                        Some(true) => target = Some(n),
                        // After a page break, a lower-case line after a full stop continues the
                        // next cell begun on the page before.
                        Some(false)
                            if si > 0 && !upper && cur_text.trim_end().ends_with('.') && !cells[n].is_empty() =>
                        {
                            target = Some(n);
                        }
                        // Nor does a lower-case line go on with a dashed list closed by `;`: it
                        // continues the first later cell left mid-phrase.
                        Some(false)
                            if si > 0
                                && !upper
                                && cur_text.trim_end().ends_with(';')
                                && lines[cur].iter().any(|l| l.text.starts_with('-'))
                                && let Some(k) = (n..cols.len())
                                    .find(|&k| lines[k].last().is_some_and(|l| !ends_freely(l.text))) =>
                        {
                            target = Some(k);
                        }
                        // A cell that says there is none is complete: a capitalised line then
                        // opens the last cell, whose openings are too many to know.
                        Some(false)
                            if upper
                                && says_none(cur_text)
                                && n + 1 == cols.len()
                                && cols[n] == Col::Role
                                && opens_at(cols[cur]) != Some(true) =>
                        {
                            target = Some(n);
                        }
                        Some(false) => {
                            // The next cell may be empty in this segment: the one after it opens here.
                            let ends_period = cols[cur] == Col::Period && upper && period_complete(cur_text);
                            if !list_goes_on
                                && (ends_period || (upper && (closed(cur_text) || says_none(cur_text))))
                                && let Some(m) = next_open(n)
                                && opens_at(cols[m]) != Some(false)
                                && opens_at(cols[cur]) != Some(true)
                            {
                                // Unless only the cell it skips suits the line's width.
                                // (A term is always recognised: one that refused the line is empty.)
                                let by_width = cols[n] != Col::Period && !suits(m) && suits(n);
                                target = Some(if by_width { n } else { m });
                            }
                        }
                        None => {
                            let ends_period = cols[cur] == Col::Period && upper && period_complete(cur_text);
                            let after_stop = cur_text.trim_end().ends_with('.') || (upper && says_none(cur_text));
                            if !list_goes_on && (ends_period || (after_stop && (upper || si > 0))) {
                                target = Some(n);
                            }
                        }
                    }
                }
            }
            // A row whose first cell after the name is empty opens with the term: `до 2023 года`.
            if si == 0
                && !started
                && cols.get(cur + 1) == Some(&Col::Period)
                && text.split_whitespace().count() <= 5
                && opens(Col::Period, text, text) == Some(true)
            {
                target = Some(cur + 1);
            }
            if let Some(t) = target {
                cur = t;
            }
            super::reflow::join_into(&mut cells[cur], text, vocab);
            if let Some(last) = lines[cur].last() {
                steady[cur] &= !widths.ends_before(cur, last, &line);
            }
            lines[cur].push(line);
            started = true;
        }
    }
    (cells, lines)
}

/// Cuts the `(рекомендовано ФОИВ)` mark off a name; returns the name and whether it was there.
pub fn strip_federal_mark(name: &str) -> (String, bool) {
    let f = fold(name);
    match f.find("(рекомендовано") {
        Some(p) => (name[..p].trim().trim_end_matches(',').trim().to_string(), true),
        None => (name.trim().to_string(), f.contains("фоив")),
    }
}

/// Finds the name cell at the start of a row: up to the line closing the federal mark, or the
/// opening line with its lower-case continuations. Returns the indices of the name's lines.
fn name_lines(lines: &[Ln], limit: usize) -> (Vec<usize>, bool) {
    // The mark may close a name that a page break cut: it then opens the next page's part.
    let foiv = lines.iter().take(limit).position(|l| l.text.contains("ФОИВ")).or_else(|| {
        let b = (1..lines.len().min(limit * 3)).find(|&i| lines[i].brk)?;
        (b..lines.len().min(b + limit + 2)).find(|&i| lines[i].text.contains("ФОИВ"))
    });
    if let Some(f) = foiv {
        let mark = (0..=f).any(|i| fold(lines[i].text).contains("рекомендовано"));
        let brk = (1..=f).rev().find(|&i| lines[i].brk);
        if mark {
            return match brk {
                None => ((0..=f).collect(), true),
                // The name continues after the break: its first line, then the tail.
                Some(b) => {
                    let mut v = vec![0];
                    let lead = (1..b)
                        .take_while(|&i| lines[i].text.starts_with(|c: char| c.is_lowercase() || c == '('))
                        .count();
                    v.extend(1..1 + lead);
                    let tail_start =
                        (b..=f).rev().take_while(|&i| i == f || !lines[i].text.ends_with('.')).last().unwrap_or(b);
                    let tail_start = if (b..tail_start).all(|i| lines[i].text.starts_with(|c: char| c.is_lowercase())) {
                        b
                    } else {
                        tail_start
                    };
                    v.extend(tail_start..=f);
                    (v, true)
                }
            };
        }
    }
    let mut v = vec![0];
    for (i, l) in lines.iter().enumerate().skip(1).take(limit) {
        if l.brk || l.glyph || !l.text.starts_with(|c: char| c.is_lowercase() || c == '(') {
            break;
        }
        v.push(i);
    }
    (v, false)
}

impl<'a> Tables<'a> {
    /// Remembers a table header printed once before the first sector heading.
    pub fn header(&mut self, table: &str, body: &[Ln<'a>]) {
        let text: Vec<&str> = body.iter().map(|l| l.text).collect();
        if !text.is_empty() {
            self.headers.insert(table.to_string(), text.join(" "));
        }
    }

    /// Adds one sector's part of a table.
    pub fn add(&mut self, table: &str, sector: &str, h: &Head, body: &[Ln<'a>]) {
        let values = if table == "indicators" { self.years(body).len().max(1) } else { 1 };
        let (header, mut rows) = rows(body, values);
        strip_repeated_header(&mut rows, &header);
        let header_text = header.iter().map(|l| l.text).collect::<Vec<_>>().join(" ");
        let header_text = if fold(&header_text).contains("наименование") {
            self.headers.insert(table.to_string(), header_text.clone());
            header_text
        } else {
            self.headers.get(table).cloned().unwrap_or_default()
        };
        self.tables.entry(table.to_string()).or_default().push(SectorTable {
            sector: sector.to_string(),
            key: h.key.clone(),
            header: header_text,
            rows,
        });
    }

    /// The year columns of the indicators table (from its header).
    fn years(&self, body: &[Ln]) -> Vec<u16> {
        let from_header = |text: &str| -> Vec<u16> {
            text.split_whitespace()
                .filter_map(|t| t.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u16>().ok())
                .filter(|y| (2000..2100).contains(y))
                .collect()
        };
        let head: Vec<&str> = body.iter().take(30).take_while(|l| l.text != "1").map(|l| l.text).collect();
        let mut ys = from_header(&head.join(" "));
        if ys.is_empty() {
            ys = self.headers.get("indicators").map(|h| from_header(h)).unwrap_or_default();
        }
        ys.dedup();
        ys
    }

    /// Turns the collected tables into projects, indicators, per-sector lists and warnings.
    /// Returns each table section's rows as text (section key -> rows), for the section blocks.
    pub fn finish(mut self, parsed: &mut Parsed, vocab: &Vocab) -> BTreeMap<String, Vec<String>> {
        // The tables reconciling may change are taken out, not copied.
        let mut indicators_t = self.tables.remove("indicators").unwrap_or_default();
        let mut linkage_t = self.tables.remove("linkage").unwrap_or_default();
        let empty = Vec::new();
        let projects_t = self.tables.get("projects").unwrap_or(&empty);
        let mut warnings: Vec<Warning> = Vec::new();
        // Indicator-table names help where a project row's name cell has no end mark.
        // Read once: kept for the indicators below unless reconciling changes the table's rows.
        let ind_rows: Vec<(String, Vec<IndRow>)> = indicators_t
            .iter()
            .map(|t| {
                let years = self.years_of(t);
                (t.sector.clone(), t.rows.iter().map(|r| indicator_row(r, vocab, &years)).collect())
            })
            .collect();
        let mut projects: Vec<Project> = Vec::new();
        // Each project row's text as `project_row` joined it (`raw`), for the section's rows below.
        let mut project_texts: Vec<String> = Vec::new();
        // Twice: the rows no page break cuts measure the columns' widths, which then tell where a
        // cut cell stops (see `widths`). Tables with the same columns are measured together.
        let cols_of: Vec<Vec<Col>> = projects_t.iter().map(|t| columns(&t.header, "projects")).collect();
        // Each row's name and segments are read once, for both passes.
        let starts: Vec<Vec<RowStart>> = projects_t
            .iter()
            .zip(&cols_of)
            .map(|(t, cols)| {
                let hints: Vec<&IndRow> =
                    ind_rows.iter().filter(|(s, _)| *s == t.sector).flat_map(|(_, r)| r).collect();
                t.rows.iter().map(|r| row_start(r, cols, &hints, vocab)).collect()
            })
            .collect();
        // The first pass assigns, without widths, only the rows that can measure the columns (no
        // page break, a name); where the second pass would use no widths either, its cells stand.
        let mut first: Vec<Vec<Option<Assigned>>> =
            starts.iter().map(|rows| rows.iter().map(|_| None).collect()).collect();
        let mut measured: Vec<(Vec<Col>, Widths)> = Vec::new();
        for cols in &cols_of {
            if measured.iter().any(|(c, _)| c == cols) {
                continue;
            }
            let mut clean = Vec::new();
            for (ti, _) in cols_of.iter().enumerate().filter(|(_, c)| *c == cols) {
                for (s, slot) in starts[ti].iter().zip(first[ti].iter_mut()) {
                    if !s.unbroken() || s.name.is_empty() {
                        continue;
                    }
                    let assigned = s.assign(vocab, &Widths::default());
                    if assigned.0.iter().all(|c| !c.is_empty()) {
                        clean.push(assigned.1.clone());
                    }
                    *slot = Some(assigned);
                }
            }
            let after = cols.iter().filter(|c| **c != Col::Name).count();
            measured.push((cols.clone(), Widths::learn(&clean, after)));
        }
        for (((t, cols), row_starts), firsts) in projects_t.iter().zip(&cols_of).zip(starts).zip(first) {
            let widths = measured.iter().find(|(c, _)| c == cols).map(|(_, w)| w).expect("measured above");
            for ((r, s), done) in t.rows.iter().zip(row_starts).zip(firsts) {
                let assigned = match done {
                    Some(a) if !s.sure || widths.is_empty() => a,
                    _ => s.assign(vocab, widths),
                };
                let p = project_row(t, r, s, assigned, &mut warnings);
                project_texts.push(p.raw.to_string());
                projects.push(p);
            }
        }
        // The projects' name keys, made once: reconciling and matching the indicators compare them.
        let name_keys: Vec<String> = projects.iter().map(|p| key(&p.name)).collect();
        let sector_keys = |sector: &str| -> Vec<&str> {
            projects.iter().zip(&name_keys).filter(|(p, _)| p.sector == sector).map(|(_, k)| k.as_str()).collect()
        };
        // Reconcile the other tables' rows with the projects section.
        let mut ind_rows: Vec<Option<Vec<IndRow>>> = ind_rows.into_iter().map(|(_, r)| Some(r)).collect();
        for (n, tabs) in [&mut linkage_t, &mut indicators_t].into_iter().enumerate() {
            for (j, t) in tabs.iter_mut().enumerate() {
                if reconcile(t, &sector_keys(&t.sector), vocab) && n == 1 {
                    ind_rows[j] = None;
                }
            }
        }
        // Each linkage row's text, joined once: for its project's raw text, the listed names and
        // the section's rows.
        let linkage_texts: Vec<Vec<String>> =
            linkage_t.iter().map(|t| t.rows.iter().map(|r| join_lines(&r.lines, vocab)).collect()).collect();
        for (t, texts) in linkage_t.iter().zip(&linkage_texts) {
            let cols = columns(&t.header, "linkage");
            for (r, text) in t.rows.iter().zip(texts) {
                let id = format!("{}/{}", t.sector, r.number);
                if let Some(p) = projects.iter_mut().find(|p| p.id == id) {
                    linkage_row(p, r, text, &cols, vocab, &mut warnings);
                }
            }
        }
        let mut indicators: Vec<Indicator> = Vec::new();
        let mut listed_ind: Vec<(String, String, Vec<String>)> = Vec::new();
        for (j, t) in indicators_t.iter().enumerate() {
            let years = self.years_of(t);
            let mut names = Vec::new();
            let mut read = ind_rows[j].take().map(Vec::into_iter);
            for r in &t.rows {
                let ir = read.as_mut().and_then(Iterator::next).unwrap_or_else(|| indicator_row(r, vocab, &years));
                let (name, nk) = (ir.name, ir.name_key);
                let in_sector = || projects.iter().zip(&name_keys).filter(|(p, _)| p.sector == t.sector);
                let pid = in_sector()
                    .find(|(p, k)| p.number == Some(r.number) && similar(k, &nk))
                    .or_else(|| in_sector().find(|(_, k)| **k == nk))
                    .or_else(|| in_sector().find(|(p, _)| p.number == Some(r.number)))
                    .map(|(p, _)| p.id.clone());
                if ir.inds.iter().all(|i| i.values.is_empty()) {
                    warnings.push(warn(
                        "no_values",
                        &format!("indicator row {} of sector {} has no values", r.number, t.sector),
                        r.line,
                    ));
                }
                for ind in ir.inds {
                    let confidence = if ind.values.len() == years.len() && !ind.name.is_empty() { 0.9 } else { 0.5 };
                    indicators.push(Indicator {
                        sector: t.sector.clone(),
                        project: name.clone(),
                        project_id: pid.clone(),
                        responsible: ir.responsible.clone(),
                        name: ind.name.into(),
                        unit: ind.unit,
                        values: ind.values,
                        raw: ind.raw.into(),
                        confidence,
                    });
                }
                names.push(name);
            }
            listed_ind.push(("indicators".into(), t.sector.clone(), names));
        }
        for t in projects_t {
            let names = projects.iter().filter(|p| p.sector == t.sector).map(|p| p.name.clone()).collect();
            parsed.listed.push(("projects".into(), t.sector.clone(), names));
        }
        for (t, texts) in linkage_t.iter().zip(&linkage_texts) {
            let names = t
                .rows
                .iter()
                .zip(texts)
                .map(|(r, text)| {
                    let id = format!("{}/{}", t.sector, r.number);
                    projects.iter().find(|p| p.id == id).map_or_else(|| text.clone(), |p| p.name.clone())
                })
                .collect();
            parsed.listed.push(("linkage".into(), t.sector.clone(), names));
        }
        parsed.listed.extend(listed_ind);
        parsed.projects = projects;
        parsed.indicators = indicators;
        parsed.warnings.extend(warnings);
        let mut rows_text = BTreeMap::new();
        // The projects' and linkage rows' texts as joined above, in the tables' order.
        let mut known = project_texts.into_iter().chain(linkage_texts.into_iter().flatten());
        let known_tables = projects_t.len() + linkage_t.len();
        for (n, t) in projects_t.iter().chain(&linkage_t).chain(&indicators_t).enumerate() {
            let texts = t
                .rows
                .iter()
                .map(|r| {
                    let text = if n < known_tables { known.next() } else { None };
                    format!("{}. {}", r.number, text.unwrap_or_else(|| join_lines(&r.lines, vocab)))
                })
                .collect();
            rows_text.insert(t.key.clone(), texts);
        }
        rows_text
    }

    fn years_of(&self, t: &SectorTable) -> Vec<u16> {
        let mut ys: Vec<u16> = t
            .header
            .split_whitespace()
            .filter_map(|w| w.parse::<u16>().ok())
            .filter(|y| (2000..2100).contains(y))
            .collect();
        ys.dedup();
        ys
    }
}

/// True when two names share most of their words (given by their keys, [`key`]).
fn similar(ka: &str, kb: &str) -> bool {
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let wa: Vec<&str> = ka.split(' ').collect();
    let wb: Vec<&str> = kb.split(' ').collect();
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common * 2 > wa.len().min(wb.len()).max(1) || ka.starts_with(kb) || kb.starts_with(ka)
}

/// Where a table has more rows than the projects section for a sector, a row number is false (a
/// digit left over from lost Latin text, say): a row whose text names no project of the sector is
/// merged with the row after it.
/// `names` are the sector's project names' keys ([`key`]). Returns true when rows were merged.
fn reconcile(t: &mut SectorTable, names: &[&str], vocab: &Vocab) -> bool {
    let before = t.rows.len();
    if names.is_empty() {
        return false;
    }
    // The first three words of each name's key, looked for in the rows' keys.
    let firsts: Vec<&str> = names.iter().map(|k| k.match_indices(' ').nth(2).map_or(*k, |(at, _)| &k[..at])).collect();
    let mentions = |r: &Row| {
        let k = key(&join_lines(&r.lines, vocab));
        firsts.iter().any(|f| k.contains(f))
    };
    // Rows before a merged one mention a name and are unchanged: the search goes on from there.
    let mut from = 0;
    while t.rows.len() > names.len() {
        let Some(i) = (from..t.rows.len() - 1).find(|&i| !mentions(&t.rows[i])) else { break };
        let next = t.rows.remove(i + 1);
        let r = &mut t.rows[i];
        // The false number itself was probably a digit of lost Latin text; it is dropped.
        r.lines.extend(next.lines);
        for (k, row) in t.rows.iter_mut().enumerate().skip(i + 1) {
            row.number = k as u32 + 1;
        }
        from = i;
    }
    t.rows.len() != before
}

/// What a project row gives before its cells are assigned: read once, for both passes over the
/// rows (the one measuring the columns and the one reading the projects).
struct RowStart<'a> {
    name: String,
    federal: bool,
    /// The name's end is known (by its mark or by the indicators table's name): only then are the
    /// measured widths used.
    sure: bool,
    /// The row's whole text.
    raw: String,
    /// The lines after the name, per segment (see [`split_merged`]).
    segs: Vec<Vec<(Line<'a>, bool)>>,
    /// Each of those lines' peek, for both passes.
    peeks: Vec<Vec<Peek>>,
    /// The row's columns after the name.
    after: Vec<Col>,
}

/// A line's peek in [`assign`] (the line joined with the next two, and that folded), made when
/// first asked and kept with the row: both passes over a row ask about the same lines.
#[derive(Default)]
struct Peek {
    text: std::cell::OnceCell<String>,
    folded: std::cell::OnceCell<String>,
}

/// Cells' text and each cell's lines, as [`assign`] gives them.
type Assigned<'a> = (Vec<String>, Vec<Vec<Line<'a>>>);

impl<'a> RowStart<'a> {
    /// A row no page break cuts (its cells measure the columns when all are found).
    fn unbroken(&self) -> bool {
        self.segs.len() <= 1
    }

    /// Assigns the row's cells, by the measured `widths` where the name's end is sure.
    fn assign(&self, vocab: &Vocab, widths: &Widths) -> Assigned<'a> {
        // Where the name's end is a guess, its lost lines would be measured against the wrong columns.
        let unmeasured = Widths::default();
        assign(&self.after, &self.segs, &self.peeks, vocab, if self.sure { widths } else { &unmeasured })
    }
}

/// A text's key ([`key`]) asked whether it opens with a name's key: made of the text's first
/// [`KeyHead::CUT`] bytes, and of the whole text only where those do not tell.
struct KeyHead<'t> {
    text: &'t str,
    /// The key of the text cut at about `CUT` bytes: its words are the whole text's key's first
    /// words, but for its last (the cut may have shortened or dropped it).
    head: String,
    whole: std::cell::OnceCell<String>,
}

impl<'t> KeyHead<'t> {
    /// Bytes keyed first: a name's words, and more.
    const CUT: usize = 512;

    fn new(text: &'t str) -> Self {
        let mut cut = text.len().min(Self::CUT);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        KeyHead { text, head: key(&text[..cut]), whole: std::cell::OnceCell::new() }
    }

    /// `key(text).starts_with(k)` for a key `k`: told by the head's key where the text was not
    /// cut, or where the head's key has more words than `k` (their first words are the whole
    /// key's, and each has a space after `k`'s last word's place).
    fn starts_with(&self, k: &str) -> bool {
        let spaces = |s: &str| s.bytes().filter(|&b| b == b' ').count();
        if self.text.len() <= Self::CUT || spaces(&self.head) > spaces(k) {
            return self.head.starts_with(k);
        }
        self.whole.get_or_init(|| key(self.text)).starts_with(k)
    }
}

/// Reads a project row's name and splits the rest of its lines into segments for the cells.
fn row_start<'a>(r: &Row<'a>, cols: &[Col], hints: &[&IndRow], vocab: &Vocab) -> RowStart<'a> {
    let (mut idx, mut federal) = name_lines(&r.lines, 16);
    // The name's end is known by its mark or by the indicators table's name.
    let mut sure = federal;
    // The row's whole text, and for a name without the federal mark the text of its first lines
    // as it stood after them (the name is at the row's start: a few lines are enough to compare).
    const HEAD: usize = 24;
    let mut raw = String::with_capacity(r.lines.iter().map(|l| l.text.len() + 1).sum());
    let mut head = None;
    for (i, l) in r.lines.iter().enumerate() {
        if i == HEAD && !federal {
            head = Some(raw.clone());
        }
        if !l.glyph {
            super::reflow::join_into(&mut raw, l.text, vocab);
        }
    }
    // A name without the federal mark: prefer the indicators table's name when the row starts with it.
    let mut same_number = hints.iter().filter(|h| h.number == r.number).peekable();
    if !federal && same_number.peek().is_some() {
        let rk = KeyHead::new(head.as_deref().unwrap_or(&raw));
        if let Some(h) = same_number.find(|h| !h.name_key.is_empty() && rk.starts_with(&h.name_key)) {
            let words = h.name_key.split(' ').count();
            let mut got = 0;
            idx.clear();
            for (i, l) in r.lines.iter().enumerate() {
                if got >= words {
                    break;
                }
                got += key(l.text).split(' ').filter(|x| !x.is_empty()).count();
                idx.push(i);
            }
            federal = fold(&h.project).contains("фоив");
            sure = true;
        }
    }
    let name_text = join_lines(idx.iter().map(|&i| &r.lines[i]), vocab);
    let (name, marked) = strip_federal_mark(&name_text);
    federal |= marked;
    // The remaining lines, per segment, to the columns after the name.
    // A page break on a name line still cuts the other cells there.
    let mut rest: Vec<Ln> = Vec::with_capacity(r.lines.len());
    let mut brk = false;
    for (i, l) in r.lines.iter().enumerate() {
        if idx.contains(&i) {
            brk |= l.brk && i > 0;
            continue;
        }
        rest.push(Ln { brk: l.brk || (brk && !rest.is_empty()), ..*l });
        brk = false;
    }
    // Each line is measured once, for both passes and every cell it is asked about.
    let segs: Vec<Vec<(Line, bool)>> = segments(&rest)
        .iter()
        .map(|s| split_merged(s).into_iter().map(|(t, force)| (Line::new(t), force)).collect())
        .collect();
    let peeks = segs.iter().map(|s| s.iter().map(|_| Peek::default()).collect()).collect();
    let after: Vec<Col> = cols.iter().copied().filter(|c| *c != Col::Name).collect();
    RowStart { name, federal, sure, raw, segs, peeks, after }
}

/// Reads one project row from its start and its assigned cells.
fn project_row(t: &SectorTable, r: &Row, start: RowStart, (cells, _): Assigned, w: &mut Vec<Warning>) -> Project {
    let RowStart { name, federal, raw, segs, after, .. } = start;
    let get = |c: Col| after.iter().position(|x| *x == c).map(|i| cells[i].clone()).filter(|s| !s.is_empty());
    let missing: Vec<Col> = after.iter().zip(&cells).filter(|(_, s)| s.is_empty()).map(|(c, _)| *c).collect();
    let broken = segs.len() > 1;
    let mut confidence: f64 = if broken { 0.7 } else { 0.9 };
    if !missing.is_empty() {
        confidence -= 0.3;
        w.push(warn(
            "cell_split",
            &format!(
                "project row {} of sector {}: could not find the cells {}",
                r.number,
                t.sector,
                missing.iter().map(|c| c.field()).collect::<Vec<_>>().join(", ")
            ),
            r.line,
        ));
        // The row's project (its id as built below), so the warning shows at its row.
        w.last_mut().expect("just pushed").project = Some(format!("{}/{}", t.sector, r.number));
    }
    if name.is_empty() {
        confidence = 0.2;
    }
    Project {
        id: format!("{}/{}", t.sector, r.number),
        sector: t.sector.clone(),
        number: Some(r.number),
        name,
        recommended_federal: federal,
        goal: get(Col::Goal),
        period: get(Col::Period),
        funding: get(Col::Funding),
        description: get(Col::Description),
        technologies: get(Col::Technologies),
        region_role: get(Col::Role),
        tasks: None,
        beneficiaries: None,
        benefits: None,
        raw: raw.into(),
        confidence: (confidence * 100.0).round() / 100.0,
    }
}

/// Where `s` first holds `. ` (`s.find(". ")`: asked of every table line, which is short, a
/// substring searcher's setup would cost more than the search; the full stops, few, are found
/// by `memchr` and each is checked for the space after it).
fn dot_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'.', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

/// Splits a line where two cells' first lines merged: `Не предусмотрено. обучающимся возможность`.
fn split_merged<'a>(seg: &[Ln<'a>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(seg.len());
    for l in seg {
        if l.glyph {
            continue;
        }
        // Both splits are at the first `. `: a line without one is read no further.
        let Some(p) = dot_space(l.text) else {
            out.push((l.text, false));
            continue;
        };
        let f = fold(l.text);
        if l.text[p + 2..].starts_with(|c: char| c.is_lowercase()) && FUNDING.iter().any(|ph| leads(&f, ph)) {
            out.push((&l.text[..p + 1], false));
            out.push((&l.text[p + 2..], true));
            continue;
        }
        // `Не применяются. Развитие и внедрение в`: a short «не …» value, then the next cell.
        if f.starts_with("не ")
            && l.text[..p].split_whitespace().count() <= 3
            && l.text[p + 2..].starts_with(|c: char| c.is_uppercase())
        {
            out.push((&l.text[..p + 1], false));
            out.push((&l.text[p + 2..], true));
            continue;
        }
        out.push((l.text, false));
    }
    out
}

/// True when `text`'s key ([`key`]) opens with the words `nk` (a key split at its spaces): every
/// word of one the other has equals it. `key(text).split(' ').zip(nk).all(|(a, b)| a == b)`,
/// with the words keyed one by one as compared: most lines differ at their first word.
fn key_opens_with(text: &str, nk: &[String]) -> bool {
    // A key's words are those of the text's word runs keyed alone, stopwords (keyed empty) left out.
    let mut words = crate::text::scan::word_runs(text).map(key).filter(|k| !k.is_empty()).peekable();
    match (words.peek(), nk.first()) {
        (_, None) => false,
        // An empty key splits into one empty word.
        (None, Some(first)) => first.is_empty(),
        (Some(_), Some(_)) => words.zip(nk).all(|(a, b)| a == *b),
    }
}

/// Fills a project's linkage cells from its row; `joined` is the row's lines joined ([`join_lines`]).
fn linkage_row(p: &mut Project, r: &Row, joined: &str, cols: &[Col], vocab: &Vocab, w: &mut Vec<Warning>) {
    // Find the name cell by the project's name: a line opening with it, or a line where the tasks
    // cell's first line and the name's merged (`… в форме Создание единого`).
    let nk: Vec<String> = key(&p.name).split(' ').map(String::from).collect();
    // The key has a first word (maybe empty), so the words compared are the first at least.
    let opens_name = |text: &str| key_opens_with(text, &nk);
    let mut lines = r.lines.clone();
    let mut split = false;
    let mut start = lines.iter().position(|l| opens_name(l.text));
    if start.is_none() {
        let first = p.name.split_whitespace().next().unwrap_or("");
        let merged = lines.iter().enumerate().find_map(|(i, l)| {
            l.text
                .match_indices(first)
                .map(|(at, _)| at)
                .find(|&at| at > 0 && opens_name(&l.text[at..]))
                .map(|at| (i, at))
        });
        if let Some((i, at)) = merged {
            let l = lines[i];
            lines[i] = Ln { text: l.text[..at].trim_end(), ..l };
            lines.insert(i + 1, Ln { text: &l.text[at..], brk: false, gap: false, ..l });
            start = Some(i + 1);
            split = true;
        }
    }
    let Some(start) = start else {
        w.push(warn(
            "cell_split",
            &format!("linkage row {} of sector {}: project name not found", r.number, p.sector),
            r.line,
        ));
        return;
    };
    let r = &Row { number: r.number, line: r.line, lines };
    let (tail, _) = name_lines(&r.lines[start..], 16);
    let name_idx: Vec<usize> = tail.iter().map(|i| i + start).collect();
    let end = *name_idx.last().unwrap_or(&start);
    let mut segs: Vec<Vec<(&str, bool)>> = Vec::new();
    for (i, l) in r.lines.iter().enumerate() {
        if name_idx.contains(&i) || l.glyph {
            continue;
        }
        if l.brk || segs.is_empty() {
            segs.push(Vec::new());
        }
        // The first line after the name opens the beneficiaries.
        let force = i > end && !segs.iter().flatten().any(|x: &(&str, bool)| x.1) && i > start;
        segs.last_mut().unwrap().push((l.text, force));
    }
    let after: Vec<Col> = cols.iter().copied().filter(|c| *c != Col::Name).collect();
    let cells = assign_linkage(&after, &segs, vocab);
    let get = |c: Col| after.iter().position(|x| *x == c).map(|i| cells[i].clone()).filter(|s| !s.is_empty());
    p.tasks = get(Col::Tasks);
    p.beneficiaries = get(Col::Beneficiaries);
    p.benefits = get(Col::Benefits);
    // The row's text is joined anew only where a line was split.
    let text = if split { std::borrow::Cow::Owned(join_lines(&r.lines, vocab)) } else { joined.into() };
    p.raw = format!("{}\n{}", p.raw, text).into();
}

/// Linkage cells: tasks until the name, then beneficiaries (short `;`-separated entries), then benefits.
fn assign_linkage(cols: &[Col], segs: &[Vec<(&str, bool)>], vocab: &Vocab) -> Vec<String> {
    let mut cells = vec![String::new(); cols.len()];
    if cols.is_empty() {
        return cells;
    }
    let mut cur = 0;
    for (si, seg) in segs.iter().enumerate() {
        if si > 0 {
            cur = (0..cols.len()).find(|&k| !cells[k].is_empty() && !closed(&cells[k])).unwrap_or(cur);
        }
        let mut prev: Option<&str> = None;
        for &(text, force) in seg {
            let benefits_open = cols[cur] == Col::Beneficiaries
                && !cells[cur].is_empty()
                && text.starts_with(|c: char| c.is_uppercase())
                && prev.is_some_and(|p| !p.trim_end().ends_with([';', ',', '-', '(']))
                && !continues_name(text);
            if (force || benefits_open) && cur + 1 < cols.len() {
                cur += 1;
            }
            super::reflow::join_into(&mut cells[cur], text, vocab);
            prev = Some(text);
        }
    }
    cells
}

/// True for a capitalised word that continues a name rather than opening a cell: `Российской`,
/// `Федерации`, `Ивановской области`.
fn continues_name(s: &str) -> bool {
    let w = fold(s.split_whitespace().next().unwrap_or(""));
    let w = w.trim_end_matches(|c: char| !crate::text::fold::is_letter(c));
    ["ской", "ского", "ских", "цкой", "цкого"].iter().any(|e| w.ends_with(e))
        || w == "федерации"
        || w == "области"
        || w == "края"
}

/// One row of the indicators table.
#[derive(Debug, Clone)]
struct IndRow {
    number: u32,
    project: String,
    /// The project's name without the federal mark ([`strip_federal_mark`]), and its key ([`key`]).
    name: String,
    name_key: String,
    responsible: Option<String>,
    inds: Vec<Ind>,
}

#[derive(Debug, Clone)]
struct Ind {
    name: String,
    unit: Option<String>,
    values: BTreeMap<u16, f64>,
    raw: String,
}

const UNIT_WORDS: &[&str] = &[
    "ед",
    "шт",
    "балл",
    "чел",
    "метр",
    "квадрат",
    "миллион",
    "млн",
    "млрд",
    "тыс",
    "долл",
    "руб",
    "процент",
    "да-",
    "нет-",
    "да",
    "нет",
    "усл",
    "дн",
    "час",
    "мин",
    "единиц",
    "человек",
    "штук",
    "км",
    "кв",
    "га",
    "тонн",
    "лет",
    "сут",
    "мес",
    "1нет",
    "0",
    "1",
];

fn is_unit_line(s: &str) -> bool {
    let f = fold(s);
    let toks: Vec<&str> = f.split(|c: char| c.is_whitespace() || c == '.').filter(|t| !t.is_empty()).collect();
    !toks.is_empty() && toks.len() <= 4 && toks.iter().all(|t| UNIT_WORDS.iter().any(|u| t.starts_with(u)))
}

const ORG_WORDS: &[&str] = &[
    "министерств",
    "департамент",
    "комитет",
    "управлени",
    "агентств",
    "служб",
    "инспекци",
    "правительств",
    "администраци",
    "аппарат",
    "главное",
    "региональн",
    "государственн",
    "казенн",
    "центр",
    "фонд",
    "орган",
];

/// Organisation words that open a responsible body even in lower case (a layout artefact).
const ORG_HEADS: usize = 5;

fn is_org_start(s: &str) -> bool {
    let f = fold(s);
    let upper = s.starts_with(|c: char| c.is_uppercase());
    ORG_WORDS.iter().enumerate().any(|(k, w)| f.starts_with(w) && (upper || k < ORG_HEADS))
}

fn indicator_row(r: &Row, vocab: &Vocab, years: &[u16]) -> IndRow {
    let lines = &r.lines;
    // Project name: up to the federal mark, or up to the responsible body.
    let mut i = 0;
    let foiv = lines.iter().take(12).position(|l| l.text.contains("ФОИВ"));
    let name_end = match foiv {
        Some(f) => f + 1,
        None => lines.iter().take(12).position(|l| is_org_start(l.text)).unwrap_or(1).max(1),
    };
    let project = join_lines(&lines[..name_end.min(lines.len())], vocab);
    i = i.max(name_end);
    // Responsible body: an organisation's name, ending with the region's name.
    let mut responsible = None;
    if i < lines.len() && is_org_start(lines[i].text) {
        let stop = (i..lines.len()).find(|&k| lines[k].glyph || is_number_line(lines[k].text)).unwrap_or(lines.len());
        let end = (i..stop.min(i + 8))
            .find(|&k| {
                let f = fold(lines[k].text.trim_end_matches('.'));
                ["области", "края", "республики", "округа", "федерации", "севастополя", "москвы", "петербурга"]
                    .iter()
                    .any(|e| f.ends_with(e))
            })
            .unwrap_or_else(|| {
                (i + 1..stop)
                    .find(|&k| starts_upper(lines[k].text) && !continues_name(lines[k].text))
                    .map(|k| k - 1)
                    .unwrap_or(i)
            });
        responsible = Some(join_lines(&lines[i..=end], vocab).trim_end_matches('.').to_string());
        i = end + 1;
    }
    // Indicators: name lines, unit lines, then a run of values.
    let mut inds: Vec<Ind> = Vec::new();
    let mut pending: Vec<&Ln> = Vec::new();
    let k = years.len().max(1);
    while i < lines.len() {
        let l = &lines[i];
        // A unit cut at a dash continues on a numeric line: `Да- / 1Нет- / 0`.
        let unit_cut = pending.last().is_some_and(|p| !p.glyph && p.text.ends_with('-') && is_unit_line(p.text));
        if unit_cut && !l.glyph && crate::text::scan::split_ws(l.text).count() == 1 {
            pending.push(l);
            i += 1;
            continue;
        }
        if !l.glyph && is_number_line(l.text) && !pending.is_empty() {
            let mut vals: Vec<f64> = Vec::new();
            while i < lines.len() && !lines[i].glyph && is_number_line(lines[i].text) && vals.len() < k {
                vals.extend(crate::text::scan::split_ws(lines[i].text).filter_map(parse_number));
                i += 1;
            }
            // The unit: a lost glyph (percent) or unit words just before the values.
            let mut u = pending.len();
            while u > 0 && (pending[u - 1].glyph || is_unit_line(pending[u - 1].text)) && pending.len() - u < 3 {
                u -= 1;
                if pending[u].glyph {
                    break;
                }
            }
            let unit_lines = &pending[u..];
            let unit = if unit_lines.iter().any(|l| l.glyph) {
                Some("%".to_string())
            } else if unit_lines.is_empty() {
                None
            } else {
                Some(unit_lines.iter().map(|l| l.text).collect::<Vec<_>>().join(" "))
            };
            let name = join_lines(pending[..u].iter().copied(), vocab);
            let values: BTreeMap<u16, f64> = years.iter().copied().zip(vals.iter().copied()).collect();
            let raw = format!(
                "{} | {} | {}",
                name,
                unit.clone().unwrap_or_default(),
                vals.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" ")
            );
            inds.push(Ind { name, unit, values, raw });
            pending.clear();
            continue;
        }
        // A name tail displaced past its values by a page break.
        if pending.is_empty()
            && l.brk
            && l.text.starts_with(|c: char| c.is_lowercase())
            && let Some(last) = inds.last_mut()
        {
            let mut j = i;
            while j < lines.len() && !lines[j].glyph && !is_number_line(lines[j].text) {
                if j > i && starts_upper(lines[j].text) && !continues_name(lines[j].text) {
                    break;
                }
                j += 1;
            }
            let tail = join_lines(&lines[i..j], vocab);
            if j >= lines.len() || !is_number_line(lines[j].text) {
                last.name = format!("{} {}", last.name, tail);
                last.raw = format!("{} + {}", last.raw, tail);
                i = j;
                continue;
            }
        }
        pending.push(l);
        i += 1;
    }
    // An indicator whose values were lost (blank cells).
    if pending.iter().any(|l| !l.glyph) {
        let name = join_lines(pending.iter().copied(), vocab);
        inds.push(Ind { raw: name.clone(), name, unit: None, values: BTreeMap::new() });
    }
    let (name, _) = strip_federal_mark(&project);
    let name_key = key(&name);
    IndRow { number: r.number, project, name, name_key, responsible, inds }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lns<'a>(t: &[&'a str]) -> Vec<Ln<'a>> {
        t.iter()
            .enumerate()
            .map(|(i, s)| Ln { no: i + 1, text: s, glyph: s.is_empty(), brk: false, gap: false })
            .collect()
    }

    /// Each sample's lines, trimmed of nothing (as the tables read them).
    fn sample_lines() -> Vec<String> {
        crate::testing::sample_texts().iter().flat_map(|t| t.lines().map(String::from).collect::<Vec<_>>()).collect()
    }

    #[test]
    fn a_text_refused_a_cell_by_its_first_characters_opens_none() {
        let lines = sample_lines();
        // The lines, and each joined with the next two (a peek, as `assign` makes it).
        let mut texts: Vec<(String, String)> = lines.iter().map(|l| (l.clone(), l.clone())).collect();
        texts.extend(lines.windows(3).map(|w| (w[0].clone(), w.join(" "))));
        let edges = ["", "к", "К 2023 году", "  «До 2030 года", "(20", "ЁЖЕГОДНО", "— Не позднее 2024", "İ 20"];
        let more = ["с 2022", "c 2022", "- участник", "-участник", "1. Облачные", "1.", "В рамках", "В", "За счет"];
        texts.extend(edges.into_iter().chain(more).map(|t| (t.to_string(), t.to_string())));
        for c in [Col::Period, Col::Funding, Col::Technologies, Col::Role] {
            let mut refused = 0;
            for (line, s) in &texts {
                if !may_open(c, s) {
                    refused += 1;
                    assert_eq!(opens_read(c, line, s, &fold(s)), Some(false), "{c:?} {s:?}");
                }
            }
            assert!(refused * 2 > texts.len(), "most texts are refused for {c:?}");
        }
    }

    #[test]
    fn a_key_opens_with_words_as_its_split_zip_tells() {
        let lines = sample_lines();
        let reference = |text: &str, nk: &[String]| key(text).split(' ').zip(nk).all(|(a, b)| a == b);
        let split = |k: &str| -> Vec<String> { k.split(' ').map(String::from).collect() };
        let mut names: Vec<Vec<String>> = vec![split(""), split(&key("и в на")), split("создание единого")];
        names.extend(lines.iter().step_by(97).take(40).map(|l| split(&key(l))));
        let mut opened = 0;
        for (i, l) in lines.iter().enumerate() {
            let own = split(&key(l));
            let next = split(&key(lines.get(i + 1).map_or("", String::as_str)));
            for nk in names.iter().chain([&own, &next]) {
                let want = reference(l, nk);
                opened += usize::from(want);
                assert_eq!(key_opens_with(l, nk), want, "{l:?} {nk:?}");
            }
        }
        assert!(opened > lines.len());
    }

    #[test]
    fn a_key_head_starts_with_as_the_whole_key_does() {
        // The first `n` characters of `s`.
        let chars = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
        for t in crate::testing::sample_texts() {
            let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).step_by(1_777).collect();
            for (n, &at) in cuts.iter().enumerate() {
                // Texts shorter and longer than the cut, and keys of a few words to more than it holds.
                let text = chars(&t[at..], [300, 700, 2_000][n % 3]);
                let head = KeyHead::new(&text);
                let whole = key(&text);
                for len in [1, 9, 60, 200, 500, 900, 3_000] {
                    let k = key(&chars(&text, len));
                    let other = key(&chars(&t[cuts[(n + 1) % cuts.len()]..], len));
                    let longer = format!("{k}а");
                    for k in [&k, &other, &longer] {
                        if !k.is_empty() {
                            assert_eq!(head.starts_with(k), whole.starts_with(k.as_str()), "{text:?} {k:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_header_repeated_after_a_page_break_is_dropped() {
        let mut l = lns(&["№", "пп", "Наименование", "1", "Проект", "№", "пп", "Наименование", "хвост"]);
        l[5].brk = true;
        let (header, mut rows) = rows(&l, 3);
        strip_repeated_header(&mut rows, &header);
        let t: Vec<&str> = rows[0].lines.iter().map(|l| l.text).collect();
        assert_eq!(t, vec!["Проект", "хвост"]);
        assert!(rows[0].lines[1].brk);
    }

    #[test]
    fn numbers_with_both_decimal_marks() {
        assert_eq!(parse_number("0,0708"), Some(0.0708));
        assert_eq!(parse_number("49.00"), Some(49.0));
        assert_eq!(parse_number("35"), Some(35.0));
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("ед."), None);
    }

    #[test]
    fn rows_are_cut_at_the_next_number_only() {
        let l =
            lns(&["№", "пп", "Наименование", "1", "Доля", "", "1", "2", "3", "2 Цифровое", "портфолио", "3", "Сервис"]);
        let (header, rows) = rows(&l, 3);
        assert_eq!(header.len(), 3);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].lines[0].text, "Цифровое");
        assert_eq!(rows[0].lines.len(), 5, "values 1 2 3 stay in row 1");
    }

    #[test]
    fn indicator_values_units_and_names() {
        let l = lns(&[
            "Библиотека (рекомендовано ФОИВ)",
            "Министерство образования",
            "Калининградской области",
            "Доля учащихся",
            "",
            "0,0708 0,0329",
            "0,1083",
            "Количество услуг",
            "ед.",
            "100.00 100.00 100.00",
        ]);
        let r = Row { number: 1, line: 1, lines: l };
        let ir = indicator_row(&r, &Vocab::default(), &[2022, 2023, 2024]);
        assert_eq!(ir.responsible.as_deref(), Some("Министерство образования Калининградской области"));
        assert_eq!(ir.inds.len(), 2);
        assert_eq!(ir.inds[0].unit.as_deref(), Some("%"));
        assert_eq!(ir.inds[0].values[&2022], 0.0708);
        assert_eq!(ir.inds[1].name, "Количество услуг");
        assert_eq!(ir.inds[1].unit.as_deref(), Some("ед."));
        assert_eq!(ir.inds[1].values.len(), 3);
    }
}
