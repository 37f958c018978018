//! The language picker in the footer of every page: lists each language by
//! its own name, switches at once and is remembered on this browser.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{self, Language};
use crate::t;

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let current = i18n::current_language_untracked();
    // A catalog that could not be downloaded (offline) leaves the page as it
    // is, with a note, and the picker on the language still shown.
    let failed = RwSignal::new(false);

    let on_change = move |ev: leptos::ev::Event| {
        let Some(language) = Language::from_tag(&event_target_value(&ev)) else {
            return;
        };
        spawn_local(async move {
            if i18n::choose(language).await.is_err() {
                failed.set(true);
            }
        });
    };

    view! {
        <div class="language-picker">
            <label for="language">{t!("language-picker-label")}</label>
            <select id="language" on:change=on_change>
                {Language::ALL
                    .into_iter()
                    .map(|language| {
                        view! {
                            <option
                                value=language.tag()
                                lang=language.tag()
                                selected=language == current
                            >
                                {language.autonym()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Show when=move || failed.get()>
                <p class="field-error" role="alert">
                    {t!("language-picker-failed")}
                </p>
            </Show>
        </div>
    }
}
