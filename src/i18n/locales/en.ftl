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
sign-in-oidc-lead = Use your work account, with your organization's usual sign-in.
sign-in-with-organization = Sign in with { $org }
sign-in-or-password = Or use an email address and password from this portal:
sign-in-oidc-error-cancelled = Sign-in was cancelled. To try again, choose Sign in below.
sign-in-oidc-error-provider-unavailable = Your organization's sign-in service didn't answer. Try again in a few minutes, or contact your help desk.
sign-in-oidc-error-email-not-verified = Your work account's email address isn't verified yet. Ask your help desk to verify it, then sign in again.
sign-in-oidc-error-email-missing = Your work account has no email address the portal can use. Ask your help desk to add one, then sign in again.
sign-in-oidc-error-invalid-response = The answer from your organization's sign-in service couldn't be trusted, so you weren't signed in. Try again; if it keeps happening, contact your help desk.
sign-in-oidc-error-expired = That sign-in took too long or was already used. Choose Sign in to start again.
sign-in-oidc-error-not-configured = Signing in with a work account isn't set up for this portal. Contact your help desk.
sign-in-oidc-error-unknown = You weren't signed in. Try again; if it keeps happening, contact your help desk.

## Shared pieces: error panel, form messages

error-panel-try-again = Try again
# A page whose code is downloaded when it is first opened (src/lazy_page.rs).
page-code-loading = Loading…
page-code-failed = This page couldn't be loaded
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
enrollment-type-user-fact = User enrollment — only work apps and data
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

## Why a device refused a command (when it gave no words of its own)

command-failure-no-reason = The device didn't say why.
command-failure-unreadable = The device couldn't read the request.

## Durations, in their largest whole unit ($count: how many)

duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}

## Errors of requests to the portal (shown wherever a request failed)

api-error-invalid-credentials = That email address and password don't match an account. Check them and try again.
api-error-too-many-attempts = Too many attempts to sign in. Wait a few minutes, then try again.
api-error-not-signed-in = Your session has ended. Sign in again.
api-error-forbidden = The portal didn't accept that request. Reload the page and try again.
api-error-not-found = That item doesn't exist or isn't yours.
api-error-internal = Something went wrong in the portal. Try again in a moment.
api-error-enrollment-not-set-up = Your organization hasn't finished setting up enrollment yet, so devices can't be enrolled right now. Contact your IT support.
api-error-enrollment-type-not-allowed = Your organization doesn't allow this way of enrolling for your account. Go back to Enroll this device to see the way it allows.
api-error-wrong-account = You're signed in with a different account than the one typed in Settings. Sign out, then sign in with the account you typed in Settings.
api-error-unknown = Something went wrong. Try again in a moment.
api-error-network = Can't reach the portal. Check your connection and try again.
api-error-unavailable = The portal isn't available right now. Try again in a few minutes.
api-error-unexpected-response = The portal sent an answer this page doesn't understand. Reload the page and try again.
api-error-unreadable-request = The portal couldn't read that request. Reload the page and try again.
api-error-method-not-allowed = The portal doesn't support that here. Reload the page and try again.
# $minutes: whole minutes until signing in may be tried again.
api-error-too-many-attempts-wait = { $minutes ->
    [one] Too many attempts to sign in. Wait { $minutes } minute, then try again.
   *[other] Too many attempts to sign in. Wait { $minutes } minutes, then try again.
}
api-error-local-accounts-off = Your organization signs in with work accounts only. Sign in with your work account instead.
api-error-portal-not-set-up = This portal hasn't been set up yet. Contact your IT support.
# $org: the organization's name.
api-error-enrollment-type-not-allowed-by = { $org } doesn't allow this way of enrolling for your account. Go back to Enroll this device to see the way it allows.
# $account: the account the person is signed in with.
api-error-wrong-account-signed-in-as = You're signed in as { $account }, not with the account you typed in Settings. Sign out, then sign in with the account you typed in Settings.
# $limit: how many enrolled devices one person may have; $org: the organization's name.
api-error-device-limit-reached = You already have as many enrolled devices as { $org } allows ({ $limit }). Remove a device you no longer use in My devices, then try again.
api-error-device-limit-reached-no-details = You already have as many enrolled devices as your organization allows. Remove a device you no longer use in My devices, then try again.
api-error-enrollment-already-finished = This enrollment is over, so it can't download a profile any more. Start again from Enroll this device.
api-error-remove-pending = This device is being removed, so it can't do that any more.
api-error-not-allowed-for-user-enrollment = This action isn't available for a device enrolled with user enrollment.
api-error-request-timeout = The request took too long to reach the portal. Check your connection and try again.
api-error-too-many-event-streams = Too many pages are following live updates in this browser. Close some portal tabs, then reload this page.
api-error-storage-unavailable = The portal can't reach its data right now, so nothing was changed. Try again in a minute.

