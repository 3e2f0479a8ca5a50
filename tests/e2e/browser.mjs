// Debian's Chromium (/usr/bin/chromium, or $CHROMIUM), headless, driven by playwright-core.
// Nothing is downloaded. The flags keep Chromium from calling home: this machine's network
// is closed, and a directory for the public should not be tested with a browser that talks
// to other hosts.
import { chromium } from "playwright-core";

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
