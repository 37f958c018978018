//! Builds what a server would hand out: a CA, an identity certificate, a
//! PKCS#12 and the enrollment profile around it.
#![allow(dead_code)]

use p12_keystore::{Certificate as P12Cert, KeyStore, KeyStoreEntry, PrivateKeyChain};
use plist::{Dictionary, Value};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair,
    PKCS_ECDSA_P256_SHA256,
};

pub const PASSWORD: &str = "s3cret";
pub const PROFILE_ID: &str = "com.example.portal.enrollment";
pub const TOPIC: &str = "com.apple.mgmt.External.0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

pub struct TestIdentity {
    pub p12: Vec<u8>,
    pub cert_der: Vec<u8>,
    pub ca_der: Vec<u8>,
}

/// A P-256 identity issued by a fresh P-256 CA, as PKCS#12
/// (PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, MAC HMAC-SHA256: p12-keystore's defaults).
pub fn make_identity(common_name: &str) -> TestIdentity {
    make_identity_with(common_name, false)
}

/// `legacy`: pbeWithSHAAnd3-KeyTripleDES-CBC and an HMAC-SHA1 MAC, the
/// algorithms iOS has always read (and what the portal writes).
pub fn make_identity_with(common_name: &str, legacy: bool) -> TestIdentity {
    let ca_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Test Portal Device CA");
    let ca = CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();

    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    let cert = params.signed_by(&key, &ca).unwrap();

    let chain = PrivateKeyChain::new(
        key.serialize_der(),
        [0x42u8; 20],
        [
            P12Cert::from_der(cert.der()).unwrap(),
            P12Cert::from_der(ca.der()).unwrap(),
        ],
    );
    let mut store = KeyStore::new();
    store.add_entry("device identity", KeyStoreEntry::PrivateKeyChain(chain));
    let mut writer = store.writer(PASSWORD);
    if legacy {
        writer = writer
            .encryption_algorithm(p12_keystore::EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
            .mac_algorithm(p12_keystore::MacAlgorithm::HmacSha1)
            .encryption_iterations(2048)
            .mac_iterations(2048);
    }
    let p12 = writer.write().unwrap();
    TestIdentity {
        p12,
        cert_der: cert.der().to_vec(),
        ca_der: ca.der().to_vec(),
    }
}

fn s(v: &str) -> Value {
    Value::String(v.into())
}

/// An enrollment profile (XML plist) for `base` (e.g. `https://host:port`).
pub fn make_profile(base: &str, identity: &TestIdentity, sign: bool) -> Vec<u8> {
    let identity_uuid = "6C1D1A5E-0A3B-4F7C-9D2E-1B2C3D4E5F60";
    let mut p12 = Dictionary::new();
    p12.insert("PayloadType".into(), s("com.apple.security.pkcs12"));
    p12.insert("PayloadUUID".into(), s(identity_uuid));
    p12.insert(
        "PayloadIdentifier".into(),
        s(&format!("{PROFILE_ID}.identity")),
    );
    p12.insert("PayloadVersion".into(), Value::Integer(1.into()));
    p12.insert("PayloadContent".into(), Value::Data(identity.p12.clone()));
    p12.insert("Password".into(), s(PASSWORD));

    let mut mdm = Dictionary::new();
    mdm.insert("PayloadType".into(), s("com.apple.mdm"));
    mdm.insert(
        "PayloadUUID".into(),
        s("0A9B8C7D-6E5F-4A3B-2C1D-0E9F8A7B6C5D"),
    );
    mdm.insert("PayloadIdentifier".into(), s(&format!("{PROFILE_ID}.mdm")));
    mdm.insert("PayloadVersion".into(), Value::Integer(1.into()));
    mdm.insert("ServerURL".into(), s(&format!("{base}/mdm/connect")));
    mdm.insert("CheckInURL".into(), s(&format!("{base}/mdm/checkin")));
    mdm.insert("Topic".into(), s(TOPIC));
    mdm.insert("IdentityCertificateUUID".into(), s(identity_uuid));
    mdm.insert("SignMessage".into(), Value::Boolean(sign));
    mdm.insert("CheckOutWhenRemoved".into(), Value::Boolean(true));
    mdm.insert("AccessRights".into(), Value::Integer(8191.into()));
    mdm.insert(
        "ServerCapabilities".into(),
        Value::Array(vec![s("com.apple.mdm.per-user-connections")]),
    );

    let mut top = Dictionary::new();
    top.insert("PayloadType".into(), s("Configuration"));
    top.insert("PayloadVersion".into(), Value::Integer(1.into()));
    top.insert("PayloadIdentifier".into(), s(PROFILE_ID));
    top.insert(
        "PayloadUUID".into(),
        s("F1E2D3C4-B5A6-4978-8A9B-0C1D2E3F4A5B"),
    );
    top.insert("PayloadDisplayName".into(), s("Example Corp enrollment"));
    top.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(p12), Value::Dictionary(mdm)]),
    );
    let mut out = Vec::new();
    Value::Dictionary(top).to_writer_xml(&mut out).unwrap();
    out
}
