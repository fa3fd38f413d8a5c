//! Async tasks whose progress is derived from elapsed time: the RouteScope image job
//! (`/v1/aiart/openai/image/submit` + `/query`) and new-api's video task
//! (`/v1/video/generations`). A prompt containing `twin-fail` makes the task fail.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::call::{Call, Refusal, Usage};
use crate::clock::unix_now;
use crate::envelope::{json_response, Ctx, Fault, Shape};
use crate::models::Endpoint;
use crate::state::{Task, TaskKind, Twin};
use crate::upstream;

/// The prompt marker that makes a task end in failure.
pub const FAIL_MARKER: &str = "twin-fail";

fn not_found(call: &Call) -> Refusal {
    call.fail(Fault::Task {
        status: StatusCode::NOT_FOUND,
        code: "task_not_exist",
        message: "task_not_exist".into(),
    })
}

/// `POST /v1/aiart/openai/image/submit`.
pub async fn image_submit(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::Task);
    submit_image(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

async fn submit_image(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    call.authenticate(&parts.headers, &parts.uri)?;
    let bytes = call.body(body).await?;
    let body = call.json(&bytes)?;
    let model = call.model_field(&body)?.unwrap_or_else(|| "gpt-image-2".to_owned());
    call.admit(&model)?;
    call.require(Endpoint::Image, "/v1/aiart/openai/image/submit")?;
    let prompt = body
        .get("prompt")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    let images = body
        .get("images")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if prompt.is_empty() && images.is_empty() {
        return Err(call.fail(Fault::task_invalid("prompt or images is required")));
    }
    if let Some((i, _)) = images.iter().enumerate().find(|(_, u)| {
        !u.as_str()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
    }) {
        return Err(call.fail(Fault::task_invalid(format!("images[{i}] must be an http(s) URL"))));
    }
    let n = match body.get("n") {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_u64().filter(|n| (1..=4).contains(n)) {
            Some(n) => n as u32,
            None => return Err(call.fail(Fault::task_invalid(format!("n must be between 1 and 4, got {v}")))),
        },
    };
    call.upstream(false).await?;
    let Some(token) = call.token else {
        return Err(not_found(call));
    };
    let id = format!("job_twin{:010}", call.twin.next_seq());
    call.twin.add_task(Task {
        id: id.clone(),
        kind: TaskKind::Image,
        token_key: token.key,
        model,
        count: n,
        started: Instant::now(),
        created_at: unix_now(),
        fail: prompt.contains(FAIL_MARKER),
        colour: upstream::colour(&prompt),
        base_url: call.ctx.base_url.clone(),
    });
    let body = json!({"request_id": call.ctx.request_id, "job_id": id});
    Ok(call.done(
        json_response(StatusCode::OK, &body),
        Usage::flat(20_000 * u64::from(n)),
        "async image submit",
    ))
}

/// `POST /v1/aiart/openai/image/query` with `{"job_id"}`.
pub async fn image_query(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::Task);
    query_image(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

async fn query_image(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    let token = call.authenticate(&parts.headers, &parts.uri)?;
    let bytes = call.body(body).await?;
    let body: Value =
        serde_json::from_slice(&bytes).map_err(|_| call.fail(Fault::task_invalid("invalid JSON request body")))?;
    let Some(job_id) = body.get("job_id").and_then(Value::as_str).filter(|s| !s.is_empty()) else {
        return Err(call.fail(Fault::task_invalid("job_id is required")));
    };
    let Some(task) = call.twin.task(job_id, token.key, TaskKind::Image) else {
        return Err(not_found(call));
    };
    let cfg = &call.twin.config;
    let elapsed = task.started.elapsed();
    let status = if elapsed < cfg.image_wait {
        "WAIT"
    } else if elapsed < cfg.image_done {
        "RUN"
    } else if task.fail {
        "FAIL"
    } else {
        "DONE"
    };
    let images: Vec<Value> = if status == "DONE" {
        (0..task.count)
            .map(|i| {
                let name = upstream::file_name(u64::from(i) + 1, task.colour, 64);
                json!(format!("{}/_twin/files/{name}", task.base_url))
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut data = json!({"job_id": task.id, "status": status, "images": images, "model": task.model, "created_at": task.created_at});
    if status == "FAIL" {
        data["fail_reason"] = json!(format!("the prompt contains {FAIL_MARKER}"));
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({"code": "success", "message": "", "data": data}),
    ))
}

/// `POST /v1/video/generations`.
pub async fn video_submit(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::Task);
    submit_video(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

async fn submit_video(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (body, model) = call.admit_json(req, Endpoint::Video, "/v1/video/generations").await?;
    let prompt = body
        .get("prompt")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    if prompt.is_empty() {
        return Err(call.fail(Fault::task_invalid("prompt is required")));
    }
    if let Some(d) = body.get("duration").filter(|d| !d.is_null()) {
        let secs = d.as_u64().or_else(|| d.as_str().and_then(|s| s.parse().ok()));
        if !secs.is_some_and(|s| (1..=20).contains(&s)) {
            return Err(call.fail(Fault::task_invalid(format!(
                "duration must be between 1 and 20 seconds, got {d}"
            ))));
        }
    }
    if let Some(size) = body.get("size").and_then(Value::as_str) {
        let ok = size
            .split_once('x')
            .is_some_and(|(w, h)| w.parse::<u32>().is_ok() && h.parse::<u32>().is_ok());
        if !ok {
            return Err(call.fail(Fault::task_invalid(format!(
                "invalid size '{size}': expected WIDTHxHEIGHT with an ASCII x, e.g. 1280x720"
            ))));
        }
    }
    if let Some(image) = body.get("image").filter(|i| !i.is_null()) {
        let ok = image
            .as_str()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://") || s.starts_with("data:image/"));
        if !ok {
            return Err(call.fail(Fault::task_invalid(
                "image must be an http(s) URL or a data:image/... URI",
            )));
        }
    }
    call.upstream(false).await?;
    let Some(token) = call.token else {
        return Err(not_found(call));
    };
    let id = format!("video_twin{:010}", call.twin.next_seq());
    let created_at = unix_now();
    call.twin.add_task(Task {
        id: id.clone(),
        kind: TaskKind::Video,
        token_key: token.key,
        model: model.clone(),
        count: 1,
        started: Instant::now(),
        created_at,
        fail: prompt.contains(FAIL_MARKER),
        colour: upstream::colour(&prompt),
        base_url: call.ctx.base_url.clone(),
    });
    let body = json!({"task_id": id, "status": "queued", "progress": 0, "model": model, "created_at": created_at});
    Ok(call.done(
        json_response(StatusCode::OK, &body),
        Usage::flat(100_000),
        "video submit",
    ))
}

/// `GET /v1/video/generations/{task_id}`.
pub async fn video_fetch(
    State(twin): State<Arc<Twin>>,
    Extension(ctx): Extension<Ctx>,
    Path(task_id): Path<String>,
    req: Request,
) -> Response {
    let mut call = Call::new(twin, ctx, Shape::Task);
    let token = match call.authenticate(req.headers(), req.uri()) {
        Ok(t) => t,
        Err(refusal) => return *refusal,
    };
    let Some(task) = call.twin.task(&task_id, token.key, TaskKind::Video) else {
        return *not_found(&call);
    };
    let total = call.twin.config.video_done.as_secs_f64().max(0.001);
    let ratio = task.started.elapsed().as_secs_f64() / total;
    let mut body = json!({"task_id": task.id, "model": task.model, "created_at": task.created_at});
    if ratio < 0.1 {
        body["status"] = json!("queued");
        body["progress"] = json!(0);
    } else if ratio < 1.0 {
        body["status"] = json!("in_progress");
        body["progress"] = json!(((ratio * 100.0) as u64).clamp(1, 99));
    } else if task.fail {
        body["status"] = json!("failed");
        body["progress"] = json!(100);
        body["fail_reason"] = json!(format!("the prompt contains {FAIL_MARKER}"));
    } else {
        let poster = upstream::file_name(1, task.colour, 64);
        body["status"] = json!("completed");
        body["progress"] = json!(100);
        body["url"] = json!(format!("{}/_twin/files/{}.mp4", task.base_url, task.id));
        body["thumbnail_url"] = json!(format!("{}/_twin/files/{poster}", task.base_url));
    }
    json_response(StatusCode::OK, &body)
}
