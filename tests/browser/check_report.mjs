// Opens an HTML report in headless Chromium and checks it: no network, no console errors, every
// chart rendered, every figure equal to the JSON value it came from; saves a full-page screenshot.
//
// Usage: node tests/browser/check_report.mjs REPORT_HTML RESULTS_DIR SCREENSHOT_PNG
// Exit status: 0 every check passed, 1 a check failed (one line per failure on standard output),
// 2 bad usage, or Chromium or playwright-core missing.
// Environment: CHROMIUM (default /usr/bin/chromium); ESCALSIM_READY_TIMEOUT_S (default 60), the
// wait for <html data-report-ready="yes">.
//
// The contract with the report generator:
// - every chart is an element .vega-chart[data-chart=<slug>]; the page sets data-rendered="yes" on
//   it when vegaEmbed resolves, or data-render-error=<message> (and a console.error) on failure,
//   and <html data-report-ready="yes"> once every chart has settled;
// - every chart can be saved from the page, offline: vega-embed's actions menu (.vega-actions)
//   offers "Save as PNG" and "Save as SVG" and links nowhere online (no editor), and the page
//   keeps the chart's Vega view in window.escalsimViews[<slug>], whose toImageURL('png') and
//   toSVG() the checker calls;
// - every number taken from the results is an element .figure with data-source (a file in
//   RESULTS_DIR), data-pointer (RFC 6901), data-scale (a number or a fraction "1/60") and
//   data-decimals; its text is value * scale rounded to that many decimals, with optional sign and
//   thousands separators ",";
// - every sentence quoted from the results (the silo verdict's evidence) is an element .quote
//   with data-source and data-pointer; its text is the JSON string at the pointer, exactly.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const kAllowedSchemes = new Set(['file:', 'data:', 'blob:']);

function is_local(url) {
  try {
    return kAllowedSchemes.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

function usage_error(message) {
  console.error(`check_report: ${message}`);
  process.exit(2);
}

// One line per failure, whatever the message holds.
function one_line(text) {
  return String(text).replace(/\s+/g, ' ').trim();
}

// RFC 6901: "" is the whole document; "/a/0/b~1c" walks keys and array indices. Throws with the
// first step that does not resolve.
export function resolve_pointer(document, pointer) {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" does not start with "/"`);
  let node = document;
  let walked = '';
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    walked += '/' + raw;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) >= node.length) {
        throw new Error(`${walked}: no index "${token}" in an array of ${node.length}`);
      }
      node = node[Number(token)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, token)) {
        throw new Error(`${walked}: no key "${token}"`);
      }
      node = node[token];
    } else {
      throw new Error(`${walked}: ${JSON.stringify(node)} has no members`);
    }
  }
  return node;
}

// "100", "0.01", "1/60", "-1e3": the factor a JSON value is multiplied by before display.
export function parse_scale(text) {
  const number = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
  const match = new RegExp(`^\\s*(${number})\\s*(?:/\\s*(${number})\\s*)?$`).exec(text ?? '');
  if (!match) return null;
  const value = match[2] === undefined ? Number(match[1]) : Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) ? value : null;
}

