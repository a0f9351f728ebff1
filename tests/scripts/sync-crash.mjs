// Kills the API (SIGKILL) during a sync batch, starts it again, and checks the files the run was moving.
// Settings: CRASH_FILES (default 24) files of CRASH_FILE_KIB (default 1024) KiB each.
import { spawn, execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const files = Number(env.CRASH_FILES ?? 24);
const fileBytes = Number(env.CRASH_FILE_KIB ?? 1024) * 1024;
const database = 'catalog_sync_crash';
const adminEmail = 'crash-admin@example.test';
const dll = path.resolve('src/Catalog.Api/bin/Release/net10.0/Catalog.Api.dll');
const work = env.CRASH_WORK ?? mkdtempSync(path.join(os.tmpdir(), 'sync-crash-'));
const started = Date.now();

const log = (message) => console.error(`[sync-crash ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function fail(message) {
  log(`FAILED: ${message}`);
  for (const name of ['first', 'second']) {
    const file = path.join(work, `api-${name}.log`);
    if (existsSync(file)) log(`last lines of the ${name} API process:\n${readFileSync(file, 'utf8').split('\n').slice(-25).join('\n')}`);
  }
  process.exit(1);
}

function postgresSetting(...names) {
  for (const pair of env.CATALOG_TEST_POSTGRES.split(';')) {
    const [key, ...rest] = pair.split('=');
    if (names.includes(key.trim().toLowerCase())) return rest.join('=');
  }
  return undefined;
}

function psql(db, sql) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
    '-h', postgresSetting('host', 'server'), '-p', postgresSetting('port') ?? '5432',
    '-U', postgresSetting('username', 'user id', 'user') ?? 'postgres', '-d', db, '-c', sql],
  { env: { ...env, PGPASSWORD: postgresSetting('password') ?? '' } }).toString().trim();
}

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

const connectionString = env.CATALOG_TEST_POSTGRES.split(';')
  .filter((pair) => pair.trim() && pair.split('=')[0].trim().toLowerCase() !== 'database')
  .concat(`Database=${database}`).join(';');
const port = await freePort();
const api = `http://127.0.0.1:${port}`;
let process_ = null;

process.on('exit', () => process_?.kill('SIGKILL'));

async function startApi(name) {
  const logFile = openSync(path.join(work, `api-${name}.log`), 'a');
  process_ = spawn('dotnet', [dll], {
    stdio: ['ignore', logFile, logFile],
    env: {
      ...env,
      ASPNETCORE_URLS: api,
      ASPNETCORE_ENVIRONMENT: 'Testing',
      ConnectionStrings__Catalog: connectionString,
      Storage__EnsureBuckets: 'true',
      Storage__Local__Endpoint: env.CATALOG_TEST_S3_LOCAL,
      Storage__Local__AccessKey: env.CATALOG_TEST_S3_ACCESS_KEY,
      Storage__Local__SecretKey: env.CATALOG_TEST_S3_SECRET_KEY,
      Storage__Local__Bucket: 'catalog-local',
      Storage__Cloud__ServiceUrl: env.CATALOG_TEST_S3_CLOUD,
      Storage__Cloud__AccessKey: env.CATALOG_TEST_S3_ACCESS_KEY,
      Storage__Cloud__SecretKey: env.CATALOG_TEST_S3_SECRET_KEY,
      Storage__Cloud__Bucket: 'catalog-cloud',
      Storage__Cloud__ForcePathStyle: 'true',
      Auth__SigningKey: 'sync-crash-signing-key-0123456789abcdef',
      Auth__Admins__0: adminEmail,
      Wolverine__DurabilityMode: 'Solo',
      Sync__ScheduleEnabled: 'false',
      Sync__BatchSize: '6',
      Sync__MaxParallelTransfers: '2',
      Sync__DeleteLocalAfterSync: 'true',
    },
  });
  const child = process_;
  for (let deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) fail(`the ${name} API process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${api}/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
  }
  fail(`the ${name} API process did not get ready`);
}

async function graphql(query, variables, token) {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) fail(`${query.slice(0, 50)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function signUp(email) {
  const data = await graphql('mutation($input: CredentialsInput!) { signUp(input: $input) { token user { id } } }',
    { input: { email, password: 'correct horse battery' } });
  return { id: data.signUp.user.id, token: data.signUp.token };
}

async function upload(token, name, bytes) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($file: Upload!) { uploadFile(file: $file) { id } }', variables: { file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([bytes], { type: 'application/octet-stream' }), name);
  const response = await fetch(`${api}/graphql`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'graphql-require-preflight': '1' }, body: form,
  });
  const body = await response.json();
  if (body.errors) fail(`upload: ${JSON.stringify(body.errors)}`);
  return body.data.uploadFile.id;
}

// The object's bytes, or null when there is none; a GET signed with SigV4, as the test servers require.
async function objectBytes(endpoint, bucket, key) {
  const url = new URL(`${endpoint.replace(/\/$/, '')}/${bucket}/${key}`);
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const signed = { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': amzDate };
  const names = Object.keys(signed).sort();
  const canonical = ['GET', url.pathname, '', names.map((n) => `${n}:${signed[n]}\n`).join(''), names.join(';'), 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const hmac = (k, d) => createHmac('sha256', k).update(d).digest();
  const signingKey = ['us-east-1', 's3', 'aws4_request'].reduce(hmac, hmac(`AWS4${env.CATALOG_TEST_S3_SECRET_KEY}`, amzDate.slice(0, 8)));
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  const response = await fetch(url, {
    headers: {
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${env.CATALOG_TEST_S3_ACCESS_KEY}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
  });
  if (response.status === 404) return null;
  if (!response.ok) fail(`GET ${url.pathname} answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

const syncedCount = () => Number(psql(database, "select count(*) from catalog.mt_events where type = 'file_synced_to_cloud'"));

function eventsPerFile() {
  const rows = psql(database, `select stream_id, type, seq_id from catalog.mt_events
    where type in ('file_synced_to_cloud', 'local_copy_evicted') order by seq_id`);
  const perFile = new Map();
  for (const line of rows.split('\n').filter(Boolean)) {
    const [streamId, type, seq] = line.split('|');
    const events = perFile.get(streamId) ?? [];
    events.push({ type, seq: Number(seq) });
    perFile.set(streamId, events);
  }
  return perFile;
}

// No local copy is gone unless a verified cloud copy was recorded before its eviction was.
async function assertNothingLost(owner, ids, when) {
  const perFile = eventsPerFile();
  for (const id of ids) {
    if (await objectBytes(env.CATALOG_TEST_S3_LOCAL, 'catalog-local', `${owner.id}/${id}`)) continue;
    const events = perFile.get(id) ?? [];
    const synced = events.find((e) => e.type === 'file_synced_to_cloud');
    const evicted = events.find((e) => e.type === 'local_copy_evicted');
    if (!synced || !evicted || evicted.seq < synced.seq) fail(`${when}: file ${id} lost its local copy without a recorded cloud copy`);
  }
}

if (!existsSync(dll)) fail(`${dll} is missing: build the solution in Release first`);
psql('postgres', `drop database if exists ${database} with (force)`);
psql('postgres', `create database ${database}`);

let api1 = await startApi('first');
log(`API up on ${api}`);
const admin = await signUp(adminEmail);
const owner = await signUp(`crash-owner-${Date.now()}@example.test`);
const expected = new Map();
for (let i = 0; i < files; i++) {
  const bytes = randomBytes(fileBytes);
  bytes[0] = 0; // random bytes may start like an executable, which uploads refuse
  expected.set(await upload(owner.token, `crash-${i}.bin`, bytes), sha256(bytes));
}
log(`${files} files of ${fileBytes / 1024} KiB uploaded`);

const runId = (await graphql('mutation { startSync { id } }', undefined, admin.token)).startSync.id;
let syncedBeforeKill = 0;
for (let deadline = Date.now() + 60_000; (syncedBeforeKill = syncedCount()) < 2; await sleep(20)) {
  if (Date.now() > deadline) fail('the run synced nothing within a minute');
}
api1.kill('SIGKILL');
await new Promise((resolve) => api1.once('exit', resolve));
api1 = null;
syncedBeforeKill = syncedCount();
log(`killed the API with SIGKILL after ${syncedBeforeKill} of ${files} files were synced`);
if (syncedBeforeKill >= files) fail('the run finished before the kill; raise CRASH_FILES or CRASH_FILE_KIB');
await assertNothingLost(owner, [...expected.keys()], 'right after the kill');

await startApi('second');
log('API started again');
const runQuery = 'query($id: ID!) { syncRun(id: $id) { status filesSynced filesFailed } }';
let run;
for (let deadline = Date.now() + 90_000; (run = (await graphql(runQuery, { id: runId }, admin.token)).syncRun).status !== 'FINISHED'; await sleep(250)) {
  if (Date.now() > deadline) fail(`run ${runId} did not finish after the restart: ${JSON.stringify(run)}`);
}
log(`run finished after the restart: ${JSON.stringify(run)}`);

const perFile = eventsPerFile();
for (const [id, hash] of expected) {
  const synced = (perFile.get(id) ?? []).filter((e) => e.type === 'file_synced_to_cloud');
  if (synced.length !== 1) fail(`file ${id} was recorded as synced ${synced.length} times`);
  const cloud = await objectBytes(env.CATALOG_TEST_S3_CLOUD, 'catalog-cloud', `${owner.id}/${id}`);
  if (!cloud || sha256(cloud) !== hash) fail(`the cloud copy of file ${id} is ${cloud ? 'corrupt' : 'missing'}`);
}
await assertNothingLost(owner, [...expected.keys()], 'after the restart');
const inCloudTier = Number(psql(database, "select count(*) from catalog.mt_doc_filelisting where data->>'Tier' in ('2', 'Cloud')"));
if (inCloudTier !== files) fail(`expected all ${files} files in the cloud tier, found ${inCloudTier}`);
log(`OK: all ${files} files synced exactly once with verified cloud copies; nothing lost (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(0);
