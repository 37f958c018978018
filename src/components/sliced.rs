//! A part of a long page drawn in a task of its own
//! ([`Sliced`]), so that the page is not drawn in one long browser task
//! while the app takes over from the first paint (src/startup_executor.rs).

use leptos::prelude::*;

/// Draws `children` from a spawned task: while the app takes over, in a
/// later slice than the rest (src/startup_executor.rs), behind the first paint (which stays until the whole
/// page is drawn); later, right after the rest of the page, before the
/// browser paints, so nothing shows in between either way.
#[component]
pub fn Sliced(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::startup_executor::next_slice().await;
        // The page may be gone already.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
