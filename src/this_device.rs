//! "This device": the id of the device the portal is open on, remembered in
//! local storage by the enrolled screen (a hint; the server has no idea
//! which browser runs on which device).

use portal_api::DeviceId;

use crate::dom::local_storage;

pub use crate::pages::enroll::THIS_DEVICE_KEY;

/// The id of this device, if it was enrolled from this browser.
pub fn this_device_id() -> Option<DeviceId> {
    local_storage()
        .and_then(|storage| storage.get_item(THIS_DEVICE_KEY).ok().flatten())
        .filter(|id| !id.trim().is_empty())
        .map(DeviceId)
}

/// Forgets this device (after it was removed).
pub fn forget_this_device(id: &DeviceId) {
    if this_device_id().as_ref() == Some(id) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(THIS_DEVICE_KEY);
        }
    }
}
