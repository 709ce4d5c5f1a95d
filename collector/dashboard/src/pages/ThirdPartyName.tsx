// Who is behind a third party: the organisation, its parent when different, and a GAFAM mark.
import { t } from '../i18n';

export function ThirdPartyName(props: { organisation: string | null; parent: string | null; gafam: string | null }) {
  if (!props.organisation && !props.parent) return <span class="muted">—</span>;
  const name = props.organisation ?? props.parent;
  return (
    <>
      {name}
      {props.parent && props.parent !== name && <span class="muted"> ({props.parent})</span>}
      {props.gafam && (
        <span class="tag" title={t('gafam')}>
          {props.gafam}
        </span>
      )}
    </>
  );
}
