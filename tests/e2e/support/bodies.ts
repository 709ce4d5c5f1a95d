// Small response bodies and content types the fixture server answers with (images, fonts, pages).

/** The classic 1×1 transparent GIF tracking pixels return. */
export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A valid 1×1 PNG (map tiles, sprites). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * Starts like a WOFF2 file (signature "wOF2") but is not a usable font: the browser requests and downloads it,
 * which is all the tests observe, then logs a decoding warning. A real font file is not worth carrying here.
 */
export const WOFF2_STUB = Buffer.concat([Buffer.from('wOF2', 'latin1'), Buffer.alloc(44)]);

export function svgImage(label: string): string {
  const safe = label.replace(/[<>&"]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="#000091"/><text x="60" y="25" fill="#fff" font-size="12" text-anchor="middle">${safe}</text></svg>`;
}

export function htmlPage(title: string, body = ''): string {
  const safe = title.replace(/[<>&]/g, '');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${safe}</title></head><body>${body}</body></html>\n`;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  svg: 'image/svg+xml',
  gif: 'image/gif',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
  mp4: 'video/mp4',
  m3u8: 'application/vnd.apple.mpegurl',
  wasm: 'application/wasm',
};

/** Lower-case extension of the last path segment, without the dot ('' when there is none). */
export function extensionOf(pathname: string): string {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

export function contentTypeFor(extension: string): string | undefined {
  return TYPES[extension];
}

/** Raster image bytes for an extension. JPEG/WebP get GIF bytes: browsers sniff image content, not the label. */
export function imageBytes(extension: string): Buffer {
  return extension === 'png' ? PNG_1X1 : GIF_1X1;
}
