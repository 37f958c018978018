//! Driving a page with the keyboard alone, through WebDriver key actions
//! (real key events, as from a hardware keyboard on an iPad), and asking
//! where focus is and whether it can be seen.

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde::Deserialize;
use serde_json::json;

use crate::browser::IPHONE_VIEWPORT;
use crate::{Browser, Engine, PATIENCE};

/// The element that has focus, as a keyboard user would need to know it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Focused {
    /// e.g. `button`, `a`, `input`, `h1`, `body`.
    pub tag: String,
    pub id: String,
    /// Its accessible text, roughly: aria-label, else its text (trimmed,
    /// whitespace collapsed), else an input's label.
    pub text: String,
    /// A focus indicator is drawn: an outline of at least 2 px.
    pub indicator: bool,
    /// It matches `:focus-visible`.
    pub focus_visible: bool,
    /// It is inside an open `role="dialog"`.
    pub in_dialog: bool,
    /// It is on screen (its box intersects the viewport).
    pub on_screen: bool,
    /// The page has the system's focus (`document.hasFocus()`).
    pub page_focused: bool,
}

const FOCUSED: &str = r#"
const el = document.activeElement || document.body;
const style = getComputedStyle(el);
const squash = text => (text || '').replace(/\s+/g, ' ').trim();
let text = el.getAttribute('aria-label') || squash(el.innerText || el.textContent);
if (!text && el.labels && el.labels.length) text = squash(el.labels[0].textContent);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
const r = el.getBoundingClientRect();
return {
  tag: el.tagName.toLowerCase(),
  id: el.id || '',
  text,
  indicator: outline,
  focus_visible: el.matches(':focus-visible'),
  in_dialog: !!el.closest('[role=dialog]'),
  on_screen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  page_focused: document.hasFocus(),
};
"#;

impl Browser {
    /// Makes sure the page has the system's keyboard focus, without which
    /// `:focus` and `:focus-visible` never match. Xvfb runs no window
    /// manager: X gives focus to the window under its pointer, which sits
    /// in the middle of the screen, so MiniBrowser's window is moved there
    /// (other WebKit windows stay in the top-left corner, away from it).
    pub async fn take_keyboard_focus(&self) {
        if self.engine == Engine::WebKitIphone {
            let screen = self
                .client
                .execute("return [screen.width, screen.height];", vec![])
                .await
                .expect("read the screen size");
            let size = |i: usize| screen[i].as_u64().unwrap_or(0) as u32;
            let (width, height) = IPHONE_VIEWPORT;
            let x = (size(0) / 2).saturating_sub(width / 2);
            let y = (size(1) / 2).saturating_sub(height / 2);
            self.client
                .set_window_rect(x, y, width, height)
                .await
                .expect("move MiniBrowser under the pointer");
        }
        let deadline = Instant::now() + PATIENCE;
        while !self.focused().await.page_focused {
            assert!(
                Instant::now() < deadline,
                "{:?}: the page never gets the keyboard focus",
                self.engine
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses and releases one key.
    pub async fn press(&self, key: Key) {
        self.key_actions(vec![
            KeyAction::Down { value: key.into() },
            KeyAction::Up { value: key.into() },
        ])
        .await;
    }

    /// Presses `key` while holding `modifier` (Shift+Tab, Control+A).
    pub async fn press_with(&self, modifier: Key, key: char) {
        self.key_actions(vec![
            KeyAction::Down {
                value: modifier.into(),
            },
            KeyAction::Down { value: key },
            KeyAction::Up { value: key },
            KeyAction::Up {
                value: modifier.into(),
            },
        ])
        .await;
    }

    /// Types `text` into whatever has focus, key by key.
    pub async fn type_text(&self, text: &str) {
        let mut actions = Vec::new();
        for c in text.chars() {
            actions.push(KeyAction::Down { value: c });
            actions.push(KeyAction::Up { value: c });
        }
        self.key_actions(actions).await;
    }

    async fn key_actions(&self, actions: Vec<KeyAction>) {
        let mut sequence = KeyActions::new("keyboard".to_owned());
        for action in actions {
            sequence = sequence.then(action);
        }
        self.client
            .perform_actions(sequence)
            .await
            .unwrap_or_else(|e| panic!("{:?}: key actions: {e}", self.engine));
        self.client
            .release_actions()
            .await
            .unwrap_or_else(|e| panic!("{:?}: release keys: {e}", self.engine));
    }

    /// What has focus now.
    pub async fn focused(&self) -> Focused {
        let answer = self
            .client
            .execute(FOCUSED, vec![])
            .await
            .expect("read the focused element");
        serde_json::from_value(answer).expect("a focused element")
    }

    /// Waits until focus is on an element of kind `tag` whose text is
    /// `text` (focus often moves a frame after the page changes).
    pub async fn wait_for_focus(&self, tag: &str, text: &str) -> Focused {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let focused = self.focused_with_page_focus().await;
            if focused.tag == tag && focused.text == text {
                return focused;
            }
            assert!(
                Instant::now() < deadline,
                "{:?}: expected focus on <{tag}> {text:?}, it is on {focused:?}",
                self.engine
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses Tab (Shift+Tab when `backwards`) and returns where focus went,
    /// after checking that a control that got it shows it.
    pub async fn tab(&self, backwards: bool) -> Focused {
        if backwards {
            self.press_with(Key::Shift, Key::Tab.into()).await;
        } else {
            self.press(Key::Tab).await;
        }
        let focused = self.focused_with_page_focus().await;
        self.assert_focus_shown(&focused);
        focused
    }

    /// [`Self::focused`], once the page has the system's focus: another
    /// test's MiniBrowser window, while it opens, can hold it for a moment
    /// (a long one on a loaded machine).
    async fn focused_with_page_focus(&self) -> Focused {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let focused = self.focused().await;
            if focused.page_focused || Instant::now() > deadline {
                return focused;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Tabs forward until a `tag` with `text` has focus, checking on the way
    /// that every control shows its focus; panics after `at_most` presses.
    pub async fn tab_to(&self, tag: &str, text: &str, at_most: usize) -> Focused {
        let mut passed = Vec::new();
        for _ in 0..at_most {
            let focused = self.tab(false).await;
            if focused.tag == tag && focused.text == text {
                return focused;
            }
            passed.push(format!("<{}> {:?}", focused.tag, focused.text));
        }
        panic!(
            "{:?}: {at_most} Tabs did not reach <{tag}> {text:?}; focus went to {}",
            self.engine,
            passed.join(", ")
        );
    }

    /// A control with keyboard focus must show it and be on screen.
    pub fn assert_focus_shown(&self, focused: &Focused) {
        if matches!(focused.tag.as_str(), "body" | "html") {
            return;
        }
        assert!(
            focused.indicator && focused.focus_visible && focused.on_screen,
            "{:?}: focus on <{}> {:?} is not visible ({focused:?})",
            self.engine,
            focused.tag,
            focused.text
        );
    }

    /// Replaces the text of the focused field the way a keyboard user does:
    /// select all (Control+A here; Command+A on Apple keyboards), delete,
    /// type.
    pub async fn replace_focused_text(&self, text: &str) {
        self.press_with(Key::Control, 'a').await;
        self.press(Key::Backspace).await;
        self.type_text(text).await;
    }

    /// Whether an element matching the CSS selector is in the page now.
    pub async fn is_present(&self, css: &str) -> bool {
        self.client
            .execute(
                "return document.querySelector(arguments[0]) !== null;",
                vec![json!(css)],
            )
            .await
            .map(|v| v.as_bool() == Some(true))
            .unwrap_or(false)
    }
}
