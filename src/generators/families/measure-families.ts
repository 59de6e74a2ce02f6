// Unit conversion, geometry and multi-step arithmetic families of the reasoning corpus, plus
// the one-step arithmetic and ordering logic of its synthetic part. Quantities are drawn so
// that every result is exact. Must never emit an answer that is not the last computed value.
import type { Difficulty, Problem, ProblemFamily } from '../problem';
import { formatThousandths, step } from '../problem';
import { NAMES } from '../vocabulary';

export const hoursToSeconds: ProblemFamily = (random) => {
  const hours = random.between(1, 12);
  const extraMinutes = random.between(1, 59);
  const minutes = hours * 60;
  const totalMinutes = minutes + extraMinutes;
  return {
    prompt: `How many seconds are there in ${hours} hours and ${extraMinutes} minutes?`,
    steps: [
      step('convert', `${hours} hours = ${hours} * 60 = ${minutes} minutes`),
      step('compute', `${minutes} + ${extraMinutes} = ${totalMinutes} minutes`),
      step('convert', `${totalMinutes} minutes = ${totalMinutes} * 60 = ${totalMinutes * 60} seconds`),
    ],
    answer: String(totalMinutes * 60),
    template: 'hours_to_seconds',
    difficulty: 'medium',
  };
};

/** `count * each` in a small unit, then that total / 1000 in the large unit: two exact steps. */
function totalInThousands(prompt: string, count: number, each: number, units: [string, string], template: string): Problem {
  const total = count * each;
  return {
    prompt,
    steps: [
      step('compute', `Total: ${count} * ${each} = ${total} ${units[0]}`),
      step('convert', `${total} ${units[0]} = ${total} / 1000 = ${formatThousandths(total)} ${units[1]}`),
    ],
    answer: formatThousandths(total),
    template,
    difficulty: 'medium',
  };
}

export const lapsToKilometres: ProblemFamily = (random) => {
  const name = random.pick(NAMES);
  const laps = random.between(2, 25);
  const lapMetres = random.pick([200, 250, 300, 400, 500, 600, 800]);
  const prompt = `${name} runs ${laps} laps of a ${lapMetres} m track. How many kilometres is that?`;
  return totalInThousands(prompt, laps, lapMetres, ['m', 'km'], 'laps_to_kilometres');
};

const GOODS = ['flour', 'rice', 'sugar', 'salt', 'coffee', 'oats', 'beans', 'lentils'] as const;

export const gramsToKilograms: ProblemFamily = (random) => {
  const bags = random.between(2, 24);
  const grams = random.pick([125, 200, 250, 400, 500, 600, 750, 800]);
  const goods = random.pick(GOODS);
  const prompt = `A box holds ${bags} bags of ${goods}, ${grams} g each. How many kilograms of ${goods} does it hold?`;
  return totalInThousands(prompt, bags, grams, ['g', 'kg'], 'grams_to_kilograms');
};

export const rectangleArea: ProblemFamily = (random) => {
  const length = random.between(3, 25);
  const width = random.between(2, length);
  return {
    prompt: `A rectangle is ${length} m long and ${width} m wide. What is its area in square metres?`,
    steps: [
      step('recall', 'Area of a rectangle = length * width'),
      step('compute', `${length} * ${width} = ${length * width}`),
    ],
    answer: String(length * width),
    template: 'rectangle_area',
    difficulty: 'easy',
  };
};

export const rectanglePerimeter: ProblemFamily = (random) => {
  const length = random.between(3, 40);
  const width = random.between(2, length);
  return {
    prompt: `A rectangle is ${length} cm long and ${width} cm wide. What is its perimeter in cm?`,
    steps: [
      step('compute', `Length plus width: ${length} + ${width} = ${length + width}`),
      step('compute', `Perimeter = 2 * ${length + width} = ${2 * (length + width)}`),
    ],
    answer: String(2 * (length + width)),
    template: 'rectangle_perimeter',
    difficulty: 'easy',
  };
};

export const triangleArea: ProblemFamily = (random) => {
  const base = random.between(2, 20) * 2;
  const height = random.between(2, 30);
  return {
    prompt: `A triangle has a base of ${base} cm and a height of ${height} cm. What is its area in square cm?`,
    steps: [
      step('compute', `Base times height: ${base} * ${height} = ${base * height}`),
      step('compute', `Half of that: ${base * height} / 2 = ${(base * height) / 2}`),
    ],
    answer: String((base * height) / 2),
    template: 'triangle_area',
    difficulty: 'medium',
  };
};

