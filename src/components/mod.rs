//! Pieces shared by several pages, or mounted on their own by the browser
//! tests. None of them needs a router except the shell, the page title and
//! the sign-in guard.

pub mod app_banners;
pub mod copy_link;
pub mod countdown;
pub mod device_list;
pub mod device_reach;
pub mod dialog;
pub mod error_panel;
pub mod form_messages;
pub mod language_picker;
pub mod loaded_list;
pub mod loading;
pub mod page_title;
pub mod privacy_lists;
pub mod qr_code;
pub mod rename_dialog;
pub mod require_sign_in;
pub mod shell;
pub mod sign_in_form;
pub mod sliced;
pub mod support_contact;
pub mod time;
