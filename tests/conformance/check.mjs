// GraphQL conformance of `fafnir serve` against the reference implementation (graphql-js).
//
// Usage: node check.mjs <path to the fafnir binary>
//
// Starts a server on a free port with a throw-away data directory, then checks that
//   1. the schema it introspects equals server/graphql/api_schema.graphql (no breaking or dangerous
//      change in either direction, and the same printed SDL);
//   2. every operations/*.graphql document parses and validates against that client schema;
//   3. the documents together select every field of every object type reachable from the roots;
//   4. every operation, run as a logged-in user with the variables of its sibling *.json file
//      (`${name}` placeholders filled in from the setup below), answers 200 without errors other
//      than business outcomes, in the shape graphql-js itself gives for the same data;
//   5. SIGTERM stops the server with exit status 0 within 5 s.
// Prints one line per check and exits non-zero when any fails.
//
// package.json pins graphql 16.8.x: the last release implementing exactly the October 2021 spec
// that fafnir serves (later 16.x releases add @oneOf and @deprecated on directive definitions
// from the spec drafts, which would show up as schema differences). Works on Node 18 and later.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import {
  buildClientSchema, buildSchema, execute, findBreakingChanges, findDangerousChanges,
  getIntrospectionQuery, getNamedType, isObjectType, lexicographicSortSchema, parse, printSchema,
  TypeInfo, validate, visit, visitWithTypeInfo,
} from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const schemaFile = path.join(repo, 'server/graphql/api_schema.graphql');
const operationsDir = path.join(here, 'operations');
// Outcomes a correct operation may meet on live data; anything else fails the check.
const businessCodes = new Set(['FAILED_PRECONDITION', 'ALREADY_EXISTS']);

let passes = 0;
let failures = 0;
function check(ok, what, detail = '') {
  console.log(ok ? `ok   ${what}` : `FAIL ${what}${detail ? `: ${detail}` : ''}`);
  if (ok) passes += 1; else failures += 1;
  return ok;
}

// --- the server ---------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(binary, dataDir) {
  const port = await freePort();
  const args = ['--data-dir', dataDir, '--hash-cost', 'fast', 'serve', '--host', '127.0.0.1',
                '--port', String(port), '--log-level', 'warn'];
  const child = spawn(binary, args, { stdio: ['ignore', 'inherit', 'pipe'] });
  // Never leave the server behind, even when this script dies (a closed stdout, an interrupt).
  process.once('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base, exited, log: () => log };
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`fafnir serve did not answer /healthz within 10 s\n${log}`);
}

async function stopServer(server) {
  server.child.kill('SIGTERM');
  const timeout = sleep(5000).then(() => null);
  const result = await Promise.race([server.exited, timeout]);
  if (result === null) server.child.kill('SIGKILL');
  check(result !== null && result.code === 0, 'SIGTERM exits 0 within 5 s',
        result === null ? 'still running after 5 s' : `exit ${result.code} signal ${result.signal}`);
}

// --- HTTP helpers -------------------------------------------------------------------------------

async function postJson(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* reported by the caller */ }
  return { status: response.status, json, text };
}

async function loginNewUser(base) {
  const user = { email: 'conformance@example.com', password: 'conformance-check',
                 firstName: 'Con', lastName: 'Formance' };
  const registered = await postJson(`${base}/auth/register`, user);
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const login = await postJson(`${base}/auth/login?token=1`,
                               { email: user.email, password: user.password });
  if (login.status !== 200 || !login.json?.token) {
    throw new Error(`login answered ${login.status}: ${login.text}`);
  }
  return { Authorization: `Bearer ${login.json.token}` };
}

// Runs one setup step; throws unless it answered data without errors.
async function graphql(base, auth, query, variables = {}) {
  const { status, json, text } = await postJson(`${base}/graphql`, { query, variables }, auth);
  if (status !== 200 || !json?.data || json.errors) {
    throw new Error(`setup query failed (${status}): ${query}\n${text}`);
  }
  return json.data;
}

