//! **Enroll** (`src/pages/enroll/`) as the app first draws it: the step
//! the journey arrives at, when the `User-Agent` header alone decides it
//! (`enrollment_flow::first_step_from_user_agent`, the same decision the
//! app makes), else the heading and "Checking…" until the app has read the
//! browser. Each step as its screen draws it before the person does
//! anything: same elements, classes and words.

use enrollment_flow::{device_name, open_in_safari_url, os_name, Step, UserChoice};
use portal_api::organization::web_url;
use portal_api::return_to::DEFAULT_RETURN_PATH;
use portal_api::{
    DeviceKind, EnrollmentRules, EnrollmentType, Organization, OsVersion, Ownership, SupportContact,
};
use portal_i18n::Arg;

use super::html::{some, Html};
use super::messages::Messages;
use super::pages::{heading, loading, support_contact};

/// What the steps show besides the step itself.
#[derive(Debug, Clone, Copy)]
pub struct Journey<'a> {
    pub organization: Option<&'a Organization>,
    pub rules: &'a EnrollmentRules,
    /// The signed-in person's email: the work account, unless the
    /// organization set a Managed Apple Account.
    pub email: &'a str,
    /// This page's `/enroll` address as the browser will have it, when the
    /// server knows it (the request came to the portal's public address).
    pub enroll_url: Option<&'a str>,
}

/// Whether the server draws `step` (else the app does, after "Checking…").
pub fn is_drawn(step: &Step, journey: &Journey<'_>) -> bool {
    match step {
        Step::NotSetUp
        | Step::DeviceNotAllowed { .. }
        | Step::UpdateOs { .. }
        | Step::DeviceLimitReached { .. }
        | Step::ChooseOwnership { .. }
        | Step::ChooseEnrollmentType { .. }
        | Step::Privacy { .. }
        | Step::SignInToWorkAccount { .. } => true,
        // Its links are this page's address.
        Step::WrongBrowser { .. } => journey.enroll_url.is_some(),
        // The QR code, the enrollment's own steps and endings, and the
        // loading state are the app's.
        Step::CheckDevice
        | Step::NotAppleMobile
        | Step::Download { .. }
        | Step::Install { .. }
        | Step::Expired { .. }
        | Step::Rejected { .. }
        | Step::Enrolled { .. } => false,
    }
}

/// The page inside `RequireSignIn`'s wrapper: the journey's live region
/// and its step (`EnrollJourney`), `step` when [`is_drawn`], else the
/// loading state.
pub fn enroll(html: &mut Html, m: &Messages, journey: &Journey<'_>, step: Option<&Step>) {
    match step.filter(|step| is_drawn(step, journey)) {
        Some(step) => {
            open_journey(html, step);
            screen(html, m, journey, step);
            html.close("fieldset").close("div");
        }
        None => checking(html, m),
    }
}

/// The journey while it checks the device: its heading and "Checking…".
pub fn checking(html: &mut Html, m: &Messages) {
    open_journey(html, &Step::CheckDevice);
    heading(html, &m.t("enroll-heading", &[]));
    loading(html, &m.t("enroll-checking", &[]));
    html.close("fieldset").close("div");
}

