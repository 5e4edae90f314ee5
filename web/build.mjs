// Bundles the dashboard into target/classes/dashboard/ (inside the ftgan-web jar, served by the API at /).
// Everything comes from node_modules at build time, so the running dashboard needs no network.
// Bundle names carry a content hash (the API lets browsers cache /assets for good); index.html is
// written from src/index.html with the current names.
// `node build.mjs --watch` rebuilds on change; run the API with FTGAN_WEB_DIR=web/target/classes/dashboard
// to serve the files from disk while you edit.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const out = 'target/classes/dashboard';
const watch = process.argv.includes('--watch');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync('src/favicon.svg', `${out}/favicon.svg`);

/** Writes index.html naming this build's entry script and stylesheet. */
const writeIndex = {
  name: 'write-index',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === 'src/main.tsx');
      const [js, { cssBundle }] = entry;
      const html = readFileSync('src/index.html', 'utf8')
        .replace('%APP_JS%', `/assets/${basename(js)}`)
        .replace('%APP_CSS%', `/assets/${basename(cssBundle)}`);
      writeFileSync(`${out}/index.html`, html);
      const bytes = Object.entries(result.metafile.outputs)
        .filter(([name]) => !name.endsWith('.map'))
        .reduce((n, [, o]) => n + o.bytes, 0);
      console.log(`dashboard bundled into ${out}: ${(bytes / 1e6).toFixed(2)} MB of scripts and styles`);
    });
  },
};

const options = {
  entryPoints: ['src/main.tsx'],
  outdir: `${out}/assets`,
  entryNames: 'app-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: 'asset-[hash]',
  bundle: true,
  format: 'esm',
  splitting: true, // each page (and the 3D viewer, the editor) loads on first use
  minify: !watch,
  sourcemap: 'linked',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'linked',
  // the Submit page's "Start from" examples: the repo's experiments/*.yaml bundled as text
  loader: { '.yaml': 'text' },
  plugins: [writeIndex],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching src/, writing ${out}`);
} else {
  await esbuild.build(options);
}
