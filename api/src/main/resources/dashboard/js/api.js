// The JSON routes of the API (dashboard contract); errors carry the API's message.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function fail(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.message) message = body.message;
  } catch (ignored) { /* not JSON */ }
  return new ApiError(response.status, message);
}

export async function json(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await fail(response);
  return response.json();
}

/** The JSON of a route that may not exist on this server (404): null then. */
export async function optionalJson(path) {
  try {
    return await json(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export async function html(path) {
  const response = await fetch(path, { headers: { Accept: 'text/html' } });
  if (!response.ok) throw await fail(response);
  return response.text();
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const routes = {
  about: () => '/api/v1/about',
  freshness: () => '/api/v1/freshness',
  changes: () => '/api/v1/changes',
  children: (region, year) => `/api/v1/regions/${region}/children${query({ year })}`,
  regionTrend: (region) => `/api/v1/regions/${region}/trend`,
  townTrend: (town) => `/api/v1/towns/${town}/trend`,
  flags: (region, year) => `/api/v1/regions/${region}/flags${query({ year })}`,
  filing: (region, year) => `/api/v1/regions/${region}/filing${query({ year })}`,
  towns: (region, params) => `/api/v1/regions/${region}/towns${query(params)}`,
  townReport: (town, year) => `/api/v1/towns/${town}/reports/${year}`,
  boundaryIndex: () => '/api/v1/boundaries',
  boundary: (region) => `/api/v1/boundaries/${region}`,
};
