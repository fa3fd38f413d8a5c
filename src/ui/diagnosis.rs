//! The diagnosis panel: the verdict first, then the evidence, what to check, next actions.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::catalogue::EndpointId;
use crate::domain::diagnosis::{Action as NextAction, Diagnosis, Protocol};
use crate::state::{use_state, AppState, Phase};
use crate::ui::preview::CopyButton;
use crate::ui::send::{use_sender, Sender};

/// Runs a follow-up check: shows the endpoint that answers the question and sends it.
fn follow_up(state: AppState, sender: Sender, target: EndpointId) {
    state.endpoint.set(target);
    sender.send(state);
}

/// The verdict on the last exchange.
#[component]
pub fn DiagnosisPanel() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel diagnosis" aria-label="Diagnosis" aria-live="polite">
            {move || match state.phase.get() {
                Phase::Done(exchange) => view! {
                    <Verdict diagnosis=exchange.diagnosis.clone() protocol=crate::domain::catalogue::endpoint(exchange.endpoint).protocol serial=exchange.serial />
                }
                .into_any(),
                Phase::InFlight { .. } => view! { <p class="empty">"Waiting for the answer…"</p> }.into_any(),
                Phase::Idle => view! {
                    <p class="empty">"After Send, this panel says what the answer means: the cause, the evidence it rests on, and what to do next."</p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn Verdict(diagnosis: Diagnosis, protocol: Protocol, serial: u32) -> impl IntoView {
    let state = use_state();
    let sender = use_sender();
    let lang = state.lang.get_untracked();
    let d = diagnosis;
    let category = d.category.as_str();
    let request_id = d.request_id.clone();
    view! {
        <div class=format!("verdict verdict--{category}") data-category=category data-serial=serial.to_string()>
            <p class="verdict-kicker">
                <span class="verdict-category">{d.category.title(lang)}</span>
                <span class=format!("confidence confidence--{}", d.confidence.as_str())>
                    {format!("{} confidence", d.confidence.as_str())}
                </span>
                <span class="side">{format!("· {}", d.side.as_str())}</span>
            </p>
            <h2 class="verdict-headline">{d.headline.clone()}</h2>
            <p class="verdict-explanation">{d.explanation.clone()}</p>
            {(!d.candidates.is_empty()).then(|| view! {
                <p class="candidates">
                    "Could also be: "
                    {d.candidates.iter().map(|c| c.title(lang)).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </div>
        <div class="diagnosis-body">
            <h3>"Evidence"</h3>
            <table class="kv evidence" aria-label="Evidence">
                <tbody>
                    {d.evidence.iter().map(|e| view! { <tr><th scope="row">{e.label}</th><td class="mono">{e.value.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="request-id">
                {match request_id.clone() {
                    Some(id) => view! {
                        "Request id: " <code class="mono" aria-label="Request id">{id.clone()}</code> " "
                        <CopyButton text=Signal::derive(move || id.clone()) label="Copy request id" />
                    }.into_any(),
                    None => view! { <span class="muted">"No request id in this answer."</span> }.into_any(),
                }}
            </p>
            {(!d.checks.is_empty()).then(|| view! {
                <h3>"What to check"</h3>
                <ul class="checks" aria-label="What to check">
                    {d.checks.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                </ul>
            })}
            <div class="actions" role="group" aria-label="Next actions">
                {d.actions.iter().filter_map(|a| match *a {
                    NextAction::ListModels => {
                        let target = if matches!(protocol, Protocol::GeminiNative | Protocol::Imagen | Protocol::GeminiModels) { EndpointId::GeminiModels } else { EndpointId::OpenAiModels };
                        Some(view! { <button type="button" class="btn" on:click=move |_| follow_up(state, sender, target)>"List the models this key can see"</button> }.into_any())
                    }
                    NextAction::CheckKeyStatus => Some(view! {
                        <button type="button" class="btn" on:click=move |_| follow_up(state, sender, EndpointId::KeyStatus)>"Check this key's status and balance"</button>
                    }.into_any()),
                    NextAction::Retry => Some(view! { <button type="button" class="btn" on:click=move |_| sender.send(state)>"Retry"</button> }.into_any()),
                    NextAction::RetryAfter { seconds } => Some(view! { <RetryAfterButton seconds=seconds /> }.into_any()),
                    _ => None,
                }).collect_view()}
            </div>
        </div>
    }
}

/// Waits the advised time, then resends.
#[component]
fn RetryAfterButton(seconds: u32) -> impl IntoView {
    let state = use_state();
    let sender = use_sender();
    let (left, set_left) = signal(None::<u32>);
    view! {
        <button
            type="button"
            class="btn"
            disabled=move || left.get().is_some()
            on:click=move |_| {
                set_left.set(Some(seconds));
                countdown(seconds, set_left, move || sender.send(state));
            }
        >
            {move || match left.get() {
                Some(n) => format!("Retrying in {n} s…"),
                None => format!("Retry after {seconds} s"),
            }}
        </button>
    }
}

fn countdown(
    remaining: u32,
    set_left: WriteSignal<Option<u32>>,
    done: impl Fn() + Clone + 'static,
) {
    if remaining == 0 {
        set_left.set(None);
        done();
        return;
    }
    set_left.set(Some(remaining));
    set_timeout(
        move || countdown(remaining - 1, set_left, done),
        Duration::from_secs(1),
    );
}
