//! The stand-in APNs gateway answers as Apple's provider API does, and
//! devices reach it in process or over the network.

use std::time::Duration;

use device_sim::apns::{
    Delivery, Gateway, GatewayOptions, IssuedPushCertificate, PushCa, PushConnection, Wake,
};

const MAGIC: &str = "6E3B2F0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B";

struct Setup {
    gateway: Gateway,
    ca: PushCa,
    certificate: IssuedPushCertificate,
}

async fn setup() -> Setup {
    let ca = PushCa::new().unwrap();
    let certificate = ca.issue_new_topic().unwrap();
    let gateway = Gateway::start(GatewayOptions::default()).await.unwrap();
    // Set after start, as the portal's demo makes its CA later.
    gateway.set_client_ca(ca.certificate_pem()).unwrap();
    Setup {
        gateway,
        ca,
        certificate,
    }
}

/// A provider client like the portal's: h2 only, the push certificate.
fn provider(gateway: &Gateway, certificate: Option<&IssuedPushCertificate>) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .http2_prior_knowledge()
        .add_root_certificate(
            reqwest::Certificate::from_pem(gateway.certificate_pem().as_bytes()).unwrap(),
        );
    if let Some(certificate) = certificate {
        let pem = format!("{}{}", certificate.key_pem, certificate.certificate_pem);
        builder = builder.identity(reqwest::Identity::from_pem(pem.as_bytes()).unwrap());
    }
    builder.build().unwrap()
}

async fn push(
    client: &reqwest::Client,
    gateway: &Gateway,
    token: &str,
    body: &str,
) -> (u16, serde_json::Value, Option<String>) {
    let response = client
        .post(format!("{}/3/device/{token}", gateway.url()))
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let id = response
        .headers()
        .get("apns-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or_default(),
        id,
    )
}

fn mdm(magic: &str) -> String {
    serde_json::json!({ "mdm": magic }).to_string()
}

#[tokio::test]
async fn a_push_with_the_push_magic_wakes_the_device_over_http2() {
    let Setup {
        gateway,
        certificate,
        ..
    } = setup().await;
    let token = gateway.register(&certificate.topic, MAGIC);
    assert_eq!(token.len(), 64);
    let client = provider(&gateway, Some(&certificate));

    let (status, _, id) = push(&client, &gateway, &token, &mdm(MAGIC)).await;
    assert_eq!(status, 200);
    assert!(id.is_some_and(|id| id.len() == 36));
    assert_eq!(
        gateway.next_wake(&token, Duration::from_secs(5)).await,
        Wake::Push(MAGIC.into())
    );
    let pushes = gateway.pushes();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].token, token);
    assert_eq!(pushes[0].topic.as_deref(), Some(certificate.topic.as_str()));
    assert_eq!(pushes[0].mdm.as_deref(), Some(MAGIC));
    assert_eq!(pushes[0].http_version, "HTTP/2.0");
    assert_eq!(pushes[0].delivery, Delivery::Woke);

    // Another PushMagic: Apple answers 200, iOS ignores it.
    let (status, _, _) = push(&client, &gateway, &token, &mdm("SOMETHING-ELSE")).await;
    assert_eq!(status, 200);
    assert_eq!(gateway.pushes()[1].delivery, Delivery::Ignored);
    assert_eq!(
        gateway.next_wake(&token, Duration::from_millis(50)).await,
        Wake::Nothing
    );
}

