//! One accessible modal dialog for the whole portal, and the dialogs built
//! on it that only ask "are you sure?".
//!
//! A `<div>` overlay rather than `<dialog>`, so it behaves the same in
//! Safari and Chromium: `role="dialog"`, `aria-modal="true"`, named by its
//! heading (`aria-labelledby`). On open it remembers the element that had
//! focus (the button that opened it) and focuses the first field, or else
//! the primary button. Tab and Shift+Tab cycle through the dialog's own
//! controls only; Escape closes it; on close focus goes back to the opener.
//! No inline styles (the CSP allows none).

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::components::form_messages::FormAlert;
use crate::t;

/// What can take focus inside the dialog, in document order.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
                         select:not([disabled]), textarea:not([disabled]), \
                         [tabindex]:not([tabindex=\"-1\"])";
/// What takes focus when the dialog opens: its first field, or else its
/// primary button.
const INITIAL_FOCUS: &str = "input:not([disabled]), select:not([disabled]), \
                             textarea:not([disabled]), .button-primary:not([disabled])";

/// A modal dialog. Render it only while it is open (e.g. inside `<Show>`):
/// opening is mounting, closing is unmounting.
#[component]
pub fn Dialog(
    /// A unique id; the heading gets `{id}-title`.
    #[prop(into)]
    id: String,
    /// The heading, which names the dialog.
    #[prop(into)]
    title: String,
    /// Runs on Escape; the owner closes the dialog (and should also run it
    /// on **Cancel**).
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Div>::new();
    let title_id = format!("{id}-title");
    let heading_id = title_id.clone();

    // The button that opened the dialog, to give focus back to.
    let opener = SendWrapper::new(
        document()
            .active_element()
            .and_then(|element| element.dyn_into::<HtmlElement>().ok()),
    );
    let opener_id = opener
        .as_ref()
        .map(|opener| opener.id())
        .filter(|id| !id.is_empty());

    // Everything else in the page is inert while the dialog is open: out of
    // reach of taps, Tab and screen readers (what `aria-modal` promises).
    let made_inert = SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(Vec::new())));
    let inert_on_close = made_inert.clone();

    // Focus the first field or the primary button once in the page.
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            if made_inert.borrow().is_empty() {
                *made_inert.borrow_mut() = make_others_inert(&dialog);
            }
            let target = dialog
                .query_selector(INITIAL_FOCUS)
                .ok()
                .flatten()
                .or_else(|| focusables(&dialog).into_iter().next().map(Into::into));
            match target.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
                Some(target) => {
                    let _ = target.focus();
                }
                None => {
                    let _ = dialog.focus();
                }
            }
        }
    });

    // Focus that lands outside (a click on the page behind) comes back in.
    let focus_in = window_event_listener(leptos::ev::focusin, move |event| {
        let Some(dialog) = dialog.get_untracked() else {
            return;
        };
        let inside = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| dialog.contains(Some(&node)));
        if !inside {
            if let Some(first) = focusables(&dialog).into_iter().next() {
                let _ = first.focus();
            }
        }
    });
    // On close: wake the page and stop guarding focus first, then give it
    // back to the opener.
    on_cleanup(move || {
        let inert = std::mem::take(&mut *inert_on_close.borrow_mut());
        for element in inert {
            let _ = element.remove_attribute("inert");
        }
        focus_in.remove();
        return_focus(opener.take(), opener_id);
    });

    let on_keydown = move |event: KeyboardEvent| {
        let Some(dialog) = dialog.get_untracked() else {
            return;
        };
        // WebKitGTK reports Shift+Tab as key "Unidentified", code "Tab".
        let key = match event.key() {
            key if key == "Unidentified" => event.code(),
            key => key,
        };
        match key.as_str() {
            "Escape" | "Esc" => {
                event.prevent_default();
                event.stop_propagation();
                on_close.run(());
            }
            "Tab" => {
                event.prevent_default();
                move_focus(&dialog, event.shift_key());
            }
            _ => {}
        }
    };

    view! {
        <div class="dialog-backdrop">
            <div
                node_ref=dialog
                id=id
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                tabindex="-1"
                on:keydown=on_keydown
            >
                <h2 id=heading_id class="dialog-title">
                    {title}
                </h2>
                {children()}
            </div>
        </div>
    }
}

/// A dialog that explains, then asks to confirm: the explanation, then the
/// primary button (`confirm_label`) and **Cancel**.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    /// The primary button, e.g. "Lock".
    #[prop(into)]
    confirm_label: String,
    /// What the primary button says while the request is under way.
    #[prop(into)]
    pending_label: String,
    /// True while the request is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the last attempt failed, shown in the dialog.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A stronger style for actions that take something away.
    #[prop(optional)]
    destructive: bool,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let confirm_class = if destructive {
        "button button-primary button-danger"
    } else {
        "button button-primary"
    };
    view! {
        <Dialog id title on_close=on_cancel>
            <div class="dialog-body">{children()}</div>
            <FormAlert message=error />
            <div class="dialog-actions">
                <button
                    type="button"
                    class=confirm_class
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().then_some("true")
                    on:click=move |_| {
                        if !pending.get_untracked() {
                            on_confirm.run(());
                        }
                    }
                >
                    {move || if pending.get() { pending_label.clone() } else { confirm_label.clone() }}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| on_cancel.run(())
                >
                    {t!("dialog-cancel")}
                </button>
            </div>
        </Dialog>
    }
}

/// The controls of `dialog` that Tab can reach, in order.
fn focusables(dialog: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Makes inert every element beside `dialog` and beside each of its
/// ancestors up to `<body>`; returns those it changed, to undo on close.
fn make_others_inert(dialog: &web_sys::Element) -> Vec<web_sys::Element> {
    let mut changed = Vec::new();
    let mut keep = dialog.clone();
    while let Some(parent) = keep.parent_element() {
        let mut sibling = parent.first_element_child();
        while let Some(element) = sibling {
            sibling = element.next_element_sibling();
            if element != keep && !element.has_attribute("inert") && element.tag_name() != "SCRIPT"
            {
                let _ = element.set_attribute("inert", "");
                changed.push(element);
            }
        }
        if parent.tag_name() == "BODY" {
            break;
        }
        keep = parent;
    }
    changed
}

/// Tab (or Shift+Tab) inside the dialog: the next (previous) control,
/// wrapping around at either end.
fn move_focus(dialog: &web_sys::Element, backwards: bool) {
    let controls = focusables(dialog);
    if controls.is_empty() {
        return;
    }
    let active = document().active_element();
    let current = active.and_then(|active| {
        controls
            .iter()
            .position(|control| control.unchecked_ref::<web_sys::Element>() == &active)
    });
    let last = controls.len() - 1;
    let next = match (current, backwards) {
        (None, false) => 0,
        (None, true) => last,
        (Some(0), true) => last,
        (Some(index), true) => index - 1,
        (Some(index), false) if index == last => 0,
        (Some(index), false) => index + 1,
    };
    let _ = controls[next].focus();
}

/// Gives focus back to the element that opened the dialog; when that was
/// re-rendered meanwhile, to the element with its id, after the page updated.
fn return_focus(opener: Option<HtmlElement>, opener_id: Option<String>) {
    if let Some(opener) = opener.filter(|opener| opener.is_connected()) {
        let _ = opener.focus();
        return;
    }
    if let Some(id) = opener_id {
        request_animation_frame(move || {
            if let Some(element) = document()
                .get_element_by_id(&id)
                .and_then(|element| element.dyn_into::<HtmlElement>().ok())
            {
                let _ = element.focus();
            }
        });
    }
}

use send_wrapper::SendWrapper;
