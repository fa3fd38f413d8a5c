//! Async tasks progress with elapsed time. The timings here leave wide margins so a busy
//! machine does not make the tests flaky: image WAIT <300 ms, RUN <700 ms; video queued
//! <100 ms, done at 1 s.

mod common;

use std::time::Duration;

use common::{get, post};
use gateway_twin::Config;
use serde_json::{json, Value};

fn twin() -> axum::Router {
    gateway_twin::app(Config {
        image_wait: Duration::from_millis(300),
        image_done: Duration::from_millis(700),
        video_done: Duration::from_millis(1_000),
        ..Config::fast()
    })
}

async fn query(app: &axum::Router, key: &str, job: &str) -> common::Reply {
    post("/v1/aiart/openai/image/query")
        .key(key)
        .json(json!({"job_id": job}))
        .send(app)
        .await
}

#[tokio::test]
async fn image_job_goes_wait_run_done() {
    let app = twin();
    let r = post("/v1/aiart/openai/image/submit")
        .key("sk-twin-valid")
        .json(json!({"prompt": "a castle", "model": "gpt-image-2", "n": 2}))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let submitted = r.json();
    assert_eq!(submitted["request_id"].as_str(), r.header("x-oneapi-request-id"));
    let job = submitted["job_id"].as_str().unwrap_or_default().to_owned();

    let first = query(&app, "sk-twin-valid", &job).await.json();
    assert_eq!(first["code"], "success");
    assert_eq!(first["data"]["status"], "WAIT");
    assert_eq!(first["data"]["images"], json!([]));
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(query(&app, "sk-twin-valid", &job).await.json()["data"]["status"], "RUN");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let done = query(&app, "sk-twin-valid", &job).await.json();
    assert_eq!(done["data"]["status"], "DONE");
    let images: Vec<Value> = done["data"]["images"].as_array().cloned().unwrap_or_default();
    assert_eq!(images.len(), 2);
    let path = images[0]
        .as_str()
        .and_then(|u| u.strip_prefix("http://127.0.0.1"))
        .unwrap_or_default()
        .to_owned();
    assert_eq!(get(&path).send(&app).await.header("content-type"), Some("image/png"));
}

#[tokio::test]
async fn image_job_failures_and_unknown_jobs() {
    let app = twin();
    let r = post("/v1/aiart/openai/image/submit")
        .key("sk-twin-valid")
        .json(json!({"prompt": "please twin-fail", "images": ["https://example.com/a.png"]}))
        .send(&app)
        .await;
    let job = r.json()["job_id"].as_str().unwrap_or_default().to_owned();
    tokio::time::sleep(Duration::from_millis(750)).await;
    let failed = query(&app, "sk-twin-valid", &job).await.json();
    assert_eq!(failed["data"]["status"], "FAIL");

    for (key, id) in [("sk-twin-valid", "job_nope"), ("sk-twin-zh", job.as_str())] {
        let r = query(&app, key, id).await;
        assert_eq!(r.status, 404, "{key} {id}");
        assert_eq!(
            r.json(),
            json!({"code": "task_not_exist", "message": "task_not_exist", "data": null})
        );
    }
    let r = post("/v1/aiart/openai/image/query")
        .key("sk-twin-valid")
        .json(json!({}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.json()["code"].clone()),
        (400, json!("invalid_request"))
    );
    let r = post("/v1/aiart/openai/image/query")
        .json(json!({"job_id": job}))
        .send(&app)
        .await;
    assert_eq!(r.status, 401, "queries need a key");
}

#[tokio::test]
async fn video_task_progresses_to_completed() {
    let app = twin();
    let r = post("/v1/video/generations")
        .key("sk-twin-valid")
        .json(json!({"model": "sora-2", "prompt": "waves", "duration": 8, "size": "1280x720"}))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["status"], "queued");
    let id = body["task_id"].as_str().unwrap_or_default().to_owned();
    let fetch = |app: axum::Router, id: String| async move {
        get(&format!("/v1/video/generations/{id}"))
            .key("sk-twin-valid")
            .send(&app)
            .await
            .json()
    };
    assert_eq!(fetch(app.clone(), id.clone()).await["status"], "queued");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let mid = fetch(app.clone(), id.clone()).await;
    assert_eq!(mid["status"], "in_progress");
    assert!((1..100).contains(&mid["progress"].as_u64().unwrap_or(0)));
    tokio::time::sleep(Duration::from_millis(700)).await;
    let done = fetch(app.clone(), id.clone()).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(done["progress"], 100);
    let url = done["url"].as_str().unwrap_or_default();
    assert!(url.ends_with(".mp4"));
    let video = get(url.trim_start_matches("http://127.0.0.1")).send(&app).await;
    assert_eq!(video.header("content-type"), Some("video/mp4"));

    let r = get("/v1/video/generations/video_nope")
        .key("sk-twin-valid")
        .send(&app)
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "task_not_exist");
}

#[tokio::test]
async fn video_failure_marker() {
    let app = twin();
    let r = post("/v1/video/generations")
        .key("sk-twin-valid")
        .json(json!({"model": "veo-3.1", "prompt": "twin-fail"}))
        .send(&app)
        .await;
    let id = r.json()["task_id"].as_str().unwrap_or_default().to_owned();
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    let r = get(&format!("/v1/video/generations/{id}"))
        .key("sk-twin-valid")
        .send(&app)
        .await;
    assert_eq!(r.json()["status"], "failed");
}
