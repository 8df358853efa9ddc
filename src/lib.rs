//! # anyqtama-web
//!
//! The applicant's side of Anyqtama in the browser: a Yew app compiled to WebAssembly, built
//! and bundled by Trunk (`index.html`, `Trunk.toml`). The rules come from `anyqtama-core` and
//! every text from the Fluent files through `anyqtama-i18n`, so the page says the same things,
//! in the same three languages, as the command line.
//!
//! For now the app is a placeholder home page (see [`App`]) until the application form lands.

mod app;
pub mod data;

pub use app::{App, RulesFact};
