//! The device against a tiny in-process MDM server that records every request.

mod common;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use device_sim::{
    messages, signing, Device, DeviceFacts, Profile, RunOutcome, SimError, CHECKIN_CONTENT_TYPE,
    CONNECT_CONTENT_TYPE, WEB_CLIP_PAYLOAD_TYPE,
};
use plist::{Dictionary, Value};

#[derive(Debug, Clone)]
struct Recorded {
    method: Method,
    path: String,
    content_type: Option<String>,
    user_agent: Option<String>,
    signature: Option<String>,
    body: Vec<u8>,
}

impl Recorded {
    fn plist(&self) -> Dictionary {
        plist::from_bytes(&self.body).unwrap()
    }
    fn get(&self, key: &str) -> Option<String> {
        self.plist()
            .get(key)
            .and_then(Value::as_string)
            .map(str::to_owned)
    }
}

#[derive(Clone)]
struct Mock {
    requests: Arc<Mutex<Vec<Recorded>>>,
    commands: Arc<Mutex<VecDeque<Vec<u8>>>>,
    checkin_status: Arc<AtomicU16>,
    /// SCEP requests (answered by the test CA, not recorded).
    scep_requests: Arc<AtomicUsize>,
}

async fn handle(
    State(mock): State<Mock>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if uri.path() == "/scep" {
        mock.scep_requests.fetch_add(1, Ordering::SeqCst);
        let operation = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .find_map(|pair| pair.strip_prefix("operation="));
        let (status, content_type, body) = common::ca().http(operation, &body);
        return (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", content_type)],
            body,
        )
            .into_response();
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    mock.requests.lock().unwrap().push(Recorded {
        method,
        path: uri.path().to_owned(),
        content_type: header("content-type"),
        user_agent: header("user-agent"),
        signature: header("mdm-signature"),
        body: body.to_vec(),
    });
    match uri.path() {
        "/mdm/checkin" => {
            let status = StatusCode::from_u16(mock.checkin_status.load(Ordering::SeqCst)).unwrap();
            let body = if status.is_success() {
                ""
            } else {
                "enrollment not allowed"
            };
            (status, body.as_bytes().to_vec()).into_response()
        }
        "/mdm/connect" => {
            let next = mock
                .commands
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_default();
            (StatusCode::OK, next).into_response()
        }
        _ => (StatusCode::NOT_FOUND, Vec::new()).into_response(),
    }
}

struct Server {
    mock: Mock,
    base: String,
}

impl Server {
    async fn start() -> Server {
        let mock = Mock {
            requests: Arc::default(),
            commands: Arc::default(),
            checkin_status: Arc::new(AtomicU16::new(200)),
            scep_requests: Arc::default(),
        };
        let app = Router::new().fallback(handle).with_state(mock.clone());
        // HTTPS: iOS takes only https:// MDM URLs (Apple's schema says so).
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!(
            "https://localhost:{}",
            listener.local_addr().unwrap().port()
        );
        listener.set_nonblocking(true).unwrap();
        let tls = self_signed_tls();
        tokio::spawn(async move {
            axum_server::from_tcp_rustls(listener, tls)
                .unwrap()
                .serve(app.into_make_service())
                .await
                .unwrap()
        });
        Server { mock, base }
    }

    fn queue(&self, uuid: &str, request_type: &str, fields: &[(&str, Value)]) {
        let mut command = Dictionary::new();
        command.insert("RequestType".into(), Value::String(request_type.into()));
        for (k, v) in fields {
            command.insert((*k).into(), v.clone());
        }
        let mut d = Dictionary::new();
        d.insert("CommandUUID".into(), Value::String(uuid.into()));
        d.insert("Command".into(), Value::Dictionary(command));
        self.mock
            .commands
            .lock()
            .unwrap()
            .push_back(messages::to_xml(d));
    }

    fn requests(&self) -> Vec<Recorded> {
        self.mock.requests.lock().unwrap().clone()
    }
}

/// TLS with a self-signed certificate for localhost.
fn self_signed_tls() -> axum_server::tls_rustls::RustlsConfig {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
        )
        .unwrap();
    axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(config))
}

