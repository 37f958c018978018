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

    /// The same person (the same session) asking another instance of the
    /// portal at `base_url`, as a proxy in front of several would send them.
    pub fn on_instance(&self, base_url: &str) -> ApiClient {
        ApiClient {
            client: self.client.clone(),
            base_url: base_url.to_owned(),
            cookie: self.cookie.clone(),
        }
    }

    /// Opens a live stream (server-sent events) as the page's
    /// `EventSource` does; panics unless the portal answers 200.
    pub async fn events(&self, path: &str) -> EventStream {
        let response = self
            .request(reqwest::Method::GET, path)
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(response.status().as_u16(), 200, "the live stream {path}");
        EventStream {
            response,
            buffer: Vec::new(),
        }
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

/// A live stream being read: one event's data at a time.
pub struct EventStream {
    response: reqwest::Response,
    /// What arrived of the next events (bytes: a chunk may end inside a
    /// character).
    buffer: Vec<u8>,
}

impl EventStream {
    /// The next event's data (its `data:` lines joined), waiting as long
    /// as it takes; None once the portal ends the stream.
    pub async fn next_data(&mut self) -> Option<String> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|pair| pair == b"\n\n") {
                let event: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let event = String::from_utf8_lossy(&event);
                let data: Vec<&str> = event
                    .lines()
                    .filter_map(|line| line.strip_prefix("data:"))
                    .map(|data| data.strip_prefix(' ').unwrap_or(data))
                    .collect();
                // Comments (keep-alives) carry no data.
                if !data.is_empty() {
                    return Some(data.join("\n"));
                }
                continue;
            }
            let chunk = self.response.chunk().await.ok()??;
            self.buffer.extend_from_slice(&chunk);
        }
    }
}
