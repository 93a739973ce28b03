// Bundle plotly.js core plus only the given trace types, minified, as a browser global `Plotly`.
// Usage: node build.mjs TRACE,TRACE,... OUTFILE  (run after `npm ci` in this folder). Same inputs, same bytes.
// Called by `python -m metastasis.site.plotly_bundle --rebuild`, which records the provenance.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const traces = (process.argv[2] || "").split(",").filter(Boolean);
if (!traces.length) throw new Error("usage: node build.mjs TRACE,TRACE,... OUTFILE");
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
