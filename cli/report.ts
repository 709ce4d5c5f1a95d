// `vigie report FILE`: the anonymised report (vigie.report/1) the extension would send for an observation log,
// checked against the collector's schema, or a sentence saying why no report would be sent.
import { anonymise, isoWeek } from '../utils/anonymise';
import { auditLog } from '../utils/audit';
import { parseObservationLog } from '../utils/observation-log';
import { WEEK_PATTERN, validateReport } from '../utils/report-schema';
import { isUrlError, parseUrl } from '../utils/domains';
import { loadLists } from './lists';
import { CliError, parseOptions, type Io } from './io';

async function readInput(file: string, io: Io): Promise<string> {
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${file}: ${why}`);
  }
}

export async function runReport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    engine: { type: 'string', default: 'chromium' },
    major: { type: 'string', default: '0' },
    week: { type: 'string' },
    public: { type: 'boolean', default: false },
  });
  if (values.engine !== 'chromium' && values.engine !== 'gecko') throw new CliError('--engine must be chromium or gecko', 2);
  if (!/^\d{1,3}$/.test(values.major!)) throw new CliError('--major must be the browser major version, 0 to 999 (0: unknown)', 2);
  if (values.week !== undefined && !WEEK_PATTERN.test(values.week)) throw new CliError('--week must be an ISO week such as 2026-W48', 2);
  if (positionals.length !== 1) throw new CliError('give exactly one observation log file (or - for stdin)', 2);
  const file = positionals[0]!;

  const parsed = parseObservationLog(await readInput(file, io));
  if ('error' in parsed) throw new CliError(`${file}: ${parsed.error}`);
  for (const p of parsed.problems) io.err(`vigie report: ${file}: ${p.at}: ${p.message}\n`);

  // --public: the person marked the site as public in the extension (source "user"), as it may for a site no
  // list knows.
  const page = parseUrl(parsed.log.page.url);
  const marked = values.public && !isUrlError(page) ? [{ host: page.host.replace(/^www\./, ''), source: 'user', country: '' }] : undefined;
  const audit = auditLog(parsed.log, loadLists(marked));
  for (const e of audit.errors) io.err(`vigie report: ${file}: request ${JSON.stringify(e.url)}: ${e.error}\n`);

  // The week of the visit; a log without a date is reported for the current week, as the extension would.
  const week = values.week ?? (parsed.log.page.visitedAt ? undefined : (isoWeek(new Date()) ?? undefined));
  const result = anonymise(audit, { client: { extension: io.version, engine: values.engine, major: Number(values.major) }, week });
  if ('refused' in result) throw new CliError(`${file}: no report would be sent: ${result.refused}`);
  const checked = validateReport(result.report);
  if ('errors' in checked) {
    throw new CliError(`${file}: the collector would refuse this report: ${checked.errors.join('; ')}`);
  }
  io.out(JSON.stringify(checked.report, null, 2) + '\n');
  return 0;
}
