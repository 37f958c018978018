//! The server's settings: where the portal is reached, where the SPA's files
//! are, and the policies for sessions and sign-in throttling.
//!
//! Defaults live here as constants; the CLI fills in what the operator chose,
//! and tests override the policies through [`Config`].

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::sign_in::throttle::Backoff;

/// A session ends after this long without a request.
pub const SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(60 * 60);
/// A session ends this long after sign-in, however busy it is.
pub const SESSION_ABSOLUTE_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
/// A session's last-seen time is written at most this often.
pub const SESSION_TOUCH_INTERVAL: Duration = Duration::from_secs(60);

/// A client must send a request's whole header within this (HTTP/1.1; a
/// kept-alive connection must also start its next request within it).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection on which no byte moves either way for this long is closed
/// (an HTTP/2 connection without requests, a stalled peer). Event streams
/// send a keep-alive comment every 15 s, so they are never idle.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// A request's body must arrive, and the request be answered, within this.
/// An event stream's answer starts at once, and the stream itself is not
/// bounded by it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections open at once, at most; more are closed as soon as they are
/// accepted.
pub const MAX_CONNECTIONS: usize = 10_000;
/// Event streams one session may have open at once; the next is refused
/// (`too_many_event_streams`).
pub const EVENT_STREAMS_PER_SESSION: usize = 8;

/// Failed sign-ins older than this no longer count.
pub const SIGN_IN_THROTTLE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Password checks (argon2id, 19 MiB each) running at once, at most.
pub const MAX_CONCURRENT_PASSWORD_CHECKS: usize = 4;

/// Everything the request handlers need to know about this installation.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where people reach the portal; decides the allowed `Origin` and HSTS.
    pub public_url: PublicUrl,
    /// The SPA built by Trunk (`index.html`, fingerprinted assets, `.br`/`.gz`).
    pub static_dir: PathBuf,
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// How long a request may take to arrive and be answered.
    pub request_timeout: Duration,
    /// Event streams one session may have open at once.
    pub event_streams_per_session: usize,
    /// Proxies whose `X-Forwarded-For` names the client (e.g. the TLS proxy
    /// in front of the portal). From any other peer the header is ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Config {
    /// A configuration with the default session and throttling policies.
    pub fn new(public_url: PublicUrl, static_dir: impl Into<PathBuf>) -> Self {
        Self {
            public_url,
            static_dir: static_dir.into(),
            sessions: SessionPolicy::default(),
            throttle: ThrottlePolicy::default(),
            request_timeout: REQUEST_TIMEOUT,
            event_streams_per_session: EVENT_STREAMS_PER_SESSION,
            trusted_proxies: Vec::new(),
        }
    }
}

/// What a connection may cost the server: how long it may take to send
/// a header, stay silent, or send a request, and how many may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub request_timeout: Duration,
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: HEADER_READ_TIMEOUT,
            idle_timeout: IDLE_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// How long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_timeout: Duration,
    pub absolute_lifetime: Duration,
    pub touch_interval: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_timeout: SESSION_IDLE_TIMEOUT,
            absolute_lifetime: SESSION_ABSOLUTE_LIFETIME,
            touch_interval: SESSION_TOUCH_INTERVAL,
        }
    }
}

/// How repeated failed sign-ins are slowed down (see `sign_in::throttle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window: Duration,
    /// One account from one client address: a few free attempts, then
    /// waits that grow to 15 minutes.
    pub per_pair: Backoff,
    /// One account from anywhere: only a short delay, so guesses elsewhere
    /// cannot keep its owner out.
    pub per_account: Backoff,
    /// One address for any account (password spraying).
    pub per_address: Backoff,
    pub max_concurrent_password_checks: usize,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window: SIGN_IN_THROTTLE_WINDOW,
            per_pair: Backoff {
                free_attempts: 5,
                first_delay: Duration::from_secs(60),
                max_delay: SIGN_IN_THROTTLE_WINDOW,
            },
            per_account: Backoff {
                free_attempts: 10,
                first_delay: Duration::from_secs(1),
                max_delay: Duration::from_secs(30),
            },
            per_address: Backoff {
                free_attempts: 20,
                first_delay: Duration::from_secs(60),
                max_delay: SIGN_IN_THROTTLE_WINDOW,
            },
            max_concurrent_password_checks: MAX_CONCURRENT_PASSWORD_CHECKS,
        }
    }
}

/// Why a public URL was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicUrlError {
    #[error("the public URL must start with https:// or http://")]
    Scheme,
    #[error("the public URL has no host name")]
    MissingHost,
    #[error("the public URL's host name contains characters that are not allowed")]
    InvalidHost,
    #[error("the public URL's port is not a number from 1 to 65535")]
    InvalidPort,
    #[error("the public URL must not contain a user name or password")]
    UserInfo,
    #[error("the public URL must be the site's root, like https://portal.contoso.example")]
    NotRoot,
}

/// The scheme a browser uses to reach the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Https,
    Http,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Https => 443,
            Scheme::Http => 80,
        }
    }
}

/// The portal's address as people's browsers see it: a scheme, a host and an
/// optional port, always at the site's root (the session cookie is `__Host-`,
/// so it must be `Path=/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    scheme: Scheme,
    /// Lower-cased; an IPv6 address keeps its brackets.
    host: String,
    /// `None` when it is the scheme's default port.
    port: Option<u16>,
}

