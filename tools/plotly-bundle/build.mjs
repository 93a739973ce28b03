// Bundle plotly.js core plus only the trace types of one bundle in traces.json, minified, as a browser global
// `Plotly`. Usage: node build.mjs BUNDLE OUTFILE  (run after `npm ci` in this folder). Same inputs, same bytes.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const traces = JSON.parse(readFileSync(resolve(here, "traces.json"), "utf8")).bundles[process.argv[2]];
if (!traces) throw new Error(`no bundle named ${process.argv[2]} in traces.json`);
const version = JSON.parse(readFileSync(resolve(here, "node_modules/plotly.js/package.json"), "utf8")).version;
const entry = [
  "var Plotly = require('plotly.js/lib/core');",
  `Plotly.register([${traces.map((t) => `require('plotly.js/lib/${t}')`).join(", ")}]);`,
  "window.Plotly = Plotly;",
].join("\n");
const outfile = resolve(process.argv[3]);
mkdirSync(dirname(outfile), { recursive: true });
await build({
  stdin: { contents: entry, resolveDir: here, loader: "js" },
  bundle: true, minify: true, format: "iife", target: "es2017", legalComments: "none",
  define: { global: "window" },
  outfile, logLevel: "warning",
});
const banner = `/* plotly.js ${version} (MIT), traces: ${traces.join(", ")}; built by tools/plotly-bundle/build.mjs */\n`;
writeFileSync(outfile, banner + readFileSync(outfile, "utf8"));
console.log(`wrote ${outfile}`);
