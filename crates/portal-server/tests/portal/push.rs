//! Waking devices through APNs (device-sim's stand-in gateway): a push for
//! every kind of queued command, coalesced; what each answer of APNs does
//! to the device's reach and the organization; and a device-sim iPhone
//! that does lock, status check and removal through pushes alone.

use portal_server::storage::PushStore;
use std::time::Duration;

use axum::http::StatusCode;
use device_sim::apns::{Delivery, Gateway, GatewayOptions, PushCa, PushConnection, ReceivedPush};
use portal_api::{ActionState, DeviceDetails, DeviceId, DeviceReach};
use portal_server::push::apns::ApnsOptions;
use portal_server::push::pusher::RetryPolicy;
use portal_server::push::PushCertificate;
use portal_server::Clock;

use crate::self_service::{
    acknowledge, check_status, details, enroll, enrolled, first_poll, idle, lock, remove,
};
use crate::support::{Portal, PushSetup, ALEX};

/// What the test device (`crate::device::Device`) sends in `TokenUpdate`.
const TOKEN: [u8; 32] = [0xAB; 32];
const PUSH_MAGIC: &str = "2A4B6C8D-0000-4000-8000-123456789ABC";
/// The topic of the test push certificate (Apple's form).
const TOPIC: &str = "com.apple.mgmt.External.0d7e2a6c-5b1f-4c39-9a64-2f8e1c3b7a55";

struct Pushed {
    portal: Portal,
    gateway: Gateway,
    topic: String,
    /// Where the portal listens (`listen`).
    address: Option<std::net::SocketAddr>,
}

/// A gateway, and a portal pushing to it with a push certificate for the
/// portal's topic; retries wait a millisecond and give up after 4 sends.
/// With `listen`, the portal is also served on 127.0.0.1.
async fn pushed_portal(listen: bool) -> Pushed {
    let gateway = Gateway::start(GatewayOptions::default()).await.unwrap();
    let ca = PushCa::new().unwrap();
    gateway.set_client_ca(ca.certificate_pem()).unwrap();
    let listener = listen.then(|| std::net::TcpListener::bind("127.0.0.1:0").unwrap());
    let address = listener.as_ref().map(|l| l.local_addr().unwrap());
    let topic = TOPIC.to_owned();
    let issued = ca.issue(&topic).unwrap();
    let setup = PushSetup {
        certificate: PushCertificate {
            topic: topic.clone(),
            not_after: i64::MAX,
            certificate_pem: issued.certificate_pem,
            key_pem: issued.key_pem,
        },
        apns: ApnsOptions {
            url: gateway.url(),
            extra_root_pem: Some(gateway.certificate_pem().as_bytes().to_vec()),
        },
        policy: RetryPolicy {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_attempts: 4,
        },
    };
    let portal = Portal::start_with(Some(setup), listener).await;
    Pushed {
        portal,
        gateway,
        topic,
        address,
    }
}

impl Pushed {
    /// The test device's token, registered with the gateway for `topic`.
    fn register_test_device(&self, topic: &str) {
        self.gateway.register_token(&TOKEN, topic, PUSH_MAGIC);
    }

    /// Waits until no push waits or is in flight.
    async fn settled(&self) {
        wait_until("the push queue to settle", || async {
            self.portal.pusher.pending() == 0
        })
        .await;
    }

    /// Waits for `count` pushes in all, and for the queue to settle.
    async fn pushes(&self, count: usize) -> Vec<ReceivedPush> {
        let pushes = self.gateway.wait_for_pushes(count).await;
        assert!(pushes.len() >= count, "{pushes:#?}");
        self.settled().await;
        self.gateway.pushes()
    }
}

/// Polls `condition` (a read of state, no timing assumptions) until it
/// holds, for at most 20 s.
async fn wait_until<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !condition().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn assert_wakes_test_device(push: &ReceivedPush, topic: &str) {
    assert_eq!(push.token, "ab".repeat(32));
    assert_eq!(push.topic.as_deref(), Some(topic));
    assert_eq!(push.mdm.as_deref(), Some(PUSH_MAGIC));
    assert_eq!(push.http_version, "HTTP/2.0");
    assert_eq!(push.status, 200);
    assert_eq!(push.delivery, Delivery::Woke);
}

