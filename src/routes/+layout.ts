// Every page is prerendered to static HTML; the engine starts in the browser after mount.
export const prerender = true;
export const trailingSlash = 'never';
