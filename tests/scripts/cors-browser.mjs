// A page served from a listed origin, and one from an origin not listed, call the API from headless Chromium: the
// browser, not the server, decides what a page may read, so this is where CORS answers are proved. Exits 1 on failure.
import { createServer } from 'node:http';
import { required } from './lib/tools.mjs';
import { signUp } from './lib/graphql.mjs';
import { launchChromium } from './lib/chromium.mjs';

const api = required('API_URL');
const listed = `http://127.0.0.1:${required('LISTED_PORT')}`;
const other = `http://127.0.0.1:${required('OTHER_PORT')}`;
const TIMEOUT_MS = 60000;

function servePage(origin) {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>another origin</title>');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(new URL(origin).port), '127.0.0.1', () => resolve(server));
  });
}

// What a dashboard's script does: a query with a token, a REST upload, a ranged download, a refusal. Runs in the page.
async function callsFromPage({ api, token }) {
  const seen = {};
  const me = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  seen.me = (await me.json()).data?.me?.id;

  const pdf = new TextEncoder().encode('%PDF-1.4\n' + 'x'.repeat(2000) + '\n%%EOF\n');
  const created = await fetch(`${api}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-file-name': 'from-the-page.pdf' },
    body: pdf,
  });
  seen.uploadStatus = created.status;
  seen.location = created.headers.get('location');
  const file = await created.json();
  seen.fileName = file.name;

  const part = await fetch(`${api}${seen.location}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-4' } });
  seen.rangeStatus = part.status;
  seen.contentRange = part.headers.get('content-range');
  seen.disposition = part.headers.get('content-disposition');
  seen.etag = part.headers.get('etag');
  seen.firstBytes = await part.text();

  const refused = await fetch(`${api}${seen.location}`);
  seen.refusedStatus = refused.status;
  seen.refusedCode = (await refused.json()).code;
  return seen;
}

async function blockedFromPage({ api, token }) {
  try {
    await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    return 'read';
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}

function expect(what, actual, expected) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const servers = await Promise.all([servePage(listed), servePage(other)]);
const user = await signUp(`${api}/graphql`, 'cors');
const chromium = await launchChromium();
const browser = chromium.context;

let failed = false;
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(`${listed}/`);
  const seen = await page.evaluate(callsFromPage, { api, token: user.token });
  expect('the query read by the page', seen.me, user.id);
  console.log('ok     a page on a listed origin reads a query sent with its token');
  expect('the upload', seen.uploadStatus, 201);
  expect('the uploaded name', seen.fileName, 'from-the-page.pdf');
  if (!/^\/api\/files\/[0-9a-f-]{36}\/content$/.test(seen.location ?? '')) throw new Error(`Location: ${seen.location}`);
  console.log('ok     it uploads over REST with X-File-Name and reads where the file went (Location)');
  expect('the ranged download', seen.rangeStatus, 206);
  expect('its first bytes', seen.firstBytes, '%PDF-');
  if (!/^bytes 0-4\/\d+$/.test(seen.contentRange ?? '')) throw new Error(`Content-Range: ${seen.contentRange}`);
  if (!(seen.disposition ?? '').includes('from-the-page.pdf')) throw new Error(`Content-Disposition: ${seen.disposition}`);
  if (!seen.etag) throw new Error('ETag not readable');
  console.log('ok     it downloads a range and reads Content-Range, Content-Disposition and ETag');
  expect('the refusal', seen.refusedStatus, 401);
  expect('the refusal\'s code', seen.refusedCode, 'UNAUTHENTICATED');
  console.log('ok     it reads a refusal\'s problem body');

  await page.goto(`${other}/`);
  const blocked = await page.evaluate(blockedFromPage, { api, token: user.token });
  if (!blocked.startsWith('TypeError')) throw new Error(`a page on an origin not listed: ${blocked}`);
  console.log('ok     a page on an origin not listed cannot read the answer');
} catch (e) {
  failed = true;
  console.error(`FAILED ${e.message}`);
} finally {
  await chromium.close();
  servers.forEach((s) => s.close());
}
process.exit(failed ? 1 : 0);
