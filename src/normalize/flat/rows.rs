//! Rows of the three sectored tables: federal projects voted across the tables, regional projects
//! taken from the indicators table and looked up in the others, indicator values per year, and
//! what the cross-check needs (`listed`).

use super::decimals;
use super::outline::text_of;
use super::tables::{self, Anchor, Group, Run, Spelled};
use super::tokens::{Tok, find_phrase};
use crate::model::{Indicator, Project, Warning};
use std::collections::{BTreeMap, HashMap};

/// A sector group as found in a table.
#[derive(Debug, Clone)]
pub struct GroupAt {
    /// Canonical sector key.
    pub sector: String,
    /// Sector name as printed in the table.
    pub title: String,
    /// Group number as printed.
    pub number: String,
    /// First token of the group heading.
    pub start: usize,
    /// The group's body.
    pub group: Group,
}

/// One sectored table.
#[derive(Debug, Clone)]
pub struct Table {
    /// `linkage`, `projects` or `indicators`.
    pub key: String,
    /// The column header as printed.
    pub header: String,
    /// Sector groups in order.
    pub groups: Vec<GroupAt>,
}

/// What the tables give.
#[derive(Debug, Default)]
pub struct Found {
    /// Project rows.
    pub projects: Vec<Project>,
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
    /// (table, sector, names) for the cross-check.
    pub listed: Vec<(String, String, Vec<String>)>,
    /// Parser warnings.
    pub warnings: Vec<Warning>,
    /// Row starts per (table key, group start token): block boundaries.
    pub splits: HashMap<(String, usize), Vec<usize>>,
}

fn warn(code: &str, message: String, offset: usize) -> Warning {
    Warning { code: code.into(), message, line: None, offset: Some(offset), project: None }
}

/// A project as the indicators table names it, with its indicator rows.
#[derive(Debug, Clone)]
struct Block {
    name: Vec<usize>,
    federal: bool,
    responsible: String,
    start: usize,
    indicators: Vec<Indicator>,
}

/// Words that are units of measure when they end an indicator name.
const UNITS: &[&str] = &[
    "ед",
    "единиц",
    "единица",
    "шт",
    "штук",
    "балл",
    "баллов",
    "чел",
    "человек",
    "тысчел",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "рублеи",
    "минут",
    "мин",
    "час",
    "часов",
    "днеи",
    "дн",
    "км",
    "кв",
    "га",
    "процент",
    "процентов",
    "услед",
    "уед",
    "месяц",
    "лет",
    "мбитс",
    "да1нет0",
    "данет",
];

/// Whether a name's key (or its first word) starts like a share's.
fn percent_like(name_key: &str) -> bool {
    ["доля", "процент", "удельн", "уровень"].iter().any(|p| name_key.starts_with(p))
}

fn years_of(header: &str) -> Vec<u16> {
    let mut y: Vec<u16> =
        header.split_whitespace().filter_map(|w| w.parse::<u16>().ok()).filter(|v| (2015..=2040).contains(v)).collect();
    y.dedup();
    y
}

fn value_of(t: &str) -> Option<f64> {
    t.trim_matches(|c: char| !c.is_ascii_digit()).replace(',', ".").parse().ok()
}

