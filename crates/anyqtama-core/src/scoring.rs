//! The assessment criteria of P10 ("qualification characteristics") and the pass mark of six
//! points (A2, refusal ground 2). The criteria are not in our sources: a portal supplies them in
//! this format (`anyqtama-scoring/1`); Anyqtama ships only labelled sample data and never makes up
//! a score. The Commission scores the applicant; a pre-check can only estimate.

use crate::json::{self, FromJson, Obj, Value};
use crate::text::Localized;
use crate::vecmap::VecMap;
use serde::Serialize;

pub const FORMAT: &str = "anyqtama-scoring/1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreOption {
    pub id: String,
    pub label: Localized,
    pub points: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criterion {
    pub id: String,
    pub label: Localized,
    pub options: Vec<ScoreOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criteria {
    pub format: String,
    pub version: String,
    pub official: bool,
    pub title: Localized,
    pub source: String,
    pub pass_mark: u32,
    pub pass_mark_cite: String,
    pub criteria: Vec<Criterion>,
}

/// An estimate from the applicant's own answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Estimate {
    pub total: u32,
    pub pass_mark: u32,
    /// Criteria not answered: the estimate is then incomplete.
    pub unanswered: Vec<String>,
    /// True only when the criteria are official and every one is answered.
    pub conclusive: bool,
}

impl FromJson for ScoreOption {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(ScoreOption { id: o.req("id")?, label: o.req("label")?, points: o.req("points")? })
    }
}

impl FromJson for Criterion {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Criterion { id: o.req("id")?, label: o.req("label")?, options: o.req("options")? })
    }
}

impl FromJson for Criteria {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Criteria {
            format: o.req("format")?,
            version: o.req("version")?,
            official: o.req("official")?,
            title: o.req("title")?,
            source: o.req("source")?,
            pass_mark: o.req("pass_mark")?,
            pass_mark_cite: o.req("pass_mark_cite")?,
            criteria: o.req("criteria")?,
        })
    }
}

impl Criteria {
    pub fn from_json(json: &str) -> Result<Criteria, String> {
        let c: Criteria = json::from_str(json).map_err(|e| e.to_string())?;
        if c.format != FORMAT {
            return Err(format!("format is {:?}, expected {FORMAT:?}", c.format));
        }
        for k in &c.criteria {
            if !k.label.missing().is_empty() || k.options.iter().any(|o| !o.label.missing().is_empty()) {
                return Err(format!("criterion {}: a label is missing a language", k.id));
            }
            if k.options.is_empty() {
                return Err(format!("criterion {} has no options", k.id));
            }
        }
        Ok(c)
    }

    /// Adds up the points of the chosen options (criterion id → option id).
    pub fn estimate(&self, answers: &VecMap<String, String>) -> Estimate {
        let mut total = 0;
        let mut unanswered = Vec::new();
        for k in &self.criteria {
            match answers.get(&k.id).and_then(|a| k.options.iter().find(|o| &o.id == a)) {
                Some(o) => total += o.points,
                None => unanswered.push(k.id.clone()),
            }
        }
        let conclusive = self.official && unanswered.is_empty();
        Estimate { total, pass_mark: self.pass_mark, unanswered, conclusive }
    }
}
