# Company Portal — Arabic (Modern Standard Arabic). Translated key for key
# from en.ftl, with the same placeholders. The app lays it out right to left
# and isolates the placeholders itself.

product-name = بوابة الشركة

## Shell: header, navigation, banners and footer of every page

shell-skip-to-main = التخطي إلى المحتوى الرئيسي
shell-signed-in-as = تم تسجيل الدخول باسم
shell-sign-out = تسجيل الخروج
shell-signing-out = جارٍ تسجيل الخروج…
shell-sign-out-failed = لا تزال مسجّل الدخول
shell-nav-label = التنقل الرئيسي
shell-nav-devices = أجهزتي
shell-nav-enroll = تسجيل جهاز
shell-nav-notifications = الإشعارات
shell-nav-help = المساعدة
shell-privacy-link = ما الذي يمكن أن تراه { $org }؟
shell-privacy-statement = بيان الخصوصية
offline-title = أنت غير متصل بالإنترنت.
unreachable-title = البوابة لا تستجيب.
offline-explanation = يمكنك التصفح، لكن الإجراءات متوقفة إلى أن يعود الاتصال. ولن يُرسَل أي شيء لاحقًا دون أن تطلبه.
update-ready = إصدار جديد من البوابة جاهز.
update-reload = إعادة التحميل
language-picker-label = اللغة
language-picker-failed = تعذّر تحميل هذه اللغة. تحقّق من اتصالك وحاول مرة أخرى.

## Validation: what a field needs (the sign-in form, Rename)

validation-email-empty = أدخل عنوان بريدك الإلكتروني.
validation-email-malformed = أدخل عنوان بريد إلكتروني مثل name@example.com.
validation-email-too-long = عنوان البريد الإلكتروني هذا طويل جدًا.
validation-password-empty = أدخل كلمة السر.
validation-password-too-long = كلمة السر هذه طويلة جدًا.
validation-password-too-short = { $min ->
    [zero] اختر كلمة سر مكوّنة من { $min } حرف على الأقل.
    [one] اختر كلمة سر مكوّنة من حرف واحد على الأقل.
    [two] اختر كلمة سر مكوّنة من حرفين على الأقل.
    [few] اختر كلمة سر مكوّنة من { $min } أحرف على الأقل.
    [many] اختر كلمة سر مكوّنة من { $min } حرفًا على الأقل.
   *[other] اختر كلمة سر مكوّنة من { $min } حرف على الأقل.
}
validation-device-name-empty = أدخل اسمًا لهذا الجهاز.
validation-device-name-too-long = { $max ->
    [zero] استخدم { $max } حرف على الأكثر.
    [one] استخدم حرفًا واحدًا على الأكثر.
    [two] استخدم حرفين على الأكثر.
    [few] استخدم { $max } أحرف على الأكثر.
    [many] استخدم { $max } حرفًا على الأكثر.
   *[other] استخدم { $max } حرف على الأكثر.
}
validation-device-name-control-characters = استخدم الأحرف والأرقام والمسافات وعلامات الترقيم فقط.

## Sign in

sign-in-heading = تسجيل الدخول
sign-in-heading-organization = تسجيل الدخول إلى { $org }
sign-in-checking = جارٍ التحقق مما إذا كنت قد سجّلت الدخول…
sign-in-opening = تم تسجيل الدخول. جارٍ فتح البوابة…
sign-in-lead = استخدم عنوان البريد الإلكتروني وكلمة السر الخاصين بعملك.
sign-in-email-label = عنوان البريد الإلكتروني
sign-in-password-label = كلمة السر
sign-in-submit = تسجيل الدخول
sign-in-pending = جارٍ تسجيل الدخول…
sign-in-trouble-heading = هل تواجه مشكلة في تسجيل الدخول؟
sign-in-trouble-loading = جارٍ تحميل بيانات الاتصال بمكتب المساعدة…
sign-in-trouble-help-desk = يمكن لمكتب المساعدة إعادة تعيين كلمة السر أو إلغاء قفل حسابك.
sign-in-trouble-load-failed = تعذّر تحميل بيانات الاتصال بمكتب المساعدة
sign-in-trouble-it-department = يمكن لقسم تكنولوجيا المعلومات إعادة تعيين كلمة السر أو إلغاء قفل حسابك.
sign-in-more-help = مزيد من المساعدة
sign-in-oidc-lead = استخدم حساب العمل الخاص بك، بطريقة تسجيل الدخول المعتادة في مؤسستك.
sign-in-with-organization = تسجيل الدخول باستخدام { $org }
sign-in-or-password = أو استخدم عنوان بريد إلكتروني وكلمة سر من هذه البوابة:
sign-in-oidc-error-cancelled = أُلغي تسجيل الدخول. للمحاولة مرة أخرى، اختر تسجيل الدخول أدناه.
sign-in-oidc-error-provider-unavailable = لم تستجب خدمة تسجيل الدخول في مؤسستك. حاول مرة أخرى بعد بضع دقائق، أو اتصل بمكتب المساعدة.
sign-in-oidc-error-email-not-verified = لم يتم التحقق من عنوان البريد الإلكتروني لحساب العمل الخاص بك بعد. اطلب من مكتب المساعدة التحقق منه، ثم سجّل الدخول مرة أخرى.
sign-in-oidc-error-email-missing = لا يحتوي حساب العمل الخاص بك على عنوان بريد إلكتروني يمكن للبوابة استخدامه. اطلب من مكتب المساعدة إضافة عنوان، ثم سجّل الدخول مرة أخرى.
sign-in-oidc-error-invalid-response = تعذّر الوثوق بالرد الوارد من خدمة تسجيل الدخول في مؤسستك، لذلك لم يتم تسجيل دخولك. حاول مرة أخرى؛ وإذا تكرر ذلك، اتصل بمكتب المساعدة.
sign-in-oidc-error-expired = استغرق تسجيل الدخول هذا وقتًا طويلاً أو سبق استخدامه. اختر تسجيل الدخول للبدء من جديد.
sign-in-oidc-error-not-configured = تسجيل الدخول بحساب العمل غير مُعدّ لهذه البوابة. اتصل بمكتب المساعدة.
sign-in-oidc-error-unknown = لم يتم تسجيل دخولك. حاول مرة أخرى؛ وإذا تكرر ذلك، اتصل بمكتب المساعدة.

## Shared pieces: error panel, form messages

error-panel-try-again = إعادة المحاولة
page-code-loading = جارٍ التحميل…
page-code-failed = تعذّر تحميل هذه الصفحة
form-field-error-prefix = خطأ:

## Device words: compliance, rules, remote lock, enrollment types, ownership, OS (My devices and a device's page)