## Notifications

notifications-heading = Notifications
notifications-loading = Loading your notifications…
notifications-load-failed = Your notifications couldn't be loaded
notifications-none = No notifications yet. When you lock, check or remove a device, what happened appears here.
# Shown in languages other than English; $name is the device's name.
notification-remote-lock-succeeded = Remote lock successful: { $name } is locked.
notification-remote-lock-failed = Remote lock of { $name } failed. Open the device to try again.
notification-check-status-finished = Check status done for { $name }. Open the device to see the result.
notification-check-status-timed-out = { $name } didn't answer Check status in time. Make sure it's on and connected to the internet, then try again.
notification-remove-finished = { $name } was removed. It's no longer managed by your organization.
notification-remove-timed-out = { $name } didn't answer in time, so it was removed from the portal. If it's still managed, remove the management profile on the device: Settings > General > VPN & Device Management.
# $reason: why the device refused (its own words, or that it gave none).
notification-remote-lock-failed-because = Remote lock of { $name } failed: { $reason }
notification-check-status-compliant = Check status done: { $name } meets your organization's requirements.
# $count: how many of the organization's rules the device fails; $rules: which ones, as a list.
notification-check-status-issues = { $count ->
    [one] Check status done: { $name } has { $count } issue to fix: { $rules }. Open it in My devices to see what to do.
   *[other] Check status done: { $name } has { $count } issues to fix: { $rules }. Open it in My devices to see what to do.
}
notification-check-status-failed = Check status of { $name } failed: { $reason }
notification-remove-failed = { $name } couldn't be removed: { $reason } Try again, or contact your IT help desk.
# $period: how long the portal waited, e.g. "7 days".
notification-remove-timed-out-after = { $name } didn't answer within { $period }, so it was removed from the portal. If it's still managed, remove the management profile on the device: Settings > General > VPN & Device Management.
taking-you-to-sign-in = Taking you to sign in…

## Page not found

not-found-heading = Page not found
not-found-explanation = There's no page at this address. Check it for typing mistakes, or go to one of these:
not-found-enroll = Enroll this device

## Enroll: the journey's frame (title, loading, offline, profile notices)

# The Enroll page's name in the document title ("Enroll · Contoso").
enroll-page-title = Enroll
enroll-heading = Enroll this device
enroll-checking = Checking this device…
enroll-to-sign-in = Taking you to sign in…
enroll-load-failed = We couldn't start enrolling
enroll-offline = You're offline, so the steps below are turned off. This page carries on when you're back online.
# Stands in for the organization's name (the $org of the Enroll messages)
# until it has loaded, e.g. "What can Your organization see?".
enroll-org-fallback = Your organization
# Problems with the profile, shown on the Download and Install screens.
# "Settings > General > VPN & Device Management" and "Download again" are
# what iOS and this page show: use the same words as they do.
enroll-notice-profile-replaced = The profile you installed was replaced by a newer download. Remove it in Settings > General > VPN & Device Management, then tap Download again.
enroll-notice-profile-already-used = That profile was installed already. Tap Download again to get a fresh one.
enroll-notice-profile-expired = That profile was installed too late. Tap Download again to get a fresh one.
enroll-notice-other = Something went wrong with the profile. Tap Download again to get a fresh one.
# Buttons and links on several Enroll screens.
enroll-continue = Continue
enroll-again-button = Enroll again
enroll-download-again-button = Download again
# A link to the My devices page.
enroll-go-to-my-devices = Go to My devices
enroll-not-set-up-heading = Enrollment isn't available yet
enroll-not-set-up-lead = { $org } hasn't finished setting up enrollment, so no device can be enrolled right now. This isn't a problem with your device.
enroll-not-set-up-contact = Contact { $org }'s IT support and tell them enrollment isn't set up yet:
enroll-not-set-up-contact-it = Contact { $org }'s IT support and tell them enrollment isn't set up yet. Once they've finished, come back to this page.
enroll-contact-help-desk = Contact your help desk
enroll-what-happens-next = What happens next