// The displayed number: optional sign (ASCII or the typographic minus), digits with or without
// correct thousands groups, optional decimals. Returns {value, decimals} or null.
export function parse_shown(text) {
  const match = /^([+\-\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const magnitude = Number(match[2].replace(/,/g, '') + (match[3] ? '.' + match[3] : ''));
  return { value: match[1] === '+' || match[1] === '' ? magnitude : -magnitude,
           decimals: match[3] ? match[3].length : 0 };
}

// Compares one figure's attributes and text against the results; returns a failure or null.
function check_figure(figure, results_dir, load_json) {
  const where = `figure "${one_line(figure.text)}" (${figure.source ?? '?'}#${figure.pointer ?? '?'})`;
  for (const attribute of ['source', 'pointer', 'scale', 'decimals']) {
    if (figure[attribute] === null) return `${where}: no data-${attribute} attribute`;
  }
  const scale = parse_scale(figure.scale);
  if (scale === null) return `${where}: data-scale "${figure.scale}" is not a number or a fraction`;
  if (!/^\d+$/.test(figure.decimals)) {
    return `${where}: data-decimals "${figure.decimals}" is not a whole number`;
  }
  const decimals = Number(figure.decimals);
  const shown = parse_shown(figure.text);
  if (shown === null) return `${where}: the text "${one_line(figure.text)}" is not a number`;
  if (shown.decimals !== decimals) {
    return `${where}: shows ${shown.decimals} decimals, data-decimals says ${decimals}`;
  }
  let document;
  try {
    document = load_json(figure.source);
  } catch (error) {
    return `${where}: ${one_line(error.message)}`;
  }
  let value;
  try {
    value = resolve_pointer(document, figure.pointer);
  } catch (error) {
    return `${where}: the pointer does not resolve: ${one_line(error.message)}`;
  }
  if (typeof value !== 'number') {
    return `${where}: the JSON value is ${JSON.stringify(value)}, not a number`;
  }
  const expected = value * scale;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9 * Math.abs(expected);
  if (!(Math.abs(shown.value - expected) <= tolerance)) {
    return `${where}: shows ${shown.value}, the JSON has ${value} x ${figure.scale} = ` +
           `${expected.toFixed(Math.min(decimals + 3, 20))}`;
  }
  return null;
}

async function main() {
  const [report_arg, results_arg, screenshot_arg, ...extra] = process.argv.slice(2);
  if (!screenshot_arg || extra.length > 0) {
    usage_error('usage: node tests/browser/check_report.mjs REPORT_HTML RESULTS_DIR SCREENSHOT_PNG');
  }
  const report = path.resolve(report_arg);
  const results_dir = path.resolve(results_arg);
  const screenshot = path.resolve(screenshot_arg);
  if (!fs.statSync(report, { throwIfNoEntry: false })?.isFile()) {
    usage_error(`${report_arg}: no such report file`);
  }
  if (!fs.statSync(results_dir, { throwIfNoEntry: false })?.isDirectory()) {
    usage_error(`${results_arg}: no such results folder`);
  }
  const ready_timeout_s = Number(process.env.ESCALSIM_READY_TIMEOUT_S ?? 60);
  if (!(ready_timeout_s > 0)) usage_error('ESCALSIM_READY_TIMEOUT_S must be a positive number');

  const setup_hint = 'run tools/setup.sh --browser';
  const repo_root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  let chromium;
  try {
    const require = createRequire(path.join(repo_root, 'tools', 'charts', 'package.json'));
    ({ chromium } = require('playwright-core'));
  } catch (error) {
    usage_error(`playwright-core is not installed in tools/charts/node_modules (${one_line(error.message)}); ${setup_hint}`);
  }
  const executable = process.env.CHROMIUM || '/usr/bin/chromium';
  try {
    fs.accessSync(executable, fs.constants.X_OK);
  } catch {
    usage_error(`Chromium is not installed at ${executable} (set CHROMIUM to another path); ${setup_hint}`);
  }

  const failures = [];
  const fail = (message) => failures.push(one_line(message));
  let browser;
  try {
    browser = await chromium.launch({ executablePath: executable, headless: true, args: ['--no-sandbox'] });
  } catch (error) {
    usage_error(`Chromium at ${executable} did not start: ${one_line(error.message)}; ${setup_hint}`);
  }

  let charts = [];
  let exports = {};
  let figures = [];
  let quotes = [];
  let screenshot_saved = false;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Installed before the page exists, so the very first request is seen too.
    await context.route('**/*', (route) => {
      if (is_local(route.request().url())) return route.continue();
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('request', (request) => {
      if (!is_local(request.url())) fail(`network request: ${request.url()}`);
    });
    page.on('websocket', (socket) => fail(`network request: ${socket.url()}`));
    page.on('requestfailed', (request) => {
      if (is_local(request.url())) {
        fail(`failed to load ${request.url()}: ${request.failure()?.errorText ?? 'unknown error'}`);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        const at = url ? ` (${path.basename(url)}:${lineNumber + 1})` : '';
        fail(`console error: ${message.text()}${at}`);
      } else if (message.type() === 'warning') {
        console.error(`check_report: note: console warning: ${one_line(message.text())}`);
      }
    });
    page.on('pageerror', (error) => fail(`page error: ${error.message}`));

    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    try {
      await page.waitForFunction(() => document.documentElement.dataset.reportReady === 'yes',
                                 null, { timeout: ready_timeout_s * 1000, polling: 100 });
    } catch {
      const pending = await page.$$eval('.vega-chart', (elements) => elements
        .filter((e) => e.dataset.rendered !== 'yes' && e.dataset.renderError === undefined)
        .map((e) => e.dataset.chart ?? '(no data-chart)'));
      fail(`the page did not set data-report-ready="yes" within ${ready_timeout_s} s; ` +
           `charts not settled: ${pending.length ? pending.join(', ') : 'none'}`);
    }

    charts = await page.$$eval('.vega-chart', (elements) => elements.map((e) => {
      // The drawing itself, not the icon of vega-embed's actions menu.
      const drawings = [...e.querySelectorAll('svg, canvas')]
        .filter((d) => !d.closest('details, .vega-actions'))
        .map((d) => d.getBoundingClientRect());
      return {
        slug: e.dataset.chart ?? null,
        rendered: e.dataset.rendered ?? null,
        error: e.dataset.renderError ?? null,
        drawings: drawings.map((r) => ({ width: r.width, height: r.height })),
      };
    }));
    // Each chart's actions menu, and its export run as the menu's links run it.
    exports = await page.evaluate(async () => {
      const out = {};
      for (const el of document.querySelectorAll('.vega-chart')) {
        const slug = el.dataset.chart ?? '';
        const links = [...el.querySelectorAll('.vega-actions a')];
        const entry = {
          actions: links.map((a) => a.textContent.trim()),
          online: links.filter((a) => /^https?:/.test(a.getAttribute('href') ?? '')).map((a) => a.textContent.trim()),
          png: null, svg: null, error: null,
        };
        const view = (window.escalsimViews ?? {})[slug];
        if (view) {
          try {
            const png = await view.toImageURL('png');
            entry.png = png.startsWith('data:image/png;base64,') ? png.length : -1;
            const svg = await view.toSVG();
            entry.svg = svg.includes('<svg') ? svg.length : -1;
          } catch (error) {
            entry.error = String(error);
          }
        }
        out[slug] = entry;
      }
      return out;
    });
    figures = await page.$$eval('.figure', (elements) => elements.map((e) => ({
      text: e.textContent,
      source: e.getAttribute('data-source'),
      pointer: e.getAttribute('data-pointer'),
      scale: e.getAttribute('data-scale'),
      decimals: e.getAttribute('data-decimals'),
    })));

    quotes = await page.$$eval('.quote', (elements) => elements.map((e) => ({
      text: e.textContent,
      source: e.getAttribute('data-source'),
      pointer: e.getAttribute('data-pointer'),
    })));

    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    screenshot_saved = true;
  } catch (error) {
    fail(`browser: ${error.message}`);
  } finally {
    await browser.close();
  }

  if (charts.length === 0) fail('no chart: the page has no .vega-chart element');
  const seen = new Set();
  for (const chart of charts) {
    const name = chart.slug === null ? '(no data-chart)' : chart.slug;
    if (chart.slug === null || chart.slug === '') fail('a .vega-chart has no data-chart attribute');
    else if (seen.has(chart.slug)) fail(`chart ${name}: data-chart is not unique`);
    seen.add(chart.slug);
    if (chart.error !== null) fail(`chart ${name}: did not render: ${chart.error}`);
    else if (chart.rendered !== 'yes') fail(`chart ${name}: data-rendered is not "yes"`);
    if (!chart.drawings.some((d) => d.width > 0 && d.height > 0)) {
      fail(`chart ${name}: no <svg> or <canvas> with a non-zero size`);
    }
    if (chart.rendered !== 'yes') continue;
    const exported = exports[chart.slug ?? ''] ?? { actions: [], online: [] };
    for (const action of ['Save as PNG', 'Save as SVG']) {
      if (!exported.actions.includes(action)) fail(`chart ${name}: no "${action}" in its actions menu`);
    }
    if (exported.online.length > 0) fail(`chart ${name}: its actions menu links online: ${exported.online.join(', ')}`);
    if (exported.error) fail(`chart ${name}: export failed: ${exported.error}`);
    else if (exported.png === undefined || exported.png === null) fail(`chart ${name}: no view in window.escalsimViews to export`);
    else if (!(exported.png > 100)) fail(`chart ${name}: toImageURL('png') gave no PNG`);
    else if (!(exported.svg > 100)) fail(`chart ${name}: toSVG() gave no SVG`);
  }

  if (figures.length === 0) fail('no figure: the page has no .figure element');
  const documents = new Map();
  const load_json = (source) => {
    const file = path.resolve(results_dir, source);
    if (path.relative(results_dir, file).startsWith('..')) throw new Error(`${source} is outside ${results_dir}`);
    if (!documents.has(file)) {
      let text;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
      }
      try {
        documents.set(file, JSON.parse(text));
      } catch (error) {
        throw new Error(`${file} is not JSON: ${error.message}`);
      }
    }
    return documents.get(file);
  };
  let matching = 0;
  for (const figure of figures) {
    const failure = check_figure(figure, results_dir, load_json);
    if (failure) fail(failure);
    else ++matching;
  }

  for (const quote of quotes) {
    const where = `quote "${one_line(quote.text).slice(0, 60)}" (${quote.source}#${quote.pointer})`;
    try {
      const value = resolve_pointer(load_json(quote.source), quote.pointer);
      if (value !== quote.text) fail(`${where}: the JSON says "${one_line(value)}"`);
    } catch (error) {
      fail(`${where}: ${one_line(error.message)}`);
    }
  }

  const name = path.basename(report);
  const sources = [...new Set(figures.map((f) => f.source).filter((s) => s))].join(', ') || 'no file';
  const rendered = charts.filter((c) => c.rendered === 'yes').length;
  const saved = screenshot_saved ? `screenshot ${screenshot}` : 'no screenshot';
  for (const failure of failures) console.log(`FAIL ${name}: ${failure}`);
  if (failures.length === 0) {
    console.log(`${name}: ${charts.length} charts rendered and exportable as PNG and SVG, ${figures.length} figures and ` +
                `${quotes.length} quotes match ${sources}, ${saved}`);
    return 0;
  }
  const count = failures.length === 1 ? '1 failure' : `${failures.length} failures`;
  console.log(`${name}: ${count}; ${rendered} of ${charts.length} charts rendered, ` +
              `${matching} of ${figures.length} figures match ${sources}; ${saved}`);
  return 1;
}

process.exitCode = await main();
