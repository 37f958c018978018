//! Not an iPhone or iPad: send the person to the device they want to enroll,
//! with a QR code of this page's address.

use leptos::prelude::*;

use crate::components::qr_code::QrCode;
use crate::t;

#[component]
pub fn NotAppleMobileScreen(
    /// The portal's `/enroll` address.
    #[prop(into)]
    enroll_url: String,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t!("enroll-not-apple-heading")}</h1>
        <p class="lead">{t!("enroll-not-apple-lead")}</p>
        <div class="qr-frame">
            <QrCode text=enroll_url.clone() label=t!("enroll-not-apple-qr-label") />
        </div>
        <p class="enroll-link">
            {t!("enroll-not-apple-link-label")} " " <span class="enroll-link-text">{enroll_url}</span>
        </p>
        <p>{t!("enroll-not-apple-only-apple")}</p>
    }
}