/// Indicator blocks of one group of the indicators table.
fn indicator_blocks(
    toks: &[Tok],
    mask: &[bool],
    g: &Group,
    years: &[u16],
    scale: f64,
    warnings: &mut Vec<Warning>,
) -> Vec<Block> {
    let (from, to) = (g.body, g.end);
    let runs = tables::value_runs(toks, mask, from, to);
    let mut resp: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    while i < to {
        if let Some(e) = tables::responsible_at(toks, mask, i, to) {
            resp.push((i, e));
            i = e;
        } else {
            i += 1;
        }
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_end = from;
    let mut last_row: Option<u64> = None;
    for (n, &(rs, re)) in resp.iter().enumerate() {
        let mut lower = runs.iter().filter(|r| r.end <= rs).map(|r| r.end).max().unwrap_or(from).max(prev_end);
        let mut anchor = tables::anchors(toks, mask, lower, rs).into_iter().last();
        // Words between the mark and the body: the mark closed an earlier row that printed no body
        // and kept no values (one-digit ones were dropped). That row is a project of its own.
        if let Some(a) = anchor
            && tables::live(mask, a.end, rs).len() >= 3
        {
            let (_, name) = block_name(toks, mask, lower, a.start + usize::from(a.glued));
            if !name.is_empty() {
                let responsible = String::new();
                blocks.push(Block { name, federal: true, responsible, start: lower, indicators: Vec::new() });
            }
            (lower, anchor) = (a.end, None);
        }
        let name_to = anchor.map(|a| a.start + usize::from(a.glued)).unwrap_or(rs);
        let (window, name) = block_name(toks, mask, lower, name_to);
        // What stood between the last values and the name continues the previous indicator.
        let tail: Vec<usize> = window.iter().copied().filter(|i| name.first().is_some_and(|f| i < f)).collect();
        if let (Some(b), false) = (blocks.last_mut(), tail.is_empty())
            && let Some(ind) = b.indicators.last_mut()
        {
            let extra = tail.iter().map(|&i| toks[i].text).collect::<Vec<_>>().join(" ");
            ind.name = format!("{} {extra}", ind.name).into();
            ind.raw = format!("{} {extra}", ind.raw).into();
        }
        let next_rs = resp.get(n + 1).map(|r| r.0).unwrap_or(to);
        let mut inds = Vec::new();
        let mut cursor = re;
        for r in runs.iter().filter(|r| r.start >= re && r.end <= next_rs) {
            let r = opening_numbers(toks, mask, *r, years.len(), to);
            inds.push(indicator(toks, mask, cursor, r, (years, scale, &mut last_row), g, warnings));
            cursor = r.end;
        }
        prev_end = cursor.max(re);
        if name.is_empty() && anchor.is_none() {
            // A second responsible body in the same row: its indicators belong to the previous project.
            if let Some(b) = blocks.last_mut() {
                b.indicators.extend(inds);
                continue;
            }
        }
        blocks.push(Block {
            name,
            federal: anchor.is_some(),
            responsible: text_of(toks, mask, rs, re),
            start: lower,
            indicators: inds,
        });
    }
    blocks
}

/// The name of an indicators-table row whose name cell ends before `to`, looked for after `from`
/// (the last values): the window of live tokens after its last number, and the name in it.
fn block_name(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> (Vec<usize>, Vec<usize>) {
    let mut window = tables::live(mask, from, to);
    // A number inside the window ends the previous indicator's text.
    if let Some(p) = window.iter().rposition(|&i| toks[i].is_number())
        && window.len() - p > 2
    {
        window = window.split_off(p + 1);
    }
    let name = tables::after_last_gap(toks, &window, 2);
    (window, name)
}

/// A run with more numbers than years that runs into a lower-case word: the numbers past the
/// years open the next indicator's name (`95 сведений …`, `100 государственных услуг …`), so the
/// run ends before them.
fn opening_numbers(toks: &[Tok], mask: &[bool], r: Run, years: usize, to: usize) -> Run {
    let nums = tables::live(mask, r.start, r.end);
    let next = (r.end..to).find(|&k| !mask[k]);
    let lower =
        next.is_some_and(|k| toks[k].key.chars().next().is_some_and(char::is_alphabetic) && !toks[k].capitalized());
    if years == 0 || nums.len() <= years || !lower {
        return r;
    }
    Run { start: r.start, end: nums[years] }
}

/// Where each of `k` values goes among `y` year columns, from the tokens the flattening dropped
/// around them (lone digits leave an empty word, so `0 0 100` became `   100`): `inner[i]` before
/// value `i + 1`, `lead` before the first, `trail` after the last. The gaps between values are
/// read first; what is still missing is put before the first value (a target row's early years,
/// `0 0 100`, `5 50 85`), then after the last. `None` when the gaps do not account for exactly the
/// missing values (a gap may also be a dropped unit or cell border).
fn value_slots(k: usize, y: usize, inner: &[usize], lead: usize, trail: usize) -> Option<Vec<usize>> {
    if k == 0 || k > y {
        return None;
    }
    let need = y - k;
    let between: usize = inner.iter().sum();
    if between > need {
        return None;
    }
    let rest = need - between;
    if lead.min(rest) + trail < rest {
        return None;
    }
    let mut at = lead.min(rest);
    let mut slots = vec![at];
    for d in inner {
        at += d + 1;
        slots.push(at);
    }
    Some(slots)
}

/// A value as printed. A leading zero (`00708`, `004`, `0352`) is a glued `0.0708`, `0.04`,
/// `0.352`: no integer is written so. Otherwise `scale` undoes glued two-decimal columns, but
/// only where the digits can be such a value: `1.00` glues to three digits at least, so `1` or
/// `10` in such a table was printed without decimals.
fn parse_value(t: &str, scale: f64) -> Option<f64> {
    let d = t.trim_matches(|c: char| !c.is_ascii_digit());
    if d.len() > 1 && d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
        return format!("0.{}", &d[1..]).parse().ok();
    }
    value_of(t).map(|v| if glued_by_scale(d, scale) { v / scale } else { v })
}

/// Whether `scale` divides the digits `d`: a two-decimal column glues to three digits at least.
fn glued_by_scale(d: &str, scale: f64) -> bool {
    scale != 1.0 && d.len() >= 3 && d.bytes().all(|b| b.is_ascii_digit())
}

/// What the value `v` printed as `t` tells of its row's scale.
fn value_slot(t: &str, v: f64, scale: f64) -> decimals::Slot {
    let d = t.trim_matches(|c: char| !c.is_ascii_digit());
    decimals::slot_of(d, v, glued_by_scale(d, scale))
}

/// Whether the number at `i` may be a row number of the «№ п/п» column: a whole number without
/// a leading zero.
fn row_number(t: &Tok) -> Option<u64> {
    t.num().filter(|n| (1..1000).contains(n) && !t.text.starts_with('0'))
}

fn indicator(
    toks: &[Tok],
    mask: &[bool],
    from: usize,
    run: Run,
    (years, scale, last_row): (&[u16], f64, &mut Option<u64>),
    g: &Group,
    warnings: &mut Vec<Warning>,
) -> Indicator {
    let mut name_idx = tables::live(mask, from, run.start);
    let mut nums: Vec<usize> = tables::live(mask, run.start, run.end);
    let mut conf: f64 = 0.8;
    // The next row's number, printed after this row's values (one-digit ones were dropped): more
    // numbers than years, or the number after the last row number seen, before a capitalised word.
    let next = (run.end..g.end).find(|&k| !mask[k]);
    let mut trail = next.map(|k| toks[k].dropped as usize).unwrap_or(0);
    if next.is_none_or(|k| toks[k].capitalized())
        && let Some(&last) = nums.last()
        && let Some(n) = row_number(&toks[last])
    {
        // Row numbers count up by one (two or three where rows or their numbers were lost): a
        // larger jump is a value, and taking it would hide every row number after it.
        let extra = !years.is_empty() && nums.len() > years.len() && last_row.is_none_or(|p| n > p && n <= p + 3);
        // Unless taking it would leave a gap inside the values (a dropped value: one too many)
        // where the numbers before them, set off by a gap, end the name (`… на 50) [%] 45 65 80`).
        let y = years.len();
        let gap_inside = |v: &[usize]| v.iter().skip(1).any(|&i| toks[i].dropped > 0);
        let leaves_gap = extra && {
            let len = nums.len();
            gap_inside(&nums[len - 1 - y..len - 1]) && !gap_inside(&nums[len - y..])
        };
        let extra = extra && !leaves_gap;
        if extra || *last_row == Some(n - 1) {
            *last_row = Some(n);
            trail = toks[last].dropped as usize;
            nums.pop();
        }
    }
    let (lead, vals) = if !years.is_empty() && nums.len() > years.len() {
        nums.split_at(nums.len() - years.len())
    } else {
        nums.split_at(0)
    };
    name_idx.extend_from_slice(lead);
    let mut unit_words = Vec::new();
    // A unit may take two words: «тыс чел», «млн руб», «кв м».
    while unit_words.len() < 2 && name_idx.last().is_some_and(|&l| UNITS.contains(&toks[l].key.as_str())) {
        unit_words.insert(0, toks[name_idx.pop().expect("checked")].text);
    }
    let mut unit = (!unit_words.is_empty()).then(|| unit_words.join(" "));
    let name = name_idx.iter().map(|&i| toks[i].text).collect::<Vec<_>>().join(" ");
    // The name's key starts like a share's when its first word does (no stem holds a space).
    let share_like = crate::text::fold::words(&name).next().is_some_and(|w| percent_like(&w));
    if unit.is_none() && share_like && toks[run.start].gap {
        unit = Some("%".to_string());
        conf -= 0.1;
    }
    let off = toks[run.start].off;
    // A named unit other than per cent (`чел`, `шт`) overrides a name that reads like a share.
    let share = unit.as_deref() == Some("%") || (unit.is_none() && share_like);
    let mut parsed: Vec<Option<f64>> = vals.iter().map(|&i| parse_value(toks[i].text, scale)).collect();
    // Where each value goes among the years: in order when every year has one, else by the gaps.
    let mut missing = None;
    let placed: Option<Vec<usize>> = if years.is_empty() || vals.len() < years.len() {
        conf = conf.min(0.4);
        missing = Some(warn(
            "value_missing?",
            format!(
                "{}: {} value(s) for {} year(s) in «{}»: a one-digit value was probably dropped",
                g.sector,
                vals.len(),
                years.len(),
                crate::text::sanitize::sanitize(&short(&name))
            ),
            off,
        ));
        let inner: Vec<usize> = vals.iter().skip(1).map(|&i| toks[i].dropped as usize).collect();
        let lead = vals.first().map(|&i| toks[i].dropped as usize).unwrap_or(0);
        value_slots(vals.len(), years.len(), &inner, lead, trail)
    } else {
        Some((0..vals.len()).collect())
    };
    // Decimal separators the row's other values tell were lost.
    if let Some(at) = &placed
        && parsed.iter().all(Option::is_some)
    {
        let mut slots = vec![decimals::Slot::Dropped; years.len()];
        for ((&p, &i), v) in at.iter().zip(vals).zip(&parsed) {
            slots[p] = value_slot(toks[i].text, v.unwrap_or_default(), scale);
        }
        if let Some(read) = decimals::recover(&slots, share) {
            for ((&p, &i), v) in at.iter().zip(vals).zip(parsed.iter_mut()) {
                if read[p] != *v {
                    conf = conf.min(0.5);
                    *v = read[p];
                    warnings.push(warn(
                        "decimal_recovered?",
                        format!(
                            "{}: value {} read as {}: its decimal separator was lost, as the row's other values show",
                            g.sector,
                            toks[i].text,
                            read[p].unwrap_or_default()
                        ),
                        toks[i].off,
                    ));
                }
            }
        }
    }
    for (v, &i) in parsed.iter_mut().zip(vals) {
        if v.is_some_and(|v| v > 100.0 && share) {
            conf = conf.min(0.5);
            warnings.push(warn(
                "decimal_lost?",
                format!(
                    "{}: value {} of a share exceeds 100: a decimal separator was probably lost",
                    g.sector, toks[i].text
                ),
                toks[i].off,
            ));
            *v = None;
        }
    }
    warnings.extend(missing);
    let mut values = BTreeMap::new();
    for (&p, v) in placed.iter().flatten().zip(&parsed) {
        if let Some(v) = v {
            values.insert(years[p], *v);
        }
    }
    if !lead.is_empty() {
        conf = conf.min(0.6);
    }
    let raw = text_of(toks, mask, from, run.end);
    let conf = (conf * 100.0).round() / 100.0;
    Indicator {
        sector: g.sector.clone(),
        project: String::new(),
        project_id: None,
        responsible: None,
        name: name.into(),
        unit,
        values,
        raw: raw.into(),
        confidence: conf,
    }
}

fn short(s: &str) -> String {
    let w: Vec<&str> = s.split_whitespace().take(8).collect();
    w.join(" ")
}

/// A row of the projects table: start token, name tokens, federal, confidence.
type Row = (usize, Vec<usize>, bool, f64);

/// A row's name: as another table printed it where that replaced the row's own (`renamed`, by
/// start token), else the row's name tokens.
fn row_name(toks: &[Tok], renamed: &HashMap<usize, String>, r: &Row) -> String {
    renamed.get(&r.0).cloned().unwrap_or_else(|| tables::name_text(toks, &r.1))
}

/// A federal project row of the projects or linkage table: the mark and the window before it.
struct Marked {
    anchor: Anchor,
    window: Vec<usize>,
    /// End of the previous mark (or the group's start).
    floor: usize,
}

fn marked(toks: &[Tok], mask: &[bool], g: &Group) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    for a in tables::anchors(toks, mask, g.body, g.end) {
        let floor = out.last().map(|m| m.anchor.end).unwrap_or(g.body);
        let mut window = tables::name_window(toks, mask, floor, a.start, 40);
        if a.glued {
            window.push(a.start);
        }
        // «… (далее — ЕКЦ)»: the name's inline abbreviation is not part of the name.
        if let Some(p) = window.iter().rposition(|&i| toks[i].key == "далее")
            && !a.glued
            && window.len() - p <= 3
            && p > 0
        {
            window.truncate(p);
        }
        out.push(Marked { anchor: a, window, floor });
    }
    out
}

