// A grade as a letter in a coloured badge; the colour only repeats what the letter says.
import type { Grade } from '../api';
import { t } from '../i18n';

export function GradeBadge(props: { grade: Grade; large?: boolean }) {
  return (
    <span class={`grade grade-${props.grade}${props.large ? ' grade-large' : ''}`} title={`${t('grade')} ${props.grade}`}>
      <span class="visually-hidden">{t('grade')} </span>
      {props.grade}
    </span>
  );
}
