// Checks that the `api` service of docker-compose.yml configures the service only with keys it reads,
// and sets every key it requires. Plain Node 20, no packages: the compose file is read with a small
// line parser that understands exactly the form docker-compose.yml uses for the api environment
// (a block map of `KEY: value` lines) and stops with a clear message on anything else.
//
//   node tests/scripts/compose-config-check.mjs
//
// Env: CATALOG_COMPOSE_FILE (default docker-compose.yml) and CATALOG_APPSETTINGS
// (default src/Catalog.Api/appsettings.json), relative to the current directory.
// Exit codes: 0 checks passed, 1 a check failed, 2 the files could not be read or parsed.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'compose-config-check';
const SERVICE = 'api';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Read by ASP.NET Core itself rather than bound from appsettings.json.
const ALLOWED_EXTRA = ['ASPNETCORE_ENVIRONMENT', 'ASPNETCORE_URLS'];

// Keys without which the service refuses to start (their defaults in appsettings.json are empty,
// or a deployment must choose them deliberately).
const REQUIRED = [
  'ConnectionStrings:Catalog',
  'Storage:Local:Endpoint',
  'Storage:Local:AccessKey',
  'Storage:Local:SecretKey',
  'Storage:Local:Bucket',
  'Storage:Cloud:Bucket',
  'Auth:SigningKey',
];

// A secret must come from the environment of `docker compose`, never be written in the file.
const SECRETS = ['Auth:SigningKey'];
const REQUIRED_SUBSTITUTION = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;

class ParseError extends Error {}

