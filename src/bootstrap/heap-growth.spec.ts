import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heap-growth';

jest.mock('node:v8', () => ({ ...jest.requireActual('node:v8'), setFlagsFromString: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setFlagsFromString } = require('node:v8') as { setFlagsFromString: jest.Mock };

describe('limitHeapGrowth', () => {
  beforeEach(() => setFlagsFromString.mockClear());

  it('sets V8 heap growth when the operator chose none', () => {
    expect(limitHeapGrowth(['--enable-source-maps'], '--no-warnings')).toBe(true);
    expect(setFlagsFromString).toHaveBeenCalledWith(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    );
  });

  it.each([
    [['--heap-growing-percent=200'], ''],
    [[], '--max-semi-space-size=8 --heap_growing_percent=10'],
  ])('leaves an operator’s own choice alone (%j, %j)', (execArgv, nodeOptions) => {
    expect(limitHeapGrowth(execArgv, nodeOptions)).toBe(false);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it('sets no hard heap limit', () => {
    limitHeapGrowth([], '');
    expect(setFlagsFromString.mock.calls.flat().join(' ')).not.toMatch(/max-old-space|max-heap/);
  });
});
