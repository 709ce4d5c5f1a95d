// The grade: its letter (never colour alone), the score, and what the grade means in words.
import type { Grade as GradeLetter } from '../utils/methodology';
import type { Translate } from './i18n';

export function Grade({ grade, score, t }: { grade: GradeLetter; score: number; t: Translate }) {
  return (
    <div class={`grade grade-${grade}`}>
      <span class="grade-letter" data-testid="grade" aria-hidden="true">
        {grade}
      </span>
      <div class="grade-text">
        <p class="grade-label">
          <span class="visually-hidden">{t('gradeLabel', grade)} — </span>
          <strong>{t('scoreOutOf', score)}</strong>
        </p>
        <p class="grade-meaning">{t(`gradeMeaning${grade}`)}</p>
      </div>
    </div>
  );
}