/// A device that accepts the mock's self-signed certificate.
fn device(facts: DeviceFacts, profile: Profile) -> Device {
    Device::new(facts, profile).insecure(true)
}

fn profile_for(server: &Server, sign: bool) -> Profile {
    Profile::parse(&common::make_profile(&server.base, sign)).unwrap()
}

#[tokio::test]
async fn enrolls_and_acknowledges_device_lock() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    server.queue(
        "lock-1",
        "DeviceLock",
        &[("Message", Value::String("Call IT".into()))],
    );
    let facts = DeviceFacts::iphone();
    let mut device = device(facts.clone(), profile);

    let enrolled = device.enroll().await.unwrap();
    // SCEP first: GetCACaps, GetCACert, PKIOperation.
    assert_eq!(server.mock.scep_requests.load(Ordering::SeqCst), 3);
    let identity = device.identity().expect("an identity from SCEP").clone();
    assert_eq!(
        identity.certificate.tbs_certificate.issuer,
        common::ca().certificate.tbs_certificate.subject
    );
    let profile_subject = device.profile().scep.subject_name().unwrap();
    assert_eq!(
        identity.certificate.tbs_certificate.subject,
        profile_subject
    );
    assert_eq!(enrolled.udid, facts.udid);
    assert_eq!(enrolled.token.len(), 32);
    let outcome = device.poll_once().await.unwrap();
    assert_eq!(outcome.commands.len(), 1);
    assert_eq!(outcome.commands[0].request_type, "DeviceLock");
    assert_eq!(outcome.commands[0].status, "Acknowledged");
    assert!(!outcome.unenrolled);

    let requests = server.requests();
    let kinds: Vec<(String, Option<String>, Option<String>)> = requests
        .iter()
        .map(|r| (r.path.clone(), r.get("MessageType"), r.get("Status")))
        .collect();
    assert_eq!(
        kinds,
        [
            ("/mdm/checkin".into(), Some("Authenticate".into()), None),
            ("/mdm/checkin".into(), Some("TokenUpdate".into()), None),
            ("/mdm/connect".into(), None, Some("Idle".into())),
            ("/mdm/connect".into(), None, Some("Acknowledged".into())),
        ]
    );
    for r in &requests {
        assert_eq!(r.method, Method::PUT);
        let expected = if r.path == "/mdm/checkin" {
            CHECKIN_CONTENT_TYPE
        } else {
            CONNECT_CONTENT_TYPE
        };
        assert_eq!(r.content_type.as_deref(), Some(expected));
        assert_eq!(r.user_agent.as_deref(), Some("MDM/1.0"));
        let signer = signing::verify_mdm_signature(r.signature.as_deref().unwrap(), &r.body)
            .expect("every message is signed");
        assert_eq!(
            der::Encode::to_der(&signer).unwrap(),
            identity.certificate_der()
        );
    }
    let auth = requests[0].plist();
    assert_eq!(auth["Topic"].as_string(), Some(common::TOPIC));
    assert_eq!(auth["UDID"].as_string(), Some(facts.udid.as_str()));
    assert_eq!(
        auth["SerialNumber"].as_string(),
        Some(facts.serial_number.as_str())
    );
    assert_eq!(auth["ProductName"].as_string(), Some("iPhone15,2"));
    assert_eq!(auth["IMEI"].as_string(), facts.imei.as_deref());
    assert_eq!(auth["MEID"].as_string(), facts.meid().as_deref());
    // iOS never sends these in Authenticate.
    for key in ["DeviceName", "Model", "ModelName"] {
        assert!(!auth.contains_key(key), "{key}");
    }
    let token = requests[1].plist();
    assert_eq!(token["Token"].as_data().unwrap(), enrolled.token.as_slice());
    assert_eq!(
        token["PushMagic"].as_string(),
        Some(enrolled.push_magic.as_str())
    );
    assert!(token["UnlockToken"].as_data().is_some());
    let ack = requests[3].plist();
    assert_eq!(ack["CommandUUID"].as_string(), Some("lock-1"));
    assert_eq!(ack["UDID"].as_string(), Some(facts.udid.as_str()));
    // A lock message shown: MessageResult says how (not the message).
    assert_eq!(ack["MessageResult"].as_string(), Some("Success"));
}

