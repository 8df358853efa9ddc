//! Who signed an application with a qualified electronic signature (ЭЦҚ/ЭЦП), as the widget
//! shows it before sending: the submit worker reads it from the CMS NCALayer returned and writes
//! it as JSON; the page reads it back and keeps it in the draft. One type on both sides of that
//! boundary, so that they cannot drift apart.

use crate::json::{self, FromJson, Obj, Value};
use serde::Serialize;

/// The holder of the certificate that signed the bundle (the portal verifies it again).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Signer {
    pub name: Option<String>,
    pub iin: Option<String>,
    pub bin: Option<String>,
    /// The certificate's last day of validity (`YYYY-MM-DD`; absent in the portal's receipt).
    pub not_after: Option<String>,
}

/// Every field may be absent.
impl FromJson for Signer {
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Signer {
            name: o.opt("name")?,
            iin: o.opt("iin")?,
            bin: o.opt("bin")?,
            not_after: o.opt("not_after")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Signer;

    #[test]
    fn what_the_worker_writes_the_page_reads() {
        let signer = Signer {
            name: Some("ТЕСТОВ ТЕСТ".into()),
            iin: Some("123456789011".into()),
            bin: None,
            not_after: Some("2027-05-14".into()),
        };
        let json = serde_json::to_string(&signer).unwrap();
        assert_eq!(crate::json::from_str::<Signer>(&json).unwrap(), signer);
        assert_eq!(crate::json::from_str::<Signer>("{}").unwrap(), Signer::default());
    }
}
