# Company Portal – Deutsch. Übersetzt aus en.ftl, Schlüssel für
# Schlüssel, mit denselben Platzhaltern ($org, $count, …).
# Anrede: „Sie“. Begriffe aus iOS so, wie iOS sie auf Deutsch zeigt.

product-name = Company Portal

## Shell: Kopfzeile, Navigation, Banner und Fußzeile jeder Seite

shell-skip-to-main = Zum Hauptinhalt springen
shell-signed-in-as = Angemeldet als
shell-sign-out = Abmelden
shell-signing-out = Wird abgemeldet …
shell-sign-out-failed = Sie sind noch angemeldet
shell-nav-label = Hauptmenü
shell-nav-devices = Meine Geräte
shell-nav-enroll = Registrieren
shell-nav-notifications = Mitteilungen
shell-nav-help = Hilfe
shell-privacy-link = Was kann { $org } sehen?
shell-privacy-statement = Datenschutzerklärung
offline-title = Sie sind offline.
unreachable-title = Das Portal antwortet nicht.
offline-explanation = Sie können sich umsehen, aber Aktionen sind deaktiviert, bis die Verbindung wieder besteht. Nichts wird später ohne Ihr Zutun gesendet.
update-ready = Eine neue Version des Portals ist verfügbar.
update-reload = Neu laden
language-picker-label = Sprache
language-picker-failed = Diese Sprache konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.

## Eingabeprüfung: was ein Feld braucht (Anmeldeformular, Umbenennen)

validation-email-empty = Geben Sie Ihre E-Mail-Adresse ein.
validation-email-malformed = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
validation-email-too-long = Diese E-Mail-Adresse ist zu lang.
validation-password-empty = Geben Sie Ihr Passwort ein.
validation-password-too-long = Dieses Passwort ist zu lang.
validation-password-too-short = Wählen Sie ein Passwort mit mindestens { $min } Zeichen.
validation-device-name-empty = Geben Sie einen Namen für dieses Gerät ein.
validation-device-name-too-long = Verwenden Sie höchstens { $max } Zeichen.
validation-device-name-control-characters = Verwenden Sie nur Buchstaben, Ziffern, Leerzeichen und Satzzeichen.

## Anmelden

sign-in-heading = Anmelden
sign-in-heading-organization = Bei { $org } anmelden
sign-in-checking = Anmeldestatus wird geprüft …
sign-in-opening = Angemeldet. Das Portal wird geöffnet …
sign-in-lead = Verwenden Sie Ihre geschäftliche E-Mail-Adresse und Ihr Passwort.
sign-in-email-label = E-Mail-Adresse
sign-in-password-label = Passwort
sign-in-submit = Anmelden
sign-in-pending = Anmeldung läuft …
sign-in-trouble-heading = Probleme bei der Anmeldung?
sign-in-trouble-loading = Kontaktdaten Ihres Helpdesks werden geladen …
sign-in-trouble-help-desk = Ihr Helpdesk kann Ihr Passwort zurücksetzen oder Ihr Konto entsperren.
sign-in-trouble-load-failed = Die Kontaktdaten Ihres Helpdesks konnten nicht geladen werden
sign-in-trouble-it-department = Ihre IT-Abteilung kann Ihr Passwort zurücksetzen oder Ihr Konto entsperren.
sign-in-more-help = Weitere Hilfe
sign-in-oidc-lead = Verwenden Sie Ihr Geschäftskonto mit der gewohnten Anmeldung Ihrer Organisation.
sign-in-with-organization = Mit { $org } anmelden
sign-in-or-password = Oder verwenden Sie eine E-Mail-Adresse und ein Passwort dieses Portals:
sign-in-oidc-error-cancelled = Die Anmeldung wurde abgebrochen. Um es erneut zu versuchen, wählen Sie unten „Anmelden“.
sign-in-oidc-error-provider-unavailable = Der Anmeldedienst Ihrer Organisation hat nicht geantwortet. Versuchen Sie es in einigen Minuten erneut oder wenden Sie sich an Ihren Helpdesk.
sign-in-oidc-error-email-not-verified = Die E-Mail-Adresse Ihres Geschäftskontos ist noch nicht bestätigt. Bitten Sie Ihren Helpdesk, sie zu bestätigen, und melden Sie sich dann erneut an.
sign-in-oidc-error-email-missing = Ihr Geschäftskonto hat keine E-Mail-Adresse, die das Portal verwenden kann. Bitten Sie Ihren Helpdesk, eine hinzuzufügen, und melden Sie sich dann erneut an.
sign-in-oidc-error-invalid-response = Der Antwort des Anmeldedienstes Ihrer Organisation konnte nicht vertraut werden, daher wurden Sie nicht angemeldet. Versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an Ihren Helpdesk.
sign-in-oidc-error-expired = Diese Anmeldung hat zu lange gedauert oder wurde bereits verwendet. Wählen Sie „Anmelden“, um neu zu beginnen.
sign-in-oidc-error-not-configured = Die Anmeldung mit einem Geschäftskonto ist für dieses Portal nicht eingerichtet. Wenden Sie sich an Ihren Helpdesk.
sign-in-oidc-error-unknown = Sie wurden nicht angemeldet. Versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an Ihren Helpdesk.

## Gemeinsame Teile: Fehlerbereich, Formularmeldungen

error-panel-try-again = Erneut versuchen
page-code-loading = Wird geladen…
page-code-failed = Diese Seite konnte nicht geladen werden
form-field-error-prefix = Fehler:

## Gerätebegriffe: Konformität, Regeln, Fernsperre, Registrierungsarten, Eigentümer, Betriebssystem (Meine Geräte und die Seite eines Geräts)

compliance-compliant = Zugriff auf Unternehmensressourcen möglich
compliance-in-grace-period = Nicht konform – Zugriff vorerst noch möglich
compliance-not-compliant = Kein Zugriff auf Unternehmensressourcen
compliance-unknown = Noch nicht geprüft
# $time: genaues Datum mit Uhrzeit, z. B. „14.11.2023, 22:13“.
compliance-grace-until = Nicht konform – Zugriff noch bis { $time } möglich
rule-minimum-os-version = Softwareupdate erforderlich
rule-passcode-required = Code erforderlich
rule-recent-check-in = Länger nicht gemeldet
remote-lock-pending = Fernsperre ausstehend
remote-lock-succeeded = Fernsperre erfolgreich
remote-lock-failed = Fernsperre fehlgeschlagen

