import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (tooling/scripts/ensure-chromium.sh installs it); `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Headless Chromium with the flags tested in ecosystem-notes §6 (no sandbox in containers, no background traffic).
 * `hosts` maps extra host names to 127.0.0.1, so a test can serve pages from origins that are not loopback names.
 */
export function launchChromium(options: { hosts?: string[] } = {}): Promise<Browser> {
  const rules = (options.hosts ?? []).map((host) => `MAP ${host} 127.0.0.1`).join(', ');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(rules ? [`--host-resolver-rules=${rules}`] : []),
    ],
  });
}
