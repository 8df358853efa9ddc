// The pre-check page's body (assets/precheck-page.js) is loaded only when the page opens.
export function show(state, host, today, lang, loading, failed) {
  state.texts = [lang, loading, failed];
  state.page ??= import(new URL("precheck-page.js", document.baseURI).href).then(
    (m) => m.mount(host, { today }),
    (e) => {
      host.className = "error-summary";
      host.setAttribute("role", "alert");
      host.textContent = `${state.texts[2]} ${e?.message ?? e}`;
    },
  );
  state.page.then((p) => p?.setLang(...state.texts));
}

export const unmount = (state) => state.page?.then((p) => p?.stop());