compliance-compliant = يمكنه الوصول إلى موارد الشركة
compliance-in-grace-period = غير متوافق — لا يزال بإمكانه الوصول مؤقتًا
compliance-not-compliant = لا يمكنه الوصول إلى موارد الشركة
compliance-unknown = لم يتم التحقق بعد
compliance-grace-until = غير متوافق — لا يزال بإمكانه الوصول حتى { $time }
rule-minimum-os-version = يلزم تحديث البرامج
rule-passcode-required = يلزم رمز دخول
rule-recent-check-in = لم يتصل مؤخرًا
remote-lock-pending = القفل عن بُعد قيد الانتظار
remote-lock-succeeded = نجح القفل عن بُعد
remote-lock-failed = فشل القفل عن بُعد

enrollment-type-device = تسجيل الجهاز
enrollment-type-user = تسجيل المستخدم
enrollment-type-user-fact = تسجيل المستخدم — تطبيقات العمل وبياناته فقط
enrollment-type-device-cannot-see = لا يمكن لمؤسستك رؤية بريدك الإلكتروني الشخصي أو رسائلك أو صورك أو سجل التصفح أو موقعك أو سجل المكالمات.
enrollment-type-user-cannot-see = لا يمكن لمؤسستك رؤية تطبيقاتك الشخصية أو بريدك الإلكتروني الشخصي أو رسائلك أو صورك أو سجل التصفح أو موقعك أو سجل المكالمات أو الرقم التسلسلي لهذا الجهاز.
enrollment-type-device-managed = تسجيل الجهاز: تتم إدارة الجهاز بالكامل
enrollment-type-user-managed = تسجيل المستخدم: تتم إدارة تطبيقات العمل وبيانات العمل فقط
ownership-personal = شخصي
ownership-corporate = مؤسسي
os-name-ios = iOS
os-name-ipados = iPadOS
os-version-label = إصدار { $os }

## Why a device refused a command (when it gave no words of its own)

command-failure-no-reason = لم يذكر الجهاز السبب.
command-failure-unreadable = تعذّر على الجهاز قراءة الطلب.

## Durations, in their largest whole unit ($count: how many)

duration-days = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
duration-hours = { $count ->
    [zero] { $count } ساعة
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $count } ساعات
    [many] { $count } ساعة
   *[other] { $count } ساعة
}
duration-minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
duration-seconds = { $count ->
    [zero] { $count } ثانية
    [one] ثانية واحدة
    [two] ثانيتان
    [few] { $count } ثوانٍ
    [many] { $count } ثانية
   *[other] { $count } ثانية
}

## Errors of requests to the portal (shown wherever a request failed)

api-error-invalid-credentials = لا يوجد حساب يطابق عنوان البريد الإلكتروني وكلمة السر هذين. تحقّق منهما وحاول مرة أخرى.
api-error-too-many-attempts = محاولات تسجيل دخول كثيرة جدًا. انتظر بضع دقائق، ثم حاول مرة أخرى.
api-error-not-signed-in = انتهت جلستك. سجّل الدخول مرة أخرى.
api-error-forbidden = لم تقبل البوابة هذا الطلب. أعد تحميل الصفحة وحاول مرة أخرى.
api-error-not-found = هذا العنصر غير موجود أو لا يخصّك.
api-error-internal = حدث خطأ ما في البوابة. حاول مرة أخرى بعد قليل.
api-error-enrollment-not-set-up = لم تُكمل مؤسستك إعداد التسجيل بعد، لذا لا يمكن تسجيل الأجهزة الآن. تواصل مع فريق الدعم التقني.
api-error-enrollment-type-not-allowed = لا تسمح مؤسستك بطريقة التسجيل هذه لحسابك. ارجع إلى «تسجيل هذا الجهاز» لترى الطريقة التي تسمح بها.
api-error-wrong-account = أنت مسجّل الدخول بحساب غير الحساب الذي كتبته في الإعدادات. سجّل الخروج، ثم سجّل الدخول بالحساب الذي كتبته في الإعدادات.
api-error-unknown = حدث خطأ ما. حاول مرة أخرى بعد قليل.
api-error-network = يتعذّر الوصول إلى البوابة. تحقّق من اتصالك وحاول مرة أخرى.
api-error-unavailable = البوابة غير متاحة حاليًا. حاول مرة أخرى بعد بضع دقائق.
api-error-unexpected-response = أرسلت البوابة ردًا لا تفهمه هذه الصفحة. أعد تحميل الصفحة وحاول مرة أخرى.
api-error-unreadable-request = تعذّر على البوابة قراءة هذا الطلب. أعد تحميل الصفحة وحاول مرة أخرى.
api-error-method-not-allowed = لا تدعم البوابة هذا الإجراء هنا. أعد تحميل الصفحة وحاول مرة أخرى.
api-error-too-many-attempts-wait = { $minutes ->
    [zero] محاولات تسجيل دخول كثيرة جدًا. حاول مرة أخرى الآن.
    [one] محاولات تسجيل دخول كثيرة جدًا. انتظر دقيقة واحدة، ثم حاول مرة أخرى.
    [two] محاولات تسجيل دخول كثيرة جدًا. انتظر دقيقتين، ثم حاول مرة أخرى.
    [few] محاولات تسجيل دخول كثيرة جدًا. انتظر { $minutes } دقائق، ثم حاول مرة أخرى.
    [many] محاولات تسجيل دخول كثيرة جدًا. انتظر { $minutes } دقيقة، ثم حاول مرة أخرى.
   *[other] محاولات تسجيل دخول كثيرة جدًا. انتظر { $minutes } دقيقة، ثم حاول مرة أخرى.
}
api-error-local-accounts-off = تسجّل مؤسستك الدخول بحسابات العمل فقط. سجّل الدخول بحساب العمل الخاص بك بدلًا من ذلك.
api-error-portal-not-set-up = لم يتم إعداد هذه البوابة بعد. تواصل مع فريق الدعم التقني.
api-error-enrollment-type-not-allowed-by = لا تسمح { $org } بطريقة التسجيل هذه لحسابك. ارجع إلى «تسجيل هذا الجهاز» لترى الطريقة التي تسمح بها.
api-error-wrong-account-signed-in-as = أنت مسجّل الدخول باسم { $account }، وليس بالحساب الذي كتبته في الإعدادات. سجّل الخروج، ثم سجّل الدخول بالحساب الذي كتبته في الإعدادات.
api-error-device-limit-reached = لديك بالفعل أكبر عدد من الأجهزة المسجّلة تسمح به { $org } ({ $limit }). أزِل جهازًا لم تعد تستخدمه من «أجهزتي»، ثم حاول مرة أخرى.
api-error-device-limit-reached-no-details = لديك بالفعل أكبر عدد من الأجهزة المسجّلة تسمح به مؤسستك. أزِل جهازًا لم تعد تستخدمه من «أجهزتي»، ثم حاول مرة أخرى.
api-error-enrollment-already-finished = انتهى هذا التسجيل، لذا لم يعد بإمكانه تنزيل ملف تعريف. ابدأ من جديد من «تسجيل هذا الجهاز».
api-error-remove-pending = تجري إزالة هذا الجهاز، لذا لم يعد بإمكانه القيام بذلك.
api-error-not-allowed-for-user-enrollment = هذا الإجراء غير متاح لجهاز مسجّل عبر تسجيل المستخدم.
api-error-request-timeout = استغرق الطلب وقتًا طويلًا للوصول إلى البوابة. تحقّق من اتصالك ثم حاول مرة أخرى.
api-error-too-many-event-streams = تتابع صفحات كثيرة جدًا التحديثات المباشرة في هذا المتصفح. أغلق بعض علامات تبويب البوابة، ثم أعد تحميل هذه الصفحة.
api-error-storage-unavailable = لا تستطيع البوابة الوصول إلى بياناتها الآن، لذلك لم يتغير شيء. حاول مرة أخرى بعد دقيقة.