## Enroll: who owns this device

enroll-ownership-heading = Who owns this device?
enroll-ownership-lead = This decides what your organization can see and do on it.
enroll-ownership-personal = I own this device
enroll-ownership-personal-hint = You bought it, or it's yours to keep.
# $org: the organization's name.
enroll-ownership-corporate = { $org } owns this device
# $org: the organization's name.
enroll-ownership-corporate-hint = { $org } gave it to you for work.
enroll-ownership-choose-one = Choose who owns this device.
enroll-secure-heading = What do you want to secure?
enroll-secure-lead = Your device stays yours either way. This decides how much of it { $org } manages.
enroll-secure-entire-device = The entire device
enroll-secure-entire-device-hint = { $org } manages the whole device and its settings, but still can't see your personal email, messages or photos.
enroll-secure-work-only = Only work apps and data
enroll-secure-work-only-hint = Work apps and their data are kept apart from yours; { $org } manages only those and can never see or erase anything else.
enroll-secure-choose-one = Choose what you want to secure.
enroll-work-account-heading = Sign in to your work account in Settings
enroll-work-account-lead = There's nothing to download: you sign in to your work account in Settings, and { $org } then manages only work apps and data, kept apart from yours.
enroll-work-account-steps-heading = On your iPhone or iPad
enroll-work-account-step-settings = Open Settings, then tap General.
enroll-work-account-step-vpn = Tap VPN & Device Management.
enroll-work-account-step-sign-in = Tap Sign In to Work or School Account.
enroll-work-account-step-account = Type your work account: { $account }
enroll-work-account-step-account-unknown = Type your work email address.
enroll-work-account-step-finish = Sign in when { $org } asks, then follow the steps in Settings.
enroll-work-account-copy = Copy account name
enroll-work-account-copied = Account name copied. Paste it in Settings.
enroll-work-account-copy-by-hand = Copy this account name, then paste it in Settings:
enroll-work-account-field-label = Your work account
enroll-work-account-os = You need iOS 15 or iPadOS 15, or later.
enroll-work-account-waiting = When your device is enrolled, this page says so by itself.
# The Settings walkthrough's alternative where the organization offers legacy user enrollment (iOS 15 to 17).
enroll-work-account-legacy-heading = Or download a profile
enroll-work-account-legacy-text = Your device can also get only work apps and data by downloading a profile and installing it in Settings. Signing in to your work account in Settings is the way Apple recommends.
enroll-work-account-legacy-button = Download a profile instead

## Enroll: device limit reached

enroll-limit-heading = You've reached your device limit
# $org: the organization's name; $limit: how many devices a person may enroll.
enroll-limit-lead = { $limit ->
    [one] { $org } lets you enroll 1 device, and you have one already.
   *[other] { $org } lets you enroll up to { $limit } devices, and you have { $limit } already.
}
# "My devices" is the name of the page listing the person's devices.
enroll-limit-what-to-do = Remove a device you no longer use in My devices, then come back to this page.

## Enroll: device not allowed

# $device: "iPhone" or "iPad".
enroll-device-not-allowed-heading = This { $device } can't be enrolled
# $org: the organization's name; $device: "iPhone" or "iPad".
enroll-device-not-allowed-lead = { $org } doesn't allow enrolling an { $device }. If you have another device for work, open this page on it. Questions? Ask your help desk.

## Enroll: download the profile

enroll-download-heading = Download the management profile
enroll-download-lead = The profile lets your organization set up work apps, email and Wi-Fi on this device.
enroll-download-button = Download profile
enroll-download-preparing = Getting your profile ready…
enroll-download-failed = We couldn't get your profile ready
# The steps after the button; "Download profile" is enroll-download-button.
enroll-download-step-tap = Tap Download profile.
# Safari's prompt and buttons: use the words Safari shows in your language.
enroll-download-step-allow = Safari asks: “This website is trying to download a configuration profile. Do you want to allow this?” Tap Allow.
enroll-download-step-close = Safari says “Profile Downloaded”. Tap Close. This page then shows how to install it.

## Enroll: enrolled

