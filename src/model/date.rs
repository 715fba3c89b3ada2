//! A calendar date, as the workshop report names the day it was made: from `--date YYYY-MM-DD`,
//! else `SOURCE_DATE_EPOCH` (reproducible builds' convention, so snapshots do not change from
//! day to day), else today (UTC). Days are counted from 1970-01-01 in the proleptic Gregorian
//! calendar (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", `civil_from_days` and
//! `days_from_civil`).

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl Date {
    /// The date `days` days after 1970-01-01 (before it when negative).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// Days from 1970-01-01 to this date.
    pub fn days(self) -> i64 {
        let y = self.year - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a Unix time in seconds (UTC).
    pub fn from_unix(seconds: i64) -> Date {
        Date::from_days(seconds.div_euclid(86_400))
    }

    /// `2026-12-03`; `None` for anything else, or a day the month does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        (Date::from_days(date.days()) == date).then_some(date)
    }

    /// The day of the report: `SOURCE_DATE_EPOCH` (seconds) when set and valid, else today.
    pub fn today_or_source_epoch(source_date_epoch: Option<&str>) -> Date {
        let epoch = source_date_epoch.and_then(|s| s.trim().parse::<i64>().ok());
        let seconds = epoch.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
        Date::from_unix(seconds)
    }
}

impl std::fmt::Display for Date {
    /// ISO 8601: `2026-12-03`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip_and_know_leap_years() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix(1_796_256_000).to_string(), "2026-12-03");
        assert_eq!(Date::parse("2024-02-29").unwrap().days(), 19_782);
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2000-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("1900-02-29"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("3 December"), None);
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::from_unix(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn source_date_epoch_wins_over_today() {
        let d = Date::today_or_source_epoch(Some("1796256000"));
        assert_eq!(d.to_string(), "2026-12-03");
        assert!(Date::today_or_source_epoch(Some("soon")).year >= 2024);
    }
}