## Notifications

notifications-heading = الإشعارات
notifications-loading = جارٍ تحميل إشعاراتك…
notifications-load-failed = تعذّر تحميل إشعاراتك
notifications-none = لا توجد إشعارات بعد. عندما تقفل جهازًا أو تتحقق من حالته أو تزيله، يظهر هنا ما حدث.
notification-remote-lock-succeeded = نجح القفل عن بُعد: تم قفل { $name }.
notification-remote-lock-failed = فشل قفل { $name } عن بُعد. افتح صفحة الجهاز لإعادة المحاولة.
notification-check-status-finished = انتهى التحقق من حالة { $name }. افتح صفحة الجهاز لرؤية النتيجة.
notification-check-status-timed-out = لم يستجب { $name } للتحقق من الحالة في الوقت المحدد. تأكّد من أنه قيد التشغيل ومتصل بالإنترنت، ثم حاول مرة أخرى.
notification-remove-finished = تمت إزالة { $name }. لم تعد مؤسستك تديره.
notification-remove-timed-out = لم يستجب { $name } في الوقت المحدد، لذا أُزيل من البوابة. إذا كان لا يزال مُدارًا، فأزِل ملف تعريف الإدارة من الجهاز: الإعدادات > عام > VPN وإدارة الأجهزة.
notification-remote-lock-failed-because = فشل قفل { $name } عن بُعد: { $reason }
notification-check-status-compliant = انتهى التحقق من الحالة: يستوفي { $name } متطلبات مؤسستك.
notification-check-status-issues = { $count ->
    [one] انتهى التحقق من الحالة: لدى { $name } مشكلة واحدة يجب حلها: { $rules }. افتحه في «أجهزتي» لترى ما يجب فعله.
    [two] انتهى التحقق من الحالة: لدى { $name } مشكلتان يجب حلهما: { $rules }. افتحه في «أجهزتي» لترى ما يجب فعله.
    [few] انتهى التحقق من الحالة: لدى { $name } { $count } مشكلات يجب حلها: { $rules }. افتحه في «أجهزتي» لترى ما يجب فعله.
   *[other] انتهى التحقق من الحالة: لدى { $name } { $count } مشكلة يجب حلها: { $rules }. افتحه في «أجهزتي» لترى ما يجب فعله.
}
notification-check-status-failed = فشل التحقق من حالة { $name }: { $reason }
notification-remove-failed = تعذّرت إزالة { $name }: { $reason } حاول مرة أخرى، أو تواصل مع مكتب مساعدة تقنية المعلومات.
notification-remove-timed-out-after = لم يستجب { $name } خلال { $period }، لذا أُزيل من البوابة. إذا كان لا يزال مُدارًا، فأزِل ملف تعريف الإدارة من الجهاز: الإعدادات > عام > VPN وإدارة الأجهزة.
taking-you-to-sign-in = جارٍ نقلك إلى تسجيل الدخول…

## Page not found

not-found-heading = لم يتم العثور على الصفحة
not-found-explanation = لا توجد صفحة بهذا العنوان. تحقّق من عدم وجود أخطاء في كتابته، أو انتقل إلى إحدى هذه الصفحات:
not-found-enroll = تسجيل هذا الجهاز

## Enroll: the journey's frame (title, loading, offline, profile notices)

enroll-page-title = تسجيل جهاز
enroll-heading = تسجيل هذا الجهاز
enroll-checking = جارٍ التحقق من هذا الجهاز…
enroll-to-sign-in = جارٍ نقلك إلى تسجيل الدخول…
enroll-load-failed = تعذّر بدء التسجيل
enroll-offline = أنت غير متصل بالإنترنت، لذا أُوقفت الخطوات أدناه. وستتابع هذه الصفحة عندما يعود الاتصال.
enroll-org-fallback = مؤسستك
enroll-notice-profile-replaced = حلّ تنزيل أحدث محل ملف التعريف الذي ثبّته. أزِله من الإعدادات > عام > VPN وإدارة الأجهزة، ثم اضغط على «إعادة التنزيل».
enroll-notice-profile-already-used = سبق تثبيت ملف التعريف هذا. اضغط على «إعادة التنزيل» للحصول على ملف جديد.
enroll-notice-profile-expired = ثُبّت ملف التعريف هذا بعد فوات الأوان. اضغط على «إعادة التنزيل» للحصول على ملف جديد.
enroll-notice-other = حدث خطأ ما في ملف التعريف. اضغط على «إعادة التنزيل» للحصول على ملف جديد.
enroll-continue = متابعة
enroll-again-button = إعادة التسجيل
enroll-download-again-button = إعادة التنزيل
enroll-go-to-my-devices = الانتقال إلى أجهزتي
enroll-not-set-up-heading = التسجيل غير متاح بعد
enroll-not-set-up-lead = لم تُكمل { $org } إعداد التسجيل بعد، لذا لا يمكن تسجيل أي جهاز الآن. هذه ليست مشكلة في جهازك.
enroll-not-set-up-contact = تواصل مع فريق الدعم التقني في { $org } وأخبرهم أن التسجيل لم يُعدّ بعد:
enroll-not-set-up-contact-it = تواصل مع فريق الدعم التقني في { $org } وأخبرهم أن التسجيل لم يُعدّ بعد. بعد أن ينتهوا، عُد إلى هذه الصفحة.
enroll-contact-help-desk = التواصل مع مكتب المساعدة
enroll-what-happens-next = ما الذي سيحدث بعد ذلك

## Enroll: who owns this device

