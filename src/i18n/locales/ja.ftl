# Company Portal — 日本語。en.ftl をキーごとに翻訳したカタログ。
# プレースホルダ（$org、$count など）は en.ftl と同じです。
# 文体：です／ます調（AppleのiOS日本語UIに準拠）。句読点は全角（、。「」）。
# 「設定」などiOSの名称は、iOSの日本語表示どおりに「」で囲みます。

product-name = Company Portal

## Shell: header, navigation, banners and footer of every page

shell-skip-to-main = メインコンテンツにスキップ
shell-signed-in-as = サインイン中のアカウント：
shell-sign-out = サインアウト
shell-signing-out = サインアウト中…
shell-sign-out-failed = まだサインインしたままです
shell-nav-label = メイン
shell-nav-devices = マイデバイス
shell-nav-enroll = 登録
shell-nav-notifications = 通知
shell-nav-help = ヘルプ
shell-privacy-link = { $org }は何を確認できますか？
shell-privacy-statement = プライバシーに関する声明
offline-title = オフラインです。
unreachable-title = ポータルが応答していません。
offline-explanation = ページは閲覧できますが、接続が回復するまで操作はできません。操作があとで自動的に送信されることはありません。
update-ready = ポータルの新しいバージョンを利用できます。
update-reload = 再読み込み
language-picker-label = 言語
language-picker-failed = この言語を読み込めませんでした。接続を確認して、もう一度お試しください。

## Validation: what a field needs (the sign-in form, Rename)

validation-email-empty = メールアドレスを入力してください。
validation-email-malformed = name@example.comのような形式でメールアドレスを入力してください。
validation-email-too-long = メールアドレスが長すぎます。
validation-password-empty = パスワードを入力してください。
validation-password-too-long = パスワードが長すぎます。
validation-password-too-short = { $min }文字以上のパスワードを設定してください。
validation-device-name-empty = このデバイスの名前を入力してください。
validation-device-name-too-long = { $max }文字以内で入力してください。
validation-device-name-control-characters = 使用できるのは文字、数字、スペース、句読点のみです。

## Sign in

sign-in-heading = サインイン
sign-in-heading-organization = { $org }にサインイン
sign-in-checking = サインイン状態を確認中…
sign-in-opening = サインインしました。ポータルを開いています…
sign-in-lead = 職場のメールアドレスとパスワードを使用してください。
sign-in-email-label = メールアドレス
sign-in-password-label = パスワード
sign-in-submit = サインイン
sign-in-pending = サインイン中…
sign-in-trouble-heading = サインインできない場合
sign-in-trouble-loading = ヘルプデスクの連絡先を読み込み中…
sign-in-trouble-help-desk = パスワードのリセットやアカウントのロック解除は、ヘルプデスクに依頼できます。
sign-in-trouble-load-failed = ヘルプデスクの連絡先を読み込めませんでした
sign-in-trouble-it-department = パスワードのリセットやアカウントのロック解除は、IT部門に依頼できます。
sign-in-more-help = その他のヘルプ
sign-in-oidc-lead = 組織の通常のサインインで、職場のアカウントを使用してください。
sign-in-with-organization = { $org } でサインイン
sign-in-or-password = または、このポータルのメールアドレスとパスワードを使用します:
sign-in-oidc-error-cancelled = サインインはキャンセルされました。もう一度試すには、下の「サインイン」を選んでください。
sign-in-oidc-error-provider-unavailable = 組織のサインイン サービスが応答しませんでした。数分後にもう一度試すか、ヘルプデスクに連絡してください。
sign-in-oidc-error-email-not-verified = 職場のアカウントのメールアドレスがまだ確認されていません。ヘルプデスクに確認を依頼してから、もう一度サインインしてください。
sign-in-oidc-error-email-missing = 職場のアカウントに、ポータルで使えるメールアドレスがありません。ヘルプデスクに追加を依頼してから、もう一度サインインしてください。
sign-in-oidc-error-invalid-response = 組織のサインイン サービスからの応答を信頼できなかったため、サインインしませんでした。もう一度試してください。繰り返し起こる場合は、ヘルプデスクに連絡してください。
sign-in-oidc-error-expired = このサインインは時間がかかりすぎたか、すでに使用されています。「サインイン」を選んで、最初からやり直してください。
sign-in-oidc-error-not-configured = このポータルでは、職場のアカウントでのサインインが設定されていません。ヘルプデスクに連絡してください。
sign-in-oidc-error-unknown = サインインしませんでした。もう一度試してください。繰り返し起こる場合は、ヘルプデスクに連絡してください。

## Shared pieces: error panel, form messages

error-panel-try-again = もう一度試す
page-code-loading = 読み込み中…
page-code-failed = このページを読み込めませんでした
form-field-error-prefix = エラー：

## Device words: compliance, rules, remote lock, enrollment types, ownership, OS (My devices and a device's page)

compliance-compliant = 会社のリソースにアクセスできます
compliance-in-grace-period = 非準拠：今のところはまだアクセスできます
compliance-not-compliant = 会社のリソースにアクセスできません
compliance-unknown = 未確認
compliance-grace-until = 非準拠：{ $time }まではアクセスできます
rule-minimum-os-version = ソフトウェアアップデートが必要
rule-passcode-required = パスコードが必要
rule-recent-check-in = 最近チェックインしていません
remote-lock-pending = リモートロック待機中
remote-lock-succeeded = リモートロック完了
remote-lock-failed = リモートロック失敗

