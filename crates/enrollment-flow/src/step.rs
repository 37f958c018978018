//! The enrollment journey as a state machine: which screen the person sees
//! ([`Step`]) and what moves them on ([`Event`]).
//!
//! Pure (no `web-sys`), so every transition is tested natively. The pages
//! under `pages/enroll/` render a [`Step`], run its side effects (requests,
//! server-sent events, the countdown) and feed what happened back in as an
//! [`Event`] through [`Step::next`].
//!
//! The server is the source of truth for everything after the choices: a
//! step that belongs to an enrollment (Download, Install, Expired, Rejected,
//! Enrolled) is only ever reached from an [`Enrollment`] the server sent,
//! or from a step that already holds that enrollment's id.
//!
//! The journey:
//!
//! ```text
//! CheckDevice ─Detected→ NotSetUp | WrongBrowser | NotAppleMobile | DeviceNotAllowed
//!                      | UpdateOs | DeviceLimitReached
//!                      | ChooseOwnership ─OwnershipChosen→ Privacy
//!                      | Privacy ─(POST /api/enrollments)→ EnrollmentUpdated(Created)
//!                      | SignInToWorkAccount (account-driven user enrollment)
//! ChooseOwnership ─OwnershipChosen(Personal), user choice→ ChooseEnrollmentType
//! ChooseEnrollmentType ─EnrollmentTypeChosen→ Privacy (the entire device)
//!                                            | SignInToWorkAccount (only work apps and data)
//!                                            | Privacy (only work apps and data by a
//!                                              download: legacy user enrollment, iOS 13.1–14)
//! SignInToWorkAccount ─(the user enrollment enrolled)→ Enrolled
//! SignInToWorkAccount ─LegacyUserEnrollmentChosen (iOS 15–17)→ Privacy (user enrollment)
//! Download ─(link issued, profile downloaded)→ Install ─(TokenUpdate)→ Enrolled
//! Install ─InstallWindowElapsed / Expired→ Expired ─EnrollAgain→ Download
//! Rejected ─EnrollAgain→ Download;  Replaced → CheckDevice (start over)
//! Privacy | Download ─NotSetUp (the server has no push certificate)→ NotSetUp
//! ```

use portal_api::{
    supports_account_driven_user_enrollment, supports_legacy_user_enrollment, DeviceId, DeviceKind,
    Enrollment, EnrollmentId, EnrollmentProblem, EnrollmentProblemCode, EnrollmentProfileType,
    EnrollmentRules, EnrollmentState, EnrollmentType, OsVersion, Ownership, ProfileDownload,
    RefusalDetails,
};

use crate::platform::{Browser, Device, Platform};

/// How long iOS keeps a downloaded profile, when the server did not say
/// (it always should): 8 minutes on real devices.
pub const DEFAULT_INSTALL_WINDOW_SECONDS: i64 = 8 * 60;

/// One screen of the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Loading the rules and any enrollment to resume; nothing decided yet.
    CheckDevice,
    /// The organization has not finished setting up enrollment (no MDM
    /// push certificate): nobody can enroll yet; ask IT support.
    NotSetUp,
    /// An iPhone or iPad, but not Safari itself: another browser, an app's
    /// own browser, or a home-screen web clip. Only Safari hands a profile
    /// to Settings.
    WrongBrowser {
        device: DeviceKind,
        /// An app's own browser (Outlook, Teams, Instagram…) or an unnamed
        /// web view.
        in_app: bool,
        /// Launched from a home-screen web clip.
        web_clip: bool,
        /// An `x-safari-https://` link can be offered (iOS 17 or later).
        can_open_in_safari: bool,
        /// The browser's or app's name, e.g. "Chrome" or "Outlook", if we
        /// know it.
        browser_name: Option<&'static str>,
    },
    /// Not an iPhone or iPad (a computer, an Android phone…).
    NotAppleMobile,
    /// The organization does not allow this kind of device.
    DeviceNotAllowed { device: DeviceKind },
    /// The user agent's OS version is outside the organization's range.
    UpdateOs {
        device: DeviceKind,
        minimum: Option<OsVersion>,
        maximum: Option<OsVersion>,
        current: OsVersion,
    },
    /// The person already has as many devices as allowed.
    DeviceLimitReached { limit: u32 },
    /// "Who owns this device?" (only when the organization lets the
    /// person choose). `user_choice`: the person's enrollment profile lets
    /// them choose user enrollment, so "I own this device" asks
    /// [`Step::ChooseEnrollmentType`] next.
    ChooseOwnership { user_choice: Option<UserChoice> },
    /// "What do you want to secure?": the entire device (web device
    /// enrollment) or only work apps and data (user enrollment: account-
    /// driven, or by a download where the organization offers legacy user
    /// enrollment, see [`UserEnrollmentOffer`]). Back goes to `back_to`.
    ChooseEnrollmentType {
        user_choice: UserChoice,
        back_to: Option<Box<Step>>,
    },
    /// What the organization can and can never see; Continue starts the
    /// enrollment: device enrollment, or legacy user enrollment (only work
    /// apps and data by a downloaded profile). `back_to`: the question
    /// answered on the previous screen, where Back goes.
    Privacy {
        ownership: Ownership,
        enrollment_type: EnrollmentType,
        back_to: Option<Box<Step>>,
    },
    /// "Only work apps and data": nothing to download; the person signs in
    /// to their work account in Settings › General › VPN & Device
    /// Management with `managed_apple_account` (unknown: their work email).
    /// `legacy_user_enrollment`: the screen also offers downloading a
    /// profile instead (iOS 15 to 17, where the organization turned legacy
    /// user enrollment on).
    SignInToWorkAccount {
        managed_apple_account: Option<String>,
        legacy_user_enrollment: bool,
        back_to: Option<Box<Step>>,
    },
    /// Downloading the profile. `link` is `None` until
    /// `POST /api/enrollments/{id}/profile` answers.
    Download {
        enrollment: EnrollmentId,
        link: Option<IssuedLink>,
        notice: Option<EnrollmentProblem>,
    },
    /// Downloaded; the person installs it in Settings before `deadline`
    /// (server clock, seconds since the epoch).
    Install {
        enrollment: EnrollmentId,
        deadline: i64,
        /// The device has started checking in (`Authenticated`).
        installing: bool,
        /// A refused check-in while this enrollment goes on (an old or used
        /// profile was installed).
        notice: Option<EnrollmentProblem>,
    },
    /// iOS deleted the downloaded profile: the install window passed.
    Expired { enrollment: EnrollmentId },
    /// The device checked in and the organization's rules refused it.
    Rejected {
        enrollment: EnrollmentId,
        problem: EnrollmentProblem,
    },
    /// Done: the device is managed.
    Enrolled { device_id: Option<DeviceId> },
}

/// What the "What do you want to secure?" question needs: the account
/// "only work apps and data" signs in with, and how that can go on this
/// device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChoice {
    pub managed_apple_account: Option<String>,
    pub offer: UserEnrollmentOffer,
}

/// How "only work apps and data" can go on the device the page is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserEnrollmentOffer {
    /// Account-driven user enrollment: the Settings walkthrough.
    AccountDriven,
    /// Both ways (iOS 15 to 17, legacy user enrollment on): the Settings
    /// walkthrough first, because account-driven enrollment is what Apple
    /// recommends (it deprecated the profile-based way in iOS 17 and removed
    /// it in 18); the walkthrough offers the download as the alternative.
    AccountDrivenOrLegacy,
    /// Legacy user enrollment only (iOS 13.1 to 14, legacy user enrollment
    /// on): a downloaded profile, through the download steps.
    Legacy,
}

impl UserEnrollmentOffer {
    /// What the organization's setting and the browser's iOS version allow.
    /// An unknown version (a desktop-class iPad) gets the walkthrough: a
    /// profile iOS 18 would refuse is not offered on a guess.
    pub fn for_device(os_version: Option<&OsVersion>, rules: &EnrollmentRules) -> Self {
        let legacy =
            rules.legacy_user_enrollment && os_version.is_some_and(supports_legacy_user_enrollment);
        let account_driven = os_version.is_none_or(supports_account_driven_user_enrollment);
        match (legacy, account_driven) {
            (true, true) => Self::AccountDrivenOrLegacy,
            (true, false) => Self::Legacy,
            (false, _) => Self::AccountDriven,
        }
    }
}

/// A single-use profile download link, and how many of the enrollment's
/// profiles had been downloaded when it was issued: news of no more
/// downloads than that is news of an older link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLink {
    pub url: String,
    pub downloads_before: u32,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The page read the device and loaded the organization's rules.
    Detected {
        platform: Platform,
        rules: EnrollmentRules,
    },
    /// `GET /api/enrollments/current` found an enrollment to pick up.
    /// `started_here`: its id is the hint this browser keeps in local
    /// storage.
    Resumed {
        enrollment: Enrollment,
        started_here: bool,
    },
    OwnershipChosen(Ownership),
    /// "The entire device" (device enrollment) or "only work apps and
    /// data" (user enrollment).
    EnrollmentTypeChosen(EnrollmentType),
    /// **Download a profile instead** on the Settings walkthrough: legacy
    /// user enrollment.
    LegacyUserEnrollmentChosen,
    /// Back from a screen to the question answered before it.
    Back,
    /// The server's word on the enrollment: an answer, or a server-sent event.
    EnrollmentUpdated(Enrollment),
    /// `POST /api/enrollments/{id}/profile` answered with a fresh link.
    LinkIssued(ProfileDownload),
    /// **Download again**: a fresh link for the same enrollment.
    DownloadAgain,
    /// The countdown reached zero (the server says `Expired` soon after).
    InstallWindowElapsed,
    /// **Enroll again** after Expired or Rejected: same enrollment, same
    /// choices, a new download.
    EnrollAgain,
    /// A request answered `EnrollmentNotSetUp`.
    NotSetUp,
}

