// Crash Stats pages in headless Chromium (Debian's chromium, driven by playwright-core).
// Run by io.breakwater.web.BrowserPagesTest against a test server loaded with the generated corpus:
//   BASE_URL=http://localhost:port PRODUCT=<product of the loaded crashes> SEGV_ID=<crash id> HOSTILE_ID=<crash id> MISSING_ID=<crash id>
//   LOGIN_EMAIL=<account with view_pii> LOGIN_PASSWORD=<its password> ADMIN_EMAIL=<account with every permission, same password> SCREENSHOT_DIR=target/screenshots node crash-stats.test.mjs
// Exits 0 when every check passes; prints "N passed, N failed".
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
};
const BASE = env('BASE_URL').replace(/\/$/, '');
const PRODUCT = env('PRODUCT');
const SEGV_ID = env('SEGV_ID');
const HOSTILE_ID = env('HOSTILE_ID');
const MISSING_ID = env('MISSING_ID');
const LOGIN_EMAIL = env('LOGIN_EMAIL');
const LOGIN_PASSWORD = env('LOGIN_PASSWORD');
const ADMIN_EMAIL = env('ADMIN_EMAIL');
const WIDTHS = [1280, 1920];
const SHOTS = resolve(process.env.SCREENSHOT_DIR || 'target/screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(SHOTS, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent() ?? '').trim();
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const topCrashers = (version) => `/topcrashers/?product=${encodeURIComponent(PRODUCT)}&version=${version}&days=7`;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('home lists products and versions with Top Crashers links', async (page) => {
  const response = await page.goto(`${BASE}/`);
  check(response.status() === 200, `status ${response.status()}`);
  check((await page.title()).startsWith('Products'), `title ${await page.title()}`);
  check(await text(page, 'h1') === 'Products', 'h1');
  check(await page.locator(`a[href="/home/product/${PRODUCT}"]`).count() === 1, 'product link');
  check(await page.locator(`a[href="${topCrashers('1.0.3')}"]`).count() === 1, 'version link');
  await shot(page, 'home');
});

test('product page lists versions by process type', async (page) => {
  await page.goto(`${BASE}/`);
  await page.click(`a[href="/home/product/${PRODUCT}"]`);
  check(await text(page, 'h1') === PRODUCT, 'h1');
  const rows = await page.locator('#versions tbody tr').count();
  check(rows === 2, `two versions, got ${rows}`);
  await shot(page, 'product');
});

test('Top Crashers → signature → report drill-down', async (page) => {
  await page.goto(`${BASE}/`);
  await page.click(`a[href="${topCrashers('1.0.3')}"]`);
  check(await text(page, 'h1') === `Top Crashers for ${PRODUCT} 1.0.3`, `h1 ${await text(page, 'h1')}`);
  const rows = page.locator('#topcrashers tbody tr');
  check(await rows.count() >= 5, 'several signatures');
  check((await rows.first().locator('td').nth(2).textContent()).trim() === 'store_value', 'segv ranks first');
  check(await page.locator('#topcrashers .badge.new').count() > 0, 'new markers');
  await shot(page, 'topcrashers');

  await rows.first().locator('td.signature a').click();
  check(await text(page, 'h1') === 'Signature report', 'signature h1');
  check(await text(page, '#signature') === 'store_value', 'signature shown');
  check(await page.locator('svg.graph polyline').count() >= 1, 'graph drawn');
  check(await page.locator('#summary-platform td.term', { hasText: 'Linux' }).count() === 1, 'OS summary');
  await shot(page, 'signature');

  const reportLink = page.locator('#reports-table tbody tr td a[href^="/report/index/"]').first();
  await reportLink.click();
  check((await text(page, 'h1')).startsWith('Crash report bp-'), `report h1 ${await text(page, 'h1')}`);
  const crashing = page.locator('#crashing-thread table.frames');
  check((await crashing.textContent()).includes('store_value'), 'inline frame shown');
  check((await crashing.textContent()).includes('crashgen.cc:'), 'source file and line');
  check(!(await page.locator('#other-threads').evaluate((d) => d.open)), 'other threads folded');
  await shot(page, 'report');
  await page.screenshot({ path: join(SHOTS, 'report-top.png') });
  await page.click('#other-threads > summary');
  check(await page.locator('#other-threads').evaluate((d) => d.open), 'other threads open');
  check(await page.locator('#other-threads table.frames').first().isVisible(), 'thread table visible');
  await shot(page, 'report-all-threads');
});

test('Super Search form round-trips', async (page) => {
  await page.goto(`${BASE}/search/`);
  check(await text(page, 'h1') === 'Super Search', 'h1');
  await page.selectOption('#f0', 'signature');
  await page.selectOption('#o0', '~');
  await page.fill('#v0', 'store');
  await page.selectOption('#f1', 'version');
  await page.selectOption('#o1', '=');
  await page.fill('#v1', '1.0.3');
  await page.selectOption('#f2', 'product');
  await page.selectOption('#o2', '=');
  await page.fill('#v2', PRODUCT);
  await page.click('details.options > summary');
  await page.check('#facet-choices input[value="version"]');
  await page.selectOption('#number', '10');
  await Promise.all([page.waitForURL(/signature=/), page.click('#search-button')]);
  const url = new URL(page.url());
  check(url.pathname === '/search/', `path ${url.pathname}`);
  check(url.searchParams.get('signature') === '~store', `signature param ${url.search}`);
  check(url.searchParams.get('version') === '=1.0.3', `version param ${url.search}`);
  check(url.searchParams.getAll('_facets').includes('version'), `facets ${url.search}`);
  check(url.searchParams.get('_results_number') === '10', `number ${url.search}`);
  // The form shows the search it ran.
  check(await page.inputValue('#v0') === 'store', 'value kept');
  check(await page.inputValue('#o0') === '~', 'operator kept');
  check(await page.inputValue('#f1') === 'version', 'second row kept');
  const rows = page.locator('#results tbody tr');
  check(await rows.count() === 2, `two 1.0.3 segv reports, got ${await rows.count()}`);
  const api = await page.getAttribute('#api-url', 'href');
  check(api.startsWith('/api/SuperSearch?') && api.includes('signature=%7Estore'), `api url ${api}`);
  await shot(page, 'search');
  await page.click('a[href="#facet-version"]');
  check(await page.locator('#facet-version').isVisible(), 'facet tab shown');
  check(!(await page.locator('#tab-reports').isVisible()), 'reports tab hidden while a facet tab is open');
  await shot(page, 'search-facet');
  const apiResponse = await page.request.get(`${BASE}${api}`);
  check(apiResponse.status() === 200, `api status ${apiResponse.status()}`);
  check((await apiResponse.json()).total === 2, 'API agrees with the page');
});

test('quick search jumps to a crash report', async (page) => {
  await page.goto(`${BASE}/`);
  await page.fill('#quick-query', `bp-${SEGV_ID}`);
  await Promise.all([page.waitForURL(/\/report\/index\//), page.press('#quick-query', 'Enter')]);
  check(page.url().endsWith(`/report/index/${SEGV_ID}`), `url ${page.url()}`);
});

test('a <script> annotation does not execute', async (page) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const response = await page.goto(`${BASE}/report/index/${HOSTILE_ID}`);
  check(response.status() === 200, `status ${response.status()}`);
  await page.waitForLoadState('load');
  check(await page.evaluate(() => window.__pwned) === undefined, 'script ran');
  check(!(await page.title()).includes('PWNED'), 'title changed by script');
  check(await page.locator('#public-annotations script, #details script, #public-annotations img').count() === 0, 'markup injected');
  const notes = await page.locator('#public-annotations tr', { hasText: 'Notes' }).locator('td').textContent();
  check(notes.includes('<script>window.__pwned = true;'), 'script shown as text');
  check(notes.includes('\u2400'), 'NUL made visible');
  check(notes.includes('characters in all'), 'long value cut');
  await shot(page, 'report-hostile');
  await page.goto(`${BASE}/search/?uuid=${HOSTILE_ID}&_columns=uuid&_columns=app_notes`);
  check(await page.evaluate(() => window.__pwned) === undefined, 'script ran on the search page');
  check((await page.locator('#results').textContent()).includes('<script>'), 'shown as text in results');
  check(dialogs.length === 0, `dialogs ${dialogs}`);
});

test('not-found and pending pages', async (page) => {
  const missing = await page.goto(`${BASE}/report/index/${MISSING_ID}`);
  check(missing.status() === 404, `status ${missing.status()}`);
  check(await text(page, 'h1') === 'Crash not found', 'not found h1');
  await shot(page, 'report-not-found');
  const bad = await page.goto(`${BASE}/topcrashers/?product=${PRODUCT}&days=5`);
  check(bad.status() === 400, `bad days status ${bad.status()}`);
  check((await text(page, '#error-message')).includes('days must be one of'), 'explains the error');
});

// Last: it signs the shared browser context in and out again.
test('logging in through the page shows protected data; logging out hides it', async (page) => {
  const report = `${BASE}/report/index/${HOSTILE_ID}`;
  await page.goto(report);
  check(await page.locator('#protected-hidden').count() === 1, 'anonymous: protected annotations hidden');
  check(!(await page.content()).includes('protected comment'), 'anonymous: no protected comment');
  check(await page.locator('#dump-download').count() === 0, 'anonymous: no dump link');

  await page.click('#login-link');
  check(new URL(page.url()).pathname === '/login', `login page ${page.url()}`);
  await page.fill('#email', 'nobody@example.invalid');
  await page.fill('#password', 'not the password');
  await Promise.all([page.waitForLoadState('load'), page.click('#login-submit')]);
  check((await text(page, '#login-error')).includes('Wrong e-mail address or password'), 'a failed login says so');

  await page.goto(`${BASE}/login?next=${encodeURIComponent(`/report/index/${HOSTILE_ID}`)}`);
  await page.fill('#email', LOGIN_EMAIL);
  await page.fill('#password', LOGIN_PASSWORD);
  await Promise.all([page.waitForURL(/\/report\/index\//), page.click('#login-submit')]);
  check(page.url() === report, `back on the report after login: ${page.url()}`);
  check(await text(page, '#account-link') === LOGIN_EMAIL, 'signed in as the user');
  const prot = await page.locator('#protected-annotations').textContent();
  check(prot.includes('URL') && prot.includes('https://private.example/secret'), 'protected URL shown');
  check((await page.content()).includes('protected comment'), 'protected comment shown (as text)');
  check(await page.evaluate(() => window.__pwned) === undefined, 'no script ran for a signed-in viewer either');
  await shot(page, 'report-signed-in');

  await page.goto(`${BASE}/tokens/`);
  await page.check('#token-form input[value="view_pii"]');
  await page.fill('#note', 'browser test');
  await Promise.all([page.waitForLoadState('load'), page.click('#create-token')]);
  check((await text(page, '#new-token')).startsWith('bw_'), 'a new token is shown once');
  check(await page.locator('#token-list tbody tr').count() === 1, 'and listed');
  await shot(page, 'tokens');

  await Promise.all([page.waitForURL(`${BASE}/`), page.click('#logout')]);
  check(await page.locator('#login-link').count() === 1, 'signed out');
  await page.goto(report);
  check(await page.locator('#protected-hidden').count() === 1, 'protected data hidden again');
});


test('a signature status set on the signature page shows on Top Crashers', async (page) => {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', ADMIN_EMAIL);
  await page.fill('#password', LOGIN_PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('#login-submit')]);
  await page.goto(`${BASE}${topCrashers('1.0.3')}`);
  // The second signature: the first is store_value, which the drill-down test expects untouched.
  const row = page.locator('#topcrashers tbody tr').nth(1);
  const signature = (await row.locator('td.signature').textContent()).trim();
  check((await row.locator('td.status-cell').textContent()).trim() === 'new', 'untriaged signatures are new');
  await row.locator('td.signature a').click();
  check(await text(page, '#signature') === signature, 'on its signature page');
  check(await page.locator('#status-history-empty').count() === 1, 'no history yet');

  await page.selectOption('#status-select', 'fixed');
  await page.fill('#status-fixed-version', '1.0.4');
  await page.fill('#status-assignee-input', ADMIN_EMAIL);
  await page.fill('#status-bug-links', 'https://bugs.example.com/show_bug.cgi?id=4711');
  await page.fill('#status-note-input', 'fixed by the browser test');
  await Promise.all([page.waitForURL(/\/signature\/\?signature=.*#status$/), page.click('#status-save')]);
  check(await text(page, '#status-summary') === 'fixed in 1.0.4', `status ${await text(page, '#status-summary')}`);
  check(await text(page, '#status-assignee') === ADMIN_EMAIL, 'assignee shown');
  check(await page.locator('#status-bugs a[href="https://bugs.example.com/show_bug.cgi?id=4711"]').count() === 1, 'bug link');
  const history = await text(page, '#status-history tbody');
  check(history.includes('new → fixed in 1.0.4') && history.includes('fixed by the browser test')
    && history.includes(ADMIN_EMAIL), `history ${history}`);
  await shot(page, 'signature-status');

  await page.goto(`${BASE}${topCrashers('1.0.3')}`);
  const statusOnTopCrashers = () => page.evaluate((sig) => {
    for (const tr of document.querySelectorAll('#topcrashers tbody tr')) {
      if (tr.querySelector('td.signature').textContent.trim() === sig) return tr.querySelector('td.status-cell').textContent.trim();
    }
    return null;
  }, signature);
  check(await statusOnTopCrashers() === 'fixed in 1.0.4', `Top Crashers shows ${await statusOnTopCrashers()}`);
  await page.click('#ignored-toggle-link');
  check(new URL(page.url()).searchParams.get('hide_ignored') === '1', `toggle link ${page.url()}`);
  check(await text(page, '#ignored-toggle-link') === 'Show ignored signatures', 'the toggle turns around');
  check(await statusOnTopCrashers() === 'fixed in 1.0.4', 'a fixed signature stays when ignored ones are hidden');
  await shot(page, 'topcrashers-status');
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('#logout')]);
});

// What sticks out of the main column, or out of its grid cell (summary tables side by side): the layout
// must hold from 1,280 to 1,920 px. Scroll containers do not excuse a table: a cut-off table is the bug.
async function overflow(page) {
  return page.evaluate(() => {
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    const main = document.querySelector('main');
    const problems = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    }
    // The content box: padding is the page's margin, not room for tables.
    const right = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight) + 1;
    for (const el of main.querySelectorAll('table, pre, svg, figure, section, form, fieldset, p, h1, h2, h3, div, nav, ul')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right) problems.push(`${describe(el)} ends at ${Math.round(r.right)} px, main at ${Math.round(right)}`);
    }
    for (const cell of main.querySelectorAll('.summaries > *, .products > *')) {
      const cellRight = cell.getBoundingClientRect().right + 1;
      for (const el of cell.querySelectorAll('table, svg, figure')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > cellRight) problems.push(`${describe(el)} runs out of ${describe(cell)}`);
      }
    }
    return problems;
  });
}

async function sweep(page, name, path) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(`${BASE}${path}`);
    check(response.status() < 500, `${name}: status ${response.status()}`);
    await page.waitForLoadState('load');
    const problems = await overflow(page);
    await shot(page, `layout-${name}-${width}`);
    check(problems.length === 0, `${name} at ${width} px: ${problems.slice(0, 5).join('; ')}`);
  }
}