#[tokio::test]
async fn refused_authenticate_is_typed() {
    let server = Server::start().await;
    server.mock.checkin_status.store(403, Ordering::SeqCst);
    let profile = profile_for(&server, false);
    let mut device = device(DeviceFacts::ipad(), profile);
    match device.enroll().await {
        Err(SimError::Refused { status, body }) => {
            assert_eq!(status, 403);
            assert_eq!(body, "enrollment not allowed");
        }
        other => panic!("expected Refused, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "no TokenUpdate after a refusal");
    assert!(
        requests[0].signature.is_none(),
        "SignMessage false: unsigned"
    );
    assert!(
        requests[0].plist().get("IMEI").is_none(),
        "iPad has no IMEI"
    );
}

#[tokio::test]
async fn answers_information_errors_and_unsupported_commands() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let mut device = device(DeviceFacts::iphone(), profile).no_passcode(true);
    device.enroll().await.unwrap();
    // Facts changed while running are what the device reports.
    device.facts_handle().write().unwrap().os_version = "16.7.8".into();
    let queries = Value::Array(vec![
        Value::String("OSVersion".into()),
        Value::String("ProductName".into()),
    ]);
    server.queue("info-1", "DeviceInformation", &[("Queries", queries)]);
    server.queue("security-1", "SecurityInfo", &[]);
    server.queue(
        "lock-1",
        "DeviceLock",
        &[("Message", Value::String("Call IT".into()))],
    );
    server.queue("erase-1", "EraseDevice", &[]);
    let first_lock = device.poll_once().await.unwrap();
    // A refused command (a simulated failure) answers Error.
    server.queue("lock-2", "DeviceLock", &[]);
    device
        .facts_handle()
        .write()
        .unwrap()
        .refused_commands
        .push("DeviceLock".into());
    let second = device.poll_once().await.unwrap();
    let statuses: Vec<(&str, &str)> = first_lock
        .commands
        .iter()
        .chain(&second.commands)
        .map(|c| (c.request_type.as_str(), c.status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("DeviceInformation", "Acknowledged"),
            ("SecurityInfo", "Acknowledged"),
            ("DeviceLock", "Acknowledged"),
            ("EraseDevice", "Error"),
            ("DeviceLock", "Error"),
        ]
    );
    let requests = server.requests();
    let results: Vec<Dictionary> = requests[3..]
        .iter()
        .map(Recorded::plist)
        .filter(|r| r.get("Status").and_then(Value::as_string) != Some("Idle"))
        .collect();
    let info = results[0]["QueryResponses"].as_dictionary().unwrap();
    assert_eq!(info["OSVersion"].as_string(), Some("16.7.8"));
    assert_eq!(info["ProductName"].as_string(), Some("iPhone15,2"));
    let security = results[1]["SecurityInfo"].as_dictionary().unwrap();
    assert_eq!(security["PasscodePresent"].as_boolean(), Some(false));
    // Locked without a passcode: the message could not be shown.
    assert_eq!(
        results[2]["MessageResult"].as_string(),
        Some("NoPasscodeSet")
    );
    for result in &results[3..] {
        let chain = result["ErrorChain"].as_array().unwrap();
        let entry = chain[0].as_dictionary().unwrap();
        assert!(entry.contains_key("ErrorDomain") && entry.contains_key("ErrorCode"));
    }
    let unsupported = results[3]["ErrorChain"].as_array().unwrap()[0]
        .as_dictionary()
        .unwrap()["USEnglishDescription"]
        .as_string()
        .unwrap()
        .to_owned();
    assert!(
        unsupported.contains("Unsupported command: EraseDevice"),
        "{unsupported}"
    );
}

/// Commands that break Apple's schema are answered as iOS answers them,
/// `CommandFormatError` with an ErrorChain, and not acted on.
#[tokio::test]
async fn commands_breaking_apples_schema_get_command_format_error() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut device = device(DeviceFacts::iphone(), profile).on_log({
        let lines = lines.clone();
        move |line| lines.lock().unwrap().push(line.to_owned())
    });
    device.enroll().await.unwrap();
    // PasscodePresent is not a DeviceInformation query on iOS (it is
    // SecurityInfo's).
    let queries = Value::Array(vec![
        Value::String("OSVersion".into()),
        Value::String("PasscodePresent".into()),
    ]);
    server.queue("info-bad", "DeviceInformation", &[("Queries", queries)]);
    // The lock message must be a string.
    server.queue(
        "lock-bad",
        "DeviceLock",
        &[("Message", Value::Integer(42.into()))],
    );
    // Payload must be data.
    server.queue(
        "clip-bad",
        "InstallProfile",
        &[("Payload", Value::String("not data".into()))],
    );
    server.queue(
        "lock-good",
        "DeviceLock",
        &[("Message", Value::String("Call IT".into()))],
    );
    let outcome = device.poll_once().await.unwrap();
    let statuses: Vec<(&str, &str)> = outcome
        .commands
        .iter()
        .map(|c| (c.command_uuid.as_str(), c.status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("info-bad", "CommandFormatError"),
            ("lock-bad", "CommandFormatError"),
            ("clip-bad", "CommandFormatError"),
            ("lock-good", "Acknowledged"),
        ]
    );
    let violations: Vec<String> = outcome.commands[..3]
        .iter()
        .map(|c| {
            c.violations
                .as_ref()
                .expect("the violations are kept")
                .to_string()
        })
        .collect();
    assert!(
        violations[0].contains("PasscodePresent"),
        "{}",
        violations[0]
    );
    assert!(
        violations[1].contains("Command.Message"),
        "{}",
        violations[1]
    );
    assert!(
        violations[2].contains("Command.Payload"),
        "{}",
        violations[2]
    );
    assert!(outcome.commands[3].violations.is_none());
    assert!(device.installed_profiles().is_empty());

    let answers: Vec<Dictionary> = server
        .requests()
        .iter()
        .map(Recorded::plist)
        .filter(|r| r.contains_key("CommandUUID"))
        .collect();
    for answer in &answers[..3] {
        assert_eq!(answer["Status"].as_string(), Some("CommandFormatError"));
        let entry = answer["ErrorChain"].as_array().unwrap()[0]
            .as_dictionary()
            .unwrap();
        assert_eq!(entry["ErrorDomain"].as_string(), Some("MCMDMErrorDomain"));
        assert!(entry["ErrorCode"].as_signed_integer().is_some());
        // Not acted on: no answer keys of the command.
        assert!(!answer.contains_key("QueryResponses"));
        assert!(!answer.contains_key("MessageResult"));
    }
    let described = answers[0]["ErrorChain"].as_array().unwrap()[0]
        .as_dictionary()
        .unwrap()["USEnglishDescription"]
        .as_string()
        .unwrap()
        .to_owned();
    assert!(described.contains("PasscodePresent"), "{described}");
    assert_eq!(answers[3]["MessageResult"].as_string(), Some("Success"));
    let logged = lines.lock().unwrap().clone();
    assert!(
        logged.iter().any(|line| line
            .starts_with("Command DeviceInformation (info-bad) not acted on: ")
            && line.contains("PasscodePresent")),
        "{logged:#?}"
    );
}