#[tokio::test]
async fn every_queued_command_pushes_the_device() {
    let pushed = pushed_portal(false).await;
    let portal = &pushed.portal;
    // Enrollment queues DeviceInformation (and the web clip): a push.
    pushed.register_test_device(&pushed.topic);
    let (cookie, id, device) = enroll(portal, ALEX).await;
    let after_enrollment = pushed.pushes(1).await;
    for push in &after_enrollment {
        assert_wakes_test_device(push, &pushed.topic);
    }
    let web_clip = first_poll(portal, &device).await.expect("the web clip");
    assert!(acknowledge(portal, &device, &web_clip.uuid).await.is_none());
    pushed.settled().await;

    let first = pushed.gateway.pushes().len();
    for (seen, what) in (first..).zip(["lock", "status check", "removal"]) {
        let reply = match what {
            "lock" => lock(portal, &cookie, &id).await,
            "status check" => check_status(portal, &cookie, &id).await,
            _ => remove(portal, &cookie, &id).await,
        };
        assert!(reply.status.is_success(), "{what}: {}", reply.text());
        let pushes = pushed.pushes(seen + 1).await;
        assert_eq!(pushes.len(), seen + 1, "{what}: one push: {pushes:#?}");
        assert_wakes_test_device(&pushes[seen], &pushed.topic);
    }
    let shown = details(portal, &cookie, &id).await;
    assert_eq!(shown.reach, DeviceReach::Reachable);
    let state = portal
        .storage
        .device_push_state(&id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.last_push_at, Some(portal.clock.now()));
}

#[tokio::test]
async fn wakes_while_a_push_is_pending_make_one_more_push() {
    let pushed = pushed_portal(false).await;
    let portal = &pushed.portal;
    pushed.register_test_device(&pushed.topic);
    let (cookie, id, _device) = enrolled(portal, ALEX).await;
    let before = pushed.pushes(1).await.len();

    pushed.gateway.hold_pushes();
    assert_eq!(lock(portal, &cookie, &id).await.status, StatusCode::OK);
    assert_eq!(
        pushed.gateway.wait_for_arrivals(before + 1).await,
        before + 1
    );
    // While that push is in flight: a status check and more wakes.
    assert_eq!(
        check_status(portal, &cookie, &id).await.status,
        StatusCode::OK
    );
    for _ in 0..5 {
        portal.pusher.wake(&id);
    }
    pushed.gateway.release_pushes();
    let pushes = pushed.pushes(before + 2).await;
    assert_eq!(pushes.len(), before + 2, "{pushes:#?}");
}

/// A portal with the test device enrolled and its first poll done.
async fn enrolled_and_settled(pushed: &Pushed) -> (String, DeviceId, crate::device::Device) {
    pushed.register_test_device(&pushed.topic);
    let enrolled = enrolled(&pushed.portal, ALEX).await;
    pushed.pushes(1).await;
    enrolled
}

async fn reach(pushed: &Pushed, cookie: &str, id: &DeviceId) -> DeviceReach {
    let shown: DeviceDetails = details(&pushed.portal, cookie, id).await;
    shown.reach
}

#[tokio::test]
async fn an_unregistered_token_makes_the_device_unregistered_until_its_next_token_update() {
    let pushed = pushed_portal(false).await;
    let portal = &pushed.portal;
    let (cookie, id, device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();

    // Erased: APNs answers 410.
    pushed.gateway.unregister(&"ab".repeat(32));
    assert_eq!(lock(portal, &cookie, &id).await.status, StatusCode::OK);
    let pushes = pushed.pushes(before + 1).await;
    assert_eq!(pushes[before].status, 410);
    assert_eq!(
        reach(&pushed, &cookie, &id).await,
        DeviceReach::Unregistered
    );
    // No more pushes to a token APNs does not know.
    portal.pusher.wake(&id);
    pushed.settled().await;
    assert_eq!(pushed.gateway.pushes().len(), before + 1);

    // The device comes back with a new TokenUpdate.
    pushed.register_test_device(&pushed.topic);
    assert_eq!(device.token_update(portal).await.status, StatusCode::OK);
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::Reachable);
    portal.pusher.wake(&id);
    let pushes = pushed.pushes(before + 2).await;
    assert_wakes_test_device(&pushes[before + 1], &pushed.topic);
}

#[tokio::test]
async fn a_bad_device_token_makes_the_device_unregistered() {
    for reason in ["BadDeviceToken", "DeviceTokenNotForTopic"] {
        a_refused_token_makes_the_device_unregistered(reason).await;
    }
}

