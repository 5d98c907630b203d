//! Decimal separators the flattening deleted (`0,981 1,15 1,217` -> `0981 115 1217`, `3,9 4 4,4`
//! -> `39 4 44`), recovered from the other values of the same indicator row where they leave no
//! doubt: a share cannot exceed 100, and a row whose scale one of its values fixes (a glued
//! fraction `0981`, a one-digit value, a one-digit value the flattening dropped) runs one way,
//! year to year, without jumps of more than [`MAX_STEP`] times. Only whole numbers that end in a
//! non-zero digit are read again (`39` may have been `3,9`; `40` is rarely printed `4,0`), and
//! never below 1 (a fraction glues with its leading zero). Every value read again is reported by
//! the caller as a `decimal_recovered?` warning.

/// The largest ratio between two consecutive years' values of a row whose scale is fixed.
pub const MAX_STEP: f64 = 25.0;

/// Most readings of a row tried (the product of the candidates of its loose values).
const MAX_TRIES: usize = 4096;

/// What is known of one year's value in a flattened row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    /// No value: a one-digit value (0 to 9) the flattening dropped.
    Dropped,
    /// A value whose scale is not in doubt.
    Fixed(f64),
    /// A whole number of `digits` digits ending in a non-zero digit: its decimal separator may
    /// have been glued away.
    Loose(f64, u32),
}

/// How a value as printed reads: `scaled` when the table's two-decimal divisor was applied to it.
pub fn slot_of(digits: &str, value: f64, scaled: bool) -> Slot {
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let n = digits.len();
    if all_digits && !scaled && n >= 2 && !digits.starts_with('0') && !digits.ends_with('0') && n <= 9 {
        Slot::Loose(value, n as u32)
    } else {
        Slot::Fixed(value)
    }
}

/// Whether a slot fixes the row's scale: a one-digit value, kept or dropped, or a value below 10
/// that is not in doubt (a glued fraction).
fn anchors(s: &Slot) -> bool {
    match *s {
        Slot::Dropped => true,
        Slot::Fixed(v) => v > 0.0 && v < 10.0,
        Slot::Loose(..) => false,
    }
}

/// Whether values (None: a dropped one-digit value) can run one way, non-decreasing: each
/// dropped value an integer 0-9 between its neighbours.
fn rises(vals: impl Iterator<Item = Option<f64>>) -> bool {
    let mut lo = 0.0f64;
    for v in vals {
        match v {
            Some(v) if v + 1e-9 < lo => return false,
            Some(v) => lo = v,
            None => {
                let d = lo.ceil();
                if d > 9.0 {
                    return false;
                }
                lo = d;
            }
        }
    }
    true
}

/// Whether a reading of the row is plausible.
fn plausible(vals: &[Option<f64>], share: bool, anchored: bool) -> bool {
    if share && vals.iter().flatten().any(|&v| v > 100.0) {
        return false;
    }
    if !anchored {
        return true;
    }
    if !rises(vals.iter().copied()) && !rises(vals.iter().rev().copied()) {
        return false;
    }
    let known: Vec<f64> = vals.iter().flatten().copied().filter(|&v| v > 0.0).collect();
    known.windows(2).all(|w| w[0].max(w[1]) <= w[0].min(w[1]) * MAX_STEP)
}