// Accounts and orders the operation files refer to as ${name}.
async function setUp(base, auth) {
  const open = async (type, currency) => (await graphql(base, auth,
    'mutation($t: String!, $c: String!) { createAccount(request: {type: $t, currency: $c}) { data { id } } }',
    { t: type, c: currency })).createAccount.data.id;
  const order = async (request) => (await graphql(base, auth,
    'mutation($r: CreateOrderRequest!) { createOrder(request: $r) { data { id } } }',
    { r: request })).createOrder.data.id;

  const ids = {
    investmentAccountId: await open('INVESTMENT', 'USD'),
    chequingAccountId: await open('CHEQUING', 'USD'),
    spareAccountId: await open('SAVINGS', 'CAD'),
  };
  await graphql(base, auth,
    'mutation($a: String!) { deposit(request: {accountId: $a, amount: 100000, currency: "USD"}) { code } }',
    { a: ids.investmentAccountId });
  ids.filledOrderId = await order({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 2 });
  ids.openOrderId = await order({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 1, price: 1 });
  for (let attempt = 0; ; attempt += 1) {
    const status = (await graphql(base, auth,
      'query($id: String!) { getOrderByOrderID(request: {orderId: $id}) { data { status } } }',
      { id: ids.filledOrderId })).getOrderByOrderID.data.status;
    if (status === 'FILLED') break;
    if (attempt === 100) throw new Error(`the setup MARKET order is still ${status} after 10 s`);
    await sleep(100);
  }
  return ids;
}

// --- the checks ---------------------------------------------------------------------------------

async function checkSchema(base) {
  // Everything graphql-js can ask for in October 2021 terms, as GraphiQL and codegen do.
  const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true,
                                        directiveIsRepeatable: true, schemaDescription: true,
                                        inputValueDeprecation: true });
  const { status, json, text } = await postJson(`${base}/graphql`, { query });
  if (!check(status === 200 && json?.data && !json.errors, 'introspection query answers', text.slice(0, 300))) {
    return null;
  }
  const served = buildClientSchema(json.data);
  const declared = buildSchema(fs.readFileSync(schemaFile, 'utf8'));
  const describe = (changes) => changes.map((change) => `${change.type}: ${change.description}`).join('; ');
  for (const [from, to, direction] of [[declared, served, 'file -> server'],
                                       [served, declared, 'server -> file']]) {
    const breaking = findBreakingChanges(from, to);
    check(breaking.length === 0, `no breaking change ${direction}`, describe(breaking));
    const dangerous = findDangerousChanges(from, to);
    check(dangerous.length === 0, `no dangerous change ${direction}`, describe(dangerous));
  }
  const print = (schema) => printSchema(lexicographicSortSchema(schema));
  check(print(served) === print(declared), 'introspected SDL equals api_schema.graphql');
  return served;
}

function loadOperations() {
  return fs.readdirSync(operationsDir).filter((name) => name.endsWith('.graphql')).sort()
    .map((name) => {
      const file = path.join(operationsDir, name);
      const variablesFile = file.replace(/\.graphql$/, '.json');
      return {
        name,
        source: fs.readFileSync(file, 'utf8'),
        variablesText: fs.existsSync(variablesFile) ? fs.readFileSync(variablesFile, 'utf8') : '{}',
      };
    });
}

function validateOperations(schema, operations) {
  for (const operation of operations) {
    try {
      operation.document = parse(operation.source);
    } catch (error) {
      check(false, `${operation.name} parses`, error.message);
      continue;
    }
    const errors = validate(schema, operation.document);
    if (!check(errors.length === 0, `${operation.name} validates`,
               errors.map((error) => error.message).join('; '))) {
      operation.document = null;
    }
  }
}