enroll-enrolled-heading = You're all set
# $device: "iPhone" or "iPad"; $org: the organization's name.
enroll-enrolled-lead = This { $device } is now enrolled with { $org }.
enroll-enrolled-wait = Wait a few minutes before you sign in to work apps: your device is still getting its settings.
enroll-enrolled-first-app = Then open a work app, such as your work email, and sign in. Start with that, not with a security app.
enroll-enrolled-apps-arrive = Apps your organization installs appear on your Home Screen over the next few minutes.

## Enroll: the profile expired

enroll-expired-heading = We can't find the management profile
# $minutes: how long iOS keeps a downloaded profile that is not installed.
enroll-expired-why = { $minutes ->
    [one] iOS removes a downloaded profile that isn't installed within { $minutes } minute, so it's no longer in Settings.
   *[other] iOS removes a downloaded profile that isn't installed within { $minutes } minutes, so it's no longer in Settings.
}
enroll-expired-what-to-do = Enroll again to download a new one. You won't have to answer the questions again. Then install it in Settings right away.

## Enroll: install the profile in Settings

enroll-install-heading = Install the profile in Settings
enroll-install-lead = The profile is on your device. Install it in the Settings app before the time runs out.
enroll-install-installing = Your device has started installing the profile. Finish the steps in Settings; this page updates by itself.
enroll-install-steps-heading = How to install it
# The steps name what the Settings app shows: use the words iOS shows in your language.
enroll-install-step-settings = Open the Settings app.
enroll-install-step-profile = Tap Profile Downloaded, near the top.
enroll-install-step-profile-elsewhere = Don't see it? Go to General > VPN & Device Management and tap the profile.
# $device: "iPhone" or "iPad".
enroll-install-step-install = Tap Install, then enter your { $device } passcode.
enroll-install-step-confirm = Tap Install again to confirm, then Trust.
enroll-install-step-done = Tap Done and come back to Safari. This page updates by itself.
# Drawings, next to the steps, of the row or button to tap in Settings:
# the labels iOS shows in your language.
enroll-install-shows-settings = Settings
enroll-install-shows-profile = Profile Downloaded
enroll-install-shows-install = Install
enroll-install-shows-trust = Trust
enroll-install-again-heading = Tapped Ignore, or can't find the profile?
enroll-install-again = Download it again. The new download replaces the old one.

## Enroll: not an iPhone or iPad

enroll-not-apple-heading = Open this page on your iPhone or iPad
enroll-not-apple-lead = Open this page on the iPhone or iPad you want to enroll. Point its camera at this code, or type the link into Safari.
# What a screen reader says for the QR code picture.
enroll-not-apple-qr-label = QR code of the link to this page
# Followed by the link itself.
enroll-not-apple-link-label = The link:
enroll-not-apple-only-apple = Only iPhones and iPads can be enrolled here.

## Signed-in pages: the sign-in check

require-sign-in-checking = Checking that you're signed in…
require-sign-in-failed = We couldn't check that you're signed in

## Help desk contact details

support-phone = Phone:
support-email = Email:
support-website = Website:

## Help

help-heading = Help
help-load-failed = Your help desk's contact details couldn't be loaded
help-desk-heading = Contact your help desk
# $org is the organization's name.
help-desk-contact = For trouble signing in, enrolling a device or using work apps, contact { $org }'s help desk:
help-desk-missing = { $org } hasn't added help desk details to the portal yet. Ask your IT department for help.
help-privacy-heading = Privacy
help-privacy-statement = Read { $org }'s privacy statement

## My devices

devices-heading = My devices
devices-loading = Loading your devices…
devices-load-failed = Your devices couldn't be loaded

## Device list (the device cards of My devices, and its empty state)

devices-list-count = { $count ->
    [one] { $count } device
   *[other] { $count } devices
}
# The badge on the device the portal is open on.
devices-list-this-device = This device
devices-list-model = Model
# The OS version when the device has not reported it.
devices-list-os-not-reported = Not reported yet
devices-list-ownership = Ownership
devices-list-enrollment = Enrollment
devices-list-compliance = Compliance
devices-list-last-check-in = Last check-in
# The last check-in when the device has never checked in.
devices-list-not-checked-in = Not yet
devices-list-empty-heading = No devices yet
devices-list-empty-text = Enroll the iPhone or iPad you're holding to get your work apps and email on it. Do it in Safari on that device; it takes a few minutes.
devices-list-enroll = Enroll this device

## Dialogs (shared by every dialog that asks to confirm)

dialog-cancel = Cancel

## Rename (the dialog of a device's page)

