//! Async task routes: image jobs (submit, query) and video tasks (submit, query).

use super::{
    field, required, BodyKind, Endpoint, EndpointId, FieldKind as K, Method, Origin, Protocol, Target as T,
    BEARER_ONLY, IMAGE_QUALITIES,
};

#[rustfmt::skip]
pub(super) const ASYNC_IMAGE_SUBMIT: Endpoint = Endpoint {
    id: EndpointId::AsyncImageSubmit, group: "Tasks", title: "Async image: submit",
    summary: "Start an image job and get a job_id to poll: no long request to time out.",
    method: Method::Post, path: "/v1/aiart/openai/image/submit", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::AsyncTask,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 60,
    fields: &[
        field("model", "Model", K::Model, T::Json("model"), "gpt-image-2", ""),
        field("prompt", "Prompt", K::LongText, T::Json("prompt"), "A watercolor lighthouse at dawn", "prompt or images is required."),
        field("images", "Image URLs", K::UrlLines { always_array: true }, T::Json("images"), "", "Reference image URLs, one per line (always an array)."),
        field("mask", "Mask URL", K::Text, T::Json("mask"), "", ""),
        field("size", "Size", K::Text, T::Json("size"), "1024x1024", ""),
        field("quality", "Quality", K::Choice(IMAGE_QUALITIES), T::Json("quality"), "", ""),
        field("n", "n", K::Integer { min: 1, max: 10 }, T::Json("n"), "", ""),
        field("output_format", "output_format", K::Choice(&["", "png", "jpeg", "webp"]), T::Json("output_format"), "", ""),
    ],
};

#[rustfmt::skip]
pub(super) const ASYNC_IMAGE_QUERY: Endpoint = Endpoint {
    id: EndpointId::AsyncImageQuery, group: "Tasks", title: "Async image: query",
    summary: "Poll a job's status (WAIT, RUN, DONE, FAIL). The path is unverified: edit it if needed.",
    method: Method::Post, path: "/v1/aiart/openai/image/query", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::AsyncTask,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 30,
    fields: &[
        required("query_path", "Query path", K::Text, T::WholePath, "/v1/aiart/openai/image/query", "Not in the public docs; change it if your gateway differs."),
        required("job_id", "job_id", K::Text, T::Json("job_id"), "", "From the submit answer."),
    ],
};

#[rustfmt::skip]
pub(super) const VIDEO_SUBMIT: Endpoint = Endpoint {
    id: EndpointId::VideoSubmit, group: "Tasks", title: "Video: submit",
    summary: "Start a video task (new-api standard) and get a task_id.",
    method: Method::Post, path: "/v1/video/generations", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::VideoTask,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 60,
    fields: &[
        required("model", "Model", K::Model, T::Json("model"), "sora-2", ""),
        required("prompt", "Prompt", K::LongText, T::Json("prompt"), "A paper boat drifting down a rainy street", ""),
        field("image", "Image URL", K::Text, T::Json("image"), "", "Optional first frame."),
        field("duration", "Duration (s)", K::Integer { min: 1, max: 60 }, T::Json("duration"), "", ""),
        field("size", "Size", K::Text, T::Json("size"), "", "e.g. 1280x720"),
    ],
};

#[rustfmt::skip]
pub(super) const VIDEO_QUERY: Endpoint = Endpoint {
    id: EndpointId::VideoQuery, group: "Tasks", title: "Video: query",
    summary: "A video task's status and result.",
    method: Method::Get, path: "/v1/video/generations/{task_id}", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::None, protocol: Protocol::VideoTask,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 30,
    fields: &[
        required("task_id", "task_id", K::Text, T::Path("task_id"), "", "From the submit answer."),
    ],
};
