//! "Who owns this device?": asked only when the organization lets the
//! person choose ("Determine based on user choice").

use leptos::prelude::*;
use portal_api::Ownership;

mod copy {
    pub const HEADING: &str = "Who owns this device?";
    pub const LEAD: &str = "This decides what your organization can see and do on it.";
    pub const PERSONAL: &str = "I own this device";
    pub const PERSONAL_HINT: &str = "You bought it, or it's yours to keep.";

    pub fn corporate(org: &str) -> String {
        format!("{org} owns this device")
    }

    pub fn corporate_hint(org: &str) -> String {
        format!("{org} gave it to you for work.")
    }

    pub const CONTINUE: &str = "Continue";
    pub const CHOOSE_ONE: &str = "Choose who owns this device.";
}

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
                    aria-describedby=hint_id.clone()
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
        <h1 tabindex="-1" id="ownership-heading">{copy::HEADING}</h1>
        <p class="lead">{copy::LEAD}</p>
        <form class="choices" novalidate=true on:submit=submit>
            <fieldset aria-labelledby="ownership-heading">
                {choice(
                    "ownership-personal",
                    Ownership::Personal,
                    copy::PERSONAL.to_owned(),
                    copy::PERSONAL_HINT.to_owned(),
                )}
                {choice(
                    "ownership-corporate",
                    Ownership::Corporate,
                    copy::corporate(&org),
                    copy::corporate_hint(&org),
                )}
            </fieldset>
            <p class="field-error" role="alert">
                {move || missing.get().then_some(copy::CHOOSE_ONE)}
            </p>
            <button type="submit" class="button button-primary button-block">
                {copy::CONTINUE}
            </button>
        </form>
    }
}