enrollment-type-device = デバイス登録
enrollment-type-user = ユーザ登録
enrollment-type-user-fact = ユーザ登録 — 仕事用のAppとデータのみ
enrollment-type-device-cannot-see = 組織は、個人のメール、メッセージ、写真、閲覧履歴、位置情報、通話履歴を確認できません。
enrollment-type-user-cannot-see = 組織は、個人のApp、メール、メッセージ、写真、閲覧履歴、位置情報、通話履歴、このデバイスのシリアル番号を確認できません。
enrollment-type-device-managed = デバイス登録：デバイス全体が管理されます
enrollment-type-user-managed = ユーザ登録：仕事用のAppとデータのみが管理されます
ownership-personal = 個人所有
ownership-corporate = 会社所有
os-name-ios = iOS
os-name-ipados = iPadOS
os-version-label = { $os }バージョン

## Why a device refused a command (when it gave no words of its own)

command-failure-no-reason = デバイスから理由は示されませんでした。
command-failure-unreadable = デバイスが要求を読み取れませんでした。

## Durations, in their largest whole unit ($count: how many)

duration-days = { $count ->
   *[other] { $count }日
}
duration-hours = { $count ->
   *[other] { $count }時間
}
duration-minutes = { $count ->
   *[other] { $count }分
}
duration-seconds = { $count ->
   *[other] { $count }秒
}

## Errors of requests to the portal (shown wherever a request failed)

api-error-invalid-credentials = このメールアドレスとパスワードに一致するアカウントがありません。入力内容を確認して、もう一度お試しください。
api-error-too-many-attempts = サインインの試行回数が多すぎます。数分待ってから、もう一度お試しください。
api-error-not-signed-in = セッションが終了しました。もう一度サインインしてください。
api-error-forbidden = ポータルがこのリクエストを受け付けませんでした。ページを再読み込みして、もう一度お試しください。
api-error-not-found = この項目は存在しないか、ほかのユーザのものです。
api-error-internal = ポータルで問題が発生しました。しばらくしてから、もう一度お試しください。
api-error-enrollment-not-set-up = 組織でデバイス登録の設定がまだ完了していないため、現在デバイスを登録できません。IT サポートにお問い合わせください。
api-error-enrollment-type-not-allowed = 組織では、あなたのアカウントにこの登録方法を許可していません。「このデバイスを登録」に戻って、許可されている方法を確認してください。
api-error-wrong-account = 設定に入力したアカウントとは別のアカウントでサインインしています。サインアウトしてから、設定に入力したアカウントでサインインしてください。
api-error-unknown = 問題が発生しました。しばらくしてから、もう一度お試しください。
api-error-network = ポータルに接続できません。接続を確認して、もう一度お試しください。
api-error-unavailable = ポータルは現在利用できません。数分後にもう一度お試しください。
api-error-unexpected-response = ポータルから、このページで処理できない応答が返されました。ページを再読み込みして、もう一度お試しください。
api-error-unreadable-request = ポータルがこの要求を読み取れませんでした。ページを再読み込みして、もう一度お試しください。
api-error-method-not-allowed = ポータルはここでこの操作に対応していません。ページを再読み込みして、もう一度お試しください。
api-error-too-many-attempts-wait = { $minutes ->
   *[other] サインインの試行回数が多すぎます。{ $minutes }分待ってから、もう一度お試しください。
}
api-error-local-accounts-off = 組織では職場のアカウントでのみサインインできます。代わりに職場のアカウントでサインインしてください。
api-error-portal-not-set-up = このポータルはまだ設定されていません。IT サポートにお問い合わせください。
api-error-enrollment-type-not-allowed-by = { $org }では、お使いのアカウントにこの登録方法は許可されていません。「このデバイスを登録」に戻って、許可されている方法を確認してください。
api-error-wrong-account-signed-in-as = { $account } でサインインしています。「設定」で入力したアカウントとは異なります。サインアウトしてから、「設定」で入力したアカウントでサインインしてください。
api-error-device-limit-reached = 登録済みのデバイスが{ $org }で許可されている上限（{ $limit }台）に達しています。使用しなくなったデバイスを「マイデバイス」で削除してから、もう一度お試しください。
api-error-device-limit-reached-no-details = 登録済みのデバイスが組織で許可されている上限に達しています。使用しなくなったデバイスを「マイデバイス」で削除してから、もう一度お試しください。
api-error-enrollment-already-finished = この登録は終了しているため、プロファイルをダウンロードできません。「このデバイスを登録」からやり直してください。
api-error-remove-pending = このデバイスは削除中のため、この操作はできません。
api-error-not-allowed-for-user-enrollment = ユーザ登録で登録されたデバイスでは、この操作は使用できません。
api-error-request-timeout = 要求がポータルに届くまでに時間がかかりすぎました。接続を確認して、もう一度お試しください。
api-error-too-many-event-streams = このブラウザーでライブ更新を受け取っているページが多すぎます。ポータルのタブをいくつか閉じてから、このページを再読み込みしてください。
api-error-storage-unavailable = ポータルが現在データにアクセスできないため、何も変更されていません。1 分ほどしてから、もう一度お試しください。

