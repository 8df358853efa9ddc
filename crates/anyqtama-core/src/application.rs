//! An application as the applicant fills it: the answers to the A1 form (by field id, as typed)
//! and the state of each checklist document. Raw text is kept as typed, so nothing is lost and the
//! check can say exactly what is wrong with it.

use crate::vecmap::{VecMap, VecSet};
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

/// The answers of the A1 form and the documents of the A2 checklist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub schema: u32,
    /// Field id → the answer as typed (dates `YYYY-MM-DD`, booleans `true`/`false`).
    pub answers: VecMap<String, String>,
    #[serde(default)]
    pub documents: Vec<DocumentState>,
}

/// One checklist item's attachments and what the applicant confirmed about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentState {
    pub item: String,
    #[serde(default)]
    pub files: Vec<FileRef>,
    /// Confirmation ids the applicant ticked (notarised_copy, translation_kk_ru …).
    #[serde(default)]
    pub confirmed: VecSet<String>,
    /// The document's expiry date as typed, where the item has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<String>,
}

/// An attached file, described (its bytes stay with the shell that holds them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub name: String,
    pub size: u64,
    /// The media type recognised from the file's bytes (see `filetype::sniff`), not its name.
    pub media_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

// Reading (crate::json: the widget's saved draft; natively serde reads applications too).

impl crate::json::FromJson for Application {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let o = crate::json::Obj::new(v)?;
        Ok(Application {
            schema: o.req("schema")?,
            answers: o.req("answers")?,
            documents: o.opt("documents")?,
        })
    }
}

impl crate::json::FromJson for DocumentState {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let o = crate::json::Obj::new(v)?;
        Ok(DocumentState {
            item: o.req("item")?,
            files: o.opt("files")?,
            confirmed: o.opt("confirmed")?,
            expires_on: o.opt("expires_on")?,
        })
    }
}

impl crate::json::FromJson for FileRef {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let o = crate::json::Obj::new(v)?;
        Ok(FileRef {
            name: o.req("name")?,
            size: o.req("size")?,
            media_type: o.req("media_type")?,
            sha256: o.opt("sha256")?,
        })
    }
}

impl Application {
    pub fn new() -> Application {
        Application { schema: SCHEMA_VERSION, ..Application::default() }
    }

    /// A trimmed, non-empty answer.
    pub fn answer(&self, field: &str) -> Option<&str> {
        self.answers.get(field).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The kind of request chosen, if any.
    pub fn kind(&self) -> Option<&str> {
        self.answer("kind")
    }

    pub fn set(&mut self, field: &str, value: impl Into<String>) -> &mut Self {
        self.answers.insert(field.to_string(), value.into());
        self
    }

    pub fn document(&self, item: &str) -> Option<&DocumentState> {
        self.documents.iter().find(|d| d.item == item)
    }

    /// The document state of `item`, created if absent.
    pub fn document_mut(&mut self, item: &str) -> &mut DocumentState {
        if let Some(i) = self.documents.iter().position(|d| d.item == item) {
            &mut self.documents[i]
        } else {
            self.documents.push(DocumentState { item: item.to_string(), ..DocumentState::default() });
            self.documents.last_mut().expect("just pushed")
        }
    }
}
