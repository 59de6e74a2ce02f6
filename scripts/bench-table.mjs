// Prints the Markdown table of every result in bench/results/ (for the README).
import { readdirSync, readFileSync } from 'node:fs';

const results = [];
for (const file of readdirSync('bench/results').filter((name) => name.endsWith('.json')).sort()) {
  const result = JSON.parse(readFileSync(`bench/results/${file}`, 'utf8'));
  if (Array.isArray(result.metrics)) results.push({ file, result }); // experiment records (learn-*.json) are summarized in LEARNING.md
}
// A metric id that several results report (one per learnability run) is named with its result file.
const seen = new Map();
for (const { result } of results) for (const metric of result.metrics) seen.set(metric.id, (seen.get(metric.id) ?? 0) + 1);
const rows = [];
for (const { file, result } of results) {
  const where = result.machine.browser ?? 'Node';
  for (const metric of result.metrics) {
    const name = seen.get(metric.id) > 1 ? `\`${metric.id}\` (${file.replace(/\.json$/, '')})` : `\`${metric.id}\``;
    rows.push(`| ${name} | ${metric.value === null ? 'missing' : metric.value.toLocaleString('en-US')} ${metric.unit} | ${metric.bar ?? ''} | ${where}, ${result.machine.cores} cores, ${result.date.slice(0, 10)} |`);
  }
}
console.log(['| metric | value | bar | measured on |', '|---|---|---|---|', ...rows].join('\n'));
