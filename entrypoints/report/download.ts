// Saves text as a file through a blob link: no downloads permission needed, nothing leaves the browser.
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the blob once the download started; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `vigie-www.lyon.fr-2026-11-23` from a site and the visit's date. */
export function fileStem(site: string, visitedAt: string | null): string {
  const day = visitedAt && !Number.isNaN(Date.parse(visitedAt)) ? new Date(visitedAt).toISOString().slice(0, 10) : 'undated';
  return `vigie-${site.replace(/[^a-z0-9.-]/gi, '_')}-${day}`;
}
