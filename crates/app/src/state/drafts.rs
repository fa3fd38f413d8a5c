//! The unsent work on screen: the drafts of every endpoint behind one signal that no
//! component can write except through these methods, and the request they build.

use leptos::prelude::*;

use super::settings::Settings;
use routescope_core::preflight::fix::{apply_fix, Fix};
use routescope_core::preflight::lint::{Finding, LintInput};
use routescope_core::request::build::Built;
use routescope_core::request::catalogue::{endpoint, EndpointId};
use routescope_core::request::drafts::Drafts;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::form::FormValues;
use routescope_core::text::lang::Lang;

/// The drafts and what they build; provided in context by [`DraftStore::provide`].
#[derive(Clone, Copy)]
pub struct DraftStore {
    /// Private: every write goes through a method, so the form and raw body stay in step.
    drafts: RwSignal<Drafts>,
    settings: Settings,
    /// The request as built from the current draft.
    pub built: Memo<Built>,
    /// Pre-flight findings for the current draft, live (none until the checks are here).
    pub findings: Memo<Vec<Finding>>,
    /// The pre-flight checks, once their chunk is here: they are not needed to draw the
    /// form, so they arrive with the tools chunk right after the first render.
    pub linter: RwSignal<Option<Linter>>,
}

/// The pre-flight checks' entry point (`routescope_core::preflight::lint::lint`).
pub type Linter = fn(&LintInput, Lang) -> Vec<Finding>;

impl DraftStore {
    /// Creates every endpoint's draft from its defaults and provides the store.
    /// `known_models` feeds the "model not listed" check.
    pub fn provide(settings: Settings, known_models: Signal<Vec<String>>) -> DraftStore {
        let drafts = RwSignal::new(Drafts::new());
        let built = Memo::new(move |_| {
            let id = settings.endpoint.get();
            settings.conn.with(|c| drafts.with(|d| d.build(id, c)))
        });
        let page_is_https = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let linter = RwSignal::new(None::<Linter>);
        let findings = Memo::new(move |_| {
            let Some(lint) = linter.get() else {
                return Vec::new();
            };
            let id = settings.endpoint.get();
            let lang = settings.lang.get();
            drafts.with(|d| {
                settings.conn.with(|conn| {
                    known_models.with(|models| {
                        let input = LintInput {
                            endpoint: endpoint(id),
                            conn,
                            values: &d.values(id),
                            raw_body: d.raw_body(id),
                            page_is_https,
                            known_models: models,
                        };
                        lint(&input, lang)
                    })
                })
            })
        });
        let store = DraftStore {
            drafts,
            settings,
            built,
            findings,
            linter,
        };
        provide_context(store);
        store
    }

    /// A Memo over one part of the current draft: it re-runs on every edit but notifies
    /// only when its own part changed, so a keystroke repaints one field.
    pub fn field<T>(&self, read: impl Fn(&FormValues) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let (drafts, endpoint) = (self.drafts, self.settings.endpoint);
        Memo::new(move |_| {
            let id = endpoint.get();
            drafts.with(|d| read(&d.values(id)))
        })
    }

    /// Whether the current endpoint's body is being edited by hand (tracked).
    pub fn raw_editing(&self) -> Memo<bool> {
        let (drafts, endpoint) = (self.drafts, self.settings.endpoint);
        Memo::new(move |_| {
            let id = endpoint.get();
            drafts.with(|d| d.raw_body(id).is_some())
        })
    }

    /// The current raw body (tracked); empty when the form generates the body.
    pub fn raw_body(&self) -> Memo<String> {
        let (drafts, endpoint) = (self.drafts, self.settings.endpoint);
        Memo::new(move |_| {
            let id = endpoint.get();
            drafts.with(|d| d.raw_body(id).unwrap_or_default().to_string())
        })
    }

    /// Changes the current endpoint's form.
    pub fn update(&self, change: impl FnOnce(&mut FormValues)) {
        self.update_endpoint(self.settings.endpoint.get_untracked(), change);
    }

    /// Changes one endpoint's form (also when it is not on screen: a file read finishing
    /// after the person moved on, a follow-up fixing another endpoint).
    pub fn update_endpoint(&self, id: EndpointId, change: impl FnOnce(&mut FormValues)) {
        self.drafts.update(|d| d.update(id, change));
    }

    /// Sets the current raw body as typed.
    pub fn set_raw_body(&self, text: String) {
        let id = self.settings.endpoint.get_untracked();
        self.drafts.update(|d| d.set_raw_body(id, text));
    }

    /// Starts or stops editing the current body by hand.
    pub fn set_raw_editing(&self, on: bool) {
        let id = self.settings.endpoint.get_untracked();
        if on {
            let conn = self.settings.conn.get_untracked();
            self.drafts.update(|d| d.start_raw(id, &conn));
        } else {
            self.drafts.update(|d| d.stop_raw(id));
        }
    }

    /// An endpoint's draft as it is now (untracked): what Send records in the history.
    pub fn snapshot(&self, id: EndpointId) -> (FormValues, Option<String>) {
        self.drafts
            .with_untracked(|d| (d.values(id).into_owned(), d.raw_body(id).map(str::to_string)))
    }

    /// Replaces one endpoint's whole draft (a link opened, a history entry restored).
    pub fn replace(&self, id: EndpointId, values: FormValues, raw_body: Option<String>) {
        self.drafts.update(|d| d.replace(id, values, raw_body));
    }

    /// Applies a pre-flight fix to the settings, form and raw body it concerns.
    pub fn apply_fix(&self, fix: &Fix, field: FieldRef) {
        let id = self.settings.endpoint.get_untracked();
        let mut conn = self.settings.conn.get_untracked();
        let (mut values, mut raw) = self.snapshot(id);
        let outcome = apply_fix(fix, field, &mut conn, &mut values, &mut raw);
        self.settings.conn.set(conn);
        self.replace(id, values, raw);
        if let Some(target) = outcome.switch_to {
            self.settings.endpoint.set(target);
        }
    }
}

/// The store provided by [`DraftStore::provide`].
pub fn use_drafts() -> DraftStore {
    expect_context::<DraftStore>()
}
