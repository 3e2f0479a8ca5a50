// Debian's Chromium (/usr/bin/chromium, or $CHROMIUM), headless, driven by playwright-core.
// Nothing is downloaded. The flags keep Chromium from calling home: this machine's network
// is closed, and a directory for the public should not be tested with a browser that talks
// to other hosts.
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}

/** Serves the built site at `site` and starts Chromium: {server, origin, browser}. */
export async function openSite(site) {
  if (!existsSync(path.join(site, "index.html"))) {
    throw new Error(`no built site in ${site}`);
  }
  const { server, origin } = await serve(site);
  return { server, origin, browser: await launchChromium() };
}

/** Closes what openSite opened (either may be missing if opening failed). */
export async function closeSite({ server, browser }) {
  if (browser) await browser.close();
  if (server) await new Promise((resolve) => server.close(resolve));
}
