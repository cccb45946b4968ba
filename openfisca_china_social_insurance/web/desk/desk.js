// The desk: a person, reforms and an assumption set in; the Web API's answers out.
// Pensions come from POST /assess and /compare (docs/web_api.md); /desk/options lists the
// choices, /desk/grid, /desk/chart.svg and /desk/export.* give grids, charts and files.
// A bad input is the API's 400 {error, field}: its message is shown beside that field.
"use strict";

const PERSON = "desk"; // the person's name in requests: errors name fields "desk.birth_date"
const COMPONENTS = ["basic_pension", "account_pension", "transitional_pension", "monthly_pension", "lump_sum_refund", "plus_one_year", "plus_base", "irr",
  "continued_contribution_months"];
const ASSESSMENT = ["retirement_date", "contribution_years", "pre_account_contribution_years", "average_contribution_index",
  "pension_calculation_base", "indexed_average_monthly_wage", "personal_account_balance", "payout_months"];
const STATUS = "monthly_pension_status";
// The unit of each figure of the assessment (the comparison's come with /desk/options' units).
const ASSESSMENT_UNITS = { extra_pension: "yuan_per_month", contribution_years: "years", pre_account_contribution_years: "years", pension_calculation_base: "yuan_per_month",
  indexed_average_monthly_wage: "yuan_per_month", personal_account_balance: "yuan", payout_months: "months" };

const state = { lang: "zh", strings: {}, options: null, shown: {}, lastExport: null };
const $ = (id) => document.getElementById(id);

// -- texts -------------------------------------------------------------------

const t = (key) => (state.strings[key] || {})[state.lang] || key;
const shared = (key) => state.options.texts[key][state.lang]; // the catalogue's, as the command line's
const regionName = (key) => {
  const region = state.options.regions.find((r) => r.key === key);
  return region ? (state.lang === "zh" ? region.name_zh : region.name_en) : key;
};

function applyLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  document.title = t("title");
  document.querySelectorAll("[data-text]").forEach((node) => { node.textContent = t(node.dataset.text); });
  $("lang-zh").setAttribute("aria-pressed", String(lang === "zh"));
  $("lang-en").setAttribute("aria-pressed", String(lang === "en"));
  fillChoices();
  if (state.options) reformTexts();
  Object.values(state.shown).forEach((render) => render()); // results, in the new language
}

// -- numbers and marks as the command line shows them --------------------------

function formatted(measure, value) {
  // Money with separators and to the fen, a rate in %, other numbers as they are, n/a for null.
  if (value === null || value === undefined) return shared("not_available");
  if (typeof value !== "number") return String(value);
  if (state.options.units[measure] === "rate") return (value * 100).toFixed(2) + "%";
  const money = (state.options.figures[measure] || {}).unit === "currency-CNY" || ["yuan", "yuan_per_month"].includes(state.options.units[measure]);
  return money ? value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(value);
}

function weakest(...statuses) {
  // A difference rests on both systems' data: the weaker status of the two, as the command line marks it.
  const order = state.options.status_order;
  return statuses.filter((s) => order.includes(s)).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
}

function marked(text, status) {
  // A figure that is not official carries its mark (* estimated, ? unverified, † projected); a zero none.
  if (!status || /^[0.,]*$/.test(text)) return text;
  return text + (state.options.marks[status] || "");
}

// -- the choices ---------------------------------------------------------------

function option(value, text, selected) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = text;
  node.selected = Boolean(selected);
  return node;
}