rename-title = Rename device
rename-explain = This changes the name shown in the portal only. The device keeps its own name.
rename-name-label = Name in the portal
rename-save = Save
rename-saving = Saving…
rename-cancel = Cancel

## Device (a device's page: what the organization sees, compliance, Rename, Check status, Remote lock, Remove)

# The page's title and heading until the device's name is known.
device-page-title = Device
device-loading = Loading this device…
device-to-sign-in = Taking you to sign in…
device-load-failed = This device couldn't be loaded
device-not-found-heading = This device isn't in your portal
device-not-found-text = It may have been removed, or it belongs to someone else. Your devices are in My devices.
device-back = Back to My devices
# The device was removed while its page was open: a bold title, then one of the three explanations below.
device-removed = Removed
device-removed-acknowledged = The device confirmed it: work apps, work data and the settings your organization installed are gone from it. Personal data stays.
device-removed-acknowledged-user = The device confirmed it: the work volume is erased, with the work apps, work data and work account on it. Personal data stays.
device-removed-gave-up = The device didn't answer in time, so the portal removed it without hearing from the device. Work apps and data leave it the next time it connects.
device-removed-elsewhere = This device was removed from the portal.
# The badge on the device the portal is open on.
device-this-device = This device
# A notice after Rename; $name is the new name.
device-renamed = Name changed to “{ $name }”.
device-compliance-heading = Access to company resources
# Heading of the list of failing compliance rules.
device-compliance-fix = To fix
# One failing rule. $rule is its short label, shown in bold (e.g. "Passcode needed"); $instruction is what to do, in the organization's words.
device-compliance-issue = { $rule }: { $instruction }
# $time is how long ago the device was checked, e.g. "5 minutes ago".
device-compliance-checked = Checked { $time }
device-check-status = Check status
device-checking = Checking…
device-check-timed-out = The device didn't answer. Make sure it's on and connected, then try again.
# $reason is why, in the device's or the portal's words (it may be empty).
device-check-failed = Check status failed: { $reason }
# $compliance is the device's state now, e.g. "Can access company resources".
device-check-done = Status checked: { $compliance }
device-actions-heading = Actions
device-rename = Rename
device-remote-lock = Remote lock
device-remove = Remove
device-no-actions = There's nothing you can do with this device right now.
device-lock-title = Lock this device?
device-lock-text = The device locks at once. Its passcode unlocks it.
device-lock-confirm = Lock
device-lock-pending = Locking…
device-lock-pending-hint = The device locks the next time it connects.
device-lock-refused = The device refused the lock.
device-lock-no-answer = The device didn't answer in time.
device-lock-try-again = Try again
device-remove-title = Remove this device?
device-remove-what = Work apps, work data and the settings your organization installed leave the device. Your personal apps, photos and data stay.
device-remove-what-user = The work volume is erased from the device, and with it the work apps, work data and work account. Your personal apps, photos and data stay.
device-remove-undo = This can't be undone. You can enroll the device again later.
device-remove-this-device = You're using this device now. After removing it you'll lose access to work apps here.
device-remove-confirm = Remove device
device-removing = Removing…
# $time is an exact date and time, e.g. "14 Nov 2023, 22:13".
device-removing-hint = Waiting for the device to confirm. If it doesn't answer by { $time }, the portal removes it anyway.
# $reason is why, in the device's or the portal's words (it may be empty).
device-remove-failed = Remove failed: { $reason }
device-facts-heading = What your organization can see
# $org is the organization's name.
device-facts-heading-org = What { $org } can see
# A bold label before the list of what the organization cannot see.
device-cannot-see-label = What your organization can't see:
# $org is the organization's name; a bold label before the list of what it cannot see.
device-cannot-see-label-org = What { $org } can't see:
device-fact-model = Model
device-fact-model-code = Model identifier
# The OS version when the device has not reported it.
device-fact-os-not-reported = Not reported yet
device-fact-serial-number = Serial number
device-fact-enrollment = Enrollment
device-fact-ownership = Ownership
device-fact-enrolled = Enrolled
device-fact-last-check-in = Last check-in
# The last check-in when the device has never checked in.
device-fact-not-checked-in = Not yet
device-reach-not-connecting-title = This device hasn't connected to the portal
device-reach-not-connecting-since = Last connected:
device-reach-not-connecting-never = It hasn't connected since it was enrolled.
device-reach-not-connecting-what-to-do = Open your device and connect it to the internet (Wi-Fi or mobile data). It connects by itself once it's on and online.
device-reach-not-connecting-pending = What you asked for stays pending and happens when the device connects.
device-reach-push-failing-title = The portal can't reach devices right now
device-reach-push-failing-text = This is a problem on your organization's side, not with your device. The portal keeps trying.
device-reach-push-failing-what-to-do = What you asked for stays pending. If it takes more than a few hours, contact your IT support.
device-reach-unregistered-title = This device no longer responds to your organization
device-reach-unregistered-text = It was probably erased, or its management profile was removed in Settings on the device.
device-reach-unregistered-what-to-do = If you still use it for work, enroll it again. If you don't, remove it from this list with Remove below.
device-reach-enroll-again = Enroll a device