/// The divisor of the indicator values: 100 when the table printed every value with two decimals
/// (`49.00`) and the flattening glued them (`4900`): most values then end in `00`.
fn glued_decimals(toks: &[Tok], mask: &[bool], t: &Table, warnings: &mut Vec<Warning>) -> f64 {
    let (mut total, mut zeros) = (0usize, 0usize);
    for g in &t.groups {
        for r in tables::value_runs(toks, mask, g.group.body, g.group.end) {
            for i in tables::live(mask, r.start, r.end) {
                let d = toks[i].text.trim_matches(|c: char| !c.is_ascii_digit());
                total += 1;
                zeros += usize::from(d.len() >= 3 && d.ends_with("00"));
            }
        }
    }
    if total < 20 || zeros * 10 < total * 6 {
        return 1.0;
    }
    let first = t.groups.first().map(|g| toks[g.group.body.min(toks.len() - 1)].off).unwrap_or(0);
    warnings.push(warn(
        "decimals_glued",
        format!(
            "{zeros} of {total} indicator values end in 00: the table printed two decimals and the flattening glued them; values divided by 100"
        ),
        first,
    ));
    100.0
}

/// Parses the projects and indicators of all tables.
pub fn parse_tables(toks: &[Tok], mask: &[bool], tables_: &[Table]) -> Found {
    let mut found = Found::default();
    let table = |k: &str| tables_.iter().find(|t| t.key == k);
    let years = table("indicators").map(|t| years_of(&t.header)).filter(|y| !y.is_empty()).unwrap_or_default();
    let cols = table("projects").map(|t| tables::columns(&t.header)).unwrap_or_default();
    let mut sectors: Vec<&str> = Vec::new();
    for t in tables_ {
        for g in &t.groups {
            if !sectors.contains(&g.sector.as_str()) {
                sectors.push(&g.sector);
            }
        }
    }
    let group_of = |k: &str, s: &str| table(k).and_then(|t| t.groups.iter().find(|g| g.sector == s));
    let scale = table("indicators").map(|t| glued_decimals(toks, mask, t, &mut found.warnings)).unwrap_or(1.0);
    for sector in sectors {
        let ind_g = group_of("indicators", sector);
        let blocks = ind_g
            .map(|g| indicator_blocks(toks, mask, &g.group, &years, scale, &mut found.warnings))
            .unwrap_or_default();
        let proj_g = group_of("projects", sector);
        let link_g = group_of("linkage", sector);
        let proj_marks = proj_g.map(|g| marked(toks, mask, &g.group)).unwrap_or_default();
        let link_marks = link_g.map(|g| marked(toks, mask, &g.group)).unwrap_or_default();
        let ind_names_k: Vec<Vec<&str>> = blocks.iter().map(|b| tables::keys_of(toks, &b.name)).collect();
        // Each name compared with many others is spelled, keyed or folded once, not per pair.
        let ind_spelled: Vec<Spelled> = ind_names_k.iter().map(|k| Spelled::new(k)).collect();
        let ind_keys: Vec<String> =
            blocks.iter().map(|b| crate::text::fold::key(&tables::name_text(toks, &b.name))).collect();
        let link_keys: Vec<Vec<&str>> = link_marks.iter().map(|l| tables::keys_of(toks, &l.window)).collect();
        // Rows of the projects table: (start token, name tokens, federal, confidence).
        let mut rows: Vec<Row> = Vec::new();
        let mut renamed: HashMap<usize, String> = HashMap::new();
        for m in &proj_marks {
            let pk = tables::keys_of(toks, &m.window);
            let live_keys: Vec<usize> = m.window.iter().copied().filter(|&i| !toks[i].key.is_empty()).collect();
            let spelled = Spelled::new(&pk);
            let by_ind = ind_spelled
                .iter()
                .enumerate()
                .map(|(n, k)| (tables::suffix_match(&spelled, k), n))
                .max_by_key(|&((l, full), _)| (full && l > 0, l));
            let by_link = link_keys.iter().map(|l| tables::common_suffix(&pk, l)).max();
            let mut override_name = None;
            let (len, conf) = match (by_ind, by_link) {
                (Some(((l, true), _)), _) if l >= 1 => (l, 0.9),
                // The end of an indicators-table name: the projects table lost its head to a page break.
                (Some(((l, false), n)), _) if l >= 2 && l * 2 >= ind_names_k[n].len() => {
                    override_name = Some(tables::name_text(toks, &blocks[n].name));
                    (l, 0.7)
                }
                (i, l) => {
                    let best = i.map(|x| x.0.0).unwrap_or(0).max(l.unwrap_or(0));
                    if best >= 2 { (best, 0.6) } else { (0, 0.4) }
                }
            };
            let name: Vec<usize> = if len > 0 {
                let n = live_keys[live_keys.len() - len.min(live_keys.len())..].to_vec();
                // Unless an indicators-table name vouches for it, a name does not run across a gap.
                if conf < 0.7 { tables::after_last_gap(toks, &n, 1) } else { n }
            } else {
                let tail = tables::after_last_gap(toks, &m.window, 1);
                tail[tail.len().saturating_sub(12)..].to_vec()
            };
            if let (Some(o), Some(&f)) = (override_name, name.first()) {
                renamed.insert(f, o);
            }
            if len == 0 {
                // A page break may have cut the name: its head opens the row, before the other cells.
                // Names that are rows already (a description may quote them) are not looked for.
                let row_keys: Vec<String> =
                    rows.iter().map(|r| crate::text::fold::key(&row_name(toks, &renamed, r))).collect();
                let taken: Vec<bool> = ind_keys.iter().map(|k| row_keys.contains(k)).collect();
                if let Some((pos, n)) = head_of(toks, mask, m.floor, m.anchor.start, &ind_names_k, &taken) {
                    renamed.insert(pos, tables::name_text(toks, &blocks[n].name));
                    rows.push((pos, vec![pos], true, 0.6));
                    continue;
                }
                found.warnings.push(warn(
                    "name_uncertain",
                    format!("{sector}: the name before «рекомендовано ФОИ» is not confirmed by the other tables"),
                    toks[m.anchor.start].off,
                ));
            }
            let start = name.first().copied().unwrap_or(m.anchor.start);
            rows.push((start, name, true, conf));
        }
        // Regional projects: named in the indicators table, looked up in the projects table. A name
        // not found there may be a federal row whose name a page break cut: match it by words.
        let mut unmatched: Vec<&Block> = Vec::new();
        for b in blocks.iter().filter(|b| !b.federal) {
            let k = tables::keys_of(toks, &b.name);
            let hit = proj_g.and_then(|g| tables::locate(toks, mask, g.group.body, g.group.end, &k));
            match hit {
                Some(s) if !rows.iter().any(|r| r.0 == s) => {
                    let name: Vec<usize> =
                        tables::live(mask, s, g_end(proj_g)).into_iter().take(b.name.len()).collect();
                    rows.push((s, name, false, 0.5));
                }
                _ => {
                    let similar = rows.iter().position(|r| {
                        r.3 < 0.9 && !renamed.contains_key(&r.0) && {
                            let rk = tables::keys_of(toks, &r.1);
                            let common = rk.iter().filter(|w| k.iter().any(|x| tables::same_word(w, x))).count();
                            common >= 3 && common * 10 >= rk.len().min(k.len()) * 6
                        }
                    });
                    match similar {
                        Some(n) => {
                            // A page break may have cut the indicators table's copy short: a name
                            // that opens the row's own name does not replace it.
                            let own = crate::text::fold::key(&tables::name_text(toks, &rows[n].1));
                            let theirs = crate::text::fold::key(&tables::name_text(toks, &b.name));
                            if !own.starts_with(&theirs) {
                                renamed.insert(rows[n].0, tables::name_text(toks, &b.name));
                            }
                            rows[n].3 = rows[n].3.max(0.6);
                        }
                        // A page break cut the name in the projects table after its first words:
                        // they open a cell there, and the name runs to the next cell.
                        None => unmatched.push(b),
                    }
                }
            }
        }
        // A federal project of the indicators table the projects table does not mark (its mark
        // was not printed there, or a page break took it): looked up by its name.
        // The rows' folded names, kept up to date as rows are added here and for the linkage table
        // below (a new row starts where no row does, so the names of the others stay).
        let mut row_keys: Vec<String> =
            rows.iter().map(|r| crate::text::fold::key(&row_name(toks, &renamed, r))).collect();
        for (b, k) in blocks.iter().zip(&ind_keys).filter(|(b, _)| b.federal) {
            let named = |rk: &String| !rk.is_empty() && (rk.ends_with(k.as_str()) || k.ends_with(rk.as_str()));
            if k.split(' ').count() < 2 || row_keys.iter().any(named) {
                continue;
            }
            let kk = tables::keys_of(toks, &b.name);
            let hit = proj_g.and_then(|g| tables::locate(toks, mask, g.group.body, g.group.end, &kk));
            match hit {
                Some(s) if !rows.iter().any(|r| r.0 == s) => {
                    let name: Vec<usize> =
                        tables::live(mask, s, g_end(proj_g)).into_iter().take(b.name.len()).collect();
                    renamed.insert(s, tables::name_text(toks, &b.name));
                    rows.push((s, name, true, 0.5));
                    row_keys.push(k.clone());
                }
                // Not in the projects table: most likely a name a page break cut, no new project.
                _ => {}
            }
        }
        // A federal row of the linkage table that neither other table yields (a page break took
        // its mark in the projects table and cut its responsible body in the indicators table):
        // its name's head opens a cell of the projects table.
        if let Some(g) = proj_g {
            for m in link_marks.iter().zip(&link_keys) {
                if let Some((pos, name)) = linkage_only(toks, mask, &g.group, m, &rows, &row_keys) {
                    row_keys.push(crate::text::fold::key(&name));
                    renamed.insert(pos, name);
                    rows.push((pos, vec![pos, pos + 1], true, 0.5));
                }
            }
        }
        // A regional name still unmatched may have been cut in the projects table after its first
        // words: they open a cell there, and the name runs to the next cell. The same letters split
        // otherwise (`программноаппаратных`, `программно аппаратных`) are the same name: the
        // indicators table's is kept.
        let mut unlocated: Vec<&Block> = Vec::new();
        for b in unmatched {
            let k = tables::keys_of(toks, &b.name);
            match proj_g.and_then(|g| opened_by_head(toks, mask, &g.group, &k, &rows)) {
                Some(name) => {
                    let (ours, theirs) = (k.concat(), tables::keys_of(toks, &name).concat());
                    if ours.starts_with(&theirs) || theirs.starts_with(&ours) {
                        renamed.insert(name[0], tables::name_text(toks, &b.name));
                    }
                    rows.push((name[0], name, false, 0.5));
                }
                None => unlocated.push(b),
            }
        }
        rows.sort_by_key(|r| r.0);
        let end = proj_g.map(|g| g.group.end).unwrap_or(0);
        let mut projects: Vec<Project> = Vec::new();
        for (n, (start, name, federal, conf)) in rows.iter().enumerate() {
            let next = rows.get(n + 1).map(|r| r.0).unwrap_or(end);
            let name_end = if *federal {
                proj_marks
                    .iter()
                    .find(|m| m.anchor.start >= *start)
                    .filter(|m| m.anchor.start < next)
                    .map(|m| m.anchor.end)
                    .unwrap_or_else(|| name.last().map(|&i| i + 1).unwrap_or(*start))
            } else {
                name.last().map(|&i| i + 1).unwrap_or(*start)
            };
            let c = tables::cells(toks, mask, name_end, next, cols);
            let mut conf = *conf;
            if !c.missing.is_empty() {
                conf = conf.min(0.4);
                found.warnings.push(warn(
                    "cell_split",
                    format!(
                        "{sector} project {}: no {} cell recognised; the raw row is kept",
                        n + 1,
                        c.missing.join(", ")
                    ),
                    toks[*start].off,
                ));
                // The row's project (its id as built below), so the warning shows at its row.
                found.warnings.last_mut().expect("just pushed").project = Some(format!("{sector}/{}", n + 1));
            }
            let name_text = row_name(toks, &renamed, &rows[n]);
            projects.push(Project {
                id: format!("{sector}/{}", n + 1),
                sector: sector.to_string(),
                number: Some(n as u32 + 1),
                name: name_text,
                recommended_federal: *federal,
                goal: c.goal,
                period: c.period,
                funding: c.funding,
                description: c.description,
                technologies: c.technologies,
                region_role: c.role,
                tasks: None,
                beneficiaries: None,
                benefits: None,
                raw: text_of(toks, mask, *start, next).into(),
                confidence: conf,
            });
        }
        // The projects' folded names, kept up to date as projects are added.
        let mut pkeys: Vec<String> = projects.iter().map(|p| crate::text::fold::key(&p.name)).collect();
        for b in &unlocated {
            let n = projects.len() + 1;
            let name = tables::name_text(toks, &b.name);
            // A federal row whose mark the indicators table lost to a page break: already a project.
            let k = crate::text::fold::key(&name);
            if pkeys.iter().any(|pk| !pk.is_empty() && (*pk == k || pk.starts_with(&k) || k.starts_with(pk.as_str()))) {
                continue;
            }
            pkeys.push(k);
            found.warnings.push(warn(
                "project_unlocated",
                format!("{sector}: «{}» (indicators table) not found in the projects table", short(&name)),
                toks[b.name.first().copied().unwrap_or(b.start)].off,
            ));
            found.warnings.last_mut().expect("just pushed").project = Some(format!("{sector}/{n}"));
            projects.push(Project {
                id: format!("{sector}/{n}"),
                sector: sector.to_string(),
                number: Some(n as u32),
                name,
                recommended_federal: false,
                goal: None,
                period: None,
                funding: None,
                description: None,
                technologies: None,
                region_role: None,
                tasks: None,
                beneficiaries: None,
                benefits: None,
                raw: Default::default(),
                confidence: 0.3,
            });
        }
        // Indicators, linked to projects by name.
        let mut ind_names = Vec::new();
        for (b, k) in blocks.iter().zip(&ind_keys) {
            let name = tables::name_text(toks, &b.name);
            let pid = pkeys
                .iter()
                .position(|p| p == k)
                .or_else(|| {
                    pkeys.iter().position(|p| !p.is_empty() && (k.ends_with(p.as_str()) || p.ends_with(k.as_str())))
                })
                .map(|n| projects[n].id.clone());
            for ind in &b.indicators {
                let mut ind = ind.clone();
                ind.project = name.clone();
                ind.project_id = pid.clone();
                ind.responsible = Some(b.responsible.clone());
                found.indicators.push(ind);
            }
            ind_names.push(name);
        }
        // What each table lists, for the cross-check.
        if let Some(g) = link_g {
            let federal: Vec<(&Project, Vec<&str>)> = projects
                .iter()
                .zip(&pkeys)
                .filter(|(p, _)| p.recommended_federal)
                .map(|(p, k)| (p, k.split(' ').collect()))
                .collect();
            let mut names: Vec<(usize, String)> = link_marks
                .iter()
                .zip(&link_keys)
                .map(|(m, lk)| {
                    let best = federal.iter().max_by_key(|(_, pk)| tables::common_suffix(lk, pk));
                    (m.anchor.start, best.map(|(p, _)| p.name.clone()).unwrap_or_default())
                })
                .collect();
            for b in blocks.iter().filter(|b| !b.federal) {
                let k = tables::keys_of(toks, &b.name);
                if let Some(s) = tables::locate(toks, mask, g.group.body, g.group.end, &k) {
                    names.push((s, tables::name_text(toks, &b.name)));
                }
            }
            names.sort_by_key(|n| n.0);
            found.splits.insert(("linkage".into(), g.start), Vec::new());
            found.listed.push(("linkage".into(), sector.to_string(), names.into_iter().map(|n| n.1).collect()));
        }
        if let Some(g) = proj_g {
            found.splits.insert(("projects".into(), g.start), rows.iter().map(|r| r.0).collect());
            found.listed.push((
                "projects".into(),
                sector.to_string(),
                projects.iter().filter(|p| !p.raw.is_empty()).map(|p| p.name.clone()).collect(),
            ));
        }
        if let Some(g) = ind_g {
            let mut s: Vec<usize> = blocks.iter().filter_map(|b| b.name.first().copied()).collect();
            s.sort_unstable();
            found.splits.insert(("indicators".into(), g.start), s);
            found.listed.push(("indicators".into(), sector.to_string(), ind_names));
        }
        found.projects.extend(projects);
    }
    found
}

