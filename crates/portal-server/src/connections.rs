//! What one connection may cost the server: a cap on connections open at
//! once, a time limit for a request's header (hyper's own timer, which
//! axum-server does not arm by itself), and a time limit on silence.
//!
//! The cap is taken when a connection is accepted, before the TLS handshake,
//! and given back when the connection closes. A connection over the cap is
//! closed at once: queueing it would hold its socket and memory all the
//! same. The request time limit is a layer of the router
//! ([`crate::request_timeout`]), as only the router knows which answers are
//! event streams that go on.

use std::future::{ready, Future, Ready};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum_server::accept::Accept;
use axum_server::Handle;
use hyper_util::rt::TokioTimer;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

use crate::config::ConnectionLimits;

/// Serves `app` on `listener` (HTTPS with `tls`, else plain HTTP) within
/// `limits`, until `handle` shuts it down.
pub async fn serve_listener(
    listener: std::net::TcpListener,
    tls: Option<axum_server::tls_rustls::RustlsConfig>,
    app: axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, SocketAddr>,
    limits: ConnectionLimits,
    handle: Handle<SocketAddr>,
) -> io::Result<()> {
    let capped = CappedAcceptor::new(&limits);
    match tls {
        Some(tls) => {
            let mut server = axum_server::from_tcp_rustls(listener, tls)?
                .map(|acceptor| acceptor.acceptor(capped))
                .handle(handle);
            arm_timers(server.http_builder(), &limits);
            server.serve(app).await
        }
        None => {
            let mut server = axum_server::from_tcp(listener)?
                .acceptor(capped)
                .handle(handle);
            arm_timers(server.http_builder(), &limits);
            server.serve(app).await
        }
    }
}

/// hyper reads no header time limit unless it is given a timer.
fn arm_timers(
    builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
    limits: &ConnectionLimits,
) {
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
}

/// Takes a place under the connection cap for each accepted connection,
/// and closes connections that stay silent.
#[derive(Debug, Clone)]
pub struct CappedAcceptor {
    places: Arc<Semaphore>,
    idle_timeout: Duration,
}

impl CappedAcceptor {
    pub fn new(limits: &ConnectionLimits) -> Self {
        Self {
            places: Arc::new(Semaphore::new(limits.max_connections.max(1))),
            idle_timeout: limits.idle_timeout,
        }
    }
}

impl<I, S> Accept<I, S> for CappedAcceptor
where
    I: AsyncRead + AsyncWrite + Unpin,
{
    type Stream = Watched<I>;
    type Service = S;
    type Future = Ready<io::Result<(Watched<I>, S)>>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        let Ok(place) = self.places.clone().try_acquire_owned() else {
            // Dropping the stream closes the connection.
            tracing::warn!("connection refused: the server has as many connections as allowed");
            return ready(Err(io::Error::other("too many connections")));
        };
        ready(Ok((
            Watched::new(stream, place, self.idle_timeout),
            service,
        )))
    }
}

/// A connection under the cap: gives its place back when dropped, and
/// fails once no byte moved either way for the idle timeout.
pub struct Watched<I> {
    inner: I,
    _place: OwnedSemaphorePermit,
    idle_timeout: Duration,
    silence: Pin<Box<Sleep>>,
}

impl<I> Watched<I> {
    fn new(inner: I, place: OwnedSemaphorePermit, idle_timeout: Duration) -> Self {
        Self {
            inner,
            _place: place,
            idle_timeout,
            silence: Box::pin(tokio::time::sleep(idle_timeout)),
        }
    }

    fn moved(&mut self) {
        let until = Instant::now() + self.idle_timeout;
        self.silence.as_mut().reset(until);
    }

    /// After a pending read or write: an error once the silence lasted too
    /// long (polling the timer also wakes the connection then).
    fn check_silence<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match self.silence.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the connection was idle too long",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<I: AsyncRead + Unpin> AsyncRead for Watched<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.check_silence(cx),
        }
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Watched<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Ready(result) => {
                if matches!(result, Ok(written) if written > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.check_silence(cx),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(result) => {
                if matches!(result, Ok(written) if written > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => this.check_silence(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
