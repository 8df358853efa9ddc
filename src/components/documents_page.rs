//! The documents of the checklist (A2) for the kind of request: what each is, why it is needed
//! (with its paragraph), what must be confirmed about it, its expiry date where one applies, and
//! the files attached. Files stay on this machine (IndexedDB); what they are is recognised from
//! their bytes, not their names, and the core's report says why a file is refused.

use crate::components::error_summary::ErrorSummary;
use crate::components::message_list::{advice, error_message};
use crate::components::section_page::{page_nav, summary_items};
use crate::context::{field_id, item_id, Shared};
use crate::draft::{file_key, Action, Step};
use crate::storage;
use anyqtama_core::application::FileRef;
use anyqtama_core::filetype;
use anyqtama_core::report::Target;
use anyqtama_core::rules::{ChecklistItem, Requirement};
use anyqtama_i18n::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Human-readable size: "245 KB", "3.4 MB".
pub fn size_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        // Tenths of a MB, rounded half to even as `{:.1}` rounds the (exact) f64 quotient, but
        // in integers: float formatting is ~10 KB of WebAssembly.
        const MB: u64 = 1024 * 1024;
        // bytes × 10 / MB without overflow: whole MBs, then the tenths of the rest.
        let (q, r) = ((bytes / MB) * 10 + (bytes % MB) * 10 / MB, (bytes % MB) * 10 % MB);
        let tenths = if r > MB / 2 || (r == MB / 2 && q % 2 == 1) { q + 1 } else { q };
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// A size in the reader's language: "3.4 MB", "3,4 МБ".
fn local_size(t: &anyqtama_i18n::Localizer, bytes: u64) -> String {
    let text = size_text(bytes);
    let (number, unit) = text.split_once(' ').unwrap_or((&text, "KB"));
    let number =
        if t.lang() == anyqtama_core::Lang::En { number.to_string() } else { number.replace('.', ",") };
    t.format(&format!("app-size-{}", unit.to_ascii_lowercase()), &[("n", Value::from(number))])
}

#[cfg(test)]
mod tests {
    use super::{local_size, size_text};
    use anyqtama_core::Lang;
    use anyqtama_i18n::Localizer;

    #[test]
    fn sizes_are_written_the_local_way() {
        let size = 3 * 1024 * 1024 + 400 * 1024;
        assert_eq!(local_size(&Localizer::new(Lang::En), size), "3.4 MB");
        assert_eq!(local_size(&Localizer::new(Lang::Ru), size), "3,4 МБ");
        assert_eq!(local_size(&Localizer::new(Lang::Kk), 2048), "2 КБ");
    }

    #[test]
    fn sizes_read_as_float_formatting_would_write_them() {
        let mb = 1024 * 1024;
        let mut sizes: Vec<u64> =
            vec![0, 1, 1023, 1024, 1025, mb - 1, mb, 3 * mb + 1, u64::from(u32::MAX), 1 << 50];
        // Exact ties (x.x5 MB) and their neighbours, where rounding matters.
        for k in 0..200u64 {
            let tie = mb * (2 * k + 21) / 20;
            sizes.extend([tie - 1, tie, tie + 1, k * 7919 * 1031]);
        }
        for b in sizes {
            let expected = if b < mb {
                format!("{} KB", b.div_ceil(1024))
            } else {
                format!("{:.1} MB", b as f64 / (1024.0 * 1024.0))
            };
            assert_eq!(size_text(b), expected, "{b}");
        }
    }
}

/// Reads each chosen file's first bytes, keeps the file in IndexedDB and adds it to the draft.
async fn attach(
    shared: Shared,
    item: String,
    files: Vec<web_sys::File>,
    busy: UseStateHandle<Option<String>>,
) {
    for file in files {
        let name = file.name();
        busy.set(Some(name.clone()));
        let head = storage::head(&file, 16).await.unwrap_or_default();
        let media_type = filetype::sniff(&head).media_type().to_string();
        let size = file.size() as u64;
        let stored = shared.store.put_file(&file_key(&item, &name), &file).await;
        if let Err(reason) = stored {
            busy.set(None);
            shared.host.error("storage.file", &format!("{name}: {reason}"));
            web_sys::console::error_1(&format!("could not keep {name}: {reason}").into());
            continue;
        }
        shared.dispatch(Action::Attach {
            item: item.clone(),
            file: FileRef { name, size, media_type, sha256: None },
        });
    }
    busy.set(None);
}