enroll-ownership-heading = من يملك هذا الجهاز؟
enroll-ownership-lead = يحدد ذلك ما يمكن لمؤسستك رؤيته وفعله عليه.
enroll-ownership-personal = أنا أملك هذا الجهاز
enroll-ownership-personal-hint = اشتريته بنفسك، أو أصبح ملكًا لك.
enroll-ownership-corporate = تملك { $org } هذا الجهاز
enroll-ownership-corporate-hint = سلّمتك { $org } إياه لاستخدامه في العمل.
enroll-ownership-choose-one = اختر مالك هذا الجهاز.
enroll-secure-heading = ما الذي تريد تأمينه؟
enroll-secure-lead = يبقى جهازك ملكك في الحالتين. يحدّد هذا الاختيار مقدار ما تديره { $org } منه.
enroll-secure-entire-device = الجهاز بالكامل
enroll-secure-entire-device-hint = تدير { $org } الجهاز بالكامل وإعداداته، لكنها لا ترى بريدك الشخصي أو رسائلك أو صورك.
enroll-secure-work-only = تطبيقات العمل وبياناته فقط
enroll-secure-work-only-hint = تُحفظ تطبيقات العمل وبياناتها منفصلة عن بياناتك؛ تدير { $org } هذه فقط، ولا يمكنها أبدًا رؤية أي شيء آخر أو مسحه.
enroll-secure-choose-one = اختر ما تريد تأمينه.
enroll-work-account-heading = سجّل الدخول إلى حساب العمل في الإعدادات
enroll-work-account-lead = لا يوجد ما يُنزَّل: تسجّل الدخول إلى حساب العمل في الإعدادات، ثم تدير { $org } تطبيقات العمل وبياناته فقط، منفصلة عن بياناتك.
enroll-work-account-steps-heading = على iPhone أو iPad
enroll-work-account-step-settings = افتح الإعدادات، ثم اضغط على عام.
enroll-work-account-step-vpn = اضغط على VPN وإدارة الجهاز.
enroll-work-account-step-sign-in = اضغط على تسجيل الدخول إلى حساب العمل أو المدرسة.
enroll-work-account-step-account = اكتب حساب العمل: { $account }
enroll-work-account-step-account-unknown = اكتب عنوان بريدك الإلكتروني للعمل.
enroll-work-account-step-finish = سجّل الدخول عندما تطلب { $org } ذلك، ثم اتبع الخطوات في الإعدادات.
enroll-work-account-copy = نسخ اسم الحساب
enroll-work-account-copied = نُسخ اسم الحساب. الصقه في الإعدادات.
enroll-work-account-copy-by-hand = انسخ اسم الحساب هذا، ثم الصقه في الإعدادات:
enroll-work-account-field-label = حساب العمل
enroll-work-account-os = تحتاج إلى iOS 15 أو iPadOS 15 أو أحدث.
enroll-work-account-waiting = عندما يُسجَّل جهازك، تعرض هذه الصفحة ذلك من تلقاء نفسها.
enroll-work-account-legacy-heading = أو نزّل ملف تعريف
enroll-work-account-legacy-text = يمكن لجهازك أيضًا أن يحصل على تطبيقات العمل وبياناته فقط بتنزيل ملف تعريف وتثبيته في الإعدادات. تسجيل الدخول إلى حساب العمل في الإعدادات هو الطريقة التي توصي بها Apple.
enroll-work-account-legacy-button = نزّل ملف تعريف بدلًا من ذلك

## Enroll: device limit reached

enroll-limit-heading = لقد وصلت إلى الحد الأقصى لعدد الأجهزة
enroll-limit-lead = { $limit ->
    [zero] لا تسمح لك { $org } بتسجيل أي جهاز.
    [one] تسمح لك { $org } بتسجيل جهاز واحد، ولديك جهاز مسجّل بالفعل.
    [two] تسمح لك { $org } بتسجيل جهازين كحد أقصى، ولديك جهازان بالفعل.
    [few] تسمح لك { $org } بتسجيل ما يصل إلى { $limit } أجهزة، ولديك { $limit } أجهزة بالفعل.
    [many] تسمح لك { $org } بتسجيل ما يصل إلى { $limit } جهازًا، ولديك { $limit } جهازًا بالفعل.
   *[other] تسمح لك { $org } بتسجيل ما يصل إلى { $limit } جهاز، ولديك { $limit } جهاز بالفعل.
}
enroll-limit-what-to-do = أزِل جهازًا لم تعد تستخدمه من «أجهزتي»، ثم عُد إلى هذه الصفحة.

## Enroll: device not allowed

enroll-device-not-allowed-heading = لا يمكن تسجيل جهاز { $device } هذا
enroll-device-not-allowed-lead = لا تسمح { $org } بتسجيل أجهزة { $device }. إذا كان لديك جهاز آخر للعمل، فافتح هذه الصفحة عليه. هل لديك أسئلة؟ اسأل مكتب المساعدة.

## Enroll: download the profile

enroll-download-heading = تنزيل ملف تعريف الإدارة
enroll-download-lead = يتيح ملف التعريف لمؤسستك إعداد تطبيقات العمل والبريد الإلكتروني وشبكة Wi-Fi على هذا الجهاز.
enroll-download-button = تنزيل ملف التعريف
enroll-download-preparing = جارٍ تجهيز ملف التعريف…
enroll-download-failed = تعذّر تجهيز ملف التعريف
enroll-download-step-tap = اضغط على «تنزيل ملف التعريف».
enroll-download-step-allow = يسألك Safari: «يحاول موقع الويب هذا تنزيل ملف تعريف التكوين. هل تريد السماح بذلك؟» اضغط على «سماح».
enroll-download-step-close = يعرض Safari الرسالة «تم تنزيل ملف التعريف». اضغط على «إغلاق». ستعرض لك هذه الصفحة بعد ذلك كيفية تثبيته.

## Enroll: enrolled

enroll-enrolled-heading = كل شيء جاهز
enroll-enrolled-lead = أصبح جهاز { $device } هذا مسجّلًا لدى { $org }.
enroll-enrolled-wait = انتظر بضع دقائق قبل تسجيل الدخول إلى تطبيقات العمل، فلا يزال جهازك يتلقى إعداداته.
enroll-enrolled-first-app = ثم افتح أحد تطبيقات العمل، مثل بريد العمل، وسجّل الدخول. ابدأ به، وليس بتطبيق أمان.
enroll-enrolled-apps-arrive = ستظهر التطبيقات التي تثبّتها مؤسستك على الشاشة الرئيسية خلال الدقائق القليلة القادمة.

## Enroll: the profile expired

enroll-expired-heading = تعذّر العثور على ملف تعريف الإدارة
enroll-expired-why = { $minutes ->
    [zero] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال { $minutes } دقيقة، لذا لم يعد موجودًا في الإعدادات.
    [one] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال دقيقة واحدة، لذا لم يعد موجودًا في الإعدادات.
    [two] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال دقيقتين، لذا لم يعد موجودًا في الإعدادات.
    [few] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال { $minutes } دقائق، لذا لم يعد موجودًا في الإعدادات.
    [many] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال { $minutes } دقيقة، لذا لم يعد موجودًا في الإعدادات.
   *[other] يزيل iOS ملف التعريف الذي تم تنزيله إذا لم يُثبَّت خلال { $minutes } دقيقة، لذا لم يعد موجودًا في الإعدادات.
}
enroll-expired-what-to-do = أعد التسجيل لتنزيل ملف جديد، ولن تحتاج إلى الإجابة عن الأسئلة مرة أخرى. ثم ثبّته في الإعدادات على الفور.

