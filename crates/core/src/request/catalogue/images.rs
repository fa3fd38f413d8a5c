//! Image routes: OpenAI image generation, multipart edits and Doubao Seedream JSON edits.

use super::{
    field, required, BodyKind, Endpoint, EndpointId, FieldKind as K, Method, Origin, Protocol, Target as T,
    BEARER_ONLY, IMAGE_QUALITIES, RESPONSE_FORMATS, SEEDREAM_MODELS,
};

#[rustfmt::skip]
pub(super) const IMAGES_GENERATIONS: Endpoint = Endpoint {
    id: EndpointId::ImagesGenerations, group: "Images", title: "Image generation",
    summary: "OpenAI Images generation; also Doubao Seedream text-to-image.",
    method: Method::Post, path: "/v1/images/generations", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::OpenAiImages,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 150,
    fields: &[
        required("model", "Model", K::Model, T::Json("model"), "gpt-image-2", "gpt-image-2 or a doubao-seedream model."),
        required("prompt", "Prompt", K::LongText, T::Json("prompt"), "A watercolor lighthouse at dawn", ""),
        field("n", "n", K::Integer { min: 1, max: 10 }, T::Json("n"), "1", "1 to 10 images."),
        field("size", "Size", K::Text, T::Json("size"), "1024x1024", "WIDTHxHEIGHT with an ASCII x."),
        field("quality", "Quality", K::Choice(IMAGE_QUALITIES), T::Json("quality"), "", ""),
        field("style", "Style", K::Choice(&["", "vivid", "natural"]), T::Json("style"), "", ""),
        field("response_format", "response_format", K::Choice(RESPONSE_FORMATS), T::Json("response_format"), "", "url or b64_json"),
        field("user", "user", K::Text, T::Json("user"), "", ""),
    ],
};

#[rustfmt::skip]
pub(super) const IMAGE_EDITS_MULTIPART: Endpoint = Endpoint {
    id: EndpointId::ImageEditsMultipart, group: "Images", title: "Image edit (multipart)",
    summary: "OpenAI-style edits: the source image uploaded as multipart/form-data.",
    method: Method::Post, path: "/v1/images/edits", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Multipart, protocol: Protocol::OpenAiImages,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 150,
    fields: &[
        required("model", "Model", K::Model, T::Part("model"), "gpt-image-2", ""),
        required("prompt", "Prompt", K::LongText, T::Part("prompt"), "Add a red umbrella", ""),
        required("image", "Image file(s)", K::Files { multiple: true }, T::Part("image"), "", "PNG, JPEG or WebP; several are sent as image[]."),
        field("mask", "Mask (optional)", K::Files { multiple: false }, T::Part("mask"), "", "A PNG whose transparent pixels mark what to edit."),
        field("n", "n", K::Integer { min: 1, max: 10 }, T::Part("n"), "", ""),
        field("size", "Size", K::Text, T::Part("size"), "1024x1024", "WIDTHxHEIGHT with an ASCII x."),
        field("quality", "Quality", K::Choice(IMAGE_QUALITIES), T::Part("quality"), "", ""),
        field("response_format", "response_format", K::Choice(RESPONSE_FORMATS), T::Part("response_format"), "", ""),
    ],
};

#[rustfmt::skip]
pub(super) const SEEDREAM_EDITS: Endpoint = Endpoint {
    id: EndpointId::SeedreamEdits, group: "Images", title: "Seedream edit (JSON)",
    summary: "Doubao Seedream edits: reference images in the JSON image field.",
    method: Method::Post, path: "/v1/images/edits", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::OpenAiImages,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 150,
    fields: &[
        required("model", "Model", K::Choice(SEEDREAM_MODELS), T::Json("model"), "doubao-seedream-4-0-250828", ""),
        required("prompt", "Prompt", K::LongText, T::Json("prompt"), "Make it a winter scene", ""),
        required("image", "Image URLs", K::UrlLines { always_array: false }, T::Json("image"), "https://example.com/reference.png", "One URL or data: URI per line; one is sent as a string, several as an array."),
        field("image_files", "Or image files", K::Files { multiple: true }, T::Json("image"), "", "Sent as data: URIs in the image field."),
        field("size", "Size", K::Text, T::Json("size"), "2048x2048", "1K, 2K, 4K or WIDTHxHEIGHT."),
        field("watermark", "Watermark", K::Toggle, T::Json("watermark"), "", ""),
        field("response_format", "response_format", K::Choice(RESPONSE_FORMATS), T::Json("response_format"), "", ""),
        field("seed", "Seed", K::Integer { min: -1, max: 2_147_483_647, }, T::Json("seed"), "", ""),
        field("guidance_scale", "guidance_scale", K::Decimal { min: 1.0, max: 10.0 }, T::Json("guidance_scale"), "", ""),
    ],
};
