// Multi-step word problems of the reasoning corpus: distance, speed and time; percentages;
// costs and change. Numbers are drawn so that every intermediate result is exact (integers,
// or whole cents), and every step states one real intermediate computation. Must never type an
// answer by hand: each answer is the last computed value.
import type { ProblemFamily } from '../problem';
import { formatDollars, step } from '../problem';
import type { Random } from '../random';
import type { ShopItem } from '../vocabulary';
import { MOVERS, NAMES, SHOP_ITEMS } from '../vocabulary';

export const distanceFromSpeed: ProblemFamily = (random) => {
  const mover = random.pick(MOVERS);
  const speed = random.between(mover.minSpeed, mover.maxSpeed);
  const hours = random.between(2, 6);
  const distance = speed * hours;
  return {
    prompt: `A ${mover.name} travels at ${speed} km/h for ${hours} hours. How many kilometres does it travel?`,
    steps: [
      step('given', `Speed ${speed} km/h, time ${hours} hours`),
      step('compute', `Distance = speed * time = ${speed} * ${hours} = ${distance} km`),
    ],
    answer: String(distance),
    template: 'distance_from_speed',
    difficulty: 'easy',
  };
};

export const travelTimeTwoLegs: ProblemFamily = (random) => {
  const mover = random.pick(MOVERS);
  const speed1 = random.between(mover.minSpeed, mover.maxSpeed);
  const speed2 = random.between(mover.minSpeed, mover.maxSpeed);
  const hours1 = random.between(1, 4);
  const hours2 = random.between(1, 4);
  const leg1 = speed1 * hours1;
  const leg2 = speed2 * hours2;
  return {
    prompt:
      `A ${mover.name} covers ${leg1} km at ${speed1} km/h, then ${leg2} km at ${speed2} km/h. ` +
      'How many hours does the whole trip take?',
    steps: [
      step('compute', `First leg: ${leg1} / ${speed1} = ${hours1} hours`),
      step('compute', `Second leg: ${leg2} / ${speed2} = ${hours2} hours`),
      step('compute', `Total: ${hours1} + ${hours2} = ${hours1 + hours2} hours`),
    ],
    answer: String(hours1 + hours2),
    template: 'travel_time_two_legs',
    difficulty: 'medium',
  };
};

export const averageSpeed: ProblemFamily = (random) => {
  const hours1 = random.between(1, 3);
  const hours2 = random.between(1, 3);
  const totalHours = hours1 + hours2;
  const average = random.between(8, 60);
  const totalDistance = average * totalHours;
  const leg1 = random.between(1, totalDistance - 1);
  const leg2 = totalDistance - leg1;
  const name = random.pick(NAMES);
  return {
    prompt:
      `${name} drives ${leg1} km in ${hours1} hours and then ${leg2} km in ${hours2} hours. ` +
      'What is the average speed for the whole trip in km/h?',
    steps: [
      step('compute', `Total distance: ${leg1} + ${leg2} = ${totalDistance} km`),
      step('compute', `Total time: ${hours1} + ${hours2} = ${totalHours} hours`),
      step('compute', `Average speed: ${totalDistance} / ${totalHours} = ${average} km/h`),
    ],
    answer: String(average),
    template: 'average_speed',
    difficulty: 'hard',
  };
};

export const percentageOf: ProblemFamily = (random) => {
  const percent = random.between(1, 19) * 5;
  const base = random.between(1, 30) * 20;
  const tenth = base / 10;
  const result = (base * percent) / 100;
  return {
    prompt: `What is ${percent}% of ${base}?`,
    steps: [
      step('compute', `10% of ${base} is ${base} / 10 = ${tenth}`),
      step('compute', `${percent}% is ${percent / 10} times that: ${tenth} * ${percent / 10} = ${result}`),
    ],
    answer: String(result),
    template: 'percentage_of',
    difficulty: 'medium',
  };
};

export const discountPrice: ProblemFamily = (random) => {
  const price = random.between(1, 25) * 20;
  const percent = random.between(1, 15) * 5;
  const discount = (price * percent) / 100;
  const item = random.pick(SHOP_ITEMS);
  return {
    prompt: `A ${item.singular} costs $${price} and is on sale for ${percent}% off. What is the sale price?`,
    steps: [
      step('compute', `Discount: ${price} * ${percent} / 100 = ${discount}`),
      step('compute', `Sale price: ${price} - ${discount} = ${price - discount}`),
    ],
    answer: formatDollars((price - discount) * 100),
    template: 'discount_price',
    difficulty: 'medium',
  };
};

export const percentIncrease: ProblemFamily = (random) => {
  const population = random.between(2, 60) * 100;
  const percent = random.between(1, 10) * 5;
  const growth = (population * percent) / 100;
  return {
    prompt: `A town has ${population} people. The population grows by ${percent}%. How many people live there now?`,
    steps: [
      step('compute', `Growth: ${population} * ${percent} / 100 = ${growth}`),
      step('compute', `New population: ${population} + ${growth} = ${population + growth}`),
    ],
    answer: String(population + growth),
    template: 'percent_increase',
    difficulty: 'medium',
  };
};

function priceInCents(random: Random, item: ShopItem): number {
  return random.between(item.minCents / 25, item.maxCents / 25) * 25;
}

export const shoppingChange: ProblemFamily = (random) => {
  const [first, second] = random.pickDistinct(SHOP_ITEMS, 2) as [ShopItem, ShopItem];
  const quantity1 = random.between(2, 5);
  const quantity2 = random.between(2, 5);
  const price1 = priceInCents(random, first);
  const price2 = priceInCents(random, second);
  const cost1 = quantity1 * price1;
  const cost2 = quantity2 * price2;
  const total = cost1 + cost2;
  const bill = [1000, 2000, 5000, 10000].find((b) => b > total) ?? Math.ceil((total + 1) / 10000) * 10000;
  const name = random.pick(NAMES);
  return {
    prompt:
      `${name} buys ${quantity1} ${first.plural} at ${formatDollars(price1)} each and ${quantity2} ` +
      `${second.plural} at ${formatDollars(price2)} each, and pays with a ${formatDollars(bill)} bill. ` +
      `How much change does ${name} get?`,
    steps: [
      step('compute', `${first.plural}: ${quantity1} * ${formatDollars(price1)} = ${formatDollars(cost1)}`),
      step('compute', `${second.plural}: ${quantity2} * ${formatDollars(price2)} = ${formatDollars(cost2)}`),
      step('compute', `Total: ${formatDollars(cost1)} + ${formatDollars(cost2)} = ${formatDollars(total)}`),
      step('compute', `Change: ${formatDollars(bill)} - ${formatDollars(total)} = ${formatDollars(bill - total)}`),
    ],
    answer: formatDollars(bill - total),
    template: 'shopping_change',
    difficulty: 'hard',
  };
};

export const unitPrice: ProblemFamily = (random) => {
  const item = random.pick(SHOP_ITEMS);
  const each = priceInCents(random, item);
  const known = random.between(2, 6);
  let wanted = random.between(2, 9);
  if (wanted === known) wanted += 1;
  return {
    prompt: `${known} ${item.plural} cost ${formatDollars(known * each)}. How much do ${wanted} ${item.plural} cost?`,
    steps: [
      step('compute', `One costs ${formatDollars(known * each)} / ${known} = ${formatDollars(each)}`),
      step('compute', `${wanted} cost ${wanted} * ${formatDollars(each)} = ${formatDollars(wanted * each)}`),
    ],
    answer: formatDollars(wanted * each),
    template: 'unit_price',
    difficulty: 'medium',
  };
};
