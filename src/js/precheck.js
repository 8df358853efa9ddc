// The pre-check page's body (assets/precheck-page.js) is loaded only when the page opens.
// `rules`, `calendar`, `sectors`: the widget's data URLs (src/data.rs DataUrls), as lists.
export function show(state, host, today, rules, calendar, sectors, lang, loading, failed) {
  state.texts = [lang, loading, failed];
  // Beside the app's files, wherever the page is: this file is
  // dist/snippets/<crate>-<hash>/src/js/precheck.js.
  state.page ??= import(new URL("../../../../precheck-page.js", import.meta.url).href).then(
    (m) => m.mount(host, { today, data: { rules, calendar, sectors } }),
    (e) => {
      host.className = "error-summary";
      host.setAttribute("role", "alert");
      host.textContent = `${state.texts[2]} ${e?.message ?? e}`;
    },
  );
  state.page.then((p) => p?.setLang(...state.texts));
}

export const unmount = (state) => state.page?.then((p) => p?.stop());
