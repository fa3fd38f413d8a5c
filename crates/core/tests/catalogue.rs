//! The catalogue's invariants: every id is listed once and round-trips, every path
//! placeholder has a field, Bearer comes first, and the header the diagnosis may offer
//! instead exists on every endpoint of that protocol.

use routescope_core::request::catalogue::{endpoint, AuthStyle, EndpointId, Target, CATALOGUE};

#[test]
fn every_id_appears_once_and_round_trips() {
    for e in CATALOGUE {
        assert_eq!(CATALOGUE.iter().filter(|x| x.id == e.id).count(), 1, "{:?}", e.id);
        assert_eq!(EndpointId::parse(e.id.as_str()), Some(e.id));
        assert_eq!(endpoint(e.id).id, e.id);
    }
}

#[test]
fn field_keys_are_unique_and_placeholders_have_fields() {
    for e in CATALOGUE {
        for f in e.fields {
            assert_eq!(
                e.fields.iter().filter(|x| x.key == f.key).count(),
                1,
                "{} {}",
                e.title,
                f.key
            );
        }
        let mut rest = e.path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').map(|i| start + i).unwrap_or(rest.len());
            let name = &rest[start + 1..end];
            assert!(
                e.fields
                    .iter()
                    .any(|f| f.target == Target::Path(name) || f.target == Target::PathRaw(name)),
                "{}: no field for {{{name}}}",
                e.title
            );
            rest = &rest[end..];
        }
    }
}

#[test]
fn bearer_is_always_offered_first() {
    for e in CATALOGUE {
        assert_eq!(e.auth_styles.first(), Some(&AuthStyle::Bearer), "{}", e.title);
    }
}

/// The diagnosis offers "send the key as …" from the protocol; every endpoint of that
/// protocol must list the header, or the button would silently not appear.
#[test]
fn the_alternative_header_of_a_protocol_is_offered_by_its_endpoints() {
    for e in CATALOGUE {
        if let Some(style) = e.protocol.alternative_auth() {
            assert!(e.auth_styles.contains(&style), "{}: {style:?}", e.title);
        }
    }
}

/// The task follow-up names a query endpoint whose form has the id field, for every task route.
#[test]
fn every_task_route_names_its_query_and_id_field() {
    for e in CATALOGUE {
        if let Some((query, field)) = e.id.task_query() {
            assert!(endpoint(query).field(field).is_some(), "{}: {field}", e.title);
        }
    }
}
