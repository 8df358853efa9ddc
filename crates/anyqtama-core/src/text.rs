//! Languages and texts given in all three of them.
//!
//! Rule data carries its own labels as [`Localized`] texts (a checklist item's name, a holiday's
//! name); the fixed messages of the software live in the Fluent files under `locales/`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language of the interface. Kazakh is the default (the state language).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 tag: `kk`, `ru`, `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `kk`, `ru-RU`, `EN`; the region is ignored.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kaz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl crate::json::FromJson for Lang {
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        Ok(Lang::ALL[crate::json::variant(v, &["kk", "ru", "en"])?])
    }
}

/// A text in Kazakh, Russian and English. All three are required by the loaders' validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Localized {
    pub fn new(kk: impl Into<String>, ru: impl Into<String>, en: impl Into<String>) -> Localized {
        Localized { kk: kk.into(), ru: ru.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// The languages whose text is empty (for data validation).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| self.get(*l).trim().is_empty()).collect()
    }
}

impl crate::json::FromJson for Localized {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let o = crate::json::Obj::new(v)?;
        Ok(Localized { kk: o.req("kk")?, ru: o.req("ru")?, en: o.req("en")? })
    }
}

/// Lower case of the letters our data and users write: ASCII and the Cyrillic block (Kazakh and
/// Russian letters included), exactly as `char::to_lowercase` maps them. Other characters are
/// kept as they are: this avoids the standard library's Unicode case tables (~25 KB of WebAssembly).
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF if u % 2 == 0 => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Upper case of ASCII and Cyrillic letters, exactly as `char::to_uppercase` maps them; other
/// characters are kept as they are (see [`lower_char`]).
pub fn upper_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x61..=0x7A => u - 0x20,
        0x450..=0x45F => u - 0x50,
        0x430..=0x44F => u - 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF if u % 2 == 1 => u - 1,
        0x4CF => 0x4C0,
        0x4C1..=0x4CE if u % 2 == 0 => u - 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// [`lower_char`] over a string.
pub fn to_lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mapping_equals_the_standard_library_for_ascii_and_cyrillic() {
        for c in (0u32..0x500).filter_map(char::from_u32) {
            if c.is_ascii() || ('\u{0400}'..='\u{04FF}').contains(&c) {
                let std_lower: Vec<char> = c.to_lowercase().collect();
                let std_upper: Vec<char> = c.to_uppercase().collect();
                assert_eq!(std_lower, vec![lower_char(c)], "{c:?} lower");
                assert_eq!(std_upper, vec![upper_char(c)], "{c:?} upper");
            }
        }
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Lang::parse("kk"), Some(Lang::Kk));
        assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::default(), Lang::Kk);
    }

    #[test]
    fn reports_missing_languages() {
        let t = Localized::new("Наурыз", "", "Nauryz");
        assert_eq!(t.missing(), vec![Lang::Ru]);
        assert_eq!(t.get(Lang::En), "Nauryz");
    }
}
