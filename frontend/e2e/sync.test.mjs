// Sync end to end: Settings starts a relay on this computer (Host on this
// computer), the Share dialog shares the open script and makes an invite
// link with a role, and the status bar shows the app online.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, hostRelay, launchBrowser, openPage, shareScript, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

test('host a relay, share a script and make an invite link', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  // Before any relay: the status says so.
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  await page.locator('[data-testid="sync-status"][data-state="offline"]').waitFor();

  // Settings → Host on this computer, on a free port.
  await page.click('[data-testid="back"]');
  const port = await hostRelay(page);
  assert.equal(await page.inputValue('[data-testid="relay-input"]'), `ws://127.0.0.1:${port}/ws`);
  await page.keyboard.press('Escape');

  // Share the script from the editor and make an invite for an editor.
  await page.click('[data-testid="script-card"]');
  const link = await shareScript(page, 'proposer');
  assert.match(link, /^scriptroom:\/\/join\?relay=ws%3A%2F%2F127\.0\.0\.1%3A\d+%2Fws&token=[\w-]+$/);
  const token = JSON.parse(Buffer.from(new URL(link).searchParams.get('token'), 'base64url').toString());
  assert.equal(token.role, 'proposer');
  await page.keyboard.press('Escape');

  // The status bar shows the app online once the relay holds every event.
  await page.locator('[data-testid="status-bar"] [data-testid="sync-status"][data-state="online"]').waitFor({ timeout: 60_000 });
  const status = await page.evaluate(() => window.go.app.Sync.Status());
  assert.equal(status.pending, 0);
  assert.ok(status.hosting);
});