/// `reason`: APNs' 400 for a token it will not deliver to (unknown, or
/// registered for another topic than the certificate's).
async fn a_refused_token_makes_the_device_unregistered(reason: &str) {
    let pushed = pushed_portal(false).await;
    let (cookie, id, _device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();
    pushed.gateway.answer_next(1, 400, reason);
    assert_eq!(
        lock(&pushed.portal, &cookie, &id).await.status,
        StatusCode::OK
    );
    let pushes = pushed.pushes(before + 1).await;
    assert_eq!(
        pushes.len(),
        before + 1,
        "{reason}: not retried: {pushes:#?}"
    );
    assert_eq!(
        reach(&pushed, &cookie, &id).await,
        DeviceReach::Unregistered,
        "{reason}"
    );
}

#[tokio::test]
async fn a_refused_certificate_is_an_organization_problem_until_a_push_goes_through() {
    let pushed = pushed_portal(false).await;
    let portal = &pushed.portal;
    let (cookie, id, _device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();
    pushed.gateway.answer_next(1, 403, "ExpiredProviderToken");
    assert_eq!(lock(portal, &cookie, &id).await.status, StatusCode::OK);
    let pushes = pushed.pushes(before + 1).await;
    assert_eq!(pushes.len(), before + 1, "not retried: {pushes:#?}");
    let problem = portal
        .storage
        .push_problem()
        .await
        .unwrap()
        .expect("a push problem");
    assert!(
        problem.message.contains("ExpiredProviderToken"),
        "{}",
        problem.message
    );
    assert!(
        problem.message.contains("push-cert"),
        "says what to do: {}",
        problem.message
    );
    assert_eq!(problem.since, portal.clock.now());
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::PushFailing);

    portal.pusher.wake(&id);
    pushed.pushes(before + 2).await;
    assert_eq!(portal.storage.push_problem().await.unwrap(), None);
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::Reachable);
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried_until_delivered() {
    let pushed = pushed_portal(false).await;
    let (cookie, id, _device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();
    pushed.gateway.answer_next(1, 429, "TooManyRequests");
    pushed.gateway.answer_next(1, 500, "InternalServerError");
    pushed.gateway.answer_next(1, 503, "ServiceUnavailable");
    assert_eq!(
        lock(&pushed.portal, &cookie, &id).await.status,
        StatusCode::OK
    );
    let pushes = pushed.pushes(before + 4).await;
    let statuses: Vec<u16> = pushes[before..].iter().map(|push| push.status).collect();
    assert_eq!(statuses, [429, 500, 503, 200]);
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::Reachable);
}

#[tokio::test]
async fn pushes_that_keep_failing_make_the_device_push_failing() {
    let pushed = pushed_portal(false).await;
    let (cookie, id, _device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();
    // Later than the pushes that went through.
    pushed.portal.clock.advance(Duration::from_secs(1));
    pushed.gateway.answer_next(4, 503, "ServiceUnavailable");
    assert_eq!(
        lock(&pushed.portal, &cookie, &id).await.status,
        StatusCode::OK
    );
    let pushes = pushed.pushes(before + 4).await;
    assert_eq!(pushes.len(), before + 4, "4 sends, then it gives up");
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::PushFailing);
}

#[tokio::test]
async fn a_device_pushed_long_ago_that_never_came_is_not_connecting() {
    let pushed = pushed_portal(false).await;
    let portal = &pushed.portal;
    let (cookie, id, device) = enrolled_and_settled(&pushed).await;
    let before = pushed.gateway.pushes().len();
    // Pushed after the device's last check-in.
    portal.clock.advance(Duration::from_secs(1));
    assert_eq!(lock(portal, &cookie, &id).await.status, StatusCode::OK);
    pushed.pushes(before + 1).await;
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::Reachable);
    portal.clock.advance(Duration::from_secs(
        portal_server::devices::NOT_CONNECTING_AFTER_SECONDS as u64 + 1,
    ));
    assert_eq!(
        reach(&pushed, &cookie, &id).await,
        DeviceReach::NotConnecting
    );
    // It connects: reachable again.
    portal.clock.advance(Duration::from_secs(1));
    let command = idle(portal, &device).await.expect("the lock");
    assert_eq!(reach(&pushed, &cookie, &id).await, DeviceReach::Reachable);
    assert!(acknowledge(portal, &device, &command.uuid).await.is_none());
}