test('every page holds its layout at 1,280 and 1,920 px (signed in with every permission)', async (page) => {
  await sweep(page, 'login', '/login');
  await sweep(page, 'report-not-found', `/report/index/${MISSING_ID}`);
  await page.goto(`${BASE}/login`);
  await page.fill('#email', ADMIN_EMAIL);
  await page.fill('#password', LOGIN_PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('#login-submit')]);
  check(await text(page, '#account-link') === ADMIN_EMAIL, 'signed in as the administrator');
  const pages = [
    ['home', '/'],
    ['product', `/home/product/${PRODUCT}`],
    ['topcrashers-products', '/topcrashers/'],
    ['topcrashers-product', `/topcrashers/?product=${encodeURIComponent(PRODUCT)}&days=7`],
    ['topcrashers-version', topCrashers('1.0.3')],
    ['signature', '/signature/?signature=store_value'],
    ['report', `/report/index/${SEGV_ID}`],
    ['report-all-threads', `/report/index/${SEGV_ID}?all_threads=1`],
    ['report-hostile', `/report/index/${HOSTILE_ID}`],
    ['search-form', '/search/'],
    ['search', `/search/?product=${encodeURIComponent(PRODUCT)}&_facets=signature&_facets=version&_facets=platform&_histogram.date=&_columns=date&_columns=signature&_columns=url&_columns=email&_columns=product&_columns=version&_columns=platform&_columns=cpu_arch&_columns=process_type`],
    ['fields', '/search/fields/'],
    ['api', '/api/'],
    ['profile', '/profile/'],
    ['tokens', '/tokens/'],
    ['admin', '/admin/'],
    ['admin-tokens', '/admin/tokens'],
    ['jobs', '/admin/jobs'],
    ['system', '/admin/system'],
    ['audit', '/admin/audit'],
  ];
  for (const [name, path] of pages) {
    await sweep(page, name, path);
  }
  await page.goto(`${BASE}/admin/`);
  const user = await page.locator('a[href^="/admin/users/"]').first().getAttribute('href');
  const group = await page.locator('a[href^="/admin/groups/"]').first().getAttribute('href');
  await sweep(page, 'admin-user', user);
  await sweep(page, 'admin-group', group);

  // With every permission the report offers the minidump, and the copy buttons work.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE}/report/index/${SEGV_ID}`);
  check(await page.locator('#dump-download').count() === 1, 'raw dump link for view_rawdump');
  check(await page.locator('#copy-crash-id').count() === 1, 'copy button for the crash id');
  check(await page.locator('#copy-signature-link').count() === 1, 'copy button for the signature');
  await page.click('#copy-crash-id');
  await page.waitForFunction(() => document.querySelector('#copy-crash-id').textContent !== 'Copy');
  check(await text(page, '#copy-crash-id') === 'Copied', `copy button says ${await text(page, '#copy-crash-id')}`);
  check(await page.evaluate(() => navigator.clipboard.readText()) === `bp-${SEGV_ID}`, 'crash id on the clipboard');

  await page.goto(`${BASE}/search/?product=${encodeURIComponent(PRODUCT)}&_facets=version&_histogram.date=`);
  check(await page.locator('#facet-histogram_date-chart rect.column').count() >= 1, 'date histogram drawn as columns');
  check(await page.locator('#facet-version-table svg.bar rect').count() >= 2, 'facet rows carry bars');
  check(await page.locator('#facet-histogram_date-table tbody tr').count() >= 1, 'histogram still a table');
  await page.goto(`${BASE}/`);
  check(await page.locator('.products svg.graph polyline').count() >= 1, 'home: trend per version');
  await page.goto(`${BASE}/home/product/${PRODUCT}`);
  check(await page.locator('#trend-svg polyline').count() >= 2, 'product page: one trend line per version');
  await page.goto(`${BASE}${topCrashers('1.0.3')}`);
  check(await page.locator('#topcrashers th.os', { hasText: 'Linux' }).count() === 1, 'Top Crashers: a column per OS');
  await page.goto(`${BASE}/search/fields/`);
  check(await page.locator('#fields tr#field-signature').count() === 1, 'data dictionary lists signature');
  check(await page.locator('#fields tr.protected').count() >= 1, 'and marks protected fields');

  await Promise.all([page.waitForURL(`${BASE}/`), page.click('#logout')]);
});

const userDataDir = mkdtempSync(join(tmpdir(), 'breakwater-chromium-'));
let passed = 0;
let failed = 0;
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  for (const { name, fn } of tests) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await fn(page);
      check(errors.length === 0, `script errors: ${errors.join('; ')}`);
      passed++;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}: ${e.message}`);
      try { await shot(page, `failed-${passed + failed}`); } catch { /* page may be gone */ }
    } finally {
      await page.close();
    }
  }
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