#[derive(Properties, PartialEq)]
struct ItemBlockProps {
    item: ChecklistItem,
}

#[component]
fn ItemBlock(props: &ItemBlockProps) -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let busy = use_state(|| None::<String>);
    let t = &shared.t;
    let lang = t.lang();
    let item = &props.item;
    let step = Step::Documents;
    let target = Target::Item(item.id.clone());
    let errors: Vec<String> = shared.errors_for(&step, &target).iter().map(|f| shared.message(f)).collect();
    let doc = shared.draft.application.document(&item.id).cloned().unwrap_or_default();
    let input_id = format!("{}-files", item_id(&item.id));
    let error_id = format!("{}-error", item_id(&item.id));
    let rules = shared.rules();

    let on_files = {
        let shared = shared.clone();
        let item = item.id.clone();
        let busy = busy.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            wasm_bindgen_futures::spawn_local(attach(shared.clone(), item.clone(), files, busy.clone()));
        })
    };

    let confirmations = item.confirm.iter().filter_map(|c| rules.confirmation(c)).map(|c| {
        let id = format!("{}-{}", item_id(&item.id), c.id);
        let checked = doc.confirmed.contains(&c.id);
        let onchange = {
            let shared = shared.clone();
            let (item, confirmation) = (item.id.clone(), c.id.clone());
            Callback::from(move |e: Event| {
                let yes = e.target_unchecked_into::<HtmlInputElement>().checked();
                shared.dispatch(Action::Confirm {
                    item: item.clone(),
                    confirmation: confirmation.clone(),
                    yes,
                });
            })
        };
        html! {
            <div class="checkbox">
                <input class="checkbox__input" type="checkbox" id={id.clone()} {checked} {onchange} />
                <label class="checkbox__label" for={id}>{ c.question.get(lang) }</label>
            </div>
        }
    });

    let expiry = item.expiry.then(|| {
        let id = field_id(&format!("{}-expires", item.id));
        let oninput = {
            let shared = shared.clone();
            let item = item.id.clone();
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                shared.dispatch(Action::Expiry { item: item.clone(), value });
            })
        };
        html! {
            <div class="form-group">
                <label class="label" for={id.clone()}>{ t.text("app-document-expires") }</label>
                <input class="input input--date" type="date" id={id} value={doc.expires_on.clone().unwrap_or_default()} {oninput} />
            </div>
        }
    });

    let accepted = |f: &FileRef| rules.files.accepted_media_types.contains(&f.media_type);
    let files = doc.files.iter().map(|f| {
        let refused = !accepted(f);
        let onclick = {
            let shared = shared.clone();
            let (item, name) = (item.id.clone(), f.name.clone());
            Callback::from(move |_: MouseEvent| {
                shared.dispatch(Action::Detach { item: item.clone(), name: name.clone() });
                let key = file_key(&item, &name);
                let store = shared.store.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = store.delete_file(&key).await;
                });
            })
        };
        // A refused file is an error at once (announced), not a grey remark: it does not count
        // as the document (nor in the core's check), and "Remove" takes it away in one action.
        html! {
            <li class={if refused { "file file--refused" } else { "file" }} data-testid="attached-file">
                <span class="file__name">{ f.name.clone() }</span>
                <span class="hint">{ format!(" — {}, {}", local_size(t, f.size), t.text(&format!(
                    "app-file-kind-{}", anyqtama_core::filetype::Sniffed::from_media_type(&f.media_type).key()))) }</span>
                <button type="button" class="button button--link" {onclick}>
                    { t.text("app-remove") }<span class="visually-hidden">{ format!(" {}", f.name) }</span>
                </button>
                if refused {
                    <p class="file__error" role="alert" data-testid="file-refused">{ t.text("app-file-refused") }</p>
                }
            </li>
        }
    });

    let accept = rules.files.accepted_media_types.join(",");
    html! {
        <section class={if errors.is_empty() { "item" } else { "item form-group--error" }} id={item_id(&item.id)}
            tabindex="-1" aria-labelledby={format!("{}-title", item_id(&item.id))} data-item={item.id.clone()}>
            <h2 class="heading-m" id={format!("{}-title", item_id(&item.id))}>{ item.label.get(lang) }</h2>
            <p class="hint">{ item.why.get(lang) }{ " " }<span class="cite">{ format!("({})", item.cite) }</span></p>
            if let Some(reading) = &item.our_reading {
                <p class="hint">{ t.format("app-our-reading", &[("text", Value::from(reading.get(lang)))]) }</p>
            }
            { error_message(&shared, &error_id, &errors) }
            { for confirmations }
            { expiry }
            if !doc.files.is_empty() {
                <ul class="files">{ for files }</ul>
            }
            <div class="form-group">
                <div class="hint" id={format!("{input_id}-hint")}>{ t.format("app-attach-hint", &[
                    ("max", Value::from(i64::try_from(rules.files.max_file_bytes / (1024 * 1024)).unwrap_or(0))),
                    ("count", Value::from(i64::try_from(rules.files.max_files_per_item).unwrap_or(0))),
                ]) }</div>
                // The native input is hidden (its "No file chosen" would sit beside the files
                // listed above); its label is the button, and the input keeps the focus and keys.
                <input class="file-input" type="file" id={input_id.clone()} multiple=true accept={accept}
                    onchange={on_files} aria-describedby={
                        if errors.is_empty() { format!("{input_id}-hint") } else { format!("{input_id}-hint {error_id}") }
                    } />
                <label class="button button--secondary file-label" for={input_id.clone()}>
                    { t.text(if doc.files.is_empty() { "app-file-choose" } else { "app-file-add" }) }
                    <span class="visually-hidden">{ format!(": {}", item.label.get(lang)) }</span>
                </label>
            </div>
            if let Some(name) = (*busy).clone() {
                <p class="hint" role="status">{ t.format("app-saving-file", &[("file", Value::from(name))]) }</p>
            }
            { advice(&shared, &target) }
        </section>
    }
}

