//! Pre-flight findings: shown next to the field they concern, with a fix button.
//!
//! The findings only exist once the checks' code (the tools chunk) is here, so their lists
//! are drawn by that chunk too ([`field_findings_list`], [`all_findings_list`]); the first
//! render keeps only the places they go and the "Checking…" line.

use leptos::prelude::*;

use crate::state::{use_drafts, use_settings};
use crate::ui::chunks::use_chunks;
use crate::ui::lazy::LoadState;
use crate::ui::widgets::{keyed_list_of, Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::preflight::fix::fix_label;
use routescope_core::preflight::lint::Finding;
use routescope_core::request::field_ref::FieldRef;

/// Where the findings for one setting, form field or the raw body go: filled once the
/// checks' code is here (until then there are no findings to show).
#[component]
pub fn FieldFindings(field: FieldRef) -> impl IntoView {
    let tools = use_chunks().tools;
    move || tools.code().map(|code| (code.field_findings)(field))
}

/// The findings for one setting, form field or the raw body (in the tools chunk).
pub fn field_findings_list(field: FieldRef) -> AnyView {
    let drafts = use_drafts();
    let mine = Memo::new(move |_| {
        drafts
            .findings
            .with(|all| all.iter().filter(|f| f.field == field).cloned().collect::<Vec<_>>())
    });
    let any = Memo::new(move |_| mine.with(|m| !m.is_empty()));
    let list = move || {
        any.get().then(|| {
            view! {
                <ul class="findings" aria-label=format!("Checks for {}", field.as_str())>
                    {finding_rows(Signal::derive(move || mine.get()))}
                </ul>
            }
        })
    };
    list.into_any()
}

/// The rows of a list of findings.
fn finding_rows(findings: Signal<Vec<Finding>>) -> AnyView {
    keyed_list_of(findings, finding_key, |finding| {
        view! { <FindingItem finding=finding /> }.into_any()
    })
}

/// A finding's identity in a list: the same rule on the same field with the same words is
/// the same row (a changed message replaces its row alone). A `String`, like the other
/// keyed lists' keys, so the keyed-list code is compiled once.
fn finding_key(f: &Finding) -> String {
    format!("{}\u{1f}{}\u{1f}{}", f.rule, f.field.as_str(), f.message)
}

/// One finding with its fix button.
#[component]
pub fn FindingItem(finding: Finding) -> impl IntoView {
    let drafts = use_drafts();
    let lang = use_settings().lang;
    let severity = finding.severity;
    let fix = finding.fix.clone();
    let field = finding.field;
    view! {
        <li class=format!("finding finding--{}", severity.as_str()) data-rule=finding.rule>
            <span class="finding-severity">{tr_with(move |lang| severity.title(lang))}</span>
            <span class="finding-message">{finding.message.clone()}</span>
            {fix.map(|fix| {
                let label = fix.clone();
                view! {
                    <Button kind=ButtonKind::Small on_click=move || drafts.apply_fix(&fix, field)>
                        {move || fix_label(&label, lang.get())}
                    </Button>
                }
            })}
        </li>
    }
}

/// Every finding of the current request, errors first. Until the checks' code is here it
/// says so (never "nothing wrong" for checks that have not run), with a Retry after a
/// failed fetch.
#[component]
pub fn AllFindings() -> impl IntoView {
    let drafts = use_drafts();
    let tools = use_chunks().tools;
    move || {
        if let (Some(code), true) = (tools.code(), drafts.linter.with(Option::is_some)) {
            return (code.all_findings)();
        }
        match tools.state() {
                LoadState::Failed => view! {
                    <p class="notice notice--error" role="alert" data-checks-missing="">
                        <span>{tr(
                            "The pre-flight checks could not be downloaded (offline, or the site was updated): nothing was checked yet.",
                            "发送前检查的代码未能下载（可能离线，或网站刚更新）：尚未做任何检查。",
                        )}</span>
                        <button type="button" class="btn btn--small" on:click=move |_| tools.start()>{tr("Retry", "重试")}</button>
                    </p>
                }
                .into_any(),
            _ => view! { <p class="muted" role="status" data-checks-loading="">{tr("Checking…", "检查中…")}</p> }.into_any(),
        }
    }
}

/// Every finding of the current request, errors first (in the tools chunk).
pub fn all_findings_list() -> AnyView {
    let drafts = use_drafts();
    let none = Memo::new(move |_| drafts.findings.with(|f| f.is_empty()));
    let list = move || {
        if none.get() {
            view! { <p class="checks-clean">{tr("✓ Pre-flight checks found nothing wrong.", "✓ 发送前检查未发现问题。")}</p> }.into_any()
        } else {
            view! {
                <ul class="findings findings--all" aria-label=tr("Pre-flight checks", "发送前检查")>
                    {finding_rows(Signal::derive(move || drafts.findings.get()))}
                </ul>
            }
            .into_any()
        }
    };
    list.into_any()
}
