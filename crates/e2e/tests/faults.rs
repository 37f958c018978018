//! The portal killed at the worst moments, as a crash or the machine's OOM
//! killer would (`SIGKILL`: no clean shutdown), then started again on the
//! same port and SQLite file: nothing a person or a device did is lost, and
//! nothing is done twice.
//!
//! - Between a device's `Authenticate` and its `TokenUpdate`: iOS sends
//!   `TokenUpdate` again once the server answers; the enrollment then
//!   completes and the person's session still works.
//! - While a command is with the device: the device's answer, sent to the
//!   restarted server, is recorded once; a command whose delivery was lost
//!   with the crash is handed out again, the same one, and only until it is
//!   answered.
//!
//! - PostgreSQL restarted under two running instances: requests and
//!   check-ins are refused with a clear 503 while it is down, and once it
//!   is back the portal recovers by itself (no restart): requests succeed,
//!   the device checks in, and changes cross instances again.
//! - A full disk under SQLite: changes are refused with a clear 503 (and
//!   `Retry-After`), nothing is half-written, and once there is room the
//!   same change goes through; SQLite's integrity check finds nothing.
//!
//! No browser: these are about the server, and the API is what the pages
//! use. The device is device-sim, speaking MDM as iOS does.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use device_sim::messages::Command;
use device_sim::{Device, DeviceFacts, DeviceKind, Profile};
use e2e::server::ALEX;
use e2e::{required_env, ApiClient, PortalServer};
use portal_api::{
    routes, ActionState, DeviceDetails, DeviceList, Enrollment, EnrollmentState, ProfileDownload,
};
use serde_json::json;
use throwaway_postgres::Cluster;

