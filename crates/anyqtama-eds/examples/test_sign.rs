//! TEST ONLY: signs content with a test PKCS#12 of the NCA's test PKI (GOST R 34.10-2015 512)
//! and prints the detached CMS in base64 — what NCALayer's `sign` returns. The widget's mock
//! NCALayer calls it.
//!
//! `cargo run -p anyqtama-eds --example test_sign -- --p12 FILE --password Qwerty12 [--content FILE|-] [--time UNIX]`
//! (content from standard input when `-` or not given).

#[path = "../testsupport/signer.rs"]
mod signer;

use base64::Engine;
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut p12, mut password, mut content, mut at) = (None, None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--p12" => p12 = args.next(),
            "--password" => password = args.next(),
            "--content" => content = args.next(),
            "--time" => at = args.next().and_then(|t| t.parse::<u64>().ok()),
            _ => fail(&format!("unknown argument {a}")),
        }
    }
    let p12 = p12.unwrap_or_else(|| fail("--p12 FILE is required"));
    let bytes = std::fs::read(&p12).unwrap_or_else(|e| fail(&format!("{p12}: {e}")));
    let key =
        signer::load_p12(&bytes, password.as_deref().unwrap_or("Qwerty12")).unwrap_or_else(|e| fail(&e));
    let data = match content.as_deref() {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).unwrap_or_else(|e| fail(&e.to_string()));
            buf
        }
        Some(path) => std::fs::read(path).unwrap_or_else(|e| fail(&format!("{path}: {e}"))),
    };
    let now = at.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    });
    let cms = signer::sign_detached(&key, &data, now);
    println!("{}", base64::engine::general_purpose::STANDARD.encode(cms));
}

fn fail(msg: &str) -> ! {
    eprintln!("test_sign: {msg}");
    std::process::exit(2);
}