impl Step {
    /// The step after `event`. Events that do not apply to this step leave
    /// it as it is.
    pub fn next(self, event: Event) -> Step {
        match event {
            Event::Detected { platform, rules } => match self {
                Step::CheckDevice => detect(&platform, &rules),
                other => other,
            },
            Event::Resumed {
                enrollment,
                started_here,
            } => self.resume(enrollment, started_here),
            Event::OwnershipChosen(ownership) => match self {
                Step::ChooseOwnership {
                    user_choice: Some(user_choice),
                } if ownership == Ownership::Personal => Step::ChooseEnrollmentType {
                    back_to: Some(Box::new(Step::ChooseOwnership {
                        user_choice: Some(user_choice.clone()),
                    })),
                    user_choice,
                },
                question @ Step::ChooseOwnership { .. } => Step::Privacy {
                    ownership,
                    enrollment_type: EnrollmentType::DeviceEnrollment,
                    back_to: Some(Box::new(question)),
                },
                other => other,
            },
            Event::EnrollmentTypeChosen(enrollment_type) => match self {
                Step::ChooseEnrollmentType {
                    ref user_choice, ..
                } => {
                    let managed_apple_account = user_choice.managed_apple_account.clone();
                    let offer = user_choice.offer;
                    let back_to = Some(Box::new(self));
                    match (enrollment_type, offer) {
                        (EnrollmentType::DeviceEnrollment, _) => Step::Privacy {
                            ownership: Ownership::Personal,
                            enrollment_type,
                            back_to,
                        },
                        (EnrollmentType::UserEnrollment, UserEnrollmentOffer::Legacy) => {
                            Step::Privacy {
                                ownership: Ownership::Personal,
                                enrollment_type,
                                back_to,
                            }
                        }
                        (EnrollmentType::UserEnrollment, offer) => Step::SignInToWorkAccount {
                            managed_apple_account,
                            legacy_user_enrollment: offer
                                == UserEnrollmentOffer::AccountDrivenOrLegacy,
                            back_to,
                        },
                    }
                }
                other => other,
            },
            Event::LegacyUserEnrollmentChosen => match self {
                Step::SignInToWorkAccount {
                    legacy_user_enrollment: true,
                    ..
                } => Step::Privacy {
                    ownership: Ownership::Personal,
                    enrollment_type: EnrollmentType::UserEnrollment,
                    back_to: Some(Box::new(self)),
                },
                other => other,
            },
            Event::Back => match self {
                Step::Privacy {
                    back_to: Some(back_to),
                    ..
                }
                | Step::ChooseEnrollmentType {
                    back_to: Some(back_to),
                    ..
                }
                | Step::SignInToWorkAccount {
                    back_to: Some(back_to),
                    ..
                } => *back_to,
                other => other,
            },
            Event::EnrollmentUpdated(enrollment) => self.updated(enrollment, None),
            Event::LinkIssued(ProfileDownload { url, enrollment }) => {
                let link = IssuedLink {
                    url,
                    downloads_before: enrollment.profiles_downloaded,
                };
                self.updated(enrollment, Some(link))
            }
            Event::DownloadAgain => match self {
                Step::Install { enrollment, .. } => Step::Download {
                    enrollment,
                    link: None,
                    notice: None,
                },
                Step::Rejected {
                    enrollment,
                    problem,
                } if offers_download_again(problem.code) => Step::Download {
                    enrollment,
                    link: None,
                    notice: None,
                },
                other => other,
            },
            Event::InstallWindowElapsed => match self {
                // Once the device checks in, the server decides.
                Step::Install {
                    enrollment,
                    installing: false,
                    ..
                } => Step::Expired { enrollment },
                other => other,
            },
            Event::NotSetUp => match self {
                // Once the device checks in, the profile is already out.
                Step::Install {
                    installing: true, ..
                }
                | Step::Enrolled { .. } => self,
                _ => Step::NotSetUp,
            },
            Event::EnrollAgain => match self {
                Step::Expired { enrollment } | Step::Rejected { enrollment, .. } => {
                    Step::Download {
                        enrollment,
                        link: None,
                        notice: None,
                    }
                }
                other => other,
            },
        }
    }

    /// The enrollment this step belongs to, if any.
    pub fn enrollment_id(&self) -> Option<&EnrollmentId> {
        match self {
            Step::Download { enrollment, .. }
            | Step::Install { enrollment, .. }
            | Step::Expired { enrollment }
            | Step::Rejected { enrollment, .. } => Some(enrollment),
            _ => None,
        }
    }

    /// The enrollment whose state the page follows live (server-sent
    /// events, refetching): only while the device can still check in.
    pub fn live_enrollment_id(&self) -> Option<&EnrollmentId> {
        match self {
            Step::Download { enrollment, .. }
            | Step::Install { enrollment, .. }
            | Step::Expired { enrollment } => Some(enrollment),
            _ => None,
        }
    }

    /// A stable name of the screen: the `data-step` attribute, and what
    /// focus follows (the heading gets focus when this changes).
    pub fn name(&self) -> &'static str {
        match self {
            Step::CheckDevice => "check-device",
            Step::NotSetUp => "not-set-up",
            Step::WrongBrowser { .. } => "wrong-browser",
            Step::NotAppleMobile => "not-apple-mobile",
            Step::DeviceNotAllowed { .. } => "device-not-allowed",
            Step::UpdateOs { .. } => "update-os",
            Step::DeviceLimitReached { .. } => "device-limit-reached",
            Step::ChooseOwnership { .. } => "choose-ownership",
            Step::ChooseEnrollmentType { .. } => "choose-enrollment-type",
            Step::Privacy { .. } => "privacy",
            Step::SignInToWorkAccount { .. } => "sign-in-to-work-account",
            Step::Download { .. } => "download",
            Step::Install { .. } => "install",
            Step::Expired { .. } => "expired",
            Step::Rejected { .. } => "rejected",
            Step::Enrolled { .. } => "enrolled",
        }
    }

    /// Picks up an enrollment found on arrival. It wins over the checks
    /// before the choices (the person made them already), never over the
    /// browser check, except that a finished enrollment started here shows
    /// as finished anywhere.
    fn resume(self, enrollment: Enrollment, started_here: bool) -> Step {
        // An account-driven enrollment has nothing to resume in the
        // browser: it goes on in Settings (see `updated` for its ending).
        // A legacy user enrollment downloads here like a device enrollment.
        if enrollment.account_driven {
            return self;
        }
        let resumable = match enrollment.state {
            EnrollmentState::Created
            | EnrollmentState::Downloaded
            | EnrollmentState::Authenticated => true,
            // An old ending shows only to the browser that saw it start; a
            // fresh one (an expired download from another browser) to all.
            EnrollmentState::Expired | EnrollmentState::Rejected => {
                started_here || recently_downloaded(&enrollment)
            }
            EnrollmentState::Enrolled => started_here,
            EnrollmentState::Replaced => false,
        };
        if !resumable {
            return self;
        }
        match self {
            Step::WrongBrowser { .. } | Step::NotAppleMobile
                if enrollment.state == EnrollmentState::Enrolled =>
            {
                step_for(enrollment, None, None)
            }
            Step::CheckDevice
            | Step::DeviceNotAllowed { .. }
            | Step::UpdateOs { .. }
            | Step::DeviceLimitReached { .. }
            | Step::ChooseOwnership { .. }
            | Step::ChooseEnrollmentType { .. }
            | Step::Privacy { .. } => step_for(enrollment, None, None),
            other => other,
        }
    }

    /// Follows the server's word on an enrollment. From the choices, only
    /// a newly created enrollment (the answer to Continue) moves on; after
    /// them, only news of the same enrollment counts.
    fn updated(self, enrollment: Enrollment, link: Option<IssuedLink>) -> Step {
        match self {
            // Settings enrolled the device: the news comes from the page
            // following the person's newest enrollment.
            Step::SignInToWorkAccount { .. } => {
                if enrollment.enrollment_type == EnrollmentType::UserEnrollment
                    && enrollment.state == EnrollmentState::Enrolled
                {
                    Step::Enrolled {
                        device_id: enrollment.device_id,
                    }
                } else {
                    self
                }
            }
            // Only the answer to Continue: an enrollment of the browser's
            // own, of the type this screen starts.
            Step::Privacy {
                enrollment_type, ..
            } if enrollment.account_driven || enrollment.enrollment_type != enrollment_type => self,
            Step::Privacy { .. } => step_for(enrollment, link, None),
            Step::Enrolled { .. } => self,
            current => match current.enrollment_id() {
                Some(id) if *id == enrollment.id => {
                    let going_on = !enrollment.state.is_final();
                    match (link, &current) {
                        // A fresh link is what the person asked for: show it
                        // whatever the last download did.
                        (Some(link), _) if going_on => Step::Download {
                            notice: notice_of(&enrollment),
                            enrollment: enrollment.id,
                            link: Some(link),
                        },
                        (
                            None,
                            Step::Download {
                                link: Some(kept), ..
                            },
                        ) if going_on => {
                            let stale = enrollment.state != EnrollmentState::Created
                                && enrollment.profiles_downloaded <= kept.downloads_before;
                            if enrollment.state == EnrollmentState::Created || stale {
                                // A repeated `Created`, or news of the download
                                // before this link: keep the link.
                                Step::Download {
                                    notice: notice_of(&enrollment),
                                    enrollment: enrollment.id,
                                    link: Some(kept.clone()),
                                }
                            } else {
                                step_for(enrollment, None, Some(&current))
                            }
                        }
                        (link, _) => step_for(enrollment, link, Some(&current)),
                    }
                }
                _ => current,
            },
        }
    }
}

