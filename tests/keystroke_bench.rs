//! In-browser benchmark (not a test of speed): the full check the widget runs on every keystroke,
//! in headless Chromium with the shipping profile. 1,000 keystrokes, each one a changed answer
//! and a full `check`; prints the median, p99 and max, and the mean over all runs (browsers may
//! coarsen `performance.now()` to 5–100 µs, so the mean of the whole batch is the precise figure).
//!
//! `scripts/test.sh` runs it as
//! `cargo test --release -p anyqtama-web --target wasm32-unknown-unknown --test keystroke_bench`
//! and writes the figures to test-artifacts/keystroke-bench.txt (BENCHMARKS.md).
#![cfg(target_arch = "wasm32")]

use anyqtama_core::application::Application;
use anyqtama_core::{check, Date, Regulation};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 1000;

#[wasm_bindgen_test]
fn full_check_on_every_keystroke() {
    // One Performance object for every reading: fetching `window.performance` at each reading
    // made two JS objects per sample, and the garbage collector's pauses showed in the p99.
    let performance = web_sys::window().unwrap().performance().unwrap();
    let now = || performance.now();
    let regulation = Regulation::builtin();
    let today = Date::parse("2026-11-25").unwrap();
    let fixtures = [
        include_str!("fixtures/applications/issue.json"),
        include_str!("fixtures/applications/extend.json"),
        include_str!("fixtures/applications/reissue-employer.json"),
    ];
    let mut apps: Vec<Application> = fixtures.iter().map(|j| serde_json::from_str(j).unwrap()).collect();
    let typed = "Nurlanovich-Kassymov";
    // Warm-up, not measured: by the time an applicant types, the page has run the check already
    // (first render), so the allocator and the code are warm.
    for app in &apps {
        for _ in 0..30 {
            std::hint::black_box(check(app, today, &regulation));
        }
    }
    let mut samples = Vec::with_capacity(RUNS);
    let mut blockers = 0;
    let start = now();
    for i in 0..RUNS {
        let app = &mut apps[i % 3];
        // A keystroke: one more character of the patronymic (or a fresh start).
        let n = i % typed.len();
        app.set("patronymic", &typed[..=n]);
        let t0 = now();
        let report = check(app, today, &regulation);
        samples.push(now() - t0);
        blockers += report.blockers;
    }
    let total = now() - start;
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((RUNS as f64 * q) as usize).min(RUNS - 1)];
    assert_eq!(samples.len(), RUNS);
    assert_eq!(blockers, 0, "the fixtures are complete applications: every check ran in full");
    console_log!(
        "keystroke-bench: runs={RUNS} median_ms={:.3} p99_ms={:.3} max_ms={:.3} mean_ms={:.4}",
        at(0.5),
        at(0.99),
        samples[RUNS - 1],
        total / RUNS as f64
    );
}
