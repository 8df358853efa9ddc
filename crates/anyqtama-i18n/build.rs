//! Compiles the Fluent files in without their comments (`locales/` is written to be read by
//! translators; the widget's first page pays for every byte). A comment is a line starting with
//! `#` (a pattern's continuation lines are indented, so no text is lost); every other line is
//! kept as it is.
//!
//! Also writes `<lang>/first-page.ftl` for ru and en: the messages `locales/first-page.txt` lists
//! (the widget's first page), taken from that language's `core.ftl` and `app.ftl`; a listed id
//! that a language lacks stops the build.

use std::path::Path;

// The crate's own reading of a Fluent file (the formatter's), so that the first page's messages
// are copied as the widget will read them.
#[allow(dead_code)]
#[path = "src/messages.rs"]
mod messages;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // As Cargo gives it when it runs this script, not as it was when the script was compiled.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("Cargo sets CARGO_MANIFEST_DIR");
    let locales = Path::new(&manifest).join("../../locales");
    for lang in ["kk", "ru", "en"] {
        std::fs::create_dir_all(Path::new(&out).join(lang)).expect("OUT_DIR is writable");
        println!("cargo:rerun-if-changed={}", locales.join(lang).display());
        let dir = std::fs::read_dir(locales.join(lang)).expect("locales/<lang>/");
        for entry in dir.map(|e| e.expect("a file of locales/<lang>/")) {
            let (source, file) = (entry.path(), entry.file_name());
            if source.extension().is_none_or(|x| x != "ftl") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", source.display());
            let text = std::fs::read_to_string(&source).expect("a Fluent file of locales/");
            let kept: String =
                text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
            std::fs::write(Path::new(&out).join(lang).join(file), kept).expect("OUT_DIR is writable");
        }
    }
    let list = locales.join("first-page.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    let list = std::fs::read_to_string(&list).expect("locales/first-page.txt");
    let ids: Vec<&str> =
        list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    for lang in ["ru", "en"] {
        let texts: Vec<String> = ["core.ftl", "app.ftl"]
            .iter()
            .map(|file| {
                std::fs::read_to_string(Path::new(&out).join(lang).join(file)).expect("written above")
            })
            .collect();
        let mut subset = String::new();
        for id in &ids {
            let Some(message) = texts.iter().flat_map(|t| messages::messages(t)).find(|m| m.id == *id) else {
                panic!("locales/first-page.txt: {id} is not in locales/{lang}/core.ftl or app.ftl");
            };
            subset.push_str(message.whole.trim_end());
            subset.push('\n');
        }
        std::fs::write(Path::new(&out).join(lang).join("first-page.ftl"), subset)
            .expect("OUT_DIR is writable");
    }
}