## Privacy: what the organization can and can never see (enrollment step and the privacy page)

# $org is the organization's name.
privacy-can-see-title = { $org } can see
privacy-never-see-title = { $org } can never see
privacy-message-title = A word from { $org }
privacy-see-model-and-name = Device model and name
privacy-see-serial-number = Serial number
privacy-see-os-version = iOS or iPadOS version
privacy-see-work-apps = The work apps it installs, and their versions
privacy-see-owned-by-you = That you own this device
privacy-see-phone-number = Phone number
privacy-see-all-apps = All apps installed on the device, and their versions
privacy-see-owned-by-organization = That your organization owns this device
privacy-see-security-settings = Whether security settings, like a passcode, are on
privacy-never-personal-email = Your personal email, calendar and contacts
privacy-never-messages = Your messages
privacy-never-photos = Your photos and files
privacy-never-browsing-history = Your browsing history
privacy-never-location = Where your device is (its location)
privacy-never-calls = Your phone calls and call history
privacy-never-personal-apps = Your personal apps
privacy-see-work-account = The work account you signed in with
privacy-see-passcode-compliant = Whether your passcode meets its rules (not the passcode itself)
privacy-never-device-identifiers = Your device's serial number, phone number and other identifiers
privacy-never-erase-device = Anything outside the work apps and their data, and it can never erase your device

## Privacy page (/privacy)

privacy-page-heading-generic = What can your organization see?
privacy-page-loading = Loading…
privacy-page-load-failed = This page couldn't be loaded
# $org is the organization's name.
privacy-page-lead = When you enroll a device, { $org } manages it. What it can see depends on who owns the device.
privacy-page-personal-heading = A device you own (personal)
privacy-page-personal-lead = On your own device, your organization manages only work apps and settings.
privacy-page-user-enrollment-heading = A device you own, with only work apps and data (user enrollment)
privacy-page-user-enrollment-lead = With user enrollment, your device keeps work apps and data on a separate work volume. Your organization manages only that volume: it can't see the rest of your device, and it can never erase it.
# $org is the organization's name.
privacy-page-corporate-heading = A device { $org } owns (corporate)
privacy-page-corporate-lead = On a device it owns, your organization manages the whole device.

## Enroll: what the organization can see (privacy)

# $org: the organization's name.
enroll-privacy-heading = What can { $org } see?
# $ownership: who owns the device, "personal" or "corporate".
enroll-privacy-lead = { $ownership ->
    [personal] Enrolling lets your organization manage work apps and settings on your own device. Here is what that means for your privacy.
   *[corporate] Enrolling lets your organization manage this device it owns. Here is what that means for your privacy.
}
# Legacy user enrollment: only work apps and data, by a downloaded profile.
enroll-privacy-lead-user-enrollment = Enrolling this way lets your organization manage only work apps and data, kept apart from yours. Here is what that means for your privacy.
# $account: the work account (Managed Apple Account) Settings asks for.
enroll-privacy-legacy-account = While you install the profile, Settings asks you to sign in with your work account: { $account }
enroll-privacy-statement-link = Read the privacy statement
# The Continue button while the enrollment starts.
enroll-privacy-starting = Starting…
enroll-privacy-back = Back

## Enroll: update iOS or iPadOS

