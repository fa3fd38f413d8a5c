//! Mounts the app; nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(routescope_playground::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RouteScope Playground runs in the browser: use `trunk serve` (see README.md).");
}