impl PublicUrl {
    /// Parses `https://host[:port][/]`.
    pub fn parse(input: &str) -> Result<Self, PublicUrlError> {
        let input = input.trim();
        let (scheme, rest) = input.split_once("://").ok_or(PublicUrlError::Scheme)?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "https" => Scheme::Https,
            "http" => Scheme::Http,
            _ => return Err(PublicUrlError::Scheme),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        if !path.is_empty() && path != "/" {
            return Err(PublicUrlError::NotRoot);
        }
        if authority.contains('@') {
            return Err(PublicUrlError::UserInfo);
        }
        let (host, port) = split_host_and_port(authority)?;
        if host.is_empty() {
            return Err(PublicUrlError::MissingHost);
        }
        let host_ok = if let Some(inner) = host.strip_prefix('[') {
            inner
                .strip_suffix(']')
                .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
        } else {
            host.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        };
        if !host_ok {
            return Err(PublicUrlError::InvalidHost);
        }
        let port = match port {
            None => None,
            Some(port) => {
                let port: u16 = port.parse().map_err(|_| PublicUrlError::InvalidPort)?;
                if port == 0 {
                    return Err(PublicUrlError::InvalidPort);
                }
                (port != scheme.default_port()).then_some(port)
            }
        };
        Ok(Self {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The default public URL for a server listening on `address`. An
    /// unspecified address (`0.0.0.0`, `::`) becomes `localhost`.
    pub fn for_listener(address: SocketAddr, scheme: Scheme) -> Self {
        let ip = address.ip();
        let host = if ip.is_unspecified() {
            "localhost".to_owned()
        } else if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        let port = address.port();
        Self {
            scheme,
            host,
            port: (port != scheme.default_port()).then_some(port),
        }
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    pub fn is_https(&self) -> bool {
        self.scheme == Scheme::Https
    }

    /// The host as a certificate names it: no port, no IPv6 brackets.
    pub fn host_name(&self) -> &str {
        self.host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(&self.host)
    }

    /// The web origin, exactly as a browser sends it in `Origin`:
    /// `https://portal.contoso.example` or `https://127.0.0.1:8443`.
    pub fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme.as_str(), self.host),
            None => format!("{}://{}", self.scheme.as_str(), self.host),
        }
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}

impl std::str::FromStr for PublicUrl {
    type Err = PublicUrlError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

fn split_host_and_port(authority: &str) -> Result<(&str, Option<&str>), PublicUrlError> {
    if authority.starts_with('[') {
        let close = authority.find(']').ok_or(PublicUrlError::InvalidHost)?;
        let (host, rest) = authority.split_at(close + 1);
        return match rest {
            "" => Ok((host, None)),
            _ => rest
                .strip_prefix(':')
                .map(|port| (host, Some(port)))
                .ok_or(PublicUrlError::InvalidHost),
        };
    }
    Ok(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_root_url_and_drops_the_default_port() {
        let url = PublicUrl::parse("HTTPS://Portal.Contoso.Example:443/").unwrap();
        assert_eq!(url.origin(), "https://portal.contoso.example");
        assert_eq!(url.host_name(), "portal.contoso.example");
        assert!(url.is_https());
    }

    #[test]
    fn keeps_a_non_default_port() {
        let url = PublicUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(url.origin(), "http://127.0.0.1:8080");
        assert!(!url.is_https());
    }

    #[test]
    fn understands_ipv6_hosts() {
        let url = PublicUrl::parse("https://[::1]:8443").unwrap();
        assert_eq!(url.origin(), "https://[::1]:8443");
        assert_eq!(url.host_name(), "::1");
    }

    #[test]
    fn refuses_what_is_not_a_site_root() {
        assert_eq!(
            PublicUrl::parse("portal.contoso.example"),
            Err(PublicUrlError::Scheme)
        );
        assert_eq!(
            PublicUrl::parse("ftp://portal.contoso.example"),
            Err(PublicUrlError::Scheme)
        );
        assert_eq!(
            PublicUrl::parse("https://portal.contoso.example/portal"),
            Err(PublicUrlError::NotRoot)
        );
        assert_eq!(
            PublicUrl::parse("https://admin@portal.contoso.example"),
            Err(PublicUrlError::UserInfo)
        );
        assert_eq!(
            PublicUrl::parse("https://portal.contoso.example:99999"),
            Err(PublicUrlError::InvalidPort)
        );
        assert_eq!(
            PublicUrl::parse("https://"),
            Err(PublicUrlError::MissingHost)
        );
        assert_eq!(
            PublicUrl::parse("https://por tal"),
            Err(PublicUrlError::InvalidHost)
        );
    }

    #[test]
    fn listener_addresses_become_urls() {
        let url = PublicUrl::for_listener("127.0.0.1:8080".parse().unwrap(), Scheme::Https);
        assert_eq!(url.origin(), "https://127.0.0.1:8080");
        let url = PublicUrl::for_listener("0.0.0.0:443".parse().unwrap(), Scheme::Https);
        assert_eq!(url.origin(), "https://localhost");
        let url = PublicUrl::for_listener("[::1]:8080".parse().unwrap(), Scheme::Http);
        assert_eq!(url.origin(), "http://[::1]:8080");
    }
}
