// Round trips with the reference graphql-transport-ws client (npm graphql-ws, unmodified, with ws as its WebSocket).
// Exits 1 on the first failed check; prints each check.
import { tools, required } from './lib/tools.mjs';
import { post, signUp, upload } from './lib/graphql.mjs';

const { createClient } = tools('graphql-ws');
const WebSocket = tools('ws');

const httpUrl = `${required('API_URL')}/graphql`;
const wsUrl = httpUrl.replace(/^http/, 'ws');
const TIMEOUT_MS = 20000;
const FILE_EVENTS = 'subscription { fileEvents { fileId kind at sequence file { id name size } } }';

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok     ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${name}\n       ${e?.stack ?? JSON.stringify(e)}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function client(authorization, extra = {}) {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization === undefined ? undefined : { authorization },
    retryAttempts: 0,
    lazy: true,
    ...extra,
  });
}

/** One operation's outcome: resolves with its results on complete, rejects with the error or close event. */
function run(c, query) {
  return new Promise((resolve, reject) => {
    const results = [];
    c.subscribe({ query }, { next: (r) => results.push(r), error: reject, complete: () => resolve(results) });
  });
}

/** Subscribes to fileEvents; `next()` waits for the next event; `subscribed` settles once the socket has run a query after it. */
async function fileEvents(c) {
  const iterator = c.iterate({ query: FILE_EVENTS });
  const pending = iterator.next();
  // Messages are handled in order: once a later query is answered, the subscription is registered.
  await within(run(c, '{ __typename }'), 'a query after subscribing');
  let first = pending;
  return {
    async next() {
      const step = await within(first ?? iterator.next(), 'a file event');
      first = null;
      assert(!step.done, 'the subscription completed early');
      assert(!step.value.errors, `event errors: ${JSON.stringify(step.value.errors)}`);
      return step.value.data.fileEvents;
    },
    stop: () => iterator.return(),
  };
}

const alice = await signUp(httpUrl, 'alice');
const bob = await signUp(httpUrl, 'bob');

await check('queries and mutations run over the socket', async () => {
  const c = client(`Bearer ${alice.token}`);
  const [me] = await within(run(c, '{ me { id } }'), 'me');
  assert(me.data.me.id === alice.id, `me: ${JSON.stringify(me)}`);
  const [mutation] = await within(run(c, `mutation { logIn(input: { email: "nobody@example.test", password: "x" }) { token } }`), 'logIn');
  assert(mutation.errors?.length > 0, 'a failed mutation reports its errors in next');
  await c.dispose();
});

await check('the authorization key may be capitalised', async () => {
  const c = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${alice.token}` } });
  const [me] = await within(run(c, '{ me { id } }'), 'me');
  assert(me.data.me.id === alice.id, `me: ${JSON.stringify(me)}`);
  await c.dispose();
});

await check('a subscriber receives their own upload once it is committed, and not another user\'s', async () => {
  const aliceClient = client(`Bearer ${alice.token}`);
  const bobClient = client(`Bearer ${bob.token}`);
  const aliceEvents = await fileEvents(aliceClient);
  const bobEvents = await fileEvents(bobClient);

  const bobsFile = await upload(httpUrl, bob.token, 'bob.txt', 'bob was here');
  const alicesFile = await upload(httpUrl, alice.token, 'alice.txt', 'alice was here');

  const bobsEvent = await bobEvents.next();
  assert(bobsEvent.fileId === bobsFile.id && bobsEvent.kind === 'FileUploaded', `bob's event: ${JSON.stringify(bobsEvent)}`);
  // Bob's upload committed first; events arrive in commit order, so Alice's first event shows she never got his.
  const alicesEvent = await aliceEvents.next();
  assert(alicesEvent.fileId === alicesFile.id, `Alice received someone else's event: ${JSON.stringify(alicesEvent)}`);
  assert(alicesEvent.kind === 'FileUploaded' && alicesEvent.file.name === 'alice.txt' && alicesEvent.file.size === 14,
    `event: ${JSON.stringify(alicesEvent)}`);

  await aliceEvents.stop();
  await bobEvents.stop();
  await aliceClient.dispose();
  await bobClient.dispose();
});

await check('a reconnecting client subscribes again and receives new events', async () => {
  const c = client(`Bearer ${alice.token}`);
  const events = await fileEvents(c);
  const file = await upload(httpUrl, alice.token, 'again.txt', 'again');
  const event = await events.next();
  assert(event.fileId === file.id, `event: ${JSON.stringify(event)}`);
  await events.stop();
  await c.dispose();
});

await check('an anonymous subscriber to fileEvents gets UNAUTHENTICATED', async () => {
  const c = client(undefined);
  const errors = await within(run(c, FILE_EVENTS).then(() => null, (e) => e), 'the error');
  assert(Array.isArray(errors) && errors[0]?.extensions?.code === 'UNAUTHENTICATED', `got: ${JSON.stringify(errors)}`);
  await c.dispose();
});

await check('a forged token is refused with close 4403', async () => {
  const [header, payload] = alice.token.split('.');
  const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  const c = client(`Bearer ${forged}`);
  const closed = await within(run(c, '{ __typename }').then(() => null, (e) => e), 'the close');
  assert(closed?.code === 4403, `got: ${closed?.code} ${closed?.reason}`);
  await c.dispose();
});

await check('a token that is not a bearer token is refused with close 4403', async () => {
  const c = client(alice.token);
  const closed = await within(run(c, '{ __typename }').then(() => null, (e) => e), 'the close');
  assert(closed?.code === 4403, `got: ${closed?.code} ${closed?.reason}`);
  await c.dispose();
});

await check('HTTP still answers on the same path', async () => {
  const data = await post(httpUrl, '{ me { id } }', undefined, alice.token);
  assert(data.me.id === alice.id, JSON.stringify(data));
});

console.log(`graphql-ws client: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