enrollment-type-device = Geräteregistrierung
enrollment-type-user = Benutzerregistrierung
enrollment-type-user-fact = Benutzerregistrierung – nur geschäftliche Apps und Daten
enrollment-type-device-cannot-see = Ihre Organisation sieht weder Ihre privaten E-Mails, Nachrichten und Fotos noch Ihren Browserverlauf, Ihren Standort oder Ihren Anrufverlauf.
enrollment-type-user-cannot-see = Ihre Organisation sieht weder Ihre privaten Apps, E-Mails, Nachrichten und Fotos noch Ihren Browserverlauf, Ihren Standort, Ihren Anrufverlauf oder die Seriennummer dieses Geräts.
enrollment-type-device-managed = Geräteregistrierung: Das gesamte Gerät wird verwaltet
enrollment-type-user-managed = Benutzerregistrierung: Nur geschäftliche Apps und Daten werden verwaltet
ownership-personal = Privat
ownership-corporate = Unternehmen
os-name-ios = iOS
os-name-ipados = iPadOS
os-version-label = { $os }-Version

## Warum ein Gerät einen Befehl abgelehnt hat (wenn es keine eigenen Worte dafür hatte)

command-failure-no-reason = Das Gerät hat keinen Grund genannt.
command-failure-unreadable = Das Gerät konnte die Anfrage nicht lesen.

## Zeitspannen, in ihrer größten ganzen Einheit ($count: wie viele)

duration-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
duration-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
duration-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
duration-seconds = { $count ->
    [one] { $count } Sekunde
   *[other] { $count } Sekunden
}

## Fehler bei Anfragen an das Portal (überall, wo eine Anfrage fehlgeschlagen ist)

api-error-invalid-credentials = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto. Prüfen Sie Ihre Angaben und versuchen Sie es erneut.
api-error-too-many-attempts = Zu viele Anmeldeversuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.
api-error-not-signed-in = Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.
api-error-forbidden = Das Portal hat diese Anfrage nicht angenommen. Laden Sie die Seite neu und versuchen Sie es erneut.
api-error-not-found = Dieses Element existiert nicht oder gehört nicht Ihnen.
api-error-internal = Im Portal ist ein Fehler aufgetreten. Versuchen Sie es gleich noch einmal.
api-error-enrollment-not-set-up = Ihre Organisation hat die Registrierung noch nicht fertig eingerichtet, daher können gerade keine Geräte registriert werden. Wenden Sie sich an Ihren IT-Support.
api-error-enrollment-type-not-allowed = Ihre Organisation erlaubt für Ihr Konto diese Art der Registrierung nicht. Gehen Sie zurück zu „Dieses Gerät registrieren“, um die erlaubte Art zu sehen.
api-error-wrong-account = Sie sind mit einem anderen Konto angemeldet als dem, das Sie in den Einstellungen eingegeben haben. Melden Sie sich ab und dann mit dem Konto an, das Sie in den Einstellungen eingegeben haben.
api-error-unknown = Ein Fehler ist aufgetreten. Versuchen Sie es gleich noch einmal.
api-error-network = Das Portal ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
api-error-unavailable = Das Portal ist gerade nicht verfügbar. Versuchen Sie es in einigen Minuten erneut.
api-error-unexpected-response = Das Portal hat eine Antwort gesendet, die diese Seite nicht versteht. Laden Sie die Seite neu und versuchen Sie es erneut.
api-error-unreadable-request = Das Portal konnte diese Anfrage nicht lesen. Laden Sie die Seite neu und versuchen Sie es erneut.
api-error-method-not-allowed = Das Portal unterstützt das hier nicht. Laden Sie die Seite neu und versuchen Sie es erneut.
api-error-too-many-attempts-wait = { $minutes ->
    [one] Zu viele Anmeldeversuche. Warten Sie { $minutes } Minute und versuchen Sie es dann erneut.
   *[other] Zu viele Anmeldeversuche. Warten Sie { $minutes } Minuten und versuchen Sie es dann erneut.
}
api-error-local-accounts-off = Ihre Organisation meldet nur mit Geschäftskonten an. Melden Sie sich stattdessen mit Ihrem Geschäftskonto an.
api-error-portal-not-set-up = Dieses Portal ist noch nicht eingerichtet. Wenden Sie sich an Ihren IT-Support.
api-error-enrollment-type-not-allowed-by = { $org } erlaubt für Ihr Konto diese Art der Registrierung nicht. Gehen Sie zurück zu „Dieses Gerät registrieren“, um die erlaubte Art zu sehen.
api-error-wrong-account-signed-in-as = Sie sind als { $account } angemeldet, nicht mit dem Konto, das Sie in den Einstellungen eingegeben haben. Melden Sie sich ab und dann mit dem Konto an, das Sie in den Einstellungen eingegeben haben.
api-error-device-limit-reached = Sie haben bereits so viele registrierte Geräte, wie { $org } erlaubt ({ $limit }). Entfernen Sie unter „Meine Geräte“ ein Gerät, das Sie nicht mehr verwenden, und versuchen Sie es dann erneut.
api-error-device-limit-reached-no-details = Sie haben bereits so viele registrierte Geräte, wie Ihre Organisation erlaubt. Entfernen Sie unter „Meine Geräte“ ein Gerät, das Sie nicht mehr verwenden, und versuchen Sie es dann erneut.
api-error-enrollment-already-finished = Diese Registrierung ist beendet, daher kann kein Profil mehr geladen werden. Beginnen Sie erneut mit „Dieses Gerät registrieren“.
api-error-remove-pending = Dieses Gerät wird gerade entfernt und kann das daher nicht mehr.
api-error-not-allowed-for-user-enrollment = Diese Aktion ist für ein Gerät mit Benutzerregistrierung nicht verfügbar.
api-error-request-timeout = Die Anfrage hat zu lange gebraucht, um das Portal zu erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
api-error-too-many-event-streams = In diesem Browser verfolgen zu viele Seiten Live-Aktualisierungen. Schließen Sie einige Portal-Tabs und laden Sie diese Seite dann neu.
api-error-storage-unavailable = Das Portal erreicht seine Daten gerade nicht, daher wurde nichts geändert. Versuchen Sie es in einer Minute erneut.

## Mitteilungen

