// Vigie's command line: classify request URLs, score an observation log or a HAR, audit sites in a batch.
import { runClassify } from './classify';
import { runScore } from './score';
import { runReport } from './report';
import { runAudit } from './audit/command';
import { runMerge } from './merge';
import { CliError, type Io, nodeIo } from './io';

const USAGE = `Vigie — who does a public website send its visitors to? (methodology SN-1)

Usage:
  vigie classify [--page URL] [URL ...]    classify request URLs (or one per line on stdin); JSON Lines out
  vigie score FILE [--format json|text] [--lang en|fr]
                                           audit and score an observation log (FILE or - for stdin)
  vigie score --har FILE [--format json|text] [--lang en|fr]
                                           the same for a HAR file exported from a browser's developer tools
  vigie report FILE [--engine chromium|gecko] [--major N] [--week YYYY-Www] [--public]
                                           the anonymised report the extension would send for it
  vigie audit URL ... | --input FILE [--out DIR] [--concurrency N] [--wait SECONDS] [--timeout SECONDS]
              [--shard I/N] [--retry-failed] [--lang en|fr] [--chromium PATH]
              [--host-rules RULES] [--ignore-certificate-errors]
                                           visit sites in headless Chromium with the built extension; one
                                           JSON audit per site, summary.csv and index.html in DIR (without
                                           --out, one site's audit on stdout); a re-run skips sites done
  vigie merge --out DIR DIR ...            combine the output folders of several runs (shards)
  vigie --version | --help
`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  classify: runClassify,
  score: runScore,
  report: runReport,
  audit: runAudit,
  merge: runMerge,
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    io.out(`vigie ${io.version}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`vigie: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    // People get a sentence, never a stack trace.
    io.err(`vigie ${command}: ${error instanceof CliError ? error.message : (error as Error).message ?? String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** The program: what `npx vigie` (cli/bin.mjs) runs. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), nodeIo());
}
