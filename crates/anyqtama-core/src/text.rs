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

#[cfg(test)]
mod tests {
    use super::*;

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
