// A client-rendered app served as static files: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;