/// Where one of `names` not `taken` starts (its first words, compared by stem) in `from..to`: the
/// earliest start, and which name.
fn head_of(
    toks: &[Tok],
    mask: &[bool],
    from: usize,
    to: usize,
    names: &[Vec<&str>],
    taken: &[bool],
) -> Option<(usize, usize)> {
    names
        .iter()
        .enumerate()
        .filter(|&(n, k)| k.len() >= 2 && !taken[n])
        .filter_map(|(n, k)| {
            let stems: Vec<String> = k.iter().take(2).map(|w| w.chars().take(6).collect()).collect();
            find_phrase(toks, mask, from, to, &stems.join(" ")).map(|(s, _)| (s, n))
        })
        .min()
}

fn g_end(g: Option<&GroupAt>) -> usize {
    g.map(|g| g.group.end).unwrap_or(0)
}

/// A linkage-table federal row that no project row matches, found in the projects group: where
/// the longest tail of its name window (two words at least, capitalised, after a gap) opens a
/// cell, and the name as the linkage table prints it. `lk` holds the keys of the mark's window,
/// `row_keys` the folded names of `rows`.
fn linkage_only(
    toks: &[Tok],
    mask: &[bool],
    g: &Group,
    (m, lk): (&Marked, &Vec<&str>),
    rows: &[Row],
    row_keys: &[String],
) -> Option<(usize, String)> {
    let spelled = Spelled::new(lk);
    let matched = row_keys.iter().any(|rk| {
        let rk: Vec<&str> = rk.split(' ').filter(|w| !w.is_empty()).collect();
        tables::common_suffix(lk, &rk) >= 2
            || tables::suffix_match(&spelled, &Spelled::new(&rk)) == (rk.len().min(lk.len()), true)
    });
    if matched {
        return None;
    }
    let w = &m.window;
    for k in 0..w.len().saturating_sub(2) {
        let (a, b) = (&toks[w[k]], &toks[w[k + 1]]);
        if !a.capitalized() || a.key.chars().count() < 3 || b.key.is_empty() {
            continue;
        }
        if let Some(i) = cell_opening(toks, mask, g, ([a.key.as_str(), b.key.as_str()], false), rows) {
            return Some((i, tables::name_text(toks, &w[k..])));
        }
    }
    None
}