## Notifications

notifications-heading = 通知
notifications-loading = 通知を読み込み中…
notifications-load-failed = 通知を読み込めませんでした
notifications-none = 通知はまだありません。デバイスのロック、状態の確認、削除を行うと、その結果がここに表示されます。
notification-remote-lock-succeeded = リモートロック完了：「{ $name }」はロックされました。
notification-remote-lock-failed = 「{ $name }」のリモートロックに失敗しました。デバイスのページを開いて、もう一度お試しください。
notification-check-status-finished = 「{ $name }」の状態の確認が完了しました。デバイスのページを開いて結果を確認してください。
notification-check-status-timed-out = 「{ $name }」が時間内に状態の確認に応答しませんでした。電源が入っていてインターネットに接続されていることを確認してから、もう一度お試しください。
notification-remove-finished = 「{ $name }」を削除しました。組織による管理は解除されています。
notification-remove-timed-out = 「{ $name }」が時間内に応答しなかったため、ポータルから削除しました。まだ管理されている場合は、デバイスの「設定」>「一般」>「VPNとデバイス管理」で管理プロファイルを削除してください。
notification-remote-lock-failed-because = 「{ $name }」のリモートロックに失敗しました：{ $reason }
notification-check-status-compliant = 状態の確認が完了しました：「{ $name }」は組織の要件を満たしています。
notification-check-status-issues = { $count ->
   *[other] 状態の確認が完了しました：「{ $name }」には対応が必要な項目が{ $count }件あります（{ $rules }）。「マイデバイス」でデバイスを開いて、対応方法を確認してください。
}
notification-check-status-failed = 「{ $name }」の状態を確認できませんでした：{ $reason }
notification-remove-failed = 「{ $name }」を削除できませんでした：{ $reason } もう一度試すか、IT ヘルプデスクにお問い合わせください。
notification-remove-timed-out-after = 「{ $name }」が{ $period }以内に応答しなかったため、ポータルから削除しました。まだ管理されている場合は、デバイスの「設定」>「一般」>「VPNとデバイス管理」で管理プロファイルを削除してください。
taking-you-to-sign-in = サインイン画面に移動しています…

## Page not found

not-found-heading = ページが見つかりません
not-found-explanation = このアドレスのページはありません。入力ミスがないか確認するか、次のいずれかに移動してください：
not-found-enroll = このデバイスを登録

## Enroll: the journey's frame (title, loading, offline, profile notices)

enroll-page-title = 登録
enroll-heading = このデバイスを登録
enroll-checking = このデバイスを確認中…
enroll-to-sign-in = サインイン画面に移動しています…
enroll-load-failed = 登録を開始できませんでした
enroll-offline = オフラインのため、以下の手順はオフになっています。オンラインに戻ると、このページは続きから再開します。
# 組織名が読み込まれるまで $org の代わりに使われます（例：「組織は何を確認できますか？」）。
enroll-org-fallback = 組織
enroll-notice-profile-replaced = インストールしたプロファイルは、新しくダウンロードしたプロファイルに置き換えられました。「設定」>「一般」>「VPNとデバイス管理」でそのプロファイルを削除してから、「もう一度ダウンロード」をタップしてください。
enroll-notice-profile-already-used = このプロファイルはすでにインストール済みです。「もう一度ダウンロード」をタップして、新しいプロファイルを入手してください。
enroll-notice-profile-expired = このプロファイルはインストールの期限を過ぎていました。「もう一度ダウンロード」をタップして、新しいプロファイルを入手してください。
enroll-notice-other = プロファイルで問題が発生しました。「もう一度ダウンロード」をタップして、新しいプロファイルを入手してください。
enroll-continue = 続ける
enroll-again-button = もう一度登録
enroll-download-again-button = もう一度ダウンロード
enroll-go-to-my-devices = マイデバイスに移動
enroll-not-set-up-heading = デバイス登録はまだ利用できません
enroll-not-set-up-lead = { $org } でデバイス登録の設定がまだ完了していないため、現在デバイスを登録できません。お使いのデバイスの問題ではありません。
enroll-not-set-up-contact = { $org } の IT サポートに、デバイス登録がまだ設定されていないことをお伝えください:
enroll-not-set-up-contact-it = { $org } の IT サポートに、デバイス登録がまだ設定されていないことをお伝えください。設定が完了したら、このページに戻ってください。
enroll-contact-help-desk = ヘルプデスクに問い合わせる
enroll-what-happens-next = このあとの流れ

## Enroll: who owns this device

