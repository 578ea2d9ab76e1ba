#!/usr/bin/env node
// Renders a BPMN 2.0 file to a PNG with bpmn-js (viewer bundle) in headless Chromium.
//
//   node render.mjs <input.bpmn> <output.png> [--scale=2] [--padding=30]
//
// Environment: CHROMIUM (default /usr/bin/chromium).
// bpmn-js imports the diagram and exports it as SVG (the diagram alone: the viewer's bpmn.io watermark belongs to the
// viewer, whose licence says it must stay visible there, and is no part of the export); a blank page then shows that
// SVG at zoom 1 with padding on white, and the screenshot is cropped to it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
if (positional.length !== 2) {
  console.error('usage: node render.mjs <input.bpmn> <output.png> [--scale=2] [--padding=30]');
  process.exit(2);
}
const [input, output] = positional.map((p) => path.resolve(p));
const scale = option('scale', 2);
const padding = option('padding', 30);

const bpmnJsDist = path.dirname(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'));
const xml = await readFile(input, 'utf8');

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: LAUNCH_ARGS,
});
try {
  // Start large; resized to the diagram below.
  const context = await browser.newContext({ viewport: { width: 2400, height: 1600 }, deviceScaleFactor: scale });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));

  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="canvas" style="width: 2400px; height: 1600px"></div></body></html>');
  await page.addStyleTag({ path: path.join(bpmnJsDist, 'assets', 'diagram-js.css') });
  await page.addStyleTag({ path: path.join(bpmnJsDist, 'assets', 'bpmn-js.css') });
  await page.addScriptTag({ path: path.join(bpmnJsDist, 'bpmn-viewer.production.min.js') });

  const result = await page.evaluate(async (diagramXml) => {
    // eslint-disable-next-line no-undef
    const viewer = new BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(diagramXml);
    const { svg } = await viewer.saveSVG();
    return { warnings: warnings.map((w) => w.message), svg };
  }, xml);

  for (const w of result.warnings) console.warn('import warning:', w);

  // the exported SVG alone, on a page of its own
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      html, body { margin: 0; background: #fff; }
      #diagram { display: inline-block; padding: ${padding}px; background: #fff; }
      #diagram svg { display: block; }
    </style></head><body><div id="diagram">${result.svg}</div></body></html>`);
  const box = await page.locator('#diagram').boundingBox();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  await page.setViewportSize({ width, height });

  await page.screenshot({ path: output, clip: { x: 0, y: 0, width, height }, omitBackground: false });
  console.log(`wrote ${output} (${width}x${height} CSS px at scale ${scale})`);
} finally {
  await browser.close();
}
