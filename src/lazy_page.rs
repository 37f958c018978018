//! Pages whose code is its own WebAssembly module, downloaded when the page
//! is first opened, so the first page of each journey carries only its own
//! code and the shell's.
//!
//! [`lazy_page!`](crate::lazy_page) marks a page as a split point
//! (`wasm_split_helpers`, through Leptos). `cargo xtask build` builds the app
//! with the `split` feature and splits the module there
//! (xtask/src/app_wasm.rs); without the feature (tests, `cargo check`) the
//! page is simply in the one module. A module that cannot be downloaded
//! (offline before the service worker cached it, a flaky network) shows what
//! happened and **Try again**, never a dead page: a failed download is not
//! remembered, so trying again downloads it anew.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::api::ClientError;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::shell::{focus_main_heading, MAIN_ID};
use crate::t;

/// Renders a page whose module is there.
pub type RenderPage = fn() -> AnyView;

/// Downloads a page's module (once it is there, at once) and returns how to
/// render the page.
pub type LoadPage = fn() -> Pin<Box<dyn Future<Output = Result<RenderPage, PageCodeUnavailable>>>>;

/// A page's module could not be downloaded.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the page's code could not be downloaded")]
pub struct PageCodeUnavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PageCodeUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageCodeUnavailable
    }
}

/// `pub fn $view() -> AnyView`, the route's view of `$page`, whose code is
/// the split module `$module` (the name xtask's route table uses), and
/// `pub fn $module()`, a [`LoadPage`] that downloads it (for [`download`]):
/// `lazy_page!(devices_view: devices_page => DevicesPage);`
#[macro_export]
macro_rules! lazy_page {
    ($(#[$attr:meta])* $view:ident: $module:ident => $page:path) => {
        $(#[$attr])*
        pub fn $view() -> ::leptos::prelude::AnyView {
            $crate::lazy_page::lazy_page_view(stringify!($module), $module)
        }

        /// Downloads the page's module (at once when it is there).
        pub fn $module() -> ::std::pin::Pin<
            ::std::boxed::Box<
                dyn ::std::future::Future<
                    Output = ::std::result::Result<
                        $crate::lazy_page::RenderPage,
                        $crate::lazy_page::PageCodeUnavailable,
                    >,
                >,
            >,
        > {
            #[cfg(feature = "split")]
            #[::leptos::wasm_split::wasm_split(
                $module,
                wasm_split_path = ::leptos::wasm_split,
                fallible
            )]
            fn load() -> ::std::result::Result<
                $crate::lazy_page::RenderPage,
                $crate::lazy_page::PageCodeUnavailable,
            > {
                ::std::result::Result::Ok(|| ::leptos::prelude::IntoAny::into_any($page()))
            }
            #[cfg(not(feature = "split"))]
            async fn load() -> ::std::result::Result<
                $crate::lazy_page::RenderPage,
                $crate::lazy_page::PageCodeUnavailable,
            > {
                ::std::result::Result::Ok(|| ::leptos::prelude::IntoAny::into_any($page()))
            }
            ::std::boxed::Box::pin(load())
        }
    };
}

thread_local! {
    /// The pages whose modules are there, by module name: opened again,
    /// they render at once.
    static LOADED: RefCell<Vec<(&'static str, RenderPage)>> = const { RefCell::new(Vec::new()) };
}

fn loaded(module: &'static str) -> Option<RenderPage> {
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .iter()
            .find(|(name, _)| *name == module)
            .map(|(_, render)| *render)
    })
}

fn remember(module: &'static str, render: RenderPage) {
    LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        if !loaded.iter().any(|(name, _)| *name == module) {
            loaded.push((module, render));
        }
    });
}

/// Downloads the page's module, so that the page renders at once when it
/// is opened: the app waits for the first page's before it takes over
/// from the server's first paint, which then gives way to the same page,
/// not to a loading state.
pub async fn download(module: &'static str, load: LoadPage) -> Result<(), PageCodeUnavailable> {
    if loaded(module).is_none() {
        remember(module, load().await?);
    }
    Ok(())
}

/// Where a page's module is.
#[derive(Debug, Clone, Copy)]
enum PageCode {
    Downloading,
    Ready(RenderPage),
    Unavailable,
}

/// The page of `module`: at once when its module is there, else a loading
/// state until it is (or the failed state with **Try again**).
pub fn lazy_page_view(module: &'static str, load: LoadPage) -> AnyView {
    if let Some(render) = loaded(module) {
        return untrack(render);
    }
    view! { <LazyPage module load /> }.into_any()
}

/// After a navigation the shell moves focus to the new page's heading, or
/// to `<main>` while the page's module was still downloading: then the
/// heading, now there, gets it. Focus anywhere else (the first page load,
/// or the person already moved on) stays where it is.
fn focus_heading_instead_of_main() {
    let on_main = document()
        .active_element()
        .is_some_and(|active| active.id() == MAIN_ID);
    if on_main {
        focus_main_heading();
    }
}

#[component]
fn LazyPage(module: &'static str, load: LoadPage) -> impl IntoView {
    let code = RwSignal::new(PageCode::Downloading);
    let download = move || {
        code.set(PageCode::Downloading);
        leptos::task::spawn_local(async move {
            let outcome = match load().await {
                Ok(render) => {
                    remember(module, render);
                    PageCode::Ready(render)
                }
                Err(PageCodeUnavailable) => PageCode::Unavailable,
            };
            // The person may have gone elsewhere meanwhile.
            if code.try_set(outcome).is_none() && matches!(outcome, PageCode::Ready(_)) {
                request_animation_frame(focus_heading_instead_of_main);
            }
        });
    };
    download();
    move || match code.get() {
        PageCode::Downloading => view! { <Loading label=t!("page-code-loading") /> }.into_any(),
        // The page's own reads must not re-render it from here.
        PageCode::Ready(render) => untrack(render),
        PageCode::Unavailable => view! {
            <ErrorPanel
                error=ClientError::Network
                title=t!("page-code-failed")
                on_retry=Callback::new(move |()| download())
            />
        }
        .into_any(),
    }
}
