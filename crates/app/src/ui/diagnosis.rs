//! The diagnosis panel: the verdict first, then the evidence, what to check, next actions
//! and the one-click follow-up checks.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::net;
use crate::state::{use_drafts, use_session, use_settings, Exchange, Phase, Session, Settings};
use crate::ui::chunks::use_chunks;
use crate::ui::send::use_sender;
use crate::ui::widgets::{Button, CopyButton, KvTable};
use crate::ui::{tr, tr_with};
use routescope_core::answer::envelope::{Envelope, EnvelopeShape};
use routescope_core::diagnosis::followup::{
    check_failed, cors_probe_requests, cors_verdict, key_status, key_status_blocked, key_status_request,
    model_list_requests, model_visibility, no_such_list, split_request_line, CheckKind, CheckVerdict, ListAnswer,
    ProbeOutcome,
};
use routescope_core::diagnosis::{diagnose, Action as NextAction, Category, Protocol};
use routescope_core::request::catalogue::{endpoint, EndpointId};
use routescope_core::request::form::FieldValue;

/// The follow-up checks, in the order their results are listed.
const CHECKS: [CheckKind; 3] = [CheckKind::ModelVisible, CheckKind::KeyStatus, CheckKind::CorsProbe];

/// The verdict on the last exchange. Until the answer chunk is here nothing can have been
/// sent, and the pane says what it will show.
#[component]
pub fn DiagnosisPanel() -> impl IntoView {
    let answer = use_chunks().answer;
    view! {
        <section class="panel diagnosis" aria-label=tr("Diagnosis", "诊断") aria-live="polite">
            {move || match answer.code() {
                Some(code) => (code.diagnosis_pane)(),
                None => before_send().into_any(),
            }}
        </section>
    }
}

/// The diagnosis pane before anything was sent.
fn before_send() -> impl IntoView {
    view! {
        <h2 class="panel-title">{tr("Diagnosis", "诊断")}</h2>
        <p class="empty">{tr("After Send, this panel says what the answer means: the cause, the evidence it rests on, and what to do next.", "发送后，这里会说明响应的含义：原因、依据，以及下一步该做什么。")}</p>
    }
}

/// The diagnosis pane for the session's phase (part of the answer chunk).
pub(crate) fn diagnosis_pane() -> AnyView {
    let session = use_session();
    (move || match session.phase.get() {
        Phase::Done(exchange) => verdict(exchange),
        Phase::InFlight(_) => view! {
            <h2 class="panel-title">{tr("Diagnosis", "诊断")}</h2>
            <p class="empty">{tr("Waiting for the answer…", "等待响应…")}</p>
        }
        .into_any(),
        Phase::Idle => before_send().into_any(),
    })
    .into_any()
}

/// Runs one follow-up check and returns its verdict. Every request goes to an origin the
/// person typed: the gateway, or a self-service address they set or confirmed.
async fn run_check(settings: Settings, session: Session, kind: CheckKind, exchange: CheckContext) -> CheckVerdict {
    let conn = settings.conn.get_untracked();
    let lang = settings.lang.get_untracked();
    match kind {
        CheckKind::ModelVisible => {
            let mut answers = Vec::new();
            for (path, request) in model_list_requests(&conn, exchange.protocol) {
                match net::probe(&request, 20_000).await {
                    Ok((status, body)) => {
                        let ids = routescope_core::answer::response::model_ids(&body);
                        if !ids.is_empty() {
                            session.models.set(ids);
                        }
                        let next = no_such_list(status);
                        answers.push(ListAnswer {
                            path: path.to_string(),
                            status,
                            body,
                        });
                        if !next {
                            break;
                        }
                    }
                    Err(message) => return check_failed(kind, &message, lang),
                }
            }
            model_visibility(exchange.model.as_deref().unwrap_or(""), &answers, lang)
        }
        CheckKind::KeyStatus => match key_status_request(&conn) {
            Ok(request) => match net::probe(&request, 20_000).await {
                Ok((status, body)) => key_status(status, &body, lang),
                Err(message) => check_failed(kind, &message, lang),
            },
            Err(blocked) => key_status_blocked(&blocked, lang),
        },
        CheckKind::CorsProbe => {
            let Some((method, url)) = split_request_line(&exchange.request_line) else {
                return check_failed(kind, "the request line could not be read", lang);
            };
            let (simple, preflighted) = cors_probe_requests(method, url);
            let outcome = |r: Result<(u16, String), String>| match r {
                Ok((s, _)) => ProbeOutcome::Status(s),
                Err(m) => ProbeOutcome::Rejected(m),
            };
            let a = outcome(net::probe(&simple, 15_000).await);
            let b = outcome(net::probe(&preflighted, 15_000).await);
            let route = format!("{} {}", method.as_str(), simple.url);
            cors_verdict(&route, &a, &b, lang)
        }
    }
}

/// What a follow-up check needs to know about the exchange it follows.
#[derive(Clone, Debug, PartialEq)]
struct CheckContext {
    protocol: Protocol,
    model: Option<String>,
    request_line: String,
}

