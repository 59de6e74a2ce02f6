import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_FORMAT_DESCRIPTIONS, isExportFormat, parseExportFormat } from '../../../src/export/formats';
import { RENDERERS } from '../../../src/export/renderers';

describe('parseExportFormat', () => {
  it.each(EXPORT_FORMATS)('accepts %s', (format) => {
    expect(parseExportFormat(format)).toEqual({ ok: true, value: format });
  });

  it('rejects an unknown format with a message that lists every known one', () => {
    const result = parseExportFormat('csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'format', message: 'unknown export format "csv": use one of trace, tunix_sft, training_example, prompt_completion, messages' },
    ]);
  });

  it('rejects non-strings, near misses and prototype names, under the path it is given', () => {
    for (const value of [undefined, null, 3, 'TUNIX_SFT', ' trace', 'toString', '']) {
      expect(isExportFormat(value)).toBe(false);
      const result = parseExportFormat(value, 'query.format');
      expect(result.ok ? null : result.errors[0]?.path).toBe('query.format');
    }
  });
});

describe('the format list', () => {
  it('has one renderer and one description per format and nothing else', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual([...EXPORT_FORMATS].sort());
    expect(Object.keys(EXPORT_FORMAT_DESCRIPTIONS).sort()).toEqual([...EXPORT_FORMATS].sort());
  });
});
