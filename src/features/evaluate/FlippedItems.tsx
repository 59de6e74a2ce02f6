// Items whose verdict flipped between two evaluations, each with its prompt, expected answer and
// both generations as plain text.
import type { FlippedItem } from '../../evaluate/delta';

export function FlippedItems({ title, items, beforeLabel, afterLabel }: { title: string; items: FlippedItem[]; beforeLabel: string; afterLabel: string }) {
  const id = `flipped-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section class="flipped" aria-labelledby={id}>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        items.map((item) => (
          <article key={item.item_id} aria-label={`Item ${item.item_id}`}>
            <h4>
              <code>{item.item_id}</code> · {item.section ? `${item.section} / ` : ''}
              {item.category}
            </h4>
            <pre class="text-block">{item.prompt}</pre>
            <p>
              Expected answer: <strong>{item.expected_answer}</strong>
            </p>
            <div class="compare-grid">
              {[
                [beforeLabel, item.before] as const,
                [afterLabel, item.after] as const,
              ].map(([label, side]) => (
                <div key={label}>
                  <p>
                    {label}, extracted answer: <strong>{side.extracted_answer === '' ? '(nothing)' : side.extracted_answer}</strong>
                  </p>
                  <pre class="text-block code">{side.prediction === '' ? '(empty)' : side.prediction}</pre>
                </div>
              ))}
            </div>
          </article>
        ))
      )}
    </section>
  );
}
