// A stored audit in the language the page is read in. The score's words (reasons, remedies, legal context) are
// written again from the lists' texts; its numbers cannot change, since the same methodology scores the same
// audit the same way. An audit of another methodology is left as it was recorded.
import { texts } from '../lists/compiled/index.json';
import type { Audit } from '../utils/audit';
import type { Lists } from '../utils/lists';
import { METHODOLOGY } from '../utils/methodology';
import { score } from '../utils/score';
import type { Lang, Texts } from '../utils/texts';

const BUNDLED: Pick<Lists, 'texts'> = { texts: texts as Texts };

export function localiseAudit(audit: Audit, lang: Lang, lists: Pick<Lists, 'texts'> = BUNDLED): Audit {
  if (audit.methodology !== METHODOLOGY.id) return audit;
  const { score: _recorded, ...rest } = audit;
  return { ...audit, score: score(rest, lists, lang) };
}