export const squareAreaFromPerimeter: ProblemFamily = (random) => {
  const side = random.between(2, 99);
  const unit = random.pick(['cm', 'm'] as const);
  return {
    prompt: `A square has a perimeter of ${4 * side} ${unit}. What is its area in square ${unit}?`,
    steps: [
      step('compute', `Side: ${4 * side} / 4 = ${side} ${unit}`),
      step('compute', `Area: ${side} * ${side} = ${side * side}`),
    ],
    answer: String(side * side),
    template: 'square_area_from_perimeter',
    difficulty: 'hard',
  };
};

export const itemsLeft: ProblemFamily = (random) => {
  const crates = random.between(2, 9);
  const perCrate = random.between(6, 24);
  const total = crates * perCrate;
  const sold = random.between(1, total - 1);
  const name = random.pick(NAMES);
  return {
    prompt: `${name} has ${crates} crates with ${perCrate} apples each and sells ${sold} apples. How many apples are left?`,
    steps: [
      step('compute', `Apples at the start: ${crates} * ${perCrate} = ${total}`),
      step('compute', `Left after selling: ${total} - ${sold} = ${total - sold}`),
    ],
    answer: String(total - sold),
    template: 'items_left',
    difficulty: 'medium',
  };
};

export const threeStepExpression: ProblemFamily = (random) => {
  const a = random.between(2, 30);
  const b = random.between(2, 30);
  const c = random.between(2, 9);
  const sum = a + b;
  const product = sum * c;
  const d = random.between(1, product - 1);
  return {
    prompt: `Compute (${a} + ${b}) * ${c} - ${d}.`,
    steps: [
      step('compute', `Parentheses first: ${a} + ${b} = ${sum}`),
      step('compute', `Multiply: ${sum} * ${c} = ${product}`),
      step('compute', `Subtract: ${product} - ${d} = ${product - d}`),
    ],
    answer: String(product - d),
    template: 'three_step_expression',
    difficulty: 'hard',
  };
};

const OPERATIONS = ['+', '-', '*'] as const;

export const basicArithmetic: ProblemFamily = (random) => {
  const operation = random.pick(OPERATIONS);
  let a = random.between(2, 99);
  let b = operation === '*' ? random.between(2, 12) : random.between(2, 99);
  if (operation === '-' && b > a) [a, b] = [b, a];
  const result = operation === '+' ? a + b : operation === '-' ? a - b : a * b;
  const difficulty: Difficulty = operation === '*' ? 'medium' : 'easy';
  return {
    prompt: `What is ${a} ${operation} ${b}?`,
    steps: [step('compute', `${a} ${operation} ${b} = ${result}`)],
    answer: String(result),
    template: 'basic_arithmetic',
    difficulty,
  };
};

const ORDERINGS = [
  { more: 'taller', most: 'tallest', least: 'shortest' },
  { more: 'older', most: 'oldest', least: 'youngest' },
  { more: 'faster', most: 'fastest', least: 'slowest' },
] as const;

/** A chain of pairwise comparisons, stated out of order; the answer is its top or bottom. */
export const orderingLogic: ProblemFamily = (random) => {
  const people = random.pickDistinct(NAMES, random.between(3, 4));
  const ordering = random.pick(ORDERINGS);
  const facts = people.slice(0, -1).map((person, k) => `${person} is ${ordering.more} than ${people[k + 1]}`);
  const stated = facts.slice();
  random.shuffleInPlace(stated);
  const askMost = random.next() < 0.5;
  const answer = (askMost ? people[0] : people[people.length - 1]) as string;
  return {
    prompt: `${stated.join('. ')}. Who is the ${askMost ? ordering.most : ordering.least}?`,
    steps: [
      ...facts.map((fact) => step('fact', fact)),
      step('order', `From most to least: ${people.join(', ')}`),
      step('answer', `The ${askMost ? ordering.most : ordering.least} is ${answer}`),
    ],
    answer,
    template: 'ordering_logic',
    difficulty: people.length === 3 ? 'medium' : 'hard',
  };
};
