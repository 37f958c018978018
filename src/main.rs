//! Entry point of the WebAssembly module: loads the person's language, then
//! mounts [`App`] on `<body>`.

use company_portal::{i18n, App};

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // Rendering waits for the catalog (one small file) so the first page
        // is in the right language; if it can't be had, English it is.
        let language = i18n::starting_language();
        if i18n::load(language).await.is_err() {
            let _ = i18n::load(i18n::Language::SOURCE).await;
        }
        leptos::mount::mount_to_body(App);
    });
}
