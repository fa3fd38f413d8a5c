//! Sizes as people read them, written with integers only.

/// A byte count as people read it.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", one_decimal(bytes as u64, 1024))
    } else {
        format!("{} MB", one_decimal(bytes as u64, 1024 * 1024))
    }
}

/// `value / unit` with one decimal, rounded half to even as `{:.1}` rounds, in integers:
/// float formatting would put several kilobytes of `core::fmt` into the first render.
pub fn one_decimal(value: u64, unit: u64) -> String {
    // u64 (not u128, whose division and printing would cost more code than they save):
    // exact for any size below 1.8 EB.
    let unit = unit.max(1);
    let scaled = value.saturating_mul(10);
    let (mut tenths, rest) = (scaled / unit, scaled % unit);
    if 2 * rest > unit || (2 * rest == unit && tenths % 2 == 1) {
        tenths += 1;
    }
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_rounds_like_float_formatting() {
        for unit in [1024u64, 1_048_576] {
            for value in (0..40 * unit)
                .step_by(97)
                .chain([unit * 5 / 4, unit * 3 / 4, 12_390, 20 * 1_048_576])
            {
                let expected = format!("{:.1}", value as f64 / unit as f64);
                assert_eq!(one_decimal(value, unit), expected, "{value} / {unit}");
            }
        }
    }
}
