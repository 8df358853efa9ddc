//! The list of priority sectors (types of economic activity) and the in-demand professions in them
//! (annex 2 of Order No. 236). The official list is not in our sources: a portal supplies it in
//! this format (`anyqtama-sectors/1`, see `docs/DATA.md`); Anyqtama ships only clearly labelled
//! sample data (`data/lists/sectors.sample.json`, `"official": false`).

use crate::date::Date;
use crate::json::{self, FromJson, Obj, Value};
use crate::text::Localized;
use serde::Serialize;

pub const FORMAT: &str = "anyqtama-sectors/1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profession {
    pub code: String,
    pub name: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sector {
    pub code: String,
    pub name: Localized,
    pub professions: Vec<Profession>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectorList {
    pub format: String,
    pub version: String,
    /// Only a list marked official is used to refuse a profession; sample data never is.
    pub official: bool,
    pub effective_from: Date,
    pub title: Localized,
    pub source: String,
    pub sectors: Vec<Sector>,
}

impl FromJson for Profession {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Profession { code: o.req("code")?, name: o.req("name")? })
    }
}

impl FromJson for Sector {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Sector { code: o.req("code")?, name: o.req("name")?, professions: o.req("professions")? })
    }
}

impl FromJson for SectorList {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(SectorList {
            format: o.req("format")?,
            version: o.req("version")?,
            official: o.req("official")?,
            effective_from: o.req("effective_from")?,
            title: o.req("title")?,
            source: o.req("source")?,
            sectors: o.req("sectors")?,
        })
    }
}

impl SectorList {
    /// Parses and validates a list: format tag, names in three languages, unique codes.
    pub fn from_json(json: &str) -> Result<SectorList, String> {
        let list: SectorList = json::from_str(json).map_err(|e| e.to_string())?;
        if list.format != FORMAT {
            return Err(format!("format is {:?}, expected {FORMAT:?}", list.format));
        }
        let mut codes: Vec<&str> = Vec::new();
        for s in &list.sectors {
            let names =
                std::iter::once((&s.code, &s.name)).chain(s.professions.iter().map(|p| (&p.code, &p.name)));
            for (code, name) in names {
                if !name.missing().is_empty() {
                    return Err(format!("{code}: a name is missing in {:?}", name.missing()));
                }
                if codes.contains(&code.as_str()) {
                    return Err(format!("code {code} is listed twice"));
                }
                codes.push(code);
            }
        }
        Ok(list)
    }

    pub fn sector(&self, code: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.code == code)
    }

    /// The sector a profession code belongs to.
    pub fn sector_of(&self, profession_code: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.professions.iter().any(|p| p.code == profession_code))
    }

    /// Professions whose name (in any language) or code contains every word of `query`,
    /// case-insensitively — for the searchable picker.
    pub fn search<'a>(&'a self, query: &str) -> Vec<(&'a Sector, &'a Profession)> {
        // Case-insensitive for ASCII and Cyrillic letters (the lists' languages), see `to_lower`.
        let words: Vec<String> = query.split_whitespace().map(crate::text::to_lower).collect();
        let mut out = Vec::new();
        for s in &self.sectors {
            for p in &s.professions {
                let hay = crate::text::to_lower(&format!(
                    "{} {} {} {} {}",
                    p.code,
                    p.name.kk,
                    p.name.ru,
                    p.name.en,
                    s.name.get(crate::Lang::En)
                ));
                if words.iter().all(|w| hay.contains(w.as_str())) {
                    out.push((s, p));
                }
            }
        }
        out
    }
}
