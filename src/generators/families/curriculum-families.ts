// Problem families of the curriculum corpus, written for a character-level model of about
// 0.8M parameters: short operands (3-5 letters, 1-2 digits), a first step that restates the
// operands, then one local operation per step (spell out, map each letter, reverse the order,
// add one digit column with its carry), so every step is a copy or a tiny table lookup of the
// step before. Must never grow long operands or multi-operation steps: see issue 7's evidence.
import type { Difficulty, Problem, ProblemFamily } from '../problem';
import { step } from '../problem';
import type { Random } from '../random';
import { LOWERCASE } from '../vocabulary';

function shortWord(random: Random): { text: string; difficulty: Difficulty } {
  const length = random.between(3, 5);
  const difficulty: Difficulty = length === 3 ? 'easy' : length === 4 ? 'medium' : 'hard';
  return { text: random.letters(LOWERCASE, length), difficulty };
}

function spelled(text: string): string {
  return Array.from(text).join(' ');
}

export const repeatWord: ProblemFamily = (random) => {
  const { text, difficulty } = shortWord(random);
  return {
    prompt: `Repeat: ${text}`,
    steps: [step('restate', `Text: ${text}`)],
    answer: text,
    template: 'repeat',
    difficulty,
  };
};

interface LetterTransform {
  command: string;
  label: string;
  template: string;
  stepType: string;
  transform: (text: string) => string;
}

/** Restate, spell out, then map the letters: `<command>: abc` -> `<label>: A B C`. */
function letterTransform({ command, label, template, stepType, transform }: LetterTransform): ProblemFamily {
  return (random) => {
    const { text, difficulty } = shortWord(random);
    const result = transform(text);
    return {
      prompt: `${command}: ${text}`,
      steps: [
        step('restate', `Text: ${text}`),
        step('split', `Letters: ${spelled(text)}`),
        step(stepType, `${label}: ${spelled(result)}`),
      ],
      answer: result,
      template,
      difficulty,
    };
  };
}

export const uppercaseWord = letterTransform({
  command: 'Uppercase',
  label: 'Upper',
  template: 'uppercase',
  stepType: 'map',
  transform: (text) => text.toUpperCase(),
});

export const reverseWord = letterTransform({
  command: 'Reverse',
  label: 'Reversed',
  template: 'reverse',
  stepType: 'reverse',
  transform: (text) => Array.from(text).reverse().join(''),
});

export const addOneDigit: ProblemFamily = (random) => {
  const a = random.between(0, 9);
  const b = random.between(0, 9);
  return {
    prompt: `Add: ${a} + ${b}`,
    steps: [step('restate', `Numbers: ${a} and ${b}`), step('compute', `${a} + ${b} = ${a + b}`)],
    answer: String(a + b),
    template: 'add_one_digit',
    difficulty: a + b >= 10 ? 'medium' : 'easy',
  };
};

export const subtractOneDigit: ProblemFamily = (random) => {
  const a = random.between(0, 9);
  const b = random.between(0, a);
  return {
    prompt: `Subtract: ${a} - ${b}`,
    steps: [step('restate', `Numbers: ${a} and ${b}`), step('compute', `${a} - ${b} = ${a - b}`)],
    answer: String(a - b),
    template: 'subtract_one_digit',
    difficulty: 'easy',
  };
};

/** Column addition of two two-digit numbers: ones with carry, then tens, then the result. */
export function addTwoDigitProblem(a: number, b: number): Problem {
  const onesSum = (a % 10) + (b % 10);
  const carry = onesSum >= 10 ? 1 : 0;
  const tensSum = Math.floor(a / 10) + Math.floor(b / 10) + carry;
  const sum = a + b;
  const difficulty: Difficulty = sum >= 100 ? 'hard' : carry === 1 ? 'medium' : 'easy';
  return {
    prompt: `Add: ${a} + ${b}`,
    steps: [
      step('restate', `Numbers: ${a} and ${b}`),
      step('ones', `Ones: ${a % 10} + ${b % 10} = ${onesSum}, write ${onesSum % 10}, carry ${carry}`),
      step('tens', `Tens: ${Math.floor(a / 10)} + ${Math.floor(b / 10)} + ${carry} = ${tensSum}`),
      step('combine', `Result: ${tensSum} then ${onesSum % 10} = ${sum}`),
    ],
    answer: String(sum),
    template: 'add_two_digit',
    difficulty,
  };
}

export const addTwoDigit: ProblemFamily = (random) =>
  addTwoDigitProblem(random.between(10, 99), random.between(10, 99));

/** Comparison of two different two-digit numbers: tens first, ones only when tens are equal. */
export function compareTwoDigitProblem(a: number, b: number): Problem {
  const larger = Math.max(a, b);
  const tensA = Math.floor(a / 10);
  const tensB = Math.floor(b / 10);
  const steps = [step('restate', `Numbers: ${a} and ${b}`)];
  if (tensA !== tensB) {
    steps.push(step('tens', `Tens: ${tensA} vs ${tensB}, ${Math.max(tensA, tensB)} is larger`));
  } else {
    steps.push(step('tens', `Tens: ${tensA} vs ${tensB}, equal`));
    steps.push(step('ones', `Ones: ${a % 10} vs ${b % 10}, ${Math.max(a % 10, b % 10)} is larger`));
  }
  steps.push(step('decide', `Larger: ${larger}`));
  return {
    prompt: `Larger: ${a} or ${b}`,
    steps,
    answer: String(larger),
    template: 'compare_two_digit',
    difficulty: tensA === tensB ? 'medium' : 'easy',
  };
}

export const compareTwoDigit: ProblemFamily = (random) => {
  const a = random.between(10, 99);
  let b = random.between(10, 98);
  if (b >= a) b += 1;
  return compareTwoDigitProblem(a, b);
};
