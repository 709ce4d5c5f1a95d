// The prefilled letter to a site's webmaster or data-protection officer: the findings and their remedies in
// plain text, ready to paste into an email or print, in French or English.
import type { Audit } from '../utils/audit';
import type { Translate } from './i18n';
import { formatDate } from './report-tables';

export type Recipient = 'webmaster' | 'dpo';

export interface LetterContext {
  recipient: Recipient;
  extensionVersion: string;
}

/** Past this many findings the letter points to the attached report: a letter is read, a report consulted. */
export const LETTER_FINDINGS = 12;

export function letterText(audit: Audit, context: LetterContext, lang: string, t: Translate): string {
  const { score } = audit;
  const visited = audit.page.visitedAt ? formatDate(audit.page.visitedAt, lang) : t('unknownValue');
  const dpo = context.recipient === 'dpo';
  const findings = [...score.deductions].sort((a, b) => b.points - a.points);
  const shown = findings.slice(0, LETTER_FINDINGS);
  const lines: string[] = [
    t('letterSubject', audit.page.host),
    '',
    dpo ? t('letterGreetingDpo') : t('letterGreetingWebmaster'),
    '',
    t('letterIntro', audit.page.url, visited),
    '',
  ];
  if (!shown.length) lines.push(t('letterNoFindings', score.grade, score.score, audit.methodology), '');
  else {
    lines.push(t('letterResult', score.grade, score.score, audit.methodology), '');
    shown.forEach((d, i) => {
      lines.push(`${i + 1}. ${d.reason} (${t('pointsLost', d.points)})`);
      // The reason already names the service, owner and country; the evidence adds what was seen.
      if (d.evidence.hosts?.length) lines.push(`   ${t('labelValue', t('evidenceHosts'), d.evidence.hosts.join(', '))}`);
      if (d.evidence.cookies?.length) lines.push(`   ${t('labelValue', t('evidenceCookies'), d.evidence.cookies.join(', '))}`);
      if (d.law) lines.push(`   ${t('lawLabel')} ${d.law}`);
      if (d.remedy) lines.push(`   ${t('letterRemedyLabel')} ${d.remedy}`);
      lines.push('');
    });
    if (findings.length > shown.length) lines.push(t('letterMoreFindings', findings.length - shown.length), '');
    for (const g of score.gates) lines.push(t('gateApplied', g.maxGrade, g.reason));
    if (score.gates.length) lines.push('');
  }
  lines.push(t('letterRequest'), '');
  if (dpo) lines.push(t('letterDpoRegister'), '');
  lines.push(t('letterThanks'), '', t('letterSignature'), '', '—', t('letterFooter', context.extensionVersion, audit.methodology, audit.lists));
  return lines.join('\n') + '\n';
}
