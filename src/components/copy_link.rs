//! **Copy link**: puts a link on the clipboard, or, where the browser does
//! not allow that, shows it selected in a read-only field to copy by hand.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    /// The clipboard refused: the link is shown to copy by hand.
    ByHand,
}

/// What the button, its status and the by-hand field say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyLabels {
    pub button: String,
    pub copied: String,
    pub by_hand: String,
    pub field: String,
}

/// The **Copy link** button for `url`, with what happened said in a
/// polite live region.
#[component]
pub fn CopyLink(
    #[prop(into)] url: String,
    /// A secondary button (when another way, such as **Open in Safari**,
    /// is the main one).
    #[prop(optional)]
    secondary: bool,
    /// Other words than "Copy link" for something that is not a link
    /// (e.g. the account name to type in Settings).
    #[prop(optional)]
    labels: Option<CopyLabels>,
) -> impl IntoView {
    let labels = labels.unwrap_or_else(|| CopyLabels {
        button: t!("copy-link-button"),
        copied: t!("copy-link-copied"),
        by_hand: t!("copy-link-by-hand"),
        field: t!("copy-link-field-label"),
    });
    let CopyLabels {
        button,
        copied,
        by_hand,
        field: field_label,
    } = labels;
    let class = if secondary {
        "button button-secondary button-block"
    } else {
        "button button-primary button-block"
    };
    let state = RwSignal::new(Copied::Not);
    let field = NodeRef::<leptos::html::Input>::new();
    let url_for_copy = url.clone();

    let copy = move |_| {
        let url = url_for_copy.clone();
        spawn_local(async move {
            let copied = write_clipboard(&url).await;
            state.set(if copied { Copied::Yes } else { Copied::ByHand });
        });
    };

    // Once the field is shown, select the link so "Copy" is one tap away.
    Effect::new(move || {
        if state.get() == Copied::ByHand {
            if let Some(input) = field.get() {
                let input: HtmlInputElement = input.unchecked_into();
                let _ = input.focus();
                input.select();
            }
        }
    });

    view! {
        <div class="copy-link">
            <button type="button" class=class on:click=copy>
                {button}
            </button>
            <p class="copy-link-status" role="status" aria-live="polite">
                {move || match state.get() {
                    Copied::Not => String::new(),
                    Copied::Yes => copied.clone(),
                    Copied::ByHand => by_hand.clone(),
                }}
            </p>
            <Show when=move || state.get() == Copied::ByHand>
                <label class="visually-hidden" for="copy-link-field">
                    {field_label.clone()}
                </label>
                <input
                    id="copy-link-field"
                    class="copy-link-field"
                    type="text"
                    readonly=true
                    prop:value=url.clone()
                    node_ref=field
                    on:focus=|ev| {
                        let input: HtmlInputElement = event_target(&ev);
                        input.select();
                    }
                />
            </Show>
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`: false where there is no
/// clipboard API (an insecure page, an old browser) or it refuses.
async fn write_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|clipboard| !clipboard.is_undefined() && !clipboard.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}
