//! Following an async task to its end: the loop that waits and sends the task's query, and
//! the bar that shows how it goes. When to ask again and when to stop is the domain's
//! (`answer::task_follow`); this only waits, sends and shows.

use std::sync::Arc;

use leptos::prelude::*;

use crate::net;
use crate::state::{use_session, Exchange, Following, Phase, Session, Settings, StopReason};
use crate::state::{use_settings, DraftStore};
use crate::ui::send::Sender;
use crate::ui::widgets::{Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::answer::task_follow::{next_poll, NextPoll};
use routescope_core::request::build::build_request;
use routescope_core::request::catalogue::{endpoint, EndpointId};

/// Starts following `task_id` with `query` (its id goes into `field`): the query form is
/// filled and shown, then sent again after each wait until the task ends. Following goes on
/// when the person switches endpoints: it sends the query's own form, not the one on screen.
pub fn follow(
    settings: Settings,
    drafts: DraftStore,
    session: Session,
    sender: Sender,
    query: EndpointId,
    field: &'static str,
    task_id: String,
) {
    drafts.update_endpoint(query, |v| v.set_text(field, task_id.clone()));
    settings.endpoint.set(query);
    let started_ms = net::now_ms();
    session.following.set(Some(Following {
        task_id: task_id.clone(),
        query,
        polls: 0,
        state: None,
        started_ms,
        elapsed_ms: 0,
        active: true,
        stopped: None,
    }));
    leptos::task::spawn_local(async move {
        let still_mine = move || {
            session.following.with_untracked(|f| {
                f.as_ref()
                    .is_some_and(|f| f.active && f.task_id == task_id && f.started_ms == started_ms)
            })
        };
        let stop = move |reason: Option<StopReason>| {
            session.following.update(|f| {
                if let Some(f) = f.as_mut().filter(|f| f.started_ms == started_ms) {
                    f.active = false;
                    f.stopped = reason;
                }
            })
        };
        for attempt in 0.. {
            if !still_mine() {
                return;
            }
            // Another request of the person's may be in flight: wait for it to end first.
            while session.phase.with_untracked(|p| matches!(p, Phase::InFlight(_))) {
                net::sleep_ms(100).await;
            }
            let (values, raw) = drafts.snapshot(query);
            let built = settings
                .conn
                .with_untracked(|c| build_request(endpoint(query), c, &values, raw.as_deref()));
            let Some(request) = built.request.filter(|_| built.errors.is_empty()) else {
                stop(Some(StopReason::CannotBuild));
                return;
            };
            let before = sender.last_serial();
            sender.dispatch(query, request, untrack(|| settings.timeout_for(query)));
            let exchange = wait_for_answer(session, before, query).await;
            let elapsed_ms = (net::now_ms() - started_ms).max(0.0) as u64;
            let state = exchange.rendered.task_state.as_ref().map(|(s, _)| *s);
            session.following.update(|f| {
                if let Some(f) = f.as_mut().filter(|f| f.started_ms == started_ms) {
                    f.polls = attempt + 1;
                    f.state = state;
                    f.elapsed_ms = elapsed_ms;
                }
            });
            match next_poll(attempt, state, elapsed_ms, exchange.retry_after_secs()) {
                NextPoll::After(ms) => net::sleep_ms(ms).await,
                NextPoll::Finished(_) => return stop(None),
                NextPoll::NotAStatus => return stop(Some(StopReason::NotAStatus)),
                NextPoll::GaveUp => return stop(Some(StopReason::GaveUp)),
            }
        }
    });
}

/// Waits for the exchange sent after `before` on `query` to finish.
async fn wait_for_answer(session: Session, before: u32, query: EndpointId) -> Arc<Exchange> {
    loop {
        let done = session.phase.with_untracked(|p| match p {
            Phase::Done(ex) if ex.serial > before && ex.endpoint == query => Some(ex.clone()),
            _ => None,
        });
        if let Some(ex) = done {
            return ex;
        }
        net::sleep_ms(50).await;
    }
}

/// How the followed task is going, with Stop.
#[component]
pub fn FollowBar() -> impl IntoView {
    let session = use_session();
    let lang = use_settings().lang;
    move || {
        session.following.get().map(|f| {
            let state = f.state.map_or("…", |s| s.as_str());
            let secs = f.elapsed_ms / 1000;
            let (id, polls, active, stopped) = (f.task_id.clone(), f.polls, f.active, f.stopped);
            let text = move || {
                let l = lang.get();
                let what = match (active, stopped) {
                    (true, _) => l.pick_owned(&format!("Following task {id}: {polls} polls, {secs} s, status {state}."), &format!("正在跟踪任务 {id}：已查询 {polls} 次，{secs} 秒，状态 {state}。")),
                    (false, None) => l.pick_owned(&format!("Task {id} ended: {state}, after {polls} polls and {secs} s."), &format!("任务 {id} 已结束：{state}，共查询 {polls} 次，用时 {secs} 秒。")),
                    (false, Some(StopReason::Stopped)) => l.pick_owned(&format!("Stopped following task {id} after {polls} polls."), &format!("已停止跟踪任务 {id}（已查询 {polls} 次）。")),
                    (false, Some(StopReason::NotAStatus)) => l.pick_owned(&format!("Stopped following task {id}: the last answer was not a task status (see the diagnosis)."), &format!("已停止跟踪任务 {id}：最近一次响应不是任务状态（见诊断）。")),
                    (false, Some(StopReason::CannotBuild)) => l.pick_owned(&format!("Stopped following task {id}: the query form has a problem."), &format!("已停止跟踪任务 {id}：查询表单有问题。")),
                    (false, Some(StopReason::GaveUp)) => l.pick_owned(&format!("Stopped following task {id}: no end after {secs} s."), &format!("已停止跟踪任务 {id}：{secs} 秒后仍未结束。")),
                };
                what
            };
            view! {
                <p class="follow-bar" role="status" aria-label=tr("Task follow", "任务跟踪") data-state=state data-active=active.to_string()>
                    {text}
                    " "
                    {active.then(|| view! {
                        <Button kind=ButtonKind::Small on_click=move || session.following.update(|f| if let Some(f) = f.as_mut() { f.active = false; f.stopped = Some(StopReason::Stopped); })>
                            {tr("Stop following", "停止跟踪")}
                        </Button>
                    })}
                    {(!active).then(|| view! {
                        <Button kind=ButtonKind::Ghost on_click=move || session.following.set(None)>{tr_with(|lang| lang.pick("Dismiss", "关闭"))}</Button>
                    })}
                </p>
            }
        })
    }
}