#[tokio::test]
async fn refusals_are_apples() {
    let Setup {
        gateway,
        ca,
        certificate,
    } = setup().await;
    let token = gateway.register(&certificate.topic, MAGIC);
    let client = provider(&gateway, Some(&certificate));

    let unknown = "ab".repeat(32);
    let (status, body, _) = push(&client, &gateway, &unknown, &mdm(MAGIC)).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (400, Some("BadDeviceToken"))
    );

    let (status, body, _) = push(&client, &gateway, &token, "").await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (400, Some("PayloadEmpty"))
    );
    let (status, body, _) = push(&client, &gateway, &token, "{not json").await;
    assert_eq!((status, body["reason"].as_str()), (400, Some("BadPayload")));

    let response = client
        .get(format!("{}/3/device/{token}", gateway.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);

    // A certificate for another topic.
    let other = provider(&gateway, Some(&ca.issue_new_topic().unwrap()));
    let (status, body, _) = push(&other, &gateway, &token, &mdm(MAGIC)).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (400, Some("DeviceTokenNotForTopic"))
    );

    // No client certificate at all.
    let anonymous = provider(&gateway, None);
    let (status, _, _) = push(&anonymous, &gateway, &token, &mdm(MAGIC)).await;
    assert_eq!(status, 403);

    // Unregistered (erased): 410 with the time.
    gateway.unregister(&token);
    let (status, body, _) = push(&client, &gateway, &token, &mdm(MAGIC)).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (410, Some("Unregistered"))
    );
    assert!(body["timestamp"].as_u64().unwrap() > 1_700_000_000_000);
    assert!(gateway
        .pushes()
        .iter()
        .all(|push| push.delivery == Delivery::NotDelivered));
    assert_eq!(
        gateway.next_wake(&token, Duration::from_millis(50)).await,
        Wake::Unregistered
    );
}

#[tokio::test]
async fn a_certificate_from_another_ca_is_refused_in_the_handshake() {
    let Setup { gateway, .. } = setup().await;
    let stranger = PushCa::new().unwrap().issue_new_topic().unwrap();
    let token = gateway.register(&stranger.topic, MAGIC);
    let client = provider(&gateway, Some(&stranger));
    let result = client
        .post(format!("{}/3/device/{token}", gateway.url()))
        .body(mdm(MAGIC))
        .send()
        .await;
    assert!(result.is_err(), "{result:?}");
    assert!(gateway.pushes().is_empty());
}

#[tokio::test]
async fn injected_faults_are_answered_first_then_pushes_go_through() {
    let Setup {
        gateway,
        certificate,
        ..
    } = setup().await;
    let token = gateway.register(&certificate.topic, MAGIC);
    let client = provider(&gateway, Some(&certificate));
    gateway.answer_next(2, 503, "ServiceUnavailable");
    gateway.answer_next(1, 429, "TooManyRequests");
    let mut answers = Vec::new();
    for _ in 0..4 {
        let (status, body, _) = push(&client, &gateway, &token, &mdm(MAGIC)).await;
        answers.push((status, body["reason"].as_str().map(str::to_owned)));
    }
    assert_eq!(
        answers,
        [
            (503, Some("ServiceUnavailable".into())),
            (503, Some("ServiceUnavailable".into())),
            (429, Some("TooManyRequests".into())),
            (200, None)
        ]
    );
    assert_eq!(gateway.wait_for_pushes(4).await.len(), 4);
}

#[tokio::test]
async fn a_device_in_another_process_registers_waits_and_unregisters() {
    let Setup {
        gateway,
        certificate,
        ..
    } = setup().await;
    let connection =
        PushConnection::remote(&gateway.url(), gateway.certificate_pem().as_bytes()).unwrap();
    let token = connection
        .register(&certificate.topic, MAGIC)
        .await
        .unwrap();
    assert_eq!(token.len(), 32);
    let waiting = tokio::spawn({
        let connection = connection.clone();
        let token = token.clone();
        async move { connection.next_wake(&token).await.unwrap() }
    });
    let client = provider(&gateway, Some(&certificate));
    let (status, _, _) = push(&client, &gateway, &hex(&token), &mdm(MAGIC)).await;
    assert_eq!(status, 200);
    assert_eq!(waiting.await.unwrap(), Wake::Push(MAGIC.into()));

    connection.unregister(&token).await.unwrap();
    let (status, _, _) = push(&client, &gateway, &hex(&token), &mdm(MAGIC)).await;
    assert_eq!(status, 410);
    assert_eq!(
        connection.next_wake(&token).await.unwrap(),
        Wake::Unregistered
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
