//! Entry point of the WebAssembly module: mounts [`App`] on `<body>`.

use company_portal::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
