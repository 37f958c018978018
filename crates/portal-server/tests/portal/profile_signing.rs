//! Every enrollment profile is signed (checked with OpenSSL against the
//! root the signing chain reaches, as Settings does with its trust store)
//! and made of payloads iOS accepts (checked against Apple's schema).

use std::path::Path;
use std::process::Command;

use crate::support::{profile_plist, Portal, SIGNING_ROOT_FILE};

/// Alex's freshly downloaded profile, as Safari receives it.
async fn downloaded_profile(portal: &Portal) -> Vec<u8> {
    crate::scep::downloaded(portal).await.2
}

/// `openssl cms -verify` of `profile` against `root`: the verified content,
/// or OpenSSL's complaint. `-purpose any`: Settings does not require the
/// S/MIME purpose OpenSSL checks by default, so a TLS certificate signs.
fn openssl_verify(dir: &Path, profile: &[u8], root: &Path) -> Result<Vec<u8>, String> {
    let input = dir.join("profile.mobileconfig");
    let output = dir.join("verified.plist");
    std::fs::write(&input, profile).unwrap();
    let _ = std::fs::remove_file(&output);
    let run = Command::new("openssl")
        .args(["cms", "-verify", "-inform", "DER", "-purpose", "any", "-in"])
        .arg(&input)
        .arg("-CAfile")
        .arg(root)
        .arg("-out")
        .arg(&output)
        .output()
        .expect("openssl runs");
    if run.status.success() {
        Ok(std::fs::read(&output).unwrap())
    } else {
        Err(String::from_utf8_lossy(&run.stderr).into_owned())
    }
}

#[tokio::test]
async fn the_profile_is_signed_and_verifies_against_the_chains_root() {
    let portal = Portal::start().await;
    let profile = downloaded_profile(&portal).await;
    let plist = profile_plist(&profile);
    assert!(
        String::from_utf8_lossy(&plist).contains("<string>com.apple.mdm</string>"),
        "the signed content is the enrollment profile"
    );
    let root = portal.dir.path().join(SIGNING_ROOT_FILE);
    let verified = openssl_verify(portal.dir.path(), &profile, &root)
        .unwrap_or_else(|complaint| panic!("openssl refused the profile: {complaint}"));
    assert_eq!(verified, plist);
}

#[tokio::test]
async fn every_payload_of_the_profile_is_what_ios_accepts() {
    let portal = Portal::start().await;
    let profile: plist::Value =
        plist::from_bytes(&profile_plist(&downloaded_profile(&portal).await)).unwrap();
    mdm_schema::check_configuration_profile(&crate::support::schema_context(), &profile).unwrap();
}

#[tokio::test]
async fn a_changed_profile_or_another_root_does_not_verify() {
    let portal = Portal::start().await;
    let profile = downloaded_profile(&portal).await;
    let root = portal.dir.path().join(SIGNING_ROOT_FILE);

    // One byte of the plist changed on the way: the digest no longer matches.
    let mut tampered = profile.clone();
    let at = tampered
        .windows(b"com.apple.mdm".len())
        .position(|window| window == b"com.apple.mdm")
        .expect("the plist is in the clear inside the signature");
    tampered[at] = b'C';
    assert!(openssl_verify(portal.dir.path(), &tampered, &root).is_err());

    // A root the chain does not reach: not trusted, as on a device without it.
    let stranger = rcgen::generate_simple_self_signed(vec!["stranger.example".into()]).unwrap();
    let other_root = portal.dir.path().join("other-root.pem");
    std::fs::write(&other_root, stranger.cert.pem()).unwrap();
    assert!(openssl_verify(portal.dir.path(), &profile, &other_root).is_err());
}

/// device-sim checks the signature as iOS does before installing: it
/// verifies, names the portal's signing certificate, and is "Verified" only
/// on a device that trusts the chain's root.
#[tokio::test]
async fn the_simulated_iphone_installs_it_as_verified_under_the_chains_root() {
    let portal = Portal::start().await;
    let profile = device_sim::Profile::parse_for(&downloaded_profile(&portal).await, "17.4")
        .expect("device-sim installs the profile");
    assert_eq!(profile.signer.as_deref(), Some("CN=portal.contoso.example"));
    let pem = std::fs::read(portal.dir.path().join(SIGNING_ROOT_FILE)).unwrap();
    let root = x509_cert::Certificate::load_pem_chain(&pem).unwrap();
    assert_eq!(
        profile.verification(&root),
        device_sim::Verification::Verified
    );
    assert_eq!(
        profile.verification(&[]),
        device_sim::Verification::NotVerified
    );
}