/// What iOS never sends is not sent: a device claiming an iOS from before
/// MDM fails loudly at Authenticate, and the server hears nothing.
#[tokio::test]
async fn a_message_ios_never_sends_is_not_sent() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let facts = DeviceFacts {
        os_version: "3.1".into(),
        ..DeviceFacts::iphone()
    };
    let mut device = device(facts, profile).with_identity(common::make_identity("old"));
    let error = device.enroll().await.unwrap_err();
    match &error {
        SimError::NotWhatIosSends(violations) => {
            assert_eq!(violations.subject, "check-in message Authenticate");
        }
        other => panic!("expected NotWhatIosSends, got {other:?}"),
    }
    assert!(error.to_string().contains("not sent"), "{error}");
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[tokio::test]
async fn remove_profile_acknowledges_then_checks_out() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let mut device = device(DeviceFacts::iphone(), profile);
    device.enroll().await.unwrap();
    server.queue(
        "rm-1",
        "RemoveProfile",
        &[("Identifier", Value::String(common::PROFILE_ID.into()))],
    );
    server.queue("never", "DeviceLock", &[]);
    let outcome = device.poll_once().await.unwrap();
    assert!(outcome.unenrolled);
    assert_eq!(outcome.commands.len(), 1);
    let requests = server.requests();
    let last_two: Vec<(String, Option<String>)> = requests[requests.len() - 2..]
        .iter()
        .map(|r| (r.get("Status").unwrap_or_default(), r.get("MessageType")))
        .collect();
    assert_eq!(
        last_two,
        [
            ("Acknowledged".into(), None),
            (String::new(), Some("CheckOut".into()))
        ]
    );
    assert!(device.enrolled().is_none());
    assert!(matches!(
        device.poll_once().await,
        Err(SimError::NotEnrolled)
    ));
}