# $os: "iOS" or "iPadOS". Also heads the screen shown when the device was refused for its version.
enroll-update-os-heading-too-old = Update { $os } first
# $os: "iOS" or "iPadOS". Also heads the screen shown when the device was refused for its version.
enroll-update-os-heading-too-new = This { $os } version can't be enrolled yet
# $device: "iPhone" or "iPad"; $os: "iOS" or "iPadOS"; $current: the version
# on this device, e.g. 16.6; $org: the organization's name; $minimum: the
# oldest version it allows, e.g. 17.0.
enroll-update-os-too-old-lead = This { $device } has { $os } { $current }. { $org } needs { $os } { $minimum } or later.
# $device: "iPhone" or "iPad"; $os: "iOS" or "iPadOS"; $current: the version
# on this device, e.g. 18.1; $org: the organization's name; $maximum: the
# newest version it allows, e.g. 17.5.
enroll-update-os-too-new-lead = This { $device } has { $os } { $current }, and { $org } allows up to { $os } { $maximum } for now. Ask your help desk when newer versions will be allowed.
# The steps name what the Settings app shows: use the words iOS shows in your language.
enroll-update-os-steps-heading = How to update
enroll-update-os-step-settings = Open Settings, then General > Software Update.
enroll-update-os-step-install = Tap Update Now (or Install Now) and wait for the device to restart.
enroll-update-os-step-back = Open this page in Safari again to enroll.
# Followed by the link enroll-update-os-check-again.
enroll-update-os-updated-already = Updated already?
enroll-update-os-check-again = Check again
# A link to the Help page.
enroll-update-os-help = Help

## Enroll: the device was refused at check-in

enroll-rejected-heading-profile = That profile can't be used
# $device: "iPhone" or "iPad".
enroll-rejected-heading-other = Your { $device } couldn't be enrolled
# $org: the organization's name; $os: "iOS" or "iPadOS".
enroll-rejected-os-too-old = { $org } needs a newer { $os } version than this device has.
# $org: the organization's name; $os: "iOS" or "iPadOS".
enroll-rejected-os-too-new = { $org } doesn't allow this { $os } version yet. Ask your help desk when it will.
# $org: the organization's name.
enroll-rejected-device-not-allowed = { $org } doesn't allow enrolling this kind of device.
# "My devices" is the name of the page listing the person's devices.
enroll-rejected-device-limit-reached = You have as many devices as you're allowed. Remove one you no longer use in My devices, then enroll again.
enroll-rejected-profile-already-used = That profile was installed already. Download a fresh one.
enroll-rejected-profile-replaced = A newer download replaced that profile. Remove the old one in Settings > General > VPN & Device Management, then download a fresh one.
enroll-rejected-profile-expired = That profile was installed too late. Download a fresh one and install it right away.
enroll-rejected-other = Something stopped the enrollment. Try again, or ask your help desk.
# $details: the server's own explanation of the problem (not translated).
enroll-rejected-details = Details: { $details }
# $version: what the device runs; $minimum: the lowest version the organization allows.
enroll-rejected-details-os-too-old = This device runs { $os } { $version }; { $org } needs { $minimum } or later.
# $maximum: the highest version the organization allows.
enroll-rejected-details-os-too-new = This device runs { $os } { $version }; { $org } allows up to { $maximum }.
# $limit: how many enrolled devices one person may have.
enroll-rejected-details-device-limit = { $limit ->
    [one] { $org } allows { $limit } enrolled device per person.
   *[other] { $org } allows { $limit } enrolled devices per person.
}
# $minutes: how long a downloaded profile may wait to be installed.
enroll-rejected-details-profile-expired = { $minutes ->
    [one] A profile has to be installed within { $minutes } minute of downloading it.
   *[other] A profile has to be installed within { $minutes } minutes of downloading it.
}
enroll-rejected-device-not-identified = Your device didn't say which { $os } version it runs or which model it is, so { $org } can't check it against its rules. Ask your help desk.

## Enroll: open this page in Safari (wrong browser)

