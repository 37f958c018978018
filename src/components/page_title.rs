//! The document title of a page: "My devices · Contoso".

use leptos::prelude::*;

use crate::context::use_organization;
use crate::format::document_title;

/// Sets `document.title` to "<page> · <organization>" (the product name
/// until the organization's name has loaded), and again whenever either
/// changes. A plain effect: a whole head-management crate for one title
/// cost the bundle more than it gave.
#[component]
pub fn PageTitle(#[prop(into)] page: Signal<String>) -> impl IntoView {
    let organization = use_organization();
    Effect::new(move || {
        let title = document_title(&page.get(), organization.name().as_deref());
        document().set_title(&title);
    });
}
