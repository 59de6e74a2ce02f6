// An independent solver for generated prompts: reads the operands back out of the prompt text
// and computes the answer without any generator code, so tests can prove that each expected
// answer is right and depends on its prompt. Returns undefined for a prompt it does not know.

const RANKS = '23456789TJQKA';

function dollars(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? `$${whole}` : `$${whole}.${String(rest).padStart(2, '0')}`;
}

function cents(text: string): number {
  return Math.round(Number(text.replace('$', '')) * 100);
}

function decimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

function arithmetic(a: number, operation: string, b: number): number {
  if (operation === '+') return a + b;
  if (operation === '-') return a - b;
  return a * b;
}

function orderingAnswer(prompt: string): string | undefined {
  const question = /Who is the (\w+)\?$/.exec(prompt);
  const facts = [...prompt.matchAll(/(\w+) is (?:taller|older|faster) than (\w+)/g)].map((m) => [m[1] as string, m[2] as string]);
  if (!question || facts.length === 0) return undefined;
  const people = new Set(facts.flat());
  const beaten = new Set(facts.map(([, lower]) => lower));
  const beating = new Set(facts.map(([higher]) => higher));
  const top = [...people].filter((p) => !beaten.has(p));
  const bottom = [...people].filter((p) => !beating.has(p));
  const wantsTop = ['tallest', 'oldest', 'fastest'].includes(question[1] as string);
  return (wantsTop ? top : bottom)[0];
}

type Rule = [RegExp, (m: RegExpExecArray, prompt: string) => string | undefined];

const RULES: readonly Rule[] = [
  [/^Repeat: (\w+)$/, (m) => m[1]],
  [/^Uppercase: (\w+)$/, (m) => m[1]?.toUpperCase()],
  [/^Reverse: (\w+)$/, (m) => reverse(m[1] as string)],
  [/^Add: (\d+) \+ (\d+)$/, (m) => String(Number(m[1]) + Number(m[2]))],
  [/^Subtract: (\d+) - (\d+)$/, (m) => String(Number(m[1]) - Number(m[2]))],
  [/^Larger: (\d+) or (\d+)$/, (m) => String(Math.max(Number(m[1]), Number(m[2])))],
  [
    /^High Card Duel: You reveal (\w)\w\. Opponent reveals (\w)\w\. Win, loss or tie\?$/,
    (m) => {
      const mine = RANKS.indexOf(m[1] as string);
      const theirs = RANKS.indexOf(m[2] as string);
      return mine > theirs ? 'win' : mine < theirs ? 'loss' : 'tie';
    },
  ],
  [/^What is (\d+) ([+\-*]) (\d+)\?$/, (m) => String(arithmetic(Number(m[1]), m[2] as string, Number(m[3])))],
  [/^(\d)\+(\d)=\?$/, (m) => String(Number(m[1]) + Number(m[2]))],
  [/^Compute \((\d+) \+ (\d+)\) \* (\d+) - (\d+)\.$/, (m) => String((Number(m[1]) + Number(m[2])) * Number(m[3]) - Number(m[4]))],
  [/has (\d+) crates with (\d+) apples each and sells (\d+) apples/, (m) => String(Number(m[1]) * Number(m[2]) - Number(m[3]))],
  [/^Reverse the string '(.*)'\.$/, (m) => reverse(m[1] as string)],
  [/^Convert to uppercase: (.*)$/, (m) => m[1]?.toUpperCase()],
  [/^Repeat exactly: (.*)$/, (m) => m[1]],
  [/^How many words are in this text: '(.*)'\?$/, (m) => String((m[1] as string).split(' ').length)],
  [/^Sort these words alphabetically: (.*)$/, (m) => (m[1] as string).split(', ').sort().join(', ')],
  [/^Sort the letters of '(.*)' alphabetically\.$/, (m) => Array.from(m[1] as string).sort().join('')],
  [/\n\n(.*)\n\nHow many words does the passage contain\?$/, (m) => String((m[1] as string).split(' ').length)],
  [/is (?:taller|older|faster) than/, (_m, prompt) => orderingAnswer(prompt)],
  [
    /buys (\d+) .* at (\$[\d.]+) each and (\d+) .* at (\$[\d.]+) each, and pays with a (\$[\d.]+) bill/,
    (m) => dollars(cents(m[5] as string) - Number(m[1]) * cents(m[2] as string) - Number(m[3]) * cents(m[4] as string)),
  ],
  [/covers (\d+) km at (\d+) km\/h, then (\d+) km at (\d+) km\/h/, (m) => String(Number(m[1]) / Number(m[2]) + Number(m[3]) / Number(m[4]))],
  [/drives (\d+) km in (\d+) hours and then (\d+) km in (\d+) hours/, (m) => String((Number(m[1]) + Number(m[3])) / (Number(m[2]) + Number(m[4])))],
  [/travels at (\d+) km\/h for (\d+) hours/, (m) => String(Number(m[1]) * Number(m[2]))],
  [/^What is (\d+)% of (\d+)\?$/, (m) => String((Number(m[1]) * Number(m[2])) / 100)],
  [/costs \$(\d+) and is on sale for (\d+)% off/, (m) => dollars(Number(m[1]) * (100 - Number(m[2])))],
  [/has (\d+) people\. The population grows by (\d+)%/, (m) => String((Number(m[1]) * (100 + Number(m[2]))) / 100)],
  [/^(\d+) .* cost (\$[\d.]+)\. How much do (\d+) .* cost\?$/, (m) => dollars((cents(m[2] as string) / Number(m[1])) * Number(m[3]))],
  [/in (\d+) hours and (\d+) minutes\?$/, (m) => String((Number(m[1]) * 60 + Number(m[2])) * 60)],
  [/runs (\d+) laps of a (\d+) m track/, (m) => decimal((Number(m[1]) * Number(m[2])) / 1000)],
  [/holds (\d+) bags of \w+, (\d+) g each/, (m) => decimal((Number(m[1]) * Number(m[2])) / 1000)],
  [/rectangle is (\d+) m long and (\d+) m wide\. What is its area/, (m) => String(Number(m[1]) * Number(m[2]))],
  [/rectangle is (\d+) cm long and (\d+) cm wide\. What is its perimeter/, (m) => String(2 * (Number(m[1]) + Number(m[2])))],
  [/triangle has a base of (\d+) cm and a height of (\d+) cm/, (m) => String((Number(m[1]) * Number(m[2])) / 2)],
  [/square has a perimeter of (\d+) c?m\./, (m) => String((Number(m[1]) / 4) ** 2)],
];

/** The answer computed from the prompt alone, or undefined when no rule reads this prompt. */
export function solveFromPrompt(prompt: string): string | undefined {
  const text = prompt.trim();
  for (const [pattern, solve] of RULES) {
    const match = pattern.exec(text);
    if (match) return solve(match, text);
  }
  return undefined;
}
