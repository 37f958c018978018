//! Starting from the server's page: the start data it put into the page
//! (`portal_api::StartData`: the organization, the session, the page's
//! data), and taking over from its first paint (`<div id="first-paint">`,
//! the page as the server drew it) without a blank frame and without
//! losing what the person typed meanwhile.
//!
//! A page without either (the service worker's offline shell, `trunk
//! serve`) starts as before: the app asks the API.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use leptos::prelude::*;
use portal_api::start::{part, SignInAttempt, FIRST_PAINT_ID, START_DATA_ID};
use portal_api::{
    DeviceDetails, DeviceId, DeviceList, EnrollmentStart, NotificationList, Organization,
    SessionInfo, SignInOptions,
};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::ClientError;

/// The frame's part of the start data ([`portal_api::StartData`]), read when
/// the app starts: what the shell shows on every page.
#[derive(Debug, Default, Deserialize)]
struct Frame {
    #[serde(default)]
    organization: Option<Organization>,
    #[serde(default)]
    session: Option<SessionInfo>,
}

thread_local! {
    static FRAME: RefCell<Frame> = RefCell::new(Frame::default());
    /// The start data as the page had it, for the pages' parts: each is
    /// parsed when its page asks, by the page's own module, so the main
    /// module does not carry the parsers of every page's types.
    static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    /// The page parts already given (each is given once).
    static TAKEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// True from taking down the first paint until the app's first frame:
    /// the redirects of start-up (`/` → `/devices` → `/sign-in`) are not
    /// navigations that move focus.
    static STARTING: Cell<bool> = const { Cell::new(false) };
}

/// Reads the page's start data (once, before the app renders) and takes
/// its element out of the page. Data that does not read is ignored: the
/// app then asks the API.
pub fn read() {
    let Some(element) = document().get_element_by_id(START_DATA_ID) else {
        return;
    };
    let text = element.text_content().unwrap_or_default();
    element.remove();
    if let Ok(frame) = serde_json::from_str::<Frame>(&text) {
        FRAME.with(|current| *current.borrow_mut() = frame);
        TEXT.with(|current| *current.borrow_mut() = text);
    }
}

fn take<T>(field: impl FnOnce(&mut Frame) -> Option<T>) -> Option<T> {
    FRAME.with(|frame| field(&mut frame.borrow_mut()))
}

/// The page part `name` of the start data, the first time it is asked for.
fn take_part<T: DeserializeOwned>(name: &'static str) -> Option<T> {
    take_part_if(name, |_| true)
}

/// The page part `name` of the start data if `wanted` (then never again).
fn take_part_if<T: DeserializeOwned>(
    name: &'static str,
    wanted: impl FnOnce(&T) -> bool,
) -> Option<T> {
    if TAKEN.with(|taken| taken.borrow().contains(&name)) {
        return None;
    }
    let value = TEXT
        .with(|text| part_of::<T>(&text.borrow(), name))
        .filter(wanted)?;
    TAKEN.with(|taken| taken.borrow_mut().push(name));
    Some(value)
}

/// The field `name` of the JSON object `text`, if it is there and reads as
/// a `T` (the other fields are skipped unread).
fn part_of<T: DeserializeOwned>(text: &str, name: &'static str) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    PartSeed(name, PhantomData)
        .deserialize(&mut deserializer)
        .ok()
        .flatten()
}