enroll-ownership-heading = このデバイスの所有者は？
enroll-ownership-lead = 所有者によって、組織がこのデバイスで確認できる情報と実行できる操作が決まります。
enroll-ownership-personal = 自分で所有しているデバイス
enroll-ownership-personal-hint = 自分で購入したデバイス、または譲り受けて自分のものになったデバイスです。
enroll-ownership-corporate = { $org }が所有しているデバイス
enroll-ownership-corporate-hint = 仕事用に{ $org }から支給されたデバイスです。
enroll-ownership-choose-one = このデバイスの所有者を選択してください。
enroll-secure-heading = 何を保護しますか？
enroll-secure-lead = どちらを選んでも、デバイスはあなたのものです。{ $org } がどこまで管理するかが決まります。
enroll-secure-entire-device = デバイス全体
enroll-secure-entire-device-hint = { $org } がデバイス全体とその設定を管理しますが、個人のメール、メッセージ、写真は見えません。
enroll-secure-work-only = 仕事用の App とデータのみ
enroll-secure-work-only-hint = 仕事用の App とそのデータは個人のものと分けて保管され、{ $org } はそれだけを管理し、それ以外を見ることも消去することもできません。
enroll-secure-choose-one = 保護する対象を選択してください。
enroll-work-account-heading = 設定で職場のアカウントにサインインする
enroll-work-account-lead = ダウンロードするものはありません。設定で職場のアカウントにサインインすると、{ $org } は個人のものと分けられた仕事用の App とデータだけを管理します。
enroll-work-account-steps-heading = iPhone または iPad で
enroll-work-account-step-settings = 「設定」を開き、「一般」をタップします。
enroll-work-account-step-vpn = 「VPN とデバイス管理」をタップします。
enroll-work-account-step-sign-in = 「職場または学校のアカウントでサインイン」をタップします。
enroll-work-account-step-account = 職場のアカウントを入力します: { $account }
enroll-work-account-step-account-unknown = 職場のメールアドレスを入力します。
enroll-work-account-step-finish = { $org } に求められたらサインインし、設定の手順に従います。
enroll-work-account-copy = アカウント名をコピー
enroll-work-account-copied = アカウント名をコピーしました。設定に貼り付けてください。
enroll-work-account-copy-by-hand = このアカウント名をコピーして、設定に貼り付けてください:
enroll-work-account-field-label = 職場のアカウント
enroll-work-account-os = iOS 15 または iPadOS 15 以降が必要です。
enroll-work-account-waiting = デバイスが登録されると、このページに自動的に表示されます。
enroll-work-account-legacy-heading = またはプロファイルをダウンロード
enroll-work-account-legacy-text = プロファイルをダウンロードして設定でインストールすることでも、このデバイスで仕事用の App とデータだけを管理できます。Apple が推奨するのは、設定で職場のアカウントにサインインする方法です。
enroll-work-account-legacy-button = 代わりにプロファイルをダウンロード

## Enroll: device limit reached

enroll-limit-heading = デバイスの上限に達しました
enroll-limit-lead = { $limit ->
   *[other] { $org }で登録できるデバイスは{ $limit }台までです。すでに{ $limit }台登録されています。
}
enroll-limit-what-to-do = 使用しなくなったデバイスを「マイデバイス」で削除してから、このページに戻ってください。

## Enroll: device not allowed

enroll-device-not-allowed-heading = この{ $device }は登録できません
enroll-device-not-allowed-lead = { $org }では{ $device }の登録が許可されていません。仕事用のほかのデバイスがある場合は、そのデバイスでこのページを開いてください。ご不明な点は、ヘルプデスクにお問い合わせください。

## Enroll: download the profile

enroll-download-heading = 管理プロファイルをダウンロード
enroll-download-lead = このプロファイルにより、組織がこのデバイスに仕事用のApp、メール、Wi-Fiを設定できるようになります。
enroll-download-button = プロファイルをダウンロード
enroll-download-preparing = プロファイルを準備中…
enroll-download-failed = プロファイルを準備できませんでした
enroll-download-step-tap = 「プロファイルをダウンロード」をタップします。
enroll-download-step-allow = Safariに「このWebサイトは構成プロファイルをダウンロードしようとしています。許可しますか？」と表示されます。「許可」をタップします。
enroll-download-step-close = Safariに「プロファイルがダウンロードされました」と表示されます。「閉じる」をタップします。このページにインストール方法が表示されます。

## Enroll: enrolled

enroll-enrolled-heading = 準備が完了しました
enroll-enrolled-lead = この{ $device }は{ $org }に登録されました。
enroll-enrolled-wait = デバイスはまだ設定を受信中です。仕事用Appにサインインする前に、数分お待ちください。
enroll-enrolled-first-app = その後、仕事用のメールなどの仕事用Appを開いてサインインします。セキュリティAppではなく、まずそちらから始めてください。
enroll-enrolled-apps-arrive = 組織がインストールするAppは、数分以内にホーム画面に表示されます。

## Enroll: the profile expired

enroll-expired-heading = 管理プロファイルが見つかりません
enroll-expired-why = { $minutes ->
   *[other] iOSでは、ダウンロード後{ $minutes }分以内にインストールされなかったプロファイルは削除されるため、「設定」に表示されなくなっています。
}
enroll-expired-what-to-do = もう一度登録して、新しいプロファイルをダウンロードしてください。質問にもう一度答える必要はありません。ダウンロードしたら、すぐに「設定」でインストールしてください。

## Enroll: install the profile in Settings