/// `RequireSignIn`'s wrapper, the journey's live region and the step's
/// `<fieldset>`, left open.
fn open_journey(html: &mut Html, step: &Step) {
    let checking = *step == Step::CheckDevice;
    html.open(
        "div",
        &[("class", some("guarded")), ("aria-busy", some("false"))],
    )
    .open(
        "p",
        &[
            ("class", some("visually-hidden")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    )
    .close("p")
    .open(
        "fieldset",
        &[
            ("class", some("enroll-step")),
            ("data-step", some(step.name())),
            ("aria-busy", some(if checking { "true" } else { "false" })),
        ],
    );
}

/// One step's screen (the `view_of` of `EnrollJourney`).
fn screen(html: &mut Html, m: &Messages, journey: &Journey<'_>, step: &Step) {
    let org = journey.organization.map_or_else(
        || m.t("enroll-org-fallback", &[]),
        |organization| organization.name.clone(),
    );
    match step {
        Step::NotSetUp => not_set_up(
            html,
            m,
            &org,
            journey
                .organization
                .map(|organization| &organization.support),
        ),
        Step::WrongBrowser {
            device,
            in_app,
            web_clip,
            can_open_in_safari,
            browser_name,
        } => wrong_browser(
            html,
            m,
            *device,
            why_wrong_browser(m, *in_app, *web_clip, *browser_name),
            *can_open_in_safari,
            journey.enroll_url.unwrap_or_default(),
        ),
        Step::DeviceNotAllowed { device } => device_not_allowed(html, m, *device, &org),
        Step::UpdateOs {
            device,
            minimum,
            maximum,
            current,
        } => update_os(
            html,
            m,
            *device,
            minimum.as_ref(),
            maximum.as_ref(),
            current,
            &org,
        ),
        Step::DeviceLimitReached { limit } => device_limit_reached(html, m, *limit, &org),
        Step::ChooseOwnership { .. } => choose_ownership(html, m, &org),
        Step::ChooseEnrollmentType {
            user_choice: UserChoice { .. },
            back_to,
        } => choose_enrollment_type(html, m, &org, back_to.is_some()),
        Step::Privacy {
            ownership,
            enrollment_type,
            back_to,
        } => {
            let user_enrollment = *enrollment_type == EnrollmentType::UserEnrollment;
            let account = user_enrollment
                .then(|| work_account(journey, journey.rules.managed_apple_account.as_deref()));
            privacy(
                html,
                m,
                &org,
                *ownership,
                user_enrollment,
                account.as_deref(),
                journey,
                back_to.is_some(),
            );
        }
        Step::SignInToWorkAccount {
            managed_apple_account,
            legacy_user_enrollment,
            back_to,
        } => sign_in_to_work_account(
            html,
            m,
            &org,
            &work_account(journey, managed_apple_account.as_deref()),
            *legacy_user_enrollment,
            back_to.is_some(),
        ),
        // Not drawn (see `is_drawn`).
        _ => {}
    }
}

/// The Managed Apple Account, else the work email (`work_account`).
fn work_account(journey: &Journey<'_>, managed_apple_account: Option<&str>) -> String {
    managed_apple_account.unwrap_or(journey.email).to_owned()
}

/// `<p class="lead">`
fn lead(html: &mut Html, text: &str) {
    html.element("p", &[("class", some("lead"))], text);
}

/// A full-width primary link button in a paragraph.
fn button_link(html: &mut Html, href: &str, text: &str) {
    html.open("p", &[])
        .element(
            "a",
            &[
                ("class", some("button button-primary button-block")),
                ("href", some(href)),
            ],
            text,
        )
        .close("p");
}

/// A "Back" button (`button-quiet`).
fn back_button(html: &mut Html, m: &Messages) {
    html.element(
        "button",
        &[
            ("type", some("button")),
            ("class", some("button button-quiet")),
        ],
        &m.t("enroll-privacy-back", &[]),
    );
}

/// `NotSetUpScreen`
fn not_set_up(html: &mut Html, m: &Messages, org: &str, support: Option<&SupportContact>) {
    let support = support.filter(|support| !support.is_empty());
    heading(html, &m.t("enroll-not-set-up-heading", &[]));
    html.open(
        "div",
        &[("class", some("notice")), ("role", some("status"))],
    );
    lead(html, &m.t1("enroll-not-set-up-lead", "org", org));
    html.close("div");
    let contact = if support.is_some() {
        "enroll-not-set-up-contact"
    } else {
        "enroll-not-set-up-contact-it"
    };
    html.element("p", &[], &m.t1(contact, "org", org));
    if let Some(support) = support {
        support_contact(html, m, support);
    }
    button_link(html, "/devices", &m.t("enroll-go-to-my-devices", &[]));
}

/// Why only Safari will do (`why` of `WrongBrowserScreen`).
fn why_wrong_browser(
    m: &Messages,
    in_app: bool,
    web_clip: bool,
    browser: Option<&'static str>,
) -> String {
    match (web_clip, in_app, browser) {
        (true, _, _) => m.t("enroll-wrong-browser-web-clip", &[]),
        (false, true, Some(browser)) => m.t1("enroll-wrong-browser-in-app", "browser", browser),
        (false, true, None) => m.t("enroll-wrong-browser-in-unknown-app", &[]),
        (false, false, Some(browser)) => m.t1("enroll-wrong-browser-other", "browser", browser),
        (false, false, None) => m.t("enroll-wrong-browser-unknown", &[]),
    }
}

/// `WrongBrowserScreen`
fn wrong_browser(
    html: &mut Html,
    m: &Messages,
    device: DeviceKind,
    why: String,
    can_open_in_safari: bool,
    enroll_url: &str,
) {
    let safari_link = can_open_in_safari
        .then(|| open_in_safari_url(enroll_url))
        .flatten();
    heading(html, &m.t("enroll-wrong-browser-heading", &[]));
    lead(html, &why);
    if let Some(href) = &safari_link {
        html.open("p", &[])
            .element(
                "a",
                &[
                    ("class", some("button button-primary button-block")),
                    ("href", some(href)),
                    ("rel", some("external")),
                ],
                &m.t("enroll-wrong-browser-open-in-safari", &[]),
            )
            .close("p")
            .element("p", &[], &m.t("enroll-wrong-browser-or-copy", &[]));
    }
    copy_link(html, &m.t("copy-link-button", &[]), safari_link.is_some());
    html.element("h2", &[], &m.t("enroll-wrong-browser-steps-heading", &[]))
        .open("ol", &[("class", some("steps"))])
        .element("li", &[], &m.t("enroll-wrong-browser-step-copy", &[]))
        .element(
            "li",
            &[],
            &m.t1(
                "enroll-wrong-browser-step-open",
                "device",
                device_name(device),
            ),
        )
        .element("li", &[], &m.t("enroll-wrong-browser-step-paste", &[]))
        .close("ol")
        .element("p", &[], &m.t("enroll-wrong-browser-after", &[]));
}

/// `CopyLink` before anything is copied: its button and its (empty)
/// live region.
fn copy_link(html: &mut Html, button: &str, secondary: bool) {
    let class = if secondary {
        "button button-secondary button-block"
    } else {
        "button button-primary button-block"
    };
    html.open("div", &[("class", some("copy-link"))])
        .element(
            "button",
            &[("type", some("button")), ("class", some(class))],
            button,
        )
        .open(
            "p",
            &[
                ("class", some("copy-link-status")),
                ("role", some("status")),
                ("aria-live", some("polite")),
            ],
        )
        .close("p")
        .close("div");
}

/// `DeviceNotAllowedScreen`
fn device_not_allowed(html: &mut Html, m: &Messages, device: DeviceKind, org: &str) {
    let name = device_name(device);
    heading(
        html,
        &m.t1("enroll-device-not-allowed-heading", "device", name),
    );
    lead(
        html,
        &m.t(
            "enroll-device-not-allowed-lead",
            &[("org", Arg::from(org)), ("device", Arg::from(name))],
        ),
    );
    help_desk_link(html, &m.t("enroll-contact-help-desk", &[]));
}

/// `<p class="standalone-link"><a href="/help">…</a></p>`
fn help_desk_link(html: &mut Html, text: &str) {
    html.open("p", &[("class", some("standalone-link"))])
        .element("a", &[("href", some("/help"))], text)
        .close("p");
}

/// `UpdateOsScreen`
fn update_os(
    html: &mut Html,
    m: &Messages,
    device: DeviceKind,
    minimum: Option<&OsVersion>,
    maximum: Option<&OsVersion>,
    current: &OsVersion,
    org: &str,
) {
    let os = os_name(device);
    let name = device_name(device);
    let too_old = minimum.is_some_and(|minimum| current < minimum);
    let args = |bound: &'static str, value: String| {
        [
            ("device", Arg::from(name)),
            ("os", Arg::from(os)),
            ("current", Arg::from(current.to_string())),
            ("org", Arg::from(org)),
            (bound, Arg::from(value)),
        ]
    };
    if too_old {
        let minimum = minimum.map(ToString::to_string).unwrap_or_default();
        heading(html, &m.t1("enroll-update-os-heading-too-old", "os", os));
        lead(
            html,
            &m.t("enroll-update-os-too-old-lead", &args("minimum", minimum)),
        );
        // `UpdateSteps`
        html.element("h2", &[], &m.t("enroll-update-os-steps-heading", &[]))
            .open("ol", &[("class", some("steps"))])
            .element("li", &[], &m.t("enroll-update-os-step-settings", &[]))
            .element("li", &[], &m.t("enroll-update-os-step-install", &[]))
            .element("li", &[], &m.t("enroll-update-os-step-back", &[]))
            .close("ol")
            .open("p", &[])
            .text(&format!(
                "{} ",
                m.t("enroll-update-os-updated-already", &[])
            ))
            .element(
                "a",
                &[("href", some("/enroll")), ("rel", some("external"))],
                &m.t("enroll-update-os-check-again", &[]),
            )
            .close("p");
    } else {
        let maximum = maximum.map(ToString::to_string).unwrap_or_default();
        heading(html, &m.t1("enroll-update-os-heading-too-new", "os", os));
        lead(
            html,
            &m.t("enroll-update-os-too-new-lead", &args("maximum", maximum)),
        );
        help_desk_link(html, &m.t("enroll-update-os-help", &[]));
    }
}

/// `DeviceLimitReachedScreen`
fn device_limit_reached(html: &mut Html, m: &Messages, limit: u32, org: &str) {
    heading(html, &m.t("enroll-limit-heading", &[]));
    lead(
        html,
        &m.t(
            "enroll-limit-lead",
            &[("org", Arg::from(org)), ("limit", Arg::from(limit))],
        ),
    );
    html.element("p", &[], &m.t("enroll-limit-what-to-do", &[]));
    button_link(html, "/devices", &m.t("enroll-go-to-my-devices", &[]));
}

/// A radio card of a choice (`choice` of the choosing screens), nothing
/// chosen yet.
fn choice_card(html: &mut Html, name: &str, id: &str, title: &str, hint: &str) {
    let hint_id = format!("{id}-hint");
    html.open("div", &[("class", some("choice-card"))])
        .open(
            "input",
            &[
                ("type", some("radio")),
                ("id", some(id)),
                ("name", some(name)),
                ("aria-describedby", some(&hint_id)),
            ],
        )
        .element("label", &[("for", some(id))], title)
        .element(
            "p",
            &[("class", some("choice-hint")), ("id", some(&hint_id))],
            hint,
        )
        .close("div");
}

/// The choosing screens' form, up to its fieldset.
fn open_choices(html: &mut Html, labelled_by: &str) {
    html.open(
        "form",
        &[("class", some("choices")), ("novalidate", some(""))],
    )
    .open("fieldset", &[("aria-labelledby", some(labelled_by))]);
}

/// The (empty) "choose one" message after the fieldset.
fn choose_one(html: &mut Html, id: &str) {
    html.close("fieldset").open(
        "p",
        &[
            ("class", some("field-error")),
            ("id", some(id)),
            ("role", some("alert")),
        ],
    );
    html.close("p");
}

/// The choosing form's **Continue**, disabled until the app has started
/// (as the sign-in form's): the app moves on without leaving the page, and
/// a plain submission would only reload it. A choice made meanwhile is
/// carried over into the app's form.
fn continue_button(html: &mut Html, m: &Messages) {
    html.element(
        "button",
        &[
            ("type", some("submit")),
            ("class", some("button button-primary button-block")),
            ("disabled", some("")),
        ],
        &m.t("enroll-continue", &[]),
    );
}

/// `ChooseOwnershipScreen`
fn choose_ownership(html: &mut Html, m: &Messages, org: &str) {
    html.element(
        "h1",
        &[("tabindex", some("-1")), ("id", some("ownership-heading"))],
        &m.t("enroll-ownership-heading", &[]),
    );
    lead(html, &m.t("enroll-ownership-lead", &[]));
    open_choices(html, "ownership-heading");
    choice_card(
        html,
        "ownership",
        "ownership-personal",
        &m.t("enroll-ownership-personal", &[]),
        &m.t("enroll-ownership-personal-hint", &[]),
    );
    choice_card(
        html,
        "ownership",
        "ownership-corporate",
        &m.t1("enroll-ownership-corporate", "org", org),
        &m.t1("enroll-ownership-corporate-hint", "org", org),
    );
    choose_one(html, "ownership-choose-one");
    continue_button(html, m);
    html.close("form");
}

/// `ChooseEnrollmentTypeScreen`
fn choose_enrollment_type(html: &mut Html, m: &Messages, org: &str, can_go_back: bool) {
    html.element(
        "h1",
        &[
            ("tabindex", some("-1")),
            ("id", some("enrollment-type-heading")),
        ],
        &m.t("enroll-secure-heading", &[]),
    );
    lead(html, &m.t1("enroll-secure-lead", "org", org));
    open_choices(html, "enrollment-type-heading");
    choice_card(
        html,
        "enrollment-type",
        "enrollment-type-device",
        &m.t("enroll-secure-entire-device", &[]),
        &m.t1("enroll-secure-entire-device-hint", "org", org),
    );
    choice_card(
        html,
        "enrollment-type",
        "enrollment-type-user",
        &m.t("enroll-secure-work-only", &[]),
        &m.t1("enroll-secure-work-only-hint", "org", org),
    );
    choose_one(html, "enrollment-type-choose-one");
    html.open("div", &[("class", some("actions"))]);
    continue_button(html, m);
    if can_go_back {
        back_button(html, m);
    }
    html.close("div").close("form");
}

/// `PrivacyScreen` before Continue.
#[allow(clippy::too_many_arguments)]
fn privacy(
    html: &mut Html,
    m: &Messages,
    org: &str,
    ownership: Ownership,
    user_enrollment: bool,
    account: Option<&str>,
    journey: &Journey<'_>,
    can_go_back: bool,
) {
    heading(html, &m.t1("enroll-privacy-heading", "org", org));
    let lead_text = if user_enrollment {
        m.t("enroll-privacy-lead-user-enrollment", &[])
    } else {
        m.t1("enroll-privacy-lead", "ownership", ownership_key(ownership))
    };
    lead(html, &lead_text);
    let message = journey
        .organization
        .and_then(|organization| organization.privacy_message(ownership));
    privacy_lists(
        html,
        m,
        org,
        ownership,
        message,
        user_enrollment,
        Level::Top,
    );
    if let Some(account) = account.filter(|_| user_enrollment) {
        html.element(
            "p",
            &[
                ("class", some("hint")),
                ("data-testid", some("legacy-account")),
            ],
            &m.t1("enroll-privacy-legacy-account", "account", account),
        );
    }
    if let Some(url) = journey
        .organization
        .and_then(|organization| organization.privacy_statement_url.as_deref())
        .and_then(web_url)
    {
        html.open("p", &[("class", some("standalone-link"))])
            .element(
                "a",
                &[("href", some(url)), ("rel", some("external"))],
                &m.t("enroll-privacy-statement-link", &[]),
            )
            .close("p");
    }
    html.open(
        "div",
        &[("class", some("alert-slot")), ("role", some("alert"))],
    )
    .close("div")
    .open("div", &[("class", some("actions"))])
    .element(
        "button",
        &[
            ("type", some("button")),
            ("class", some("button button-primary button-block")),
        ],
        &m.t("enroll-continue", &[]),
    );
    if can_go_back {
        back_button(html, m);
    }
    html.close("div");
}

/// The ownership as the catalog's messages select on it.
fn ownership_key(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    }
}