/// Reads one field of an object, skipping the others.
struct PartSeed<T>(&'static str, PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for PartSeed<T> {
    type Value = Option<T>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PartSeed<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("the start data")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.0 {
                found = map.next_value::<Option<T>>()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Each of these gives its part of the start data once: to the first page
/// that asks, when the app starts. Later visits ask the API.
pub fn take_organization() -> Option<Organization> {
    take(|frame| frame.organization.take())
}

pub fn take_session() -> Option<SessionInfo> {
    take(|frame| frame.session.take())
}

pub fn take_sign_in_options() -> Option<SignInOptions> {
    take_part(part::SIGN_IN_OPTIONS)
}

/// The sign-in form the server refused, when the browser sent it itself.
pub fn take_sign_in_attempt() -> Option<SignInAttempt> {
    take_part(part::SIGN_IN_ATTEMPT)
}

pub fn take_devices() -> Option<DeviceList> {
    take_part(part::DEVICES)
}

/// The device's details, if they are this device's.
pub fn take_device(id: &DeviceId) -> Option<DeviceDetails> {
    take_part_if(part::DEVICE, |details: &DeviceDetails| {
        &details.summary.id == id
    })
}

pub fn take_enrollment() -> Option<EnrollmentStart> {
    take_part(part::ENROLLMENT)
}

pub fn take_notifications() -> Option<NotificationList> {
    take_part(part::NOTIFICATIONS)
}

/// A resource that starts from `seed` when the start data had it, and
/// otherwise (and on every refetch) asks the API with `fetch`.
pub fn seeded_resource<T, Fut>(
    seed: Option<T>,
    fetch: impl Fn() -> Fut + 'static,
) -> LocalResource<Result<T, ClientError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ClientError>> + 'static,
{
    let seed = StoredValue::new_local(seed);
    LocalResource::new(
        move || -> Pin<Box<dyn Future<Output = Result<T, ClientError>>>> {
            match seed.try_update_value(Option::take).flatten() {
                Some(value) => Box::pin(async move { Ok(value) }),
                None => Box::pin(fetch()),
            }
        },
    )
}

/// Whether the start data says nobody is signed in (without start data,
/// nobody knows yet).
pub fn signed_out() -> bool {
    FRAME.with(|frame| {
        frame
            .borrow()
            .session
            .as_ref()
            .is_some_and(|session| session.user.is_none())
    })
}

/// Whether the page came with the server's first paint.
pub fn has_first_paint() -> bool {
    document().get_element_by_id(FIRST_PAINT_ID).is_some()
}

/// Whether the app is still taking over from the first paint (see
/// [`STARTING`]).
pub fn is_starting() -> bool {
    STARTING.with(Cell::get)
}

/// What the person did to the first paint before the app took over: the
/// fields they changed and where the focus was, to carry into the app's
/// page (its fields have the same ids).
#[derive(Debug, Default)]
pub struct Carried {
    fields: Vec<(String, Changed)>,
    focused: Option<String>,
}

#[derive(Debug)]
enum Changed {
    Value(String),
    Checked(bool),
}

/// The class on `<body>` that hides the app's frame while the app takes
/// over, the first paint still showing (style/main.css).
const STARTING_CLASS: &str = "app-starting";

/// Starts the take-over: the app's frame, about to be mounted beside the
/// first paint, stays hidden until [`take_down_first_paint`], and the
/// redirects of start-up do not move focus.
pub fn begin_take_over() {
    STARTING.with(|starting| starting.set(true));
    if has_first_paint() {
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1(STARTING_CLASS);
        }
    }
}

/// Takes the first paint out of the page and shows the app's frame,
/// remembering what the person changed in the first paint meanwhile. Call
/// it once the app's page is drawn, in one task, so no frame is ever drawn
/// without a page.
pub fn take_down_first_paint() -> Carried {
    let document = document();
    if let Some(body) = document.body() {
        let _ = body.class_list().remove_1(STARTING_CLASS);
    }
    let Some(first_paint) = document.get_element_by_id(FIRST_PAINT_ID) else {
        return Carried::default();
    };
    let mut carried = Carried::default();
    if let Ok(fields) = first_paint.query_selector_all("input[id], select[id], textarea[id]") {
        for index in 0..fields.length() {
            let Some(field) = fields
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let id = property(&field, "id").as_string().unwrap_or_default();
            if let Some(changed) = changed(&field) {
                carried.fields.push((id, changed));
            }
        }
    }
    carried.focused = document
        .active_element()
        .filter(|active| first_paint.contains(Some(active)))
        .map(|active| active.id())
        .filter(|id| !id.is_empty());
    first_paint.remove();
    carried
}

impl Carried {
    /// Puts what was carried into the app's page once it has settled
    /// (before its first frame), and ends start-up.
    pub fn restore(self) {
        request_animation_frame(move || {
            let document = document();
            for (id, changed) in &self.fields {
                let Some(field) = document.get_element_by_id(id) else {
                    continue;
                };
                let (name, value) = match changed {
                    Changed::Value(value) => ("value", JsValue::from_str(value)),
                    Changed::Checked(checked) => ("checked", JsValue::from_bool(*checked)),
                };
                let _ = js_sys::Reflect::set(&field, &name.into(), &value);
                // As if typed or picked: the app's handlers see it too.
                dispatch(&field, "input");
                dispatch(&field, "change");
            }
            if let Some(element) = self
                .focused
                .and_then(|id| document.get_element_by_id(&id))
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
            }
            STARTING.with(|starting| starting.set(false));
        });
    }
}

/// What the person changed in a field: a value or a check unlike the one
/// the page came with.
fn changed(field: &web_sys::Element) -> Option<Changed> {
    let kind = property(field, "type").as_string().unwrap_or_default();
    if kind == "checkbox" || kind == "radio" {
        let checked = property(field, "checked").as_bool()?;
        let default = property(field, "defaultChecked").as_bool()?;
        return (checked != default).then_some(Changed::Checked(checked));
    }
    let value = property(field, "value").as_string()?;
    let default = if field.tag_name().eq_ignore_ascii_case("select") {
        field
            .query_selector("option[selected]")
            .ok()
            .flatten()
            .map(|option| property(&option, "value").as_string().unwrap_or_default())
            .unwrap_or_default()
    } else {
        property(field, "defaultValue")
            .as_string()
            .unwrap_or_default()
    };
    (value != default).then_some(Changed::Value(value))
}

fn property(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Dispatches a bubbling `name` event at `target` (`new Event(name,
/// {bubbles: true})`, built through `Reflect` to need no more web-sys).
fn dispatch(target: &web_sys::Element, name: &str) {
    let Some(constructor) = web_sys::window()
        .map(|window| property(&window, "Event"))
        .and_then(|constructor| constructor.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE);
    let arguments = js_sys::Array::of2(&JsValue::from_str(name), &init);
    if let Ok(event) = js_sys::Reflect::construct(&constructor, &arguments) {
        let _ = target.dispatch_event(event.unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_part_is_read_alone_and_the_others_are_skipped() {
        let text = r#"{"organization":{"unknown":[1,{"a":"b"}]},"devices":null,"sign_in_options":{"oidc":true,"local_accounts":false,"organization_name":"Contoso"}}"#;
        let options: Option<SignInOptions> = part_of(text, part::SIGN_IN_OPTIONS);
        let options = options.expect("the part is there");
        assert!(options.oidc);
        assert!(!options.local_accounts);
        assert_eq!(options.organization_name, "Contoso");
        assert!(part_of::<DeviceList>(text, part::DEVICES).is_none());
        assert!(part_of::<NotificationList>(text, part::NOTIFICATIONS).is_none());
        assert!(part_of::<SignInOptions>("not json", part::SIGN_IN_OPTIONS).is_none());
    }
}