/// The verdict on a finished exchange (part of the answer chunk).
fn verdict(exchange: Arc<Exchange>) -> AnyView {
    let context = CheckContext {
        protocol: endpoint(exchange.endpoint).protocol,
        model: exchange.model.clone(),
        request_line: exchange.request_line.clone(),
    };
    view! { <Verdict exchange=exchange context=context /> }.into_any()
}

#[component]
fn Verdict(exchange: Arc<Exchange>, context: CheckContext) -> impl IntoView {
    let protocol = context.protocol;
    let serial = exchange.serial;
    let diagnosis = exchange.diagnosis.clone();
    // The verdict is data (what was sent and what came back) worded at render time, so
    // switching the language re-words everything on screen.
    let lang = use_settings().lang;
    let shown = exchange.clone();
    // Worded already in the language of the moment it came back; re-worded only on a switch.
    let worded = Memo::new(move |_| {
        let now = lang.get();
        if now == shown.lang {
            shown.diagnosis.clone()
        } else {
            diagnose(&shown.facts, &shown.transport, now)
        }
    });
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let sender = use_sender();
    let d = diagnosis;
    let category = d.category.as_str();
    let request_id = d.request_id.clone();
    // One action per follow-up check: its value is the latest verdict, `pending` the spinner.
    let check = move |kind: CheckKind| {
        Action::new_local(move |context: &CheckContext| run_check(settings, session, kind, context.clone()))
    };
    let actions_by_kind = CHECKS.map(|kind| (kind, check(kind)));
    let running = move || actions_by_kind.iter().any(|(_, a)| a.pending().get());
    let check_button = move |kind: CheckKind, context: CheckContext| {
        let Some((_, action)) = actions_by_kind.iter().find(|(k, _)| *k == kind).copied() else {
            return ().into_any();
        };
        view! {
            <Button on_click=move || { action.dispatch(context.clone()); } disabled=Signal::derive(running)>
                {tr_with(move |lang| if action.pending().get() { format!("{}…", kind.title(lang)) } else { kind.title(lang) })}
            </Button>
        }
        .into_any()
    };
    let actions = d
        .actions
        .iter()
        .filter_map(|a| {
            let a = *a;
            let label = tr_with(move |lang| a.label(lang));
            match a {
                NextAction::ListModels => Some(check_button(CheckKind::ModelVisible, context.clone())),
                NextAction::CheckKeyStatus => Some(check_button(CheckKind::KeyStatus, context.clone())),
                NextAction::ProbeCors => Some(check_button(CheckKind::CorsProbe, context.clone())),
                NextAction::Retry => Some(view! { <Button on_click=move || sender.send()>{label}</Button> }.into_any()),
                NextAction::RetryAfter { seconds } => Some(view! { <RetryAfterButton seconds=seconds label=label /> }.into_any()),
                NextAction::UseAsyncTask => {
                    let target = if protocol == Protocol::VideoTask { EndpointId::VideoSubmit } else { EndpointId::AsyncImageSubmit };
                    Some(view! { <Button on_click=move || settings.endpoint.set(target)>{label}</Button> }.into_any())
                }
                NextAction::OpenClientHelper => Some(view! {
                    <Button on_click=move || session.client_helper_open.set(true)>{label}</Button>
                }.into_any()),
                NextAction::DisableClaudeBetas => Some(view! {
                    <Button on_click=move || {
                        drafts.update_endpoint(EndpointId::ClaudeMessages, |v| v.set("anthropic_beta", FieldValue::Text(String::new())));
                        settings.endpoint.set(EndpointId::ClaudeMessages);
                    }>
                        {label}
                    </Button>
                }.into_any()),
                NextAction::SwitchAuthStyle => {
                    protocol.alternative_auth().filter(|style| endpoint(settings.endpoint.get_untracked()).auth_styles.contains(style)).map(|style| view! {
                        <Button on_click=move || settings.conn.update(|c| c.auth = style)>
                            {tr_with(move |lang| lang.pick_owned(&format!("Send the key as {}", style.title(lang)), &format!("改用 {} 发送密钥", style.title(lang))))}
                        </Button>
                    }.into_any())
                }
                NextAction::SendWithoutStream => Some(view! {
                    <Button on_click=move || {
                        let id = settings.endpoint.get_untracked();
                        drafts.update_endpoint(id, |v| v.set("stream", FieldValue::Flag(false)));
                        sender.send();
                    }>
                        {label}
                    </Button>
                }.into_any()),
                NextAction::CopyRequestId => None,
            }
        })
        .collect_view();
    let (confidence, side) = (d.confidence, d.side);
    view! {
        <div class=format!("verdict verdict--{category}") data-category=category data-confidence=confidence.as_str() data-side=side.as_str() data-serial=serial.to_string()>
            <p class="verdict-kicker">
                <span class="verdict-category">{let c = d.category; tr_with(move |lang| c.title(lang))}</span>
                <span class=format!("confidence confidence--{}", confidence.as_str())>{tr_with(move |lang| confidence.title(lang))}</span>
                <span class="side">{tr_with(move |lang| format!("· {}", side.title(lang)))}</span>
            </p>
            <h2 class="verdict-headline">{move || worded.with(|d| d.headline.clone())}</h2>
            <p class="verdict-explanation">{move || worded.with(|d| d.explanation.clone())}</p>
            {(d.candidates.len() > 1).then(|| view! {
                <p class="candidates">
                    {tr("Could also be: ", "也可能是：")}
                    {let others = d.candidates[1..].to_vec(); tr_with(move |lang| others.iter().map(|c| c.title(lang)).collect::<Vec<_>>().join(", "))}
                </p>
            })}
        </div>
        <div class="diagnosis-body">
            <h3>{tr("Evidence", "依据")}</h3>
            {move || view! { <KvTable rows=worded.with(|d| d.evidence.iter().map(|e| (e.label.to_string(), e.value.clone())).collect()) label=("Evidence", "依据") class="evidence" /> }}
            <p class="request-id">
                {match request_id.clone() {
                    Some(id) => view! {
                        {tr("Request id: ", "请求 ID：")} <code class="mono" aria-label=tr("Request id", "请求 ID")>{id.clone()}</code> " "
                        <CopyButton text=Signal::derive(move || id.clone()) label=tr_with(|lang| NextAction::CopyRequestId.label(lang)) />
                    }.into_any(),
                    None => view! { <span class="muted">{tr("No request id in this answer.", "该响应中没有请求 ID。")}</span> }.into_any(),
                }}
            </p>
            {(!d.checks.is_empty()).then(|| view! {
                <h3>{tr("What to check", "检查事项")}</h3>
                <ul class="checks" aria-label=tr("What to check", "检查事项")>
                    {move || worded.with(|d| d.checks.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view())}
                </ul>
            })}
            <div class="actions" role="group" aria-label=tr("Next actions", "下一步操作")>{actions}</div>
            <ParsedEnvelope envelope=d.envelope.clone() open=d.category == Category::Unknown />
            <ul class="follow-ups" aria-label=tr("Follow-up checks", "后续检查")>
                {actions_by_kind.map(|(_, action)| { let context = context.clone(); move || action.value().get().map(|v| {
                    let state_class = match v.ok { Some(true) => "ok", Some(false) => "bad", None => "unsure" };
                    let kind = v.kind;
                    view! {
                        <li class=format!("follow-up follow-up--{state_class}") data-check=kind.as_str() data-ok=state_class>
                            <strong>{tr_with(move |lang| kind.title(lang))}</strong>
                            <p>{v.headline.clone()}</p>
                            {(!v.details.is_empty()).then(|| view! { <KvTable rows=v.details.clone() /> })}
                            {v.ask_address.clone().map(|suggestion| {
                                let context = context.clone();
                                view! { <AddressPrompt suggestion=suggestion on_confirm=move || { action.dispatch(context.clone()); } /> }
                            })}
                        </li>
                    }
                })}).collect_view()}
            </ul>
        </div>
    }
}