function checkCoverage(schema, operations) {
  const wanted = new Set();
  const seenTypes = new Set();
  const walk = (type) => {
    if (!isObjectType(type) || seenTypes.has(type.name)) return;
    seenTypes.add(type.name);
    for (const field of Object.values(type.getFields())) {
      wanted.add(`${type.name}.${field.name}`);
      walk(getNamedType(field.type));
    }
  };
  walk(schema.getQueryType());
  walk(schema.getMutationType());

  for (const { document } of operations.filter((operation) => operation.document)) {
    const typeInfo = new TypeInfo(schema);
    visit(document, visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        if (parent) wanted.delete(`${parent.name}.${typeInfo.getFieldDef()?.name}`);
      },
    }));
  }
  check(wanted.size === 0, 'operations select every field reachable from Query and Mutation',
        `not covered: ${[...wanted].sort().join(', ')}`);
}

// graphql-js's own answer for `data`: the same document executed over the server's response,
// so nullability, list shapes, aliases, fragments, @skip/@include and __typename are checked.
function referenceAnswer(schema, document, operationName, variables, data) {
  return execute({
    schema, document, operationName, variableValues: variables, rootValue: data,
    fieldResolver: (source, _args, _context, info) => source[info.path.key],
  });
}

async function runOperations(base, auth, schema, operations, ids) {
  for (const operation of operations.filter((candidate) => candidate.document)) {
    const variables = JSON.parse(operation.variablesText.replace(/\$\{(\w+)\}/g, (match, key) => {
      if (!(key in ids)) throw new Error(`${operation.name}: unknown placeholder ${match}`);
      return ids[key];
    }));
    const names = operation.document.definitions
      .filter((definition) => definition.kind === 'OperationDefinition')
      .map((definition) => definition.name.value);
    for (const operationName of names) {
      const what = `${operation.name} ${operationName} runs`;
      const { status, json, text } = await postJson(`${base}/graphql`,
                                                    { query: operation.source, operationName, variables },
                                                    auth);
      const unexpected = (json?.errors ?? []).filter(
        (error) => !businessCodes.has(error.extensions?.code));
      if (!check(status === 200 && json?.data && unexpected.length === 0, what,
                 `HTTP ${status}: ${text.slice(0, 500)}`)) {
        continue;
      }
      for (const error of json.errors ?? []) {
        console.log(`     note: ${error.extensions.code} ${error.message} at ${error.path?.join('.')}`);
      }
      const reference = referenceAnswer(schema, operation.document, operationName, variables, json.data);
      const referenceData = JSON.parse(JSON.stringify(reference.data ?? null));
      check(!reference.errors && isDeepStrictEqual(referenceData, json.data),
            `${operation.name} ${operationName} answers in the shape graphql-js gives`,
            reference.errors ? reference.errors.map((error) => error.message).join('; ')
                             : `server ${JSON.stringify(json.data)}\n     graphql-js ${JSON.stringify(reference.data)}`);
      check(JSON.stringify(reference.data) === JSON.stringify(json.data),
            `${operation.name} ${operationName} keeps the response keys in selection order`);
    }
  }
}

async function main() {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: node check.mjs <path to the fafnir binary>');
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fafnir-conformance-'));
  let server = null;
  try {
    server = await startServer(path.resolve(binary), dataDir);
    const schema = await checkSchema(server.base);
    if (schema) {
      const operations = loadOperations();
      check(operations.length > 0, 'operation files found', operationsDir);
      validateOperations(schema, operations);
      checkCoverage(schema, operations);
      const auth = await loginNewUser(server.base);
      const ids = await setUp(server.base, auth);
      await runOperations(server.base, auth, schema, operations, ids);
    }
    const current = server;
    server = null;
    await stopServer(current);
    if (failures > 0) console.log(`server log:\n${current.log()}`);
  } catch (error) {
    check(false, 'conformance run', error.stack ?? String(error));
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      console.log(`server log:\n${server.log()}`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`conformance: ${passes} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

await main();