#[component]
pub fn DocumentsPage() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let t = &shared.t;
    let lang = t.lang();
    let rules = shared.rules();
    let Some(kind) = shared.kind().and_then(|k| rules.kind(k)) else {
        return html! { <p>{ t.text("app-page-missing") }</p> };
    };
    let step = Step::Documents;
    let items = summary_items(&shared, &step);

    // Items in checklist order; the members of a "one of" group together, under the group.
    let mut blocks = Vec::new();
    let mut groups_done: Vec<&str> = Vec::new();
    for entry in &kind.checklist {
        match &entry.requirement {
            Requirement::FromForm => {}
            Requirement::Required => {
                if let Some(item) = rules.item(&entry.item) {
                    blocks.push(html! { <ItemBlock key={item.id.clone()} item={item.clone()} /> });
                }
            }
            Requirement::OneOf { group, group_label } => {
                if groups_done.contains(&group.as_str()) {
                    continue;
                }
                groups_done.push(group);
                let members = kind
                    .checklist
                    .iter()
                    .filter(|e| matches!(&e.requirement, Requirement::OneOf { group: g, .. } if g == group));
                let members = members
                    .filter_map(|e| rules.item(&e.item))
                    .map(|item| html! { <ItemBlock key={item.id.clone()} item={item.clone()} /> });
                let errors: Vec<String> = shared
                    .errors_for(&step, &Target::Item(group.clone()))
                    .iter()
                    .map(|f| shared.message(f))
                    .collect();
                blocks.push(html! {
                    <div class="group" id={item_id(group)} tabindex="-1" key={group.clone()}>
                        <h2 class="heading-m">{ group_label.get(lang) }</h2>
                        <p class="hint">{ t.text("app-group-hint") }</p>
                        { error_message(&shared, &format!("{}-error", item_id(group)), &errors) }
                        { for members }
                    </div>
                });
            }
        }
    }

    html! {
        <>
            <ErrorSummary title={t.text("app-error-summary-title")} {items} />
            <h1 class="heading-l" tabindex="-1" id="page-heading">{ t.text("app-documents-heading") }</h1>
            <p class="lead">{ t.format("app-documents-intro", &[("kind", Value::from(kind.label.get(lang)))]) }</p>
            <p class="inset">{ t.text("app-files-stay") }</p>
            { for blocks }
            { page_nav(&shared, &step) }
        </>
    }
}
