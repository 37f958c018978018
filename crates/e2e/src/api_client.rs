//! A person using the portal's API without a browser, as the SPA does: the
//! session cookie, the anti-forgery header on every change. For journeys
//! about the server itself (crashes, a full disk), where a page would only
//! add waiting.

use portal_api::routes;
use serde_json::Value;

use crate::PortalServer;

pub struct ApiClient {
    client: reqwest::Client,
    base_url: String,
    /// `name=value` of the session cookie, once signed in.
    cookie: Option<String>,
}

/// An API answer: the status and the JSON body (`Null` when there is none).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl ApiClient {
    /// A client of `portal` (which serves a self-signed certificate).
    pub fn new(portal: &PortalServer) -> Self {
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .expect("an HTTP client");
        Self {
            client,
            base_url: portal.base_url.clone(),
            cookie: None,
        }
    }

    /// Signs in with a local account; panics unless the portal lets them in.
    pub async fn sign_in(&mut self, email: &str, password: &str) {
        let body = serde_json::json!({ "email": email, "password": password });
        let response = self
            .request(reqwest::Method::POST, routes::SESSION)
            .json(&body)
            .send()
            .await
            .expect("send the sign-in");
        let prefix = format!("{}=", routes::SESSION_COOKIE);
        let cookie = response
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with(&prefix))
            .and_then(|value| value.split(';').next())
            .map(str::to_owned);
        let status = response.status();
        self.cookie =
            Some(cookie.unwrap_or_else(|| panic!("signing in as {email} answered {status}")));
    }

    /// The session cookie, `name=value`, for a device's Safari to send.
    pub fn session_cookie(&self) -> &str {
        self.cookie.as_deref().expect("signed in")
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> Answer {
        self.send(reqwest::Method::POST, path, body).await
    }

    /// Sends a request; a request that gets no answer at all panics.
    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self.request(method.clone(), path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        Answer {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base_url))
            .header(routes::ANTI_FORGERY_HEADER, routes::ANTI_FORGERY_VALUE)
            .header(reqwest::header::ORIGIN, &self.base_url);
        if let Some(cookie) = &self.cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request
    }
}