notifications-heading = Mitteilungen
notifications-loading = Ihre Mitteilungen werden geladen …
notifications-load-failed = Ihre Mitteilungen konnten nicht geladen werden
notifications-none = Noch keine Mitteilungen. Wenn Sie ein Gerät sperren, prüfen oder entfernen, sehen Sie hier, was passiert ist.
notification-remote-lock-succeeded = Fernsperre erfolgreich: { $name } ist gesperrt.
notification-remote-lock-failed = Fernsperre von { $name } fehlgeschlagen. Öffnen Sie das Gerät, um es erneut zu versuchen.
notification-check-status-finished = Statusprüfung für { $name } abgeschlossen. Öffnen Sie das Gerät, um das Ergebnis zu sehen.
notification-check-status-timed-out = { $name } hat nicht rechtzeitig auf die Statusprüfung geantwortet. Achten Sie darauf, dass das Gerät eingeschaltet und mit dem Internet verbunden ist, und versuchen Sie es dann erneut.
notification-remove-finished = { $name } wurde entfernt. Das Gerät wird nicht mehr von Ihrer Organisation verwaltet.
notification-remove-timed-out = { $name } hat nicht rechtzeitig geantwortet und wurde daher aus dem Portal entfernt. Falls das Gerät noch verwaltet wird, entfernen Sie dort das Verwaltungsprofil: Einstellungen > Allgemein > VPN und Geräteverwaltung.
notification-remote-lock-failed-because = Fernsperre von { $name } fehlgeschlagen: { $reason }
notification-check-status-compliant = Statusprüfung abgeschlossen: { $name } erfüllt die Anforderungen Ihrer Organisation.
notification-check-status-issues = { $count ->
    [one] Statusprüfung abgeschlossen: Bei { $name } ist { $count } Punkt zu beheben: { $rules }. Öffnen Sie das Gerät unter „Meine Geräte“, um zu sehen, was zu tun ist.
   *[other] Statusprüfung abgeschlossen: Bei { $name } sind { $count } Punkte zu beheben: { $rules }. Öffnen Sie das Gerät unter „Meine Geräte“, um zu sehen, was zu tun ist.
}
notification-check-status-failed = Die Statusprüfung von { $name } ist fehlgeschlagen: { $reason }
notification-remove-failed = { $name } konnte nicht entfernt werden: { $reason } Versuchen Sie es erneut oder wenden Sie sich an Ihren IT-Helpdesk.
notification-remove-timed-out-after = { $name } hat nicht geantwortet, obwohl das Portal { $period } gewartet hat, und wurde daher aus dem Portal entfernt. Falls das Gerät noch verwaltet wird, entfernen Sie dort das Verwaltungsprofil: Einstellungen > Allgemein > VPN und Geräteverwaltung.
taking-you-to-sign-in = Weiter zur Anmeldung …

## Seite nicht gefunden

not-found-heading = Seite nicht gefunden
not-found-explanation = Unter dieser Adresse gibt es keine Seite. Prüfen Sie sie auf Tippfehler oder wählen Sie eine dieser Seiten:
not-found-enroll = Dieses Gerät registrieren

## Registrieren: Rahmen des Ablaufs (Titel, Laden, offline, Hinweise zum Profil)

enroll-page-title = Registrieren
enroll-heading = Dieses Gerät registrieren
enroll-checking = Dieses Gerät wird geprüft …
enroll-to-sign-in = Weiter zur Anmeldung …
enroll-load-failed = Die Registrierung konnte nicht gestartet werden
enroll-offline = Sie sind offline. Diese Seite macht weiter, sobald Sie wieder online sind.
# Steht für $org, solange der Name der Organisation noch nicht geladen ist;
# die Registrierungstexte verwenden $org deshalb nur im Nominativ.
enroll-org-fallback = Ihre Organisation
enroll-notice-profile-replaced = Das installierte Profil wurde durch einen neueren Download ersetzt. Entfernen Sie es unter Einstellungen > Allgemein > VPN und Geräteverwaltung und tippen Sie dann auf „Profil erneut laden“.
enroll-notice-profile-already-used = Dieses Profil wurde bereits installiert. Tippen Sie auf „Profil erneut laden“, um ein neues zu erhalten.
enroll-notice-profile-expired = Dieses Profil wurde zu spät installiert. Tippen Sie auf „Profil erneut laden“, um ein neues zu erhalten.
enroll-notice-other = Beim Profil ist ein Fehler aufgetreten. Tippen Sie auf „Profil erneut laden“, um ein neues zu erhalten.
enroll-continue = Weiter
enroll-again-button = Erneut registrieren
enroll-download-again-button = Profil erneut laden
enroll-go-to-my-devices = Zu „Meine Geräte“
enroll-not-set-up-heading = Die Registrierung ist noch nicht verfügbar
enroll-not-set-up-lead = { $org } hat die Registrierung noch nicht fertig eingerichtet, daher kann gerade kein Gerät registriert werden. Das liegt nicht an Ihrem Gerät.
enroll-not-set-up-contact = Wenden Sie sich an den IT-Support von { $org } und sagen Sie, dass die Registrierung noch nicht eingerichtet ist:
enroll-not-set-up-contact-it = Wenden Sie sich an den IT-Support von { $org } und sagen Sie, dass die Registrierung noch nicht eingerichtet ist. Sobald das erledigt ist, kommen Sie auf diese Seite zurück.
enroll-contact-help-desk = Helpdesk kontaktieren
enroll-what-happens-next = So geht es weiter

## Registrieren: Wem gehört dieses Gerät?

