//! The pages' first paint, as the SPA first draws them: the sign-in page,
//! Help and the privacy page complete (they need only the organization),
//! the protected pages with their heading and loading state (the app fills
//! them in from the start data as it starts); a device's page and the
//! enrollment's first step have modules of their own (`device.rs`,
//! `enroll.rs`).

use portal_api::organization::{web_url, web_url_label};
use portal_api::return_to::{oidc_start_href, sign_in_href};
use portal_api::session::SignInField;
use portal_api::start::SignInAttempt;
use portal_api::{
    ApiError, OidcSignInError, Organization, Ownership, SignInOptions, SupportContact,
};
use portal_i18n::refusals::{refusal_wording, RefusalWording};

use super::enroll::{privacy_lists, Level};
use super::html::{some, Html};
use super::messages::Messages;

/// The loading state (`Loading` in the SPA): a spinner and what loads.
pub fn loading(html: &mut Html, label: &str) {
    html.open(
        "div",
        &[
            ("class", some("loading")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    )
    .open(
        "span",
        &[("class", some("spinner")), ("aria-hidden", some("true"))],
    )
    .close("span")
    .element("span", &[("class", some("loading-label"))], label)
    .close("div");
}

/// A page's `<h1>` (every page's is focusable, for focus after navigation).
pub fn heading(html: &mut Html, text: &str) {
    html.element("h1", &[("tabindex", some("-1"))], text);
}

/// What the sign-in page needs (`src/pages/sign_in.rs`).
#[derive(Debug, Clone, Copy)]
pub struct SignIn<'a> {
    pub organization: Option<&'a Organization>,
    /// Unknown: the password form, as the SPA shows while they load.
    pub options: Option<&'a SignInOptions>,
    /// Where signing in leads (already checked by `safe_return_path`).
    pub return_path: &'a str,
    pub provider_error: Option<OidcSignInError>,
    /// The form as the browser sent it and the server refused it.
    pub attempt: Option<&'a SignInAttempt>,
}

/// **Sign in**: heading, why the provider's sign-in failed, the ways in
/// (the organization's provider, the password form), and the help desk.
pub fn sign_in(html: &mut Html, m: &Messages, page: &SignIn<'_>) {
    let heading_text = match page.organization {
        Some(organization) => m.t1("sign-in-heading-organization", "org", &organization.name),
        None => m.t("sign-in-heading", &[]),
    };
    heading(html, &heading_text);
    if let Some(code) = page.provider_error {
        html.open(
            "div",
            &[
                ("class", some("notice notice-error sign-in-oidc-error")),
                ("role", some("alert")),
            ],
        )
        .element("p", &[], &m.t(provider_error_key(code), &[]))
        .close("div");
    }
    let oidc = page.options.is_some_and(|options| options.oidc);
    let local = page.options.is_none_or(|options| options.local_accounts);
    if oidc {
        let organization_name = page
            .options
            .map(|options| options.organization_name.as_str())
            .unwrap_or_default();
        html.element(
            "p",
            &[("class", some("lead"))],
            &m.t("sign-in-oidc-lead", &[]),
        )
        .element(
            "a",
            &[
                (
                    "class",
                    some("button button-primary button-block sign-in-oidc"),
                ),
                ("href", some(&oidc_start_href(page.return_path))),
                ("rel", some("external")),
            ],
            &m.t1("sign-in-with-organization", "org", organization_name),
        );
    }
    if local {
        if oidc {
            html.element(
                "p",
                &[("class", some("sign-in-or"))],
                &m.t("sign-in-or-password", &[]),
            );
        } else {
            html.element("p", &[("class", some("lead"))], &m.t("sign-in-lead", &[]));
        }
        sign_in_form(html, m, page.return_path, page.attempt);
    }
    trouble_signing_in(html, m, page.organization);
}

/// The password form (`SignInForm`). It works before the app has started:
/// the browser sends it to `POST /sign-in` (`posted_sign_in`), which signs
/// in and opens `return_path`, or answers with this page again, the email
/// address kept and the refusal said where the app says it (the alert, or
/// beside its field, which then has the focus). Once the app has started it
/// sends the form itself, through the API; what was typed meanwhile is
/// carried over into the app's form.
fn sign_in_form(html: &mut Html, m: &Messages, return_path: &str, attempt: Option<&SignInAttempt>) {
    let refusal = attempt.map(|attempt| &attempt.error);
    let field_error = |field: SignInField| {
        refusal
            .filter(|error| error.field.as_deref() == Some(field.name()))
            .map(|error| refusal_words(m, error))
    };
    let alert = refusal
        .filter(|error| error.field.is_none())
        .map(|error| refusal_words(m, error));
    html.open(
        "form",
        &[
            ("class", some("sign-in-form")),
            ("novalidate", some("")),
            ("method", some("post")),
            ("action", some(&sign_in_href(return_path))),
            ("aria-busy", some("false")),
        ],
    )
    .open(
        "div",
        &[("class", some("form-alert")), ("role", some("alert"))],
    );
    if let Some(alert) = &alert {
        html.open("div", &[("class", some("alert alert-error"))])
            .element("p", &[("id", some(ALERT_TEXT_ID))], alert)
            .close("div");
    }
    html.close("div");
    // Where the focus goes: the field a refusal is about, else (wrong
    // password, throttled) the password, to type it again.
    let focused = match (field_error(SignInField::Email), refusal) {
        (Some(_), _) => Some(SignInField::Email),
        (None, Some(_)) => Some(SignInField::Password),
        (None, None) => None,
    };
    let field = |html: &mut Html,
                 field: SignInField,
                 label: &str,
                 input: &[(&str, Option<&str>)]| {
        let (id, error_id) = match field {
            SignInField::Email => ("sign-in-email", "sign-in-email-error"),
            SignInField::Password => ("sign-in-password", "sign-in-password-error"),
        };
        let error = field_error(field);
        let class = if error.is_some() {
            "field field-invalid"
        } else {
            "field"
        };
        html.open("div", &[("class", some(class))])
            .element("label", &[("for", some(id))], label);
        if let Some(error) = &error {
            html.open(
                "p",
                &[("class", some("field-error")), ("id", some(error_id))],
            )
            .element(
                "span",
                &[("class", some("visually-hidden"))],
                &format!("{} ", m.t("form-field-error-prefix", &[])),
            )
            .text(error)
            .close("p");
        }
        let invalid = error.is_some().then_some("true");
        let has_focus = focused == Some(field);
        // A page that arrives with a refusal does not announce its alert:
        // the field with the focus reads it out.
        let described_by = match (&error, &alert) {
            (Some(_), _) => Some(error_id),
            (None, Some(_)) if has_focus => Some(ALERT_TEXT_ID),
            _ => None,
        };
        let autofocus = has_focus.then_some("");
        let mut attributes = vec![("id", some(id))];
        attributes.extend_from_slice(input);
        attributes.extend([
            ("aria-invalid", invalid),
            ("aria-describedby", described_by),
            ("autofocus", autofocus),
        ]);
        html.open("input", &attributes);
        html.close("div");
    };
    field(
        html,
        SignInField::Email,
        &m.t("sign-in-email-label", &[]),
        &[
            ("name", some("email")),
            ("type", some("email")),
            ("autocomplete", some("username")),
            ("inputmode", some("email")),
            ("autocapitalize", some("off")),
            ("spellcheck", some("false")),
            ("required", some("")),
            ("value", attempt.map(|attempt| attempt.email.as_str())),
        ],
    );
    field(
        html,
        SignInField::Password,
        &m.t("sign-in-password-label", &[]),
        &[
            ("name", some("password")),
            ("type", some("password")),
            ("autocomplete", some("current-password")),
            ("required", some("")),
        ],
    );
    html.element(
        "button",
        &[
            ("type", some("submit")),
            ("class", some("button button-primary button-block")),
        ],
        &m.t("sign-in-submit", &[]),
    )
    .close("form");
}

/// **What can <Org> see?** (`PrivacyPage`): for a personal and for a
/// corporate device, and with user enrollment when the organization offers
/// it, the lists and the organization's own words; then its statement.
pub fn privacy(html: &mut Html, m: &Messages, organization: &Organization) {
    let org = organization.name.as_str();
    heading(html, &m.t1("shell-privacy-link", "org", org));
    html.open(
        "div",
        &[
            ("class", some("privacy-page")),
            ("aria-busy", some("false")),
        ],
    )
    .element(
        "p",
        &[("class", some("lead"))],
        &m.t1("privacy-page-lead", "org", org),
    );
    let section = |html: &mut Html,
                   id: &str,
                   heading_text: &str,
                   lead_text: &str,
                   ownership: Ownership,
                   user_enrollment: bool| {
        html.open(
            "section",
            &[
                ("class", some("privacy-ownership")),
                ("aria-labelledby", some(id)),
            ],
        )
        .element("h2", &[("id", some(id))], heading_text)
        .element("p", &[], lead_text);
        let message = (!user_enrollment)
            .then(|| organization.privacy_message(ownership))
            .flatten();
        privacy_lists(
            html,
            m,
            org,
            ownership,
            message,
            user_enrollment,
            Level::InSection,
        );
        html.close("section");
    };
    section(
        html,
        "personal-heading",
        &m.t("privacy-page-personal-heading", &[]),
        &m.t("privacy-page-personal-lead", &[]),
        Ownership::Personal,
        false,
    );
    if organization.offers_user_enrollment {
        section(
            html,
            "user-enrollment-heading",
            &m.t("privacy-page-user-enrollment-heading", &[]),
            &m.t("privacy-page-user-enrollment-lead", &[]),
            Ownership::Personal,
            true,
        );
    }
    section(
        html,
        "corporate-heading",
        &m.t1("privacy-page-corporate-heading", "org", org),
        &m.t("privacy-page-corporate-lead", &[]),
        Ownership::Corporate,
        false,
    );
    if let Some(url) = organization
        .privacy_statement_url
        .as_deref()
        .and_then(web_url)
    {
        html.open("p", &[("class", some("standalone-link"))])
            .element(
                "a",
                &[("href", some(url)), ("rel", some("external"))],
                &m.t1("help-privacy-statement", "org", org),
            )
            .close("p");
    }
    html.close("div");
}

/// The refused form's alert text, which the field with the focus names.
const ALERT_TEXT_ID: &str = "sign-in-alert-text";

/// A refusal in the person's words, as the app says it
/// (`portal_i18n::refusals`).
fn refusal_words(m: &Messages, error: &ApiError) -> String {
    match refusal_wording(error) {
        RefusalWording::Message(message) => m.t(message.key, &message.args),
        RefusalWording::ServerSentence(sentence) => sentence.to_owned(),
    }
}

/// "Trouble signing in?" with the organization's help desk.
fn trouble_signing_in(html: &mut Html, m: &Messages, organization: Option<&Organization>) {
    html.open(
        "section",
        &[
            ("class", some("trouble")),
            ("aria-labelledby", some("trouble-heading")),
        ],
    )
    .element(
        "h2",
        &[("id", some("trouble-heading"))],
        &m.t("sign-in-trouble-heading", &[]),
    );
    match organization {
        None => loading(html, &m.t("sign-in-trouble-loading", &[])),
        Some(organization) if !organization.support.is_empty() => {
            html.element("p", &[], &m.t("sign-in-trouble-help-desk", &[]));
            support_contact(html, m, &organization.support);
        }
        Some(_) => {
            html.element("p", &[], &m.t("sign-in-trouble-it-department", &[]));
        }
    }
    html.open("p", &[("class", some("standalone-link"))])
        .element(
            "a",
            &[("href", some("/help"))],
            &m.t("sign-in-more-help", &[]),
        )
        .close("p")
        .close("section");
}

/// The help desk's contact details (`SupportContactDetails`): only what is
/// set, nothing at all without a way to reach it.
pub fn support_contact(html: &mut Html, m: &Messages, support: &SupportContact) {
    let phone = support
        .phone
        .as_deref()
        .filter(|phone| !phone.trim().is_empty());
    let email = support.email.as_deref().zip(support.email_uri());
    let website = support.website.as_deref().and_then(web_url);
    if phone.is_none() && email.is_none() && website.is_none() {
        return;
    }
    html.open("ul", &[("class", some("contact-list"))]);
    if let Some(name) = support
        .name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
    {
        html.element("li", &[("class", some("contact-name"))], name);
    }
    let kind = |html: &mut Html, key: &str| {
        html.element(
            "span",
            &[("class", some("contact-kind"))],
            &format!("{} ", m.t(key, &[])),
        );
    };
    if let Some(phone) = phone {
        html.open("li", &[]);
        kind(html, "support-phone");
        match support.phone_uri() {
            Some(uri) => {
                html.element("a", &[("href", some(&uri))], phone);
            }
            None => {
                html.text(phone);
            }
        }
        html.close("li");
    }
    if let Some((email, uri)) = email {
        html.open("li", &[]);
        kind(html, "support-email");
        html.element("a", &[("href", some(&uri))], email)
            .close("li");
    }
    if let Some(url) = website {
        html.open("li", &[]);
        kind(html, "support-website");
        html.element(
            "a",
            &[("href", some(url)), ("rel", some("external"))],
            web_url_label(url),
        )
        .close("li");
    }
    html.close("ul");
}

fn provider_error_key(code: OidcSignInError) -> &'static str {
    match code {
        OidcSignInError::Cancelled => "sign-in-oidc-error-cancelled",
        OidcSignInError::ProviderUnavailable => "sign-in-oidc-error-provider-unavailable",
        OidcSignInError::EmailNotVerified => "sign-in-oidc-error-email-not-verified",
        OidcSignInError::EmailMissing => "sign-in-oidc-error-email-missing",
        OidcSignInError::InvalidResponse => "sign-in-oidc-error-invalid-response",
        OidcSignInError::Expired => "sign-in-oidc-error-expired",
        OidcSignInError::NotConfigured => "sign-in-oidc-error-not-configured",
        OidcSignInError::Unknown => "sign-in-oidc-error-unknown",
    }
}

