//! # anyqtama-web
//!
//! The applicant's side of Anyqtama in the browser: a Yew app compiled to WebAssembly, built
//! and bundled by Trunk (`index.html`, `Trunk.toml`). The rules come from `anyqtama-core` and
//! every text from the Fluent files through `anyqtama-i18n`, so the page says the same things,
//! in the same three languages, as the command line.
//!
//! - [`draft`]: the state (a reducer) and its actions; [`steps`]: the journey, from the rule data;
//!   [`validation`]: which blockers belong to which page.
//! - [`storage`]: the draft in `localStorage`, the files in IndexedDB; [`data`]: newer rules,
//!   calendar and sector list from a portal's URLs; [`locales`]: the texts, ru and en fetched
//!   when chosen; [`later`]: effects that need not hold up a render.
//! - [`components`]: one component a file; [`App`] puts them together.

mod app;
pub mod components;
pub mod context;
pub mod data;
pub mod draft;
pub mod embed;
pub mod later;
pub mod locales;
pub mod steps;
pub mod storage;
pub mod submit;
pub mod validation;

pub use app::{App, AppProps, RulesFact};
