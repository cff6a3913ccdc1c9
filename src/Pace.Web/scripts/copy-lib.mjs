// Copies the browser files of the npm dependencies into wwwroot/lib (gitignored), the only place pages load
// libraries from: nothing comes from a CDN.
//
// FullCalendar 6 injects its stylesheet into a <style> element at run time, which pace-web's Content-Security-Policy
// (style-src 'self') refuses. So its global bundles are copied with that injection cut out and their styles written
// to lib/fullcalendar/fullcalendar.css, which the calendar page links. Each cut must match exactly once, so an
// upgrade that changes the bundle fails here rather than in the browser.
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const lib = join(root, 'wwwroot', 'lib');

rmSync(lib, { recursive: true, force: true });

function copy(from, to) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(modules, from), target);
}

function replaceOnce(text, search, replacement, file) {
  const first = text.indexOf(search);
  if (first < 0 || text.indexOf(search, first + 1) >= 0) {
    throw new Error(`${file}: expected exactly one "${search}"`);
  }
  return text.replace(search, replacement);
}

copy('htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js');
copy('chart.js/dist/chart.umd.min.js', 'chart.js/chart.umd.min.js');

const styles = [];
for (const name of ['core', 'daygrid', 'timegrid', 'interaction']) {
  const file = `@fullcalendar/${name}/index.global.min.js`;
  let source = readFileSync(join(modules, '@fullcalendar', name, 'index.global.js'), 'utf8');
  const css = /var css_248z = ("(?:[^"\\]|\\.)*");/.exec(source);
  if (css) {
    styles.push(JSON.parse(css[1]));
    source = replaceOnce(source, css[0], '', file);
    source = replaceOnce(source, name === 'core' ? 'injectStyles(css_248z);' : 'internal$1.injectStyles(css_248z);', '', file);
  }
  if (name === 'core') {
    source = replaceOnce(source, 'function ensureElHasStyles(el) {', 'function ensureElHasStyles(el) { return;', file);
    source = replaceOnce(source, '        registerStylesRoot(document);\n', '', file);
  }
  const target = join(lib, 'fullcalendar', `${name}.global.js`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, source);
}
// The icon font is inlined as a data: URL, which the CSP's font-src ('self' by default-src) refuses: served as a file.
let css = styles.join('\n') + '\n';
const font = /url\("data:application\/x-font-ttf;charset=utf-8;base64,([A-Za-z0-9+/=]+)"\)/.exec(css);
if (!font) {
  throw new Error('fullcalendar.css: expected the inlined fcicons font');
}
writeFileSync(join(lib, 'fullcalendar', 'fcicons.ttf'), Buffer.from(font[1], 'base64'));
css = replaceOnce(css, font[0], 'url("fcicons.ttf")', 'fullcalendar.css');
writeFileSync(join(lib, 'fullcalendar', 'fullcalendar.css'), css);

console.log(`pace-web: front-end libraries copied to ${lib}`);
