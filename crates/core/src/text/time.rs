//! Wall-clock times written for people and support threads. The core has no clock: the
//! shell hands in milliseconds since the Unix epoch and the zone's offset.

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // The era-based algorithm: exact for every day, no tables.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD hh:mm:ss` for a count of seconds since the epoch.
fn date_time(seconds: i64, separator: char) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}{separator}{:02}:{:02}:{:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// ISO 8601 in UTC to the second: `2026-12-02T17:03:12Z`.
pub fn utc_iso(epoch_ms: u64) -> String {
    format!("{}Z", date_time((epoch_ms / 1000) as i64, 'T'))
}

/// The same moment in a zone `offset_minutes` east of UTC: `2026-12-03 01:03:12 (UTC+08:00)`.
pub fn local(epoch_ms: u64, offset_minutes: i32) -> String {
    let seconds = (epoch_ms / 1000) as i64 + i64::from(offset_minutes) * 60;
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let abs = offset_minutes.unsigned_abs();
    format!("{} (UTC{sign}{:02}:{:02})", date_time(seconds, ' '), abs / 60, abs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_moments() {
        let table: &[(u64, &str)] = &[
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
            (1_796_230_992_345, "2026-12-02T17:03:12Z"),
            (4_107_542_399_000, "2100-02-28T23:59:59Z"),
        ];
        for (ms, iso) in table {
            assert_eq!(utc_iso(*ms), *iso, "{ms}");
        }
        assert_eq!(local(1_796_230_992_345, 480), "2026-12-03 01:03:12 (UTC+08:00)");
        assert_eq!(local(1_796_230_992_345, -330), "2026-12-02 11:33:12 (UTC-05:30)");
        assert_eq!(local(1_796_230_992_345, 0), "2026-12-02 17:03:12 (UTC+00:00)");
    }
}