enroll-install-heading = 「設定」でプロファイルをインストール
enroll-install-lead = プロファイルはデバイスにあります。時間切れになる前に、「設定」Appでインストールしてください。
enroll-install-installing = デバイスでプロファイルのインストールが始まりました。「設定」で残りの手順を完了してください。このページは自動的に更新されます。
enroll-install-steps-heading = インストール方法
enroll-install-step-settings = 「設定」Appを開きます。
enroll-install-step-profile = 上部にある「プロファイルがダウンロード済み」をタップします。
enroll-install-step-profile-elsewhere = 表示されない場合は、「一般」>「VPNとデバイス管理」に移動して、プロファイルをタップします。
enroll-install-step-install = 「インストール」をタップしてから、{ $device }のパスコードを入力します。
enroll-install-step-confirm = もう一度「インストール」をタップして確定し、「信頼」をタップします。
enroll-install-step-done = 「完了」をタップしてSafariに戻ります。このページは自動的に更新されます。
enroll-install-shows-settings = 設定
enroll-install-shows-profile = プロファイルがダウンロード済み
enroll-install-shows-install = インストール
enroll-install-shows-trust = 信頼
enroll-install-again-heading = 「無視」をタップした場合や、プロファイルが見つからない場合
enroll-install-again = もう一度ダウンロードしてください。新しくダウンロードしたプロファイルで、古いプロファイルが置き換えられます。

## Enroll: not an iPhone or iPad

enroll-not-apple-heading = このページをiPhoneまたはiPadで開いてください
enroll-not-apple-lead = 登録するiPhoneまたはiPadでこのページを開いてください。そのデバイスのカメラをこのコードに向けるか、Safariにリンクを入力してください。
enroll-not-apple-qr-label = このページへのリンクのQRコード
enroll-not-apple-link-label = リンク：
enroll-not-apple-only-apple = ここで登録できるのはiPhoneとiPadのみです。

## Signed-in pages: the sign-in check

require-sign-in-checking = サインイン状態を確認中…
require-sign-in-failed = サインイン状態を確認できませんでした

## Help desk contact details

support-phone = 電話：
support-email = メール：
support-website = Webサイト：

## Help

help-heading = ヘルプ
help-load-failed = ヘルプデスクの連絡先を読み込めませんでした
help-desk-heading = ヘルプデスクに問い合わせる
help-desk-contact = サインイン、デバイスの登録、仕事用Appの使用で問題がある場合は、{ $org }のヘルプデスクにお問い合わせください：
help-desk-missing = { $org }のヘルプデスクの連絡先は、まだポータルに登録されていません。IT部門にお問い合わせください。
help-privacy-heading = プライバシー
help-privacy-statement = { $org }のプライバシーに関する声明を読む

## My devices

devices-heading = マイデバイス
devices-loading = デバイスを読み込み中…
devices-load-failed = デバイスを読み込めませんでした

## Device list (the device cards of My devices, and its empty state)

devices-list-count = { $count ->
   *[other] { $count }台のデバイス
}
devices-list-this-device = このデバイス
devices-list-model = 機種
devices-list-os-not-reported = 未報告
devices-list-ownership = 所有者
devices-list-enrollment = 登録方法
devices-list-compliance = コンプライアンス
devices-list-last-check-in = 最終チェックイン
devices-list-not-checked-in = まだありません
devices-list-empty-heading = デバイスはまだありません
devices-list-empty-text = お使いのiPhoneまたはiPadを登録すると、仕事用のAppやメールを使えるようになります。登録はそのデバイスのSafariで行います。数分で完了します。
devices-list-enroll = このデバイスを登録

## Dialogs (shared by every dialog that asks to confirm)

dialog-cancel = キャンセル

## Rename (the dialog of a device's page)

rename-title = デバイス名を変更
rename-explain = ポータルに表示される名前のみが変更されます。デバイス自体の名前は変わりません。
rename-name-label = ポータルでの名前
rename-save = 保存
rename-saving = 保存中…
rename-cancel = キャンセル

## Device (a device's page: what the organization sees, compliance, Rename, Check status, Remote lock, Remove)