/// Asks for the gateway's self-service address before the key goes there: prefilled with
/// the suggestion, written into the setting only when the person confirms.
#[component]
fn AddressPrompt(suggestion: String, on_confirm: impl Fn() + 'static) -> impl IntoView {
    let conn = use_settings().conn;
    let (typed, set_typed) = signal(suggestion);
    view! {
        <div class="address-prompt">
            <label for="confirm-self-service">{tr("This gateway's self-service API URL", "该网关的自助接口地址")}</label>
            <input
                id="confirm-self-service"
                type="url"
                spellcheck="false"
                prop:value=move || typed.get()
                on:input=move |ev| set_typed.set(event_target_value(&ev))
            />
            <Button on_click=move || {
                conn.update(|c| c.self_service = typed.get_untracked().trim().to_string());
                on_confirm();
            }>
                {tr("Check this address", "检查此地址")}
            </Button>
        </div>
    }
}

/// Waits the advised time, then resends.
#[component]
fn RetryAfterButton(seconds: u32, label: Signal<String>) -> impl IntoView {
    let sender = use_sender();
    let (left, set_left) = signal(None::<u32>);
    view! {
        <Button
            disabled=Signal::derive(move || left.get().is_some())
            on_click=move || countdown(seconds, set_left, move || sender.send())
        >
            {tr_with(move |lang| match left.get() {
                Some(n) => lang.pick_owned(&format!("Retrying in {n} s…"), &format!("{n} 秒后重试…")),
                None => label.get(),
            })}
        </Button>
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
    let mut rows: Vec<(String, String)> = vec![("shape".into(), envelope.shape.as_str().to_string())];
    let mut add = |label: &str, value: &Option<String>| {
        if let Some(v) = value {
            rows.push((label.to_string(), v.clone()));
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
            "nested error".into(),
            format!("{} {}", inner.shape.as_str(), inner.message.clone().unwrap_or_default()),
        ));
    }
    // Only when something was read beyond the shape itself.
    (envelope.shape != EnvelopeShape::Empty && rows.len() > 1).then(|| {
        view! {
            <details class="envelope" open=open>
                <summary>{tr("Parsed error body", "解析后的错误体")}</summary>
                <KvTable rows=rows label=("Parsed error body", "解析后的错误体") />
            </details>
        }
    })
}
