//! Accessibility checks on whatever page a [`Browser`] shows: axe-core's
//! WCAG 2.0/2.1/2.2 A and AA rules in the light and the dark colour scheme,
//! touch target sizes, reflow at 320 CSS px with text at 200 %, and a
//! layout that mirrors under `dir="rtl"`.
//!
//! axe-core comes from npm (`xtask/npm`); `cargo xtask test` passes the
//! path of its `axe.min.js` in `AXE_CORE`, and it is injected into the page
//! through WebDriver's execute (which the page's Content-Security-Policy does
//! not apply to).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::browser::{Engine, Preferences};
use crate::{required_env, Browser, PATIENCE};

/// axe-core's tags for WCAG 2.0, 2.1 and 2.2, levels A and AA.
pub const WCAG_AA_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// The smallest touch target this portal accepts, in CSS px (Apple's Human
/// Interface Guidelines; stricter than WCAG 2.2's 24 px).
pub const MIN_TARGET: f64 = 44.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorScheme {
    Light,
    Dark,
}

impl ColorScheme {
    fn name(self) -> &'static str {
        match self {
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = required_env("AXE_CORE");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("read axe-core from {path} (AXE_CORE; `cargo xtask install` puts it there): {e}")
        })
    })
}

/// Runs axe on the document; answers a JSON string: `{violations, incomplete}`.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
const tags = arguments[0];
const brief = results => results.map(rule => ({
  id: rule.id,
  impact: rule.impact,
  help: rule.help,
  nodes: rule.nodes.map(node => ({
    target: node.target.map(String),
    summary: node.failureSummary || '',
  })),
}));
window.axe
  .run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})
  .then(
    results => done(JSON.stringify({
      violations: brief(results.violations),
      incomplete: brief(results.incomplete),
    })),
    error => done(JSON.stringify({error: String(error && error.stack || error)})),
  );
"#;

/// True when no transition or finite animation is running (colours read
/// mid-transition would make contrast results flaky). Styles are brought
/// up to date first, and a frame passes: transitions only start then.
const SETTLED: &str = r#"
const done = arguments[arguments.length - 1];
void document.documentElement.offsetHeight;
requestAnimationFrame(() => requestAnimationFrame(() => done(
  document.getAnimations().every(animation =>
    animation.playState !== 'running' ||
    !isFinite(animation.effect.getComputedTiming().endTime)))));
"#;

/// Forces the dark (or back to the light) scheme by switching the style
/// sheets' `prefers-color-scheme: dark` rules on or off, for engines whose
/// scheme cannot change after launch (WebKitGTK takes it from GTK's theme).
const FLIP_SCHEME: &str = r#"
const dark = arguments[0] === 'dark';
const QUERY = '(prefers-color-scheme: dark)';
const flip = rules => {
  for (const rule of rules) {
    if (rule.media && rule.media.mediaText.includes('prefers-color-scheme: dark')) {
      rule.media.mediaText = dark ? 'all, ' + QUERY : QUERY;
    }
    if (rule.cssRules) flip(rule.cssRules);
  }
};
for (const sheet of document.styleSheets) {
  try { flip(sheet.cssRules); } catch (e) { /* another origin's sheet */ }
}
document.documentElement.style.colorScheme = dark ? 'dark' : '';
return getComputedStyle(document.body).backgroundColor;
"#;

/// Interactive elements smaller than `arguments[0]` CSS px either way.
const SMALL_TARGETS: &str = r#"
const min = arguments[0] - 0.5;
const describe = el => {
  let text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim();
  if (text.length > 40) text = text.slice(0, 40) + '…';
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    (el.type && el.tagName === 'INPUT' ? '[type=' + el.type + ']' : '') +
    (text ? ' "' + text + '"' : '');
};
const small = [];
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
  '[role=button], [role=link], [tabindex]:not([tabindex="-1"])';
for (const el of document.querySelectorAll(selector)) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  const rect = el.getBoundingClientRect();
  if (rect.width <= 1 && rect.height <= 1) continue; // not rendered, or visually hidden
  // A link inside a sentence is exempt (WCAG 2.5.8, "inline").
  if (el.tagName === 'A' && style.display === 'inline') {
    const block = el.parentElement && el.parentElement.closest('p, li, dd, td, label, div');
    if (block && block.textContent.trim() !== el.textContent.trim()) continue;
  }
  let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom];
  // A radio button or checkbox is as big as its label, which a tap selects.
  if (el.labels && (el.type === 'radio' || el.type === 'checkbox')) {
    for (const label of el.labels) {
      const r = label.getBoundingClientRect();
      left = Math.min(left, r.left); top = Math.min(top, r.top);
      right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
    }
  }
  const width = right - left, height = bottom - top;
  if (width < min || height < min) {
    small.push(describe(el) + ': ' + width.toFixed(1) + ' x ' + height.toFixed(1) + ' px');
  }
}
return small;
"#;

