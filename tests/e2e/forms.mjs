// Shared by the end-to-end tests that type into the form: a date is three boxes (day, month,
// year — the GOV.UK date input; src/components/field.rs), kept as YYYY-MM-DD by the widget.

/** Types `iso` (YYYY-MM-DD) into the date field `id` of `scope` (a page or a locator). */
export async function fillDate(scope, id, iso) {
  const [year, month, day] = iso.split("-");
  await scope.locator(`#field-${id}`).fill(String(Number(day)));
  await scope.locator(`#field-${id}-month`).fill(String(Number(month)));
  await scope.locator(`#field-${id}-year`).fill(year);
}

/** What the date field `id` shows, as YYYY-MM-DD (the boxes padded), or "" when all are empty. */
export async function readDate(scope, id) {
  const day = await scope.locator(`#field-${id}`).inputValue();
  const month = await scope.locator(`#field-${id}-month`).inputValue();
  const year = await scope.locator(`#field-${id}-year`).inputValue();
  if (!day && !month && !year) return "";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}