## Enroll: install the profile in Settings

enroll-install-heading = تثبيت ملف التعريف في الإعدادات
enroll-install-lead = ملف التعريف موجود على جهازك. ثبّته في تطبيق الإعدادات قبل انتهاء الوقت.
enroll-install-installing = بدأ جهازك بتثبيت ملف التعريف. أكمل الخطوات في الإعدادات، وستتحدّث هذه الصفحة تلقائيًا.
enroll-install-steps-heading = كيفية تثبيته
enroll-install-step-settings = افتح تطبيق الإعدادات.
enroll-install-step-profile = اضغط على «تم تنزيل ملف التعريف» بالقرب من الأعلى.
enroll-install-step-profile-elsewhere = ألا تراه؟ انتقل إلى عام > VPN وإدارة الأجهزة، واضغط على ملف التعريف.
enroll-install-step-install = اضغط على «تثبيت»، ثم أدخل رمز الدخول لجهاز { $device }.
enroll-install-step-confirm = اضغط على «تثبيت» مرة أخرى للتأكيد، ثم على «وثوق».
enroll-install-step-done = اضغط على «تم» وعُد إلى Safari. ستتحدّث هذه الصفحة تلقائيًا.
enroll-install-shows-settings = الإعدادات
enroll-install-shows-profile = تم تنزيل ملف التعريف
enroll-install-shows-install = تثبيت
enroll-install-shows-trust = وثوق
enroll-install-again-heading = هل ضغطت على «تجاهل»، أو لم تجد ملف التعريف؟
enroll-install-again = نزّله مرة أخرى. سيحل التنزيل الجديد محل القديم.

## Enroll: not an iPhone or iPad

enroll-not-apple-heading = افتح هذه الصفحة على iPhone أو iPad
enroll-not-apple-lead = افتح هذه الصفحة على جهاز iPhone أو iPad الذي تريد تسجيله. وجّه كاميرته نحو هذا الرمز، أو اكتب الرابط في Safari.
enroll-not-apple-qr-label = رمز QR لرابط هذه الصفحة
enroll-not-apple-link-label = الرابط:
enroll-not-apple-only-apple = لا يمكن هنا تسجيل سوى أجهزة iPhone وiPad.

## Signed-in pages: the sign-in check

require-sign-in-checking = جارٍ التحقق من تسجيل دخولك…
require-sign-in-failed = تعذّر التحقق من تسجيل دخولك

## Help desk contact details

support-phone = الهاتف:
support-email = البريد الإلكتروني:
support-website = موقع الويب:

## Help

help-heading = المساعدة
help-load-failed = تعذّر تحميل بيانات الاتصال بمكتب المساعدة
help-desk-heading = التواصل مع مكتب المساعدة
help-desk-contact = إذا واجهت مشكلة في تسجيل الدخول أو تسجيل جهاز أو استخدام تطبيقات العمل، فتواصل مع مكتب المساعدة لدى { $org }:
help-desk-missing = لم تُضِف { $org } بيانات مكتب المساعدة إلى البوابة بعد. اطلب المساعدة من قسم تكنولوجيا المعلومات.
help-privacy-heading = الخصوصية
help-privacy-statement = اقرأ بيان خصوصية { $org }

## My devices

devices-heading = أجهزتي
devices-loading = جارٍ تحميل أجهزتك…
devices-load-failed = تعذّر تحميل أجهزتك

## Device list (the device cards of My devices, and its empty state)

devices-list-count = { $count ->
    [zero] لا توجد أجهزة
    [one] جهاز واحد
    [two] جهازان
    [few] { $count } أجهزة
    [many] { $count } جهازًا
   *[other] { $count } جهاز
}
devices-list-this-device = هذا الجهاز
devices-list-model = الطراز
devices-list-os-not-reported = لم يُبلَّغ عنه بعد
devices-list-ownership = الملكية
devices-list-enrollment = التسجيل
devices-list-compliance = التوافق
devices-list-last-check-in = آخر اتصال
devices-list-not-checked-in = لم يتصل بعد
devices-list-empty-heading = لا توجد أجهزة بعد
devices-list-empty-text = سجّل جهاز iPhone أو iPad الذي بين يديك لتثبيت تطبيقات العمل والبريد الإلكتروني عليه. افعل ذلك في Safari على ذلك الجهاز؛ يستغرق الأمر بضع دقائق.
devices-list-enroll = تسجيل هذا الجهاز

## Dialogs (shared by every dialog that asks to confirm)

dialog-cancel = إلغاء

## Rename (the dialog of a device's page)

rename-title = إعادة تسمية الجهاز
rename-explain = يغيّر هذا الاسم المعروض في البوابة فقط، ويحتفظ الجهاز باسمه الخاص.
rename-name-label = الاسم في البوابة
rename-save = حفظ
rename-saving = جارٍ الحفظ…
rename-cancel = إلغاء

## Device (a device's page: what the organization sees, compliance, Rename, Check status, Remote lock, Remove)

