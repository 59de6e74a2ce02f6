// Prints the Markdown table of every result in bench/results/ (for the README).
import { readdirSync, readFileSync } from 'node:fs';

const rows = [];
for (const file of readdirSync('bench/results').filter((name) => name.endsWith('.json')).sort()) {
  const result = JSON.parse(readFileSync(`bench/results/${file}`, 'utf8'));
  if (!Array.isArray(result.metrics)) continue; // experiment records (learn-*.json) are summarized in LEARNING.md
  const where = result.machine.browser ?? 'Node';
  for (const metric of result.metrics) {
    rows.push(`| \`${metric.id}\` | ${metric.value === null ? 'missing' : metric.value.toLocaleString('en-US')} ${metric.unit} | ${metric.bar ?? ''} | ${where}, ${result.machine.cores} cores, ${result.date.slice(0, 10)} |`);
  }
}
console.log(['| metric | value | bar | measured on |', '|---|---|---|---|', ...rows].join('\n'));