/// A profile with one managed web clip, as the portal sends it.
fn web_clip_profile(identifier: &str, url: &str) -> Vec<u8> {
    let mut clip = Dictionary::new();
    clip.insert(
        "PayloadType".into(),
        Value::String(WEB_CLIP_PAYLOAD_TYPE.into()),
    );
    clip.insert("PayloadVersion".into(), Value::Integer(1.into()));
    clip.insert(
        "PayloadIdentifier".into(),
        Value::String(format!("{identifier}.payload")),
    );
    clip.insert("PayloadUUID".into(), Value::String("C1-1".into()));
    clip.insert("URL".into(), Value::String(url.into()));
    clip.insert("Label".into(), Value::String("Example Corp".into()));
    clip.insert("FullScreen".into(), Value::Boolean(true));
    clip.insert("IsRemovable".into(), Value::Boolean(true));
    clip.insert(
        "Icon".into(),
        Value::Data(b"\x89PNG\r\n\x1a\nicon".to_vec()),
    );
    let mut top = Dictionary::new();
    top.insert("PayloadType".into(), Value::String("Configuration".into()));
    top.insert("PayloadVersion".into(), Value::Integer(1.into()));
    top.insert("PayloadIdentifier".into(), Value::String(identifier.into()));
    top.insert("PayloadUUID".into(), Value::String("P1-1".into()));
    top.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(clip)]),
    );
    messages::to_xml(top)
}

