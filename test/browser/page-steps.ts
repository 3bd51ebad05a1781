/**
 * Small page gestures the day's browser tests share: pick from an Element Plus select, search a
 * judge select by name, fill a scheme aspect row, and wait for a text.
 */
import type { Locator, Page } from 'playwright-core';

/** Picks an option from the select's own list (not another select's popper still fading out). */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  const list = await select.locator('input').first().getAttribute('aria-controls');
  await page.locator(`[id="${list}"] .el-select-dropdown__item`, { hasText: option }).click();
  await page.locator(`[id="${list}"]`).waitFor({ state: 'hidden' });
}

/** Searches a judge select, picks the option, and waits for its tag; the option's text back. */
export async function pickJudge(
  page: Page,
  select: Locator,
  query: string,
  name: string,
): Promise<string> {
  await select.click();
  await page.keyboard.type(query);
  // The select's own list (aria-controls), not another select's popper still fading out.
  const list = await select.locator('input').first().getAttribute('aria-controls');
  const option = page.locator(`[id="${list}"] .el-select-dropdown__item`, { hasText: name });
  await option.waitFor();
  const text = await option.innerText();
  await option.click();
  await select.locator('.el-tag', { hasText: name }).waitFor();
  // A click outside closes the popper, so the next search opens a fresh one.
  await page.getByTestId('chief-page').locator('h2').click();
  return text;
}

export async function fillAspect(
  row: Locator,
  values: { code?: string; description: string; max: string; step?: string },
): Promise<void> {
  if (values.code) {
    await row.getByTestId('aspect-code').fill(values.code);
  }
  await row.getByTestId('aspect-description').fill(values.description);
  await row.getByTestId('aspect-max').fill(values.max);
  if (values.step !== undefined) {
    await row.getByTestId('aspect-step').fill(values.step);
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the element's text contains `text`. */
export async function expectText(
  locator: Locator,
  text: string,
  timeoutMs = 10_000,
): Promise<void> {
  let last = '';
  try {
    await waitUntil(async () => {
      last = await locator
        .first()
        .innerText({ timeout: 1_000 })
        .catch(() => '');
      return last.includes(text);
    }, timeoutMs);
  } catch {
    throw new Error(`expected text ${JSON.stringify(text)}, saw ${JSON.stringify(last)}`);
  }
}

/** The text box of an Element Plus input, whichever element carries its test id. */
export function textBox(scope: Page | Locator, testId: string): Locator {
  return scope
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first();
}