device-page-title = الجهاز
device-loading = جارٍ تحميل هذا الجهاز…
device-to-sign-in = جارٍ نقلك إلى تسجيل الدخول…
device-load-failed = تعذّر تحميل هذا الجهاز
device-not-found-heading = هذا الجهاز غير موجود في بوابتك
device-not-found-text = ربما تمت إزالته، أو أنه يخص شخصًا آخر. تجد أجهزتك في «أجهزتي».
device-back = العودة إلى أجهزتي
device-removed = تمت الإزالة
device-removed-acknowledged = أكّد الجهاز ذلك: أُزيلت منه تطبيقات العمل وبيانات العمل والإعدادات التي ثبّتتها مؤسستك. أما البيانات الشخصية فتبقى كما هي.
device-removed-acknowledged-user = أكّد الجهاز ذلك: مُسحت وحدة تخزين العمل وما عليها من تطبيقات العمل وبياناته وحساب العمل. أما البيانات الشخصية فتبقى كما هي.
device-removed-gave-up = لم يستجب الجهاز في الوقت المحدد، لذا أزالته البوابة دون أن يصلها رد منه. ستُزال منه تطبيقات العمل وبيانات العمل في المرة التالية التي يتصل فيها.
device-removed-elsewhere = أُزيل هذا الجهاز من البوابة.
device-this-device = هذا الجهاز
device-renamed = تم تغيير الاسم إلى «{ $name }».
device-compliance-heading = الوصول إلى موارد الشركة
device-compliance-fix = المطلوب إصلاحه
device-compliance-issue = { $rule }: { $instruction }
device-compliance-checked = تم التحقق { $time }
device-check-status = التحقق من الحالة
device-checking = جارٍ التحقق…
device-check-timed-out = لم يستجب الجهاز. تأكّد من أنه قيد التشغيل ومتصل، ثم حاول مرة أخرى.
device-check-failed = فشل التحقق من الحالة: { $reason }
device-check-done = تم التحقق من الحالة: { $compliance }
device-actions-heading = الإجراءات
device-rename = إعادة التسمية
device-remote-lock = قفل عن بُعد
device-remove = إزالة
device-no-actions = لا يوجد ما يمكنك فعله بهذا الجهاز الآن.
device-lock-title = هل تريد قفل هذا الجهاز؟
device-lock-text = سيُقفل الجهاز على الفور، ويمكن فتحه برمز الدخول الخاص به.
device-lock-confirm = قفل
device-lock-pending = جارٍ القفل…
device-lock-pending-hint = سيُقفل الجهاز في المرة التالية التي يتصل فيها.
device-lock-refused = رفض الجهاز القفل.
device-lock-no-answer = لم يستجب الجهاز في الوقت المحدد.
device-lock-try-again = إعادة المحاولة
device-remove-title = هل تريد إزالة هذا الجهاز؟
device-remove-what = ستُزال من الجهاز تطبيقات العمل وبيانات العمل والإعدادات التي ثبّتتها مؤسستك. وتبقى تطبيقاتك وصورك وبياناتك الشخصية.
device-remove-what-user = ستُمسح وحدة تخزين العمل من الجهاز ومعها تطبيقات العمل وبياناته وحساب العمل. وتبقى تطبيقاتك وصورك وبياناتك الشخصية.
device-remove-undo = لا يمكن التراجع عن هذا الإجراء. ويمكنك تسجيل الجهاز مرة أخرى لاحقًا.
device-remove-this-device = أنت تستخدم هذا الجهاز الآن. بعد إزالته، ستفقد إمكانية الوصول إلى تطبيقات العمل عليه.
device-remove-confirm = إزالة الجهاز
device-removing = جارٍ الإزالة…
device-removing-hint = في انتظار تأكيد الجهاز. إذا لم يستجب بحلول { $time }، فستزيله البوابة على أي حال.
device-remove-failed = فشلت الإزالة: { $reason }
device-facts-heading = ما يمكن أن تراه مؤسستك
device-facts-heading-org = ما يمكن أن تراه { $org }
device-cannot-see-label = ما لا يمكن أن تراه مؤسستك:
device-cannot-see-label-org = ما لا يمكن أن تراه { $org }:
device-fact-model = الطراز
device-fact-model-code = معرّف الطراز
device-fact-os-not-reported = لم يُبلَّغ عنه بعد
device-fact-serial-number = الرقم التسلسلي
device-fact-enrollment = التسجيل
device-fact-ownership = الملكية
device-fact-enrolled = تاريخ التسجيل
device-fact-last-check-in = آخر اتصال
device-fact-not-checked-in = لم يتصل بعد
device-reach-not-connecting-title = لم يتصل هذا الجهاز بالبوابة
device-reach-not-connecting-since = آخر اتصال:
device-reach-not-connecting-never = لم يتصل منذ تسجيله.
device-reach-not-connecting-what-to-do = افتح جهازك واتصل بالإنترنت (Wi-Fi أو بيانات الجوال). يتصل الجهاز تلقائيًا عندما يكون قيد التشغيل ومتصلًا بالإنترنت.
device-reach-not-connecting-pending = يبقى ما طلبته قيد الانتظار ويُنفَّذ عندما يتصل الجهاز.
device-reach-push-failing-title = يتعذّر على البوابة الوصول إلى الأجهزة حاليًا
device-reach-push-failing-text = هذه مشكلة من جهة مؤسستك، وليست في جهازك. تواصل البوابة المحاولة.
device-reach-push-failing-what-to-do = يبقى ما طلبته قيد الانتظار. إذا استغرق الأمر أكثر من بضع ساعات، فتواصل مع فريق الدعم التقني.
device-reach-unregistered-title = لم يعد هذا الجهاز يستجيب لمؤسستك
device-reach-unregistered-text = ربما مُسح، أو أُزيل ملف تعريف الإدارة الخاص به من الإعدادات على الجهاز.
device-reach-unregistered-what-to-do = إذا كنت لا تزال تستخدمه للعمل، فسجّله مرة أخرى. وإلا فأزِله من هذه القائمة باستخدام «إزالة» أدناه.
device-reach-enroll-again = تسجيل جهاز

## Privacy: what the organization can and can never see (enrollment step and the privacy page)

privacy-can-see-title = ما يمكن أن تراه { $org }
privacy-never-see-title = ما لا يمكن أن تراه { $org } أبدًا
privacy-message-title = كلمة من { $org }
privacy-see-model-and-name = طراز الجهاز واسمه
privacy-see-serial-number = الرقم التسلسلي
privacy-see-os-version = إصدار iOS أو iPadOS
privacy-see-work-apps = تطبيقات العمل التي تثبّتها، وإصداراتها
privacy-see-owned-by-you = أنك تملك هذا الجهاز
privacy-see-phone-number = رقم الهاتف
privacy-see-all-apps = جميع التطبيقات المثبّتة على الجهاز، وإصداراتها
privacy-see-owned-by-organization = أن مؤسستك تملك هذا الجهاز
privacy-see-security-settings = ما إذا كانت إعدادات الأمان، مثل رمز الدخول، مفعّلة
privacy-never-personal-email = بريدك الإلكتروني الشخصي وتقويمك وجهات اتصالك
privacy-never-messages = رسائلك
privacy-never-photos = صورك وملفاتك
privacy-never-browsing-history = سجل التصفح
privacy-never-location = مكان جهازك (موقعه)
privacy-never-calls = مكالماتك الهاتفية وسجل المكالمات
privacy-never-personal-apps = تطبيقاتك الشخصية
privacy-see-work-account = حساب العمل الذي سجّلت الدخول به
privacy-see-passcode-compliant = ما إذا كان رمز الدخول يفي بقواعدها (وليس الرمز نفسه)
privacy-never-device-identifiers = الرقم التسلسلي لجهازك ورقم هاتفك والمعرّفات الأخرى
privacy-never-erase-device = أي شيء خارج تطبيقات العمل وبياناتها، ولا يمكنها أبدًا مسح جهازك

## Privacy page (/privacy)

