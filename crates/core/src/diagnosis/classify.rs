//! The decision flow: transport outcome, then status, content type and envelope, then
//! the signature rules (codes, phrases, keywords, generic codes), then a status-only
//! fallback; finally side, confidence, candidates, evidence and actions.
//!
//! One rule for 2xx bodies carrying an error: when the inner error is recognisable
//! the verdict takes *its* category (e.g. `GET /v1/models/{id}` answering 200 with
//! `model_not_found` is `ModelNotAvailable`), with evidence "2xx carrying an error
//! body" and `SuccessWithErrorBody` among the candidates; otherwise it is
//! `SuccessWithErrorBody`.

use super::checks::checks;
use super::explain::explanation;
use super::extract::{
    extract_field, extract_group, extract_model, extract_rate_window, extract_route, has_doubled_segment, url_path,
};
use super::family::{identify, Family};
use super::matching::scanned;
use super::network;
use super::panels::panel_page;
use super::reason::Reason;
use super::request_id::{find_request_id, header, rate_limit_headers, retry_hint, FoundId};
use super::rules::{error_verdict, explicit_message, names_own_cap, origin_of, side_for, status_fallback};
use super::text::headline;
use super::verdict::{ev, IdOwner, Verdict};
use super::{
    Action, Category, Confidence, CutCause, Diagnosis, Evidence, Protocol, RequestFacts, Side, StreamEnd, Transport,
};
use crate::answer::envelope::{parse_envelope, Envelope, EnvelopeShape};
use crate::answer::response::{answer_shape, dialect, is_event_stream, AnswerShape};
use crate::text::lang::Lang;

/// Longest message quoted in evidence, in characters.
const QUOTE_CHARS: usize = 300;

