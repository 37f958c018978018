//! Not an iPhone or iPad: send the person to the device they want to enroll,
//! with a QR code of this page's address.

use leptos::prelude::*;

use crate::components::qr_code::QrCode;

mod copy {
    pub const HEADING: &str = "Open this page on your iPhone or iPad";
    pub const LEAD: &str = "Open this page on the iPhone or iPad you want to enroll. \
                            Point its camera at this code, or type the link into Safari.";
    pub const QR_LABEL: &str = "QR code of the link to this page";
    pub const LINK_LABEL: &str = "The link:";
    pub const ONLY_APPLE: &str = "Only iPhones and iPads can be enrolled here.";
}

#[component]
pub fn NotAppleMobileScreen(
    /// The portal's `/enroll` address.
    #[prop(into)]
    enroll_url: String,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::LEAD}</p>
        <div class="qr-frame">
            <QrCode text=enroll_url.clone() label=copy::QR_LABEL />
        </div>
        <p class="enroll-link">
            {copy::LINK_LABEL} " " <span class="enroll-link-text">{enroll_url}</span>
        </p>
        <p>{copy::ONLY_APPLE}</p>
    }
}
