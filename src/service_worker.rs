//! The service worker (`public/sw.js`): registered once the app has
//! started and the browser is idle, so the portal opens offline and fast;
//! and the switch to a new deployment.
//!
//! A new deployment arrives as a new worker, which installs and waits while
//! this page runs the old version. [`AppUpdate::update_ready`] turns true
//! then, and the page may offer a reload; only [`AppUpdate::apply_update`]
//! (the person agreed) tells the worker to take over and reloads once it
//! has. So a page never mixes one version's JS with another's wasm, and
//! nothing the person is doing is lost to an unasked-for reload. The state
//! is also on the page as `<html data-update="ready">`.
//!
//! Where the browser has no service workers (or refuses to register one),
//! nothing happens and `update_ready` stays false.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

/// The worker's script, built into `dist/` by `cargo xtask build`.
pub const SCRIPT_URL: &str = "/sw.js";
/// The whole site: every page opens offline.
pub const SCOPE: &str = "/";
/// The attribute on `<html>` set to `"ready"` while an update waits.
pub const DATA_ATTRIBUTE: &str = "data-update";
/// The message `public/sw.js` answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

/// How often at most a page that comes back into view asks for a newer
/// worker: a web clip may stay open for days without a navigation, which
/// is when browsers check by themselves.
const UPDATE_CHECK_INTERVAL: Duration = Duration::from_secs(10 * 60);
/// If the new worker has not taken over by then, reload anyway (the person
/// asked for it); the page then opens the version that is active.
const TAKE_OVER_PATIENCE: Duration = Duration::from_secs(5);

/// The update state, in context (see [`use_app_update`]).
#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    ready: RwSignal<bool>,
    /// This page asked the waiting worker to take over, so the next
    /// `controllerchange` is the moment to reload.
    reload_requested: StoredValue<bool>,
    registration: StoredValue<Option<SendWrapper<ServiceWorkerRegistration>>>,
}

impl AppUpdate {
    /// Makes the update state available to the app and registers the
    /// service worker, when the browser has them, once the browser is idle
    /// after the app's start: the first screen does not need it, and its
    /// install downloads every module of the deployment.
    pub fn provide() -> Self {
        let update = Self::detached();
        provide_context(update);
        Effect::new(move || mirror_on_document(update.ready.get()));
        if let Some(container) = service_worker_container() {
            // In the app's reactive owner, so that its listeners end with
            // the app.
            let owner = Owner::current();
            crate::scheduling::when_idle(move || match owner {
                Some(owner) => owner.with(|| update.register(container)),
                None => update.register(container),
            });
        }
        update
    }

    /// A state without a service worker: never ready. For components
    /// shown outside `App` (browser tests) and as the fallback of
    /// [`use_app_update`].
    pub fn detached() -> Self {
        Self {
            ready: RwSignal::new(false),
            reload_requested: StoredValue::new(false),
            registration: StoredValue::new(None),
        }
    }

    /// True once a new version is installed and waiting for this page to
    /// let it take over (reactive).
    pub fn update_ready(&self) -> ReadSignal<bool> {
        self.ready.read_only()
    }

    /// Switches to the new version and reloads the page. Call it only when
    /// the person chose to (it drops whatever the page holds).
    pub fn apply_update(&self) {
        let waiting = self
            .registration
            .try_with_value(|registration| registration.as_ref().and_then(|r| r.waiting()))
            .flatten();
        let Some(waiting) = waiting else {
            // Another tab already switched versions: the new one controls
            // this page, and a reload runs it.
            reload();
            return;
        };
        self.reload_requested.try_set_value(true);
        if waiting
            .post_message(&JsValue::from_str(SKIP_WAITING))
            .is_err()
        {
            reload();
            return;
        }
        if set_timeout_with_handle(reload, TAKE_OVER_PATIENCE).is_err() {
            leptos::logging::warn!("service worker: no timer to reload after an update");
        }
    }