fn notice_of(enrollment: &Enrollment) -> Option<EnrollmentProblem> {
    enrollment
        .problem
        .clone()
        .filter(|problem| is_profile_notice(problem.code))
}

/// The step an enrollment's state shows as.
fn step_for(enrollment: Enrollment, link: Option<IssuedLink>, current: Option<&Step>) -> Step {
    let notice = notice_of(&enrollment);
    match enrollment.state {
        EnrollmentState::Created => Step::Download {
            enrollment: enrollment.id,
            link,
            notice,
        },
        // Downloaded, but the window is over by the server's clock: iOS
        // has deleted it (the server says Expired soon).
        EnrollmentState::Downloaded if enrollment.seconds_left() == Some(0) => Step::Expired {
            enrollment: enrollment.id,
        },
        EnrollmentState::Downloaded | EnrollmentState::Authenticated => Step::Install {
            deadline: install_deadline(&enrollment),
            installing: enrollment.state == EnrollmentState::Authenticated,
            enrollment: enrollment.id,
            notice,
        },
        EnrollmentState::Enrolled => Step::Enrolled {
            device_id: enrollment.device_id,
        },
        EnrollmentState::Expired => Step::Expired {
            enrollment: enrollment.id,
        },
        EnrollmentState::Rejected => Step::Rejected {
            enrollment: enrollment.id,
            problem: enrollment.problem.unwrap_or_else(|| {
                EnrollmentProblem::new(
                    EnrollmentProblemCode::Other,
                    String::new(),
                    RefusalDetails::default(),
                )
            }),
        },
        // A newer download elsewhere took over: start over, unless this
        // page is the one that got past it already.
        EnrollmentState::Replaced => match current {
            Some(step @ Step::Enrolled { .. }) => step.clone(),
            _ => Step::CheckDevice,
        },
    }
}

/// When iOS deletes the downloaded profile: the server's deadline, else
/// (never expected) the default window from the download, or from now.
fn install_deadline(enrollment: &Enrollment) -> i64 {
    enrollment.install_deadline_at.unwrap_or_else(|| {
        enrollment.downloaded_at.unwrap_or(enrollment.server_now) + DEFAULT_INSTALL_WINDOW_SECONDS
    })
}

/// Downloaded within the last hour, by the server's clock.
fn recently_downloaded(enrollment: &Enrollment) -> bool {
    enrollment
        .downloaded_at
        .is_some_and(|at| enrollment.server_now - at < 3600)
}

/// Problems about the profile (not the device) that leave the enrollment
/// going: shown on the Download and Install steps.
fn is_profile_notice(code: EnrollmentProblemCode) -> bool {
    matches!(
        code,
        EnrollmentProblemCode::ProfileReplaced
            | EnrollmentProblemCode::ProfileAlreadyUsed
            | EnrollmentProblemCode::ProfileExpired
    )
}

/// Problems a fresh download fixes.
pub fn offers_download_again(code: EnrollmentProblemCode) -> bool {
    is_profile_notice(code)
}

/// The checks before the choices, in the order a person can act on them.
fn detect(platform: &Platform, rules: &EnrollmentRules) -> Step {
    // Before anything the person could change: nothing they do helps.
    if !rules.enrollment_set_up {
        return Step::NotSetUp;
    }
    let account_driven =
        rules.enrollment_profile_type == EnrollmentProfileType::AccountDrivenUserEnrollment;
    let device = match platform.device {
        // Nothing is downloaded: the walkthrough is read here and followed
        // in the device's Settings, so any browser and any computer do.
        _ if account_driven => {
            if rules.devices_enrolled >= rules.device_limit {
                return Step::DeviceLimitReached {
                    limit: rules.device_limit,
                };
            }
            return Step::SignInToWorkAccount {
                managed_apple_account: rules.managed_apple_account.clone(),
                legacy_user_enrollment: false,
                back_to: None,
            };
        }
        Device::IPhone => DeviceKind::Iphone,
        Device::IPad => DeviceKind::Ipad,
        _ => return Step::NotAppleMobile,
    };
    // Safari, or a home-screen web clip of the portal (Safari's engine): a
    // web clip goes through the journey and hands only the download itself
    // to Safari (see `DownloadScreen`).
    if platform.browser != Browser::Safari {
        return Step::WrongBrowser {
            device,
            in_app: matches!(platform.browser, Browser::InApp(_) | Browser::WebView),
            web_clip: platform.web_clip,
            can_open_in_safari: platform.supports_open_in_safari_scheme(),
            browser_name: platform.browser.name(),
        };
    }
    if !rules.allowed_devices.contains(&device) {
        return Step::DeviceNotAllowed { device };
    }
    // Unknown (a desktop-class iPad): go on; the server checks at check-in.
    if let Some(current) = &platform.os_version {
        if !rules.os_versions.contains(current) {
            return Step::UpdateOs {
                device,
                minimum: rules.os_versions.min.clone(),
                maximum: rules.os_versions.max.clone(),
                current: current.clone(),
            };
        }
    }
    if rules.devices_enrolled >= rules.device_limit {
        return Step::DeviceLimitReached {
            limit: rules.device_limit,
        };
    }
    let user_choice =
        (rules.enrollment_profile_type == EnrollmentProfileType::UserChoice).then(|| UserChoice {
            managed_apple_account: rules.managed_apple_account.clone(),
            offer: UserEnrollmentOffer::for_device(platform.os_version.as_ref(), rules),
        });
    match (rules.ownership_choice, user_choice) {
        (true, user_choice) => Step::ChooseOwnership { user_choice },
        // The person's own device either way: only the second question.
        (false, Some(user_choice)) if rules.default_ownership == Ownership::Personal => {
            Step::ChooseEnrollmentType {
                user_choice,
                back_to: None,
            }
        }
        (false, _) => Step::Privacy {
            ownership: rules.default_ownership,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            back_to: None,
        },
    }
}

/// The step the journey shows on arrival: the checks before the choices
/// for this device and these rules, then the enrollment to resume
/// (`current`, if any; `started_here`: its id is the hint this browser
/// keeps). What [`Step::CheckDevice`] becomes with [`Event::Detected`]
/// and then [`Event::Resumed`], as the page feeds them in.
pub fn first_step(
    platform: &Platform,
    rules: &EnrollmentRules,
    current: Option<Enrollment>,
    started_here: bool,
) -> Step {
    let detected = Step::CheckDevice.next(Event::Detected {
        platform: platform.clone(),
        rules: rules.clone(),
    });
    match current {
        Some(enrollment) => detected.next(Event::Resumed {
            enrollment,
            started_here,
        }),
        None => detected,
    }
}

/// The touch points a page may report: none (a Mac, a computer) or a
/// touch screen's (an iPhone, an iPad, including one that asks as a Mac).
const TOUCH_POINTS: [u32; 2] = [0, 5];
/// `navigator.standalone`: not there, Safari, a home-screen web clip.
const STANDALONE: [Option<bool>; 3] = [None, Some(false), Some(true)];

/// The [`first_step`] as far as the `User-Agent` header decides it, for
/// the server's first paint (`started_here` from the hint's mirror in a
/// cookie): `None` when what only the browser knows could change it, that
/// is when any reading of its touch points (an iPad asking as a Mac) or of
/// `navigator.standalone` (a web clip, whose user agent is a web view's)
/// gives another step.
///
/// A web clip runs in Safari's engine, so `standalone` is read as true only
/// where the user agent then reads as Safari: another browser's or an app's
/// user agent (Chrome's "CriOS/", Outlook's marker) is never a web clip's.
pub fn first_step_from_user_agent(
    user_agent: &str,
    rules: &EnrollmentRules,
    current: Option<&Enrollment>,
    started_here: bool,
) -> Option<Step> {
    let platforms = TOUCH_POINTS.into_iter().flat_map(|touch_points| {
        STANDALONE
            .into_iter()
            .map(move |standalone| Platform::detect(user_agent, touch_points, standalone))
    });
    let mut steps = platforms
        .filter(|platform| !platform.web_clip || platform.browser == Browser::Safari)
        .map(|platform| first_step(&platform, rules, current.cloned(), started_here));
    let first = steps.next()?;
    steps.all(|step| step == first).then_some(first)
}

/// The device kind the page is on, for `StartEnrollment` (None off iPhone/iPad).
pub fn device_kind(platform: &Platform) -> Option<DeviceKind> {
    match platform.device {
        Device::IPhone => Some(DeviceKind::Iphone),
        Device::IPad => Some(DeviceKind::Ipad),
        _ => None,
    }
}

/// "iOS" or "iPadOS".
pub fn os_name(device: DeviceKind) -> &'static str {
    match device {
        DeviceKind::Iphone => "iOS",
        DeviceKind::Ipad => "iPadOS",
    }
}

/// "iPhone" or "iPad".
pub fn device_name(device: DeviceKind) -> &'static str {
    match device {
        DeviceKind::Iphone => "iPhone",
        DeviceKind::Ipad => "iPad",
    }
}

