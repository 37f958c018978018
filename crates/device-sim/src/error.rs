/// Everything that can go wrong while simulating a device.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The server answered `Authenticate` with something other than 200.
    #[error("Server refused Authenticate: {status} {body}")]
    Refused { status: u16, body: String },
    /// Another request got an unexpected HTTP status.
    #[error("{what} failed: HTTP {status} {body}")]
    Status {
        what: String,
        status: u16,
        body: String,
    },
    /// The profile is not a usable enrollment profile.
    #[error("invalid profile: {0}")]
    Profile(String),
    /// The profile breaks Apple's schema for the device's iOS version: iOS
    /// would refuse to install it.
    #[error("iOS would refuse the profile: {0}")]
    ProfileSchema(mdm_schema::Violations),
    /// The profile is signed, but the signature does not verify: iOS
    /// refuses to install it.
    #[error("iOS would refuse the profile: its signature does not verify: {0}")]
    ProfileSignature(String),
    /// The simulator was about to send a message iOS never sends (a bug of
    /// the simulator, not of the server); it was not sent.
    #[error("device-sim was about to send what iOS never sends (not sent): {0}")]
    NotWhatIosSends(mdm_schema::Violations),
    /// A trust root given to the device is not a PEM certificate.
    #[error("trust root {0}")]
    TrustRoot(String),
    /// The identity (key and certificate) is unusable.
    #[error("identity: {0}")]
    Identity(String),
    /// The SCEP exchange went wrong (not a refusal: see `ScepFailure`).
    #[error("SCEP: {0}")]
    Scep(String),
    /// The SCEP server answered the certificate request with FAILURE.
    #[error("SCEP: the server refused the certificate request ({})", crate::scep::fail_info_name(*fail_info))]
    ScepFailure { fail_info: Option<scep::FailInfo> },
    /// Signing or verifying a CMS signature failed.
    #[error("signature: {0}")]
    Signature(String),
    /// A plist could not be read or written.
    #[error("plist: {0}")]
    Plist(String),
    /// The server sent a command the simulator cannot read.
    #[error("bad command from server: {0}")]
    BadCommand(String),
    /// Network or TLS failure.
    #[error("HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The facts file is not valid JSON facts.
    #[error("facts: {0}")]
    Facts(String),
    /// The push connection (the stand-in for the device's link to APNs).
    #[error("push: {0}")]
    Push(String),
    /// The device's iOS version can't enroll this way; iOS would stop (e.g.
    /// discovery offers only account-driven device enrollment to iOS 16).
    #[error("iOS would stop the enrollment: {0}")]
    Unsupported(String),
    /// The device is not enrolled (call `enroll` first).
    #[error("not enrolled")]
    NotEnrolled,
}

impl From<plist::Error> for SimError {
    fn from(e: plist::Error) -> Self {
        SimError::Plist(e.to_string())
    }
}
