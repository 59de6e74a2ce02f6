// A labelled progress bar whose text is announced politely to screen readers.
export function ProgressBar({ value, max, label, detail }: { value: number; max: number; label: string; detail?: string }) {
  const percent = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div class="progress">
      <div
        class="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
      >
        <div class="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <div class="progress__text" aria-live="polite">
        {label}: {Math.floor(percent)}%{detail ? ` · ${detail}` : ''}
      </div>
    </div>
  );
}