/// Where `PrivacyLists` sit, which decides their headings' level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    /// Right under the page's `<h1>` (a step of the enrollment): `<h2>`.
    Top,
    /// Under a section of the page with its own `<h2>`: `<h3>`.
    InSection,
}

/// `PrivacyLists`: what `org` can see and can never see, and its own words.
pub(super) fn privacy_lists(
    html: &mut Html,
    m: &Messages,
    org: &str,
    ownership: Ownership,
    message: Option<&str>,
    user_enrollment: bool,
    level: Level,
) {
    let heading_tag = match level {
        Level::Top => "h2",
        Level::InSection => "h3",
    };
    let prefix = match ownership {
        _ if user_enrollment => "user-enrollment",
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    };
    let (can, never) = if user_enrollment {
        (
            USER_ENROLLMENT_CAN_SEE.to_vec(),
            USER_ENROLLMENT_NEVER_SEE.to_vec(),
        )
    } else {
        (can_see(ownership), never_see(ownership))
    };
    let list = |html: &mut Html, class: &str, id: String, title: &str, items: &[&str]| {
        html.open(
            "section",
            &[("class", some(class)), ("aria-labelledby", some(&id))],
        )
        .element(heading_tag, &[("id", some(&id))], &m.t1(title, "org", org))
        .open("ul", &[]);
        for item in items {
            html.element("li", &[], &m.t(item, &[]));
        }
        html.close("ul").close("section");
    };
    list(
        html,
        "privacy-list privacy-can-see",
        format!("{prefix}-can-see-heading"),
        "privacy-can-see-title",
        &can,
    );
    list(
        html,
        "privacy-list privacy-never-see",
        format!("{prefix}-never-see-heading"),
        "privacy-never-see-title",
        &never,
    );
    if let Some(message) = message.filter(|message| !message.trim().is_empty()) {
        let id = format!("{prefix}-message-heading");
        html.open(
            "section",
            &[
                ("class", some("privacy-message")),
                ("aria-labelledby", some(&id)),
            ],
        )
        .element(
            heading_tag,
            &[("id", some(&id))],
            &m.t1("privacy-message-title", "org", org),
        )
        .element("p", &[], message)
        .close("section");
    }
}

