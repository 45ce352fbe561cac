// Names of the places seen so far, by code, for the breadcrumb (the routes give a place's own name).
export const names = new Map();

export function learn(...places) {
  for (const place of places) {
    if (place && place.code && place.name) names.set(place.code, place.name);
  }
}
