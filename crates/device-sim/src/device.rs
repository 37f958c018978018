//! The device: enrollment, the command loop and check-out.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use plist::Dictionary;
use rand::RngCore;

use crate::apns::{PushConnection, Wake};
use crate::conformance::{self, COMMAND_FORMAT_ERROR};
use crate::messages::{self, Command};
use crate::{
    DeviceFacts, FactsFile, Identity, InstalledProfile, Profile, SimError, CHECKIN_CONTENT_TYPE,
    CONNECT_CONTENT_TYPE, MDM_USER_AGENT, SIGNATURE_HEADER,
};

/// An HTTP client on rustls with the ring provider; `insecure` accepts any
/// server certificate (the portal's self-signed one).
pub(crate) fn http_client(insecure: bool) -> Result<reqwest::Client, SimError> {
    Ok(reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(insecure)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Receives one line per step.
type LogFn = Box<dyn Fn(&str) + Send + Sync>;

/// What enrollment produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub udid: String,
    pub topic: String,
    /// The (fake) APNs device token, 32 random bytes.
    pub token: Vec<u8>,
    pub push_magic: String,
    pub unlock_token: Vec<u8>,
}

/// How one command was answered.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandOutcome {
    pub command_uuid: String,
    pub request_type: String,
    /// `Acknowledged`, `Error`, `NotNow`, or `CommandFormatError` for a
    /// command that breaks Apple's schema (then not acted on).
    pub status: String,
    /// Why the command was answered `CommandFormatError`.
    pub violations: Option<mdm_schema::Violations>,
}

/// One `Idle` round trip.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PollOutcome {
    /// The commands answered, in order.
    pub commands: Vec<CommandOutcome>,
    /// The MDM profile was removed (then `CheckOut` was sent if the profile
    /// asks for it); the device stops talking to the server.
    pub unenrolled: bool,
    /// Skipped because the device is offline.
    pub skipped_offline: bool,
}

/// How [`Device::run_until`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    Stopped,
    Unenrolled,
}

/// A simulated device with an installed (or to be installed) profile.
pub struct Device {
    facts: Arc<RwLock<DeviceFacts>>,
    offline: Arc<AtomicBool>,
    /// What `InstallProfile` put on the device, oldest first.
    installed: Arc<RwLock<Vec<InstalledProfile>>>,
    profile: Profile,
    /// Obtained by SCEP in `enroll`, unless given (`with_identity`).
    identity: Option<Identity>,
    client: reqwest::Client,
    no_passcode: bool,
    facts_file: Option<FactsFile>,
    poll_interval: Duration,
    /// The stand-in for the device's connection to APNs: with one, the
    /// device connects only when woken.
    push: Option<PushConnection>,
    enrolled: Option<Enrolled>,
    log: Option<LogFn>,
    /// The `EnrollmentID` a user-enrolled device's messages are keyed by
    /// instead of its UDID: set when its profile is for user enrollment.
    enrollment_id: Option<String>,
    /// The access token of an account-driven enrollment, sent with every
    /// request.
    access_token: Option<AccessToken>,
}

/// The access token an account-driven enrollment's web sign-in handed the
/// device: it goes as `Authorization: Bearer` with every MDM request. A
/// handle: a new sign-in replaces the token for every clone.
#[derive(Clone)]
pub struct AccessToken(Arc<RwLock<String>>);

impl AccessToken {
    pub fn new(token: String) -> AccessToken {
        AccessToken(Arc::new(RwLock::new(token)))
    }

    /// A new token, after the person signed in again.
    pub fn replace(&self, token: String) {
        *self.0.write().unwrap() = token;
    }

