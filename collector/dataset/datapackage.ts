// The Frictionless Data Package that describes the dataset: its licence, its files and every field of each.
import { REPORT_SCHEMA } from '../../utils/anonymise';
import { METHODOLOGY } from '../../utils/methodology';
import { PUBLICATION } from '../aggregate';
import { DATASET_FILES } from './files';

export const DATASET_LICENSE = {
  name: 'etalab-2.0',
  title: 'Licence Ouverte / Open Licence version 2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

export function datapackage(version: string) {
  return {
    profile: 'data-package',
    name: 'vigie-public-sites',
    title: 'Vigie: who public websites send their visitors to',
    description:
      `Anonymised audits (${REPORT_SCHEMA}, methodology ${METHODOLOGY.id}) of public-sector websites, sent by people ` +
      `who opted in to Vigie's reporting, and per-site aggregates. A site is published once at least ` +
      `${PUBLICATION.reports} reports from at least ${PUBLICATION.weeks} different ISO weeks agree on its grade. ` +
      'Reports carry no URL, no IP address, no identifier of the person and no time finer than the ISO week; raw ' +
      'reports past the retention period are dropped and remain only in the site aggregates. Values are published ' +
      'as sent: a spreadsheet should import them as text.',
    version,
    licenses: [DATASET_LICENSE],
    keywords: ['public sector', 'websites', 'third parties', 'trackers', 'digital sovereignty', 'GAFAM'],
    sources: [{ title: 'Vigie browser extension, reports of people who opted in' }],
    resources: DATASET_FILES.map((f) => ({
      name: f.name,
      path: f.path,
      title: f.title,
      description: f.description,
      format: f.format,
      mediatype: f.mediatype,
      encoding: 'utf-8',
      ...(f.fields
        ? {
            profile: 'tabular-data-resource',
            dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
            schema: { fields: f.fields, ...(f.primaryKey ? { primaryKey: f.primaryKey } : {}), missingValues: [''] },
          }
        : { profile: 'data-resource' }),
    })),
  };
}
