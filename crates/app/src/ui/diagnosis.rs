//! The diagnosis panel: the verdict first, then the evidence, what to check, next actions
//! and the one-click follow-up checks.

use std::time::Duration;

use leptos::prelude::*;

use crate::net;
use crate::state::{use_state, AppState, Phase};
use crate::ui::preview::CopyButton;
use crate::ui::send::use_sender;
use crate::ui::tr;
use routescope_core::answer::envelope::{Envelope, EnvelopeShape};
use routescope_core::diagnosis::followup::{
    cors_probe_requests, cors_verdict, key_status, key_status_request, model_list_request, model_visibility, CheckKind,
    CheckVerdict, ProbeOutcome,
};
use routescope_core::diagnosis::{Action as NextAction, Category, Diagnosis, Protocol};
use routescope_core::request::catalogue::{endpoint, AuthStyle, EndpointId};
use routescope_core::request::form::FieldValue;
use routescope_core::text::lang::Lang;

/// The verdict on the last exchange.
#[component]
pub fn DiagnosisPanel() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel diagnosis" aria-label="Diagnosis" aria-live="polite">
            {move || match state.phase.get() {
                Phase::Done(exchange) => {
                    let protocol = endpoint(exchange.endpoint).protocol;
                    view! { <Verdict diagnosis=exchange.diagnosis.clone() protocol=protocol serial=exchange.serial model=exchange.model.clone() /> }
                        .into_any()
                }
                Phase::InFlight { .. } => view! {
                    <h2 class="panel-title">{tr("Diagnosis", "诊断")}</h2>
                    <p class="empty">{tr("Waiting for the answer…", "等待响应…")}</p>
                }
                .into_any(),
                Phase::Idle => view! {
                    <h2 class="panel-title">{tr("Diagnosis", "诊断")}</h2>
                    <p class="empty">{tr("After Send, this panel says what the answer means: the cause, the evidence it rests on, and what to do next.", "发送后，这里会说明响应的含义：原因、依据，以及下一步该做什么。")}</p>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Runs one follow-up check and returns its verdict.
async fn run_check(
    state: AppState,
    kind: CheckKind,
    model: Option<String>,
    protocol: Protocol,
    lang: Lang,
) -> CheckVerdict {
    let conn = state.conn.get_untracked();
    let unreachable = |what: &str| CheckVerdict {
        kind,
        ok: None,
        headline: lang.pick_owned(
            &format!("Could not run the check: {what}"),
            &format!("无法运行检查：{what}"),
        ),
        details: Vec::new(),
    };
    match kind {
        CheckKind::ModelVisible => {
            let gemini = matches!(
                protocol,
                Protocol::GeminiNative | Protocol::Imagen | Protocol::GeminiModels
            );
            let Some(req) = model_list_request(&conn, gemini) else {
                return unreachable("the gateway address is not valid");
            };
            match net::probe(&req, 20_000).await {
                Ok((status, body)) => {
                    let ids = routescope_core::answer::response::model_ids(&body);
                    if !ids.is_empty() {
                        state.models.set(ids);
                    }
                    model_visibility(model.as_deref().unwrap_or(""), status, &body, lang)
                }
                Err(m) => unreachable(&m),
            }
        }
        CheckKind::KeyStatus => {
            let Some(req) = key_status_request(&conn) else {
                return unreachable("the self-service address is not valid");
            };
            match net::probe(&req, 20_000).await {
                Ok((status, body)) => key_status(status, &body, lang),
                Err(m) => unreachable(&m),
            }
        }
        CheckKind::CorsProbe => {
            let Some((simple, preflighted)) = cors_probe_requests(&conn) else {
                return unreachable("the gateway address is not valid");
            };
            let outcome = |r: Result<(u16, String), String>| match r {
                Ok((s, _)) => ProbeOutcome::Status(s),
                Err(m) => ProbeOutcome::Rejected(m),
            };
            let a = outcome(net::probe(&simple, 15_000).await);
            let b = outcome(net::probe(&preflighted, 15_000).await);
            cors_verdict(&a, &b, lang)
        }
    }
}

#[component]
fn Verdict(diagnosis: Diagnosis, protocol: Protocol, serial: u32, model: Option<String>) -> impl IntoView {
    let state = use_state();
    let sender = use_sender();
    let lang = state.lang.get_untracked();
    let d = diagnosis;
    let category = d.category.as_str();
    let request_id = d.request_id.clone();
    let checks = RwSignal::new(Vec::<CheckVerdict>::new());
    let running = RwSignal::new(None::<CheckKind>);
    let start_check = move |kind: CheckKind, model: Option<String>| {
        running.set(Some(kind));
        leptos::task::spawn_local(async move {
            let verdict = run_check(state, kind, model, protocol, lang).await;
            checks.update(|c| {
                c.retain(|v| v.kind != kind);
                c.push(verdict);
            });
            running.set(None);
        });
    };
    let check_button = move |kind: CheckKind, model: Option<String>| {
        view! {
            <button
                type="button"
                class="btn"
                disabled=move || running.get().is_some()
                on:click=move |_| start_check(kind, model.clone())
            >
                {move || if running.get() == Some(kind) { format!("{}…", kind.title(lang)) } else { kind.title(lang) }}
            </button>
        }
        .into_any()
    };
    let actions = d
        .actions
        .iter()
        .filter_map(|a| match *a {
            NextAction::ListModels => Some(check_button(CheckKind::ModelVisible, model.clone())),
            NextAction::CheckKeyStatus => Some(check_button(CheckKind::KeyStatus, None)),
            NextAction::ProbeCors => Some(check_button(CheckKind::CorsProbe, None)),
            NextAction::Retry => Some(view! { <button type="button" class="btn" on:click=move |_| sender.send(state)>{a.label(lang)}</button> }.into_any()),
            NextAction::RetryAfter { seconds } => Some(view! { <RetryAfterButton seconds=seconds label=a.label(lang) /> }.into_any()),
            NextAction::UseAsyncTask => {
                let target = if protocol == Protocol::VideoTask { EndpointId::VideoSubmit } else { EndpointId::AsyncImageSubmit };
                Some(view! { <button type="button" class="btn" on:click=move |_| state.endpoint.set(target)>{a.label(lang)}</button> }.into_any())
            }
            NextAction::OpenClientHelper => Some(view! {
                <button type="button" class="btn" on:click=move |_| state.client_helper_open.set(true)>{a.label(lang)}</button>
            }.into_any()),
            NextAction::DisableClaudeBetas => Some(view! {
                <button
                    type="button"
                    class="btn"
                    on:click=move |_| {
                        state.forms.update(|f| {
                            if let Some(v) = f.get_mut(&EndpointId::ClaudeMessages) {
                                v.set("anthropic_beta", FieldValue::Text(String::new()));
                            }
                        });
                        state.endpoint.set(EndpointId::ClaudeMessages);
                    }
                >
                    {a.label(lang)}
                </button>
            }.into_any()),
            NextAction::SwitchAuthStyle => {
                let style = if matches!(protocol, Protocol::GeminiNative | Protocol::GeminiModels | Protocol::Imagen) { AuthStyle::XGoogApiKey } else { AuthStyle::XApiKey };
                endpoint(state.endpoint.get_untracked()).auth_styles.contains(&style).then(|| view! {
                    <button type="button" class="btn" on:click=move |_| state.conn.update(|c| c.auth = style)>{format!("Send the key as {}", style.label())}</button>
                }.into_any())
            }
            NextAction::TopUp | NextAction::CopyRequestId => None,
        })
        .collect_view();
    view! {
        <div class=format!("verdict verdict--{category}") data-category=category data-serial=serial.to_string()>
            <p class="verdict-kicker">
                <span class="verdict-category">{d.category.title(lang)}</span>
                <span class=format!("confidence confidence--{}", d.confidence.as_str())>
                    {match lang {
                        Lang::En => format!("{} confidence", d.confidence.as_str()),
                        Lang::Zh => format!("置信度：{}", match d.confidence.as_str() { "high" => "高", "medium" => "中", _ => "低" }),
                    }}
                </span>
                <span class="side">
                    {format!(
                        "· {}",
                        match (lang, d.side.as_str()) {
                            (Lang::Zh, "client") => "客户端",
                            (Lang::Zh, "gateway") => "网关",
                            (Lang::Zh, "upstream") => "上游",
                            (Lang::Zh, "network") => "网络",
                            (Lang::Zh, _) => "未知",
                            (Lang::En, side) => side,
                        }
                    )}
                </span>
            </p>
            <h2 class="verdict-headline">{d.headline.clone()}</h2>
            <p class="verdict-explanation">{d.explanation.clone()}</p>
            {(d.candidates.len() > 1).then(|| view! {
                <p class="candidates">
                    {lang.pick("Could also be: ", "也可能是：")}
                    {d.candidates.iter().skip(1).map(|c| c.title(lang)).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </div>
        <div class="diagnosis-body">
            <h3>{lang.pick("Evidence", "依据")}</h3>
            <table class="kv evidence" aria-label="Evidence">
                <tbody>
                    {d.evidence.iter().map(|e| view! { <tr><th scope="row">{e.label}</th><td class="mono">{e.value.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="request-id">
                {match request_id.clone() {
                    Some(id) => view! {
                        {lang.pick("Request id: ", "请求 ID：")} <code class="mono" aria-label="Request id">{id.clone()}</code> " "
                        <CopyButton text=Signal::derive(move || id.clone()) label=NextAction::CopyRequestId.label(lang) />
                    }.into_any(),
                    None => view! { <span class="muted">{lang.pick("No request id in this answer.", "该响应中没有请求 ID。")}</span> }.into_any(),
                }}
            </p>
            {(!d.checks.is_empty()).then(|| view! {
                <h3>{lang.pick("What to check", "检查事项")}</h3>
                <ul class="checks" aria-label="What to check">
                    {d.checks.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                </ul>
            })}
            <div class="actions" role="group" aria-label="Next actions">{actions}</div>
            <ParsedEnvelope envelope=d.envelope.clone() open=d.category == Category::Unknown />
            <ul class="follow-ups" aria-label="Follow-up checks">
                {move || checks.get().into_iter().map(|v| {
                    let state_class = match v.ok { Some(true) => "ok", Some(false) => "bad", None => "unsure" };
                    view! {
                        <li class=format!("follow-up follow-up--{state_class}") data-check=v.kind.as_str() data-ok=state_class>
                            <strong>{v.kind.title(lang)}</strong>
                            <p>{v.headline.clone()}</p>
                            {(!v.details.is_empty()).then(|| view! {
                                <table class="kv"><tbody>
                                    {v.details.iter().map(|(k, val)| view! { <tr><th scope="row">{k.clone()}</th><td class="mono">{val.clone()}</td></tr> }).collect_view()}
                                </tbody></table>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Waits the advised time, then resends.
#[component]
fn RetryAfterButton(seconds: u32, label: String) -> impl IntoView {
    let state = use_state();
    let sender = use_sender();
    let (left, set_left) = signal(None::<u32>);
    view! {
        <button
            type="button"
            class="btn"
            disabled=move || left.get().is_some()
            on:click=move |_| countdown(seconds, set_left, move || sender.send(state))
        >
            {move || match left.get() {
                Some(n) => match state.lang.get_untracked() {
                    Lang::En => format!("Retrying in {n} s…"),
                    Lang::Zh => format!("{n} 秒后重试…"),
                },
                None => label.clone(),
            }}
        </button>
    }
}

fn countdown(remaining: u32, set_left: WriteSignal<Option<u32>>, done: impl Fn() + Clone + 'static) {
    if remaining == 0 {
        set_left.set(None);
        done();
        return;
    }
    set_left.set(Some(remaining));
    set_timeout(move || countdown(remaining - 1, set_left, done), Duration::from_secs(1));
}

/// The error body as the classifier read it: every field it found, so an answer it does not
/// recognise is still laid out plainly (open by default then).
#[component]
fn ParsedEnvelope(envelope: Envelope, open: bool) -> impl IntoView {
    let lang = use_state().lang.get_untracked();
    let mut rows: Vec<(&'static str, String)> = vec![("shape", envelope.shape.as_str().to_string())];
    let mut add = |label: &'static str, value: &Option<String>| {
        if let Some(v) = value {
            rows.push((label, v.clone()));
        }
    };
    add("message", &envelope.message);
    add("type", &envelope.error_type);
    add("code", &envelope.code);
    add("param", &envelope.param);
    add("google status", &envelope.google_status);
    add("google reason", &envelope.google_reason);
    add("request id", &envelope.request_id);
    add("html title", &envelope.html_title);
    if let Some(inner) = &envelope.nested {
        rows.push((
            "nested error",
            format!("{} {}", inner.shape.as_str(), inner.message.clone().unwrap_or_default()),
        ));
    }
    (envelope.shape != EnvelopeShape::Empty).then(|| {
        view! {
            <details class="envelope" open=open>
                <summary>{lang.pick("Parsed error body", "解析后的错误体")}</summary>
                <table class="kv" aria-label="Parsed error body">
                    <tbody>
                        {rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td class="mono">{v}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        }
    })
}