#[tokio::test]
async fn installs_remembers_and_removes_a_web_clip() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut device = device(DeviceFacts::iphone(), profile).on_log({
        let lines = lines.clone();
        move |line| lines.lock().unwrap().push(line.to_owned())
    });
    device.enroll().await.unwrap();
    let url = "https://portal.example/devices";
    server.queue(
        "clip-1",
        "InstallProfile",
        &[(
            "Payload",
            Value::Data(web_clip_profile("com.example.webclip", url)),
        )],
    );
    // Installing the same identifier again replaces it.
    server.queue(
        "clip-2",
        "InstallProfile",
        &[(
            "Payload",
            Value::Data(web_clip_profile("com.example.webclip", url)),
        )],
    );
    // Well formed, but no profile inside: iOS cannot install it.
    server.queue(
        "broken",
        "InstallProfile",
        &[("Payload", Value::Data(b"not a profile".to_vec()))],
    );
    let outcome = device.poll_once().await.unwrap();
    let statuses: Vec<&str> = outcome.commands.iter().map(|c| c.status.as_str()).collect();
    assert_eq!(statuses, ["Acknowledged", "Acknowledged", "Error"]);

    let installed = device.installed_profiles();
    assert_eq!(installed.len(), 1);
    assert_eq!(installed[0].identifier, "com.example.webclip");
    let clip = installed[0]
        .payloads_of_type(WEB_CLIP_PAYLOAD_TYPE)
        .next()
        .expect("the web clip payload");
    assert_eq!(clip.string("URL"), Some(url));
    assert_eq!(clip.string("Label"), Some("Example Corp"));
    assert_eq!(clip.boolean("FullScreen"), Some(true));
    assert_eq!(clip.data("Icon"), Some(&b"\x89PNG\r\n\x1a\nicon"[..]));
    assert_eq!(
        device.installed_profiles_handle().read().unwrap().len(),
        1,
        "the handle sees the same list"
    );
    let logged = lines.lock().unwrap().clone();
    assert!(
        logged.iter().any(|line| line
            == &format!(
                "Installed profile com.example.webclip: com.apple.webClip.managed URL={url} \
                 Label=Example Corp FullScreen=true IsRemovable=true Icon=12 bytes"
            )),
        "{logged:#?}"
    );
    let requests = server.requests();
    let refused = requests.last().unwrap().plist();
    assert_eq!(refused["Status"].as_string(), Some("Error"));
    assert!(refused["ErrorChain"].as_array().is_some());

    // RemoveProfile of the web clip takes it off; the device stays enrolled.
    server.queue(
        "rm-clip",
        "RemoveProfile",
        &[("Identifier", Value::String("com.example.webclip".into()))],
    );
    let outcome = device.poll_once().await.unwrap();
    assert_eq!(outcome.commands[0].status, "Acknowledged");
    assert!(!outcome.unenrolled);
    assert!(device.installed_profiles().is_empty());
    assert!(device.enrolled().is_some());
}

#[tokio::test]
async fn unenrolling_removes_the_installed_profiles() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let mut device = device(DeviceFacts::iphone(), profile);
    device.enroll().await.unwrap();
    server.queue(
        "clip-1",
        "InstallProfile",
        &[(
            "Payload",
            Value::Data(web_clip_profile(
                "com.example.webclip",
                "https://portal.example/devices",
            )),
        )],
    );
    server.queue(
        "rm-1",
        "RemoveProfile",
        &[("Identifier", Value::String(common::PROFILE_ID.into()))],
    );
    let outcome = device.poll_once().await.unwrap();
    assert!(outcome.unenrolled);
    assert!(device.installed_profiles().is_empty());
}

#[tokio::test]
async fn offline_devices_do_not_poll_and_run_until_stops() {
    let server = Server::start().await;
    let profile = profile_for(&server, false);
    let mut device =
        device(DeviceFacts::iphone(), profile).poll_interval(Duration::from_millis(20));
    device.enroll().await.unwrap();
    device.set_offline(true);
    assert!(device.poll_once().await.unwrap().skipped_offline);
    assert_eq!(server.requests().len(), 2);
    device.set_offline(false);
    let outcome = device
        .run_until(tokio::time::sleep(Duration::from_millis(200)))
        .await
        .unwrap();
    assert_eq!(outcome, RunOutcome::Stopped);
    let idles = server
        .requests()
        .iter()
        .filter(|r| r.get("Status").as_deref() == Some("Idle"))
        .count();
    assert!(idles >= 2, "{idles} polls");
}

#[tokio::test]
async fn signs_with_a_given_identity_without_scep() {
    let server = Server::start().await;
    let profile = profile_for(&server, true);
    let old_identity = common::make_identity("old device");
    let mut device = device(DeviceFacts::iphone(), profile).with_identity(old_identity.clone());
    device.enroll().await.unwrap();
    assert_eq!(server.mock.scep_requests.load(Ordering::SeqCst), 0);
    let r = &server.requests()[0];
    let signer = signing::verify_mdm_signature(r.signature.as_deref().unwrap(), &r.body).unwrap();
    assert_eq!(
        der::Encode::to_der(&signer).unwrap(),
        old_identity.certificate_der()
    );
}