/// With the root font size at `arguments[0]` (e.g. '200%'): how wide the
/// page scrolls and how wide the viewport is, and what sticks out.
const REFLOW: &str = r#"
const done = arguments[arguments.length - 1];
const root = document.documentElement;
const before = root.style.fontSize;
root.style.fontSize = arguments[0];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const scroller = document.scrollingElement;
  const width = scroller.clientWidth;
  const wide = [];
  const name = el => {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 30);
    return el.tagName.toLowerCase() +
      (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') +
      (text ? ' "' + text + '"' : '');
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    // Text sticking out of a box that fits (a word too long for it).
    if (r.width > 0 && r.right <= width + 1 && el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX === 'visible' &&
        ![...el.children].some(c => c.getBoundingClientRect().right > width + 1)) {
      const reach = r.left + el.scrollWidth;
      if (reach > width + 1) wide.push(name(el) + ': its content reaches ' + reach.toFixed(0) + ' px');
      continue;
    }
    if (r.width === 0 || r.right <= width + 1) continue;
    // Only the outermost culprit: skip those inside one already listed
    // or inside a container that scrolls or clips them.
    let clipped = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow !== 'visible') { clipped = true; break; }
      if (up.getBoundingClientRect().right > width + 1) { clipped = true; break; }
    }
    if (!clipped) wide.push(name(el) + ' reaches ' + r.right.toFixed(0) + ' px');
  }
  const result = {
    scrollWidth: scroller.scrollWidth,
    clientWidth: width,
    innerWidth: window.innerWidth,
    rootFontSize: getComputedStyle(root).fontSize,
    wide: wide.slice(0, 10),
  };
  root.style.fontSize = before;
  done(JSON.stringify(result));
}));
"#;

/// The boxes of every element that is laid out as a box, in document order,
/// with `dir` set to `arguments[0]` on <html>.
const BOXES: &str = r#"
const done = arguments[arguments.length - 1];
const root = document.documentElement;
root.setAttribute('dir', arguments[0]);
requestAnimationFrame(() => requestAnimationFrame(() => {
  const width = root.clientWidth;
  const boxes = [];
  const all = document.body.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.closest('svg, .visually-hidden, [hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'contents' || style.display === 'none') continue;
    if (style.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) name += '.' + el.className.trim().split(/\s+/).join('.');
    boxes.push({i, name, left: r.left, right: r.right, top: r.top, width: r.width});
  }
  done(JSON.stringify({width, boxes}));
}));
"#;

