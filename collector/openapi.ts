// The OpenAPI 3.1 document of the collector's API. The report schema and its example come from the engine's
// shared schema (utils/report-schema.ts), so the document cannot describe a report the collector would refuse.
import { EXAMPLE_REPORT, reportJsonSchema } from '../utils/report-schema';
import { GRADES } from '../utils/methodology';
import { PUBLICATION } from './aggregate';
import { DATASET_FILES } from './dataset/files';
import { DATASET_LICENSE } from './dataset/datapackage';
import { MAX_PER_PAGE } from './query';
import { SITE_SORTS } from './storage/store';
import { NOT_PUBLISHED } from './routes/sites';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, extra: object = {}) => ({ content: { 'application/json': { schema, ...extra } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const week = { type: 'string', pattern: '^\\d{4}-W\\d{2}$', examples: ['2026-W48'] };
const grade = { type: 'string', enum: [...GRADES] };
const grades = { type: 'object', additionalProperties: false, required: [...GRADES], properties: Object.fromEntries(GRADES.map((g) => [g, { type: 'integer' }])) };
const label = {
  organisation: nullable({ type: 'string' }),
  parent: nullable({ type: 'string' }),
  country: nullable({ type: 'string' }),
  category: nullable({ type: 'string' }),
  gafam: nullable({ type: 'string' }),
  tracker: { type: 'boolean' },
};
const rateLimited = {
  description: 'Too many requests from this network: retry after the number of seconds in Retry-After.',
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
  ...json(ref('Error')),
};

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigie collector',
      version,
      summary: 'Anonymised audits of public websites in; an open dataset, an API and a dashboard out.',
      description:
        'People who opt in to reporting in the Vigie extension send one anonymised report (vigie.report/1) per public ' +
        'site and ISO week. The collector stores no IP address and logs none. A site is published once at least ' +
        `${PUBLICATION.reports} reports from at least ${PUBLICATION.weeks} different ISO weeks agree on its grade. ` +
        `The dataset is published under ${DATASET_LICENSE.title}.`,
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    paths: {
      '/api/v1/reports': {
        post: {
          operationId: 'postReport',
          summary: 'Send one anonymised report',
          description: 'At most 64 KiB of JSON. Validated strictly: unknown fields are refused at every level.',
          requestBody: { required: true, ...json(ref('Report'), { example: EXAMPLE_REPORT }) },
          responses: {
            202: {
              description: 'Stored durably (it survives a crash of the collector).',
              ...json({ type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }),
            },
            400: error('Not a valid report (the reason names the field, e.g. "third_parties[3].country: expected …").'),
            413: error('Body larger than 64 KiB.'),
            415: error('Body not sent as application/json.'),
            429: rateLimited,
            503: error('Storage unavailable; retry later.'),
          },
        },
      },
      '/api/v1/sites': {
        get: {
          operationId: 'listSites',
          summary: 'Published sites, paged and filtered',
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: 50 } },
            { name: 'grade', in: 'query', description: 'Grades, comma-separated (A,B).', schema: { type: 'string' } },
            { name: 'suffix', in: 'query', description: 'Sites whose host is or ends with this suffix (gouv.fr).', schema: { type: 'string' } },
            { name: 'source', in: 'query', description: 'Public-body source (fr-dinum, suffix:gouv.fr, vigie…).', schema: { type: 'string' } },
            { name: 'q', in: 'query', description: 'Part of the host name.', schema: { type: 'string', maxLength: 100 } },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: [...SITE_SORTS], default: 'host' } },
          ],
          responses: {
            200: {
              description: 'A page of published sites.',
              ...json({
                type: 'object',
                required: ['total', 'page', 'per_page', 'sites'],
                properties: { total: { type: 'integer' }, page: { type: 'integer' }, per_page: { type: 'integer' }, sites: { type: 'array', items: ref('Site') } },
              }),
            },
            400: error('A parameter is malformed or unknown.'),
            429: rateLimited,
          },
        },
      },
      '/api/v1/sites/{host}': {
        get: {
          operationId: 'getSite',
          summary: "A published site's aggregate, history and third parties",
          parameters: [{ name: 'host', in: 'path', required: true, schema: { type: 'string' }, example: 'www.lyon.fr' }],
          responses: {
            200: { description: 'The aggregate.', ...json(ref('SiteAggregate')) },
            400: error('Not a host name.'),
            404: error(NOT_PUBLISHED),
            429: rateLimited,
          },
        },
      },
      '/api/v1/stats': {
        get: {
          operationId: 'getStats',
          summary: 'Grade distribution and most common third parties across published sites',
          responses: { 200: { description: 'Figures (refreshed every 30 seconds at most).', ...json(ref('Stats')) }, 429: rateLimited },
        },
      },
      '/api/v1/dataset': {
        get: {
          operationId: 'getDatasetIndex',
          summary: 'The dataset files and their licence',
          responses: { 200: { description: 'Links to the files and to datapackage.json.', ...json({ type: 'object' }) } },
        },
      },
      '/api/v1/dataset/datapackage.json': {
        get: {
          operationId: 'getDatapackage',
          summary: 'Frictionless Data Package describing the dataset (licence, files, fields)',
          responses: { 200: { description: 'datapackage.json', ...json({ type: 'object' }) } },
        },
      },
      '/api/v1/dataset/{file}': {
        get: {
          operationId: 'getDatasetFile',
          summary: 'One dataset file, streamed',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: DATASET_FILES.map((f) => f.path) } }],
          responses: {
            200: {
              description: 'CSV (RFC 4180, header row) or JSON Lines.',
              content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } },
            },
            404: error('No such file.'),
            429: rateLimited,
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness and storage check, for load balancers',
          responses: {
            200: { description: 'Serving.', ...json({ type: 'object', properties: { status: { const: 'ok' }, store: { enum: ['sqlite', 'postgres'] } } }) },
            503: error('Storage unreachable.'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', ...json({ type: 'object' }) } } },
      },
    },
    components: {
      schemas: {
        Report: reportJsonSchema(),
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, errors: { type: 'array', items: { type: 'string' }, description: 'Every problem found (at most 20).' } },
        },
        Site: {
          type: 'object',
          required: ['host', 'grade', 'median_score', 'reports', 'first_week', 'last_week', 'public_body'],
          properties: {
            host: { type: 'string' },
            grade,
            median_score: { type: 'number' },
            reports: { type: 'integer' },
            first_week: week,
            last_week: week,
            public_body: nullable({ type: 'object', properties: { source: { type: 'string' }, id: nullable({ type: 'string' }) } }),
          },
        },
        SiteAggregate: {
          allOf: [
            ref('Site'),
            {
              type: 'object',
              required: ['grades', 'history', 'third_parties'],
              properties: {
                grades: { ...grades, description: 'Reports per grade.' },
                history: {
                  type: 'array',
                  items: { type: 'object', properties: { week, reports: { type: 'integer' }, median_score: { type: 'number' }, grade } },
                },
                third_parties: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      domain: { type: 'string' },
                      ...label,
                      reports: { type: 'integer' },
                      share: { type: 'number', minimum: 0, maximum: 1, description: "Share of the site's reports that saw it." },
                      first_week: week,
                      last_week: week,
                    },
                  },
                },
              },
            },
          ],
        },
        Stats: {
          type: 'object',
          properties: {
            methodology: { type: 'string' },
            threshold: { type: 'object', properties: { reports: { type: 'integer' }, weeks: { type: 'integer' } } },
            sites: { type: 'integer', description: 'Published sites.' },
            reports: { type: 'integer', description: 'Reports of published sites.' },
            grades: { ...grades, description: 'Published sites per grade.' },
            third_parties: {
              type: 'array',
              items: {
                type: 'object',
                properties: { domain: { type: 'string' }, ...label, sites: { type: 'integer' }, share_of_sites: { type: 'number' } },
              },
            },
          },
        },
      },
    },
  };
}
