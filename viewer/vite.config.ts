// Builds the site and the viewer (`npm run build`): the public pages (home, search, item, not found)
// from viewer/site/ into viewer/dist/, one file per page and language, split so home and search never
// load OpenSeadragon, and then a separate self-contained ES module, viewer/dist/embed/leeszaal-viewer.js,
// that any museum page can load with one script tag. The admin pages' scripts (viewer/admin/) are
// built alongside, into viewer/dist/admin/assets/.
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import { LANGS } from './component/i18n.ts';
import { translatePage } from './site/page-language.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.join(here, 'site');
const dist = path.join(here, 'dist');

/**
 * Puts the parts every page shares (head, skip link, banner with navigation and language switch, footer)
 * into each page from `site/partials/`, so the four pages cannot drift apart. An unknown include
 * fails the build rather than shipping a page without its navigation.
 */
function sharedPartials(): Plugin {
  return {
    name: 'leeszaal-shared-partials',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return html.replace(/^([ \t]*)<!-- include: ([a-z-]+) -->$/gm, (_line, indent: string, name: string) => {
          const file = path.join(site, 'partials', `${name}.html`);
          let text: string;
          try {
            text = readFileSync(file, 'utf8');
          } catch {
            throw new Error(`site page includes "${name}", but ${file} does not exist`);
          }
          return text
            .trimEnd()
            .split('\n')
            .map((l) => (l === '' ? l : indent + l))
            .join('\n');
        });
      },
    },
  };
}

/**
 * Writes each built page once per language (`index.nl.html`, `index.fr.html`, `index.en.html`, …)
 * with its marked text translated and `<html lang>` set, so the server (which must not import viewer
 * code) sends the asked language from the first byte. Vite's own Dutch page is removed: the server
 * reads only the per-language files.
 */
function pagePerLanguage(): Plugin {
  return {
    name: 'leeszaal-page-per-language',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? dist;
      for (const file of Object.keys(bundle).filter((name) => name.endsWith('.html'))) {
        const built = path.join(outDir, file);
        const html = await readFile(built, 'utf8');
        for (const lang of LANGS) await writeFile(path.join(outDir, file.replace(/\.html$/, `.${lang}.html`)), translatePage(html, lang));
        await rm(built);
      }
    },
  };
}

/** After the site build, builds the embeddable viewer as one file with everything inlined. */
function embedBundle(): Plugin {
  return {
    name: 'leeszaal-embed-bundle',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir: path.join(dist, 'embed'),
          emptyOutDir: true,
          target: 'es2022',
          lib: { entry: path.join(here, 'embed.ts'), formats: ['es'], fileName: () => 'leeszaal-viewer.js' },
          minify: true,
          rolldownOptions: { output: { codeSplitting: false, minify: true } },
        },
      });
    },
  };
}

export default defineConfig({
  root: site,
  base: '/',
  // Files served at fixed URLs (the favicon), copied as they are.
  publicDir: path.join(site, 'public'),
  logLevel: 'warn',
  plugins: [sharedPartials(), pagePerLanguage(), embedBundle()],
  build: {
    outDir: dist,
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: path.join(site, 'index.html'),
        search: path.join(site, 'search.html'),
        item: path.join(site, 'item.html'),
        'not-found': path.join(site, 'not-found.html'),
        // Scripts of the admin pages (viewer/admin/), one line per page's script.
        'admin/accounts': path.join(here, 'admin', 'accounts.ts'),
        'admin/upload': path.join(here, 'admin', 'upload.ts'),
        'admin/job': path.join(here, 'admin', 'job.ts'),
        'admin/editor': path.join(here, 'admin', 'editor.ts'),
      },
      output: {
        // Admin scripts keep fixed names under admin/assets/ (served at /admin/assets/<name>.js), since
        // the server renders those pages and cannot know a hash; their shared chunks stay in assets/.
        entryFileNames: (chunk) =>
          chunk.name.startsWith('admin/') ? `admin/assets/${chunk.name.slice('admin/'.length)}.js` : 'assets/[name]-[hash].js',
      },
    },
  },
});
