// Shareable hash URLs: #/region/36?year=2025, #/region/36/towns?…, #/region/36/flags?…,
// #/region/36/filing?…, #/town/360923105?year=2020; anything else is the home view.
const PATTERN = /^#\/(region|town)\/(\d{2}|\d{4}|\d{6}|\d{9})(?:\/(towns|flags|filing))?$/;

export function parse(hash) {
  const [path, search = ''] = (hash || '').split('?');
  const params = new URLSearchParams(search);
  const match = PATTERN.exec(path);
  if (!match) return { view: 'home', code: null, params };
  const [, kind, code, sub] = match;
  if (kind === 'town') return { view: 'town', code, params };
  return { view: sub || 'region', code, params };
}

export function href(view, code, params = {}) {
  const path = view === 'home' ? '#/' : view === 'town' ? `#/town/${code}`
    : view === 'region' ? `#/region/${code}` : `#/region/${code}/${view}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The place a child code opens: a town's report, or a region's overview. */
export function placeHref(code, year) {
  return href(code.length === 9 ? 'town' : 'region', code, { year });
}

export function levelOf(code) {
  return { 2: 'province', 4: 'city', 6: 'county', 9: 'town' }[code.length];
}