/// The row's values read again where the printed reading is implausible and exactly the readings
/// that move decimal separators into its loose values are left to choose from: the one whose
/// values lie closest together (then the one that moves the fewest places). `None` when the
/// printed reading stands (plausible, or no other reading is); otherwise one value per slot
/// (None for a dropped one), with the loose values changed.
pub fn recover(slots: &[Slot], share: bool) -> Option<Vec<Option<f64>>> {
    let anchored = slots.iter().any(anchors);
    let printed: Vec<Option<f64>> = slots
        .iter()
        .map(|s| match *s {
            Slot::Dropped => None,
            Slot::Fixed(v) | Slot::Loose(v, _) => Some(v),
        })
        .collect();
    if plausible(&printed, share, anchored) {
        return None;
    }
    let loose: Vec<(usize, f64, u32)> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match *s {
            Slot::Loose(v, d) => Some((i, v, d)),
            _ => None,
        })
        .collect();
    let tries = loose.iter().try_fold(1usize, |n, l| n.checked_mul(l.2 as usize))?;
    if loose.is_empty() || tries > MAX_TRIES {
        return None;
    }
    let mut best: Option<(f64, u32, Vec<Option<f64>>)> = None;
    let mut shifts = vec![0u32; loose.len()];
    loop {
        let mut vals = printed.clone();
        for (&(i, v, _), &k) in loose.iter().zip(&shifts) {
            vals[i] = Some(v / 10f64.powi(k as i32));
        }
        if shifts.iter().any(|&k| k > 0) && plausible(&vals, share, anchored) {
            let known: Vec<f64> = vals.iter().flatten().copied().filter(|&v| v > 0.0).collect();
            let spread = known.iter().copied().fold(0.0, f64::max) / known.iter().copied().fold(f64::MAX, f64::min);
            let moved: u32 = shifts.iter().sum();
            let better =
                |b: &(f64, u32, Vec<Option<f64>>)| spread < b.0 - 1e-9 || (spread <= b.0 + 1e-9 && moved < b.1);
            if best.as_ref().is_none_or(better) {
                best = Some((spread, moved, vals));
            }
        }
        // The next combination of shifts: each loose value keeps at least its first digit whole.
        let mut n = 0;
        while n < shifts.len() {
            shifts[n] += 1;
            if shifts[n] < loose[n].2 {
                break;
            }
            shifts[n] = 0;
            n += 1;
        }
        if n == shifts.len() {
            break;
        }
    }
    best.map(|b| b.2.into_iter().map(|v| v.map(|x| (x * 1e6).round() / 1e6)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Slot::*;

    fn read(slots: &[Slot], share: bool) -> Option<Vec<Option<f64>>> {
        recover(slots, share)
    }

    #[test]
    fn a_glued_fraction_fixes_the_scale_of_the_others() {
        // 0,981 1,15 1,217 (millions of square metres)
        assert_eq!(
            read(&[Fixed(0.981), Loose(115.0, 3), Loose(1217.0, 4)], false),
            Some(vec![Some(0.981), Some(1.15), Some(1.217)])
        );
        // 0,6 1,9 4,5 (%): 19 -> 1.9, not 0.19 (a fraction glues with its zero) nor 19.
        assert_eq!(
            read(&[Fixed(0.6), Loose(19.0, 2), Loose(45.0, 2)], true),
            Some(vec![Some(0.6), Some(1.9), Some(4.5)])
        );
    }

    #[test]
    fn a_one_digit_value_kept_or_dropped_fixes_it_too() {
        // 3,9 4 4,4 with the 4 kept, and with it dropped.
        let want = Some(vec![Some(3.9), Some(4.0), Some(4.4)]);
        assert_eq!(read(&[Loose(39.0, 2), Fixed(4.0), Loose(44.0, 2)], false), want);
        assert_eq!(read(&[Loose(39.0, 2), Dropped, Loose(44.0, 2)], false), Some(vec![Some(3.9), None, Some(4.4)]));
        // 1 2,5 4 with both ends dropped.
        assert_eq!(read(&[Dropped, Loose(25.0, 2), Dropped], true), Some(vec![None, Some(2.5), None]));
    }

    #[test]
    fn a_share_over_100_moves_the_fewest_places() {
        assert_eq!(
            read(&[Loose(7619.0, 4), Loose(8889.0, 4), Fixed(100.0)], true),
            Some(vec![Some(76.19), Some(88.89), Some(100.0)])
        );
        assert_eq!(read(&[Loose(125.0, 3), Loose(125.0, 3), Loose(14.0, 2)], true).unwrap()[0], Some(12.5));
        assert_eq!(read(&[Fixed(75.0), Fixed(75.0), Loose(828.0, 3)], true).unwrap()[2], Some(82.8));
    }

    #[test]
    fn plausible_rows_and_rows_without_a_fixed_scale_stand() {
        for row in [
            vec![Fixed(0.0), Fixed(0.0), Fixed(100.0)],
            vec![Fixed(5.0), Fixed(50.0), Loose(85.0, 2)],
            vec![Dropped, Dropped, Loose(25.0, 2)],
            // Up and down, but nothing fixes the scale: as printed.
            vec![Fixed(50.0), Loose(45.0, 2), Loose(65.0, 2)],
            // Thousands of people: no bound known.
            vec![Loose(28766.0, 5), Loose(41566.0, 5), Loose(53173.0, 5)],
            // Implausible, but no loose value to read again.
            vec![Fixed(1.0), Fixed(50.0), Fixed(100.0)],
        ] {
            assert_eq!(read(&row, false), None, "{row:?}");
        }
        assert_eq!(slot_of("40", 40.0, false), Fixed(40.0));
        assert_eq!(slot_of("0981", 0.981, false), Fixed(0.981));
        assert_eq!(slot_of("2423", 24.23, true), Fixed(24.23));
        assert_eq!(slot_of("39", 39.0, false), Loose(39.0, 2));
    }
}