#[tokio::test]
async fn a_scep_refusal_is_a_clear_error() {
    let server = Server::start().await;
    let text = String::from_utf8(common::make_profile(&server.base, true)).unwrap();
    let profile = Profile::parse(text.replace(common::CHALLENGE, "stale").as_bytes()).unwrap();
    let mut device = device(DeviceFacts::iphone(), profile);
    let error = device.enroll().await.unwrap_err();
    assert!(matches!(error, SimError::ScepFailure { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "SCEP: the server refused the certificate request (badRequest)"
    );
    assert!(
        server.requests().is_empty(),
        "no check-in without an identity"
    );
}

fn run_cli(args: Vec<String>) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_device-sim"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_exit_codes() {
    let server = Server::start().await;
    let dir = std::env::temp_dir().join(format!("device-sim-cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let profile_path = dir.join("enroll.mobileconfig");
    std::fs::write(&profile_path, common::make_profile(&server.base, true)).unwrap();
    let facts_path = dir.join("facts.json");
    let state_dir = dir.join("state");
    server.queue(
        "info-1",
        "DeviceInformation",
        &[("Queries", Value::Array(vec![Value::String("UDID".into())]))],
    );
    server.queue(
        "clip-1",
        "InstallProfile",
        &[(
            "Payload",
            Value::Data(web_clip_profile(
                "com.example.webclip",
                "https://portal.example/devices",
            )),
        )],
    );

    let args: Vec<String> = [
        "enroll",
        "--profile",
        profile_path.to_str().unwrap(),
        "--kind",
        "ipad",
        "--name",
        "Alex's iPad",
        "--os-version",
        "17.5",
        "--facts-file",
        facts_path.to_str().unwrap(),
        "--state-dir",
        state_dir.to_str().unwrap(),
        "--insecure",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (code, out) = tokio::task::spawn_blocking({
        let args = args.clone();
        move || run_cli(args)
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Not Verified: profile not signed"), "{out}");
    assert!(out.contains("Authenticate accepted"), "{out}");
    assert!(out.contains("Enrolled as Alex's iPad"), "{out}");
    assert!(
        out.contains("Command DeviceInformation (info-1): Acknowledged"),
        "{out}"
    );
    assert!(
        out.contains(
            "Installed profile com.example.webclip: com.apple.webClip.managed \
             URL=https://portal.example/devices Label=Example Corp"
        ),
        "{out}"
    );
    assert!(
        out.contains("Command InstallProfile (clip-1): Acknowledged"),
        "{out}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&facts_path).unwrap()).unwrap();
    assert_eq!(written["os_version"], "17.5");
    assert_eq!(written["kind"], "ipad");
    let auth = server.requests()[0].plist();
    assert!(!auth.contains_key("DeviceName"));
    assert_eq!(auth["OSVersion"].as_string(), Some("17.5"));
    // The state directory holds what others need to sign as this device.
    let kept = device_sim::Identity::read_state_dir(&state_dir).unwrap();
    let signer = signing::verify_mdm_signature(
        server.requests()[0].signature.as_deref().unwrap(),
        &server.requests()[0].body,
    )
    .unwrap();
    assert_eq!(signer, kept.certificate);
    let facts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state_dir.join("facts.json")).unwrap())
            .unwrap();
    assert_eq!(facts["device_name"], "Alex's iPad");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(state_dir.join("key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0);
    }
    // --identity-from signs with the kept identity, without SCEP; a signed
    // profile whose chain reaches --trust-root shows as Verified.
    let signer = common::make_identity("Contoso Profile Signing");
    let ca = common::ca().certificate.clone();
    let signed_path = dir.join("signed.mobileconfig");
    std::fs::write(
        &signed_path,
        common::sign(
            &common::make_profile(&server.base, true),
            &common::Key::Rsa(Box::new(signer.key.clone())),
            &[signer.certificate.clone(), ca.clone()],
            false,
        ),
    )
    .unwrap();
    let root_path = dir.join("root.pem");
    std::fs::write(
        &root_path,
        der::EncodePem::to_pem(&ca, der::pem::LineEnding::LF).unwrap(),
    )
    .unwrap();
    let before = server.mock.scep_requests.load(Ordering::SeqCst);
    let seen = server.requests().len();
    let (code, out) = tokio::task::spawn_blocking({
        let profile = signed_path.to_str().unwrap().to_owned();
        let state = state_dir.to_str().unwrap().to_owned();
        let root = root_path.to_str().unwrap().to_owned();
        move || {
            run_cli(vec![
                "enroll".into(),
                "--profile".into(),
                profile,
                "--identity-from".into(),
                state,
                "--trust-root".into(),
                root,
                "--insecure".into(),
                "--no-poll".into(),
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Verified: profile signed by CN=Contoso Profile Signing"),
        "{out}"
    );
    assert!(!out.contains("Not Verified"), "{out}");
    assert_eq!(server.mock.scep_requests.load(Ordering::SeqCst), before);
    let again = &server.requests()[seen];
    let signer =
        signing::verify_mdm_signature(again.signature.as_deref().unwrap(), &again.body).unwrap();
    assert_eq!(signer, kept.certificate);

    server.mock.checkin_status.store(403, Ordering::SeqCst);
    let (code, out) = tokio::task::spawn_blocking(move || run_cli(args))
        .await
        .unwrap();
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("Server refused Authenticate: 403 enrollment not allowed"),
        "{out}"
    );

    let (code, out) = tokio::task::spawn_blocking(|| {
        run_cli(vec![
            "enroll".into(),
            "--profile".into(),
            "/nonexistent".into(),
        ])
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

type CookieAndAgent = (Option<String>, Option<String>);

/// Over HTTPS with a self-signed certificate: refused unless insecure; the
/// profile download sends the cookie and Safari's User-Agent.
#[tokio::test]
async fn https_with_self_signed_certificate() {
    let tls = self_signed_tls();

    // (Cookie, User-Agent) of each profile download.
    let seen: Arc<Mutex<Vec<CookieAndAgent>>> = Arc::default();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!(
        "https://localhost:{}",
        listener.local_addr().unwrap().port()
    );
    let profile_bytes = common::make_profile(&base, true);
    let app = Router::new().route(
        "/enrollment-profiles/{token}",
        axum::routing::get({
            let seen = seen.clone();
            move |headers: HeaderMap| async move {
                let h = |n: &str| {
                    headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                seen.lock().unwrap().push((h("cookie"), h("user-agent")));
                (
                    [("content-type", device_sim::PROFILE_CONTENT_TYPE)],
                    profile_bytes,
                )
            }
        }),
    );
    listener.set_nonblocking(true).unwrap();
    tokio::spawn(async move {
        axum_server::from_tcp_rustls(listener, tls)
            .unwrap()
            .serve(app.into_make_service())
            .await
            .unwrap()
    });

    let url = format!("{base}/enrollment-profiles/tok123");
    let strict = Profile::fetch(&url, None, false).await;
    assert!(matches!(strict, Err(SimError::Http(_))), "{strict:?}");
    let profile = Profile::fetch(&url, Some("__Host-portal_session=abc"), true)
        .await
        .unwrap();
    assert_eq!(
        profile.content_type.as_deref(),
        Some(device_sim::PROFILE_CONTENT_TYPE)
    );
    assert_eq!(profile.scep.url, format!("{base}/scep"));
    let seen = seen.lock().unwrap().clone();
    let (cookie, ua) = seen.last().unwrap();
    assert_eq!(cookie.as_deref(), Some("__Host-portal_session=abc"));
    assert!(ua.as_deref().unwrap().contains("iPhone OS 17_4"), "{ua:?}");
}