privacy-page-heading-generic = ما الذي يمكن أن تراه مؤسستك؟
privacy-page-loading = جارٍ التحميل…
privacy-page-load-failed = تعذّر تحميل هذه الصفحة
privacy-page-lead = عندما تسجّل جهازًا، تتولى { $org } إدارته. وما يمكنها رؤيته يعتمد على مالك الجهاز.
privacy-page-personal-heading = جهاز تملكه أنت (شخصي)
privacy-page-personal-lead = على جهازك الخاص، لا تدير مؤسستك سوى تطبيقات العمل والإعدادات.
privacy-page-user-enrollment-heading = جهاز تملكه، لتطبيقات العمل وبياناته فقط (تسجيل المستخدم)
privacy-page-user-enrollment-lead = مع تسجيل المستخدم، يحفظ جهازك تطبيقات العمل وبياناته في وحدة تخزين عمل منفصلة. ولا تدير مؤسستك سوى هذه الوحدة: فلا يمكنها رؤية بقية جهازك، ولا يمكنها مسحه أبدًا.
privacy-page-corporate-heading = جهاز تملكه { $org } (مؤسسي)
privacy-page-corporate-lead = على الجهاز المملوك لها، تدير مؤسستك الجهاز بالكامل.

## Enroll: what the organization can see (privacy)

enroll-privacy-heading = ما الذي يمكن أن تراه { $org }؟
enroll-privacy-lead = { $ownership ->
    [personal] يتيح التسجيل لمؤسستك إدارة تطبيقات العمل والإعدادات على جهازك الخاص. إليك ما يعنيه ذلك لخصوصيتك.
   *[corporate] يتيح التسجيل لمؤسستك إدارة هذا الجهاز المملوك لها. إليك ما يعنيه ذلك لخصوصيتك.
}
enroll-privacy-lead-user-enrollment = يتيح التسجيل بهذه الطريقة لمؤسستك إدارة تطبيقات العمل وبياناته فقط، منفصلة عن بياناتك. إليك ما يعنيه ذلك لخصوصيتك.
enroll-privacy-legacy-account = أثناء تثبيت ملف التعريف، تطلب منك الإعدادات تسجيل الدخول بحساب العمل: { $account }
enroll-privacy-statement-link = اقرأ بيان الخصوصية
enroll-privacy-starting = جارٍ البدء…
enroll-privacy-back = رجوع

## Enroll: update iOS or iPadOS

enroll-update-os-heading-too-old = حدّث { $os } أولًا
enroll-update-os-heading-too-new = لا يمكن تسجيل إصدار { $os } هذا بعد
enroll-update-os-too-old-lead = يعمل جهاز { $device } هذا بنظام { $os } { $current }، وتتطلب { $org } نظام { $os } { $minimum } أو أحدث.
enroll-update-os-too-new-lead = يعمل جهاز { $device } هذا بنظام { $os } { $current }، وتسمح { $org } حاليًا بالإصدارات حتى { $os } { $maximum }. اسأل مكتب المساعدة عن موعد السماح بالإصدارات الأحدث.
enroll-update-os-steps-heading = كيفية التحديث
enroll-update-os-step-settings = افتح الإعدادات، ثم انتقل إلى عام > تحديث البرامج.
enroll-update-os-step-install = اضغط على «التحديث الآن» (أو «التثبيت الآن») وانتظر حتى يُعاد تشغيل الجهاز.
enroll-update-os-step-back = افتح هذه الصفحة في Safari مرة أخرى لتسجيل الجهاز.
enroll-update-os-updated-already = هل حدّثته بالفعل؟
enroll-update-os-check-again = التحقق مرة أخرى
enroll-update-os-help = المساعدة

## Enroll: the device was refused at check-in

enroll-rejected-heading-profile = لا يمكن استخدام ملف التعريف هذا
enroll-rejected-heading-other = تعذّر تسجيل جهاز { $device } الخاص بك
enroll-rejected-os-too-old = تتطلب { $org } إصدارًا من { $os } أحدث من الموجود على هذا الجهاز.
enroll-rejected-os-too-new = لا تسمح { $org } بإصدار { $os } هذا بعد. اسأل مكتب المساعدة عن موعد السماح به.
enroll-rejected-device-not-allowed = لا تسمح { $org } بتسجيل هذا النوع من الأجهزة.
enroll-rejected-device-limit-reached = لديك الحد الأقصى المسموح به من الأجهزة. أزِل جهازًا لم تعد تستخدمه من «أجهزتي»، ثم أعد التسجيل.
enroll-rejected-profile-already-used = سبق تثبيت ملف التعريف هذا. نزّل ملفًا جديدًا.
enroll-rejected-profile-replaced = حلّ تنزيل أحدث محل ملف التعريف هذا. أزِل الملف القديم من الإعدادات > عام > VPN وإدارة الأجهزة، ثم نزّل ملفًا جديدًا.
enroll-rejected-profile-expired = ثُبّت ملف التعريف هذا بعد فوات الأوان. نزّل ملفًا جديدًا وثبّته على الفور.
enroll-rejected-other = حال شيء ما دون إتمام التسجيل. حاول مرة أخرى، أو اسأل مكتب المساعدة.
enroll-rejected-details = التفاصيل: { $details }
enroll-rejected-details-os-too-old = يعمل هذا الجهاز بنظام { $os } { $version }؛ وتتطلب { $org } الإصدار { $minimum } أو أحدث.
enroll-rejected-details-os-too-new = يعمل هذا الجهاز بنظام { $os } { $version }؛ وتسمح { $org } بالإصدارات حتى { $maximum }.
enroll-rejected-details-device-limit = { $limit ->
    [zero] لا تسمح { $org } بتسجيل أي جهاز.
    [one] تسمح { $org } بجهاز مسجّل واحد لكل شخص.
    [two] تسمح { $org } بجهازين مسجّلين لكل شخص.
    [few] تسمح { $org } بـ { $limit } أجهزة مسجّلة لكل شخص.
    [many] تسمح { $org } بـ { $limit } جهازًا مسجّلًا لكل شخص.
   *[other] تسمح { $org } بـ { $limit } جهاز مسجّل لكل شخص.
}
enroll-rejected-details-profile-expired = { $minutes ->
    [one] يجب تثبيت ملف التعريف خلال دقيقة واحدة من تنزيله.
    [two] يجب تثبيت ملف التعريف خلال دقيقتين من تنزيله.
    [few] يجب تثبيت ملف التعريف خلال { $minutes } دقائق من تنزيله.
   *[other] يجب تثبيت ملف التعريف خلال { $minutes } دقيقة من تنزيله.
}
enroll-rejected-device-not-identified = لم يذكر جهازك إصدار { $os } الذي يعمل به أو طرازه، لذا لا تستطيع { $org } التحقق منه وفق قواعدها. اسأل مكتب المساعدة.

## Enroll: open this page in Safari (wrong browser)