enroll-ownership-heading = Wem gehört dieses Gerät?
enroll-ownership-lead = Davon hängt ab, was Ihre Organisation darauf sehen und tun kann.
enroll-ownership-personal = Dieses Gerät gehört mir
enroll-ownership-personal-hint = Sie haben es gekauft, oder es gehört Ihnen dauerhaft.
enroll-ownership-corporate = { $org } besitzt dieses Gerät
enroll-ownership-corporate-hint = { $org } hat es Ihnen für die Arbeit überlassen.
enroll-ownership-choose-one = Wählen Sie aus, wem dieses Gerät gehört.
enroll-secure-heading = Was möchten Sie schützen?
enroll-secure-lead = Ihr Gerät bleibt in beiden Fällen Ihres. Hier entscheiden Sie, wie viel davon { $org } verwaltet.
enroll-secure-entire-device = Das gesamte Gerät
enroll-secure-entire-device-hint = { $org } verwaltet das ganze Gerät und seine Einstellungen, sieht aber weiterhin nicht Ihre privaten E-Mails, Nachrichten oder Fotos.
enroll-secure-work-only = Nur Arbeits-Apps und -Daten
enroll-secure-work-only-hint = Arbeits-Apps und ihre Daten bleiben von Ihren getrennt; { $org } verwaltet nur diese und kann nichts anderes sehen oder löschen.
enroll-secure-choose-one = Wählen Sie, was Sie schützen möchten.
enroll-work-account-heading = Melden Sie sich in den Einstellungen mit Ihrem Arbeitskonto an
enroll-work-account-lead = Es gibt nichts herunterzuladen: Sie melden sich in den Einstellungen mit Ihrem Arbeitskonto an, und { $org } verwaltet dann nur Arbeits-Apps und -Daten, getrennt von Ihren.
enroll-work-account-steps-heading = Auf Ihrem iPhone oder iPad
enroll-work-account-step-settings = Öffnen Sie „Einstellungen“ und tippen Sie auf „Allgemein“.
enroll-work-account-step-vpn = Tippen Sie auf „VPN und Geräteverwaltung“.
enroll-work-account-step-sign-in = Tippen Sie auf „Mit Arbeits- oder Schul-Account anmelden“.
enroll-work-account-step-account = Geben Sie Ihr Arbeitskonto ein: { $account }
enroll-work-account-step-account-unknown = Geben Sie Ihre geschäftliche E-Mail-Adresse ein.
enroll-work-account-step-finish = Melden Sie sich an, wenn { $org } danach fragt, und folgen Sie dann den Schritten in den Einstellungen.
enroll-work-account-copy = Kontonamen kopieren
enroll-work-account-copied = Kontoname kopiert. Fügen Sie ihn in den Einstellungen ein.
enroll-work-account-copy-by-hand = Kopieren Sie diesen Kontonamen und fügen Sie ihn in den Einstellungen ein:
enroll-work-account-field-label = Ihr Arbeitskonto
enroll-work-account-os = Sie benötigen iOS 15 oder iPadOS 15 oder neuer.
enroll-work-account-waiting = Sobald Ihr Gerät registriert ist, zeigt diese Seite es von selbst an.
enroll-work-account-legacy-heading = Oder ein Profil herunterladen
enroll-work-account-legacy-text = Ihr Gerät kann nur Arbeits-Apps und -Daten auch erhalten, indem Sie ein Profil herunterladen und in den Einstellungen installieren. Apple empfiehlt die Anmeldung mit Ihrem Arbeitskonto in den Einstellungen.
enroll-work-account-legacy-button = Stattdessen ein Profil herunterladen

## Registrieren: Gerätelimit erreicht

enroll-limit-heading = Sie haben Ihr Gerätelimit erreicht
enroll-limit-lead = { $limit ->
    [one] { $org } erlaubt Ihnen, ein Gerät zu registrieren, und Sie haben bereits eines.
   *[other] { $org } erlaubt Ihnen, bis zu { $limit } Geräte zu registrieren, und Sie haben bereits { $limit }.
}
enroll-limit-what-to-do = Entfernen Sie unter „Meine Geräte“ ein Gerät, das Sie nicht mehr verwenden. Kehren Sie dann zu dieser Seite zurück.

## Registrieren: Gerät nicht erlaubt

enroll-device-not-allowed-heading = Dieses { $device } kann nicht registriert werden
enroll-device-not-allowed-lead = { $org } erlaubt nicht, ein { $device } zu registrieren. Wenn Sie ein anderes Gerät für die Arbeit haben, öffnen Sie diese Seite dort. Fragen? Wenden Sie sich an Ihren Helpdesk.

## Registrieren: Profil laden

enroll-download-heading = Verwaltungsprofil laden
enroll-download-lead = Mit dem Profil kann Ihre Organisation geschäftliche Apps, E-Mail und WLAN auf diesem Gerät einrichten.
enroll-download-button = Profil laden
enroll-download-preparing = Ihr Profil wird vorbereitet …
enroll-download-failed = Ihr Profil konnte nicht vorbereitet werden
enroll-download-step-tap = Tippen Sie auf „Profil laden“.
# Die Abfrage und die Tasten so, wie Safari sie auf Deutsch zeigt (Safari duzt).
enroll-download-step-allow = Safari fragt: „Diese Website versucht, ein Konfigurationsprofil zu laden. Möchtest du dies erlauben?“ Tippen Sie auf „Erlauben“.
enroll-download-step-close = Safari meldet „Profil geladen“. Tippen Sie auf „Schließen“. Diese Seite zeigt Ihnen dann, wie Sie es installieren.

## Registrieren: registriert

enroll-enrolled-heading = Alles erledigt
enroll-enrolled-lead = Dieses { $device } ist jetzt registriert. { $org } verwaltet es ab sofort.
enroll-enrolled-wait = Warten Sie einige Minuten, bevor Sie sich bei geschäftlichen Apps anmelden: Ihr Gerät erhält noch seine Einstellungen.
enroll-enrolled-first-app = Öffnen Sie dann eine geschäftliche App, z. B. Ihre geschäftliche E-Mail, und melden Sie sich an. Beginnen Sie damit, nicht mit einer Sicherheits-App.
enroll-enrolled-apps-arrive = Apps, die Ihre Organisation installiert, erscheinen in den nächsten Minuten auf Ihrem Home-Bildschirm.

## Registrieren: Profil abgelaufen

enroll-expired-heading = Das Verwaltungsprofil wurde nicht gefunden
enroll-expired-why = { $minutes ->
    [one] iOS entfernt ein geladenes Profil, wenn es nicht innerhalb von { $minutes } Minute installiert wird. Es ist daher nicht mehr in den Einstellungen.
   *[other] iOS entfernt ein geladenes Profil, wenn es nicht innerhalb von { $minutes } Minuten installiert wird. Es ist daher nicht mehr in den Einstellungen.
}
enroll-expired-what-to-do = Registrieren Sie das Gerät erneut, um ein neues Profil zu laden. Die Fragen müssen Sie nicht noch einmal beantworten. Installieren Sie das Profil dann sofort in den Einstellungen.

## Registrieren: Profil in den Einstellungen installieren

