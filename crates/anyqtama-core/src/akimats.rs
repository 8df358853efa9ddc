//! The local executive bodies an application (A1) is addressed to: the akimats of the regions,
//! of the cities of republican significance and of the capital. Data: `data/lists/akimats.json`.

use crate::json::{self, FromJson, Obj, Value};
use crate::text::Localized;
use serde::Serialize;

pub const FORMAT: &str = "anyqtama-akimats/1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AkimatKind {
    Region,
    City,
    Capital,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Akimat {
    pub id: String,
    pub kind: AkimatKind,
    /// The official name (kk, ru) and an English rendering.
    pub name: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Akimats {
    pub format: String,
    pub version: String,
    pub cite: String,
    pub akimats: Vec<Akimat>,
}

impl FromJson for AkimatKind {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        const ALL: [AkimatKind; 3] = [AkimatKind::Region, AkimatKind::City, AkimatKind::Capital];
        Ok(ALL[json::variant(v, &["region", "city", "capital"])?])
    }
}

impl FromJson for Akimat {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Akimat { id: o.req("id")?, kind: o.req("kind")?, name: o.req("name")? })
    }
}

impl FromJson for Akimats {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Akimats {
            format: o.req("format")?,
            version: o.req("version")?,
            cite: o.req("cite")?,
            akimats: o.req("akimats")?,
        })
    }
}

impl Akimats {
    /// Parses and validates the list: format tag, names in all three languages, unique ids.
    pub fn from_json(json: &str) -> Result<Akimats, String> {
        let list: Akimats = json::from_str(json).map_err(|e| e.to_string())?;
        if list.format != FORMAT {
            return Err(format!("format is {:?}, expected {FORMAT:?}", list.format));
        }
        let mut ids: Vec<&str> = Vec::new();
        for a in &list.akimats {
            if !a.name.missing().is_empty() {
                return Err(format!("akimat {}: a name is missing in {:?}", a.id, a.name.missing()));
            }
            if ids.contains(&a.id.as_str()) {
                return Err(format!("akimat {} is listed twice", a.id));
            }
            ids.push(&a.id);
        }
        Ok(list)
    }

    pub fn get(&self, id: &str) -> Option<&Akimat> {
        self.akimats.iter().find(|a| a.id == id)
    }
}
