// End-to-end tests of the dashboard in headless Chromium (Debian's chromium, driven by playwright-core).
// Started by org.ftgan.api.DashboardEndToEndTest against a real stack (embedded PostgreSQL, the Temporal
// dev server, a worker, the API); can also be run by hand against `./ftgan up`:
//   FTGAN_URL=http://127.0.0.1:7070 FTGAN_TOKEN=... node e2e/run.mjs [scenario ...]
// or one scenario through the Maven test: FTGAN_E2E_SCENARIOS=tables mvn -B -q test -pl api -am -Dtest=DashboardEndToEndTest ...
// Scenarios run in the order below and share `state` (the experiment the first one submits).
// Every scenario's last screen is kept as a PNG in FTGAN_SCREENSHOTS (default target/e2e-screenshots).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import * as experiments from './scenarios/experiments.mjs';
import * as submit from './scenarios/submit.mjs';
import * as experiment from './scenarios/experiment.mjs';
import * as experimentLarge from './scenarios/experiment-large.mjs';
import * as earlyStopping from './scenarios/early-stopping.mjs';
import * as run from './scenarios/run.mjs';
import * as explore from './scenarios/explore.mjs';
import * as compare from './scenarios/compare.mjs';
import * as tables from './scenarios/tables.mjs';
import * as budgets from './scenarios/budgets.mjs';

// submit first: it makes the finished sweep the later scenarios read (t.state.experimentId)
const scenarios = [submit, experiments, experiment, experimentLarge, earlyStopping, run, explore, compare, tables, budgets];

const base = process.env.FTGAN_URL ?? 'http://127.0.0.1:7070';
const token = process.env.FTGAN_TOKEN ?? '';
const shots = process.env.FTGAN_SCREENSHOTS ?? 'target/e2e-screenshots';
// scenario names to run (all when none): arguments, or FTGAN_E2E_SCENARIOS=a,b (for DashboardEndToEndTest)
const only = process.argv.length > 2 ? process.argv.slice(2) : (process.env.FTGAN_E2E_SCENARIOS ?? '').split(',').filter(Boolean);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
const state = {};
let failed = 0;

for (const scenario of scenarios) {
  if (only.length && !only.includes(scenario.name)) continue;
  const page = await context.newPage();
  const problems = [];
  // markup from user strings must never run: any dialog (alert) fails the scenario
  page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.type()} ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`uncaught error in the page: ${e.message}`));
  const t = {
    page, base, token, state,
    shot: (name) => page.screenshot({ path: `${shots}/${scenario.name}-${name}.png`, fullPage: true }),
    log: (msg) => console.log(`    ${msg}`),
    /** Ends the scenario as skipped (reported as such, never as passed). */
    skip: (why) => ({ skipped: why }),
  };
  const started = Date.now();
  try {
    const outcome = await scenario.run(t);
    if (problems.length) throw new Error(problems.join('; '));
    if (outcome?.skipped) console.log(`skip ${scenario.name}: ${outcome.skipped}`);
    else console.log(`ok ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${scenario.name}: ${e.stack ?? e}`);
    await t.shot('failure').catch(() => {});
  } finally {
    await t.shot('last').catch(() => {});
    await page.close();
  }
}

await browser.close();
console.log(failed ? `${failed} scenario(s) failed` : 'all scenarios passed');
process.exit(failed ? 1 : 0);
