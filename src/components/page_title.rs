//! The document title of a page: "My devices · Contoso".

use leptos::prelude::*;
use leptos_meta::Title;

use crate::context::use_organization;
use crate::format::document_title;

/// Sets `document.title` to "<page> · <organization>" (the product name
/// until the organization's name has loaded).
#[component]
pub fn PageTitle(#[prop(into)] page: String) -> impl IntoView {
    let organization = use_organization();
    view! { <Title text=move || document_title(&page, organization.name().as_deref()) /> }
}