    fn value(&self) -> String {
        self.0.read().unwrap().clone()
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

/// A fresh `EnrollmentID`: iOS makes a new one for every user enrollment.
fn new_enrollment_id() -> String {
    uuid::Uuid::new_v4().to_string().to_uppercase()
}

/// The identifiers a user-enrolled device never sends (Apple's schema).
const DEVICE_IDENTIFIERS: [&str; 4] = ["UDID", "SerialNumber", "IMEI", "MEID"];
/// The `SecurityInfo` answers user enrollment leaves out.
const USER_ENROLLMENT_HIDDEN_SECURITY: [&str; 2] =
    ["PasscodePresent", "PasscodeCompliantWithProfiles"];

impl Device {
    /// A device that will get its identity from the profile's SCEP payload
    /// and verifies the server's certificate (see [`Device::insecure`]).
    pub fn new(facts: DeviceFacts, profile: Profile) -> Device {
        Device {
            facts: Arc::new(RwLock::new(facts)),
            offline: Arc::new(AtomicBool::new(false)),
            installed: Arc::default(),
            identity: None,
            profile,
            client: http_client(false).expect("TLS client"),
            no_passcode: false,
            facts_file: None,
            poll_interval: Duration::from_secs(5),
            push: None,
            enrolled: None,
            log: None,
            enrollment_id: None,
            access_token: None,
        }
        .keyed_as_the_profile_says()
    }

    /// A profile for user enrollment (account-driven `BYOD`, or Apple's
    /// profile-based user enrollment with `ManagedAppleID`) makes the
    /// device a user-enrolled one, with a fresh `EnrollmentID`.
    fn keyed_as_the_profile_says(mut self) -> Device {
        if self.profile.is_user_enrollment() {
            self.enrollment_id = Some(new_enrollment_id());
        }
        self
    }

    /// User-enrolled, its check-in keyed by this `EnrollmentID` (a profile
    /// for user enrollment gives a random one already).
    pub fn as_user_enrollment(mut self, enrollment_id: String) -> Device {
        self.enrollment_id = Some(enrollment_id);
        self
    }

    /// Enrolled by account-driven enrollment: every request carries
    /// `Authorization: Bearer` with this token.
    pub fn with_access_token(mut self, token: AccessToken) -> Device {
        self.access_token = Some(token);
        self
    }

    /// The `EnrollmentID` of a user-enrolled device.
    pub fn enrollment_id(&self) -> Option<&str> {
        self.enrollment_id.as_deref()
    }

    /// The access token of an account-driven enrollment (to hand it a new
    /// one).
    pub fn access_token(&self) -> Option<&AccessToken> {
        self.access_token.as_ref()
    }

    /// The message as this device sends it: under user enrollment, keyed
    /// by `EnrollmentID`, without device identifiers or the passcode facts
    /// iOS keeps from the organization.
    fn keyed(&self, mut dict: Dictionary) -> Dictionary {
        let Some(enrollment_id) = &self.enrollment_id else {
            return dict;
        };
        let had_key = dict.contains_key("UDID");
        for key in DEVICE_IDENTIFIERS {
            dict.remove(key);
        }
        // No passcode removal under user enrollment, so no UnlockToken.
        dict.remove("UnlockToken");
        if had_key {
            dict.insert("EnrollmentID".into(), enrollment_id.clone().into());
        }
        if let Some(plist::Value::Dictionary(info)) = dict.get_mut("SecurityInfo") {
            for key in USER_ENROLLMENT_HIDDEN_SECURITY {
                info.remove(key);
            }
            if let Some(plist::Value::Dictionary(status)) = info.get_mut("ManagementStatus") {
                status.insert("IsUserEnrollment".into(), plist::Value::Boolean(true));
            }
        }
        dict
    }

    /// Accept the server's certificate whatever it is (self-signed).
    pub fn insecure(mut self, insecure: bool) -> Device {
        self.client = http_client(insecure).expect("TLS client");
        self
    }

    /// Talk to the server with this client (e.g. one that resolves the
    /// portal's host name to a test address); replaces `insecure`.
    pub fn with_http_client(mut self, client: reqwest::Client) -> Device {
        self.client = client;
        self
    }

    /// Sign with this identity (e.g. a replaced profile's, or one kept in
    /// a state directory) while using this profile's URLs: `enroll` then
    /// skips SCEP.
    pub fn with_identity(mut self, identity: Identity) -> Device {
        self.identity = Some(identity);
        self
    }

    /// A device without a passcode: `SecurityInfo` says `PasscodePresent`
    /// false, and a `DeviceLock` message answers `NoPasscodeSet`.
    pub fn no_passcode(mut self, no_passcode: bool) -> Device {
        self.no_passcode = no_passcode;
        if no_passcode {
            self.facts.write().unwrap().passcode_present = false;
        }
        self
    }

    /// Re-read this JSON file before every message.
    pub fn facts_file(mut self, file: FactsFile) -> Device {
        self.facts_file = Some(file);
        self
    }

    /// Time between `Idle` polls in [`Device::run_until`] without a push
    /// connection (default 5 s). iOS never polls: this is a test
    /// convenience; see [`Device::push_via`].
    pub fn poll_interval(mut self, interval: Duration) -> Device {
        self.poll_interval = interval;
        self
    }

    /// Reach the server as iOS does: the token in `TokenUpdate` comes from
    /// this push connection (registered for the profile's `Topic`), and
    /// [`Device::run_until`] connects only when a push with the device's
    /// PushMagic wakes it.
    pub fn push_via(mut self, connection: PushConnection) -> Device {
        self.push = Some(connection);
        self
    }

    /// Print a line for each step (the CLI passes `println!`).
    pub fn on_log(mut self, log: impl Fn(&str) + Send + Sync + 'static) -> Device {
        self.log = Some(Box::new(log));
        self
    }

    /// The facts, changeable while the device runs.
    pub fn facts_handle(&self) -> Arc<RwLock<DeviceFacts>> {
        self.facts.clone()
    }

    /// A copy of the current facts.
    pub fn facts(&self) -> DeviceFacts {
        self.facts.read().unwrap().clone()
    }

    /// Set to `true` to stop answering (polls are skipped).
    pub fn offline_handle(&self) -> Arc<AtomicBool> {
        self.offline.clone()
    }

    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profiles the server installed with `InstallProfile` (not the
    /// enrollment profile), oldest first.
    pub fn installed_profiles(&self) -> Vec<InstalledProfile> {
        self.installed.read().unwrap().clone()
    }

    /// The installed profiles, readable while the device runs elsewhere
    /// (e.g. in [`Device::run_until`] on another task).
    pub fn installed_profiles_handle(&self) -> Arc<RwLock<Vec<InstalledProfile>>> {
        self.installed.clone()
    }

    /// The identity it signs with: from SCEP once `enroll` ran, or the one
    /// given to [`Device::with_identity`].
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    /// What enrollment produced, once enrolled.
    pub fn enrolled(&self) -> Option<&Enrolled> {
        self.enrolled.as_ref()
    }

    fn log(&self, line: &str) {
        if let Some(log) = &self.log {
            log(line);
        }
    }

    /// Applies the facts file, if any; a broken file is reported and ignored.
    fn refresh_facts(&self) {
        let Some(file) = &self.facts_file else { return };
        let mut facts = self.facts.write().unwrap();
        match file.read_into(&mut facts) {
            Ok(update) => {
                if let Some(offline) = update.offline {
                    self.offline.store(offline, Ordering::SeqCst);
                }
            }
            Err(e) => {
                drop(facts);
                self.log(&format!("Ignoring facts file: {e}"));
            }
        }
    }

    /// PUTs a plist, signed when the profile says `SignMessage`.
    async fn put(
        &self,
        url: &str,
        content_type: &str,
        dict: Dictionary,
    ) -> Result<(u16, Vec<u8>), SimError> {
        let body = messages::to_xml(dict);
        let mut request = self
            .client
            .put(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::USER_AGENT, MDM_USER_AGENT);
        if let Some(token) = &self.access_token {
            request = request.bearer_auth(token.value());
        }
        if self.profile.mdm.sign_message {
            let identity = self.identity.as_ref().ok_or(SimError::NotEnrolled)?;
            request = request.header(
                SIGNATURE_HEADER,
                crate::signing::mdm_signature(identity, &body)?,
            );
        }
        let response = request.body(body).send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?.to_vec();
        Ok((status, bytes))
    }

    /// The device as Apple's schema sees it, at its current iOS version.
    fn schema_context(&self) -> mdm_schema::Context {
        let context = conformance::context(&self.facts.read().unwrap().os_version);
        match self.enrollment_id {
            Some(_) => context.with_enrollment(mdm_schema::Enrollment::User),
            None => context,
        }
    }

    /// PUTs a check-in message, once Apple's schema says iOS sends it.
    async fn check_in(&self, what: &str, dict: Dictionary) -> Result<(), SimError> {
        let dict = self.keyed(dict);
        conformance::outgoing_checkin(&self.schema_context(), what, &dict)?;
        let (status, body) = self
            .put(self.profile.mdm.check_in_url(), CHECKIN_CONTENT_TYPE, dict)
            .await?;
        if status != 200 {
            let body = String::from_utf8_lossy(&body).into_owned();
            return Err(if what == "Authenticate" {
                SimError::Refused { status, body }
            } else {
                SimError::Status {
                    what: what.into(),
                    status,
                    body,
                }
            });
        }
        self.log(&format!("{what} accepted"));
        Ok(())
    }

    /// The first step of installing the profile: SCEP for the device's
    /// identity (its own RSA key), unless it has one already. A SCEP refusal
    /// is [`SimError::ScepFailure`].
    pub async fn obtain_identity(&mut self) -> Result<&Identity, SimError> {
        if self.identity.is_none() {
            let scep = &self.profile.scep;
            self.log(&format!(
                "SCEP: requesting a certificate from {} ({}-bit RSA key)",
                scep.url, scep.key_size
            ));
            let key = crate::scep::generate_key(scep.key_size)?;
            let identity = crate::scep::enroll(&self.client, scep, key).await?;
            self.log(&format!(
                "SCEP: certificate issued to {} by {}",
                identity.certificate.tbs_certificate.subject,
                identity.certificate.tbs_certificate.issuer
            ));
            self.identity = Some(identity);
        }
        self.identity
            .as_ref()
            .ok_or_else(|| SimError::Scep("no identity after SCEP".into()))
    }

    /// SCEP for its identity (unless it has one), then `Authenticate`,
    /// then `TokenUpdate` (the moment the device counts as enrolled). A
    /// non-200 on `Authenticate` is [`SimError::Refused`]; a SCEP refusal is
    /// [`SimError::ScepFailure`].
    pub async fn enroll(&mut self) -> Result<Enrolled, SimError> {
        self.authenticate().await?;
        self.token_update().await
    }

    /// The first half of [`Device::enroll`]: SCEP for its identity (unless
    /// it has one), then `Authenticate`. iOS sends `TokenUpdate` as a
    /// separate request afterwards (and again later if that one fails).
    pub async fn authenticate(&mut self) -> Result<(), SimError> {
        self.obtain_identity().await?;
        self.refresh_facts();
        let topic = self.profile.mdm.topic.clone();
        let facts = self.facts();
        let access_rights = self.access_rights();
        self.check_in(
            "Authenticate",
            messages::authenticate(&topic, &facts, access_rights),
        )
        .await
    }

    /// The second half of [`Device::enroll`]: registers for pushes and sends
    /// `TokenUpdate`, after which the device counts as enrolled.
    pub async fn token_update(&mut self) -> Result<Enrolled, SimError> {
        let topic = self.profile.mdm.topic.clone();
        let access_rights = self.access_rights();
        let mut unlock_token = vec![0u8; 64];
        rand::thread_rng().fill_bytes(&mut unlock_token);
        let push_magic = uuid::Uuid::new_v4().to_string().to_uppercase();
        let token = match &self.push {
            Some(push) => {
                let token = push.register(&topic, &push_magic).await?;
                self.log(&format!("APNs: registered for {topic}"));
                token
            }
            None => {
                let mut token = vec![0u8; 32];
                rand::thread_rng().fill_bytes(&mut token);
                token
            }
        };
        self.refresh_facts();
        let facts = self.facts();
        let udid = facts.udid.clone();
        let sends_unlock_token = access_rights & messages::ALLOW_PASSCODE_REMOVAL_AND_LOCK != 0;
        self.check_in(
            "TokenUpdate",
            messages::token_update(
                &topic,
                &udid,
                &token,
                &push_magic,
                sends_unlock_token.then_some(unlock_token.as_slice()),
            ),
        )
        .await?;
        let enrolled = Enrolled {
            udid,
            topic,
            token,
            push_magic,
            unlock_token,
        };
        match &self.enrollment_id {
            Some(enrollment_id) => self.log(&format!(
                "Enrolled by user enrollment as EnrollmentID {enrollment_id} ({})",
                facts.product_name
            )),
            None => self.log(&format!(
                "Enrolled as {} ({}, serial {}, UDID {})",
                facts.device_name, facts.product_name, facts.serial_number, enrolled.udid
            )),
        }
        self.enrolled = Some(enrolled.clone());
        Ok(enrolled)
    }

    /// The profile's `AccessRights` (all when it names none).
    fn access_rights(&self) -> u64 {
        self.profile
            .mdm
            .access_rights
            .unwrap_or(messages::ALL_ACCESS_RIGHTS)
    }

    /// `CheckOut` to the CheckInURL; the push token goes with the profile.
    pub async fn check_out(&mut self) -> Result<(), SimError> {
        let enrolled = self.enrolled.as_ref().ok_or(SimError::NotEnrolled)?;
        let dict = messages::check_out(&enrolled.topic, &enrolled.udid);
        self.check_in("CheckOut", dict).await?;
        self.unregister_push().await;
        self.enrolled = None;
        Ok(())
    }

    /// Erases the device: everything goes, the server is not told, and
    /// pushes to its token answer 410 `Unregistered`.
    pub async fn erase(&mut self) -> Result<(), SimError> {
        self.unregister_push().await;
        self.enrolled = None;
        self.installed.write().unwrap().clear();
        self.log("Erased");
        Ok(())
    }

    /// Gives up the push token (unenrolled or erased); a failure is logged.
    async fn unregister_push(&self) {
        let (Some(push), Some(enrolled)) = (&self.push, &self.enrolled) else {
            return;
        };
        match push.unregister(&enrolled.token).await {
            Ok(()) => self.log("APNs: token unregistered"),
            Err(e) => self.log(&format!("APNs: could not unregister: {e}")),
        }
    }

    /// Waits until a push with the device's PushMagic arrives: `Ok(true)`,
    /// or `Ok(false)` when its token no longer reaches it. Pushes with
    /// another `mdm` value are ignored, as iOS ignores them.
    pub async fn wait_for_wake(&self) -> Result<bool, SimError> {
        let push = self
            .push
            .as_ref()
            .ok_or_else(|| SimError::Push("no push connection".into()))?;
        let enrolled = self.enrolled.as_ref().ok_or(SimError::NotEnrolled)?;
        loop {
            match push.next_wake(&enrolled.token).await? {
                Wake::Push(mdm) if mdm == enrolled.push_magic => return Ok(true),
                Wake::Push(_) => self.log("APNs: ignored a push with another PushMagic"),
                Wake::Nothing => {}
                Wake::Unregistered => return Ok(false),
            }
        }
    }

    async fn connect(&self, dict: Dictionary) -> Result<Option<Command>, SimError> {
        let (status, body) = self
            .put(&self.profile.mdm.server_url, CONNECT_CONTENT_TYPE, dict)
            .await?;
        if status != 200 {
            return Err(SimError::Status {
                what: "Command channel".into(),
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        Command::parse(&body)
    }

    /// One `Idle` round trip: answers each command the server sends until it
    /// answers with an empty body. Skipped while offline.
    pub async fn poll_once(&mut self) -> Result<PollOutcome, SimError> {
        self.refresh_facts();
        if self.offline.load(Ordering::SeqCst) {
            return Ok(PollOutcome {
                skipped_offline: true,
                ..PollOutcome::default()
            });
        }
        let first = self.receive_command().await?;
        self.answer_commands(first, PollOutcome::default()).await
    }

    /// Sends `Idle` and returns the command the server hands out without
    /// acting on it: what the device holds while it works on it. Answer it
    /// with [`Device::answer_command`]; a device that polls again instead
    /// has lost it, as when a connection drops.
    pub async fn receive_command(&mut self) -> Result<Option<Command>, SimError> {
        self.refresh_facts();
        let udid = self.udid()?;
        let idle = self.keyed(messages::idle(&udid));
        conformance::outgoing_idle(&self.schema_context(), &idle)?;
        self.connect(idle).await
    }

    /// Acts on a command from [`Device::receive_command`] and answers it,
    /// then every command the server sends after it, as
    /// [`Device::poll_once`] does.
    pub async fn answer_command(&mut self, command: Command) -> Result<PollOutcome, SimError> {
        self.answer_commands(Some(command), PollOutcome::default())
            .await
    }

    fn udid(&self) -> Result<String, SimError> {
        Ok(self
            .enrolled
            .as_ref()
            .ok_or(SimError::NotEnrolled)?
            .udid
            .clone())
    }

    /// Answers `first` and each command the server sends next, until it
    /// answers with an empty body or the MDM profile is removed.
    async fn answer_commands(
        &mut self,
        first: Option<Command>,
        mut outcome: PollOutcome,
    ) -> Result<PollOutcome, SimError> {
        let udid = self.udid()?;
        let mut next = first;
        while let Some(command) = next {
            self.refresh_facts();
            let ctx = self.schema_context();
            let (status, extra, removes_mdm, violations) =
                match conformance::incoming_command(&ctx, &command.envelope) {
                    Ok(()) => {
                        let (status, extra, removes_mdm) = self.answer(&command);
                        (status, extra, removes_mdm, None)
                    }
                    Err(violations) => {
                        self.log(&format!(
                            "Command {} ({}) not acted on: {violations}",
                            command.request_type, command.uuid
                        ));
                        let extra = conformance::command_format_error(&violations);
                        (COMMAND_FORMAT_ERROR, extra, false, Some(violations))
                    }
                };
            self.log(&format!(
                "Command {} ({}): {status}",
                command.request_type, command.uuid
            ));
            outcome.commands.push(CommandOutcome {
                command_uuid: command.uuid.clone(),
                request_type: command.request_type.clone(),
                status: status.to_owned(),
                violations,
            });
            let reply = self.keyed(messages::result(status, &command.uuid, &udid, extra));
            conformance::outgoing_result(&ctx, &command.request_type, &reply)?;
            if removes_mdm {
                // The device no longer listens to what the server says next.
                self.connect(reply).await?;
                outcome.unenrolled = true;
                // Profiles the MDM server installed go with its profile.
                self.installed.write().unwrap().clear();
                self.log("MDM profile removed");
                if self.profile.mdm.check_out_when_removed {
                    // The profile is gone whatever the server answers, as
                    // on iOS (a server may refuse the removed identity).
                    match self.check_out().await {
                        Err(e @ SimError::NotWhatIosSends(_)) => return Err(e),
                        Err(e) => self.log(&format!("CheckOut not accepted: {e}")),
                        Ok(()) => {}
                    }
                }
                self.unregister_push().await;
                self.enrolled = None;
                return Ok(outcome);
            }
            next = self.connect(reply).await?;
        }
        Ok(outcome)
    }

    /// The status and extra keys answering a command, and whether it removes
    /// the MDM profile.
    fn answer(&self, command: &Command) -> (&'static str, Dictionary, bool) {
        let facts = self.facts();
        if facts.refuses(&command.request_type) {
            return (
                "Error",
                messages::error_chain(
                    "MCMDMErrorDomain",
                    12000,
                    &format!(
                        "The device couldn't complete the {} command. (device simulator)",
                        command.request_type
                    ),
                ),
                false,
            );
        }
        match command.request_type.as_str() {
            "DeviceInformation" => {
                // Apple's schema requires Queries: checked before this.
                let queries: Vec<String> = command
                    .body
                    .get("Queries")
                    .and_then(plist::Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|q| q.as_string().map(str::to_owned))
                    .collect();
                let mut extra = Dictionary::new();
                extra.insert(
                    "QueryResponses".into(),
                    plist::Value::Dictionary(messages::query_responses(&queries, &facts)),
                );
                ("Acknowledged", extra, false)
            }
            "SecurityInfo" => ("Acknowledged", messages::security_info(&facts), false),
            "DeviceLock" => {
                // iOS locks the screen with or without a passcode; a lock
                // message or phone number says how showing it went.
                let mut extra = Dictionary::new();
                if command.string("Message").is_some() || command.string("PhoneNumber").is_some() {
                    let result = if self.no_passcode || !facts.passcode_present {
                        "NoPasscodeSet"
                    } else {
                        "Success"
                    };
                    extra.insert("MessageResult".into(), plist::Value::String(result.into()));
                }
                ("Acknowledged", extra, false)
            }
            "InstallProfile" => self.install_profile(command),
            "RemoveProfile" => {
                let identifier = command.string("Identifier");
                let mdm_identifiers = [
                    self.profile.identifier.as_deref(),
                    self.profile.mdm.payload_identifier.as_deref(),
                ];
                if identifier.is_some() && mdm_identifiers.contains(&identifier) {
                    ("Acknowledged", Dictionary::new(), true)
                } else if identifier.is_some_and(|id| self.uninstall(id)) {
                    ("Acknowledged", Dictionary::new(), false)
                } else {
                    (
                        "Error",
                        messages::error_chain(
                            "MCProfileErrorDomain",
                            1001,
                            &format!(
                                "The profile {:?} is not installed.",
                                identifier.unwrap_or("")
                            ),
                        ),
                        false,
                    )
                }
            }
            other => (
                "Error",
                messages::error_chain(
                    "MCMDMErrorDomain",
                    12021,
                    &format!("Unsupported command: {other} (device simulator)"),
                ),
                false,
            ),
        }
    }

    /// `InstallProfile`: reads the `Payload` profile and keeps it (one with
    /// the same identifier is replaced), or answers `Error` as iOS does for
    /// a profile it cannot install.
    fn install_profile(&self, command: &Command) -> (&'static str, Dictionary, bool) {
        let parsed = match command.body.get("Payload") {
            Some(plist::Value::Data(bytes)) => {
                InstalledProfile::parse_for(bytes, &self.facts().os_version)
            }
            _ => Err(SimError::BadCommand(
                "InstallProfile without Payload data".into(),
            )),
        };
        let profile = match parsed {
            Ok(profile) => profile,
            Err(e) => {
                self.log(&format!("Refused to install a profile: {e}"));
                return (
                    "Error",
                    messages::error_chain(
                        "MCProfileErrorDomain",
                        1000,
                        &format!("The profile couldn't be installed: {e} (device simulator)"),
                    ),
                    false,
                );
            }
        };
        for payload in &profile.payloads {
            self.log(&format!(
                "Installed profile {}: {}",
                profile.identifier,
                payload.summary()
            ));
        }
        if profile.payloads.is_empty() {
            self.log(&format!(
                "Installed profile {}: no payloads",
                profile.identifier
            ));
        }
        let mut installed = self.installed.write().unwrap();
        installed.retain(|old| old.identifier != profile.identifier);
        installed.push(profile);
        ("Acknowledged", Dictionary::new(), false)
    }

    /// Removes an installed profile; false when there is none by that name.
    fn uninstall(&self, identifier: &str) -> bool {
        let mut installed = self.installed.write().unwrap();
        let before = installed.len();
        installed.retain(|profile| profile.identifier != identifier);
        let removed = installed.len() < before;
        drop(installed);
        if removed {
            self.log(&format!("Removed profile {identifier}"));
        }
        removed
    }

    /// Answers the server until `stop` completes or the MDM profile is
    /// removed. With a push connection, as iOS: it connects only when a
    /// push wakes it, drains its commands, and goes quiet again. Without
    /// one it polls every [`Device::poll_interval`] (not what iOS does).
    /// Errors of one connection are logged and retried.
    pub async fn run_until<F: Future>(&mut self, stop: F) -> Result<RunOutcome, SimError> {
        if self.enrolled.is_none() {
            return Err(SimError::NotEnrolled);
        }
        if self.push.is_some() {
            return self.run_on_push_until(stop).await;
        }
        tokio::pin!(stop);
        let mut was_offline = false;
        loop {
            match self.poll_once().await {
                Ok(outcome) if outcome.unenrolled => return Ok(RunOutcome::Unenrolled),
                Ok(outcome) => {
                    if outcome.skipped_offline != was_offline {
                        was_offline = outcome.skipped_offline;
                        self.log(if was_offline { "Offline" } else { "Online" });
                    }
                }
                // The simulator's own bug: retrying would repeat it.
                Err(e @ SimError::NotWhatIosSends(_)) => return Err(e),
                Err(e) => self.log(&format!("Poll failed: {e}")),
            }
            tokio::select! {
                _ = &mut stop => return Ok(RunOutcome::Stopped),
                _ = tokio::time::sleep(self.poll_interval) => {}
            }
        }
    }

    /// [`Device::run_until`] with a push connection.
    /// Returns at once while online; offline, waits until the device is
    /// back online (true) or `stop` ends (false). The flag is read again
    /// every 50 ms: it is the simulated radio, set by a test or the facts
    /// file, with nothing to wait on.
    async fn until_online<F: Future>(&self, stop: &mut std::pin::Pin<&mut F>) -> bool {
        self.refresh_facts();
        if !self.offline.load(Ordering::SeqCst) {
            return true;
        }
        self.log("Offline: the push waits at APNs until the device is back");
        loop {
            tokio::select! {
                _ = stop.as_mut() => return false,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
            self.refresh_facts();
            if !self.offline.load(Ordering::SeqCst) {
                self.log("Online: APNs delivers the waiting push");
                return true;
            }
        }
    }

    async fn run_on_push_until<F: Future>(&mut self, stop: F) -> Result<RunOutcome, SimError> {
        tokio::pin!(stop);
        loop {
            let woken = tokio::select! {
                _ = &mut stop => return Ok(RunOutcome::Stopped),
                woken = self.wait_for_wake() => woken,
            };
            match woken {
                Ok(true) => {}
                Ok(false) => {
                    self.log("APNs: the token no longer reaches this device");
                    return Ok(RunOutcome::Unenrolled);
                }
                Err(e) => {
                    // The gateway may be restarting: wait a little.
                    self.log(&format!("APNs: {e}"));
                    tokio::select! {
                        _ = &mut stop => return Ok(RunOutcome::Stopped),
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                    continue;
                }
            }
            self.log("APNs: woken by a push");
            // APNs keeps the last push for a device that is offline and
            // delivers it when the device is back: so does the simulator.
            if !self.until_online(&mut stop).await {
                return Ok(RunOutcome::Stopped);
            }
            match self.poll_once().await {
                Ok(outcome) if outcome.unenrolled => return Ok(RunOutcome::Unenrolled),
                Ok(_) => {}
                Err(e @ SimError::NotWhatIosSends(_)) => return Err(e),
                Err(e) => self.log(&format!("Connection failed: {e}")),
            }
        }
    }
}
