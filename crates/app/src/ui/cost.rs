//! "What did this call cost?": after an answer from the gateway, the call is looked up in
//! the self-service usage log (one click, or by itself when the connection asks for it)
//! and its quota, tokens, model, group and duration are shown beside the answer. The core
//! builds the lookup and reads it; this panel sends it and shows what it says.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::net;
use crate::state::{use_session, use_settings, Exchange, Phase};
use crate::ui::widgets::{Button, ButtonKind, KvTable};
use crate::ui::{tr, tr_with};
use routescope_core::diagnosis::cost::{
    answer_tokens, cost_headline, cost_request, cost_rows, read_cost, CallShape, CostLookup,
};
use routescope_core::diagnosis::followup::key_status_blocked;
use routescope_core::diagnosis::{Category, Transport};
use routescope_core::request::catalogue::{endpoint, Origin};
use routescope_core::text::lang::Lang;

/// How long a lookup may take.
const LOOKUP_TIMEOUT_MS: u32 = 15_000;
/// How long an automatic lookup waits after the answer: the gateway writes its log entry
/// as the call ends.
const AUTO_DELAY_MS: u64 = 800;

/// Where a lookup stands.
#[derive(Clone, PartialEq)]
enum CostState {
    Idle,
    Looking,
    Done(CostLookup),
    /// The lookup could not go (the self-service address is not confirmed) or fetch failed.
    Failed(String),
}

/// Whether an exchange was a billed call to the gateway (not a self-service call, and it
/// got an HTTP answer).
fn billable(ex: &Exchange) -> bool {
    endpoint(ex.endpoint).origin == Origin::Gateway
        && matches!(ex.transport, Transport::Response { .. } | Transport::Cut { .. })
}

/// The cost panel under the response.
#[component]
pub fn CallCostPanel() -> impl IntoView {
    let (settings, session) = (use_settings(), use_session());
    let state = RwSignal::new(CostState::Idle);
    let exchange = Memo::new(move |_| match session.phase.get() {
        Phase::Done(ex) if billable(&ex) => Some(ex),
        _ => None,
    });
    let look_up = move || {
        let Some(ex) = exchange.get_untracked() else { return };
        let conn = settings.conn.get_untracked();
        let lang = settings.lang.get_untracked();
        let request = match cost_request(&conn, ex.diagnosis.request_id.as_deref()) {
            Ok(request) => request,
            Err(blocked) => {
                state.set(CostState::Failed(key_status_blocked(&blocked, lang).headline));
                return;
            }
        };
        state.set(CostState::Looking);
        let serial = ex.serial;
        spawn_local(async move {
            let outcome = net::probe(&request, LOOKUP_TIMEOUT_MS).await;
            // A newer exchange on screen has its own lookup.
            if exchange.get_untracked().map(|e| e.serial) != Some(serial) {
                return;
            }
            let shape = CallShape {
                request_id: ex.diagnosis.request_id.as_deref(),
                model: ex.model.as_deref(),
                sent_at: ex.sent_at_ms.map(|ms| ms / 1000),
                failed: ex.diagnosis.category != Category::Success,
                tokens: answer_tokens(&ex.rendered.usage),
            };
            state.set(match outcome {
                Ok((status, body)) => CostState::Done(read_cost(status, &body, &shape)),
                Err(message) => CostState::Failed(lang.pick_owned(
                    &format!("The usage log could not be reached: {message}"),
                    &format!("无法访问使用日志：{message}"),
                )),
            });
        });
    };
    // A new exchange starts without a figure; a connection that asks for it looks at once.
    Effect::new(move |_| {
        let Some(_) = exchange.get() else { return };
        state.set(CostState::Idle);
        if settings.book.with_untracked(|b| b.active().auto_cost) {
            set_timeout(look_up, std::time::Duration::from_millis(AUTO_DELAY_MS));
        }
    });
    let view_state = move |lang: Lang| match state.get() {
        CostState::Idle => None,
        CostState::Looking => Some(
            view! { <p class="muted">{lang.pick("Looking in the usage log…", "正在查询使用日志…")}</p> }.into_any(),
        ),
        CostState::Failed(why) => Some(view! { <p class="field-error" role="alert">{why}</p> }.into_any()),
        CostState::Done(lookup) => {
            let headline = cost_headline(&lookup, lang);
            let rows = match &lookup {
                CostLookup::Found { cost, .. } => Some(cost_rows(cost, lang)),
                _ => None,
            };
            Some(
                view! {
                    <p class="cost-headline" role="status">{headline}</p>
                    {rows.map(|rows| view! { <KvTable rows=rows label=("Call cost", "调用费用") /> })}
                }
                .into_any(),
            )
        }
    };
    move || {
        exchange.get().map(|_| {
            view! {
                <section class="panel call-cost" aria-label=tr("Call cost", "调用费用")>
                    <div class="support-report-head">
                        <h2>{tr("What this call cost", "这次调用的费用")}</h2>
                        <Button
                            kind=ButtonKind::Small
                            disabled=Signal::derive(move || state.get() == CostState::Looking)
                            on_click=look_up
                        >
                            {tr_with(move |lang| match state.get() {
                                CostState::Idle => lang.pick("Look it up", "查询"),
                                _ => lang.pick("Look again", "再查一次"),
                            })}
                        </Button>
                    </div>
                    {move || view_state(settings.lang.get())}
                </section>
            }
        })
    }
}
