//! Every plist the simulated device can send, checked against Apple's schema
//! (crate mdm-schema) for the iOS version it claims: it must send what iOS
//! sends, no more, no less.

use device_sim::messages;
use device_sim::DeviceFacts;
use mdm_schema::{check_checkin, check_command_response, check_idle, Context};
use plist::Dictionary;

const TOPIC: &str = "com.apple.mgmt.External.0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const COMMAND_UUID: &str = "7D4F8C2A-0000-4000-8000-000000000001";

fn both_kinds() -> [DeviceFacts; 2] {
    [DeviceFacts::iphone(), DeviceFacts::ipad()]
}

/// The facts' own iOS version, device enrollment (the simulator's only one).
fn context(facts: &DeviceFacts) -> Context {
    Context::ios(&facts.os_version)
}

#[test]
fn authenticate_is_what_ios_sends() {
    for facts in both_kinds() {
        for rights in [messages::ALL_ACCESS_RIGHTS, 0] {
            let message = messages::authenticate(TOPIC, &facts, rights);
            check_checkin(&context(&facts), "Authenticate", &message).unwrap();
        }
    }
    // An old iOS, before OSVersion and friends came to Authenticate.
    let mut old = DeviceFacts::iphone();
    old.os_version = "8.4".into();
    let message = messages::authenticate(TOPIC, &old, messages::ALL_ACCESS_RIGHTS);
    check_checkin(&context(&old), "Authenticate", &message).unwrap();
}

#[test]
fn token_update_is_what_ios_sends() {
    for facts in both_kinds() {
        for unlock_token in [Some(&[1u8; 64][..]), None] {
            let message =
                messages::token_update(TOPIC, &facts.udid, &[7; 32], "magic", unlock_token);
            check_checkin(&context(&facts), "TokenUpdate", &message).unwrap();
        }
    }
}

#[test]
fn check_out_is_what_ios_sends() {
    for facts in both_kinds() {
        let message = messages::check_out(TOPIC, &facts.udid);
        check_checkin(&context(&facts), "CheckOut", &message).unwrap();
    }
}

#[test]
fn idle_is_what_ios_sends() {
    for facts in both_kinds() {
        check_idle(&context(&facts), &messages::idle(&facts.udid)).unwrap();
    }
}

/// The response to a DeviceInformation command with these queries.
fn device_information_response(facts: &DeviceFacts, queries: &[&str]) -> Dictionary {
    let queries: Vec<String> = queries.iter().map(|q| q.to_string()).collect();
    let mut extra = Dictionary::new();
    extra.insert(
        "QueryResponses".into(),
        plist::Value::Dictionary(messages::query_responses(&queries, facts)),
    );
    messages::result("Acknowledged", COMMAND_UUID, &facts.udid, extra)
}

#[test]
fn device_information_answers_are_what_ios_sends() {
    for facts in both_kinds() {
        // With no Queries the simulator answers everything it knows.
        let all = messages::all_queries();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let response = device_information_response(&facts, &all);
        check_command_response(&context(&facts), "DeviceInformation", &response).unwrap();
    }
}

#[test]
fn device_information_answers_to_ios_queries_are_what_ios_sends() {
    // The queries the simulator answers that are DeviceInformation queries
    // on iOS; PasscodePresent is SecurityInfo's, covered by the test above.
    let queries = [
        "UDID",
        "OSVersion",
        "BuildVersion",
        "ModelName",
        "Model",
        "ProductName",
        "SerialNumber",
        "IMEI",
        "IsSupervised",
        "DeviceCapacity",
        "AvailableDeviceCapacity",
        "BatteryLevel",
    ];
    for facts in both_kinds() {
        let response = device_information_response(&facts, &queries);
        check_command_response(&context(&facts), "DeviceInformation", &response).unwrap();
    }
}

#[test]
fn acknowledgements_and_errors_are_what_ios_sends() {
    for facts in both_kinds() {
        let ctx = context(&facts);
        for request_type in ["InstallProfile", "RemoveProfile", "DeviceLock"] {
            let ack =
                messages::result("Acknowledged", COMMAND_UUID, &facts.udid, Dictionary::new());
            check_command_response(&ctx, request_type, &ack).unwrap();
            let error = messages::result(
                "Error",
                COMMAND_UUID,
                &facts.udid,
                messages::error_chain("MCProfileErrorDomain", 1000, "It failed."),
            );
            check_command_response(&ctx, request_type, &error).unwrap();
        }
        let mut lock = Dictionary::new();
        lock.insert(
            "MessageResult".into(),
            plist::Value::String("Success".into()),
        );
        let locked = messages::result("Acknowledged", COMMAND_UUID, &facts.udid, lock);
        check_command_response(&ctx, "DeviceLock", &locked).unwrap();
    }
}

#[test]
fn security_info_answers_are_what_ios_sends() {
    for facts in both_kinds() {
        for passcode in [true, false] {
            let mut facts = facts.clone();
            facts.passcode_present = passcode;
            let response = messages::result(
                "Acknowledged",
                COMMAND_UUID,
                &facts.udid,
                messages::security_info(&facts),
            );
            check_command_response(&context(&facts), "SecurityInfo", &response).unwrap();
        }
    }
}
