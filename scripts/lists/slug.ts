// The id rule that ties a third-party-web company name to its entry in lists/owners.

/** NFKD, accents stripped, lowercase, '&' → ' and ', runs of other characters → '-', trimmed. */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
