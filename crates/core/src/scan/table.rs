//! The scan's table: what each row says, how it sorts and filters, how it is stored with
//! its connection and exported (CSV, Markdown). No row ever holds the key.

use std::collections::VecDeque;

use super::{RowState, Scan, ScanProtocol, ScanRow, SkipReason, TryOutcome};
use crate::diagnosis::Category;
use crate::text::lang::Lang;

/// The rows as stored with their connection (never the key: no row holds it). Only what
/// was tried or skipped is kept; a scan in flight keeps what it has so far.
pub fn encode_rows(rows: &[ScanRow]) -> String {
    let list: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|r| {
            let mut v = serde_json::json!({"model": r.model, "protocol": r.protocol.map(ScanProtocol::as_str)});
            match &r.state {
                RowState::Done(o) => {
                    v["category"] = o.category.as_str().into();
                    v["headline"] = o.headline.clone().into();
                    v["request_id"] = o.request_id.clone().into();
                    v["latency_ms"] = o.latency_ms.into();
                    v["first_token_ms"] = o.first_token_ms.into();
                }
                RowState::Skipped(reason) => v["skipped"] = reason.as_str().into(),
                _ => return None,
            }
            Some(v)
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Reads rows written by [`encode_rows`]; what cannot be read is left out.
pub fn decode_rows(text: &str) -> Vec<ScanRow> {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|v| {
            let model = v.get("model")?.as_str()?.to_string();
            let protocol = v
                .get("protocol")
                .and_then(serde_json::Value::as_str)
                .and_then(|p| ScanProtocol::ALL.into_iter().find(|k| k.as_str() == p));
            let state = if let Some(reason) = v.get("skipped").and_then(serde_json::Value::as_str) {
                let all = [
                    SkipReason::NoCheapTry,
                    SkipReason::ImagesOff,
                    SkipReason::OverCap,
                    SkipReason::Stopped,
                ];
                RowState::Skipped(all.into_iter().find(|r| r.as_str() == reason)?)
            } else {
                let name = v.get("category")?.as_str()?;
                let category = Category::ALL.into_iter().find(|c| c.as_str() == name)?;
                RowState::Done(TryOutcome {
                    category,
                    headline: v
                        .get("headline")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    request_id: v
                        .get("request_id")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string),
                    latency_ms: v.get("latency_ms").and_then(serde_json::Value::as_u64).unwrap_or(0),
                    first_token_ms: v.get("first_token_ms").and_then(serde_json::Value::as_u64),
                    retry_after_secs: None,
                })
            };
            Some(ScanRow { model, protocol, state })
        })
        .collect()
}

impl Scan {
    /// A finished scan made of stored rows (a connection's last results).
    pub fn restored(rows: Vec<ScanRow>) -> Scan {
        Scan {
            retries: vec![0; rows.len()],
            rows,
            queue: VecDeque::new(),
            in_flight: 0,
            concurrency: 1,
            limits_in_a_row: 0,
            paused_until_ms: 0,
            stopped: false,
        }
    }
}

/// What a row's result column says.
pub fn result_text(row: &ScanRow, lang: Lang) -> String {
    match &row.state {
        RowState::Waiting => lang.pick_owned("waiting", "等待中"),
        RowState::Trying => lang.pick_owned("trying…", "尝试中…"),
        RowState::RetryingAfterLimit => {
            lang.pick_owned("rate-limited: trying again after the pause", "被限流：暂停后重试")
        }
        RowState::Done(o) if o.works() => lang.pick_owned("works", "可用"),
        RowState::Done(o) => format!("{}: {}", o.category.as_str(), o.headline),
        RowState::Skipped(reason) => reason.title(lang).to_string(),
    }
}

/// The columns the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Model id.
    Model,
    /// Protocol tried.
    Protocol,
    /// Works first, then by category.
    Result,
    /// Latency.
    Latency,
}

fn latency(row: &ScanRow) -> u64 {
    match &row.state {
        RowState::Done(o) => o.latency_ms,
        _ => u64::MAX,
    }
}

fn result_rank(row: &ScanRow) -> (u8, &'static str) {
    match &row.state {
        RowState::Done(o) if o.works() => (0, ""),
        RowState::Done(o) => (1, o.category.as_str()),
        RowState::Trying | RowState::RetryingAfterLimit | RowState::Waiting => (2, ""),
        RowState::Skipped(r) => (3, r.as_str()),
    }
}

