// One trace, read-only: prompt, numbered steps with their type, final answer, meta as JSON and
// the derived fields. Every piece of user text is a text node, never HTML.
import type { StoredTrace } from '../../traces/types';
import { formatDate } from '../../ui/format';

export function TraceView({ trace, headingLevel = 2 }: { trace: StoredTrace; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const steps = [...trace.steps].sort((a, b) => a.i - b.i);
  return (
    <article class="trace-view">
      <Heading>Prompt</Heading>
      <pre class="text-block">{trace.prompt}</pre>
      <Heading>Steps ({steps.length})</Heading>
      <ol class="steps">
        {steps.map((step) => (
          <li key={step.i}>
            <span class="step-index">{step.i}</span>
            <span class="step-type">{step.type}</span>
            <pre class="text-block">{step.content}</pre>
          </li>
        ))}
      </ol>
      <Heading>Final answer</Heading>
      <pre class="text-block final-answer">{trace.final_answer}</pre>
      <Heading>Meta</Heading>
      <pre class="text-block code">{trace.meta === undefined ? '(none)' : JSON.stringify(trace.meta, null, 2)}</pre>
      <dl class="facts">
        <dt>Baseline score</dt>
        <dd>{trace.baseline_score.toFixed(2)} / 100</dd>
        <dt>Length</dt>
        <dd>{trace.total_chars.toLocaleString('en-US')} characters</dd>
        <dt>Trace version</dt>
        <dd>{trace.trace_version}</dd>
        <dt>Created</dt>
        <dd>{formatDate(trace.created_at)}</dd>
        <dt>Id</dt>
        <dd>
          <code>{trace.id}</code>
        </dd>
        <dt>Content hash</dt>
        <dd>
          <code class="hash">{trace.content_hash}</code>
        </dd>
      </dl>
    </article>
  );
}
