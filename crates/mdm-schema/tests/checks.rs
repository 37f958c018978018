//! The checker against hand-built plists: each case names the rule of
//! Apple's YAML it exercises.

use mdm_schema::{
    check_checkin, check_command, check_command_request, check_command_response,
    check_configuration_profile, check_error_document, check_idle, check_machine_info,
    check_profile_payload, Absence, Checker, Context, Enrollment, ViolationKind, Violations,
};
use plist::{Dictionary, Value};

const TOPIC: &str = "com.apple.mgmt.External.2b1c2d3e-0000-4000-8000-000000000001";
const UDID: &str = "00008110-000A1C2E3E88801E";

fn dict(entries: &[(&str, Value)]) -> Dictionary {
    entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn ios17() -> Context {
    Context::ios("17.4")
}

fn user_enrollment() -> Context {
    Context::ios("17.4").with_enrollment(Enrollment::User)
}

/// The violations of a check that must fail.
fn violations(result: Result<(), Violations>) -> Violations {
    match result {
        Ok(()) => panic!("expected violations, the plist was accepted"),
        Err(v) => v,
    }
}

/// The kind at `path`, with the whole list in the panic message if absent.
fn kind_at(v: &Violations, path: &str) -> ViolationKind {
    match v.at(path) {
        Some(found) => found.kind.clone(),
        None => panic!("no violation at {path}; got {v}"),
    }
}

/// An Authenticate as iOS 17 sends it under device enrollment.
fn ios_authenticate() -> Dictionary {
    dict(&[
        ("MessageType", s("Authenticate")),
        ("Topic", s(TOPIC)),
        ("UDID", s(UDID)),
        ("OSVersion", s("17.4")),
        ("BuildVersion", s("21E219")),
        ("ProductName", s("iPhone15,2")),
        ("SerialNumber", s("F2LXK0AAAAAA")),
        ("IMEI", s("35 000000 000000 0")),
    ])
}

#[test]
fn ios_authenticate_is_accepted() {
    check_checkin(&ios17(), "Authenticate", &ios_authenticate()).unwrap();
}

#[test]
fn authenticate_with_device_name_is_rejected_on_ios() {
    let mut message = ios_authenticate();
    message.insert("DeviceName".into(), s("Anna's iPhone"));
    message.insert("ModelName".into(), s("iPhone"));
    let v = violations(check_checkin(&ios17(), "Authenticate", &message));
    assert_eq!(v.len(), 2, "{v}");
    for key in ["DeviceName", "ModelName"] {
        assert_eq!(
            kind_at(&v, key),
            ViolationKind::NotApplicable {
                value: None,
                why: Absence::NeverOnOs {
                    os: mdm_schema::Os::Ios
                }
            }
        );
    }
    // The same message is what macOS sends: there DeviceName is required.
    let mac = Context {
        os: mdm_schema::Os::Macos,
        ..Context::ios("14.4")
    };
    let mut mac_message = message.clone();
    mac_message.remove("IMEI"); // never on macOS
    mac_message.insert("Model".into(), s("Mac14,2"));
    check_checkin(&mac, "Authenticate", &mac_message).unwrap();
}

#[test]
fn authenticate_without_topic_is_rejected() {
    let mut message = ios_authenticate();
    message.remove("Topic");
    let v = violations(check_checkin(&ios17(), "Authenticate", &message));
    assert_eq!(
        kind_at(&v, "Topic"),
        ViolationKind::Missing {
            by_user_enrollment: false
        }
    );
    assert_eq!(v.len(), 1, "{v}");
}

#[test]
fn udid_under_user_enrollment_is_rejected_and_enrollment_id_required() {
    let message = dict(&[
        ("MessageType", s("Authenticate")),
        ("Topic", s(TOPIC)),
        ("UDID", s(UDID)),
    ]);
    let v = violations(check_checkin(&user_enrollment(), "Authenticate", &message));
    assert_eq!(
        kind_at(&v, "UDID"),
        ViolationKind::NotApplicable {
            value: None,
            why: Absence::ForbiddenUnderUserEnrollment
        }
    );
    assert_eq!(
        kind_at(&v, "EnrollmentID"),
        ViolationKind::Missing {
            by_user_enrollment: true
        }
    );
    assert_eq!(v.len(), 2, "{v}");

    let user = dict(&[
        ("MessageType", s("Authenticate")),
        ("Topic", s(TOPIC)),
        ("EnrollmentID", s("A1B2C3D4-0000-4000-8000-00000000000E")),
        ("OSVersion", s("17.4")),
    ]);
    check_checkin(&user_enrollment(), "Authenticate", &user).unwrap();
    // EnrollmentID is for user enrollment only.
    let mut device = ios_authenticate();
    device.insert("EnrollmentID".into(), s("A1B2"));
    let v = violations(check_checkin(&ios17(), "Authenticate", &device));
    assert_eq!(
        kind_at(&v, "EnrollmentID"),
        ViolationKind::NotApplicable {
            value: None,
            why: Absence::OnlyUnderUserEnrollment
        }
    );
}

#[test]
fn introduced_later_than_the_device_is_rejected() {
    // EnrollmentID is introduced in iOS 13.0.
    let message = dict(&[
        ("MessageType", s("Authenticate")),
        ("Topic", s(TOPIC)),
        ("EnrollmentID", s("E")),
    ]);
    let old = Context::ios("12.4").with_enrollment(Enrollment::User);
    let v = violations(check_checkin(&old, "Authenticate", &message));
    assert!(
        matches!(
            kind_at(&v, "EnrollmentID"),
            ViolationKind::NotApplicable {
                why: Absence::NotYetIntroduced { ref introduced, .. },
                ..
            } if introduced == "13.0"
        ),
        "{v}"
    );
}

fn ios_token_update() -> Dictionary {
    dict(&[
        ("MessageType", s("TokenUpdate")),
        ("Topic", s(TOPIC)),
        ("UDID", s(UDID)),
        ("Token", Value::Data(vec![7; 32])),
        ("PushMagic", s("4F2B6A6C-3A8D-4C5E-9E1F-2B3C4D5E6F70")),
        ("UnlockToken", Value::Data(vec![1; 64])),
        ("AwaitingConfiguration", Value::Boolean(false)),
    ])
}

#[test]
fn correct_token_update_is_accepted() {
    check_checkin(&ios17(), "TokenUpdate", &ios_token_update()).unwrap();
    check_checkin(
        &ios17(),
        "TokenUpdate",
        &Value::Dictionary(ios_token_update()),
    )
    .unwrap();
}

#[test]
fn wrong_type_is_rejected() {
    let mut message = ios_token_update();
    // A base64 string where iOS sends <data>.
    message.insert("Token".into(), s("BwcHBwcHBwc="));
    let v = violations(check_checkin(&ios17(), "TokenUpdate", &message));
    assert!(
        matches!(
            kind_at(&v, "Token"),
            ViolationKind::WrongType { expected: mdm_schema::ValueType::Data, ref found }
                if found.starts_with("<string>")
        ),
        "{v}"
    );
    assert_eq!(v.len(), 1, "{v}");
}

#[test]
fn rangelist_violation_is_rejected() {
    let mut message = ios_token_update();
    message.insert("MessageType".into(), s("Authenticate"));
    let v = violations(check_checkin(&ios17(), "TokenUpdate", &message));
    assert!(
        matches!(kind_at(&v, "MessageType"), ViolationKind::NotAllowed { ref value, .. } if value == "\"Authenticate\""),
        "{v}"
    );

    // An integer rangelist: the SCEP key size.
    let mut scep = scep_payload();
    scep.get_mut("PayloadContent")
        .and_then(Value::as_dictionary_mut)
        .unwrap()
        .insert("Keysize".into(), Value::Integer(3072.into()));
    let v = violations(check_profile_payload(
        &ios17(),
        "com.apple.security.scep",
        &scep,
    ));
    assert_eq!(
        kind_at(&v, "PayloadContent.Keysize"),
        ViolationKind::NotAllowed {
            value: "3072".into(),
            allowed: vec!["1024".into(), "2048".into(), "4096".into()]
        }
    );
}

#[test]
fn unknown_keys_are_rejected() {
    let mut message = ios_token_update();
    message.insert("Nonsense".into(), Value::Boolean(true));
    let v = violations(check_checkin(&ios17(), "TokenUpdate", &message));
    assert_eq!(kind_at(&v, "Nonsense"), ViolationKind::UnknownKey);
}

fn response(extra: &[(&str, Value)]) -> Dictionary {
    let mut d = dict(&[
        ("Status", s("Acknowledged")),
        ("CommandUUID", s("0A1B2C3D-0000-4000-8000-000000000001")),
        ("UDID", s(UDID)),
    ]);
    d.extend(dict(extra));
    d
}

#[test]
fn device_information_response_with_passcode_present_is_rejected_on_ios() {
    let answers = dict(&[
        ("OSVersion", s("17.4")),
        ("ProductName", s("iPhone15,2")),
        ("PasscodePresent", Value::Boolean(true)),
    ]);
    let message = response(&[("QueryResponses", Value::Dictionary(answers))]);
    let v = violations(check_command_response(
        &ios17(),
        "DeviceInformation",
        &message,
    ));
    assert_eq!(
        kind_at(&v, "QueryResponses.PasscodePresent"),
        ViolationKind::UnknownKey
    );
    assert_eq!(v.len(), 1, "{v}");
    assert!(
        v.to_string()
            .contains("QueryResponses.PasscodePresent: unknown key"),
        "{v}"
    );
}

#[test]
fn security_info_response_with_passcode_present_is_accepted() {
    let info = dict(&[
        ("PasscodePresent", Value::Boolean(true)),
        ("PasscodeCompliant", Value::Boolean(true)),
        ("PasscodeCompliantWithProfiles", Value::Boolean(true)),
        ("HardwareEncryptionCaps", Value::Integer(3.into())),
    ]);
    let message = response(&[("SecurityInfo", Value::Dictionary(info.clone()))]);
    check_command_response(&ios17(), "SecurityInfo", &message).unwrap();
    // ...but not under user enrollment (forbidden there), nor with a UDID.
    let mut user = message.clone();
    user.remove("UDID");
    user.insert("EnrollmentID".into(), s("E"));
    let v = violations(check_command_response(
        &user_enrollment(),
        "SecurityInfo",
        &user,
    ));
    assert_eq!(
        kind_at(&v, "SecurityInfo.PasscodePresent"),
        ViolationKind::NotApplicable {
            value: None,
            why: Absence::ForbiddenUnderUserEnrollment
        }
    );
}

#[test]
fn response_envelope_and_error_chain() {
    // An acknowledged SecurityInfo without its SecurityInfo dictionary.
    let v = violations(check_command_response(
        &ios17(),
        "SecurityInfo",
        &response(&[]),
    ));
    assert_eq!(
        kind_at(&v, "SecurityInfo"),
        ViolationKind::Missing {
            by_user_enrollment: false
        }
    );
    // An error response carries the ErrorChain and none of the keys.
    let chain = Value::Array(vec![Value::Dictionary(dict(&[
        ("ErrorCode", Value::Integer(12021.into())),
        ("ErrorDomain", s("MCMDMErrorDomain")),
        ("LocalizedDescription", s("Unknown command")),
        ("USEnglishDescription", s("Unknown command")),
    ]))]);
    let mut error = response(&[("ErrorChain", chain)]);
    error.insert("Status".into(), s("Error"));
    check_command_response(&ios17(), "SecurityInfo", &error).unwrap();
    // ErrorCode is an integer.
    let bad_chain = Value::Array(vec![Value::Dictionary(dict(&[
        ("ErrorCode", s("12021")),
        ("ErrorDomain", s("MCMDMErrorDomain")),
        ("LocalizedDescription", s("Unknown command")),
    ]))]);
    error.insert("ErrorChain".into(), bad_chain);
    let v = violations(check_command_response(&ios17(), "SecurityInfo", &error));
    assert!(
        matches!(
            kind_at(&v, "ErrorChain[0].ErrorCode"),
            ViolationKind::WrongType { .. }
        ),
        "{v}"
    );
    // Idle is not a command status.
    let mut idle = response(&[]);
    idle.insert("Status".into(), s("Idle"));
    let v = violations(check_command_response(&ios17(), "ProfileList", &idle));
    assert!(
        matches!(kind_at(&v, "Status"), ViolationKind::NotAllowed { .. }),
        "{v}"
    );
}

#[test]
fn idle_message() {
    let idle = dict(&[("Status", s("Idle")), ("UDID", s(UDID))]);
    check_idle(&ios17(), &idle).unwrap();
    let v = violations(check_idle(&user_enrollment(), &idle));
    assert!(
        v.at("UDID").is_some() && v.at("EnrollmentID").is_some(),
        "{v}"
    );
}

#[test]
fn command_requests() {
    let lock = dict(&[
        ("RequestType", s("DeviceLock")),
        ("Message", s("Please return this iPhone")),
        ("PhoneNumber", s("+1 555 0100")),
    ]);
    check_command_request(&ios17(), "DeviceLock", &lock).unwrap();
    // PIN is the Mac's Find My PIN: never on iOS.
    let mut with_pin = lock.clone();
    with_pin.insert("PIN".into(), s("123456"));
    let v = violations(check_command_request(&ios17(), "DeviceLock", &with_pin));
    assert!(
        matches!(kind_at(&v, "PIN"), ViolationKind::NotApplicable { .. }),
        "{v}"
    );
    // RequestType must be there and match.
    let mut without = lock.clone();
    without.remove("RequestType");
    let v = violations(check_command_request(&ios17(), "DeviceLock", &without));
    assert!(
        matches!(kind_at(&v, "RequestType"), ViolationKind::Missing { .. }),
        "{v}"
    );

    // The whole envelope, with the command found by its RequestType.
    let envelope = dict(&[
        ("CommandUUID", s("0A1B2C3D-0000-4000-8000-000000000002")),
        ("Command", Value::Dictionary(with_pin)),
    ]);
    let v = violations(check_command(&ios17(), &envelope));
    assert!(v.at("Command.PIN").is_some(), "{v}");
    assert!(v.to_string().contains("command DeviceLock"), "{v}");
    let mut no_uuid = envelope.clone();
    no_uuid.remove("CommandUUID");
    let v = violations(check_command(&ios17(), &no_uuid));
    assert!(v.at("CommandUUID").is_some(), "{v}");
}

#[test]
fn device_information_queries_are_values_of_the_definition() {
    let queries = |names: &[&str]| {
        dict(&[
            ("RequestType", s("DeviceInformation")),
            (
                "Queries",
                Value::Array(names.iter().map(|n| s(n)).collect()),
            ),
        ])
    };
    check_command_request(
        &ios17(),
        "DeviceInformation",
        &queries(&["UDID", "OSVersion", "ProductName", "IsSupervised"]),
    )
    .unwrap();
    // PasscodePresent is a SecurityInfo key, not a DeviceInformation query.
    let v = violations(check_command_request(
        &ios17(),
        "DeviceInformation",
        &queries(&["OSVersion", "PasscodePresent"]),
    ));
    assert!(
        matches!(kind_at(&v, "Queries[1]"), ViolationKind::NotAllowed { ref value, .. } if value == "\"PasscodePresent\""),
        "{v}"
    );
    // The server must not ask a user-enrolled device for its UDID.
    let v = violations(check_command_request(
        &user_enrollment(),
        "DeviceInformation",
        &queries(&["UDID"]),
    ));
    assert_eq!(
        kind_at(&v, "Queries[0]"),
        ViolationKind::NotApplicable {
            value: Some("\"UDID\"".into()),
            why: Absence::ForbiddenUnderUserEnrollment
        }
    );
}

fn scep_payload() -> Dictionary {
    let subject = Value::Array(vec![
        Value::Array(vec![Value::Array(vec![s("O"), s("Contoso")])]),
        Value::Array(vec![Value::Array(vec![s("CN"), s("Anna's iPhone")])]),
    ]);
    let content = dict(&[
        ("URL", s("https://portal.example.com/scep")),
        ("Name", s("portal")),
        ("Subject", subject),
        ("Challenge", s("one-time-secret")),
        ("Keysize", Value::Integer(2048.into())),
        ("Key Type", s("RSA")),
        ("Key Usage", Value::Integer(5.into())),
    ]);
    dict(&[
        ("PayloadType", s("com.apple.security.scep")),
        ("PayloadVersion", Value::Integer(1.into())),
        ("PayloadIdentifier", s("com.example.portal.scep")),
        ("PayloadUUID", s("6B1D4B4E-0000-4000-8000-000000000003")),
        ("PayloadDisplayName", s("Device identity")),
        ("PayloadContent", Value::Dictionary(content)),
    ])
}

#[test]
fn scep_payload_is_accepted() {
    check_profile_payload(&ios17(), "com.apple.security.scep", &scep_payload()).unwrap();
}

#[test]
fn scep_subject_pairs_have_two_elements() {
    let mut scep = scep_payload();
    let content = scep
        .get_mut("PayloadContent")
        .and_then(Value::as_dictionary_mut)
        .unwrap();
    content.insert(
        "Subject".into(),
        Value::Array(vec![Value::Array(vec![Value::Array(vec![s("CN")])])]),
    );
    let v = violations(check_profile_payload(
        &ios17(),
        "com.apple.security.scep",
        &scep,
    ));
    assert!(
        matches!(
            kind_at(&v, "PayloadContent.Subject[0][0]"),
            ViolationKind::Repetition { len: 1, .. }
        ),
        "{v}"
    );
}

fn mdm_payload() -> Dictionary {
    dict(&[
        ("PayloadType", s("com.apple.mdm")),
        ("PayloadVersion", Value::Integer(1.into())),
        ("PayloadIdentifier", s("com.example.portal.mdm")),
        ("PayloadUUID", s("6B1D4B4E-0000-4000-8000-000000000004")),
        (
            "IdentityCertificateUUID",
            s("6B1D4B4E-0000-4000-8000-000000000003"),
        ),
        ("Topic", s(TOPIC)),
        ("ServerURL", s("https://portal.example.com/mdm/server")),
        ("CheckInURL", s("https://portal.example.com/mdm/checkin")),
        ("SignMessage", Value::Boolean(true)),
        ("AccessRights", Value::Integer(8191.into())),
        (
            "ServerCapabilities",
            Value::Array(vec![s("com.apple.mdm.per-user-connections")]),
        ),
        ("CheckOutWhenRemoved", Value::Boolean(true)),
    ])
}

#[test]
fn mdm_payload_without_server_url_is_rejected() {
    check_profile_payload(&ios17(), "com.apple.mdm", &mdm_payload()).unwrap();
    let mut payload = mdm_payload();
    payload.remove("ServerURL");
    let v = violations(check_profile_payload(&ios17(), "com.apple.mdm", &payload));
    assert_eq!(
        kind_at(&v, "ServerURL"),
        ViolationKind::Missing {
            by_user_enrollment: false
        }
    );
    assert_eq!(v.len(), 1, "{v}");
}

#[test]
fn mdm_payload_formats_and_payload_type() {
    let mut payload = mdm_payload();
    payload.insert("ServerURL".into(), s("http://portal.example.com/mdm"));
    payload.insert(
        "ServerCapabilities".into(),
        Value::Array(vec![s("com.apple.mdm.nonsense")]),
    );
    let v = violations(check_profile_payload(&ios17(), "com.apple.mdm", &payload));
    assert!(
        matches!(
            kind_at(&v, "ServerURL"),
            ViolationKind::FormatMismatch { .. }
        ),
        "{v}"
    );
    assert!(
        matches!(
            kind_at(&v, "ServerCapabilities[0]"),
            ViolationKind::NotAllowed { .. }
        ),
        "{v}"
    );
    // A payload checked as another type.
    let v = violations(check_profile_payload(
        &ios17(),
        "com.apple.security.scep",
        &mdm_payload(),
    ));
    assert!(
        matches!(kind_at(&v, "PayloadType"), ViolationKind::NotAllowed { .. }),
        "{v}"
    );
}

#[test]
fn configuration_profile_checks_each_payload_by_type() {
    let profile = |payloads: Vec<Value>| {
        dict(&[
            ("PayloadType", s("Configuration")),
            ("PayloadVersion", Value::Integer(1.into())),
            ("PayloadIdentifier", s("com.example.portal.enrollment")),
            ("PayloadUUID", s("6B1D4B4E-0000-4000-8000-000000000005")),
            ("PayloadDisplayName", s("Company Portal")),
            ("PayloadContent", Value::Array(payloads)),
        ])
    };
    let good = profile(vec![
        Value::Dictionary(scep_payload()),
        Value::Dictionary(mdm_payload()),
    ]);
    check_configuration_profile(&ios17(), &good).unwrap();
    let mut broken = mdm_payload();
    broken.remove("Topic");
    let mut unknown = scep_payload();
    unknown.insert("PayloadType".into(), s("com.example.unknown"));
    let bad = profile(vec![Value::Dictionary(unknown), Value::Dictionary(broken)]);
    let v = violations(check_configuration_profile(&ios17(), &bad));
    assert!(v.at("PayloadContent[1].Topic").is_some(), "{v}");
    assert!(
        matches!(
            kind_at(&v, "PayloadContent[0].PayloadType"),
            ViolationKind::UnknownDefinition { .. }
        ),
        "{v}"
    );
}

#[test]
fn web_clip_and_pkcs12_payloads() {
    let clip = dict(&[
        ("PayloadType", s("com.apple.webClip.managed")),
        ("PayloadVersion", Value::Integer(1.into())),
        ("PayloadIdentifier", s("com.example.portal.clip")),
        ("PayloadUUID", s("6B1D4B4E-0000-4000-8000-000000000006")),
        ("URL", s("https://portal.example.com/")),
        ("Label", s("Company Portal")),
        ("IsRemovable", Value::Boolean(true)),
        ("FullScreen", Value::Boolean(true)),
    ]);
    check_profile_payload(&ios17(), "com.apple.webClip.managed", &clip).unwrap();
    let identity = dict(&[
        ("PayloadType", s("com.apple.security.pkcs12")),
        ("PayloadVersion", Value::Integer(1.into())),
        ("PayloadIdentifier", s("com.example.portal.identity")),
        ("PayloadUUID", s("6B1D4B4E-0000-4000-8000-000000000007")),
        ("PayloadContent", Value::Data(vec![0x30, 0x82])),
        ("Password", s("secret")),
    ]);
    check_profile_payload(&ios17(), "com.apple.security.pkcs12", &identity).unwrap();
}

#[test]
fn open_dictionaries_are_an_option() {
    // No vendored definition has a dictionary without subkeys, so a small
    // one in Apple's format.
    let def = mdm_schema::Definition::from_yaml(
        "title: Open\n\
         payload:\n  requesttype: Open\n  supportedOS:\n    iOS:\n      introduced: '4.0'\n\
         payloadkeys:\n\
         - key: Settings\n  type: <dictionary>\n  presence: required\n\
         - key: Names\n  type: <dictionary>\n  subkeys:\n  - key: ANY\n    type: <string>\n",
    )
    .unwrap();
    let message = dict(&[
        (
            "Settings",
            Value::Dictionary(dict(&[("Anything", Value::Boolean(true))])),
        ),
        ("Names", Value::Dictionary(dict(&[("en", s("Portal"))]))),
    ]);
    let ctx = ios17();
    let strict = Checker::new(&ctx).check(&def, mdm_schema::KeySet::Payload, &message);
    let v = violations(strict);
    assert_eq!(kind_at(&v, "Settings.Anything"), ViolationKind::UnknownKey);
    assert_eq!(v.len(), 1, "ANY accepts any key name: {v}");
    Checker::new(&ctx)
        .allow_open_dictionaries(true)
        .check(&def, mdm_schema::KeySet::Payload, &message)
        .unwrap();
    // ANY still checks the value's type.
    let wrong = dict(&[
        ("Settings", Value::Dictionary(Dictionary::new())),
        (
            "Names",
            Value::Dictionary(dict(&[("en", Value::Boolean(true))])),
        ),
    ]);
    let v = violations(mdm_schema::check(
        &ctx,
        &def,
        mdm_schema::KeySet::Payload,
        &wrong,
    ));
    assert!(
        matches!(kind_at(&v, "Names.en"), ViolationKind::WrongType { .. }),
        "{v}"
    );
}

#[test]
fn machine_info_and_error_documents() {
    let info = dict(&[
        ("UDID", s(UDID)),
        ("SERIAL", s("F2LXK0AAAAAA")),
        ("PRODUCT", s("iPhone15,2")),
        ("VERSION", s("21E219")),
        ("OS_VERSION", s("17.4")),
        ("LANGUAGE", s("en-US")),
    ]);
    check_machine_info(&ios17(), &info).unwrap();
    let mut no_serial = info.clone();
    no_serial.remove("SERIAL");
    assert!(violations(check_machine_info(&ios17(), &no_serial))
        .at("SERIAL")
        .is_some());

    let unrecognized = dict(&[
        ("code", s("com.apple.unrecognized.device")),
        ("description", s("unknown device")),
    ]);
    check_error_document(&ios17(), &unrecognized).unwrap();
    // iOS 16 predates this document.
    let v = violations(check_error_document(&Context::ios("16.7"), &unrecognized));
    assert!(
        matches!(
            kind_at(&v, ""),
            ViolationKind::DefinitionNotApplicable { .. }
        ),
        "{v}"
    );
}

#[test]
fn violations_read_well() {
    let mut message = ios_authenticate();
    message.insert("DeviceName".into(), s("Anna's iPhone"));
    message.remove("Topic");
    let v = violations(check_checkin(&ios17(), "Authenticate", &message));
    let text = v.to_string();
    assert_eq!(
        text,
        "2 violations of Apple's schema for check-in message Authenticate \
         (iOS 17.4, device enrollment):\n  \
         - DeviceName: present, but must be absent: never on iOS (introduced: n/a)\n  \
         - Topic: missing (presence: required)"
    );
    assert_eq!(format!("{v:?}"), text);
}

#[test]
fn unknown_definitions_are_reported() {
    let v = violations(check_checkin(&ios17(), "Bogus", &Dictionary::new()));
    assert!(
        matches!(kind_at(&v, ""), ViolationKind::UnknownDefinition { .. }),
        "{v}"
    );
    let v = violations(check_checkin(
        &ios17(),
        "Authenticate",
        &Value::Boolean(true),
    ));
    assert!(
        matches!(kind_at(&v, ""), ViolationKind::WrongType { .. }),
        "{v}"
    );
}