function main() {
  const composeFile = path.resolve(process.env.CATALOG_COMPOSE_FILE || path.join(REPO_ROOT, 'docker-compose.yml'));
  const settingsFile = path.resolve(
    process.env.CATALOG_APPSETTINGS || path.join(REPO_ROOT, 'src/Catalog.Api/appsettings.json'));

  let environment;
  let settings;
  try {
    environment = parseServiceEnvironment(read(composeFile), SERVICE);
    settings = flattenSettings(JSON.parse(read(settingsFile)));
  } catch (err) {
    const where = err instanceof SyntaxError ? `${settingsFile}: ` : '';
    console.error(`${NAME}: cannot check: ${where}${err.message}`);
    return 2;
  }

  console.log(`${NAME}: ${shown(composeFile)}, service '${SERVICE}', ${environment.size} environment keys, ` +
    `against ${shown(settingsFile)}`);

  const problems = [];
  const setKeys = new Map(); // lower-cased configuration key -> value
  for (const [name, entry] of environment) {
    if (ALLOWED_EXTRA.includes(name)) {
      console.log(`  ok       ${name} (read by ASP.NET Core)`);
      continue;
    }
    const key = name.split('__').join(':');
    const match = settings.lookup(key);
    if (match.kind === 'unknown') {
      problems.push(`${name} (line ${entry.line}): ${key} is not a key of appsettings.json`);
      console.log(`  UNKNOWN  ${name} -> ${key}`);
      continue;
    }
    if (match.kind === 'list') {
      problems.push(`${name} (line ${entry.line}): ${key} is a list; set its items as ${name}__0, ${name}__1, ...`);
      console.log(`  LIST     ${name} -> ${key}`);
      continue;
    }
    if (match.kind === 'section') {
      problems.push(`${name} (line ${entry.line}): ${key} is a section of appsettings.json, not a setting`);
      console.log(`  SECTION  ${name} -> ${key}`);
      continue;
    }
    const note = match.key === key ? '' : ` (appsettings.json spells it ${match.key})`;
    console.log(`  ok       ${name} -> ${key}${note}`);
    setKeys.set(key.toLowerCase(), entry.value);
  }

  for (const key of REQUIRED) {
    const value = setKeys.get(key.toLowerCase());
    if (value === undefined) problems.push(`${key.split(':').join('__')}: required, but not set`);
    else if (value === '') problems.push(`${key.split(':').join('__')}: required, but set to an empty value`);
    else console.log(`  required ${key} is set`);
  }

  for (const key of SECRETS) {
    const value = setKeys.get(key.toLowerCase());
    if (value && !REQUIRED_SUBSTITUTION.test(value))
      problems.push(`${key.split(':').join('__')}: a secret must be a required substitution such as ` +
        '${CATALOG_JWT_KEY:?message}, not a value written in the file');
    else if (value) console.log(`  secret   ${key} comes from a required substitution`);
  }

  if (problems.length > 0) {
    console.error(`${NAME}: FAILED, ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(`${NAME}: OK`);
  return 0;
}

/** A path relative to the current directory when it lies below it, else as given. */
function shown(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ParseError(`cannot read ${file}: ${err.code || err.message}`);
  }
}

// ---------------------------------------------------------------- appsettings.json

/** Flattens to `A:B:C` leaf keys; an array is one prefix key whose children are `Key:0`, `Key:1`... */
function flattenSettings(json) {
  const leaves = new Map(); // lower-cased key -> key as written
  const sections = new Map();
  const arrays = new Map();
  const walk = (node, prefix) => {
    if (Array.isArray(node)) {
      arrays.set(prefix.toLowerCase(), prefix);
    } else if (node !== null && typeof node === 'object') {
      if (prefix) sections.set(prefix.toLowerCase(), prefix);
      for (const [name, child] of Object.entries(node)) walk(child, prefix ? `${prefix}:${name}` : name);
    } else {
      leaves.set(prefix.toLowerCase(), prefix);
    }
  };
  walk(json, '');

  return {
    // Configuration keys compare case-insensitively, as in Microsoft.Extensions.Configuration.
    lookup(key) {
      const lower = key.toLowerCase();
      if (leaves.has(lower)) return { kind: 'setting', key: leaves.get(lower) };
      for (const [arrayLower, arrayKey] of arrays) {
        const rest = lower.startsWith(`${arrayLower}:`) ? lower.slice(arrayLower.length + 1) : null;
        if (rest !== null && /^\d+(:|$)/.test(rest)) return { kind: 'setting', key: `${arrayKey}:${key.slice(arrayKey.length + 1)}` };
      }
      if (arrays.has(lower)) return { kind: 'list' };
      if (sections.has(lower)) return { kind: 'section' };
      return { kind: 'unknown' };
    },
  };
}

// ---------------------------------------------------------------- docker-compose.yml

/**
 * Returns the environment of one service as Map(name -> { value, line }). Understands:
 *   services:
 *     <service>:
 *       environment:
 *         KEY: value | "double-quoted" | 'single-quoted'   # comments allowed
 * and fails on the list form (- KEY=value), flow maps, block scalars, anchors, aliases and merges.
 */
function parseServiceEnvironment(text, service) {
  const lines = text.split('\n').map((raw, i) => ({ raw: raw.replace(/\r$/, ''), number: i + 1 }));
  for (const { raw, number } of lines) {
    if (/^\s*\t/.test(raw)) throw new ParseError(`line ${number}: a tab in the indentation is not YAML`);
  }
  const content = lines.filter(({ raw }) => raw.trim() !== '' && !raw.trim().startsWith('#'));
  const indent = (line) => line.raw.length - line.raw.trimStart().length;
  const trimmed = (line) => line.raw.trim();

  const servicesAt = content.findIndex((l) => indent(l) === 0 && /^services:\s*(#.*)?$/.test(trimmed(l)));
  if (servicesAt < 0) throw new ParseError("no top-level 'services:' block");
  const services = childrenOf(content, servicesAt, indent);

  const serviceLine = services.find((l) => new RegExp(`^${service}:\\s*(#.*)?$`).test(trimmed(l)));
  if (!serviceLine) throw new ParseError(`no service '${service}' under 'services:'`);
  const serviceBody = childrenOf(content, content.indexOf(serviceLine), indent);
  if (serviceBody.some((l) => /^<<\s*:/.test(trimmed(l))))
    throw new ParseError(`service '${service}' uses a YAML merge (<<:); write its environment out in full`);
  if (serviceBody.some((l) => indent(l) === indent(serviceBody[0]) && /^env_file\s*:/.test(trimmed(l))))
    throw new ParseError(`service '${service}' has env_file, which this check cannot see; use environment:`);

  const envLine = serviceBody.find((l) => indent(l) === indent(serviceBody[0]) && /^environment\s*:/.test(trimmed(l)));
  if (!envLine) throw new ParseError(`service '${service}' has no 'environment:' block`);
  const inline = trimmed(envLine).replace(/^environment\s*:/, '').replace(/\s+#.*$/, '').trim();
  if (inline !== '')
    throw new ParseError(`line ${envLine.number}: 'environment: ${inline}' is not understood; ` +
      'write one KEY: value per line below environment:');

  const entries = childrenOf(content, content.indexOf(envLine), indent);
  if (entries.length === 0) throw new ParseError(`line ${envLine.number}: 'environment:' is empty`);
  const entryIndent = indent(entries[0]);
  const result = new Map();
  for (const line of entries) {
    const where = `line ${line.number}`;
    const body = trimmed(line);
    if (indent(line) !== entryIndent)
      throw new ParseError(`${where}: a value continued over several lines is not understood: ${body}`);
    if (body.startsWith('-'))
      throw new ParseError(`${where}: the list form '${body}' is not understood; write KEY: value`);
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*):(?:[ ]+(.*))?$/.exec(body);
    if (!match) throw new ParseError(`${where}: expected 'KEY: value', got: ${body}`);
    const [, name, rawValue = ''] = match;
    if (result.has(name)) throw new ParseError(`${where}: ${name} is set twice`);
    result.set(name, { value: scalar(rawValue, where), line: line.number });
  }
  return result;
}

/** The lines nested under content[at] (more indented, up to the next line at its level or less). */
function childrenOf(content, at, indent) {
  const parent = indent(content[at]);
  const children = [];
  for (let i = at + 1; i < content.length && indent(content[i]) > parent; i++) children.push(content[i]);
  return children;
}

/** A one-line YAML scalar: plain (with an optional ` # comment`), "double-" or 'single-quoted'. */
function scalar(raw, where) {
  const value = raw.trim();
  if (value === '' || value.startsWith('#')) return '';
  const first = value[0];
  if (first === '"' || first === "'") {
    let out = '';
    let i = 1;
    for (; i < value.length; i++) {
      const c = value[i];
      if (first === "'" && c === "'" && value[i + 1] === "'") { out += "'"; i++; continue; }
      if (first === '"' && c === '\\') {
        const next = value[++i];
        if (next === '"' || next === '\\') out += next;
        else throw new ParseError(`${where}: the escape \\${next} is not understood`);
        continue;
      }
      if (c === first) break;
      out += c;
    }
    if (i >= value.length) throw new ParseError(`${where}: unterminated quoted value`);
    const rest = value.slice(i + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new ParseError(`${where}: unexpected text after the quoted value: ${rest}`);
    return out;
  }
  if ('|>&*!{['.includes(first) || value.startsWith('? '))
    throw new ParseError(`${where}: the value form '${value}' is not understood; use a plain or quoted one-line value`);
  return value.replace(/\s+#.*$/, '');
}

process.exitCode = main();