/// Row indices sorted by `key` (stable; `descending` reverses), keeping those whose model,
/// protocol or result contains `filter` (case-insensitive).
pub fn view_order(rows: &[ScanRow], key: SortKey, descending: bool, filter: &str, lang: Lang) -> Vec<usize> {
    let needle = filter.trim().to_lowercase();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&at| {
            let r = &rows[at];
            needle.is_empty()
                || r.model.to_lowercase().contains(&needle)
                || r.protocol.is_some_and(|p| p.as_str().contains(&needle))
                || result_text(r, lang).to_lowercase().contains(&needle)
        })
        .collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&rows[a], &rows[b]);
        let ordering = match key {
            SortKey::Model => ra.model.cmp(&rb.model),
            SortKey::Protocol => ra
                .protocol
                .map(ScanProtocol::as_str)
                .cmp(&rb.protocol.map(ScanProtocol::as_str)),
            SortKey::Result => result_rank(ra).cmp(&result_rank(rb)),
            SortKey::Latency => latency(ra).cmp(&latency(rb)),
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    order
}

/// A CSV cell, quoted when it must be.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The fields of one row for the exports: model, protocol, result, category, latency, first
/// token, request id.
fn export_fields(row: &ScanRow) -> [String; 7] {
    let (category, latency, first, id) = match &row.state {
        RowState::Done(o) => (
            o.category.as_str().to_string(),
            o.latency_ms.to_string(),
            o.first_token_ms.map(|t| t.to_string()).unwrap_or_default(),
            o.request_id.clone().unwrap_or_default(),
        ),
        _ => Default::default(),
    };
    [
        row.model.clone(),
        row.protocol.map(ScanProtocol::as_str).unwrap_or("").to_string(),
        result_text(row, Lang::En),
        category,
        latency,
        first,
        id,
    ]
}

const EXPORT_HEADER: [&str; 7] = [
    "model",
    "protocol",
    "result",
    "category",
    "latency_ms",
    "first_token_ms",
    "request_id",
];

/// The results as CSV (never the key: nothing in a row holds it).
pub fn to_csv(rows: &[ScanRow]) -> String {
    let mut out = EXPORT_HEADER.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(
            &export_fields(row)
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

/// The results as a Markdown table.
pub fn to_markdown(rows: &[ScanRow]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        EXPORT_HEADER.join(" | "),
        "---|".repeat(EXPORT_HEADER.len())
    );
    for row in rows {
        let cells: Vec<String> = export_fields(row)
            .iter()
            .map(|c| c.replace('|', "\\|").replace(['\n', '\r'], " "))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{models, outcome};
    use super::*;
    use crate::scan::ScanSettings;

    #[test]
    fn sorts_filters_and_exports_without_a_key() {
        let list = models(&["zeta", "alpha", "mid, \"quoted\""]);
        let mut scan = Scan::new(&list, ScanSettings::default());
        scan.next(0);
        scan.record(
            0,
            TryOutcome {
                latency_ms: 50,
                ..outcome(Category::Success, None)
            },
            1,
        );
        scan.record(
            1,
            TryOutcome {
                latency_ms: 300,
                ..outcome(Category::ModelNotAvailable, None)
            },
            1,
        );
        scan.record(
            2,
            TryOutcome {
                latency_ms: 10,
                ..outcome(Category::InsufficientBalance, None)
            },
            1,
        );
        let rows = scan.rows();
        assert_eq!(view_order(rows, SortKey::Model, false, "", Lang::En), vec![1, 2, 0]);
        assert_eq!(view_order(rows, SortKey::Latency, false, "", Lang::En), vec![2, 0, 1]);
        assert_eq!(
            view_order(rows, SortKey::Result, false, "", Lang::En)[0],
            0,
            "works first"
        );
        assert_eq!(view_order(rows, SortKey::Model, true, "", Lang::En), vec![0, 2, 1]);
        assert_eq!(view_order(rows, SortKey::Model, false, "balance", Lang::En), vec![2]);
        let csv = to_csv(rows);
        assert!(csv.starts_with("model,protocol,result,category,latency_ms,first_token_ms,request_id\n"));
        assert!(csv.contains("zeta,chat,works,success,50,,req-1\n"), "{csv}");
        assert!(csv.contains("\"mid, \"\"quoted\"\"\""), "{csv}");
        let restored = Scan::restored(decode_rows(&encode_rows(rows)));
        assert_eq!(restored.rows(), rows, "stored rows read back the same");
        assert!(restored.finished());
        assert!(decode_rows("not json").is_empty());
        assert_eq!(
            decode_rows(r#"[{"model":"m","category":"nope"},{"model":"n","skipped":"over-cap"}]"#).len(),
            1
        );
        let md = to_markdown(rows);
        assert!(md.contains("| alpha | chat | model-not-available: model-not-available headline | model-not-available | 300 |  | req-1 |"), "{md}");
    }
}
