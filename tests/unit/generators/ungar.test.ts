import { describe, expect, it } from 'vitest';
import { isReservedForEval } from '../../../src/generators/problem';
import {
  HIGH_CARD_DUEL_PROMPT,
  cardName,
  duelResult,
  generateHighCardDuel,
  generateHighCardDuelOutcome,
  rankValue,
} from '../../../src/generators/ungar';
import { structuralProblems } from './trace-checks';

const RANK_ORDER = '23456789TJQKA';

function resultOf(my: string, opponent: string): string {
  const a = RANK_ORDER.indexOf(my[0] as string);
  const b = RANK_ORDER.indexOf(opponent[0] as string);
  return a > b ? 'win' : a < b ? 'loss' : 'tie';
}

describe('cards', () => {
  it('names all 52 cards once, ranks 2..14 with aces high', () => {
    const names = Array.from({ length: 52 }, (_, card) => cardName(card));
    expect(new Set(names).size).toBe(52);
    expect(names).toContain('TD');
    expect(rankValue(names.indexOf('AS'))).toBe(14);
    expect(rankValue(names.indexOf('2C'))).toBe(2);
    expect(duelResult(names.indexOf('KH'), names.indexOf('KS'))).toBe('tie');
    expect(duelResult(names.indexOf('AH'), names.indexOf('KS'))).toBe('win');
  });
});

describe('High Card Duel (reveal)', () => {
  const traces = [...generateHighCardDuel(2000, 42)];

  it('keeps the reference trace: prompt, step types and contents, answer reveal', () => {
    for (const trace of traces) {
      expect(structuralProblems(trace)).toEqual([]);
      expect(trace.prompt).toBe(HIGH_CARD_DUEL_PROMPT);
      expect(trace.prompt).toBe('High Card Duel: You have 1 hidden card. Action: reveal.');
      expect(trace.steps.map((s) => s.type)).toEqual(['legal_moves', 'observation', 'unseen', 'decision']);
      expect(trace.steps[0]?.content).toBe('Legal moves: [reveal]');
      expect(trace.steps[1]?.content).toBe(`My hand: ${String(trace.meta?.my_card)}`);
      expect(trace.steps[2]?.content).toBe('Unseen cards: 51');
      expect(trace.steps[3]?.content).toBe('Action chosen: reveal');
      expect(trace.final_answer).toBe('reveal');
    }
  });

  it('records the episode in meta, with a result that matches the rank order', () => {
    traces.forEach((trace, index) => {
      const meta = trace.meta ?? {};
      expect(Object.keys(meta)).toEqual(['source', 'game', 'episode_index', 'my_card', 'opponent_card', 'result', 'seed']);
      expect(meta).toMatchObject({ source: 'ungar', game: 'high_card_duel', episode_index: index, seed: 42 });
      expect(meta.my_card).not.toBe(meta.opponent_card);
      expect(meta.result).toBe(resultOf(String(meta.my_card), String(meta.opponent_card)));
    });
  });

  it('deals every card, with a tie rate near 3/51', () => {
    const dealt = new Set(traces.map((t) => t.meta?.my_card));
    expect(dealt.size).toBe(52);
    const ties = traces.filter((t) => t.meta?.result === 'tie').length / traces.length;
    expect(ties).toBeGreaterThan(0.03);
    expect(ties).toBeLessThan(0.09);
  });
});

describe('High Card Duel outcome', () => {
  const traces = [...generateHighCardDuelOutcome(2000, 42)];

  it('answers win, loss or tie by comparing ranks, never with a reserved prompt', () => {
    for (const trace of traces) {
      expect(structuralProblems(trace)).toEqual([]);
      const my = String(trace.meta?.my_card);
      const opponent = String(trace.meta?.opponent_card);
      expect(trace.prompt).toBe(`High Card Duel: You reveal ${my}. Opponent reveals ${opponent}. Win, loss or tie?`);
      expect(trace.final_answer).toBe(resultOf(my, opponent));
      expect(trace.meta?.result).toBe(trace.final_answer);
      expect(trace.steps.map((s) => s.type)).toEqual(['observation', 'observation', 'comparison']);
      expect(isReservedForEval(trace.prompt)).toBe(false);
    }
  });

  it('writes both ranks and their comparison in the steps', () => {
    const trace = traces.find((t) => t.final_answer === 'win');
    const my = String(trace?.meta?.my_card);
    const value = RANK_ORDER.indexOf(my[0] as string) + 2;
    expect(trace?.steps[0]?.content).toBe(`My card: ${my}, rank ${my[0]} = ${value}`);
    expect(trace?.steps[2]?.content).toMatch(new RegExp(`^${value} > \\d+, so I win$`));
  });
});
