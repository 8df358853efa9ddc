//! Object identifiers of the NCA's algorithms (`../shared/fixtures/nca-test/README.md`) and of
//! CMS / X.509.
use const_oid::ObjectIdentifier as Oid;

pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-timeStampToken (RFC 3161): an unsigned attribute of a signer.
pub const TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
pub const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

pub const GOST2015_512_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.2");
pub const GOST2015_512_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
pub const GOST2015_256_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.1");
pub const GOST2015_256_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.1");
pub const GOST2004_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.1");
pub const GOST2004_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.2");
pub const STREEBOG_512: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.3");
pub const STREEBOG_256: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.2");
pub const GOST34311: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.1");

pub const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const RSA_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub const RSA_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");

pub const CN: Oid = Oid::new_unwrap("2.5.4.3");
pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const OU: Oid = Oid::new_unwrap("2.5.4.11");
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
/// id-kp-emailProtection: the NCA marks signing certificates with it.
pub const EKU_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
pub const EKU_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
