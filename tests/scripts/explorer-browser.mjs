// Banana Cake Pop at /graphql/ui in headless Chromium: the page loads, fetches the schema by introspection, and runs a
// query with a bearer token typed into its HTTP headers. Exits 1 on failure, leaving a screenshot next to the log.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { required } from './lib/tools.mjs';
import { signUp } from './lib/graphql.mjs';
import { launchChromium } from './lib/chromium.mjs';

const base = required('API_URL');
const screenshot = process.env.EXPLORER_SCREENSHOT ?? join(tmpdir(), 'hybridstorage-explorer.png');
const TIMEOUT_MS = 90000; // generous: CI machines have two cores and this runs beside the test suite

const user = await signUp(`${base}/graphql`, 'explorer');
const chromium = await launchChromium({ viewport: { width: 1400, height: 900 } });
const browser = chromium.context;

let failed = false;
const page = browser.pages()[0] ?? await browser.newPage();
const bodies = new WeakMap(); // request -> its answer's text, kept by keepAnswerBodies
try {
  await keepAnswerBodies();
  const introspected = page.waitForResponse((r) => r.url() === `${base}/graphql`
    && (r.request().postData() ?? '').includes('__schema') && r.status() === 200, { timeout: TIMEOUT_MS });
  introspected.catch(() => {}); // awaited below; a page that fails earlier must not leave it unhandled
  const response = await page.goto(`${base}/graphql/ui`);
  if (response?.status() !== 200) throw new Error(`the page answered ${response?.status()}`);
  console.log('ok     the explorer page loads');

  await page.getByText('Create Document').click({ timeout: TIMEOUT_MS });
  const schema = await jsonOf(await introspected);
  if (schema.data?.__schema?.queryType?.name !== 'Query') throw new Error(`introspection: ${JSON.stringify(schema).slice(0, 300)}`);
  await page.getByText('Schema available').waitFor({ timeout: TIMEOUT_MS });
  console.log('ok     it fetches the schema by introspection from the configured endpoint');

  await page.getByText('HTTP Headers').click();
  await typeHeader();
  const answer = await runUntilSent('query Me { me { id } }', 'query Me');
  const result = await jsonOf(answer);
  if (result.data?.me?.id !== user.id) throw new Error(`the query answered ${JSON.stringify(result)}`);
  await showsAnswer(user.id, 'query Me { me { id } }', 'query Me');
  console.log('ok     it runs a query with a bearer token and shows the answer');
} catch (e) {
  failed = true;
  console.log(`FAILED ${e?.stack ?? e}`);
} finally {
  await page.screenshot({ path: screenshot }).catch(() => {});
  console.log(`screenshot: ${screenshot}`);
  await chromium.close();
}
process.exit(failed ? 1 : 0);

// The service's answers to the explorer, read on this side as they pass: the browser may let go of a response's body
// once the page has read it, and Playwright then reports "Response body is unavailable" for a response that arrived.
async function keepAnswerBodies() {
  await page.route(`${base}/graphql`, async (route) => {
    try {
      const response = await route.fetch();
      const text = response.text();
      text.catch(() => {}); // read only for the answers the check looks at
      bodies.set(route.request(), text);
      await route.fulfill({ response });
    } catch {
      await route.abort().catch(() => {}); // the page is closing, or the service did not answer: the check fails on its own
    }
  });
}

async function jsonOf(response) {
  const body = bodies.get(response.request());
  if (body === undefined) throw new Error(`no answer body was kept for ${response.request().method()} ${response.url()}`);
  return JSON.parse(await body);
}

// Under load the explorer can send before its document state has caught up with the editor (a request without
// the query): run again until the request carries the operation.
async function runUntilSent(operation, marker) {
  for (let attempt = 1; ; attempt++) {
    // Typed again on every attempt: text typed before the explorer bound its document to the editor is not sent.
    await replaceEditorText(page.locator('.monaco-editor').first(), operation);
    await page.waitForTimeout(500 * attempt);
    const response = page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === 'POST'
      && !(r.request().postData() ?? '').includes('__schema'), { timeout: TIMEOUT_MS });
    response.catch(() => {});
    await runOperation();
    const answer = await response;
    const withOperation = (answer.request().postData() ?? '').includes(marker);
    const withToken = answer.request().headers().authorization === `Bearer ${user.token}`;
    if (withOperation && withToken) return answer;
    if (attempt >= 6) {
      throw new Error(withOperation
        ? `the explorer never sent '${marker}' with the token: last request's authorization '${answer.request().headers().authorization}'`
        : `the explorer never sent '${marker}': last request ${answer.request().postData()}`);
    }
    // Under load the explorer can also send before it has taken the header typed into its HTTP Headers tab.
    if (!withToken) await typeHeader();
    await page.waitForTimeout(1000);
  }
}

async function typeHeader() {
  const name = page.getByPlaceholder('Name').first();
  if (!await name.isVisible()) await page.getByText('HTTP Headers').click();
  await name.fill('Authorization');
  await page.getByPlaceholder('Value').first().fill(`Bearer ${user.token}`);
}

// The answer arrived (checked above) but the explorer sometimes reloads its document right after a run, and the
// answer pane with it: run again, up to three times, until the pane shows the answer.
async function showsAnswer(text, operation, marker) {
  for (let attempt = 1; ; attempt++) {
    try {
      await editorsShow(text, 20000);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await runUntilSent(operation, marker);
    }
  }
}

// The toolbar's Run button; if it cannot be found (its accessible name has varied), the editor's run shortcut.
async function runOperation() {
  try {
    await page.locator('button:has-text("Run")').first().click({ timeout: 15000 });
  } catch {
    await page.locator('.monaco-editor').first().click();
    await page.keyboard.press('Control+Enter');
  }
}

// Monaco can drop keystrokes while it is still initialising under load, and a popup (suggestions, a tooltip) can
// take the click: close popups and type again until the editor shows the text.
async function replaceEditorText(editor, text) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    try {
      await editorsShow(text, 4000 + 2000 * attempt);
      return;
    } catch (e) {
      if (attempt >= 6) {
        const shown = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
          .map((e) => JSON.stringify(e.textContent.replace(/\u00a0/g, ' ').slice(0, 200)))).catch(() => []);
        throw new Error(`the editor never showed '${text}'; the editors show ${shown.join(', ') || 'nothing'}: ${e}`);
      }
    }
  }
}

// Whether any editor renders the text. Read from the page, not through a locator: the explorer keeps hidden editors
// of other documents, and a locator's first match may be one of those.
function editorsShow(text, timeout) {
  return page.waitForFunction((t) => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes(t)), text, { timeout });
}