enroll-install-heading = Profil in den Einstellungen installieren
enroll-install-lead = Das Profil ist auf Ihrem Gerät. Installieren Sie es in der App „Einstellungen“, bevor die Zeit abläuft.
enroll-install-installing = Ihr Gerät hat mit der Installation des Profils begonnen. Schließen Sie die Schritte in den Einstellungen ab. Diese Seite aktualisiert sich von selbst.
enroll-install-steps-heading = So installieren Sie das Profil
enroll-install-step-settings = Öffnen Sie die App „Einstellungen“.
enroll-install-step-profile = Tippen Sie oben auf „Profil geladen“.
enroll-install-step-profile-elsewhere = Nicht zu sehen? Gehen Sie zu Allgemein > VPN und Geräteverwaltung und tippen Sie auf das Profil.
enroll-install-step-install = Tippen Sie auf „Installieren“ und geben Sie den Code Ihres { $device } ein.
enroll-install-step-confirm = Tippen Sie zur Bestätigung erneut auf „Installieren“ und dann auf „Vertrauen“.
enroll-install-step-done = Tippen Sie auf „Fertig“ und kehren Sie zu Safari zurück. Diese Seite aktualisiert sich von selbst.
enroll-install-shows-settings = Einstellungen
enroll-install-shows-profile = Profil geladen
enroll-install-shows-install = Installieren
enroll-install-shows-trust = Vertrauen
enroll-install-again-heading = Auf „Ignorieren“ getippt oder Profil nicht gefunden?
enroll-install-again = Laden Sie es erneut. Der neue Download ersetzt den alten.

## Registrieren: kein iPhone oder iPad

enroll-not-apple-heading = Öffnen Sie diese Seite auf Ihrem iPhone oder iPad
enroll-not-apple-lead = Öffnen Sie diese Seite auf dem iPhone oder iPad, das Sie registrieren möchten. Richten Sie dessen Kamera auf diesen Code oder geben Sie den Link in Safari ein.
enroll-not-apple-qr-label = QR-Code mit dem Link zu dieser Seite
enroll-not-apple-link-label = Der Link:
enroll-not-apple-only-apple = Hier können nur iPhone- und iPad-Geräte registriert werden.

## Seiten nach der Anmeldung: Prüfung der Anmeldung

require-sign-in-checking = Anmeldung wird geprüft …
require-sign-in-failed = Ihre Anmeldung konnte nicht geprüft werden

## Kontaktdaten des Helpdesks

support-phone = Telefon:
support-email = E-Mail:
support-website = Website:

## Hilfe

help-heading = Hilfe
help-load-failed = Die Kontaktdaten Ihres Helpdesks konnten nicht geladen werden
help-desk-heading = Helpdesk kontaktieren
help-desk-contact = Bei Problemen mit der Anmeldung, der Registrierung eines Geräts oder mit geschäftlichen Apps wenden Sie sich an den Helpdesk von { $org }:
help-desk-missing = { $org } hat noch keine Kontaktdaten für den Helpdesk im Portal hinterlegt. Wenden Sie sich an Ihre IT-Abteilung.
help-privacy-heading = Datenschutz
help-privacy-statement = Datenschutzerklärung von { $org } lesen

## Meine Geräte

devices-heading = Meine Geräte
devices-loading = Ihre Geräte werden geladen …
devices-load-failed = Ihre Geräte konnten nicht geladen werden

## Geräteliste (die Gerätekarten unter „Meine Geräte“ und der leere Zustand)

devices-list-count = { $count ->
    [one] { $count } Gerät
   *[other] { $count } Geräte
}
devices-list-this-device = Dieses Gerät
devices-list-model = Modell
devices-list-os-not-reported = Noch nicht gemeldet
devices-list-ownership = Eigentümer
devices-list-enrollment = Registrierung
devices-list-compliance = Konformität
devices-list-last-check-in = Letzter Check-in
devices-list-not-checked-in = Noch nicht
devices-list-empty-heading = Noch keine Geräte
devices-list-empty-text = Registrieren Sie das iPhone oder iPad, das Sie gerade in der Hand halten, um darauf Ihre geschäftlichen Apps und E-Mails zu erhalten. Tun Sie das in Safari auf diesem Gerät. Es dauert nur wenige Minuten.
devices-list-enroll = Dieses Gerät registrieren

## Dialoge (gemeinsam für alle Dialoge, die um Bestätigung bitten)

dialog-cancel = Abbrechen

## Umbenennen (Dialog auf der Seite eines Geräts)

rename-title = Gerät umbenennen
rename-explain = Dadurch ändert sich nur der Name im Portal. Das Gerät behält seinen eigenen Namen.
rename-name-label = Name im Portal
rename-save = Speichern
rename-saving = Wird gespeichert …
rename-cancel = Abbrechen

## Gerät (Seite eines Geräts: was die Organisation sieht, Konformität, Umbenennen, Status prüfen, Fernsperre, Entfernen)

