//! Plain `fetch` (Node 20+ or a browser console): exactly the request's method, URL,
//! headers and body.

use super::literal::{Node, Writer};
use super::{file_names, reads_note, Info, Script};
use crate::request::http::{Body, PartValue};

/// Prints the answer as it arrives: event streams are read chunk by chunk.
const READ_STREAM: &str = "const reader = res.body.getReader();
const decoder = new TextDecoder();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  process.stdout.write(decoder.decode(value, { stream: true }));
}
process.stdout.write(decoder.decode());";

/// The `fetch` snippet; `reason` says why an SDK is not used, when a JavaScript SDK tab
/// falls back to it.
pub(crate) fn fetch(info: &Info, w: &mut Writer, reason: Option<&str>) -> String {
    let mut s = Script::new(info, w, "Node 20+: no dependencies");
    if let Some(r) = reason {
        s.note(&format!("{r}. Plain fetch: exactly the request the playground shows."));
    }
    if info.auth.is_none() {
        s.note("This request carries no key: add your Authorization header.");
    }
    let r = info.request;
    let url = w.render(&Node::Url(r.url.clone()), 0);
    let mut init = vec![format!("method: {}", w.lit(r.method.as_str()))];
    if !info.headers.is_empty() {
        let headers = Node::Map(
            info.headers
                .iter()
                .map(|(n, v)| (n.clone(), Node::str(v.as_str())))
                .collect(),
        );
        init.push(format!("headers: {}", w.render_after(&headers, 1, 9)));
    }
    match (&r.body, &info.json) {
        (Body::Empty, _) => {}
        (Body::Json(_), Some(v)) => init.push(format!(
            "body: JSON.stringify({})",
            w.render_after(&Node::Json(v.clone()), 1, 23)
        )),
        (Body::Json(text), None) => init.push(format!("body: {}", w.str(text))),
        (Body::Multipart(parts), _) => {
            if let Some(n) = reads_note(&file_names(parts)) {
                s.note(&n);
            }
            if parts.iter().any(|p| matches!(p.value, PartValue::File(_))) {
                s.std_import("import { readFile } from \"node:fs/promises\";");
            }
            // No Content-Type header: FormData writes it with the boundary.
            let mut form = vec!["const form = new FormData();".to_string()];
            for p in parts {
                let name = w.str(&p.name);
                form.push(match &p.value {
                    PartValue::Text(t) => format!("form.append({name}, {});", w.str(t)),
                    PartValue::File(f) => {
                        let path = w.str(&f.name);
                        let mime = w.str(&f.effective_mime());
                        format!("form.append({name}, new Blob([await readFile({path})], {{ type: {mime} }}), {path});")
                    }
                });
            }
            s.block(form.join("\n"));
            init.push("body: form".to_string());
        }
    }
    // What the playground does too: no cookies ride along to the gateway.
    init.push("credentials: \"omit\"".to_string());
    let lines: Vec<String> = init.iter().map(|l| format!("  {l},")).collect();
    let call = format!("const res = await fetch({url}, {{\n{}\n}});", lines.join("\n"));
    if info.streaming {
        s.block(format!(
            "{call}\nconsole.log(res.status, res.statusText);\n{READ_STREAM}"
        ));
    } else {
        s.block(format!(
            "{call}\nconsole.log(res.status, res.statusText);\nconsole.log(await res.text());"
        ));
    }
    s.finish(w)
}
