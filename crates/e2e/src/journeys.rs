//! Steps several journeys share.

use device_sim::{Device, DeviceFacts, Profile, RunOutcome, SimError};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::server::ALEX;
use crate::{Browser, PortalServer};

const DOWNLOAD_LINK: &str = "a.download-profile";

/// What a person who owns the device chooses to secure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secure {
    EntireDevice,
    WorkAppsOnly,
}

/// Signs in from `/enroll` as Alex, says the device is theirs and chooses
/// what to secure.
pub async fn choose_what_to_secure(browser: &Browser, portal: &PortalServer, secure: Secure) {
    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("Who owns this device?").await;
    // A person taps the card, i.e. the radio button's label.
    browser.click_css("label[for=ownership-personal]").await;
    browser.click_button("Continue").await;
    // The demo lets people who own their device choose what to secure.
    browser
        .wait_for_heading("What do you want to secure?")
        .await;
    browser
        .click_css(match secure {
            Secure::EntireDevice => "label[for=enrollment-type-device]",
            Secure::WorkAppsOnly => "label[for=enrollment-type-user]",
        })
        .await;
    browser.click_button("Continue").await;
}

/// Signs in from `/enroll` and answers the questions up to the download.
pub async fn answer_questions_up_to_download(browser: &Browser, portal: &PortalServer) {
    choose_what_to_secure(browser, portal, Secure::EntireDevice).await;
    browser.wait_for_heading("What can Contoso see?").await;
    browser.screenshot("enroll-privacy").await;
    browser.click_button("Continue").await;
    browser
        .wait_for_heading("Download the management profile")
        .await;
}

/// Downloads the profile behind the page's link as Safari on `facts`
/// would: same URL, same session cookie.
pub async fn download_as_safari(browser: &Browser, facts: &DeviceFacts) -> (String, Profile) {
    let url = browser.property_of(DOWNLOAD_LINK, "href").await;
    let cookie = browser.session_cookie().await;
    let profile = Profile::fetch_as(&url, Some(&cookie), true, facts)
        .await
        .unwrap_or_else(|e| panic!("{:?}: download {url}: {e}", browser.engine));
    (url, profile)
}

/// Enrolls another device of the person signed in (say their iPad) the way
/// its own Safari would, through the portal's API with this browser's
/// session, while the page stays where it is. Returns the enrolled device.
pub async fn enroll_another_device(
    browser: &Browser,
    portal: &PortalServer,
    facts: DeviceFacts,
) -> Device {
    let device = match facts.kind {
        device_sim::DeviceKind::Iphone => "iphone",
        device_sim::DeviceKind::Ipad => "ipad",
    };
    let start = serde_json::json!({
        "ownership": "personal",
        "device": device,
        "os_version": facts.os_version,
    });
    let (status, started) = browser
        .api_request("POST", portal_api::routes::ENROLLMENTS, Some(start))
        .await;
    assert_eq!(status, 201, "start the {device}'s enrollment: {started}");
    let id = started["id"].as_str().expect("the enrollment's id");
    let (status, download) = browser
        .api_request("POST", &portal_api::routes::enrollment_profile(id), None)
        .await;
    assert_eq!(status, 200, "the {device}'s profile link: {download}");
    let url = portal.url(download["url"].as_str().expect("the profile's path"));
    let cookie = browser.session_cookie().await;
    let profile = Profile::fetch_as(&url, Some(&cookie), true, &facts)
        .await
        .unwrap_or_else(|e| panic!("{:?}: the {device} downloads {url}: {e}", browser.engine));
    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the other device enrolls");
    device
}

/// Enrolls the iPhone `facts` describes through the whole web journey, as
/// Alex, and returns the enrolled simulated device: once it runs, it
/// connects only when the portal pushes, as an iPhone does.
pub async fn enroll_this_device(
    browser: &Browser,
    portal: &PortalServer,
    facts: DeviceFacts,
) -> Device {
    answer_questions_up_to_download(browser, portal).await;
    let (_, profile) = download_as_safari(browser, &facts).await;
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    browser.wait_for_heading("You're all set").await;
    device
}

/// An enrolled device that keeps answering, as an iPhone does, until the
/// sender is dropped or sent to; the task ends with how its run ended
/// (e.g. unenrolled by **Remove**).
pub fn keep_running(
    mut device: Device,
) -> (
    oneshot::Sender<()>,
    JoinHandle<Result<RunOutcome, SimError>>,
) {
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        device
            .run_until(async {
                let _ = stopped.await;
            })
            .await
    });
    (stop, task)
}