/// **Help** (`src/pages/help.rs`) once the organization is known.
pub fn help(html: &mut Html, m: &Messages, organization: &Organization) {
    let org = organization.name.as_str();
    heading(html, &m.t("help-heading", &[]));
    html.open("div", &[("aria-busy", some("false"))])
        .open("section", &[("aria-labelledby", some("help-desk-heading"))])
        .element(
            "h2",
            &[("id", some("help-desk-heading"))],
            &m.t("help-desk-heading", &[]),
        );
    if organization.support.is_empty() {
        html.element("p", &[], &m.t1("help-desk-missing", "org", org));
    } else {
        html.element("p", &[], &m.t1("help-desk-contact", "org", org));
        support_contact(html, m, &organization.support);
    }
    html.close("section")
        .open("section", &[("aria-labelledby", some("privacy-heading"))])
        .element(
            "h2",
            &[("id", some("privacy-heading"))],
            &m.t("help-privacy-heading", &[]),
        )
        .open("ul", &[("class", some("link-list"))])
        .open("li", &[])
        .element(
            "a",
            &[("href", some("/privacy"))],
            &m.t1("shell-privacy-link", "org", org),
        )
        .close("li");
    if let Some(url) = organization
        .privacy_statement_url
        .as_deref()
        .and_then(web_url)
    {
        html.open("li", &[])
            .element(
                "a",
                &[("href", some(url)), ("rel", some("external"))],
                &m.t1("help-privacy-statement", "org", org),
            )
            .close("li");
    }
    html.close("ul").close("section").close("div");
}

