//! Entry point of the WebAssembly module: reads the page's start data,
//! loads the person's language, then takes the server's first paint down
//! and mounts [`App`] on `<body>` in the same task.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use company_portal::i18n::{self, Language};
use company_portal::{start, App};

/// How long the first render waits for another language's catalog before
/// it shows the page in English (and switches when the catalog arrives).
/// The server's first paint is on screen meanwhile, in that language.
const CATALOG_PATIENCE: Duration = Duration::from_millis(2500);

fn main() {
    console_error_panic_hook::set_once();
    start::read();
    i18n::mirror_choice_for_server();
    let language = i18n::starting_language();
    if language == Language::SOURCE {
        mount();
        return;
    }
    // Rendering waits for the catalog (one small file, preloaded by the
    // page, or cached by the service worker) so the first page is in the
    // right language, but never for long on a slow network.
    let mounted = Rc::new(Cell::new(false));
    let mount_once = move || {
        if !mounted.replace(true) {
            mount();
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

/// Replaces the first paint with the app: nothing is drawn in between,
/// and what the person typed into the first paint is carried over.
fn mount() {
    let carried = start::take_down_first_paint();
    leptos::mount::mount_to_body(App);
    carried.restore();
}