fn quote(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().nth(QUOTE_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Diagnoses one exchange.
pub(crate) fn classify(facts: &RequestFacts, transport: &Transport, lang: Lang) -> Diagnosis {
    let (verdict, envelope) = match transport {
        Transport::NetworkError { message, elapsed_ms } => {
            (network::network_error(facts, message, *elapsed_ms), Envelope::default())
        }
        Transport::TimedOut { after_ms } => (network::timed_out(facts, *after_ms), Envelope::default()),
        Transport::Cancelled { after_ms } => (network::cancelled(*after_ms), Envelope::default()),
        Transport::Response {
            status,
            headers,
            headers_hidden_by_cors,
            body,
            elapsed_ms,
            stream,
        }
        | Transport::Cut {
            status,
            headers,
            headers_hidden_by_cors,
            body,
            elapsed_ms,
            stream,
            ..
        } => {
            let parts = Response {
                status: *status,
                headers,
                hidden_by_cors: *headers_hidden_by_cors,
                body,
                elapsed_ms: *elapsed_ms,
                stream: stream.as_ref(),
            };
            let (read, env) = response(facts, &parts, lang);
            let Transport::Cut { cause, .. } = transport else {
                return render(read, env, facts, lang);
            };
            // An error status already says what went wrong; a cut body only adds that the
            // rest did not arrive. Otherwise the cut is the news: why reading stopped.
            let says_enough = *status >= 300 && read.category != Category::Unknown && cause != &CutCause::Cancelled;
            let verdict = if says_enough {
                let mut read = read;
                read.evidence
                    .push(network::cut_evidence(cause, body.len(), *elapsed_ms));
                read
            } else {
                network::cut(facts, cause, *status, body.len(), *elapsed_ms, stream.is_some(), read)
            };
            (verdict, env)
        }
    };
    render(verdict, envelope, facts, lang)
}

struct Response<'a> {
    status: u16,
    headers: &'a [(String, String)],
    hidden_by_cors: bool,
    body: &'a str,
    elapsed_ms: u64,
    stream: Option<&'a StreamEnd>,
}

fn response(facts: &RequestFacts, r: &Response<'_>, lang: Lang) -> (Verdict, Envelope) {
    let content_type = header(r.headers, "content-type");
    let env = parse_envelope(content_type, r.body);
    let family = identify(&facts.url, r.headers, &env, r.body);
    let is_html =
        env.shape == EnvelopeShape::Html || content_type.is_some_and(|c| c.to_ascii_lowercase().contains("text/html"));
    let path = url_path(&facts.url);
    let mut front = vec![
        ev("transport", format!("response after {} ms", r.elapsed_ms)),
        ev("status", r.status.to_string()),
    ];
    if let Some(ct) = content_type {
        front.push(ev("content-type", ct));
    }
    front.push(ev("answered-by", family.as_str()));
    if facts.auth_style.is_none() {
        front.push(ev("key", "none sent"));
    }
    let (mut v, shown) = if (200..300).contains(&r.status) {
        on_success(facts, r, env, is_html, path, family, &mut front)
    } else {
        let mut v = error_verdict(Some(r.status), &env, family, facts.protocol)
            .unwrap_or_else(|| status_fallback(r.status, &env, family, facts.protocol, r.body));
        // new-api's task envelope carrying a "not found": the gateway took the route, and
        // the provider it picked for the model lacks it. That is the gateway's set-up.
        if env.shape == EnvelopeShape::Task && v.category == Category::IncorrectEndpoint {
            v.side = Side::Gateway;
        }
        (v, env)
    };
    apply_request_facts(&mut v, facts, r.status);
    let mut evidence = front;
    // A 2xx stream with no error in it has no envelope to show: its "message" would only be
    // the events' own text.
    let stream_without_error = (200..300).contains(&r.status)
        && !shown.is_error()
        && (is_event_stream(content_type) || r.body.trim_start().starts_with("data:"));
    if !stream_without_error {
        envelope_evidence(&shown, &mut evidence);
    }
    evidence.append(&mut v.evidence);
    v.evidence = evidence;
    v.details.status = Some(r.status);
    v.details.family = family;
    v.details.hidden_by_cors = r.hidden_by_cors;
    v.details.body_empty = r.body.trim().is_empty();
    if v.reason == Reason::Unrecognised {
        v.details.quote = shown
            .innermost()
            .message
            .as_deref()
            .or(shown.message.as_deref())
            .map(quote_short);
    }
    if !(200..300).contains(&r.status) || v.category != Category::Success {
        post_process(&mut v, facts, &shown, path);
        request_id_and_retry(&mut v, &shown, r, family, lang);
    }
    if stream_without_error {
        return (v, Envelope::of_shape(EnvelopeShape::Empty));
    }
    (v, shown)
}

/// Facts before signatures: what was sent is known for certain, so no reading of the answer
/// may contradict it. No key sent and a refusal means the key is missing, on your side,
/// whatever the words say.
fn apply_request_facts(v: &mut Verdict, facts: &RequestFacts, status: u16) {
    // A 401, or an answer that reads as a key or token refusal. A bare 403 is not enough:
    // origin checks and firewalls answer 403 too.
    let refusal = status == 401 || matches!(v.category, Category::AuthenticationFailure | Category::TokenUnavailable);
    if facts.auth_style.is_none() && refusal && (status == 401 || v.category != Category::Success) {
        let mut fixed = Verdict::new(Reason::KeyMissing, Confidence::High, Side::Client);
        fixed.evidence = vec![ev("signature", "fact: the request carried no key")];
        // What the words alone suggested stays visible, below the fact.
        for mut e in std::mem::take(&mut v.evidence) {
            if e.label == "signature" {
                e.label = "words";
            }
            fixed.evidence.push(e);
        }
        fixed.details = std::mem::take(&mut v.details);
        *v = fixed;
    }
}

/// A task the provider reports failed: its reason is read like an error message (a
/// refused parameter, a timeout, a content block), else it is the provider's failure. The
/// task's own state is a fact, but whose failure it is stays a guess when nothing names
/// the system that answered.
fn task_failed(why: String, family: Family, facts: &RequestFacts) -> Verdict {
    let reason_text = why.split_once(": ").map_or("", |(_, r)| r);
    let mut words = Envelope::of_shape(EnvelopeShape::OtherJson);
    words.message = Some(reason_text.to_string());
    let read = (!reason_text.is_empty())
        .then(|| error_verdict(None, &words, family, facts.protocol))
        .flatten()
        .filter(|v| {
            v.category != Category::Unknown || matches!(v.reason, Reason::ContentPolicy | Reason::GatewayInternal)
        });
    let mut v = match read {
        Some(mut v) => {
            v.confidence = v.confidence.min(Confidence::Medium);
            // A task's failure reason is what the provider reported of the work: its
            // moderation refused the output, whoever relays the task.
            if v.reason == Reason::ContentPolicy {
                v.side = Side::Upstream;
            }
            v.details.on_2xx = true;
            v.evidence.insert(0, ev("task", why.clone()));
            v
        }
        None => {
            let confidence = if family == Family::Unknown {
                Confidence::Medium
            } else {
                Confidence::High
            };
            let mut v = Verdict::new(Reason::TaskFailed, confidence, Side::Upstream);
            v.evidence.push(ev("task", why.clone()));
            v
        }
    };
    v.details.note = Some(why);
    v.evidence.push(ev("signature", "the task's own state"));
    v
}

/// A message short enough to quote in a headline.
fn quote_short(text: &str) -> String {
    let mut out: String = text.chars().take(160).collect();
    if text.chars().nth(160).is_some() {
        out.push('…');
    }
    out
}

/// A 2xx: stream errors, HTML from the dashboard, error bodies, answers that are not the
/// endpoint's answer, or success.
fn on_success(
    facts: &RequestFacts,
    r: &Response<'_>,
    env: Envelope,
    is_html: bool,
    path: &str,
    family: Family,
    front: &mut Vec<Evidence>,
) -> (Verdict, Envelope) {
    match r.stream {
        Some(StreamEnd::ErrorEvent { body }) => {
            front.push(ev("stream", "error event after 200"));
            let inner = parse_envelope(None, body);
            // An error event that names nothing (an empty message, words such as "Something
            // went wrong") says only that the stream failed: where, it cannot tell.
            let says_something = explicit_message(&inner);
            let mut v = error_verdict(None, &inner, family, facts.protocol).unwrap_or_else(|| {
                if says_something {
                    Verdict::new(Reason::StreamError, Confidence::Medium, Side::Upstream)
                } else {
                    Verdict::new(Reason::StreamError, Confidence::Low, Side::Unknown)
                }
            });
            // A gateway checks its own limits before it starts a stream: a rate limit that
            // arrives inside one came from the provider generating it, unless the message
            // names the gateway's own cap.
            // The body was read and a stream begun: a JSON parse failing after that is of
            // something else (LiteLLM's parser of a provider's chunks), not of what was sent.
            if v.reason == Reason::InvalidJson {
                v = Verdict::new(Reason::StreamError, Confidence::Low, Side::Unknown);
            }
            let message = inner.innermost().message.as_deref().unwrap_or("");
            if v.reason == Reason::GatewayLimit && family.is_gateway() && !names_own_cap(message) {
                v.reason = Reason::UpstreamLimit;
                v.side = Side::Upstream;
            }
            v.details.on_2xx = v.reason != Reason::StreamError;
            return (v, inner);
        }
        Some(StreamEnd::EndedEarly) => {
            front.push(ev("stream", "ended before its end marker"));
            // Nothing at all arrived: the stream never began, and the answer cannot tell
            // where it failed.
            let mut v = if r.body.trim().is_empty() {
                Verdict::new(Reason::StreamEndedEarly, Confidence::Low, Side::Unknown)
            } else {
                Verdict::new(Reason::StreamEndedEarly, Confidence::Medium, Side::Upstream)
            };
            v.actions.push(Action::Retry);
            return (v, env);
        }
        _ => {}
    }
    // ngrok's free-plan warning page (ERR_NGROK_6024) comes with 200 before any gateway
    // answers: the tunnel's interstitial, not the gateway's dashboard.
    if is_html && header(r.headers, "ngrok-error-code").is_some() {
        let mut v = Verdict::new(Reason::ProxyBlocked, Confidence::Low, Side::Gateway);
        v.evidence.push(ev(
            "signature",
            "fact: the tunnel in front (ngrok) answered with its own page",
        ));
        return (v, env);
    }
    // A firewall's or a panel's own page in front of the gateway, sent with 2xx: its words
    // are the finding, and it is not the dashboard.
    if is_html {
        if let Some((reason, confidence, what)) = panel_page(r.body) {
            let mut v = Verdict::new(reason, confidence, Side::Gateway);
            v.evidence
                .push(ev("signature", format!("fact: {what} came back on an API call")));
            return (v, env);
        }
    }
    if is_html {
        let reason = if has_doubled_segment(path) {
            Reason::DoubledV1
        } else {
            Reason::HtmlPage
        };
        let mut v = Verdict::new(reason, Confidence::High, Side::Client);
        v.evidence
            .push(ev("signature", "fact: an HTML page came back on an API call"));
        return (v, env);
    }
    if env.is_error() {
        front.push(ev("status", "2xx carrying an error body"));
        let v = match error_verdict(None, &env, family, facts.protocol) {
            Some(mut v) => {
                v.details.on_2xx = true;
                // A task's record carrying a moderation refusal (an OpenAI video object
                // `failed` with its `error`): the provider's filter refused the work.
                if v.reason == Reason::ContentPolicy
                    && matches!(facts.protocol, Protocol::AsyncTask | Protocol::VideoTask)
                {
                    v.side = Side::Upstream;
                }
                v.candidates.retain(|c| *c != Category::SuccessWithErrorBody);
                if v.candidates.is_empty() {
                    v.candidates.push(v.category);
                }
                v.candidates.push(Category::SuccessWithErrorBody);
                v
            }
            None => {
                let side = side_for(
                    Reason::ErrorBodyOn2xx,
                    Category::SuccessWithErrorBody,
                    origin_of(&env, family, facts.protocol),
                );
                Verdict::new(Reason::ErrorBodyOn2xx, Confidence::Medium, side)
            }
        };
        return (v, env);
    }
    let content_type = header(r.headers, "content-type");
    // A preflight, HEAD or DELETE answers with no body by design.
    if r.body.trim().is_empty()
        && matches!(
            facts.method.to_ascii_uppercase().as_str(),
            "OPTIONS" | "HEAD" | "DELETE"
        )
    {
        let mut v = Verdict::new(Reason::Ok, Confidence::High, Side::Unknown);
        v.evidence.push(ev("signature", "no body, as this method answers"));
        return (v, env);
    }
    if facts.streamed && !is_event_stream(content_type) && dialect(facts.protocol).is_some() {
        front.push(ev("stream", "asked for a stream; a single answer came back"));
    }
    // A verdict read from the body's shape: `label` names the evidence row quoting `note`.
    let noted = |reason: Reason, confidence: Confidence, side: Side, label: &'static str, note: String| {
        let mut v = Verdict::new(reason, confidence, side);
        v.evidence.push(ev(label, note.clone()));
        v.details.note = Some(note);
        v
    };
    let mut v = match answer_shape(facts.protocol, content_type, r.body) {
        AnswerShape::Answer => {
            let mut v = Verdict::new(Reason::Ok, Confidence::High, Side::Unknown);
            v.evidence.push(ev("signature", "the endpoint's answer shape"));
            v
        }
        AnswerShape::Withheld(why) => noted(Reason::Withheld, Confidence::Medium, Side::Upstream, "withheld", why),
        // The error inside is read like any error's words ("finish_reason =
        // overloaded_error" is an overload); words the table does not know stay an error
        // body on a 2xx.
        AnswerShape::ErrorInside(why) => {
            let mut words = Envelope::of_shape(EnvelopeShape::OtherJson);
            words.message = Some(why.clone());
            match error_verdict(None, &words, family, facts.protocol) {
                Some(mut v) => {
                    v.evidence.push(ev("error-inside", why.clone()));
                    v.details.note = Some(why);
                    v
                }
                None => noted(
                    Reason::ErrorBodyOn2xx,
                    Confidence::Medium,
                    Side::Upstream,
                    "error-inside",
                    why,
                ),
            }
        }
        AnswerShape::TaskFailed(why) => task_failed(why, family, facts),
        AnswerShape::Unfinished(why) => {
            let mut v = noted(Reason::Unfinished, Confidence::Low, Side::Unknown, "unfinished", why);
            v.actions.extend([Action::SendWithoutStream, Action::Retry]);
            v
        }
        AnswerShape::NotAnAnswer(what) => {
            // Worded from `unanswered` in each language, so no English note is kept.
            let mut v = Verdict::new(Reason::NotAnAnswer, Confidence::Low, Side::Unknown);
            v.evidence
                .push(ev("signature", format!("2xx, but {}", what.words(Lang::En))));
            v.details.unanswered = Some(what);
            v
        }
    };
    v.details.on_2xx = v.reason != Reason::Ok;
    (v, env)
}

