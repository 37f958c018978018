//! Entry point of the WebAssembly module: reads the page's start data,
//! loads the person's language and the first page's own module, then takes
//! the server's first paint down and mounts [`App`] on `<body>` in the same
//! task.
//!
//! Each phase is a task of its own (src/scheduling.rs), so that none blocks
//! a phone's main thread for long: the start data, the English catalog,
//! then the first render, and what it starts in slices of browser tasks
//! (src/startup_executor.rs) until the app takes over; the page modules'
//! downloads end in tasks of their own. Each is in the browser's
//! performance timeline as `portal: …`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use company_portal::i18n::{self, Language};
use company_portal::scheduling::{in_next_task, measured};
use company_portal::{first_page_modules, lazy_page, start, startup_executor, App};
use leptos::prelude::set_timeout;

/// How long the first render waits for another language's catalog before
/// it shows the page in English (and switches when the catalog arrives).
/// The server's first paint is on screen meanwhile, in that language.
const CATALOG_PATIENCE: Duration = Duration::from_millis(2500);

/// How long the first paint stays while the first page's own module is
/// still downloading (the loader preloads it beside the main module). The
/// first paint is the page already, so waiting is better than giving way to
/// a loading state that then jumps to the page; but a download that hangs
/// must not keep the app away: then the app's page shows its loading state
/// (and **Try again** if the download fails).
const PAGE_MODULE_PATIENCE: Duration = Duration::from_secs(10);

fn main() {
    console_error_panic_hook::set_once();
    startup_executor::install();
    // Not in the task that instantiated the module: shorter tasks.
    in_next_task(|| {
        let gate = measured("portal: start", begin);
        gate.open();
    });
}

/// Reads the start data and starts what the first render waits for.
fn begin() -> MountGate {
    start::read();
    i18n::mirror_choice_for_server();
    let gate = MountGate::new();

    let language = i18n::starting_language();
    if language != Language::SOURCE {
        // Rendering waits for the catalog (one small file, preloaded by the
        // page, or cached by the service worker) so the first page is in
        // the right language, but never for long on a slow network.
        let done = gate.wait();
        set_timeout(done.clone(), CATALOG_PATIENCE);
        wasm_bindgen_futures::spawn_local(async move {
            // A catalog that can't be had leaves the page in English.
            let _ = i18n::load(language).await;
            done();
        });
    }

    // Without a first paint (the service worker's offline shell) the
    // app's loading state is better than a blank page: no waiting then.
    if start::has_first_paint() {
        let path = leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default();
        for (module, load) in first_page_modules(&path, start::signed_out()) {
            let done = gate.wait();
            set_timeout(done.clone(), PAGE_MODULE_PATIENCE);
            wasm_bindgen_futures::spawn_local(async move {
                // A failed download is not remembered: the page then tries
                // again and, failing, offers **Try again**.
                let _ = lazy_page::download(module, load).await;
                done();
            });
        }
    }
    gate
}

/// Mounts the app once every wait has ended (each ends once: its task or
/// its timeout, whichever comes first).
#[derive(Clone)]
struct MountGate {
    /// Waits not yet ended, plus one until [`MountGate::open`].
    pending: Rc<Cell<usize>>,
}

impl MountGate {
    fn new() -> Self {
        MountGate {
            pending: Rc::new(Cell::new(1)),
        }
    }

    /// A wait; call the returned function when it ends.
    fn wait(&self) -> impl Fn() + Clone + 'static {
        self.pending.set(self.pending.get() + 1);
        let gate = self.clone();
        let ended = Rc::new(Cell::new(false));
        move || {
            if !ended.replace(true) {
                gate.end_one();
            }
        }
    }

    /// Every wait has been asked for: mount now if none is pending.
    fn open(&self) {
        self.end_one();
    }

    fn end_one(&self) {
        let left = self.pending.get().saturating_sub(1);
        self.pending.set(left);
        if left == 0 {
            // Not in the task that ended the last wait (a module's
            // download, beside the others'), and the catalog apart from the
            // render: shorter tasks.
            in_next_task(|| {
                measured("portal: English catalog", i18n::prepare);
                in_next_task(|| measured("portal: first render", mount));
            });
        }
    }
}

/// Mounts the app beside the first paint, hidden, lets what the render
/// started run in slices of their own browser tasks
/// (src/startup_executor.rs), then replaces the first paint with the app
/// in one task: nothing is drawn in between, and what the person typed
/// into the first paint meanwhile is carried over.
fn mount() {
    start::begin_take_over();
    startup_executor::defer_until_settled(|| {
        measured("portal: take-over", || {
            start::take_down_first_paint().restore()
        });
    });
    leptos::mount::mount_to_body(App);
}
