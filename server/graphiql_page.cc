#include "server/graphiql_page.h"

namespace fafnir {

const std::string& graphiql_page() {
  static const std::string page = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fafnir GraphQL console</title>
<link rel="icon" href="data:,">
<style>
  * { box-sizing: border-box; }
  body { margin: 0; height: 100vh; display: flex; flex-direction: column;
         font: 14px system-ui, sans-serif; color: #1d2330; background: #f4f6f9; }
  header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; background: #1d2330; color: #fff; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header input { width: 150px; }
  #who { margin-left: auto; }
  main { flex: 1; display: grid; grid-template-columns: 1fr 1fr 260px; gap: 8px; padding: 8px; min-height: 0; }
  section { display: flex; flex-direction: column; gap: 6px; min-height: 0; }
  textarea, pre { font: 13px ui-monospace, monospace; border: 1px solid #c9cfd8; border-radius: 4px;
                  padding: 8px; margin: 0; background: #fff; }
  #query { flex: 3; resize: none; }
  #variables { flex: 1; resize: none; }
  pre { flex: 1; overflow: auto; white-space: pre-wrap; }
  #docs { overflow-y: auto; overflow-wrap: anywhere; background: #fff; border: 1px solid #c9cfd8; border-radius: 4px; padding: 8px; }
  #docs a { color: #1557b0; cursor: pointer; }
  #docs div { margin: 2px 0 2px 8px; font-family: ui-monospace, monospace; font-size: 12px; }
  .bar { display: flex; gap: 6px; align-items: center; }
  button { cursor: pointer; }
  .error { color: #b00020; }
</style>
</head>
<body>
<header>
  <h1>fafnir GraphQL</h1>
  <form id="auth" class="bar">
    <input id="email" type="email" placeholder="email" autocomplete="username">
    <input id="password" type="password" placeholder="password" autocomplete="current-password">
    <button id="login">Log in</button>
    <button id="register" type="button" title="Registers with the email and password, then logs in">Register</button>
    <button id="logout" type="button">Log out</button>
  </form>
  <span id="who">checking login…</span>
</header>
<main>
  <section>
    <div class="bar">
      <button id="run" title="Ctrl+Enter">▶ Run</button>
      <select id="operation" title="operationName"></select>
      <span id="status"></span>
    </div>
    <textarea id="query" spellcheck="false" wrap="off" aria-label="query"></textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false"></textarea>
  </section>
  <section><pre id="result">Results appear here.</pre></section>
  <section id="docs">Loading the schema…</section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const kDefaultQuery = `# Log in above, then press Run (Ctrl+Enter).
query GetStockQuote($symbol: String!) {
  getStockQuote(symbol: $symbol) {
    code
    data { symbol price priceChangePercent marketState asOf }
  }
}`;

function csrf() {
  const m = document.cookie.match(/(?:^|; )csrf_token=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : "";
}
async function call(method, url, body) {
  const headers = { "X-CSRF-Token": csrf() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, credentials: "same-origin",
                                      body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* shown as text */ }
  return { status: response.status, json, text };
}
const graphql = (query, variables, operationName) =>
  call("POST", "/graphql", { query, variables, operationName });

async function refreshWho() {
  const me = await call("GET", "/auth/me");
  $("who").textContent = me.status === 200 ? `logged in as ${me.json.email}` : "not logged in";
}
async function authAction(action) {
  const credentials = { email: $("email").value, password: $("password").value };
  if (action === "register") {
    const name = credentials.email.split("@")[0] || "New";
    const made = await call("POST", "/auth/register", { ...credentials, firstName: name, lastName: "User" });
    if (made.status !== 201) return show(made);
  }
  const result = action === "logout" ? await call("DELETE", "/auth/logout")
                                     : await call("POST", "/auth/login", credentials);
  if (result.status >= 400) show(result);
  $("password").value = "";
  refreshWho();
}
function show(result, started) {
  const ms = started === undefined ? "" : ` in ${Math.round(performance.now() - started)} ms`;
  $("status").textContent = `HTTP ${result.status}${ms}`;
  $("status").className = result.status >= 400 || result.json?.errors ? "error" : "";
  $("result").textContent = result.json ? JSON.stringify(result.json, null, 2) : result.text;
}

function refreshOperations() {
  const names = [...$("query").value.matchAll(/\b(?:query|mutation)\s+([_A-Za-z]\w*)/g)].map((m) => m[1]);
  const chosen = $("operation").value;
  $("operation").replaceChildren(...names.map((name) => new Option(name, name, false, name === chosen)));
  $("operation").hidden = names.length < 2;
  localStorage.setItem("fafnir.query", $("query").value);
  localStorage.setItem("fafnir.variables", $("variables").value);
}
async function run() {
  let variables = {};
  try {
    if ($("variables").value.trim()) variables = JSON.parse($("variables").value);
  } catch (e) {
    $("status").textContent = `Variables are not valid JSON: ${e.message}`;
    $("status").className = "error";
    return;
  }
  const started = performance.now();
  $("status").textContent = "running…";
  try {
    show(await graphql($("query").value, variables, $("operation").value || undefined), started);
  } catch (e) {
    $("status").textContent = `Request failed: ${e.message}`;
    $("status").className = "error";
  }
}

// The documentation pane: root fields with their arguments; a type name opens its fields.
const kSchemaQuery = `{ __schema { queryType { name } mutationType { name } types { name kind
  fields { name type { ...T } args { name type { ...T } } }
  inputFields { name type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
let types = {};
const typeText = (t) => t.kind === "NON_NULL" ? typeText(t.ofType) + "!"
                      : t.kind === "LIST" ? `[${typeText(t.ofType)}]` : t.name;
const namedType = (t) => t.ofType ? namedType(t.ofType) : t.name;
function typeLink(t) {
  const name = namedType(t);
  if (!types[name]?.fields && !types[name]?.inputFields) return typeText(t);
  const link = document.createElement("a");
  link.textContent = typeText(t);
  link.onclick = () => showType(name);
  return link;
}
function showType(name) {
  const type = types[name];
  if (!type || !(type.fields || type.inputFields)) return;
  const title = document.createElement("p");
  title.append(typeLink({ name: "Query" }), " · ", typeLink({ name: "Mutation" }), document.createElement("br"),
               `${type.kind === "INPUT_OBJECT" ? "input" : "type"} ${name}`);
  $("docs").replaceChildren(title);
  for (const field of type.fields || type.inputFields) {
    const row = document.createElement("div");
    row.append(field.name);
    (field.args || []).forEach((arg, i) => {
      row.append(i === 0 ? "(" : ", ", `${arg.name}: `, typeLink(arg.type));
    });
    row.append(field.args?.length ? "): " : ": ", typeLink(field.type));
    $("docs").append(row);
  }
}
async function loadDocs() {
  try {
    const result = await graphql(kSchemaQuery, {});
    for (const type of result.json.data.__schema.types) types[type.name] = type;
    showType("Query");
  } catch (e) {
    $("docs").textContent = `Could not load the schema: ${e.message}`;
  }
}

$("query").value = localStorage.getItem("fafnir.query") || kDefaultQuery;
$("variables").value = localStorage.getItem("fafnir.variables") || '{ "symbol": "AAPL" }';
$("query").addEventListener("input", refreshOperations);
$("variables").addEventListener("input", refreshOperations);
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
$("run").onclick = run;
$("auth").onsubmit = (e) => { e.preventDefault(); authAction("login"); };
$("register").onclick = () => authAction("register");
$("logout").onclick = () => authAction("logout");
refreshOperations();
refreshWho();
loadDocs();
</script>
</body>
</html>
)html";
  return page;
}

}  // namespace fafnir
