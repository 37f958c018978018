//! A stand-in for Apple's push certificate CA, for tests: it issues MDM
//! push certificates (subject UID = the topic, client authentication) that
//! a [`super::Gateway`] given its PEM accepts.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, DnValue, ExtendedKeyUsagePurpose, IsCa, Issuer,
    KeyPair,
};

use super::MDM_TOPIC_PREFIX;

/// A test CA for push certificates.
pub struct PushCa {
    params: CertificateParams,
    key: KeyPair,
    pem: String,
}

/// A push certificate with its key, as PEM.
#[derive(Clone)]
pub struct IssuedPushCertificate {
    pub topic: String,
    pub certificate_pem: String,
    /// PKCS#8 PEM.
    pub key_pem: String,
}

impl PushCa {
    pub fn new() -> Result<PushCa, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params
            .distinguished_name
            .push(DnType::CommonName, "device-sim Push CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let pem = params.self_signed(&key)?.pem();
        Ok(PushCa { params, key, pem })
    }

    /// The CA certificate (PEM): the gateway's client CA.
    pub fn certificate_pem(&self) -> &str {
        &self.pem
    }

    /// A push certificate for `topic`.
    pub fn issue(&self, topic: &str) -> Result<IssuedPushCertificate, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.distinguished_name.push(
            DnType::CustomDnType(vec![0, 9, 2342, 19_200_300, 100, 1, 1]),
            DnValue::Utf8String(topic.to_owned()),
        );
        params
            .distinguished_name
            .push(DnType::CommonName, format!("APSP:{topic}"));
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let issuer = Issuer::from_params(&self.params, &self.key);
        let certificate = params.signed_by(&key, &issuer)?;
        Ok(IssuedPushCertificate {
            topic: topic.to_owned(),
            certificate_pem: certificate.pem(),
            key_pem: key.serialize_pem(),
        })
    }

    /// A push certificate for a new topic `com.apple.mgmt.External.<uuid>`.
    pub fn issue_new_topic(&self) -> Result<IssuedPushCertificate, rcgen::Error> {
        self.issue(&format!("{MDM_TOPIC_PREFIX}{}", uuid::Uuid::new_v4()))
    }
}