#[tokio::test]
async fn a_device_sim_iphone_does_lock_status_check_and_removal_through_push_alone() {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    let pushed = pushed_portal(true).await;
    let portal = &pushed.portal;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let profile = crate::self_service::download_profile(portal, &cookie).await;
    let profile = device_sim::Profile::parse(&profile).unwrap();
    let mut device = device_sim::Device::new(
        device_sim::DeviceFacts::new(device_sim::DeviceKind::Iphone),
        profile,
    )
    .with_http_client(
        reqwest::Client::builder()
            .use_rustls_tls()
            .danger_accept_invalid_certs(true)
            .resolve("portal.contoso.example", pushed.address.unwrap())
            .build()
            .unwrap(),
    )
    .push_via(PushConnection::in_process(&pushed.gateway));
    device.enroll().await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(async move {
        let outcome = device.run_until(stopped).await;
        (device, outcome)
    });

    let list: portal_api::DeviceList = portal
        .get_signed_in(portal_api::routes::DEVICES, &cookie)
        .await
        .json();
    let id = list.devices[0].id.clone();
    let finished = |kind: fn(&DeviceDetails) -> Option<ActionState>| {
        let cookie = cookie.clone();
        let id = id.clone();
        async move {
            wait_until("the action to finish", || {
                let cookie = cookie.clone();
                let id = id.clone();
                async move {
                    let shown = details(portal, &cookie, &id).await;
                    kind(&shown) == Some(ActionState::Succeeded)
                }
            })
            .await;
        }
    };
    let reply = lock(portal, &cookie, &id).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    finished(|shown| shown.remote_lock.as_ref().map(|s| s.state)).await;
    assert_eq!(
        check_status(portal, &cookie, &id).await.status,
        StatusCode::OK
    );
    finished(|shown| shown.check_status.as_ref().map(|s| s.state)).await;

    assert!(remove(portal, &cookie, &id).await.status.is_success());
    let (device, outcome) = tokio::time::timeout(Duration::from_secs(20), running)
        .await
        .expect("the device was unenrolled")
        .unwrap();
    drop(stop);
    assert_eq!(outcome.unwrap(), device_sim::RunOutcome::Unenrolled);
    assert!(device.enrolled().is_none());
    let list: portal_api::DeviceList = portal
        .get_signed_in(portal_api::routes::DEVICES, &cookie)
        .await
        .json();
    assert!(list.devices.is_empty());
    // Every push went to the device's own token, and its token is gone.
    let pushes = pushed.gateway.pushes();
    assert!(pushes.iter().all(|push| push.status == 200), "{pushes:#?}");
}

#[tokio::test]
async fn an_erased_device_sim_iphone_shows_as_unregistered() {
    let pushed = pushed_portal(true).await;
    let portal = &pushed.portal;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let profile = crate::self_service::download_profile(portal, &cookie).await;
    let profile = device_sim::Profile::parse(&profile).unwrap();
    let mut device = device_sim::Device::new(
        device_sim::DeviceFacts::new(device_sim::DeviceKind::Iphone),
        profile,
    )
    .with_http_client(
        reqwest::Client::builder()
            .use_rustls_tls()
            .danger_accept_invalid_certs(true)
            .resolve("portal.contoso.example", pushed.address.unwrap())
            .build()
            .unwrap(),
    )
    .push_via(PushConnection::in_process(&pushed.gateway));
    let enrolled = device.enroll().await.unwrap();
    // The token in TokenUpdate is the one the gateway gave for the topic.
    let first = pushed.pushes(1).await;
    assert_eq!(first[0].token, hex::encode(&enrolled.token));
    assert_eq!(first[0].topic.as_deref(), Some(pushed.topic.as_str()));
    assert_eq!(first[0].mdm.as_deref(), Some(enrolled.push_magic.as_str()));

    device.erase().await.unwrap();
    let list: portal_api::DeviceList = portal
        .get_signed_in(portal_api::routes::DEVICES, &cookie)
        .await
        .json();
    let id = list.devices[0].id.clone();
    let before = pushed.gateway.pushes().len();
    assert_eq!(lock(portal, &cookie, &id).await.status, StatusCode::OK);
    let pushes = pushed.pushes(before + 1).await;
    assert_eq!(pushes[before].status, 410);
    assert_eq!(
        reach(&pushed, &cookie, &id).await,
        DeviceReach::Unregistered
    );
}