function fillChoices() {
  const o = state.options;
  for (const [id, keep] of [["insured_region", $("insured_region").value || "jinan"], ["regions", null]]) {
    const select = $(id);
    const chosen = new Set(Array.from(select.selectedOptions).map((n) => n.value));
    select.replaceChildren(...o.regions.map((r) => option(r.key, `${regionName(r.key)} ${r.code}`, keep ? r.key === keep : chosen.has(r.key))));
  }
  // Examples, grids and populations by their names in the page's language (they were keys: seed-table2).
  const named = (name) => (`choice_${name}` in state.strings ? t(`choice_${name}`) : name);
  const example = $("example").value;
  $("example").replaceChildren(option("", t("own_person")), ...Object.keys(o.examples).map((name) => option(name, named(name), name === example)));
  const assumptions = $("assumptions").value || "central";
  $("assumptions").replaceChildren(...o.assumptions.map((name) => option(name, t(name), name === assumptions)));
  const grid = $("grid").value || "seed-table2";
  $("grid").replaceChildren(...o.grids.map((name) => option(name, named(name), name === grid)));
  const population = $("population").value;
  $("population").replaceChildren(...o.populations.map((name) => option(name, named(name), name === population)));
  const fund = $("fund").value;
  $("fund").replaceChildren(...o.funds.map((name) => option(name, named(name), name === fund)));
  if (!$("fund-first").value) [$("fund-first").value, $("fund-last").value] = o.fund_years;
  showChain();
  document.querySelectorAll("#career option").forEach((n) => { n.textContent = t(n.value); });
  document.querySelectorAll("#career .remove").forEach((n) => { n.textContent = t("remove"); });
}

function showChain() {
  const region = state.options.regions.find((r) => r.key === $("insured_region").value);
  $("chain").textContent = region ? region.chain.map(regionName).join(" → ") : "";
}

function reformBoxes() {
  // One box per built-in reform: a checkbox, and an input for each knob (its default shown).
  $("reforms").replaceChildren(...state.options.reforms.map((reform) => {
    const box = document.createElement("div");
    box.className = "reform";
    box.dataset.reform = reform.name;
    // The title in the page's language, the name (as the command line and a reform file give it) beside it.
    box.innerHTML = `<label class="check"><input type="checkbox" name="reform" value="${reform.name}"> <b class="title"></b></label>
      <code class="name"></code> <span class="description"></span><div class="knobs"></div>`;
    for (const [knob, value] of Object.entries(reform.knobs)) {
      const label = document.createElement("label");
      label.innerHTML = `<span data-text="knob_${knob}"></span><input name="${knob}" title="${knob}">`;
      if (typeof value === "boolean") { // a yes/no knob is a tick, not "true" typed
        label.classList.add("check");
        label.querySelector("input").type = "checkbox";
        label.querySelector("input").checked = value;
      }
      label.querySelector("input").value = value === null ? "" : String(value);
      label.querySelector("input").dataset.default = JSON.stringify(value);
      box.querySelector(".knobs").append(label);
    }
    return box;
  }));
  reformTexts();
}

function reformTexts() {
  // The title and the description in the page's language (the description was both, 中文 English).
  document.querySelectorAll("#reforms .reform").forEach((box) => {
    const reform = state.options.reforms.find((r) => r.name === box.dataset.reform);
    box.querySelector(".title").textContent = reform.title[state.lang];
    box.querySelector(".name").textContent = state.lang === "zh" ? reform.name : "";
    const summary = reform.summary[state.lang];
    box.querySelector(".description").textContent = summary === reform.title[state.lang] ? "" : summary;
  });
}

// -- the person ----------------------------------------------------------------

function addSegment(segment = { from: "", to: "", index: "", employment_type: "employee" }) {
  const row = document.createElement("tr");
  row.innerHTML = `<td><input name="from" size="5"></td><td><input name="to" size="5"></td><td><input name="index" size="5"></td>
    <td><select name="employment_type"><option value="employee"></option><option value="flexible_worker"></option></select></td>
    <td><button type="button" class="remove"></button></td>`;
  for (const key of ["from", "to", "index"]) row.querySelector(`[name=${key}]`).value = segment[key] ?? "";
  row.querySelector("select").value = segment.employment_type || "employee";
  row.querySelectorAll("option").forEach((n) => { n.textContent = t(n.value); });
  row.querySelector(".remove").textContent = t("remove");
  row.querySelector(".remove").addEventListener("click", () => { row.remove(); numberSegments(); });
  $("career").tBodies[0].append(row);
  numberSegments();
}