device-page-title = デバイス
device-loading = デバイスを読み込み中…
device-to-sign-in = サインイン画面に移動しています…
device-load-failed = このデバイスを読み込めませんでした
device-not-found-heading = このデバイスはポータルにありません
device-not-found-text = 削除されたか、ほかのユーザのデバイスである可能性があります。ご自身のデバイスは「マイデバイス」で確認できます。
device-back = マイデバイスに戻る
device-removed = 削除済み
device-removed-acknowledged = デバイスで削除が確認されました。仕事用のApp、仕事用のデータ、組織がインストールした設定はデバイスから削除されています。個人データはそのまま残ります。
device-removed-acknowledged-user = デバイスで削除が確認されました。仕事用ボリュームが、その中の仕事用のApp、データ、仕事用アカウントとともに消去されました。個人データはそのまま残ります。
device-removed-gave-up = デバイスが時間内に応答しなかったため、デバイスからの応答を待たずにポータルから削除しました。仕事用のAppとデータは、次回デバイスが接続したときに削除されます。
device-removed-elsewhere = このデバイスはポータルから削除されました。
device-this-device = このデバイス
device-renamed = 名前を「{ $name }」に変更しました。
device-compliance-heading = 会社のリソースへのアクセス
device-compliance-fix = 対処が必要な項目
device-compliance-issue = { $rule }：{ $instruction }
device-compliance-checked = { $time }に確認
device-check-status = 状態を確認
device-checking = 確認中…
device-check-timed-out = デバイスが応答しませんでした。電源が入っていて接続されていることを確認してから、もう一度お試しください。
device-check-failed = 状態を確認できませんでした：{ $reason }
device-check-done = 状態を確認しました：{ $compliance }
device-actions-heading = 操作
device-rename = 名前を変更
device-remote-lock = リモートロック
device-remove = 削除
device-no-actions = 現在、このデバイスで実行できる操作はありません。
device-lock-title = このデバイスをロックしますか？
device-lock-text = デバイスはすぐにロックされます。ロックはデバイスのパスコードで解除できます。
device-lock-confirm = ロック
device-lock-pending = ロック中…
device-lock-pending-hint = 次回デバイスが接続したときにロックされます。
device-lock-refused = デバイスがロックを拒否しました。
device-lock-no-answer = デバイスが時間内に応答しませんでした。
device-lock-try-again = もう一度試す
device-remove-title = このデバイスを削除しますか？
device-remove-what = 仕事用のApp、仕事用のデータ、組織がインストールした設定がデバイスから削除されます。個人のApp、写真、データはそのまま残ります。
device-remove-what-user = 仕事用ボリュームがデバイスから消去され、仕事用のApp、仕事用のデータ、仕事用アカウントも一緒に削除されます。個人のApp、写真、データはそのまま残ります。
device-remove-undo = この操作は取り消せません。デバイスはあとでもう一度登録できます。
device-remove-this-device = 現在使用中のデバイスです。削除すると、このデバイスでは仕事用Appにアクセスできなくなります。
device-remove-confirm = デバイスを削除
device-removing = 削除中…
device-removing-hint = デバイスの確認を待っています。{ $time }までに応答がない場合は、ポータルからそのまま削除されます。
device-remove-failed = 削除できませんでした：{ $reason }
device-facts-heading = 組織が確認できる情報
device-facts-heading-org = { $org }が確認できる情報
device-cannot-see-label = 組織が確認できない情報：
device-cannot-see-label-org = { $org }が確認できない情報：
device-fact-model = 機種
device-fact-model-code = 機種ID
device-fact-os-not-reported = 未報告
device-fact-serial-number = シリアル番号
device-fact-enrollment = 登録方法
device-fact-ownership = 所有者
device-fact-enrolled = 登録日
device-fact-last-check-in = 最終チェックイン
device-fact-not-checked-in = まだありません
device-reach-not-connecting-title = このデバイスはポータルに接続していません
device-reach-not-connecting-since = 最後の接続:
device-reach-not-connecting-never = 登録後、一度も接続していません。
device-reach-not-connecting-what-to-do = デバイスを開いて、インターネット (Wi-Fi またはモバイルデータ通信) に接続してください。電源が入ってオンラインになると、自動的に接続します。
device-reach-not-connecting-pending = 依頼した操作は保留のままで、デバイスが接続したときに実行されます。
device-reach-push-failing-title = 現在、ポータルからデバイスに接続できません
device-reach-push-failing-text = これは組織側の問題で、お使いのデバイスの問題ではありません。ポータルは再試行を続けます。
device-reach-push-failing-what-to-do = 依頼した操作は保留のままです。数時間以上続く場合は、IT サポートにお問い合わせください。
device-reach-unregistered-title = このデバイスは組織に応答しなくなりました
device-reach-unregistered-text = 消去されたか、デバイスの設定で管理プロファイルが削除された可能性があります。
device-reach-unregistered-what-to-do = 引き続き仕事で使う場合は、もう一度登録してください。使わない場合は、下の「削除」でこの一覧から削除してください。
device-reach-enroll-again = デバイスを登録

## Privacy: what the organization can and can never see (enrollment step and the privacy page)

privacy-can-see-title = { $org }が確認できる情報
privacy-never-see-title = { $org }が決して確認できない情報
privacy-message-title = { $org }からのメッセージ
privacy-see-model-and-name = デバイスの機種と名前
privacy-see-serial-number = シリアル番号
privacy-see-os-version = iOSまたはiPadOSのバージョン
privacy-see-work-apps = 組織がインストールした仕事用Appとそのバージョン
privacy-see-owned-by-you = このデバイスが個人所有であること
privacy-see-phone-number = 電話番号
privacy-see-all-apps = デバイスにインストールされているすべてのAppとそのバージョン
privacy-see-owned-by-organization = このデバイスが組織の所有であること
privacy-see-security-settings = パスコードなどのセキュリティ設定がオンになっているかどうか
privacy-never-personal-email = 個人のメール、カレンダー、連絡先
privacy-never-messages = メッセージ
privacy-never-photos = 写真とファイル
privacy-never-browsing-history = 閲覧履歴
privacy-never-location = デバイスの所在地（位置情報）
privacy-never-calls = 通話と通話履歴
privacy-never-personal-apps = 個人のApp
privacy-see-work-account = サインインに使用した職場のアカウント
privacy-see-passcode-compliant = パスコードが規則を満たしているかどうか（パスコードそのものは見えません）
privacy-never-device-identifiers = デバイスのシリアル番号、電話番号、その他の識別子
privacy-never-erase-device = 仕事用 App とそのデータ以外のすべて（デバイスを消去することもできません）

## Privacy page (/privacy)