#[tokio::test(flavor = "multi_thread")]
async fn an_enrollment_completes_after_a_crash_between_authenticate_and_token_update() {
    let mut portal = PortalServer::start_demo();
    let alex = signed_in_as_alex(&portal).await;
    let (enrollment_id, mut device) = downloaded_profile(&portal, &alex).await;

    device.authenticate().await.expect("Authenticate");
    assert_eq!(
        enrollment(&alex, &enrollment_id).await.state,
        EnrollmentState::Authenticated
    );

    portal.crash_and_restart();

    // Sessions are kept server-side in the database: still signed in.
    assert_eq!(
        enrollment(&alex, &enrollment_id).await.state,
        EnrollmentState::Authenticated,
        "the enrollment after the restart"
    );
    device
        .token_update()
        .await
        .expect("TokenUpdate to the restarted portal");
    assert_eq!(
        enrollment(&alex, &enrollment_id).await.state,
        EnrollmentState::Enrolled
    );
    let devices = device_list(&alex).await;
    assert_eq!(devices.devices.len(), 1, "one device: {devices:?}");
    let first = device.poll_once().await.expect("the first check-in");
    assert!(
        first.commands.iter().all(|c| c.status == "Acknowledged"),
        "the portal's first questions are answered: {first:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_in_flight_during_a_crash_are_answered_once_and_never_lost() {
    let mut portal = PortalServer::start_demo();
    let alex = signed_in_as_alex(&portal).await;
    let (id, mut device) = enrolled_iphone(&portal, &alex).await;

    // The device has the remote lock in hand when the server dies; it
    // answers the restarted server.
    let lock = alex.post(&routes::device_remote_lock(&id), None).await;
    assert_eq!(lock.status, 200, "remote lock: {:?}", lock.body);
    let held = received(&mut device, "DeviceLock").await;
    portal.crash_and_restart();
    assert_eq!(
        details(&alex, &id).await.remote_lock.map(|s| s.state),
        Some(ActionState::Pending),
        "the lock waits for the device's answer"
    );
    let answered = device
        .answer_command(held.clone())
        .await
        .expect("answer the lock");
    assert_eq!(answered.commands[0].command_uuid, held.uuid);
    assert_eq!(answered.commands[0].status, "Acknowledged");
    assert_eq!(
        details(&alex, &id).await.remote_lock.map(|s| s.state),
        Some(ActionState::Succeeded)
    );
    let after = device.poll_once().await.expect("poll after the lock");
    assert!(
        after.commands.is_empty(),
        "nothing is handed out twice: {after:?}"
    );

    // The check-status command's delivery is lost with the crash (the
    // device never acts on it): the restarted server hands out the same
    // command at the next poll, and only once it is answered is it done.
    let check = alex.post(&routes::device_check_status(&id), None).await;
    assert_eq!(check.status, 200, "check status: {:?}", check.body);
    let lost = received(&mut device, "").await;
    portal.crash_and_restart();
    let resent = device.poll_once().await.expect("poll after the restart");
    assert_eq!(
        resent.commands.first().map(|c| c.command_uuid.as_str()),
        Some(lost.uuid.as_str()),
        "the lost command comes again: {resent:?}"
    );
    assert!(resent.commands.iter().all(|c| c.status == "Acknowledged"));
    assert_eq!(
        details(&alex, &id).await.check_status.map(|s| s.state),
        Some(ActionState::Succeeded)
    );
    let last = device.poll_once().await.expect("poll once more");
    assert!(last.commands.is_empty(), "nothing twice: {last:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postgresql_restart_is_a_clear_503_and_the_portal_recovers_by_itself() {
    // A cluster of the test's own: the suite's is shared by every journey.
    let bin = PathBuf::from(required_env("POSTGRES_BIN"));
    let mut cluster = Cluster::start(&bin).expect("a PostgreSQL cluster of the test's own");
    let portal = PortalServer::start_demo_on_postgres(&cluster.url());
    let other = portal.start_another_instance();
    let alex = signed_in_as_alex(&portal).await;
    let alex_on_other = alex.on_instance(&other.base_url);
    let (id, mut device) = enrolled_iphone(&portal, &alex).await;
    let original = details(&alex, &id).await.summary.display_name;

    cluster.stop();
    for person in [&alex, &alex_on_other] {
        let refused = person.get(routes::DEVICES).await;
        assert_refused_for_now(&refused, "My devices");
    }
    let refused = rename(&alex, &id, "Renamed while the database is down").await;
    assert_refused_for_now(&refused, "a rename");
    match device.poll_once().await {
        Err(device_sim::SimError::Status { status: 503, .. }) => {}
        other => panic!("a check-in while the database is down: {other:?}"),
    }

    cluster.start_again().expect("PostgreSQL starts again");
    // Nobody restarts the portal: its next requests find the database.
    for person in [&alex, &alex_on_other] {
        answered_again(person, routes::DEVICES).await;
    }
    assert_eq!(
        details(&alex, &id).await.summary.display_name,
        original,
        "the refused rename was not saved"
    );
    device
        .poll_once()
        .await
        .expect("a check-in after the restart");

    // Changes cross instances again: the live stream one instance serves
    // shows a change made through the other.
    let mut stream = alex.events(&routes::device_events(&id)).await;
    let renamed = "Alex's iPhone, after the restart";
    let answer = rename(&alex_on_other, &id, renamed).await;
    assert_eq!(
        answer.status, 200,
        "a rename on the other instance: {:?}",
        answer.body
    );
    let shown = tokio::time::timeout(e2e::PATIENCE, async {
        while let Some(data) = stream.next_data().await {
            let device: DeviceDetails = serde_json::from_str(&data).expect("a device's details");
            if device.summary.display_name == renamed {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(
        shown,
        Ok(true),
        "the other instance's change reaches the live stream"
    );
}

/// A 503 `storage_unavailable` with `Retry-After`: "not now", not a failure.
fn assert_refused_for_now(answer: &e2e::api_client::Answer, what: &str) {
    assert_eq!(answer.status, 503, "{what}: {:?}", answer.body);
    assert_eq!(
        answer.body["error"]["code"], "storage_unavailable",
        "{what}"
    );
    assert_eq!(answer.headers["retry-after"], "5", "{what}");
}

/// Asks `path` until it is answered with 200 (the database is back),
/// within [`e2e::PATIENCE`].
async fn answered_again(person: &ApiClient, path: &str) {
    let deadline = tokio::time::Instant::now() + e2e::PATIENCE;
    loop {
        let answer = person.get(path).await;
        match answer.status {
            200 => return,
            503 if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            other => panic!(
                "{path} after the database came back: {other} {:?}",
                answer.body
            ),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_refuses_changes_clearly_and_damages_nothing() {
    // Declared first, so it is unmounted after the portal stopped.
    let disk = SmallDisk::mount(32);
    let dist = PathBuf::from(required_env("PORTAL_DIST_DIR"));
    let mut portal = PortalServer::start_demo_in(disk.path(), &dist, &[]);
    let alex = signed_in_as_alex(&portal).await;
    let (id, mut device) = enrolled_iphone(&portal, &alex).await;

    let original = details(&alex, &id).await.summary.display_name;
    let filler = disk.fill();
    // SQLite writes into room its log file already has until that runs
    // out: rename until a change needs a byte the disk hasn't got.
    let mut saved = None;
    let mut refused = None;
    for n in 0..20_000 {
        let name = format!("Alex's iPhone {n}");
        let answer = rename(&alex, &id, &name).await;
        match answer.status {
            200 => saved = Some(name),
            503 => {
                refused = Some(answer);
                break;
            }
            other => panic!(
                "a rename on a full disk answered {other}: {:?}",
                answer.body
            ),
        }
    }
    let refused = refused.expect("a full disk refuses a change");
    assert_eq!(refused.body["error"]["code"], "storage_unavailable");
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nothing was changed")),
        "a message for people: {:?}",
        refused.body
    );
    assert_eq!(refused.headers["retry-after"], "5");
    // A device checking in meanwhile is answered or told to come back
    // later (503, which iOS retries), never a server failure.
    match device.poll_once().await {
        Ok(_) => {}
        Err(device_sim::SimError::Status { status: 503, .. }) => {}
        Err(other) => panic!("a check-in on a full disk: {other}"),
    }

    // Room again: the refused change was not half-made, and goes through.
    std::fs::remove_file(&filler).expect("remove the filler");
    assert_eq!(
        details(&alex, &id).await.summary.display_name,
        saved.unwrap_or(original),
        "the last saved name, nothing after it"
    );
    let after = rename(&alex, &id, "Alex's iPhone, disk freed").await;
    assert_eq!(after.status, 200, "a rename with room: {:?}", after.body);
    assert_eq!(
        details(&alex, &id).await.summary.display_name,
        "Alex's iPhone, disk freed"
    );
    device.poll_once().await.expect("a check-in with room");

    // Killed as it is, the file is sound.
    portal.stop();
    let check = Process::new(required_env("PORTAL_SERVER_BIN"))
        .args(["check-database", "--database"])
        .arg(portal.database())
        .output()
        .expect("run portal-server check-database");
    assert!(
        check.status.success(),
        "check-database: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "ok");
}

/// A tmpfs of its own on a temporary folder: a disk the test can fill.
/// Mounting needs root (or CAP_SYS_ADMIN), as on the CI machine; without
/// it the test fails and says so.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(mebibytes: u32) -> Self {
        let dir = tempfile::tempdir().expect("a folder for the small disk");
        let output = Process::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={mebibytes}m,mode=0700"))
            .arg("portal-small-disk")
            .arg(dir.path())
            .output()
            .expect("run mount");
        assert!(
            output.status.success(),
            "mounting a {mebibytes} MiB tmpfs for the full-disk test needs root: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file until not one more byte fits; returns its path.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let path = self.path().join("filler");
        let mut file = std::fs::File::create(&path).expect("create the filler");
        let chunk = vec![0u8; 64 * 1024];
        for size in [chunk.len(), 4096, 1] {
            while file.write_all(&chunk[..size]).is_ok() {}
        }
        let _ = file.sync_all();
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(self.dir.path()).status();
    }
}

async fn rename(person: &ApiClient, id: &str, name: &str) -> e2e::api_client::Answer {
    person
        .send(
            reqwest::Method::PATCH,
            &routes::device(id),
            Some(json!({ "display_name": name })),
        )
        .await
}

async fn signed_in_as_alex(portal: &PortalServer) -> ApiClient {
    let mut alex = ApiClient::new(portal);
    alex.sign_in(ALEX.0, &portal.demo_password).await;
    alex
}

/// An iPhone enrolled as the person's, its first check-in answered: its id
/// in the portal and the device.
async fn enrolled_iphone(portal: &PortalServer, person: &ApiClient) -> (String, Device) {
    let (_, mut device) = downloaded_profile(portal, person).await;
    device.enroll().await.expect("the device enrolls");
    device.poll_once().await.expect("the first check-in");
    let id = device_list(person).await.devices[0].id.0.clone();
    (id, device)
}

/// Starts an iPhone's enrollment as the person and downloads its profile as
/// the iPhone's Safari: the enrollment's id and the device, not enrolled yet.
async fn downloaded_profile(portal: &PortalServer, person: &ApiClient) -> (String, Device) {
    let facts = DeviceFacts::new(DeviceKind::Iphone);
    let start = json!({
        "ownership": "personal",
        "device": "iphone",
        "os_version": facts.os_version,
    });
    let started = person.post(routes::ENROLLMENTS, Some(start)).await;
    assert_eq!(
        started.status, 201,
        "start an enrollment: {:?}",
        started.body
    );
    let enrollment: Enrollment = serde_json::from_value(started.body).expect("an enrollment");
    let link = person
        .post(&routes::enrollment_profile(&enrollment.id.0), None)
        .await;
    assert_eq!(link.status, 200, "the profile's link: {:?}", link.body);
    let link: ProfileDownload = serde_json::from_value(link.body).expect("a profile link");
    let url = portal.url(&link.url);
    let profile = Profile::fetch_as(&url, Some(person.session_cookie()), true, &facts)
        .await
        .unwrap_or_else(|e| panic!("download {url}: {e}"));
    let device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    (enrollment.id.0, device)
}

/// The next command the device receives and holds without acting on it;
/// of `request_type` unless that is empty.
async fn received(device: &mut Device, request_type: &str) -> Command {
    let command = device
        .receive_command()
        .await
        .expect("poll")
        .expect("a command waits");
    if !request_type.is_empty() {
        assert_eq!(command.request_type, request_type);
    }
    command
}

async fn enrollment(person: &ApiClient, id: &str) -> Enrollment {
    let answer = person.get(&routes::enrollment(id)).await;
    assert_eq!(answer.status, 200, "the enrollment: {:?}", answer.body);
    serde_json::from_value(answer.body).expect("an enrollment")
}

async fn device_list(person: &ApiClient) -> DeviceList {
    let answer = person.get(routes::DEVICES).await;
    assert_eq!(answer.status, 200, "My devices: {:?}", answer.body);
    serde_json::from_value(answer.body).expect("a device list")
}

async fn details(person: &ApiClient, id: &str) -> DeviceDetails {
    let answer = person.get(&routes::device(id)).await;
    assert_eq!(answer.status, 200, "the device: {:?}", answer.body);
    serde_json::from_value(answer.body).expect("a device")
}
