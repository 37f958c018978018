# Company Portal — English. The source catalog: every message is written
# here first; the other catalogs translate it key for key, with the same
# placeholders ($org, $count, …). Keys are grouped by screen.

product-name = Company Portal

# Sections below are one per screen or component, each headed `## Name`.
# Keys: kebab-case, prefixed with the screen (`devices-`, `device-`,
# `enroll-`, `sign-in-`, `shell-`, …); placeholders: `{ $org }` etc.

## Shell: header, navigation, banners and footer of every page

shell-skip-to-main = Skip to main content
# Read by screen readers before the person's name in the header.
shell-signed-in-as = Signed in as
shell-sign-out = Sign out
shell-signing-out = Signing out…
shell-sign-out-failed = You're still signed in
shell-nav-label = Main
shell-nav-devices = My devices
shell-nav-enroll = Enroll
shell-nav-notifications = Notifications
shell-nav-help = Help
# $org is the organization's name, e.g. "What can Contoso see?"
shell-privacy-link = What can { $org } see?
shell-privacy-statement = Privacy statement
offline-title = You're offline.
unreachable-title = The portal isn't answering.
offline-explanation = You can look around, but actions are turned off until the connection is back. Nothing is sent later without you.
update-ready = A new version of the portal is ready.
update-reload = Reload
language-picker-label = Language
language-picker-failed = That language couldn't be loaded. Check your connection and try again.

## Validation: what a field needs (the sign-in form, Rename)

validation-email-empty = Enter your email address.
validation-email-malformed = Enter an email address like name@example.com.
validation-email-too-long = That email address is too long.
validation-password-empty = Enter your password.
validation-password-too-long = That password is too long.
validation-password-too-short = Choose a password of at least { $min } characters.
validation-device-name-empty = Enter a name for this device.
validation-device-name-too-long = Use at most { $max } characters.
validation-device-name-control-characters = Use letters, numbers, spaces and punctuation only.

## Sign in

sign-in-heading = Sign in
# $org is the organization's name.
sign-in-heading-organization = Sign in to { $org }
sign-in-checking = Checking whether you're signed in…
sign-in-opening = Signed in. Opening the portal…
sign-in-lead = Use your work email address and password.
sign-in-email-label = Email address
sign-in-password-label = Password
sign-in-submit = Sign in
sign-in-pending = Signing in…
sign-in-trouble-heading = Trouble signing in?
sign-in-trouble-loading = Loading your help desk's contact details…
sign-in-trouble-help-desk = Your help desk can reset your password or unlock your account.
sign-in-trouble-load-failed = We couldn't load your help desk's contact details
sign-in-trouble-it-department = Your IT department can reset your password or unlock your account.
sign-in-more-help = More help

## Shared pieces: error panel, form messages

error-panel-try-again = Try again
# Read by screen readers before a field's error message.
form-field-error-prefix = Error:

## Device words: compliance, rules, remote lock, enrollment types, ownership, OS (My devices and a device's page)

compliance-compliant = Can access company resources
compliance-in-grace-period = Out of compliance — can still access for now
compliance-not-compliant = Cannot access company resources
compliance-unknown = Not checked yet
# $time is an exact date and time, e.g. "14 Nov 2023, 22:13".
compliance-grace-until = Out of compliance — can still access until { $time }
# A failing compliance rule, as a short bold label before the organization's instruction.
rule-minimum-os-version = Software update needed
rule-passcode-required = Passcode needed
rule-recent-check-in = Hasn't checked in recently
remote-lock-pending = Remote lock pending
remote-lock-succeeded = Remote lock successful
remote-lock-failed = Remote lock failed
enrollment-type-device = Device enrollment
enrollment-type-user = User enrollment
enrollment-type-device-cannot-see = Your organization can't see your personal email, messages, photos, browsing history, location or call history.
enrollment-type-user-cannot-see = Your organization can't see your personal apps, email, messages, photos, browsing history, location, call history or this device's serial number.
enrollment-type-device-managed = Device enrollment: the whole device is managed
enrollment-type-user-managed = User enrollment: only work apps and data are managed
# Who owns the device.
ownership-personal = Personal
ownership-corporate = Corporate
# Apple's names for the operating systems; usually not translated.
os-name-ios = iOS
os-name-ipados = iPadOS
# A device fact's label; $os is the name of the operating system ("iOS" or "iPadOS").
os-version-label = { $os } version

## Errors of requests to the portal (shown wherever a request failed)

api-error-invalid-credentials = That email address and password don't match an account. Check them and try again.
api-error-too-many-attempts = Too many attempts to sign in. Wait a few minutes, then try again.
api-error-not-signed-in = Your session has ended. Sign in again.
api-error-forbidden = The portal didn't accept that request. Reload the page and try again.
api-error-not-found = That item doesn't exist or isn't yours.
api-error-internal = Something went wrong in the portal. Try again in a moment.
api-error-unknown = Something went wrong. Try again in a moment.
api-error-network = Can't reach the portal. Check your connection and try again.
api-error-unavailable = The portal isn't available right now. Try again in a few minutes.
api-error-unexpected-response = The portal sent an answer this page doesn't understand. Reload the page and try again.
