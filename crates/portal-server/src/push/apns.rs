//! The APNs client: `POST /3/device/<token>` with `{"mdm": PushMagic}` over
//! HTTP/2, the organization's push certificate as the TLS client identity.

use std::time::Duration;

use super::PushCertificate;

/// Apple's production gateway.
pub const PRODUCTION_URL: &str = "https://api.push.apple.com";
/// Apple's development gateway (`--apns-sandbox`).
pub const SANDBOX_URL: &str = "https://api.sandbox.push.apple.com";
/// One push request may take this long, connection included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Where pushes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApnsOptions {
    /// `https://api.push.apple.com`, or a test gateway.
    pub url: String,
    /// An extra trusted root (PEM) for a test gateway's certificate.
    pub extra_root_pem: Option<Vec<u8>>,
}

impl Default for ApnsOptions {
    fn default() -> Self {
        Self {
            url: PRODUCTION_URL.into(),
            extra_root_pem: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApnsError {
    #[error("the push certificate or its key cannot be used as a TLS identity: {0}")]
    Identity(reqwest::Error),
    #[error("the extra APNs root (--apns-ca) is not a PEM certificate: {0}")]
    ExtraRoot(reqwest::Error),
    #[error("the HTTP client: {0}")]
    Client(reqwest::Error),
}

/// How APNs answered one push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// 200: APNs took it; the device wakes when it can.
    Delivered { apns_id: Option<String> },
    /// 410: the token no longer reaches the device (erased, unenrolled),
    /// since `timestamp` (ms since the epoch) when APNs said.
    Unregistered { timestamp: Option<i64> },
    /// 400 `BadDeviceToken`: APNs does not know the token; or 400
    /// `DeviceTokenNotForTopic`: the device listens for another topic (the
    /// push certificate was replaced by one with another topic). Either
    /// way this device cannot be reached until it enrolls again.
    BadDeviceToken,
    /// 403: the push certificate is refused (expired, revoked, wrong topic):
    /// no device of the organization can be reached.
    CertificateProblem { reason: String },
    /// 429: too many pushes to this device; try later.
    Throttled,
    /// 5xx: APNs is in trouble; try later.
    ServerError { status: u16, reason: String },
    /// Another 4xx: the request itself is wrong (a bug; not retried).
    Rejected { status: u16, reason: String },
    /// No answer: DNS, TCP, TLS or HTTP/2 failed; try later.
    Transport(String),
}

impl PushOutcome {
    /// Worth sending again after a while.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            PushOutcome::Throttled | PushOutcome::ServerError { .. } | PushOutcome::Transport(_)
        )
    }
}

/// Sends pushes to APNs with one certificate.
#[derive(Debug, Clone)]
pub struct ApnsClient {
    client: reqwest::Client,
    url: String,
}

impl ApnsClient {
    pub fn new(certificate: &PushCertificate, options: &ApnsOptions) -> Result<Self, ApnsError> {
        let pem = format!(
            "{}\n{}",
            certificate.key_pem.trim_end(),
            certificate.certificate_pem
        );
        let identity = reqwest::Identity::from_pem(pem.as_bytes()).map_err(ApnsError::Identity)?;
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .identity(identity)
            // APNs speaks HTTP/2 only: offer h2 alone by ALPN.
            .http2_prior_knowledge()
            .timeout(REQUEST_TIMEOUT);
        if let Some(root) = &options.extra_root_pem {
            let root = reqwest::Certificate::from_pem(root).map_err(ApnsError::ExtraRoot)?;
            builder = builder.add_root_certificate(root);
        }
        Ok(Self {
            client: builder.build().map_err(ApnsError::Client)?,
            url: options.url.trim_end_matches('/').to_owned(),
        })
    }

    /// Sends one wake to `token` (the `TokenUpdate`'s `Token`).
    pub async fn push(&self, token: &[u8], push_magic: &str) -> PushOutcome {
        let body = serde_json::json!({ "mdm": push_magic }).to_string();
        let response = match self
            .client
            .post(format!("{}/3/device/{}", self.url, hex::encode(token)))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
        {
            Ok(response) => response,
            Err(error) => return PushOutcome::Transport(error_chain(&error)),
        };
        let status = response.status().as_u16();
        let apns_id = response
            .headers()
            .get("apns-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body: serde_json::Value = match response.bytes().await {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Err(error) => return PushOutcome::Transport(error_chain(&error)),
        };
        let reason = body
            .get("reason")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match status {
            200 => PushOutcome::Delivered { apns_id },
            410 => PushOutcome::Unregistered {
                timestamp: body.get("timestamp").and_then(serde_json::Value::as_i64),
            },
            400 if reason == "BadDeviceToken" || reason == "DeviceTokenNotForTopic" => {
                PushOutcome::BadDeviceToken
            }
            403 => PushOutcome::CertificateProblem { reason },
            429 => PushOutcome::Throttled,
            500..=599 => PushOutcome::ServerError { status, reason },
            _ => PushOutcome::Rejected { status, reason },
        }
    }
}

/// The error with its causes (reqwest's own message says little).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