/// The keys of `can_see` in `src/components/privacy_lists.rs`.
fn can_see(ownership: Ownership) -> Vec<&'static str> {
    let mut items = vec![
        "privacy-see-model-and-name",
        "privacy-see-serial-number",
        "privacy-see-os-version",
    ];
    match ownership {
        Ownership::Personal => items.extend(["privacy-see-work-apps", "privacy-see-owned-by-you"]),
        Ownership::Corporate => items.extend([
            "privacy-see-phone-number",
            "privacy-see-all-apps",
            "privacy-see-owned-by-organization",
        ]),
    }
    items.push("privacy-see-security-settings");
    items
}

/// The keys of `never_see`.
fn never_see(ownership: Ownership) -> Vec<&'static str> {
    let mut items = vec![
        "privacy-never-personal-email",
        "privacy-never-messages",
        "privacy-never-photos",
        "privacy-never-browsing-history",
    ];
    if ownership == Ownership::Personal {
        items.push("privacy-never-location");
    }
    items.push("privacy-never-calls");
    if ownership == Ownership::Personal {
        items.push("privacy-never-personal-apps");
    }
    items
}

/// The keys of `user_enrollment_can_see`.
const USER_ENROLLMENT_CAN_SEE: [&str; 5] = [
    "privacy-see-model-and-name",
    "privacy-see-os-version",
    "privacy-see-work-account",
    "privacy-see-work-apps",
    "privacy-see-passcode-compliant",
];

