//! Work that need not hold up a render. Yew runs a render's effects before the browser gets the
//! page back, so an effect's cost delays the first paint. Effects that only talk to the browser
//! (fetching a language's texts, the document's title, asking the service worker's registration
//! whether a new version waits) hand their work to [`after_render`]; on the first render they
//! took ~5 ms (BENCHMARKS.md, "Fifth session").

/// Runs `work` in a task of its own, after the render that asked for it.
pub fn after_render(work: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(0, work).forget();
}
