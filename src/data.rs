//! Rule and calendar data that a portal supplies at run time, by URL, without a rebuild.
//!
//! The host names them (`rulesUrl`, `calendarUrl`, `sectorsUrl`: `crate::embed::Config`); the
//! standalone page reads `?rules=URL`, `?calendar=URL` (each may repeat) and `?sectors=URL` (the
//! sector/profession list, which we do not ship) from its address. The widget fetches
//! each file, and loads it into the built-in [`Regulation`] with the same loaders the command
//! line uses (`RuleSets::load_json`, `Calendar::load_year`). A file that cannot be fetched or
//! does not validate is reported by URL, and the built-in data stays in use.

use anyqtama_core::Regulation;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The data URLs given to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataUrls {
    pub rules: Vec<String>,
    pub calendar: Vec<String>,
    pub sectors: Option<String>,
}

impl DataUrls {
    /// From a query string such as `?rules=/r.json&calendar=/2026.json`.
    pub fn from_query(search: &str) -> DataUrls {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else { return DataUrls::default() };
        let all = |name: &str| -> Vec<String> {
            params
                .get_all(name)
                .iter()
                .filter_map(|v| v.as_string())
                .filter(|s| !s.trim().is_empty())
                .collect()
        };
        DataUrls { rules: all("rules"), calendar: all("calendar"), sectors: all("sectors").pop() }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.calendar.is_empty() && self.sectors.is_none()
    }

    /// How many files there are to load.
    pub fn count(&self) -> usize {
        self.rules.len() + self.calendar.len() + usize::from(self.sectors.is_some())
    }
}

/// Why a data file was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub url: String,
    pub reason: String,
}

thread_local! {
    /// The built-in data, parsed once for every widget of the page (see [`builtin`]).
    static BUILTIN: std::cell::OnceCell<Rc<Regulation>> = const { std::cell::OnceCell::new() };
}

/// The built-in regulation, parsed on first use and then shared: by every widget of the page, and
/// with `prepare` (main.rs), which the page's script calls before mounting, so that the first
/// render does not parse it. ([`load`] parses its own copy to load the portal's files into:
/// cloning this one would put `Regulation`'s `Clone` into the wasm, 2.4 KB gzipped.)
pub fn builtin() -> Rc<Regulation> {
    BUILTIN.with(|b| b.get_or_init(|| Rc::new(Regulation::builtin())).clone())
}

/// Fetches a text file (same rules as any `fetch`: CORS applies to other origins). Through
/// web-sys rather than gloo-net, whose request builder costs 2.5 KB of gzipped wasm more
/// (BENCHMARKS.md).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(js_reason)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_reason)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js_reason)?).await.map_err(js_reason)?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

fn js_reason(value: wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "network error".to_string())
}

/// The built-in regulation with every file of `urls` loaded, in order; stops at the first error.
pub async fn load(urls: &DataUrls) -> Result<Regulation, LoadError> {
    let mut regulation = Regulation::builtin();
    let fail = |url: &str, reason: String| LoadError { url: url.to_string(), reason };
    for url in &urls.rules {
        let text = fetch_text(url).await.map_err(|e| fail(url, e))?;
        regulation.rules.load_json(&text).map_err(|e| fail(url, e.to_string()))?;
    }
    for url in &urls.calendar {
        let text = fetch_text(url).await.map_err(|e| fail(url, e))?;
        regulation.calendar.load_year(&text).map_err(|e| fail(url, e.to_string()))?;
    }
    if let Some(url) = &urls.sectors {
        let text = fetch_text(url).await.map_err(|e| fail(url, e))?;
        regulation.sectors =
            Some(anyqtama_core::sectors::SectorList::from_json(&text).map_err(|e| fail(url, e))?);
    }
    Ok(regulation)
}

/// "Now" in Kazakhstan (the rules' UTC offset, +5), to the minute: the host's `now` (or the
/// standalone page's `?now=`), else the start of its `today` (`?today=`), else the browser's
/// clock. The check's forecast of registration ("sent after 18:30 …") is counted from it, as
/// the server counts its receipt from its own clock.
pub fn now(config: &crate::embed::Config, regulation: &Regulation) -> anyqtama_core::Moment {
    use anyqtama_core::Moment;
    if let (None, Some(day)) = (config.now, config.today) {
        return Moment::start_of(day);
    }
    let seconds = config.now.unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64);
    let offset = regulation
        .rules
        .latest()
        .map_or(anyqtama_core::rules::FALLBACK_UTC_OFFSET_MINUTES, |r| r.working_hours.utc_offset_minutes);
    Moment::from_unix(seconds, offset)
        .unwrap_or_else(|| Moment::start_of(anyqtama_core::Date::from_ymd(2026, 1, 1).expect("a date")))
}
