#!/usr/bin/env node
// Screenshots the Camunda 7 Cockpit page of a process definition (diagram with instance counts)
// and, optionally, Tasklist with the first "Issue key manually" task open (its form), logged in as the given user.
// For the Tasklist picture a rental must wait there: see docs/operations.md, "Issue a key by hand in Tasklist".
//
//   node cockpit-screenshot.mjs <baseUrl> <user> <password> <cockpit.png> [tasklist.png]
//        [--key=rental] [--name="Vehicle rental"] [--width=1600] [--height=1000]
//
// Example (app started with --server.port=18090):
//   node cockpit-screenshot.mjs http://localhost:18090 ops ops ../../docs/cockpit.png ../../docs/tasklist.png
//
// Environment: CHROMIUM (default /usr/bin/chromium).
// Exit code 1 when the process definition cannot be opened or its diagram does not render
// (e.g. the user lacks authorizations); a screenshot of what the user saw is still written
// to <cockpit.png> so it can be inspected.
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
if (positional.length < 4 || positional.length > 5) {
  console.error('usage: node cockpit-screenshot.mjs <baseUrl> <user> <password> <cockpit.png> [tasklist.png]'
    + ' [--key=rental] [--name="Vehicle rental"] [--width=1600] [--height=1000]');
  process.exit(2);
}
const [baseUrlArg, user, password, cockpitOut, tasklistOut] = positional;
const baseUrl = baseUrlArg.replace(/\/+$/, '');
const key = option('key', 'rental');
const processName = option('name', 'Vehicle rental');
const viewport = { width: Number(option('width', 1600)), height: Number(option('height', 1000)) };

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function login(page, app) {
  await page.goto(`${baseUrl}/camunda/app/${app}/`, { waitUntil: 'domcontentloaded' });
  const usernameField = page.locator('form[name="signinForm"] input[ng-model="username"]');
  await usernameField.waitFor({ timeout: 60_000 });
  await usernameField.fill(user);
  await page.locator('form[name="signinForm"] input[type="password"]').fill(password);
  await page.locator('form[name="signinForm"] button[type="submit"]').click();
  // The login form disappears once the session is established; a failed login keeps it and shows
  // a red notification ("Login Failed: Wrong credentials, locked user or missing access rights ...").
  const form = page.locator('form[name="signinForm"]');
  const alert = page.locator('.notifications .alert-danger').first();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(250)) {
    if (await form.count() === 0) return;
    if (await alert.isVisible()) {
      const message = (await alert.innerText()).replace(/[×\s]+/g, ' ').trim();
      throw new Error(`login to ${app} as '${user}' failed: ${message}`);
    }
  }
  throw new Error(`login to ${app} as '${user}' failed: login form still shown after 30 s`);
}

let failed = false;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
try {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);

  // --- Cockpit: process definition page with the diagram and instance counts ---
  try {
    await login(page, 'cockpit');
    await page.goto(`${baseUrl}/camunda/app/cockpit/default/#/processes`, { waitUntil: 'domcontentloaded' });
    // The processes list links each definition to #/process-definition/<id>/runtime.
    const link = page.locator('a[href*="#/process-definition/"]', { hasText: processName }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await page.waitForURL(/#\/process-definition\/[^/]+/);
    console.log(`cockpit: opened ${page.url()} (key ${key})`);

    // bpmn-js draws the diagram; instance-count badges are diagram-js overlays.
    await page.locator('.djs-container svg [data-element-id]').first().waitFor({ timeout: 60_000 });
    await page.locator('.djs-overlay .badge').first().waitFor({ timeout: 30_000 })
      .catch(() => console.warn('cockpit: no instance-count badge appeared (no running instances?)'));
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500); // let the zoom-to-fit and the overlays settle
  } catch (e) {
    failed = true;
    console.error(`cockpit: process definition '${processName}' not shown for '${user}': ${e.message.split('\n')[0]}`);
  }
  await page.screenshot({ path: path.resolve(cockpitOut) });
  console.log(`wrote ${path.resolve(cockpitOut)}`);

  // --- Tasklist: the operator's intervention, a rental's "Issue key manually" task with its form ---
  if (tasklistOut && failed) {
    console.error('tasklist: skipped, Cockpit step failed');
  } else if (tasklistOut) {
    const tl = await context.newPage(); // the session cookie is shared by the webapps
    tl.setDefaultTimeout(60_000);
    await tl.goto(`${baseUrl}/camunda/app/tasklist/default/#/`, { waitUntil: 'domcontentloaded' });
    if (await tl.locator('form[name="signinForm"]').isVisible().catch(() => false)) await login(tl, 'tasklist');
    const task = tl.locator('.tasks-list li', { hasText: 'Issue key manually' }).first();
    await task.waitFor({ timeout: 60_000 });
    await task.locator('a').first().click();
    // the embedded form of the task: its fields come from the model's camunda:formData
    await tl.locator('label', { hasText: 'Key (4 digits)' }).first().waitFor({ timeout: 60_000 });
    await tl.waitForLoadState('networkidle');
    await tl.waitForTimeout(1500);
    await tl.screenshot({ path: path.resolve(tasklistOut) });
    console.log(`wrote ${path.resolve(tasklistOut)}`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
