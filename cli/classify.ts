// `vigie classify`: one JSON object per input URL, in input order.
import { createClassifier } from '../utils/classify';
import { loadLists } from './lists';
import { isUrlError, parseUrl } from '../utils/domains';
import { CliError, normaliseUrl, parseOptions, type Io } from './io';

export async function runClassify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, { page: { type: 'string' } });
  let inputs = positionals;
  if (!inputs.length && !io.stdinIsTTY) {
    // Blank lines separate nothing and are not inputs.
    inputs = (await io.readStdin()).split(/\r?\n/).filter((line) => line.trim() !== '');
  }
  if (!inputs.length) throw new CliError('no URL given: pass URLs as arguments or one per line on stdin', 2);

  let page: string | null = null;
  if (values.page !== undefined) {
    page = normaliseUrl(values.page);
    const parsed = parseUrl(page);
    if (isUrlError(parsed)) throw new CliError(`--page ${JSON.stringify(values.page)}: ${parsed.error}`, 2);
  }

  const classifier = createClassifier(loadLists(), page);
  let ok = 0;
  let buffer = '';
  for (const input of inputs) {
    const result = classifier(normaliseUrl(input));
    if (!('error' in result)) ok++;
    buffer += JSON.stringify('error' in result ? { url: input, error: result.error } : { url: input, ...result }) + '\n';
    if (buffer.length > 1 << 16) {
      io.out(buffer);
      buffer = '';
    }
  }
  io.out(buffer);
  if (!ok) io.err(`vigie classify: none of the ${inputs.length} input(s) is a usable URL\n`);
  return ok ? 0 : 1;
}
