//! Where in the editor something points: a finding, a build error or a fix names the
//! setting, the form field or the raw body it concerns with one typed value, so the UI shows
//! it next to the right input and a typo cannot silently detach it.

use crate::request::catalogue::Origin;

/// One place in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// The Gateway URL setting.
    Gateway,
    /// The Self-service API URL setting.
    SelfService,
    /// The API key setting.
    ApiKey,
    /// A form field of the current endpoint, by its catalogue key.
    Form(&'static str),
    /// The raw JSON body editor.
    Body,
}

impl FieldRef {
    /// The address setting an endpoint on this origin is called through.
    pub fn base_of(origin: Origin) -> FieldRef {
        match origin {
            Origin::Gateway => FieldRef::Gateway,
            Origin::SelfService => FieldRef::SelfService,
        }
    }

    /// A stable id, also the `data-field` hook of its findings list: the form key for form
    /// fields, else `gateway`, `self_service`, `api_key` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldRef::Gateway => "gateway",
            FieldRef::SelfService => "self_service",
            FieldRef::ApiKey => "api_key",
            FieldRef::Form(key) => key,
            FieldRef::Body => "body",
        }
    }
}
