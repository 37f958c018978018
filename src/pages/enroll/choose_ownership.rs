//! "Who owns this device?": asked only when the organization lets the
//! person choose ("Determine based on user choice").

use leptos::prelude::*;
use portal_api::Ownership;

use crate::t;

/// The id of "choose one" message, which the radio buttons point to while
/// it shows.
const CHOOSE_ONE_ID: &str = "ownership-choose-one";

#[component]
pub fn ChooseOwnershipScreen(
    #[prop(into)] org: String,
    on_choose: Callback<Ownership>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<Ownership>);
    let missing = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            Some(ownership) => on_choose.run(ownership),
            None => missing.set(true),
        }
    };
    let choice = move |id: &'static str, value: Ownership, title: String, hint: String| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="choice-card">
                <input
                    type="radio"
                    id=id
                    name="ownership"
                    aria-describedby={
                        let hint_id = hint_id.clone();
                        move || {
                            if missing.get() {
                                format!("{hint_id} {CHOOSE_ONE_ID}")
                            } else {
                                hint_id.clone()
                            }
                        }
                    }
                    aria-invalid=move || missing.get().then_some("true")
                    prop:checked=move || chosen.get() == Some(value)
                    on:change=move |_| {
                        chosen.set(Some(value));
                        missing.set(false);
                    }
                />
                <label for=id>{title}</label>
                <p class="choice-hint" id=hint_id>
                    {hint}
                </p>
            </div>
        }
    };
    view! {
        <h1 tabindex="-1" id="ownership-heading">{t!("enroll-ownership-heading")}</h1>
        <p class="lead">{t!("enroll-ownership-lead")}</p>
        <form class="choices" novalidate=true on:submit=submit>
            <fieldset aria-labelledby="ownership-heading">
                {choice(
                    "ownership-personal",
                    Ownership::Personal,
                    t!("enroll-ownership-personal"),
                    t!("enroll-ownership-personal-hint"),
                )}
                {choice(
                    "ownership-corporate",
                    Ownership::Corporate,
                    t!("enroll-ownership-corporate", org = &org),
                    t!("enroll-ownership-corporate-hint", org = &org),
                )}
            </fieldset>
            <p class="field-error" id=CHOOSE_ONE_ID role="alert">
                {move || missing.get().then(|| t!("enroll-ownership-choose-one"))}
            </p>
            <button type="submit" class="button button-primary button-block">
                {t!("enroll-continue")}
            </button>
        </form>
    }
}