/// The keys of `user_enrollment_never_see`.
const USER_ENROLLMENT_NEVER_SEE: [&str; 9] = [
    "privacy-never-device-identifiers",
    "privacy-never-personal-email",
    "privacy-never-messages",
    "privacy-never-photos",
    "privacy-never-browsing-history",
    "privacy-never-location",
    "privacy-never-calls",
    "privacy-never-personal-apps",
    "privacy-never-erase-device",
];

/// `SignInToWorkAccountScreen` (its account is always known here: the
/// Managed Apple Account or the work email).
fn sign_in_to_work_account(
    html: &mut Html,
    m: &Messages,
    org: &str,
    account: &str,
    legacy_user_enrollment: bool,
    can_go_back: bool,
) {
    heading(html, &m.t("enroll-work-account-heading", &[]));
    lead(html, &m.t1("enroll-work-account-lead", "org", org));
    html.element("h2", &[], &m.t("enroll-work-account-steps-heading", &[]))
        .open("ol", &[("class", some("steps work-account-steps"))])
        .element("li", &[], &m.t("enroll-work-account-step-settings", &[]))
        .element("li", &[], &m.t("enroll-work-account-step-vpn", &[]))
        .element("li", &[], &m.t("enroll-work-account-step-sign-in", &[]))
        .element(
            "li",
            &[],
            &m.t1("enroll-work-account-step-account", "account", account),
        )
        .element(
            "li",
            &[],
            &m.t1("enroll-work-account-step-finish", "org", org),
        )
        .close("ol")
        .open(
            "p",
            &[
                ("class", some("work-account")),
                ("data-testid", some("work-account")),
            ],
        )
        .element("strong", &[], account)
        .close("p");
    copy_link(html, &m.t("enroll-work-account-copy", &[]), true);
    html.element(
        "p",
        &[("class", some("hint"))],
        &m.t("enroll-work-account-os", &[]),
    );
    privacy_lists(html, m, org, Ownership::Personal, None, true, Level::Top);
    html.element(
        "p",
        &[("class", some("hint")), ("role", some("status"))],
        &m.t("enroll-work-account-waiting", &[]),
    );
    if legacy_user_enrollment {
        html.open(
            "section",
            &[
                ("class", some("legacy-user-enrollment")),
                ("aria-labelledby", some("legacy-user-enrollment-heading")),
            ],
        )
        .element(
            "h2",
            &[("id", some("legacy-user-enrollment-heading"))],
            &m.t("enroll-work-account-legacy-heading", &[]),
        )
        .element("p", &[], &m.t("enroll-work-account-legacy-text", &[]))
        .element(
            "button",
            &[
                ("type", some("button")),
                ("class", some("button button-secondary button-block")),
            ],
            &m.t("enroll-work-account-legacy-button", &[]),
        )
        .close("section");
    }
    html.open("div", &[("class", some("actions"))]).element(
        "a",
        &[
            ("class", some("button button-secondary button-block")),
            ("href", some(DEFAULT_RETURN_PATH)),
        ],
        &m.t("enroll-go-to-my-devices", &[]),
    );
    if can_go_back {
        back_button(html, m);
    }
    html.close("div");
}

