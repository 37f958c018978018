//! The device's side of push: its stand-in for the connection an iPhone
//! keeps to APNs (device-sim's own protocol, not Apple's).

use std::time::Duration;

use super::gateway::{GatewayHandle, WAKE_POLL};
use super::Gateway;
use crate::SimError;

/// What waiting for a wake brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake {
    /// A push arrived with this `mdm` value.
    Push(String),
    /// Nothing yet: wait again.
    Nothing,
    /// The token no longer reaches the device.
    Unregistered,
}

/// How a device reaches its gateway: in this process, or over the network
/// (the gateway's `/device-sim/` endpoints).
#[derive(Clone)]
pub struct PushConnection {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    InProcess(GatewayHandle),
    Remote {
        url: String,
        client: reqwest::Client,
    },
}

impl PushConnection {
    /// A connection to a gateway in this process.
    pub fn in_process(gateway: &Gateway) -> PushConnection {
        PushConnection {
            inner: Inner::InProcess(gateway.handle()),
        }
    }

    /// A connection to a gateway process at `url` (`https://host:port`)
    /// whose TLS certificate is `ca_pem` (its `--tls-cert-out`).
    pub fn remote(url: &str, ca_pem: &[u8]) -> Result<PushConnection, SimError> {
        let certificate = reqwest::Certificate::from_pem(ca_pem)?;
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .add_root_certificate(certificate)
            // Longer than the gateway's wait for a wake.
            .timeout(WAKE_POLL + Duration::from_secs(10))
            .build()?;
        Ok(PushConnection {
            inner: Inner::Remote {
                url: url.trim_end_matches('/').to_owned(),
                client,
            },
        })
    }

    /// Registers for `topic`; returns the device token (32 bytes).
    pub async fn register(&self, topic: &str, push_magic: &str) -> Result<Vec<u8>, SimError> {
        let token = match &self.inner {
            Inner::InProcess(gateway) => gateway.register(topic, push_magic),
            Inner::Remote { url, client } => {
                let response = client
                    .post(format!("{url}/device-sim/register"))
                    .json(&serde_json::json!({ "topic": topic, "push_magic": push_magic }))
                    .send()
                    .await?;
                let body: serde_json::Value =
                    checked(response, "APNs registration").await?.json().await?;
                body.get("token")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            }
        };
        hex::decode(&token).map_err(|_| SimError::Push(format!("not a token: {token:?}")))
    }

    /// Waits a while for a push to `token`.
    pub async fn next_wake(&self, token: &[u8]) -> Result<Wake, SimError> {
        let token = hex::encode(token);
        match &self.inner {
            Inner::InProcess(gateway) => Ok(gateway.next_wake(&token, WAKE_POLL).await),
            Inner::Remote { url, client } => {
                let response = client
                    .get(format!("{url}/device-sim/wakes/{token}"))
                    .send()
                    .await?;
                match response.status().as_u16() {
                    204 => Ok(Wake::Nothing),
                    410 => Ok(Wake::Unregistered),
                    _ => {
                        let body: serde_json::Value =
                            checked(response, "APNs wait").await?.json().await?;
                        Ok(Wake::Push(
                            body.get("mdm")
                                .and_then(serde_json::Value::as_str)
                                .unwrap_or_default()
                                .to_owned(),
                        ))
                    }
                }
            }
        }
    }

    /// The token stops reaching the device (pushes to it answer 410).
    pub async fn unregister(&self, token: &[u8]) -> Result<(), SimError> {
        let token = hex::encode(token);
        match &self.inner {
            Inner::InProcess(gateway) => gateway.unregister(&token),
            Inner::Remote { url, client } => {
                let response = client
                    .delete(format!("{url}/device-sim/devices/{token}"))
                    .send()
                    .await?;
                checked(response, "APNs unregistration").await?;
            }
        }
        Ok(())
    }
}

async fn checked(response: reqwest::Response, what: &str) -> Result<reqwest::Response, SimError> {
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(response);
    }
    Err(SimError::Status {
        what: what.into(),
        status,
        body: response.text().await.unwrap_or_default(),
    })
}
