// A site's printable report: the extension's own evidence report (components/export-html.ts), so a page audited
// in a batch prints exactly like one audited by hand.
import type { Audit } from '../../utils/audit';
import type { Lang } from '../../utils/texts';
import { evidenceHtml } from '../../components/export-html';
import { translator } from '../../components/i18n';

export interface ReportContext {
  /** "Chromium 150", from the browser that made the visit. */
  browser: string;
  extensionVersion: string;
}

export function siteReportHtml(audit: Audit, context: ReportContext, lang: Lang): string {
  return evidenceHtml(
    audit,
    { generatedAt: Date.now(), browser: `${context.browser} (headless, vigie audit)`, extensionVersion: context.extensionVersion },
    lang,
    translator(lang),
  );
}