impl Browser {
    /// Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is
    /// now, in its current colour scheme, and panics with a readable list
    /// of the violations (rule, impact, elements, what to fix). `what`
    /// names the page in that message.
    pub async fn assert_accessible(&self, what: &str) {
        self.wait_until_settled().await;
        self.inject_axe().await;
        let answer = self
            .client
            .execute_async(RUN_AXE, vec![json!(WCAG_AA_TAGS)])
            .await
            .unwrap_or_else(|e| panic!("{:?}: run axe on {what}: {e}", self.engine));
        let results: Value = answer
            .as_str()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_else(|| panic!("{:?}: axe answered {answer}", self.engine));
        if let Some(error) = results.get("error") {
            panic!("{:?}: axe failed on {what}: {error}", self.engine);
        }
        let violations = results["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        // Colour contrast that axe could not decide (e.g. text over an
        // image) is for a person to look at: print it, do not fail.
        for rule in results["incomplete"].as_array().into_iter().flatten() {
            if rule["id"] == "color-contrast" {
                eprintln!(
                    "{:?}: {what}: axe could not decide {}",
                    self.engine,
                    describe_rules(std::slice::from_ref(rule))
                );
            }
        }
        assert!(
            violations.is_empty(),
            "{:?}: {} accessibility violation(s) on {what} (axe-core, WCAG 2.2 AA):\n{}",
            self.engine,
            violations.len(),
            describe_rules(&violations)
        );
    }

    /// [`Self::assert_accessible`] in the dark and in the light scheme,
    /// leaving the page light.
    pub async fn assert_accessible_in_both_schemes(&self, what: &str) {
        self.set_color_scheme(ColorScheme::Dark).await;
        self.assert_accessible(&format!("{what} (dark)")).await;
        self.set_color_scheme(ColorScheme::Light).await;
        self.assert_accessible(&format!("{what} (light)")).await;
    }

    /// Switches `prefers-color-scheme`. Chromium emulates the media feature
    /// (DevTools), for the rest of the session. WebKitGTK takes the scheme
    /// from GTK's theme at launch ([`Preferences::dark`]), so there the
    /// page's own dark rules are switched on or off for this document.
    pub async fn set_color_scheme(&self, scheme: ColorScheme) {
        match self.engine {
            Engine::ChromiumIphone => {
                self.emulate_media(Preferences {
                    dark: scheme == ColorScheme::Dark,
                    ..Preferences::default()
                })
                .await
            }
            Engine::WebKitIphone => {
                self.client
                    .execute(FLIP_SCHEME, vec![json!(scheme.name())])
                    .await
                    .unwrap_or_else(|e| panic!("switch to the {} scheme: {e}", scheme.name()));
            }
        }
        let dark = self
            .client
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches || \
                 document.documentElement.style.colorScheme === 'dark';",
                vec![],
            )
            .await
            .expect("read the colour scheme");
        assert_eq!(
            dark.as_bool(),
            Some(scheme == ColorScheme::Dark),
            "{:?}: the page is not in the {} scheme",
            self.engine,
            scheme.name()
        );
    }