#[cfg(test)]
mod tests {
    use enrollment_flow::UserEnrollmentOffer;
    use portal_api::{EnrollmentProfileType, VersionRange};
    use portal_i18n::Language;

    use super::*;

    fn organization() -> Organization {
        serde_json::from_str(
            r#"{"name":"Contoso","support":{"name":"IT","phone":"+1 555 0100",
            "email":"help@contoso.example","website":"https://help.contoso.example"},
            "privacy_statement_url":"https://contoso.example/privacy",
            "privacy_messages":{"personal":"Your photos stay yours.","corporate":"We see apps."}}"#,
        )
        .unwrap()
    }

    fn rules() -> EnrollmentRules {
        EnrollmentRules {
            ownership_choice: true,
            default_ownership: Ownership::Corporate,
            os_versions: VersionRange::any(),
            allowed_devices: vec![DeviceKind::Iphone],
            device_limit: 3,
            devices_enrolled: 0,
            install_window_seconds: 480,
            enrollment_set_up: true,
            enrollment_profile_type: EnrollmentProfileType::default(),
            managed_apple_account: Some("alex@contoso.example".into()),
            legacy_user_enrollment: true,
        }
    }

    /// Every step the server draws, each way it can look.
    fn drawn_steps() -> Vec<Step> {
        let v = |text: &str| OsVersion::parse(text).unwrap();
        let user_choice = UserChoice {
            managed_apple_account: None,
            offer: UserEnrollmentOffer::AccountDrivenOrLegacy,
        };
        let back = || Some(Box::new(Step::ChooseOwnership { user_choice: None }));
        let mut steps = vec![
            Step::NotSetUp,
            Step::DeviceNotAllowed {
                device: DeviceKind::Ipad,
            },
            Step::UpdateOs {
                device: DeviceKind::Iphone,
                minimum: Some(v("17.0")),
                maximum: None,
                current: v("16.6"),
            },
            Step::UpdateOs {
                device: DeviceKind::Iphone,
                minimum: None,
                maximum: Some(v("17.0")),
                current: v("18.1"),
            },
            Step::DeviceLimitReached { limit: 3 },
            Step::ChooseOwnership { user_choice: None },
            Step::ChooseEnrollmentType {
                user_choice: user_choice.clone(),
                back_to: None,
            },
            Step::ChooseEnrollmentType {
                user_choice,
                back_to: back(),
            },
            Step::SignInToWorkAccount {
                managed_apple_account: None,
                legacy_user_enrollment: true,
                back_to: back(),
            },
        ];
        for ownership in [Ownership::Personal, Ownership::Corporate] {
            for enrollment_type in [
                EnrollmentType::DeviceEnrollment,
                EnrollmentType::UserEnrollment,
            ] {
                steps.push(Step::Privacy {
                    ownership,
                    enrollment_type,
                    back_to: back(),
                });
            }
        }
        for (in_app, web_clip, browser_name) in [
            (false, false, Some("Chrome")),
            (true, false, Some("Outlook")),
            (true, false, None),
            (false, true, None),
            (false, false, None),
        ] {
            steps.push(Step::WrongBrowser {
                device: DeviceKind::Iphone,
                in_app,
                web_clip,
                can_open_in_safari: !in_app,
                browser_name,
            });
        }
        steps
    }

    /// The texts between tags that look like a message key ("enroll-heading"):
    /// a message that no catalog has.
    fn keys_shown(html: &str) -> Vec<String> {
        html.split('>')
            .filter_map(|after| after.split('<').next())
            .map(str::trim)
            .filter(|text| {
                text.contains('-')
                    && text
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_drawn_step_is_in_every_language() {
        let organization = organization();
        let rules = rules();
        let journey = Journey {
            organization: Some(&organization),
            rules: &rules,
            email: "alex@contoso.example",
            enroll_url: Some("https://portal.contoso.example/enroll"),
        };
        for language in Language::ALL {
            let m = Messages::new(language);
            for step in drawn_steps() {
                assert!(is_drawn(&step, &journey), "{step:?}");
                let mut html = Html::new();
                enroll(&mut html, &m, &journey, Some(&step));
                let html = html.into_string();
                assert!(
                    html.contains(&format!("data-step=\"{}\"", step.name())),
                    "{language:?} {step:?}: {html}"
                );
                assert!(html.contains("<h1 tabindex=\"-1\""), "{html}");
                assert_eq!(
                    keys_shown(&html),
                    Vec::<String>::new(),
                    "{language:?} {step:?}"
                );
            }
        }
    }

    #[test]
    fn steps_the_app_draws_are_left_to_it() {
        let rules = rules();
        let journey = Journey {
            organization: None,
            rules: &rules,
            email: "alex@contoso.example",
            enroll_url: None,
        };
        let m = Messages::new(Language::English);
        for step in [
            Step::CheckDevice,
            Step::NotAppleMobile,
            // Its links are this page's address, unknown here.
            Step::WrongBrowser {
                device: DeviceKind::Iphone,
                in_app: false,
                web_clip: false,
                can_open_in_safari: true,
                browser_name: Some("Chrome"),
            },
        ] {
            let mut html = Html::new();
            enroll(&mut html, &m, &journey, Some(&step));
            let html = html.into_string();
            assert!(
                html.contains("data-step=\"check-device\" aria-busy=\"true\"><h1 tabindex=\"-1\">Enroll this device</h1>"),
                "{html}"
            );
        }
    }

    #[test]
    fn the_privacy_step_shows_the_organizations_words_and_statement() {
        let organization = organization();
        let rules = rules();
        let journey = Journey {
            organization: Some(&organization),
            rules: &rules,
            email: "alex@contoso.example",
            enroll_url: None,
        };
        let mut html = Html::new();
        let step = Step::Privacy {
            ownership: Ownership::Personal,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            back_to: None,
        };
        enroll(
            &mut html,
            &Messages::new(Language::English),
            &journey,
            Some(&step),
        );
        let html = html.into_string();
        assert!(
            html.contains("<h2 id=\"personal-can-see-heading\">"),
            "{html}"
        );
        assert!(html.contains("<p>Your photos stay yours.</p>"), "{html}");
        assert!(
            html.contains("href=\"https://contoso.example/privacy\""),
            "{html}"
        );
        // Nothing to go back to on the first step.
        assert!(!html.contains("button-quiet"), "{html}");
    }
}