/// The first token of `g` that opens a cell with the words `head` (the first compared as a word,
/// both by their first six letters): capitalised after a gap (or, `numbered`, a row number),
/// neither a row's start nor inside a row's name.
fn cell_opening(
    toks: &[Tok],
    mask: &[bool],
    g: &Group,
    (head, numbered): ([&str; 2], bool),
    rows: &[Row],
) -> Option<usize> {
    let stems: Vec<String> = head.iter().map(|k| k.chars().take(6).collect()).collect();
    let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
    (g.body..g.end).find(|&i| {
        !mask[i]
            && (toks[i].gap || (numbered && i > g.body && !mask[i - 1] && row_number(&toks[i - 1]).is_some()))
            && toks[i].capitalized()
            && tables::same_word(&toks[i].key, head[0])
            && !rows.iter().any(|r| r.0 == i || r.1.contains(&i))
            && super::tokens::match_at(toks, mask, i, g.end, &stems).is_some()
    })
}

/// Longest name of a projects-table row, in words.
const MAX_NAME_WORDS: usize = 24;

/// A regional project of the indicators table (`name` its keys) whose name the projects table
/// prints otherwise after the same first two words (a page break cut it there, or the indicators
/// table abbreviates it): the name's tokens in the projects table, from where those words open a
/// cell up to the next cell. The next cell opens after a gap, with a number, or with a
/// capitalised word that is no abbreviation (`ГИС`), quotation or name of the region's
/// (`Ивановской`, `Федерации`).
fn opened_by_head(toks: &[Tok], mask: &[bool], g: &Group, name: &[&str], rows: &[Row]) -> Option<Vec<usize>> {
    let (a, b) = (name.first()?, name.get(1)?);
    if a.chars().count() < 3 {
        return None;
    }
    let start = cell_opening(toks, mask, g, ([a, b], true), rows)?;
    let proper = |t: &Tok| {
        let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
            || t.text.starts_with('«')
            || ["скои", "ского", "цкои", "цкого"].iter().any(|e| t.key.ends_with(e))
            || t.key == "федерации"
    };
    let mut out = Vec::new();
    for i in tables::live(mask, start, g.end) {
        let t = &toks[i];
        let opens_cell = t.gap || t.is_number() || (t.capitalized() && !proper(t));
        if out.len() >= MAX_NAME_WORDS || (out.len() >= 2 && opens_cell) || rows.iter().any(|r| r.0 == i) {
            break;
        }
        out.push(i);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_digits_place_the_values_that_are_left() {
        // `0 0 100` flattened to `   100`: two tokens dropped before the value.
        assert_eq!(value_slots(1, 3, &[], 2, 0), Some(vec![2]));
        // `5 50 85` with a dropped unit: the gap before covers the missing first year.
        assert_eq!(value_slots(2, 3, &[0], 2, 0), Some(vec![1, 2]));
        // `39  44`: the gap between the values is the dropped middle year.
        assert_eq!(value_slots(2, 3, &[1], 0, 0), Some(vec![0, 2]));
        // Nothing accounts for the missing year: no guess.
        assert_eq!(value_slots(2, 3, &[0], 0, 0), None);
        // More gaps between values than years missing: a gap was something else.
        assert_eq!(value_slots(2, 3, &[2], 0, 0), None);
    }

    #[test]
    fn a_leading_zero_is_a_glued_fraction() {
        assert_eq!(parse_value("00708", 1.0), Some(0.0708));
        assert_eq!(parse_value("0", 1.0), Some(0.0));
        assert_eq!(parse_value("4900", 100.0), Some(49.0));
        assert_eq!(parse_value("050", 100.0), Some(0.5));
        // Too short for two glued decimals: printed whole.
        assert_eq!(parse_value("10", 100.0), Some(10.0));
        assert_eq!(parse_value("7", 100.0), Some(7.0));
        assert_eq!(parse_value("0352", 100.0), Some(0.352));
    }

    /// The indicator blocks of `toks` as one group with the years 2022-2024.
    fn blocks_of(toks: &[Tok]) -> Vec<Block> {
        let g = Group { sector: "public_admin".into(), body: 0, end: toks.len() };
        indicator_blocks(toks, &vec![false; toks.len()], &g, &[2022, 2023, 2024], 1.0, &mut Vec::new())
    }

    #[test]
    fn a_mark_before_other_words_closes_a_row_of_its_own() {
        // The «Гостех» row printed no body and its one-digit values were dropped: its mark is
        // followed by its indicator, then the next row's name, whose own gap (`далее  ЦОД`) does
        // not hide the gap that opens it.
        let text = "Доля услуг  10 20 30 Создание платформы «Гостех» рекомендовано ФОИ  Количество сервисов ед     Создание центра обработки данных далее  ЦОД Департамент развития информационного общества Ивановской области Доля систем  40 50 60";
        let mut keys = String::new();
        let toks = super::super::tokens::tokenize(text, &mut keys);
        let blocks = blocks_of(&toks);
        let names: Vec<String> = blocks.iter().map(|b| tables::name_text(&toks, &b.name)).collect();
        assert_eq!(names, ["Создание платформы «Гостех»", "Создание центра обработки данных далее ЦОД"]);
        assert!(blocks[0].federal && !blocks[1].federal);
        assert_eq!(blocks[1].indicators.len(), 1);
    }

    #[test]
    fn a_name_cut_in_the_projects_table_is_found_by_its_head() {
        // The indicators table abbreviates the name; the projects table prints its head, cut by a
        // page break, before the goal cell.
        let text = "Строим клик рекомендовано ФОИ Цель проекта  Внедрение модернизация государственной информационной Ускорение процесса ГИС 2026 год";
        let mut keys = String::new();
        let toks = super::super::tokens::tokenize(text, &mut keys);
        let mask = vec![false; toks.len()];
        let g = Group { sector: "construction".into(), body: 0, end: toks.len() };
        let rows = vec![(0, vec![0, 1], true, 0.9)];
        let name = opened_by_head(&toks, &mask, &g, &["внедрение", "модернизация", "гисогд"], &rows).unwrap();
        assert_eq!(tables::name_text(&toks, &name), "Внедрение модернизация государственной информационной");
        // Words a row's name holds open no other row.
        assert_eq!(opened_by_head(&toks, &mask, &g, &["строим", "клик"], &rows), None);
    }

    #[test]
    fn a_jump_is_no_row_number() {
        // `95 100 100 100`: four numbers for three years, but 100 does not follow row 10.
        let text = "Министерство цифрового развития Тверской области Доля услуг  10 20 30 10 Доля заявлений  95 100 100 100 Доля обращений  40 50 60 11 Доля жалоб  70 80 90";
        let mut keys = String::new();
        let toks = super::super::tokens::tokenize(text, &mut keys);
        let values: Vec<Vec<f64>> =
            blocks_of(&toks)[0].indicators.iter().map(|i| i.values.values().copied().collect()).collect();
        assert_eq!(values[2..], [vec![40.0, 50.0, 60.0], vec![70.0, 80.0, 90.0]]);
    }

    #[test]
    fn the_next_rows_number_is_no_value() {
        let text = "Министерство цифрового развития Тверской области Доля услуг  10 20 30 10 Доля заявлений  40 50 60 11 Доля обращений  70 80 90";
        let mut keys = String::new();
        let toks = super::super::tokens::tokenize(text, &mut keys);
        let blocks = blocks_of(&toks);
        let values: Vec<Vec<f64>> = blocks[0].indicators.iter().map(|i| i.values.values().copied().collect()).collect();
        assert_eq!(values, [vec![10.0, 20.0, 30.0], vec![40.0, 50.0, 60.0], vec![70.0, 80.0, 90.0]]);
    }
}