enroll-wrong-browser-heading = Open this page in Safari
enroll-wrong-browser-web-clip = You opened the portal from your Home Screen. Only Safari itself can pass the management profile on to Settings, so the download has to happen in Safari.
# $browser: the app's name, e.g. Outlook or Microsoft Teams.
enroll-wrong-browser-in-app = You're in { $browser }'s own browser. Only Safari can pass the management profile on to Settings, so enrolling has to happen there.
# In an app whose name we do not know.
enroll-wrong-browser-in-unknown-app = You're in this app's own browser. Only Safari can pass the management profile on to Settings, so enrolling has to happen there.
# $browser: the browser's name, e.g. Chrome or Firefox.
enroll-wrong-browser-other = Only Safari can pass the management profile on to Settings: { $browser } keeps it to itself, and it never installs.
# In a browser whose name we do not know.
enroll-wrong-browser-unknown = Only Safari can pass the management profile on to Settings: this browser keeps it to itself, and it never installs.
enroll-wrong-browser-open-in-safari = Open in Safari
enroll-wrong-browser-or-copy = Or copy the link, open Safari, and paste it in the address bar.
enroll-wrong-browser-steps-heading = How to move to Safari
# "Copy link" is the button's label (copy-link-button).
enroll-wrong-browser-step-copy = Tap Copy link.
# $device: "iPhone" or "iPad".
enroll-wrong-browser-step-open = Open Safari (the blue compass on your { $device }'s Home Screen).
# "Paste and Go" is what Safari's menu shows: use the words it shows in your language.
enroll-wrong-browser-step-paste = Tap the address bar, tap Paste and Go.
enroll-wrong-browser-after = Sign in again in Safari. You'll carry on from this step: anything you've done so far is saved.

## Copy link (a button that puts a link on the clipboard)

copy-link-button = Copy link
copy-link-copied = Link copied. Now open Safari and paste it in the address bar.
# When the browser does not allow copying: the link is shown below, selected.
copy-link-by-hand = Copy this link, then paste it in Safari's address bar:
# Screen-reader label of the field that shows the link.
copy-link-field-label = Link to this page

## Countdown (the time left to install the profile)

# Shown under the Install heading; $time: the minutes and seconds left, e.g. 07:59, ticking.
countdown-time-left = { $time } left to install
# Said by screen readers at 5, 2 and 1 minutes; $minutes: whole minutes left.
countdown-spoken-minutes = { $minutes ->
    [one] { $minutes } minute left to install the profile.
   *[other] { $minutes } minutes left to install the profile.
}
# Said by screen readers at 30 seconds; $seconds: seconds left.
countdown-spoken-seconds = { $seconds ->
    [one] { $seconds } second left to install the profile.
   *[other] { $seconds } seconds left to install the profile.
}
countdown-spoken-times-up = Time's up: the profile can no longer be installed.

## Device details: while offline

device-actions-offline = You're offline, so these actions are turned off. They come back when the connection does.

## Enroll: download from a home-screen web clip (handed to Safari)

enroll-hand-off-lead = You opened the portal from your Home Screen. From here, a download can't reach Settings, so download the profile in Safari, then come back here.
enroll-hand-off-or-copy = Or copy the link and paste it into Safari's address bar:
enroll-hand-off-step-safari = In Safari, sign in and tap Download profile. Safari keeps its own sign-in, apart from the Home Screen.
enroll-hand-off-step-return = Come back to the portal on your Home Screen. It notices the download and shows you how to install the profile.

## Enroll: the portal on the Home Screen (after enrolling)

enroll-home-screen-heading = Keep the portal on your Home Screen
# $org is the organization's name.
enroll-home-screen-managed = { $org } adds the portal to your Home Screen for you in a moment. Open it from there to look after this device.
enroll-home-screen-lead = Open the portal like an app, right from your Home Screen:
enroll-home-screen-step-share = In Safari, tap the Share button.
enroll-home-screen-step-add = Scroll down and tap Add to Home Screen.
enroll-home-screen-step-confirm = Tap Add.

account-enrollment-page-title = Sign in to your work account
account-enrollment-heading-generic = Sign in to your work account
account-enrollment-loading = Loading…
account-enrollment-load-failed = This page couldn't be loaded
account-enrollment-heading = Enroll with { $org }
account-enrollment-lead-user = { $org } will manage only work apps and data on this device, kept apart from yours.
account-enrollment-lead-device = { $org } will manage this entire device and its settings.
account-enrollment-account = Account:
account-enrollment-continuing = Continuing…
account-enrollment-not-allowed-heading = This account can't enroll from Settings
account-enrollment-not-allowed = { $org } doesn't let your account enroll a device from Settings.
account-enrollment-not-allowed-next = Close this sheet, then open the Company Portal in Safari and go to Enroll this device to see how you can enroll.
account-enrollment-wrong-account-heading = This is someone else's account
account-enrollment-wrong-account = The account typed in Settings, { $typed }, belongs to someone else: you're signed in to { $org } as { $signed_in }. Sign out, then sign in with { $typed }.
account-enrollment-sign-out-and-in = Sign out and sign in with that account