function numberSegments(rows = Array.from($("career").tBodies[0].rows)) {
  // Each input names its field as the API does ("career[1].index"), for errors shown beside it.
  $("career").querySelectorAll("tbody [data-field]").forEach((input) => input.removeAttribute("data-field"));
  rows.forEach((row, number) => {
    row.querySelectorAll("input, select").forEach((input) => { input.dataset.field = `career[${number}].${input.name}`; });
  });
}

function fillPerson(profile) {
  $("birth_date").value = profile.birth_date || "";
  $("sex").value = profile.sex || "";
  $("worker_category").value = profile.worker_category || "worker";
  $("insured_region").value = profile.insured_region || "jinan";
  $("deemed_contribution_years").value = profile.deemed_contribution_years || 0;
  $("provisional_assessment").checked = Boolean(profile.provisional_assessment);
  $("overrides").value = profile.overrides ? JSON.stringify(profile.overrides) : "";
  $("career").tBodies[0].replaceChildren();
  (profile.career || []).forEach(addSegment);
  showChain();
}

function number(text) {
  // A number as typed, or the text itself so that the API names what is wrong with it.
  const trimmed = String(text).trim();
  return trimmed !== "" && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : trimmed;
}

function profile() {
  const person = { birth_date: $("birth_date").value.trim(), insured_region: $("insured_region").value };
  if ($("sex").value) person.sex = $("sex").value; // none given: the API refuses it, naming sex
  // A woman cadre retires at 55, a woman worker at 50 (国发〔1978〕104号): the page asks, as the API does.
  if ($("worker_category").value !== "worker") person.worker_category = $("worker_category").value;
  if ($("provisional_assessment").checked) person.provisional_assessment = true;
  const deemed = number($("deemed_contribution_years").value);
  if (deemed !== 0 && deemed !== "") person.deemed_contribution_years = deemed;
  // A row left blank (the page opens with one) is no segment: a person given by an approval
  // form's figures was refused for "career[0].from: empty".
  const rows = Array.from($("career").tBodies[0].rows).filter((row) => ["from", "to", "index"].some((name) => row.querySelector(`[name=${name}]`).value.trim()));
  numberSegments(rows); // the API's career[n] is the n-th row given
  const segments = rows.map((row) => {
    const value = (name) => row.querySelector(`[name=${name}]`).value;
    const segment = { from: number(value("from")), to: number(value("to")), index: number(value("index")), employment_type: value("employment_type") };
    for (const key of ["from", "to", "index"]) if (segment[key] === "") delete segment[key];
    return segment;
  });
  if (segments.length) person.career = segments;
  const overrides = $("overrides").value.trim();
  if (overrides) {
    let parsed;
    try { parsed = JSON.parse(overrides); } catch (error) { parsed = null; }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new PageError(t("overrides_bad"), "overrides");
    person.overrides = parsed;
  }
  return person;
}

// -- reforms and assumptions ---------------------------------------------------

function reforms() {
  // The picked built-in reforms with the knobs changed from their defaults, then a pasted file.
  document.querySelectorAll("#reforms [data-field]").forEach((node) => node.removeAttribute("data-field"));
  const picked = [];
  document.querySelectorAll("#reforms .reform").forEach((box) => {
    if (!box.querySelector("input[name=reform]").checked) return;
    const knobs = {};
    box.querySelectorAll(".knobs input").forEach((input) => {
      const typed = input.type === "checkbox" ? String(input.checked) : input.value.trim();
      let value = typed === "" ? null : typed;
      try { value = typed === "" ? null : JSON.parse(typed); } catch (error) { /* a text, such as a date */ }
      if (JSON.stringify(value) !== input.dataset.default) knobs[input.name] = value;
    });
    box.dataset.field = `reforms[${picked.length}]`;
    box.querySelector(".knobs").dataset.field = `reforms[${picked.length}].knobs`;
    picked.push(Object.keys(knobs).length ? { name: box.dataset.reform, knobs } : box.dataset.reform);
  });
  const file = $("reform_file").value.trim();
  $("reform_file").dataset.field = `reforms[${picked.length}]`;
  if (file) picked.push({ document: file });
  // Said before the API refuses it, with the page's own limit.
  if (picked.length > state.options.max_reforms) throw new PageError(t("too_many_reforms").replace("{n}", state.options.max_reforms), "reforms");
  return picked;
}

