//! Entry point of the WebAssembly module: loads the person's language, then
//! mounts [`App`] on `<body>`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use company_portal::i18n::{self, Language};
use company_portal::App;

/// How long the first render waits for another language's catalog before
/// it shows the page in English (and switches when the catalog arrives).
const CATALOG_PATIENCE: Duration = Duration::from_millis(2500);

fn main() {
    console_error_panic_hook::set_once();
    let language = i18n::starting_language();
    if language == Language::SOURCE {
        leptos::mount::mount_to_body(App);
        return;
    }
    // Rendering waits for the catalog (one small file, usually cached by the
    // service worker) so the first page is in the right language, but never
    // for long on a slow network.
    let mounted = Rc::new(Cell::new(false));
    let mount_once = move || {
        if !mounted.replace(true) {
            leptos::mount::mount_to_body(App);
        }
    };
    let on_time = mount_once.clone();
    leptos::prelude::set_timeout(on_time, CATALOG_PATIENCE);
    wasm_bindgen_futures::spawn_local(async move {
        // A catalog that can't be had leaves the page in English.
        let _ = i18n::load(language).await;
        mount_once();
    });
}