device-page-title = Gerät
device-loading = Gerät wird geladen …
device-to-sign-in = Weiter zur Anmeldung …
device-load-failed = Dieses Gerät konnte nicht geladen werden
device-not-found-heading = Dieses Gerät ist nicht in Ihrem Portal
device-not-found-text = Es wurde möglicherweise entfernt oder gehört jemand anderem. Ihre Geräte finden Sie unter „Meine Geräte“.
device-back = Zurück zu „Meine Geräte“
device-removed = Entfernt
device-removed-acknowledged = Das Gerät hat es bestätigt: Geschäftliche Apps, geschäftliche Daten und die von Ihrer Organisation installierten Einstellungen sind entfernt. Private Daten bleiben erhalten.
device-removed-acknowledged-user = Das Gerät hat es bestätigt: Das Arbeitsvolume ist gelöscht, mit den geschäftlichen Apps, Daten und dem geschäftlichen Account darauf. Private Daten bleiben erhalten.
device-removed-gave-up = Das Gerät hat nicht rechtzeitig geantwortet. Das Portal hat es daher ohne Rückmeldung des Geräts entfernt. Geschäftliche Apps und Daten werden bei der nächsten Verbindung vom Gerät entfernt.
device-removed-elsewhere = Dieses Gerät wurde aus dem Portal entfernt.
device-this-device = Dieses Gerät
device-renamed = Name geändert in „{ $name }“.
device-compliance-heading = Zugriff auf Unternehmensressourcen
device-compliance-fix = Zu beheben
device-compliance-issue = { $rule }: { $instruction }
# $time: wie lange die Prüfung her ist, z. B. „vor 5 Minuten“.
device-compliance-checked = Zuletzt geprüft: { $time }
device-check-status = Status prüfen
device-checking = Wird geprüft …
device-check-timed-out = Das Gerät hat nicht geantwortet. Achten Sie darauf, dass es eingeschaltet und verbunden ist, und versuchen Sie es dann erneut.
device-check-failed = Die Statusprüfung ist fehlgeschlagen: { $reason }
device-check-done = Status geprüft: { $compliance }
device-actions-heading = Aktionen
device-rename = Umbenennen
device-remote-lock = Fernsperre
device-remove = Entfernen
device-no-actions = Für dieses Gerät sind derzeit keine Aktionen verfügbar.
device-lock-title = Dieses Gerät sperren?
device-lock-text = Das Gerät wird sofort gesperrt. Mit seinem Code lässt es sich wieder entsperren.
device-lock-confirm = Sperren
device-lock-pending = Wird gesperrt …
device-lock-pending-hint = Das Gerät wird bei der nächsten Verbindung gesperrt.
device-lock-refused = Das Gerät hat die Sperre abgelehnt.
device-lock-no-answer = Das Gerät hat nicht rechtzeitig geantwortet.
device-lock-try-again = Erneut versuchen
device-remove-title = Dieses Gerät entfernen?
device-remove-what = Geschäftliche Apps, geschäftliche Daten und die von Ihrer Organisation installierten Einstellungen werden vom Gerät entfernt. Ihre privaten Apps, Fotos und Daten bleiben erhalten.
device-remove-what-user = Das Arbeitsvolume wird vom Gerät gelöscht, und mit ihm die geschäftlichen Apps, Daten und der geschäftliche Account. Ihre privaten Apps, Fotos und Daten bleiben erhalten.
device-remove-undo = Das lässt sich nicht rückgängig machen. Sie können das Gerät später erneut registrieren.
device-remove-this-device = Sie verwenden dieses Gerät gerade. Nach dem Entfernen haben Sie hier keinen Zugriff mehr auf geschäftliche Apps.
device-remove-confirm = Gerät entfernen
device-removing = Wird entfernt …
device-removing-hint = Warten auf die Bestätigung des Geräts. Antwortet es nicht bis { $time }, entfernt das Portal es trotzdem.
device-remove-failed = Entfernen fehlgeschlagen: { $reason }
device-facts-heading = Was Ihre Organisation sehen kann
device-facts-heading-org = Was { $org } sehen kann
device-cannot-see-label = Was Ihre Organisation nicht sehen kann:
device-cannot-see-label-org = Was { $org } nicht sehen kann:
device-fact-model = Modell
device-fact-model-code = Modell-ID
device-fact-os-not-reported = Noch nicht gemeldet
device-fact-serial-number = Seriennummer
device-fact-enrollment = Registrierung
device-fact-ownership = Eigentümer
device-fact-enrolled = Registriert
device-fact-last-check-in = Letzter Check-in
device-fact-not-checked-in = Noch nicht
device-reach-not-connecting-title = Dieses Gerät hat sich nicht mit dem Portal verbunden
device-reach-not-connecting-since = Zuletzt verbunden:
device-reach-not-connecting-never = Es hat sich seit der Registrierung nicht verbunden.
device-reach-not-connecting-what-to-do = Öffnen Sie Ihr Gerät und verbinden Sie es mit dem Internet (WLAN oder mobile Daten). Sobald es eingeschaltet und online ist, verbindet es sich von selbst.
device-reach-not-connecting-pending = Was Sie angefordert haben, bleibt ausstehend und geschieht, wenn sich das Gerät verbindet.
device-reach-push-failing-title = Das Portal kann Geräte gerade nicht erreichen
device-reach-push-failing-text = Das ist ein Problem auf der Seite Ihrer Organisation, nicht Ihres Geräts. Das Portal versucht es weiter.
device-reach-push-failing-what-to-do = Was Sie angefordert haben, bleibt ausstehend. Dauert es länger als ein paar Stunden, wenden Sie sich an Ihren IT-Support.
device-reach-unregistered-title = Dieses Gerät reagiert nicht mehr auf Ihre Organisation
device-reach-unregistered-text = Wahrscheinlich wurde es gelöscht, oder sein Verwaltungsprofil wurde in den Einstellungen des Geräts entfernt.
device-reach-unregistered-what-to-do = Wenn Sie es weiter für die Arbeit nutzen, registrieren Sie es erneut. Wenn nicht, entfernen Sie es unten mit „Entfernen“ aus dieser Liste.
device-reach-enroll-again = Gerät registrieren

## Datenschutz: was die Organisation sehen kann und nie sehen kann (Registrierungsschritt und Datenschutzseite)

privacy-can-see-title = Das kann { $org } sehen
privacy-never-see-title = Das kann { $org } nie sehen
privacy-message-title = Hinweis von { $org }
privacy-see-model-and-name = Gerätemodell und -name
privacy-see-serial-number = Seriennummer
privacy-see-os-version = iOS- bzw. iPadOS-Version
privacy-see-work-apps = Von der Organisation installierte geschäftliche Apps und deren Versionen
privacy-see-owned-by-you = Dass Ihnen dieses Gerät gehört
privacy-see-phone-number = Telefonnummer
privacy-see-all-apps = Alle auf dem Gerät installierten Apps und deren Versionen
privacy-see-owned-by-organization = Dass dieses Gerät Ihrer Organisation gehört
privacy-see-security-settings = Ob Sicherheitseinstellungen wie ein Code aktiviert sind
privacy-never-personal-email = Ihre privaten E-Mails, Kalender und Kontakte
privacy-never-messages = Ihre Nachrichten
privacy-never-photos = Ihre Fotos und Dateien
privacy-never-browsing-history = Ihren Browserverlauf
privacy-never-location = Wo sich Ihr Gerät befindet (Standort)
privacy-never-calls = Ihre Telefonate und Ihren Anrufverlauf
privacy-never-personal-apps = Ihre privaten Apps
privacy-see-work-account = Das Arbeitskonto, mit dem Sie sich angemeldet haben
privacy-see-passcode-compliant = Ob Ihr Code die Regeln erfüllt (nicht den Code selbst)
privacy-never-device-identifiers = Seriennummer, Telefonnummer und andere Kennungen Ihres Geräts
privacy-never-erase-device = Alles außerhalb der Arbeits-Apps und ihrer Daten – und sie kann Ihr Gerät nie löschen

## Datenschutzseite (/privacy)

