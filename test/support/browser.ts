// Headless Chromium for the page tests, driven by playwright-core (which never downloads a
// browser). Two sources, so `npm ci && npm test` needs no system package:
//   - the system's Chromium (Debian's /usr/bin/chromium) when it is installed;
//   - otherwise the headless-shell build that the `@sparticuz/chromium` dev dependency ships
//     inside its npm tarball (brotli-compressed, with the NSS libraries and a font it needs),
//     unpacked once into node_modules/.cache.
// TEST_BROWSER=bundled forces the npm build (`.ci/run` does, so CI proves a machine without
// Chromium works), TEST_BROWSER=system the system one; CHROMIUM_PATH names any other binary.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface BrowserBinary {
  source: 'path' | 'system' | 'bundled';
  executablePath: string;
  env: Record<string, string>;
}

export function resolveBrowser(env: NodeJS.ProcessEnv = process.env): BrowserBinary {
  if (env.CHROMIUM_PATH) return { source: 'path', executablePath: env.CHROMIUM_PATH, env: {} };
  const wanted = env.TEST_BROWSER ?? 'auto';
  if (!['auto', 'system', 'bundled'].includes(wanted)) {
    throw new Error(`TEST_BROWSER must be auto, system or bundled, not "${wanted}"`);
  }
  if (wanted === 'system' || (wanted === 'auto' && existsSync(SYSTEM_CHROMIUM))) {
    return { source: 'system', executablePath: SYSTEM_CHROMIUM, env: {} };
  }
  return bundledChromium();
}

/** Unpacks @sparticuz/chromium's binary, libraries and font once per package version. */
export function bundledChromium(): BrowserBinary {
  const packageDir = resolve(dirname(require.resolve('@sparticuz/chromium')), '../..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = resolve(packageDir, '../../.cache', `sparticuz-chromium-${version}`);
  if (!existsSync(join(target, 'chromium'))) unpack(join(packageDir, 'bin'), target);
  return {
    source: 'bundled',
    executablePath: join(target, 'chromium'),
    env: {
      // The package's NSS/NSPR/expat, so a machine without Debian's libnss3 runs it too.
      LD_LIBRARY_PATH: [join(target, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: target,
    },
  };
}

// Parallel Jest workers may unpack at the same time: each writes a private directory and
// renames it into place; the loser of the rename discards its copy.
function unpack(bin: string, target: string): void {
  const staging = `${target}.${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  try {
    writeFileSync(
      join(staging, 'chromium'),
      brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))),
      {
        mode: 0o755,
      },
    );
    // al2023: shared libraries; fonts: Open Sans + fonts.conf; swiftshader: software GL.
    for (const archive of ['al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br']) {
      const tar = spawnSync('tar', ['-x', '-C', staging], {
        input: brotliDecompressSync(readFileSync(join(bin, archive))),
      });
      if (tar.status !== 0) throw new Error(`tar ${archive}: ${tar.stderr.toString()}`);
    }
    // The shipped fonts.conf names Lambda's /tmp/fonts; point fontconfig at our copy instead.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${join(target, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
        `  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'chromium'))) throw error;
  }
}

/** `extraArgs`: e.g. `--host-resolver-rules=MAP docs.hoc.test 127.0.0.1` to open a loopback
 * server under a name that is not localhost (a non-secure origin, as a colleague's browser sees it).
 * `binary`: the machine's choice (CHROMIUM_PATH, TEST_BROWSER) unless a test names one. */
export function launchBrowser(
  extraArgs: string[] = [],
  binary: BrowserBinary = resolveBrowser(),
): Promise<Browser> {
  return chromium.launch({
    executablePath: binary.executablePath,
    headless: true,
    env: { ...process.env, ...binary.env },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