privacy-page-heading-generic = 組織は何を確認できますか？
privacy-page-loading = 読み込み中…
privacy-page-load-failed = このページを読み込めませんでした
privacy-page-lead = デバイスを登録すると、{ $org }がそのデバイスを管理します。確認できる情報は、デバイスの所有者によって異なります。
privacy-page-personal-heading = 自分で所有しているデバイス（個人所有）
privacy-page-personal-lead = 個人所有のデバイスでは、組織が管理するのは仕事用のAppと設定のみです。
privacy-page-user-enrollment-heading = 個人所有のデバイス（仕事用のAppとデータのみ、ユーザ登録）
privacy-page-user-enrollment-lead = ユーザ登録では、仕事用のAppとデータはデバイス上の別の仕事用ボリュームに保存されます。組織が管理するのはそのボリュームだけで、デバイスのそれ以外の部分を見ることも、消去することも決してできません。
privacy-page-corporate-heading = { $org }が所有しているデバイス（会社所有）
privacy-page-corporate-lead = 組織が所有するデバイスでは、組織がデバイス全体を管理します。

## Enroll: what the organization can see (privacy)

enroll-privacy-heading = { $org }は何を確認できますか？
enroll-privacy-lead = { $ownership ->
    [personal] 登録すると、組織は個人所有のこのデバイスで、仕事用のAppと設定を管理できるようになります。プライバシーについては次のとおりです。
   *[corporate] 登録すると、組織は所有するこのデバイスを管理できるようになります。プライバシーについては次のとおりです。
}
enroll-privacy-lead-user-enrollment = この方法で登録すると、組織は個人のものと分けられた仕事用の App とデータだけを管理します。プライバシーについては次のとおりです。
enroll-privacy-legacy-account = プロファイルのインストール中に、設定で職場のアカウントへのサインインを求められます: { $account }
enroll-privacy-statement-link = プライバシーに関する声明を読む
enroll-privacy-starting = 開始中…
enroll-privacy-back = 戻る

## Enroll: update iOS or iPadOS

enroll-update-os-heading-too-old = まず{ $os }をアップデートしてください
enroll-update-os-heading-too-new = この{ $os }バージョンはまだ登録できません
enroll-update-os-too-old-lead = この{ $device }の{ $os }は{ $current }です。{ $org }では{ $os } { $minimum }以降が必要です。
enroll-update-os-too-new-lead = この{ $device }の{ $os }は{ $current }ですが、{ $org }で現在許可されているのは{ $os } { $maximum }までです。新しいバージョンがいつ許可されるかは、ヘルプデスクにお問い合わせください。
enroll-update-os-steps-heading = アップデート方法
enroll-update-os-step-settings = 「設定」を開き、「一般」>「ソフトウェアアップデート」に移動します。
enroll-update-os-step-install = 「今すぐアップデート」（または「今すぐインストール」）をタップして、デバイスが再起動するまで待ちます。
enroll-update-os-step-back = 登録するには、Safariでこのページをもう一度開きます。
enroll-update-os-updated-already = すでにアップデートしましたか？
enroll-update-os-check-again = もう一度確認
enroll-update-os-help = ヘルプ

## Enroll: the device was refused at check-in

enroll-rejected-heading-profile = このプロファイルは使用できません
enroll-rejected-heading-other = { $device }を登録できませんでした
enroll-rejected-os-too-old = { $org }では、このデバイスよりも新しいバージョンの{ $os }が必要です。
enroll-rejected-os-too-new = { $org }では、この{ $os }バージョンはまだ許可されていません。いつ許可されるかは、ヘルプデスクにお問い合わせください。
enroll-rejected-device-not-allowed = { $org }では、この種類のデバイスの登録は許可されていません。
enroll-rejected-device-limit-reached = 登録できるデバイスの上限に達しています。使用しなくなったデバイスを「マイデバイス」で削除してから、もう一度登録してください。
enroll-rejected-profile-already-used = このプロファイルはすでにインストール済みです。新しいプロファイルをダウンロードしてください。
enroll-rejected-profile-replaced = このプロファイルは、新しくダウンロードしたプロファイルに置き換えられました。「設定」>「一般」>「VPNとデバイス管理」で古いプロファイルを削除してから、新しいプロファイルをダウンロードしてください。
enroll-rejected-profile-expired = このプロファイルはインストールの期限を過ぎていました。新しいプロファイルをダウンロードして、すぐにインストールしてください。
enroll-rejected-other = 登録を完了できませんでした。もう一度試すか、ヘルプデスクにお問い合わせください。
enroll-rejected-details = 詳細：{ $details }
enroll-rejected-details-os-too-old = このデバイスの{ $os }は{ $version }です。{ $org }では{ $minimum }以降が必要です。
enroll-rejected-details-os-too-new = このデバイスの{ $os }は{ $version }です。{ $org }で許可されているのは{ $maximum }までです。
enroll-rejected-details-device-limit = { $limit ->
   *[other] { $org }で登録できるデバイスは1人あたり{ $limit }台までです。
}
enroll-rejected-details-profile-expired = { $minutes ->
   *[other] プロファイルはダウンロードしてから{ $minutes }分以内にインストールする必要があります。
}
enroll-rejected-device-not-identified = お使いのデバイスが{ $os }のバージョンや機種を示さなかったため、{ $org }のルールに照らして確認できません。ヘルプデスクにお問い合わせください。

## Enroll: open this page in Safari (wrong browser)