privacy-page-heading-generic = Was kann Ihre Organisation sehen?
privacy-page-loading = Wird geladen …
privacy-page-load-failed = Diese Seite konnte nicht geladen werden
privacy-page-lead = Wenn Sie ein Gerät registrieren, verwaltet { $org } es. Was die Organisation sehen kann, hängt davon ab, wem das Gerät gehört.
privacy-page-personal-heading = Ein Gerät, das Ihnen gehört (privat)
privacy-page-personal-lead = Auf Ihrem eigenen Gerät verwaltet Ihre Organisation nur geschäftliche Apps und Einstellungen.
privacy-page-user-enrollment-heading = Ein eigenes Gerät, nur geschäftliche Apps und Daten (Benutzerregistrierung)
privacy-page-user-enrollment-lead = Bei der Benutzerregistrierung liegen geschäftliche Apps und Daten auf einem eigenen Arbeitsvolume Ihres Geräts. Ihre Organisation verwaltet nur dieses Volume: Den Rest Ihres Geräts sieht sie nicht, und sie kann ihn niemals löschen.
privacy-page-corporate-heading = Ein Gerät im Besitz von { $org } (Unternehmen)
privacy-page-corporate-lead = Auf einem unternehmenseigenen Gerät verwaltet Ihre Organisation das gesamte Gerät.

## Registrieren: was die Organisation sehen kann (Datenschutz)

enroll-privacy-heading = Was kann { $org } sehen?
enroll-privacy-lead = { $ownership ->
    [personal] Durch die Registrierung kann Ihre Organisation geschäftliche Apps und Einstellungen auf Ihrem eigenen Gerät verwalten. Hier sehen Sie, was das für Ihre Privatsphäre bedeutet.
   *[corporate] Durch die Registrierung kann Ihre Organisation dieses Gerät verwalten, das ihr gehört. Hier sehen Sie, was das für Ihre Privatsphäre bedeutet.
}
enroll-privacy-lead-user-enrollment = Auf diese Weise verwaltet Ihre Organisation nur Arbeits-Apps und -Daten, getrennt von Ihren. Hier sehen Sie, was das für Ihre Privatsphäre bedeutet.
enroll-privacy-legacy-account = Während Sie das Profil installieren, fordern die Einstellungen Sie auf, sich mit Ihrem Arbeitskonto anzumelden: { $account }
enroll-privacy-statement-link = Datenschutzerklärung lesen
enroll-privacy-starting = Wird gestartet …
enroll-privacy-back = Zurück

## Registrieren: iOS oder iPadOS aktualisieren

enroll-update-os-heading-too-old = Zuerst { $os } aktualisieren
enroll-update-os-heading-too-new = Diese { $os }-Version kann noch nicht registriert werden
enroll-update-os-too-old-lead = Auf diesem { $device } ist { $os } { $current } installiert. { $org } verlangt { $os } { $minimum } oder neuer.
enroll-update-os-too-new-lead = Auf diesem { $device } ist { $os } { $current } installiert. { $org } erlaubt derzeit höchstens { $os } { $maximum }. Fragen Sie Ihren Helpdesk, wann neuere Versionen erlaubt werden.
enroll-update-os-steps-heading = So aktualisieren Sie
enroll-update-os-step-settings = Öffnen Sie die Einstellungen und dann Allgemein > Softwareupdate.
enroll-update-os-step-install = Tippen Sie auf „Jetzt aktualisieren“ (oder „Jetzt installieren“) und warten Sie, bis das Gerät neu startet.
enroll-update-os-step-back = Öffnen Sie diese Seite dann erneut in Safari, um das Gerät zu registrieren.
enroll-update-os-updated-already = Schon aktualisiert?
enroll-update-os-check-again = Erneut prüfen
enroll-update-os-help = Hilfe

## Registrieren: Gerät beim Check-in abgelehnt

enroll-rejected-heading-profile = Dieses Profil kann nicht verwendet werden
enroll-rejected-heading-other = Ihr { $device } konnte nicht registriert werden
enroll-rejected-os-too-old = { $org } verlangt eine neuere { $os }-Version, als auf diesem Gerät installiert ist.
enroll-rejected-os-too-new = { $org } erlaubt diese { $os }-Version noch nicht. Fragen Sie Ihren Helpdesk, ab wann sie erlaubt ist.
enroll-rejected-device-not-allowed = { $org } erlaubt nicht, diese Art von Gerät zu registrieren.
enroll-rejected-device-limit-reached = Sie haben bereits so viele Geräte, wie Sie haben dürfen. Entfernen Sie unter „Meine Geräte“ eines, das Sie nicht mehr verwenden, und starten Sie die Registrierung dann erneut.
enroll-rejected-profile-already-used = Dieses Profil wurde bereits installiert. Laden Sie ein neues.
enroll-rejected-profile-replaced = Ein neuerer Download hat dieses Profil ersetzt. Entfernen Sie das alte unter Einstellungen > Allgemein > VPN und Geräteverwaltung und laden Sie dann ein neues.
enroll-rejected-profile-expired = Dieses Profil wurde zu spät installiert. Laden Sie ein neues und installieren Sie es sofort.
enroll-rejected-other = Die Registrierung wurde verhindert. Versuchen Sie es erneut oder fragen Sie Ihren Helpdesk.
enroll-rejected-details = Details: { $details }
enroll-rejected-details-os-too-old = Auf diesem Gerät läuft { $os } { $version }; { $org } verlangt { $minimum } oder neuer.
enroll-rejected-details-os-too-new = Auf diesem Gerät läuft { $os } { $version }; { $org } erlaubt höchstens { $maximum }.
enroll-rejected-details-device-limit = { $limit ->
    [one] { $org } erlaubt { $limit } registriertes Gerät pro Person.
   *[other] { $org } erlaubt { $limit } registrierte Geräte pro Person.
}
enroll-rejected-details-profile-expired = { $minutes ->
    [one] Ein Profil muss innerhalb von { $minutes } Minute nach dem Laden installiert werden.
   *[other] Ein Profil muss innerhalb von { $minutes } Minuten nach dem Laden installiert werden.
}
enroll-rejected-device-not-identified = Ihr Gerät hat nicht angegeben, welche { $os }-Version darauf läuft oder welches Modell es ist, daher kann { $org } es nicht anhand der Regeln prüfen. Fragen Sie Ihren Helpdesk.

## Registrieren: diese Seite in Safari öffnen (falscher Browser)

