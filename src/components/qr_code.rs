//! A QR code drawn as inline SVG: one `<path>` of dark squares, so no
//! image request, no canvas and no inline style (the CSP forbids those).

use leptos::prelude::*;
use qrcodegen::{QrCode as Code, QrCodeEcc};

/// The quiet zone around the code, in modules (the standard asks for 4).
const BORDER: i32 = 4;

/// The SVG path of `text`'s QR code and the side of its square (in
/// modules, with the quiet zone), or None if the text is too long.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = Code::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + BORDER, y + BORDER));
            }
        }
    }
    Some((path, size + 2 * BORDER))
}

/// The QR code of `text`, with `label` as what a screen reader says.
#[component]
pub fn QrCode(
    /// What the code encodes, e.g. the enroll link.
    #[prop(into)]
    text: String,
    /// E.g. "QR code of the enroll link".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    qr_path(&text).map(|(path, side)| {
        view! {
            <svg
                class="qr-code"
                role="img"
                aria-label=label
                viewBox=format!("0 0 {side} {side}")
                shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg"
            >
                <rect class="qr-code-background" width=side height=side></rect>
                <path class="qr-code-modules" d=path></path>
            </svg>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_a_path_of_squares_with_a_quiet_zone() {
        let (path, side) = qr_path("https://portal.contoso.example/enroll").unwrap();
        // Version 3 (29 modules) plus 4 on each side.
        assert_eq!(side, 37);
        assert!(path.starts_with("M4,4h1v1h-1z"), "{path}");
        assert!(path.matches('M').count() > 100);
    }

    #[test]
    fn too_much_text_gives_no_code() {
        assert_eq!(qr_path(&"x".repeat(5_000)), None);
    }
}