// -- talking to the API ----------------------------------------------------------

class PageError extends Error {
  constructor(message, field) { super(message); this.field = field; }
}

async function post(path, body) {
  // The API's messages in the page's language (docs/web_api.md: Accept-Language).
  const headers = { "Content-Type": "application/json", "Accept-Language": state.lang };
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  const json = (response.headers.get("Content-Type") || "").includes("json");
  if (!response.ok) {
    const answer = json ? await response.json() : { error: await response.text(), field: null };
    throw new PageError(answer.error, answer.field);
  }
  return json ? response.json() : response.blob();
}

function clearErrors() {
  document.querySelectorAll(".error").forEach((node) => { node.textContent = ""; });
}

function fieldElement(field) {
  // The input a field names, else the nearest one holding it: career[0].index, career[0], career;
  // a figure of the approval form the model asks for (transitional_coefficient): the overrides box.
  if (state.options && state.options.overrides.includes(field)) field = `overrides.${field}`;
  for (let path = field; path;) {
    const found = document.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (found) return found;
    const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (shorter === path) return null;
    path = shorter;
  }
  return null;
}

function pageMessage(error, target) {
  // The API's message (in the page's language: post() asks for it) under a lead naming the field
  // by its label, without the page's own person name ("desk.birth_date: ..., person 'desk')" ->
  // "birth_date: ...)"; "出生日期（desk.birth_date）：……，人员 'desk'）" -> "出生日期（birth_date）：……）":
  // the page holds one person).
  const message = String(error.message).replaceAll(`${PERSON}.`, "").replace(new RegExp(`^person '${PERSON}': `), "")
    .replace(new RegExp(`^人员 '${PERSON}'：`), "").replace(` (first: person '${PERSON}')`, "").replace(`, person '${PERSON}')`, ")")
    .replace(`，首位：人员 '${PERSON}'）`, "）").replace(`，人员 '${PERSON}'）`, "）")
    .replace(` Refused: '${PERSON}'.`, "").replace(`被拒绝的人员：'${PERSON}'。`, "");
  const label = target && target.closest("label") && target.closest("label").querySelector("[data-text]");
  // A segment of the career by its row and column (the lead said nothing, the message career[0].from).
  const segment = String(error.field || "").match(/career\[(\d+)\]\.(from|to|index|employment_type)$/);
  const row = segment ? Array.from($("career").tBodies[0].rows).indexOf(target.closest("tr")) + 1 : 0;
  const name = label ? label.textContent : segment
    ? (state.lang === "zh" ? `${t("career")}第${row}行 ${t(segment[2])}` : `${t("career")}, row ${row}, ${t(segment[2])}`) : "";
  if (!(error instanceof PageError) || !error.field) return message;
  // The lead names the input: the message's own name of the same input ("出生日期（birth_date）：") is
  // not said twice; another one it names (过渡系数 beside the overrides box) is kept.
  const own = message.match(/^[^：（]+（([\w.[\]]+)）：/);
  const same = own && target && String(target.dataset.field || "").split(":").pop() === own[1];
  const said = name && state.lang === "zh" && same ? message.slice(own[0].length) : message;
  if (said !== message) return `${t("input_error")}（${name}）：${said}`;
  return state.lang === "zh" ? `${t("input_error")}${name ? `（${name}）` : ""}：${message}` : `${t("input_error")}${name ? ` (${name})` : ""}: ${message}`;
}

function showError(error) {
  // Beside the field the message names ("desk.career[0].index" -> that input), else on top.
  const target = fieldElement(String(error.field || "").replace(new RegExp(`^${PERSON}\\.`), ""));
  if (!target) { $("general-error").textContent = pageMessage(error, null); return; }
  besideSlot(target, "error", "alert").textContent = pageMessage(error, target);
}

function besideSlot(element, className, role) {
  // The span of `className` just after `element` (a message beside its input or button), made once.
  let slot = element.nextElementSibling;
  if (!slot || !slot.classList.contains(className)) {
    slot = document.createElement("span");
    slot.className = className;
    slot.setAttribute("role", role);
    element.after(slot);
  }
  return slot;
}

