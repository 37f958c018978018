//! "What do you want to secure?": asked after "I own this device" when the
//! person's enrollment profile lets them choose ("Determine based on user
//! choice"): the entire device (web device enrollment) or only work apps
//! and data (account-driven user enrollment).

use leptos::prelude::*;
use portal_api::EnrollmentType;

use crate::t;

/// The id of the "choose one" message, which the radio buttons point to
/// while it shows.
const CHOOSE_ONE_ID: &str = "enrollment-type-choose-one";

#[component]
pub fn ChooseEnrollmentTypeScreen(
    #[prop(into)] org: String,
    on_choose: Callback<EnrollmentType>,
    /// Back to "Who owns this device?", when that was asked.
    #[prop(optional_no_strip)]
    on_back: Option<Callback<()>>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<EnrollmentType>);
    let missing = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            Some(enrollment_type) => on_choose.run(enrollment_type),
            None => missing.set(true),
        }
    };
    let choice = move |id: &'static str, value: EnrollmentType, title: String, hint: String| {
        let hint_id = format!("{id}-hint");
        let described_by = {
            let hint_id = hint_id.clone();
            move || {
                if missing.get() {
                    format!("{hint_id} {CHOOSE_ONE_ID}")
                } else {
                    hint_id.clone()
                }
            }
        };
        view! {
            <div class="choice-card">
                <input
                    type="radio"
                    id=id
                    name="enrollment-type"
                    aria-describedby=described_by
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
        <h1 tabindex="-1" id="enrollment-type-heading">{t!("enroll-secure-heading")}</h1>
        <p class="lead">{t!("enroll-secure-lead", org = &org)}</p>
        <form class="choices" novalidate=true on:submit=submit>
            <fieldset aria-labelledby="enrollment-type-heading">
                {choice(
                    "enrollment-type-device",
                    EnrollmentType::DeviceEnrollment,
                    t!("enroll-secure-entire-device"),
                    t!("enroll-secure-entire-device-hint", org = &org),
                )}
                {choice(
                    "enrollment-type-user",
                    EnrollmentType::UserEnrollment,
                    t!("enroll-secure-work-only"),
                    t!("enroll-secure-work-only-hint", org = &org),
                )}
            </fieldset>
            <p class="field-error" id=CHOOSE_ONE_ID role="alert">
                {move || missing.get().then(|| t!("enroll-secure-choose-one"))}
            </p>
            <div class="actions">
                <button type="submit" class="button button-primary button-block">
                    {t!("enroll-continue")}
                </button>
                {on_back
                    .map(|on_back| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| on_back.run(())
                            >
                                {t!("enroll-privacy-back")}
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}