enroll-wrong-browser-heading = Öffnen Sie diese Seite in Safari
enroll-wrong-browser-web-clip = Sie haben das Portal über Ihren Home-Bildschirm geöffnet. Nur Safari selbst kann das Verwaltungsprofil an die Einstellungen weitergeben. Der Download muss daher in Safari erfolgen.
enroll-wrong-browser-in-app = Sie sind im integrierten Browser von { $browser }. Nur Safari kann das Verwaltungsprofil an die Einstellungen weitergeben. Die Registrierung muss daher dort erfolgen.
enroll-wrong-browser-in-unknown-app = Sie sind im integrierten Browser dieser App. Nur Safari kann das Verwaltungsprofil an die Einstellungen weitergeben. Die Registrierung muss daher dort erfolgen.
enroll-wrong-browser-other = Nur Safari kann das Verwaltungsprofil an die Einstellungen weitergeben: { $browser } behält es für sich, und es wird nie installiert.
enroll-wrong-browser-unknown = Nur Safari kann das Verwaltungsprofil an die Einstellungen weitergeben: Dieser Browser behält es für sich, und es wird nie installiert.
enroll-wrong-browser-open-in-safari = In Safari öffnen
enroll-wrong-browser-or-copy = Oder kopieren Sie den Link, öffnen Sie Safari und setzen Sie ihn in die Adressleiste ein.
enroll-wrong-browser-steps-heading = So wechseln Sie zu Safari
enroll-wrong-browser-step-copy = Tippen Sie auf „Link kopieren“.
enroll-wrong-browser-step-open = Öffnen Sie Safari (das blaue Kompass-Symbol auf dem Home-Bildschirm Ihres { $device }).
# „Einsetzen und öffnen“ ist der Menüeintrag von Safari auf Deutsch.
enroll-wrong-browser-step-paste = Tippen Sie auf die Adressleiste und dann auf „Einsetzen und öffnen“.
enroll-wrong-browser-after = Melden Sie sich in Safari erneut an. Sie machen bei diesem Schritt weiter: Ihr bisheriger Fortschritt ist gespeichert.

## Link kopieren (eine Taste, die einen Link in die Zwischenablage legt)

copy-link-button = Link kopieren
copy-link-copied = Link kopiert. Öffnen Sie jetzt Safari und setzen Sie ihn in die Adressleiste ein.
copy-link-by-hand = Kopieren Sie diesen Link und setzen Sie ihn in die Adressleiste von Safari ein:
copy-link-field-label = Link zu dieser Seite

## Countdown (die verbleibende Zeit zum Installieren des Profils)

countdown-time-left = Noch { $time } zum Installieren
countdown-spoken-minutes = { $minutes ->
    [one] Noch { $minutes } Minute, um das Profil zu installieren.
   *[other] Noch { $minutes } Minuten, um das Profil zu installieren.
}
countdown-spoken-seconds = { $seconds ->
    [one] Noch { $seconds } Sekunde, um das Profil zu installieren.
   *[other] Noch { $seconds } Sekunden, um das Profil zu installieren.
}
countdown-spoken-times-up = Die Zeit ist abgelaufen: Das Profil kann nicht mehr installiert werden.

## Gerätedetails: offline

device-actions-offline = Sie sind offline. Daher sind diese Aktionen deaktiviert. Sie sind wieder verfügbar, sobald die Verbindung besteht.

## Registrieren: Download über ein Web-App-Symbol auf dem Home-Bildschirm (an Safari übergeben)

enroll-hand-off-lead = Sie haben das Portal über Ihren Home-Bildschirm geöffnet. Von hier aus erreicht ein Download die Einstellungen nicht. Laden Sie das Profil deshalb in Safari und kehren Sie danach hierher zurück.
enroll-hand-off-or-copy = Oder kopieren Sie den Link und setzen Sie ihn in die Adressleiste von Safari ein:
enroll-hand-off-step-safari = Melden Sie sich in Safari an und tippen Sie auf „Profil laden“. Safari hat eine eigene Anmeldung, getrennt vom Home-Bildschirm.
enroll-hand-off-step-return = Kehren Sie zum Portal auf Ihrem Home-Bildschirm zurück. Es erkennt den Download und zeigt Ihnen, wie Sie das Profil installieren.

## Registrieren: das Portal auf dem Home-Bildschirm (nach der Registrierung)

enroll-home-screen-heading = Portal auf dem Home-Bildschirm behalten
enroll-home-screen-managed = { $org } fügt das Portal gleich für Sie zu Ihrem Home-Bildschirm hinzu. Öffnen Sie es dort, um dieses Gerät zu verwalten.
enroll-home-screen-lead = Öffnen Sie das Portal wie eine App, direkt von Ihrem Home-Bildschirm:
enroll-home-screen-step-share = Tippen Sie in Safari auf die Taste „Teilen“.
enroll-home-screen-step-add = Scrollen Sie nach unten und tippen Sie auf „Zum Home-Bildschirm“.
enroll-home-screen-step-confirm = Tippen Sie auf „Hinzufügen“.

account-enrollment-page-title = Mit Ihrem Arbeitskonto anmelden
account-enrollment-heading-generic = Mit Ihrem Arbeitskonto anmelden
account-enrollment-loading = Wird geladen …
account-enrollment-load-failed = Diese Seite konnte nicht geladen werden
account-enrollment-heading = Bei { $org } registrieren
account-enrollment-lead-user = { $org } verwaltet auf diesem Gerät nur Arbeits-Apps und -Daten, getrennt von Ihren.
account-enrollment-lead-device = { $org } verwaltet dieses gesamte Gerät und seine Einstellungen.
account-enrollment-account = Konto:
account-enrollment-continuing = Wird fortgesetzt …
account-enrollment-not-allowed-heading = Dieses Konto kann sich nicht über die Einstellungen registrieren
account-enrollment-not-allowed = { $org } erlaubt Ihrem Konto nicht, ein Gerät über die Einstellungen zu registrieren.
account-enrollment-not-allowed-next = Schließen Sie dieses Fenster, öffnen Sie das Unternehmensportal in Safari und gehen Sie zu „Dieses Gerät registrieren“, um zu sehen, wie Sie sich registrieren können.
account-enrollment-wrong-account-heading = Dies ist das Konto einer anderen Person
account-enrollment-wrong-account = Das in den Einstellungen eingegebene Konto { $typed } gehört jemand anderem: Sie sind bei { $org } als { $signed_in } angemeldet. Melden Sie sich ab und dann mit { $typed } an.
account-enrollment-sign-out-and-in = Abmelden und mit diesem Konto anmelden
