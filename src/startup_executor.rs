//! The app's take-over from the first paint, in slices a phone can take:
//! Leptos runs what a render starts (the router's page, which Leptos 0.8
//! draws in a task it spawns after the shell, and every effect's first
//! run) right after it, in the same browser task; on a phone that made
//! the first render's task the longest of the page (Lighthouse's Total
//! Blocking Time). While the app takes over, this executor gives each such
//! spawned task a slot in a browser task of its own, a few milliseconds of
//! work per browser task, and the browser gets the thread back in between.
//!
//! The server's first paint stays on screen meanwhile, the app's frame
//! hidden beside it (`body.app-starting`, style/main.css), so no frame
//! shows a half-drawn app; once nothing is left to run, the first paint
//! gives way to the app in one task ([`defer_until_settled`]). After that
//! the executor is Leptos's usual one: wasm-bindgen-futures' microtasks.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};

use crate::scheduling::in_next_task;

/// How much work a browser task takes on before the rest waits for the
/// next one: Lighthouse's phone runs the CPU four times slower, and a task
/// counts as blocking from 50 ms there.
const SLICE_MS: f64 = 6.0;
/// Browser tasks after which the take-over ends whatever is left (a task
/// that keeps spawning others must not keep the app hidden).
const MAX_SLICES: u32 = 200;

/// Where the take-over is.
#[derive(Default)]
struct Slices {
    /// Spawned tasks get slots (between [`defer_until_settled`] and the
    /// end of the take-over).
    deferring: bool,
    /// When the current browser task's slice ends (`performance.now()`).
    slice_ends: f64,
    /// Tasks waiting for a slot, in the order they asked.
    waiting: Vec<Waker>,
    /// Whether the next slice's browser task is queued.
    next_slice_queued: bool,
    slices: u32,
    /// What to do when nothing is left to run.
    settled: Option<Box<dyn FnOnce()>>,
}

thread_local! {
    static SLICES: RefCell<Slices> = RefCell::new(Slices::default());
}

/// The app's executor (install it before anything spawns, in `main`).
pub fn install() {
    // Already set (a second start in tests): Leptos's own is as good.
    let _ = Executor::init_custom_executor(StartupExecutor);
}

/// From now on, spawned tasks run in slices of their own browser tasks;
/// once none is left, `settled` runs and tasks run at once again.
pub fn defer_until_settled(settled: impl FnOnce() + 'static) {
    SLICES.with(|slices| {
        let mut slices = slices.borrow_mut();
        slices.deferring = true;
        slices.slice_ends = now() + SLICE_MS;
        slices.settled = Some(Box::new(settled));
    });
    queue_next_slice();
}

struct StartupExecutor;

impl CustomExecutor for StartupExecutor {
    fn spawn(&self, future: PinnedFuture<()>) {
        // The browser has one thread: a `Send` task runs as a local one.
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: PinnedLocalFuture<()>) {
        if SLICES.with(|slices| slices.borrow().deferring) {
            wasm_bindgen_futures::spawn_local(async move {
                Slot::default().await;
                future.await;
            });
        } else {
            wasm_bindgen_futures::spawn_local(future);
        }
    }

    fn poll_local(&self) {}
}

/// While the app takes over, waits for a slice of a later browser task
/// (at once otherwise): for a long part of a page, so that it does not
/// share a browser task with what came before it.
pub fn next_slice() -> impl Future<Output = ()> {
    Slot { fresh: true }
}

/// Ready once the current slice has time left (or the take-over is over);
/// a `fresh` one waits for the next slice in any case.
#[derive(Default)]
struct Slot {
    fresh: bool,
}

impl Future for Slot {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let fresh = std::mem::take(&mut self.fresh);
        let ready = SLICES.with(|slices| {
            let mut slices = slices.borrow_mut();
            if !slices.deferring || (!fresh && now() < slices.slice_ends) {
                return true;
            }
            slices.waiting.push(context.waker().clone());
            false
        });
        if ready {
            Poll::Ready(())
        } else {
            queue_next_slice();
            Poll::Pending
        }
    }
}

fn queue_next_slice() {
    let queue = SLICES.with(|slices| {
        let mut slices = slices.borrow_mut();
        !std::mem::replace(&mut slices.next_slice_queued, true)
    });
    if queue {
        in_next_task(run_slice);
    }
}

/// A browser task's slice: wakes the waiting tasks (they run in this
/// task's microtasks, each while the slice has time left, the others
/// waiting again), then looks again in the next task. Nothing waiting
/// there: the take-over is over.
fn run_slice() {
    let (waiting, settled) = SLICES.with(|slices| {
        let mut slices = slices.borrow_mut();
        slices.next_slice_queued = false;
        slices.slices += 1;
        let waiting = std::mem::take(&mut slices.waiting);
        if waiting.is_empty() || slices.slices > MAX_SLICES {
            slices.deferring = false;
            (waiting, slices.settled.take())
        } else {
            slices.slice_ends = now() + SLICE_MS;
            (waiting, None)
        }
    });
    for waker in waiting {
        waker.wake();
    }
    match settled {
        Some(settled) => settled(),
        None => queue_next_slice(),
    }
}

/// `performance.now()` in milliseconds (0 without a window: then every
/// slice has time).
fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}
