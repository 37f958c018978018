//! The portal as a home-screen web clip: it goes through the enrollment
//! questions, hands the download to Safari (this enrollment at `/enroll`),
//! and picks up the result; the organization's managed web clip arrives on
//! the device over MDM.
//!
//! The web clip is Chromium as an iPhone with `navigator.standalone` set
//! (as iOS sets it for a web clip) before the app starts; Safari is WebKit.
//! Each browser has its own profile, as a web clip's storage is its own.

use std::time::Duration;

use device_sim::{Device, DeviceFacts};
use e2e::catalogs::message;
use e2e::journeys::{answer_questions_up_to_download, download_as_safari};
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer, PATIENCE};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_web_clip_hands_the_download_to_safari_and_picks_up_the_result() {
    let portal = PortalServer::start_demo();
    let web_clip = Browser::launch(Engine::ChromiumIphone).await;
    web_clip
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "Object.defineProperty(Navigator.prototype, 'standalone', {get: () => true});"}),
        )
        .await;

    // The web clip asks the questions like Safari would…
    answer_questions_up_to_download(&web_clip, &portal).await;
    web_clip
        .wait_for_text(&message("en", "enroll-hand-off-lead", &[]))
        .await;
    // …but offers Safari instead of a download that would go nowhere.
    let hand_off = web_clip.property_of("a.hand-off-to-safari", "href").await;
    let enroll_in_safari = portal.url("/enroll");
    assert_eq!(hand_off, format!("x-safari-{enroll_in_safari}"));
    assert!(
        !web_clip.is_present("a.download-profile").await,
        "no plain download link in a web clip"
    );
    web_clip.screenshot("web-clip-hand-off").await;

    // Safari opens the link: its own sign-in, then this same enrollment at
    // its download step.
    let safari = Browser::launch(Engine::WebKitIphone).await;
    safari.goto(&enroll_in_safari).await;
    safari.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    safari.sign_in(ALEX.0, &portal.demo_password).await;
    safari
        .wait_for_heading("Download the management profile")
        .await;
    let facts = DeviceFacts::iphone();
    let (_, profile) = download_as_safari(&safari, &facts).await;

    // The web clip notices the download by itself.
    web_clip
        .wait_for_heading("Install the profile in Settings")
        .await;

    // The device installs the profile: both pages say so; only Safari
    // suggests the Home Screen, where the organization puts the portal.
    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    web_clip.wait_for_heading("You're all set").await;
    safari.wait_for_heading("You're all set").await;
    safari
        .wait_for_text(&message(
            "en",
            "enroll-home-screen-managed",
            &[("org", "Contoso")],
        ))
        .await;
    assert!(
        !web_clip.is_present(".home-screen-hint").await,
        "the web clip is on the Home Screen already"
    );

    // The managed web clip arrives with the push that follows enrollment.
    let installed = device.installed_profiles_handle();
    let clip_of = |profiles: &[device_sim::InstalledProfile]| {
        profiles
            .iter()
            .flat_map(|profile| profile.payloads.iter())
            .find(|payload| payload.payload_type == device_sim::WEB_CLIP_PAYLOAD_TYPE)
            .cloned()
    };
    let clip_installed = async {
        while clip_of(&installed.read().expect("installed profiles")).is_none() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(PATIENCE, device.run_until(clip_installed))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "no managed web clip was installed: {:?}",
                device.installed_profiles()
            )
        })
        .expect("the device answers its pushes");
    let clip = clip_of(&device.installed_profiles()).expect("the web clip");
    let url = clip.content.get("URL").and_then(|url| url.as_string());
    assert_eq!(url, Some(portal.url("/devices").as_str()));
    let label = clip
        .content
        .get("Label")
        .and_then(|label| label.as_string());
    assert_eq!(label, Some("Contoso"));
}
