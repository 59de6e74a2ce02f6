// UNGAR High Card Duel, as the reference system (tunix-rt) turned its episodes into traces.
// Each episode deals two distinct cards from a 52-card deck; the player sees its own card and
// the only legal action is reveal. Cards are rank + suit: ranks 2 3 4 5 6 7 8 9 T J Q K A,
// suits S H D C, so `TD` is the ten of diamonds.
//
// Rank order (both variants): 2 < 3 < ... < 9 < T(10) < J(11) < Q(12) < K(13) < A(14); aces are
// high and suits never break ties, so two cards of equal rank are a tie.
//
// - `reveal` variant: the reference trace, prompt and steps verbatim; answer always `reveal`.
// - `outcome` variant: both cards are shown after the reveal, the steps read off and compare
//   the ranks, and the answer is `win`, `loss` or `tie` (a small table with a real answer).
// Must never let the outcome variant emit a prompt reserved for evaluation (see problem.ts).
import type { ReasoningTrace, TraceStep } from '../traces/types';
import { CURRENT_TRACE_VERSION } from '../traces/types';
import type { Problem, ProblemFamily } from './problem';
import { isReservedForEval, problemToTrace, step } from './problem';
import { Random } from './random';

export const UNGAR_VERSION = '1.0.0';
export const HIGH_CARD_DUEL_PROMPT = 'High Card Duel: You have 1 hidden card. Action: reveal.';

const RANKS = '23456789TJQKA';
const SUITS = 'SHDC';

export type DuelResult = 'win' | 'loss' | 'tie';

/** A card as 0..51: rank index * 4 + suit index. */
export function cardName(card: number): string {
  return `${RANKS[Math.floor(card / 4)]}${SUITS[card % 4]}`;
}

/** 2..14, ace high. */
export function rankValue(card: number): number {
  return Math.floor(card / 4) + 2;
}

export function duelResult(myCard: number, opponentCard: number): DuelResult {
  const mine = rankValue(myCard);
  const theirs = rankValue(opponentCard);
  return mine > theirs ? 'win' : mine < theirs ? 'loss' : 'tie';
}

/** Two distinct cards, uniformly: mine, then the opponent's from the 51 left. */
function dealTwoCards(random: Random): [number, number] {
  const mine = random.below(52);
  let theirs = random.below(51);
  if (theirs >= mine) theirs += 1;
  return [mine, theirs];
}

const REVEAL_STEPS: readonly TraceStep[] = [
  { i: 0, type: 'legal_moves', content: 'Legal moves: [reveal]' },
  { i: 1, type: 'observation', content: '' },
  { i: 2, type: 'unseen', content: 'Unseen cards: 51' },
  { i: 3, type: 'decision', content: 'Action chosen: reveal' },
];

export function* generateHighCardDuel(count: number, seed: number): Generator<ReasoningTrace> {
  const random = new Random(seed);
  for (let episode = 0; episode < count; episode++) {
    const [mine, theirs] = dealTwoCards(random);
    const steps = REVEAL_STEPS.map((s) => ({ ...s }));
    (steps[1] as TraceStep).content = `My hand: ${cardName(mine)}`;
    yield {
      trace_version: CURRENT_TRACE_VERSION,
      prompt: HIGH_CARD_DUEL_PROMPT,
      steps,
      final_answer: 'reveal',
      meta: {
        source: 'ungar',
        game: 'high_card_duel',
        episode_index: episode,
        my_card: cardName(mine),
        opponent_card: cardName(theirs),
        result: duelResult(mine, theirs),
        seed,
      },
    };
  }
}

function rankLine(card: number): string {
  return `rank ${RANKS[Math.floor(card / 4)]} = ${rankValue(card)}`;
}

/** The outcome trace for one deal, as a Problem. */
export function duelOutcomeProblem(myCard: number, opponentCard: number): Problem {
  const result = duelResult(myCard, opponentCard);
  const mine = rankValue(myCard);
  const theirs = rankValue(opponentCard);
  const comparison =
    result === 'win' ? `${mine} > ${theirs}, so I win` : result === 'loss' ? `${mine} < ${theirs}, so I lose` : `${mine} = ${theirs}, so it is a tie`;
  return {
    prompt: `High Card Duel: You reveal ${cardName(myCard)}. Opponent reveals ${cardName(opponentCard)}. Win, loss or tie?`,
    steps: [
      step('observation', `My card: ${cardName(myCard)}, ${rankLine(myCard)}`),
      step('observation', `Opponent card: ${cardName(opponentCard)}, ${rankLine(opponentCard)}`),
      step('comparison', comparison),
    ],
    answer: result,
    template: 'high_card_duel_outcome',
    difficulty: result === 'tie' || Math.abs(mine - theirs) <= 1 ? 'medium' : 'easy',
  };
}

/** A random deal as an outcome problem (eval sets draw their reserved deals from this). */
export const duelOutcomeFamily: ProblemFamily = (random) => {
  const [mine, theirs] = dealTwoCards(random);
  return duelOutcomeProblem(mine, theirs);
};

/** A deal whose outcome prompt is not reserved for evaluation. */
function trainingDeal(random: Random): [number, number] {
  for (;;) {
    const deal = dealTwoCards(random);
    if (!isReservedForEval(duelOutcomeProblem(deal[0], deal[1]).prompt)) return deal;
  }
}

export function* generateHighCardDuelOutcome(count: number, seed: number): Generator<ReasoningTrace> {
  const random = new Random(seed);
  for (let episode = 0; episode < count; episode++) {
    const [mine, theirs] = trainingDeal(random);
    const problem = duelOutcomeProblem(mine, theirs);
    yield problemToTrace(problem, {
      source: 'ungar',
      game: 'high_card_duel',
      variant: 'outcome',
      episode_index: episode,
      my_card: cardName(mine),
      opponent_card: cardName(theirs),
      result: problem.answer,
      difficulty: problem.difficulty,
      seed,
    });
  }
}
