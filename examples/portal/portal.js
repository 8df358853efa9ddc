// The example portal's script: it listens to the widget's events (docs/EMBEDDING.md) and
// lists them, the way a portal would update its own page (a progress badge, the receipt in the
// applicant's cabinet…). No inline script: the page's CSP forbids it.
const log = document.getElementById("event-log");
const EVENTS = ["ready", "draft-saved", "validity-changed", "submitted", "error"];

for (const name of EVENTS) {
  document.addEventListener(`anyqtama-${name}`, (e) => {
    const item = document.createElement("li");
    item.dataset.event = name;
    item.textContent = `${new Date().toLocaleTimeString("ru-RU")} anyqtama-${name} ${JSON.stringify(e.detail)}`;
    log.prepend(item);
    while (log.children.length > 30) log.lastElementChild.remove();
  });
}
