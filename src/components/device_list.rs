//! The device cards of **My devices**, and its empty state.

use leptos::prelude::*;
use portal_api::{DeviceId, DeviceSummary};

use crate::components::time::{now_unix_seconds, RelativeTime};
use crate::format::{
    compliance_class, compliance_words, enrollment_type_label, os_version_label, ownership_words,
};
use crate::t;

/// The person's devices as cards, or [`NoDevices`] when there are none.
/// The device the portal is open on comes first, marked **This device**.
#[component]
pub fn DeviceList(
    devices: Vec<DeviceSummary>,
    /// "Now" in seconds since the Unix epoch, for "5 minutes ago"; defaults
    /// to the browser's clock.
    #[prop(optional)]
    now: Option<i64>,
    /// The id of the device the portal is open on, if known.
    #[prop(optional)]
    this_device: Option<DeviceId>,
) -> impl IntoView {
    if devices.is_empty() {
        return view! { <NoDevices /> }.into_any();
    }
    let now = now.unwrap_or_else(now_unix_seconds);
    let count = devices.len();
    let devices = this_device_first(devices, this_device.as_ref());
    view! {
        <p class="device-count">
            {t!("devices-list-count", count = count)}
        </p>
        <ul class="device-list">
            {devices
                .into_iter()
                .map(|device| {
                    let is_this_device = this_device.as_ref() == Some(&device.id);
                    view! { <DeviceCard device=device now=now is_this_device=is_this_device /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The devices with `this_device` moved to the front (the rest keep their order).
pub fn this_device_first(
    mut devices: Vec<DeviceSummary>,
    this_device: Option<&DeviceId>,
) -> Vec<DeviceSummary> {
    if let Some(position) = this_device.and_then(|id| devices.iter().position(|d| &d.id == id)) {
        let device = devices.remove(position);
        devices.insert(0, device);
    }
    devices
}

/// The address of a device's details page.
pub fn device_href(id: &DeviceId) -> String {
    format!("/devices/{}", js_sys::encode_uri_component(&id.0))
}

/// One device: name (a link to its details), model, OS version, ownership,
/// enrollment type, compliance and last check-in.
#[component]
fn DeviceCard(device: DeviceSummary, now: i64, is_this_device: bool) -> impl IntoView {
    let os_label = os_version_label(&device.model);
    let os_version = device
        .os_version
        .clone()
        .unwrap_or_else(|| t!("devices-list-os-not-reported"));
    let last_check_in = match device.last_check_in_at {
        Some(at) => view! { <RelativeTime at now /> }.into_any(),
        None => t!("devices-list-not-checked-in").into_any(),
    };
    let compliance_class = format!("compliance {}", compliance_class(device.compliance));
    let href = device_href(&device.id);

    view! {
        <li class="device-card" class:this-device=is_this_device data-device-id=device.id.0>
            <h2 class="device-name">
                <a href=href>{device.display_name}</a>
            </h2>
            {is_this_device
                .then(|| view! { <p class="badge this-device-badge">{t!("devices-list-this-device")}</p> })}
            <dl class="device-facts">
                <div>
                    <dt>{t!("devices-list-model")}</dt>
                    <dd>{device.model}</dd>
                </div>
                <div>
                    <dt>{os_label}</dt>
                    <dd>{os_version}</dd>
                </div>
                <div>
                    <dt>{t!("devices-list-ownership")}</dt>
                    <dd>{ownership_words(device.ownership)}</dd>
                </div>
                <div>
                    <dt>{t!("devices-list-enrollment")}</dt>
                    <dd>{enrollment_type_label(device.enrollment_type)}</dd>
                </div>
                <div>
                    <dt>{t!("devices-list-compliance")}</dt>
                    <dd>
                        <span class=compliance_class>{compliance_words(device.compliance)}</span>
                    </dd>
                </div>
                <div>
                    <dt>{t!("devices-list-last-check-in")}</dt>
                    <dd>{last_check_in}</dd>
                </div>
            </dl>
        </li>
    }
}

/// The empty state of **My devices**: what to do next, and the way to do it.
#[component]
pub fn NoDevices() -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="no-devices-heading">
            <h2 id="no-devices-heading">{t!("devices-list-empty-heading")}</h2>
            <p>{t!("devices-list-empty-text")}</p>
            <a class="button button-primary" href="/enroll">
                {t!("devices-list-enroll")}
            </a>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use crate::t;

    #[test]
    fn the_count_says_device_or_devices() {
        assert_eq!(t!("devices-list-count", count = 1_usize), "1 device");
        assert_eq!(t!("devices-list-count", count = 2_usize), "2 devices");
        assert_eq!(t!("devices-list-count", count = 0_usize), "0 devices");
    }
}
