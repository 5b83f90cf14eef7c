import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heap-growth';

jest.mock('node:v8', () => ({ ...jest.requireActual('node:v8'), setFlagsFromString: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setFlagsFromString } = require('node:v8') as { setFlagsFromString: jest.Mock };

describe('limitHeapGrowth', () => {
  beforeEach(() => setFlagsFromString.mockClear());

  it('sets V8 heap growth when the operator chose none', () => {
    expect(limitHeapGrowth(['--enable-source-maps', '--max-semi-space-size=8'])).toBe(true);
    expect(setFlagsFromString).toHaveBeenCalledWith(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    );
  });

  it.each([
    [['--heap-growing-percent=200']],
    [['--cpu-prof', '--heap_growing_percent=10']],
    [['-heap-growing-percent=30']],
  ])('leaves the operator’s own choice on the command line alone (%j)', (execArgv) => {
    expect(limitHeapGrowth(execArgv)).toBe(false);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it('sets no hard heap limit', () => {
    limitHeapGrowth([]);
    expect(setFlagsFromString.mock.calls.flat().join(' ')).not.toMatch(/max-old-space|max-heap/);
  });
});