    fn register(self, container: ServiceWorkerContainer) {
        // The worker that controlled this page last. Compared by identity:
        // a browser may report the same change twice, and the first worker
        // claiming this page is not an update.
        let last_controller = StoredValue::new(
            container
                .controller()
                .map(|w| SendWrapper::new(JsValue::from(w))),
        );
        let watched_container = container.clone();
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            let now = watched_container.controller().map(JsValue::from);
            let before = last_controller
                .try_with_value(|last| last.as_deref().cloned())
                .flatten();
            if self.reload_requested.try_get_value() == Some(true) {
                reload();
            } else if before.is_some() && before != now {
                // Another tab let a new version take over: this page still
                // runs the old one until it reloads.
                self.ready.try_set(true);
            }
            last_controller.try_set_value(now.map(SendWrapper::new));
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));

        let check_for_update = move || self.check_for_update();
        let last_check = StoredValue::new(js_sys::Date::now());
        let on_visible = window_event_listener_untyped("visibilitychange", move |_| {
            let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
            let now = js_sys::Date::now();
            let due = last_check
                .try_get_value()
                .is_some_and(|last| now - last >= UPDATE_CHECK_INTERVAL.as_millis() as f64);
            if visible && due {
                last_check.try_set_value(now);
                check_for_update();
            }
        });

        let watched = SendWrapper::new(Rc::new(RefCell::new(None::<Watch>)));
        let kept = watched.clone();
        let cleanup_container = SendWrapper::new(container.clone());
        let on_controller_change = SendWrapper::new(on_controller_change);
        on_cleanup(move || {
            on_visible.remove();
            cleanup_container.set_oncontrollerchange(None);
            drop(on_controller_change);
            if let Some(watch) = kept.borrow_mut().take() {
                watch.stop();
            }
        });

        spawn_local(async move {
            let options = RegistrationOptions::new();
            options.set_scope(SCOPE);
            let registered =
                JsFuture::from(container.register_with_options(SCRIPT_URL, &options)).await;
            let registration = match registered {
                Ok(value) => value.unchecked_into::<ServiceWorkerRegistration>(),
                Err(error) => {
                    leptos::logging::warn!("service worker not registered: {error:?}");
                    return;
                }
            };
            self.registration
                .try_set_value(Some(SendWrapper::new(registration.clone())));
            if let Some(waiting) = registration.waiting() {
                if controlled_by_another(&container, &waiting) {
                    self.ready.try_set(true);
                }
            }
            *watched.borrow_mut() = Some(Watch::start(self, container, registration));
        });
    }

    /// Asks the browser to fetch `sw.js` again; a changed one installs and
    /// ends up in `update_ready`.
    fn check_for_update(&self) {
        let update = self
            .registration
            .try_with_value(|registration| registration.as_ref().map(|r| r.update()))
            .flatten();
        if let Some(Ok(promise)) = update {
            // Offline, the check fails; the next one will do.
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// A worker being installed and its `statechange` listener.
type Installing = Rc<RefCell<Option<(ServiceWorker, Closure<dyn FnMut()>)>>>;

/// The listeners on a registration that notice a new worker being
/// installed and report it once it waits.
struct Watch {
    registration: ServiceWorkerRegistration,
    _on_update_found: Closure<dyn FnMut()>,
    installing: Installing,
}

impl Watch {
    fn start(
        update: AppUpdate,
        container: ServiceWorkerContainer,
        registration: ServiceWorkerRegistration,
    ) -> Self {
        let installing = Installing::default();
        let current = installing.clone();
        let watched = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let observed = worker.clone();
            let container = container.clone();
            let on_state_change = Closure::<dyn FnMut()>::new(move || {
                // Installed while an older worker controls this page: that
                // is an update waiting. Without a controller, or controlled
                // by this very worker (WebKit may report the states late),
                // it is the first install, which takes the page by itself.
                if observed.state() == ServiceWorkerState::Installed
                    && controlled_by_another(&container, &observed)
                {
                    update.ready.try_set(true);
                }
            });
            worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            if let Some((previous, _)) = current.replace(Some((worker, on_state_change))) {
                previous.set_onstatechange(None);
            }
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        Self {
            registration,
            _on_update_found: on_update_found,
            installing,
        }
    }

    fn stop(self) {
        self.registration.set_onupdatefound(None);
        if let Some((worker, _)) = self.installing.take() {
            worker.set_onstatechange(None);
        }
    }
}

/// The update state `App` provides; outside `App`, a detached one.
pub fn use_app_update() -> AppUpdate {
    use_context::<AppUpdate>().unwrap_or_else(AppUpdate::detached)
}

/// `navigator.serviceWorker`, where the browser has it: not in insecure
/// contexts (plain HTTP other than localhost), nor in some embedded
/// browsers.
fn service_worker_container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if container.is_undefined() || container.is_null() {
        return None;
    }
    container.dyn_into::<ServiceWorkerContainer>().ok()
}

/// True when a worker other than `worker` controls this page, i.e.
/// `worker` is a new version and not the one the page already runs.
fn controlled_by_another(container: &ServiceWorkerContainer, worker: &ServiceWorker) -> bool {
    container
        .controller()
        .is_some_and(|controller| JsValue::from(controller) != JsValue::from(worker.clone()))
}

fn reload() {
    if let Some(window) = web_sys::window() {
        if window.location().reload().is_err() {
            leptos::logging::warn!("service worker: cannot reload the page");
        }
    }
}

fn mirror_on_document(ready: bool) {
    crate::dom::set_root_attribute(DATA_ATTRIBUTE, ready.then_some("ready"));
}