fn envelope_evidence(env: &Envelope, out: &mut Vec<Evidence>) {
    out.push(ev("envelope", env.shape.as_str()));
    let fields: [(&'static str, &Option<String>); 6] = [
        ("type", &env.error_type),
        ("code", &env.code),
        ("param", &env.param),
        ("google-status", &env.google_status),
        ("google-reason", &env.google_reason),
        ("html-title", &env.html_title),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            out.push(ev(label, quote(value)));
        }
    }
    if let Some(message) = &env.message {
        out.push(ev("message", quote(message)));
    }
    if let Some(nested) = &env.nested {
        let what = [
            nested.error_type.as_deref(),
            nested.code.as_deref(),
            nested.message.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(quote)
        .collect::<Vec<_>>()
        .join(" | ");
        out.push(ev("nested", format!("{}: {what}", nested.shape.as_str())));
    }
}

/// Every message in the envelope chain, outermost first.
fn messages(env: &Envelope) -> Vec<&str> {
    let mut out = Vec::new();
    let mut current = Some(env);
    while let Some(e) = current {
        out.extend(e.message.as_deref().map(scanned));
        current = e.nested.as_deref();
    }
    out
}

/// The Claude-betas heuristic, doubled paths, extracted names and actions.
fn post_process(v: &mut Verdict, facts: &RequestFacts, env: &Envelope, path: &str) {
    let generic_400 = matches!(
        v.reason,
        Reason::GenericParam | Reason::UnknownField | Reason::StatusOnly | Reason::Unrecognised
    );
    if v.details.status == Some(400)
        && facts.anthropic_beta.is_some()
        && facts.protocol == Protocol::ClaudeMessages
        && generic_400
    {
        v.set_reason(Reason::BetaHeaderHeuristic);
        v.confidence = Confidence::Medium;
        v.side = Side::Client;
        v.candidates = vec![Category::ClaudeCodeBetas, Category::ParameterError];
        v.evidence
            .push(ev("anthropic-beta", facts.anthropic_beta.clone().unwrap_or_default()));
    }
    let texts = messages(env);
    let first = |f: fn(&str) -> Option<String>| texts.iter().find_map(|m| f(m));
    let route = first(extract_route);
    if v.category == Category::IncorrectEndpoint {
        let doubled = has_doubled_segment(path) || route.as_deref().is_some_and(has_doubled_segment);
        if doubled && v.reason != Reason::DoubledV1 {
            v.set_reason(Reason::DoubledV1);
            v.confidence = Confidence::High;
            v.side = Side::Client;
            for e in v.evidence.iter_mut().filter(|e| e.label == "signature") {
                e.label = "words";
            }
            v.evidence
                .insert(0, ev("signature", "fact: the path sent has a doubled /v1"));
        }
        let shown = route
            .clone()
            .unwrap_or_else(|| format!("{} {}", facts.method.to_ascii_uppercase(), path));
        v.evidence.push(ev("route", shown));
    }
    v.details.route = route;
    match v.category {
        Category::ModelNotAvailable => {
            let found = first(extract_model);
            match (&found, &facts.model) {
                (Some(m), _) => v.evidence.push(ev("model", m.clone())),
                (None, Some(m)) => v.evidence.push(ev("model", format!("{m} (from the request)"))),
                (None, None) => {}
            }
            v.details.model = found.or_else(|| facts.model.clone());
            v.details.group = first(extract_group);
            if let Some(g) = &v.details.group {
                v.evidence.push(ev("group", g.clone()));
            }
        }
        Category::TokenUnavailable if v.reason == Reason::GroupDenied => {
            v.details.group = first(extract_group);
            if let Some(g) = &v.details.group {
                v.evidence.push(ev("group", g.clone()));
            }
        }
        Category::ParameterError | Category::ClaudeCodeBetas => {
            v.details.field = first(extract_field).or_else(|| env.param.clone());
            if let Some(f) = &v.details.field {
                v.evidence.push(ev("field", f.clone()));
            }
            v.evidence.push(ev("protocol", facts.protocol.as_str()));
        }
        Category::RateLimit => {
            v.details.window = texts.iter().find_map(|m| extract_rate_window(m));
            if let Some((minutes, max)) = v.details.window {
                v.evidence
                    .push(ev("rate-window", format!("{max} requests / {minutes} min")));
            }
        }
        _ => {}
    }
    let family = v.details.family;
    v.actions.extend(
        actions_for(v.category, v.reason, facts)
            .into_iter()
            .filter(|a| can_answer(*a, family)),
    );
}

/// Whether a follow-up can answer anything for the family that answered: the key-status
/// check reads new-api's self-service API (also tried when nothing tells who answered,
/// since that is RouteScope's own family); the other gateways and the vendors have no
/// such API.
fn can_answer(action: Action, family: Family) -> bool {
    let new_api_or_unknown = matches!(family, Family::NewApi | Family::OneApi | Family::Unknown);
    match action {
        Action::CheckKeyStatus => new_api_or_unknown,
        _ => true,
    }
}

fn actions_for(category: Category, reason: Reason, facts: &RequestFacts) -> Vec<Action> {
    use Reason::*;
    match category {
        Category::AuthenticationFailure => match reason {
            UpstreamKey => vec![Action::Retry],
            PermissionDenied => vec![Action::ListModels, Action::CheckKeyStatus],
            AccountBanned | KeyMissing => vec![],
            _ => vec![Action::CheckKeyStatus],
        },
        Category::TokenUnavailable => vec![Action::CheckKeyStatus],
        Category::InsufficientBalance if reason == UpstreamQuota => vec![Action::Retry],
        Category::InsufficientBalance => vec![Action::CheckKeyStatus],
        Category::ModelNotAvailable => vec![Action::ListModels, Action::CheckKeyStatus],
        Category::IncorrectEndpoint => vec![Action::OpenClientHelper],
        Category::ClaudeCodeBetas => vec![Action::DisableClaudeBetas, Action::OpenClientHelper],
        Category::Timeout if facts.protocol.has_async_alternative() => {
            vec![Action::UseAsyncTask, Action::Retry]
        }
        Category::Timeout | Category::UpstreamFailure | Category::RateLimit => vec![Action::Retry],
        _ => vec![],
    }
}

/// Whose request id this is: the gateway's own (its usage log finds it), a provider's
/// (relayed inside a gateway's answer, or from the vendor called directly), or a proxy's.
fn id_owner(found: &FoundId, env: &Envelope, family: Family) -> IdOwner {
    match found.source {
        "x-oneapi-request-id" | "x-new-api-request-id" | "x-litellm-call-id" => IdOwner::Gateway,
        "x-generation-id" => IdOwner::Gateway,
        "cf-ray" | "x-amzn-requestid" | "x-amz-request-id" | "x-amz-cf-id" | "x-vercel-id" | "x-nf-request-id"
        | "x-azure-ref" => IdOwner::Proxy,
        _ if family.is_vendor() => IdOwner::Provider,
        "body" => {
            let top = env.request_id.as_deref() == Some(found.id.as_str());
            let gateway_suffix = env.message.as_deref().is_some_and(|m| m.contains("request id"));
            if top && (gateway_suffix || family.is_gateway()) && !found.id.starts_with("req_") {
                IdOwner::Gateway
            } else if !top || found.id.starts_with("req_") {
                IdOwner::Provider
            } else {
                IdOwner::Unknown
            }
        }
        _ if family.is_gateway() => IdOwner::Gateway,
        _ => IdOwner::Unknown,
    }
}

/// The request id (or its absence), `retry-after` and readable rate-limit headers.
fn request_id_and_retry(v: &mut Verdict, env: &Envelope, r: &Response<'_>, family: Family, lang: Lang) {
    let hint = retry_hint(r.headers, env);
    if let Some(shown) = &hint.shown {
        v.evidence.push(ev("retry-after", shown.clone()));
    } else if v.category == Category::RateLimit && r.hidden_by_cors {
        v.evidence.push(ev(
            "retry-after",
            lang.pick(
                "hidden by CORS (no Access-Control-Expose-Headers)",
                "被 CORS 隐藏（没有 Access-Control-Expose-Headers）",
            ),
        ));
    }
    for (name, value) in rate_limit_headers(r.headers) {
        v.evidence.push(ev("rate-limit-header", format!("{name}: {value}")));
    }
    v.details.retry_secs = hint.seconds;
    if matches!(
        v.category,
        Category::RateLimit | Category::UpstreamFailure | Category::Timeout
    ) {
        if let Some(seconds) = hint.seconds {
            v.actions.retain(|a| *a != Action::Retry);
            v.actions.insert(0, Action::RetryAfter { seconds });
        }
    }
    match find_request_id(env, r.headers) {
        Some(found) => {
            let owner = id_owner(&found, env, family);
            let whose = match owner {
                IdOwner::Gateway => "the gateway's",
                IdOwner::Provider => "the provider's",
                IdOwner::Proxy => "the proxy's",
                IdOwner::Unknown => "owner not known",
            };
            v.evidence
                .push(ev("request-id", format!("{} ({}; {whose})", found.id, found.source)));
            v.details.request_id = Some(found.id);
            v.details.request_id_owner = owner;
            v.actions.push(Action::CopyRequestId);
        }
        None => {
            let none = if env.shape == EnvelopeShape::Html {
                lang.pick(
                    "none: an HTML page (a proxy or the dashboard) carries none",
                    "无：HTML 页面（代理或控制台）不带请求 ID",
                )
            } else if v.side == Side::Upstream {
                lang.pick(
                    "none: relayed upstream errors carry none",
                    "无：转发的上游错误不带请求 ID",
                )
            } else if r.hidden_by_cors {
                lang.pick(
                    "none in the body; the X-Oneapi-Request-Id header is hidden by CORS",
                    "响应体中没有；X-Oneapi-Request-Id 响应头被 CORS 隐藏",
                )
            } else {
                lang.pick("none found", "未找到")
            };
            v.evidence.push(ev("request-id", none));
        }
    }
}

fn render(mut v: Verdict, envelope: Envelope, facts: &RequestFacts, lang: Lang) -> Diagnosis {
    let mut actions: Vec<Action> = Vec::new();
    for a in v.actions.drain(..) {
        if !actions.contains(&a) {
            actions.push(a);
        }
    }
    let mut candidates: Vec<Category> = Vec::new();
    if !v.candidates.is_empty() {
        candidates.push(v.category);
        for c in v.candidates.drain(..) {
            if !candidates.contains(&c) {
                candidates.push(c);
            }
        }
    }
    if candidates.len() == 1 {
        candidates.clear();
    }
    let details = &v.details;
    Diagnosis {
        category: v.category,
        confidence: v.confidence,
        side: v.side,
        headline: headline(v.reason, v.category, details, lang),
        explanation: explanation(v.reason, v.category, facts, details, lang),
        evidence: v.evidence.clone(),
        request_id: details.request_id.clone(),
        checks: checks(v.category, v.reason, facts, details, lang),
        actions,
        candidates,
        envelope,
    }
}
