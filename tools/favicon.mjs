// Writes themes/default/static/favicon.ico from favicon.svg (our own shapes): Debian's
// Chromium draws the SVG at 16, 32 and 48 pixels, and the PNGs go into one ICO file
// (an ICO may hold PNG images). Run by hand after changing the SVG:
//
//   node tools/favicon.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { launchChromium } from "../tests/e2e/browser.mjs";

const dir = new URL("../themes/default/static/", import.meta.url);
const svg = readFileSync(new URL("favicon.svg", dir), "utf8");
const browser = await launchChromium();
const images = [];
for (const size of [16, 32, 48]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const data = Buffer.from(svg).toString("base64");
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}" style="display:block">`,
  );
  images.push({ size, png: await page.screenshot({ omitBackground: true }) });
  await page.close();
}
await browser.close();

const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(images.length, 4);
let offset = 6 + 16 * images.length;
const entries = images.map(({ size, png }) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(size % 256, 0);
  e.writeUInt8(size % 256, 1);
  e.writeUInt8(0, 2); // no palette
  e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4); // colour planes
  e.writeUInt16LE(32, 6); // bits per pixel
  e.writeUInt32LE(png.length, 8);
  e.writeUInt32LE(offset, 12);
  offset += png.length;
  return e;
});
writeFileSync(new URL("favicon.ico", dir), Buffer.concat([header, ...entries, ...images.map((i) => i.png)]));
console.log("wrote themes/default/static/favicon.ico");
