//! Pre-flight findings: shown next to the field they concern, with a fix button.

use leptos::prelude::*;

use crate::state::use_state;
use routescope_core::preflight::lint::{fix_label, Finding};
use routescope_core::request::field_ref::FieldRef;

/// The findings for one setting, form field or the raw body.
#[component]
pub fn FieldFindings(field: FieldRef) -> impl IntoView {
    let state = use_state();
    let mine = Memo::new(move |_| {
        state
            .findings
            .with(|all| all.iter().filter(|f| f.field == field).cloned().collect::<Vec<_>>())
    });
    move || {
        let list = mine.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="findings" aria-label=format!("Checks for {}", field.as_str())>
                    {list.into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}
                </ul>
            }
        })
    }
}

/// One finding with its fix button.
#[component]
pub fn FindingItem(finding: Finding) -> impl IntoView {
    let state = use_state();
    let lang = state.lang.get_untracked();
    let severity = finding.severity.as_str();
    let fix = finding.fix.clone();
    let field = finding.field;
    view! {
        <li class=format!("finding finding--{severity}") data-rule=finding.rule>
            <span class="finding-severity">{match lang { routescope_core::text::lang::Lang::En => severity, routescope_core::text::lang::Lang::Zh => match severity { "error" => "错误", "warning" => "警告", _ => "提示" } }}</span>
            <span class="finding-message">{finding.message.clone()}</span>
            {fix.map(|fix| {
                let label = fix_label(&fix, lang);
                view! {
                    <button type="button" class="btn btn--small" on:click=move |_| state.apply_fix(&fix, field)>
                        {label}
                    </button>
                }
            })}
        </li>
    }
}

/// Every finding of the current request, errors first.
#[component]
pub fn AllFindings() -> impl IntoView {
    let state = use_state();
    move || {
        let list = state.findings.get();
        if list.is_empty() {
            view! { <p class="checks-clean">{crate::ui::tr("✓ Pre-flight checks found nothing wrong.", "✓ 发送前检查未发现问题。")}</p> }.into_any()
        } else {
            view! {
                <ul class="findings findings--all" aria-label="Pre-flight checks">
                    {list.into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}