async function guarded(action, button) {
  // The sign of work beside the button clicked (it was beside 计算 alone, out of sight of the grid,
  // the population and the fund, which take seconds), the button off until the answer is in.
  clearErrors();
  const sign = besideSlot(button, "busy", "status");
  sign.textContent = t("computing");
  button.disabled = true;
  try { await action(); } catch (error) { showError(error); } finally { sign.textContent = ""; button.disabled = false; }
}

// -- results -------------------------------------------------------------------

function cell(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function systemName(system) {
  // A built-in reform by its title in the page's language (Chinese: 基础养老金与缴费年限挂钩,
  // English: its name basic_pension_by_years); a pasted file's reform by its own name.
  const reform = state.options.reforms.find((r) => r.name === system);
  return reform ? reform.title[state.lang] : system;
}

function systemHead(system, number, prefix = "") {
  // A column of a system (number 0: the baseline): a reform's name (basic_pension_by_years) may break
  // after each "_" (desk.css: it wraps there rather than widening its columns and squeezing the
  // figure's names); its name in a tooltip beside a Chinese title.
  const node = document.createElement("th");
  const text = prefix + (number ? systemName(system) : shared("baseline"));
  node.dataset.system = system;
  if (number) node.title = system;
  text.split(/(?<=_)/).forEach((part, n) => {
    if (n) node.append(document.createElement("wbr"));
    node.append(part);
  });
  return node;
}

function unit(measure) {
  // A figure's unit in the page's language (元/月, 元, 年, 月); none for a rate (its value has %), an index or a date.
  const key = state.options.units[measure] || ASSESSMENT_UNITS[measure];
  if (!key || key === "rate") return "";
  const named = state.options.texts.units[key];
  return named ? named[state.lang] : t(`unit_${key}`);
}

function basis(measure) {
  const figure = state.options.figures[measure];
  return figure ? figure.reference[state.lang] : ""; // the catalogue's Chinese on the Chinese page (第N条)
}

function figureName(measure) {
  const label = state.options.texts.measures[measure];
  if (label) return label[state.lang];
  const full = (state.options.figures[measure] || {}).label || measure;
  // A variable's label is "中文 English ...": the Chinese term, or the rest.
  const space = full.indexOf(" ");
  return state.lang === "zh" ? full.slice(0, space) : full.slice(space + 1);
}

function renderPension(answer, assessed) {
  // Components under each system (figures with their status mark) and the differences.
  const table = $("pension");
  const systems = answer ? answer.systems : ["baseline"];
  const values = answer ? answer.results[0].values : { baseline: assessed };
  const differences = answer ? answer.results[0].differences : {};
  const head = document.createElement("tr");
  head.append(cell("th", t("figure"), "text"), cell("th", t("unit"), "text"), ...systems.map((s, n) => systemHead(s, n)));
  systems.slice(1).forEach((s) => head.append(systemHead(s, 1, "Δ ")));
  head.append(cell("th", t("legal_basis"), "text"));
  const rows = COMPONENTS.filter((m) => m in values.baseline).map((measure) => {
    const row = document.createElement("tr");
    row.append(cell("td", figureName(measure), "text"), cell("td", unit(measure), "unit"));
    systems.forEach((system) => {
      const value = values[system][measure];
      // A figure computed from the pension (a difference, a rate of return) rests on its data too.
      const status = measure === "continued_contribution_months" ? null : values[system][STATUS];
      const node = cell("td", marked(formatted(measure, value), status));
      node.dataset.system = system;
      node.dataset.measure = measure;
      row.append(node);
    });
    systems.slice(1).forEach((system) => {
      const status = measure === "continued_contribution_months" ? null : weakest(values.baseline[STATUS], values[system][STATUS]);
      const node = cell("td", measure in differences[system] ? marked(formatted(measure, differences[system][measure]), status) : "");
      node.dataset.difference = system;
      node.dataset.measure = measure;
      row.append(node);
    });
    row.append(cell("td", basis(measure), "basis"));
    return row;
  });
  table.replaceChildren(head, ...rows);
  $("no-reform").hidden = Boolean(answer);
  $("legend").textContent = state.options.texts.status_legend[state.lang];
}

function renderAssessment(assessed) {
  const head = document.createElement("tr");
  head.append(cell("th", t("figure"), "text"), cell("th", t("unit"), "text"), cell("th", t("value")), cell("th", t("legal_basis"), "text"));
  const rows = ASSESSMENT.filter((m) => m in assessed).map((measure) => {
    const row = document.createElement("tr");
    const status = assessed[state.options.status_of[measure]];
    const value = cell("td", marked(formatted(measure, assessed[measure]), status));
    value.dataset.measure = measure;
    row.append(cell("td", figureName(measure), "text"), cell("td", unit(measure), "unit"), value, cell("td", basis(measure), "basis"));
    return row;
  });
  $("assessment").replaceChildren(head, ...rows);
}

function clearResults(kind, ids, downloadable = true) {
  // A new request's results replace the old ones: on an error none are left on show (nor to
  // download) that belong to the previous input.
  delete state.shown[kind];
  if (downloadable) state.lastExport = null;
  ids.forEach((id) => { $(id).replaceChildren(); });
}

async function compute() {
  clearResults("pension", ["pension", "assessment", "legend"]);
  const profiles = { [PERSON]: profile() };
  const assumptions = $("assumptions").value;
  const picked = reforms();
  const assessed = await post("/assess", { profiles, assumptions });
  if (assessed.errors.length) throw new PageError(assessed.errors[0].error, assessed.errors[0].field);
  const answer = picked.length ? await post("/compare", { profiles, reforms: picked, assumptions }) : null;
  state.shown.pension = () => { renderPension(answer, assessed.results[0]); renderAssessment(assessed.results[0]); };
  state.shown.pension();
  state.lastExport = { profiles, reforms: picked, assumptions };
}

async function compareRegions() {
  clearResults("regions", ["regions-table"], false);
  const chosen = Array.from($("regions").selectedOptions).map((n) => n.value);
  if (!chosen.length) { $("general-error").textContent = t("no_region_picked"); return; }
  const person = profile();
  const profiles = Object.fromEntries(chosen.map((key) => [key, { ...person, insured_region: key }]));
  const figures = ["basic_pension", "account_pension", "transitional_pension", "extra_pension", "monthly_pension", "pension_calculation_base"];
  // Each figure carries the status of what it rests on (the base its own, not the pension's).
  const statusOf = (measure) => state.options.status_of[measure] || STATUS;
  const outputs = [...figures, ...new Set(figures.map(statusOf))];
  const answer = await post("/assess", { profiles, outputs, assumptions: $("assumptions").value });
  state.shown.regions = () => {
    const head = document.createElement("tr");
    head.append(cell("th", t("figure"), "text"), cell("th", t("unit"), "text"), ...chosen.map((key) => cell("th", regionName(key))));
    const byRegion = Object.fromEntries(answer.results.map((row) => [row.name, row]));
    const refused = Object.fromEntries(answer.errors.map((row) => [row.person, row.error]));
    const rows = figures.map((measure) => {
      const row = document.createElement("tr");
      row.append(cell("td", figureName(measure), "text"), cell("td", unit(measure), "unit"));
      chosen.forEach((key) => {
        const found = byRegion[key];
        row.append(cell("td", found ? marked(formatted(measure, found[measure]), found[statusOf(measure)]) : t("refused"), found ? "" : "text"));
      });
      return row;
    });
    const reasons = document.createElement("tr");
    reasons.append(cell("td", t("refused"), "text"), cell("td", "", "unit"), ...chosen.map((key) => cell("td", refused[key] || "", "basis")));
    $("regions-table").replaceChildren(head, ...rows, ...(answer.errors.length ? [reasons] : []));
  };
  state.shown.regions();
}

async function showGrid() {
  clearResults("grid", ["grid-table", "errata", "grid-description", "grid-legend"]);
  delete state.shown.gridChart;
  $("chart").hidden = true;
  const body = { grid: $("grid").value, reforms: reforms(), assumptions: $("assumptions").value, measures: ["monthly_pension", STATUS] };
  const answer = await post("/desk/grid", body);
  await drawChart(body);
  state.lastExport = body;
  const printed = answer.printed.monthly_pension || {};
  state.shown.grid = () => {
    const head = document.createElement("tr");
    head.append(cell("th", t("base")), cell("th", t("years")), ...answer.systems.map((s, n) => systemHead(s, n)));
    answer.systems.slice(1).forEach((s) => head.append(systemHead(s, 1, "Δ ")));
    if (Object.keys(printed).length) head.append(cell("th", t("printed")));
    const rows = answer.results.map((result) => {
      const row = document.createElement("tr");
      const where = answer.cells[result.person];
      row.append(cell("td", `${Math.round(where.base * 100)}%`), cell("td", String(where.years)));
      answer.systems.forEach((system) => {
        const values = result.values[system];
        row.append(cell("td", marked(formatted("monthly_pension", values.monthly_pension), values[STATUS])));
      });
      answer.systems.slice(1).forEach((system) => row.append(cell("td", marked(formatted("monthly_pension", result.differences[system].monthly_pension),
        weakest(result.values.baseline[STATUS], result.values[system][STATUS])))));
      if (Object.keys(printed).length) row.append(cell("td", result.person in printed ? formatted("monthly_pension", printed[result.person]) : ""));
      return row;
    });
    $("grid-table").replaceChildren(head, ...rows);
    const texts = answer.texts[state.lang];
    // The source in the page's language (its reference was English on the Chinese page).
    $("grid-description").textContent = state.lang === "zh" ? `${texts.description}（${texts.reference || ""}）` : `${texts.description} (${texts.reference || ""})`;
    $("errata").replaceChildren(...texts.errata.map((text) => cell("li", text)));
    $("grid-legend").textContent = state.options.texts.status_legend[state.lang];
  };
  state.shown.grid();
  state.shown.gridChart = () => { drawChart(body).catch(showError); }; // again in the new language
}

async function drawChart(body) {
  const chart = await post("/desk/chart.svg", { ...body, lang: state.lang });
  $("chart").src = URL.createObjectURL(chart);
  $("chart").alt = t("chart");
  $("chart").hidden = false;
}

async function showPopulation() {
  clearResults("population", ["population-table"], false);
  const answer = await post("/desk/population", { population: $("population").value, reforms: reforms(), assumptions: $("assumptions").value });
  state.shown.population = () => {
    const head = document.createElement("tr");
    head.append(cell("th", t("measure"), "text"), cell("th", t("unit"), "text"), ...answer.systems.map((s, n) => systemHead(s, n)));
    // Persons (weighted), rows of the file, yuan (refunds, paid once) or yuan a month: the table had no unit.
    const units = state.options.texts.units;
    const unitOf = (measure) => (answer.counts.includes(measure) ? t(measure === "refused_rows" ? "unit_rows" : "unit_persons")
      : (measure === "refunds" ? units.yuan : units.yuan_per_month)[state.lang]);
    const rows = answer.measures.map((measure) => {
      const row = document.createElement("tr");
      const name = answer.names[measure][state.lang];
      row.append(cell("td", name, "text"), cell("td", unitOf(measure), "unit"));
      answer.systems.forEach((system) => {
        const value = answer.totals[system][measure];
        // Persons as counts (weights may hold a fraction), yuan to the fen; nothing where a measure is the reform's alone.
        const text = value === null || value === undefined ? "" : answer.counts.includes(measure)
          ? Number(value).toLocaleString("en-US", { maximumFractionDigits: 3 }) : formatted("monthly_pension", value);
        const node = cell("td", text);
        node.dataset.system = system;
        node.dataset.measure = measure;
        row.append(node);
      });
      return row;
    });
    $("population-table").replaceChildren(head, ...rows);
  };
  state.shown.population();
}

async function showFund() {
  // The fund year by year, baseline against the reforms picked (built-in ones by name), as
  // `shebao population --synthetic NAME --fund FIRST:LAST` prints it: the server's tables in the
  // page's language (万人, 亿元, each year's data status) and its chart.
  clearResults("fund", ["fund-tables", "fund-description"], false);
  delete state.shown.fundChart;
  $("fund-chart").hidden = true;
  const body = { population: $("fund").value, reforms: reforms(), assumptions: $("assumptions").value,
    first: number($("fund-first").value), last: number($("fund-last").value) };
  const ask = async () => {
    try { return await post("/desk/fund", { ...body, lang: state.lang }); } catch (error) {
      if (["population", "first", "last"].includes(error.field)) error.field = `fund:${error.field}`;
      throw error;
    }
  };
  let answer = await ask();
  const table = (header, cells) => {
    const node = document.createElement("table");
    const head = document.createElement("tr");
    head.append(...header.map((text, n) => cell("th", text, n ? "" : "text")));
    node.append(head, ...cells.map((line) => {
      const row = document.createElement("tr");
      row.append(...line.map((text) => cell("td", String(text))));
      return row;
    }));
    return node;
  };
  state.shown.fund = () => {
    const heading = (text) => cell("h3", text);
    const parts = [];
    answer.systems.forEach((system, n) => {
      const shown = answer.tables[system];
      const node = table(shown.header, shown.cells);
      node.dataset.system = system;
      parts.push(heading(n ? systemName(system) : shared("baseline")), node);
    });
    answer.systems.slice(1).forEach((system) => {
      const node = table(answer.changes[system].header, answer.changes[system].cells);
      node.dataset.difference = system;
      parts.push(heading(`Δ ${systemName(system)}`), node);
    });
    $("fund-tables").replaceChildren(...parts);
    $("fund-description").textContent = `${answer.description} (${t(answer.assumptions)})`;
    $("fund-chart").src = URL.createObjectURL(new Blob([answer.chart], { type: "image/svg+xml" }));
    $("fund-chart").alt = t("fund");
    $("fund-chart").hidden = false;
  };
  state.shown.fund();
  // In the other language the tables and the chart are the server's again.
  state.shown.fundChart = () => { if (answer.lang !== state.lang) ask().then((again) => { answer = { ...again, lang: state.lang }; state.shown.fund(); }).catch(showError); };
  answer.lang = state.lang;
}

async function download(suffix) {
  $("download-error").textContent = "";
  if (!state.lastExport) { $("download-error").textContent = t("nothing_to_download"); return; }
  try {
    const file = await post(`/desk/export${suffix}`, { ...state.lastExport, lang: state.lang });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = (state.lastExport.grid || "comparison") + suffix;
    link.click();
  } catch (error) {
    $("download-error").textContent = error.message;
  }
}

// -- start -----------------------------------------------------------------------

async function start() {
  const [strings, options] = await Promise.all([fetch("/desk/strings.json").then((r) => r.json()), fetch("/desk/options").then((r) => r.json())]);
  state.strings = strings;
  state.options = options;
  reformBoxes();
  const asked = new URLSearchParams(location.search).get("lang");
  applyLanguage(["zh", "en"].includes(asked) ? asked : options.lang);
  fillPerson({ insured_region: "jinan", career: [{ from: "", to: "", index: "", employment_type: "employee" }] });
  $("lang-zh").addEventListener("click", () => applyLanguage("zh"));
  $("lang-en").addEventListener("click", () => applyLanguage("en"));
  $("insured_region").addEventListener("change", showChain);
  $("example").addEventListener("change", () => { if ($("example").value) fillPerson(options.examples[$("example").value]); });
  $("add-segment").addEventListener("click", () => addSegment());
  $("compute").addEventListener("click", () => guarded(compute, $("compute")));
  $("compare-regions").addEventListener("click", () => guarded(compareRegions, $("compare-regions")));
  $("show-grid").addEventListener("click", () => guarded(showGrid, $("show-grid")));
  $("show-population").addEventListener("click", () => guarded(showPopulation, $("show-population")));
  $("show-fund").addEventListener("click", () => guarded(showFund, $("show-fund")));
  $("download-csv").addEventListener("click", () => download(".csv"));
  $("download-xlsx").addEventListener("click", () => download(".xlsx"));
  document.body.dataset.ready = "true"; // the browser test waits for it
}

start().catch((error) => { $("general-error").textContent = String(error); });
