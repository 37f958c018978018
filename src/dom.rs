//! The browser's global objects the app writes to: local storage and the
//! `<html>` element. Missing ones (no window, storage turned off) are
//! skipped quietly: they are hints and mirrors, never the app's state.

/// This origin's local storage, if the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Sets (`Some`) or removes (`None`) an attribute of `<html>`, where CSS,
/// screen readers and the end-to-end tests read page-wide state.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}