/// The `x-safari-https://…` link that opens `url` in Safari (iOS 17+), or
/// None for anything but a web address.
pub fn open_in_safari_url(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://")).then(|| format!("x-safari-{url}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::{EnrollmentType, VersionRange};

    const IPHONE_SAFARI_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const IPHONE_SAFARI_16: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME_16: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1";
    const IPHONE_OUTLOOK: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Outlook-iOS/723.4027091.prod.iphone (4.2411.0)";
    const IPHONE_SAFARI_14: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1";
    const IPHONE_SAFARI_18: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    const IPAD_DESKTOP: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const IPAD_MOBILE: &str = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const WINDOWS_EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0";

    fn v(text: &str) -> OsVersion {
        OsVersion::parse(text).unwrap()
    }

    fn iphone_safari() -> Platform {
        Platform::detect(IPHONE_SAFARI_17, 5, Some(false))
    }

    fn rules() -> EnrollmentRules {
        EnrollmentRules {
            ownership_choice: true,
            default_ownership: Ownership::Corporate,
            os_versions: VersionRange::at_least(v("16.0")),
            allowed_devices: vec![DeviceKind::Iphone, DeviceKind::Ipad],
            device_limit: 3,
            devices_enrolled: 1,
            install_window_seconds: 480,
            enrollment_set_up: true,
            enrollment_profile_type: Default::default(),
            managed_apple_account: None,
            legacy_user_enrollment: false,
        }
    }

    fn enrollment(id: &str, state: EnrollmentState) -> Enrollment {
        let downloaded = !matches!(state, EnrollmentState::Created);
        Enrollment {
            id: EnrollmentId(id.into()),
            state,
            ownership: Ownership::Personal,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            device: DeviceKind::Iphone,
            downloaded_at: downloaded.then_some(10_000),
            profiles_downloaded: u32::from(downloaded),
            install_deadline_at: downloaded.then_some(10_480),
            server_now: 10_100,
            problem: None,
            device_id: (state == EnrollmentState::Enrolled).then(|| DeviceId("dev_9".into())),
            account_driven: false,
        }
    }

    fn problem(code: EnrollmentProblemCode) -> EnrollmentProblem {
        EnrollmentProblem::new(code, "From the server.", RefusalDetails::default())
    }

    fn detected(platform: Platform, rules: EnrollmentRules) -> Step {
        Step::CheckDevice.next(Event::Detected { platform, rules })
    }

    fn id(text: &str) -> EnrollmentId {
        EnrollmentId(text.into())
    }

    fn download(text: &str, link: Option<&str>) -> Step {
        Step::Download {
            enrollment: id(text),
            link: link.map(|url| IssuedLink {
                url: url.to_owned(),
                // Before the download at 10_000.
                downloads_before: 0,
            }),
            notice: None,
        }
    }

    fn install(text: &str) -> Step {
        Step::Install {
            enrollment: id(text),
            deadline: 10_480,
            installing: false,
            notice: None,
        }
    }

    // ------------------------------------------------------------ detection

    #[test]
    fn without_enrollment_set_up_nobody_is_asked_anything() {
        let rules = EnrollmentRules {
            enrollment_set_up: false,
            ..rules()
        };
        assert_eq!(detected(iphone_safari(), rules), Step::NotSetUp);
        // An enrollment in progress cannot get a profile either.
        let resumed = Step::NotSetUp.next(Event::Resumed {
            enrollment: enrollment("e1", EnrollmentState::Created),
            started_here: true,
        });
        assert_eq!(resumed, Step::NotSetUp);
    }

    #[test]
    fn a_not_set_up_answer_replaces_the_choices_and_the_download() {
        let privacy = Step::Privacy {
            ownership: Ownership::Personal,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            back_to: Some(Box::new(Step::ChooseOwnership { user_choice: None })),
        };
        assert_eq!(privacy.next(Event::NotSetUp), Step::NotSetUp);
        assert_eq!(download("e1", None).next(Event::NotSetUp), Step::NotSetUp);
        let enrolled = Step::Enrolled { device_id: None };
        assert_eq!(enrolled.clone().next(Event::NotSetUp), enrolled);
    }

    #[test]
    fn safari_on_an_iphone_within_the_rules_asks_who_owns_it() {
        assert_eq!(
            detected(iphone_safari(), rules()),
            Step::ChooseOwnership { user_choice: None }
        );
    }

    #[test]
    fn without_a_choice_the_default_ownership_goes_straight_to_privacy() {
        let rules = EnrollmentRules {
            ownership_choice: false,
            ..rules()
        };
        assert_eq!(
            detected(iphone_safari(), rules),
            Step::Privacy {
                ownership: Ownership::Corporate,
                enrollment_type: EnrollmentType::DeviceEnrollment,
                back_to: None
            }
        );
    }

    #[test]
    fn other_browsers_on_ios_17_can_open_in_safari() {
        assert_eq!(
            detected(Platform::detect(IPHONE_CHROME_17, 5, None), rules()),
            Step::WrongBrowser {
                device: DeviceKind::Iphone,
                in_app: false,
                web_clip: false,
                can_open_in_safari: true,
                browser_name: Some("Chrome"),
            }
        );
    }

    #[test]
    fn other_browsers_before_ios_17_can_only_copy_the_link() {
        let step = detected(Platform::detect(IPHONE_CHROME_16, 5, None), rules());
        assert!(
            matches!(
                step,
                Step::WrongBrowser {
                    can_open_in_safari: false,
                    in_app: false,
                    ..
                }
            ),
            "{step:?}"
        );
    }

    #[test]
    fn in_app_browsers_are_wrong_browsers_too() {
        let step = detected(Platform::detect(IPHONE_OUTLOOK, 5, None), rules());
        assert!(
            matches!(
                step,
                Step::WrongBrowser {
                    in_app: true,
                    browser_name: Some("Outlook"),
                    ..
                }
            ),
            "{step:?}"
        );
    }

    #[test]
    fn a_web_clip_goes_through_the_journey_like_safari() {
        let clip = Platform::detect(IPHONE_SAFARI_17, 5, Some(true));
        assert!(
            !clip.can_install_profile(),
            "its downloads don't reach Settings"
        );
        let step = detected(clip, rules());
        assert!(!matches!(step, Step::WrongBrowser { .. }), "{step:?}");
    }

    #[test]
    fn computers_and_android_are_not_apple_mobile() {
        assert_eq!(
            detected(Platform::detect(WINDOWS_EDGE, 0, None), rules()),
            Step::NotAppleMobile
        );
        // A Mac: the desktop user agent without touch points.
        assert_eq!(
            detected(Platform::detect(IPAD_DESKTOP, 0, None), rules()),
            Step::NotAppleMobile
        );
    }

    #[test]
    fn a_device_kind_the_organization_does_not_allow_stops() {
        let rules = EnrollmentRules {
            allowed_devices: vec![DeviceKind::Iphone],
            ..rules()
        };
        assert_eq!(
            detected(Platform::detect(IPAD_MOBILE, 5, None), rules),
            Step::DeviceNotAllowed {
                device: DeviceKind::Ipad
            }
        );
    }

    #[test]
    fn an_os_outside_the_range_needs_an_update() {
        let rules = EnrollmentRules {
            os_versions: VersionRange::at_least(v("17.0")),
            ..rules()
        };
        assert_eq!(
            detected(Platform::detect(IPHONE_SAFARI_16, 5, None), rules),
            Step::UpdateOs {
                device: DeviceKind::Iphone,
                minimum: Some(v("17.0")),
                maximum: None,
                current: v("16.6"),
            }
        );
    }

    #[test]
    fn an_unknown_version_goes_on_and_the_server_decides() {
        let rules = EnrollmentRules {
            os_versions: VersionRange::at_least(v("18.0")),
            ..rules()
        };
        let ipad = Platform::detect(IPAD_DESKTOP, 5, None);
        assert_eq!(ipad.os_version, None);
        assert_eq!(
            detected(ipad, rules),
            Step::ChooseOwnership { user_choice: None }
        );
    }

    #[test]
    fn at_the_device_limit_nothing_more_is_asked() {
        let rules = EnrollmentRules {
            devices_enrolled: 3,
            ..rules()
        };
        assert_eq!(
            detected(iphone_safari(), rules),
            Step::DeviceLimitReached { limit: 3 }
        );
    }

    #[test]
    fn detection_happens_once() {
        let step = Step::ChooseOwnership { user_choice: None }.next(Event::Detected {
            platform: Platform::detect(WINDOWS_EDGE, 0, None),
            rules: rules(),
        });
        assert_eq!(step, Step::ChooseOwnership { user_choice: None });
    }

    // ------------------------------------------------------------ the first step

    const WEB_CLIP_OR_WEB_VIEW: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";

    #[test]
    fn the_first_step_is_detection_then_resuming() {
        let platform = iphone_safari();
        assert_eq!(
            first_step(&platform, &rules(), None, false),
            Step::ChooseOwnership { user_choice: None }
        );
        let going_on = enrollment("e1", EnrollmentState::Downloaded);
        assert_eq!(
            first_step(&platform, &rules(), Some(going_on.clone()), false),
            detected(platform.clone(), rules()).next(Event::Resumed {
                enrollment: going_on,
                started_here: false,
            })
        );
        assert_eq!(
            first_step(
                &platform,
                &rules(),
                Some(enrollment("e1", EnrollmentState::Enrolled)),
                true
            ),
            Step::Enrolled {
                device_id: Some(DeviceId("dev_9".into()))
            }
        );
    }

    #[test]
    fn an_iphone_in_safari_with_nothing_to_resume_is_known_from_its_user_agent() {
        assert_eq!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &rules(), None, false),
            Some(Step::ChooseOwnership { user_choice: None })
        );
        let user_choice = EnrollmentRules {
            ownership_choice: false,
            default_ownership: Ownership::Personal,
            enrollment_profile_type: EnrollmentProfileType::UserChoice,
            ..rules()
        };
        assert!(matches!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &user_choice, None, false),
            Some(Step::ChooseEnrollmentType { back_to: None, .. })
        ));
        let old_ios = EnrollmentRules {
            os_versions: VersionRange::at_least(v("17.0")),
            ..rules()
        };
        assert!(matches!(
            first_step_from_user_agent(IPHONE_SAFARI_16, &old_ios, None, false),
            Some(Step::UpdateOs { .. })
        ));
    }

    #[test]
    fn other_browsers_and_computers_are_known_from_their_user_agent() {
        assert!(matches!(
            first_step_from_user_agent(IPHONE_CHROME_17, &rules(), None, false),
            Some(Step::WrongBrowser {
                in_app: false,
                web_clip: false,
                browser_name: Some("Chrome"),
                ..
            })
        ));
        assert!(matches!(
            first_step_from_user_agent(IPHONE_OUTLOOK, &rules(), None, false),
            Some(Step::WrongBrowser { in_app: true, .. })
        ));
        assert_eq!(
            first_step_from_user_agent(WINDOWS_EDGE, &rules(), None, false),
            Some(Step::NotAppleMobile)
        );
        let not_set_up = EnrollmentRules {
            enrollment_set_up: false,
            ..rules()
        };
        assert_eq!(
            first_step_from_user_agent(IPAD_DESKTOP, &not_set_up, None, false),
            Some(Step::NotSetUp)
        );
    }

    #[test]
    fn what_only_the_browser_knows_leaves_the_first_step_open() {
        // A Mac, or an iPad asking as one: its touch points tell.
        assert_eq!(
            first_step_from_user_agent(IPAD_DESKTOP, &rules(), None, false),
            None
        );
        // A web clip, or an app's web view: `navigator.standalone` tells.
        assert_eq!(
            first_step_from_user_agent(WEB_CLIP_OR_WEB_VIEW, &rules(), None, false),
            None
        );
    }

    #[test]
    fn a_finished_enrollment_shows_as_finished_only_where_it_started() {
        let enrolled = enrollment("e1", EnrollmentState::Enrolled);
        assert_eq!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &rules(), Some(&enrolled), false),
            Some(Step::ChooseOwnership { user_choice: None })
        );
        assert_eq!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &rules(), Some(&enrolled), true),
            Some(Step::Enrolled {
                device_id: Some(DeviceId("dev_9".into()))
            })
        );
    }

    #[test]
    fn an_enrollment_going_on_is_resumed_in_any_browser_that_can_resume_it() {
        let created = enrollment("e1", EnrollmentState::Created);
        assert!(matches!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &rules(), Some(&created), false),
            Some(Step::Download { link: None, .. })
        ));
        // Account-driven enrollments go on in Settings: nothing to resume.
        let account_driven = Enrollment {
            account_driven: true,
            ..created
        };
        assert_eq!(
            first_step_from_user_agent(IPHONE_SAFARI_17, &rules(), Some(&account_driven), false),
            Some(Step::ChooseOwnership { user_choice: None })
        );
    }

    #[test]
    fn account_driven_user_enrollment_is_the_same_walkthrough_everywhere() {
        let account_driven = EnrollmentRules {
            enrollment_profile_type: EnrollmentProfileType::AccountDrivenUserEnrollment,
            ..rules()
        };
        for user_agent in [IPAD_DESKTOP, WINDOWS_EDGE, IPHONE_SAFARI_17] {
            assert!(
                matches!(
                    first_step_from_user_agent(user_agent, &account_driven, None, false),
                    Some(Step::SignInToWorkAccount { back_to: None, .. })
                ),
                "{user_agent}"
            );
        }
    }

    // ------------------------------------------------------------ choices

    #[test]
    fn choosing_ownership_shows_privacy_and_back_returns() {
        let privacy = Step::ChooseOwnership { user_choice: None }
            .next(Event::OwnershipChosen(Ownership::Personal));
        assert_eq!(
            privacy,
            Step::Privacy {
                ownership: Ownership::Personal,
                enrollment_type: EnrollmentType::DeviceEnrollment,
                back_to: Some(Box::new(Step::ChooseOwnership { user_choice: None }))
            }
        );
        assert_eq!(
            privacy.next(Event::Back),
            Step::ChooseOwnership { user_choice: None }
        );
        let unchosen = Step::Privacy {
            ownership: Ownership::Corporate,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            back_to: None,
        };
        assert_eq!(unchosen.clone().next(Event::Back), unchosen);
    }

    fn user_choice_rules() -> EnrollmentRules {
        EnrollmentRules {
            enrollment_profile_type: EnrollmentProfileType::UserChoice,
            managed_apple_account: Some("alex@contoso.example".into()),
            ..rules()
        }
    }

    fn offer() -> UserChoice {
        UserChoice {
            managed_apple_account: Some("alex@contoso.example".into()),
            offer: UserEnrollmentOffer::AccountDriven,
        }
    }

    #[test]
    fn user_choice_asks_what_to_secure_after_i_own_this_device() {
        let ownership = detected(iphone_safari(), user_choice_rules());
        assert_eq!(
            ownership,
            Step::ChooseOwnership {
                user_choice: Some(offer())
            }
        );
        let question = ownership
            .clone()
            .next(Event::OwnershipChosen(Ownership::Personal));
        assert_eq!(question.name(), "choose-enrollment-type");
        assert_eq!(question.clone().next(Event::Back), ownership);

        // The entire device: the web device enrollment, Back to the question.
        let privacy = question.clone().next(Event::EnrollmentTypeChosen(
            EnrollmentType::DeviceEnrollment,
        ));
        assert!(matches!(
            privacy,
            Step::Privacy {
                ownership: Ownership::Personal,
                enrollment_type: EnrollmentType::DeviceEnrollment,
                back_to: Some(_)
            }
        ));
        assert_eq!(privacy.next(Event::Back), question);

        // Only work apps and data: the Settings walkthrough, no download.
        let walkthrough = question
            .clone()
            .next(Event::EnrollmentTypeChosen(EnrollmentType::UserEnrollment));
        assert_eq!(
            walkthrough,
            Step::SignInToWorkAccount {
                managed_apple_account: Some("alex@contoso.example".into()),
                legacy_user_enrollment: false,
                back_to: Some(Box::new(question.clone())),
            }
        );
        assert_eq!(walkthrough.next(Event::Back), question);
    }

    #[test]
    fn user_choice_keeps_an_organization_owned_device_on_device_enrollment() {
        let ownership = detected(iphone_safari(), user_choice_rules());
        let privacy = ownership.next(Event::OwnershipChosen(Ownership::Corporate));
        assert!(matches!(
            privacy,
            Step::Privacy {
                ownership: Ownership::Corporate,
                ..
            }
        ));
        // Without the ownership question, a personal default asks only the
        // second one; a corporate default goes to privacy.
        let personal = EnrollmentRules {
            ownership_choice: false,
            default_ownership: Ownership::Personal,
            ..user_choice_rules()
        };
        assert_eq!(
            detected(iphone_safari(), personal),
            Step::ChooseEnrollmentType {
                user_choice: offer(),
                back_to: None
            }
        );
        let corporate = EnrollmentRules {
            ownership_choice: false,
            ..user_choice_rules()
        };
        assert!(matches!(
            detected(iphone_safari(), corporate),
            Step::Privacy { back_to: None, .. }
        ));
    }

    #[test]
    fn web_device_enrollment_never_asks_what_to_secure() {
        let ownership = detected(iphone_safari(), rules());
        assert_eq!(ownership, Step::ChooseOwnership { user_choice: None });
        let privacy = ownership.next(Event::OwnershipChosen(Ownership::Personal));
        assert_eq!(privacy.name(), "privacy");
        assert_eq!(
            privacy
                .next(Event::EnrollmentTypeChosen(EnrollmentType::UserEnrollment))
                .name(),
            "privacy"
        );
    }

    #[test]
    fn account_driven_user_enrollment_goes_straight_to_settings_from_any_browser() {
        let account_driven = EnrollmentRules {
            enrollment_profile_type: EnrollmentProfileType::AccountDrivenUserEnrollment,
            managed_apple_account: Some("sam@contoso.example".into()),
            ..rules()
        };
        let walkthrough = Step::SignInToWorkAccount {
            managed_apple_account: Some("sam@contoso.example".into()),
            legacy_user_enrollment: false,
            back_to: None,
        };
        assert_eq!(
            detected(iphone_safari(), account_driven.clone()),
            walkthrough
        );
        let chrome = Platform::detect(IPHONE_CHROME_17, 5, Some(false));
        assert_eq!(detected(chrome, account_driven.clone()), walkthrough);
        let windows = Platform::detect(WINDOWS_EDGE, 0, None);
        assert_eq!(detected(windows, account_driven.clone()), walkthrough);
        // Back goes nowhere: there was no question.
        assert_eq!(walkthrough.clone().next(Event::Back), walkthrough);
        // The device limit and a missing set-up still come first.
        let full = EnrollmentRules {
            devices_enrolled: 3,
            ..account_driven.clone()
        };
        assert_eq!(
            detected(iphone_safari(), full),
            Step::DeviceLimitReached { limit: 3 }
        );
        let not_set_up = EnrollmentRules {
            enrollment_set_up: false,
            ..account_driven
        };
        assert_eq!(detected(iphone_safari(), not_set_up), Step::NotSetUp);
    }

    #[test]
    fn the_walkthrough_notices_the_user_enrollment_enrolled_and_nothing_else() {
        let walkthrough = Step::SignInToWorkAccount {
            managed_apple_account: None,
            legacy_user_enrollment: false,
            back_to: None,
        };
        let user = |state| Enrollment {
            enrollment_type: EnrollmentType::UserEnrollment,
            account_driven: true,
            ..enrollment("u1", state)
        };
        // Signed in, not yet enrolled: still in Settings.
        let going_on = walkthrough
            .clone()
            .next(Event::EnrollmentUpdated(user(EnrollmentState::Created)));
        assert_eq!(going_on, walkthrough);
        // A web device enrollment is not this one.
        let web = walkthrough
            .clone()
            .next(Event::EnrollmentUpdated(enrollment(
                "e1",
                EnrollmentState::Enrolled,
            )));
        assert_eq!(web, walkthrough);
        assert_eq!(
            walkthrough.next(Event::EnrollmentUpdated(user(EnrollmentState::Enrolled))),
            Step::Enrolled {
                device_id: Some(DeviceId("dev_9".into()))
            }
        );
        // On arrival, an account-driven enrollment has no download to resume.
        let ownership = Step::ChooseOwnership { user_choice: None };
        assert_eq!(
            ownership.clone().next(Event::Resumed {
                enrollment: user(EnrollmentState::Created),
                started_here: true,
            }),
            ownership
        );
    }

    // ------------------------------------------------------------ legacy user enrollment

    /// "Determine based on user choice" with legacy user enrollment on, for
    /// iOS 13 and later.
    fn legacy_rules() -> EnrollmentRules {
        EnrollmentRules {
            legacy_user_enrollment: true,
            os_versions: VersionRange::at_least(v("13.0")),
            ..user_choice_rules()
        }
    }

    fn iphone_on(user_agent: &str) -> Platform {
        Platform::detect(user_agent, 5, Some(false))
    }

    /// Detected, "I own this device", "only work apps and data".
    fn only_work_apps(platform: Platform, rules: EnrollmentRules) -> (Step, Step) {
        let question = detected(platform, rules).next(Event::OwnershipChosen(Ownership::Personal));
        assert_eq!(question.name(), "choose-enrollment-type");
        let next = question
            .clone()
            .next(Event::EnrollmentTypeChosen(EnrollmentType::UserEnrollment));
        (question, next)
    }

    fn legacy_enrollment(state: EnrollmentState) -> Enrollment {
        Enrollment {
            enrollment_type: EnrollmentType::UserEnrollment,
            ..enrollment("u1", state)
        }
    }

    #[test]
    fn the_offer_follows_the_setting_and_the_ios_version() {
        use UserEnrollmentOffer::*;
        let on = legacy_rules();
        let off = user_choice_rules();
        for (version, with_legacy) in [
            (Some("13.0"), AccountDriven),
            (Some("13.1"), Legacy),
            (Some("14.8"), Legacy),
            (Some("15.0"), AccountDrivenOrLegacy),
            (Some("17.7"), AccountDrivenOrLegacy),
            (Some("18.0"), AccountDriven),
            (Some("26.1"), AccountDriven),
            // A desktop-class iPad: no profile offered on a guess.
            (None, AccountDriven),
        ] {
            let version = version.map(v);
            assert_eq!(
                UserEnrollmentOffer::for_device(version.as_ref(), &on),
                with_legacy,
                "{version:?}"
            );
            assert_eq!(
                UserEnrollmentOffer::for_device(version.as_ref(), &off),
                AccountDriven,
                "{version:?}, setting off"
            );
        }
    }

    #[test]
    fn with_the_setting_off_only_work_apps_is_the_settings_walkthrough() {
        let rules = EnrollmentRules {
            os_versions: VersionRange::at_least(v("13.0")),
            ..user_choice_rules()
        };
        for user_agent in [IPHONE_SAFARI_14, IPHONE_SAFARI_16, IPHONE_SAFARI_18] {
            let (question, walkthrough) = only_work_apps(iphone_on(user_agent), rules.clone());
            assert_eq!(
                walkthrough,
                Step::SignInToWorkAccount {
                    managed_apple_account: Some("alex@contoso.example".into()),
                    legacy_user_enrollment: false,
                    back_to: Some(Box::new(question)),
                },
                "{user_agent}"
            );
            // Nothing to switch to.
            assert_eq!(
                walkthrough.clone().next(Event::LegacyUserEnrollmentChosen),
                walkthrough
            );
        }
    }

    #[test]
    fn on_ios_15_to_17_the_walkthrough_comes_first_and_offers_the_download() {
        let (_, walkthrough) = only_work_apps(iphone_on(IPHONE_SAFARI_17), legacy_rules());
        assert!(
            matches!(
                walkthrough,
                Step::SignInToWorkAccount {
                    legacy_user_enrollment: true,
                    ..
                }
            ),
            "{walkthrough:?}"
        );
        let privacy = walkthrough.clone().next(Event::LegacyUserEnrollmentChosen);
        assert_eq!(
            privacy,
            Step::Privacy {
                ownership: Ownership::Personal,
                enrollment_type: EnrollmentType::UserEnrollment,
                back_to: Some(Box::new(walkthrough.clone())),
            }
        );
        assert_eq!(privacy.clone().next(Event::Back), walkthrough);
        // Continue: the server's user enrollment, then the download steps.
        assert_eq!(
            privacy
                .clone()
                .next(Event::EnrollmentUpdated(legacy_enrollment(
                    EnrollmentState::Created
                ))),
            Step::Download {
                enrollment: id("u1"),
                link: None,
                notice: None,
            }
        );
        // Not an answer to this Continue: a device enrollment, or one
        // Settings made.
        let web = enrollment("e1", EnrollmentState::Created);
        assert_eq!(privacy.clone().next(Event::EnrollmentUpdated(web)), privacy);
        let settings = Enrollment {
            account_driven: true,
            ..legacy_enrollment(EnrollmentState::Created)
        };
        assert_eq!(
            privacy.clone().next(Event::EnrollmentUpdated(settings)),
            privacy
        );
    }

    #[test]
    fn on_ios_13_and_14_only_work_apps_goes_straight_to_the_download() {
        let (question, privacy) = only_work_apps(iphone_on(IPHONE_SAFARI_14), legacy_rules());
        assert_eq!(
            privacy,
            Step::Privacy {
                ownership: Ownership::Personal,
                enrollment_type: EnrollmentType::UserEnrollment,
                back_to: Some(Box::new(question.clone())),
            }
        );
        assert_eq!(privacy.next(Event::Back), question);
    }

    #[test]
    fn on_ios_18_only_work_apps_stays_the_walkthrough_even_with_the_setting_on() {
        let (_, walkthrough) = only_work_apps(iphone_on(IPHONE_SAFARI_18), legacy_rules());
        assert!(
            matches!(
                walkthrough,
                Step::SignInToWorkAccount {
                    legacy_user_enrollment: false,
                    ..
                }
            ),
            "{walkthrough:?}"
        );
        // The entire device is still the web device enrollment.
        let (question, _) = only_work_apps(iphone_on(IPHONE_SAFARI_18), legacy_rules());
        let privacy = question.next(Event::EnrollmentTypeChosen(
            EnrollmentType::DeviceEnrollment,
        ));
        assert!(matches!(
            privacy,
            Step::Privacy {
                enrollment_type: EnrollmentType::DeviceEnrollment,
                ..
            }
        ));
    }

    #[test]
    fn a_legacy_user_enrollment_resumes_like_a_download() {
        let question = detected(iphone_safari(), legacy_rules());
        let resumed = question.clone().next(Event::Resumed {
            enrollment: legacy_enrollment(EnrollmentState::Downloaded),
            started_here: true,
        });
        assert_eq!(resumed, install("u1"));
        let settings = Enrollment {
            account_driven: true,
            ..legacy_enrollment(EnrollmentState::Downloaded)
        };
        assert_eq!(
            question.clone().next(Event::Resumed {
                enrollment: settings,
                started_here: true,
            }),
            question
        );
    }

    #[test]
    fn continuing_from_privacy_follows_the_created_enrollment() {
        let privacy = Step::Privacy {
            ownership: Ownership::Personal,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            back_to: Some(Box::new(Step::ChooseOwnership { user_choice: None })),
        };
        assert_eq!(
            privacy.next(Event::EnrollmentUpdated(enrollment(
                "e1",
                EnrollmentState::Created
            ))),
            download("e1", None)
        );
    }

    // ------------------------------------------------------------ download and install

    #[test]
    fn a_link_issued_for_the_enrollment_is_shown_and_kept() {
        let mut created = enrollment("e1", EnrollmentState::Created);
        created.server_now = 9_990;
        let step = download("e1", None).next(Event::LinkIssued(ProfileDownload {
            url: "/enrollment-profiles/t1".into(),
            enrollment: created,
        }));
        assert_eq!(step, download("e1", Some("/enrollment-profiles/t1")));
        // The same state again (an event after the answer) keeps the link.
        let step = step.next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Created,
        )));
        assert_eq!(step, download("e1", Some("/enrollment-profiles/t1")));
    }

    #[test]
    fn a_fresh_link_wins_over_news_of_the_old_download() {
        // Download again from Install: the server may still say Downloaded.
        let step = install("e1").next(Event::DownloadAgain);
        let mut old = enrollment("e1", EnrollmentState::Downloaded);
        old.server_now = 10_200;
        let step = step.next(Event::LinkIssued(ProfileDownload {
            url: "/enrollment-profiles/t2".into(),
            enrollment: old.clone(),
        }));
        let fresh = Step::Download {
            enrollment: id("e1"),
            link: Some(IssuedLink {
                url: "/enrollment-profiles/t2".into(),
                downloads_before: 1,
            }),
            notice: None,
        };
        assert_eq!(step, fresh);
        // The old download is older than the link: stay.
        let step = step.next(Event::EnrollmentUpdated(old.clone()));
        assert_eq!(step, fresh);
        // The new download moves on.
        let mut new = old;
        new.downloaded_at = Some(10_250);
        new.profiles_downloaded = 2;
        new.install_deadline_at = Some(10_730);
        let step = step.next(Event::EnrollmentUpdated(new));
        assert!(
            matches!(
                step,
                Step::Install {
                    deadline: 10_730,
                    ..
                }
            ),
            "{step:?}"
        );
    }

    #[test]
    fn downloads_in_the_same_second_as_the_link_are_told_apart() {
        // Download, Download again and the second download all in one
        // second: only the count says which download the news is about.
        let mut first = enrollment("e1", EnrollmentState::Downloaded);
        first.downloaded_at = Some(10_100);
        first.install_deadline_at = Some(10_580);
        let step = install("e1").next(Event::DownloadAgain);
        let step = step.next(Event::LinkIssued(ProfileDownload {
            url: "/enrollment-profiles/t2".into(),
            enrollment: first.clone(),
        }));
        let step = step.next(Event::EnrollmentUpdated(first.clone()));
        assert!(
            matches!(step, Step::Download { link: Some(_), .. }),
            "{step:?}"
        );
        let second = Enrollment {
            profiles_downloaded: 2,
            ..first
        };
        let step = step.next(Event::EnrollmentUpdated(second));
        assert!(
            matches!(
                step,
                Step::Install {
                    deadline: 10_580,
                    ..
                }
            ),
            "{step:?}"
        );
    }

    #[test]
    fn downloaded_past_its_deadline_is_expired_unless_installing() {
        let mut late = enrollment("e1", EnrollmentState::Downloaded);
        late.server_now = 10_480;
        let step = download("e1", None).next(Event::EnrollmentUpdated(late.clone()));
        assert_eq!(
            step,
            Step::Expired {
                enrollment: id("e1")
            }
        );
        // Still expired when the server repeats it (no ping-pong with the countdown).
        assert_eq!(
            step.clone().next(Event::EnrollmentUpdated(late.clone())),
            step
        );
        late.state = EnrollmentState::Authenticated;
        let installing = step.next(Event::EnrollmentUpdated(late));
        assert!(matches!(
            installing,
            Step::Install {
                installing: true,
                ..
            }
        ));
        // The countdown does not end an install under way.
        assert_eq!(
            installing.clone().next(Event::InstallWindowElapsed),
            installing
        );
    }

    #[test]
    fn downloaded_moves_to_install_with_the_servers_deadline() {
        let step = download("e1", Some("/x")).next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Downloaded,
        )));
        assert_eq!(step, install("e1"));
        let step = step.next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Authenticated,
        )));
        assert_eq!(
            step,
            Step::Install {
                enrollment: id("e1"),
                deadline: 10_480,
                installing: true,
                notice: None
            }
        );
    }

    #[test]
    fn a_missing_deadline_falls_back_to_the_default_window() {
        let mut e = enrollment("e1", EnrollmentState::Downloaded);
        e.install_deadline_at = None;
        let step = download("e1", None).next(Event::EnrollmentUpdated(e.clone()));
        assert!(
            matches!(
                step,
                Step::Install {
                    deadline: 10_480,
                    ..
                }
            ),
            "{step:?}"
        );
        e.downloaded_at = None;
        let step = download("e1", None).next(Event::EnrollmentUpdated(e));
        assert!(
            matches!(
                step,
                Step::Install {
                    deadline: 10_580,
                    ..
                }
            ),
            "{step:?}"
        );
    }

    #[test]
    fn updates_of_another_enrollment_are_ignored() {
        let step = install("e1").next(Event::EnrollmentUpdated(enrollment(
            "other",
            EnrollmentState::Enrolled,
        )));
        assert_eq!(step, install("e1"));
    }

    #[test]
    fn a_used_or_replaced_profile_shows_as_a_notice_on_install() {
        for code in [
            EnrollmentProblemCode::ProfileReplaced,
            EnrollmentProblemCode::ProfileAlreadyUsed,
        ] {
            let mut e = enrollment("e1", EnrollmentState::Downloaded);
            e.problem = Some(problem(code));
            let step = install("e1").next(Event::EnrollmentUpdated(e));
            assert_eq!(
                step,
                Step::Install {
                    enrollment: id("e1"),
                    deadline: 10_480,
                    installing: false,
                    notice: Some(problem(code)),
                }
            );
        }
        // A problem about the device is not a notice.
        let mut e = enrollment("e1", EnrollmentState::Downloaded);
        e.problem = Some(problem(EnrollmentProblemCode::OsTooOld));
        assert_eq!(
            install("e1").next(Event::EnrollmentUpdated(e)),
            install("e1")
        );
    }

    #[test]
    fn download_again_asks_for_a_fresh_link() {
        assert_eq!(
            install("e1").next(Event::DownloadAgain),
            download("e1", None)
        );
        assert_eq!(
            Step::ChooseOwnership { user_choice: None }.next(Event::DownloadAgain),
            Step::ChooseOwnership { user_choice: None }
        );
    }

    #[test]
    fn enrolled_only_when_the_server_says_so() {
        let step = install("e1").next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Enrolled,
        )));
        assert_eq!(
            step,
            Step::Enrolled {
                device_id: Some(DeviceId("dev_9".into()))
            }
        );
        // Final: later news changes nothing.
        let after = step.clone().next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Replaced,
        )));
        assert_eq!(after, step);
    }

    // ------------------------------------------------------------ endings

    #[test]
    fn the_window_elapsing_expires_and_enroll_again_downloads_anew() {
        let expired = install("e1").next(Event::InstallWindowElapsed);
        assert_eq!(
            expired,
            Step::Expired {
                enrollment: id("e1")
            }
        );
        assert_eq!(expired.next(Event::EnrollAgain), download("e1", None));
        // Elsewhere the countdown means nothing.
        assert_eq!(
            download("e1", None).next(Event::InstallWindowElapsed),
            download("e1", None)
        );
    }

    #[test]
    fn the_server_expiring_the_enrollment_expires_it() {
        let step = install("e1").next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Expired,
        )));
        assert_eq!(
            step,
            Step::Expired {
                enrollment: id("e1")
            }
        );
        // The server still wins when the device made it after all.
        let step = step.next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Authenticated,
        )));
        assert!(matches!(
            step,
            Step::Install {
                installing: true,
                ..
            }
        ));
    }

    #[test]
    fn a_rejection_carries_its_problem_and_can_be_retried() {
        let mut e = enrollment("e1", EnrollmentState::Rejected);
        e.problem = Some(problem(EnrollmentProblemCode::OsTooOld));
        let step = install("e1").next(Event::EnrollmentUpdated(e));
        assert_eq!(
            step,
            Step::Rejected {
                enrollment: id("e1"),
                problem: problem(EnrollmentProblemCode::OsTooOld)
            }
        );
        assert_eq!(step.clone().next(Event::DownloadAgain), step);
        assert_eq!(step.next(Event::EnrollAgain), download("e1", None));

        let mut e = enrollment("e1", EnrollmentState::Rejected);
        e.problem = Some(problem(EnrollmentProblemCode::ProfileAlreadyUsed));
        let step = install("e1").next(Event::EnrollmentUpdated(e));
        assert_eq!(step.next(Event::DownloadAgain), download("e1", None));

        let step = install("e1").next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Rejected,
        )));
        assert!(matches!(
            step,
            Step::Rejected {
                problem: EnrollmentProblem {
                    code: EnrollmentProblemCode::Other,
                    ..
                },
                ..
            }
        ));
    }

    #[test]
    fn replaced_starts_over() {
        let step = install("e1").next(Event::EnrollmentUpdated(enrollment(
            "e1",
            EnrollmentState::Replaced,
        )));
        assert_eq!(step, Step::CheckDevice);
        assert_eq!(
            step.next(Event::Detected {
                platform: iphone_safari(),
                rules: rules()
            }),
            Step::ChooseOwnership { user_choice: None }
        );
    }

    // ------------------------------------------------------------ resuming

    fn resumed(step: Step, e: Enrollment, started_here: bool) -> Step {
        step.next(Event::Resumed {
            enrollment: e,
            started_here,
        })
    }

    #[test]
    fn an_enrollment_in_progress_resumes_on_its_step() {
        assert_eq!(
            resumed(
                Step::ChooseOwnership { user_choice: None },
                enrollment("e1", EnrollmentState::Downloaded),
                false
            ),
            install("e1")
        );
        assert_eq!(
            resumed(
                Step::DeviceLimitReached { limit: 3 },
                enrollment("e1", EnrollmentState::Created),
                false
            ),
            download("e1", None)
        );
    }

    #[test]
    fn resuming_never_skips_the_browser_check() {
        let wrong = detected(Platform::detect(IPHONE_CHROME_17, 5, None), rules());
        assert_eq!(
            resumed(
                wrong.clone(),
                enrollment("e1", EnrollmentState::Downloaded),
                true
            ),
            wrong
        );
        // …but a finished enrollment started here is finished anywhere.
        assert!(matches!(
            resumed(wrong, enrollment("e1", EnrollmentState::Enrolled), true),
            Step::Enrolled { .. }
        ));
    }

    #[test]
    fn old_endings_resume_only_where_they_started() {
        let mut old = enrollment("e1", EnrollmentState::Expired);
        old.server_now = 100_000;
        assert_eq!(
            resumed(
                Step::ChooseOwnership { user_choice: None },
                old.clone(),
                false
            ),
            Step::ChooseOwnership { user_choice: None }
        );
        assert_eq!(
            resumed(Step::ChooseOwnership { user_choice: None }, old, true),
            Step::Expired {
                enrollment: id("e1")
            }
        );
        // A fresh expiry shows to any browser (downloaded in Chrome, then
        // moved to Safari).
        assert!(matches!(
            resumed(
                Step::ChooseOwnership { user_choice: None },
                enrollment("e1", EnrollmentState::Expired),
                false
            ),
            Step::Expired { .. }
        ));
        assert_eq!(
            resumed(
                Step::ChooseOwnership { user_choice: None },
                enrollment("e1", EnrollmentState::Enrolled),
                false
            ),
            Step::ChooseOwnership { user_choice: None }
        );
        assert_eq!(
            resumed(
                Step::ChooseOwnership { user_choice: None },
                enrollment("e1", EnrollmentState::Replaced),
                true
            ),
            Step::ChooseOwnership { user_choice: None }
        );
    }

    #[test]
    fn resuming_does_not_interrupt_a_journey_under_way() {
        assert_eq!(
            resumed(
                install("e1"),
                enrollment("e2", EnrollmentState::Created),
                true
            ),
            install("e1")
        );
    }

    // ------------------------------------------------------------ helpers

    #[test]
    fn step_names_and_ids() {
        assert_eq!(install("e1").name(), "install");
        assert_eq!(install("e1").live_enrollment_id(), Some(&id("e1")));
        assert_eq!(
            Step::ChooseOwnership { user_choice: None }.enrollment_id(),
            None
        );
        assert_eq!(
            Step::Enrolled { device_id: None }.live_enrollment_id(),
            None
        );
    }

    #[test]
    fn open_in_safari_prefixes_the_scheme() {
        assert_eq!(
            open_in_safari_url("https://portal.contoso.example/enroll").as_deref(),
            Some("x-safari-https://portal.contoso.example/enroll")
        );
        assert_eq!(open_in_safari_url("javascript:alert(1)"), None);
    }

    // ------------------------------------------------------------ property-style

    /// A small deterministic generator (xorshift64*), so the sequences are
    /// the same on every run and no crate is needed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Clone>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())].clone()
        }
    }

    const STATES: [EnrollmentState; 7] = [
        EnrollmentState::Created,
        EnrollmentState::Downloaded,
        EnrollmentState::Authenticated,
        EnrollmentState::Enrolled,
        EnrollmentState::Expired,
        EnrollmentState::Rejected,
        EnrollmentState::Replaced,
    ];

    const CODES: [EnrollmentProblemCode; 9] = [
        EnrollmentProblemCode::OsTooOld,
        EnrollmentProblemCode::OsTooNew,
        EnrollmentProblemCode::DeviceNotAllowed,
        EnrollmentProblemCode::DeviceLimitReached,
        EnrollmentProblemCode::ProfileAlreadyUsed,
        EnrollmentProblemCode::ProfileReplaced,
        EnrollmentProblemCode::ProfileExpired,
        EnrollmentProblemCode::DeviceNotIdentified,
        EnrollmentProblemCode::Other,
    ];

    fn random_enrollment(rng: &mut Rng) -> Enrollment {
        let mut e = enrollment(rng.pick(&["e1", "e2"]), rng.pick(&STATES));
        if rng.below(3) == 0 {
            e.problem = Some(problem(rng.pick(&CODES)));
        }
        if rng.below(4) == 0 {
            e.install_deadline_at = None;
        }
        if rng.below(4) == 0 {
            e.downloaded_at = None;
        }
        if rng.below(3) == 0 {
            e.server_now = 50_000;
        }
        if rng.below(4) == 0 {
            e.enrollment_type = EnrollmentType::UserEnrollment;
            e.account_driven = rng.below(2) == 0;
        }
        e
    }

    fn random_event(
        rng: &mut Rng,
        platforms: &[Platform],
        rules_choices: &[EnrollmentRules],
    ) -> Event {
        match rng.below(12) {
            0 => Event::Detected {
                platform: rng.pick(platforms),
                rules: rng.pick(rules_choices),
            },
            1 => Event::Resumed {
                enrollment: random_enrollment(rng),
                started_here: rng.below(2) == 0,
            },
            2 => Event::OwnershipChosen(rng.pick(&[Ownership::Personal, Ownership::Corporate])),
            3 => Event::Back,
            4 => Event::EnrollmentUpdated(random_enrollment(rng)),
            5 => Event::LinkIssued(ProfileDownload {
                url: format!("/enrollment-profiles/t{}", rng.below(100)),
                enrollment: random_enrollment(rng),
            }),
            6 => Event::DownloadAgain,
            7 => Event::InstallWindowElapsed,
            8 => Event::EnrollAgain,
            9 => Event::EnrollmentTypeChosen(rng.pick(&[
                EnrollmentType::DeviceEnrollment,
                EnrollmentType::UserEnrollment,
            ])),
            10 => Event::LegacyUserEnrollmentChosen,
            _ => Event::EnrollmentUpdated(random_enrollment(rng)),
        }
    }

    /// The enrollment an event carries from the server, if any.
    fn carried(event: &Event) -> Option<&Enrollment> {
        match event {
            Event::Resumed { enrollment, .. } | Event::EnrollmentUpdated(enrollment) => {
                Some(enrollment)
            }
            Event::LinkIssued(download) => Some(&download.enrollment),
            _ => None,
        }
    }

    /// Thousands of random event sequences from the start never reach an
    /// impossible state.
    #[test]
    fn no_event_sequence_reaches_an_impossible_state() {
        let platforms = [
            iphone_safari(),
            Platform::detect(IPHONE_CHROME_17, 5, None),
            Platform::detect(IPHONE_OUTLOOK, 5, None),
            Platform::detect(IPAD_DESKTOP, 5, None),
            Platform::detect(IPHONE_SAFARI_16, 5, None),
            Platform::detect(WINDOWS_EDGE, 0, None),
            Platform::detect(IPHONE_SAFARI_17, 5, Some(true)),
            Platform::detect(IPHONE_SAFARI_14, 5, None),
        ];
        let rules_choices = [
            rules(),
            EnrollmentRules {
                ownership_choice: false,
                ..rules()
            },
            EnrollmentRules {
                os_versions: VersionRange::at_least(v("17.0")),
                devices_enrolled: 3,
                ..rules()
            },
            EnrollmentRules {
                allowed_devices: vec![DeviceKind::Ipad],
                ..rules()
            },
            EnrollmentRules {
                legacy_user_enrollment: true,
                os_versions: VersionRange::at_least(v("13.0")),
                enrollment_profile_type: EnrollmentProfileType::UserChoice,
                ..rules()
            },
            EnrollmentRules {
                enrollment_profile_type: EnrollmentProfileType::UserChoice,
                ..rules()
            },
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut seen = std::collections::HashSet::new();

        for _ in 0..3_000 {
            let mut step = Step::CheckDevice;
            let mut detected_rules: Option<EnrollmentRules> = None;
            for _ in 0..25 {
                let event = random_event(&mut rng, &platforms, &rules_choices);
                let before = step.clone();
                if let (Step::CheckDevice, Event::Detected { rules, .. }) = (&before, &event) {
                    detected_rules = Some(rules.clone());
                }
                step = before.clone().next(event.clone());
                seen.insert(step.name());
                let server = carried(&event);

                // Enrolled only from the server's word that it is.
                if matches!(step, Step::Enrolled { .. }) && !matches!(before, Step::Enrolled { .. })
                {
                    assert_eq!(
                        server.map(|e| e.state),
                        Some(EnrollmentState::Enrolled),
                        "{before:?} --{event:?}--> {step:?}"
                    );
                }
                // Install always has a deadline the server gave or implied,
                // and follows a Downloaded/Authenticated enrollment.
                if let Step::Install { deadline, .. } = &step {
                    assert!(*deadline > 0);
                    if before != step && !matches!(before, Step::Install { .. }) {
                        let state = server.map(|e| e.state);
                        assert!(
                            matches!(
                                state,
                                Some(EnrollmentState::Downloaded | EnrollmentState::Authenticated)
                            ),
                            "{before:?} --{event:?}--> {step:?}"
                        );
                    }
                }
                // A step of an enrollment keeps its id unless a server
                // answer about another enrollment legitimately took over
                // from a step without one.
                if let (Some(old), Some(new)) = (before.enrollment_id(), step.enrollment_id()) {
                    assert_eq!(old, new, "{before:?} --{event:?}--> {step:?}");
                }
                if let Some(new) = step.enrollment_id() {
                    if before.enrollment_id().is_none() {
                        assert_eq!(server.map(|e| &e.id), Some(new));
                    }
                }
                // The ownership question only when the organization asks it.
                if matches!(step, Step::ChooseOwnership { .. })
                    && !matches!(before, Step::ChooseOwnership { .. })
                {
                    assert!(
                        detected_rules.as_ref().is_some_and(|r| r.ownership_choice),
                        "{before:?} --{event:?}--> {step:?}"
                    );
                }
                // Wrong browser and not-an-iPhone are left only for Enrolled.
                if matches!(before, Step::WrongBrowser { .. } | Step::NotAppleMobile)
                    && before != step
                {
                    assert!(
                        matches!(step, Step::Enrolled { .. }),
                        "{before:?} -> {step:?}"
                    );
                }
                // Only work apps and data by a download only where the
                // organization offers legacy user enrollment.
                if let Step::Privacy {
                    enrollment_type: EnrollmentType::UserEnrollment,
                    ..
                } = &step
                {
                    assert!(
                        detected_rules
                            .as_ref()
                            .is_some_and(|r| r.legacy_user_enrollment),
                        "{before:?} --{event:?}--> {step:?}"
                    );
                }
                // A rejection always says why.
                if let Step::Rejected { problem, .. } = &step {
                    let _ = problem.code;
                }
                // Back to the start only through Replaced.
                if step == Step::CheckDevice && before != Step::CheckDevice {
                    assert_eq!(server.map(|e| e.state), Some(EnrollmentState::Replaced));
                }
            }
        }
        // The walk visited every screen.
        for name in [
            "check-device",
            "wrong-browser",
            "not-apple-mobile",
            "device-not-allowed",
            "update-os",
            "device-limit-reached",
            "choose-ownership",
            "choose-enrollment-type",
            "sign-in-to-work-account",
            "privacy",
            "download",
            "install",
            "expired",
            "rejected",
            "enrolled",
        ] {
            assert!(seen.contains(name), "never reached {name}");
        }
    }
}