/// A protected page for a signed-in person while its data loads: the
/// `RequireSignIn` wrapper (open) around what each page shows first.
pub fn protected_loading(html: &mut Html, m: &Messages, page: ProtectedPage) {
    let guarded = |html: &mut Html| {
        html.open(
            "div",
            &[("class", some("guarded")), ("aria-busy", some("false"))],
        );
    };
    match page {
        ProtectedPage::Devices => {
            heading(html, &m.t("devices-heading", &[]));
            guarded(html);
            html.open(
                "div",
                &[("class", some("devices")), ("aria-busy", some("true"))],
            );
            loading(html, &m.t("devices-loading", &[]));
            html.close("div").close("div");
        }
        ProtectedPage::Notifications => {
            heading(html, &m.t("notifications-heading", &[]));
            guarded(html);
            html.open(
                "div",
                &[
                    ("class", some("notifications")),
                    ("aria-busy", some("true")),
                ],
            );
            loading(html, &m.t("notifications-loading", &[]));
            html.close("div").close("div");
        }
        ProtectedPage::Device => {
            guarded(html);
            html.open(
                "div",
                &[("class", some("device-page")), ("aria-busy", some("true"))],
            );
            heading(html, &m.t("device-page-title", &[]));
            loading(html, &m.t("device-loading", &[]));
            html.close("div").close("div");
        }
        ProtectedPage::Enroll => super::enroll::checking(html, m),
        ProtectedPage::AccountEnrollmentSignIn => {
            guarded(html);
            heading(html, &m.t("account-enrollment-heading-generic", &[]));
            loading(html, &m.t("account-enrollment-loading", &[]));
            html.close("div");
        }
    }
}

/// The protected pages with a first paint of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectedPage {
    Devices,
    Device,
    Notifications,
    Enroll,
    AccountEnrollmentSignIn,
}