enroll-wrong-browser-heading = このページをSafariで開いてください
enroll-wrong-browser-web-clip = ホーム画面からポータルを開いています。管理プロファイルを「設定」に渡せるのはSafari本体だけなので、ダウンロードはSafariで行う必要があります。
enroll-wrong-browser-in-app = { $browser }のApp内ブラウザを使用しています。管理プロファイルを「設定」に渡せるのはSafariだけなので、登録はSafariで行う必要があります。
enroll-wrong-browser-in-unknown-app = このAppのApp内ブラウザを使用しています。管理プロファイルを「設定」に渡せるのはSafariだけなので、登録はSafariで行う必要があります。
enroll-wrong-browser-other = 管理プロファイルを「設定」に渡せるのはSafariだけです。{ $browser }ではプロファイルが「設定」に渡されないため、インストールできません。
enroll-wrong-browser-unknown = 管理プロファイルを「設定」に渡せるのはSafariだけです。このブラウザではプロファイルが「設定」に渡されないため、インストールできません。
enroll-wrong-browser-open-in-safari = Safariで開く
enroll-wrong-browser-or-copy = または、リンクをコピーしてSafariを開き、アドレスバーにペーストしてください。
enroll-wrong-browser-steps-heading = Safariに移動する方法
enroll-wrong-browser-step-copy = 「リンクをコピー」をタップします。
enroll-wrong-browser-step-open = Safari（{ $device }のホーム画面にある青いコンパスのアイコン）を開きます。
enroll-wrong-browser-step-paste = アドレスバーをタップしてから、「ペーストして開く」をタップします。
enroll-wrong-browser-after = Safariでもう一度サインインしてください。これまでの操作は保存されているので、このステップから続けられます。

## Copy link (a button that puts a link on the clipboard)

copy-link-button = リンクをコピー
copy-link-copied = リンクをコピーしました。Safariを開いて、アドレスバーにペーストしてください。
copy-link-by-hand = 次のリンクをコピーして、Safariのアドレスバーにペーストしてください：
copy-link-field-label = このページへのリンク

## Countdown (the time left to install the profile)

countdown-time-left = インストールの残り時間：{ $time }
countdown-spoken-minutes = { $minutes ->
   *[other] プロファイルをインストールできる残り時間は{ $minutes }分です。
}
countdown-spoken-seconds = { $seconds ->
   *[other] プロファイルをインストールできる残り時間は{ $seconds }秒です。
}
countdown-spoken-times-up = 時間切れです。プロファイルはインストールできなくなりました。

## Device details: while offline

device-actions-offline = オフラインのため、これらの操作はオフになっています。接続が回復すると、再び使用できるようになります。

## Enroll: download from a home-screen web clip (handed to Safari)

enroll-hand-off-lead = ホーム画面からポータルを開いています。ここからダウンロードしたものは「設定」に渡せないため、Safariでプロファイルをダウンロードしてから、ここに戻ってください。
enroll-hand-off-or-copy = または、リンクをコピーしてSafariのアドレスバーにペーストしてください：
enroll-hand-off-step-safari = Safariでサインインし、「プロファイルをダウンロード」をタップします。Safariのサインインはホーム画面のものとは別です。
enroll-hand-off-step-return = ホーム画面からポータルに戻ります。ダウンロードが検出され、プロファイルのインストール方法が表示されます。

## Enroll: the portal on the Home Screen (after enrolling)

enroll-home-screen-heading = ポータルをホーム画面に置いておきましょう
enroll-home-screen-managed = まもなく{ $org }によって、ポータルがホーム画面に追加されます。このデバイスを管理するときは、ホーム画面からポータルを開いてください。
enroll-home-screen-lead = ホーム画面から、Appのようにポータルを開けます：
enroll-home-screen-step-share = Safariで共有ボタンをタップします。
enroll-home-screen-step-add = 下にスクロールして、「ホーム画面に追加」をタップします。
enroll-home-screen-step-confirm = 「追加」をタップします。

account-enrollment-page-title = 職場のアカウントでサインイン
account-enrollment-heading-generic = 職場のアカウントでサインイン
account-enrollment-loading = 読み込み中…
account-enrollment-load-failed = このページを読み込めませんでした
account-enrollment-heading = { $org } に登録
account-enrollment-lead-user = { $org } はこのデバイスで、個人のものと分けられた仕事用の App とデータだけを管理します。
account-enrollment-lead-device = { $org } はこのデバイス全体とその設定を管理します。
account-enrollment-account = アカウント:
account-enrollment-continuing = 続行しています…
account-enrollment-not-allowed-heading = このアカウントは設定から登録できません
account-enrollment-not-allowed = { $org } は、あなたのアカウントが設定からデバイスを登録することを許可していません。
account-enrollment-not-allowed-next = このシートを閉じ、Safari でポータルを開いて「このデバイスを登録」に進み、登録方法を確認してください。
account-enrollment-wrong-account-heading = これは別のユーザのアカウントです
account-enrollment-wrong-account = 設定に入力したアカウント { $typed } は別のユーザのものです。現在 { $org } に { $signed_in } としてサインインしています。サインアウトしてから、{ $typed } でサインインしてください。
account-enrollment-sign-out-and-in = サインアウトしてそのアカウントでサインイン