enroll-wrong-browser-heading = افتح هذه الصفحة في Safari
enroll-wrong-browser-web-clip = لقد فتحت البوابة من الشاشة الرئيسية. لا يستطيع تمرير ملف تعريف الإدارة إلى الإعدادات سوى Safari نفسه، لذا يجب أن يتم التنزيل في Safari.
enroll-wrong-browser-in-app = أنت تستخدم المتصفح المدمج في { $browser }. لا يستطيع تمرير ملف تعريف الإدارة إلى الإعدادات سوى Safari، لذا يجب أن يتم التسجيل فيه.
enroll-wrong-browser-in-unknown-app = أنت تستخدم المتصفح المدمج في هذا التطبيق. لا يستطيع تمرير ملف تعريف الإدارة إلى الإعدادات سوى Safari، لذا يجب أن يتم التسجيل فيه.
enroll-wrong-browser-other = لا يستطيع تمرير ملف تعريف الإدارة إلى الإعدادات سوى Safari: أما { $browser } فيحتفظ به لنفسه، ولن يُثبَّت أبدًا.
enroll-wrong-browser-unknown = لا يستطيع تمرير ملف تعريف الإدارة إلى الإعدادات سوى Safari: أما هذا المتصفح فيحتفظ به لنفسه، ولن يُثبَّت أبدًا.
enroll-wrong-browser-open-in-safari = فتح في Safari
enroll-wrong-browser-or-copy = أو انسخ الرابط، وافتح Safari، ثم الصقه في شريط العنوان.
enroll-wrong-browser-steps-heading = كيفية الانتقال إلى Safari
enroll-wrong-browser-step-copy = اضغط على «نسخ الرابط».
enroll-wrong-browser-step-open = افتح Safari (البوصلة الزرقاء على الشاشة الرئيسية لجهاز { $device }).
enroll-wrong-browser-step-paste = اضغط على شريط العنوان، ثم اضغط على «لصق وانتقال».
enroll-wrong-browser-after = سجّل الدخول مرة أخرى في Safari. ستتابع من هذه الخطوة، فكل ما أنجزته حتى الآن محفوظ.

## Copy link (a button that puts a link on the clipboard)

copy-link-button = نسخ الرابط
copy-link-copied = تم نسخ الرابط. افتح Safari الآن والصقه في شريط العنوان.
copy-link-by-hand = انسخ هذا الرابط، ثم الصقه في شريط العنوان في Safari:
copy-link-field-label = رابط هذه الصفحة

## Countdown (the time left to install the profile)

countdown-time-left = الوقت المتبقي للتثبيت: { $time }
countdown-spoken-minutes = { $minutes ->
    [zero] لم يتبقَّ لديك وقت لتثبيت ملف التعريف.
    [one] تتبقى لديك دقيقة واحدة لتثبيت ملف التعريف.
    [two] تتبقى لديك دقيقتان لتثبيت ملف التعريف.
    [few] تتبقى لديك { $minutes } دقائق لتثبيت ملف التعريف.
    [many] تتبقى لديك { $minutes } دقيقة لتثبيت ملف التعريف.
   *[other] تتبقى لديك { $minutes } دقيقة لتثبيت ملف التعريف.
}
countdown-spoken-seconds = { $seconds ->
    [zero] لم يتبقَّ لديك وقت لتثبيت ملف التعريف.
    [one] تتبقى لديك ثانية واحدة لتثبيت ملف التعريف.
    [two] تتبقى لديك ثانيتان لتثبيت ملف التعريف.
    [few] تتبقى لديك { $seconds } ثوانٍ لتثبيت ملف التعريف.
    [many] تتبقى لديك { $seconds } ثانية لتثبيت ملف التعريف.
   *[other] تتبقى لديك { $seconds } ثانية لتثبيت ملف التعريف.
}
countdown-spoken-times-up = انتهى الوقت: لم يعد من الممكن تثبيت ملف التعريف.

## Device details: while offline

device-actions-offline = أنت غير متصل بالإنترنت، لذا أُوقفت هذه الإجراءات. وستعود عندما يعود الاتصال.

## Enroll: download from a home-screen web clip (handed to Safari)

enroll-hand-off-lead = لقد فتحت البوابة من الشاشة الرئيسية. لا يمكن للتنزيل من هنا الوصول إلى الإعدادات، لذا نزّل ملف التعريف في Safari ثم عُد إلى هنا.
enroll-hand-off-or-copy = أو انسخ الرابط والصقه في شريط العنوان في Safari:
enroll-hand-off-step-safari = في Safari، سجّل الدخول واضغط على «تنزيل ملف التعريف». لـ Safari تسجيل دخول خاص به، منفصل عن الشاشة الرئيسية.
enroll-hand-off-step-return = عُد إلى البوابة من الشاشة الرئيسية. ستكتشف البوابة التنزيل وتعرض لك كيفية تثبيت ملف التعريف.

## Enroll: the portal on the Home Screen (after enrolling)

enroll-home-screen-heading = أبقِ البوابة على الشاشة الرئيسية
enroll-home-screen-managed = ستضيف { $org } البوابة إلى الشاشة الرئيسية نيابةً عنك بعد قليل. افتحها من هناك للعناية بهذا الجهاز.
enroll-home-screen-lead = افتح البوابة كأي تطبيق، مباشرةً من الشاشة الرئيسية:
enroll-home-screen-step-share = في Safari، اضغط على زر المشاركة.
enroll-home-screen-step-add = مرّر لأسفل واضغط على «إضافة إلى الشاشة الرئيسية».
enroll-home-screen-step-confirm = اضغط على «إضافة».

account-enrollment-page-title = سجّل الدخول إلى حساب العمل
account-enrollment-heading-generic = سجّل الدخول إلى حساب العمل
account-enrollment-loading = جارٍ التحميل…
account-enrollment-load-failed = تعذّر تحميل هذه الصفحة
account-enrollment-heading = التسجيل لدى { $org }
account-enrollment-lead-user = ستدير { $org } تطبيقات العمل وبياناته فقط على هذا الجهاز، منفصلة عن بياناتك.
account-enrollment-lead-device = ستدير { $org } هذا الجهاز بالكامل وإعداداته.
account-enrollment-account = الحساب:
account-enrollment-continuing = جارٍ المتابعة…
account-enrollment-not-allowed-heading = لا يمكن لهذا الحساب التسجيل من الإعدادات
account-enrollment-not-allowed = لا تسمح { $org } لحسابك بتسجيل جهاز من الإعدادات.
account-enrollment-not-allowed-next = أغلق هذه النافذة، ثم افتح البوابة في Safari وانتقل إلى «تسجيل هذا الجهاز» لترى كيف يمكنك التسجيل.
account-enrollment-wrong-account-heading = هذا حساب شخص آخر
account-enrollment-wrong-account = الحساب الذي كُتب في الإعدادات، { $typed }، يخصّ شخصًا آخر: أنت مسجّل الدخول إلى { $org } باسم { $signed_in }. سجّل الخروج، ثم سجّل الدخول باسم { $typed }.
account-enrollment-sign-out-and-in = سجّل الخروج ثم سجّل الدخول بهذا الحساب