    /// Waits until no transition or finite animation runs (a loaded machine
    /// can take far longer than the animation's own duration to finish it).
    pub async fn wait_until_settled(&self) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let settled = self
                .client
                .execute_async(SETTLED, vec![])
                .await
                .map(|v| v.as_bool() == Some(true))
                .unwrap_or(true);
            if settled || Instant::now() > deadline {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn inject_axe(&self) {
        let present = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .map(|v| v.as_bool() == Some(true))
            .unwrap_or(false);
        if present {
            return;
        }
        let script = format!("{}\n;return typeof window.axe;", axe_source());
        let kind = self
            .client
            .execute(&script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{:?}: inject axe-core: {e}", self.engine));
        assert_eq!(kind, json!("object"), "axe-core did not load");
    }

    /// Fails on any button, link, field, radio button/checkbox (with its
    /// label) or other control smaller than 44 x 44 CSS px, except links
    /// inside a sentence (WCAG 2.5.8 exempts those).
    pub async fn assert_touch_targets(&self, what: &str) {
        let small = self
            .client
            .execute(SMALL_TARGETS, vec![json!(MIN_TARGET)])
            .await
            .unwrap_or_else(|e| panic!("measure touch targets: {e}"));
        let small: Vec<String> = serde_json::from_value(small).expect("a list of targets");
        assert!(
            small.is_empty(),
            "{:?}: touch targets smaller than {MIN_TARGET} x {MIN_TARGET} px on {what}:\n  {}",
            self.engine,
            small.join("\n  ")
        );
    }

    /// With text at 200 % (the root font size), the page must not scroll
    /// sideways (WCAG 1.4.4 and 1.4.10). Chromium is narrowed to 320 CSS px
    /// for it (DevTools device metrics); MiniBrowser's window cannot get
    /// narrower than its toolbar, so WebKit checks at its narrowest.
    pub async fn assert_reflows_at_200_percent(&self, what: &str) {
        let (width, height) = crate::browser::IPHONE_VIEWPORT;
        match self.engine {
            Engine::ChromiumIphone => {
                self.set_device_metrics(320, 568).await;
            }
            Engine::WebKitIphone => {
                let _ = self.client.set_window_size(320, height).await;
            }
        }
        let answer = self
            .client
            .execute_async(REFLOW, vec![json!("200%")])
            .await
            .unwrap_or_else(|e| panic!("measure reflow: {e}"));
        match self.engine {
            Engine::ChromiumIphone => self.set_device_metrics(width, height).await,
            Engine::WebKitIphone => {
                let _ = self.client.set_window_size(width, height).await;
            }
        }
        let result: Value = answer
            .as_str()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_else(|| panic!("reflow answered {answer}"));
        let scroll_width = result["scrollWidth"].as_f64().unwrap_or(f64::MAX);
        let client_width = result["clientWidth"].as_f64().unwrap_or(0.0);
        if self.engine == Engine::ChromiumIphone {
            assert_eq!(client_width, 320.0, "the viewport did not narrow: {result}");
        }
        assert_eq!(
            result["rootFontSize"], "32px",
            "text did not double: {result}"
        );
        assert!(
            scroll_width <= client_width,
            "{:?}: {what} scrolls sideways with 200 % text at {client_width} px wide \
             ({scroll_width} px of content): {}",
            self.engine,
            result["wide"]
        );
    }

    async fn set_device_metrics(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 3, "mobile": true}),
        )
        .await;
    }

    /// With `<html dir="rtl">`, every box must sit where the left-to-right
    /// layout puts it, mirrored (same size and height on the page, the
    /// other side), except the elements matching `exempt` (CSS selectors
    /// of what rightly keeps its direction). Leaves the page left to right.
    pub async fn assert_mirrors_in_rtl(&self, what: &str, exempt: &[&str]) {
        let ltr = self.boxes("ltr").await;
        let rtl = self.boxes("rtl").await;
        let _ = self.boxes("ltr").await;
        let width = ltr["width"].as_f64().expect("viewport width");
        let exempt_indexes = self.exempt_indexes(exempt).await;
        let ltr_boxes = ltr["boxes"].as_array().cloned().unwrap_or_default();
        let rtl_boxes = rtl["boxes"].as_array().cloned().unwrap_or_default();
        let mut wrong = Vec::new();
        for left_to_right in &ltr_boxes {
            let index = left_to_right["i"].as_u64();
            if index.is_some_and(|i| exempt_indexes.contains(&i)) {
                continue;
            }
            let Some(right_to_left) = rtl_boxes.iter().find(|b| b["i"].as_u64() == index) else {
                continue;
            };
            let number = |b: &Value, key: &str| b[key].as_f64().unwrap_or(f64::NAN);
            let mirrored_left = width - number(left_to_right, "right");
            let off = (number(right_to_left, "left") - mirrored_left).abs();
            let moved = (number(right_to_left, "top") - number(left_to_right, "top")).abs();
            let resized = (number(right_to_left, "width") - number(left_to_right, "width")).abs();
            if off > 1.5 || moved > 1.5 || resized > 1.5 {
                wrong.push(format!(
                    "{}: left {:.1} in ltr, {:.1} in rtl (mirrored would be {:.1}); \
                     top moved {moved:.1}, width changed {resized:.1}",
                    left_to_right["name"].as_str().unwrap_or("?"),
                    number(left_to_right, "left"),
                    number(right_to_left, "left"),
                    mirrored_left,
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{:?}: {what} does not mirror under dir=rtl ({} boxes):\n  {}",
            self.engine,
            wrong.len(),
            wrong.into_iter().take(15).collect::<Vec<_>>().join("\n  ")
        );
    }

    async fn boxes(&self, dir: &str) -> Value {
        let answer = self
            .client
            .execute_async(BOXES, vec![json!(dir)])
            .await
            .unwrap_or_else(|e| panic!("measure boxes: {e}"));
        answer
            .as_str()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_else(|| panic!("boxes answered {answer}"))
    }

    /// Indexes in `body *` of the elements matching `exempt`, and their
    /// descendants.
    async fn exempt_indexes(&self, exempt: &[&str]) -> Vec<u64> {
        if exempt.is_empty() {
            return Vec::new();
        }
        let answer = self
            .client
            .execute(
                "const all = [...document.body.querySelectorAll('*')];\
                 const selector = arguments[0].join(', ');\
                 return all.map((el, i) => el.closest(selector) ? i : -1).filter(i => i >= 0);",
                vec![json!(exempt)],
            )
            .await
            .expect("find exempt elements");
        serde_json::from_value(answer).unwrap_or_default()
    }

    /// A computed style property of an element or one of its pseudo-elements
    /// (`pseudo`: `"::after"`, or `""`), after setting `dir` on <html>.
    pub async fn computed_style(&self, css: &str, pseudo: &str, property: &str) -> String {
        let answer = self
            .client
            .execute(
                "const el = document.querySelector(arguments[0]);\
                 if (!el) return null;\
                 return getComputedStyle(el, arguments[1] || null).getPropertyValue(arguments[2]);",
                vec![json!(css), json!(pseudo), json!(property)],
            )
            .await
            .expect("read a computed style");
        answer
            .as_str()
            .unwrap_or_else(|| panic!("{:?}: nothing matches {css}", self.engine))
            .to_owned()
    }

    /// Sets `dir` on <html> (`"rtl"`, `"ltr"`).
    pub async fn set_direction(&self, dir: &str) {
        self.client
            .execute(
                "document.documentElement.setAttribute('dir', arguments[0]);",
                vec![json!(dir)],
            )
            .await
            .expect("set dir");
    }

    /// The innermost element whose text contains `text` must be inside a
    /// live region (role=status/alert/log or aria-live polite/assertive)
    /// that was already in the page, so screen readers announce it. The
    /// announcement may follow the text by a frame (a screen that comes by
    /// itself is said by a region filled once its heading is drawn), so
    /// this waits for it, as long as for anything else.
    pub async fn assert_announced(&self, text: &str) {
        self.wait_for_text(text).await;
        let deadline = Instant::now() + PATIENCE;
        while !self.is_in_live_region(text).await {
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "{:?}: {text:?} is shown outside any live region, so screen readers do not hear it",
                    self.engine
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether an innermost element with `text` is inside a live region.
    async fn is_in_live_region(&self, text: &str) -> bool {
        let found = self
            .client
            .execute(
                "const text = arguments[0];\
                 const all = [...document.body.querySelectorAll('*')]\
                   .filter(el => el.textContent.includes(text) &&\
                     ![...el.children].some(c => c.textContent.includes(text)));\
                 return all.some(el => el.closest('[role=status], [role=alert], [role=log], \
                     [aria-live=polite], [aria-live=assertive]') !== null);",
                vec![json!(text)],
            )
            .await
            .expect("look for the live region");
        found.as_bool().unwrap_or(false)
    }
}

fn describe_rules(rules: &[Value]) -> String {
    let mut out = String::new();
    for rule in rules {
        out.push_str(&format!(
            "  - {} ({}): {}\n",
            rule["id"].as_str().unwrap_or("?"),
            rule["impact"].as_str().unwrap_or("no impact given"),
            rule["help"].as_str().unwrap_or("")
        ));
        for node in rule["nodes"].as_array().into_iter().flatten().take(8) {
            let target: Vec<String> = node["target"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            let summary = node["summary"]
                .as_str()
                .unwrap_or("")
                .replace('\n', " ")
                .replace("  ", " ");
            out.push_str(&format!("      {}: {summary}\n", target.join(" > ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The style sheet says where things go in the reading direction
    /// (`margin-inline-start`, `inset-inline-start`, `text-align: start`,
    /// ...), never left or right, so that `dir="rtl"` mirrors the layout.
    #[test]
    fn the_style_sheet_uses_logical_properties_only() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/main.css");
        let css = std::fs::read_to_string(path).expect("style/main.css");
        let mut in_comment = false;
        let mut physical = Vec::new();
        for (number, line) in css.lines().enumerate() {
            let mut code = String::new();
            let mut rest = line;
            loop {
                if in_comment {
                    match rest.find("*/") {
                        Some(end) => {
                            in_comment = false;
                            rest = &rest[end + 2..];
                        }
                        None => break,
                    }
                } else {
                    match rest.find("/*") {
                        Some(start) => {
                            code.push_str(&rest[..start]);
                            in_comment = true;
                            rest = &rest[start + 2..];
                        }
                        None => {
                            code.push_str(rest);
                            break;
                        }
                    }
                }
            }
            for declaration in code.split(';') {
                let Some((property, value)) = declaration.split_once(':') else {
                    continue;
                };
                let property = property.trim().trim_start_matches('{').trim();
                let value = value.trim();
                let sides = ["left", "right", "top", "bottom"];
                let physical_box = ["margin", "padding", "border", "inset", "scroll-margin"]
                    .iter()
                    .any(|p| {
                        sides
                            .iter()
                            .any(|s| property.starts_with(&format!("{p}-{s}")))
                    });
                let physical_position = sides.contains(&property);
                let physical_value = matches!(property, "text-align" | "float" | "clear")
                    && (value.starts_with("left") || value.starts_with("right"));
                if physical_box || physical_position || physical_value {
                    physical.push(format!("line {}: {}", number + 1, line.trim()));
                }
            }
        }
        assert!(
            physical.is_empty(),
            "style/main.css uses physical directions (use the logical properties):\n  {}",
            physical.join("\n  ")
        );
    }
}
