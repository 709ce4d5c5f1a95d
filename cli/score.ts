// `vigie score FILE`: audit and score one observation log (or, with --har, a HAR file from any browser's developer
// tools); JSON for scripts, text for a person.
import { auditLog } from '../utils/audit';
import { loadLists } from './lists';
import { parseObservationLog } from '../utils/observation-log';
import type { Lang } from '../utils/texts';
import { CliError, parseOptions, type Io } from './io';
import { harToObservationLog } from './har';
import { textReport } from './text-report';

export async function runScore(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string', default: 'json' },
    lang: { type: 'string', default: 'en' },
    har: { type: 'string' },
  });
  if (values.format !== 'json' && values.format !== 'text') throw new CliError('--format must be json or text', 2);
  if (values.lang !== 'en' && values.lang !== 'fr') throw new CliError('--lang must be en or fr', 2);
  const har = values.har !== undefined;
  if (har ? positionals.length !== 0 : positionals.length !== 1) {
    throw new CliError(har ? 'give one HAR file after --har, and nothing else' : 'give exactly one observation log file (or - for stdin)', 2);
  }
  const file = har ? values.har! : positionals[0]!;

  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${file}: ${why}`);
  }
  let notes: string[] = [];
  let parsed: ReturnType<typeof parseObservationLog>;
  if (har) {
    const converted = harToObservationLog(text);
    if ('error' in converted) throw new CliError(`${file}: ${converted.error}`);
    notes = converted.notes;
    parsed = { log: converted.log, problems: [] };
  } else parsed = parseObservationLog(text);
  if ('error' in parsed) throw new CliError(`${file}: ${parsed.error}`);
  for (const p of parsed.problems) io.err(`vigie score: ${file}: ${p.at}: ${p.message}\n`);
  for (const note of notes) io.err(`vigie score: ${file}: note: ${note}\n`);

  const lang = values.lang as Lang;
  const audit = auditLog(parsed.log, loadLists(), { lang });
  for (const e of audit.errors) io.err(`vigie score: ${file}: request ${JSON.stringify(e.url)}: ${e.error}\n`);
  // In text, the notes belong with the report itself (a HAR's missing interaction changes what it means).
  const noteLines = notes.map((n) => `Note: ${n}.\n`).join('');
  io.out(values.format === 'text' ? textReport(audit, lang) + noteLines : JSON.stringify(audit, null, 2) + '\n');
  return 0;
}
