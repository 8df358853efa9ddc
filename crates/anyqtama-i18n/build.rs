//! Compiles the Fluent files in without their comments (`locales/` is written to be read by
//! translators; the widget's first page pays for every byte). A comment is a line starting with
//! `#` (a pattern's continuation lines are indented, so no text is lost); every other line is
//! kept as it is.
//!
//! Also writes `<lang>/first-page.ftl` for ru and en: the messages `locales/first-page.txt` lists
//! (the widget's first page), taken from that language's `core.ftl` and `app.ftl`; a listed id
//! that a language lacks stops the build.

use std::path::Path;

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
        let mut messages = Vec::new();
        for file in ["core.ftl", "app.ftl"] {
            let text = std::fs::read_to_string(Path::new(&out).join(lang).join(file)).expect("written above");
            messages.extend(messages_of(&text));
        }
        let mut subset = String::new();
        for id in &ids {
            let Some((_, message)) = messages.iter().find(|(m, _)| m == id) else {
                panic!("locales/first-page.txt: {id} is not in locales/{lang}/core.ftl or app.ftl");
            };
            subset.push_str(message);
        }
        std::fs::write(Path::new(&out).join(lang).join("first-page.ftl"), subset)
            .expect("OUT_DIR is writable");
    }
}

/// The messages of a Fluent file without comments: each id with its text (its line and the
/// indented lines after it).
fn messages_of(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let continues = line.starts_with([' ', '\t']) || line.trim().is_empty();
        match (continues, out.last_mut()) {
            (true, Some((_, message))) => message.push_str(&format!("{line}\n")),
            (true, None) => {}
            (false, _) => {
                let id = line.split('=').next().unwrap_or("").trim().to_string();
                out.push((id, format!("{line}\n")));
            }
        }
    }
    out
}
